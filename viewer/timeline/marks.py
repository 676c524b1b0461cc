"""Painting the lanes' contents: marks, counts and density bars (links and brackets:
:mod:`link_painter`).

Only what the composed frame holds is painted, inside the painter's clip (the scrolled
window, a PDF page or a PNG strip), and of it only the marks inside the clip: their
labels are asked of the state in one batch (fetched once), nothing is computed per item
that the frame already knows.
"""

from __future__ import annotations

import functools

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QLinearGradient,
    QPaintEngine,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
    QStaticText,
    QTransform,
)

from db.schema import STANCES
from db.timeindex import KIND_EVENT
from viewer.theme import STANCE_STYLE, Theme
from viewer.timeline.density import bar_pixels
from viewer.timeline.link_painter import paint_brackets, paint_links
from viewer.timeline.scene import MarkType
from viewer.timeline.sprites import around, stamper
from viewer.timeline.state import ItemRef, TimelineState
from viewer.timeline.texts import texts_for

GLYPH = 11.0
#: The sign of a disputed statement (one with another version): unlike any side or stance.
VARIANT_COLOR = QColor("#c2410c")
LABEL_GAP = 6.0
MIN_ROOM = 36.0
_GLYPH_BOX = around(GLYPH * 0.75 + 2)  # what a glyph may cover around its centre
_HALO_BOX = around(GLYPH * 1.15 + 1)


def paint_marks(p: QPainter, state: TimelineState, theme: Theme, font: QFont,
                hover: ItemRef | None) -> None:
    """The marks of the current frame whose sub-rows are inside the clip (found with
    numpy: a frame may hold thousands of marks, a screen shows a few hundred); what each
    needs (kind, stance, signs, label) is gathered for those at once."""
    frame = state.frame
    layout = state.layout
    clip = p.clipBoundingRect()
    half = layout.sub_height / 2  # sub-rows at least partly inside the clip are painted
    first, last = clip.top() - half + 3, clip.bottom() + half - 3  # 2 px: the chrome pad
    paint_links(p, state, theme)
    paint_brackets(p, state, theme)
    ys = layout.sub_centers(frame.rows, frame.subs)
    inside = np.flatnonzero((ys > first) & (ys < last))  # a PDF page holds only its own
    own = inside[inside < frame.own]
    draw = _ItemDrawer(p, state, theme, hover)
    texts = texts_for(font, p.device())
    labels = _paint_items(p, draw, own, ys[own], texts, _badge_font(font))
    counts = _CountDrawer(p, font, theme, state)
    pills = inside[inside >= frame.own]
    for i, y in zip(pills.tolist(), ys[pills].tolist(), strict=True):
        counts.paint(float(frame.x0[i]), frame.members[i - frame.own], y,
                     draw.color(int(frame.rows[i])))
    # The texts after the glyphs and pills, in one font and pen each (a label never
    # reaches the next mark of its sub-row, so nothing it would have covered is drawn over).
    counts.finish()
    p.setFont(font)
    p.setPen(theme.text)
    for x, top, text in labels:
        texts.draw(p, x, top, text)


def _badge_font(font: QFont) -> QFont:
    """The font of a corroboration pill's count: bold, four fifths of the labels'."""
    badge_font = QFont(font)
    if font.pointSizeF() > 0:
        badge_font.setPointSizeF(font.pointSizeF() * 0.8)
    else:
        badge_font.setPixelSize(max(1, round(font.pixelSize() * 0.8)))
    badge_font.setBold(True)
    return badge_font


