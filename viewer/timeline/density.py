"""Dense views: counts of items per (lane, time cell), drawn as bars. No Qt.

Cells are powers of two of seconds anchored at absolute time, so bars keep their place
while panning. Views of many items slice counts kept per layout and filter (computed once,
every level at once); others count the visible items with one ``bincount``.
"""

from __future__ import annotations

import math
import weakref

import numpy as np

from db.timeindex import TimeIndex
from viewer.timeline.lanes import LaneLayout
from viewer.timeline.scale import TimeScale

BUCKET_PX = 3


def cell_level(scale: TimeScale) -> int:
    """The power of two (in seconds) of the time cells of a dense view: the smallest one
    at least BUCKET_PX pixels wide, so a cell is 3 to 6 px."""
    return max(0, math.ceil(math.log2(max(scale.seconds_per_px * BUCKET_PX, 1.0))))


def density(index: TimeIndex, scale: TimeScale, rows_idx: np.ndarray, lanes: np.ndarray):
    """Counts per (lane, time cell) of the visible items, and the cell width in px.

    Cells are anchored at absolute time (a power of two of seconds), so bars keep their
    place while panning; ``buckets`` are the cells' left edges in cell widths from the
    left of the view (fractional). Items in the margins count in the edge cells.
    """
    level = cell_level(scale)
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
    lanes = layout.item_lanes(index.actor)
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


def cell_density(
    index: TimeIndex, scale: TimeScale, layout: LaneLayout, keep: np.ndarray | None
) -> tuple[int, tuple, float] | None:
    """(visible items, density, cell px) sliced from the precomputed cell counts, or None
    when the filters leave few enough items that counting them per frame is cheap."""
    level = cell_level(scale)
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
    if visible <= CELL_MIN_VISIBLE // 2:
        return None
    keys = keys[a:b]
    offset = first - scale.start / cell
    return visible, (keys % n_lanes, keys // n_lanes + offset, counts), cell / scale.seconds_per_px



def bar_pixels(
    bars: tuple[np.ndarray, np.ndarray, np.ndarray],
    bucket_px: float,
    baselines: np.ndarray,
    colors: np.ndarray,
    width: float,
    dpr: float = 1.0,
) -> tuple[np.ndarray, np.ndarray]:
    """Density bars as pixels (uint32, premultiplied ARGB, 0 is empty) at ``dpr`` pixels
    per px, to paint as one image per lane instead of one rectangle per bar.

    ``bars`` are (lane rows, buckets, heights in px) as :func:`density` gives them (the
    heights scaled); ``baselines[row]`` is where a lane's bars stand and ``colors[row]``
    their colour. Returns ``blocks`` (lanes with bars, top to bottom × pixel rows ×
    pixel columns, ``width`` px wide) and the top of each block, in px. A bar fills its
    cell's pixels but the last (the gap to the next bar): 2 to 5 px of 3 to 6. No loop in
    Python; the comparisons in uint8 (several times faster than int64). The blocks are
    valid until the next call (their memory is kept: megabytes allocated afresh on every
    frame cost more in page faults than the painting itself).
    """
    rows, buckets, heights = bars
    wd = max(int(np.ceil(width * dpr)), 1)
    if not len(rows):
        return np.zeros((0, 0, wd), dtype=np.uint32), np.zeros(0)
    present = np.flatnonzero(np.bincount(rows))  # lanes with bars, top to bottom
    base = float(buckets.min())
    cell = np.rint(buckets - base).astype(np.int64)
    n_cells = int(cell.max()) + 1
    tall = np.zeros((len(present), n_cells + 1), dtype=np.uint8)  # the last: gaps
    tall[np.searchsorted(present, rows), cell] = np.clip(np.rint(heights * dpr), 1, 255)
    u = (np.arange(wd) + 0.5) / (dpr * bucket_px) - base  # pixel centres, in cells
    k = np.floor(u)
    last = np.floor(u + 1 / (dpr * bucket_px)) > k  # a cell's last pixel: the gap
    inside = ~last & (k >= 0) & (k < n_cells)
    columns = tall.take(np.where(inside, k, n_cells).astype(np.int64), axis=1)  # C order
    reach = int(tall.max())  # rows above a baseline that bars may fill
    above = np.arange(reach, 0, -1, dtype=np.uint8)
    shape = (len(present), reach, wd)
    filled = np.greater_equal(columns[:, None, :], above[None, :, None],
                              out=_scratch("filled", shape, np.bool_))
    blocks = _scratch("blocks", shape, np.uint32)
    np.copyto(blocks, filled, casting="unsafe")
    np.negative(blocks, out=blocks)  # 1 → all bits set: a mask for the colour
    blocks &= colors[present].astype(np.uint32)[:, None, None]
    tops = (np.rint(baselines[present] * dpr) - reach) / dpr
    return blocks, tops


_SCRATCH: dict[str, np.ndarray] = {}


def _scratch(name: str, shape: tuple[int, ...], dtype) -> np.ndarray:
    """A buffer of ``shape`` kept between calls (grown when too small), not cleared."""
    size = math.prod(shape)
    buffer = _SCRATCH.get(name)
    if buffer is None or buffer.dtype != dtype or buffer.size < size:
        buffer = _SCRATCH[name] = np.empty(max(size, 1), dtype=dtype)
    return buffer[:size].reshape(shape)
