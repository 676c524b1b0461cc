"""push and pull copy a whole record; the team store answers the read API like the file."""

from __future__ import annotations

import numpy as np
import pytest

from db import errors
from db.api import open_store
from db.formats import dump_text
from db.pg.copy import pull, push
from db.positions import positions_of


def test_push_then_pull_gives_back_the_same_dump(pg_url, default_store_path, tmp_path):
    counts = push(default_store_path, pg_url)
    assert counts["statements"] > 0
    back = tmp_path / "back.parley"
    pull(pg_url, back)
    assert dump_text(open_store(back)) == dump_text(open_store(default_store_path))
    assert dump_text(open_store(pg_url)) == dump_text(open_store(default_store_path))


@pytest.mark.parametrize("parallel", [False, True])
def test_a_team_store_reads_like_the_file(pg_url, default_store_path, monkeypatch, parallel):
    push(default_store_path, pg_url)
    monkeypatch.setattr("db.pg.store.PARALLEL_ROWS", 0 if parallel else 10**9)
    file, team = open_store(default_store_path), open_store(pg_url)
    assert team.stats().counts == file.stats().counts
    assert team.title == file.title
    assert [a.name for a in team.actors()] == [a.name for a in file.actors()]
    assert [t.name for t in team.topics()] == [t.name for t in file.topics()]
    for name in ("t0", "t1", "actor", "kind", "rid", "approx", "stance", "topic", "precision"):
        assert np.array_equal(getattr(team.index, name), getattr(file.index, name)), name
    statement = int(file.index.rid[file.index.kind == 1][0])
    assert team.statement(statement) == file.statement(statement)
    event = int(file.index.rid[file.index.kind == 0][0])
    assert team.event(event) == file.event(event)
    side = file.sides()[0].id
    assert positions_of(team, side) == positions_of(file, side)
    assert team.labels("statement", [statement]) == file.labels("statement", [statement])
    assert team.topic_texts(per_topic=3) == file.topic_texts(per_topic=3)


def test_search_finds_words_and_prefixes_in_time_order(pg_url, default_store_path):
    push(default_store_path, pg_url)
    team, file = open_store(pg_url), open_store(default_store_path)
    word = file.statement(int(file.index.rid[file.index.kind == 1][0])).text.split()[2]
    word = "".join(c for c in word if c.isalnum())
    hits = team.search(word[:4])
    assert hits and [h.start for h in hits] == sorted(h.start for h in hits)
    assert {(h.kind, h.id) for h in hits} >= {
        (h.kind, h.id) for h in file.search(word) if h.kind == "statement"
    }
    assert "[" in hits[0].snippet
    assert team.search("  ?! ") == []
    assert team.search('"no such phrase anywhere" -x') == []


def test_viewing_never_writes(pg_url, default_store_path):
    push(default_store_path, pg_url)
    team = open_store(pg_url)
    with pytest.raises(errors.StoreError, match="read-only"):
        team.query("DELETE FROM statements")
    assert team.stats().counts["statements"] > 0


def test_push_refuses_a_database_that_holds_a_record(pg_url, default_store_path):
    push(default_store_path, pg_url)
    with pytest.raises(errors.StoreError, match="already holds a record"):
        push(default_store_path, pg_url)


def test_pull_refuses_an_existing_file(pg_url, default_store_path):
    push(default_store_path, pg_url)
    with pytest.raises(errors.StoreError, match="already exists"):
        pull(pg_url, default_store_path)


def test_a_pulled_store_searches_like_the_original(pg_url, default_store_path, tmp_path):
    push(default_store_path, pg_url)
    back = tmp_path / "back.parley"
    pull(pg_url, back)
    for words in ("Kyiv", "talks", "neutral"):
        assert open_store(back).search(words) == open_store(default_store_path).search(words)


def test_rows_another_program_left_undated_are_dated_from_their_text(
    pg, pg_url, default_store_path
):
    push(default_store_path, pg_url)
    file = open_store(default_store_path)
    first, second = (int(i) for i in file.index.rid[file.index.kind == 1][:2])
    name = pg_url.split("/")[3].split("?")[0]
    pg.psql(f"UPDATE parley.statements SET said_ts = NULL WHERE id = {first}; "
            f"UPDATE parley.statements SET said_ts = NULL, said = 'soon' WHERE id = {second}",
            name)
    team = open_store(pg_url)
    rows = team.index.find(1, first)
    assert len(rows) == 1 and team.index.t0[rows[0]] == file.index.t0[file.index.find(1, first)[0]]
    assert not len(team.index.find(1, second))
    assert [(p.table, p.row_id) for p in team.problems] == [("statements", second)]
