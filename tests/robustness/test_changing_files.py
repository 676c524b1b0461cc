"""Files that change under the window: new rows, a writer's lock, deletion, moving,
damage. The view refreshes and keeps its place, or says what happened and keeps what it
shows; never an exception."""

from __future__ import annotations

import contextlib
import sqlite3
import time

import pytest
from PySide6.QtCore import QSettings
from robust_corpus import build, real_store

from viewer.main_window import MainWindow


@pytest.fixture
def window(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings)
    window.setProperty("quiet_errors", True)
    qtbot.addWidget(window)
    window.show()
    return window


def open_and_wait(qtbot, window, path) -> None:
    window.open_path(path)
    qtbot.waitUntil(lambda: window.state is not None, timeout=20000)
    window.canvas.grab()


def add_statement(path, said: str = "2022-03-29T15:00", text: str = "Added later.") -> None:
    """Another program inserts a statement (a connection of its own, then closed)."""
    conn = sqlite3.connect(path)
    columns = {row[1] for row in conn.execute("PRAGMA table_info(statements)")}
    # (a contract store's id may be a plain column, not SQLite's row id: give one)
    next_id = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM statements").fetchone()[0]
    row = {
        "id": next_id,
        "actor_id": 1,
        "said": said,
        "precision": "minute",
        "text": text,
        "kind": "direct",
    }
    names = [c for c in row if c in columns]
    conn.execute(
        f"INSERT INTO statements ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
        [row[c] for c in names],
    )
    conn.commit()
    conn.close()


@pytest.mark.parametrize("kind", ["imported", "plain"])
def test_new_rows_refresh_the_view_in_place(kind, tmp_path, qtbot, window):
    folder = tmp_path / kind
    folder.mkdir()
    path = real_store(folder) if kind == "imported" else build("right-to-left", folder)
    open_and_wait(qtbot, window, path)
    window.actions_by_name["zoom_in"].trigger()
    window.actions_by_name["pan_right_page"].trigger()
    window.actions_by_name["next_item_all"].trigger()
    window.canvas.grab()
    before = len(window.state.store.index)
    place = (window.state.scale.start, window.state.scale.span)
    selection = window.state.selection
    add_statement(path)
    qtbot.waitUntil(lambda: len(window.state.store.index) > before, timeout=15000)
    assert len(window.state.store.index) == before + 1
    assert (window.state.scale.start, window.state.scale.span) == pytest.approx(place)
    assert window.state.selection == selection
    assert not window.canvas.grab().isNull()
    window.search.box.setText("Added later")
    window.search.run()
    assert window.search.hits, "the new statement is found"
    # and again: the watch keeps going after a reload
    add_statement(path, "2022-03-29T16:00", "Added even later.")
    qtbot.waitUntil(lambda: len(window.state.store.index) > before + 1, timeout=15000)
    assert (window.state.scale.start, window.state.scale.span) == pytest.approx(place)


def test_a_locked_store_is_a_clear_message(tmp_path, qtbot, window):
    path = build("right-to-left", tmp_path / "store")
    failures: list[str] = []
    window.store_failed.connect(failures.append)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        started = time.monotonic()
        window.open_path(path)
        qtbot.waitUntil(lambda: bool(failures), timeout=15000)
        waited = time.monotonic() - started
    finally:
        with contextlib.suppress(sqlite3.Error):
            holder.execute("ROLLBACK")
        holder.close()
    assert 1.5 <= waited < 10, waited  # the busy timeout (2 s), then the message
    message = failures[0]
    assert str(path) in message and "locked" in message and "\n" not in message
    assert "locked" in window.statusBar().currentMessage()
    assert window.state is None
    assert not window.canvas.grab().isNull()
    # once the lock is gone, the same store opens
    open_and_wait(qtbot, window, path)
    assert len(window.state.store.index) > 0


def test_a_store_locked_while_shown_keeps_the_view(tmp_path, qtbot, window):
    """A writer holding its lock while the window polls: no exception, the view stays."""
    path = build("right-to-left", tmp_path / "store")
    open_and_wait(qtbot, window, path)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        qtbot.wait(2000)  # at least one poll while locked
        assert window.state is not None
        assert not window.canvas.grab().isNull()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    add_statement(path)
    before = len(window.state.store.index)
    qtbot.waitUntil(lambda: len(window.state.store.index) > before, timeout=15000)


@pytest.mark.parametrize("how", ["deleted", "moved"])
def test_a_store_deleted_or_moved_keeps_what_is_shown(how, tmp_path, qtbot, window):
    path = build("right-to-left", tmp_path / "store")
    open_and_wait(qtbot, window, path)
    shown = len(window.state.store.index)
    if how == "deleted":
        path.unlink()
    else:
        path.rename(tmp_path / "elsewhere.parley")
    qtbot.waitUntil(
        lambda: "deleted or moved" in window.statusBar().currentMessage(), timeout=10000
    )
    assert str(path) in window.statusBar().currentMessage()
    assert window.state is not None and len(window.state.store.index) == shown
    assert not window.canvas.grab().isNull()
    window.actions_by_name["next_item_all"].trigger()
    window.actions_by_name["zoom_in"].trigger()
    window.search.box.setText("a")
    window.search.run()
    assert not window.canvas.grab().isNull()
    qtbot.wait(1700)  # the watch has stopped: no repeated messages, no exceptions
    assert "deleted or moved" in window.statusBar().currentMessage()


def test_a_store_damaged_while_shown_keeps_the_view(tmp_path, qtbot, window):
    """Another program overwrites the file with garbage while it is shown."""
    path = build("right-to-left", tmp_path / "store")
    open_and_wait(qtbot, window, path)
    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.write(b"\x00" * size)
    qtbot.wait(2000)  # a poll or two
    assert window.state is not None
    assert not window.canvas.grab().isNull()
    window.actions_by_name["next_item_all"].trigger()
    window.actions_by_name["zoom_in"].trigger()
    window.search.box.setText("talks")
    window.search.run()
    assert not window.canvas.grab().isNull()
    # The window says what happened, and names the file.
    said = window.statusBar().currentMessage() + window.search.count.text()
    assert str(path) in said or path.name in said
