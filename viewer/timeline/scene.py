"""What one frame shows: marks, their sub-rows, and density, from the time index. No Qt.

The frame is decided when the view changes, not while painting: the visible window
is cut from the sorted index with two bisections; up to :data:`DETAIL_LIMIT` items are
laid out one by one, stacked in sub-rows where they share a span (:mod:`stack`); beyond
that each lane shows a density histogram (:mod:`density`), from counts kept between
frames (:mod:`counts`). Nothing here is per item in the store, only per item on screen.

Words: a *lane* is a row of the layout (an actor); an *item* is a row of the time index;
``rid`` is an item's id in its table; a *sub-row* is a line inside a stacked lane.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import IntEnum

import numpy as np

from db.timeindex import KIND_EVENT, TimeIndex
from viewer.timeline.counts import lane_counts
from viewer.timeline.density import BUCKET_PX
from viewer.timeline.lanes import LaneLayout
from viewer.timeline.scale import DAY, TimeScale
from viewer.timeline.stack import LABEL_RESERVE, footprints, next_starts, stack

DETAIL_LIMIT = 4000
SPAN_MIN_PX = 12.0
SPAN_LINK_PX = 6.0  # where a link meets a span: just inside its start
#: Sub-rows a lane may take in a view of a week; closer views allow more (see
#: :func:`stack_cap`), up to MAX_CAP.
STACK_CAP = 6
MAX_CAP = 400


class MarkType(IntEnum):
    """What a mark draws: one item at a point, one item over its span, or a count of items
    summarised where a lane's stack is capped (it opens on click or Enter)."""

    POINT = 0
    SPAN = 1
    COUNT = 2


