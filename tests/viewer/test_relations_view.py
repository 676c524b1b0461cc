"""Who answered whom in the viewer: the default store's exchanges drawn as arrows on
screen and in an export, from a real store file."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from db.api import open_store
from db.dates import parse_date
from viewer.export.render import export_timeline
from viewer.theme import RELATION_STYLE, fixed_theme
from viewer.timeline.arrows import state_arrows
from viewer.timeline.marks import GLYPH
from viewer.timeline.state import TimelineState

SVG_NS = "{http://www.w3.org/2000/svg}"
#: The exchanges of 29 March in resources/default_store.json: answer → answered.
EXCHANGES = {(8, 3, "responds_to"), (13, 3, "rebuts"), (25, 3, "responds_to"),
             (26, 3, "responds_to"), (27, 3, "responds_to"), (28, 3, "responds_to"),
             (29, 3, "responds_to"), (30, 3, "rebuts"), (31, 3, "rebuts")}


def _march_29(path) -> TimelineState:
    state = TimelineState(open_store(path), 1400)
    start, _ = parse_date("2022-03-29").span_seconds()
    state.scale.set_range(start, parse_date("2022-03-29").span_seconds()[1])
    return state


def test_the_default_store_has_the_exchanges_with_their_notes(default_store_path):
    with open_store(default_store_path) as store:
        rows = store.query("SELECT from_id, to_id, kind, note FROM relations")
        assert {(a, b, k) for a, b, k, _ in rows} == EXCHANGES
        assert all(note and len(note) > 20 for *_, note in rows)
        blinken = store.corroboration.relations(8)
        assert [(r.other_id, r.kind, r.outgoing) for r in blinken] == [(3, "responds_to", True)]
        assert "Blinken" in blinken[0].note


def test_the_frame_of_29_march_draws_every_exchange(default_store_path):
    state = _march_29(default_store_path)
    index = state.store.index
    arrows = state_arrows(state, GLYPH)
    drawn = {(int(index.rid[a.src]), int(index.rid[a.dst]), a.kind) for a in arrows}
    assert drawn == EXCHANGES
    assert all(a.away == -1 for a in arrows)  # both ends on screen that day
    # Each arrow joins the two marks' lanes: the answer's and Russia's announcement's.
    russia = next(a for a in arrows if index.rid[a.src] == 13)
    assert russia.y0 != russia.y1


def test_an_svg_of_29_march_holds_the_arrows_in_their_colours(qapp, default_store_path, tmp_path):
    state = _march_29(default_store_path)
    out = export_timeline(state, tmp_path / "day.svg", width=1600, theme_name="light")
    strokes = {
        el.get("stroke", "").lower()
        for el in ET.parse(out).getroot().iter()
        if el.tag in (f"{SVG_NS}path", f"{SVG_NS}g")
    }
    theme = fixed_theme("light")
    for kind in ("responds_to", "rebuts"):
        assert theme.relation_color(kind).name() in strokes, kind
    assert theme.relation_color("contradicts").name() not in strokes
    assert RELATION_STYLE["rebuts"][1] == "dash"
