"""The one painting routine: draws the timeline onto any QPaintDevice through a QPainter.

The widget, a QImage, a QSvgGenerator and a QPdfWriter all go through
:func:`paint_timeline`, so an export is exactly what the window shows. Text from the
store is drawn with ``drawText`` (plain text, never rich text).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from db.timeindex import KIND_EVENT
from viewer.theme import STANCE_ORDER, STANCE_STYLE, Theme
from viewer.timeline.arrow_painter import paint_arrows, paint_away_labels
from viewer.timeline.arrows import away_label, state_arrows
from viewer.timeline.axis import AxisTicks
from viewer.timeline.marks import (
    GLYPH,
    paint_density,
    paint_item_glyph,
    paint_marks,
    paint_stance_glyph,
    side_color_of,
)
from viewer.timeline.state import ItemRef, TimelineState
from viewer.timeline.texts import texts_for

LABEL_W = 190.0
AXIS_H = 46.0
MAJOR_H = 20.0
TITLE_H = 40.0
LEGEND_H = 30.0
FOOTER_H = 22.0


@dataclass
class PaintOptions:
    """What to draw besides the lanes: title, legend, axis; the vertical scroll offset."""

    title: str | None = None
    legend: bool = False
    axis: bool = True
    footer: str | None = None  # a note under the legend (what an export summarised)
    scroll_y: float = 0.0
    hover: ItemRef | None = None
    focus_lane: int | None = None
    has_focus: bool = False


@dataclass
class Geometry:
    """Where each part goes inside the painted rectangle."""

    title: QRectF
    labels: QRectF
    axis: QRectF
    lanes: QRectF
    legend: QRectF


def geometry(rect: QRectF, options: PaintOptions) -> Geometry:
    """Split ``rect`` into title, axis, lane labels, lanes and legend."""
    top = rect.top()
    title_h = TITLE_H if options.title else 0.0
    legend_h = (LEGEND_H if options.legend else 0.0) + (FOOTER_H if options.footer else 0.0)
    axis_h = AXIS_H if options.axis else 0.0
    title = QRectF(rect.left(), top, rect.width(), title_h)
    axis = QRectF(rect.left() + LABEL_W, top + title_h, rect.width() - LABEL_W, axis_h)
    body_top = top + title_h + axis_h
    body_h = max(rect.height() - title_h - axis_h - legend_h, 0.0)
    labels = QRectF(rect.left(), body_top, LABEL_W, body_h)
    lanes = QRectF(rect.left() + LABEL_W, body_top, rect.width() - LABEL_W, body_h)
    legend = QRectF(rect.left(), rect.bottom() - legend_h, rect.width(), legend_h)
    return Geometry(title, labels, axis, lanes, legend)


def export_height(state: TimelineState, options: PaintOptions) -> float:
    """The height that shows every lane, grown for the frame's sub-rows (for exports)."""
    state.frame  # noqa: B018 - composing the frame sets the lanes' heights
    return chrome_height(options) + state.layout.height


def chrome_height(options: PaintOptions) -> float:
    """Title, axis, legend and footer: what a page shows besides the lanes."""
    return (
        (TITLE_H if options.title else 0)
        + (AXIS_H if options.axis else 0)
        + (LEGEND_H if options.legend else 0)
        + (FOOTER_H if options.footer else 0)
        + 2
    )


def _font(base: QFont, scale: float = 1.0, bold: bool = False) -> QFont:
    font = QFont(base)
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * scale)
    else:
        font.setPixelSize(max(int(font.pixelSize() * scale), 6))
    font.setBold(bold)
    return font


side_color = side_color_of


def paint_timeline(
    p: QPainter,
    rect: QRectF,
    state: TimelineState,
    theme: Theme,
    options: PaintOptions,
    font: QFont | None = None,
) -> Geometry:
    """Paint the whole timeline into ``rect``; return the geometry used (for hit tests).

    The owner of the view sets the state's width to the lanes' width first; painting
    stays inside the painter's clip (an export strip sets its own)."""
    base = QFont(font) if font is not None else QFont(p.font())
    geo = geometry(rect, options)
    frame = state.frame  # composed first: the lanes grow to hold its sub-rows
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    p.fillRect(rect, theme.background)
    if options.title:
        _paint_title(p, geo.title, options.title, theme, base)
    _paint_lane_backgrounds(p, geo, state, theme, options)
    if options.axis:
        _paint_axis(p, geo, state, theme, base)
    p.save()
    p.setClipRect(geo.lanes, Qt.ClipOperation.IntersectClip)
    p.translate(geo.lanes.left(), geo.lanes.top() - options.scroll_y)
    if frame.dense:
        paint_density(p, state, theme)
    else:
        arrows = state_arrows(state, GLYPH)
        paint_arrows(p, arrows, theme)  # under the marks: labels stay readable
        paint_marks(p, state, theme, _font(base, 0.9), options.hover)
        paint_away_labels(p, arrows, theme, lambda row: away_label(state, row),
                          _font(base, 0.8))
    p.restore()
    _paint_lane_labels(p, geo, state, theme, options, base)
    if options.legend:
        legend = QRectF(geo.legend.left(), geo.legend.top(), geo.legend.width(), LEGEND_H)
        paint_legend(p, legend, theme, base)
    if options.footer:
        footer = QRectF(geo.legend.left() + 12, geo.legend.bottom() - FOOTER_H,
                        geo.legend.width() - 24, FOOTER_H)
        p.setFont(_font(base, 0.9))
        p.setPen(theme.muted)
        p.drawText(footer, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                   options.footer)
    p.restore()
    return geo


