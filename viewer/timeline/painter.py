"""The one painting routine: draws the timeline onto any QPaintDevice through a QPainter.

The widget, a QImage, a QSvgGenerator and a QPdfWriter all go through
:func:`paint_timeline`, so an export is exactly what the window shows. Text from the
store is drawn with ``drawText`` (plain text, never rich text).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)

from db.schema import STANCES
from db.timeindex import KIND_EVENT
from viewer.theme import STANCE_ORDER, STANCE_STYLE, Theme
from viewer.timeline.axis import axis_ticks
from viewer.timeline.scene import KIND_CLUSTER, Mark
from viewer.timeline.state import ItemRef, TimelineState

LABEL_W = 190.0
AXIS_H = 46.0
MAJOR_H = 20.0
TITLE_H = 40.0
LEGEND_H = 30.0
GLYPH = 11.0
#: The sign of a disputed statement (one with another version): unlike any side or stance.
VARIANT_COLOR = QColor("#c2410c")


@dataclass
class PaintOptions:
    """What to draw besides the lanes: title, legend, axis; the vertical scroll offset."""

    title: str | None = None
    legend: bool = False
    axis: bool = True
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
    legend_h = LEGEND_H if options.legend else 0.0
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
    """The height that shows every lane (for exports)."""
    return (
        (TITLE_H if options.title else 0)
        + (AXIS_H if options.axis else 0)
        + state.layout.height
        + (LEGEND_H if options.legend else 0)
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


def side_color(state: TimelineState, theme: Theme, side_id: int) -> QColor:
    """The colour of a side (grey for the unattributed lane)."""
    if side_id not in state.side_order:
        return QColor(theme.muted)
    return theme.side_color(state.side_order[side_id])


def paint_timeline(
    p: QPainter,
    rect: QRectF,
    state: TimelineState,
    theme: Theme,
    options: PaintOptions,
    font: QFont | None = None,
) -> Geometry:
    """Paint the whole timeline into ``rect``; return the geometry used (for hit tests)."""
    base = QFont(font) if font is not None else QFont(p.font())
    geo = geometry(rect, options)
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    p.fillRect(rect, theme.background)
    state.set_width(geo.lanes.width())
    if options.title:
        _paint_title(p, geo.title, options.title, theme, base)
    _paint_lane_backgrounds(p, geo, state, theme, options)
    if options.axis:
        _paint_axis(p, geo, state, theme, base)
    p.save()
    p.setClipRect(geo.lanes)
    p.translate(geo.lanes.left(), geo.lanes.top() - options.scroll_y)
    frame = state.frame
    if frame.dense:
        _paint_density(p, state, theme, geo)
    else:
        _paint_marks(p, state, theme, geo, options, base)
    p.restore()
    _paint_lane_labels(p, geo, state, theme, options, base)
    if options.legend:
        paint_legend(p, geo.legend, theme, base)
    p.restore()
    return geo


def _paint_title(p: QPainter, rect: QRectF, title: str, theme: Theme, base: QFont) -> None:
    p.setFont(_font(base, 1.45, True))
    p.setPen(theme.text)
    metrics = QFontMetricsF(p.font())
    text = metrics.elidedText(title, Qt.TextElideMode.ElideRight, rect.width() - 24)
    p.drawText(rect.adjusted(12, 0, -12, 0), Qt.AlignmentFlag.AlignVCenter, text)


def _visible_lanes(geo: Geometry, state: TimelineState, scroll_y: float):
    top, bottom = scroll_y, scroll_y + geo.lanes.height()
    for row, lane in enumerate(state.layout.lanes):
        if lane.bottom >= top and lane.top <= bottom:
            yield row, lane, geo.lanes.top() + lane.top - scroll_y


def _paint_lane_backgrounds(p, geo, state, theme, options) -> None:
    p.save()
    p.setClipRect(geo.labels.united(geo.lanes))
    full = QRectF(geo.labels.left(), 0, geo.labels.width() + geo.lanes.width(), 0)
    for row, lane, y in _visible_lanes(geo, state, options.scroll_y):
        band = QRectF(full.left(), y, full.width(), lane.height)
        if lane.is_side:
            p.fillRect(band, theme.header)
        elif row % 2:
            p.fillRect(band, theme.alternate)
        if options.focus_lane == row:
            focus = QColor(theme.highlight)
            focus.setAlpha(40)
            p.fillRect(band, focus)
        p.setPen(QPen(theme.grid, 1))
        p.drawLine(QPointF(band.left(), band.bottom()), QPointF(band.right(), band.bottom()))
    p.restore()


def _paint_axis(
    p: QPainter, geo: Geometry, state: TimelineState, theme: Theme, base: QFont
) -> None:
    scale = state.scale
    small = _font(base, 0.92)
    p.setFont(small)
    minor_metrics = QFontMetricsF(small)
    char_px = minor_metrics.averageCharWidth() * 1.15
    _level, minor, major = axis_ticks(scale.start, scale.end, scale.seconds_per_px, char_px)
    axis = geo.axis
    p.fillRect(
        QRectF(geo.labels.left(), axis.top(), geo.labels.width() + axis.width(), axis.height()),
        theme.header,
    )
    p.save()
    p.setClipRect(axis.united(geo.lanes))
    left = axis.left()
    # Minor tier: grid lines through the lanes, labels in the lower tier.
    minor_top = axis.top() + MAJOR_H
    for i, tick in enumerate(minor):
        x = left + scale.x_of(tick.t)
        p.setPen(QPen(theme.grid, 1))
        p.drawLine(QPointF(x, minor_top), QPointF(x, geo.lanes.bottom()))
        next_x = left + scale.x_of(minor[i + 1].t) if i + 1 < len(minor) else x + 200
        next_x = min(next_x, axis.right())
        if x < left or minor_metrics.horizontalAdvance(tick.label) > next_x - x - 6:
            continue  # no room before the edge: leave it out rather than cut it
        p.setPen(theme.muted)
        p.drawText(
            QRectF(x + 4, minor_top, max(next_x - x - 6, 0), axis.height() - MAJOR_H),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
            tick.label,
        )
    # Major tier: strong lines, labels kept in view at the left of their segment.
    p.setFont(_font(base, 0.95, True))
    metrics = QFontMetricsF(p.font())
    for i, tick in enumerate(major):
        x = left + scale.x_of(tick.t)
        next_x = left + scale.x_of(major[i + 1].t) if i + 1 < len(major) else axis.right() + 1
        stroke = QColor(theme.text)
        stroke.setAlpha(90)
        p.setPen(QPen(stroke, 1))
        p.drawLine(QPointF(x, axis.top()), QPointF(x, geo.lanes.bottom()))
        start = max(x, left) + 6
        room = next_x - start - 6
        if room > 20:
            text = metrics.elidedText(tick.label, Qt.TextElideMode.ElideRight, room)
            p.setPen(theme.text)
            p.drawText(
                QRectF(start, axis.top(), room, MAJOR_H),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                text,
            )
    p.restore()
    p.setPen(QPen(theme.grid, 1))
    p.drawLine(QPointF(geo.labels.left(), axis.bottom()), QPointF(axis.right(), axis.bottom()))


def _paint_lane_labels(p, geo, state, theme, options, base) -> None:
    p.save()
    p.setClipRect(geo.labels)
    side_font = _font(base, 1.0, True)
    member_font = _font(base, 0.95)
    for row, lane, y in _visible_lanes(geo, state, options.scroll_y):
        band = QRectF(geo.labels.left(), y, geo.labels.width(), lane.height)
        color = side_color(state, theme, lane.side_id)
        if lane.is_side:
            p.fillRect(QRectF(band.left(), band.top(), 5, band.height()), color)
        else:
            p.fillRect(QRectF(band.left(), band.top(), 2, band.height()), color)
        indent = 12 + (0 if lane.is_side else 10 + 8 * (lane.depth - 1))
        if lane.is_side and lane.members:
            p.setPen(theme.muted)
            p.setFont(member_font)
            p.drawText(
                QRectF(band.left() + 8, band.top(), 12, band.height()),
                Qt.AlignmentFlag.AlignVCenter,
                "▸" if lane.collapsed else "▾",
            )
            indent += 10
        p.setFont(side_font if lane.is_side else member_font)
        p.setPen(theme.text)
        metrics = QFontMetricsF(p.font())
        suffix = f"  ({lane.members})" if lane.is_side and lane.collapsed else ""
        text = metrics.elidedText(
            lane.label + suffix, Qt.TextElideMode.ElideRight, band.width() - indent - 8
        )
        p.drawText(band.adjusted(indent, 0, -6, 0), Qt.AlignmentFlag.AlignVCenter, text)
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


def _paint_density(p: QPainter, state: TimelineState, theme: Theme, geo: Geometry) -> None:
    """Density bars: only the lanes inside the clip, one ``drawRects`` per lane."""
    rows, buckets, counts = state.frame.density
    if not len(counts):
        return
    peak = float(counts.max())
    lanes = state.layout.lanes
    width = state.frame.bucket_px
    if p.hasClipping():  # the lanes area, in lane coordinates (scroll_y applied)
        clip = p.clipBoundingRect()
        device = p.device()
        if device.devType() in (2, 3):  # a pixmap or image (an export strip): only its rows
            inverse, ok = p.worldTransform().inverted()
            if ok:
                clip &= inverse.mapRect(QRectF(0, 0, device.width(), device.height()))
        top, bottom = clip.top(), clip.bottom()
        shown = [
            row
            for row in np.flatnonzero(np.bincount(rows)).tolist()  # np.unique imports numpy.ma
            if lanes[row].bottom >= top and lanes[row].top <= bottom
        ]
        if not shown:
            return
        keep = np.isin(rows, shown)
        rows, buckets, counts = rows[keep], buckets[keep], counts[keep]
    order = np.argsort(rows, kind="stable")
    rows, buckets, counts = rows[order], buckets[order], counts[order]
    heights = np.sqrt(counts / peak)
    xs = (buckets * width).astype(np.float64)
    starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
    ends = np.r_[starts[1:], len(rows)]
    p.setPen(Qt.PenStyle.NoPen)
    for a, b in zip(starts.tolist(), ends.tolist(), strict=True):
        lane = lanes[int(rows[a])]
        color = QColor(side_color(state, theme, lane.side_id))
        color.setAlpha(200)
        p.setBrush(color)
        h = np.maximum(2.0, (lane.height - 6) * heights[a:b])
        y = lane.bottom - 3 - h
        n = b - a
        p.drawRects(list(map(QRectF, xs[a:b].tolist(), y.tolist(), [width - 0.5] * n, h.tolist())))


def _paint_marks(p, state, theme, geo, options, base) -> None:
    frame = state.frame
    lanes = state.layout.lanes
    index = state.store.index
    label_font = _font(base, 0.9)
    metrics = QFontMetricsF(label_font)
    selected = state.selection
    corroboration = state.store.corroboration.marks()
    badge_font = _font(base, 0.75, bold=True)
    # Links between the lanes of one event, behind everything.
    link = QColor(theme.text)
    link.setAlpha(70)
    p.setPen(QPen(link, 1.2, Qt.PenStyle.DashLine))
    # Only lanes inside the clip are painted (an export strip, or the scrolled window).
    clip = p.clipBoundingRect()
    top, bottom = clip.top() - GLYPH * 2, clip.bottom() + GLYPH * 2
    for x, first, last in frame.links:
        if lanes[last].center >= top and lanes[first].center <= bottom:
            p.drawLine(QPointF(x, lanes[first].center), QPointF(x, lanes[last].center))
    singles = [
        m
        for m in frame.marks
        if m.kind != KIND_CLUSTER and lanes[m.row].bottom >= top and lanes[m.row].top <= bottom
    ]
    state.prefetch_labels((int(index.kind[m.index]), int(index.rid[m.index])) for m in singles)
    # Where the next mark of the same lane starts, for label room.
    by_row: dict[int, list[Mark]] = {}
    for mark in frame.marks:
        lane = lanes[mark.row]
        if lane.bottom >= top and lane.top <= bottom:
            by_row.setdefault(mark.row, []).append(mark)
    for row_marks in by_row.values():
        row_marks.sort(key=lambda m: m.x0)
        for i, mark in enumerate(row_marks):
            lane = lanes[mark.row]
            color = side_color(state, theme, lane.side_id)
            # The last label of a lane is elided at the right edge, not cut off.
            following = row_marks[i + 1].x0 if i + 1 < len(row_marks) else state.scale.width
            if mark.kind == KIND_CLUSTER and mark.is_span:
                _paint_span_cluster(p, state, mark, lane, color, theme, label_font, following)
                continue
            if mark.kind == KIND_CLUSTER:
                _paint_cluster(p, mark, lane, color, theme, label_font)
                continue
            ref = state.ref_of(mark.index)
            stance = STANCES[index.stance[mark.index]] if index.stance[mark.index] >= 0 else None
            approximate = bool(index.approx[mark.index])
            if mark.is_span:
                _paint_span(p, mark, lane, color, theme, approximate, ref.kind, stance)
                room = min(mark.x1, following) - max(mark.x0, 0) - 14
                label_x = max(mark.x0, 0) + 8
                sources = int(corroboration.sources[mark.index])
                variant = bool(corroboration.variant[mark.index])
                if sources > 1 or variant:  # the signs lead the label
                    used = paint_corroboration(p, QPointF(label_x - 2, lane.center), sources,
                                               variant, theme, badge_font, inline=True)
                    label_x, room = label_x + used + 2, room - used - 2
            else:
                if approximate:
                    halo = QColor(color)
                    halo.setAlpha(60)
                    p.setPen(Qt.PenStyle.NoPen)
                    p.setBrush(halo)
                    p.drawEllipse(QPointF(mark.x, lane.center), GLYPH * 1.15, GLYPH * 0.8)
                _paint_item_glyph(p, QPointF(mark.x, lane.center), ref.kind, stance, color, theme)
                paint_corroboration(
                    p, QPointF(mark.x, lane.center), int(corroboration.sources[mark.index]),
                    bool(corroboration.variant[mark.index]), theme, badge_font,
                )
                room = following - mark.x - GLYPH - 14
                label_x = mark.x + GLYPH * 0.5 + 6
            key = (ref.kind, ref.rid)
            if key in state.matches:
                _ring(
                    p,
                    QPointF(mark.x if not mark.is_span else label_x, lane.center),
                    theme.match,
                    4.0,
                    GLYPH + 3,
                )
            if ref == options.hover or (
                selected is not None and selected.kind == ref.kind and selected.rid == ref.rid
            ):
                strong = ref == selected or (
                    selected and selected.rid == ref.rid and selected.kind == ref.kind
                )
                _ring(
                    p,
                    QPointF(mark.x if not mark.is_span else label_x, lane.center),
                    theme.highlight,
                    2.5 if strong else 1.5,
                    GLYPH + 1,
                )
            if room > 36:
                text = metrics.elidedText(
                    state.label(ref.kind, ref.rid), Qt.TextElideMode.ElideRight, room
                )
                if len(text) > 2:
                    p.setFont(label_font)
                    p.setPen(theme.text)
                    p.drawText(
                        QRectF(label_x, lane.top, room, lane.height),
                        Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                        text,
                    )


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


def _ring(p: QPainter, center: QPointF, color: QColor, width: float, radius: float) -> None:
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.setPen(QPen(color, width))
    p.drawEllipse(center, radius, radius)


def _paint_cluster(p, mark, lane, color, theme, font) -> None:
    text = f"{mark.count:,}"
    metrics = QFontMetricsF(font)
    width = max(mark.x1 - mark.x0, 0) + max(metrics.horizontalAdvance(text) + 12, 22)
    rect = QRectF(mark.x - width / 2, lane.center - 9, width, 18)
    fill = QColor(color)
    fill.setAlpha(235)
    p.setPen(QPen(theme.background, 1.5))
    p.setBrush(fill)
    p.drawRoundedRect(rect, 9, 9)
    p.setFont(_font(font, 1.0, True))
    p.setPen(QColor("white"))
    p.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)


def _paint_span_cluster(p, state, mark, lane, color, theme, font, following) -> None:
    """Overlapping spans of one lane: one bar, a count, and the first item's label."""
    rect = QRectF(mark.x0, lane.center - 7, mark.x1 - mark.x0, 14)
    fill = QColor(color)
    fill.setAlpha(90)
    p.setBrush(fill)
    p.setPen(QPen(color, 1))
    p.drawRoundedRect(rect, 4, 4)
    selected = state.selection
    index = state.store.index
    if selected is not None and np.any(
        (index.rid[mark.members] == selected.rid) & (index.kind[mark.members] == selected.kind)
    ):
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(QPen(theme.highlight, 2.5))
        p.drawRoundedRect(rect.adjusted(-2, -2, 2, 2), 5, 5)
    left = max(mark.x0, 0) + 4
    bold = _font(font, 1.0, True)
    count = f"{mark.count:,}"
    pill_w = QFontMetricsF(bold).horizontalAdvance(count) + 12
    pill = QRectF(left, lane.center - 8, pill_w, 16)
    p.setPen(QPen(theme.background, 1.2))
    p.setBrush(color)
    p.drawRoundedRect(pill, 8, 8)
    p.setFont(bold)
    p.setPen(QColor("white"))
    p.drawText(pill, Qt.AlignmentFlag.AlignCenter, count)
    room = min(mark.x1, following) - pill.right() - 10
    if room > 36:
        first = state.ref_of(mark.index)
        more = f"  (+{mark.count - 1:,} more)"
        metrics = QFontMetricsF(font)
        text = metrics.elidedText(
            state.label(first.kind, first.rid),
            Qt.TextElideMode.ElideRight,
            max(room - metrics.horizontalAdvance(more), 10),
        )
        p.setFont(font)
        p.setPen(theme.text)
        p.drawText(
            QRectF(pill.right() + 6, lane.top, room, lane.height),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
            text + more,
        )


