"""Painting the arrows of one frame: who answered whom.

The arrows go under the marks (:func:`paint_arrows`, before the marks are painted), so
a label crossed by one stays readable; the names of their ends off screen go over them
(:func:`paint_away_labels`, after). Each kind is one stroke and one fill, whatever the
number of its arrows, with a thin solid line: a kind differs from the others by its
colour and by the marker at its middle (``theme.RELATION_STYLE``: none, dot, bar, cross,
ring), never by a dash, which is slow and drawn differently in a window and in an
export's strips. A window and an export draw the same pixels.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from itertools import groupby

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen

from viewer.theme import RELATION_STYLE, Theme
from viewer.timeline.arrows import Arrow

HEAD = 7.0  # the head's length
HEAD_HALF = 3.5  # half its width
MARK = 4.0  # a marker's half size
LINE_WIDTH = 1.2
LABEL_ROOM = 30.0  # a label of an end off screen reaches this far above it


def paint_arrows(p: QPainter, arrows: Sequence[Arrow], theme: Theme) -> None:
    """Draw the lines, heads and markers of ``arrows`` (in lane coordinates)."""
    if not arrows:
        return
    top, bottom = _clip_rows(p)
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    p.setBrush(Qt.BrushStyle.NoBrush)
    for kind, group in groupby(arrows, key=lambda a: a.kind):  # arrows come by kind
        color = theme.relation_color(kind)
        marker = RELATION_STYLE.get(kind, RELATION_STYLE["responds_to"])[1]
        lines, fills = QPainterPath(), QPainterPath()
        for arrow in group:
            x0, y0, ax, ay, bx, by, x1, y1 = arrow.curve
            if min(y0, ay, by, y1) > bottom or max(y0, ay, by, y1) < top:
                continue  # wholly above or below the clip (its hull holds the curve)
            lines.moveTo(x0, y0)
            lines.cubicTo(ax, ay, bx, by, x1, y1)
            _head(fills, x1, y1, *arrow.tip)
            _marker(lines, fills, marker, *arrow.middle)
        # Wider than one pixel, so filled as an outline: a cosmetic hairline is 3-6× faster,
        # but it is cut where an export's strip ends, and drawn differently there.
        p.strokePath(lines, QPen(color, LINE_WIDTH))
        p.fillPath(fills, color)
    p.restore()


def _clip_rows(p: QPainter) -> tuple[float, float]:
    """The top and bottom of the painter's clip (a window's lanes, an export's strip or
    page), with room for a head or a marker; everything when it does not clip."""
    if not p.hasClipping():
        return -math.inf, math.inf
    clip = p.clipBoundingRect()
    return clip.top() - HEAD, clip.bottom() + HEAD


def _head(path: QPainterPath, x: float, y: float, ux: float, uy: float) -> None:
    """A filled head whose tip is at (x, y), pointing along (ux, uy)."""
    bx, by = x - ux * HEAD, y - uy * HEAD
    path.moveTo(x, y)
    path.lineTo(bx - uy * HEAD_HALF, by + ux * HEAD_HALF)
    path.lineTo(bx + uy * HEAD_HALF, by - ux * HEAD_HALF)
    path.closeSubpath()


def _marker(lines: QPainterPath, fills: QPainterPath, marker: str,
            x: float, y: float, ux: float, uy: float) -> None:
    """A kind's sign at the curve's middle (x, y), whose tangent is (ux, uy)."""
    if marker == "dot":
        fills.addEllipse(QPointF(x, y), MARK * 0.7, MARK * 0.7)
    elif marker == "ring":
        lines.addEllipse(QPointF(x, y), MARK * 0.8, MARK * 0.8)
    elif marker == "bar":  # across the line
        lines.moveTo(x - uy * MARK, y + ux * MARK)
        lines.lineTo(x + uy * MARK, y - ux * MARK)
    elif marker == "cross":  # two strokes at 45° to the line
        for sx, sy in ((ux - uy, uy + ux), (ux + uy, uy - ux)):
            lines.moveTo(x - sx * MARK * 0.75, y - sy * MARK * 0.75)
            lines.lineTo(x + sx * MARK * 0.75, y + sy * MARK * 0.75)


def paint_away_labels(p: QPainter, arrows: Sequence[Arrow], theme: Theme,
                      away_label: Callable[[int], str], font: QFont) -> None:
    """Name each end off screen (``away_label(row)``: lane · date) beside the view's edge.
    Ends at one point share a label (the first, with "+n" for the others); the labels'
    boxes are one fill."""
    top, bottom = _clip_rows(p)
    top -= LABEL_ROOM
    points: dict[tuple[int, int], list[Arrow]] = {}
    for arrow in arrows:
        if arrow.away >= 0:
            x, y = (arrow.x1, arrow.y1) if arrow.away == arrow.dst else (arrow.x0, arrow.y0)
            if top <= y <= bottom:  # its label is inside the clip
                points.setdefault((round(x), round(y)), []).append(arrow)
    if not points:
        return
    p.save()
    p.setFont(font)
    metrics = QFontMetricsF(font)
    height, ascent = metrics.height(), metrics.ascent()
    boxes, texts = QPainterPath(), []
    for (x, y), group in points.items():
        first = group[0]
        rows = list(dict.fromkeys(a.away for a in group))
        text = away_label(rows[0]) + (f"  +{len(rows) - 1}" if len(rows) > 1 else "")
        other = first.x0 if first.away == first.dst else first.x1
        width = metrics.horizontalAdvance(text) + 8
        left = x - width - 4 if x > other else x + 4  # towards the view's inside
        boxes.addRoundedRect(QRectF(left, y - height - 4, width, height + 2), 3, 3)
        texts.append((QPointF(left + 4, y - height - 3 + ascent), text,
                      theme.relation_color(first.kind)))
    background = QColor(theme.background)
    background.setAlpha(225)
    p.fillPath(boxes, background)
    for at, text, color in texts:
        p.setPen(color)
        p.drawText(at, text)
    p.restore()
