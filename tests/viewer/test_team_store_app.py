"""The app on a team store (a real PostgreSQL server): the same picture as the file, new
items from other writers without losing the place, failures that keep the window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QMessageBox

from db.pg.copy import push
from viewer.cli import main
from viewer.main_window import WATCH_MS
from viewer.team_store import TeamStoreDialog, open_team_store

ARTICLE = Path(__file__).resolve().parents[1] / "data" / "articles" / "ceasefire.txt"


def test_an_export_of_the_pushed_default_store_is_the_files_pixel_for_pixel(
    qapp, pg_url, default_store_path, tmp_path
):
    push(default_store_path, pg_url)
    assert main(["export", str(default_store_path), str(tmp_path / "file.png")]) == 0
    assert main(["export", pg_url, str(tmp_path / "team.png")]) == 0
    file, team = QImage(str(tmp_path / "file.png")), QImage(str(tmp_path / "team.png"))
    assert not file.isNull() and file.size() == team.size()
    assert file == team


def _timeline(window) -> QImage:
    """The timeline's picture, without its scroll bar (whose hover fade is timing)."""
    canvas = window.canvas
    return canvas.grab(QRect(0, 0, canvas.width() - canvas.vbar.width(), canvas.height())).toImage()


def test_the_window_shows_the_same_first_frame(make_window, pg_url, default_store_path):
    push(default_store_path, pg_url)
    team = make_window(pg_url)  # each window grabbed while it is the active one
    shown_team = _timeline(team)
    file = make_window(default_store_path)
    assert team.windowTitle() == file.windowTitle()
    assert shown_team == _timeline(file)


def test_new_items_appear_without_losing_the_place(make_window, qtbot, pg_url, default_store_path):
    push(default_store_path, pg_url)
    window = make_window(pg_url)
    qtbot.keyClick(window.canvas, Qt.Key.Key_Right)
    selected = window.state.selection
    place = (window.state.scale.start, window.state.scale.span)
    before = len(window.store.index)
    assert selected is not None
    code = main(["import-article", str(ARTICLE), "--into", pg_url, "--published", "2025-08-06"])
    assert code == 0
    qtbot.waitUntil(lambda: len(window.store.index) > before, timeout=10000)
    assert (window.state.scale.start, window.state.scale.span) == place
    assert window.state.selection == selected


def test_a_dropped_connection_keeps_the_window_and_its_picture(
    make_window, qtbot, pg, pg_url, default_store_path
):
    push(default_store_path, pg_url)
    window = make_window(pg_url)
    picture = window.canvas.grab().toImage()
    pg.psql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE application_name = 'parley'")
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "team_store_lost") is not None,
                    timeout=10000)
    box = window.findChild(QMessageBox, "team_store_lost")
    assert "cannot reach the server" in box.text()
    box.close()
    window.activateWindow()
    window.canvas.setFocus()
    qtbot.waitUntil(window.canvas.hasFocus)
    assert window.state is not None and window.canvas.grab().toImage() == picture


def test_the_window_reconnects_when_the_server_is_back(
    make_window, qtbot, pg, pg_url, default_store_path
):
    push(default_store_path, pg_url)
    window = make_window(pg_url)
    picture = window.canvas.grab().toImage()
    before = len(window.store.index)
    pg.stop()
    try:
        qtbot.waitUntil(lambda: window.findChild(QMessageBox, "team_store_lost") is not None,
                        timeout=10000)
        qtbot.wait(3 * WATCH_MS)  # more looks while down: said once only
        assert len(window.findChildren(QMessageBox, "team_store_lost")) == 1
        assert "still showing what was loaded" in window.statusBar().currentMessage()
        window.findChild(QMessageBox, "team_store_lost").close()
        window.activateWindow()
        window.canvas.setFocus()
        qtbot.waitUntil(window.canvas.hasFocus)
        assert window.canvas.grab().toImage() == picture
    finally:
        pg.start()
    qtbot.waitUntil(
        lambda: "again" in window.statusBar().currentMessage(), timeout=15000
    )
    code = main(["import-article", str(ARTICLE), "--into", pg_url, "--published", "2025-08-06"])
    assert code == 0
    qtbot.waitUntil(lambda: len(window.store.index) > before, timeout=10000)
    assert len(window.findChildren(QMessageBox, "team_store_lost")) == 1


def test_opening_a_server_that_is_down_keeps_the_open_store(
    make_window, qtbot, default_store_path, tmp_path
):
    window = make_window(default_store_path)
    picture = window.canvas.grab().toImage()
    with qtbot.waitSignal(window.store_failed, timeout=10000) as failed:
        window.open_path(f"postgresql://team:pw@/news?host={tmp_path}&port=5432")
    message = failed.args[0]
    assert "cannot reach the server" in message and "pw@" not in message
    assert len(message.splitlines()) == 1
    assert window.path == default_store_path
    assert window.canvas.grab().toImage() == picture


def test_the_team_store_dialog_builds_the_url_and_forgets_the_password(
    make_window, qtbot, pg, pg_url, default_store_path
):
    push(default_store_path, pg_url)
    name = pg_url.split("/")[3].split("?")[0]
    pg.psql("GRANT USAGE ON SCHEMA parley TO team; "
            "GRANT SELECT ON ALL TABLES IN SCHEMA parley TO team", name)
    window = make_window()
    dialog = open_team_store(window)
    assert isinstance(dialog, TeamStoreDialog) and not dialog.open_button.isEnabled()
    dialog.host.setText(str(pg.folder))
    dialog.port.setText("5432")
    qtbot.keyClicks(dialog.database, name)
    dialog.user.setText("team")
    dialog.password.setText("s3cret-Pw")
    assert dialog.open_button.isEnabled()
    dialog.open_button.click()
    qtbot.waitUntil(lambda: window.state is not None, timeout=10000)
    assert window.store.stats().counts["statements"] > 0
    remembered = str(window.settings.value("team_store/last"))
    assert "s3cret" not in remembered and name in remembered
    window.save_settings()
    text = Path(window.settings.fileName()).read_text(encoding="utf-8")
    assert "s3cret" not in text and name in text
