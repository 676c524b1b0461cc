"""A day or period said next to the verb ("said Tuesday the …", "said last week its …") is
the saying's date, not the content's; a week, which the format cannot hold, is its month."""

from __future__ import annotations

import pytest

from extractor import extract

PUB = "2025-06-12"  # a Thursday


def one(text: str, published: str = PUB) -> dict:
    (statement,) = extract(text, published)["statements"]
    return statement


@pytest.mark.parametrize(("said", "day"), [
    ("said Tuesday", "2025-06-10"),
    ("said late Tuesday night", "2025-06-10"),
    ("said yesterday", "2025-06-11"),
    ("said on June 9", "2025-06-09"),
    ("said last week", "2025-06"),
])
def test_a_day_next_to_the_verb_dates_the_saying(said, day):
    s = one(f"Harbour chief Maria Ortiz {said} the landing fees would fall in July.")
    assert (s["said"], s["text"]) == (day, "the landing fees would fall in July")


def test_a_possessive_day_opening_the_content_is_the_contents():
    s = one("Harbour chief Maria Ortiz said Monday's vote was fair.")
    assert (s["said"], s["text"]) == (PUB, "Monday's vote was fair")


@pytest.mark.parametrize(("said", "published", "month", "approximate"), [
    ("last week", "2025-06-12", "2025-06", False),
    ("last week", "2025-06-05", "2025-05", True),  # 26 May to 1 June: its middle's month
    ("this week", "2025-07-03", "2025-07", True),  # Monday 30 June to Thursday 3 July
    ("two weeks ago", "2025-06-12", "2025-05", True),
])
def test_a_week_is_its_month(said, published, month, approximate):
    s = one(f"Harbour chief Maria Ortiz said {said} that the landing fees would fall.",
            published)
    assert (s["said"], s["approximate"]) == (month, approximate)


@pytest.mark.parametrize(("text", "speaker", "day"), [
    ("Maria Ortiz on Tuesday said the landing fees would fall.", "Maria Ortiz", "2025-06-10"),
    ("Maria Ortiz late Tuesday warned that the landing fees would fall.", "Maria Ortiz",
     "2025-06-10"),
    ("Ortiz, the harbour chief, on Tuesday said the landing fees would fall.", "Ortiz",
     "2025-06-10"),
    ("Tomas Reyes, 27, who was cleared by the harbour tribunal on Tuesday, said the landing "
     "fees would fall.", "Tomas Reyes", PUB),  # the clause's day, not the saying's
])
def test_a_day_between_the_speaker_and_the_verb_dates_the_saying(text, speaker, day):
    s = one(text)
    assert (s["actor"], s["said"], s["text"]) == (speaker, day, "the landing fees would fall")
