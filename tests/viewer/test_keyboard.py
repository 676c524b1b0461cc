"""The keyboard (issue 5): every shortcut of viewer.actions, driven by real key presses.

Keys go to the focused widget (the timeline unless said otherwise) through Qt's shortcut
map, as a user's would. After each move the selection is announced: the canvas's
accessible description and the status bar say its date, actor and text.
"""

from __future__ import annotations

import importlib.util

import pytest
import shiboken6
from PySide6.QtCore import QKeyCombination, QSettings, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QInputDialog, QLineEdit
from viewer_helpers import seconds

from db.timeindex import KIND_EVENT, KIND_STATEMENT
from viewer.actions import ACTIONS, key_text
from viewer.dialogs import shortcuts_table
from viewer.timeline.painter import AXIS_H
from viewer.timeline.scale import DAY, PRESET_SPANS
from viewer.timeline.state import ItemRef

K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier

RUSSIA, FOMIN, UKRAINE, PODOLYAK, TURKEY = 1, 2, 3, 4, 5
CRIMEA = ItemRef(KIND_EVENT, 3, RUSSIA)
INVASION = ItemRef(KIND_EVENT, 2, RUSSIA)
RUSSIA_SAYS = ItemRef(KIND_STATEMENT, 2, RUSSIA)
TALKS_RUSSIA = ItemRef(KIND_EVENT, 1, RUSSIA)
TALKS_UKRAINE = ItemRef(KIND_EVENT, 1, UKRAINE)
TALKS_TURKEY = ItemRef(KIND_EVENT, 1, TURKEY)
FOMIN_SAYS = ItemRef(KIND_STATEMENT, 1, FOMIN)
PODOLYAK_SAYS = ItemRef(KIND_STATEMENT, 3, PODOLYAK)


def press(window, key, modifiers=Qt.KeyboardModifier.NoModifier):
    """One key press on whatever has the focus (the timeline, normally)."""
    QTest.keyClick(QApplication.focusWidget() or window.canvas, key, modifiers)


def assert_announced(window, ref: ItemRef) -> None:
    """The selection is ``ref``; screen readers and the status bar say what it is."""
    assert window.state.selection == ref
    store = window.state.store
    if ref.kind == KIND_EVENT:
        event = store.event(ref.rid)
        parts = [event.when.label(), store.actor(ref.actor).name, event.title]
    else:
        statement = store.statement(ref.rid)
        parts = [statement.when.label(), store.actor(statement.actor_id).name, statement.text]
    description = window.canvas.accessibleDescription()
    status = window.status_label.text()
    for part in parts:
        assert part in description
        assert part in status
    assert window.canvas.focus_lane == window.state.layout.row_of_actor(ref.actor)


def center(scale) -> float:
    return scale.start + scale.span / 2


def t_of(window, ref: ItemRef) -> float:
    return float(window.state.store.index.t0[window.state.row_of(ref)])


class ModalDriver:
    """Acts on the next modal dialog of a type once it shows (the caller's exec() blocks).

    If none shows within a minute (a loaded machine can take seconds to show a file
    dialog), any modal dialog is closed from then on, so the test cannot hang. A handled
    dialog still open 5 s later (a key press lost under load, e.g. to a completer popup)
    is handled once more, and closed after a minute: the test then fails, never hangs.
    """

    def __init__(self, kind, handle) -> None:
        self.kind, self.handle = kind, handle
        self.seen: list = []
        self.ticks = 0
        self.timer = QTimer(interval=20)
        self.timer.timeout.connect(self._poll)
        self.timer.start()

    def _poll(self) -> None:
        self.ticks += 1
        if self.seen:
            self._watch(self.seen[-1])
            return
        widget = QApplication.activeModalWidget()
        if isinstance(widget, self.kind) and widget.isVisible():
            self.seen.append(widget)
            self.ticks = 0
            self.handle(widget)
        elif self.ticks > 6000:
            self.timer.stop()
        elif self.ticks > 3000 and widget is not None:
            widget.close()

    def _watch(self, dialog) -> None:
        if not shiboken6.isValid(dialog) or not dialog.isVisible():
            self.timer.stop()
        elif self.ticks == 250:
            self.handle(dialog)
        elif self.ticks > 3000:
            self.timer.stop()
            dialog.close()


