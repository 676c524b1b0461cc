"""Search: a box (Ctrl+F) and the list of matches; F3 / Shift+F3 step through them.

Each result shows the matched words highlighted. Store text is plain text: it is escaped
before the highlight is added, so it is never read as markup.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from db.api import Store
from db.dates import from_seconds
from db.errors import StoreError
from db.model import MATCH_END, MATCH_START, Hit
from viewer.text import esc

#: The item data role holding a result's HTML (its display role is the plain text).
HTML_ROLE = Qt.ItemDataRole.UserRole + 1
MATCH_STYLE = "background-color:#ffd23f; color:#1d1d1f; font-weight:600"
PAD = 3.0


def plain(snippet: str) -> str:
    """A snippet without its match marks."""
    return snippet.replace(MATCH_START, "").replace(MATCH_END, "")


def highlighted(snippet: str) -> str:
    """A snippet as HTML: the text escaped, each matched word highlighted."""
    parts = []
    for i, part in enumerate(snippet.split(MATCH_START)):
        matched, _mark, rest = part.rpartition(MATCH_END) if i else ("", "", part)
        if matched:
            parts.append(f'<span style="{MATCH_STYLE}">{esc(matched)}</span>')
        parts.append(esc(rest))
    return "".join(parts)


class MatchDelegate(QStyledItemDelegate):
    """Paints a result's HTML over the usual item look, wrapped to the list's width."""

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex) -> QTextDocument:
        doc = QTextDocument()
        doc.setDocumentMargin(PAD)
        doc.setDefaultFont(option.font)
        doc.setHtml(index.data(HTML_ROLE) or esc(index.data()))
        width = option.widget.viewport().width() if option.widget else option.rect.width()
        doc.setTextWidth(max(width, 80))
        return doc

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        doc = self._document(option, index)
        return QSize(int(doc.idealWidth()), int(doc.size().height()))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        view = QStyleOptionViewItem(option)
        self.initStyleOption(view, index)
        view.text = ""
        style = view.widget.style() if view.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, view, painter, view.widget)
        doc = self._document(view, index)
        selected = bool(view.state & QStyle.StateFlag.State_Selected)
        context = QAbstractTextDocumentLayout.PaintContext()
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, view.palette.color(role))
        painter.save()
        painter.translate(QPointF(view.rect.topLeft()))
        painter.setClipRect(QRectF(0, 0, view.rect.width(), view.rect.height()))
        doc.documentLayout().draw(painter, context)
        painter.restore()


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
        self.results.setItemDelegate(MatchDelegate(self.results))
        self.results.setWordWrap(True)
        self.results.setResizeMode(QListWidget.ResizeMode.Adjust)  # re-wrap on resize
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
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
            item = QListWidgetItem(f"{when:%d %b %Y}  {who}{plain(snippet)}")
            item.setData(Qt.ItemDataRole.UserRole, hit)
            heading = f"{when:%d %b %Y}" + (f" · {esc(actor.name)}" if actor else "")
            item.setData(HTML_ROLE, f"<small>{heading}</small><br>{highlighted(snippet)}")
            item.setToolTip(f"<p>{esc(item.text())}</p>")  # the whole line, as plain text
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
