"""Viewing never changes the store: byte-identical, same mtime, no journal or new files.

Writing happens only on an explicit import, in one transaction: a failing import leaves
the file byte-identical too.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import importlib.util
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from robust_corpus import build, real_store

from db import errors
from db.importer import import_document
from viewer.main_window import MainWindow


def snapshot(path: Path) -> tuple[str, int, list[str]]:
    """(sha256, mtime in ns, names in the folder)."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return digest, os.stat(path).st_mtime_ns, sorted(p.name for p in path.parent.iterdir())


def stores(folder: Path) -> dict[str, Path]:
    """A store the importer wrote (with FTS) and one another program wrote (without)."""
    (folder / "imported").mkdir(parents=True, exist_ok=True)
    imported = real_store(folder / "imported")
    plain = build("right-to-left", folder / "plain")
    return {"imported": imported, "plain": plain}


@pytest.mark.parametrize("kind", ["imported", "plain"])
def test_viewing_changes_nothing(kind, tmp_path, qtbot):
    path = stores(tmp_path)[kind]
    before = snapshot(path)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings)
    window.setProperty("quiet_errors", True)
    qtbot.addWidget(window)
    window.show()
    window.open_path(path)
    qtbot.waitUntil(lambda: window.state is not None, timeout=20000)
    window.canvas.grab()
    for _ in range(5):
        window.actions_by_name["next_item_all"].trigger()
    window.actions_by_name["zoom_in"].trigger()
    window.actions_by_name["zoom_fit"].trigger()
    window.actions_by_name["last_item"].trigger()
    window.search.box.setText("a")
    window.search.run()
    window.actions_by_name["find_next"].trigger()
    window.search.box.setText("talks Kyiv")
    window.search.run()
    if importlib.util.find_spec("viewer.panes.actor_pane") is not None:
        for actor in window.store.actors()[:3]:
            window.open_actor_pane(actor.id)
    if importlib.util.find_spec("viewer.export.render") is not None:
        from viewer.export.render import export_timeline

        out = tmp_path / "exports"
        out.mkdir()
        export_timeline(window.state, out / "x.png")
        export_timeline(window.state, out / "x.svg")
    window.actions_by_name["problems"].trigger()
    assert snapshot(path) == before  # also while it is open: nothing beside it
    window.close()
    window.store.close()
    gc.collect()
    assert snapshot(path) == before


@pytest.mark.parametrize("kind", ["imported", "plain"])
def test_commands_change_nothing(kind, tmp_path, capsys):
    """validate, stats, dump and export (in this process) only read."""
    from viewer.cli import main

    path = stores(tmp_path)[kind]
    before = snapshot(path)
    out = tmp_path / "out"
    out.mkdir()
    assert main(["validate", str(path)]) in (0, 1)
    assert main(["stats", str(path)]) == 0
    assert main(["stats", "--json", str(path)]) == 0
    assert main(["dump", str(path), "-o", str(out / "dump.json")]) == 0
    if importlib.util.find_spec("viewer.export.headless") is not None:
        assert main(["export", str(path), str(out / "x.png"), "--width", "900"]) == 0
    gc.collect()
    assert snapshot(path) == before


BAD_LAST = {
    "actors": [{"name": "New speaker", "kind": "person"}],
    "statements": [
        {"actor": "New speaker", "said": "2022-03-30", "text": "A fine statement."},
        {"actor": "New speaker", "said": "the day after", "text": "A bad date, last."},
    ],
}


@pytest.mark.parametrize("kind", ["imported", "plain"])
def test_failing_import_changes_nothing(kind, tmp_path):
    """The bad record comes last: everything before it was written, then rolled back."""
    path = stores(tmp_path)[kind]
    before = snapshot(path)
    with pytest.raises(errors.ImportProblem) as caught:
        import_document(path, {"parley": 1, **BAD_LAST}, "bad.json")
    assert "statements[1].said" in str(caught.value)
    assert snapshot(path) == before


def test_failing_import_creates_no_store(tmp_path):
    path = tmp_path / "new.parley"
    with pytest.raises(errors.ImportProblem):
        import_document(path, {"parley": 1, **BAD_LAST}, "bad.json")
    assert list(tmp_path.iterdir()) == []


def test_import_into_a_locked_store_is_a_clear_error_and_changes_nothing(tmp_path):
    import sqlite3

    path = stores(tmp_path)["plain"]
    before = snapshot(path)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(errors.StoreError) as caught:
            import_document(path, {"parley": 1, **BAD_LAST}, "x.json")
        assert str(path) in str(caught.value) and "locked" in str(caught.value)
    finally:
        with contextlib.suppress(sqlite3.Error):
            holder.execute("ROLLBACK")
        holder.close()
    assert snapshot(path)[:1] == before[:1]


def test_import_into_a_store_another_program_wrote(tmp_path):
    """Contract columns only, no keys, no full-text tables: the import adds what Parley
    needs and the records, in one go; the title stays."""
    from db.api import open_store

    path = stores(tmp_path)["plain"]
    with open_store(path) as store:
        title, before = store.title, len(store.index)
    document = {"parley": 1, "meta": {"title": "Other"}, **BAD_LAST}
    document["statements"] = BAD_LAST["statements"][:1]
    report = import_document(path, document, "good.json")
    assert report.added["statements"] == 1
    with open_store(path) as store:
        assert store.title == title
        assert len(store.index) == before + 1
        assert [h.id for h in store.search("fine statement")]
