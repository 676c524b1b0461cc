"""Stacking: the items of a lane that share a span each get a sub-row of their own. No Qt.

Every visible item takes a footprint on the x axis: its span (or its glyph) and room for
its label after it. Items of one lane are taken in the order of what is known (start
time, then order in the source, then id) and each goes to the first sub-row whose last
footprint ends before it starts (vis-timeline's stacking, for the visible window only).
A lane takes at most ``cap`` sub-rows; what does not fit is summarised in count marks
on one more sub-row, each opening on click or Enter.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

import numpy as np

#: Pixels a label needs at least after its glyph for a mark to be worth a sub-row of its
#: own when it shares a spot with others (a label gets all the room up to the next mark).
LABEL_RESERVE = 150.0
GLYPH_PX = 12.0
GAP_PX = 6.0
#: Overflow items within this many px of a count's first one share it (a count's pill,
#: "+1,234 more", is narrower, so counts never overlap).
COUNT_PX = 80.0


@dataclass(slots=True)
class Stacked:
    """Where each item goes: its sub-row (-1: summarised in a count), the count groups
    (item positions, per group), and each lane's depth in sub-rows."""

    sub: np.ndarray
    counts: list[np.ndarray]
    depths: np.ndarray


def footprints(x0: np.ndarray, x1: np.ndarray, is_span: np.ndarray, reserve: float):
    """(start, end) in px of each item on its sub-row: a span or a glyph, and its label."""
    mid = (x0 + x1) / 2
    start = np.where(is_span, x0, mid - GLYPH_PX / 2)
    end = np.maximum(np.where(is_span, x1, mid + GLYPH_PX / 2), start + GLYPH_PX + reserve)
    return start, end + GAP_PX


def stack(
    lanes: np.ndarray,
    start: np.ndarray,
    end: np.ndarray,
    n_lanes: int,
    caps: np.ndarray,
) -> Stacked:
    """Sub-rows for items given in lane order, and within a lane in stacking order.

    ``caps[lane]`` is the most sub-rows a lane may take before the rest is counted.
    """
    n = len(lanes)
    sub = np.zeros(n, dtype=np.int64)
    depths = np.ones(n_lanes, dtype=np.int64)
    counts: list[np.ndarray] = []
    if not n:
        return Stacked(sub, counts, depths)
    # Lanes where some item starts before an earlier one of its lane ends: found for all
    # lanes at once (a running maximum, lifted per lane so lanes never mix).
    lift = lanes.astype(np.float64) * (float(np.abs(end).max()) * 4 + 1e6)
    reach = np.maximum.accumulate(end + lift) - lift
    clash = np.zeros(n, dtype=bool)
    clash[1:] = (lanes[1:] == lanes[:-1]) & (start[1:] < reach[:-1])
    if not clash.any():
        return Stacked(sub, counts, depths)  # the common sparse case: one sub-row each
    bounds = np.flatnonzero(np.r_[True, lanes[1:] != lanes[:-1], True]).tolist()
    first_of = dict(zip(lanes[bounds[:-1]].tolist(), pairwise(bounds), strict=False))
    starts, ends, subs = start.tolist(), end.tolist(), [0] * n
    depth_of: dict[int, int] = {}
    for lane in np.unique(lanes[clash]).tolist():
        a, b = first_of[lane]
        over = _first_fit(starts, ends, a, b, int(caps[lane]), subs)
        depth_of[lane] = max(subs[a:b]) + 1 + (1 if over else 0)
        group: list[int] = []
        for i in over:  # a count holds the overflow items within COUNT_PX of its first
            if group and max(starts[i], 0.0) - max(starts[group[0]], 0.0) >= COUNT_PX:
                counts.append(np.array(group, dtype=np.int64))
                group = []
            group.append(i)
        if group:
            counts.append(np.array(group, dtype=np.int64))
    sub = np.array(subs, dtype=np.int64)
    if depth_of:
        depths[list(depth_of)] = list(depth_of.values())
    return Stacked(sub, counts, depths)


def _first_fit(starts: list, ends: list, a: int, b: int, cap: int, subs: list) -> list[int]:
    """Put items ``a:b`` on the first free sub-row, or -1 past ``cap``; return those."""
    right: list[float] = []
    over: list[int] = []
    for i in range(a, b):
        s = starts[i]
        for r, edge in enumerate(right):
            if edge <= s:
                right[r] = ends[i]
                subs[i] = r
                break
        else:
            if len(right) < cap:
                subs[i] = len(right)
                right.append(ends[i])
            else:
                subs[i] = -1
                over.append(i)
    return over


def next_starts(lanes: np.ndarray, subs: np.ndarray, x0: np.ndarray, width: float) -> np.ndarray:
    """For each mark, where the next mark of its sub-row starts (``width`` for the last):
    the room its label may take."""
    limit = np.full(len(x0), width, dtype=np.float64)
    if len(x0) < 2:
        return limit
    order = np.lexsort((x0, subs, lanes))
    same = (lanes[order][1:] == lanes[order][:-1]) & (subs[order][1:] == subs[order][:-1])
    following = x0[order][1:]
    limit[order[:-1][same]] = np.minimum(following[same], width)
    return limit
