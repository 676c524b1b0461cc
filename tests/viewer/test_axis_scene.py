"""Units of the timeline without widgets: axis ticks, the time scale, lanes, frames."""

from __future__ import annotations

from datetime import datetime

import numpy as np
import pytest

from db.api import open_store
from db.dates import from_seconds, to_seconds
from db.model import Actor
from db.timeindex import KIND_EVENT, KIND_STATEMENT, NO_ACTOR
from tests.conftest import write_store
from viewer.timeline.axis import LEVELS, AxisTicks, axis_ticks, pick_level
from viewer.timeline.labels import cut_label, whole_label
from viewer.timeline.lanes import HEADER_HEIGHT, LANE_HEIGHT, LaneLayout
from viewer.timeline.scale import DAY, HIGHEST, LOWEST, MAX_SPAN, MIN_SPAN, TimeScale
from viewer.timeline.scene import (
    BUCKET_PX,
    DETAIL_LIMIT,
    SPAN_LINK_PX,
    MarkType,
    Stacking,
    compose,
)
from viewer.timeline.state import TimelineState

YEAR = 365.25 * DAY
CHAR_PX = 7.0

# -- axis ----------------------------------------------------------------------------------

SPANS = {  # visible span across 1000 px → the lower tier's step
    "century": (100 * YEAR, ("year", 5)),
    "decade": (10 * YEAR, ("month", 6)),
    "year": (YEAR, ("month", 1)),
    "month": (30 * DAY, ("day", 2)),
    "week": (7 * DAY, ("hour", 12)),
    "day": (DAY, ("hour", 3)),
    "hour": (3600.0, ("minute", 5)),
    "ten minutes": (600.0, ("minute", 1)),
}


@pytest.mark.parametrize("name", list(SPANS))
def test_each_zoom_picks_a_sensible_step(name):
    span, (unit, count) = SPANS[name]
    level = pick_level(span / 1000, CHAR_PX)
    assert (level.unit, level.count) == (unit, count)


def test_millennia_use_centuries_or_more():
    level = pick_level(5000 * YEAR / 1000, CHAR_PX)
    assert level.unit == "year" and level.count >= 100


def test_levels_get_coarser_as_you_zoom_out():
    spps = np.geomspace(0.01, MAX_SPAN / 500, 400)
    steps = [pick_level(float(s), CHAR_PX).seconds for s in spps]
    assert steps == sorted(steps)
    assert {pick_level(float(s), CHAR_PX) for s in spps} == set(LEVELS)


def _sample_views():
    """(start, seconds per pixel) from minutes to millennia, at awkward places."""
    starts = [to_seconds(datetime(2022, 2, 27, 23, 47)), to_seconds(datetime(1999, 12, 30, 5))]
    for spp in np.geomspace(0.3, 400 * YEAR / 1000, 60):
        for start in starts:
            yield float(start), float(spp)


@pytest.mark.parametrize("char_px", [6.0, 7.0, 9.5])
def test_minor_labels_never_overlap(char_px):
    for start, spp in _sample_views():
        end = start + 1000 * spp
        level, minor, major = axis_ticks(start, end, spp, char_px)
        assert minor and major
        xs = [(t.t - start) / spp for t in minor]
        for (x0, tick), x1 in zip(zip(xs, minor, strict=True), xs[1:], strict=False):
            width = len(tick.label) * char_px
            assert x1 - x0 >= width, (level, tick.label, x1 - x0, width)


def test_ticks_fall_on_calendar_boundaries():
    start = to_seconds(datetime(2022, 1, 17))
    _level, minor, major = axis_ticks(start, start + YEAR, YEAR / 1000, CHAR_PX)
    moments = [from_seconds(t.t) for t in minor]
    assert all(m.day == 1 and m.hour == 0 for m in moments)  # months
    assert [t.label for t in minor[:3]] == ["Jan", "Feb", "Mar"]
    assert [t.label for t in major] == ["2022", "2023"]
    # February is shorter than the average month: still a tick on 1 March.
    assert datetime(2022, 3, 1) in moments


def test_hour_ticks_and_their_day_above():
    start = to_seconds(datetime(2022, 3, 29, 10, 10))
    _level, minor, major = axis_ticks(start, start + DAY, DAY / 1000, CHAR_PX)
    assert minor[0].label == "09:00"
    assert all(from_seconds(t.t).hour % 3 == 0 and from_seconds(t.t).minute == 0 for t in minor)
    assert major[0].label == "Tuesday 29 March 2022"
    assert major[1].label == "Wednesday 30 March 2022"


