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
from PySide6.QtWidgets import QApplication, QWidget

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
    """(x, y, text) of every text the widget paints untransformed, read from an SVG of it."""
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
        if group.get("transform", "matrix(1,0,0,1,0,0)") != "matrix(1,0,0,1,0,0)":
            continue
        for text in group.findall(f"{SVG}text"):
            texts.append((float(text.get("x")), float(text.get("y")), text.text or ""))
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
    window.resize(1400, 1400)
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
