"""The first hour of a user (issue 13, part 5), on the default store, with real key presses.

Headings of the axis shorten instead of being cut, the overview shows the busy stretch
next to a far outlier, sides keep their colours across imports, the status bar, dialogs
and docks stay readable, Esc undoes what Return opened, search highlights its matches.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, Qt, QTimer
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QTabBar, QTableWidget, QWidget

from viewer.panes.search_panel import HTML_ROLE, MATCH_STYLE
from viewer.timeline.painter import AXIS_H, LABEL_W, MAJOR_H

K = Qt.Key
SVG = "{http://www.w3.org/2000/svg}"
WEEKDAY = r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun)"
MONTH = r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
HEADING = re.compile(
    rf"^({WEEKDAY}[a-z]*day \d+ {MONTH}[a-z]* \d{{4}}|{WEEKDAY} \d+ {MONTH}( \d{{4}})?|\d+ {MONTH}"
    rf"|\d+|{MONTH}[a-z]* \d{{4}}|{MONTH}|\d{{4}}s?|\d{{4}}–\d{{4}})$"
)


def when_modal(kind, handle) -> list:
    """Call ``handle`` on the next modal dialog of type ``kind`` once it shows (the caller's
    exec() blocks meanwhile); returns the list the dialog is put in. Gives up after 5 s,
    closing whatever modal dialog is open, so a test cannot hang."""
    seen: list = []
    timer = QTimer(interval=20)

    def poll() -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, kind) and widget.isVisible() and widget.isActiveWindow():
            timer.stop()
            seen.append(widget)
            handle(widget)
        elif len(seen) == 0 and timer.property("ticks") > 250:
            timer.stop()
            if widget is not None:
                widget.close()
        timer.setProperty("ticks", timer.property("ticks") + 1)

    timer.setProperty("ticks", 0)
    timer.timeout.connect(poll)
    timer.start()
    seen.append(timer)  # kept alive by the caller's reference
    return seen


def press(key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """One key press on whatever has the focus."""
    QTest.keyClick(QApplication.focusWidget(), key, modifiers)


def drawn_texts(widget: QWidget) -> list[tuple[float, float, str]]:
    """(x, y, text) of every text the widget paints (not scaled), read from an SVG of it."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(widget.size())
    generator.setViewBox(QRect(0, 0, widget.width(), widget.height()))
    widget.render(generator)
    buffer.close()
    texts = []
    for group in ET.fromstring(bytes(data)).iter(f"{SVG}g"):
        matrix = re.fullmatch(r"matrix\(1,0,0,1,([-\d.]+),([-\d.]+)\)", group.get("transform", ""))
        if matrix is None:
            continue  # scaled or rotated: none of the texts looked for here
        dx, dy = float(matrix[1]), float(matrix[2])
        for text in group.findall(f"{SVG}text"):
            x, y = float(text.get("x")) + dx, float(text.get("y")) + dy
            texts.append((x, y, text.text or ""))
    return texts


def axis_headings(window) -> list[str]:
    """The upper tier of the timeline's axis, as painted."""
    return [t for x, y, t in drawn_texts(window.canvas) if x >= LABEL_W and y < MAJOR_H]


def axis_labels(window) -> list[str]:
    """The lower tier of the timeline's axis, as painted."""
    texts = drawn_texts(window.canvas)
    return [t for x, y, t in texts if x >= LABEL_W and MAJOR_H <= y < AXIS_H]


# -- axis headings -------------------------------------------------------------------------


def test_axis_headings_shorten_in_steps_never_cut(make_window, default_store_path):
    window = make_window(default_store_path)
    window.resize(1400, 900)
    press(K.Key_D)
    seen: set[str] = set()
    for _ in range(14):
        headings = axis_headings(window)
        assert headings
        for text in headings + axis_labels(window):
            assert "…" not in text
            assert text.strip() == text
        for text in headings:
            assert HEADING.match(text), text
        seen.update(headings)
        press(K.Key_Minus)
    assert "Tuesday 29 March 2022" in seen
    # Between a day across the window and months across it, the heading shortens in steps.
    assert any(re.fullmatch(rf"{WEEKDAY} \d+ {MONTH}", t) for t in seen), seen
    assert any(re.fullmatch(rf"\d+ {MONTH}|\d+", t) for t in seen), seen
    assert "March 2022" in seen


# -- side colours --------------------------------------------------------------------------


