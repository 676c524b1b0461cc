"""Curation from the keyboard: each edit writes the store, the view follows, Ctrl+Z undoes.

Real windows on real store files; the dialogs are answered with real key presses.
"""

from __future__ import annotations

import hashlib
import shutil

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QMessageBox

from db.default_store import ensure_default_store
from db.timeindex import KIND_STATEMENT

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier


def answer(qtbot, text: str | None) -> None:
    """When the next dialog opens, type ``text`` in it and press Enter (None: Escape)."""

    def keys(dialog) -> None:
        if text is None:
            qtbot.keyClick(dialog, Qt.Key.Key_Escape)
            return
        line = dialog.findChild(QLineEdit)
        if line is not None and line.isVisible():
            qtbot.keyClick(line, Qt.Key.Key_A, CTRL)
            qtbot.keyClicks(line, text)
        else:
            dialog.setTextValue(text)  # a list to pick from: choose the item
        qtbot.keyClick(dialog, Qt.Key.Key_Return)

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QInputDialog | QMessageBox) or not dialog.isVisible():
            QTimer.singleShot(20, act)
            return
        QTimer.singleShot(100, lambda: keys(dialog))

    QTimer.singleShot(0, act)


@pytest.fixture
def curated(make_window, default_store_path, qtbot):
    """A window on a copy of the default content, statement 1 selected."""
    window = make_window(default_store_path)
    window.select_item(KIND_STATEMENT, 1)
    qtbot.waitUntil(lambda: window.details.ref is not None)
    return window


def _statement(window):
    return window.store.statement(1)


def _press(qtbot, window, key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    window.activateWindow()  # back from a dialog: the window's shortcuts need it active
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, key, modifiers)


def _undo(qtbot, window, check) -> None:
    _press(qtbot, window, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(check, timeout=5000)


def test_set_stance_then_undo_and_redo(qtbot, curated):
    assert _statement(curated).stance == "supports"
    answer(qtbot, "opposes")
    _press(qtbot, curated, Qt.Key.Key_S, CTRL_SHIFT)
    qtbot.waitUntil(lambda: _statement(curated).stance == "opposes", timeout=5000)
    qtbot.waitUntil(lambda: "opposes" in curated.details.toPlainText().lower())
    _undo(qtbot, curated, lambda: _statement(curated).stance == "supports")
    _press(qtbot, curated, Qt.Key.Key_Y, CTRL)
    qtbot.waitUntil(lambda: _statement(curated).stance == "opposes", timeout=5000)


def test_set_topic_existing_and_new_then_undo(qtbot, curated):
    names = {t.id: t.name for t in curated.store.topics()}
    answer(qtbot, "Donbas")
    _press(qtbot, curated, Qt.Key.Key_T, CTRL)
    qtbot.waitUntil(lambda: names.get(_statement(curated).topic_id) == "Donbas", timeout=5000)
    answer(qtbot, "Grain exports")
    _press(qtbot, curated, Qt.Key.Key_T, CTRL)
    qtbot.waitUntil(lambda: curated.store.topic(_statement(curated).topic_id) is not None
                    and curated.store.topic(_statement(curated).topic_id).name
                    == "Grain exports", timeout=5000)
    assert "Grain exports" in curated.details.toPlainText()
    tree = curated.filters.topics  # the Filters pane offers the new topic at once
    shown = {tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())}
    assert "Grain exports" in shown
    _undo(qtbot, curated, lambda: names.get(_statement(curated).topic_id) == "Donbas")
    qtbot.waitUntil(lambda: "Grain exports" not in {t.name for t in curated.store.topics()})
    _undo(qtbot, curated, lambda: names.get(_statement(curated).topic_id)
          == "Military activity around Kyiv and Chernihiv")


