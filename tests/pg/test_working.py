"""An import reads a working copy of the rows it touches, not the whole record."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from test_team_cli import counts, run

from db.pg import changelog
from db.pg.copy import push, writing
from db.pg.working import REPLY_DAYS, WorkingCopy
from extractor.articles import LINK_DAYS


def _statements(path: Path) -> set[int]:
    with sqlite3.connect(path) as local:
        return {row[0] for row in local.execute("SELECT id FROM statements")}


def _far_store(tmp_path: Path, default_store_path: Path) -> Path:
    """Into the default store, ten and twenty years later, a statement each of a speaker of
    its own; the document of the first one."""
    later = {"actor": "Far Speaker", "said": "2042-01-01", "kind": "direct",
             "text": "Twenty years on, nobody remembers the harbour."}
    document = {
        "parley": 1,
        "actors": [{"name": "Far Speaker", "kind": "person"}],
        "statements": [{"actor": "Far Speaker", "said": "2032-06-01", "kind": "direct",
                        "text": "Ten years on, the harbour talks resumed in earnest."}],
    }
    both = tmp_path / "both.json"
    both.write_text(json.dumps({**document, "statements": [*document["statements"], later]}),
                    encoding="utf-8")
    assert run_import(both, default_store_path) == 0
    path = tmp_path / "far.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def run_import(path: Path, store: Path | str) -> int:
    from viewer.cli import main

    return main(["import", str(path), "--into", str(store)])


def test_the_copy_holds_the_days_an_import_adds_and_not_the_rest(
    pg_url, default_store_path, tmp_path
):
    far = _far_store(tmp_path, default_store_path)
    push(default_store_path, pg_url)
    with writing(pg_url) as conn:
        working = WorkingCopy(conn, pg_url, tmp_path)
        first = _statements(working.path)
        trial = working.trial(1)
        assert run_import(far, trial) == 0  # the same document again, on the copy
        assert not working.settle(changelog.changes(trial))  # it asked for its days
        after = _statements(working.path)
        (far_id,) = conn.execute("SELECT id FROM statements WHERE said = '2032-06-01'").fetchone()
        events = conn.execute("SELECT count(*) FROM events").fetchone()[0]
        with sqlite3.connect(working.path) as local:
            copied = local.execute("SELECT count(*) FROM events").fetchone()[0]
        working.close()
        conn.rollback()
    assert far_id not in first and far_id in after  # fetched: the days the import adds
    assert copied < events  # not the record: the 2022 events stay on the server


def _appearances(pg, url: str) -> int:
    return int(pg.psql("SELECT count(*) FROM parley.appearances", url.split("/")[3].split("?")[0]))


def test_an_import_repeating_a_stored_statement_adds_an_appearance_only(
    capsys, pg, pg_url, default_store_path, tmp_path
):
    far = _far_store(tmp_path, default_store_path)
    push(default_store_path, pg_url)
    capsys.readouterr()
    before, appearances = counts(capsys, pg_url), _appearances(pg, pg_url)
    again = json.loads(far.read_text(encoding="utf-8"))
    again["sources"] = [{"id": 1, "title": "Another paper", "published": "2032-06-02"}]
    again["statements"][0]["source"] = 1
    path = tmp_path / "again.json"
    path.write_text(json.dumps(again), encoding="utf-8")
    code, _, err = run(capsys, "import", path, "--into", pg_url)
    assert code == 0, err
    after = counts(capsys, pg_url)
    assert after["statements"] == before["statements"]
    assert _appearances(pg, pg_url) == appearances + 1


def test_a_stored_statement_named_by_id_is_found_in_the_whole_record(
    capsys, pg, pg_url, default_store_path, tmp_path
):
    _far_store(tmp_path, default_store_path)
    push(default_store_path, pg_url)
    name = pg_url.split("/")[3].split("?")[0]
    far = int(pg.psql("SELECT id FROM parley.statements WHERE said = '2032-06-01'", name))
    capsys.readouterr()
    before = counts(capsys, pg_url)
    document = {  # (years from the 2032 statement: no trial fetches it by its days)
        "parley": 1,
        "actors": [{"name": "Late Critic", "kind": "person"}],
        "statements": [{"id": 1, "actor": "Late Critic", "said": "2038-01-05",
                        "text": "Those harbour talks were never serious."}],
        "relations": [{"from": 1, "to": {"stored": far}, "kind": "responds_to"}],
    }
    path = tmp_path / "critic.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    code, _, err = run(capsys, "import", path, "--into", pg_url)
    assert code == 0, err
    assert counts(capsys, pg_url)["statements"] == before["statements"] + 1
    assert pg.psql(f"SELECT count(*) FROM parley.relations WHERE to_id = {far}",
                   name).strip() == "1"


def test_replies_are_looked_for_as_far_back_as_the_extractor_links():
    assert REPLY_DAYS >= LINK_DAYS


def test_an_import_during_which_another_program_commits_starts_again(
    pg, pg_url, default_store_path
):
    from db.pg.write import write_url

    push(default_store_path, pg_url)
    name = pg_url.split("/")[3].split("?")[0]
    runs = []

    def apply(path: Path) -> str:
        runs.append(path)
        if len(runs) == 1:  # someone else commits after this import's snapshot
            pg.psql("INSERT INTO parley.topics (id, name) VALUES (9100, 'from a script')", name)
        with sqlite3.connect(path) as local:
            local.execute("INSERT INTO topics (id, name) VALUES (9101, 'from the import')")
        return "done"

    assert write_url(pg_url, apply) == "done"
    assert len(runs) == 2
    topics = pg.psql("SELECT id FROM parley.topics WHERE id >= 9100 ORDER BY id", name)
    assert topics.split() == ["9100", "9101"]
