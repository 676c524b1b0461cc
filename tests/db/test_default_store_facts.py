"""Facts in the default store (resources/default_store.json), checked against its seed article.

No Qt and no store code: the JSON document is read with the json module. The span and
quotation checks read the seed article from ../shared/seed/ and skip when it is absent.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
STORE = REPO / "resources" / "default_store.json"
ARTICLE = Path(__file__).resolve().parents[3] / "shared/seed/istanbul-talks-2022-03-29.txt"

DAY = "2022-03-29"
JOIN = " … "  # joins the parts of one utterance split around its attribution
STANCES = {"supports", "opposes", "conditional", "skeptical", "neutral", None}
KINDS = {"direct", "reported"}
ACTOR_KINDS = {"person", "state", "organization", "group", "other"}

DOC = json.loads(STORE.read_text(encoding="utf-8"))

SIDES = [
    "Russia",
    "Ukraine",
    "United States",
    "Turkey",
    "United Kingdom",
    "NATO",
    "France",
    "Germany",
    "Italy",
]
MEMBERS = {
    "Aleksandr Fomin": "Russia",
    "Vladimir Putin": "Russia",
    "Kremlin": "Russia",
    "Mykhaylo Podolyak": "Ukraine",
    "Iryna Vereshchuk": "Ukraine",
    "Volodymyr Zelenskiy": "Ukraine",
    "Vladyslav Atroshenko": "Ukraine",
    "General Staff of the Ukrainian Armed Forces": "Ukraine",
    "Antony Blinken": "United States",
    "John Kirby": "United States",
    "Joe Biden": "United States",
    "Mevlut Cavusoglu": "Turkey",
    "Mircea Geoana": "NATO",
    "Boris Johnson": "United Kingdom",
    "British military intelligence": "United Kingdom",
    "Emmanuel Macron": "France",
    "Macron's office": "France",
}
# (actor, words the statement's text contains, kind, said)
KEY_STATEMENTS = [
    (
        "Aleksandr Fomin",
        "reduce military activity in the Kyiv and Chernihiv directions",
        "direct",
        DAY,
    ),
    ("Mykhaylo Podolyak", "enhanced analogue of Article 5 of NATO", "direct", DAY),
    ("Antony Blinken", "There is what Russia says and there is what Russia does", "direct", DAY),
    ("Antony Blinken", "the continued brutalization of Ukraine", "direct", DAY),
    ("John Kirby", "a small number now that appears to be moving away from Kyiv", "direct", DAY),
    ("John Kirby", "not prepared to call this a retreat or even a withdrawal", "direct", DAY),
    ("Mevlut Cavusoglu", "meaningful progress", "direct", DAY),
    ("Volodymyr Zelenskiy", "a crime against humanity", "direct", DAY),
    ("Mircea Geoana", "more united than ever", "direct", DAY),
    ("Mircea Geoana", "far from the objectives of his initial campaign", "direct", DAY),
    ("Mircea Geoana", "come through a political solution", "direct", DAY),
    ("Vladyslav Atroshenko", "This is the genocide of the Ukrainian people", "direct", DAY),
    ("Vladyslav Atroshenko", "at least 350 civilians had been killed", "reported", DAY),
    ("Iryna Vereshchuk", "three humanitarian corridors", "reported", DAY),
]


def _by_name() -> dict[str, dict]:
    """Actors by name and by each alias."""
    found = {}
    for actor in DOC["actors"]:
        for name in [actor["name"], *actor.get("aliases", [])]:
            assert name not in found, f"{name!r} names two actors"
            found[name] = actor
    return found


ACTORS = _by_name()


def _normalise(text: str) -> str:
    text = re.sub("[“”„]", '"', text)
    text = re.sub("[‘’]", "'", text)
    return " ".join(text.split())


def _same(kind: str, a: str, b: str) -> bool:
    return _normalise(a) == _normalise(b) if kind == "direct" else a == b


@pytest.fixture(scope="module")
def article() -> str:
    if not ARTICLE.exists():
        pytest.skip(f"seed article not found: {ARTICLE}")
    return ARTICLE.read_text(encoding="utf-8")


# --- actors -------------------------------------------------------------------------


@pytest.mark.parametrize("name", SIDES)
def test_sides_have_no_parent(name):
    assert ACTORS[name]["name"] == name
    assert ACTORS[name]["parent"] is None


@pytest.mark.parametrize(("name", "parent"), MEMBERS.items())
def test_speaker_is_under_their_side(name, parent):
    actor = ACTORS[name]
    assert actor["name"] == name
    assert ACTORS[actor["parent"]]["name"] == parent


def test_aliases_reach_the_right_actor():
    for alias, name in [
        ("Zelensky", "Volodymyr Zelenskiy"),
        ("Zelenskyy", "Volodymyr Zelenskiy"),
        ("Çavuşoğlu", "Mevlut Cavusoglu"),
        ("Moscow", "Russia"),
        ("U.S.", "United States"),
        ("Britain", "United Kingdom"),
    ]:
        assert ACTORS[alias]["name"] == name


def test_people_have_titles():
    people = [a for a in DOC["actors"] if a["kind"] == "person"]
    assert people and all(a.get("title") for a in people)


# --- document shape and references ----------------------------------------------------


@pytest.mark.parametrize("table", ["sources", "actors", "topics", "events", "statements"])
def test_ids_run_from_one(table):
    assert [r["id"] for r in DOC[table]] == list(range(1, len(DOC[table]) + 1))


def test_source_is_the_article_without_its_text():
    assert DOC["sources"] == [
        {
            "id": 1,
            "title": DOC["sources"][0]["title"],
            "outlet": "RFE/RL",
            "url": None,
            "published": DAY,
        }
    ]


def test_values_are_valid():
    assert all(a["kind"] in ACTOR_KINDS for a in DOC["actors"])
    for s in DOC["statements"]:
        assert s["kind"] in KINDS, s
        assert s["stance"] in STANCES, s
        assert s["summary"] and s["text"], s
        date.fromisoformat(s["said"])
    for e in DOC["events"]:
        assert re.fullmatch(r"\d{4}(-\d\d(-\d\d)?)?", e["start"]), e
        date.fromisoformat((e["start"] + "-01-01")[:10])


def test_references_resolve():
    topics = {t["name"] for t in DOC["topics"]}
    events = {e["id"] for e in DOC["events"]}
    sources = {s["id"] for s in DOC["sources"]}
    for a in DOC["actors"]:
        assert a["parent"] is None or a["parent"] in ACTORS, a
    for e in DOC["events"]:
        assert e["source"] in sources, e
        assert all(x["actor"] in ACTORS for x in e["actors"]), e
    for s in DOC["statements"]:
        assert s["actor"] in ACTORS, s
        assert s["topic"] in topics, s
        assert s["event"] is None or s["event"] in events, s
        assert s["source"] in sources, s
    assert {s["topic"] for s in DOC["statements"]} == topics, "a topic has no statement"


# --- key statements -------------------------------------------------------------------


@pytest.mark.parametrize(("actor", "words", "kind", "said"), KEY_STATEMENTS)
def test_key_statement(actor, words, kind, said):
    matches = [s for s in DOC["statements"] if words in _normalise(s["text"])]
    assert len(matches) == 1, words
    (statement,) = matches
    assert ACTORS[statement["actor"]]["name"] == actor
    assert (statement["kind"], statement["said"]) == (kind, said)


def test_western_leaders_warning_is_one_statement_per_state():
    warned = {s["actor"] for s in DOC["statements"] if "dropping its guard" in s["text"]}
    assert warned == {"United States", "United Kingdom", "France", "Germany", "Italy"}


# --- against the article --------------------------------------------------------------


@pytest.mark.parametrize("statement", DOC["statements"], ids=lambda s: f"statement{s['id']}")
def test_span_holds_the_statement(statement, article):
    start, end = statement["span"]
    assert 0 <= start < end <= len(article)
    sliced, kind = article[start:end], statement["kind"]
    parts = statement["text"].split(JOIN)
    if len(parts) == 1:
        assert _same(kind, sliced, statement["text"])
        return
    # one utterance split around its attribution: the parts, in order, from start to end
    pieces = [_normalise(p) if kind == "direct" else p for p in parts]
    body = _normalise(sliced) if kind == "direct" else sliced
    assert body.startswith(pieces[0]) and body.endswith(pieces[-1])
    position = 0
    for piece in pieces:
        position = body.index(piece, position) + len(piece)


def test_every_quotation_is_in_a_statement(article):
    texts = [_normalise(s["text"]) for s in DOC["statements"]]
    for match in re.finditer(r'"([^"]*)"|“([^”]*)”', article):
        quoted = _normalise(match[1] or match[2]).rstrip(" ,.")
        if len(quoted.split()) > 3:
            assert any(quoted in text for text in texts), f"quotation not recorded: {quoted!r}"
