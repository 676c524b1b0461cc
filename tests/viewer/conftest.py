"""Fixtures for the viewer tests: real windows on real store files, offscreen."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from db.api import open_store
from db.synth import write_synthetic
from viewer.main_window import MainWindow
from viewer.timeline.state import TimelineState


@pytest.fixture
def settings_path(tmp_path) -> Path:
    """An INI file of its own per test, so no state leaks between windows or tests."""
    return tmp_path / "settings" / "parley.ini"


@pytest.fixture
def make_window(qtbot, settings_path) -> Callable[..., MainWindow]:
    """Open a real MainWindow on ``path`` (waits until the store is loaded)."""

    def make(path: Path | None = None, settings: QSettings | None = None) -> MainWindow:
        settings = settings or QSettings(str(settings_path), QSettings.Format.IniFormat)
        window = MainWindow(settings)
        window.setProperty("quiet_errors", True)
        qtbot.addWidget(window)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        if path is not None:
            window.open_path(path)
            qtbot.waitUntil(lambda: window.state is not None, timeout=10000)
            window.canvas.setFocus()
            qtbot.waitUntil(window.canvas.hasFocus)
            # The range label updates on the next turn of the event loop.
            qtbot.waitUntil(lambda: window.range_label.text() != "")
        return window

    return make


@pytest.fixture
def window(make_window, small_store_path) -> MainWindow:
    """A window showing the small store, the timeline focused."""
    return make_window(small_store_path)


@pytest.fixture(scope="module")
def synth_path(tmp_path_factory):
    """A synthetic store of 12,000 items (written once per test module)."""
    path = tmp_path_factory.mktemp("scale") / "synth.db"
    write_synthetic(path, 12000, seed=5)
    return path


@pytest.fixture
def state(synth_path, qapp):
    """A timeline of :func:`synth_path` 1410 px wide, showing the whole store."""
    with open_store(synth_path) as store:
        view = TimelineState(store, 1410)
        view.fit()
        yield view
