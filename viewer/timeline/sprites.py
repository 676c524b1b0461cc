"""Drawings made once and stamped: small images of what a frame draws many times over.

Stroking and filling an antialiased path costs tens of microseconds, and Qt's raster
engine fills tall antialiased shapes one scanline at a time; a frame of a sparse view
draws hundreds of the same few glyphs (a stance's shape in its colour, an event's
diamond in its side's colour), dashed links hundreds of pixels long, brackets and count
pills. On a raster device with no scaling (the window, a PNG strip) each is drawn once
per quarter-pixel offset into a small image and then copied at whole device pixels, so
it looks as drawn in place. Vector devices (SVG, PDF) and scaled painters get the paths
themselves (:func:`stamper` gives None).
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPaintEngine, QPainter, QTransform

#: Sub-pixel offsets per device pixel a stamp is drawn at (4: within 1/8 px of exact).
PHASES = 4
#: Stamps kept before starting afresh (a few shapes × colours × phases × resolutions).
KEEP = 4096
_STAMPS: dict[tuple, QImage] = {}

#: ``draw(painter, at)`` paints a stamp's drawing with its anchor at ``at``.
Draw = Callable[[QPainter, QPointF], None]


class Stamper:
    """Copies drawings onto one raster painter at whole device pixels (see the module)."""

    def __init__(self, p: QPainter) -> None:
        transform = p.worldTransform()
        self.p = p
        self.dpr = p.device().devicePixelRatioF()
        self.dx, self.dy = transform.dx(), transform.dy()

    def __call__(self, at: QPointF, key: tuple, box: QRectF, draw: Draw,
                 below: float | None = None) -> None:
        """Copy the drawing ``key`` (anything hashable naming what ``draw`` paints inside
        ``box``, a rectangle around the anchor ``at``), drawing it the first time; only
        down to ``below`` px under the anchor, when given."""
        dpr = self.dpr
        x, y = (at.x() + self.dx) * dpr, (at.y() + self.dy) * dpr
        ix, iy = math.floor(x), math.floor(y)
        fx, fy = round((x - ix) * PHASES), round((y - iy) * PHASES)
        left, top = math.ceil(-box.left() * dpr) + 1, math.ceil(-box.top() * dpr) + 1
        full = (key, dpr, left, top, box.right(), box.bottom(), fx, fy)
        image = _STAMPS.get(full)
        if image is None:
            width = left + math.ceil(box.right() * dpr) + 2
            rows = top + math.ceil(box.bottom() * dpr) + 2
            anchor = QPointF((left + fx / PHASES) / dpr, (top + fy / PHASES) / dpr)
            image = _STAMPS[full] = _draw_stamp(width, rows, dpr, anchor, draw)
        corner = QPointF((ix - left) / dpr - self.dx, (iy - top) / dpr - self.dy)
        if below is None:
            self.p.drawImage(corner, image)
        else:
            rows = min(top + math.ceil(fy / PHASES + below * dpr), image.height())
            width = image.width()
            self.p.drawImage(QRectF(corner.x(), corner.y(), width / dpr, rows / dpr), image,
                             QRectF(0, 0, width, rows))


def stamper(p: QPainter) -> Stamper | None:
    """A stamper for ``p``, or None where ``p`` does not paint whole device pixels
    unscaled (SVG, PDF, zoomed)."""
    if p.paintEngine().type() != QPaintEngine.Type.Raster:
        return None
    if p.worldTransform().type().value > QTransform.TransformationType.TxTranslate.value:
        return None
    return Stamper(p)


def _draw_stamp(width: int, height: int, dpr: float, anchor: QPointF, draw: Draw) -> QImage:
    if len(_STAMPS) > KEEP:
        _STAMPS.clear()
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(dpr)
    image.fill(QColor(Qt.GlobalColor.transparent))
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        draw(painter, anchor)
    finally:
        painter.end()
    return image
