"""The timeline widget: paints through :func:`paint_timeline`, handles mouse and keys.

Pan and zoom change the one :class:`TimeScale`; the frame is recomposed from the index
on the next paint. No Qt object exists per item.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QWheelEvent
from PySide6.QtWidgets import QScrollBar, QSizePolicy, QToolTip, QWidget

from db.dates import When
from viewer.theme import Theme, system_theme
from viewer.timeline.describe import count_tip, describe, item_tip
from viewer.timeline.lanes import LANE_HEIGHT
from viewer.timeline.navigation import Navigator
from viewer.timeline.painter import AXIS_H, LABEL_W, PaintOptions, paint_timeline
from viewer.timeline.scene import Mark, MarkType, mark_near
from viewer.timeline.state import ItemRef, TimelineState

HIT_PX = 10.0
ZOOM_STEP = 1.25


class TimelineCanvas(QWidget):
    """The zoomable lanes. Signals say what happened; slots are the navigation verbs."""

    range_changed = Signal()
    selection_changed = Signal(object)  # ItemRef | None
    lane_activated = Signal(int)  # actor id (Enter on a lane, click on its name)
    cluster_opened = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state: TimelineState | None = None
        self.navigator: Navigator | None = None
        self.description = ""  # the selection's one-line description
        self.theme: Theme = system_theme()
        self.message = "Opening…"
        self.focus_lane = 0
        self.scroll_y = 0.0
        self._hover: ItemRef | None = None
        self._drag_origin: QPointF | None = None
        self._drag_start = 0.0
        self._band: tuple[float, float] | None = None
        self._geometry = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setMinimumSize(480, 220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Timeline")
        self.setAccessibleDescription("Lanes of events and statements; no store open")
        self.vbar = QScrollBar(Qt.Orientation.Vertical, self)
        self.vbar.valueChanged.connect(self._scrolled)
        self._emit_range = QTimer(self, singleShot=True, interval=0)
        self._emit_range.timeout.connect(self.range_changed)

    # -- state ---------------------------------------------------------------------------

    def set_state(self, state: TimelineState | None, message: str = "") -> None:
        """Show a timeline state (None shows ``message`` instead)."""
        self.state = state
        self.navigator = Navigator(state) if state is not None else None
        self.message = message
        self._hover = None
        if state is not None:
            state.set_width(self._time_width())
            self._fit_lanes_to_font()
            self.focus_lane = min(self.focus_lane, max(len(state.layout.lanes) - 1, 0))
        self._update_scrollbar()
        self.changed()

    def changed(self) -> None:
        """Repaint and tell listeners the range may have changed (once per event loop)."""
        self.update()
        self._emit_range.start()

    def _time_width(self) -> float:
        return max(self.width() - LABEL_W - self.vbar.sizeHint().width(), 10)

    def _update_scrollbar(self) -> None:
        bar_w = self.vbar.sizeHint().width()
        self.vbar.setGeometry(
            self.width() - bar_w, int(AXIS_H), bar_w, max(self.height() - int(AXIS_H), 0)
        )
        total = self.state.layout.height if self.state else 0
        page = max(self.height() - AXIS_H, 1)
        self.vbar.setRange(0, max(int(total - page), 0))
        self.vbar.setPageStep(int(page))
        self.vbar.setSingleStep(30)
        self.vbar.setVisible(total > page)

    def _scrolled(self, value: int) -> None:
        self.scroll_y = float(value)
        self.update()

    def relayout(self) -> None:
        """After collapsing, hiding or filtering lanes."""
        if self.state:
            self.state.relayout()
            self.focus_lane = min(self.focus_lane, max(len(self.state.layout.lanes) - 1, 0))
        self._update_scrollbar()
        self.changed()

    # -- painting ------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        rect = QRectF(
            0, 0, self.width() - (self.vbar.width() if self.vbar.isVisible() else 0), self.height()
        )
        if self.state is None:
            p.fillRect(rect, self.theme.background)
            p.setPen(self.theme.muted)
            p.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.message)
            return
        options = PaintOptions(
            scroll_y=self.scroll_y,
            hover=self._hover,
            focus_lane=self.focus_lane,
            has_focus=self.hasFocus(),
        )
        self.state.set_width(rect.width() - LABEL_W)  # the canvas owns the view's width
        height = self.state.layout.height
        self._geometry = paint_timeline(p, rect, self.state, self.theme, options, self.font())
        if self.state.layout.height != height:  # the lanes grew or shrank with the frame
            self._update_scrollbar()
        if self._band is not None:
            a, b = sorted(self._band)
            band = QColor(self.theme.highlight)
            band.setAlpha(50)
            p.fillRect(
                QRectF(a, self._geometry.lanes.top(), b - a, self._geometry.lanes.height()), band
            )
        if self.hasFocus():
            pen = p.pen()
            pen.setColor(self.theme.highlight)
            pen.setWidth(2)
            p.setPen(pen)
            p.drawRect(QRectF(1, 1, rect.width() - 2, rect.height() - 2))

    def resizeEvent(self, event) -> None:
        if self.state is not None:
            self.state.set_width(self._time_width())
        self._update_scrollbar()
        super().resizeEvent(event)
        self.changed()

    def _fit_lanes_to_font(self) -> None:
        """Lanes are tall enough for the system font size (never below the default)."""
        if self.state is None:
            return
        height = max(LANE_HEIGHT, round(self.fontMetrics().lineSpacing() * 1.9))
        if height != self.state.lane_height:
            self.state.lane_height = height
            self.state.relayout()
            self._update_scrollbar()

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.FontChange:
            self._fit_lanes_to_font()
        if event.type() in (event.Type.PaletteChange, event.Type.ApplicationPaletteChange):
            self.theme = system_theme(self.palette())
            self.update()
        super().changeEvent(event)

    # -- hit testing ---------------------------------------------------------------------

    def _lane_row_at(self, y: float) -> int:
        if self.state is None or y < AXIS_H:
            return -1
        return self.state.layout.lane_at(y - AXIS_H + self.scroll_y)

    def mark_at(self, pos: QPointF) -> Mark | None:
        """The mark under a point in widget coordinates (within a few pixels)."""
        if self.state is None or pos.x() < LABEL_W:
            return None
        row = self._lane_row_at(pos.y())
        if row < 0:
            return None
        sub = self.state.layout.sub_at(row, pos.y() - AXIS_H + self.scroll_y)
        found = mark_near(self.state.frame, row, sub, pos.x() - LABEL_W, HIT_PX)
        return None if found is None else self.state.frame.mark(found)

    def item_at(self, pos: QPointF) -> ItemRef | None:
        """The item under a point, or None (counts are not items)."""
        mark = self.mark_at(pos)
        if mark is None or mark.type == MarkType.COUNT:
            return None
        return self.state.ref_of(mark.item)

    # -- mouse ---------------------------------------------------------------------------

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.state is None:
            return
        delta = event.angleDelta()
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier or (
            abs(delta.x()) > abs(delta.y())
        ):
            if abs(delta.x()) > abs(delta.y()):
                self.pan_px(-delta.x() / 2)
            else:
                self.vbar.setValue(self.vbar.value() - delta.y() // 2)
            return
        steps = delta.y() / 120.0
        x = event.position().x() - LABEL_W
        around = self.state.scale.t_of(x) if x >= 0 else None
        self.state.scale.zoom(ZOOM_STEP**steps, around)
        self.changed()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        if self.state is None:
            return
        pos = event.position()
        if pos.x() < LABEL_W:
            row = self._lane_row_at(pos.y())
            if row >= 0:
                self.focus_lane = row
                lane = self.state.layout.lanes[row]
                if lane.is_side and lane.members and pos.x() < 30:
                    self.toggle_collapse(row)
                else:
                    self.lane_activated.emit(lane.actor_id)
                self.update()
            return
        if event.button() == Qt.MouseButton.RightButton or (
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self._band = (pos.x(), pos.x())
        else:
            self._drag_origin = pos
            self._drag_start = self.state.scale.start

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self.state is None:
            return
        pos = event.position()
        if self._band is not None:
            self._band = (self._band[0], max(pos.x(), LABEL_W))
            self.update()
            return
        if self._drag_origin is not None:
            dx = pos.x() - self._drag_origin.x()
            self.state.scale.start = self._drag_start
            self.state.scale.pan_px(-dx)
            dy = pos.y() - self._drag_origin.y()
            if abs(dy) > 12 and self.vbar.isVisible():
                self.vbar.setValue(int(self.vbar.value() - dy / 4))
            self.changed()
            return
        hover = self.item_at(pos)
        if hover != self._hover:
            self._hover = hover
            self.update()
        self._show_tooltip(event, hover)

    def _show_tooltip(self, event: QMouseEvent, hover: ItemRef | None) -> None:
        mark = self.mark_at(event.position())
        if hover is not None:
            tip = item_tip(self.state, hover, mark)
        elif mark is not None and mark.type == MarkType.COUNT:
            tip = count_tip(self.state, mark)
        else:
            QToolTip.hideText()
            return
        QToolTip.showText(event.globalPosition().toPoint(), f"<qt>{tip}</qt>", self)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self.state is None:
            return
        pos = event.position()
        if self._band is not None:
            a, b = sorted(self._band)
            self._band = None
            if b - a > 6:
                scale = self.state.scale
                scale.set_range(scale.t_of(a - LABEL_W), scale.t_of(b - LABEL_W))
            self.changed()
            return
        if self._drag_origin is not None:
            moved = (pos - self._drag_origin).manhattanLength()
            self._drag_origin = None
            if moved < 4:
                self._click(pos)

    def _click(self, pos: QPointF) -> None:
        row = self._lane_row_at(pos.y())
        if row >= 0:
            self.focus_lane = row
        mark = self.mark_at(pos)
        if mark is not None and mark.type == MarkType.COUNT:
            self.open_count(mark)
            return
        self.select(self.item_at(pos))

    def open_count(self, mark: Mark) -> None:
        """A count opens: zoomed to its items when they spread in time, else its lane's
        stack shows every sub-row. The first of its items is selected."""
        rows = mark.members
        index = self.state.store.index
        spread = float(index.t0[rows].max() - index.t0[rows].min())
        if spread * 2 < self.state.scale.span and spread > 0:
            self.zoom_to_rows(rows)
        else:
            self.state.open_stack(self.state.layout.lanes[mark.lane].actor_id)
        self.select(self.state.ref_of(int(rows[0])), follow=False)
        self.cluster_opened.emit()
        self.changed()

    def count_of_selection(self) -> Mark | None:
        """The count mark holding the selected item, if it is summarised in one."""
        ref = self.state.selection if self.state else None
        if ref is None:
            return None
        index, frame = self.state.store.index, self.state.frame
        for i, members in enumerate(frame.members):
            if np.any((index.rid[members] == ref.rid) & (index.kind[members] == ref.kind)):
                return frame.mark(frame.own + i)
        return None

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if self.state is None or event.position().x() < LABEL_W:
            return
        x = event.position().x() - LABEL_W
        self.state.scale.zoom(2.0, self.state.scale.t_of(x))
        self.changed()

    def leaveEvent(self, event) -> None:
        if self._hover is not None:
            self._hover = None
            self.update()

    def focusInEvent(self, event) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event) -> None:
        self.update()
        super().focusOutEvent(event)

    # -- verbs (used by actions, panes and tests) -----------------------------------------

    def select(self, ref: ItemRef | None, follow: bool = True) -> None:
        """Select an item (None clears); the view follows so it is on screen."""
        if self.state is None:
            return
        self.state.selection = ref
        if ref is not None:
            row = self.state.layout.row_of_actor(ref.actor)
            if row >= 0:
                self.focus_lane = row
            item = self.navigator.item_row(ref) if follow else None
            if item is not None:
                self.navigator.show_item(item)
            if row >= 0:
                self._scroll_to_item(row, item)
            _name, self.description = describe(self.state, ref)
        else:
            self.description = ""
        self.setAccessibleDescription(self.description or "No item selected")
        self.selection_changed.emit(ref)
        self.changed()

    def _select_row(self, item: int | None) -> None:
        if item is not None:
            self.select(self.state.ref_of(item))

    def _scroll_to_item(self, row: int, item: int | None) -> None:
        """Scroll so the item's sub-row (else its lane) is in view."""
        lane = self.state.layout.lanes[row]
        top, bottom = lane.top, lane.bottom
        if item is not None:
            frame = self.state.frame  # the lanes take their heights from the new view
            lane = self.state.layout.lanes[row]
            top, bottom = lane.top, lane.bottom
            found = frame.find(item)
            if found is not None and bottom - top > self.height() - AXIS_H:
                y = self.state.layout.sub_center(row, int(frame.subs[found]))
                top, bottom = y - lane.height / 2, y + lane.height / 2
        self._update_scrollbar()
        page = self.height() - AXIS_H
        if top < self.scroll_y:
            self.vbar.setValue(int(top))
        elif bottom > self.scroll_y + page:
            self.vbar.setValue(int(min(bottom - page, top)))

    def step_item(self, direction: int, across: bool = False) -> None:
        """Select the next (+1) or previous (-1) item in time: in the focused lane, or in all."""
        if self.state is not None:
            self._select_row(self.navigator.step(self.focus_lane, direction, across))

    def step_edge(self, last: bool) -> None:
        """Select the first or last item of the focused lane, fully in view."""
        if self.state is not None:
            self._select_row(self.navigator.edge(self.focus_lane, last))

    def step_lane(self, direction: int) -> None:
        """Focus the next (+1) or previous (-1) lane; the selection moves to its nearest item."""
        if self.state is None or not self.state.layout.lanes:
            return
        self.focus_lane = min(max(self.focus_lane + direction, 0), len(self.state.layout.lanes) - 1)
        self._scroll_to_item(self.focus_lane, None)
        item = self.navigator.nearest(self.focus_lane)
        if item is not None:
            self._select_row(item)
        else:
            lane = self.state.layout.lanes[self.focus_lane]
            self.setAccessibleDescription(f"Lane {lane.label}: no items")
            self.changed()

    def pan_px(self, dx: float) -> None:
        if self.state:
            self.state.scale.pan_px(dx)
            self.changed()

    def pan_screens(self, screens: float) -> None:
        """Pan by a fraction of the visible width (1 = one screen)."""
        if self.state:
            self.pan_px(screens * self.state.scale.width)

    def zoom(self, factor: float) -> None:
        """Zoom around the selection when it is on screen, else around the centre."""
        if self.state is None:
            return
        t = self.navigator.anchor()
        scale = self.state.scale
        self.state.scale.zoom(factor, t if scale.start <= t <= scale.end else None)
        self.changed()

    def zoom_to_fit(self) -> None:
        if self.state:
            self.state.fit()
            self.changed()

    def zoom_to_span(self, name: str) -> None:
        """Show one year, month, week or day around the selection, else the busiest stretch."""
        if self.state is not None:
            self.navigator.preset(name)
            self.changed()

    def go_to(self, when: When) -> None:
        """Show the span of a date (a day, a month…), centred, and select the nearest item."""
        if self.state is not None:
            best = self.navigator.go_to(*when.span_seconds(), self.focus_lane)
            if best is not None:
                self.select(self.state.ref_of(best), follow=False)
            self.changed()

    def zoom_to_rows(self, rows: np.ndarray) -> None:
        """Zoom to these index rows (a count opens)."""
        if self.state is not None and len(rows):
            self.navigator.zoom_to_items(rows)
            self.changed()

    def toggle_collapse(self, row: int | None = None) -> None:
        """Collapse or expand the side group of a lane."""
        if self.state is None:
            return
        row = self.focus_lane if row is None else row
        if not 0 <= row < len(self.state.layout.lanes):
            return
        lane = self.state.layout.lanes[row]
        side = lane.side_id
        if side in self.state.collapsed:
            self.state.collapsed.discard(side)
        else:
            self.state.collapsed.add(side)
        self.relayout()
        self.focus_lane = max(self.state.layout.row_of_actor(side), 0)

    def focused_actor(self) -> int | None:
        """The actor of the focused lane."""
        if self.state is None or not self.state.layout.lanes:
            return None
        return self.state.layout.lanes[self.focus_lane].actor_id
