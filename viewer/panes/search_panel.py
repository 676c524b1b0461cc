"""Search: a box (Ctrl+F) and the list of matches; F3 / Shift+F3 step through them."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from db.api import Store
from db.dates import from_seconds
from db.errors import StoreError
from db.model import Hit


class SearchPanel(QWidget):
    """Full-text search over the store; emits the hit to show."""

    hit_chosen = Signal(object)  # Hit
    results_changed = Signal(list)  # list[Hit]

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store: Store | None = None
        self.hits: list[Hit] = []
        self.current = -1
        self.box = QLineEdit(self)
        self.box.setPlaceholderText("Search statements and events…")
        self.box.setClearButtonEnabled(True)
        self.box.setAccessibleName("Search")
        self.count = QLabel("", self)
        self.count.setAccessibleName("Search results count")
        self.results = QListWidget(self)
        self.results.setAccessibleName("Search results")
        self.results.setUniformItemSizes(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.box)
        layout.addWidget(self.count)
        layout.addWidget(self.results)
        self._debounce = QTimer(self, singleShot=True, interval=250)
        self._debounce.timeout.connect(self.run)
        self.box.textChanged.connect(lambda _text: self._debounce.start())
        self.box.returnPressed.connect(self._enter)
        self.results.itemActivated.connect(self._activated)
        self.results.currentRowChanged.connect(self._row_changed)

    def set_store(self, store: Store | None) -> None:
        self.store = store
        if self.box.text():
            self.run()

    def run(self) -> None:
        """Search for the box's text now."""
        self._debounce.stop()
        text = self.box.text().strip()
        try:
            self.hits = self.store.search(text) if (self.store and text) else []
        except StoreError as error:
            self.hits = []
            self.count.setText(f"Search is not possible now: {error}")
            self.results.clear()
            self.results_changed.emit(self.hits)
            return
        self.current = -1
        self.results.blockSignals(True)
        self.results.clear()
        for hit in self.hits:
            when = from_seconds(hit.start)
            actor = self.store.actor(hit.actor_id) if hit.actor_id is not None else None
            who = f"{actor.name}: " if actor else ""
            snippet = " ".join(hit.snippet.split())
            item = QListWidgetItem(f"{when:%d %b %Y}  {who}{snippet}")
            item.setData(Qt.ItemDataRole.UserRole, hit)
            item.setToolTip("")
            self.results.addItem(item)
        self.results.blockSignals(False)
        if text:
            shown = "500+" if len(self.hits) >= 500 else str(len(self.hits))
            self.count.setText(
                f"{shown} matches for “{text}”" if self.hits else f"No matches for “{text}”"
            )
        else:
            self.count.setText("")
        self.results_changed.emit(self.hits)

    def _enter(self) -> None:
        if self._debounce.isActive() or not self.hits:
            self.run()
        self.step(1)

    def step(self, direction: int) -> None:
        """Jump to the next (+1) or previous (-1) match, wrapping around."""
        if not self.hits:
            return
        row = (self.current + direction) % len(self.hits)
        if row == self.results.currentRow():
            # The same row again (a single match): show it anyway, no row change signal.
            self.current = row
            self.hit_chosen.emit(self.hits[row])
        else:
            self.results.setCurrentRow(row)

    def _row_changed(self, row: int) -> None:
        if 0 <= row < len(self.hits):
            self.current = row
            self.hit_chosen.emit(self.hits[row])

    def _activated(self, item: QListWidgetItem) -> None:
        self.hit_chosen.emit(item.data(Qt.ItemDataRole.UserRole))
