"""Reversals proposed from a store: an actor's stance on a topic turning for ↔ against."""

from __future__ import annotations

from db.api import open_store
from db.reversals import propose_reversals
from tests.conftest import write_store


def store_of(tmp_path, stances: list[tuple[str, str, str | None]], topic: str = "Quotas"):
    """One actor's statements on one topic: (said, text, stance)."""
    document = {
        "parley": 1,
        "actors": [{"name": "Estmark", "kind": "state"},
                   {"name": "Jonas Lund", "parent": "Estmark"}],
        "topics": [{"name": topic}, {"name": "Other"}],
        "statements": [
            {"actor": "Jonas Lund", "said": said, "text": text, "topic": topic, "stance": stance}
            for said, text, stance in stances
        ],
    }
    return open_store(write_store(tmp_path / "r.parley", document))


def reversals(store):
    found = propose_reversals(store.statements_by(a.id for a in store.actors()))
    return [(r.later.text, r.earlier.text) for r in found]


def test_support_then_opposition_is_a_reversal(tmp_path):
    store = store_of(tmp_path, [("2023-01-02", "We back the cut.", "supports"),
                                ("2023-03-01", "No cut now.", "opposes")])
    assert reversals(store) == [("No cut now.", "We back the cut.")]
    (one,) = propose_reversals(store.statements_by([a.id for a in store.actors()]))
    assert "supports (2023-01-02)" in one.note and "opposes (2023-03-01)" in one.note


def test_order_is_by_date_not_by_import(tmp_path):
    store = store_of(tmp_path, [("2023-03-01", "No cut now.", "opposes"),
                                ("2023-01-02", "We back the cut.", "supports"),
                                ("2023-05-01", "Fine, cut it.", "supports")])
    assert reversals(store) == [("No cut now.", "We back the cut."),
                                ("Fine, cut it.", "No cut now.")]


def test_shades_of_the_same_leaning_and_neutral_are_no_reversal(tmp_path):
    store = store_of(tmp_path, [("2023-01-02", "Yes, if they do too.", "conditional"),
                                ("2023-02-01", "We back the cut.", "supports"),
                                ("2023-02-05", "We take note.", "neutral"),
                                ("2023-02-07", "Unclear.", None),
                                ("2023-03-01", "We doubt it.", "skeptical"),
                                ("2023-04-01", "We oppose it.", "opposes")])
    assert reversals(store) == [("We doubt it.", "We back the cut.")]


def test_pairs_already_linked_are_not_proposed_again(tmp_path):
    store = store_of(tmp_path, [("2023-01-02", "We back the cut.", "supports"),
                                ("2023-03-01", "No cut now.", "opposes")])
    statements = store.statements_by([a.id for a in store.actors()])
    later, earlier = sorted(statements, key=lambda s: s.when.start)[::-1]
    assert propose_reversals(statements, {(later.id, earlier.id)}) == []
