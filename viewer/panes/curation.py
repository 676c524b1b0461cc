"""Curation in the app: set a statement's topic, stance, summary and speaker; rename,
describe and merge topics; move an actor under a side; undo and redo.

Each edit is an explicit write through :mod:`db.curate` (one transaction on its own
connection); the window then reloads the store read-only and keeps its place, so the
timeline, the details, the actor panes and the matrix follow at once. The built-in default
store is never written: the first edit offers to make a store of the user's own.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from db import curate
from db.default_store import is_default_store, make_own_store
from db.errors import ParleyError
from db.schema import STANCES
from db.timeindex import KIND_STATEMENT

NO_TOPIC = "(no topic)"
NO_STANCE = "(none)"
A_SIDE_OF_ITS_OWN = "(a side of its own)"


class Curator:
    """The window's edits and their undo and redo stacks."""

    def __init__(self, window) -> None:
        self.window = window
        self.undo_stack: list[curate.Edit] = []
        self.redo_stack: list[curate.Edit] = []

    # -- writing ---------------------------------------------------------------------

    def run(self, make: Callable[[Path], curate.Edit]) -> bool:
        """Build an edit for the open store and apply it; False when nothing changed."""
        path = self.writable_path()
        if path is None:
            return False
        try:
            inverse = curate.apply_edit(path, make(path))
        except ParleyError as error:
            self._say(f"Not changed: {error}")
            return False
        self.undo_stack.append(inverse)
        self.redo_stack.clear()
        self._reload(path, inverse.text.removeprefix("undo "))
        return True

    def undo(self) -> None:
        self._replay(self.undo_stack, self.redo_stack, "Undone")

    def redo(self) -> None:
        self._replay(self.redo_stack, self.undo_stack, "Redone")

    def _replay(self, source: list, target: list, verb: str) -> None:
        path = self.window.path
        if not source or path is None:
            self._say("Nothing to undo." if verb == "Undone" else "Nothing to redo.")
            return
        try:
            inverse = curate.apply_edit(path, source[-1])
        except ParleyError as error:
            self._say(f"{verb.removesuffix('ne')} failed: {error}")
            return
        text = source.pop().text
        target.append(inverse)
        self._reload(path, f"{verb}: {text.removeprefix('undo ')}")

    def writable_path(self) -> Path | None:
        """The open store, or a copy of the default store the user agrees to make."""
        path = self.window.path
        if path is None or self.window.store is None:
            return None
        if not is_default_store(path):
            return path
        answer = QMessageBox.question(
            self.window, "Make a store of your own?",
            "The built-in store is never changed (a new release replaces it). Make a store "
            "of your own with the same content, and edit that?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Yes:
            return None
        name, _ = QFileDialog.getSaveFileName(
            self.window, "Save your own store as", str(Path.home() / "my-timeline.parley"),
            "Parley stores (*.parley)")
        if not name:
            return None
        try:
            own = make_own_store(name, with_content=True, source=path)
        except ParleyError as error:
            self._say(str(error))
            return None
        self.undo_stack.clear()
        self.redo_stack.clear()
        self.window.path = own
        return own

    def _reload(self, path: Path, message: str) -> None:
        self.window.open_path(path)
        self.window.statusBar().showMessage(message[:1].upper() + message[1:], 8000)

    def _say(self, message: str) -> None:
        self.window.statusBar().showMessage(message, 10000)

    # -- the edits ---------------------------------------------------------------------

    def statement(self):
        """The selected statement, or None (with a hint in the status bar)."""
        ref = self.window.details.ref
        store = self.window.store
        if store is None or ref is None or ref.kind != KIND_STATEMENT:
            self._say("Select a statement first (click it, or use the arrow keys).")
            return None
        return store.statement(ref.rid)

    def set_topic(self) -> None:
        statement = self.statement()
        if statement is None:
            return
        store = self.window.store
        names = [t.name for t in store.topics()]
        current = store.topic(statement.topic_id)
        name = self._ask_item("Topic", "File this statement under (type a new name to "
                              "add a topic):", [NO_TOPIC, *names],
                              current.name if current else NO_TOPIC, editable=True)
        if name is None:
            return
        name = " ".join(name.split())
        by_name = {t.name.lower(): t.id for t in store.topics()}
        if name in ("", NO_TOPIC):
            self.run(lambda _p: curate.set_statement(statement.id, topic_id=None))
        elif name.lower() in by_name:
            self.run(lambda _p: curate.set_statement(statement.id, topic_id=by_name[name.lower()]))
        else:
            self.run(lambda p: _new_topic_for(p, statement.id, name))

    def set_stance(self) -> None:
        statement = self.statement()
        if statement is None:
            return
        choice = self._ask_item("Stance", "Stance toward the topic:", [NO_STANCE, *STANCES],
                                statement.stance or NO_STANCE)
        if choice is not None:
            stance = None if choice == NO_STANCE else choice
            self.run(lambda _p: curate.set_statement(statement.id, stance=stance))

    def set_summary(self) -> None:
        statement = self.statement()
        if statement is None:
            return
        text, ok = QInputDialog.getText(self.window, "In short", "The position in one line:",
                                        text=statement.summary or "")
        if ok:
            self.run(lambda _p: curate.set_statement(statement.id, summary=text))

    def set_speaker(self) -> None:
        statement = self.statement()
        if statement is None:
            return
        store = self.window.store
        actors = {a.name: a.id for a in store.actors()}
        current = store.actor(statement.actor_id)
        name = self._ask_item("Speaker", "Who said it:", sorted(actors, key=str.lower),
                              current.name if current else "")
        if name in actors:
            self.run(lambda _p: curate.set_statement(statement.id, actor_id=actors[name]))

    def move_actor(self) -> None:
        statement = self.statement()
        if statement is None:
            return
        store = self.window.store
        actor = store.actor(statement.actor_id)
        sides = {a.name: a.id for a in store.actors() if a.id != actor.id}
        parent = store.actor(actor.parent_id) if actor.parent_id else None
        name = self._ask_item("Side", f"{actor.name} speaks for:",
                              [A_SIDE_OF_ITS_OWN, *sorted(sides, key=str.lower)],
                              parent.name if parent else A_SIDE_OF_ITS_OWN)
        if name is not None and (name == A_SIDE_OF_ITS_OWN or name in sides):
            target = sides.get(name)
            self.run(lambda p: curate.move_actor(p, actor.id, target))

    def _ask_item(self, title: str, label: str, items: list[str], current: str,
                  editable: bool = False) -> str | None:
        index = items.index(current) if current in items else 0
        value, ok = QInputDialog.getItem(self.window, title, label, items, index, editable)
        return value if ok else None


def _new_topic_for(path: Path, statement_id: int, name: str) -> curate.Edit:
    rid, add = curate.new_topic(path, name)
    file = curate.set_statement(statement_id, topic_id=rid)
    return curate.Edit(f"file statement {statement_id} under the new topic {name!r}",
                       add.ops + file.ops)


def curator(window) -> Curator:
    """The window's curator (made on first use)."""
    if getattr(window, "curator_", None) is None:
        window.curator_ = Curator(window)
    return window.curator_


class CurationBar(QToolBar):
    """Buttons under the details for the selected statement's topic, stance, summary,
    speaker and side, and the topics dialog; each triggers the window's action. A narrow
    dock keeps the first ones and folds the rest into the toolbar's » menu."""

    BUTTONS = (("Topic…", "set_topic"), ("Stance…", "set_stance"), ("In short…", "set_summary"),
               ("Speaker…", "set_speaker"), ("Side…", "move_actor"), ("Topics…", "edit_topics"))

    def __init__(self, window, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Edit the statement")
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys are the actions' own
        for text, name in self.BUTTONS:
            action = window.actions_by_name.get(name)
            if action is None:
                continue
            button = self.addAction(text, action.trigger)
            button.setObjectName(f"curate_{name}")
            button.setToolTip(f"{action.statusTip()} ({action.shortcut().toString()})")


def with_curation_bar(details: QWidget, window) -> QWidget:
    """The details pane with the curation buttons under it (for the Details dock)."""
    box = QWidget(window)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(details, 1)
    layout.addWidget(CurationBar(window, box))
    window.store_opened.connect(lambda store: details.show_item(store, details.ref))
    return box


class TopicsDialog(QDialog):
    """The store's topics: rename one, describe it, or merge it into another."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle("Topics")
        self.resize(520, 420)
        self.list = QListWidget(self)
        self.list.setAccessibleName("Topics")
        self.about = QLabel("", self)
        self.about.setWordWrap(True)
        self.about.setTextFormat(Qt.TextFormat.PlainText)
        self.list.currentRowChanged.connect(self._show)
        buttons = QHBoxLayout()
        for text, slot in (("&Rename…", self.rename), ("&Describe…", self.describe),
                           ("&Merge into…", self.merge)):
            button = QPushButton(text, self)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.about)
        layout.addLayout(buttons)
        layout.addWidget(close)
        window.store_opened.connect(self.fill)
        self.fill(window.store)

    def fill(self, store) -> None:
        """List the topics of ``store``, keeping the current one."""
        current = self.topic()
        self.topics = list(store.topics()) if store is not None else []
        self.list.clear()
        for topic in self.topics:
            self.list.addItem(topic.name)
        ids = [t.id for t in self.topics]
        self.list.setCurrentRow(ids.index(current.id) if current and current.id in ids else 0)

    def topic(self):
        row = self.list.currentRow() if hasattr(self, "topics") else -1
        return self.topics[row] if 0 <= row < len(self.topics) else None

    def _show(self, _row: int) -> None:
        topic = self.topic()
        self.about.setText((topic.description or "No description.") if topic else "")

    def rename(self) -> None:
        topic = self.topic()
        if topic is None:
            return
        name, ok = QInputDialog.getText(self, "Rename topic", "New name:", text=topic.name)
        if ok:
            curator(self.window_).run(lambda p: curate.rename_topic(p, topic.id, name))

    def describe(self) -> None:
        topic = self.topic()
        if topic is None:
            return
        text, ok = QInputDialog.getText(self, "Describe topic", f"What “{topic.name}” covers:",
                                        text=topic.description or "")
        if ok:
            curator(self.window_).run(lambda _p: curate.describe_topic(topic.id, text))

    def merge(self) -> None:
        topic = self.topic()
        others = {t.name: t.id for t in self.topics if topic and t.id != topic.id}
        if topic is None or not others:
            return
        name, ok = QInputDialog.getItem(self, "Merge topic", f"File “{topic.name}” under:",
                                        list(others), 0, False)
        if ok and name in others:
            curator(self.window_).run(lambda p: curate.merge_topics(p, topic.id, others[name]))


def open_topics(window) -> None:
    """Edit → Topics…: the dialog to rename, describe and merge the store's topics."""
    if getattr(window, "store", None) is None:
        return
    dialog = TopicsDialog(window)
    dialog.open()
    window.topics_dialog = dialog
