"""File → Import article: the preview lists what was found, edits and unticks apply."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from db.api import open_store

pytest.importorskip("extractor")

ARTICLE = (
    "Turkish Foreign Minister Mevlut Cavusoglu said on Tuesday that the talks had made "
    '"meaningful progress."\n\n'
    '"We are ready to host the next round," Cavusoglu told reporters in Istanbul.\n\n'
    "Russian Deputy Defense Minister Aleksandr Fomin said Moscow would reduce military "
    "activity near Kyiv.\n"
)


@pytest.fixture
def window(qtbot, small_store_path):
    from viewer.main_window import MainWindow

    w = MainWindow()
    w.setProperty("quiet_errors", True)
    qtbot.addWidget(w)
    w.show()
    w.open_path(small_store_path)
    qtbot.waitUntil(lambda: w.state is not None, timeout=5000)
    return w


def test_article_preview_review_and_import(qtbot, window, small_store_path):
    from viewer.import_dialogs import COL_KEEP, COL_SPEAKER, COL_TEXT, ArticleDialog

    dialog = ArticleDialog(window)
    qtbot.addWidget(dialog)
    dialog.text.setPlainText(ARTICLE)
    dialog.published.setText("2022-03-30")
    assert dialog.find()
    rows = dialog.table.rowCount()
    assert rows >= 2
    texts = [dialog.table.item(r, COL_TEXT).text() for r in range(rows)]
    ready = next(r for r, t in enumerate(texts) if "ready to host" in t)
    assert "Cavusoglu" in dialog.table.item(ready, COL_SPEAKER).text()
    # The sentence a statement came from is shown with the statement highlighted.
    dialog.table.setCurrentCell(ready, COL_TEXT)
    assert "ready to host the next round" in dialog.context.toPlainText()
    # Untick every other row, and correct the speaker of the one kept.
    for r in range(rows):
        if r != ready:
            dialog.table.item(r, COL_KEEP).setCheckState(Qt.CheckState.Unchecked)
    dialog.table.item(ready, COL_SPEAKER).setText("Mevlüt Çavuşoğlu")
    before = len(
        open_store(small_store_path).statements_by(
            a.id for a in open_store(small_store_path).actors()
        )
    )
    dialog.import_()
    store = open_store(small_store_path)
    said = store.statements_by(a.id for a in store.actors())
    assert len(said) == before + 1
    new = [s for s in said if "ready to host" in s.text]
    assert store.actor(new[0].actor_id).name == "Mevlüt Çavuşoğlu"


def test_bad_published_date_is_reported(qtbot, window):
    from viewer.import_dialogs import ArticleDialog

    dialog = ArticleDialog(window)
    qtbot.addWidget(dialog)
    dialog.text.setPlainText(ARTICLE)
    dialog.published.setText("the 45th of Smarch")
    assert not dialog.find()
    assert "Published" in dialog.message.text()
    assert not dialog.import_button.isEnabled()


def test_an_imported_statement_is_shown_in_its_source_paragraph(qtbot, window, tmp_path):
    from db.importer import import_document
    from db.timeindex import KIND_STATEMENT
    from extractor import extract

    path = tmp_path / "article.parley"
    import_document(path, extract(ARTICLE, "2022-03-30"), "article")
    window.open_path(path)
    qtbot.waitUntil(lambda: window.path == path and window.state is not None, timeout=5000)
    store = window.store
    ready = next(
        s for s in store.statements_by(a.id for a in store.actors()) if "ready to host" in s.text
    )
    window.select_item(KIND_STATEMENT, ready.id, center=True)
    shown = window.details.toPlainText()
    assert "In the source" in shown
    assert "Cavusoglu told reporters in Istanbul" in shown  # the words around the quotation
