"""Where the arrows between statements go in one frame: who answered whom. No Qt.

A relation joins two items of the time index (``from`` answers ``to``). An arrow is
drawn when at least one end is on screen: from the answer's mark to the answered
mark, or, when the other end lies outside the view, to the view's edge at the other
item's lane, with a label naming that item's lane and date. All per-frame work is on
arrays of the frame's visible items, never on the whole store's relations in Python.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import numpy as np

from db.schema import RELATION_KINDS
from viewer.timeline.scene import MarkType

if TYPE_CHECKING:
    from db.corroboration import RelationRows
    from viewer.timeline.state import TimelineState

#: Relation kinds in drawing order (the ones drawn last are on top).
KINDS = ("variant_of", "responds_to", "supports", "rebuts", "contradicts")
EDGE_PX = 14.0  # how far inside the view an arrow to an off-screen item stops


@dataclass(frozen=True, slots=True)
class Links:
    """Every relation of a store as index rows: ``src`` answers ``dst`` (-1: not shown)."""

    src: np.ndarray
    dst: np.ndarray
    kind: np.ndarray  # index into KINDS
    ends: np.ndarray = field(init=False)  # every row at either end, sorted, once

    def __post_init__(self) -> None:
        object.__setattr__(self, "ends", np.union1d(self.src, self.dst))

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


@dataclass(frozen=True, slots=True)
class Arrow:
    """One arrow of a frame: from (x0, y0), the answer, to (x1, y1), the answered.

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


def frame_arrows(
    links: Links,
    shown_rows: np.ndarray,
    shown_xy: np.ndarray,
    place: Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]],
    view: tuple[float, float],
) -> list[Arrow]:
    """The arrows of one frame.

    ``shown_rows`` are the index rows on screen and ``shown_xy`` their marks' centres
    (n × 2). ``place(rows)`` gives the x of each row's time and its lane's centre y
    (NaN where the lane is hidden), for ends off screen; ``view`` is the lanes' area
    (left, right) in x.
    """
    if not len(links) or not len(shown_rows):
        return []
    order = np.argsort(shown_rows, kind="stable")
    rows, xy = shown_rows[order], shown_xy[order]
    src_at, src_on = _lookup(rows, links.src)
    dst_at, dst_on = _lookup(rows, links.dst)
    drawn = np.flatnonzero(src_on | dst_on)
    drawn = drawn[np.argsort(links.kind[drawn], kind="stable")]
    x0, y0 = _ends(links.src[drawn], src_on[drawn], xy[src_at[drawn]], place, view)
    x1, y1 = _ends(links.dst[drawn], dst_on[drawn], xy[dst_at[drawn]], place, view)
    arrows = []
    for j, i in enumerate(drawn.tolist()):
        if np.isnan(y0[j]) or np.isnan(y1[j]):
            continue
        away = -1 if src_on[i] and dst_on[i] else int(links.dst[i] if src_on[i] else links.src[i])
        arrows.append(Arrow(float(x0[j]), float(y0[j]), float(x1[j]), float(y1[j]),
                            KINDS[int(links.kind[i])], int(links.src[i]), int(links.dst[i]),
                            away))
    return arrows


def _ends(rows: np.ndarray, on: np.ndarray, shown: np.ndarray,
          place: Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]],
          view: tuple[float, float]) -> tuple[np.ndarray, np.ndarray]:
    """x and y of one end of each arrow: its mark, or the view's edge at its lane."""
    x, y = shown[:, 0].astype(float), shown[:, 1].astype(float)
    off = np.flatnonzero(~on)
    if len(off):
        px, py = place(rows[off])
        left, right = view
        x[off] = np.clip(px, left + EDGE_PX, right - EDGE_PX)
        y[off] = py
    return x, y


def _lookup(sorted_rows: np.ndarray, wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Positions of ``wanted`` in ``sorted_rows`` and whether each is there."""
    at = np.searchsorted(sorted_rows, wanted)
    at = np.minimum(at, len(sorted_rows) - 1)
    return at, (sorted_rows[at] == wanted) & (wanted >= 0)


def state_arrows(state: TimelineState, glyph: float) -> list[Arrow]:
    """The arrows of the state's current frame, in lane coordinates (none in a dense
    frame: single items are not drawn there), worked out once per frame. ``glyph`` is a
    span's glyph size."""
    frame = state.frame
    links = state.links
    if frame.dense or not len(links):
        return []
    key = (frame, links, state.layout, glyph)
    if _LAST and all(a is b for a, b in zip(_LAST[0], key, strict=True)):
        return _LAST[1]
    layout, scale, index = state.layout, state.scale, state.store.index
    marks = [m for m in frame.marks if m.type != MarkType.COUNT]
    rows = np.fromiter((m.item for m in marks), np.int64, len(marks))
    ends = np.flatnonzero(np.isin(rows, links.ends, assume_unique=False))
    rows = rows[ends]
    xy = np.array([(max(m.x0, 0) + glyph * 0.5 + 3 if m.type == MarkType.SPAN else m.x,
                    layout.sub_center(m.lane, m.sub))
                   for m in (marks[i] for i in ends.tolist())], dtype=float).reshape(-1, 2)
    centers = np.array([lane.center for lane in layout.lanes] + [np.nan])

    def place(off: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        lanes = layout.item_lanes(index.actor)[off]  # the layout's cached column
        x = (index.t0[off] - scale.start) / scale.seconds_per_px
        return x, centers[np.where(lanes >= 0, lanes, -1)]

    arrows = frame_arrows(links, rows, xy, place, (0.0, scale.width))
    _LAST[:] = [key, arrows]
    return arrows


#: The last frame's arrows (a repaint of the same frame, on hover or scroll, reuses them).
_LAST: list = []


def away_label(state: TimelineState, row: int) -> str:
    """An off-screen item named at the view's edge: its lane and date (kept per layout)."""
    key = (id(state.layout), row)
    text = _AWAY.get(key)
    if text is None:
        lane = state.layout.row_of_actor(int(state.store.index.actor[row]))
        name = state.layout.lanes[lane].label if lane >= 0 else "Unattributed"
        day = datetime.fromtimestamp(int(state.store.index.t0[row]), UTC)
        if len(_AWAY) > 10_000:
            _AWAY.clear()
        text = _AWAY[key] = f"{name} · {day.day} {day:%b %Y}"
    return text


_AWAY: dict[tuple[int, int], str] = {}
