"""The time index kept in the store by Parley's writers: used while no other program has
written, never after; damaged or stale ones are ignored; viewing never writes."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from index_reference import from_rows, same_index

from db import embedindex, indexcache, timeindex
from db.api import open_store
from db.importer import import_document
from db.synth import write_synthetic
from viewer.cli import EXIT_ERROR, EXIT_OK, EXIT_PROBLEMS, main


@pytest.fixture(scope="module")
def kept(tmp_path_factory):
    """A synthetic store large enough (for this test) to keep its index."""
    path = tmp_path_factory.mktemp("embed") / "kept.parley"
    patch = pytest.MonkeyPatch()
    patch.setattr(embedindex, "MIN_ROWS", 100)
    try:
        write_synthetic(path, 800, seed=4)
    finally:
        patch.undo()
    return path


@pytest.fixture
def store(kept, tmp_path):
    path = tmp_path / "store.parley"
    shutil.copy(kept, path)
    return path


def _no_scan(monkeypatch):
    monkeypatch.setattr(timeindex, "_build", lambda *args: pytest.fail("read every row"))


def _opened_from_rows(path, monkeypatch):
    """The index open_store gives, asserting it was read from the rows."""
    read = []
    build = timeindex._build
    with monkeypatch.context() as m:
        m.setattr(timeindex, "_build", lambda *args: read.append(1) or build(*args))
        index = open_store(path).index
    assert read, "the stale index was used"
    return index


def _write(path, *sql):
    conn = sqlite3.connect(path)
    for statement in sql:
        conn.execute(statement)
    conn.commit()
    conn.close()


def test_a_new_large_store_opens_from_its_own_index(store, monkeypatch):
    expected = from_rows(store, monkeypatch)
    before = store.read_bytes()
    _no_scan(monkeypatch)
    opened = open_store(store).index
    same_index(opened, expected)
    assert store.read_bytes() == before  # viewing never writes
    assert not list(indexcache.cache_dir().glob("*.pix"))  # nothing cached beside it


def test_the_next_open_maps_the_cache_entry_made_from_it(store, monkeypatch):
    expected = from_rows(store, monkeypatch)
    monkeypatch.setattr(timeindex, "CACHE_MIN_ROWS", 100)
    _no_scan(monkeypatch)
    same_index(open_store(store).index, expected)
    embedindex.settle()
    assert len(list(indexcache.cache_dir().glob("*.pix"))) == 1
    with monkeypatch.context() as m:
        m.setattr(embedindex, "load", lambda conn: pytest.fail("read the store's blobs"))
        warm = open_store(store).index
    same_index(warm, expected)
    assert not warm.t0.flags.writeable  # the mapped entry
    _write(store, "DELETE FROM statements WHERE id = 2")  # stale: both the entry and its own
    monkeypatch.undo()
    assert len(_opened_from_rows(store, monkeypatch)) == len(expected) - 1


def test_small_stores_keep_no_index(tmp_path):
    path = tmp_path / "small.parley"
    write_synthetic(path, 300, seed=1)
    conn = sqlite3.connect(path)
    assert embedindex.STATE not in {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}


@pytest.mark.parametrize(
    "sql",
    [
        "INSERT INTO statements(actor_id, said, precision, text, kind) "
        "VALUES (1, '2031-05-01', 'day', 'later words', 'direct')",
        "UPDATE statements SET said = '1999-01-01', said_ts = NULL WHERE id = 3",
        "DELETE FROM statements WHERE id = 5",
        "UPDATE events SET start = '1990-02', start_ts = NULL, precision = 'month' "
        "WHERE id = (SELECT min(id) FROM events)",
        "DELETE FROM events WHERE id = (SELECT max(id) FROM events)",
        "DELETE FROM event_actors WHERE rowid = 1",
        "INSERT INTO event_actors(event_id, actor_id) "
        "SELECT min(e.id), (SELECT max(id) FROM actors) FROM events e",
    ],
)
def test_any_row_another_program_writes_makes_it_stale(store, monkeypatch, sql):
    open_store(store)
    _write(store, sql)
    same_index(_opened_from_rows(store, monkeypatch), from_rows(store, monkeypatch))


@pytest.mark.parametrize(
    "sql",
    [
        # pandas' to_sql(if_exists="replace") and sqlite-utils' transform: a new table
        ["CREATE TABLE s2 AS SELECT * FROM statements", "DROP TABLE statements",
         "ALTER TABLE s2 RENAME TO statements",
         "INSERT INTO statements(id, actor_id, said, precision, text, kind) "
         "VALUES (900001, 1, '2031-05-01', 'day', 'x', 'direct')"],
        # a trigger dropped, then a row written without it
        ["DROP TRIGGER parley_index_statements_delete", "DELETE FROM statements WHERE id = 7"],
        # a column added (the rows as they were)
        ["ALTER TABLE events ADD COLUMN note TEXT"],
    ],
)
def test_a_schema_change_makes_it_stale(store, monkeypatch, sql):
    _write(store, *sql)
    same_index(_opened_from_rows(store, monkeypatch), from_rows(store, monkeypatch))


def test_a_file_replaced_by_another_store_is_read_as_that_store(store, tmp_path, monkeypatch):
    other = tmp_path / "other.parley"
    monkeypatch.setattr(embedindex, "MIN_ROWS", 100)
    write_synthetic(other, 900, seed=9)
    open_store(store)
    os.replace(other, store)
    expected = from_rows(store, monkeypatch)
    _no_scan(monkeypatch)
    same_index(open_store(store).index, expected)


def test_a_read_only_store_opens_from_its_index(store, monkeypatch):
    expected = from_rows(store, monkeypatch)
    store.chmod(stat.S_IRUSR)
    try:
        before = store.read_bytes()
        with monkeypatch.context() as m:
            _no_scan(m)
            same_index(open_store(store).index, expected)
        assert store.read_bytes() == before
    finally:
        store.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_a_read_only_store_with_a_stale_index_is_read_row_by_row(store, monkeypatch):
    _write(store, "DELETE FROM statements WHERE id = 11")
    store.chmod(stat.S_IRUSR)
    try:
        before = store.read_bytes()
        same_index(_opened_from_rows(store, monkeypatch), from_rows(store, monkeypatch))
        assert store.read_bytes() == before
    finally:
        store.chmod(stat.S_IRUSR | stat.S_IWUSR)


@pytest.mark.parametrize(
    "sql",
    [
        # a byte changed in a blob (Parley's own table: no trigger fires)
        "UPDATE parley_index SET data = CAST(substr(data, 1, 40) || X'07' || "
        "substr(data, 42) AS BLOB) WHERE name = 'actor'",
        "UPDATE parley_index SET data = substr(data, 1, length(data) - 8) WHERE name = 't1'",
        "DELETE FROM parley_index WHERE name = 'rid'",
        "UPDATE parley_index SET data = 'text' WHERE name = 'kind'",
        "UPDATE parley_index_state SET header = '{not json'",
        "UPDATE parley_index_state SET header = NULL",
        "UPDATE parley_index_state SET built = built - 1",
    ],
)
def test_a_damaged_index_is_ignored(store, monkeypatch, sql):
    _write(store, sql)
    same_index(_opened_from_rows(store, monkeypatch), from_rows(store, monkeypatch))


def test_unsorted_columns_with_a_right_checksum_are_ignored(store, monkeypatch):
    conn = sqlite3.connect(store)
    header = json.loads(conn.execute("SELECT header FROM parley_index_state").fetchone()[0])
    (blob,) = conn.execute("SELECT data FROM parley_index WHERE name = 't0'").fetchone()
    backwards = blob[::-1]  # every byte reversed: not times in order
    header["columns"]["t0"][2] = [zlib.crc32(backwards)]
    conn.execute("UPDATE parley_index SET data = ? WHERE name = 't0'", (backwards,))
    conn.execute("UPDATE parley_index_state SET header = ?", (json.dumps(header),))
    conn.commit()
    conn.close()
    same_index(_opened_from_rows(store, monkeypatch), from_rows(store, monkeypatch))


IMPORTED = {
    "actors": [{"id": "a", "name": "Ada Writer", "kind": "person"}],
    "statements": [{"actor": "a", "said": "2032-07-04", "text": "An imported statement."}],
    "events": [{"title": "An imported event", "start": "2032-07-05", "actors": ["a"]}],
}


def test_parley_import_keeps_the_index_current(store, tmp_path, monkeypatch):
    document = tmp_path / "more.json"
    document.write_text(json.dumps(IMPORTED))
    assert main(["import", str(document), "--into", str(store)]) == EXIT_OK
    expected = from_rows(store, monkeypatch)
    _no_scan(monkeypatch)
    opened = open_store(store).index
    same_index(opened, expected)
    assert opened.t0.max() == expected.t0.max() > 1956528000  # 2032: the new rows


def test_an_import_in_the_app_leaves_it_stale_and_the_rows_are_read(store, monkeypatch):
    import_document(store, IMPORTED)  # (one article at a time: no rebuild after each)
    opened = _opened_from_rows(store, monkeypatch)
    same_index(opened, from_rows(store, monkeypatch))
    assert opened.t0.max() > 1956528000


def test_parley_import_into_a_store_without_one_adds_none(tmp_path):
    path, document = tmp_path / "plain.parley", tmp_path / "doc.json"
    document.write_text(json.dumps(IMPORTED))
    assert main(["import", str(document), "--into", str(path)]) == EXIT_OK
    conn = sqlite3.connect(path)
    assert embedindex.STATE not in {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}


def _contract_store(path):
    """A store another program wrote: the contract's tables only, ISO text dates."""
    sys.path.insert(0, str(Path(__file__).parents[2] / "bench"))
    try:
        from fuzz_store import CONTRACT_DDL
    finally:
        sys.path.pop(0)
    conn = sqlite3.connect(path)
    conn.executescript(CONTRACT_DDL)
    conn.executemany("INSERT INTO meta VALUES (?, ?)", [("schema_version", "1")])
    conn.execute("INSERT INTO actors(id, name, kind) VALUES (1, 'Ada', 'person')")
    conn.executemany(
        "INSERT INTO statements(id, actor_id, said, precision, text, kind) "
        "VALUES (?, 1, ?, 'day', 'words', 'direct')",
        [(i, f"2020-{1 + i % 12:02}-{1 + i % 28:02}") for i in range(1, 400)],
    )
    conn.commit()
    conn.close()


