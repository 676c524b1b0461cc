"""Actor panes, the actor chooser and the comparison matrix, on real store files."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from db.api import open_store
from db.dates import parse_date
from tests.conftest import write_store
from viewer.panes.actor_chooser import ActorChooser, choose_actor
from viewer.panes.actor_pane import ActorPane
from viewer.panes.matrix import MatrixDialog, open_matrix
from viewer.timeline.state import ItemRef

KIND_STATEMENT = 1


def change_document() -> dict:
    """Ana (of Northland) supports on 1 March, opposes on 20 March; markup in a quote."""
    return {
        "parley": 1,
        "meta": {"title": "Change"},
        "sources": [
            {
                "id": 1,
                "title": "Daily <i>report</i>",
                "outlet": "Wire",
                "url": "https://example.org/a",
                "published": "2022-03-20",
            }
        ],
        "actors": [
            {"id": 1, "name": "Northland", "kind": "state"},
            {"id": 2, "name": "Ana Ek", "parent": "Northland", "title": "Envoy"},
            {"id": 3, "name": "Southland", "kind": "state", "aliases": ["<b>South</b>"]},
        ],
        "topics": [{"id": 1, "name": "Ceasefire"}, {"id": 2, "name": "Trade"}],
        "statements": [
            {
                "id": 10,
                "actor": "Ana Ek",
                "said": "2022-03-01",
                "kind": "direct",
                "text": "We back the ceasefire.",
                "topic": "Ceasefire",
                "stance": "supports",
                "summary": "Backs the ceasefire.",
            },
            {
                "id": 11,
                "actor": "Ana Ek",
                "said": "2022-03-20",
                "kind": "reported",
                "text": "She said the ceasefire was dead.",
                "topic": "Ceasefire",
                "stance": "opposes",
                "summary": "Calls the ceasefire dead.",
                "source": 1,
            },
            {
                "id": 12,
                "actor": "Southland",
                "said": "2022-03-05",
                "kind": "direct",
                "text": "<b>bold</b> <img src=x>",
                "topic": "Trade",
                "stance": "skeptical",
                "summary": "<i>doubts</i> trade",
            },
        ],
    }


@pytest.fixture
def change_store(tmp_path):
    store = open_store(write_store(tmp_path / "change.parley", change_document()))
    yield store
    store.close()


def make_pane(qtbot, store, actor_id, parent=None, width=360):
    pane = ActorPane(store, actor_id, parent)
    qtbot.addWidget(pane)
    pane.resize(width, 700)
    pane.show()
    return pane


# -- positions and history -----------------------------------------------------------------


def test_side_pane_includes_member_statements_marked_by_speaker(qtbot, small_store_path):
    store = open_store(small_store_path)
    pane = make_pane(qtbot, store, 1)
    text = pane.browser.toPlainText()
    assert text.startswith("Russia")
    assert "Also called: Moscow" in text
    assert "Positions by topic" in text
    # Kyiv: Russia opposed on 1 March, Fomin (for Russia) supports on 29 March.
    assert "▲ supports · 29 Mar 2022, 14:05 · by Aleksandr Fomin" in text
    assert "changed: opposes → supports" in text
    # All statements: Fomin's quotation in full, marked with his name, in time order.
    assert "29 Mar 2022, 14:05 · Aleksandr Fomin · direct quotation · Kyiv" in text
    assert "“Reduce military activity near Kyiv.”" in text
    assert text.index("Russia will not stop.") < text.index("Reduce military activity")
    assert "Source: Wire · 2022-03-29 · Report" in text
    # Ukraine's statement is not Russia's.
    assert "Neutral" not in text
    store.close()


def test_member_pane_shows_side_and_title(qtbot, change_store):
    pane = make_pane(qtbot, change_store, 2)
    text = pane.browser.toPlainText()
    assert text.startswith("Ana Ek")
    assert "side: Northland" in text
    assert "Envoy" in text
    # Her own statements are not marked with a speaker.
    assert "by Ana Ek" not in text


def test_stance_change_is_marked_and_as_of_moves_it(qtbot, change_store):
    pane = make_pane(qtbot, change_store, 1)
    text = pane.browser.toPlainText()
    ceasefire = text[text.index("Ceasefire") :]
    assert ceasefire.startswith("Ceasefire\n▼ opposes · 20 Mar 2022 · by Ana Ek")
    assert "History:\n1 Mar 2022 · ▲ supports · Ana Ek\n20 Mar 2022 · ▼ opposes · Ana Ek" in text
    assert "⇄ changed: supports → opposes" in text

    pane.date_edit.setText("2022-03-10")
    qtbot.keyClick(pane.date_edit, Qt.Key.Key_Return)
    assert pane.as_of == parse_date("2022-03-10")
    text = pane.browser.toPlainText()
    assert "Positions by topic (as of 10 Mar 2022)" in text
    assert "▲ supports · 1 Mar 2022 · by Ana Ek" in text
    assert "changed:" not in text
    # The later statement is still listed, marked as after the date.
    assert "after the as-of date" in text

    # A month counts as a whole: by March 2022 both were said.
    pane.date_edit.setText("March 2022")
    assert pane.apply_date_text()
    assert "changed: supports → opposes" in pane.browser.toPlainText()

    pane.date_edit.setText("2022-02-01")
    assert pane.apply_date_text()
    assert "No statements by then." in pane.browser.toPlainText()

    pane.date_edit.setText("not a date")
    assert not pane.apply_date_text()
    assert pane.message.isVisibleTo(pane) and "not a date" in pane.message.text()
    assert pane.as_of == parse_date("2022-02-01")

    pane.latest_button.click()
    assert pane.as_of is None
    assert not pane.message.isVisibleTo(pane)
    assert "changed: supports → opposes" in pane.browser.toPlainText()


def test_store_markup_is_shown_literally(qtbot, change_store):
    pane = make_pane(qtbot, change_store, 3)
    text = pane.browser.toPlainText()
    assert "“<b>bold</b> <img src=x>”" in text
    assert "<i>doubts</i> trade" in text
    assert "Also called: <b>South</b>" in text
    ana = make_pane(qtbot, change_store, 1)
    assert "Source: Wire · 2022-03-20 · Daily <i>report</i>" in ana.browser.toPlainText()


def test_default_store_ukraine(qtbot, default_store_path):
    store = open_store(default_store_path)
    ukraine = next(a for a in store.sides() if a.name == "Ukraine")
    pane = make_pane(qtbot, store, ukraine.id)
    text = pane.browser.toPlainText()
    assert "Ukraine's neutrality\n■ conditional · c. 29 Mar 2022" in text
    assert "Security guarantees\n▲ supports · c. 29 Mar 2022 · by Mykhaylo Podolyak" in text
    assert "Attacks on civilians\n▼ opposes" in text
    assert "Speaking for it:" in text and "Volodymyr Zelenskiy" in text
    assert "Also called: Ukrainian government" in text
    # Readable at the default dock width: no horizontal scrolling.
    assert not pane.browser.horizontalScrollBar().isVisible()
    pane.grab().save(str(default_store_path.parent / "pane.png"))
    store.close()


# -- the pane and the timeline ---------------------------------------------------------------


def test_pane_link_moves_the_timeline_and_the_timeline_marks_the_pane(
    qtbot, make_window, small_store_path
):
    window = make_window(small_store_path)
    window.open_actor_pane(1)
    pane = window.actor_docks[1].widget()
    assert isinstance(pane, ActorPane)
    # Far away from the statement first.
    window.state.scale.center_on(float(parse_date("2014-03").span_seconds()[0]))
    window.canvas.changed()
    with qtbot.waitSignal(pane.statement_chosen) as signal:
        pane.choose_statement(1)
    assert signal.args == [1]
    assert window.state.selection is not None
    assert (window.state.selection.kind, window.state.selection.rid) == (KIND_STATEMENT, 1)
    t = float(window.state.store.index.t0[window.state.row_of(window.state.selection)])
    assert window.state.scale.start <= t <= window.state.scale.end
    assert pane.highlighted == 1
    assert pane.browser.extraSelections()

    # The reverse: selecting on the timeline marks the statement in the pane and shows it.
    pane.browser.verticalScrollBar().setValue(0)
    window.canvas.select(ItemRef(KIND_STATEMENT, 2, 1))
    assert pane.highlighted == 2
    assert pane.is_shown(2)
    # Another side's statement, or an event, is not marked here.
    window.canvas.select(ItemRef(KIND_STATEMENT, 3, 4))
    assert pane.highlighted is None
    assert not pane.browser.extraSelections()


def test_pane_links_work_from_the_keyboard(qtbot, change_store):
    pane = make_pane(qtbot, change_store, 1)
    pane.browser.setFocus()
    chosen = []
    pane.statement_chosen.connect(chosen.append)
    # Tab through the links (actor links first) until a statement link is focused.
    for _ in range(10):
        qtbot.keyClick(pane.browser, Qt.Key.Key_Tab)
        anchor = pane.browser.textCursor().charFormat().anchorHref()
        if anchor.startswith("stmt:"):
            break
    assert anchor.startswith("stmt:")
    qtbot.keyClick(pane.browser, Qt.Key.Key_Return)
    assert chosen == [int(anchor[5:])]


def test_pane_timeline_date_button(qtbot, make_window, tmp_path):
    window = make_window(write_store(tmp_path / "c.parley", change_document()))
    window.open_actor_pane(1)
    pane = window.actor_docks[1].widget()
    assert pane.timeline_button.isVisibleTo(pane)
    window.state.scale.center_on(float(parse_date("2022-03-10T12:00").span_seconds()[0]))
    pane.timeline_button.click()
    assert pane.as_of == parse_date("2022-03-10")
    assert "changed:" not in pane.browser.toPlainText()


# -- choosing an actor -----------------------------------------------------------------------


def test_actor_chooser_filters_and_chooses(qtbot, small_store_path):
    store = open_store(small_store_path)
    chooser = ActorChooser(store)
    qtbot.addWidget(chooser)
    rows = chooser.shown_texts()
    # Sides first, each followed by its members, marked with their side.
    assert rows[0] == "Russia"
    assert rows[1].strip() == "Aleksandr Fomin — Russia"
    assert rows[1].startswith(" ")
    assert chooser.count.text() == "5 of 5 actors"
    qtbot.keyClicks(chooser.filter, "moscow")
    # An alias of the side finds it; the side's members do not carry that alias.
    assert chooser.shown_texts() == ["Russia"]
    assert chooser.chosen_id() == 1
    chooser.filter.clear()
    qtbot.keyClicks(chooser.filter, "russia")
    assert chooser.chosen_id() == 1
    qtbot.keyClick(chooser.filter, Qt.Key.Key_Down)
    assert chooser.chosen_id() == 2
    qtbot.keyClick(chooser.filter, Qt.Key.Key_Return)
    assert chooser.result() == chooser.DialogCode.Accepted
    store.close()


def test_choose_actor_dialog_from_the_keyboard(qtbot, small_store_path):
    store = open_store(small_store_path)
    parent = QWidget()
    qtbot.addWidget(parent)

    def type_and_enter():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ActorChooser)
        qtbot.keyClicks(dialog.filter, "podol")
        qtbot.keyClick(dialog.filter, Qt.Key.Key_Return)

    QTimer.singleShot(0, type_and_enter)
    assert choose_actor(parent, store) == 4

    def cancel():
        dialog = QApplication.activeModalWidget()
        qtbot.keyClick(dialog.filter, Qt.Key.Key_Escape)

    QTimer.singleShot(0, cancel)
    assert choose_actor(parent, store) is None
    store.close()


# -- the matrix ------------------------------------------------------------------------------


def make_matrix(qtbot, store):
    holder = QWidget()
    holder.store = store
    qtbot.addWidget(holder)
    dialog = MatrixDialog(holder, store)
    qtbot.addWidget(dialog)
    return dialog


def test_matrix_at_two_dates(qtbot, change_store):
    dialog = make_matrix(qtbot, change_store)
    # Default: the latest date in the store.
    assert dialog.date_edit.text() == "2022-03-20"
    assert [a.name for a in dialog.rows] == ["Northland", "Southland"]
    assert dialog.cell_text(1, 1) == "▼ opposes"
    assert dialog.cell_text(3, 2) == "○ skeptical"
    assert dialog.cell_text(3, 1) == "? unknown"
    assert dialog.cell_text(1, 2) == "? unknown"
    dialog.date_edit.setText("2022-03-10")
    qtbot.keyClick(dialog.date_edit, Qt.Key.Key_Return)
    assert dialog.cell_text(1, 1) == "▲ supports"
    dialog.set_as_of(parse_date("2022-03-02"))
    assert dialog.cell_text(1, 1) == "▲ supports"
    assert dialog.cell_text(3, 2) == "? unknown"
    dialog.set_as_of(parse_date("2022-02"))
    assert dialog.cell_text(1, 1) == "? unknown"
    # Unknown is not neutral: another colour and word.
    model = dialog.model
    unknown = model.index(0, 0)
    assert model.data(unknown) == "? unknown"
    assert model.data(unknown, Qt.ItemDataRole.BackgroundRole).style() == Qt.BrushStyle.BDiagPattern
    dialog.latest_button.click()
    assert dialog.cell_text(1, 1) == "▼ opposes"
    # Tooltips are escaped HTML: the summary's markup is text.
    tip = model.data(model.index(1, 1), Qt.ItemDataRole.ToolTipRole)
    assert "&lt;i&gt;doubts&lt;/i&gt; trade" in tip
    dialog.date_edit.setText("someday")
    assert not dialog.apply_date_text()
    assert "someday" in dialog.message.text()


def test_matrix_cell_lists_statements_and_all_actors(qtbot, change_store):
    dialog = make_matrix(qtbot, change_store)
    dialog.set_current(0, 0)
    assert dialog.statement_texts() == [
        "20 Mar 2022 · ▼ opposes · Ana Ek: She said the ceasefire was dead.",
        "1 Mar 2022 · ▲ supports · Ana Ek: “We back the ceasefire.”",
    ]
    dialog.set_as_of(parse_date("2022-03-10"))
    assert len(dialog.statement_texts()) == 1
    dialog.set_current(0, 1)
    assert dialog.statement_texts() == []
    assert "unknown" in dialog.cell_label.text()
    dialog.actors_box.setChecked(True)
    assert [a.name for a in dialog.rows] == ["Northland", "Ana Ek", "Southland"]
    assert dialog.cell_text(2, 1) == "▲ supports"


def test_matrix_in_the_window_selects_on_the_timeline(qtbot, make_window, small_store_path):
    window = make_window(small_store_path)
    window.actions_by_name["matrix"].trigger()
    dialog = window.matrix_dialog
    assert dialog is open_matrix(window)  # one per window, raised again
    assert not dialog.isModal()
    assert dialog.isVisible()
    assert [a.name for a in dialog.rows] == ["Russia", "Turkey", "Ukraine"]
    kyiv = next(t for t in window.store.topics() if t.name == "Kyiv")
    assert dialog.cell_text(1, kyiv.id) == "▲ supports"
    assert dialog.cell_text(5, kyiv.id) == "? unknown"
    # The timeline's centre date drives the matrix.
    window.state.scale.center_on(float(parse_date("2022-03-10").span_seconds()[0]))
    dialog.timeline_button.click()
    assert dialog.as_of == parse_date("2022-03-10")
    assert dialog.cell_text(1, kyiv.id) == "▼ opposes"
    # Activating a statement behind a cell selects it on the timeline.
    dialog.latest_button.click()
    column = [t.id for t in window.store.topics()].index(kyiv.id)
    dialog.set_current(0, column)
    assert dialog.statement_ids == [1, 2]
    dialog.statements.setCurrentIndex(dialog.statement_model.index(0, 0))
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    dialog.statements.setFocus()
    qtbot.keyClick(dialog.statements, Qt.Key.Key_Return)
    assert window.state.selection is not None
    assert (window.state.selection.kind, window.state.selection.rid) == (KIND_STATEMENT, 1)
