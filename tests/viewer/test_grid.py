"""Counts kept between frames (viewer.timeline.grid, density.LaneCounts) equal a direct
count of the items, on random data and on a store: the cells of a dense view, the lower
bound that makes a view dense at once, the running counts that decide it otherwise."""

from __future__ import annotations

import math

import numpy as np
import pytest

from db.timeindex import KIND_STATEMENT
from viewer.timeline import counts, density, grid
from viewer.timeline.counts import start_counts
from viewer.timeline.scale import TimeScale
from viewer.timeline.scene import DETAIL_LIMIT, Stacking, compose


def _random_items(seed: int, n: int, n_lanes: int):
    rng = np.random.default_rng(seed)
    t0 = np.sort(rng.integers(-3 * 10**7, 2 * 10**8, n)).astype(np.int64)
    t0[: n // 5] = t0[n // 5]  # a burst of items at the same second
    t0.sort()
    lengths = rng.choice([1, 60, 86400, 31_622_400], n, p=[0.3, 0.3, 0.3, 0.1])
    lanes = rng.integers(-1, n_lanes, n).astype(np.int32)  # -1: a hidden lane
    return t0, t0 + lengths, lanes


def _direct(t0, lanes, shown, n_lanes, level, lo, hi):
    """Items per (lane, cell) of cells lo … hi at ``level``, counted one by one."""
    out = np.zeros((n_lanes, hi - lo + 1), dtype=np.int64)
    for t, lane, ok in zip(t0.tolist(), lanes.tolist(), shown.tolist(), strict=True):
        cell = t >> level
        if ok and lane >= 0 and lo <= cell <= hi:
            out[lane, cell - lo] += 1
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_grid_cells_equal_a_direct_count(seed, monkeypatch):
    monkeypatch.setattr(grid, "GRID_BINS", 3000)  # coarse columns: many levels above
    monkeypatch.setattr(grid, "_SLICE", 97)  # many slices, each its own column range
    n_lanes = 7
    t0, _t1, lanes = _random_items(seed, 2000, n_lanes)
    rng = np.random.default_rng(seed + 10)
    keep = rng.random(len(t0)) < 0.7
    every = np.abs(lanes)  # shown None: every item has a lane and is shown
    for rows, shown in ((every, None), (lanes, (lanes >= 0) & keep)):
        built = grid.count_grid(t0, rows, shown, n_lanes)
        assert built is not None and built.cum.dtype == np.int32
        mask = np.ones(len(t0), bool) if shown is None else shown
        for level in range(built.level, built.level + 8):
            for _ in range(4):
                lo = int(rng.integers(-40, 60)) + (int(t0[0]) >> level)
                hi = lo + int(rng.integers(0, 50))
                want = _direct(t0, rows, mask, n_lanes, level, lo, hi)
                assert np.array_equal(built.cells(level, lo, hi), want)


def test_whole_columns_are_a_lower_bound_of_what_starts():
    t0, _t1, lanes = _random_items(4, 3000, 5)
    built = grid.count_grid(t0, np.abs(lanes), None, 5)
    rng = np.random.default_rng(4)
    width = 1 << built.level
    for _ in range(200):
        a, b = np.sort(rng.integers(int(t0[0]) - 10**6, int(t0[-1]) + 10**6, 2))
        exact = int(np.sum((t0 >= a) & (t0 < b)))
        assert built.starting_within(a, b) <= exact
        # On column edges the bound is the count.
        a, b = (a // width) * width, (b // width) * width
        assert built.starting_within(a, b) == int(np.sum((t0 >= a) & (t0 < b)))


@pytest.mark.parametrize("with_mask", [False, True])
def test_running_counts_never_miss_an_overlapping_item(with_mask, monkeypatch):
    monkeypatch.setattr(grid, "LINE_BINS", 5000)
    monkeypatch.setattr(grid, "_SLICE", 333)
    t0, t1, lanes = _random_items(5, 4000, 4)
    shown = (lanes >= 0) & (np.arange(len(t0)) % 3 > 0) if with_mask else None
    counts = grid.running(t0, t1, shown)
    mask = np.ones(len(t0), bool) if shown is None else shown
    width = 1 << counts.level
    rng = np.random.default_rng(5)
    for _ in range(300):
        a = int(rng.integers(int(t0[0]) - 10**7, int(t1.max()) + 10**7))
        b = a + int(rng.choice([60, 3600, 86400, 10**7]))
        exact = int(np.sum(mask & (t0 < b) & (t1 > a)))
        assert counts.overlapping(a, b) >= exact
        a, b = (a // width) * width, -(-b // width) * width
        assert counts.overlapping(a, b) == int(np.sum(mask & (t0 < b) & (t1 > a)))


def test_empty_and_one_item():
    none = np.empty(0, dtype=np.int64)
    assert grid.count_grid(none, none.astype(np.int32), None, 3) is None
    assert grid.running(none, none, None).overlapping(-10, 10) == 0
    one = np.array([1000], dtype=np.int64)
    built = grid.count_grid(one, np.array([2], dtype=np.int32), None, 3)
    assert built.cells(built.level, 0, 5000 >> built.level)[:, :].sum(axis=1).tolist() == [0, 0, 1]
    assert grid.running(one, one + 5, None).overlapping(1002, 1003) == 1


# -- on a store ----------------------------------------------------------------------------



def _bars(frame) -> dict[tuple[int, int], int]:
    rows, buckets, counts = frame.density
    cells = np.round(buckets * frame.bucket_px, 6)  # x of the cell's left edge
    return {(int(r), float(x)): int(c) for r, x, c in zip(rows, cells, counts, strict=True)}


def _expected(state) -> dict[tuple[int, int], int]:
    """Items starting in each (lane, cell) of the view, counted directly."""
    index, scale = state.store.index, state.scale
    level = density.cell_level(scale)
    cell = float(1 << level)
    lo, hi = math.floor(scale.start / cell), math.floor(scale.end / cell)
    lanes = state.layout.rows_for(index.actor)
    shown = lanes >= 0 if state.keep is None else (lanes >= 0) & state.keep
    counts = _direct(index.t0, lanes, shown, len(state.layout.lanes), level, lo, hi)
    px = cell / scale.seconds_per_px
    return {
        (lane, float(np.round((k + lo - scale.start / cell) * px, 6))): int(counts[lane, k])
        for lane, k in zip(*np.nonzero(counts), strict=True)
    }


@pytest.mark.parametrize("grid_bins", [8_000_000, 2000])  # fine columns; coarse ones
def test_dense_frames_count_what_starts_in_each_cell(state, monkeypatch, grid_bins):
    monkeypatch.setattr(grid, "GRID_BINS", grid_bins)
    monkeypatch.setattr(grid, "GRID_PER_ITEM", 10**6)
    monkeypatch.setattr("viewer.timeline.scene.DETAIL_LIMIT", 100)
    for span in (None, 200 * 86400.0, 20 * 86400.0):
        if span is not None:
            middle = state.scale.start + state.scale.span / 2
            state.scale.set_range(middle - span / 2, middle + span / 2)
        state.relayout()  # fresh counts with this GRID_BINS
        frame = state.frame
        assert frame.dense
        assert _bars(frame) == _expected(state)
        assert frame.visible == sum(_expected(state).values())
        assert 3 <= frame.bucket_px < 6


def test_dense_frames_follow_filters_and_hidden_lanes(state):
    total = state.frame.visible
    state.kinds = {KIND_STATEMENT}
    state.update_mask()
    assert _bars(state.frame) == _expected(state)
    statements = state.frame.visible
    assert 0 < statements < total
    state.hidden = {state.layout.lanes[0].actor_id}
    state.relayout()
    assert _bars(state.frame) == _expected(state)
    assert state.frame.visible < statements


def test_bars_stay_put_while_panning(state):
    """Bars are anchored at absolute time: panning moves them by the pan, no reshuffle."""
    spp = state.scale.seconds_per_px

    def absolute():
        rows, buckets, counts = state.frame.density
        t = buckets * state.frame.bucket_px * spp + state.scale.start
        return {(int(r), round(float(x))): int(c) for r, x, c in zip(rows, t, counts,
                                                                     strict=True)}

    before = absolute()
    state.scale.pan_px(37.3)
    after = absolute()
    common = set(before) & set(after)
    assert len(common) > 0.8 * min(len(before), len(after))
    assert all(before[k] == after[k] for k in common)


def test_many_long_items_running_through_a_view_make_it_dense(state, monkeypatch):
    """A view where few items start but more than DETAIL_LIMIT run through it is drawn
    as bars (the running counts say so without reading the items), and one where few
    run through it item by item."""
    index, layout = state.store.index, state.layout
    monkeypatch.setattr("viewer.timeline.scene.DETAIL_LIMIT", 50)
    lengths = index.t1 - index.t0
    long_row = int(np.argmax(lengths))
    middle = float(index.t0[long_row] + lengths[long_row] // 2)
    scale = TimeScale(middle - 1800, 3600, 1410)
    overlapping = int(np.sum((index.t0 < scale.end) & (index.t1 > scale.start)))
    starting = index.count_window(scale.start - Stacking().reserve * scale.seconds_per_px,
                                  scale.end)
    assert overlapping > 50 >= starting  # the store has such a view
    assert compose(index, scale, layout).dense
    monkeypatch.setattr("viewer.timeline.scene.DETAIL_LIMIT", DETAIL_LIMIT)
    frame = compose(index, scale, layout)
    margin = Stacking().reserve * scale.seconds_per_px
    near = int(np.sum((index.t0 < scale.end) & (index.t1 > scale.start - margin)))
    assert not frame.dense and frame.visible == near


def test_collapsing_regroups_the_same_counts(state):
    """Counts are kept per actor: a collapsed group's lane shows its members summed, and
    collapsing builds nothing new."""
    before = start_counts(state.store.index)
    bars = _bars(state.frame)
    header = next(lane for lane in state.layout.lanes if lane.is_side and lane.members)
    state.collapsed = {header.actor_id}
    state.relayout()
    assert _bars(state.frame) == _expected(state)
    assert start_counts(state.store.index) is before
    row = state.layout.row_of_actor(header.actor_id)
    assert sum(c for (r, _x), c in _bars(state.frame).items() if r == row) > sum(
        c for (r, _x), c in bars.items() if r == row
    )


@pytest.mark.parametrize("spread", [1, 10**6])  # ids close together; far apart
def test_actor_counts_from_the_grid(state, monkeypatch, spread):
    index = state.store.index
    if spread > 1:
        monkeypatch.setattr(counts, "ROWS_MAX", 4)  # as if ids were far apart
    found = counts.StartCounts(index, None)
    assert found.actor_counts() == index.actor_counts()
    assert (found.base is None) == (spread > 1)


@pytest.mark.parametrize("table_max", [4_000_000, 1])  # a lookup table; a bisection
def test_rows_for_gives_each_actor_its_lane_as_int32(state, monkeypatch, table_max):
    from viewer.timeline import lanes as lanes_module

    monkeypatch.setattr(lanes_module, "TABLE_MAX", table_max)
    state.hidden = {state.layout.lanes[1].actor_id}
    state.relayout()
    layout = state.layout
    actors = state.store.index.actor
    rows = layout.rows_for(actors)
    assert rows.dtype == np.int32
    assert rows.tolist() == [layout.row_of_actor(a) for a in actors.tolist()]
    odd = np.array([-5, 10**9, int(actors.max()) + 1], dtype=np.int32)  # unknown ids
    assert layout.rows_for(odd).tolist() == [-1, -1, -1]


def test_hidden_lanes_leave_their_items_out_of_the_running_counts(state):
    state.hidden = {state.layout.lanes[1].actor_id}
    state.kinds = {KIND_STATEMENT}
    state.update_mask()
    state.relayout()
    index = state.store.index
    lanes = counts.lane_counts(index, state.layout, state.keep)
    assert not lanes.every_row
    shown = (state.layout.rows_for(index.actor) >= 0) & state.keep
    assert np.array_equal(lanes._shown(), shown)
    middle = float(index.t0[len(index) // 2])
    for half in (60.0, 86400.0, 10**7):
        exact = int(np.sum(shown & (index.t0 < middle + half) & (index.t1 > middle - half)))
        assert lanes._overlap().overlapping(middle - half, middle + half) >= exact
