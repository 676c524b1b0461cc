"""Every bad store in the window: it opens (bad rows skipped and listed under View →
Problems) or fails with a message naming the file; then the window paints, navigates,
searches and shows details without an exception."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QListWidget
from robust_corpus import CORPUS, FAR_DATES, MARKUP, build, root_reads_anything

from viewer.main_window import MainWindow


@pytest.fixture
def open_window(qtbot, tmp_path):
    """``open_window(path)`` → (window, failure message or None), once the load is over."""

    def open_window(path):
        settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(settings)
        window.setProperty("quiet_errors", True)
        qtbot.addWidget(window)
        window.show()
        failures: list[str] = []
        window.store_failed.connect(failures.append)
        window.open_path(path)
        qtbot.waitUntil(lambda: window.state is not None or bool(failures), timeout=20000)
        return window, (failures[0] if failures else None)

    return open_window


def exercise(qtbot, window: MainWindow) -> None:
    """Paint, navigate, select, search, zoom, open the problems list and an actor pane."""
    assert not window.canvas.grab().isNull()
    window.actions_by_name["zoom_fit"].trigger()
    for _ in range(3):
        window.actions_by_name["next_item"].trigger()
        window.actions_by_name["next_item_all"].trigger()
    window.actions_by_name["next_lane"].trigger()
    window.actions_by_name["last_item"].trigger()
    window.actions_by_name["previous_item"].trigger()
    window.actions_by_name["zoom_in"].trigger()
    window.actions_by_name["zoom_in"].trigger()
    window.actions_by_name["pan_right_page"].trigger()
    window.actions_by_name["span_day"].trigger()
    window.actions_by_name["zoom_out"].trigger()
    window.actions_by_name["zoom_fit"].trigger()
    window.actions_by_name["first_item"].trigger()
    window.actions_by_name["toggle_group"].trigger()
    assert not window.canvas.grab().isNull()
    assert not window.overview.grab().isNull()
    for text in ("a", "Kyiv", "<b>", "قال", "👩", "x" * 300, '"unclosed OR NEAR(', "*"):
        window.search.box.setText(text)
        window.search.run()
        window.actions_by_name["find_next"].trigger()
    window.search.box.setText("")
    window.search.run()
    window.go_to_date("0001-01-01")
    window.go_to_date("9999-12-31")
    window.go_to_date("-0044-03-15")  # not a date: a message in the status bar
    window.actions_by_name["zoom_fit"].trigger()
    assert not window.canvas.grab().isNull()
    if window.store.actors():
        window.open_actor_pane(window.store.actors()[0].id)
        window.open_actor_pane(window.store.actors()[-1].id)
    window.actions_by_name["problems"].trigger()
    dialog = window.findChild(QDialog, "problems_dialog")
    assert dialog is not None
    listed = dialog.findChild(QListWidget)
    expected = max(len(window.store.problems), 1)  # "No problems" when there are none
    assert listed.count() == expected
    dialog.close()
    qtbot.wait(10)


@pytest.mark.parametrize("name", list(CORPUS))
def test_window_survives(name, tmp_path, qtbot, open_window):
    path = build(name, tmp_path / "corpus")
    expect = CORPUS[name][1]
    if expect == "either" and root_reads_anything(path):
        expect = "opens"
    with qtbot.captureExceptions() as exceptions:
        window, failure = open_window(path)
        if failure is not None:
            assert expect in ("fails", "either"), f"{name} should open: {failure}"
            assert str(path) in failure and "\n" not in failure, failure
            assert "Traceback" not in failure
            assert str(path) in window.statusBar().currentMessage()
            assert window.state is None
            assert not window.canvas.grab().isNull()  # the empty window still paints
            window.actions_by_name["next_item"].trigger()
            window.actions_by_name["zoom_in"].trigger()
            window.search.box.setText("a")
            window.search.run()
        else:
            assert expect != "fails", f"{name} should not open"
            if expect == "problems":
                assert window.store.problems, f"{name}: bad rows should be listed"
            exercise(qtbot, window)
        window.close()
    assert not exceptions, "".join(str(e[1]) for e in exceptions)


def test_far_dates_become_problems_not_crashes(tmp_path, qtbot, open_window):
    """BCE dates and years 0 and 10000 are problem rows; years 1 and 9999 are shown."""
    path = build("far-dates", tmp_path / "corpus")
    window, failure = open_window(path)
    assert failure is None
    values = {str(p.value) for p in window.store.problems}
    assert {"-0044-03-15", "0000-01-01", "10000-01-01"} <= values
    readable = len(FAR_DATES) - 3
    statements = int((window.store.index.kind == 1).sum())
    assert statements == readable
    window.actions_by_name["zoom_fit"].trigger()
    assert not window.canvas.grab().isNull()


def test_markup_is_shown_as_text(tmp_path, qtbot, open_window):
    """Titles and quotations with HTML or Qt rich text show their characters, not markup."""
    path = build("markup", tmp_path / "corpus")
    window, failure = open_window(path)
    assert failure is None
    window.select_item(1, 10, center=True)  # the statement whose text is MARKUP
    shown = window.details.toPlainText()
    assert "<b>bold</b>" in shown and "<script>" in shown
    window.select_item(0, 3, center=True)  # the event whose title is MARKUP
    assert "<img src='file:///etc/passwd'>" in window.details.toPlainText()
    assert not window.canvas.grab().isNull()


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="root only")
def test_root_reads_an_unreadable_file(tmp_path, qtbot, open_window):
    """As root, chmod 0 does not stop reading: the store simply opens."""
    path = build("no-read-permission", tmp_path / "corpus")
    assert root_reads_anything(path)
    window, failure = open_window(path)
    assert failure is None and window.state is not None


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads anyway")
def test_unreadable_file_is_a_clear_error(tmp_path, qtbot, open_window):
    path = build("no-read-permission", tmp_path / "corpus")
    _window, failure = open_window(path)
    assert failure is not None and str(path) in failure and "permission" in failure


def test_markup_constant_is_markup():
    assert MARKUP.startswith("<b>")
