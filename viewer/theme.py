"""Colours and glyph shapes: one colour per side, stances told apart by colour AND shape.

The theme follows the system palette (dark mode works); ``print`` is a light theme for
exports on paper.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtGui import QColor, QGuiApplication, QPalette

from viewer.palette import SIDE_COLORS

#: stance → (colour, shape, word). Shapes: triangle up/down, square, ring, dot.
STANCE_STYLE = {
    "supports": ("#2f9e5b", "up", "supports"),
    "opposes": ("#d1495b", "down", "opposes"),
    "conditional": ("#e09a1f", "square", "conditional"),
    "skeptical": ("#7c5cc4", "ring", "skeptical"),
    "neutral": ("#8a8f98", "dot", "neutral"),
    None: ("#6b7280", "circle", "no stance"),
}
STANCE_ORDER = ("supports", "opposes", "conditional", "skeptical", "neutral")

#: relation kind → (colour, marker, word): an arrow's kind shows in the marker at its
#: middle as in its colour (see viewer.timeline.arrow_painter).
RELATION_STYLE = {
    "responds_to": ("#5b6b82", "none", "responds to"),
    "supports": ("#2f9e5b", "dot", "supports"),
    "rebuts": ("#d1495b", "bar", "rebuts"),
    "contradicts": ("#e07b1f", "cross", "contradicts"),
    "variant_of": ("#8a5ca8", "ring", "variant of"),
}


@dataclass
class Theme:
    """Colours for the timeline; built from the system palette or for print."""

    name: str
    background: QColor
    alternate: QColor
    header: QColor
    text: QColor
    muted: QColor
    grid: QColor
    highlight: QColor
    highlight_text: QColor
    match: QColor
    dark: bool = False
    sides: list[QColor] = field(default_factory=list)

    def side_color(self, slot: int) -> QColor:
        """The colour of palette ``slot`` (see :func:`viewer.palette.side_slots`)."""
        return self.sides[slot % len(self.sides)]

    def stance_color(self, stance: str | None) -> QColor:
        color = QColor(STANCE_STYLE.get(stance, STANCE_STYLE[None])[0])
        return color.lighter(125) if self.dark else color

    def relation_color(self, kind: str) -> QColor:
        color = QColor(RELATION_STYLE.get(kind, RELATION_STYLE["responds_to"])[0])
        return color.lighter(140) if self.dark else color


def _sides(dark: bool) -> list[QColor]:
    """The side palette; on dark backgrounds mixed a fifth with white (contrast ≥ 3.8:1
    on #1e1f22, every pair still ΔE ≥ 27; QColor.lighter pushed the two blues together)."""
    colors = [QColor(c) for c in SIDE_COLORS]
    if not dark:
        return colors
    return [
        QColor(*(round(v * 0.8 + 255 * 0.2) for v in (c.red(), c.green(), c.blue())))
        for c in colors
    ]


def system_theme(palette: QPalette | None = None) -> Theme:
    """A theme from the application palette (light or dark)."""
    if palette is None:
        palette = QGuiApplication.palette()
    background = palette.color(QPalette.ColorRole.Base)
    dark = background.lightness() < 128
    text = palette.color(QPalette.ColorRole.Text)
    alternate = background.lighter(112) if dark else background.darker(104)
    header = background.lighter(125) if dark else background.darker(107)
    muted = QColor(text)
    muted.setAlpha(150)
    grid = QColor(text)
    grid.setAlpha(40)
    match = QColor("#ffd23f")
    match.setAlpha(200)
    return Theme(
        "dark" if dark else "light",
        background,
        alternate,
        header,
        text,
        muted,
        grid,
        palette.color(QPalette.ColorRole.Highlight),
        palette.color(QPalette.ColorRole.HighlightedText),
        match,
        dark,
        _sides(dark),
    )


def fixed_theme(name: str) -> Theme:
    """``light``, ``print`` (white, high contrast) or ``dark``, independent of the system."""
    if name == "dark":
        palette = QPalette(QColor("#2b2d31"))
        palette.setColor(QPalette.ColorRole.Base, QColor("#1e1f22"))
        palette.setColor(QPalette.ColorRole.Text, QColor("#e6e6e6"))
        palette.setColor(QPalette.ColorRole.Highlight, QColor("#4c8dff"))
        palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
        return system_theme(palette)
    palette = QPalette(QColor("#f4f4f4"))
    palette.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#1d1d1f"))
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#2f6fd6"))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    theme = system_theme(palette)
    if name == "print":
        theme.name = "print"
        theme.alternate = QColor("#f6f6f6")
        theme.header = QColor("#ececec")
    return theme