# -- moving the selection -----------------------------------------------------------------


def test_right_and_left_step_through_the_focused_lane(window):
    assert window.canvas.focus_lane == 0  # Russia
    steps = [CRIMEA, INVASION, RUSSIA_SAYS, TALKS_RUSSIA, TALKS_RUSSIA]  # stops at the end
    for expected in steps:
        press(window, K.Key_Right)
        assert_announced(window, expected)
    press(window, K.Key_Left)
    assert_announced(window, RUSSIA_SAYS)
    for _ in range(3):
        press(window, K.Key_Left)
    assert_announced(window, CRIMEA)  # stops at the start


def test_right_without_selection_starts_at_the_visible_range(window):
    window.state.scale.set_range(seconds("2022-02-20"), seconds("2022-04-10"))
    window.canvas.changed()
    press(window, K.Key_Right)
    assert_announced(window, INVASION)
    window.canvas.select(None)
    press(window, K.Key_Left)
    assert_announced(window, TALKS_RUSSIA)


def test_the_view_follows_the_selection(window):
    window.state.scale.set_range(seconds("2022-03-20"), seconds("2022-04-10"))
    window.canvas.changed()
    press(window, K.Key_Home)  # Crimea, 2014: far before the view
    scale = window.state.scale
    assert scale.start <= seconds("2014-03-01") <= scale.end


def test_alt_right_and_left_step_across_lanes(window):
    press(window, K.Key_Home)
    assert_announced(window, CRIMEA)
    # Time order over every lane; an event's copies in other lanes are not "next".
    for expected in (INVASION, RUSSIA_SAYS, PODOLYAK_SAYS, TALKS_RUSSIA, FOMIN_SAYS):
        press(window, K.Key_Right, ALT)
        assert_announced(window, expected)
    press(window, K.Key_Right, ALT)
    assert_announced(window, FOMIN_SAYS)  # the last item
    press(window, K.Key_Left, ALT)
    assert window.state.selection.rid == 1 and window.state.selection.kind == KIND_EVENT
    press(window, K.Key_Left, ALT)
    assert_announced(window, PODOLYAK_SAYS)


def test_down_and_up_move_between_lanes(window):
    window.select_item(KIND_STATEMENT, FOMIN_SAYS.rid)
    assert window.canvas.focus_lane == 1
    press(window, K.Key_Up)
    assert window.canvas.focus_lane == 0
    assert_announced(window, TALKS_RUSSIA)  # Russia's item nearest in time
    for lane, expected in (
        (1, FOMIN_SAYS),
        (2, TALKS_UKRAINE),
        (3, PODOLYAK_SAYS),
        (4, TALKS_TURKEY),
        (4, TALKS_TURKEY),  # the last lane
    ):
        press(window, K.Key_Down)
        assert window.canvas.focus_lane == lane
        assert_announced(window, expected)
    for _ in range(6):
        press(window, K.Key_Up)
    assert window.canvas.focus_lane == 0


def test_down_onto_a_lane_without_items_says_so(make_window, tmp_path):
    from tests.conftest import write_store

    document = {
        "parley": 1,
        "actors": [{"id": 1, "name": "Alpha"}, {"id": 2, "name": "Beta"}],
        "statements": [
            {"id": 1, "actor": "Alpha", "said": "2022-01-01", "kind": "direct", "text": "Hi."}
        ],
    }
    window = make_window(write_store(tmp_path / "two.parley", document))
    labels = [lane.label for lane in window.state.layout.lanes]
    assert labels == ["Alpha", "Beta"]
    press(window, K.Key_Down)
    assert window.canvas.focus_lane == 1
    assert window.canvas.accessibleDescription() == "Lane Beta: no items"