def test_centuries_and_leap_years():
    start = to_seconds(datetime(1890, 1, 1))
    level, minor, major = axis_ticks(start, start + 100 * YEAR, 100 * YEAR / 1000, CHAR_PX)
    assert (level.unit, level.count) == ("year", 5)
    assert [t.label for t in minor[:3]] == ["1890", "1895", "1900"]
    assert major[0].label == "1800–1899"
    _level, days, _ = axis_ticks(
        to_seconds(datetime(2024, 2, 27)), to_seconds(datetime(2024, 3, 3)), 1500.0, CHAR_PX
    )
    assert "Thu 29" in [t.label for t in days]


def test_ticks_at_the_ends_of_time_do_not_fail():
    for start, spp in ((LOWEST, YEAR / 10), (HIGHEST - 1000 * YEAR / 10, YEAR / 10)):
        _level, minor, _major = axis_ticks(start, start + 1000 * spp, spp, CHAR_PX)
        assert minor



@pytest.mark.parametrize("seed", range(6))
def test_ticks_kept_for_a_wider_stretch_are_those_of_each_view(seed):
    """Panning and zooming at every level (and to the ends of time): the kept ticks give
    exactly what working them out for the view gives."""
    rng = np.random.default_rng(seed)
    ticks = AxisTicks()
    for _ in range(60):
        spp = float(10 ** rng.uniform(-1, 7.5))  # a tenth of a second to a century per px
        start = float(rng.choice([rng.uniform(-2e9, 4e9), LOWEST, HIGHEST - 1400 * spp]))
        for _pan in range(int(rng.integers(1, 8))):
            start += float(rng.uniform(-300, 300)) * spp
            start = min(max(start, LOWEST), HIGHEST - 1400 * spp)
            end = start + 1400 * spp
            assert ticks(start, end, spp, CHAR_PX) == axis_ticks(start, end, spp, CHAR_PX)


# -- scale ---------------------------------------------------------------------------------


def test_pixels_and_times_are_inverse():
    scale = TimeScale(start=1000.0, span=DAY, width=864.0)
    assert scale.seconds_per_px == 100.0
    assert scale.x_of(1000.0 + 8640) == pytest.approx(86.4)
    for x in (0.0, 13.5, 864.0):
        assert scale.x_of(scale.t_of(x)) == pytest.approx(x)


def test_zoom_keeps_the_given_time_at_its_pixel():
    scale = TimeScale(start=0.0, span=10 * DAY, width=1000.0)
    around = scale.t_of(250)
    scale.zoom(4, around)
    assert scale.span == pytest.approx(2.5 * DAY)
    assert scale.x_of(around) == pytest.approx(250)
    scale.zoom(0.5)  # around the centre
    assert scale.span == pytest.approx(5 * DAY)


def test_zoom_and_range_limits():
    scale = TimeScale(start=0.0, span=DAY, width=1000.0)
    scale.zoom(1e9)
    assert scale.span == MIN_SPAN
    scale.zoom(1e-12)
    assert scale.span == MAX_SPAN
    scale.set_range(5000.0, 5010.0)  # too short: widened around its middle
    assert scale.span == MIN_SPAN
    assert scale.start + scale.span / 2 == pytest.approx(5005.0)


def test_pan_and_clamp_to_the_ends_of_time():
    scale = TimeScale(start=0.0, span=DAY, width=1000.0)
    scale.pan_px(100)
    assert scale.start == pytest.approx(DAY / 10)
    scale.pan_px(-1e15)
    assert scale.start == LOWEST
    scale.center_on(HIGHEST + YEAR)
    assert scale.end == pytest.approx(HIGHEST)


def test_ensure_visible_pans_the_least():
    scale = TimeScale(start=0.0, span=1000.0, width=1000.0)
    scale.ensure_visible(500.0, 501.0)
    assert scale.start == 0.0
    scale.ensure_visible(1500.0, 1501.0)  # later: it comes in at the right, 40 px margin
    assert scale.end == pytest.approx(1541.0)
    scale.ensure_visible(-300.0, -299.0)
    assert scale.start == pytest.approx(-340.0)


# -- lanes ---------------------------------------------------------------------------------


def _actor(aid, name, parent=None, side=None):
    return Actor(aid, name, "person", parent, side if side is not None else aid)


ACTORS = [
    _actor(1, "Russia"),
    _actor(2, "Fomin", 1, 1),
    _actor(3, "Ukraine"),
    _actor(4, "Podolyak", 3, 3),
    _actor(5, "Arakhamia", 3, 3),
    _actor(6, "Turkey"),
    _actor(7, "Deputy", 4, 3),
]