def side_stripes(window) -> dict[str, tuple[int, int, int]]:
    """The colour painted in each side's label stripe, by side name."""
    window.canvas.scroll_y = 0
    image = window.canvas.grab().toImage()
    colours = {}
    for lane in window.state.layout.lanes:
        if lane.is_side and lane.bottom - window.canvas.scroll_y < image.height() - AXIS_H:
            pixel = image.pixelColor(2, round(AXIS_H + lane.center))
            colours[lane.label] = (pixel.red(), pixel.green(), pixel.blue())
    return colours


def test_sides_keep_their_colours_when_an_import_adds_a_side(
    make_window, default_store_path, qtbot
):
    from db.importer import import_document
    from viewer.palette import name_slot

    window = make_window(default_store_path)
    window.resize(1400, 4000)  # every side in view, lanes stacked
    press(K.Key_0)
    before = side_stripes(window)
    assert len(before) >= 8 and len(set(before.values())) == len(before)
    # A side that sorts first, says the most, and asks for a colour already in use.
    assert name_slot("Albania") in {name_slot(name) for name in before}
    statements = [
        {"actor": "Albania", "said": f"2022-03-{day:02d}", "text": f"Albania, day {day}."}
        for day in range(1, 29)
    ]
    document = {"parley": 1, "actors": [{"name": "Albania", "kind": "state"}]}
    import_document(default_store_path, {**document, "statements": statements}, "albania.json")
    old = window.store
    qtbot.waitUntil(lambda: window.store is not old, timeout=10000)
    press(K.Key_0)
    after = side_stripes(window)
    assert "Albania" in after
    assert after["Albania"] not in before.values()
    assert {name: after[name] for name in before} == before


# -- go to date ----------------------------------------------------------------------------


def test_go_to_date_stays_open_on_a_date_it_cannot_read(make_window, default_store_path):
    from PySide6.QtWidgets import QLabel, QLineEdit
    from viewer_helpers import seconds

    from viewer.dialogs import DateDialog

    window = make_window(default_store_path)
    said: list[str] = []

    def answer(dialog) -> None:
        line = dialog.findChild(QLineEdit)
        QTest.keyClicks(line, "the day after tomorrow")
        QTest.keyClick(line, K.Key_Return)
        assert dialog.isVisible()  # still open: the user can correct what they typed
        said.append(dialog.findChild(QLabel).text())
        line.selectAll()
        QTest.keyClicks(line, "<b>2022</b>-03-27")
        QTest.keyClick(line, K.Key_Return)
        said.append(dialog.findChild(QLabel).text())
        assert dialog.isVisible()
        line.selectAll()
        QTest.keyClicks(line, "2022-03-27")
        QTest.keyClick(line, K.Key_Return)

    seen = when_modal(DateDialog, answer)
    press(K.Key_G, Qt.KeyboardModifier.ControlModifier)  # returns once answered
    assert isinstance(seen[-1], DateDialog)
    assert "'the day after tomorrow' is not a date Parley can read" in said[0]
    assert "<b>2022</b>-03-27" in said[1]
    assert not seen[-1].isVisible()
    scale = window.state.scale
    assert scale.start < seconds("2022-03-27") < scale.end


# -- Esc undoes Return ---------------------------------------------------------------------


def test_escape_closes_the_details_that_return_had_to_open(make_window, default_store_path, qtbot):
    window = make_window(default_store_path)
    window.details_dock.close()  # the user closed Details earlier
    press(K.Key_End)
    assert window.state.selection is not None
    press(K.Key_Return)
    qtbot.waitUntil(window.details.hasFocus)
    assert window.details_dock.isVisible()
    press(K.Key_Escape)
    qtbot.waitUntil(window.canvas.hasFocus)
    assert window.details_dock.isHidden()
    # Open already, in front: Esc only gives the focus back.
    window.details_dock.show()
    press(K.Key_Return)
    qtbot.waitUntil(window.details.hasFocus)
    press(K.Key_Escape)
    qtbot.waitUntil(window.canvas.hasFocus)
    assert window.details_dock.isVisible()


def test_escape_brings_back_the_tab_that_details_covered(make_window, default_store_path, qtbot):
    window = make_window(default_store_path)
    press(K.Key_F, Qt.KeyboardModifier.ControlModifier)  # Search comes to the front
    press(K.Key_Escape)
    qtbot.waitUntil(window.canvas.hasFocus)
    qtbot.waitUntil(lambda: window.details_dock.visibleRegion().isEmpty())
    press(K.Key_End)
    press(K.Key_Return)
    qtbot.waitUntil(window.details.hasFocus)
    qtbot.waitUntil(lambda: window.search_dock.visibleRegion().isEmpty())
    press(K.Key_Escape)
    qtbot.waitUntil(window.canvas.hasFocus)
    qtbot.waitUntil(lambda: not window.search_dock.visibleRegion().isEmpty())
    assert not window.details_dock.isHidden()


