"""Curation edits on a real store: each one transaction, each undone by its inverse."""

from __future__ import annotations

import hashlib

import pytest

from db import curate, open_store
from db.default_store import ensure_default_store, is_default_store


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _statement(path, sid):
    with open_store(path) as store:
        return store.statement(sid)


def test_set_stance_summary_topic_and_undo(default_store_path):
    before = _statement(default_store_path, 1)
    edit = curate.set_statement(1, stance="opposes", summary="  Moscow  cuts back. ", topic_id=2)
    undo = curate.apply_edit(default_store_path, edit)
    after = _statement(default_store_path, 1)
    assert (after.stance, after.summary, after.topic_id) == ("opposes", "Moscow cuts back.", 2)
    redo = curate.apply_edit(default_store_path, undo)
    again = _statement(default_store_path, 1)
    assert (again.stance, again.summary, again.topic_id) == (
        before.stance, before.summary, before.topic_id)
    curate.apply_edit(default_store_path, redo)
    assert _statement(default_store_path, 1).stance == "opposes"


def test_speaker_change_moves_the_statement_to_another_lane(default_store_path):
    with open_store(default_store_path) as store:
        kirby = next(a for a in store.actors() if a.name == "John Kirby")
    undo = curate.apply_edit(default_store_path, curate.set_statement(1, actor_id=kirby.id))
    assert _statement(default_store_path, 1).actor_id == kirby.id
    curate.apply_edit(default_store_path, undo)
    assert _statement(default_store_path, 1).actor_id != kirby.id


def test_rename_describe_and_new_topic(default_store_path):
    undo = curate.apply_edit(default_store_path,
                             curate.rename_topic(default_store_path, 5, "Status of Crimea"))
    with open_store(default_store_path) as store:
        assert store.topic(5).name == "Status of Crimea"
    curate.apply_edit(default_store_path, undo)
    with pytest.raises(curate.CurateError, match="merge into it instead"):
        curate.rename_topic(default_store_path, 5, "donbas")
    curate.apply_edit(default_store_path, curate.describe_topic(5, " The peninsula. "))
    rid, edit = curate.new_topic(default_store_path, "Grain exports")
    undo = curate.apply_edit(default_store_path, edit)
    with open_store(default_store_path) as store:
        assert store.topic(5).description == "The peninsula."
        assert store.topic(rid).name == "Grain exports"
    curate.apply_edit(default_store_path, undo)
    with open_store(default_store_path) as store:
        assert store.topic(rid) is None


def test_merge_topics_and_undo_restores_both(default_store_path):
    with open_store(default_store_path) as store:
        on_crimea = [s.id for s in store.statements_by(a.id for a in store.actors())
                     if s.topic_id == 5]
        old = store.topic(5)
    assert on_crimea
    undo = curate.apply_edit(default_store_path, curate.merge_topics(default_store_path, 5, 6))
    with open_store(default_store_path) as store:
        assert store.topic(5) is None
        assert all(store.statement(s).topic_id == 6 for s in on_crimea)
    curate.apply_edit(default_store_path, undo)
    with open_store(default_store_path) as store:
        assert store.topic(5) == old
        assert all(store.statement(s).topic_id == 5 for s in on_crimea)


def test_move_actor_under_a_side_and_no_cycles(default_store_path):
    with open_store(default_store_path) as store:
        ids = {a.name: a.id for a in store.actors()}
    undo = curate.apply_edit(default_store_path,
                             curate.move_actor(default_store_path, ids["Kremlin"], ids["Ukraine"]))
    with open_store(default_store_path) as store:
        assert store.actor(ids["Kremlin"]).side_id == ids["Ukraine"]
    curate.apply_edit(default_store_path, undo)
    with open_store(default_store_path) as store:
        assert store.actor(ids["Kremlin"]).side_id == ids["Russia"]
    with pytest.raises(curate.CurateError, match="speak for itself"):
        curate.move_actor(default_store_path, ids["Russia"], ids["Vladimir Putin"])


def test_a_failing_edit_writes_nothing(default_store_path):
    before = _digest(default_store_path)
    edit = curate.Edit("two changes", (
        curate.Op("set", "statements", 1, (("stance", "opposes"),)),
        curate.Op("set", "statements", 2, (("actor_id", 9999),)),
    ))
    with pytest.raises(curate.CurateError):
        curate.apply_edit(default_store_path, edit)
    assert _digest(default_store_path) == before
    with pytest.raises(curate.CurateError, match="stance"):
        curate.set_statement(1, stance="furious")


def test_the_default_store_is_never_written(tmp_path):
    path = ensure_default_store(tmp_path / "data")
    before = _digest(path)
    assert is_default_store(path)
    with pytest.raises(curate.DefaultStoreError):
        curate.apply_edit(path, curate.set_statement(1, stance="opposes"))
    assert _digest(path) == before
