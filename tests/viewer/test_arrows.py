"""Arrow geometry: which relations a frame draws, and where their ends go. No Qt."""

from __future__ import annotations

import numpy as np

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