def test_home_and_end(window):
    press(window, K.Key_End)
    assert_announced(window, TALKS_RUSSIA)
    press(window, K.Key_Home)
    assert_announced(window, CRIMEA)
    press(window, K.Key_Down)
    press(window, K.Key_End)
    assert_announced(window, FOMIN_SAYS)


def _fully_in_view(window) -> bool:
    """The selected item's mark, glyph and span, inside the visible lanes area."""
    state = window.state
    window.canvas.repaint()
    item = window.canvas.navigator.item_row(state.selection)
    (mark,) = [m for m in state.frame.marks if m.item == item]
    y = state.layout.sub_center(mark.lane, mark.sub) - window.canvas.scroll_y
    page = window.canvas.height() - AXIS_H
    return mark.x0 - 6 >= 0 and mark.x1 + 6 <= state.scale.width and 0 <= y - 8 < y + 8 <= page


def test_end_and_home_bring_the_selected_item_fully_into_view(make_window, default_store_path):
    window = make_window(default_store_path)
    window.resize(900, 600)
    for lane in range(4):
        window.canvas.focus_lane = lane
        for key in (K.Key_End, K.Key_Home, K.Key_End):
            press(window, key)
            assert _fully_in_view(window), (lane, key)


# -- panning and zooming -------------------------------------------------------------------


def test_page_down_and_up_move_one_screen(window):
    scale = window.state.scale
    start, span = scale.start, scale.span
    press(window, K.Key_PageDown)
    assert scale.start == pytest.approx(start + span)
    assert scale.span == span
    press(window, K.Key_PageUp)
    press(window, K.Key_PageUp)
    assert scale.start == pytest.approx(start - span)


def test_shift_arrows_pan_a_little(window):
    scale = window.state.scale
    start, span = scale.start, scale.span
    press(window, K.Key_Right, SHIFT)
    assert scale.start == pytest.approx(start + span / 10)
    press(window, K.Key_Left, SHIFT)
    press(window, K.Key_Left, SHIFT)
    assert scale.start == pytest.approx(start - span / 10)
    assert window.state.selection is None  # panning does not select


@pytest.mark.parametrize(
    ("key", "modifiers", "factor"),
    [
        (K.Key_Plus, Qt.KeyboardModifier.NoModifier, 1 / 1.6),
        (K.Key_Equal, Qt.KeyboardModifier.NoModifier, 1 / 1.6),
        (K.Key_Equal, CTRL, 1 / 1.6),
        (K.Key_Minus, Qt.KeyboardModifier.NoModifier, 1.6),
        (K.Key_Minus, CTRL, 1.6),
    ],
)
def test_zoom_keys_keep_the_selection_in_place(window, key, modifiers, factor):
    press(window, K.Key_Right)
    press(window, K.Key_Right)
    press(window, K.Key_Right)
    assert_announced(window, RUSSIA_SAYS)
    scale = window.state.scale
    t = t_of(window, RUSSIA_SAYS)
    x, span = scale.x_of(t), scale.span
    press(window, key, modifiers)
    assert scale.span == pytest.approx(span * factor)
    assert scale.x_of(t) == pytest.approx(x, abs=0.01)


def test_zoom_without_selection_keeps_the_centre(window):
    scale = window.state.scale
    middle = center(scale)
    press(window, K.Key_Plus)
    assert center(scale) == pytest.approx(middle)


@pytest.mark.parametrize("modifiers", [Qt.KeyboardModifier.NoModifier, CTRL])
def test_zero_fits_the_whole_store(window, modifiers):
    scale = window.state.scale
    fit = (scale.start, scale.span)
    press(window, K.Key_D)
    assert scale.span == DAY
    press(window, K.Key_0, modifiers)
    assert (scale.start, scale.span) == pytest.approx(fit)
    first, last = window.state.store.extent()
    assert scale.start < first and scale.end > last


