"""Helpers shared by the viewer tests (not fixtures)."""

from __future__ import annotations

from PySide6.QtCore import QPoint

from db.dates import parse_date
from viewer.main_window import MainWindow
from viewer.timeline.painter import AXIS_H, LABEL_W
from viewer.timeline.scene import MarkType


def settle(window: MainWindow) -> None:
    """Paint the canvas now, so the frame matches the widget's current width."""
    window.canvas.repaint()


def find_marks(window: MainWindow, kind: int, rid: int) -> list:
    """The single marks (one per lane) of one event or statement in the current frame."""
    index = window.state.store.index
    return [
        m
        for m in window.state.frame.marks
        if m.members is None and int(index.kind[m.item]) == kind and int(index.rid[m.item]) == rid
    ]


def mark_point(window: MainWindow, mark) -> QPoint:
    """Where a mark is drawn (a span: the middle of its visible part; a count: inside its
    pill), in canvas coordinates."""
    y = window.state.layout.sub_center(mark.lane, mark.sub)
    x = mark.x
    if mark.type == MarkType.SPAN:  # the middle of the part on screen
        x = (max(mark.x0, 0) + min(mark.x1, window.state.scale.width)) / 2
    elif mark.type == MarkType.COUNT:
        x = max(mark.x0, 0) + 12
    return QPoint(round(LABEL_W + x), round(AXIS_H + y - window.canvas.scroll_y))


def lane_point(window: MainWindow, row: int, x: float) -> QPoint:
    """A point in the label column (``x`` from the left edge) of lane ``row``."""
    lane = window.state.layout.lanes[row]
    return QPoint(round(x), round(AXIS_H + lane.center - window.canvas.scroll_y))


def seconds(text: str) -> float:
    """Seconds since 1970 of the start of a date."""
    return float(parse_date(text).span_seconds()[0])
