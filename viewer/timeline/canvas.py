"""The timeline widget: paints through :func:`paint_timeline`, handles mouse and keys.

Pan and zoom change the one :class:`TimeScale`; the frame is recomposed from the index
on the next paint. No Qt object exists per item.
"""

from __future__ import annotations

import html

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QWheelEvent
from PySide6.QtWidgets import QScrollBar, QSizePolicy, QToolTip, QWidget

from db.dates import When, from_seconds
from db.errors import StoreError
from db.timeindex import KIND_EVENT
from viewer.theme import Theme, system_theme
from viewer.timeline.lanes import LANE_HEIGHT
from viewer.timeline.painter import AXIS_H, LABEL_W, PaintOptions, paint_timeline
from viewer.timeline.scale import PRESET_SPANS
from viewer.timeline.scene import CLUSTER_PX, KIND_CLUSTER, Mark
from viewer.timeline.state import ItemRef, TimelineState

HIT_PX = 10.0
ZOOM_STEP = 1.25


def describe(state: TimelineState, ref: ItemRef) -> tuple[str, str]:
    """(accessible name, one-line description) of an item: kind, date, actor, text."""
    try:
        return _describe(state, ref)
    except StoreError as error:
        return ref.kind_name.capitalize(), f"cannot be read now: {error.reason}"


def _describe(state: TimelineState, ref: ItemRef) -> tuple[str, str]:
    store = state.store
    actor = store.actor(ref.actor)
    who = actor.name if actor else "Unattributed"
    if ref.kind == KIND_EVENT:
        event = store.event(ref.rid)
        if event is None:
            return "Event", ""
        return f"Event: {event.title}", f"{_date(event.when)} · {who} · {event.title}"
    statement = store.statement(ref.rid)
    if statement is None:
        return "Statement", ""
    speaker = store.actor(statement.actor_id)
    kind = "quoted" if statement.kind == "direct" else "reported"
    name = f"Statement by {speaker.name if speaker else who}"
    text = " ".join(statement.text.split())
    return name, f"{_date(statement.when)} · {name} ({kind}) · {text[:300]}"


def _date(when: When) -> str:
    precision = "" if when.precision in ("day", "minute", "second") else f" ({when.precision})"
    return when.label() + precision


