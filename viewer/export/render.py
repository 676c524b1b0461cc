"""Export the timeline as PNG, SVG or PDF through the one painting routine.

Export draws a *copy* of the window's view (range, collapsed and hidden lanes, kind and
topic filters), so the window's own scale never moves. PNG is a raster image at a width
in pixels; SVG and PDF keep text as text. A PDF has one page per screenful of lanes
(broken between lanes), each with the title, axis and legend. No widgets: the command
line export runs with ``QGuiApplication`` on the offscreen platform.
"""

from __future__ import annotations

import os
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from isal import isal_zlib
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPoint, QRect, QRectF, QSize
from PySide6.QtGui import QFont, QGuiApplication, QImage, QPainter

from db.errors import ParleyError
from viewer.export.target import check_writable, export_format
from viewer.theme import fixed_theme
from viewer.timeline.painter import (
    LABEL_W,
    PaintOptions,
    chrome_height,
    export_height,
    paint_timeline,
)
from viewer.timeline.scene import MAX_CAP, STACK_CAP
from viewer.timeline.state import TimelineState

MIN_WIDTH = int(LABEL_W) + 300
MAX_SIDE = 20000
MAX_PIXELS = 64_000_000  # what Qt itself will read back (256 MB as an image)
DPI = 96
FONT_PX = 13  # about 10 pt at 96 dpi
#: Page sizes and orientations of a PDF: names of QPageSize.PageSizeId and
#: QPageLayout.Orientation (looked up only for a PDF: making the Python enums of those
#: classes costs a PNG export some 10 ms).
PAGE_SIZES = ("A4", "A3", "Letter")
ORIENTATIONS = ("landscape", "portrait")
PAGE_MARGIN_MM = 10.0

#: ``progress(done, total)``; return False to cancel the export.
Progress = Callable[[int, int], "bool | None"]


class ExportCancelled(ParleyError):
    """The user cancelled an export; nothing was written."""


@dataclass
class Exported:
    """What an export wrote: the file, its format, its size in px and its page count."""

    path: Path
    format: str
    width: int
    height: int
    pages: int = 1

    def describe(self) -> str:
        if self.format == "pdf":
            pages = f"{self.pages} page" + ("" if self.pages == 1 else "s")
            return f"wrote {self.path} ({pages})"
        return f"wrote {self.path} ({self.width}×{self.height} px)"


def export_font() -> QFont:
    """The application's font family at a size that reads well in print and on screen."""
    font = QFont(QGuiApplication.font())
    font.setPixelSize(FONT_PX)
    return font


def export_state(state: TimelineState, start: float | None = None, end: float | None = None):
    """A copy of ``state``'s view (range, lanes, filters) that export may change freely;
    its lanes take every sub-row they need (up to MAX_CAP), so each item is its own mark."""
    copy = TimelineState(state.store, state.scale.width)
    copy.cap = MAX_CAP
    copy.collapsed = set(state.collapsed)
    copy.hidden = set(state.hidden)
    copy.kinds = set(state.kinds)
    copy.topics = None if state.topics is None else set(state.topics)
    copy.relayout()
    copy.update_mask()
    copy._labels.update(state._labels)
    copy.scale.start, copy.scale.span = state.scale.start, state.scale.span
    if start is not None or end is not None:
        copy.scale.set_range(
            state.scale.start if start is None else start,
            state.scale.end if end is None else end,
        )
    return copy


