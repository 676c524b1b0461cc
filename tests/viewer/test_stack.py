"""Stacking (viewer.timeline.stack): the sub-rows found with bisections are those of
first fit, item by item, on any mix of points and spans, caps and lanes."""

from __future__ import annotations

import numpy as np
import pytest

from viewer.timeline.stack import COUNT_PX, footprints, next_starts, stack


def first_fit(lanes, start, end, n_lanes, caps):
    """First fit written out item by item: the rule :func:`stack` must give."""
    sub = [0] * len(lanes)
    depths = [1] * n_lanes
    counts = []
    for lane in sorted(set(lanes.tolist())):
        rows: list[float] = []
        over: list[int] = []
        members = np.flatnonzero(lanes == lane).tolist()
        for i in members:
            free = [r for r, edge in enumerate(rows) if edge <= start[i]]
            if free:
                sub[i] = free[0]
                rows[free[0]] = end[i]
            elif len(rows) < caps[lane]:
                sub[i] = len(rows)
                rows.append(end[i])
            else:
                sub[i] = -1
                over.append(i)
        depths[lane] = max(sub[i] for i in members) + 1 + (1 if over else 0)
        group: list[int] = []
        for i in over:
            if group and max(start[i], 0.0) - max(start[group[0]], 0.0) >= COUNT_PX:
                counts.append(group)
                group = []
            group.append(i)
        if group:
            counts.append(group)
    return sub, depths, counts


def items(rng, n, n_lanes, days):
    """``n`` items in ``n_lanes`` lanes on ``days`` days, in stacking order: many on one
    day (a point each), some over several days (spans), some reaching in from the left."""
    lanes = np.sort(rng.integers(0, n_lanes, n))
    day = rng.integers(-2, days, n).astype(np.float64) * 40.0
    x0 = day + rng.choice([0.0, 0.0, 3.0], n)
    x1 = x0 + rng.choice([0.0, 5.0, 40.0, 400.0, 9000.0], n)
    order = np.lexsort((x0, lanes))
    return lanes[order], x0[order], x1[order]


@pytest.mark.parametrize("seed", range(12))
def test_stack_is_first_fit(seed):
    rng = np.random.default_rng(seed)
    n_lanes = int(rng.integers(1, 8))
    lanes, x0, x1 = items(rng, int(rng.integers(1, 400)), n_lanes, int(rng.integers(1, 30)))
    reserve = float(rng.choice([0.0, 40.0, 150.0]))
    start, end = footprints(x0, x1, (x1 - x0) >= 12, reserve)
    caps = rng.integers(1, 9, n_lanes)
    got = stack(lanes, start, end, n_lanes, caps)
    sub, depths, counts = first_fit(lanes, start, end, n_lanes, caps)
    assert got.sub.tolist() == sub
    assert got.depths.tolist() == depths
    assert [c.tolist() for c in got.counts] == counts


def test_a_lane_of_fifty_on_one_day_takes_fifty_sub_rows_or_counts_past_its_cap():
    lanes = np.zeros(50, dtype=np.int64)
    x = np.full(50, 300.0)
    start, end = footprints(x, x, np.zeros(50, dtype=bool), 150.0)
    open_lane = stack(lanes, start, end, 1, np.array([400]))
    assert open_lane.sub.tolist() == list(range(50)) and open_lane.depths.tolist() == [50]
    capped = stack(lanes, start, end, 1, np.array([6]))
    assert capped.sub.tolist() == [*range(6), *[-1] * 44]
    assert capped.depths.tolist() == [7]  # six sub-rows and the count's
    assert [c.tolist() for c in capped.counts] == [list(range(6, 50))]


def test_lanes_without_clashes_keep_one_sub_row():
    lanes = np.array([0, 0, 1, 2])
    x = np.array([0.0, 500.0, 0.0, 0.0])
    start, end = footprints(x, x, np.zeros(4, dtype=bool), 150.0)
    got = stack(lanes, start, end, 4, np.full(4, 6))
    assert got.sub.tolist() == [0, 0, 0, 0] and got.depths.tolist() == [1, 1, 1, 1]
    assert got.counts == []


@pytest.mark.parametrize("seed", range(6))
def test_each_mark_knows_where_the_next_of_its_sub_row_starts(seed):
    rng = np.random.default_rng(seed)
    n_lanes = int(rng.integers(1, 6))
    lanes, x0, x1 = items(rng, int(rng.integers(2, 300)), n_lanes, int(rng.integers(1, 20)))
    start, end = footprints(x0, x1, (x1 - x0) >= 12, 150.0)
    got = stack(lanes, start, end, n_lanes, np.full(n_lanes, 400))
    placed = np.flatnonzero(got.sub >= 0)
    lanes, subs, start = lanes[placed], got.sub[placed], start[placed]
    limits = next_starts(lanes, subs, start, 1400.0)
    for i in range(len(placed)):  # the nearest start after its own, on its sub-row
        later = start[(lanes == lanes[i]) & (subs == subs[i]) & (start > start[i])]
        assert limits[i] == min(later.min() if len(later) else 1400.0, 1400.0)
