"""Direct quotations of real news (issue 16) reproduced with invented sentences.

Typewriter quote marks, quotation lists signed ``– Name on Topic``, transcript speaker
lines with a time code, short upper-case speaker names in transcripts. The real articles
these were found in are measured locally only (bench/article_accuracy.py --real).
"""

from __future__ import annotations

from extractor import extract

PUB = "2025-06-12"  # a Thursday


def found(text: str, published: str = PUB) -> list[tuple[str, str, str]]:
    """(speaker, kind, text) of every statement."""
    return [(s["actor"], s["kind"], s["text"]) for s in extract(text, published)["statements"]]


def test_typewriter_double_marks():
    text = ("Ferry talks break down\n\n"
            "``A stoppage is now very likely,'' said Marek Olsen, head of the ferry union.\n\n"
            "Council leader Ines Varga said the crews had ``made some progress.''\n\n"
            "But she added: ``It does not look good.''")
    assert found(text) == [
        ("Marek Olsen", "direct", "A stoppage is now very likely"),
        ("Ines Varga", "direct", "made some progress."),
        ("Ines Varga", "direct", "It does not look good.")]


def test_short_quotation_signed_with_a_topic():
    text = ("Friday's team news\n\n\u201cWe are ready,\u201d said Ivo Lind.\n\n"
            "\u201cThe doctors tell me three weeks.\u201d \u2013 Lena Brandt on Ada Moss\n\n"
            "\u201cHe trained today. I have good hope.\u201d \u2013 Joost ten Kate on Ivo Lind")
    assert found(text) == [("Ivo Lind", "direct", "We are ready"),
                           ("Lena Brandt", "direct", "The doctors tell me three weeks."),
                           ("Joost ten Kate", "direct", "He trained today. I have good hope.")]
