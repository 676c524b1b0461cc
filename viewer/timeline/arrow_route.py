"""Where an arrow between two marks runs. No Qt.

Marks of the same day sit in one column at the day's left edge, their labels to the
right, so an arrow leaves and meets each mark at the left of its glyph and bows out to
the left, into the time before them, where no label is. When the view leaves too little
room there (its left edge is at the marks), the arrow is a thread down the marks' column
instead: it leaves and meets each glyph at its top or bottom, in the gap between two
rows, and runs under the glyphs and bars between (the arrows are painted before the
marks), never across a label. An end off screen is a point near the view's edge, met
from the view's inside, so that its head points out of the view.

Every arrow of a frame is routed at once, on arrays: cubic curves whose control points
lie level with (or, for a thread, straight above or below) their ends.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

ATTACH_GAP = 2.0  # between a glyph's edge and the arrow's end
MIN_BOW = 12.0  # less room than this at the left: the arrow is a thread
MAX_BOW = 160.0
VIEW_PAD = 3.0  # the curve keeps this far inside the view's left edge
LIFT = 12.0  # an arrow between two marks of one row arcs this far above it
THREADS = 5  # threads in one column are spread over this many x offsets…
THREAD_STEP = 1.6  # …this far apart (within a glyph's width, under the glyphs)
MARKER_AT = 5.5  # a thread's marker: this far from its start, in the gap between rows


@dataclass(frozen=True, slots=True)
class Routes:
    """Cubic curves of n arrows: ``points`` (n × 8) are the start, two control points and
    the end; ``middle`` (n × 4) where a kind's marker goes and the unit direction of the
    curve there; ``tip`` (n × 2) the unit direction at the end (the head's)."""

    points: np.ndarray
    middle: np.ndarray
    tip: np.ndarray


def route(ends: np.ndarray, marks: np.ndarray, view: tuple[float, float],
          radius: float) -> Routes:
    """Route n arrows. ``ends`` (n × 4): x0, y0 (the answer), x1, y1 (the answered), mark
    centres or edge points; ``marks`` (n × 2, bool): whether each end is a mark's centre;
    ``view``: the lanes' left and right; ``radius``: half a glyph's width. (Few numpy
    calls, each on all arrows: a frame's arrows are routed in tens of microseconds.)"""
    n = len(ends)
    inset = radius + ATTACH_GAP
    left = ends[:, 0::2] - inset * marks  # where each end is met, bowed left
    dy = np.abs(ends[:, 3] - ends[:, 1])
    want = np.clip(10.0 + 0.15 * dy + 0.05 * np.abs(left[:, 1] - left[:, 0]), MIN_BOW, MAX_BOW)
    room = (np.where(marks, left, np.inf).min(axis=1) - view[0] - VIEW_PAD) * (4 / 3)
    points = np.empty((n, 8))  # x0 y0, control 1, control 2, x1 y1
    points[:, 0::6] = left
    points[:, 1::6] = ends[:, 1::2]
    points[:, 2:5:2] = left - np.minimum(want, room)[:, None]  # a cubic reaches ¾ of its bow
    points[:, 3:6:2] = ends[:, 1::2] - (LIFT * (dy < 4.0))[:, None]
    thread = np.flatnonzero(room < MIN_BOW)
    if len(thread):
        points[thread] = _threads(ends[thread], marks[thread], inset)
    away, end = np.nonzero(~marks)  # ends off screen: met from the view's inside
    if len(away):
        x = ends[away, 2 * end]
        points[away, 2 + 2 * end] = x + np.where(x - view[0] <= view[1] - x, 1.0, -1.0) * want[away]
    p = points.reshape(n, 4, 2)
    ways = np.stack((p[:, 3] + p[:, 2] - p[:, 1] - p[:, 0], p[:, 3] - p[:, 2]), axis=1)
    ways /= np.maximum(np.hypot(ways[..., 0], ways[..., 1]), 1e-9)[..., None]
    middle = np.concatenate(((p[:, 0] + 3 * (p[:, 1] + p[:, 2]) + p[:, 3]) / 8, ways[:, 0]),
                            axis=1)
    if len(thread):  # a thread's marker: near its start, in the gap between two rows
        start = p[thread, 1] - p[thread, 0]
        start /= np.maximum(np.hypot(start[:, 0], start[:, 1]), 1e-9)[:, None]
        middle[thread] = np.concatenate((p[thread, 0] + start * MARKER_AT, start), axis=1)
    return Routes(points, middle, ways[:, 1])


def _threads(ends: np.ndarray, marks: np.ndarray, inset: float) -> np.ndarray:
    """Arrows down the marks' column: each end at its glyph's top or bottom (towards the
    other end; the top for two marks of one row), the control points straight beyond."""
    x0, y0, x1, y1 = ends.T
    down = np.where(y1 - y0 >= 4.0, 1.0, -1.0)  # from the answer towards the answered
    up = np.where(y0 - y1 >= 4.0, 1.0, -1.0)
    shift = (np.arange(len(ends)) % THREADS - THREADS // 2) * THREAD_STEP
    sy0, sy1 = y0 + down * inset * marks[:, 0], y1 + up * inset * marks[:, 1]
    reach = np.maximum(np.abs(sy1 - sy0) / 3, LIFT)
    return np.column_stack((x0 + shift * marks[:, 0], sy0, x0 + shift, sy0 + down * reach,
                            x1 + shift, sy1 + up * reach, x1 + shift * marks[:, 1], sy1))
