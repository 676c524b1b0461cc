"""Where the arrows between statements go in one frame: who answered whom. No Qt.

A relation joins two items of the time index (``from`` answers ``to``). An arrow is
drawn when at least one end is on screen: from the answer's mark to the answered
mark, or, when the other end lies outside the view, to the view's edge at the other
item's lane, with a label naming that item's lane and date. A frame finds its links by
bisection in the links' sorted ends and routes them on arrays: the cost follows the
marks on screen, never the store's relations.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

import numpy as np

from db.schema import RELATION_KINDS
from viewer.timeline.arrow_route import route
from viewer.timeline.scene import MarkType

if TYPE_CHECKING:
    from db.corroboration import RelationRows
    from viewer.timeline.lanes import LaneLayout
    from viewer.timeline.state import TimelineState

#: Relation kinds in drawing order (the ones drawn last are on top).
KINDS = ("variant_of", "responds_to", "supports", "rebuts", "contradicts")
EDGE_PX = 14.0  # how far inside the view an arrow to an off-screen item stops


@dataclass(frozen=True, slots=True)
class Links:
    """Every relation of a store as index rows: ``src`` answers ``dst`` (-1: not shown).

    Sorted once, when the store loads, so a frame finds the links of its marks by
    bisection: its cost follows the marks on screen, not the store's relations."""

    src: np.ndarray
    dst: np.ndarray
    kind: np.ndarray  # index into KINDS
    ends: np.ndarray = field(init=False)  # every row at either end, sorted
    _by_src: tuple[np.ndarray, np.ndarray] = field(init=False)  # (order, sorted rows)
    _by_dst: tuple[np.ndarray, np.ndarray] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "ends", np.union1d(self.src, self.dst))
        for name, rows in (("_by_src", self.src), ("_by_dst", self.dst)):
            order = np.argsort(rows, kind="stable")
            object.__setattr__(self, name, (order, rows[order]))

    @classmethod
    def empty(cls) -> Links:
        none = np.empty(0, np.int64)
        return cls(none, none, np.empty(0, np.int8))

    @classmethod
    def of(cls, pairs: list[tuple[int, int, str]]) -> Links:
        """From (from row, to row, kind) triples; unknown kinds and rows (-1) are dropped."""
        kept = [(a, b, KINDS.index(k)) for a, b, k in pairs if k in KINDS and min(a, b) >= 0]
        if not kept:
            return cls.empty()
        src, dst, kind = (np.array(c) for c in zip(*kept, strict=True))
        return cls(src.astype(np.int64), dst.astype(np.int64), kind.astype(np.int8))

    @classmethod
    def of_rows(cls, rows: RelationRows) -> Links:
        """From a store's relations as index rows (``store.corroboration.relation_rows()``)."""
        to_ours = np.array([KINDS.index(k) for k in RELATION_KINDS], dtype=np.int8)
        keep = (rows.from_row >= 0) & (rows.to_row >= 0) & (rows.kind >= 0)
        return cls(rows.from_row[keep], rows.to_row[keep], to_ours[rows.kind[keep]])

    def __len__(self) -> int:
        return len(self.src)

    def touching(self, rows: np.ndarray) -> np.ndarray:
        """The links (ascending positions) with an end among ``rows`` (sorted)."""
        if not len(self) or not len(rows):
            return np.empty(0, np.int64)
        rows = rows[_lookup(self.ends, rows)[1]]  # the rows that are a link's end
        found = [order[_spans(np.searchsorted(ends, rows), np.searchsorted(ends, rows, "right"))]
                 for order, ends in (self._by_src, self._by_dst)]
        return np.unique(np.concatenate(found))


@dataclass(frozen=True, slots=True)
class Arrow:
    """One arrow of a frame: from (x0, y0), the answer, to (x1, y1), the answered (mark
    centres, or points at the view's edge); ``curve`` is its cubic (start, two control
    points, end), ``middle`` the curve's middle and unit tangent, ``tip`` the head's unit
    direction (see :mod:`arrow_route`).

    ``away`` is the index row of an end outside the view (its label names it), or -1.
    """

    x0: float
    y0: float
    x1: float
    y1: float
    kind: str
    src: int
    dst: int
    away: int = -1
    curve: tuple[float, ...] = ()
    middle: tuple[float, ...] = ()
    tip: tuple[float, ...] = ()


