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
from viewer.timeline.stack import COUNT_PX, LABEL_RESERVE, footprints, next_starts, stack

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


def _none(dtype) -> np.ndarray:
    return np.empty(0, dtype=dtype)


@dataclass(slots=True)
class Frame:
    """Everything the painter needs for the lanes' contents, as columns with one entry
    per mark (the items' own marks first, then the counts): a frame of thousands of marks
    is a few numpy arrays, and :class:`Mark` objects are made only where asked for."""

    rows: np.ndarray = field(default_factory=lambda: _none(np.int64))  # lane rows
    subs: np.ndarray = field(default_factory=lambda: _none(np.int64))
    x0: np.ndarray = field(default_factory=lambda: _none(np.float64))
    x1: np.ndarray = field(default_factory=lambda: _none(np.float64))
    types: np.ndarray = field(default_factory=lambda: _none(np.int8))  # MarkType values
    heads: np.ndarray = field(default_factory=lambda: _none(np.int64))  # see Mark.item
    limits: np.ndarray = field(default_factory=lambda: _none(np.float64))
    members: list[np.ndarray] = field(default_factory=list)  # per count, in order
    #: Links as (x, first mark, last mark) columns (mark positions in the columns).
    link_x: np.ndarray = field(default_factory=lambda: _none(np.float64))
    link_ends: np.ndarray = field(default_factory=lambda: np.empty((0, 2), np.int64))
    brackets: list[Bracket] = field(default_factory=list)
    density: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None  # lanes, buckets, counts
    depths: np.ndarray | None = None  # sub-rows per lane (None: one each)
    bucket_px: float = BUCKET_PX
    visible: int = 0
    _marks: list[Mark] | None = None

    @property
    def dense(self) -> bool:
        return self.density is not None

    @property
    def own(self) -> int:
        """How many marks are items' own (they come first; the counts follow)."""
        return len(self.heads) - len(self.members)

    @property
    def items(self) -> np.ndarray:
        """Index rows of the items drawn as marks of their own (for per-mark decorations)."""
        return self.heads[: self.own]

    def positions(self) -> tuple[np.ndarray, np.ndarray]:
        """(lane rows, sub-rows) of the marks, as arrays (for culling with numpy)."""
        return self.rows, self.subs

    def mark(self, i: int) -> Mark:
        """The mark at position ``i`` of the columns."""
        own = self.own
        return Mark(int(self.rows[i]), int(self.subs[i]), float(self.x0[i]), float(self.x1[i]),
                    MarkType(int(self.types[i])), int(self.heads[i]), float(self.limits[i]),
                    self.members[i - own] if i >= own else None)

    @property
    def marks(self) -> list[Mark]:
        """Every mark as an object (made once per frame, on first use: hit tests, tests)."""
        if self._marks is None:
            own = self.own
            types = [_TYPES[t] for t in self.types.tolist()]
            marks = list(map(Mark, self.rows.tolist(), self.subs.tolist(), self.x0.tolist(),
                             self.x1.tolist(), types, self.heads.tolist(),
                             self.limits.tolist()))
            for mark, members in zip(marks[own:], self.members, strict=True):
                mark.members = members
            self._marks = marks
        return self._marks

    @property
    def links(self) -> list[Link]:
        marks = self.marks
        return [Link(x, marks[a], marks[b])
                for x, (a, b) in zip(self.link_x.tolist(), self.link_ends.tolist(), strict=True)]

    def find(self, item: int) -> int | None:
        """The position of the own mark of index row ``item``, or None."""
        found = np.flatnonzero(self.items == item)
        return int(found[0]) if len(found) else None

    @property
    def summarised(self) -> int:
        """Items drawn as part of a count or a density bar, not as their own mark."""
        if self.dense:
            return self.visible
        return sum(len(m) for m in self.members)


_TYPES = (MarkType.POINT, MarkType.SPAN, MarkType.COUNT)


