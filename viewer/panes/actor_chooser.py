"""The actor chooser: every actor, sides first, filtered as you type (View → Actors)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt
from PySide6.QtGui import (
    QFont,
    QKeyEvent,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from db.api import Store
from db.model import Actor
from viewer.text import esc


class _FilterBox(QLineEdit):
    """The filter line: Up and Down move in the list below while typing."""

    def __init__(self, chooser: ActorChooser) -> None:
        super().__init__(chooser)
        self.chooser = chooser

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
            self.chooser.step(event.key())
            return
        super().keyPressEvent(event)


@dataclass(frozen=True, slots=True)
class _Row:
    actor_id: int
    text: str
    words: str
    tip: str
    is_side: bool


class ActorListModel(QAbstractListModel):
    """Actors, each side followed by the actors under it; filtered by words typed."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.all_rows: list[_Row] = []
        for side in store.sides():
            for actor in (side, *store.members(side.id)):
                self.all_rows.append(_actor_row(store, actor, side))
        self.rows = list(self.all_rows)

    def set_filter(self, text: str) -> None:
        words = text.casefold().split()
        self.beginResetModel()
        self.rows = [r for r in self.all_rows if all(w in r.words for w in words)]
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.rows)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return row.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.tip
        if role == Qt.ItemDataRole.UserRole:
            return row.actor_id
        if role == Qt.ItemDataRole.FontRole and row.is_side:
            return _BOLD
        return None


_BOLD = QFont()
_BOLD.setBold(True)


def _actor_row(store: Store, actor: Actor, side: Actor) -> _Row:
    if actor.is_side:
        text = actor.name
    else:
        depth = 1
        parent = store.actor(actor.parent_id) if actor.parent_id is not None else None
        while parent is not None and not parent.is_side and depth < 6:
            depth += 1
            parent = store.actor(parent.parent_id) if parent.parent_id is not None else None
        text = "    " * depth + f"{actor.name} — {side.name}"
    words = " ".join((actor.name, *actor.aliases, side.name, actor.title or "")).casefold()
    return _Row(actor.id, text, words, esc(actor.title or actor.kind), actor.is_side)


class ActorChooser(QDialog):
    """A filterable list of actors: each side followed by the actors under it."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Actors")
        self.setObjectName("actor_chooser")
        self.store = store
        self.filter = _FilterBox(self)
        self.filter.setPlaceholderText("Type to filter by name, alias or side")
        self.filter.setAccessibleName("Filter actors")
        self.filter.setClearButtonEnabled(True)
        self.model = ActorListModel(store, self)
        self.list = QListView(self)
        self.list.setModel(self.model)
        self.list.setAccessibleName("Actors")
        self.list.setUniformItemSizes(True)
        self.count = QLabel("", self)
        label = QLabel("&Find", self)
        label.setBuddy(self.filter)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.filter, 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._accept_current)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.count)
        layout.addWidget(buttons)
        self.filter.textChanged.connect(self.apply_filter)
        self.filter.returnPressed.connect(self._accept_current)
        self.list.activated.connect(lambda _index: self._accept_current())
        self.resize(420, 520)
        self.filter.setFocus()
        self.apply_filter("")

    def apply_filter(self, text: str) -> None:
        """Show only actors whose name, aliases, title or side contain every word typed."""
        current = self.chosen_id()
        self.model.set_filter(text)
        ids = [r.actor_id for r in self.model.rows]
        at = ids.index(current) if current in ids else 0
        if ids:
            self.list.setCurrentIndex(self.model.index(at, 0))
        self.count.setText(f"{len(ids)} of {len(self.model.all_rows)} actors")

    def shown_texts(self) -> list[str]:
        """The rows shown, as they read."""
        return [r.text for r in self.model.rows]

    def step(self, key: int) -> None:
        """Move the current row (from the filter box)."""
        count = len(self.model.rows)
        if not count:
            return
        at = self.list.currentIndex().row()
        jump = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 10}.get(key, -10)
        at = min(max(at + jump, 0), count - 1)
        self.list.setCurrentIndex(self.model.index(at, 0))

    def chosen_id(self) -> int | None:
        """The actor of the current row."""
        index = self.list.currentIndex() if hasattr(self, "list") else QModelIndex()
        if not index.isValid() or index.row() >= len(self.model.rows):
            return None
        return self.model.rows[index.row()].actor_id

    def _accept_current(self) -> None:
        if self.chosen_id() is not None:
            self.accept()


def choose_actor(window: QWidget, store: Store) -> int | None:
    """Ask for an actor (filter by typing, Enter or double-click chooses); None on cancel."""
    chooser = ActorChooser(store, window)
    if chooser.exec() == QDialog.DialogCode.Accepted:
        return chooser.chosen_id()
    return None