def _paint_items(p: QPainter, draw: _ItemDrawer, marks: np.ndarray, ys: np.ndarray,
                 texts, badge_font: QFont) -> list[tuple[float, float, str]]:
    """The glyphs (and bars) of own marks at positions ``marks`` of the frame's columns;
    returns their labels, cut to their room, to draw after everything else."""
    state, theme = draw.state, draw.theme
    frame, index = state.frame, draw.index
    items = frame.heads[marks]
    names = state.labels_of(items)
    signs = draw.corroboration
    columns = (frame.rows[marks], frame.x0[marks], frame.x1[marks], frame.types[marks],
               frame.limits[marks], index.kind[items], index.stance[items],
               index.approx[items], index.rid[items], signs.sources[items],
               signs.variant[items])
    labels: list[tuple[float, float, str]] = []
    label_dy = texts.ascent / 2 - 1.5 - texts.ascent  # from a sub-row's centre to the top
    width = state.scale.width
    for name, y, lane, x0, x1, kind_, limit, kind, code, approximate, rid, sources, variant in zip(
        names, ys.tolist(), *(column.tolist() for column in columns), strict=True
    ):
        label_x = draw.item(x0, x1, kind_ == MarkType.SPAN, y, lane, kind, code, approximate,
                            rid)
        if sources > 1 or variant:  # the signs lead the label
            label_x += paint_corroboration(p, QPointF(label_x - 2, y), sources, variant, theme,
                                           badge_font, inline=True) + 2
        room = min(limit, width) - label_x - 4
        if room > MIN_ROOM:
            text = texts.cut(name, room)
            if text:
                labels.append((label_x, y + label_dy, text))
    return labels


class _ItemDrawer:
    """Draws items' glyphs (stamped on raster devices, see :mod:`sprites`) and spans,
    with what a frame's marks share looked up once: lane colours, the store's index."""

    def __init__(self, p: QPainter, state: TimelineState, theme: Theme, hover) -> None:
        self.p, self.state, self.theme, self.hover = p, state, theme, hover
        self.index = state.store.index
        self.corroboration = state.store.corroboration.marks()
        self.stamp = stamper(p)
        self.colors: dict[int, QColor] = {}
        self.paper = theme.background.rgba()  # glyphs are outlined in it
        self.right = state.scale.width
        self.glyphs: dict[tuple[int, int, int], tuple] = {}
        # Any ring to draw at all (a search's matches, the selection, the hovered item).
        self.ringed = bool(state.matches) or state.selection is not None or hover is not None

    def color(self, lane: int) -> QColor:
        color = self.colors.get(lane)
        if color is None:
            side = self.state.layout.lanes[lane].side_id
            color = self.colors[lane] = side_color_of(self.state, self.theme, side)
        return color

    def item(self, x0: float, x1: float, span: bool, y: float, lane: int, kind: int,
             code: int, approximate: bool, rid: int) -> float:
        """One item's glyph (and bar, for a span from ``x0`` to ``x1``; a point is at
        their middle) in its lane's colour with its rings; returns where its label goes.
        ``code`` is its stance's (-1: none)."""
        p, theme = self.p, self.theme
        color = self.color(lane)
        stance = STANCES[code] if code >= 0 else None
        if span:
            _paint_span(p, x0, x1, y, color, theme, approximate, kind, stance, self.right)
            x = max(x0, 0) + GLYPH * 0.5 + 3
        else:
            x = (x0 + x1) / 2
            if approximate:
                self._halo(x, y, color)
        if self.stamp is None:
            paint_item_glyph(p, QPointF(x, y), kind, stance, color, theme)
        else:
            glyph = self.glyphs.get((kind, code, lane))
            if glyph is None:  # what names the stamp, and what draws it
                glyph = self.glyphs[kind, code, lane] = (
                    (kind, stance, color.rgba(), self.paper, theme.dark),
                    lambda q, c: paint_item_glyph(q, c, kind, stance, color, theme),
                )
            self.stamp(x, y, glyph[0], _GLYPH_BOX, glyph[1])
        if self.ringed:
            self._rings(QPointF(x, y), kind, rid)
        return x + GLYPH * 0.5 + LABEL_GAP

    def _halo(self, x: float, y: float, color: QColor) -> None:
        """The soft oval behind an approximately dated item."""
        if self.stamp is None:
            _paint_halo(self.p, QPointF(x, y), color)
        else:
            self.stamp(x, y, ("halo", color.rgba()), _HALO_BOX,
                       lambda q, c: _paint_halo(q, c, color))

    def _rings(self, center: QPointF, kind: int, rid: int) -> None:
        """A search match's ring, the selection's and the hovered item's."""
        state, theme, hover = self.state, self.theme, self.hover
        if (kind, rid) in state.matches:
            _ring(self.p, center, theme.match, 4.0, GLYPH + 3)
        selected = state.selection
        is_selected = selected is not None and selected.kind == kind and selected.rid == rid
        if is_selected or (hover is not None and hover.kind == kind and hover.rid == rid):
            _ring(self.p, center, theme.highlight, 2.5 if is_selected else 1.5, GLYPH + 1)


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