class TimelineCanvas(QWidget):
    """The zoomable lanes. Signals say what happened; slots are the navigation verbs."""

    range_changed = Signal()
    selection_changed = Signal(object)  # ItemRef | None
    lane_activated = Signal(int)  # actor id (Enter on a lane, click on its name)
    cluster_opened = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state: TimelineState | None = None
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
        self._geometry = paint_timeline(p, rect, self.state, self.theme, options, self.font())
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
        x = pos.x() - LABEL_W
        best, best_d = None, HIT_PX
        for mark in self.state.frame.marks:
            if mark.row != row:
                continue
            if mark.is_span and mark.x0 <= x <= mark.x1:
                d = 0.0 if best is None or best.is_span else HIT_PX
            elif mark.kind == KIND_CLUSTER:
                d = 0.0 if mark.x0 - 12 <= x <= mark.x1 + 12 else HIT_PX + 1
            else:
                d = abs(mark.x - x)
            if d < best_d or (d == best_d == 0.0 and not mark.is_span):
                best, best_d = mark, d
        return best

    def item_at(self, pos: QPointF) -> ItemRef | None:
        """The item under a point, or None (clusters are not items)."""
        mark = self.mark_at(pos)
        if mark is None or mark.kind == KIND_CLUSTER:
            return None
        return self.state.ref_of(mark.index)

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
            name, text = describe(self.state, hover)
            tip = f"<b>{html.escape(name)}</b><br>{html.escape(text)}"
        elif mark is not None and mark.kind == KIND_CLUSTER and mark.is_span:
            refs = [self.state.ref_of(int(row)) for row in mark.members[:12]]
            self.state.prefetch_labels((r.kind, r.rid) for r in refs)
            lines = "".join(
                f"<li>{html.escape(self.state.label(r.kind, r.rid)[:110])}</li>" for r in refs
            )
            more = f"<p>… and {mark.count - 12:,} more</p>" if mark.count > 12 else ""
            tip = (
                f"<b>{mark.count:,} items over the same span</b><ul>{lines}</ul>{more}"
                "Click to step through them, or use Left/Right."
            )
        elif mark is not None and mark.kind == KIND_CLUSTER:
            first = from_seconds(float(self.state.store.index.t0[mark.members[0]]))
            last = from_seconds(float(self.state.store.index.t0[mark.members[-1]]))
            tip = html.escape(
                f"{mark.count:,} items, {first:%d %b %Y %H:%M} – {last:%d %b %Y %H:%M}. "
                "Zoom in (wheel or double-click) to split."
            )
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
        if mark is not None and mark.kind == KIND_CLUSTER and mark.is_span:
            self.select(self._next_member(mark), follow=False)
            return
        if mark is not None and mark.kind == KIND_CLUSTER:
            self.zoom_to_rows(mark.members)
            return
        self.select(self.item_at(pos))

    def _next_member(self, mark: Mark) -> ItemRef:
        """Overlapping spans do not split by zooming: each click selects the next one."""
        refs = [self.state.ref_of(int(row)) for row in mark.members]
        current = self.state.selection
        if current in refs:
            return refs[(refs.index(current) + 1) % len(refs)]
        return refs[0]

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
                self._scroll_to_lane(row)
            if follow:
                index_row = self.state.row_of(ref)
                if index_row is not None:
                    index = self.state.store.index
                    self.state.scale.ensure_visible(
                        float(index.t0[index_row]),
                        float(min(index.t1[index_row], index.t0[index_row] + 1)),
                    )
            _name, description = describe(self.state, ref)
            self.setAccessibleDescription(description)
        else:
            self.setAccessibleDescription("No item selected")
        self.selection_changed.emit(ref)
        self.changed()

    def _scroll_to_lane(self, row: int) -> None:
        lane = self.state.layout.lanes[row]
        page = self.height() - AXIS_H
        if lane.top < self.scroll_y:
            self.vbar.setValue(int(lane.top))
        elif lane.bottom > self.scroll_y + page:
            self.vbar.setValue(int(lane.bottom - page))

    def step_item(self, direction: int, across: bool = False) -> None:
        """Select the next (+1) or previous (-1) item in time: in the focused lane, or in all."""
        if self.state is None:
            return
        rows = self.state.visible_rows() if across else self.state.lane_rows(self.focus_lane)
        if not len(rows):
            return
        current = self.state.selection
        current_row = self.state.row_of(current) if current is not None else None
        if current_row is None:
            start = self.state.scale.start if direction > 0 else self.state.scale.end
            t0 = self.state.store.index.t0[rows]
            i = (
                int(np.searchsorted(t0, start))
                if direction > 0
                else int(np.searchsorted(t0, start)) - 1
            )
        else:
            i = int(np.searchsorted(rows, current_row))
            if i < len(rows) and rows[i] == current_row:
                i += direction
            elif direction < 0:
                i -= 1
        i = min(max(i, 0), len(rows) - 1)
        if across and current is not None:
            # An event is one row per lane: its other lanes' copies are not the next item.
            index = self.state.store.index
            while 0 <= i < len(rows) and (
                int(index.kind[rows[i]]) == current.kind and int(index.rid[rows[i]]) == current.rid
            ):
                i += direction
            if not 0 <= i < len(rows):
                return
        self.select(self.state.ref_of(int(rows[i])))

    def step_edge(self, last: bool) -> None:
        """Select the first or last item of the focused lane."""
        if self.state is None:
            return
        rows = self.state.lane_rows(self.focus_lane)
        if len(rows):
            self.select(self.state.ref_of(int(rows[-1] if last else rows[0])))

    def step_lane(self, direction: int) -> None:
        """Focus the next (+1) or previous (-1) lane; the selection moves to its nearest item."""
        if self.state is None or not self.state.layout.lanes:
            return
        self.focus_lane = min(max(self.focus_lane + direction, 0), len(self.state.layout.lanes) - 1)
        self._scroll_to_lane(self.focus_lane)
        rows = self.state.lane_rows(self.focus_lane)
        if len(rows):
            center = self.state.scale.start + self.state.scale.span / 2
            if self.state.selection is not None:
                row = self.state.row_of(self.state.selection)
                if row is not None:
                    center = float(self.state.store.index.t0[row])
            t0 = self.state.store.index.t0[rows]
            i = int(np.clip(np.searchsorted(t0, center), 0, len(rows) - 1))
            if i > 0 and abs(t0[i - 1] - center) <= abs(t0[i] - center):
                i -= 1
            self.select(self.state.ref_of(int(rows[i])))
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
        around = None
        if self.state.selection is not None:
            row = self.state.row_of(self.state.selection)
            if row is not None:
                t = float(self.state.store.index.t0[row])
                if self.state.scale.start <= t <= self.state.scale.end:
                    around = t
        self.state.scale.zoom(factor, around)
        self.changed()

    def zoom_to_fit(self) -> None:
        if self.state:
            self.state.fit()
            self.changed()

    def zoom_to_span(self, name: str) -> None:
        """Show one year, month, week or day around the selection (or the centre)."""
        if self.state is None:
            return
        scale = self.state.scale
        center = scale.start + scale.span / 2
        if self.state.selection is not None:
            row = self.state.row_of(self.state.selection)
            if row is not None:
                center = float(self.state.store.index.t0[row])
        span = PRESET_SPANS[name]
        scale.set_range(center - span / 2, center + span / 2)
        self.changed()

    def go_to(self, when: When) -> None:
        """Show the span of a date (a day, a month…), centred, and select the nearest item."""
        if self.state is None:
            return
        t0, t1 = when.span_seconds()
        span = max(t1 - t0, 3600) * 3
        middle = (t0 + t1) / 2
        scale = self.state.scale
        scale.set_range(middle - span / 2, middle + span / 2)
        rows = self.state.visible_rows()
        if len(rows):
            index = self.state.store.index
            mids = (index.t0[rows] + index.t1[rows]) / 2
            distance = np.abs(mids - middle)
            elsewhere = self.state.layout.rows_for(index.actor[rows]) != self.focus_lane
            best = int(rows[np.lexsort((elsewhere, distance))[0]])
            if scale.start <= index.t0[best] <= scale.end:
                self.select(self.state.ref_of(best), follow=False)
        self.changed()

    def zoom_to_rows(self, rows: np.ndarray) -> None:
        """Zoom so that these index rows spread out (a cluster opens)."""
        if self.state is None or not len(rows):
            return
        index = self.state.store.index
        scale = self.state.scale
        t0, t1 = float(index.t0[rows].min()), float(index.t0[rows].max())
        span = max(t1 - t0, 600.0) * 1.6
        # Close enough that the usual gap between the items is wider than a cluster, and
        # at least twice closer than now: every click on a cluster makes progress.
        mids = np.sort((index.t0[rows] + index.t1[rows]) / 2)
        gaps = np.diff(mids)
        gaps = gaps[gaps > 0]
        if len(gaps):
            span = min(span, float(np.median(gaps)) / (CLUSTER_PX + 2) * scale.width)
        span = min(span, scale.span / 2)
        middle = (t0 + t1) / 2
        scale.set_range(middle - span / 2, middle + span / 2)
        self.cluster_opened.emit()
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