def _paint_title(p: QPainter, rect: QRectF, title: str, theme: Theme, base: QFont) -> None:
    p.setFont(_font(base, 1.45, True))
    p.setPen(theme.text)
    metrics = QFontMetricsF(p.font())
    text = metrics.elidedText(title, Qt.TextElideMode.ElideRight, rect.width() - 24)
    p.drawText(rect.adjusted(12, 0, -12, 0), Qt.AlignmentFlag.AlignVCenter, text)


def _visible_lanes(p: QPainter, geo: Geometry, state: TimelineState, scroll_y: float):
    """(row, lane, y on the painter) of the lanes inside the lanes' area and the clip (an
    export strip or a PDF page paints only its own lanes)."""
    top, bottom = geo.lanes.top(), geo.lanes.bottom()
    if p.hasClipping():
        clip = p.clipBoundingRect()
        top, bottom = max(top, clip.top()), min(bottom, clip.bottom())
    lanes = state.layout.lanes
    offset = geo.lanes.top() - scroll_y
    for row in state.layout.rows_between(top - offset, bottom - offset):
        yield row, lanes[row], offset + lanes[row].top


def _paint_lane_backgrounds(p, geo, state, theme, options) -> None:
    p.save()
    p.setClipRect(geo.labels.united(geo.lanes), Qt.ClipOperation.IntersectClip)
    full = QRectF(geo.labels.left(), 0, geo.labels.width() + geo.lanes.width(), 0)
    for row, lane, y in _visible_lanes(p, geo, state, options.scroll_y):
        band = QRectF(full.left(), y, full.width(), lane.height)
        if lane.is_side:
            p.fillRect(band, theme.header)
        elif row % 2:
            p.fillRect(band, theme.alternate)
        if options.focus_lane == row:
            focus = QColor(theme.highlight)
            focus.setAlpha(40)
            p.fillRect(band, focus)
        # The lane's bottom line: what a 1 px pen strokes (its ends squared), filled (a
        # fill is a few microseconds, a stroke tens).
        p.fillRect(QRectF(band.left() - 0.5, band.bottom() - 0.5, band.width() + 1, 1), theme.grid)
    p.restore()


#: The ticks of the last views (kept for a wider stretch of time: a pan or a zoom reuses
#: them, and the strips of an export and the pages of a PDF share one).
_ticks = AxisTicks()


def _paint_axis(
    p: QPainter, geo: Geometry, state: TimelineState, theme: Theme, base: QFont
) -> None:
    scale = state.scale
    small = texts_for(_font(base, 0.92), p.device())
    char_px = small.metrics.averageCharWidth() * 1.15
    _level, minor, major = _ticks(scale.start, scale.end, scale.seconds_per_px, char_px)
    axis = geo.axis
    p.fillRect(
        QRectF(geo.labels.left(), axis.top(), geo.labels.width() + axis.width(), axis.height()),
        theme.header,
    )
    p.save()
    p.setClipRect(axis.united(geo.lanes), Qt.ClipOperation.IntersectClip)
    left = axis.left()
    # Minor tier: grid lines through the lanes, labels in the lower tier.
    minor_top = axis.top() + MAJOR_H
    xs = [left + scale.x_of(tick.t) for tick in minor]
    p.setPen(QPen(theme.grid, 1))
    p.drawLines([QLineF(x, minor_top, x, geo.lanes.bottom()) for x in xs])
    p.setFont(small.font)
    p.setPen(theme.muted)
    text_top = minor_top + (axis.height() - MAJOR_H - small.height) / 2
    for i, (tick, x) in enumerate(zip(minor, xs, strict=True)):
        next_x = min(xs[i + 1] if i + 1 < len(xs) else x + 200, axis.right())
        text = tick.fitting(next_x - x - 6, small.width)
        if x >= left and text:  # no room before the edge: leave it out rather than cut it
            p.drawStaticText(QPointF(x + 4, text_top), small.static(text))
    # Major tier: strong lines, labels kept in view at the left of their segment.
    bold = texts_for(_font(base, 0.95, True), p.device())
    xs = [left + scale.x_of(tick.t) for tick in major]
    stroke = QColor(theme.text)
    stroke.setAlpha(90)
    p.setPen(QPen(stroke, 1))
    p.drawLines([QLineF(x, axis.top(), x, geo.lanes.bottom()) for x in xs])
    p.setFont(bold.font)
    p.setPen(theme.text)
    text_top = axis.top() + (MAJOR_H - bold.height) / 2
    for i, (tick, x) in enumerate(zip(major, xs, strict=True)):
        next_x = xs[i + 1] if i + 1 < len(xs) else axis.right() + 1
        start = max(x, left) + 6
        text = tick.fitting(next_x - start - 6, bold.width)  # shortened, never cut
        if text:
            p.drawStaticText(QPointF(start, text_top), bold.static(text))
    p.restore()
    p.setPen(QPen(theme.grid, 1))
    p.drawLine(QPointF(geo.labels.left(), axis.bottom()), QPointF(axis.right(), axis.bottom()))