def side_color_of(state: TimelineState, theme: Theme, side_id: int) -> QColor:
    """The colour of a side (grey for the unattributed lane)."""
    if side_id not in state.side_order:
        return QColor(theme.muted)
    return theme.side_color(state.side_order[side_id])


class _CountDrawer:
    """Counts that open: pills reading "+N more" where a lane's stack is capped. Their
    texts are kept and drawn after every pill (:meth:`finish`), in one bold font."""

    def __init__(self, p: QPainter, font: QFont, theme: Theme, state: TimelineState) -> None:
        bold = QFont(font)
        bold.setBold(True)
        self.texts = texts_for(bold, p.device())
        self.p, self.theme, self.state = p, theme, state
        self.stamp = stamper(p)
        self.pending: list[tuple[QPointF, QStaticText]] = []

    def paint(self, x0: float, members: np.ndarray, y: float, color: QColor) -> None:
        """The pill of a count of ``members`` (index rows) starting at ``x0``."""
        p, texts = self.p, self.texts
        text = f"+{len(members):,} more"
        width = texts.width(text) + 16
        rect = QRectF(max(x0, 0), y - 8.5, width, 17)
        if self.stamp is None:
            _paint_pill(p, rect.topLeft(), width, color)
        else:
            self.stamp(rect.left(), rect.top(), ("pill", color.rgba(), width),
                       (-1.0, -1.0, width + 1, 18.0),
                       lambda q, at: _paint_pill(q, at, width, color))
        selected = self.state.selection
        if selected is not None:
            index = self.state.store.index
            if np.any((index.rid[members] == selected.rid)
                      & (index.kind[members] == selected.kind)):
                _ring_rect(p, rect, self.theme.highlight)
        self.pending.append((QPointF(rect.left() + 8, y - texts.height / 2), texts.static(text)))

    def finish(self) -> None:
        if self.pending:
            self.p.setFont(self.texts.font)
            self.p.setPen(self.theme.text)
            for point, static in self.pending:
                self.p.drawStaticText(point, static)


def _paint_pill(p: QPainter, corner: QPointF, width: float, color: QColor) -> None:
    """A count's pill, outlined in its lane's colour and filled with a tint of it."""
    p.setPen(QPen(color, 1.2))
    fill = QColor(color)
    fill.setAlpha(40)
    p.setBrush(fill)
    p.drawRoundedRect(QRectF(corner.x(), corner.y(), width, 17), 8.5, 8.5)


def _paint_halo(p: QPainter, center: QPointF, color: QColor) -> None:
    halo = QColor(color)
    halo.setAlpha(60)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(halo)
    p.drawEllipse(center, GLYPH * 1.15, GLYPH * 0.8)


def _ring_rect(p: QPainter, rect: QRectF, color: QColor) -> None:
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.setPen(QPen(color, 2.5))
    p.drawRoundedRect(rect.adjusted(-2, -2, 2, 2), 10, 10)


def _ring(p: QPainter, center: QPointF, color: QColor, width: float, radius: float) -> None:
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.setPen(QPen(color, width))
    p.drawEllipse(center, radius, radius)


def _tint(color: QColor, background: QColor, amount: float) -> QColor:
    """``color`` laid over ``background`` at ``amount``, as an opaque colour: the same in
    a window, a PNG, an SVG and a PDF (whose viewers treat transparency unevenly)."""
    return QColor(_tinted(color.rgba(), background.rgba(), amount))


