"""Every committed write bumps the store's revision, whoever writes; the index cache is
keyed by it, so an unchanged store opens warm and a changed one is read again."""

from __future__ import annotations

import pytest

from db import timeindex
from db.api import open_store
from db.pg.copy import push


def _database(url: str) -> str:
    return url.split("/")[3].split("?")[0]


def _revision(pg, url: str) -> int:
    return int(pg.psql("SELECT n FROM parley.revision", _database(url)))


OUTSIDE_WRITES = {
    "insert": "INSERT INTO parley.topics (id, name) VALUES (9001, 'written by a script')",
    "update": "UPDATE parley.statements SET summary = 'edited by hand' "
              "WHERE id = (SELECT min(id) FROM parley.statements)",
    "delete": "DELETE FROM parley.relations",
    "truncate": "TRUNCATE parley.appearances",
}


@pytest.mark.parametrize("kind", OUTSIDE_WRITES)
def test_a_writer_that_is_not_parley_is_noticed(pg, pg_url, default_store_path, kind):
    push(default_store_path, pg_url)
    store = open_store(pg_url)
    assert not store.changed()
    pg.psql(OUTSIDE_WRITES[kind], _database(pg_url))
    assert store.changed()


def test_one_transaction_bumps_once_and_a_rolled_back_one_not_at_all(
    pg, pg_url, default_store_path
):
    push(default_store_path, pg_url)
    before = _revision(pg, pg_url)
    pg.psql("BEGIN; UPDATE parley.statements SET summary = 'a'; "
            "UPDATE parley.events SET description = 'b'; "
            "INSERT INTO parley.topics (id, name) VALUES (9002, 'c'); COMMIT",
            _database(pg_url))
    assert _revision(pg, pg_url) == before + 1
    pg.psql("BEGIN; UPDATE parley.statements SET summary = 'a'; ROLLBACK", _database(pg_url))
    assert _revision(pg, pg_url) == before + 1


def test_a_role_that_may_only_insert_still_bumps_the_revision(pg, pg_url, default_store_path):
    push(default_store_path, pg_url)
    name = _database(pg_url)
    pg.psql("CREATE ROLE inserter LOGIN; GRANT USAGE ON SCHEMA parley TO inserter; "
            "GRANT SELECT, INSERT ON parley.topics TO inserter", name)
    try:
        before = _revision(pg, pg_url)
        pg.psql("SET ROLE inserter; INSERT INTO parley.topics (id, name) VALUES (9003, 'x')",
                name)
        assert _revision(pg, pg_url) == before + 1
    finally:
        pg.psql("DROP OWNED BY inserter; DROP ROLE inserter", name)


def test_a_second_open_is_warm_and_a_write_makes_it_read_again(
    pg, pg_url, default_store_path, tmp_path, monkeypatch
):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(timeindex, "CACHE_MIN_ROWS", 0)
    push(default_store_path, pg_url)
    first = open_store(pg_url)
    entries = list((tmp_path / "cache").rglob("pg-*.pix"))
    assert len(entries) == 1
    # An index read from the server is built in memory; one from the cache maps the file.
    assert first.index.t0.flags.writeable
    warm = open_store(pg_url)
    assert not warm.index.t0.flags.writeable
    assert len(warm.index) == len(first.index)
    statement = int(first.index.rid[first.index.kind == 1][0])
    pg.psql(f"DELETE FROM parley.appearances WHERE statement_id = {statement}; "
            f"DELETE FROM parley.relations WHERE from_id = {statement} OR to_id = {statement}; "
            f"DELETE FROM parley.statements WHERE id = {statement}", _database(pg_url))
    changed = open_store(pg_url)
    assert changed.index.t0.flags.writeable
    assert len(changed.index) == len(first.index) - 1
    assert not len(changed.index.find(1, statement))
