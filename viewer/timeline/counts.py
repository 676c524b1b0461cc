"""Counts of items per lane and time cell, kept between frames: what a dense view draws
and whether a view is dense at all. No Qt.

Items are counted per actor (:class:`StartCounts`, once per index and filter: one pass
over the items, which also gives each actor's count for the layout), so hiding or
collapsing lanes only regroups rows; a layout's :class:`LaneCounts` sums its actors'
rows into lanes per frame (a few hundred rows × the view's cells, whatever the items).
"""

from __future__ import annotations

import math
import weakref

import numpy as np

from db.timeindex import TimeIndex
from viewer.timeline.density import cell_level
from viewer.timeline.grid import Running, count_grid, running
from viewer.timeline.lanes import LaneLayout
from viewer.timeline.scale import TimeScale

#: Actor ids spread wider than this are numbered in order (a bisection per item).
ROWS_MAX = 1 << 16


class StartCounts:
    """Items per actor over a time grid (those where ``keep``; None: all): row ``r`` is
    actor ``ids[r]``. Holds no reference to the index (it is kept per index)."""

    def __init__(self, index: TimeIndex, keep: np.ndarray | None) -> None:
        actor = index.actor
        low, high = (int(actor.min()), int(actor.max())) if len(actor) else (0, -1)
        self.base: int | None = low
        self.ids = np.arange(low, high + 1, dtype=np.int64)
        rows = actor
        if high - low >= ROWS_MAX:  # sparse ids: number the distinct ones
            self.ids = np.array(sorted(index.actor_counts()), dtype=np.int64)
            self.base = None
            rows = np.searchsorted(self.ids, actor).astype(np.int32)
        self.keep = keep
        self.grid = count_grid(index.t0, rows, keep, len(self.ids), self.base or 0)
        self.running: Running | None = None  # of every actor's items (see LaneCounts)

    def rows(self, actors: np.ndarray) -> np.ndarray:
        """The row of each actor id (ids of the index only)."""
        if self.base is None:
            return np.searchsorted(self.ids, actors)
        return actors - self.base

    def actor_counts(self) -> dict[int, int]:
        """Items per actor id (those with any)."""
        if self.grid is None:
            return {}
        totals = self.grid.cum[:, -1]
        rows = np.flatnonzero(totals)
        return dict(zip(self.ids[rows].tolist(), totals[rows].tolist(), strict=True))


#: Per index (by its actor column: id, and a weak reference to tell a new one at the
#: same address): the unfiltered counts and the last filter's.
_STARTS: dict[int, tuple[weakref.ref, dict]] = {}


def start_counts(index: TimeIndex, keep: np.ndarray | None = None) -> StartCounts:
    """The :class:`StartCounts` of an index and filter (the unfiltered one and the last
    filter's are kept while the index lives)."""
    for key in [k for k, (ref, _) in _STARTS.items() if ref() is None]:
        del _STARTS[key]
    ref, kept = _STARTS.get(id(index.actor), (None, {}))
    if ref is None or ref() is not index.actor:
        kept = {}
        _STARTS[id(index.actor)] = (weakref.ref(index.actor), kept)
    found = kept.get(keep is not None)
    if found is None or found.keep is not keep:
        found = kept[keep is not None] = StartCounts(index, keep)
    return found


