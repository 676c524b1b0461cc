"""A statement's corroboration signs: its source count and a disputed version's diamond."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen

from viewer.theme import Theme

GLYPH = 11.0
#: The sign of a disputed statement (one with another version): unlike any side or stance.
VARIANT_COLOR = QColor("#c2410c")


def paint_corroboration(
    p: QPainter, center: QPointF, sources: int, variant: bool, theme: Theme, font: QFont,
    inline: bool = False,
) -> float:
    """A statement's corroboration: how many sources printed it (a count from 2, in a
    pill) and a disputed version (an open diamond). Beside a glyph at ``center`` (upper
    and lower right), or ``inline`` from ``center`` rightwards; returns the width used."""
    x = center.x() if inline else center.x() + GLYPH * 0.45
    height = GLYPH * 1.2
    if sources > 1:
        text = str(sources) if sources < 100 else "99+"
        width = max(QFontMetricsF(font).horizontalAdvance(text) + 6, height)
        top = center.y() - height / 2 if inline else center.y() - GLYPH * 1.3
        box = QRectF(x, top, width, height)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(theme.text)
        p.drawRoundedRect(box, height / 2, height / 2)
        p.setFont(font)
        p.setPen(theme.background)
        p.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
        x += width + 3 if inline else 0
    if variant:
        r = GLYPH * 0.45
        c = QPointF(x + r, center.y()) if inline else QPointF(
            center.x() + GLYPH * 0.8, center.y() + GLYPH * 0.6
        )
        diamond = QPainterPath(QPointF(c.x(), c.y() - r))
        for point in (QPointF(c.x() + r, c.y()), QPointF(c.x(), c.y() + r),
                      QPointF(c.x() - r, c.y())):
            diamond.lineTo(point)
        diamond.closeSubpath()
        p.setBrush(theme.background)
        p.setPen(QPen(VARIANT_COLOR.lighter(140) if theme.dark else VARIANT_COLOR, 1.8))
        p.drawPath(diamond)
        x += 2 * r + 3 if inline else 0
    return x - center.x() if inline else 0.0

