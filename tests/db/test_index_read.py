"""Stores another program wrote (the contract only: no time columns, indexes or full-text
tables): the index read in bulk equals SQLite's join with every date read row by row,
problems included, and the file is never changed."""

from __future__ import annotations

import sqlite3

import pytest
from index_reference import join_in_sqlite, same_index

from db import timeindex
from db.api import open_store
from db.model import MATCH_START
from db.store import SQLiteStore
from db.synth import write_synthetic

#: How the contract's tables are declared: sqlite-utils style (an integer primary key),
#: pandas style (no key at all) and WITHOUT ROWID.
STYLES = {
    "sqlite-utils": ("id INTEGER PRIMARY KEY", ""),
    "pandas": ("id", ""),
    "without-rowid": ("id INTEGER NOT NULL PRIMARY KEY", " WITHOUT ROWID"),
}
COLUMNS = {
    "meta": "key, value",
    "sources": "{id}, title, outlet, url, published",
    "actors": "{id}, name, kind, parent_id, aliases",
    "topics": "{id}, name, description",
    "events": '{id}, title, description, start, "end", precision, approximate, location, '
    "source_id",
    "event_actors": "event_id, actor_id, role",
    "statements": "{id}, actor_id, said, precision, approximate, text, kind, topic_id, "
    "stance, summary, source_id, event_id",
}


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    path = tmp_path_factory.mktemp("contract") / "synth.db"
    write_synthetic(path, 3000, seed=11)
    return path


def write_contract(source, path, style: str, odd_rows: bool = False):
    """The synthetic store's rows in a new file holding the contract's columns only."""
    key, suffix = STYLES[style]
    conn = sqlite3.connect(path)
    for table, columns in COLUMNS.items():
        declared = columns.format(id=key)
        rowid = suffix if "{id}" in columns else ""
        conn.execute(f"CREATE TABLE {table} ({declared}){rowid}")
    conn.execute("ATTACH DATABASE ? AS src", (str(source),))
    for table, columns in COLUMNS.items():
        names = columns.format(id="id")
        conn.execute(f"INSERT INTO main.{table} ({names}) SELECT {names} FROM src.{table}")
    conn.commit()
    conn.execute("DETACH DATABASE src")
    if odd_rows:
        _add_odd_rows(conn, style)
    conn.commit()
    conn.close()
    return path


def _add_odd_rows(conn, style: str) -> None:
    """Dates only the row parser reads, unreadable dates, a space separator, ends."""
    conn.execute("UPDATE statements SET said = replace(said, 'T', ' ') WHERE id % 3 = 0")
    conn.execute("UPDATE statements SET said = 'c. ' || said WHERE id % 17 = 0")
    conn.execute("UPDATE statements SET said = '29 March 2022' WHERE id = 5")
    conn.execute("UPDATE statements SET said = '2022-02-29' WHERE id = 6")
    conn.execute("UPDATE statements SET said = NULL WHERE id = 7")
    conn.execute("UPDATE statements SET said = 20220329 WHERE id = 8")
    conn.execute("UPDATE statements SET said = said || 'Z' WHERE id % 19 = 0")
    conn.execute("UPDATE events SET start = 'someday' WHERE id = 3")
    conn.execute("UPDATE events SET \"end\" = 'never' WHERE id = 4")
    conn.execute("UPDATE events SET \"end\" = '2026-01-01', precision = 'day' WHERE id = 9")
    conn.execute("UPDATE events SET start = '0000-01-01' WHERE id = 10")
    conn.execute("UPDATE events SET start = '9999-12-31' WHERE id = 11")
    conn.execute("DELETE FROM event_actors WHERE event_id % 5 = 0")  # events alone
    conn.execute("INSERT INTO event_actors(event_id, actor_id) VALUES (99999999, 1)")
    if style == "pandas":  # no key: an id that is text, and one id twice
        conn.execute("UPDATE statements SET id = 'x12' WHERE id = 12")
        conn.execute(
            "INSERT INTO statements (id, actor_id, said, precision, text, kind) "
            "VALUES (13, 1, '2021-05-05', 'day', 'again', 'direct')"
        )


def _ro(path):
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)


@pytest.mark.parametrize("style", list(STYLES))
@pytest.mark.parametrize("odd_rows", [False, True])
def test_bulk_read_equals_the_row_by_row_join(synthetic, tmp_path, monkeypatch, style, odd_rows):
    path = write_contract(synthetic, tmp_path / "c.db", style, odd_rows)
    conn = _ro(path)
    expected, expected_problems = join_in_sqlite(conn, monkeypatch, has_ts=False)
    index, problems = timeindex._build(conn, False)
    same_index(index, expected)
    assert sorted(map(repr, problems)) == sorted(map(repr, expected_problems))
    if odd_rows:
        found = {(p.table, p.row_id, p.column) for p in problems}
        assert {("statements", 6, "said"), ("statements", 7, "said"), ("statements", 8, "said"),
                ("events", 3, "start"), ("events", 4, "end"), ("events", 10, "start")} <= found
        assert ("statements", 5, "said") not in found  # a written date: read row by row
    else:
        assert problems == []
        assert len(index) == len(open_store(synthetic).index)


