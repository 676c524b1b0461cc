"""Who answered whom in the viewer: the default store's exchanges drawn as arrows on
screen and in an export, from a real store file."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import numpy as np
import pytest
from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication

from db.api import open_store
from db.dates import parse_date
from db.timeindex import KIND_STATEMENT
from tests.conftest import write_store
from tests.viewer.test_arrows import curve_points
from viewer.export.render import export_timeline
from viewer.relations_ui import ReversalsDialog
from viewer.theme import RELATION_STYLE, fixed_theme
from viewer.timeline.arrow_painter import paint_arrows
from viewer.timeline.arrow_route import route
from viewer.timeline.arrows import Arrow, state_arrows
from viewer.timeline.marks import GLYPH, LABEL_GAP
from viewer.timeline.scene import MarkType
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


def test_the_window_paints_each_arrow_in_its_colour(qtbot, default_store_path):
    """The composed frame on screen: along each arrow of 29 March, its kind's colour."""
    from viewer.timeline.canvas import TimelineCanvas
    from viewer.timeline.painter import AXIS_H, LABEL_W, PaintOptions, export_height

    state = TimelineState(open_store(default_store_path), 1200)
    state.scale.set_range(parse_date("2022-03-28").span_seconds()[0],
                          parse_date("2022-03-30").span_seconds()[1])
    canvas = TimelineCanvas()
    qtbot.addWidget(canvas)
    canvas.theme = theme = fixed_theme("light")
    canvas.resize(1200 + int(LABEL_W), round(export_height(state, PaintOptions(axis=True))))
    canvas.set_state(state)
    image = canvas.grab().toImage()
    arrows = state_arrows(state, GLYPH)
    assert len(arrows) == len(EXCHANGES)
    for arrow in arrows:
        want = theme.relation_color(arrow.kind)
        along = curve_points(arrow.curve, 40)[12:28] + np.array([LABEL_W, AXIS_H])  # its middle
        hits = sum(
            any(max(abs(c.red() - want.red()), abs(c.green() - want.green()),
                    abs(c.blue() - want.blue())) <= 60
                for c in (QColor(image.pixel(int(x) + dx, int(y) + dy))
                          for dx in (-1, 0, 1) for dy in (-1, 0, 1)))
            for x, y in along.tolist())
        assert hits >= len(along) * 0.6, (arrow.kind, hits)


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


def _painted(arrow: Arrow, theme) -> set[tuple[int, int]]:
    """The pixels one arrow paints (where the image is no longer the background)."""
    image = QImage(120, 120, QImage.Format.Format_RGB32)
    image.fill(theme.background)
    painter = QPainter(image)
    paint_arrows(painter, [arrow], theme)
    painter.end()
    background = theme.background.rgb()
    return {(x, y) for x in range(120) for y in range(120) if image.pixel(x, y) != background}


def test_kinds_differ_in_shape_not_only_in_colour(qapp):
    """The same arrow in each kind: each kind's pixels differ from every other's (its
    marker), so a kind reads in grey print and for colour-blind readers too."""
    theme = fixed_theme("light")
    ends = np.array([[90.0, 20.0, 90.0, 100.0]])
    routes = route(ends, np.ones((1, 2), bool), (0.0, 120.0), GLYPH / 2)
    curve, middle, tip = (tuple(a[0].tolist()) for a in (routes.points, routes.middle, routes.tip))
    shapes = {}
    for kind in RELATION_STYLE:
        arrow = Arrow(90.0, 20.0, 90.0, 100.0, kind, 1, 2, -1, curve, middle, tip)
        shapes[kind] = frozenset(_painted(arrow, theme))
        assert len(shapes[kind]) > 60, kind  # a line and a head were drawn
    assert len(set(shapes.values())) == len(RELATION_STYLE)


# -- the window: details, keys, reversals --------------------------------------------------


def _open(qtbot, make_window, path):
    window = make_window(path)
    qtbot.waitUntil(lambda: window.state is not None)
    return window


def _selected(window) -> int | None:
    ref = window.state.selection
    return ref.rid if ref is not None and ref.kind == KIND_STATEMENT else None


def test_details_list_answers_and_a_click_jumps_there(qtbot, make_window, default_store_path):
    window = _open(qtbot, make_window, default_store_path)
    window.select_item(KIND_STATEMENT, 8, center=True)
    shown = window.details.toPlainText()
    assert "Answers" in shown and "responds to" in shown and "Answered by" not in shown
    assert "Blinken responded to the developments" in shown
    window.details.anchorClicked.emit(QUrl("parley:statement/3"))
    assert _selected(window) == 3
    shown = window.details.toPlainText()
    assert "Answered by" in shown and shown.count("remove") == 9
    window.details.grab().save(str(default_store_path.with_suffix(".details.png")))


def test_l_follows_the_links_and_shift_l_comes_back(qtbot, make_window, default_store_path):
    window = _open(qtbot, make_window, default_store_path)
    window.select_item(KIND_STATEMENT, 13, center=True)
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key.Key_L)
    assert _selected(window) == 3  # Kirby's rebuttal → Russia's announcement
    answers = set()
    for _ in range(9):  # the announcement answers no one: L cycles through its answers
        qtbot.keyClick(window.canvas, Qt.Key.Key_L)
        answers.add(_selected(window))
        qtbot.keyClick(window.canvas, Qt.Key.Key_L, Qt.KeyboardModifier.ShiftModifier)
        assert _selected(window) == 3
    assert answers == {a for a, _, _ in EXCHANGES}
    qtbot.keyClick(window.canvas, Qt.Key.Key_L, Qt.KeyboardModifier.ShiftModifier)
    assert _selected(window) == 13


