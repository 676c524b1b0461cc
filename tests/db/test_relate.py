"""Relations written on purpose: reversals applied from the command line, links added
and removed by hand, and the built-in default store never written."""

from __future__ import annotations

import hashlib

import pytest

from db import errors
from db.api import open_store
from db.default_store import ensure_default_store
from db.relate import NewLink, add_relations, remove_relation
from tests.conftest import write_store
from tests.db.test_cli import run

DOCUMENT = {
    "parley": 1,
    "actors": [{"name": "Estmark", "kind": "state"}, {"name": "Jonas Lund", "parent": "Estmark"}],
    "topics": [{"name": "Quotas"}],
    "statements": [
        {"id": "a", "actor": "Jonas Lund", "said": "2023-01-02", "text": "We back the cut.",
         "topic": "Quotas", "stance": "supports"},
        {"id": "b", "actor": "Jonas Lund", "said": "2023-03-01", "text": "No cut now.",
         "topic": "Quotas", "stance": "opposes"},
    ],
}


def _relations(path):
    with open_store(path) as store:
        return store.query("SELECT from_id, to_id, kind, note FROM relations")


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_reversals_are_listed_then_applied(tmp_path, capsys):
    path = write_store(tmp_path / "own.parley", DOCUMENT)
    code, out, _ = run(capsys, "reversals", path)
    assert code == 0 and "2 contradicts 1: Jonas Lund on Quotas" in out
    assert "1 reversal(s) proposed" in out and _relations(path) == []
    code, out, _ = run(capsys, "reversals", path, "--apply")
    assert code == 0 and "added 1 contradicts relation(s)" in out
    ((later, earlier, kind, note),) = _relations(path)
    assert (later, earlier, kind) == (2, 1, "contradicts") and "supports" in note
    code, out, _ = run(capsys, "reversals", path)  # a linked pair is not proposed again
    assert "0 reversal(s) proposed" in out


def test_the_default_store_is_never_written(tmp_path, capsys):
    path = ensure_default_store(tmp_path / "data")
    before = _digest(path)
    code, _, err = run(capsys, "reversals", path, "--apply")
    assert code == 2 and "never written" in err and err.count("\n") == 1
    with pytest.raises(errors.StoreError, match="never written"):
        add_relations(path, [NewLink(8, 13, "supports")])
    with pytest.raises(errors.StoreError, match="never written"):
        remove_relation(path, 8, 3, "responds_to")
    assert _digest(path) == before


def test_a_link_added_and_removed_by_hand(tmp_path):
    path = write_store(tmp_path / "own.parley", DOCUMENT)
    assert add_relations(path, [NewLink(2, 1, "rebuts", "says no")]) == 1
    assert add_relations(path, [NewLink(2, 1, "rebuts", "says no")]) == 0  # not doubled
    assert _relations(path) == [(2, 1, "rebuts", "says no")]
    assert remove_relation(path, 2, 1, "rebuts") is True
    assert remove_relation(path, 2, 1, "rebuts") is False
    assert _relations(path) == []


def test_relations_csv_joins_new_and_stored_statements(tmp_path):
    from db.formats import import_files

    path = write_store(tmp_path / "own.parley", DOCUMENT)
    (tmp_path / "statements.csv").write_text(
        "id,actor,said,text\nx,Jonas Lund,2023-04-01,Still no cut.\n", encoding="utf-8")
    (tmp_path / "relations.csv").write_text(
        "from,to,kind,note\nx,stored:2,supports,agrees with himself\n"
        "x,stored:1,contradicts,\n", encoding="utf-8")
    import_files([tmp_path / "statements.csv", tmp_path / "relations.csv"], path)
    assert sorted(r[:3] for r in _relations(path)) == [(3, 1, "contradicts"), (3, 2, "supports")]
    (tmp_path / "bad-relations.csv").write_text("from,to,kind\nx,stored:99,rebuts\n",
                                                encoding="utf-8")
    with pytest.raises(errors.ImportProblem, match="no statement 99 in the store"):
        import_files([tmp_path / "statements.csv", tmp_path / "bad-relations.csv"], path)