def _paint_lane_labels(p, geo, state, theme, options, base) -> None:
    p.save()
    p.setClipRect(geo.labels, Qt.ClipOperation.IntersectClip)
    side_texts = texts_for(_font(base, 1.0, True), p.device())
    member_texts = texts_for(_font(base, 0.95), p.device())
    for row, lane, y in _visible_lanes(p, geo, state, options.scroll_y):
        band = QRectF(geo.labels.left(), y, geo.labels.width(), lane.height)
        color = side_color(state, theme, lane.side_id)
        if lane.is_side:
            p.fillRect(QRectF(band.left(), band.top(), 5, band.height()), color)
        else:
            p.fillRect(QRectF(band.left(), band.top(), 2, band.height()), color)
        indent = 12 + (0 if lane.is_side else 10 + 8 * (lane.depth - 1))
        if lane.is_side and lane.members:
            p.setPen(theme.muted)
            p.setFont(member_texts.font)
            p.drawStaticText(
                QPointF(band.left() + 8, band.center().y() - member_texts.height / 2),
                member_texts.static("▸" if lane.collapsed else "▾"),
            )
            indent += 10
        texts = side_texts if lane.is_side else member_texts
        p.setFont(texts.font)
        p.setPen(theme.text)
        suffix = f"  ({lane.members})" if lane.is_side and lane.collapsed else ""
        text = texts.elided(lane.label + suffix, band.width() - indent - 8)
        top = band.center().y() - texts.height / 2
        p.drawStaticText(QPointF(band.left() + indent, top), texts.static(text))
        if options.focus_lane == row and options.has_focus:
            pen = QPen(theme.highlight, 2)
            p.setPen(pen)
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(band.adjusted(1, 1, -1, -1))
    p.setPen(QPen(theme.grid, 1))
    p.drawLine(
        QPointF(geo.labels.right(), geo.labels.top()),
        QPointF(geo.labels.right(), geo.labels.bottom()),
    )
    p.restore()


def paint_legend(p: QPainter, rect: QRectF, theme: Theme, base: QFont) -> None:
    """Shapes and colours: event, then one entry per stance."""
    p.save()
    p.fillRect(rect, theme.header)
    p.setFont(_font(base, 0.9))
    metrics = QFontMetricsF(p.font())
    x = rect.left() + 12
    y = rect.center().y()
    p.setPen(theme.text)
    entries = [("event", None), *[(None, s) for s in STANCE_ORDER], (None, "none")]
    for kind, stance in entries:
        center = QPointF(x + 6, y)
        if kind == "event":
            paint_item_glyph(p, center, KIND_EVENT, None, QColor(theme.muted), theme)
            text = "event"
        else:
            real = None if stance == "none" else stance
            paint_stance_glyph(p, center, real, theme)
            text = (
                "statement: " + STANCE_STYLE[real][2]
                if stance == "supports"
                else STANCE_STYLE[real][2]
            )
        p.setPen(theme.text)
        p.drawText(QPointF(x + 16, y + metrics.ascent() / 2 - 1), text)
        x += 16 + metrics.horizontalAdvance(text) + 18
    room = rect.right() - x - 10
    # The note as long as it fits (narrow exports, e.g. a portrait page, get less of it).
    for note in (
        "“…” direct quotation · [ same date, in the order of the source"
        " · dashed line: one event, several lanes",
        "“…” direct quotation · [ same date, in the order of the source",
        "“…” direct quotation",
    ):
        if metrics.horizontalAdvance(note) <= room:
            p.drawText(
                QRectF(x, rect.top(), room, rect.height()),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                note,
            )
            break
    p.restore()


__all__ = ["PaintOptions", "geometry", "paint_legend", "paint_timeline"]