@pytest.mark.parametrize(
    ("key", "name"), [(K.Key_Y, "year"), (K.Key_M, "month"), (K.Key_W, "week"), (K.Key_D, "day")]
)
def test_preset_spans_around_the_selection(window, key, name):
    window.select_item(KIND_STATEMENT, RUSSIA_SAYS.rid)
    press(window, key)
    scale = window.state.scale
    assert scale.span == pytest.approx(PRESET_SPANS[name])
    assert center(scale) == pytest.approx(t_of(window, RUSSIA_SAYS))


def test_preset_span_without_selection_goes_to_the_busiest_stretch(window):
    """From the zoom-to-fit view, Y M W D go where the items are, never to an empty
    stretch; from a view close already, they keep its centre."""
    scale = window.state.scale
    press(window, K.Key_0)  # zoom to fit: its centre is an empty stretch of years
    for key, span in ((K.Key_D, DAY), (K.Key_W, 7 * DAY)):
        window.canvas.select(None)
        press(window, K.Key_0)
        press(window, key)
        assert scale.span == pytest.approx(span)
        # The busiest day and week of the small store are around the Istanbul talks.
        assert scale.start <= seconds("2022-03-29") + DAY / 2 <= scale.end
        assert window.state.frame.marks
    middle = center(scale)
    press(window, K.Key_D)
    assert center(scale) == pytest.approx(middle)


# -- go to a date --------------------------------------------------------------------------


def test_go_to_a_written_date(window):
    assert window.go_to_date("29 March 2022")
    scale = window.state.scale
    assert center(scale) == pytest.approx(seconds("2022-03-29") + DAY / 2)
    assert scale.span == pytest.approx(3 * DAY)
    # The nearest item (in the focused lane first) is selected and announced.
    assert_announced(window, TALKS_RUSSIA)
    assert window.canvas.hasFocus()
    press(window, K.Key_Left)
    assert_announced(window, RUSSIA_SAYS)


def test_go_to_a_month(window):
    assert window.go_to_date("March 2022")
    scale = window.state.scale
    assert scale.start < seconds("2022-03-01") and scale.end > seconds("2022-04-01")


def test_go_to_an_unreadable_date_says_why(window):
    scale = window.state.scale
    before = (scale.start, scale.span)
    assert not window.go_to_date("the day after tomorrow")
    assert (scale.start, scale.span) == before
    assert window.statusBar().currentMessage()


def test_ctrl_g_asks_for_a_date(window, qtbot):
    def answer(dialog):
        assert isinstance(dialog, QInputDialog)
        line = dialog.findChild(QLineEdit)
        qtbot.keyClicks(line, "2022-02-24")
        qtbot.keyClick(line, K.Key_Return)

    driver = ModalDriver(QInputDialog, answer)
    press(window, K.Key_G, CTRL)  # returns once the dialog is answered
    assert driver.seen
    assert center(window.state.scale) == pytest.approx(seconds("2022-02-24") + DAY / 2)
    assert_announced(window, INVASION)
    # The timeline has the focus again once the window is active (offscreen there is no
    # window manager to reactivate it after the dialog).
    assert window.focusWidget() is window.canvas


def test_ctrl_g_cancelled_changes_nothing(window, qtbot):
    scale = window.state.scale
    before = (scale.start, scale.span)
    driver = ModalDriver(QInputDialog, lambda d: qtbot.keyClick(d, K.Key_Escape))
    press(window, K.Key_G, CTRL)
    assert driver.seen
    assert (scale.start, scale.span) == before
    assert window.state.selection is None


# -- panes and focus -----------------------------------------------------------------------