@functools.lru_cache(maxsize=1024)
def _tinted(color: int, background: int, amount: float) -> int:
    c, b = QColor.fromRgba(color), QColor.fromRgba(background)
    return QColor.fromRgbF(
        *(x * amount + y * (1 - amount)
          for x, y in zip(c.getRgbF()[:3], b.getRgbF()[:3], strict=True))
    ).rgba()


#: How far past the lanes' edges a span's bar is drawn (its rounded ends stay outside).
SPAN_BLEED = 8.0


def _paint_span(p, x0: float, x1: float, y: float, color, theme, approximate, kind,
                stance, right: float) -> None:
    """A span's bar from ``x0`` to ``x1``, drawn only up to a little past the lanes'
    edges (0 and ``right``): a bar reaching far out costs as much as its whole length."""
    rect = QRectF(x0, y - 6, x1 - x0, 12)
    start, end = max(x0, -SPAN_BLEED), min(x1, right + SPAN_BLEED)
    fill = _tint(color if kind == KIND_EVENT else theme.stance_color(stance), theme.background,
                 0.3)
    if approximate:
        gradient = QLinearGradient(rect.topLeft(), rect.topRight())
        fade = min(0.25, 30 / max(rect.width(), 1))
        gradient.setColorAt(0, theme.background)
        gradient.setColorAt(fade, fill)
        gradient.setColorAt(1 - fade, fill)
        gradient.setColorAt(1, theme.background)
        p.setBrush(QBrush(gradient))
        p.setPen(Qt.PenStyle.NoPen)
    else:
        p.setBrush(fill)
        p.setPen(QPen(_tint(color, theme.background, 0.6), 1))
    p.drawRoundedRect(QRectF(start, y - 6, end - start, 12), 4, 4)


def paint_density(p: QPainter, state: TimelineState, theme: Theme) -> None:
    """Density bars of the lanes inside the clip: on a raster device (window, PNG) one
    image made with numpy (:func:`bar_pixels`), elsewhere (SVG, PDF) one ``drawRects``
    per lane."""
    rows, buckets, counts = state.frame.density
    if not len(counts):
        return
    peak = float(counts.max())
    layout = state.layout
    clip = p.clipBoundingRect() if p.hasClipping() else QRectF(0, 0, state.scale.width,
                                                                layout.height)
    top, bottom = max(clip.top(), 0.0), min(clip.bottom(), float(layout.height))
    shown = layout.rows_between(top, bottom)
    keep = (rows >= shown.start) & (rows < shown.stop)
    if not shown or not keep.any():
        return
    rows, buckets, counts = rows[keep], buckets[keep], counts[keep]
    room = np.array([lane.height - 6 for lane in layout.lanes[shown.start:shown.stop]])
    heights = np.maximum(2.0, room[rows - shown.start] * np.sqrt(counts / peak))
    colors = {row: _bar_color(state, theme, layout.lanes[row].side_id) for row in shown}
    if _raster(p):
        _paint_bar_image(p, state, (rows, buckets, heights), colors)
        return
    order = np.argsort(rows, kind="stable")
    rows, buckets, heights = rows[order], buckets[order], heights[order]
    width = state.frame.bucket_px
    xs = (buckets * width).astype(np.float64)
    starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
    ends = np.r_[starts[1:], len(rows)]
    p.setPen(Qt.PenStyle.NoPen)
    for a, b in zip(starts.tolist(), ends.tolist(), strict=True):
        lane = layout.lanes[int(rows[a])]
        p.setBrush(colors[int(rows[a])])
        h = heights[a:b]
        y = lane.bottom - 3 - h
        n = b - a
        p.drawRects(list(map(QRectF, xs[a:b].tolist(), y.tolist(), [width - 0.5] * n, h.tolist())))


def _bar_color(state: TimelineState, theme: Theme, side_id: int) -> QColor:
    color = QColor(side_color_of(state, theme, side_id))
    color.setAlpha(200)
    return color


def _raster(p: QPainter) -> bool:
    """Whether ``p`` paints pixels with no scaling (a window, a QImage): where an image
    of whole pixels is exact; SVG and PDF keep their vector bars."""
    return (
        p.paintEngine().type() == QPaintEngine.Type.Raster
        and p.worldTransform().type().value <= QTransform.TransformationType.TxTranslate.value
    )


