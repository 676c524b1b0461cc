"""Importing an article proposes the response links it states, also to statements already
stored, and writes them in the import's transaction."""

from __future__ import annotations

from db.api import open_store
from db.default_store import make_own_store
from extractor.articles import import_article_file
from tests.conftest import write_store

ANSWER = ("OSLO, June 8, 2023 — Kari Vik rejected Estmark's offer of a ten percent cut, "
          "saying it was too small.\n")


def _relations(path) -> list[tuple[str, str, str]]:
    with open_store(path) as store:
        names = {a.id: a.name for a in store.actors()}
        speaker = {s.id: names[s.actor_id] for s in store.statements_by(names)}
        return [(speaker[a], speaker[b], kind)
                for a, b, kind in store.query("SELECT from_id, to_id, kind FROM relations")]


def test_the_seed_article_links_blinken_to_the_announcement_and_nothing_unstated(
        seed_text, tmp_path):
    article = tmp_path / "seed.txt"
    article.write_text(seed_text, encoding="utf-8")
    found = import_article_file(article, tmp_path / "new.parley", "2022-03-29")
    links = _relations(tmp_path / "new.parley")
    assert found.links == len(links) and f"{found.links} response links" in str(found)
    assert ("Antony Blinken", "Aleksandr Fomin", "responds_to") in links
    assert all(answered in ("Russia", "Aleksandr Fomin") for _, answered, _ in links)
    assert {answer for answer, _, _ in links} <= {"Antony Blinken", "Boris Johnson", "Joe Biden"}


def test_a_link_to_a_statement_already_stored(tmp_path):
    store = write_store(tmp_path / "own.parley", {
        "parley": 1,
        "actors": [{"name": "Estmark", "kind": "state"}, {"name": "Nordland", "kind": "state"},
                   {"name": "Kari Vik", "parent": "Nordland"}],
        "statements": [{"actor": "Estmark", "said": "2023-06-06",
                        "text": "We offer a ten percent cut in cod quotas."}],
    })
    article = tmp_path / "answer.txt"
    article.write_text(ANSWER, encoding="utf-8")
    found = import_article_file(article, store)
    assert found.links == 1
    assert _relations(store) == [("Kari Vik", "Estmark", "rebuts")]


def test_the_seed_into_a_copy_of_the_default_store_doubles_no_link(
        seed_text, default_store_path, tmp_path):
    copy = make_own_store(tmp_path / "copy.parley", True, default_store_path)
    before = _relations(copy)
    article = tmp_path / "seed.txt"
    article.write_text(seed_text, encoding="utf-8")
    import_article_file(article, copy, "2022-03-29")
    after = _relations(copy)
    assert len(after) == len(set(after)) and set(before) <= set(after)
    assert ("Antony Blinken", "Aleksandr Fomin", "responds_to") in after