@pytest.mark.parametrize("key", [K.Key_Return, K.Key_Enter])
def test_enter_opens_the_details_and_escape_returns(window, qtbot, key):
    press(window, K.Key_End)
    press(window, key)
    qtbot.waitUntil(window.details.hasFocus)
    assert window.details_dock.isVisible()
    assert "Talks in Istanbul" in window.details.toPlainText()
    press(window, K.Key_Escape)
    qtbot.waitUntil(window.canvas.hasFocus)
    assert window.state.selection == TALKS_RUSSIA


def test_enter_on_a_lane_without_selection(window, qtbot):
    press(window, K.Key_Down)
    window.canvas.select(None)
    lane = window.canvas.focus_lane
    press(window, K.Key_Return)
    if importlib.util.find_spec("viewer.panes.actor_pane") is None:
        # No actor pane yet: nothing opens and the timeline keeps the focus.
        assert window.canvas.hasFocus()
        assert window.actor_docks == {}
        pytest.skip("viewer/panes/actor_pane.py does not exist yet")
    actor = window.state.layout.lanes[lane].actor_id
    qtbot.waitUntil(lambda: actor in window.actor_docks)
    dock = window.actor_docks[actor]
    assert dock.isVisible()
    qtbot.waitUntil(lambda: dock.isAncestorOf(QApplication.focusWidget()))
    press(window, K.Key_Escape)
    qtbot.waitUntil(window.canvas.hasFocus)
    qtbot.waitUntil(lambda: actor not in window.actor_docks)


def test_escape_from_the_search_box_returns_to_the_timeline(window, qtbot):
    press(window, K.Key_F, CTRL)
    assert window.search.box.hasFocus()
    press(window, K.Key_Escape)
    qtbot.waitUntil(window.canvas.hasFocus)


def test_tab_and_shift_tab_move_between_the_parts(window, qtbot):
    canvas = window.canvas
    seen = [QApplication.focusWidget()]
    for _ in range(30):
        press(window, K.Key_Tab)
        seen.append(QApplication.focusWidget())
        if seen[-1] is canvas:
            break
    assert seen[0] is canvas and seen[-1] is canvas, "Tab does not come back to the timeline"
    assert seen[1] is window.overview
    for part in (window.details, window.search.box, window.filters.lanes):
        assert part in seen
    # Shift+Tab walks the same ring backwards.
    back = [QApplication.focusWidget()]
    for _ in range(len(seen) - 1):
        press(window, K.Key_Tab, SHIFT)
        back.append(QApplication.focusWidget())
    assert back == list(reversed(seen))


def test_timeline_keys_do_nothing_while_typing_in_the_search_box(window, qtbot):
    scale = window.state.scale
    before = (scale.start, scale.span)
    press(window, K.Key_F, CTRL)
    qtbot.keyClicks(window.search.box, "Day 0 + - My week ")
    assert window.search.box.text() == "Day 0 + - My week "
    press(window, K.Key_Right)
    press(window, K.Key_Space)
    assert (scale.start, scale.span) == before
    assert window.state.collapsed == set()


def test_ctrl_f_focuses_the_search_box(window):
    window.search.box.setText("old")
    press(window, K.Key_F, CTRL)
    assert window.search.box.hasFocus()
    assert window.search_dock.isVisible()
    assert window.search.box.selectedText() == "old"  # typing replaces the last search


def test_f3_and_shift_f3_step_through_matches(window, qtbot):
    press(window, K.Key_F, CTRL)
    qtbot.keyClicks(window.search.box, "russia")
    window.search.run()
    press(window, K.Key_Escape)
    qtbot.waitUntil(window.canvas.hasFocus)
    assert [(h.kind, h.id) for h in window.search.hits] == [("statement", RUSSIA_SAYS.rid)]
    press(window, K.Key_F3)
    assert_announced(window, RUSSIA_SAYS)
    window.canvas.select(None)
    press(window, K.Key_F3, SHIFT)
    assert_announced(window, RUSSIA_SAYS)


