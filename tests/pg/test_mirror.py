"""An importer keeps its local copy of the team store while no one else writes, and
copies it afresh when someone has (never importing against a stale copy)."""

from __future__ import annotations

import json
from pathlib import Path

from db.pg import mirror
from db.pg.copy import push
from viewer.cli import main

ARTICLES = Path(__file__).resolve().parents[1] / "data" / "articles"


def _import(name: str, date: str, url: str) -> None:
    assert main(["import-article", str(ARTICLES / f"{name}.txt"), "--into", url,
                 "--published", date]) == 0


def _copy() -> Path:
    (found,) = mirror.folder().glob("*.parley")
    return found


def test_the_copy_is_kept_while_current_and_made_afresh_after_another_write(
    capsys, pg, pg_url, default_store_path
):
    push(default_store_path, pg_url)
    _import("ceasefire", "2025-08-06", pg_url)
    first = _copy().stat().st_ino
    _import("rail-strike", "2023-10-04", pg_url)
    assert _copy().stat().st_ino == first  # no one else wrote: the same copy, changed
    # Another program adds a statement with the next id: a stale copy would give its
    # own next statement the same id and the import would fail.
    name = pg_url.split("/")[3].split("?")[0]
    pg.psql("INSERT INTO parley.statements (id, actor_id, said, precision, text, kind, said_ts, "
            "said_end_ts) SELECT max(id) + 1, min(actor_id), '2024-05-01', 'day', "
            "'Added by a script.', 'direct', 1714521600, 1714608000 FROM parley.statements",
            name)
    _import("trade-talks", "2024-05-17", pg_url)
    assert _copy().stat().st_ino != first
    capsys.readouterr()
    assert main(["stats", pg_url, "--json"]) == 0
    team = json.loads(capsys.readouterr().out)
    assert main(["stats", str(_copy()), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == team


def test_an_import_during_which_another_program_commits_starts_again(
    pg, pg_url, default_store_path
):
    import sqlite3

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