def test_text_dates_equal_the_time_columns(synthetic, tmp_path):
    """A contract-only copy reads the same spans as Parley's integer columns give."""
    path = write_contract(synthetic, tmp_path / "c.db", "sqlite-utils")
    same_index(open_store(path).index, open_store(synthetic).index)


def test_a_read_only_contract_store_opens_unchanged(synthetic, tmp_path):
    path = write_contract(synthetic, tmp_path / "c.db", "pandas", odd_rows=True)
    before = path.read_bytes()
    path.chmod(0o444)
    try:
        store = open_store(path)
        assert len(store.index) > 3000
        assert any(p.row_id == 3 for p in store.problems)
        assert store.search("ceasefire")  # no full-text table: searched all the same
    finally:
        path.chmod(0o644)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.db"]


def test_the_store_changing_between_reads_is_read_again(synthetic, tmp_path, monkeypatch):
    """A commit between the statements' and the events' reads: read again, consistent."""
    path = write_contract(synthetic, tmp_path / "c.db", "sqlite-utils")
    conn = _ro(path)
    real = timeindex.event_rows
    calls = []

    def commit_then_read(*args, **kwargs):
        if not calls:
            writer = sqlite3.connect(path)
            writer.execute("DELETE FROM statements WHERE id <= 10")
            writer.commit()
            writer.close()
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(timeindex, "event_rows", commit_then_read)
    index, _ = timeindex._build(conn, False)
    assert len(calls) == 2
    statements = index.rid[index.kind == timeindex.KIND_STATEMENT]
    assert statements.min() > 10


@pytest.mark.parametrize("words", ["ceasefire", "peace talks", "minist", "Istanbul", "the",
                                   "zanzibar", "report 1", "5"])
def test_a_large_store_without_full_text_tables_is_searched_by_a_scan(
    synthetic, tmp_path, monkeypatch, words
):
    """The same hits as the full-text tables give (below the limit), marked snippets."""
    import db.search

    path = write_contract(synthetic, tmp_path / "c.db", "sqlite-utils")
    expected = [(h.kind, h.id, h.start) for h in open_store(synthetic).search(words, limit=5000)]
    monkeypatch.setattr(db.search, "SCAN_SEARCH_ROWS", 100)
    store = open_store(path)
    monkeypatch.setattr(
        db.search.FullText, "_ensure_temp", lambda self: pytest.fail("built full-text tables")
    )
    found = store.search(words, limit=5000)
    assert [(h.kind, h.id, h.start) for h in found] == expected
    marks = tuple(f"{MATCH_START}{word.lower()}" for word in words.split())
    for hit in found:
        text = store.statement(hit.id).text if hit.kind == "statement" else ""
        if any(f" {mark[1:]}" in f" {text.lower()}" for mark in marks):
            assert any(mark in hit.snippet.lower() for mark in marks), (text, hit.snippet)
    assert len(store.search(words, limit=3)) <= 3


def test_search_takes_whole_words_first_when_they_fill_the_limit(synthetic):
    """A common word is found as itself (fast), a prefix only when words are too few."""
    import re

    store = open_store(synthetic)

    def words(hit):
        if hit.kind == "event":
            event = store.event(hit.id)
            return f"{event.title} {event.description or ''}".lower()
        statement = store.statement(hit.id)
        return f"{statement.text} {statement.summary or ''}".lower()

    found = store.search("the", limit=20)
    assert len(found) == 20
    assert all(re.search(r"\bthe\b", words(hit)) for hit in found)
    prefix = store.search("thei", limit=20)
    assert prefix and all(re.search(r"\btheir", words(hit)) for hit in prefix)


def test_sources_are_read_on_first_use(synthetic, tmp_path, monkeypatch):
    """Opening reads no source (a store may hold many); the first one asked reads them."""
    path = write_contract(synthetic, tmp_path / "c.db", "pandas")
    real, calls = SQLiteStore._read_sources, []
    monkeypatch.setattr(SQLiteStore, "_read_sources", lambda self: calls.append(1) or real(self))
    store = open_store(path)
    assert calls == []
    source_id = store.query("SELECT min(id) FROM sources")[0][0]
    assert store.source(source_id).id == source_id
    assert store.source(source_id + 10**9) is None
    assert calls == [1]