# -- search highlights, refresh after import -----------------------------------------------


def result_texts(window) -> list[tuple[str, str]]:
    """(plain text, HTML) of each search result."""
    results = window.search.results
    return [
        (results.item(i).text(), results.item(i).data(HTML_ROLE)) for i in range(results.count())
    ]


def test_search_highlights_the_match_without_brackets(make_window, default_store_path, qtbot):
    window = make_window(default_store_path)
    window.resize(1400, 900)
    press(K.Key_F, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(window.search.box, "Kyiv")
    press(K.Key_Return)
    qtbot.waitUntil(lambda: window.search.results.count() > 3)
    for text, html in result_texts(window):
        assert "[" not in text and "\x02" not in text and "\x03" not in text
        if "Kyiv" in text:  # (a match in an event's description has no words to mark)
            assert f'<span style="{MATCH_STYLE}">Kyiv' in html
    image = window.search.results.viewport().grab().toImage()
    yellow = sum(
        image.pixelColor(x, y).name() == "#ffd23f"
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
    )
    assert yellow > 10  # the highlight is painted, not only in the model


def test_search_filters_and_panes_refresh_after_an_import(
    make_window, default_store_path, qtbot
):
    from db.importer import import_document

    window = make_window(default_store_path)
    # Hide Russia's lanes from the Filters pane with the keyboard.
    tree = window.filters.lanes
    tree.setFocus()
    russia = tree.findItems("Russia", Qt.MatchFlag.MatchExactly)[0]
    tree.setCurrentItem(russia)
    press(K.Key_Space)
    assert russia.checkState(0) == Qt.CheckState.Unchecked
    russia_id = russia.data(0, Qt.ItemDataRole.UserRole)
    assert russia_id in window.state.hidden
    press(K.Key_F, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(window.search.box, "Albania")
    press(K.Key_Return)
    qtbot.waitUntil(lambda: "No matches" in window.search.count.text())
    statement = {"actor": "Albania", "said": "2022-03-29", "text": "Albania says <i>no</i> [sic]."}
    document = {"parley": 1, "actors": [{"name": "Albania", "kind": "state"}]}
    import_document(default_store_path, {**document, "statements": [statement]}, "a.json")
    old = window.store
    qtbot.waitUntil(lambda: window.store is not old, timeout=10000)
    qtbot.waitUntil(lambda: window.search.results.count() == 1)
    ((text, html),) = result_texts(window)
    assert "Albania says <i>no</i> [sic]." in text  # plain text, shown as typed
    assert "&lt;i&gt;no&lt;/i&gt; [sic]" in html
    assert tree.findItems("Albania", Qt.MatchFlag.MatchExactly)
    russia = tree.findItems("Russia", Qt.MatchFlag.MatchExactly)[0]
    assert russia.checkState(0) == Qt.CheckState.Unchecked
    assert russia_id in window.state.hidden


# -- status bar ----------------------------------------------------------------------------


def test_the_status_bar_never_draws_one_text_over_another(make_window, default_store_path):
    window = make_window(default_store_path)
    bar = window.statusBar()
    for width in (760, 1000, 1400):
        window.resize(width, 700)
        press(K.Key_Home)
        for _ in range(6):  # through the lanes, the longest descriptions among them
            press(K.Key_Down)
            press(K.Key_Right)
            assert window.status_label.text()
            metrics = window.status_label.fontMetrics()
            spans = sorted(
                (x, x + metrics.horizontalAdvance(text), text)
                for x, _y, text in drawn_texts(bar)
                if text.strip()
            )
            assert len(spans) == 2, spans  # the selection and the visible range
            (_a0, a1, first), (b0, b1, _second) = spans
            assert a1 + 8 <= b0, spans
            assert b1 <= bar.width()
            if first != window.status_label.text():
                assert first.endswith("…")


# -- dialogs and docks wide enough ---------------------------------------------------------


def test_f1_shows_every_key_without_scrolling_sideways(make_window, default_store_path, qtbot):
    from viewer.actions import shortcut_rows

    window = make_window(default_store_path)
    window.resize(1400, 900)
    press(K.Key_F1)
    dialog = window.findChild(QDialog, "shortcuts_dialog")
    qtbot.waitUntil(dialog.isVisible)
    table = dialog.findChild(QTableWidget)
    qtbot.waitUntil(lambda: table.horizontalHeader().length() > 0)
    assert table.horizontalHeader().length() <= table.viewport().width()
    assert not table.horizontalScrollBar().isVisible()
    metrics = table.fontMetrics()
    keys = max(metrics.horizontalAdvance(row[2]) for row in shortcut_rows())
    assert table.columnWidth(2) >= keys  # every key in full
    assert dialog.width() <= dialog.screen().availableGeometry().width()


def test_the_matrix_opens_wide_enough_for_its_columns(make_window, default_store_path, qtbot):
    window = make_window(default_store_path)
    window.resize(1400, 900)
    press(K.Key_M, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: getattr(window, "matrix_dialog", None) is not None)
    dialog = window.matrix_dialog
    qtbot.waitUntil(dialog.isVisible)
    table = dialog.table
    columns = dialog.model.columnCount()
    assert columns >= 8
    widest = dialog.screen().availableGeometry().width()
    if 96 * columns + 200 <= widest * 0.95:  # the columns fit on this screen: all in view
        assert table.horizontalHeader().length() <= table.viewport().width()
    else:  # a small screen: the dialog takes what there is, and no more
        assert widest * 0.9 <= dialog.width() <= widest
    for column in range(columns):  # each column at least as wide as its stance words
        assert table.columnWidth(column) >= table.fontMetrics().horizontalAdvance("▼ opposes")


def test_dock_tabs_keep_readable_names_with_several_panes(make_window, default_store_path, qtbot):
    window = make_window(default_store_path)
    window.resize(1400, 900)
    for _ in range(5):  # five sides' panes, opened from the timeline with Return
        press(K.Key_Down)
        while not window.state.layout.lanes[window.canvas.focus_lane].is_side:
            press(K.Key_Down)
        window.canvas.select(None)
        press(K.Key_Return)
        qtbot.waitUntil(lambda: QApplication.focusWidget() is not window.canvas)
        window.canvas.setFocus()
    assert len(window.actor_docks) == 5
    bars = [bar for bar in window.findChildren(QTabBar) if bar.count() >= 7]
    assert bars
    bar = bars[0]
    names = {bar.tabText(i) for i in range(bar.count())}
    assert {"Details", "Search"} <= names
    for i in range(bar.count()):
        text = bar.tabText(i)
        shown = bar.tabRect(i).width()
        assert shown >= bar.fontMetrics().horizontalAdvance(text), text
        assert bar.elideMode() == Qt.TextElideMode.ElideNone


# -- overview with a far outlier -----------------------------------------------------------


def test_the_overview_shows_the_busy_stretch_next_to_far_outliers(make_window, default_store_path):
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QPalette
    from viewer_helpers import seconds

    window = make_window(default_store_path)
    window.resize(1400, 900)
    overview = window.overview
    overview.repaint()
    area = overview._area()
    scale = overview.scale()
    index = window.state.store.index
    first, busy = float(index.t0[0]), seconds("2022-03-29")
    assert busy - first > 7 * 365 * 86400  # the store: one item in 2014, the rest in 2022
    # The busy day takes most of the strip; the outliers and the gaps stay in view.
    day = float(scale.x_of(busy + 86400) - scale.x_of(busy))
    assert day >= 0.5 * area.width()
    assert 0 <= scale.x_of(first) < scale.x_of(seconds("2022-02-24")) < scale.x_of(busy)
    assert [gap_text(b) for b in scale.breaks] == ["7y", "32d"]
    image = overview.grab().toImage()
    paper = overview.palette().color(QPalette.ColorRole.Base).lightness()
    for t in (first, seconds("2022-02-24"), busy + 43200):  # a bar is drawn at each
        x = round(area.left() + scale.x_of(t))
        assert image.pixelColor(x, round(area.bottom()) - 2).lightness() < paper - 40, t
    # A click on the outlier's bar shows it on the timeline.
    x = round(area.left() + scale.x_of(seconds("2022-02-24") + 43200))
    QTest.mouseClick(overview, Qt.MouseButton.LeftButton, pos=QPoint(x, 30))
    view = window.state.scale
    assert abs(view.start + view.span / 2 - (seconds("2022-02-24") + 43200)) < 86400


def gap_text(cut) -> str:
    from viewer.timeline.overview import gap_length

    return gap_length(cut.t1 - cut.t0)