def test_optimize_keeps_the_index_of_another_programs_store(tmp_path, monkeypatch, capsys):
    path = tmp_path / "foreign.sqlite"
    _contract_store(path)
    expected = from_rows(path, monkeypatch)
    assert main(["optimize", str(path)]) == EXIT_OK
    assert "399 timeline items" in capsys.readouterr().out
    with monkeypatch.context() as m:
        _no_scan(m)
        same_index(open_store(path).index, expected)
    _write(path, "INSERT INTO statements(id, actor_id, said, precision, text, kind) "
           "VALUES (1000, 1, '2021-01-01', 'day', 'more', 'direct')")
    assert len(_opened_from_rows(path, monkeypatch)) == len(expected) + 1


ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.mark.skipif(ROOT, reason="root writes a read-only file anyway")
def test_optimize_refuses_a_file_it_cannot_write(tmp_path, capsys):
    path = tmp_path / "foreign.sqlite"
    _contract_store(path)
    before = path.read_bytes()
    path.chmod(stat.S_IRUSR)
    try:
        assert main(["optimize", str(path)]) == EXIT_ERROR
    finally:
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(path) in err and "Traceback" not in err
    assert path.read_bytes() == before


def test_optimize_refuses_what_is_not_a_store(tmp_path, capsys):
    text = tmp_path / "notes.txt"
    text.write_text("not a store")
    assert main(["optimize", str(text)]) == EXIT_ERROR
    assert "not an SQLite database" in capsys.readouterr().err