def fit_stacks(state: TimelineState, options: PaintOptions, limit: float) -> float:
    """Cap the lanes' sub-rows so the image is at most ``limit`` px tall where it can be
    (what no longer fits is counted, and the footer says so); return the height."""
    options.footer = summary_note(state)
    height = export_height(state, options)
    while height > limit and state.cap is not None and state.cap > STACK_CAP:
        state.cap = max(state.cap // 2, STACK_CAP)
        options.footer = summary_note(state)
        height = export_height(state, options)
    return height


def summary_note(state: TimelineState) -> str | None:
    """The footer of an export that could not show every item as its own mark."""
    frame = state.frame
    if not frame.summarised:
        return None
    how = "density bars" if frame.dense else "counts"
    return (
        f"{frame.summarised:,} of {frame.visible:,} items in this range are summarised as "
        f"{how}: export a shorter range to see each one."
    )


def _write(path: Path, data: QByteArray | bytes) -> None:
    try:
        with path.open("wb") as handle:
            handle.write(data.data() if isinstance(data, QByteArray) else data)
    except OSError as error:
        raise ParleyError(path, f"cannot be written ({error.strerror or error})") from None


def _tick(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None and progress(done, total) is False:
        raise ExportCancelled(None, "export cancelled")


def export_timeline(state: TimelineState, path: str | os.PathLike[str], **options) -> Path:
    """Write the timeline to ``path`` (.png, .svg or .pdf); return the path written.

    Options are those of :func:`export_file`: ``width``; ``start``/``end`` (seconds since
    1970, default ``state``'s visible range); ``title``, ``legend``, ``axis``,
    ``theme_name``; for PDF ``page_size`` (A4, A3, Letter) and ``orientation`` (landscape
    by default, as many pages as the lanes need); ``progress``.
    """
    return export_file(state, path, **options).path


def export_file(
    state: TimelineState,
    path: str | os.PathLike[str],
    *,
    width: int = 2400,
    start: float | None = None,
    end: float | None = None,
    title: str | None = None,
    legend: bool = True,
    axis: bool = True,
    theme_name: str = "light",
    page_size: str | None = None,
    orientation: str | None = None,
    progress: Progress | None = None,
) -> Exported:
    """Write the timeline to ``path``; return what was written (size, pages).

    PNG and SVG show every lane at ``width`` px; PDF pages break between lanes."""
    path = Path(path)
    kind = export_format(path)
    check_writable(path)
    if start is not None and end is not None and end <= start:
        raise ParleyError(path, "the range ends before it starts")
    try:
        theme = fixed_theme(theme_name)
    except KeyError:
        raise ParleyError(path, f"unknown theme {theme_name!r}") from None
    options = PaintOptions(title=title or None, legend=legend, axis=axis)
    copy = export_state(state, start, end)
    font = export_font()
    _tick(progress, 0, 3)
    if kind == "pdf":
        return _export_pdf(copy, path, options, theme, font, page_size, orientation, progress)
    width = int(width)
    if width < MIN_WIDTH or width > MAX_SIDE:
        raise ParleyError(path, f"width {width} px is out of range ({MIN_WIDTH} to {MAX_SIDE})")
    copy.set_width(width - LABEL_W)
    height = round(fit_stacks(copy, options, MAX_SIDE))
    if height > MAX_SIDE:
        raise ParleyError(
            path,
            f"would be {height} px tall (at most {MAX_SIDE}): "
            "collapse or hide lanes, or export a PDF (several pages)",
        )
    if kind == "png" and width * height > MAX_PIXELS:
        raise ParleyError(
            path,
            f"{width}×{height} px is too large for a PNG (at most {MAX_PIXELS:,} pixels): "
            "export narrower or as SVG or PDF",
        )
    rect = QRectF(0, 0, width, height)
    if kind == "png":
        data = _render_png(copy, rect, options, theme, font, path, progress)
    else:
        data = _render_svg(copy, rect, options, theme, font, title, progress)
    _tick(progress, 2, 3)
    _write(path, data)
    _tick(progress, 3, 3)
    return Exported(path, kind, width, height)


#: A PNG is painted in strips of at most this many pixels (16 MB) and rows, compressed as
#: it goes, so memory holds one strip, not the whole image; each strip paints the axis
#: and lane names again, so strips are as tall as that allows (1,048 rows at 4000 px wide,
#: 3,495 at 1200).
STRIP_PIXELS = 4 * 1024 * 1024
STRIP_ROWS = 8192
#: ISA-L's deflate level: 1 compresses ten times faster than zlib's level 3, to a file
#: a few per cent smaller (a whole-store export: 12 ms instead of 90 for 39 MB of pixels).
PNG_LEVEL = 1


def _render_png(state, rect, options, theme, font, path, progress) -> bytes:
    width, height = int(rect.width()), int(rect.height())
    rows = max(min(STRIP_ROWS, STRIP_PIXELS // width, height), 1)
    strip = QImage(width, rows, QImage.Format.Format_RGB32)
    if strip.isNull():
        raise ParleyError(path, f"not enough memory for a {width}×{rows} px image")
    dots_per_meter = round(DPI / 0.0254)
    png = _PngWriter(width, height, dots_per_meter, rows)
    for top in range(0, height, rows):
        if top + rows > height:  # the last strip: only what is left
            rows = height - top
            strip = QImage(width, rows, QImage.Format.Format_RGB32)
        strip.setDevicePixelRatio(1.0)
        painter = QPainter(strip)
        try:
            painter.translate(0, -top)
            painter.setClipRect(QRectF(0, top, width, rows))  # paint only this strip's rows
            paint_timeline(painter, rect, state, theme, options, font)
        finally:
            painter.end()
        png.add_rows(strip)
    _tick(progress, 1, 3)
    return png.finish()


class _PngWriter:
    """A PNG (8-bit RGB, no filter) written from strips of rows: Qt cannot stream a PNG,
    and the whole store exported is far larger as pixels than as PNG."""

    def __init__(self, width: int, height: int, dots_per_meter: int, rows: int) -> None:
        self.width = width
        self.parts = [b"\x89PNG\r\n\x1a\n"]
        self._chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        self._chunk(b"pHYs", struct.pack(">IIB", dots_per_meter, dots_per_meter, 1))
        self.zip = isal_zlib.compressobj(PNG_LEVEL)
        # The scanlines of a strip: filter byte 0 (none) in column 0, then RGB. One row
        # more than a strip: Qt's view of the rows (below) ends a byte past the last one.
        self._scanlines = np.zeros((rows + 1, 1 + width * 3), np.uint8)

    def _chunk(self, kind: bytes, data: bytes) -> None:
        crc = zlib.crc32(data, zlib.crc32(kind))
        self.parts.append(struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc))

    def add_rows(self, image: QImage) -> None:
        """Compress the rows of ``image`` (RGB32, ``width`` wide, at most ``rows`` tall):
        Qt converts them straight into the scanlines, past each one's filter byte."""
        n = image.height()
        scanlines = self._scanlines[:n]
        stride = scanlines.shape[1]
        rgb = QImage(self._scanlines.reshape(-1)[1:], self.width, n, stride,
                     QImage.Format.Format_RGB888)
        painter = QPainter(rgb)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
        painter.drawImage(QPoint(0, 0), image)
        painter.end()
        self._idat(self.zip.compress(scanlines))

    def _idat(self, data: bytes) -> None:
        if data:
            self._chunk(b"IDAT", data)

    def finish(self) -> bytes:
        self._idat(self.zip.flush())
        self._chunk(b"IEND", b"")
        return b"".join(self.parts)


def _render_svg(state, rect, options, theme, font, title, progress) -> QByteArray:
    from PySide6.QtSvg import QSvgGenerator  # only SVG needs the module

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    size = QSize(int(rect.width()), int(rect.height()))
    generator.setSize(size)
    generator.setViewBox(QRect(0, 0, size.width(), size.height()))
    generator.setResolution(DPI)
    generator.setTitle(title or state.store.title)
    generator.setDescription(f"Parley timeline of {state.store.title}")
    painter = QPainter(generator)
    try:
        paint_timeline(painter, rect, state, theme, options, font)
    finally:
        painter.end()
    buffer.close()
    _tick(progress, 1, 3)
    return data


def page_breaks(state: TimelineState, room: float) -> list[tuple[float, float]]:
    """Split the lanes into pages of at most ``room`` px, breaking between lanes, and
    between the sub-rows of a lane taller than a page."""
    pages: list[tuple[float, float]] = []
    top = bottom = 0.0
    layout = state.layout
    for row, lane in enumerate(layout.lanes):
        cuts = [float(lane.bottom)]
        if lane.height > room:  # a tall stack: its sub-rows' edges are break points too
            half = layout.sub_height / 2
            depth = int(layout.depths[row])
            cuts = [layout.sub_center(row, sub) + half for sub in range(depth)][:-1] + cuts
        for cut in cuts:
            if cut - top > room and bottom > top:
                pages.append((top, bottom))
                top = bottom
            bottom = cut
    pages.append((top, bottom))
    return pages


def _export_pdf(state, path, options, theme, font, page_size, orientation, progress) -> Exported:
    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter

    size_name = page_size or "A4"
    if size_name not in PAGE_SIZES:
        raise ParleyError(path, f"unknown page size {size_name!r} (use A4, A3 or Letter)")
    turn = (orientation or "landscape").lower()
    if turn not in ORIENTATIONS:
        raise ParleyError(path, f"unknown orientation {orientation!r} (landscape or portrait)")
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(DPI)
    writer.setCreator("Parley")
    writer.setTitle(options.title or state.store.title)
    margin = PAGE_MARGIN_MM
    writer.setPageLayout(
        QPageLayout(
            QPageSize(getattr(QPageSize.PageSizeId, size_name)),
            getattr(QPageLayout.Orientation, turn.capitalize()),
            QMarginsF(margin, margin, margin, margin),
            QPageLayout.Unit.Millimeter,
        )
    )
    page_w, page_h = float(writer.width()), float(writer.height())
    state.set_width(page_w - LABEL_W)
    options.footer = summary_note(state)
    chrome = chrome_height(options)
    export_height(state, options)  # the lanes take the heights of their sub-rows
    pages = page_breaks(state, max(page_h - chrome, 40.0))
    painter = QPainter(writer)
    try:
        for number, (top, bottom) in enumerate(pages):
            if number:
                writer.newPage()
            title = options.title
            if title and len(pages) > 1:
                title = f"{title} ({number + 1}/{len(pages)})"
            page_options = PaintOptions(
                title=title, legend=options.legend, axis=options.axis, scroll_y=top,
                footer=options.footer,
            )
            rect = QRectF(0, 0, page_w, min(chrome + bottom - top, page_h))
            paint_timeline(painter, rect, state, theme, page_options, font)
            _tick(progress, number + 1, len(pages) + 1)
    finally:
        painter.end()
    buffer.close()
    _write(path, data)
    return Exported(path, "pdf", int(page_w), int(page_h), len(pages))
