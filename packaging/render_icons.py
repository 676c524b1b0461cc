"""Render Parley's hand-written SVG icons to the PNG sizes of the hicolor theme.

Run after editing an SVG under ``resources/icons/hicolor/scalable/``; the PNGs are committed::

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/render_icons.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[0] / "resources" / "icons" / "hicolor"
APP_ID = "io.github.parley.Parley"
APP_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
MIME_SIZES = (16, 22, 24, 32, 48, 64, 128, 256)
# (context, icon name, sizes)
ICONS = (
    ("apps", APP_ID, APP_SIZES),
    ("mimetypes", "application-x-parley", MIME_SIZES),
)
# Small sizes drawn pixel by pixel: size -> (source, size it is drawn at, offset). The 22 px
# icon is the 24 px drawing without its empty 1 px margin.
HINTED = {
    (APP_ID, 16): (HERE / "icons" / f"{APP_ID}-16.svg", 16, 0),
    (APP_ID, 22): (HERE / "icons" / f"{APP_ID}-24.svg", 24, -1),
    (APP_ID, 24): (HERE / "icons" / f"{APP_ID}-24.svg", 24, 0),
    ("application-x-parley", 16): (HERE / "icons" / "application-x-parley-16.svg", 16, 0),
}


def render(svg: Path, size: int, out: Path, drawn: int | None = None, offset: int = 0) -> None:
    """Draw ``svg`` into a transparent ``size``×``size`` PNG at ``out``.

    ``drawn`` and ``offset`` place the drawing (default: filling the image).
    """
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    drawn = drawn or size
    renderer.render(painter, QRectF(offset, offset, drawn, drawn))
    painter.end()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not image.convertToFormat(QImage.Format.Format_ARGB32).save(str(out), "PNG"):
        raise SystemExit(f"cannot write {out}")


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    for context, name, sizes in ICONS:
        svg = ROOT / "scalable" / context / f"{name}.svg"
        for size in sizes:
            out = ROOT / f"{size}x{size}" / context / f"{name}.png"
            source, drawn, offset = HINTED.get((name, size), (svg, size, 0))
            render(source, size, out, drawn, offset)
            print(out.relative_to(ROOT.parents[2]))
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
