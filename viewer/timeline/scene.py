"""What one frame shows: marks, clusters and density, computed from the time index. No Qt.

The frame is decided when the view changes, not while painting: the visible window
is cut from the sorted index with two bisections; up to :data:`DETAIL_LIMIT` items are
laid out one by one (close ones merged into clusters with a count); beyond that each
lane shows a density histogram from one ``bincount``. Nothing here is per item in the
store, only per item on screen.
"""

from __future__ import annotations

import math
import weakref
from dataclasses import dataclass, field

import numpy as np

from db.timeindex import KIND_EVENT, TimeIndex
from viewer.timeline.lanes import LaneLayout
from viewer.timeline.scale import TimeScale

DETAIL_LIMIT = 4000
CLUSTER_PX = 18.0
SPAN_MIN_PX = 12.0
SPAN_LINK_PX = 6.0  # where a link meets a span: just inside its start
BUCKET_PX = 3

KIND_CLUSTER = 2


@dataclass(slots=True)
class Mark:
    """One thing drawn in a lane: an item (``index`` is its row in the time index), a span,
    or a cluster of ``count`` items (``members`` are their rows)."""

    row: int
    x0: float
    x1: float
    kind: int
    index: int
    count: int = 1
    members: np.ndarray | None = None
    is_span: bool = False

    @property
    def x(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(slots=True)
class Frame:
    """Everything the painter needs for the lanes' contents."""

    marks: list[Mark] = field(default_factory=list)
    links: list[tuple[float, int, int]] = field(default_factory=list)  # x, first row, last row
    density: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None  # rows, buckets, counts
    bucket_px: int = BUCKET_PX
    visible: int = 0

    @property
    def dense(self) -> bool:
        return self.density is not None


def compose(
    index: TimeIndex, scale: TimeScale, layout: LaneLayout, keep: np.ndarray | None = None
) -> Frame:
    """Lay out the items visible in ``scale`` (``keep`` is a filter mask over the index)."""
    if index.count_window(scale.start, scale.end) > CELL_MIN_VISIBLE:
        dense = _cell_density(index, scale, layout, keep)
        if dense is not None:
            return dense
    margin = CLUSTER_PX * scale.seconds_per_px
    rows_idx = index.window(scale.start - margin, scale.end + margin)
    if keep is not None and len(rows_idx):
        rows_idx = rows_idx[keep[rows_idx]]
    lanes = _lanes_of(index, layout)[rows_idx] if len(rows_idx) else np.empty(0, np.int64)
    shown = lanes >= 0
    rows_idx, lanes = rows_idx[shown], lanes[shown]
    frame = Frame(visible=len(rows_idx))
    if len(rows_idx) > DETAIL_LIMIT:
        frame.density, frame.bucket_px = _density(index, scale, rows_idx, lanes)
        return frame
    spp = scale.seconds_per_px
    x0 = (index.t0[rows_idx] - scale.start) / spp
    x1 = (index.t1[rows_idx] - scale.start) / spp
    is_span = (x1 - x0) >= SPAN_MIN_PX
    spans = np.flatnonzero(is_span)
    if len(spans):
        order = np.lexsort((x0[spans], lanes[spans]))
        picked = spans[order]
        frame.marks.extend(
            _span_groups(index, rows_idx[picked], lanes[picked], x0[picked], x1[picked])
        )
    points = np.flatnonzero(~is_span)
    if len(points):
        xs = (x0[points] + x1[points]) / 2
        order = np.lexsort((xs, lanes[points]))
        frame.marks.extend(
            _clusters(index, rows_idx[points][order], lanes[points][order], xs[order])
        )
    frame.links = _links(index, frame.marks)
    return frame


#: The lane row of every item of an index, per layout (computed once, not per frame).
_LANE_ROWS: weakref.WeakKeyDictionary[LaneLayout, tuple[np.ndarray, np.ndarray]] = (
    weakref.WeakKeyDictionary()
)


def _lanes_of(index: TimeIndex, layout: LaneLayout) -> np.ndarray:
    cached = _LANE_ROWS.get(layout)
    if cached is not None and cached[0] is index.actor:
        return cached[1]
    lanes = layout.rows_for(index.actor)
    _LANE_ROWS[layout] = (index.actor, lanes)
    return lanes


def _clusters(index: TimeIndex, rows: np.ndarray, lanes: np.ndarray, xs: np.ndarray) -> list[Mark]:
    """Merge points of a lane closer than CLUSTER_PX into one mark with a count."""
    marks: list[Mark] = []
    if not len(rows):
        return marks
    # A new group starts where the lane changes or the gap is wide enough.
    breaks = np.ones(len(rows), dtype=bool)
    breaks[1:] = (lanes[1:] != lanes[:-1]) | (np.diff(xs) >= CLUSTER_PX)
    starts = np.flatnonzero(breaks)
    ends = np.append(starts[1:], len(rows))
    for a, b in zip(starts.tolist(), ends.tolist(), strict=True):
        row = int(lanes[a])
        if b - a == 1:
            marks.append(
                Mark(row, float(xs[a]), float(xs[a]), int(index.kind[rows[a]]), int(rows[a]))
            )
        else:
            marks.append(
                Mark(
                    row,
                    float(xs[a]),
                    float(xs[b - 1]),
                    KIND_CLUSTER,
                    int(rows[a]),
                    count=b - a,
                    members=rows[a:b].copy(),
                )
            )
    return marks


def _span_groups(
    index: TimeIndex, rows: np.ndarray, lanes: np.ndarray, x0: np.ndarray, x1: np.ndarray
) -> list[Mark]:
    """Spans of a lane that overlap become one bar with a count (a span cluster)."""
    marks: list[Mark] = []
    start = 0
    end = float(x1[0]) if len(rows) else 0.0
    for i in range(1, len(rows) + 1):
        if i < len(rows) and lanes[i] == lanes[start] and x0[i] < end:
            end = max(end, float(x1[i]))
            continue
        row = int(lanes[start])
        if i - start == 1:
            marks.append(Mark(row, float(x0[start]), end, int(index.kind[rows[start]]),
                              int(rows[start]), is_span=True))
        else:
            members = rows[start:i].copy()
            marks.append(Mark(row, float(x0[start]), end, KIND_CLUSTER, int(rows[start]),
                              count=i - start, members=members, is_span=True))
        if i < len(rows):
            start, end = i, float(x1[i])
    return marks


def _links(index: TimeIndex, marks: list[Mark]) -> list[tuple[float, int, int]]:
    """Vertical links between the lanes of one event shown in several lanes."""
    by_event: dict[int, list[Mark]] = {}
    for mark in marks:
        if mark.kind == KIND_EVENT:
            by_event.setdefault(int(index.rid[mark.index]), []).append(mark)
    links = []
    for group in by_event.values():
        if len(group) > 1:
            rows = [m.row for m in group]
            x = group[0].x0 + SPAN_LINK_PX if group[0].is_span else group[0].x
            links.append((x, min(rows), max(rows)))
    return links


def _cell_level(scale: TimeScale) -> int:
    """The power of two (in seconds) of the time cells of a dense view: the smallest one
    at least BUCKET_PX pixels wide, so a cell is 3 to 6 px."""
    return max(0, math.ceil(math.log2(max(scale.seconds_per_px * BUCKET_PX, 1.0))))


def _density(index: TimeIndex, scale: TimeScale, rows_idx: np.ndarray, lanes: np.ndarray):
    """Counts per (lane, time cell) of the visible items, and the cell width in px.

    Cells are anchored at absolute time (a power of two of seconds), so bars keep their
    place while panning; ``buckets`` are the cells' left edges in cell widths from the
    left of the view (fractional). Items in the margins count in the edge cells.
    """
    level = _cell_level(scale)
    cell = float(1 << level)
    first = math.floor(scale.start / cell)
    last = math.floor(scale.end / cell)
    n_cells = last - first + 1
    bucket = (index.t0[rows_idx] >> level) - first
    np.clip(bucket, 0, n_cells - 1, out=bucket)
    counts = np.bincount(lanes * n_cells + bucket)
    nonzero = np.flatnonzero(counts)
    offset = first - scale.start / cell
    density = nonzero // n_cells, nonzero % n_cells + offset, counts[nonzero]
    return density, cell / scale.seconds_per_px


#: Views where more items than this start are drawn from counts per (lane, cell) kept per
#: layout and filter, sliced on pan; fewer are counted per frame (cheap then).
CELL_MIN_VISIBLE = 100_000
#: The finest level kept is the first whose cells over the whole store times the lanes
#: fit in this many bins (one bincount of the items); finer views count per frame.
CELL_BINS = 1_500_000
_CELLS: weakref.WeakKeyDictionary[LaneLayout, dict] = weakref.WeakKeyDictionary()


def _cell_counts(index: TimeIndex, layout: LaneLayout, keep: np.ndarray | None, level: int):
    """(first cell, keys = (cell - first)·lanes + lane, counts) of the whole index at
    ``level`` (keys ascending), or None when that level is finer than the levels kept.

    Computed once per layout and filter, every level at once (so zooming never waits):
    the finest from the items (one bincount), each coarser one merged from the one below.
    """
    entry = _CELLS.get(layout)
    if entry is None or entry["actor"] is not index.actor or entry["keep"] is not keep:
        entry = {"actor": index.actor, "keep": keep, "levels": _count_levels(index, layout, keep)}
        _CELLS[layout] = entry
    return entry["levels"].get(level)


def _count_levels(index: TimeIndex, layout: LaneLayout, keep: np.ndarray | None) -> dict:
    levels: dict[int, tuple[int, np.ndarray, np.ndarray]] = {}
    n_lanes = max(len(layout.lanes), 1)
    lanes = _lanes_of(index, layout)
    shown = lanes >= 0
    if keep is not None:
        shown &= keep
    t0 = index.t0
    if not shown.all():
        t0, lanes = t0[shown], lanes[shown]
    if not len(t0):
        return levels
    span = int(t0[-1]) - int(t0[0])
    level = 0
    while ((span >> level) + 2) * n_lanes > CELL_BINS:
        level += 1
    cells = t0 >> level  # ascending, as t0 is
    first = int(cells[0])
    counts = np.bincount((cells - first) * n_lanes + lanes)
    keys = np.flatnonzero(counts)
    counts = counts[keys]
    levels[level] = (first, keys, counts)
    while keys[-1] >= n_lanes and level < 62:  # up to the level where one cell holds all
        cells = (first + keys // n_lanes) >> 1
        first = int(cells[0])
        merged = np.bincount((cells - first) * n_lanes + keys % n_lanes, weights=counts)
        keys = np.flatnonzero(merged)
        counts = merged[keys].astype(np.int64)
        level += 1
        levels[level] = (first, keys, counts)
    return levels


def _cell_density(
    index: TimeIndex, scale: TimeScale, layout: LaneLayout, keep: np.ndarray | None
) -> Frame | None:
    """A dense frame sliced from the precomputed cell counts, or None when the filters
    leave few enough items that counting them per frame is cheap (or shows marks)."""
    level = _cell_level(scale)
    counted = _cell_counts(index, layout, keep, level)
    if counted is None:
        return None
    first, keys, counts = counted
    n_lanes = max(len(layout.lanes), 1)
    cell = float(1 << level)
    lo = math.floor(scale.start / cell) - first
    hi = math.floor(scale.end / cell) - first + 1
    a, b = np.searchsorted(keys, (lo * n_lanes, hi * n_lanes))
    counts = counts[a:b]
    visible = int(counts.sum())
    if visible <= max(CELL_MIN_VISIBLE // 2, DETAIL_LIMIT):
        return None
    keys = keys[a:b]
    offset = first - scale.start / cell
    frame = Frame(visible=visible, bucket_px=cell / scale.seconds_per_px)
    frame.density = keys % n_lanes, keys // n_lanes + offset, counts
    return frame