def frame_arrows(
    links: Links,
    shown_rows: np.ndarray,
    shown_xy: np.ndarray,
    place: Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]],
    view: tuple[float, float],
    radius: float = 0.0,
) -> list[Arrow]:
    """The arrows of one frame, in drawing order (by kind).

    ``shown_rows`` are the index rows on screen and ``shown_xy`` their marks' centres
    (n × 2). ``place(rows)`` gives the x of each row's time and its lane's centre y
    (NaN where the lane is hidden), for ends off screen; ``view`` is the lanes' area
    (left, right) in x; ``radius`` half a mark's glyph (arrows meet a glyph's edge).
    """
    order = np.argsort(shown_rows, kind="stable")
    rows, xy = shown_rows[order], shown_xy[order]
    ids = links.touching(rows)
    if not len(ids):
        return []
    ids = ids[np.argsort(links.kind[ids], kind="stable")]
    pairs = np.column_stack((links.src[ids], links.dst[ids]))  # answer, answered
    at, on = _lookup(rows, pairs)
    ends = xy[at].reshape(-1, 4).astype(float, copy=False)  # x0 y0 x1 y1
    arrow, end = np.nonzero(~on)
    if len(arrow):  # ends off screen: at the view's edge, on their lane
        x, y = place(pairs[arrow, end])
        ends[arrow, 2 * end] = np.clip(x, view[0] + EDGE_PX, view[1] - EDGE_PX)
        ends[arrow, 2 * end + 1] = y
        keep = np.flatnonzero(~np.isnan(ends[:, 1::2]).any(axis=1))  # not on a hidden lane
        ids, pairs, on, ends = ids[keep], pairs[keep], on[keep], ends[keep]
    if not len(ids):
        return []
    routes = route(ends, on, view, radius)
    away = np.where(on[:, 1], np.where(on[:, 0], -1, pairs[:, 0]), pairs[:, 1])
    return list(map(Arrow, *ends.T.tolist(), map(KINDS.__getitem__, links.kind[ids].tolist()),
                    *pairs.T.tolist(), away.tolist(), map(tuple, routes.points.tolist()),
                    map(tuple, routes.middle.tolist()), map(tuple, routes.tip.tolist())))


def _lookup(sorted_rows: np.ndarray, wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Positions of ``wanted`` in ``sorted_rows`` and whether each is there."""
    if not len(sorted_rows):
        return np.zeros(wanted.shape, np.int64), np.zeros(wanted.shape, bool)
    at = np.minimum(np.searchsorted(sorted_rows, wanted), len(sorted_rows) - 1)
    return at, (sorted_rows[at] == wanted) & (wanted >= 0)


def _spans(starts: np.ndarray, stops: np.ndarray) -> np.ndarray:
    """Every position of the ranges [starts[i], stops[i]), concatenated."""
    sizes = stops - starts
    total = int(sizes.sum())
    if not total:
        return np.empty(0, np.int64)
    before = np.cumsum(sizes) - sizes
    return np.repeat(starts - before, sizes) + np.arange(total)


def state_arrows(state: TimelineState, glyph: float) -> list[Arrow]:
    """The arrows of the state's current frame, in lane coordinates (none in a dense
    frame: single items are not drawn there), worked out once per frame. ``glyph`` is a
    mark's glyph size."""
    frame = state.frame
    links = state.links
    if frame.dense or not len(links):
        return []
    key = (frame, links, state.layout, glyph)
    if _LAST and all(a is b for a, b in zip(_LAST[0], key, strict=True)):
        return _LAST[1]
    layout, scale, index = state.layout, state.scale, state.store.index
    rows = frame.items  # the frame's own marks, which come first (counts last)
    shown = np.flatnonzero(_lookup(links.ends, rows)[1])  # marks that end a link
    x0, x1 = frame.x0[shown], frame.x1[shown]
    x = np.where(frame.types[shown] == MarkType.SPAN, np.maximum(x0, 0) + glyph * 0.5 + 3,
                 (x0 + x1) / 2)
    y = layout.sub_centers(frame.rows[shown], frame.subs[shown])
    xy = np.stack([x, y], axis=1).astype(float).reshape(-1, 2)
    def place(off: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        lanes = layout.item_lanes(index.actor)[off].tolist()  # the layout's cached column
        x = (index.t0[off] - scale.start) / scale.seconds_per_px
        return x, np.array([layout.lanes[lane].center if lane >= 0 else np.nan
                            for lane in lanes], dtype=float)

    arrows = frame_arrows(links, rows[shown], xy, place, (0.0, scale.width), glyph / 2)
    _LAST[:] = [key, arrows]
    return arrows


#: The last frame's arrows (a repaint of the same frame, on hover or scroll, reuses them).
_LAST: list = []


def away_label(state: TimelineState, row: int) -> str:
    """An off-screen item named at the view's edge: its lane and date (kept per layout,
    as long as the layout lives: a new one, whose id may be an old one's, starts afresh)."""
    names = _AWAY.get(state.layout)
    if names is None:
        names = _AWAY[state.layout] = {}
    text = names.get(row)
    if text is None:
        lane = state.layout.row_of_actor(int(state.store.index.actor[row]))
        name = state.layout.lanes[lane].label if lane >= 0 else "Unattributed"
        day = datetime.fromtimestamp(int(state.store.index.t0[row]), UTC)
        if len(names) > 10_000:
            names.clear()
        text = names[row] = f"{name} · {day.day} {day:%b %Y}"
    return text


_AWAY: WeakKeyDictionary[LaneLayout, dict[int, str]] = WeakKeyDictionary()
