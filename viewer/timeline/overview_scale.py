"""The overview strip's time axis: linear, with long empty stretches cut out. No Qt.

A store whose items fill three days and one item eight years earlier would, drawn
linearly, show the three days as one pixel. A user needs the busy stretch at a glance
and to know the outlier exists and how far it is. So the gaps between items that take up
a large share of the shown time are cut out and drawn as narrow breaks (with their
length written on them); every stretch that holds items keeps a linear scale, as wide as
its share of the items. A store without such gaps gets a plain linear axis.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

BREAK_PX = 22.0
MIN_SEGMENT_PX = 8.0
#: A gap is cut when it is at least this share of the time still shown.
GAP_SHARE = 0.25
MAX_BREAKS = 6
HOUR = 3600.0


@dataclass(frozen=True)
class Break:
    """A cut-out gap: drawn from ``x0`` to ``x1`` pixels, standing for ``t0``–``t1``."""

    x0: float
    x1: float
    t0: float
    t1: float


@dataclass(frozen=True)
class OverviewScale:
    """A piecewise-linear map between seconds and pixels across ``width``."""

    times: np.ndarray
    xs: np.ndarray
    breaks: tuple[Break, ...]

    @property
    def start(self) -> float:
        return float(self.times[0])

    @property
    def end(self) -> float:
        return float(self.times[-1])

    def x_of(self, t):
        """Pixels from the left for time(s) ``t`` (clamped to the ends)."""
        return np.interp(t, self.times, self.xs)

    def t_of(self, x):
        """Time(s) at pixel(s) ``x``."""
        return np.interp(x, self.xs, self.times)


def _cuts(t0: np.ndarray) -> list[int]:
    """Indices i whose gap t0[i]..t0[i+1] is cut, in time order."""
    if len(t0) < 2:
        return []
    gaps = np.diff(t0).astype(np.float64)
    count = min(MAX_BREAKS, len(gaps))
    largest = np.argpartition(gaps, -count)[-count:]
    shown = float(t0[-1] - t0[0])
    cuts = []
    for i in sorted(largest.tolist(), key=lambda i: -gaps[i]):
        if gaps[i] <= 0 or gaps[i] < GAP_SHARE * shown:
            break
        cuts.append(i)
        shown -= gaps[i]
    return sorted(cuts)


def _widths(counts: np.ndarray, room: float) -> np.ndarray:
    """Pixel widths by each stretch's share of the items (the busy stretch is wide even
    when it lasts a day, an outlier narrow even when it spans a year), none under
    MIN_SEGMENT_PX, together ``room``."""
    widths = np.maximum(room * counts / counts.sum(), MIN_SEGMENT_PX)
    widths[np.argmax(widths)] -= widths.sum() - room
    return widths


def _ends(t0: np.ndarray, t1: np.ndarray, cuts: list[int]) -> list[float]:
    """Where each stretch ends: its last item's end (a day-precision item covers its day),
    unless an item reaches far into the gap after it (then its last start)."""
    bounds = [0, *(i + 1 for i in cuts), len(t0)]
    ends = []
    for k in range(len(bounds) - 1):
        last_start = float(t0[bounds[k + 1] - 1])
        last_end = float(t1[bounds[k] : bounds[k + 1]].max())
        room = float(t0[bounds[k + 1]]) - last_start if k < len(cuts) else np.inf
        ends.append(last_end if last_end - last_start <= room * 0.5 else last_start)
    return ends


def overview_scale(t0: np.ndarray, t1: np.ndarray, width: float) -> OverviewScale:
    """The overview's axis for items from ``t0`` (sorted) to ``t1`` across ``width`` pixels."""
    if not len(t0):
        return OverviewScale(np.array([0.0, 1.0]), np.array([0.0, width]), ())
    cuts = _cuts(t0)
    starts = [float(t0[0])] + [float(t0[i + 1]) for i in cuts]
    ends = _ends(t0, t1, cuts)
    lengths = np.array([b - a for a, b in zip(starts, ends, strict=True)], dtype=np.float64)
    gaps = [starts[k + 1] - ends[k] for k in range(len(cuts))]
    # Each stretch gets a margin, so its first and last items are not on its edge; a
    # margin never takes more than a tenth of the gap beside it.
    pads = np.maximum(lengths * 0.04, 3 * HOUR)
    room = max(width - BREAK_PX * len(cuts), MIN_SEGMENT_PX * len(starts))
    counts = np.diff(np.array([0, *(i + 1 for i in cuts), len(t0)], dtype=np.float64))
    widths = _widths(counts, room)
    before = [pads[0]] + [min(pads[k + 1], gap * 0.1) for k, gap in enumerate(gaps)]
    after = [min(pads[k], gap * 0.1) for k, gap in enumerate(gaps)] + [pads[-1]]
    times, xs, breaks = [], [], []
    x = 0.0
    for k, (a, b) in enumerate(zip(starts, ends, strict=True)):
        times += [a - before[k], b + after[k]]
        xs += [x, x + widths[k]]
        x += widths[k]
        if k < len(gaps):
            breaks.append(Break(x, x + BREAK_PX, b + after[k], starts[k + 1] - before[k + 1]))
            x += BREAK_PX
    return OverviewScale(np.array(times), np.array(xs), tuple(breaks))
