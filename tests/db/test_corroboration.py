"""One statement, many sources: appearances, variants, speakers resolved, v1 stores upgraded."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from db import errors
from db.api import open_store
from db.default_store import ensure_default_store, make_own_store
from db.formats import dump, import_files
from db.importer import import_document
from db.validate import validate
from extractor.articles import import_article_file

ARTICLES = Path(__file__).resolve().parents[1] / "data" / "corroboration"
FULL, REPORTED, SPELLING, OTHER = (
    ARTICLES / f"grid-{name}.txt" for name in ("full", "reported", "spelling", "other-speaker")
)
QUOTE = (
    "We have restored every high-voltage line that was damaged, and no region will face "
    "scheduled blackouts this summer"
)

EMPTY_ACTORS = (
    "SELECT name FROM actors a WHERE NOT EXISTS (SELECT 1 FROM statements WHERE actor_id = a.id)"
    " AND NOT EXISTS (SELECT 1 FROM event_actors WHERE actor_id = a.id)"
    " AND NOT EXISTS (SELECT 1 FROM actors c WHERE c.parent_id = a.id)"
)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def rows(path: Path, sql: str, params=()) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def test_three_printings_are_one_statement_by_one_actor(tmp_path):
    store = tmp_path / "grid.parley"
    for article in (FULL, REPORTED, SPELLING):
        import_article_file(article, store)
    kovalenko = rows(store, "SELECT id, name FROM actors WHERE name LIKE '%Kovalenko%'")
    assert len(kovalenko) == 1  # Mykhaylo and Mykhailo are one person
    said = rows(store, "SELECT id, text, kind FROM statements WHERE actor_id = ?",
                (kovalenko[0][0],))
    assert said == [(said[0][0], QUOTE, "direct")]  # the longest direct wording
    with open_store(store) as opened:
        found = opened.corroboration.appearances(said[0][0])
        assert len(found) == 3
        assert len({a.source.id for a in found}) == 3
        # the reported printing's quoted fragment (one direct statement of its words)
        assert any((a.wording or "").startswith("restored every high-voltage line")
                   for a in found)
        assert opened.corroboration.source_counts() == {said[0][0]: 3}
        assert validate(opened) == []


def test_the_shorter_printing_first_then_the_full_quotation_becomes_the_text(tmp_path):
    store = tmp_path / "grid.parley"
    for article in (SPELLING, REPORTED, FULL):
        import_article_file(article, store)
    said = rows(store, "SELECT text FROM statements")
    assert said == [(QUOTE,)]


def test_the_same_words_from_another_speaker_are_a_variant(tmp_path):
    store = tmp_path / "grid.parley"
    import_article_file(FULL, store)
    import_article_file(OTHER, store)
    said = rows(store, "SELECT s.id, a.name FROM statements s JOIN actors a ON a.id = s.actor_id "
                       "ORDER BY s.id")
    assert [name for _id, name in said] == ["Mykhaylo Kovalenko", "Denys Shmyhal"]
    links = rows(store, "SELECT from_id, to_id, kind, note FROM relations")
    assert links == [(said[1][0], said[0][0], "variant_of",
                      "the same words from Denys Shmyhal and from Mykhaylo Kovalenko")]
    with open_store(store) as opened:
        assert opened.corroboration.variants(said[0][0]) == [said[1][0]]
        assert opened.corroboration.variant_ids() == {said[0][0], said[1][0]}


def test_importing_an_article_twice_adds_nothing(tmp_path):
    store = tmp_path / "grid.parley"
    import_article_file(FULL, store)
    before = sha(store)
    assert import_article_file(FULL, store).report.total() == 0
    assert rows(store, "SELECT count(*) FROM appearances") == [(1,)]
    assert sha(store) != "" and before  # (the second import only read)


def test_the_seed_article_into_a_copy_of_the_default_store_adds_no_statement(tmp_path, seed_text):
    copy = make_own_store(tmp_path / "mine.parley", with_content=True)
    sides = rows(copy, "SELECT id, name FROM actors WHERE parent_id IS NULL ORDER BY id")
    statements = rows(copy, "SELECT id, actor_id, text FROM statements ORDER BY id")
    empty = rows(copy, EMPTY_ACTORS)
    article = tmp_path / "seed.txt"
    article.write_text(seed_text, encoding="utf-8")
    found = import_article_file(article, copy, "2022-03-29", outlet="RFE/RL")
    assert found.statements >= 30
    assert found.report.added["statements"] == 0
    assert found.report.added["appearances"] >= 30
    assert rows(copy, "SELECT id, actor_id, text FROM statements ORDER BY id") == statements
    # every existing side is still a side, with its id (lane order and colour follow it)
    now = rows(copy, "SELECT id, name FROM actors WHERE parent_id IS NULL ORDER BY id")
    assert now[: len(sides)] == sides
    assert "Putin" not in {name for _id, name in rows(copy, "SELECT id, name FROM actors")}
    # no empty lane: an actor the article names only in an event the store already has
    # ("an address to the Danish parliament") is not added
    assert rows(copy, EMPTY_ACTORS) == empty


def test_people_go_under_their_state_in_a_new_store(tmp_path, seed_text):
    article = tmp_path / "seed.txt"
    article.write_text(seed_text, encoding="utf-8")
    store = tmp_path / "new.parley"
    import_article_file(article, store, "2022-03-29")
    parent = dict(rows(store, "SELECT a.name, p.name FROM actors a "
                              "LEFT JOIN actors p ON p.id = a.parent_id"))
    assert parent["Vladimir Putin"] == "Russia"
    assert parent["Mykhaylo Podolyak"] == "Ukraine"
    assert parent["Volodymyr Zelenskiy"] == "Ukraine"
    assert parent["Vladyslav Atroshenko"] == "Ukraine"
    assert "Putin" not in parent


def test_a_version_1_store_is_viewed_unchanged_and_upgraded_atomically(tmp_path):
    v1 = tmp_path / "v1.parley"
    import_article_file(FULL, v1)
    conn = sqlite3.connect(v1)
    conn.executescript("DROP TABLE appearances; DROP TABLE relations; "
                       "UPDATE meta SET value = '1' WHERE key = 'schema_version';")
    conn.commit()
    conn.close()
    before = sha(v1)
    with open_store(v1) as store:  # viewing: read-only, works, changes nothing
        assert store.meta["schema_version"] == "1"
        only = store.statements_by(a.id for a in store.actors())
        assert len(store.corroboration.appearances(only[0].id)) == 1
        assert store.corroboration.source_counts() == {}
        assert validate(store) == []
    assert sha(v1) == before
    bad = {"statements": [{"actor": "X", "said": "2023-05-04", "text": "t", "kind": "shouted"}]}
    with pytest.raises(errors.ImportProblem):
        import_document(v1, bad, "bad.json")
    assert sha(v1) == before  # a failed import leaves the file byte-identical
    import_article_file(REPORTED, v1)
    assert rows(v1, "SELECT value FROM meta WHERE key = 'schema_version'") == [("2",)]
    assert rows(v1, "SELECT count(*), count(DISTINCT source_id) FROM appearances") == [(2, 2)]


def test_dump_and_import_carry_appearances_and_relations(tmp_path):
    store = tmp_path / "grid.parley"
    for article in (FULL, REPORTED, OTHER):
        import_article_file(article, store)
    with open_store(store) as opened:
        document = dump(opened)
    assert len(document["appearances"]) == 3 and len(document["relations"]) == 1
    text = tmp_path / "dump.json"
    text.write_text(json.dumps(document), encoding="utf-8")
    again = tmp_path / "again.parley"
    import_files([text], again)
    with open_store(again) as opened:
        assert dump(opened) == document


def test_validate_names_broken_links(tmp_path):
    store = tmp_path / "grid.parley"
    import_article_file(FULL, store)
    conn = sqlite3.connect(store)
    conn.execute("INSERT INTO relations(from_id, to_id, kind) VALUES (1, 99, 'echoes')")
    conn.execute("INSERT INTO appearances(statement_id, source_id) VALUES (42, 1)")
    conn.commit()
    conn.close()
    with open_store(store) as opened:
        found = {(p.table, p.column, p.reason) for p in validate(opened)}
    assert ("relations", "to_id", "no such statement, or the statement itself") in found
    assert ("relations", "kind", "not one of variant_of, responds_to, rebuts, supports, "
            "contradicts") in found
    assert ("appearances", "statement_id", "no such statement") in found


def test_a_relation_in_a_document_needs_a_known_kind(tmp_path):
    document = {
        "sources": [{"id": 1, "title": "T"}],
        "statements": [
            {"id": 1, "actor": "A", "said": "2022-03-29", "text": "One thing.", "source": 1},
            {"id": 2, "actor": "B", "said": "2022-03-30", "text": "Not so.", "source": 1},
        ],
        "relations": [{"from": 2, "to": 1, "kind": "rebuts", "note": "B answers A"}],
    }
    store = tmp_path / "r.parley"
    assert import_document(store, document).added["relations"] == 1
    assert rows(store, "SELECT from_id, to_id, kind, note FROM relations") == [
        (2, 1, "rebuts", "B answers A")]
    document["relations"][0]["kind"] = "agrees"
    with pytest.raises(errors.ImportProblem, match=r"relations\[0\]\.kind"):
        import_document(tmp_path / "r2.parley", document)
    assert not (tmp_path / "r2.parley").exists()


def test_the_default_store_is_never_written_and_only_a_pristine_one_replaced(tmp_path):
    folder = tmp_path / "data"
    default = ensure_default_store(folder)
    before = sha(default)
    with pytest.raises(errors.StoreError, match="built-in default store"):
        import_article_file(FULL, default)
    assert sha(default) == before
    # a release with new facts replaces the pristine store ...
    old = folder / "istanbul-talks-0000000000000000.parley"
    shutil.copyfile(default, old)
    (folder / (old.name + ".sha256")).write_text(sha(old) + "\n", encoding="ascii")
    # ... but never one an older Parley wrote to (its bytes no longer those it was built with)
    changed = folder / "istanbul-talks-1111111111111111.parley"
    shutil.copyfile(default, changed)
    (folder / (changed.name + ".sha256")).write_text("0" * 64 + "\n", encoding="ascii")
    default.unlink()
    ensure_default_store(folder)
    assert not old.exists()
    assert changed.exists()