@dataclass(slots=True)
class Mark:
    """One thing drawn in a lane: ``lane`` is its lane row, ``sub`` its sub-row, ``item``
    the index row of its item (of the first item, for a count), ``members`` the index rows
    a count summarises; ``limit`` is where the next mark of its sub-row starts (px)."""

    lane: int
    sub: int
    x0: float
    x1: float
    type: MarkType
    item: int
    limit: float = 0.0
    members: np.ndarray | None = None

    @property
    def x(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def count(self) -> int:
        return 1 if self.members is None else len(self.members)


@dataclass(slots=True)
class Link:
    """A dashed line joining the marks of one event shown in several lanes."""

    x: float
    first: Mark
    last: Mark


@dataclass(slots=True)
class Bracket:
    """Items of one lane dated to the same span, stacked in the order of their source."""

    lane: int
    x: float
    first_sub: int
    last_sub: int


@dataclass(slots=True)
class Stacking:
    """How a frame stacks: label room per mark, sub-rows per lane (``open_lanes`` are not
    capped), and the order of items in their source (``source_order(items)``)."""

    reserve: float = LABEL_RESERVE
    cap: int | None = None  # None: from the zoom (see stack_cap)
    open_lanes: frozenset[int] = frozenset()
    source_order: Callable[[np.ndarray], np.ndarray] | None = None


@dataclass(slots=True)
class Frame:
    """Everything the painter needs for the lanes' contents."""

    marks: list[Mark] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    brackets: list[Bracket] = field(default_factory=list)
    density: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None  # lanes, buckets, counts
    depths: np.ndarray | None = None  # sub-rows per lane (None: one each)
    bucket_px: float = BUCKET_PX
    visible: int = 0
    rows: np.ndarray | None = None  # lane row of each mark (see positions)
    subs: np.ndarray | None = None
    own: np.ndarray | None = None  # see items

    @property
    def dense(self) -> bool:
        return self.density is not None

    @property
    def items(self) -> np.ndarray:
        """Index rows of the items drawn as marks of their own (for per-mark decorations)."""
        if self.own is None:
            self.own = np.fromiter(
                (m.item for m in self.marks if m.type != MarkType.COUNT), np.int64
            )
        return self.own

    def positions(self) -> tuple[np.ndarray, np.ndarray]:
        """(lane rows, sub-rows) of the marks, as arrays (for culling with numpy)."""
        if self.rows is None or len(self.rows) != len(self.marks):
            self.rows = np.fromiter((m.lane for m in self.marks), np.int64, len(self.marks))
            self.subs = np.fromiter((m.sub for m in self.marks), np.int64, len(self.marks))
        return self.rows, self.subs

    @property
    def summarised(self) -> int:
        """Items drawn as part of a count or a density bar, not as their own mark."""
        if self.dense:
            return self.visible
        return sum(m.count for m in self.marks if m.type == MarkType.COUNT)


def stack_cap(scale: TimeScale) -> int:
    """Sub-rows a lane may take: STACK_CAP at a week or wider, more the closer the view."""
    return int(min(max(STACK_CAP * 7 * DAY / max(scale.span, 1.0), STACK_CAP), MAX_CAP))


def compose(
    index: TimeIndex,
    scale: TimeScale,
    layout: LaneLayout,
    keep: np.ndarray | None = None,
    stacking: Stacking | None = None,
) -> Frame:
    """Lay out the items visible in ``scale`` (``keep`` is a filter mask over the index)."""
    stacking = stacking or Stacking()
    margin = stacking.reserve * scale.seconds_per_px  # labels reach in from the left
    counts = lane_counts(index, layout, keep)
    if counts.crowded(scale.start - margin, scale.end, DETAIL_LIMIT):
        visible, bars, bucket_px = counts.cells(scale)
        return Frame(density=bars, bucket_px=bucket_px, visible=visible)
    items = index.window(scale.start - margin, scale.end)
    if keep is not None and len(items):
        items = items[keep[items]]
    lanes = layout.rows_for(index.actor[items])
    shown = lanes >= 0
    items, lanes = items[shown], lanes[shown]
    frame = Frame(visible=len(items))
    _lay_out(frame, index, scale, layout, items, lanes, stacking)
    return frame


def _lay_out(
    frame: Frame,
    index: TimeIndex,
    scale: TimeScale,
    layout: LaneLayout,
    items: np.ndarray,
    lanes: np.ndarray,
    stacking: Stacking,
) -> None:
    """Stack the visible items of each lane into sub-rows and make their marks."""
    spp = scale.seconds_per_px
    t0 = index.t0[items]
    source = (
        stacking.source_order(items)
        if stacking.source_order is not None
        else np.zeros(len(items), np.int64)
    )
    order = np.lexsort((index.rid[items], source, t0, lanes))
    items, lanes = items[order], lanes[order]
    x0 = (index.t0[items] - scale.start) / spp
    x1 = (index.t1[items] - scale.start) / spp
    is_span = (x1 - x0) >= SPAN_MIN_PX
    start, end = footprints(x0, x1, is_span, stacking.reserve)
    caps = np.full(len(layout.lanes), stacking.cap or stack_cap(scale), dtype=np.int64)
    for lane in stacking.open_lanes:
        if 0 <= lane < len(caps):
            caps[lane] = MAX_CAP
    stacked = stack(lanes, start, end, len(layout.lanes), caps)
    frame.depths = stacked.depths
    placed = np.flatnonzero(stacked.sub >= 0)
    lanes_p, subs_p, items_p = lanes[placed], stacked.sub[placed], items[placed]
    limits = next_starts(lanes_p, subs_p, start[placed], scale.width)
    xs0 = np.where(is_span, x0, (x0 + x1) / 2)[placed].tolist()
    xs1 = np.where(is_span, x1, (x0 + x1) / 2)[placed].tolist()
    types = [_TYPES[k] for k in is_span[placed].tolist()]
    marks = list(map(Mark, lanes_p.tolist(), subs_p.tolist(), xs0, xs1, types,
                     items_p.tolist(), limits.tolist()))
    frame.links = _links(index, marks, items_p, lanes_p, subs_p)
    frame.brackets = _brackets(index, marks, items_p, is_span[placed])
    count_lanes = [int(lanes[group[0]]) for group in stacked.counts]
    for group, lane in zip(stacked.counts, count_lanes, strict=True):
        marks.append(
            Mark(lane, int(stacked.depths[lane]) - 1, float(start[group[0]]),
                 float(start[group[-1]]), MarkType.COUNT, int(items[group[0]]),
                 scale.width, items[group].copy())
        )
    frame.marks = marks
    frame.own = items_p
    frame.rows = np.concatenate([lanes_p, np.array(count_lanes, dtype=np.int64)])
    frame.subs = np.concatenate([subs_p, stacked.depths[count_lanes] - 1])


_TYPES = (MarkType.POINT, MarkType.SPAN)


def _links(index: TimeIndex, marks: list[Mark], items: np.ndarray, rows: np.ndarray,
           subs: np.ndarray) -> list[Link]:
    """Vertical links between the lanes of one event shown in several lanes: from its
    top mark to its bottom one (grouped with numpy, a Link per event, not per mark).
    ``items``, ``rows`` and ``subs`` are the index row, lane and sub-row of each mark."""
    events = np.flatnonzero(index.kind[items] == KIND_EVENT)
    if len(events) < 2:
        return []
    rids = index.rid[items[events]]
    order = np.lexsort((subs[events], rows[events], rids))  # per event, top to bottom
    rids, events = rids[order], events[order]
    starts = np.flatnonzero(np.r_[True, rids[1:] != rids[:-1]])
    ends = np.r_[starts[1:], len(rids)] - 1
    several = ends > starts
    links = []
    for a, b in zip(events[starts[several]].tolist(), events[ends[several]].tolist(),
                    strict=True):
        first = marks[a]
        x = first.x0 + SPAN_LINK_PX if first.type == MarkType.SPAN else first.x
        links.append(Link(x, first, marks[b]))
    return links


def _brackets(
    index: TimeIndex, marks: list[Mark], items: np.ndarray, spans: np.ndarray
) -> list[Bracket]:
    """Where two or more spans of a lane cover the same dates (stacked in source order)."""
    picked = np.flatnonzero(spans)
    if len(picked) < 2:
        return []
    t0, t1 = index.t0[items[picked]].tolist(), index.t1[items[picked]].tolist()
    groups: dict[tuple[int, int, int], list[Mark]] = {}
    for i, a, b in zip(picked.tolist(), t0, t1, strict=True):
        mark = marks[i]
        groups.setdefault((mark.lane, a, b), []).append(mark)
    return [
        Bracket(lane, group[0].x0, min(m.sub for m in group), max(m.sub for m in group))
        for (lane, _t0, _t1), group in groups.items()
        if len(group) > 1
    ]
