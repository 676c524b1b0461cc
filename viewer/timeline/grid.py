"""Cumulative counts of items over a time grid, so that a view's counts cost what its
pixels cost, not what its items cost. No Qt.

:class:`CountGrid` keeps, per row (an actor), how many items start before each grid
column: the items of a row starting in any run of whole columns are one subtraction.
:class:`Running` keeps, over all rows, how many items have begun and how many have ended
by each column of a finer 1-D grid: how many items overlap a span (begun before its end,
not ended by its start) is two lookups. Columns are ``2**level`` seconds anchored at
time 0, the same cells as the density bars (:mod:`density`). Both are built once per
index and filter (:mod:`counts`), in slices of the index (no temporary as large as a
column).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

#: Most entries (columns × rows) of a grid: 8M int32 are 32 MB; and at most this many per
#: item (a smaller store needs no finer grid: counting its items per view is cheap).
GRID_BINS = 8_000_000
GRID_PER_ITEM = 2
#: Most columns of the 1-D running counts (two int64 arrays: 4 MB at most; 17 minutes a
#: column over five years).
LINE_BINS = 250_000
_SLICE = 1 << 20


def level_for(span: int, bins: int) -> int:
    """The finest level (power of two of seconds) at which ``span`` seconds take at most
    ``bins`` columns (two more for the ends)."""
    level = 0
    while (span >> level) + 2 > bins and level < 62:
        level += 1
    return level


@dataclass(frozen=True, slots=True)
class CountGrid:
    """``cum[row, k]``: items of ``row`` starting before column ``first + k`` (int32, one
    more entry than columns: the last is every item of the row)."""

    level: int
    first: int
    cum: np.ndarray

    def cells(self, level: int, lo: int, hi: int) -> np.ndarray:
        """Items per (row, cell) of the cells ``lo … hi`` (absolute cell numbers at
        ``level``, at least the grid's), shape ``(rows, hi - lo + 1)``."""
        shift = level - self.level
        edges = (np.arange(lo, hi + 2, dtype=np.int64) << shift) - self.first
        np.clip(edges, 0, self.cum.shape[1] - 1, out=edges)
        return np.diff(self.cum[:, edges], axis=1)

    def starting_within(self, start: float, end: float, rows: np.ndarray | None = None) -> int:
        """Items (of ``rows``; None: every row) starting in the whole columns inside
        ``[start, end)``: at most as many as start in it, a cheap lower bound."""
        width = float(1 << self.level)
        last = self.cum.shape[1] - 1
        a = min(max(math.ceil(start / width) - self.first, 0), last)
        b = min(max(math.floor(end / width) - self.first, 0), last)
        if b <= a:
            return 0
        cum = self.cum if rows is None else self.cum[rows]
        return int(cum[:, b].sum(dtype=np.int64) - cum[:, a].sum(dtype=np.int64))


def count_grid(
    t0: np.ndarray, rows: np.ndarray, shown: np.ndarray | None, n_rows: int, base: int = 0
) -> CountGrid | None:
    """The grid of items starting at ``t0`` (sorted) in rows ``rows - base`` (each in
    ``0 … n_rows - 1``), only those where ``shown`` is True (None: all), or None when
    there are none."""
    if not len(t0) or not n_rows:
        return None
    bins = min(GRID_BINS, max(GRID_PER_ITEM * len(t0), 1 << 16))
    level = level_for(int(t0[-1]) - int(t0[0]), max(bins // n_rows, 2))
    first = int(t0[0]) >> level
    columns = (int(t0[-1]) >> level) - first + 1
    cum = np.zeros((n_rows, columns + 1), dtype=np.int32)  # a row is contiguous
    buffers = np.empty((2, min(_SLICE, len(t0))), dtype=np.int64)  # reused: no page faults
    for a in range(0, len(t0), _SLICE):
        n = min(_SLICE, len(t0) - a)
        keys, wide = np.right_shift(t0[a : a + n], level, out=buffers[0, :n]), buffers[1, :n]
        low, high = int(keys[0]), int(keys[-1])  # t0 is sorted: the slice's columns
        part = rows[a : a + n]
        if shown is not None:
            keys, part = keys[shown[a : a + n]], part[shown[a : a + n]]
            wide = wide[: len(keys)]
        keys -= low + base * (high - low + 1)
        keys += np.multiply(part, high - low + 1, out=wide, dtype=np.int64)
        counts = np.bincount(keys, minlength=(high - low + 1) * n_rows)
        cum[:, 1 + low - first : 2 + high - first] += counts.reshape(n_rows, -1)
    np.cumsum(cum, axis=1, dtype=np.int32, out=cum)
    return CountGrid(level, first, cum)


@dataclass(frozen=True, slots=True)
class Running:
    """``begun[k]``: items starting before column ``first + k``; ``ended[k]``: items
    ending at or before it (``t1`` is an exclusive end)."""

    level: int
    first: int
    begun: np.ndarray
    ended: np.ndarray

    def overlapping(self, start: float, end: float) -> int:
        """Items overlapping ``[start, end)``, or a few more (the span is widened to whole
        columns): never fewer."""
        width = float(1 << self.level)
        last = len(self.begun) - 1
        a = min(max(math.floor(start / width) - self.first, 0), last)
        b = min(max(math.ceil(end / width) - self.first, 0), last)
        return int(self.begun[b] - self.ended[a])


def running(t0: np.ndarray, t1: np.ndarray, shown: np.ndarray | None) -> Running:
    """The running counts of the items where ``shown`` (None: all of them)."""
    if not len(t0):
        empty = np.zeros(1, dtype=np.int64)
        return Running(0, 0, empty, empty)
    high = int(t1.max())
    level = level_for(high - int(t0[0]), LINE_BINS)
    first = int(t0[0]) >> level
    size = ((high + (1 << level) - 1) >> level) - first + 2
    edges = (np.arange(size, dtype=np.int64) + first) << level
    if shown is None:  # t0 is sorted: a bisection per column
        begun = np.searchsorted(t0, edges).astype(np.int64)
    else:
        begun = np.zeros(size, dtype=np.int64)
    ended = np.zeros(size, dtype=np.int64)
    for a in range(0, len(t0), _SLICE):
        ends = t1[a : a + _SLICE]
        if shown is not None:
            starts = t0[a : a + _SLICE][shown[a : a + _SLICE]] >> level
            starts += 1 - first  # counted from the next column on
            begun += np.bincount(starts, minlength=size)
            ends = ends[shown[a : a + _SLICE]]
        ends = ends + ((1 << level) - 1)
        ends >>= level  # the first column edge at or after the end
        ends -= first
        ended += np.bincount(ends, minlength=size)
    if shown is not None:
        np.cumsum(begun, out=begun)
    return Running(level, first, begun, np.cumsum(ended, out=ended))