def test_sides_by_item_count_then_name_members_by_name():
    layout = LaneLayout(ACTORS, {1: 3, 2: 1, 3: 1, 4: 1, 6: 4})
    assert [lane.label for lane in layout.lanes] == [
        "Russia",
        "Fomin",
        "Turkey",
        "Ukraine",
        "Arakhamia",
        "Deputy",
        "Podolyak",
    ]
    ukraine = layout.lanes[3]
    assert ukraine.is_side and ukraine.members == 3 and ukraine.height == HEADER_HEIGHT
    deputy = layout.lanes[5]
    assert deputy.depth == 2 and deputy.height == LANE_HEIGHT
    tops = [lane.top for lane in layout.lanes]
    assert tops == sorted(tops) and tops[0] == 0
    assert layout.height == layout.lanes[-1].bottom
    # Equal counts: by name.
    tie = LaneLayout(ACTORS, {})
    assert [lane.label for lane in tie.lanes if lane.is_side] == ["Russia", "Turkey", "Ukraine"]


def test_collapse_maps_members_to_their_side():
    layout = LaneLayout(ACTORS, {}, collapsed={3})
    assert [lane.label for lane in layout.lanes] == ["Russia", "Fomin", "Turkey", "Ukraine"]
    assert layout.lanes[3].collapsed
    row = layout.row_of_actor(3)
    assert [layout.row_of_actor(a) for a in (4, 5, 7)] == [row] * 3
    assert list(layout.rows_for(np.array([7, 2, 99]))) == [row, 1, -1]


def test_hidden_lanes_and_sides():
    layout = LaneLayout(ACTORS, {}, hidden={1, 5})
    assert [lane.label for lane in layout.lanes] == ["Turkey", "Ukraine", "Deputy", "Podolyak"]
    assert layout.row_of_actor(2) == -1 and layout.row_of_actor(5) == -1


def test_unattributed_lane_is_last_and_can_be_hidden():
    layout = LaneLayout(ACTORS[:2], {}, unattributed=[NO_ACTOR, 42])
    assert layout.lanes[-1].label == "Unattributed"
    assert layout.row_of_actor(42) == layout.row_of_actor(NO_ACTOR) == 2
    hidden = LaneLayout(ACTORS[:2], {}, hidden={NO_ACTOR}, unattributed=[NO_ACTOR])
    assert [lane.label for lane in hidden.lanes] == ["Russia", "Fomin"]


def test_lane_at_height():
    layout = LaneLayout(ACTORS[:2], {})
    assert layout.lane_at(0) == 0
    assert layout.lane_at(HEADER_HEIGHT) == 1
    assert layout.lane_at(HEADER_HEIGHT + LANE_HEIGHT) == -1
    assert layout.lane_at(-1) == -1
    assert LaneLayout([], {}).rows_for(np.array([1, 2])).tolist() == [-1, -1]


# -- scene ---------------------------------------------------------------------------------


def _statement(i, actor, said):
    return {"id": i, "actor": actor, "said": said, "kind": "reported", "text": f"Said {i}."}


@pytest.fixture
def scene_store(tmp_path):
    """Two actors; A speaks in a burst and once alone, B speaks once; one shared event."""
    statements = [_statement(i + 1, "A", f"2022-05-01T10:{i:02d}") for i in range(5)]
    statements += [_statement(6, "A", "2022-05-20"), _statement(7, "B", "2022-05-01T10:02")]
    document = {
        "parley": 1,
        "actors": [{"id": 1, "name": "A"}, {"id": 2, "name": "B"}, {"id": 3, "name": "C"}],
        "events": [{"id": 1, "title": "Meeting", "start": "2022-05-10", "actors": ["A", "B", "C"]}],
        "statements": statements,
    }
    store = open_store(write_store(tmp_path / "scene.parley", document))
    yield store
    store.close()


def _frame(store, start, end, width=1000.0, keep=None, stacking=None, **layout):
    state = TimelineState(store)
    scale = TimeScale(width=width)
    scale.set_range(to_seconds(start), to_seconds(end))
    lanes = LaneLayout(store.actors(), state.counts, **layout)
    return compose(store.index, scale, lanes, keep, stacking), lanes, scale


def _kind(store, mark) -> int:
    return int(store.index.kind[mark.item])


