"""The fast paths for big stores draw what the plain ones drew: density bars of visible
lanes only, PNGs painted in strips (the counts themselves: test_grid)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from PySide6.QtCore import QRect, QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from viewer.export import render as export
from viewer.theme import fixed_theme
from viewer.timeline import painter


def _old_density(p, state, theme):
    """Density bars one by one, a fillRect each: a bar fills the whole pixels of its time
    cell but the last (the gap before the next bar), up from its lane's baseline."""
    rows, buckets, counts = state.frame.density
    peak = float(counts.max())
    lanes = state.layout.lanes
    width = state.frame.bucket_px
    base = float(buckets.min())
    for row, bucket, count in zip(rows.tolist(), buckets.tolist(), counts.tolist(), strict=True):
        lane = lanes[row]
        color = QColor(painter.side_color(state, theme, lane.side_id))
        color.setAlpha(200)
        cell = round(bucket - base)
        first = math.ceil((cell + base) * width - 0.5)  # the first pixel centre inside
        after = math.ceil((cell + 1 + base) * width - 0.5) - 1  # the last one is the gap
        h = max(1, round(max(2.0, (lane.height - 6) * math.sqrt(count / peak))))
        bottom = round(lane.bottom - 3)
        p.fillRect(QRect(first, bottom - h, after - first, h), color)


@pytest.mark.parametrize("scroll_y", [0.0, 333.0])
def test_density_painting_is_pixel_identical(state, monkeypatch, scroll_y):
    theme = fixed_theme("light")

    def render():
        image = QImage(1600, 700, QImage.Format.Format_RGB32)
        p = QPainter(image)
        options = painter.PaintOptions(scroll_y=scroll_y)
        painter.paint_timeline(p, QRectF(0, 0, 1600, 700), state, theme, options)
        p.end()
        return image

    assert state.frame.dense
    new = render()
    monkeypatch.setattr(painter, "paint_density", _old_density)
    assert render() == new


def test_png_in_strips_matches_one_image(state, tmp_path, monkeypatch):
    one, strips = tmp_path / "one.png", tmp_path / "strips.png"
    monkeypatch.setattr(export, "STRIP_ROWS", 100_000)
    monkeypatch.setattr(export, "STRIP_PIXELS", 10**12)
    export.export_timeline(state, one, width=1200, title="Strips")
    monkeypatch.setattr(export, "STRIP_ROWS", 256)
    export.export_timeline(state, strips, width=1200, title="Strips")
    a, b = QImage(str(one)), QImage(str(strips))
    assert not a.isNull() and a.size() == b.size() and a.height() > 3 * 256
    assert round(b.dotsPerMeterX() * 0.0254) == export.DPI
    x = np.frombuffer(a.convertToFormat(QImage.Format.Format_RGB32).constBits(), np.uint8)
    y = np.frombuffer(b.convertToFormat(QImage.Format.Format_RGB32).constBits(), np.uint8)
    # Painting with the strip's offset may round an antialiased edge pixel by one level.
    assert int(np.abs(x.astype(int) - y.astype(int)).max()) <= 1
    assert np.mean(x != y) < 0.001
