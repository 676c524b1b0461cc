"""Positions on import: the preview's edits land in the store; an imported store's actor
panes and matrix show topics and stances."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from db import curate, open_store
from db.dates import parse_date
from db.importer import import_document
from db.positions import positions_of
from db.timeindex import KIND_STATEMENT
from extractor import extract
from extractor.positions import apply, propose
from viewer.panes.actor_pane import ActorPane
from viewer.panes.curation import curator
from viewer.panes.matrix import MatrixDialog
from viewer.panes.proposals import COL_STANCE, COL_SUMMARY, COL_TOPIC

ARTICLE = Path(__file__).resolve().parents[1] / "data" / "positions" / "istanbul-followup.txt"


@pytest.fixture
def dialog(qtbot, make_window, small_store_path):
    from viewer.import_dialogs import ArticleDialog

    window = make_window(small_store_path)
    dialog = ArticleDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    dialog.text.setPlainText(ARTICLE.read_text(encoding="utf-8"))
    dialog.published.setText("2022-03-30")
    assert dialog.find()
    return dialog


def _type_into(qtbot, widget: QWidget, text: str) -> None:
    editor = QApplication.focusWidget()
    assert editor is not widget, "no editor opened"
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # The view commits the editor's text on the next turn of the event loop.
    qtbot.waitUntil(lambda: widget.state() != widget.State.EditingState)


def test_preview_rename_untick_restance_resummarise_then_import(qtbot, dialog, small_store_path):
    panel = dialog.positions
    names = [t.name for t in panel.proposals.topics]
    assert len(names) >= 2 and panel.table.rowCount() == dialog.table.rowCount()
    assert any(panel.table.item(r, 3).text() for r in range(panel.table.rowCount())), \
        "the words that gave a stance are shown"
    # Rename the first topic in place (F2), untick the second (Space).
    panel.topics.setFocus()
    panel.topics.setCurrentRow(0)
    qtbot.keyClick(panel.topics, Qt.Key.Key_F2)
    _type_into(qtbot, panel.topics, "Pullback near Kyiv")
    assert panel.proposals.topics[0].name == "Pullback near Kyiv"
    second = panel.proposals.topics[1]
    dropped = list(second.statements)
    panel.topics.setCurrentRow(1)
    qtbot.keyClick(panel.topics, Qt.Key.Key_Space)
    assert panel.proposals.topic(second.name) is None
    # Row 0: stance to "neutral" (type in its box), summary edited (F2 in the table).
    stance = panel.table.cellWidget(0, COL_STANCE)
    stance.setFocus()
    qtbot.keyClicks(stance, "neutral")
    assert stance.currentText() == "neutral"
    panel.table.setFocus()
    panel.table.setCurrentCell(0, COL_SUMMARY)
    qtbot.keyClick(panel.table, Qt.Key.Key_F2)
    _type_into(qtbot, panel.table, "Moscow promises to pull back.")
    first_topic = panel.table.cellWidget(0, COL_TOPIC).currentText()
    dialog.import_()
    store = open_store(small_store_path)
    said = store.statements_by(a.id for a in store.actors())
    row0 = next(s for s in said if s.text.startswith("Russia would drastically reduce"))
    assert (row0.stance, row0.summary) == ("neutral", "Moscow promises to pull back.")
    assert (store.topic(row0.topic_id).name if row0.topic_id else "(no topic)") == first_topic
    topics = {t.name for t in store.topics()}
    assert "Pullback near Kyiv" in topics
    assert second.existing or second.name not in topics  # a store topic stays in the store
    texts = {s["id"]: s["text"] for s in dialog.document["statements"]}
    unfiled = [s for s in said if s.text in {texts[i] for i in dropped}]
    assert unfiled and all(s.topic_id is None for s in unfiled)


@pytest.fixture
def seed_store(tmp_path, seed_text) -> Path:
    """The seed article imported into an empty store with the proposed positions."""
    document = extract(seed_text, "2022-03-29")
    path = tmp_path / "seed.parley"
    import_document(path, apply(document, propose(document)), "seed")
    return path


def test_an_imported_store_shows_positions_in_panes_and_matrix(qtbot, make_window, seed_store):
    window = make_window(seed_store)
    store = window.store
    by_name = {a.name: a for a in store.actors()}
    # A speaker the import left as a side of its own is moved under Russia, by hand.
    putin = next(a for a in store.actors() if a.name.endswith("Putin"))
    if putin.side_id != by_name["Russia"].id:
        window.select_item(KIND_STATEMENT, store.statements_by([putin.id])[0].id)
        assert curator(window).run(lambda p: curate.move_actor(p, putin.id, by_name["Russia"].id))
        qtbot.waitUntil(lambda: window.store.actor(putin.id).side_id == by_name["Russia"].id,
                        timeout=5000)
        store = window.store
    as_of = parse_date("2022-03-29")
    holder = QWidget()
    holder.store = store
    qtbot.addWidget(holder)
    matrix = MatrixDialog(holder, store)
    qtbot.addWidget(matrix)
    matrix.set_as_of(as_of)
    topics = [t.id for t in store.topics()]
    for name in ("Russia", "Ukraine", "United States"):
        side = by_name[name].id
        positions = [p for p in positions_of(store, side) if p.topic and p.current
                     and p.current.stance]
        assert len(positions) >= 2, name
        cells = [matrix.cell_text(side, t) for t in topics]
        assert sum(not c.endswith("unknown") for c in cells) >= 2, (name, cells)
        pane = ActorPane(store, side)
        qtbot.addWidget(pane)
        text = pane.browser.toPlainText()
        assert "Positions by topic" in text
        assert sum(p.topic.name in text for p in positions) >= 2
