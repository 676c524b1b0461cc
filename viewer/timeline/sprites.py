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


#: What a drawing may cover around its anchor, in px: (left, top, right, bottom), the
#: first two negative (see :func:`around`).
Box = tuple[float, float, float, float]


def around(reach: float) -> Box:
    """The box of a drawing reaching at most ``reach`` px from its anchor."""
    return (-reach, -reach, reach, reach)


class Stamper:
    """Copies drawings onto one raster painter at whole device pixels (see the module)."""

    def __init__(self, p: QPainter) -> None:
        transform = p.worldTransform()
        self.p = p
        self.dpr = p.device().devicePixelRatioF()
        self.dx, self.dy = transform.dx(), transform.dy()
        # Whole pixels everywhere: corners are ints (QPainter's int overload is quicker).
        self.whole = self.dpr == 1 and self.dx % 1 == 0 and self.dy % 1 == 0
        self.pads: dict[Box, tuple[int, int]] = {}

    def __call__(self, x: float, y: float, key: tuple, box: Box, draw: Draw,
                 below: float | None = None) -> None:
        """Copy the drawing ``key`` (anything hashable naming what ``draw`` paints inside
        ``box`` around its anchor, here at ``(x, y)``), drawing it the first time; only
        down to ``below`` px under the anchor, when given."""
        dpr = self.dpr
        x, y = (x + self.dx) * dpr, (y + self.dy) * dpr
        ix, iy = math.floor(x), math.floor(y)
        fx, fy = round((x - ix) * PHASES), round((y - iy) * PHASES)
        pads = self.pads.get(box)
        if pads is None:
            pads = self.pads[box] = (math.ceil(-box[0] * dpr) + 1, math.ceil(-box[1] * dpr) + 1)
        left, top = pads
        full = (key, dpr, box, fx, fy)
        image = _STAMPS.get(full)
        if image is None:
            image = _STAMPS[full] = self._draw(box, pads, fx, fy, draw)
        if below is not None:
            rows = min(top + math.ceil(fy / PHASES + below * dpr), image.height())
            width = image.width()
            self.p.drawImage(QRectF((ix - left) / dpr - self.dx, (iy - top) / dpr - self.dy,
                                    width / dpr, rows / dpr), image, QRectF(0, 0, width, rows))
        elif self.whole:
            self.p.drawImage(int(ix - left - self.dx), int(iy - top - self.dy), image)
        else:
            self.p.drawImage(QPointF((ix - left) / dpr - self.dx, (iy - top) / dpr - self.dy),
                             image)

    def _draw(self, box: Box, pads: tuple[int, int], fx: int, fy: int, draw: Draw) -> QImage:
        """A new stamp: ``draw`` at the sub-pixel phase ``(fx, fy)``."""
        dpr = self.dpr
        left, top = pads
        if len(_STAMPS) > KEEP:
            _STAMPS.clear()
        image = QImage(left + math.ceil(box[2] * dpr) + 2, top + math.ceil(box[3] * dpr) + 2,
                       QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(dpr)
        image.fill(QColor(Qt.GlobalColor.transparent))
        painter = QPainter(image)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            draw(painter, QPointF((left + fx / PHASES) / dpr, (top + fy / PHASES) / dpr))
        finally:
            painter.end()
        return image


def stamper(p: QPainter) -> Stamper | None:
    """A stamper for ``p``, or None where ``p`` does not paint whole device pixels
    unscaled (SVG, PDF, zoomed)."""
    if p.paintEngine().type() != QPaintEngine.Type.Raster:
        return None
    if p.worldTransform().type().value > QTransform.TransformationType.TxTranslate.value:
        return None
    return Stamper(p)
