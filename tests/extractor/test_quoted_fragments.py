"""Round-3 conventions for quotations (tests/data/articles/README.md): a quoted fragment in
a reporting or characterising clause is one direct statement of its words; a quotation
interrupted by its attribution is one statement; single curly marks quote in an article
that uses no others. Sentences invented for the purpose."""

from __future__ import annotations

from extractor import extract

PUB = "2025-06-12"


def found(text: str) -> list[tuple[str, str, str]]:
    return [(s["actor"], s["kind"], s["text"]) for s in extract(text, PUB)["statements"]]


def test_fragment_after_a_characterising_verb_is_direct():
    assert found('Harbour director Maria Ortiz called the offer "a last warning".') == [
        ("Maria Ortiz", "direct", "a last warning")]


def test_fragment_after_denounced_as_is_direct():
    text = 'Opposition leader Arne Dahl denounced the count as "rigged" on Sunday.'
    assert found(text) == [("Arne Dahl", "direct", "rigged")]


def test_fragment_after_a_participle_is_the_sentences_speaker():
    text = ('"The harbour belongs to all of us," Maria Ortiz told reporters, calling the '
            'ruling "another fraud".')
    assert found(text) == [("Maria Ortiz", "direct", "The harbour belongs to all of us"),
                           ("Maria Ortiz", "direct", "another fraud")]


def test_a_short_title_is_not_a_quotation():
    text = 'Maria Ortiz told "Harbour Morning" on Friday that the deal was close.'
    assert [k for _a, k, _t in found(text)] == ["reported"]


def test_scare_quotes_nobody_speaks_are_not_statements():
    assert found('The so-called "harbour tax" was dropped in May.') == []


def test_single_curly_marks_quote_when_the_article_has_no_others():
    text = ("Despite the \u2018good exchange of views\u2019, the two sides had far to go, "
            "Arne Dahl said.\n\n"
            "\u2018We have done our part,\u2019 Dahl said, adding there remained "
            "\u2018very real gaps\u2019 over the quota. The fishermen\u2019s boats stayed in port.")
    assert found(text) == [("Arne Dahl", "direct", "good exchange of views"),
                           ("Arne Dahl", "direct", "We have done our part"),
                           ("Arne Dahl", "direct", "very real gaps")]


def test_fragments_chained_in_one_clause_are_one_entry():
    text = ('Opposition leader Arne Dahl denounced the count as "an electoral hold up" that was '
            '"rigged, fabricated and invented" and did "not reflect the truth".')
    assert found(text) == [("Arne Dahl", "direct", "an electoral hold up … rigged, fabricated "
                                                   "and invented … not reflect the truth")]


def test_the_fragments_of_one_reported_clause_are_one_entry():
    text = ('Ministry spokesman Tomas Reyes said the strikes aimed to "complicate logistics" and '
            '"create conditions for a crisis."')
    assert found(text) == [("Tomas Reyes", "direct",
                            "complicate logistics … create conditions for a crisis.")]