def test_edit_summary_then_undo(qtbot, curated):
    old = _statement(curated).summary
    answer(qtbot, "Moscow scales down near Kyiv.")
    _press(qtbot, curated, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: _statement(curated).summary == "Moscow scales down near Kyiv.",
                    timeout=5000)
    _undo(qtbot, curated, lambda: _statement(curated).summary == old)


def test_set_speaker_and_move_actor_then_undo(qtbot, curated):
    store = curated.store
    russia = next(a for a in store.actors() if a.name == "Russia")
    answer(qtbot, "Kremlin")
    _press(qtbot, curated, Qt.Key.Key_P, CTRL_SHIFT)
    qtbot.waitUntil(lambda: curated.store.actor(_statement(curated).actor_id).name == "Kremlin",
                    timeout=5000)
    # The statement's speaker (now the Kremlin) is moved under another side, and back.
    answer(qtbot, "Turkey")
    _press(qtbot, curated, Qt.Key.Key_D, CTRL_SHIFT)
    kremlin = lambda: next(a for a in curated.store.actors() if a.name == "Kremlin")  # noqa: E731
    qtbot.waitUntil(lambda: curated.store.actor(kremlin().side_id).name == "Turkey",
                    timeout=5000)
    _undo(qtbot, curated, lambda: kremlin().side_id == russia.id)
    _undo(qtbot, curated, lambda: _statement(curated).actor_id == russia.id)


def test_topics_dialog_rename_describe_merge_with_undo(qtbot, curated):
    from viewer.panes.curation import TopicsDialog

    _press(qtbot, curated, Qt.Key.Key_T, CTRL_SHIFT)
    qtbot.waitUntil(lambda: isinstance(getattr(curated, "topics_dialog", None), TopicsDialog))
    dialog = curated.topics_dialog

    def alt(key) -> None:  # a button's mnemonic needs its dialog active
        dialog.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
        qtbot.keyClick(dialog, key, Qt.KeyboardModifier.AltModifier)

    dialog.list.setCurrentRow([t.name for t in dialog.topics].index("Crimea"))
    old = dialog.topic().description
    answer(qtbot, "Status of Crimea")
    alt(Qt.Key.Key_R)
    qtbot.waitUntil(lambda: "Status of Crimea" in {t.name for t in curated.store.topics()},
                    timeout=5000)
    qtbot.waitUntil(lambda: dialog.topic() is not None
                    and dialog.topic().name == "Status of Crimea")
    answer(qtbot, "The peninsula annexed in 2014.")
    alt(Qt.Key.Key_D)
    qtbot.waitUntil(lambda: any(t.description == "The peninsula annexed in 2014."
                                for t in curated.store.topics()), timeout=5000)
    answer(qtbot, "Donbas")
    alt(Qt.Key.Key_M)
    qtbot.waitUntil(lambda: "Status of Crimea" not in {t.name for t in curated.store.topics()},
                    timeout=5000)
    dialog.close()
    _undo(qtbot, curated, lambda: "Status of Crimea" in {t.name for t in curated.store.topics()})
    _undo(qtbot, curated, lambda: any(t.name == "Status of Crimea" and t.description == old
                                      for t in curated.store.topics()))
    _undo(qtbot, curated, lambda: "Crimea" in {t.name for t in curated.store.topics()})


def test_the_built_in_store_is_never_written(qtbot, make_window, tmp_path):
    path = ensure_default_store()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    window = make_window(path)
    window.select_item(KIND_STATEMENT, 1)
    qtbot.waitUntil(lambda: window.details.ref is not None)
    answer(qtbot, None)  # "Make a store of your own?" — Cancel
    _press(qtbot, window, Qt.Key.Key_S, CTRL_SHIFT)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert window.path == path
    own = tmp_path / "mine.parley"
    shutil.copy(path, tmp_path / "copy-of-default.parley")
    from db.default_store import is_default_store, make_own_store

    make_own_store(own, with_content=True, source=path)
    assert not is_default_store(own) and is_default_store(tmp_path / "copy-of-default.parley")