def test_optimize_keeps_no_index_when_rows_cannot_be_read(tmp_path, monkeypatch, capsys):
    path = tmp_path / "foreign.sqlite"
    _contract_store(path)
    _write(path, "UPDATE statements SET said = 'sometime' WHERE id = 4")
    assert main(["optimize", str(path)]) == EXIT_PROBLEMS
    assert "cannot be read" in capsys.readouterr().err
    assert embedindex.load(sqlite3.connect(path)) is None
    assert len(_opened_from_rows(path, monkeypatch)) == 398


def test_sqlite_memory_statistics_are_off_only_when_nothing_is_open(tmp_path):
    script = (
        "import sqlite3, sys\n"
        "held = sqlite3.connect(':memory:') if sys.argv[1] == 'open' else None\n"
        "from db import sqlitetune\n"
        "print(sqlitetune.quiet_memory_stats())\n"
        "conn = held or sqlite3.connect(':memory:')\n"
        "print(conn.execute('SELECT 6 * 7').fetchone()[0])\n"
    )
    for state, expected in (("none", "True\n42\n"), ("open", "False\n42\n")):
        done = subprocess.run(
            [sys.executable, "-c", script, state], capture_output=True, text=True, check=True
        )
        assert done.stdout == expected


def test_optimize_again_writes_the_current_index_as_it_is(store, monkeypatch, capsys):
    expected = from_rows(store, monkeypatch)
    _no_scan(monkeypatch)
    assert main(["optimize", str(store)]) == EXIT_OK
    assert f"{len(expected):,} timeline items" in capsys.readouterr().out
    same_index(open_store(store).index, expected)


def test_columns_of_several_blobs_read_back_whole(store, monkeypatch):
    expected = from_rows(store, monkeypatch)
    monkeypatch.setattr(embedindex, "PART_ROWS", 128)
    assert main(["optimize", str(store)]) == EXIT_OK
    with monkeypatch.context() as m:
        _no_scan(m)
        same_index(open_store(store).index, expected)
    # two blobs of a column swapped (each whole): not trusted
    conn = sqlite3.connect(store)
    rows = conn.execute("SELECT id, data FROM parley_index WHERE name = 'rid' ORDER BY id")
    (first_id, first), (second_id, second) = rows.fetchmany(2)
    conn.execute("UPDATE parley_index SET data = ? WHERE id = ?", (second, first_id))
    conn.execute("UPDATE parley_index SET data = ? WHERE id = ?", (first, second_id))
    conn.commit()
    conn.close()
    same_index(_opened_from_rows(store, monkeypatch), expected)


def test_optimize_never_writes_the_default_store(capsys):
    from db.default_store import ensure_default_store

    path = ensure_default_store()
    before = path.read_bytes()
    assert main(["optimize", str(path)]) == EXIT_ERROR
    assert "default store" in capsys.readouterr().err
    assert path.read_bytes() == before
