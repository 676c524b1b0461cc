"""Dense views: counts of the items starting in each (lane, time cell), drawn as bars.
No Qt.

Cells are powers of two of seconds anchored at absolute time, so bars keep their place
while panning. Counts come from cumulative counts kept per layout and filter
(:mod:`grid`): a frame costs its cells, not its items; only cells finer than the grid's
columns are counted from the items starting in the view.
"""

from __future__ import annotations

import math
import weakref

import numpy as np

from db.timeindex import TimeIndex
from viewer.timeline.grid import Running, count_grid, running
from viewer.timeline.lanes import LaneLayout
from viewer.timeline.scale import TimeScale

BUCKET_PX = 3


def cell_level(scale: TimeScale) -> int:
    """The power of two (in seconds) of the time cells of a dense view: the smallest one
    at least BUCKET_PX pixels wide, so a cell is 3 to 6 px."""
    return max(0, math.ceil(math.log2(max(scale.seconds_per_px * BUCKET_PX, 1.0))))


class LaneCounts:
    """What a dense view needs to know about one layout and filter, kept between frames:
    the lane of every item, a :class:`~viewer.timeline.grid.CountGrid` (built at once) and
    the :class:`~viewer.timeline.grid.Running` counts (built when a view first asks)."""

    def __init__(self, index: TimeIndex, layout: LaneLayout, keep: np.ndarray | None) -> None:
        self.index, self.keep = index, keep
        self.n_lanes = max(len(layout.lanes), 1)
        self.lanes = layout.item_lanes(index.actor)
        self.shown: np.ndarray | None = None  # None: every item has a lane and is kept
        if keep is not None or (len(self.lanes) and int(self.lanes.min()) < 0):
            self.shown = self.lanes >= 0
            if keep is not None:
                self.shown &= keep
        self.grid = count_grid(index.t0, self.lanes, self.shown, self.n_lanes)
        self._running: Running | None = None

    def crowded(self, start: float, end: float, limit: int) -> bool:
        """Whether more than ``limit`` shown items may overlap ``[start, end)`` (a view
        with more is drawn as bars): never False when more do."""
        if self.grid is not None and self.grid.starting_within(start, end) > limit:
            return True  # the common dense case, without the running counts
        if self._running is None:
            self._running = running(self.index.t0, self.index.t1, self.shown)
        return self._running.overlapping(start, end) > limit

    def cells(self, scale: TimeScale) -> tuple[int, tuple, float]:
        """(items starting in the view's cells, bars, cell width in px): bars are (lane
        rows, cells' left edges in cell widths from the view's left, counts). From the
        grid where its columns are fine enough, else counted from the items starting in
        the view (a contiguous slice of the index)."""
        level = cell_level(scale)
        cell = float(1 << level)
        lo, hi = math.floor(scale.start / cell), math.floor(scale.end / cell)
        grid = self.grid
        if grid is not None and level >= grid.level:
            counts = grid.cells(level, lo, hi)
        else:
            counts = self._counted(level, lo, hi)
        flat = counts.ravel()
        nonzero = np.flatnonzero(flat)
        found = flat[nonzero].astype(np.int64)
        bars = (nonzero // counts.shape[1], nonzero % counts.shape[1] + (lo - scale.start / cell),
                found)
        return int(found.sum()), bars, cell / scale.seconds_per_px

    def _counted(self, level: int, lo: int, hi: int) -> np.ndarray:
        """Items per (lane, cell) of the cells ``lo … hi``, counted from the items."""
        index = self.index
        a, b = np.searchsorted(index.t0, np.array([lo, hi + 1], dtype=np.int64) << level)
        cells = index.t0[a:b] >> level
        lanes = self.lanes[a:b]
        if self.shown is not None:
            cells, lanes = cells[self.shown[a:b]], lanes[self.shown[a:b]]
        cells -= lo
        cells += lanes.astype(np.int64) * (hi - lo + 1)
        n = (hi - lo + 1) * self.n_lanes
        return np.bincount(cells, minlength=n).reshape(self.n_lanes, -1)


_COUNTS: weakref.WeakKeyDictionary[LaneLayout, LaneCounts] = weakref.WeakKeyDictionary()


def lane_counts(index: TimeIndex, layout: LaneLayout, keep: np.ndarray | None) -> LaneCounts:
    """The :class:`LaneCounts` of a layout and filter (kept while both live)."""
    counts = _COUNTS.get(layout)
    if counts is None or counts.index is not index or counts.keep is not keep:
        counts = _COUNTS[layout] = LaneCounts(index, layout, keep)
    return counts


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
