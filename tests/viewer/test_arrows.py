"""Arrow geometry: which relations a frame draws, where their ends go and where the
curves run. No Qt."""

from __future__ import annotations

import numpy as np

from viewer.timeline.arrow_route import ATTACH_GAP, route
from viewer.timeline.arrows import EDGE_PX, Links, frame_arrows

LINKS = Links.of([(10, 20, "responds_to"), (30, 20, "rebuts"), (40, 50, "supports"),
                  (60, 70, "contradicts"), (-1, 20, "rebuts"), (80, 20, "unknown")])
TIME_X = {10: 100.0, 20: 50.0, 30: 900.0, 40: -400.0, 50: 2000.0, 60: 3000.0, 70: 120.0}
LANE_Y = {10: 30.0, 20: 60.0, 30: 90.0, 40: 120.0, 50: 150.0, 60: float("nan"), 70: 200.0}


def place(rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return (np.array([TIME_X[r] for r in rows.tolist()]),
            np.array([LANE_Y[r] for r in rows.tolist()]))


def arrows_for(shown: list[int]):
    rows = np.array(shown)
    xy = np.array([[TIME_X[r], LANE_Y[r]] for r in shown])
    return frame_arrows(LINKS, rows, xy, place, (0.0, 1000.0))


def test_unknown_kinds_and_missing_rows_are_dropped():
    assert len(LINKS) == 4


def test_both_ends_on_screen_join_the_marks():
    (arrow,) = [a for a in arrows_for([10, 20]) if a.kind == "responds_to"]
    assert (arrow.x0, arrow.y0, arrow.x1, arrow.y1) == (100.0, 30.0, 50.0, 60.0)
    assert arrow.away == -1


def test_an_end_off_screen_stops_at_the_edge_on_its_lane():
    found = {a.kind: a for a in arrows_for([20])}
    assert set(found) == {"responds_to", "rebuts"}
    rebuts = found["rebuts"]
    assert rebuts.away == 30 and rebuts.y0 == 90.0 and rebuts.x0 == 900.0  # x inside view
    later = {a.kind: a for a in arrows_for([40])}["supports"]
    assert later.x1 == 1000.0 - EDGE_PX and later.away == 50


def test_nothing_is_drawn_when_neither_end_is_shown_or_a_lane_is_hidden():
    assert [a.kind for a in arrows_for([50])] == ["supports"]
    assert arrows_for([70]) == []  # the other end's lane is hidden (NaN)
    assert frame_arrows(LINKS, np.array([5]), np.array([[1.0, 2.0]]), place, (0.0, 1e3)) == []


def test_arrows_are_ordered_by_kind_so_the_strongest_is_on_top():
    kinds = [a.kind for a in arrows_for([10, 20, 30])]
    assert kinds == ["responds_to", "rebuts"]


# -- routes: where the curves run -----------------------------------------------------------

RADIUS = 5.5


def curve_points(curve: tuple[float, ...], steps: int = 40) -> np.ndarray:
    """Points along a cubic (start, two control points, end)."""
    p = np.array(curve).reshape(4, 2)
    t = np.linspace(0.0, 1.0, steps)[:, None]
    return ((1 - t) ** 3 * p[0] + 3 * t * (1 - t) ** 2 * p[1] + 3 * t ** 2 * (1 - t) * p[2]
            + t ** 3 * p[3])


def _routed(ends: list[float], marks=(True, True), view=(0.0, 1000.0)):
    return route(np.array([ends]), np.array([marks]), view, RADIUS)


def test_arrows_between_marks_of_one_column_bow_left_of_the_glyphs():
    """Marks of one day share a column with their labels to the right: the arrow leaves
    and meets the glyphs at their left and stays left of them, inside the view."""
    routes = _routed([300.0, 400.0, 300.0, 100.0])
    points = curve_points(routes.points[0])
    assert points[:, 0].max() <= 300.0 - RADIUS + 1e-9
    assert points[:, 0].min() > 0.0
    assert tuple(routes.points[0, 6:]) == (300.0 - RADIUS - ATTACH_GAP, 100.0)
    assert tuple(routes.tip[0]) == (1.0, 0.0)  # the head points right, into the glyph
    longer = curve_points(_routed([300.0, 700.0, 300.0, 100.0]).points[0])
    assert longer[:, 0].min() < points[:, 0].min()  # a longer arrow bows further: nested


def test_without_room_at_the_left_an_arrow_is_a_thread_down_the_column():
    """Marks at the view's left edge: the arrow meets each glyph at its top or bottom
    and never reaches the labels' side of the glyphs."""
    routes = _routed([8.5, 400.0, 8.5, 100.0])
    points = curve_points(routes.points[0])
    assert points[:, 0].max() < 8.5 + RADIUS and points[:, 0].min() > 8.5 - RADIUS
    assert routes.points[0, 1] == 400.0 - RADIUS - ATTACH_GAP  # leaves the answer's top
    assert routes.points[0, 7] == 100.0 + RADIUS + ATTACH_GAP  # meets the answered's bottom
    assert tuple(routes.tip[0]) == (0.0, -1.0)  # pointing up into it


def test_an_end_off_screen_is_met_from_inside_so_its_head_points_out():
    left = _routed([500.0, 300.0, EDGE_PX, 100.0], (True, False))
    assert left.tip[0, 0] < 0 and left.points[0, 6] == EDGE_PX
    right = _routed([500.0, 300.0, 1000.0 - EDGE_PX, 100.0], (True, False))
    assert right.tip[0, 0] > 0


def test_a_kinds_marker_sits_on_its_curve():
    routes = _routed([300.0, 400.0, 300.0, 100.0])
    x, y = routes.middle[0, :2]
    assert np.hypot(*(curve_points(routes.points[0], 201) - (x, y)).T).min() < 0.5
