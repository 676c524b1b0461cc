"""A story dating its statements on one day before publication ("said on Tuesday"), and
naming no later day, dates its undated statements (other speakers too) on that day."""

from __future__ import annotations

from extractor import extract

PUB = "2025-06-12"  # a Thursday

STORY = (
    "Harbour bank holds rates\n\n"
    "The Harbour Reserve Bank kept its main rate at 4 percent, governor Ana Ruiz said on "
    "Tuesday, after inflation slowed for a third month.\n\n"
    "The bank last cut its rate on March 3.\n\n"
    "Prices of fish and fuel rose less than expected in May, the statistics office said in "
    "its monthly report.\n\n"
    "Exporters have long asked for cheaper credit.\n\n"
    "{later}"
    '"A pause was the only sensible choice," said Li Wen, an economist at Coast Capital.\n\n'
    "Tomas Reyes, who speaks for the fishermen's guild, said the bank had ignored the ports.\n\n"
    "The opposition denies that the bank is independent."
)


def said(text: str) -> dict[str, str]:
    """Each statement's first three words → its date."""
    return {" ".join(s["text"].split()[:3]): s["said"] for s in extract(text, PUB)["statements"]}


def test_undated_statements_take_the_storys_saying_day():
    assert said(STORY.format(later="")) == {
        "The Harbour Reserve": "2025-06-10", "Prices of fish": "2025-06-10",
        "A pause was": "2025-06-10", "the bank had": "2025-06-10",
        "the bank is": PUB}  # "denies": a standing position


def test_a_later_day_named_keeps_the_publication_date():
    dates = said(STORY.format(later="On Wednesday the guild's boats stayed in port.\n\n"))
    assert dates["The Harbour Reserve"] == "2025-06-10"
    assert dates["A pause was"] == PUB
