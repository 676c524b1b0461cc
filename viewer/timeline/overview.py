"""The overview strip: the whole store's extent as a density histogram, and the visible
window as a box you can drag or click to move.

Long empty stretches are cut out of its axis and drawn as breaks (see overview_scale), so
a store with one item years away from the rest still shows its busy stretch wide.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QHelpEvent, QKeyEvent, QMouseEvent, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from db.dates import from_seconds
from viewer.theme import Theme, system_theme
from viewer.timeline.overview_scale import Break, OverviewScale, overview_scale
from viewer.timeline.painter import LABEL_W
from viewer.timeline.state import TimelineState

YEAR = 365.25 * 86400.0


class OverviewStrip(QWidget):
    """Shows where the visible window lies in the whole store."""

    window_moved = Signal(float)  # the new centre, seconds since 1970

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state: TimelineState | None = None
        self._extent: tuple[float, float] | None = None
        self._hist: np.ndarray | None = None
        self._hist_key: tuple | None = None
        self._scale: OverviewScale | None = None
        self._scale_key: tuple | None = None
        self._t1_sorted: np.ndarray | None = None
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
        self._hist_key = self._scale_key = None
        self.update()

    def _area(self) -> QRectF:
        return QRectF(LABEL_W, 4, max(self.width() - LABEL_W - 8, 10), self.height() - 8)

    def scale(self) -> OverviewScale:
        """The strip's axis for the current store and width (cut where items are far apart)."""
        width = self._area().width()
        key = (id(self.state.store.index), width)
        if self._scale_key != key:
            index = self.state.store.index
            self._scale = overview_scale(index.t0, index.t1, width)
            if self._scale_key is None or self._scale_key[0] != key[0]:
                self._t1_sorted = np.sort(index.t1)  # once per store
            self._scale_key = key
            self._hist_key = None
        return self._scale

    def _histogram(self, bins: int) -> np.ndarray:
        scale = self.scale()
        key = (id(self.state.store.index), bins, self._scale_key)
        if self._hist_key != key:
            # Items under each 2 px column: begun before its right edge, not ended by its
            # left one (a day-precision statement fills its day).
            edges = scale.t_of(np.linspace(0.0, bins * 2.0, bins + 1))
            begun = np.searchsorted(self.state.store.index.t0, edges[1:], side="left")
            ended = np.searchsorted(self._t1_sorted, edges[:-1], side="right")
            self._hist = begun - ended
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
        for cut in self.scale().breaks:
            _paint_break(p, area, cut, theme, self.font())
        self._paint_window(p, area, theme)

    def _paint_window(self, p: QPainter, area: QRectF, theme: Theme) -> None:
        scale, view = self.scale(), self.state.scale
        x0 = area.left() + float(scale.x_of(view.start))
        x1 = area.left() + float(scale.x_of(view.end))
        if x1 - x0 < 4:
            x0, x1 = (x0 + x1) / 2 - 2, (x0 + x1) / 2 + 2
        box = QColor(theme.highlight)
        box.setAlpha(50)
        p.setBrush(box)
        p.setPen(QPen(theme.highlight, 2 if self.hasFocus() else 1.2))
        p.drawRect(QRectF(x0, area.top(), x1 - x0, area.height()))

    def break_at(self, x: float) -> Break | None:
        """The cut-out stretch drawn at widget x, if any."""
        if self.state is None:
            return None
        left = self._area().left()
        return next((b for b in self.scale().breaks if b.x0 <= x - left <= b.x1), None)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            cut = self.break_at(event.pos().x())
            if cut is not None:
                QToolTip.showText(event.globalPos(), break_text(cut), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def _move_to(self, x: float) -> None:
        area = self._area()
        x = min(max(x - area.left(), 0.0), area.width())
        self.window_moved.emit(float(self.scale().t_of(x)))

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


def gap_length(seconds: float) -> str:
    """A gap's length in a few characters: 8y, 5mo, 33d, 20h."""
    for unit, size in (("y", YEAR), ("mo", YEAR / 12), ("d", 86400.0)):
        if seconds >= 2 * size or (unit == "d" and seconds >= size):
            return f"{seconds / size:.0f}{unit}"
    return f"{seconds / 3600:.0f}h"


def break_text(cut: Break) -> str:
    """What a break stands for, for its tooltip."""
    a, b = from_seconds(cut.t0), from_seconds(cut.t1)
    return f"No items for {gap_length(cut.t1 - cut.t0)}: {a:%d %b %Y} – {b:%d %b %Y}"


def _paint_break(p: QPainter, area: QRectF, cut: Break, theme: Theme, base: QFont) -> None:
    """A cut in the axis: the strip's header colour, two slanted strokes, the gap's length."""
    rect = QRectF(area.left() + cut.x0, area.top(), cut.x1 - cut.x0, area.height())
    p.fillRect(rect, theme.header)
    p.setPen(QPen(theme.muted, 1.2))
    middle = rect.center().x()
    for dx in (-3.0, 3.0):
        p.drawLine(
            QPointF(middle + dx - 3, rect.bottom() - 2), QPointF(middle + dx + 3, rect.top() + 16)
        )
    font = QFont(base)
    font.setPointSizeF(max(font.pointSizeF() * 0.75, 6.0))
    p.setFont(font)
    p.drawText(
        QRectF(rect.left() - 6, rect.top(), rect.width() + 12, 14),
        Qt.AlignmentFlag.AlignCenter,
        gap_length(cut.t1 - cut.t0),
    )