def _paint_span(p, mark, lane, color, theme, approximate, kind, stance) -> None:
    rect = QRectF(mark.x0, lane.center - 6, mark.x1 - mark.x0, 12)
    fill = QColor(color if kind == KIND_EVENT else theme.stance_color(stance))
    fill.setAlpha(110)
    if approximate:
        gradient = QLinearGradient(rect.topLeft(), rect.topRight())
        edge = QColor(fill)
        edge.setAlpha(0)
        fade = min(0.25, 30 / max(rect.width(), 1))
        gradient.setColorAt(0, edge)
        gradient.setColorAt(fade, fill)
        gradient.setColorAt(1 - fade, fill)
        gradient.setColorAt(1, edge)
        p.setBrush(QBrush(gradient))
        p.setPen(Qt.PenStyle.NoPen)
    else:
        p.setBrush(fill)
        p.setPen(QPen(color, 1))
    p.drawRoundedRect(rect, 4, 4)


def glyph_path(shape: str, center: QPointF, size: float) -> QPainterPath:
    """The outline of a glyph: ``diamond`` (events) or a stance shape (statements)."""
    r = size / 2
    x, y = center.x(), center.y()
    path = QPainterPath()
    if shape == "diamond":
        path.addPolygon(
            QPolygonF(
                [
                    QPointF(x, y - r * 1.15),
                    QPointF(x + r * 1.15, y),
                    QPointF(x, y + r * 1.15),
                    QPointF(x - r * 1.15, y),
                ]
            )
        )
    elif shape == "up":
        path.addPolygon(
            QPolygonF(
                [
                    QPointF(x, y - r * 1.1),
                    QPointF(x + r * 1.1, y + r * 0.85),
                    QPointF(x - r * 1.1, y + r * 0.85),
                ]
            )
        )
    elif shape == "down":
        path.addPolygon(
            QPolygonF(
                [
                    QPointF(x, y + r * 1.1),
                    QPointF(x + r * 1.1, y - r * 0.85),
                    QPointF(x - r * 1.1, y - r * 0.85),
                ]
            )
        )
    elif shape == "square":
        path.addRect(QRectF(x - r * 0.85, y - r * 0.85, r * 1.7, r * 1.7))
    elif shape == "dot":
        path.addEllipse(center, r * 0.65, r * 0.65)
    else:
        path.addEllipse(center, r, r)
    path.closeSubpath()
    return path


def _paint_item_glyph(p, center, kind, stance, side, theme) -> None:
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
            _paint_item_glyph(p, center, KIND_EVENT, None, QColor(theme.muted), theme)
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
        "“…” direct quotation · dashed line: one event, several lanes",
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