def test_items_sharing_a_spot_stack_in_sub_rows_each_its_own_mark(scene_store):
    frame, lanes, _ = _frame(scene_store, datetime(2022, 4, 25), datetime(2022, 5, 25))
    a = lanes.row_of_actor(1)
    burst = [m for m in frame.marks if m.lane == a and _kind(scene_store, m) == KIND_STATEMENT]
    rids = {int(scene_store.index.rid[m.item]): m.sub for m in burst}
    points = [m for m in burst if int(scene_store.index.rid[m.item]) <= 5]
    assert [m.type for m in points] == [MarkType.POINT] * 5
    # The five of one morning are stacked in time order, one sub-row each; the one of
    # 20 May has room on the first sub-row again.
    assert [rids[r] for r in (1, 2, 3, 4, 5)] == [0, 1, 2, 3, 4] and rids[6] == 0
    assert frame.depths[a] == 5 and frame.summarised == 0
    # B's statement at the same time is in its own lane, on its first sub-row.
    b = [m for m in frame.marks if m.lane == lanes.row_of_actor(2)]
    assert {m.sub for m in b} == {0}
    assert frame.visible == 5 + 1 + 1 + 3
    assert sorted(frame.items.tolist()) == sorted(m.item for m in frame.marks)


def test_a_capped_stack_summarises_the_rest_in_a_count(scene_store):
    stacking = Stacking(cap=3)
    frame, lanes, _ = _frame(
        scene_store, datetime(2022, 4, 25), datetime(2022, 5, 25), stacking=stacking
    )
    a = lanes.row_of_actor(1)
    (count,) = [m for m in frame.marks if m.type == MarkType.COUNT]
    assert count.lane == a and count.count == 2 and count.sub == 3
    assert sorted(int(scene_store.index.rid[r]) for r in count.members) == [4, 5]
    assert frame.depths[a] == 4 and frame.summarised == 2
    # An open lane is not capped.
    stacking = Stacking(cap=3, open_lanes=frozenset({a}))
    frame, _lanes, _ = _frame(
        scene_store, datetime(2022, 4, 25), datetime(2022, 5, 25), stacking=stacking
    )
    assert frame.summarised == 0 and frame.depths[a] == 5


def test_one_event_in_several_lanes_is_linked(scene_store):
    frame, lanes, _ = _frame(scene_store, datetime(2022, 4, 1), datetime(2022, 6, 30))
    meeting = [m for m in frame.marks if _kind(scene_store, m) == KIND_EVENT]
    rows = sorted(m.lane for m in meeting)
    assert rows == sorted(lanes.row_of_actor(a) for a in (1, 2, 3))
    (link,) = frame.links
    assert link.x == pytest.approx(meeting[0].x)
    assert (link.first.lane, link.last.lane) == (rows[0], rows[-1])


def test_long_dates_become_spans_when_wide_enough(scene_store):
    frame, _lanes, scale = _frame(scene_store, datetime(2022, 5, 9), datetime(2022, 5, 12))
    meeting = [m for m in frame.marks if _kind(scene_store, m) == KIND_EVENT]
    assert meeting and all(m.type == MarkType.SPAN for m in meeting)
    assert meeting[0].x1 - meeting[0].x0 == pytest.approx(DAY / scale.seconds_per_px)
    # The lanes of one event are linked just inside the start of its span.
    (link,) = frame.links
    assert link.x == pytest.approx(meeting[0].x0 + SPAN_LINK_PX)


def test_statements_of_one_day_each_get_a_bar_in_source_order(tmp_path):
    """Never a made-up hour: each statement of the day spans the whole day, stacked in
    the order of its source (then id), with a bracket saying they share the day."""
    source = {"url": "https://example.org/a", "title": "A", "text": "x" * 400}
    document = {
        "actors": [{"name": "Ukraine", "kind": "state"}],
        "sources": [{"id": 1, **source}],
        "statements": [
            {"actor": "Ukraine", "said": "2022-03-29", "text": f"Statement {i}", "source": 1,
             "span": [300 - 50 * i, 310 - 50 * i]}
            for i in range(5)
        ],
    }
    store = open_store(write_store(tmp_path / "same-day.parley", document))
    state = TimelineState(store, width=1000)
    state.scale.set_range(
        to_seconds(datetime(2022, 3, 29, 6)), to_seconds(datetime(2022, 3, 29, 18))
    )
    marks = sorted(state.frame.marks, key=lambda m: m.sub)
    assert [m.type for m in marks] == [MarkType.SPAN] * 5
    assert [m.sub for m in marks] == [0, 1, 2, 3, 4]
    texts = [state.label(1, int(store.index.rid[m.item])).strip("“”") for m in marks]
    offsets = {f"Statement {i}": 300 - 50 * i for i in range(5)}
    # Ids run against the source here (the last one comes first in the text): source wins.
    assert [offsets[t] for t in texts] == [100, 150, 200, 250, 300]
    assert texts == [f"Statement {i}" for i in (4, 3, 2, 1, 0)]
    (bracket,) = state.frame.brackets
    assert (bracket.first_sub, bracket.last_sub) == (0, 4)
    assert state.layout.lanes[0].height >= 5 * state.layout.sub_height
    store.close()


