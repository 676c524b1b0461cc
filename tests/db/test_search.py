"""Search on a store with full-text tables: the hits are the first matches of each table
in id order (whole words when they fill the limit), in time order, cut to the limit,
each with FTS5's snippet of its row."""

from __future__ import annotations

import sqlite3

import pytest

from db.api import open_store
from db.dates import parse_date
from db.model import MATCH_END, MATCH_START
from db.synth import write_synthetic


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    path = tmp_path_factory.mktemp("search") / "synth.db"
    write_synthetic(path, 6000, seed=3)
    return path


def expected_hits(path, words: str, limit: int) -> list[tuple]:
    """What a search shows, read with plain SQL: (kind, id, start, snippet)."""
    conn = sqlite3.connect(path)
    found = []
    for table, kind, date in (("statements", "statement", "said"), ("events", "event", "start")):
        fts = f"{table}_fts"
        rows = []
        for star in ("", "*"):
            match = " ".join(f'"{w}"{star}' for w in words.split())
            rows = conn.execute(
                f"SELECT f.rowid, snippet({fts}, 0, ?, ?, '…', 12), s.{date} FROM {fts} f "
                f"JOIN {table} s ON s.id = f.rowid WHERE {fts} MATCH ? ORDER BY f.rowid LIMIT ?",
                (MATCH_START, MATCH_END, match, limit),
            ).fetchall()
            if len(rows) >= limit:
                break
        found += [(kind, rid, parse_date(d).span_seconds()[0], snip) for rid, snip, d in rows]
    found.sort(key=lambda h: (h[2], h[0], h[1]))
    return found[:limit]


@pytest.mark.parametrize("words", ["peace", "ceasefire talks", "minist", "the", "zanzibar",
                                   "Istanbul", "talks"])
@pytest.mark.parametrize("limit", [1, 7, 500])
def test_hits_and_snippets_are_those_of_the_first_matches(synthetic, words, limit):
    store = open_store(synthetic)
    found = [(h.kind, h.id, h.start, h.snippet) for h in store.search(words, limit=limit)]
    assert found == expected_hits(synthetic, words, limit)
    if words != "zanzibar" and limit == 500:  # a match in the second column only: the
        assert any(MATCH_START in h[3] for h in found)  # snippet is of the first
