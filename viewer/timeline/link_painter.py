"""The lines joining marks: an event's dashed links between its lanes, and the brackets
beside items of a lane that share their dates (stacked in the order of their source).

Both are stamped on raster devices (see :mod:`sprites`): stroking a tall dashed line in
Qt's raster engine costs about a millisecond, a few copies of a tile a tenth of that.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen

from viewer.theme import Theme
from viewer.timeline.sprites import stamper
from viewer.timeline.state import TimelineState

#: A link's dash pattern (in pen widths) and its period in px: clipped links start on a
#: whole period, so their dashes stay in place while the view scrolls.
LINK_WIDTH = 1.2
LINK_DASHES = (4.0, 2.0)
LINK_PERIOD = sum(LINK_DASHES) * LINK_WIDTH
#: How far past its lane's edges what a lane holds may reach (a bracket's stroke).
LANE_REACH = 22.0
#: Links are stamped in tiles this long (whole periods; whole device pixels at the
#: usual device pixel ratios, else they are stroked).
LINK_TILE = LINK_PERIOD * 40
_LINK_BOX = (-LINK_WIDTH / 2, 0.0, LINK_WIDTH / 2, LINK_TILE)  # narrow: blending is per pixel


def paint_links(p: QPainter, state: TimelineState, theme: Theme) -> None:
    """Dashed lines joining the lanes of one event, behind everything: only their part
    inside the clip (a link may span hundreds of lanes), stamped in tiles on a raster
    device (stroking a tall dashed line there costs a millisecond), else in one call."""
    layout = state.layout
    clip = p.clipBoundingRect()
    top, bottom = clip.top() - LINK_PERIOD, clip.bottom() + LINK_PERIOD
    frame = state.frame
    if not len(frame.link_x):
        return
    x = frame.link_x
    first, last = frame.link_ends[:, 0], frame.link_ends[:, 1]
    y0 = layout.sub_centers(frame.rows[first], frame.subs[first])
    y1 = layout.sub_centers(frame.rows[last], frame.subs[last])
    keep = (y1 >= top) & (y0 <= bottom) & (x >= -2) & (x <= state.scale.width + 2)
    x, y0, y1 = x[keep], y0[keep], np.minimum(y1[keep], bottom)
    y0 = np.where(y0 < top, y0 + (top - y0) // LINK_PERIOD * LINK_PERIOD, y0)  # whole dashes
    link = QColor(theme.text)
    link.setAlpha(70)
    pen = QPen(link, LINK_WIDTH, Qt.PenStyle.CustomDashLine)
    pen.setDashPattern(list(LINK_DASHES))
    stamp = stamper(p)
    if stamp is None or (LINK_TILE * stamp.dpr) % 1:
        p.setPen(pen)
        p.drawLines(list(map(QLineF, x.tolist(), y0.tolist(), x.tolist(), y1.tolist())))
        return
    rows = round(LINK_TILE * stamp.dpr)

    def tile(q: QPainter, at: QPointF) -> None:
        """The line's dashes in the whole device rows from the anchor's (the tiles of a
        line meet without overlapping), as if it began a period above."""
        q.setClipRect(QRectF(0, math.floor(at.y() * stamp.dpr) / stamp.dpr, q.device().width(),
                             rows / stamp.dpr))
        q.setPen(pen)
        q.drawLine(QPointF(at.x(), at.y() - LINK_PERIOD),
                   QPointF(at.x(), at.y() + LINK_TILE + LINK_PERIOD))

    key = ("link", link.rgba())
    for lx, a, b in zip(x.tolist(), y0.tolist(), y1.tolist(), strict=True):
        for start in np.arange(a, b, LINK_TILE).tolist():
            stamp(lx, start, key, _LINK_BOX, tile, below=min(b - start, LINK_TILE))


def paint_brackets(p: QPainter, state: TimelineState, theme: Theme) -> None:
    """A bracket at the left of items stacked in the order of their source: they share
    their dates, and the top one comes first in the source (stamped where it can be)."""
    layout = state.layout
    pen = QPen(theme.muted, 1.5)
    half = layout.sub_height * 0.35
    stamp = stamper(p)
    path = QPainterPath()  # one stroke for all of them: joins as in a polyline each
    clip = p.clipBoundingRect()
    lanes = layout.lanes
    for bracket in state.frame.brackets:
        lane = lanes[bracket.lane]
        if lane.bottom < clip.top() - LANE_REACH or lane.top > clip.bottom() + LANE_REACH:
            continue
        x = max(bracket.x, 0) - 3
        y0 = layout.sub_center(bracket.lane, bracket.first_sub) - half
        height = layout.sub_center(bracket.lane, bracket.last_sub) + half - y0
        if stamp is None:
            _bracket_path(path, QPointF(x, y0), height)
            continue
        stamp(x, y0, ("bracket", pen.color().rgba(), height), (-2.0, -2.0, 5.0, height + 2),
              lambda q, at, height=height: _stroke(q, pen, _bracket_path(QPainterPath(), at,
                                                                           height)))
    if not path.isEmpty():
        _stroke(p, pen, path)


def _bracket_path(path: QPainterPath, at: QPointF, height: float) -> QPainterPath:
    x, y0 = at.x(), at.y()
    path.moveTo(x + 3, y0)
    path.lineTo(x, y0)
    path.lineTo(x, y0 + height)
    path.lineTo(x + 3, y0 + height)
    return path


def _stroke(p: QPainter, pen: QPen, path: QPainterPath) -> None:
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawPath(path)
