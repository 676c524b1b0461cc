"""Corroboration in the app: no import reaches the built-in store, the date is the article's
or the user's, sources and versions are shown, filtered and imported many at once."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from db.default_store import ensure_default_store, make_own_store
from db.timeindex import KIND_STATEMENT
from extractor.articles import import_article_file

ARTICLES = Path(__file__).resolve().parents[1] / "data" / "corroboration"
FULL, REPORTED, SPELLING, OTHER = (
    ARTICLES / f"grid-{name}.txt" for name in ("full", "reported", "spelling", "other-speaker")
)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def window(qtbot):
    from viewer.main_window import MainWindow

    w = MainWindow()
    w.setProperty("quiet_errors", True)
    qtbot.addWidget(w)
    w.show()
    return w


def open_in(qtbot, window, path: Path) -> None:
    window.open_path(path)
    qtbot.waitUntil(lambda: window.path == path and window.state is not None, timeout=5000)


@pytest.fixture
def grid_store(tmp_path) -> Path:
    store = tmp_path / "grid.parley"
    for article in (FULL, REPORTED, SPELLING, OTHER):
        import_article_file(article, store)
    return store


def article_dialog(qtbot, window, text: str):
    from viewer.import_dialogs import ArticleDialog

    dialog = ArticleDialog(window)
    qtbot.addWidget(dialog)
    dialog.text.setPlainText(text)
    return dialog


def answer_own_store_dialog(qtbot, path: Path | None, empty: bool = False) -> None:
    """When the offer to make a store appears, fill it in and accept (None: cancel)."""

    def answer() -> None:
        from viewer.import_dialogs import OwnStoreDialog

        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, OwnStoreDialog):
            QTimer.singleShot(20, answer)
            return
        if path is None:
            qtbot.keyClick(dialog, Qt.Key.Key_Escape)
            return
        dialog.path.setText(str(path))
        (dialog.empty if empty else dialog.copy).setChecked(True)
        dialog.make_button.click()

    QTimer.singleShot(20, answer)


def test_an_import_into_the_default_store_declined_writes_nothing(qtbot, window):
    default = ensure_default_store()
    open_in(qtbot, window, default)
    before = sha(default)
    dialog = article_dialog(qtbot, window, FULL.read_text(encoding="utf-8"))
    assert dialog.find()
    answer_own_store_dialog(qtbot, None)
    dialog.import_()
    assert sha(default) == before
    assert window.path == default


def test_an_import_into_the_default_store_goes_to_a_new_store_of_ones_own(
    qtbot, window, tmp_path, seed_text
):
    from viewer.timeline.state import TimelineState

    default = ensure_default_store()
    open_in(qtbot, window, default)
    before = sha(default)
    order = TimelineState(window.store).side_order
    statements = len(window.store.statements_by(a.id for a in window.store.actors()))
    dialog = article_dialog(qtbot, window, seed_text)
    dialog.published.setText("2022-03-29")
    dialog.outlet.setText("RFE/RL")
    assert dialog.find()
    mine = tmp_path / "mine.parley"
    answer_own_store_dialog(qtbot, mine)
    dialog.import_()
    assert sha(default) == before  # the built-in store is untouched
    qtbot.waitUntil(lambda: window.path == mine and window.state is not None, timeout=5000)
    store = window.store
    assert len(store.statements_by(a.id for a in store.actors())) == statements  # no doubles
    assert len(store.corroboration.source_counts()) >= 30  # appearances instead
    now = TimelineState(store).side_order
    assert {side: now[side] for side in order} == order  # same sides, order and colours


def test_the_empty_choice_makes_an_empty_store(qtbot, window, tmp_path):
    default = ensure_default_store()
    open_in(qtbot, window, default)
    dialog = article_dialog(qtbot, window, FULL.read_text(encoding="utf-8"))
    assert dialog.find()
    mine = tmp_path / "empty.parley"
    answer_own_store_dialog(qtbot, mine, empty=True)
    dialog.import_()
    qtbot.waitUntil(lambda: window.path == mine and window.state is not None, timeout=5000)
    assert [a.name for a in window.store.actors() if a.kind == "person"] == [
        "Mykhaylo Kovalenko"
    ]


def test_published_is_never_prefilled_with_today(qtbot, window, tmp_path):
    open_in(qtbot, window, make_own_store(tmp_path / "s.parley", with_content=False))
    undated = '"We will talk again," Foreign Minister Ana Ruiz of Spain said on Monday.\n'
    dialog = article_dialog(qtbot, window, undated)
    assert dialog.published.text() == ""
    assert not dialog.find()
    assert "type its publication date" in dialog.message.text()
    assert not dialog.import_button.isEnabled()
    dated = article_dialog(qtbot, window, FULL.read_text(encoding="utf-8"))
    assert dated.find()
    assert dated.published.text() == "2023-05-04"  # read from the dateline
    assert dt.date.today().isoformat() not in {dated.published.text(), dialog.published.text()}


def test_details_list_every_source_and_the_disputed_version(qtbot, window, grid_store):
    open_in(qtbot, window, grid_store)
    store = window.store
    kovalenko = next(a for a in store.actors() if a.name == "Mykhaylo Kovalenko")
    statement = store.statements_by([kovalenko.id])[0]
    window.select_item(KIND_STATEMENT, statement.id, center=True)
    shown = window.details.toPlainText()
    assert "Printed by 3 sources" in shown
    # the reported printing's quoted fragment, a direct statement of its own words
    assert "\u201crestored every high-voltage line that was damaged\u201d" in shown
    assert "Disputed: other versions" in shown
    assert "the same words from Denys Shmyhal and from Mykhaylo Kovalenko" in shown
    html = window.details.toHtml()
    assert "underline" in html  # the words that differ are marked
    window.details.grab().save(str(grid_store.with_suffix(".details.png")))


def test_filters_show_only_corroborated_or_disputed_statements(qtbot, window, grid_store):
    open_in(qtbot, window, grid_store)
    state = window.state
    assert state.keep is None
    qtbot.mouseClick(window.filters.several_sources, Qt.MouseButton.LeftButton)
    assert int(state.keep.sum()) == 1  # Kovalenko's statement, printed three times
    qtbot.mouseClick(window.filters.several_sources, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.filters.disputed, Qt.MouseButton.LeftButton)
    assert int(state.keep.sum()) == 2  # both versions
    marks = window.store.corroboration.marks()
    assert max(marks.sources.tolist()) == 3 and int(marks.variant.sum()) == 2


def test_the_timeline_shows_the_source_count_and_the_variant_sign(qtbot, window, grid_store):
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QFont, QImage, QPainter

    from viewer.theme import fixed_theme
    from viewer.timeline.marks import VARIANT_COLOR, paint_corroboration

    theme = fixed_theme("light")
    image = QImage(60, 40, QImage.Format.Format_ARGB32)
    image.fill(theme.background)
    painter = QPainter(image)
    paint_corroboration(painter, QPointF(20, 22), 3, True, theme, QFont())
    painter.end()
    drawn = {image.pixelColor(x, y).name() for x in range(60) for y in range(40)}
    assert VARIANT_COLOR.name() in drawn and theme.text.name() in drawn
    plain = QImage(60, 40, QImage.Format.Format_ARGB32)
    plain.fill(theme.background)
    painter = QPainter(plain)
    paint_corroboration(painter, QPointF(20, 22), 0, False, theme, QFont())
    painter.end()
    assert {plain.pixelColor(x, y).name() for x in range(60) for y in range(40)} == {
        theme.background.name()
    }
    open_in(qtbot, window, grid_store)
    window.grab().save(str(grid_store.with_suffix(".window.png")))


def test_several_articles_import_with_a_progress_bar(qtbot, window, tmp_path):
    from viewer.batch_import import BatchImportDialog

    store = make_own_store(tmp_path / "batch.parley", with_content=False)
    open_in(qtbot, window, store)
    dialog = BatchImportDialog(window, store)
    qtbot.addWidget(dialog)
    dialog.add_files([str(FULL), str(REPORTED), str(SPELLING), str(FULL)])
    assert dialog.files.count() == 3  # once each
    dialog.start()
    qtbot.waitUntil(lambda: not dialog.running() and dialog.bar.value() == 3, timeout=30000)
    lines = dialog.log.toPlainText().splitlines()
    assert len(lines) == 3 and "published 2023-05-04" in lines[0]
    qtbot.waitUntil(lambda: window.store is not None and len(window.store.index) == 1,
                    timeout=5000)
    assert window.store.corroboration.source_counts() == {
        window.store.index.rid[0].item(): 3
    }
