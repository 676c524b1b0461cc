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
    Footprints are those of :func:`footprints`: an item's footprint ends after the start
    of every earlier item of its lane (what lets each sub-row be found with bisections).
    """
    n = len(lanes)
    sub = np.zeros(n, dtype=np.int64)
    depths = np.ones(n_lanes, dtype=np.int64)
    if not n:
        return Stacked(sub, [], depths)
    # Lanes where some item starts before an earlier one of its lane ends: found for all
    # lanes at once (a running maximum, lifted per lane so lanes never mix).
    low = float(min(start.min(), 0.0))
    lift = lanes.astype(np.float64) * (float(end.max()) - low + 1e6) - low
    reach = np.maximum.accumulate(end + lift) - lift
    clash = np.zeros(n, dtype=bool)
    clash[1:] = (lanes[1:] == lanes[:-1]) & (start[1:] < reach[:-1])
    if not clash.any():
        return Stacked(sub, [], depths)  # the common sparse case: one sub-row each
    clashing = np.zeros(n_lanes, dtype=bool)
    clashing[lanes[clash]] = True
    todo = np.flatnonzero(clashing[lanes])
    over = _first_fit(lanes[todo], (start + lift)[todo], (end + lift)[todo], caps, sub, todo)
    bounds = np.flatnonzero(np.r_[True, lanes[todo][1:] != lanes[todo][:-1]])
    deepest = np.maximum.reduceat(sub[todo], bounds) + 1
    filled = lanes[todo][bounds]
    depths[filled] = deepest
    counts = _count_groups(lanes[over], np.maximum(start[over], 0.0) + lift[over], over)
    counted = np.zeros(n_lanes, dtype=bool)
    counted[lanes[over]] = True
    depths[counted] += 1  # the counts' own sub-row
    return Stacked(sub, counts, depths)


def _first_fit(lanes, starts, ends, caps, sub, positions) -> np.ndarray:
    """Each item on the first sub-row of its lane free where it starts (``starts`` and
    ``ends`` lifted per lane), -1 past its lane's cap; return the positions counted.

    First fit, one sub-row at a time: the items of sub-row ``r`` are a chain over the
    items left, each the first after the one before that starts where that one ends
    (one bisection per item left, a walk along the chain)."""
    left = np.arange(len(lanes))
    counted: list[np.ndarray] = []
    row = 0
    while len(left):
        full = caps[lanes[left]] <= row
        if full.any():
            counted.append(left[full])
            left = left[~full]
            if not len(left):
                break
        reach = np.maximum.accumulate(starts[left])
        following = np.searchsorted(reach, ends[left], side="left")
        following = np.maximum(following, np.arange(1, len(left) + 1)).tolist()
        chain, i, m = [], 0, len(left)
        while i < m:
            chain.append(i)
            i = following[i]
        taken = np.zeros(m, dtype=bool)
        taken[chain] = True
        sub[positions[left[taken]]] = row
        left = left[~taken]
        row += 1
    over = positions[np.sort(np.concatenate(counted))] if counted else positions[:0]
    sub[over] = -1
    return over


def _count_groups(lanes: np.ndarray, starts: np.ndarray, positions: np.ndarray):
    """The counted items split into counts: each holds the items of its lane within
    COUNT_PX of its first (``starts`` clipped at the left edge and lifted per lane)."""
    if not len(positions):
        return []
    reach = np.maximum.accumulate(starts)
    following = np.searchsorted(reach, starts + COUNT_PX, side="left")
    following = np.maximum(following, np.arange(1, len(starts) + 1)).tolist()
    heads, i = [], 0
    while i < len(starts):
        heads.append(i)
        i = following[i]
    heads.append(len(starts))
    return [positions[a:b] for a, b in pairwise(heads)]


def next_starts(lanes: np.ndarray, subs: np.ndarray, x0: np.ndarray, width: float) -> np.ndarray:
    """For each mark, where the next mark of its sub-row starts (``width`` for the last):
    the room its label may take. Marks come as :func:`stack` placed them: in stacking
    order, so along a sub-row each starts after the one before it ends (one stable sort
    by sub-row puts them in place)."""
    limit = np.full(len(x0), width, dtype=np.float64)
    if len(x0) < 2:
        return limit
    order = np.argsort(lanes.astype(np.int64) * (int(subs.max()) + 1) + subs, kind="stable")
    same = (lanes[order][1:] == lanes[order][:-1]) & (subs[order][1:] == subs[order][:-1])
    following = x0[order][1:]
    limit[order[:-1][same]] = np.minimum(following[same], width)
    return limit
