"""Response links an article states: found where the text says so, and nowhere else."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor import extract
from extractor.relations import find_links

DATA = Path(__file__).resolve().parents[1] / "data" / "relations"
SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "istanbul-talks-2022-03-29.txt"


def document(text: str, actors: dict[str, str | None], statements: list[tuple]) -> dict:
    """A document as the extractor gives it: (id, actor, said, words) → spans found in text."""
    found = []
    for number, actor, said, words in statements:
        start = text.index(words)
        found.append({"id": number, "actor": actor, "said": said, "kind": "reported",
                      "text": words, "span": [start, start + len(words)]})
    return {
        "actors": [{"name": n, "parent": p, "aliases": [n.split()[-1]] if p else []}
                   for n, p in actors.items()],
        "statements": found,
    }


def links(text: str, doc: dict, stored=()) -> set[tuple]:
    return {(link["from"], str(link["to"]), link["kind"]) for link in find_links(text, doc, stored)}


PORT_ACTORS = {
    "Valdora Harbour Authority": None, "Maria Ortiz": "Valdora Harbour Authority",
    "Valdora": None, "Lena Varga": "Valdora", "Dockers' union": None,
    "Tomas Brenner": "Dockers' union",
}


def test_explicit_markers_link_to_the_answered_statement():
    text = (DATA / "port-fees.txt").read_text()
    doc = document(text, PORT_ACTORS, [
        (1, "Valdora Harbour Authority", "2023-05-01", "it would cut port fees by a third"),
        (2, "Maria Ortiz", "2023-05-01", "We will cut fees by a third from the first of July"),
        (3, "Lena Varga", "2023-05-01", "it would help exporters through a hard winter"),
        (4, "Dockers' union", "2023-05-01", "the authority planned to close two terminals"),
        (5, "Tomas Brenner", "2023-05-01", "Cheaper fees mean nothing if the terminals close"),
    ])
    # "welcomed the authority's announcement": supports the authority (or its director);
    # "rejected Ortiz's claim that the cut would protect jobs": rebuts Ortiz.
    found = links(text, doc)
    assert (4, "2", "rebuts") in found
    assert (3, "1", "supports") in found or (3, "2", "supports") in found
    assert len(found) == 2


def test_words_of_the_object_pick_the_answered_statement():
    text = (DATA / "fisheries.txt").read_text()
    doc = document(text, {"Estmark": None, "Jonas Lund": "Estmark", "Nordland": None,
                          "Kari Vik": "Nordland", "Erik Holm": "Nordland",
                          "Blue Sea": None}, [
        (1, "Estmark", "2023-06-06", "it would cut its cod quota by ten percent"),
        (2, "Jonas Lund", "2023-06-06", "Our offer is on the table"),
        (3, "Kari Vik", "2023-06-06", "Nordland would cut its quota by five percent only"),
        (4, "Erik Holm", "2023-06-07", "both fleets needed time"),
        (5, "Blue Sea", "2023-06-07", "for lower quotas"),
    ])
    found = {(f, t, k) for f, t, k in links(text, doc)}
    assert (3, "2", "responds_to") in found or (3, "1", "responds_to") in found
    assert (4, "1", "responds_to") in found or (4, "2", "responds_to") in found
    assert (5, "2", "supports") in found  # "echoed Lund's call"
    assert len(found) == 3


def test_responded_in_another_sense_links_nothing():
    text = (DATA / "misleading.txt").read_text()
    assert find_links(text, extract(text, "2023-10-12")) == []
    doc = document(text, {"Anna Kowal": None, "Omar Haddad": None, "Piet Dekker": None,
                          "Rita Moss": None, "Council": None}, [
        (1, "Anna Kowal", "2023-10-10", "Fire crews responded to a blaze at the bus depot"),
        (2, "Council", "2023-10-11", "Mayor Piet Dekker dismissed the transport director"),
        (3, "Omar Haddad", "2023-10-12", "the council had rejected the budget"),
        (4, "Rita Moss", "2023-10-12", "The patient responded well to treatment"),
        (5, "Piet Dekker", "2023-10-12", "Dekker welcomed the delegation"),
    ])
    assert find_links(text, doc) == []


def test_a_statement_already_stored_can_be_the_one_answered():
    text = "Kari Vik rejected Estmark's offer of a ten percent cut, saying it was too small.\n"
    doc = document(text, {"Kari Vik": "Nordland", "Nordland": None}, [
        (1, "Kari Vik", "2023-06-08", "it was too small"),
    ])
    doc["actors"].append({"name": "Estmark", "parent": None, "aliases": []})
    stored = [{"actor": "Estmark", "said": "2023-06-06", "text": "a ten percent cut in cod"},
              {"actor": "Estmark", "said": "2023-06-09", "text": "a later offer"}]
    (link,) = find_links(text, doc, stored)
    assert link["kind"] == "rebuts" and link["to"] == stored[0]


def test_an_answer_never_points_to_its_own_side_or_a_later_day():
    text = "Kari Vik responded to Nordland's proposal, saying talks would go on.\n"
    doc = document(text, {"Kari Vik": "Nordland", "Nordland": None}, [
        (1, "Kari Vik", "2023-06-08", "talks would go on"),
    ])
    assert find_links(text, doc, [{"actor": "Nordland", "said": "2023-06-07", "text": "x"}]) == []


@pytest.mark.skipif(not SEED.exists(), reason="the seed article is not in ../shared/seed/")
def test_seed_article_proposes_the_blinken_response_and_nothing_unstated():
    text = SEED.read_text(encoding="utf-8")
    doc = extract(text, "2022-03-30")
    by_id = {s["id"]: s for s in doc["statements"]}
    found = find_links(text, doc)
    pairs = {(by_id[x["from"]]["actor"], by_id[x["to"]]["actor"], x["kind"]) for x in found}
    assert ("Antony Blinken", "Aleksandr Fomin", "responds_to") in pairs
    # Every proposed link answers Russia's announcement, as the text says.
    assert all(by_id[x["to"]]["actor"] in ("Russia", "Aleksandr Fomin") for x in found)
    assert {a for a, _, _ in pairs} <= {"Antony Blinken", "Boris Johnson", "Joe Biden"}