def mark_near(frame: Frame, row: int, sub: int, x: float, reach: float) -> int | None:
    """The mark of sub-row ``sub`` of lane ``row`` nearest to ``x`` (px) within ``reach``:
    inside a span or a count's pill, else its glyph's centre (the first of equals)."""
    if frame.dense:
        return None
    candidates = np.flatnonzero((frame.rows == row) & (frame.subs == sub))
    if not len(candidates):
        return None
    x0, x1, types = frame.x0[candidates], frame.x1[candidates], frame.types[candidates]
    span = np.where((x0 <= x) & (x <= x1), 0.0, np.minimum(np.abs(x - x0), np.abs(x - x1)))
    offset = x - np.maximum(x0, 0) + 4
    count = np.where((offset >= 0) & (offset <= COUNT_PX), 0.0, reach + 1)
    point = np.abs((x0 + x1) / 2 - x)
    d = np.where(types == MarkType.SPAN, span, np.where(types == MarkType.COUNT, count, point))
    best = int(np.argmin(d))
    return int(candidates[best]) if d[best] < reach else None


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
    """Stack the visible items of each lane into sub-rows and fill the marks' columns."""
    spp = scale.seconds_per_px
    order = _stacking_order(index, items, lanes, stacking.source_order)
    items, lanes = items[order], lanes[order].astype(np.int64)
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
    lanes_p, subs_p, spans = lanes[placed], stacked.sub[placed], is_span[placed]
    mid = (x0 + x1) / 2
    own_x0, own_x1 = np.where(is_span, x0, mid)[placed], np.where(is_span, x1, mid)[placed]
    heads = np.array([group[0] for group in stacked.counts], dtype=np.int64)
    tails = np.array([group[-1] for group in stacked.counts], dtype=np.int64)
    count_lanes = lanes[heads]
    frame.rows = np.concatenate([lanes_p, count_lanes])
    frame.subs = np.concatenate([subs_p, stacked.depths[count_lanes] - 1])
    frame.x0 = np.concatenate([own_x0, start[heads]])
    frame.x1 = np.concatenate([own_x1, start[tails]])
    frame.types = np.concatenate([spans.astype(np.int8),
                                  np.full(len(heads), MarkType.COUNT, dtype=np.int8)])
    frame.heads = np.concatenate([items[placed], items[heads]])
    frame.limits = np.concatenate([next_starts(lanes_p, subs_p, start[placed], scale.width),
                                   np.full(len(heads), scale.width)])
    frame.members = [items[group] for group in stacked.counts]
    frame.link_x, frame.link_ends = _links(index, frame)
    frame.brackets = _brackets(index, frame, spans)


def _stacking_order(
    index: TimeIndex,
    items: np.ndarray,
    lanes: np.ndarray,
    source_order: Callable[[np.ndarray], np.ndarray] | None,
) -> np.ndarray:
    """The order items (given in time order, as the index holds them) stack in: by lane,
    start time, order in their source, then id. Only where a lane has two or more items
    that start at the same time is more than their lane needed: their order in the
    source is asked for (elsewhere it decides nothing) and they are sorted among
    themselves."""
    order = np.argsort(lanes, kind="stable")  # by lane, then time
    if len(items) < 2:
        return order
    lane, time = lanes[order], index.t0[items[order]]
    same = (lane[1:] == lane[:-1]) & (time[1:] == time[:-1])
    if not same.any():
        return order
    tied = np.zeros(len(items), dtype=bool)
    tied[1:] |= same
    tied[:-1] |= same
    group = order[tied]  # runs of one lane and start time, runs in stacking order
    rows = items[group]
    source = (source_order(rows) if source_order is not None
              else np.zeros(len(rows), dtype=np.int64))
    order[tied] = group[np.lexsort((index.rid[rows], source, time[tied], lane[tied]))]
    return order


def _links(index: TimeIndex, frame: Frame) -> tuple[np.ndarray, np.ndarray]:
    """Vertical links between the lanes of one event shown in several lanes, from its top
    mark to its bottom one, grouped with numpy: (x, (first mark, last mark)) per event."""
    items = frame.items
    events = np.flatnonzero(index.kind[items] == KIND_EVENT)
    none = np.empty(0, np.float64), np.empty((0, 2), np.int64)
    if len(events) < 2:
        return none
    rids = index.rid[items[events]]
    order = np.lexsort((frame.subs[events], frame.rows[events], rids))  # top to bottom
    rids, events = rids[order], events[order]
    starts = np.flatnonzero(np.r_[True, rids[1:] != rids[:-1]])
    ends = np.r_[starts[1:], len(rids)] - 1
    several = ends > starts
    first, last = events[starts[several]], events[ends[several]]
    if not len(first):
        return none
    x0 = frame.x0[first]
    x = np.where(frame.types[first] == MarkType.SPAN, x0 + SPAN_LINK_PX,
                 (x0 + frame.x1[first]) / 2)
    return x, np.stack([first, last], axis=1)


def _brackets(index: TimeIndex, frame: Frame, spans: np.ndarray) -> list[Bracket]:
    """Where two or more spans of a lane cover the same dates (stacked in source order),
    in the order of their first mark."""
    picked = np.flatnonzero(spans)
    if len(picked) < 2:
        return []
    items = frame.heads[picked]
    lanes, t0, t1 = frame.rows[picked], index.t0[items], index.t1[items]
    order = np.lexsort((picked, t1, t0, lanes))
    lanes, t0, t1, picked = lanes[order], t0[order], t1[order], picked[order]
    starts = np.flatnonzero(np.r_[True, (lanes[1:] != lanes[:-1]) | (t0[1:] != t0[:-1])
                                  | (t1[1:] != t1[:-1])])
    sizes = np.diff(np.r_[starts, len(picked)])
    subs = frame.subs[picked]
    low, high = np.minimum.reduceat(subs, starts), np.maximum.reduceat(subs, starts)
    several = np.flatnonzero(sizes > 1)
    firsts = picked[starts[several]]
    return [
        Bracket(lane, x, first_sub, last_sub)
        for _, lane, x, first_sub, last_sub in sorted(zip(
            firsts.tolist(), frame.rows[firsts].tolist(), frame.x0[firsts].tolist(),
            low[several].tolist(), high[several].tolist(), strict=True))
    ]