class LaneCounts:
    """A layout's view of :class:`StartCounts`: its actors' rows grouped by lane, and the
    :class:`~viewer.timeline.grid.Running` counts (built when a view first asks)."""

    def __init__(self, index: TimeIndex, layout: LaneLayout, keep: np.ndarray | None) -> None:
        self.index, self.keep = index, keep
        self.starts = start_counts(index, keep)
        lane_of = layout.rows_for(self.starts.ids)
        valid = np.flatnonzero(lane_of >= 0)
        self.order = valid[np.argsort(lane_of[valid], kind="stable")]  # rows by lane
        lanes = lane_of[self.order]
        self.groups = np.flatnonzero(np.r_[True, lanes[1:] != lanes[:-1]]) if len(lanes) else (
            np.zeros(0, dtype=np.int64))
        self.group_lanes = lanes[self.groups].astype(np.int64)
        self.every_row = len(valid) == len(lane_of)  # no actor hidden
        self._lane_ok = lane_of >= 0
        self._running: Running | None = None

    def crowded(self, start: float, end: float, limit: int) -> bool:
        """Whether more than ``limit`` shown items may overlap ``[start, end)`` (a view
        with more is drawn as bars): never False when more do."""
        grid = self.starts.grid
        if grid is None:
            return False
        rows = None if self.every_row else self.order
        if grid.starting_within(start, end, rows) > limit:
            return True  # the common dense case, without the running counts
        return self._overlap().overlapping(start, end) > limit

    def _overlap(self) -> Running:
        """The running counts of the items shown: kept with the counts per actor when no
        lane is hidden (a new layout reuses them), else with this layout."""
        if self.every_row:
            if self.starts.running is None:
                self.starts.running = running(self.index.t0, self.index.t1, self.keep)
            return self.starts.running
        if self._running is None:
            self._running = running(self.index.t0, self.index.t1, self._shown())
        return self._running

    def _shown(self) -> np.ndarray:
        """Items kept and in a shown lane (some lane is hidden)."""
        shown = self._lane_ok[self.starts.rows(self.index.actor)]
        if self.keep is not None:
            shown &= self.keep
        return shown

    def cells(self, scale: TimeScale) -> tuple[int, tuple, float]:
        """(items starting in the view's cells, bars, cell width in px): bars are (lane
        rows, cells' left edges in cell widths from the view's left, counts). From the
        grid where its columns are fine enough, else counted from the items starting in
        the view (a contiguous slice of the index)."""
        level = cell_level(scale)
        cell = float(1 << level)
        lo, hi = math.floor(scale.start / cell), math.floor(scale.end / cell)
        grid = self.starts.grid
        if grid is None:
            per_row = np.zeros((len(self.starts.ids), hi - lo + 1), dtype=np.int64)
        elif level >= grid.level:
            per_row = grid.cells(level, lo, hi)
        else:
            per_row = self._counted(level, lo, hi)
        per_lane = per_row[self.order]
        if len(self.groups) < len(self.order):  # collapsed groups: their actors summed
            per_lane = np.add.reduceat(per_lane, self.groups, axis=0)
        flat = per_lane.ravel()
        nonzero = np.flatnonzero(flat)
        found = flat[nonzero].astype(np.int64)
        n_cells = hi - lo + 1
        bars = (self.group_lanes[nonzero // n_cells], nonzero % n_cells + (lo - scale.start / cell),
                found)
        return int(found.sum()), bars, cell / scale.seconds_per_px

    def _counted(self, level: int, lo: int, hi: int) -> np.ndarray:
        """Items per (actor row, cell) of the cells ``lo … hi``, counted from the items."""
        index = self.index
        a, b = np.searchsorted(index.t0, np.array([lo, hi + 1], dtype=np.int64) << level)
        cells = index.t0[a:b] >> level
        rows = self.starts.rows(index.actor[a:b])
        if self.keep is not None:
            cells, rows = cells[self.keep[a:b]], rows[self.keep[a:b]]
        cells -= lo
        cells += rows.astype(np.int64) * (hi - lo + 1)
        n_rows = len(self.starts.ids)
        return np.bincount(cells, minlength=n_rows * (hi - lo + 1)).reshape(n_rows, -1)


_COUNTS: weakref.WeakKeyDictionary[LaneLayout, LaneCounts] = weakref.WeakKeyDictionary()


def lane_counts(index: TimeIndex, layout: LaneLayout, keep: np.ndarray | None) -> LaneCounts:
    """The :class:`LaneCounts` of a layout and filter (kept while the layout lives)."""
    counts = _COUNTS.get(layout)
    if counts is None or counts.index is not index or counts.keep is not keep:
        counts = _COUNTS[layout] = LaneCounts(index, layout, keep)
    return counts