def test_labels_are_cut_at_a_word_with_the_ellipsis_inside_the_quotes():
    def fits(width):
        return lambda text: len(text) <= width

    quote = "“Security guarantees treaty with an enhanced analogue of Article 5”"
    assert cut_label(quote, fits(100)) == quote
    assert cut_label(quote, fits(30)) == "“Security guarantees treaty…”"
    assert cut_label("it would accept being neutral, said", fits(31)) == (
        "it would accept being neutral…"
    )
    assert cut_label(quote, fits(5)) == ""
    # A fetched label longer than what is fetched is cut at a word, inside its quotes.
    assert whole_label("“" + "word " * 100 + "”", 42) == "“" + " ".join(["word"] * 8) + "…”"
    assert cut_label(whole_label("“" + "word " * 100 + "”", 42), fits(14)) == "“word word…”"


def test_filter_mask_and_hidden_lanes(scene_store):
    keep = scene_store.index.kind == KIND_STATEMENT
    frame, _lanes, _ = _frame(scene_store, datetime(2022, 4, 1), datetime(2022, 6, 30), keep=keep)
    assert all(_kind(scene_store, m) != KIND_EVENT for m in frame.marks)
    frame, lanes, _ = _frame(scene_store, datetime(2022, 4, 1), datetime(2022, 6, 30), hidden={1})
    assert {m.lane for m in frame.marks} == {lanes.row_of_actor(2), lanes.row_of_actor(3)}


def test_many_items_become_a_density_histogram(tmp_path):
    n = DETAIL_LIMIT + 500
    statements = [
        _statement(i + 1, "A" if i % 3 else "B", f"2022-01-01T{(i // 60) % 24:02d}:{i % 60:02d}")
        for i in range(n)
    ]
    document = {
        "parley": 1,
        "actors": [{"id": 1, "name": "A"}, {"id": 2, "name": "B"}],
        "statements": statements,
    }
    with open_store(write_store(tmp_path / "dense.parley", document)) as store:
        frame, lanes, scale = _frame(store, datetime(2021, 12, 31), datetime(2022, 1, 2), 600.0)
        assert frame.dense and frame.marks == []
        rows, buckets, counts = frame.density
        assert int(counts.sum()) == n == frame.visible
        assert set(rows.tolist()) == {lanes.row_of_actor(1), lanes.row_of_actor(2)}
        assert buckets.max() <= scale.width // BUCKET_PX + 1
        a_total = int(counts[rows == lanes.row_of_actor(1)].sum())
        assert a_total == sum(1 for i in range(n) if i % 3)
        # Zoomed to a few minutes, the same store is drawn item by item again.
        frame, _lanes, _ = _frame(
            store, datetime(2022, 1, 1, 3), datetime(2022, 1, 1, 3, 10), 600.0
        )
        assert not frame.dense and frame.marks


# -- navigation (no widgets) ----------------------------------------------------------------


def test_navigation_without_widgets(scene_store):
    from viewer.timeline.navigation import Navigator, busiest_middle

    state = TimelineState(scene_store, width=1000)
    nav = Navigator(state)
    a = state.layout.row_of_actor(1)
    items = nav.lane_items(a)
    index = scene_store.index
    assert list(index.t0[items]) == sorted(index.t0[items])
    assert nav.lane_items(a) is items  # built once per layout and filter
    first = state.ref_of(int(items[0]))
    assert nav.item_row(first) == int(items[0])
    state.selection = first
    assert nav.step(a, 1) == int(items[1]) and nav.step(a, -1) == int(items[0])
    assert nav.edge(a, last=True) == int(items[-1])
    # The busiest day of A's burst: five items within minutes of 10:00 on 1 May 2022.
    middle = busiest_middle(index.t0, DAY)
    assert to_seconds(datetime(2022, 5, 1, 10)) <= middle <= to_seconds(datetime(2022, 5, 1, 11))