def test_space_toggles_the_side_of_the_focused_lane(window):
    press(window, K.Key_Down)  # Fomin, under Russia
    press(window, K.Key_Space)
    assert window.state.collapsed == {RUSSIA}
    assert window.canvas.focus_lane == 0
    press(window, K.Key_Space)
    assert window.state.collapsed == set()


# -- dialogs and the window ----------------------------------------------------------------


def test_f1_lists_every_action(window, qtbot):
    press(window, K.Key_F1)
    dialog = window.findChild(QDialog, "shortcuts_dialog")
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    from PySide6.QtWidgets import QTableWidget

    table = dialog.findChild(QTableWidget)
    assert table.rowCount() == len(ACTIONS)
    actions = [table.item(r, 1).text() for r in range(table.rowCount())]
    for spec in ACTIONS:
        assert any(a.startswith(spec.text.replace("&", "").rstrip("…")) for a in actions)
    qtbot.keyClick(dialog, K.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_every_action_has_keys_or_a_menu_and_is_in_the_help(window):
    table = shortcuts_table()
    rows = [tuple(table.item(r, c).text() for c in range(3)) for r in range(table.rowCount())]
    menu_actions = {
        action.objectName()
        for menu_action in window.menuBar().actions()
        for action in menu_action.menu().actions()
    }
    for spec, (menu, text, keys) in zip(ACTIONS, rows, strict=True):
        assert spec.keys or spec.menu, spec.name
        action = window.actions_by_name[spec.name]
        if spec.menu:
            assert f"action_{spec.name}" in menu_actions
            assert menu == spec.menu
        assert text.startswith(spec.text.replace("&", "").rstrip("…"))
        for key in spec.keys:
            assert key_text(key) in keys
            bound = [s.toString() for s in action.shortcuts()]
            wanted = key if not isinstance(key, str) else QKeySequence(key).toString()
            assert isinstance(wanted, QKeySequence.StandardKey) or wanted in bound
        assert callable(spec.run)


def test_no_two_actions_share_a_key(window):
    owners: dict[str, str] = {}
    for name, action in window.actions_by_name.items():
        for sequence in action.shortcuts():
            text = sequence.toString()
            assert text not in owners, f"{text} is bound to {owners.get(text)} and {name}"
            owners[text] = name


def test_ctrl_o_opens_a_store_from_the_file_dialog(make_window, small_store_path, qtbot):
    window = make_window()
    window.canvas.setFocus()

    def choose(dialog):
        assert isinstance(dialog, QFileDialog)
        line = dialog.findChild(QLineEdit, "fileNameEdit")
        qtbot.keyClicks(line, str(small_store_path))
        qtbot.keyClick(line, K.Key_Return)

    driver = ModalDriver(QFileDialog, choose)
    press(window, K.Key_O, CTRL)
    assert driver.seen, "no file dialog appeared"
    qtbot.waitUntil(lambda: window.state is not None)
    assert window.path == small_store_path


def test_ctrl_e_opens_the_export_dialog(window, qtbot):
    if importlib.util.find_spec("viewer.export.dialog") is None:
        pytest.skip("viewer/export/dialog.py does not exist yet")
    driver = ModalDriver(QDialog, lambda d: d.reject())
    press(window, K.Key_E, CTRL)
    assert driver.seen
    assert type(driver.seen[0]).__name__ == "ExportDialog"


def test_ctrl_q_closes_the_window_and_saves(window, qtbot, settings_path, small_store_path):
    press(window, K.Key_D)
    press(window, K.Key_Q, CTRL)
    qtbot.waitUntil(lambda: not window.isVisible())
    settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
    assert settings.value("last_store") == str(small_store_path)


def test_key_combination_of_the_help_matches_the_action():
    # The help shows Ctrl+= for zoom in; the action answers that exact combination.
    spec = next(s for s in ACTIONS if s.name == "zoom_in")
    combos = [QKeySequence(k)[0] for k in spec.keys if isinstance(k, str)]
    assert QKeyCombination(CTRL, K.Key_Equal) in combos
