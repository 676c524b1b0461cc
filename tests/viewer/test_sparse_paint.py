"""The quick paths of sparse frames draw what the plain ones drew: frames as columns
(their marks, hit tests), labels fetched only for the marks painted, drawings stamped
instead of stroked (glyphs, dashed links in tiles)."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from viewer.theme import fixed_theme
from viewer.timeline import painter
from viewer.timeline.link_painter import paint_links
from viewer.timeline.marks import GLYPH, paint_item_glyph
from viewer.timeline.scene import MarkType, mark_near
from viewer.timeline.sprites import PHASES, around, stamper
from viewer.timeline.stack import COUNT_PX


def _sparse(state):
    """The view of ``state`` (the 12,000 item store) with the most marks of their own."""
    t0 = state.store.index.t0
    days = t0 // 86400
    busiest = (int(np.bincount(days - days.min()).argmax()) + int(days.min())) * 86400
    for span in (400, 200, 100, 60, 30, 14, 7, 3, 1):
        state.scale.set_range(busiest - span * 43200, busiest + span * 43200)
        if not state.frame.dense:
            return state.frame
    raise AssertionError("no sparse view")


def _pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    bits = np.frombuffer(image.constBits(), np.uint8)
    rows = bits.reshape(image.height(), image.bytesPerLine() // 4, 4)
    return rows[:, : image.width(), :3].astype(int)


def _paint(draw, width: int = 120, height: int = 120) -> np.ndarray:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    p.translate(7, 5)
    draw(p)
    p.end()
    return _pixels(image)


def test_a_frame_is_columns_and_its_marks_are_made_from_them(state):
    frame = _sparse(state)
    marks = frame.marks
    assert len(marks) == len(frame.rows) > 100 and frame.members
    own = frame.own
    assert [m.item for m in marks[:own]] == frame.items.tolist()
    assert all(m.type != MarkType.COUNT and m.members is None for m in marks[:own])
    assert all(m.type == MarkType.COUNT and len(m.members) > 0 for m in marks[own:])
    for i in (0, own // 2, own - 1, len(marks) - 1):
        assert frame.mark(i) == marks[i]
    assert frame.find(int(frame.items[own // 3])) == own // 3
    assert frame.find(-1) is None
    for link in frame.links:  # an event in several lanes: from its top mark to its bottom one
        assert state.store.index.rid[link.first.item] == state.store.index.rid[link.last.item]
        assert (link.first.lane, link.first.sub) < (link.last.lane, link.last.sub)


def _nearest(frame, row, sub, x, reach):
    """The hit test written out mark by mark (what the canvas did before columns)."""
    best, best_d = None, reach
    for i, mark in enumerate(frame.marks):
        if mark.lane != row or mark.sub != sub:
            continue
        if mark.type == MarkType.SPAN:
            d = 0.0 if mark.x0 <= x <= mark.x1 else min(abs(x - mark.x0), abs(x - mark.x1))
        elif mark.type == MarkType.COUNT:
            d = 0.0 if 0 <= x - max(mark.x0, 0) + 4 <= COUNT_PX else reach + 1
        else:
            d = abs(mark.x - x)
        if d < best_d:
            best, best_d = i, d
    return best


def test_the_hit_test_finds_the_mark_the_plain_loop_finds(state):
    frame = _sparse(state)
    rng = np.random.default_rng(3)
    picks = rng.integers(0, len(frame.rows), 300)
    for i in picks.tolist():
        row, sub = int(frame.rows[i]), int(frame.subs[i])
        for x in rng.uniform(frame.x0[i] - 30, frame.x1[i] + 30, 4).tolist():
            assert mark_near(frame, row, sub, x, 10.0) == _nearest(frame, row, sub, x, 10.0)


def test_labels_are_fetched_for_the_marks_painted_only(state):
    frame = _sparse(state)
    state._labels.clear()
    image = QImage(1600, 260, QImage.Format.Format_RGB32)
    p = QPainter(image)
    painter.paint_timeline(p, QRectF(0, 0, 1600, 260), state, fixed_theme("light"),
                           painter.PaintOptions())
    p.end()
    fetched = len(state._labels)
    assert 0 < fetched < frame.own / 4  # a strip of a few lanes, not the whole frame
    index = state.store.index
    shown = frame.items[np.flatnonzero(state.layout.sub_centers(frame.rows, frame.subs)
                                       [: frame.own] < 260 - painter.AXIS_H)]
    assert {(int(index.kind[r]), int(index.rid[r])) for r in shown.tolist()} <= set(
        state._labels
    )


@pytest.mark.parametrize("x, y", [(40.0, 50.0), (40.25, 50.5), (41.75, 49.25), (40.1, 50.3)])
def test_a_stamped_glyph_looks_as_drawn_in_place(qapp, x, y):
    theme = fixed_theme("light")
    side = QColor("#2f6fd6")

    def glyph(p, at):
        paint_item_glyph(p, at, 1, "supports", side, theme)

    plain = _paint(lambda p: glyph(p, QPointF(x, y)))
    stamped = _paint(lambda p: stamper(p)(x, y, ("test", x, y), around(GLYPH), glyph))
    diff = np.abs(plain - stamped)
    assert plain.min() < 128  # something was drawn
    if (x * PHASES) % 1 == 0 and (y * PHASES) % 1 == 0:  # on a phase: the same pixels
        assert diff.max() <= 1
    else:  # within an eighth of a pixel: only antialiased edges differ, a little
        assert diff.max() <= 96 and np.mean(diff > 0) < 0.02


def test_a_dashed_link_in_tiles_is_the_stroked_line(qapp, state):
    """Tiles meet without gaps or double dashes: the stamped line is the stroked one but
    for its first and last pixel rows (under the glyphs it joins)."""
    frame = _sparse(state)
    assert len(frame.link_x)
    frame.link_x = np.round(frame.link_x * PHASES) / PHASES  # on a phase: exact stamps
    width, height = int(state.scale.width), 900

    def links(p):
        p.setClipRect(QRectF(0, 0, width, height))
        paint_links(p, state, fixed_theme("light"))

    def stroked(p):
        p.setClipRect(QRectF(0, 0, width, height))
        p.scale(1.0, 1.0 + 1e-9)  # not a raster translation: strokes, not stamps
        paint_links(p, state, fixed_theme("light"))

    stamped = _paint(links, width + 20, height)
    plain = _paint(stroked, width + 20, height)
    assert plain.min() < 250  # links were drawn
    ends = np.zeros(plain.shape[:2], dtype=bool)  # the pixels around each link's ends
    first, last = frame.link_ends[:, 0], frame.link_ends[:, 1]
    for y in (state.layout.sub_centers(frame.rows[first], frame.subs[first]),
              state.layout.sub_centers(frame.rows[last], frame.subs[last]), [height]):
        for x, end in np.broadcast(frame.link_x, y):
            if 0 <= end <= height + 2:
                ends[max(int(end) + 5 - 3, 0) : int(end) + 5 + 4, max(int(x) + 7 - 3, 0) :
                     int(x) + 7 + 4] = True
    diff = np.abs(plain - stamped).max(axis=2)
    assert (diff > 0).any() and not (diff[~ends] > 2).any()