def test_reversals_are_reviewed_and_applied(qtbot, make_window, tmp_path):
    from tests.db.test_relate import DOCUMENT

    path = write_store(tmp_path / "own.parley", DOCUMENT)
    window = _open(qtbot, make_window, path)

    def review() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ReversalsDialog):
            QTimer.singleShot(20, review)
            return
        assert dialog.list.count() == 1 and "No cut now." in dialog.list.item(0).text()
        dialog.grab().save(str(tmp_path / "reversals.png"))
        dialog.apply.click()

    QTimer.singleShot(20, review)
    window.actions_by_name["propose_reversals"].trigger()
    qtbot.waitUntil(lambda: window.store is not None and window.store.query(
        "SELECT count(*) FROM relations")[0][0] == 1, timeout=5000)
    assert window.store.query("SELECT from_id, to_id, kind FROM relations") == [
        (2, 1, "contradicts")]
    lund = next(a for a in window.store.actors() if a.name == "Jonas Lund")
    window.open_actor_pane(lund.id)
    pane = window.actor_docks[lund.id].widget()
    qtbot.waitUntil(lambda: "⇄ reversal: contradicts" in pane.browser.toPlainText())
    assert "stance turned from supports" in pane.browser.toPlainText()


def test_the_import_preview_lists_links_to_confirm_or_drop(qtbot, window, seed_text, tmp_path):
    from viewer.import_dialogs import ArticleDialog

    dialog = ArticleDialog(window)
    qtbot.addWidget(dialog)
    dialog.text.setPlainText(seed_text)
    dialog.published.setText("2022-03-29")
    assert dialog.find()
    lines = [dialog.links.item(i).text() for i in range(dialog.links.count())]
    blinken = next(i for i, line in enumerate(lines)
                   if line.startswith("Antony Blinken responds to Aleksandr Fomin"))
    assert len(dialog.reviewed_document()["relations"]) == len(lines)
    dialog.links.item(blinken).setCheckState(Qt.CheckState.Unchecked)
    kept = dialog.reviewed_document()["relations"]
    assert len(kept) == len(lines) - 1 and dialog.proposed[blinken] not in kept
    dialog.grab().save(str(tmp_path / "import-links.png"))


@pytest.mark.parametrize("first, last", [("2022-03-28", "2022-03-30"),  # room at the left
                                         ("2022-03-29", "2022-03-29")])  # marks at the edge
def test_arrows_of_29_march_run_over_no_label(default_store_path, first, last):
    """No arrow crosses a label: each runs left of the marks' column, or down it."""
    state = TimelineState(open_store(default_store_path), 1400)
    state.scale.set_range(parse_date(first).span_seconds()[0], parse_date(last).span_seconds()[1])
    arrows = state_arrows(state, GLYPH)
    assert len(arrows) == len(EXCHANGES)
    points = np.concatenate([curve_points(a.curve, 60) for a in arrows])
    layout = state.layout
    for mark in state.frame.marks:
        if mark.type == MarkType.COUNT:
            continue
        x = max(mark.x0, 0) + GLYPH * 0.5 + 3 if mark.type == MarkType.SPAN else mark.x
        y = layout.sub_center(mark.lane, mark.sub)
        band = ((points[:, 0] >= x + GLYPH / 2 + LABEL_GAP)
                & (points[:, 0] <= min(mark.limit, state.scale.width))
                & (np.abs(points[:, 1] - y) <= 5))
        assert not band.any(), state.label(*state.ref_of(mark.item)[:2])


def test_the_import_preview_fits_a_1366_by_768_screen(qtbot, window, seed_text):
    """Statements, sentence, positions and links all in view on a small laptop screen
    (1366×768 less a title bar and a panel); a long list of links scrolls inside."""
    from viewer.import_dialogs import LINK_ROWS, ArticleDialog

    dialog = ArticleDialog(window)
    qtbot.addWidget(dialog)
    screen = dialog.screen().availableGeometry()
    assert dialog.width() <= screen.width() and dialog.height() <= screen.height()
    dialog.text.setPlainText(seed_text)
    dialog.published.setText("2022-03-29")
    assert dialog.find()
    assert dialog.minimumSizeHint().height() <= 678
    dialog.resize(1366, 678)
    dialog.show()
    qtbot.waitExposed(dialog)
    links = dialog.links
    last = links.visualItemRect(links.item(links.count() - 1))
    assert 0 < links.count() <= LINK_ROWS and last.bottom() <= links.viewport().height()
    assert dialog.table.height() > 6 * dialog.table.rowHeight(0)  # the most room
    for pane in (dialog.context, dialog.positions, links):
        assert pane.isVisible() and pane.height() >= 40, pane.accessibleName()
    dialog.proposed = dialog.proposed * 5  # as an article answering many would give
    dialog._fill_links(dialog.document["statements"])
    assert links.height() < (LINK_ROWS + 1) * links.sizeHintForRow(0)
    qtbot.waitUntil(lambda: links.verticalScrollBar().maximum() > 0)  # scrolls inside
