"""The fast paths for big stores draw what the plain ones drew: counts per time cell kept
per layout (sliced on pan), density bars of visible lanes only, PNGs painted in strips."""

from __future__ import annotations

import math

import numpy as np
import pytest
from PySide6.QtCore import QRect, QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from db.api import open_store
from db.synth import write_synthetic
from viewer.export import render as export
from viewer.theme import fixed_theme
from viewer.timeline import density, painter, scene
from viewer.timeline.state import TimelineState


@pytest.fixture(scope="module")
def synth_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("scale") / "synth.db"
    write_synthetic(path, 12000, seed=5)
    return path


@pytest.fixture
def state(synth_path, qapp):
    with open_store(synth_path) as store:
        view = TimelineState(store, 1410)
        view.fit()
        yield view


def _exact(state):
    """The frame counted per frame, as when few items are visible."""
    s = state.scale
    return scene.compose(state.store.index, s, state.layout, state.keep)


def _cells(state, monkeypatch):
    monkeypatch.setattr(density, "CELL_MIN_VISIBLE", 100)
    s = state.scale
    sliced = density.cell_density(state.store.index, s, state.layout, state.keep)
    assert sliced is not None
    visible, counts, bucket_px = sliced
    return scene.Frame(density=counts, bucket_px=bucket_px, visible=visible)


def _per_lane_and_cell(frame):
    rows, buckets, counts = frame.density
    cells = np.round(buckets * frame.bucket_px, 6)  # x of the cell's left edge
    return {(int(r), float(x)): int(c) for r, x, c in zip(rows, cells, counts, strict=True)}


def test_cell_counts_match_the_exact_count_away_from_the_edges(state, monkeypatch):
    exact = _exact(state)
    assert exact.dense
    cells = _cells(state, monkeypatch)
    assert cells.bucket_px == exact.bucket_px
    a, b = _per_lane_and_cell(exact), _per_lane_and_cell(cells)
    width = state.scale.width
    # The exact count piles the items of its margins into the edge cells; elsewhere the
    # two agree bar for bar.
    inner = lambda d: {k: v for k, v in d.items() if 0 < k[1] < width - 2 * exact.bucket_px}  # noqa: E731
    assert inner(a) == inner(b)
    assert 3 <= cells.bucket_px < 6


def test_cell_counts_follow_filters_and_layout(state, monkeypatch):
    from db.timeindex import KIND_STATEMENT

    state.kinds = {KIND_STATEMENT}
    state.update_mask()
    cells = _cells(state, monkeypatch)
    index = state.store.index
    lanes = state.layout.rows_for(index.actor)
    level = density.cell_level(state.scale)
    first = math.floor(state.scale.start / (1 << level))
    last = math.floor(state.scale.end / (1 << level))
    inside = (index.t0 >> level >= first) & (index.t0 >> level <= last)
    expected = int(np.sum(inside & (lanes >= 0) & (index.kind == KIND_STATEMENT)))
    assert int(cells.density[2].sum()) == cells.visible == expected
    state.hidden = {state.layout.lanes[0].actor_id}
    state.relayout()
    hidden = _cells(state, monkeypatch)
    assert hidden.visible < expected


def test_cells_stay_put_while_panning(state, monkeypatch):
    """Bars are anchored at absolute time: panning moves them by the pan, no reshuffle."""
    before = _cells(state, monkeypatch)
    spp = state.scale.seconds_per_px
    state.scale.pan_px(37.3)
    after = _cells(state, monkeypatch)

    def absolute(frame):
        rows, buckets, counts = frame.density
        t = np.round(buckets * frame.bucket_px * spp, 3)  # from the view's start
        return rows, t, counts

    rows_a, t_a, counts_a = absolute(before)
    rows_b, t_b, counts_b = absolute(after)
    shift = 37.3 * spp
    a = {
        (int(r), round(float(t), 0)): int(c)
        for r, t, c in zip(rows_a, t_a, counts_a, strict=True)
    }
    b = {
        (int(r), round(float(t + shift), 0)): int(c)
        for r, t, c in zip(rows_b, t_b, counts_b, strict=True)
    }
    common = set(a) & set(b)
    assert len(common) > 0.8 * min(len(a), len(b))
    assert all(a[k] == b[k] for k in common)


def test_few_visible_items_are_counted_per_frame(state, monkeypatch):
    monkeypatch.setattr(density, "CELL_MIN_VISIBLE", 10**9)
    sliced = density.cell_density(state.store.index, state.scale, state.layout, state.keep)
    assert sliced is None  # compose counts them itself (or shows marks)


def _old_density(p, state, theme):
    """Density bars one by one, a fillRect each: a bar fills the whole pixels of its time
    cell but the last (the gap before the next bar), up from its lane's baseline."""
    rows, buckets, counts = state.frame.density
    peak = float(counts.max())
    lanes = state.layout.lanes
    width = state.frame.bucket_px
    base = float(buckets.min())
    for row, bucket, count in zip(rows.tolist(), buckets.tolist(), counts.tolist(), strict=True):
        lane = lanes[row]
        color = QColor(painter.side_color(state, theme, lane.side_id))
        color.setAlpha(200)
        cell = round(bucket - base)
        first = math.ceil((cell + base) * width - 0.5)  # the first pixel centre inside
        after = math.ceil((cell + 1 + base) * width - 0.5) - 1  # the last one is the gap
        h = max(1, round(max(2.0, (lane.height - 6) * math.sqrt(count / peak))))
        bottom = round(lane.bottom - 3)
        p.fillRect(QRect(first, bottom - h, after - first, h), color)


@pytest.mark.parametrize("scroll_y", [0.0, 333.0])
def test_density_painting_is_pixel_identical(state, monkeypatch, scroll_y):
    theme = fixed_theme("light")

    def render():
        image = QImage(1600, 700, QImage.Format.Format_RGB32)
        p = QPainter(image)
        options = painter.PaintOptions(scroll_y=scroll_y)
        painter.paint_timeline(p, QRectF(0, 0, 1600, 700), state, theme, options)
        p.end()
        return image

    assert state.frame.dense
    new = render()
    monkeypatch.setattr(painter, "paint_density", _old_density)
    assert render() == new


def test_png_in_strips_matches_one_image(state, tmp_path, monkeypatch):
    one, strips = tmp_path / "one.png", tmp_path / "strips.png"
    monkeypatch.setattr(export, "STRIP_ROWS", 100_000)
    monkeypatch.setattr(export, "STRIP_PIXELS", 10**12)
    export.export_timeline(state, one, width=1200, title="Strips")
    monkeypatch.setattr(export, "STRIP_ROWS", 256)
    export.export_timeline(state, strips, width=1200, title="Strips")
    a, b = QImage(str(one)), QImage(str(strips))
    assert not a.isNull() and a.size() == b.size() and a.height() > 3 * 256
    assert round(b.dotsPerMeterX() * 0.0254) == export.DPI
    x = np.frombuffer(a.convertToFormat(QImage.Format.Format_RGB32).constBits(), np.uint8)
    y = np.frombuffer(b.convertToFormat(QImage.Format.Format_RGB32).constBits(), np.uint8)
    # Painting with the strip's offset may round an antialiased edge pixel by one level.
    assert int(np.abs(x.astype(int) - y.astype(int)).max()) <= 1
    assert np.mean(x != y) < 0.001
