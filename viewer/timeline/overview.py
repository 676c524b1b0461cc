"""The overview strip: the whole store's extent as a density histogram, and the visible
window as a box you can drag or click to move."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from viewer.theme import system_theme
from viewer.timeline.painter import LABEL_W
from viewer.timeline.state import TimelineState


class OverviewStrip(QWidget):
    """Shows where the visible window lies in the whole store."""

    window_moved = Signal(float)  # the new centre, seconds since 1970

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state: TimelineState | None = None
        self._extent: tuple[float, float] | None = None
        self._hist: np.ndarray | None = None
        self._hist_key: tuple | None = None
        self._dragging = False
        self.setFixedHeight(56)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Overview")
        self.setAccessibleDescription(
            "The whole store; the box is the visible window. Left and Right move it."
        )

    def set_state(self, state: TimelineState | None) -> None:
        self.state = state
        self._hist_key = None
        self.update()

    def _area(self) -> QRectF:
        return QRectF(LABEL_W, 4, max(self.width() - LABEL_W - 8, 10), self.height() - 8)

    def _range(self) -> tuple[float, float]:
        extent = self.state.store.extent() if self.state else None
        if extent is None:
            return 0.0, 1.0
        start, end = extent
        margin = max((end - start) * 0.04, 3600)
        return start - margin, end + margin

    def _histogram(self, bins: int) -> np.ndarray:
        key = (id(self.state.store.index), bins, self._range())
        if self._hist_key != key:
            lo, hi = self._range()
            self._hist = np.histogram(self.state.store.index.t0, bins=bins, range=(lo, hi))[0]
            self._hist_key = key
        return self._hist

    def paintEvent(self, event) -> None:
        theme = system_theme(self.palette())
        p = QPainter(self)
        p.fillRect(self.rect(), theme.header)
        p.setPen(theme.muted)
        p.drawText(
            QRectF(12, 0, LABEL_W - 16, self.height()), Qt.AlignmentFlag.AlignVCenter, "Overview"
        )
        if self.state is None:
            return
        area = self._area()
        p.fillRect(area, theme.background)
        bins = max(int(area.width() / 2), 1)
        hist = self._histogram(bins)
        peak = float(hist.max()) if len(hist) and hist.max() > 0 else 1.0
        bar = QColor(theme.text)
        bar.setAlpha(110)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(bar)
        for i in np.flatnonzero(hist).tolist():
            h = max(1.5, (area.height() - 2) * np.sqrt(hist[i] / peak))
            p.drawRect(QRectF(area.left() + i * 2, area.bottom() - h, 1.6, h))
        lo, hi = self._range()
        scale = self.state.scale
        x0 = area.left() + (scale.start - lo) / (hi - lo) * area.width()
        x1 = area.left() + (scale.end - lo) / (hi - lo) * area.width()
        x0, x1 = max(x0, area.left() - 2), min(x1, area.right() + 2)
        if x1 - x0 < 4:
            x0, x1 = (x0 + x1) / 2 - 2, (x0 + x1) / 2 + 2
        box = QColor(theme.highlight)
        box.setAlpha(50)
        p.setBrush(box)
        p.setPen(QPen(theme.highlight, 2 if self.hasFocus() else 1.2))
        p.drawRect(QRectF(x0, area.top(), x1 - x0, area.height()))

    def _move_to(self, x: float) -> None:
        area = self._area()
        lo, hi = self._range()
        fraction = min(max((x - area.left()) / area.width(), 0.0), 1.0)
        self.window_moved.emit(lo + fraction * (hi - lo))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.state is not None and event.button() == Qt.MouseButton.LeftButton:
            self._dragging = True
            self._move_to(event.position().x())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._dragging:
            self._move_to(event.position().x())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._dragging = False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.state is None or event.key() not in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            super().keyPressEvent(event)
            return
        scale = self.state.scale
        step = scale.span * (0.5 if event.key() == Qt.Key.Key_Right else -0.5)
        self.window_moved.emit(scale.start + scale.span / 2 + step)

    def focusInEvent(self, event) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event) -> None:
        self.update()
        super().focusOutEvent(event)
