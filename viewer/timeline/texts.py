"""Texts laid out once and drawn many times: widths, cut labels and static texts per font.

A frame draws the same lane names, axis labels and item labels as the frame before it
(a pan moves them, it does not change them), so their measuring, cutting and shaping is
kept per font across frames instead of being redone on every paint.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPaintDevice, QPainter, QStaticText

from viewer.timeline.labels import cut_label

#: Entries kept per font and kind (widths, cuts, static texts) before starting afresh.
KEEP = 20_000
#: Cut labels are kept per room in steps of this many px (a label's room changes with
#: every pixel of a pan; its cut only at word boundaries).
ROOM_STEP = 4
_FONTS: dict[tuple[str, int, int], FontTexts] = {}


class FontTexts:
    """Measuring, cutting and static texts in one font on devices of one resolution."""

    def __init__(self, font: QFont, device: QPaintDevice | None = None) -> None:
        self.font = QFont(font)
        self.metrics = (
            QFontMetricsF(self.font) if device is None else QFontMetricsF(self.font, device)
        )
        self.ascent = self.metrics.ascent()
        self.height = self.metrics.height()
        self._widths: dict[str, float] = {}
        self._cuts: dict[tuple[str, int], str] = {}
        self._elided: dict[tuple[str, int], str] = {}
        self._static: dict[str, QStaticText] = {}
        self._seen: set[str] = set()  # drawn once, not kept yet (see draw)

    def width(self, text: str) -> float:
        width = self._widths.get(text)
        if width is None:
            if len(self._widths) > KEEP:
                self._widths.clear()
            width = self._widths[text] = self.metrics.horizontalAdvance(text)
        return width

    def cut(self, text: str, room: float) -> str:
        """``text`` cut at a word with "…" to fit ``room`` px (see :func:`cut_label`)."""
        step = int(room) // ROOM_STEP
        key = (text, step)
        cut = self._cuts.get(key)
        if cut is None:
            if len(self._cuts) > KEEP:
                self._cuts.clear()
            limit = step * ROOM_STEP
            cut = self._cuts[key] = cut_label(text, lambda s: self.width(s) <= limit)
        return cut

    def elided(self, text: str, room: float) -> str:
        """``text`` elided at the right to ``room`` px (names of lanes)."""
        key = (text, int(room))
        elided = self._elided.get(key)
        if elided is None:
            if len(self._elided) > KEEP:
                self._elided.clear()
            elided = self._elided[key] = self.metrics.elidedText(
                text, Qt.TextElideMode.ElideRight, int(room)
            )
        return elided

    def draw(self, p: QPainter, x: float, top: float, text: str) -> None:
        """``text`` with its top-left corner at ``(x, top)``, in this font (the painter's):
        shaped once and kept (:meth:`static`) from its second frame on. A text seen once
        (a label cut anew at the view's edge on every step of a pan) is drawn plainly,
        which costs a third of shaping it for keeps; both give the same pixels."""
        static = self._static.get(text)
        if static is None and text not in self._seen:
            if len(self._seen) > KEEP:
                self._seen.clear()
            self._seen.add(text)
            p.drawText(QPointF(x, top + self.ascent), text)
            return
        p.drawStaticText(QPointF(x, top), static or self.static(text))

    def static(self, text: str) -> QStaticText:
        """``text`` shaped once, drawn with ``QPainter.drawStaticText`` (top-left corner)."""
        static = self._static.get(text)
        if static is None:
            if len(self._static) > KEEP:
                self._static.clear()
            static = QStaticText(text)
            static.setTextFormat(Qt.TextFormat.PlainText)
            self._static[text] = static
        return static


def texts_for(font: QFont, device: QPaintDevice | None = None) -> FontTexts:
    """The kept texts of ``font`` on ``device`` (told apart by ``QFont.key`` and the
    device's resolution: a point size is more pixels in a 300 dpi PDF than on screen)."""
    dpi = (device.logicalDpiX(), device.logicalDpiY()) if device is not None else (0, 0)
    key = (font.key(), *dpi)
    texts = _FONTS.get(key)
    if texts is None:
        if len(_FONTS) > 32:
            _FONTS.clear()
        texts = _FONTS[key] = FontTexts(font, device)
    return texts
