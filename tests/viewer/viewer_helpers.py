"""Helpers shared by the viewer tests (not fixtures)."""

from __future__ import annotations

from PySide6.QtCore import QPoint

from db.dates import parse_date
from viewer.main_window import MainWindow
from viewer.timeline.painter import AXIS_H, LABEL_W


def settle(window: MainWindow) -> None:
    """Paint the canvas now, so the frame matches the widget's current width."""
    window.canvas.repaint()


def find_marks(window: MainWindow, kind: int, rid: int) -> list:
    """The single marks (one per lane) of one event or statement in the current frame."""
    index = window.state.store.index
    return [
        m
        for m in window.state.frame.marks
        if m.members is None and int(index.kind[m.index]) == kind and int(index.rid[m.index]) == rid
    ]


def mark_point(window: MainWindow, mark) -> QPoint:
    """Where a mark is drawn (a span: the middle of its visible part), in canvas coordinates."""
    lane = window.state.layout.lanes[mark.row]
    x = mark.x
    if mark.is_span:  # the middle of the part on screen
        x = (max(mark.x0, 0) + min(mark.x1, window.state.scale.width)) / 2
    return QPoint(round(LABEL_W + x), round(AXIS_H + lane.center - window.canvas.scroll_y))


def lane_point(window: MainWindow, row: int, x: float) -> QPoint:
    """A point in the label column (``x`` from the left edge) of lane ``row``."""
    lane = window.state.layout.lanes[row]
    return QPoint(round(x), round(AXIS_H + lane.center - window.canvas.scroll_y))


def seconds(text: str) -> float:
    """Seconds since 1970 of the start of a date."""
    return float(parse_date(text).span_seconds()[0])
