"""Painting the arrows of one frame: a curve from the answer to the answered item.

The line says the kind as well as the colour (solid, dashed, dotted, dash-dot; see
``theme.RELATION_STYLE``); the head sits at the answered end. An end outside the view
stops at the edge with a label naming the other item's lane and date.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPen, QPolygonF

from viewer.theme import RELATION_STYLE, Theme
from viewer.timeline.arrows import Arrow

MARK_GAP = 7.0  # the curve starts and stops this far from a mark's centre
HEAD = 7.0
SEGMENTS = 16  # straight pieces per curve
_LINES = {
    "solid": Qt.PenStyle.SolidLine,
    "dash": Qt.PenStyle.DashLine,
    "dot": Qt.PenStyle.DotLine,
    "dashdot": Qt.PenStyle.DashDotLine,
}


def paint_arrows(p: QPainter, arrows: Sequence[Arrow], theme: Theme,
                 away_label: Callable[[int], str], font: QFont) -> None:
    """Draw ``arrows``; ``away_label(row)`` names an off-screen item (lane · date)."""
    if not arrows:
        return
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    p.setFont(font)
    labelled: set[int] = set()  # one label per off-screen item, however many arrows
    for arrow in arrows:
        color = theme.relation_color(arrow.kind)
        path, tip, angle = _curve(arrow)
        p.setPen(_pen(arrow.kind, color))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(path)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QBrush(color))
        p.drawPolygon(_head(tip, angle))
        if arrow.away >= 0 and arrow.away not in labelled:
            labelled.add(arrow.away)
            _label(p, arrow, away_label(arrow.away), color, theme)
    p.restore()


def _pen(kind: str, color: QColor) -> QPen:
    """The line of a kind: its colour, width and dash."""
    pen = QPen(color, 1.6 if kind != "variant_of" else 1.2)
    pen.setStyle(_LINES[RELATION_STYLE.get(kind, RELATION_STYLE["responds_to"])[1]])
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    return pen


def _curve(arrow: Arrow) -> tuple[QPainterPath, QPointF, float]:
    """A quadratic curve bowed to the right, shortened at both marks."""
    x0, y0, x1, y1 = arrow.x0, arrow.y0, arrow.x1, arrow.y1
    length = math.hypot(x1 - x0, y1 - y0) or 1.0
    ux, uy = (x1 - x0) / length, (y1 - y0) / length
    bow = min(48.0, 10.0 + 0.2 * length)
    if uy < 0:  # bowed rightwards, into the view (marks of whole days sit at its left edge)
        bow = -bow
    cx, cy = (x0 + x1) / 2 + uy * bow, (y0 + y1) / 2 - ux * bow
    gap0 = MARK_GAP if arrow.away != arrow.src else 0.0
    gap1 = MARK_GAP if arrow.away != arrow.dst else 0.0
    start = _towards(x0, y0, cx, cy, gap0)
    end = _towards(x1, y1, cx, cy, gap1)
    # Flattened here, not by Qt: the same pixels in the window and in an export's strips.
    path = QPainterPath(start)
    for i in range(1, SEGMENTS + 1):
        t = i / SEGMENTS
        a, b, c = (1 - t) ** 2, 2 * t * (1 - t), t * t
        path.lineTo(a * start.x() + b * cx + c * end.x(), a * start.y() + b * cy + c * end.y())
    return path, end, math.atan2(end.y() - cy, end.x() - cx)


def _towards(x: float, y: float, cx: float, cy: float, gap: float) -> QPointF:
    d = math.hypot(cx - x, cy - y) or 1.0
    step = min(gap, d / 2)
    return QPointF(x + (cx - x) / d * step, y + (cy - y) / d * step)


def _head(tip: QPointF, angle: float) -> QPolygonF:
    left = angle + math.radians(150)
    right = angle - math.radians(150)
    return QPolygonF([
        tip,
        QPointF(tip.x() + HEAD * math.cos(left), tip.y() + HEAD * math.sin(left)),
        QPointF(tip.x() + HEAD * math.cos(right), tip.y() + HEAD * math.sin(right)),
    ])


def _label(p: QPainter, arrow: Arrow, text: str, color, theme: Theme) -> None:
    """The off-screen end's name beside the view's edge, on its lane."""
    at_dst = arrow.away == arrow.dst
    x, y = (arrow.x1, arrow.y1) if at_dst else (arrow.x0, arrow.y0)
    other = arrow.x0 if at_dst else arrow.x1
    metrics = p.fontMetrics()
    width = metrics.horizontalAdvance(text) + 8
    left = x - width - 4 if x > other else x + 4  # towards the view's inside
    box = QRectF(left, y - metrics.height() - 4, width, metrics.height() + 2)
    p.setPen(Qt.PenStyle.NoPen)
    background = QColor(theme.background)
    background.setAlpha(220)
    p.setBrush(background)
    p.drawRoundedRect(box, 3, 3)
    p.setPen(color)
    p.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
