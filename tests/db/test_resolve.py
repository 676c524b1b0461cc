"""Speakers resolve to the store's actors: names, aliases, spellings, titles and sides."""

from __future__ import annotations

import pytest

from db.resolve import Known, Resolver, side_from_title, spelling_key, split_title
from db.wording import differences, same_statement, same_title, variant

STORE = Resolver([
    Known(1, "Russia", "state", None, ["Moscow"]),
    Known(2, "Aleksandr Fomin", "person", "Russia", ["Fomin"], "Deputy Defense Minister"),
    Known(3, "Ukraine", "state"),
    Known(4, "Mykhaylo Podolyak", "person", "Ukraine", ["Podolyak"]),
    Known(5, "Volodymyr Zelenskiy", "person", "Ukraine"),
    Known(6, "Vladimir Putin", "person", "Russia"),
    Known(7, "Andriy Fomin", "person", "Ukraine"),
])


@pytest.mark.parametrize(("a", "b"), [
    ("Aleksandr", "Alexander"), ("Zelenskiy", "Zelenskyy"), ("Zelensky", "Zelenskiy"),
    ("Mykhaylo", "Mykhailo"), ("Михайло Подоляк", "Mykhailo Podolyak"),
    ("Podoliak", "Podolyak"), ("Sergei", "Sergey"),
])
def test_transliteration_variants_share_a_key(a, b):
    assert spelling_key(a) == spelling_key(b)


@pytest.mark.parametrize(("name", "kwargs", "rid"), [
    ("Moscow", {}, 1),
    ("Alexander Fomin", {}, 2),
    ("Mykhailo Podolyak", {}, 4),
    ("Михайло Подоляк", {}, 4),
    ("Volodymyr Zelenskyy", {}, 5),
    ("Zelensky", {}, 5),
    ("Putin", {}, 6),
    ("Mr. Putin", {}, 6),
    ("Fomin", {}, 2),  # the store's alias
    ("Fomin", {"title": "Russian Deputy Defense Minister"}, 2),
    ("Fomin", {"parent": "Ukraine"}, 7),
    ("Russian Deputy Defense Minister Alexander Fomin", {}, 2),
])
def test_names_resolve_to_the_stores_actors(name, kwargs, rid):
    found = STORE.match(name, **kwargs)
    assert found is not None and found.id == rid


@pytest.mark.parametrize("name", ["Kuleba", "Sergei Putin", "Boris Johnson", "Kyiv Post"])
def test_an_ambiguous_or_unknown_name_matches_nothing(name):
    assert STORE.match(name) is None


def test_titles_and_nationalities_name_the_side():
    assert side_from_title("Russian Deputy Defense Minister") == "Russia"
    assert side_from_title("Ukraine's negotiator") == "Ukraine"
    assert side_from_title("Pentagon spokesman") is None
    assert split_title("Energy Minister Mykhailo Kovalenko") == (
        "Energy Minister", "Mykhailo Kovalenko")
    assert split_title("General Staff of the Ukrainian military") == (
        None, "General Staff of the Ukrainian military")


FULL = "We have restored every high-voltage line that was damaged, and no region will face " \
       "scheduled blackouts this summer"


@pytest.mark.parametrize("other", [
    "“We have restored every high-voltage line that was damaged, and no region will face "
    "scheduled blackouts this summer.”",
    "We have restored every high-voltage line that was damaged",
    'crews had "restored every high-voltage line that was damaged" and more',
    "no region would face scheduled blackouts this summer",
    "We have restored every high-voltage line … no region will face scheduled blackouts",
])
def test_the_same_statement_in_other_words_of_one_source(other):
    assert same_statement(FULL, other)


@pytest.mark.parametrize("other", [
    "Crews will need the whole summer to restore the grid",
    "the talks",
    "We have restored",
])
def test_other_statements_are_not_the_same(other):
    assert not same_statement(FULL, other)


def test_materially_different_wording_is_a_variant():
    other = ("We have restored most of the high-voltage lines that were damaged, and no region "
             "should face long blackouts this summer")
    assert not same_statement(FULL, other)
    assert variant(FULL, other)


def test_differences_mark_the_changed_words_only():
    runs = differences(FULL, "We have restored every line that was damaged, and few regions")
    changed = "".join(text for text, marked in runs if marked)
    assert "few regions" in changed and "restored" not in changed


def test_event_titles_naming_one_happening():
    assert same_title("Talks in Istanbul", "Russia–Ukraine talks in Istanbul")
    assert same_title("Address to the Danish parliament",
                      "Zelenskiy addresses the Danish parliament")
    assert not same_title("Talks in Istanbul", "Fighting in Mariupol")
