"""Filters: which sides and actors have lanes, which topics and kinds of item are shown."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from db.api import Store
from db.timeindex import KIND_EVENT, KIND_STATEMENT


class FilterPanel(QWidget):
    """Check boxes for lanes (sides and actors), topics, and item kinds."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lanes = QTreeWidget(self)
        self.lanes.setHeaderHidden(True)
        self.lanes.setAccessibleName("Lanes shown")
        self.topics = QTreeWidget(self)
        self.topics.setHeaderHidden(True)
        self.topics.setAccessibleName("Topics shown")
        self.events = QCheckBox("Events", self)
        self.statements = QCheckBox("Statements", self)
        # short labels: the filter dock's width is the timeline's loss
        self.several_sources = QCheckBox("Several sources", self)
        self.several_sources.setToolTip("Only statements printed by more than one source")
        self.disputed = QCheckBox("Disputed", self)
        self.disputed.setToolTip("Only statements that sources give in differing versions")
        for box in (self.events, self.statements):
            box.setChecked(True)
        for box in (self.events, self.statements, self.several_sources, self.disputed):
            box.toggled.connect(lambda _on: self.changed.emit())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(QLabel("<b>Show</b>"))
        layout.addWidget(self.events)
        layout.addWidget(self.statements)
        layout.addWidget(self.several_sources)
        layout.addWidget(self.disputed)
        layout.addWidget(QLabel("<b>Sides and actors</b>"))
        layout.addWidget(self.lanes, 3)
        layout.addWidget(QLabel("<b>Topics</b>"))
        layout.addWidget(self.topics, 2)
        self.lanes.itemChanged.connect(self._lane_changed)
        self.topics.itemChanged.connect(lambda _i, _c: self.changed.emit())
        self._updating = False

    def set_store(self, store: Store, keep: bool = False) -> None:
        """Fill the lists from a store: everything shown, or (``keep``, after the same store
        was reloaded) what was unchecked stays unchecked and what is new is shown."""
        hidden = self.hidden_actors() if keep else set()
        topics = self._unchecked_topics() if keep else set()
        self._updating = True
        self.lanes.clear()
        self.topics.clear()
        for side in store.sides():
            top = self._item(self.lanes, side.name, side.id, side.id not in hidden)
            for member in store.members(side.id):
                self._item(top, member.name, member.id, member.id not in hidden)
            top.setExpanded(False)
        for topic in store.topics():
            self._item(self.topics, topic.name, topic.id, topic.id not in topics)
        self._item(self.topics, "(no topic)", -1, -1 not in topics)
        self._updating = False

    @staticmethod
    def _item(parent, text: str, key: int, checked: bool = True) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent if isinstance(parent, QTreeWidgetItem) else None, [text])
        if not isinstance(parent, QTreeWidgetItem):
            parent.addTopLevelItem(item)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(0, Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        item.setData(0, Qt.ItemDataRole.UserRole, key)
        return item

    def _unchecked_topics(self) -> set[int]:
        items = (self.topics.topLevelItem(i) for i in range(self.topics.topLevelItemCount()))
        return {
            item.data(0, Qt.ItemDataRole.UserRole)
            for item in items
            if item.checkState(0) != Qt.CheckState.Checked
        }

    def _lane_changed(self, item: QTreeWidgetItem, _column: int) -> None:
        if self._updating:
            return
        self._updating = True
        for i in range(item.childCount()):
            item.child(i).setCheckState(0, item.checkState(0))
        self._updating = False
        self.changed.emit()

    def hidden_actors(self) -> set[int]:
        """Ids of actors whose lanes are unchecked."""
        hidden = set()
        for i in range(self.lanes.topLevelItemCount()):
            top = self.lanes.topLevelItem(i)
            if top.checkState(0) != Qt.CheckState.Checked:
                hidden.add(top.data(0, Qt.ItemDataRole.UserRole))
            for j in range(top.childCount()):
                child = top.child(j)
                if child.checkState(0) != Qt.CheckState.Checked:
                    hidden.add(child.data(0, Qt.ItemDataRole.UserRole))
        return hidden

    def topic_filter(self) -> set[int] | None:
        """Checked topic ids (-1 for statements without a topic), or None when all are."""
        checked, total = set(), self.topics.topLevelItemCount()
        for i in range(total):
            item = self.topics.topLevelItem(i)
            if item.checkState(0) == Qt.CheckState.Checked:
                checked.add(item.data(0, Qt.ItemDataRole.UserRole))
        return None if len(checked) == total else checked

    def corroboration(self) -> tuple[bool, bool]:
        """(only statements with several sources, only disputed versions)."""
        return self.several_sources.isChecked(), self.disputed.isChecked()

    def kinds(self) -> set[int]:
        kinds = set()
        if self.events.isChecked():
            kinds.add(KIND_EVENT)
        if self.statements.isChecked():
            kinds.add(KIND_STATEMENT)
        return kinds