def _paint_bar_image(p: QPainter, state: TimelineState, bars, colors: dict[int, QColor]) -> None:
    """The bars as one premultiplied ARGB image per lane at the device's pixel ratio."""
    layout = state.layout
    argb = np.zeros(len(layout.lanes), dtype=np.uint32)
    baselines = np.zeros(len(layout.lanes))
    for row, color in colors.items():
        argb[row] = premultiplied(color.rgba())
        baselines[row] = layout.lanes[row].bottom - 3.0
    dpr = p.device().devicePixelRatioF()
    blocks, tops = bar_pixels(bars, state.frame.bucket_px, baselines, argb,
                              state.scale.width, dpr)
    for block, top in zip(blocks, tops.tolist(), strict=True):
        height, width = block.shape
        image = QImage(block.data, width, height, width * 4,
                       QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(dpr)
        p.drawImage(QPointF(0.0, top), image)


def premultiplied(argb: int) -> int:
    """An ARGB colour with its alpha multiplied in (Qt's qPremultiply, bit for bit)."""
    a = argb >> 24
    rb = (argb & 0xFF00FF) * a
    rb = ((rb + ((rb >> 8) & 0xFF00FF) + 0x800080) >> 8) & 0xFF00FF
    g = ((argb >> 8) & 0xFF) * a
    g = (g + ((g >> 8) & 0xFF) + 0x80) & 0xFF00
    return (a << 24) | g | rb


_PATHS: dict[tuple[str, float], QPainterPath] = {}


def glyph_path(shape: str, center: QPointF, size: float) -> QPainterPath:
    """The outline of a glyph: ``diamond`` (events) or a stance shape (statements)."""
    key = (shape, size)
    path = _PATHS.get(key)
    if path is None:
        path = _PATHS[key] = _origin_path(shape, size / 2)
    return path.translated(center)


def _origin_path(shape: str, r: float) -> QPainterPath:
    points = {
        "diamond": [(0, -1.15), (1.15, 0), (0, 1.15), (-1.15, 0)],
        "up": [(0, -1.1), (1.1, 0.85), (-1.1, 0.85)],
        "down": [(0, 1.1), (1.1, -0.85), (-1.1, -0.85)],
    }
    path = QPainterPath()
    if shape in points:
        path.addPolygon(QPolygonF([QPointF(x * r, y * r) for x, y in points[shape]]))
    elif shape == "square":
        path.addRect(QRectF(-r * 0.85, -r * 0.85, r * 1.7, r * 1.7))
    elif shape == "dot":
        path.addEllipse(QPointF(0, 0), r * 0.65, r * 0.65)
    else:
        path.addEllipse(QPointF(0, 0), r, r)
    path.closeSubpath()
    return path


def paint_item_glyph(p, center: QPointF, kind: int, stance, side: QColor, theme: Theme) -> None:
    """An event's diamond in its side's colour, or a statement's stance glyph."""
    if kind == KIND_EVENT:
        p.setPen(QPen(theme.background, 1.5))
        p.setBrush(side)
        p.drawPath(glyph_path("diamond", center, GLYPH + 2))
        return
    paint_stance_glyph(p, center, stance, theme, GLYPH, side)


def paint_stance_glyph(
    p: QPainter,
    center: QPointF,
    stance: str | None,
    theme: Theme,
    size: float = GLYPH,
    outline: QColor | None = None,
) -> None:
    """A statement's glyph: its stance's shape in its stance's colour."""
    shape = STANCE_STYLE.get(stance, STANCE_STYLE[None])[1]
    color = theme.stance_color(stance)
    if shape == "ring":
        p.setBrush(theme.background)
        p.setPen(QPen(color, 3))
        p.drawPath(glyph_path("circle", center, size - 2))
        return
    p.setPen(QPen(outline or theme.background, 1.4))
    p.setBrush(color)
    p.drawPath(glyph_path(shape, center, size))
