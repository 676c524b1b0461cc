"""Glyphs drawn once and stamped: small images of a mark's glyph for raster devices.

Stroking and filling an antialiased path costs tens of microseconds; a frame of a
sparse view draws hundreds of the same few glyphs (a stance's shape in its colour, an
event's diamond in its side's colour). On a raster device with no scaling (the window,
a PNG strip) each glyph is drawn once per quarter-pixel offset into a small image and
then copied at whole device pixels, so it looks as drawn in place. Vector devices (SVG,
PDF) and scaled painters get the paths themselves (:func:`glyph_stamper` gives None).
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPaintEngine, QPainter, QTransform

#: Sub-pixel offsets per device pixel a stamp is drawn at (4: within 1/8 px of exact).
PHASES = 4
#: Stamps kept before starting afresh (a few shapes × colours × phases × resolutions).
KEEP = 4096
_STAMPS: dict[tuple, QImage] = {}

#: ``stamp(center, key, draw)``: copy the glyph ``key`` (anything hashable naming what
#: ``draw(painter, center)`` paints) centred at ``center``, drawing it the first time.
Stamper = Callable[[QPointF, tuple, Callable[[QPainter, QPointF], None]], None]


def glyph_stamper(p: QPainter, reach: float) -> Stamper | None:
    """A stamper for ``p`` (glyphs reaching at most ``reach`` px from their centre), or
    None where ``p`` does not paint whole device pixels unscaled (SVG, PDF, zoomed)."""
    if p.paintEngine().type() != QPaintEngine.Type.Raster:
        return None
    transform = p.worldTransform()
    if transform.type().value > QTransform.TransformationType.TxTranslate.value:
        return None
    dpr = p.device().devicePixelRatioF()
    dx, dy = transform.dx(), transform.dy()
    half = math.ceil((reach + 1) * dpr) + 1  # the stamp's centre, in device pixels
    size = 2 * half + 1

    def stamp(center: QPointF, key: tuple, draw: Callable[[QPainter, QPointF], None]) -> None:
        x, y = (center.x() + dx) * dpr, (center.y() + dy) * dpr
        ix, iy = math.floor(x), math.floor(y)
        fx, fy = round((x - ix) * PHASES), round((y - iy) * PHASES)
        full = (key, dpr, size, fx, fy)
        image = _STAMPS.get(full)
        if image is None:
            image = _STAMPS[full] = _draw_stamp(size, dpr, (half + fx / PHASES) / dpr,
                                                (half + fy / PHASES) / dpr, draw)
        p.drawImage(QPointF((ix - half) / dpr - dx, (iy - half) / dpr - dy), image)

    return stamp


def _draw_stamp(size: int, dpr: float, cx: float, cy: float, draw) -> QImage:
    if len(_STAMPS) > KEEP:
        _STAMPS.clear()
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(dpr)
    image.fill(QColor(Qt.GlobalColor.transparent))
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        draw(painter, QPointF(cx, cy))
    finally:
        painter.end()
    return image
