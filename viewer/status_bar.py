"""The status bar: the selected item (elided to its room) and the visible range."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QLabel, QMainWindow, QProgressBar, QSizePolicy, QWidget


class ElidedLabel(QLabel):
    """A one-line plain-text label that ends with "…" when its room is short, instead of
    asking for its whole text's width (which pushed it under its neighbours)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)  # store text, never markup
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def minimumSizeHint(self) -> QSize:
        return QSize(0, super().minimumSizeHint().height())

    def shown_text(self) -> str:
        """The text as painted: whole, or cut at the right with "…"."""
        width = self.contentsRect().width()
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, width)

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        align = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
        painter.drawText(self.contentsRect(), align, self.shown_text())


def build_status(window: QMainWindow) -> tuple[ElidedLabel, QLabel, QProgressBar]:
    """The selection label (stretching, elided), the range label and the busy bar."""
    status = ElidedLabel(window)
    status.setAccessibleName("Selected item")
    range_label = QLabel("", window)
    range_label.setTextFormat(Qt.TextFormat.PlainText)
    range_label.setContentsMargins(12, 0, 4, 0)  # never flush against the selection
    progress = QProgressBar(window)
    progress.setRange(0, 0)
    progress.setMaximumWidth(140)
    progress.hide()
    bar = window.statusBar()
    bar.addWidget(status, 1)
    bar.addPermanentWidget(range_label)
    bar.addPermanentWidget(progress)
    return status, range_label, progress
