"""The PNG writer of exports: strips of rows in, one PNG out, decoded pixel for pixel."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QImage

from viewer.export.render import _PngWriter


def _noise(width: int, height: int) -> tuple[QImage, np.ndarray]:
    """An RGB32 image of random colours (no two neighbours alike) and its pixels."""
    rng = np.random.default_rng(width * 1000 + height)
    pixels = rng.integers(0, 2**24, size=(height, width), dtype=np.uint32) | 0xFF000000
    image = QImage(pixels.tobytes(), width, height, width * 4, QImage.Format.Format_RGB32)
    return image.copy(), pixels


@pytest.mark.parametrize(
    ("width", "height", "rows"),
    [(7, 10, 3), (5, 9, 1), (33, 64, 20), (1200, 37, 37), (1201, 50, 16)],
)
def test_strips_decode_to_the_pixels_painted(qapp, tmp_path, width, height, rows):
    # Rows of 1 + 3 × width bytes are rarely a multiple of 4; the last strip is shorter.
    image, pixels = _noise(width, height)
    png = _PngWriter(width, height, 3780, rows)
    for top in range(0, height, rows):
        png.add_rows(image.copy(0, top, width, min(rows, height - top)))
    path = tmp_path / "t.png"
    path.write_bytes(png.finish())
    decoded = QImage(str(path))
    assert not decoded.isNull()
    assert decoded.format() == QImage.Format.Format_RGB32  # 8-bit RGB, no alpha
    assert (decoded.width(), decoded.height()) == (width, height)
    assert decoded.dotsPerMeterX() == decoded.dotsPerMeterY() == 3780
    got = np.frombuffer(decoded.constBits(), np.uint32, count=width * height)
    assert np.array_equal(got.reshape(height, width), pixels)
