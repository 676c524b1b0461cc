"""The timeline window (issue 3): real windows on real store files, driven by real events.

Opening (path, recent files, drop), zoom and pan by wheel, drag, rubber band and
double-click, clusters splitting, hover and click, search, filters, collapse, linked
events, spans, the overview strip, and the view restored after a restart.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QWheelEvent
from PySide6.QtWidgets import QApplication
from viewer_helpers import find_marks, lane_point, mark_point, seconds, settle

from db.timeindex import KIND_EVENT, KIND_STATEMENT
from tests.conftest import write_store
from viewer.timeline.describe import count_tip, item_tip
from viewer.timeline.painter import AXIS_H, LABEL_W
from viewer.timeline.scale import DAY
from viewer.timeline.scene import MarkType
from viewer.timeline.state import ItemRef

# Items of the small store (tests/conftest.py) and their actors.
RUSSIA, FOMIN, UKRAINE, PODOLYAK, TURKEY = 1, 2, 3, 4, 5
TALKS, INVASION, CRIMEA = 1, 2, 3  # events
FOMIN_SAYS, RUSSIA_SAYS, PODOLYAK_SAYS = 1, 2, 3  # statements


def lane_actors(window) -> list[int]:
    return [lane.actor_id for lane in window.state.layout.lanes]


def wheel(widget, pos: QPoint, dy: int = 0, dx: int = 0, modifiers=Qt.KeyboardModifier.NoModifier):
    """Send a real wheel event (one notch is 120) at ``pos``."""
    event = QWheelEvent(
        QPointF(pos),
        QPointF(widget.mapToGlobal(pos)),
        QPoint(0, 0),
        QPoint(dx, dy),
        Qt.MouseButton.NoButton,
        modifiers,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def drag_enter(pos: QPoint, mime: QMimeData) -> QDragEnterEvent:
    """A drag entering at ``pos`` (PySide6 6.12 takes a QPointF, older ones a QPoint)."""
    args = (
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    try:
        return QDragEnterEvent(QPointF(pos), *args)
    except TypeError:
        return QDragEnterEvent(pos, *args)


def empty_point(window, x: float = 300.0) -> QPoint:
    """A point in the time area, below the last lane: nothing there."""
    settle(window)
    y = AXIS_H + window.state.layout.height + 20
    assert y < window.canvas.height() - 5
    return QPoint(round(x), round(y))


# -- opening -----------------------------------------------------------------------------


def test_open_path_shows_the_store(window, small_store_path):
    assert window.windowTitle() == "Small — Parley"
    assert window.path == small_store_path
    assert len(window.state.store.index) == 8
    assert lane_actors(window) == [RUSSIA, FOMIN, UKRAINE, PODOLYAK, TURKEY]
    # The whole store is in view: from Crimea (2014) to the talks (2022).
    scale = window.state.scale
    assert scale.start < seconds("2014-03-01") and scale.end > seconds("2022-03-30")
    assert "items" in window.range_label.text()
    assert window.canvas.hasFocus()
    assert not window.progress.isVisible()
    assert window.settings.value("recent") in ([str(small_store_path)], str(small_store_path))


def test_open_a_file_that_is_not_a_store_says_why(make_window, tmp_path, qtbot):
    bad = tmp_path / "notes.parley"
    bad.write_text("not a database", encoding="utf-8")
    window = make_window()
    with qtbot.waitSignal(window.store_failed) as failed:
        window.open_path(bad)
    assert "not an SQLite database" in failed.args[0]
    assert window.state is None
    assert "not an SQLite database" in window.statusBar().currentMessage()


def test_open_from_the_recent_files_menu(make_window, small_store_path, default_store_path, qtbot):
    first = make_window(small_store_path)
    first.open_path(default_store_path)
    qtbot.waitUntil(lambda: first.path == default_store_path)
    first.close()

    second = make_window()
    entries = [a.text() for a in second.recent_menu.actions()]
    assert entries == [str(default_store_path), str(small_store_path)]
    assert second.recent_menu.isEnabled()
    second.recent_menu.actions()[1].trigger()
    qtbot.waitUntil(lambda: second.state is not None)
    assert second.path == small_store_path
    assert second.windowTitle() == "Small — Parley"
    # Opened now, so it moved to the top of the list.
    assert second.recent_menu.actions()[0].text() == str(small_store_path)


def test_drop_a_store_file_on_the_window_opens_it(make_window, small_store_path, qtbot):
    window = make_window()
    mime = QMimeData()
    mime.setUrls([QUrl("https://example.org/x"), QUrl.fromLocalFile(str(small_store_path))])
    actions = Qt.DropAction.CopyAction
    enter = drag_enter(QPoint(400, 300), mime)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(400, 300), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    window.dropEvent(drop)
    qtbot.waitUntil(lambda: window.state is not None)
    assert window.path == small_store_path
    assert drop.isAccepted()


def test_drag_of_web_links_only_is_refused(make_window):
    window = make_window()
    mime = QMimeData()
    mime.setUrls([QUrl("https://example.org/store.parley")])
    enter = drag_enter(QPoint(10, 10), mime)
    enter.ignore()
    window.dragEnterEvent(enter)
    assert not enter.isAccepted()


# -- zoom and pan ---------------------------------------------------------------------------


def test_wheel_zooms_around_the_cursor(window):
    canvas, scale = window.canvas, window.state.scale
    pos = QPoint(round(LABEL_W + 150), 120)
    under = scale.t_of(150)
    span = scale.span
    wheel(canvas, pos, dy=120)
    assert scale.span == pytest.approx(span / 1.25)
    assert scale.t_of(150) == pytest.approx(under, abs=1.0)
    wheel(canvas, pos, dy=-240)
    assert scale.span == pytest.approx(span * 1.25)
    assert scale.t_of(150) == pytest.approx(under, abs=1.0)


def test_horizontal_wheel_pans(window):
    scale = window.state.scale
    start, spp = scale.start, scale.seconds_per_px
    wheel(window.canvas, QPoint(400, 120), dx=-120)
    assert scale.start == pytest.approx(start + 60 * spp)


def test_drag_pans(window, qtbot):
    canvas, scale = window.canvas, window.state.scale
    start, span, spp = scale.start, scale.span, scale.seconds_per_px
    a = empty_point(window, 400)
    b = QPoint(a.x() + 100, a.y())
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=a)
    qtbot.mouseMove(canvas, QPoint(a.x() + 50, a.y()))
    qtbot.mouseMove(canvas, b)
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=b)
    # Dragged right by 100 px: 100 px of earlier time come into view, same span.
    assert scale.start == pytest.approx(start - 100 * spp)
    assert scale.span == span
    assert window.state.selection is None


def test_shift_drag_rubber_band_zooms_to_the_range(window, qtbot):
    canvas, scale = window.canvas, window.state.scale
    a = empty_point(window, 300)
    b = QPoint(520, a.y())
    t_a, t_b = scale.t_of(a.x() - LABEL_W), scale.t_of(b.x() - LABEL_W)
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier, a)
    qtbot.mouseMove(canvas, b)
    assert canvas._band == (a.x(), b.x())
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier, b)
    assert canvas._band is None
    assert scale.start == pytest.approx(t_a)
    assert scale.end == pytest.approx(t_b)


def test_right_drag_rubber_band_backwards_zooms_too(window, qtbot):
    canvas, scale = window.canvas, window.state.scale
    a = empty_point(window, 520)
    b = QPoint(300, a.y())
    t_a, t_b = scale.t_of(a.x() - LABEL_W), scale.t_of(b.x() - LABEL_W)
    qtbot.mousePress(canvas, Qt.MouseButton.RightButton, pos=a)
    qtbot.mouseMove(canvas, b)
    qtbot.mouseRelease(canvas, Qt.MouseButton.RightButton, pos=b)
    assert (scale.start, scale.end) == (pytest.approx(t_b), pytest.approx(t_a))


def test_double_click_zooms_in_twice_around_the_point(window, qtbot):
    scale = window.state.scale
    pos = empty_point(window, 350)
    under, span = scale.t_of(pos.x() - LABEL_W), scale.span
    qtbot.mouseDClick(window.canvas, Qt.MouseButton.LeftButton, pos=pos)
    assert scale.span == pytest.approx(span / 2)
    assert scale.t_of(pos.x() - LABEL_W) == pytest.approx(under, abs=1.0)


# -- clusters ---------------------------------------------------------------------------


@pytest.fixture
def crowded_store_path(tmp_path):
    """30 statements within one hour (every 2 minutes) by one actor, and one a year before."""
    statements = [
        {
            "id": i + 1,
            "actor": "Speaker",
            "said": f"2022-05-01T10:{2 * i:02d}",
            "kind": "direct",
            "text": f"Remark number {i + 1}.",
        }
        for i in range(30)
    ]
    statements.append(
        {"id": 31, "actor": "Speaker", "said": "2021-05-01", "kind": "reported", "text": "Early."}
    )
    document = {
        "parley": 1,
        "meta": {"title": "Crowded"},
        "actors": [{"id": 1, "name": "Speaker", "kind": "person"}],
        "statements": statements,
    }
    return write_store(tmp_path / "crowded.parley", document)


def _counts(window):
    return [m for m in window.state.frame.marks if m.type == MarkType.COUNT]


def test_a_crowded_hour_is_stacked_and_zooming_in_gives_each_item_its_mark(
    make_window, crowded_store_path
):
    window = make_window(crowded_store_path)
    state = window.state
    window.actions_by_name["zoom_fit"].trigger()
    settle(window)
    # Zoomed out: the hour fills the lane's sub-rows; the rest is one count that opens.
    (count,) = _counts(window)
    shown = [m for m in state.frame.marks if m.type != MarkType.COUNT]
    assert len(shown) + count.count == 31 == state.frame.visible
    assert state.layout.depths[count.lane] == count.sub + 1 > 2
    # Zoomed to that hour: every item is its own mark.
    state.scale.set_range(seconds("2022-05-01T10:00") - 60, seconds("2022-05-01T11:00"))
    window.canvas.changed()
    settle(window)
    marks = state.frame.marks
    assert state.frame.summarised == 0 and len(marks) == 30
    assert sorted(int(state.store.index.rid[m.item]) for m in marks) == list(range(1, 31))


def test_click_on_a_count_opens_it(make_window, crowded_store_path, qtbot):
    window = make_window(crowded_store_path)
    window.actions_by_name["zoom_fit"].trigger()
    settle(window)
    (count,) = _counts(window)
    with qtbot.waitSignal(window.canvas.cluster_opened):
        qtbot.mouseClick(window.canvas, Qt.MouseButton.LeftButton, pos=mark_point(window, count))
    scale = window.state.scale
    index = window.state.store.index
    assert scale.start <= index.t0[count.members].min() < index.t0[count.members].max() < scale.end
    settle(window)
    # Every item it summarised is a mark of its own now; the first is selected.
    assert set(count.members.tolist()) <= set(window.state.frame.items.tolist())
    assert window.state.frame.summarised == 0
    assert window.state.selection == window.state.ref_of(int(count.members[0]))


@pytest.fixture
def one_day_store_path(tmp_path):
    """A lane of 50 statements all dated the same day (no time of day)."""
    document = {
        "parley": 1,
        "actors": [{"id": 1, "name": "Speaker", "kind": "person"}],
        "statements": [
            {"id": i + 1, "actor": "Speaker", "said": "2022-03-29", "kind": "reported",
             "text": f"Remark number {i + 1} of the day"}
            for i in range(50)
        ],
    }
    return write_store(tmp_path / "one-day.parley", document)


def test_a_lane_of_fifty_on_one_day_shows_each_and_its_count_opens_on_enter(
    make_window, one_day_store_path, qtbot
):
    window = make_window(one_day_store_path)
    qtbot.keyClick(window.canvas, Qt.Key.Key_W)
    settle(window)
    (count,) = _counts(window)
    assert count.count > 30
    assert "opens" in _tooltip_of(window, count) or "open" in _tooltip_of(window, count)
    # End selects the last statement of the day, summarised in the count: Enter opens it.
    qtbot.keyClick(window.canvas, Qt.Key.Key_End)
    assert window.canvas.count_of_selection() is not None
    with qtbot.waitSignal(window.canvas.cluster_opened):
        qtbot.keyClick(window.canvas, Qt.Key.Key_Return)
    settle(window)
    marks = window.state.frame.marks
    assert window.state.frame.summarised == 0 and len(marks) == 50
    assert sorted(m.sub for m in marks) == list(range(50))
    # Each its own bar over the whole day (never at a made-up hour), in id order.
    assert {m.type for m in marks} == {MarkType.SPAN}
    by_sub = sorted(marks, key=lambda m: m.sub)
    assert [int(window.state.store.index.rid[m.item]) for m in by_sub] == list(range(1, 51))
    # The tooltip says the order comes from the source, and shows the whole text.
    third = by_sub[2]
    tip = item_tip(window.state, window.state.ref_of(third.item), third)
    assert "3 of 50" in tip and "order of their source" in tip
    assert "Remark number 3 of the day" in tip


def test_every_statement_of_29_march_has_its_own_mark_at_the_first_view(
    make_window, default_store_path
):
    window = make_window(default_store_path)
    settle(window)
    state = window.state
    index = state.store.index
    day = (index.t0 >= seconds("2022-03-29")) & (index.t0 < seconds("2022-03-30"))
    wanted = {int(r) for r in index.rid[day & (index.kind == KIND_STATEMENT)]}
    assert len(wanted) > 25
    marks = [m for m in state.frame.marks if m.type != MarkType.COUNT]
    shown = {int(index.rid[m.item]) for m in marks if index.kind[m.item] == KIND_STATEMENT}
    assert wanted <= shown
    assert state.frame.summarised == 0
    # Each with its own label, none of them with a count.
    assert all(state.label(KIND_STATEMENT, rid) for rid in wanted)


def _tooltip_of(window, mark) -> str:
    return count_tip(window.state, mark)


# -- hover, click, details ----------------------------------------------------------------


def test_hover_and_click_show_the_item(window, qtbot):
    settle(window)
    (mark,) = find_marks(window, KIND_STATEMENT, FOMIN_SAYS)
    pos = mark_point(window, mark)
    fomin = ItemRef(KIND_STATEMENT, FOMIN_SAYS, FOMIN)
    qtbot.mouseMove(window.canvas, pos)
    qtbot.waitUntil(lambda: window.canvas._hover == fomin)
    assert window.canvas.item_at(QPointF(pos)) == fomin
    with qtbot.waitSignal(window.canvas.selection_changed) as changed:
        qtbot.mouseClick(window.canvas, Qt.MouseButton.LeftButton, pos=pos)
    assert changed.args == [fomin]
    assert window.state.selection == fomin
    assert window.canvas.focus_lane == window.state.layout.row_of_actor(FOMIN)
    text = window.details.toPlainText()
    assert "Reduce military activity near Kyiv." in text
    assert "Aleksandr Fomin" in text
    assert "Reduce military activity near Kyiv." in window.status_label.text()
    # Moving away clears the hover; a click on nothing clears the selection.
    empty = empty_point(window)
    qtbot.mouseMove(window.canvas, empty)
    qtbot.waitUntil(lambda: window.canvas._hover is None)
    qtbot.mouseClick(window.canvas, Qt.MouseButton.LeftButton, pos=empty)
    assert window.state.selection is None
    assert window.status_label.text() == ""
    assert "Select an event or a statement" in window.details.toPlainText()
    assert "Kyiv" not in window.canvas.accessibleDescription()


def test_markup_in_a_quote_is_shown_literally(window, qtbot):
    window.select_item(KIND_STATEMENT, PODOLYAK_SAYS)
    text = window.details.toPlainText()
    assert "Neutral <b>if</b> guaranteed." in text
    assert "<b>if</b>" in window.canvas.accessibleDescription()
    assert "<b>if</b>" in window.status_label.text()
    # Shown as typed, not rendered as bold text.
    assert window.status_label.textFormat() == Qt.TextFormat.PlainText


# -- search -------------------------------------------------------------------------------


def test_search_finds_jumps_and_steps(window, qtbot):
    qtbot.keyClick(window.canvas, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    box = window.search.box
    assert box.hasFocus()
    qtbot.keyClicks(box, "in")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    # "in" matches "Invasion begins" (24 Feb) and "Talks in Istanbul" (29 Mar), in time order.
    assert [(h.kind, h.id) for h in window.search.hits] == [("event", INVASION), ("event", TALKS)]
    assert window.state.matches == {(KIND_EVENT, INVASION), (KIND_EVENT, TALKS)}
    assert window.state.selection == ItemRef(KIND_EVENT, INVASION, RUSSIA)
    assert "2 matches" in window.search.count.text()
    qtbot.keyClick(box, Qt.Key.Key_F3)
    assert window.state.selection.rid == TALKS
    # The view jumped to the hit: it is centred.
    t = seconds("2022-03-29")
    scale = window.state.scale
    assert scale.start < t < scale.end
    qtbot.keyClick(box, Qt.Key.Key_F3)
    assert window.state.selection.rid == INVASION  # wraps around
    qtbot.keyClick(box, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert window.state.selection.rid == TALKS
    assert window.search.results.currentRow() == 1


def test_search_without_matches_clears_the_highlights(window, qtbot):
    window.actions_by_name["find"].trigger()
    qtbot.keyClicks(window.search.box, "Kyiv")
    qtbot.keyClick(window.search.box, Qt.Key.Key_Return)
    assert window.state.matches == {(KIND_STATEMENT, FOMIN_SAYS)}
    window.search.box.clear()
    qtbot.keyClicks(window.search.box, "zebra")
    qtbot.keyClick(window.search.box, Qt.Key.Key_Return)
    assert window.state.matches == set()
    assert "No matches" in window.search.count.text()


# -- filters ------------------------------------------------------------------------------


def _top_item(window, name):
    tree = window.filters.lanes
    return next(
        tree.topLevelItem(i)
        for i in range(tree.topLevelItemCount())
        if tree.topLevelItem(i).text(0) == name
    )


def test_unchecking_a_side_hides_its_lanes(window, qtbot):
    window.select_item(KIND_EVENT, TALKS)
    qtbot.keyClick(window.canvas, Qt.Key.Key_Y)  # Russia's copy of the talks is no cluster
    item = _top_item(window, "Ukraine")
    with qtbot.waitSignal(window.filters.changed):
        item.setCheckState(0, Qt.CheckState.Unchecked)
    assert item.child(0).checkState(0) == Qt.CheckState.Unchecked
    assert lane_actors(window) == [RUSSIA, FOMIN, TURKEY]
    settle(window)
    lanes = {m.lane for m in find_marks(window, KIND_EVENT, TALKS)}
    assert lanes == {0, 2}  # Russia and Turkey only
    assert not find_marks(window, KIND_STATEMENT, PODOLYAK_SAYS)
    item.setCheckState(0, Qt.CheckState.Checked)
    assert lane_actors(window) == [RUSSIA, FOMIN, UKRAINE, PODOLYAK, TURKEY]


def test_unchecking_one_member_hides_only_its_lane(window):
    item = _top_item(window, "Russia").child(0)
    assert item.text(0) == "Aleksandr Fomin"
    item.setCheckState(0, Qt.CheckState.Unchecked)
    assert lane_actors(window) == [RUSSIA, UKRAINE, PODOLYAK, TURKEY]


def test_unchecking_events_hides_every_event(window, qtbot):
    box = window.filters.events
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert not window.filters.events.isChecked()
    settle(window)
    index = window.state.store.index
    marks = window.state.frame.marks
    assert marks
    for mark in marks:
        rows = mark.members if mark.members is not None else [mark.item]
        assert all(index.kind[r] == KIND_STATEMENT for r in rows)
    assert window.state.frame.visible == 3
    # Keyboard navigation skips the hidden events too.
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key.Key_Home)
    assert window.state.selection == ItemRef(KIND_STATEMENT, RUSSIA_SAYS, RUSSIA)


def test_unchecking_a_topic_hides_its_statements(window):
    tree = window.filters.topics
    kyiv = next(
        tree.topLevelItem(i)
        for i in range(tree.topLevelItemCount())
        if tree.topLevelItem(i).text(0) == "Kyiv"
    )
    kyiv.setCheckState(0, Qt.CheckState.Unchecked)
    settle(window)
    assert not find_marks(window, KIND_STATEMENT, FOMIN_SAYS)
    assert find_marks(window, KIND_STATEMENT, PODOLYAK_SAYS)
    assert find_marks(window, KIND_EVENT, CRIMEA)


# -- lanes: collapse, links, spans ---------------------------------------------------------


def test_space_collapses_and_expands_the_focused_side(window, qtbot):
    canvas = window.canvas
    assert canvas.focus_lane == 0
    qtbot.keyClick(canvas, Qt.Key.Key_Space)
    assert window.state.collapsed == {RUSSIA}
    assert lane_actors(window) == [RUSSIA, UKRAINE, PODOLYAK, TURKEY]
    assert window.state.layout.lanes[0].collapsed
    # Fomin's statement is now drawn in the Russia lane.
    assert window.state.layout.row_of_actor(FOMIN) == 0
    assert len(window.state.lane_rows(0)) == 5
    qtbot.keyClick(canvas, Qt.Key.Key_Space)
    assert window.state.collapsed == set()
    assert lane_actors(window) == [RUSSIA, FOMIN, UKRAINE, PODOLYAK, TURKEY]


def test_click_on_the_triangle_collapses_a_side(window, qtbot):
    settle(window)
    ukraine = window.state.layout.row_of_actor(UKRAINE)
    qtbot.mouseClick(window.canvas, Qt.MouseButton.LeftButton, pos=lane_point(window, ukraine, 15))
    assert window.state.collapsed == {UKRAINE}
    assert lane_actors(window) == [RUSSIA, FOMIN, UKRAINE, TURKEY]
    assert window.canvas.focus_lane == window.state.layout.row_of_actor(UKRAINE)
    qtbot.mouseClick(window.canvas, Qt.MouseButton.LeftButton, pos=lane_point(window, ukraine, 15))
    assert window.state.collapsed == set()


def test_click_on_a_lane_name_activates_the_lane(window, qtbot):
    settle(window)
    row = window.state.layout.row_of_actor(PODOLYAK)
    with qtbot.waitSignal(window.canvas.lane_activated) as activated:
        qtbot.mouseClick(window.canvas, Qt.MouseButton.LeftButton, pos=lane_point(window, row, 100))
    assert activated.args == [PODOLYAK]
    assert window.canvas.focus_lane == row
    assert window.state.collapsed == set()


def test_an_event_of_three_actors_is_in_three_linked_lanes(window, qtbot):
    window.select_item(KIND_EVENT, TALKS)
    qtbot.keyClick(window.canvas, Qt.Key.Key_Y)  # a year around the talks
    settle(window)
    marks = find_marks(window, KIND_EVENT, TALKS)
    layout = window.state.layout
    rows = sorted(m.lane for m in marks)
    assert rows == sorted(layout.row_of_actor(a) for a in (RUSSIA, UKRAINE, TURKEY))
    assert len({round(m.x, 3) for m in marks}) == 1
    (link,) = window.state.frame.links
    assert link.x == pytest.approx(marks[0].x)
    assert (link.first.lane, link.last.lane) == (rows[0], rows[-1])


def test_a_month_is_drawn_as_a_span_at_day_zoom(window, qtbot):
    settle(window)
    (point,) = find_marks(window, KIND_EVENT, CRIMEA)
    assert point.type == MarkType.POINT  # zoomed out, a month is narrower than a span
    assert window.go_to_date("15 March 2014")
    qtbot.keyClick(window.canvas, Qt.Key.Key_D)
    assert window.state.scale.span == DAY
    settle(window)
    (span,) = find_marks(window, KIND_EVENT, CRIMEA)
    assert span.type == MarkType.SPAN
    assert span.x0 < 0 and span.x1 > window.state.scale.width  # covers the whole day
    # Hovering anywhere over the span points at the event.
    qtbot.mouseMove(window.canvas, mark_point(window, span))
    qtbot.waitUntil(lambda: window.canvas._hover == ItemRef(KIND_EVENT, CRIMEA, RUSSIA))


# -- overview ---------------------------------------------------------------------------


def test_click_in_the_overview_moves_the_window(window, qtbot):
    canvas, overview, scale = window.canvas, window.overview, window.state.scale
    qtbot.keyClick(canvas, Qt.Key.Key_D)
    span = scale.span
    area = overview._area()
    x = area.left() + area.width() * 0.25
    with qtbot.waitSignal(overview.window_moved) as moved:
        qtbot.mouseClick(overview, Qt.MouseButton.LeftButton, pos=QPoint(round(x), 28))
    center = moved.args[0]
    assert center == pytest.approx(float(overview.scale().t_of(round(x) - area.left())))
    assert scale.start + scale.span / 2 == pytest.approx(center)
    assert scale.span == span
    # Dragging keeps moving it.
    qtbot.mousePress(overview, Qt.MouseButton.LeftButton, pos=QPoint(round(x), 28))
    qtbot.mouseMove(overview, QPoint(round(x) + 100, 28))
    qtbot.mouseRelease(overview, Qt.MouseButton.LeftButton, pos=QPoint(round(x) + 100, 28))
    assert scale.start + scale.span / 2 > center


def test_overview_arrow_keys_move_the_window(window, qtbot):
    scale = window.state.scale
    qtbot.keyClick(window.canvas, Qt.Key.Key_D)
    window.overview.setFocus()
    qtbot.waitUntil(window.overview.hasFocus)
    start = scale.start
    qtbot.keyClick(window.overview, Qt.Key.Key_Right)
    assert scale.start == pytest.approx(start + scale.span / 2)
    qtbot.keyClick(window.overview, Qt.Key.Key_Left)
    assert scale.start == pytest.approx(start)


# -- restoring the view -------------------------------------------------------------------


def test_geometry_and_range_are_restored(make_window, settings_path, small_store_path, qtbot):
    first = make_window(small_store_path)
    first.resize(760, 560)  # fits the offscreen screen (800 × 800)
    first.filters_dock.hide()
    window_span = seconds("2022-04-01") - seconds("2022-03-01")
    first.state.scale.set_range(seconds("2022-03-01"), seconds("2022-04-01"))
    first.canvas.changed()
    range_text = (first.state.scale.start, first.state.scale.span)
    first.close()

    settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
    assert settings.value("last_store") == str(small_store_path)
    second = make_window(small_store_path, settings)
    assert second.size() == first.size()
    assert not second.filters_dock.isVisible()
    assert (second.state.scale.start, second.state.scale.span) == pytest.approx(range_text)
    assert second.state.scale.span == pytest.approx(window_span)


def test_range_is_remembered_per_store(make_window, small_store_path, default_store_path, qtbot):
    first = make_window(small_store_path)
    first.state.scale.set_range(seconds("2022-03-01"), seconds("2022-04-01"))
    first.close()
    second = make_window(default_store_path)
    # Another store: its own first view (its busiest stretch: the talks on 29 March 2022),
    # not the small store's month.
    scale = second.state.scale
    assert scale.span < 7 * 86400
    assert scale.start < seconds("2022-03-29") and scale.end > seconds("2022-03-30")


def test_a_store_opens_on_its_busiest_stretch_and_0_shows_it_all(make_window, default_store_path):
    window = make_window(default_store_path)
    extent = window.state.store.extent()
    assert window.state.scale.start > extent[0]  # not the 2014 background events
    window.actions_by_name["zoom_fit"].trigger()
    assert window.state.scale.start < extent[0] and window.state.scale.end > extent[1]


# -- the Qt binding -----------------------------------------------------------------------


def test_qt_calls_keep_none_alive(window):
    """Repainting must not eat references to None (PySide6 6.12.0 on CPython 3.11 does:
    the app then aborts with "deallocating None" after a few seconds of panning)."""
    import sys

    before = sys.getrefcount(None)
    for _ in range(20):
        window.canvas.pan_px(5)
        window.canvas.repaint()
    assert sys.getrefcount(None) >= before - 50
