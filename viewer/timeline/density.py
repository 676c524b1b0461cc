"""Dense views: counts of the items starting in each (lane, time cell), drawn as bars.
No Qt.

Cells are powers of two of seconds anchored at absolute time, so bars keep their place
while panning. The counts are kept between frames (:mod:`counts`); here, the cells of
a view and the bars as pixels.
"""

from __future__ import annotations

import math

import numpy as np

from viewer.timeline.scale import TimeScale

BUCKET_PX = 3


def cell_level(scale: TimeScale) -> int:
    """The power of two (in seconds) of the time cells of a dense view: the smallest one
    at least BUCKET_PX pixels wide, so a cell is 3 to 6 px."""
    return max(0, math.ceil(math.log2(max(scale.seconds_per_px * BUCKET_PX, 1.0))))


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
