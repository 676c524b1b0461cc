"""The day an article's text prints for itself, when its page is dated a day or two later
(time zones, a late copy): its undated statements, "today" and "on Monday" are from then."""

from __future__ import annotations

from datetime import date

import pytest

from extractor import extract
from extractor.published import is_stamp, written_day

PUB = date(2025, 6, 12)  # a Thursday


@pytest.mark.parametrize(("head", "day"), [
    ("Harbour deal signed\n\nTromsø, June 11\n\nThe council", date(2025, 6, 11)),
    ("Harbour deal signed\nWed 11 Jun 2025 22.40 CEST\n\nThe council", date(2025, 6, 11)),
    ("Last updated on: June 10, 2025 17:59 IST\n\nThe council", date(2025, 6, 10)),
    ("TROMSØ, June 11 (Invented Wire) — The council", date(2025, 6, 11)),
    ("06/11/2025 07:54 PM EDT\n\nMaria Ortiz, Harbour Spokesperson\n\nMS ORTIZ: Hello.",
     date(2025, 6, 11)),  # month first (US)
    ("11.06.2025, 19:54\n\nThe council", date(2025, 6, 11)),  # day first
    ("TROMSØ (11 June 2025) – The harbour council", date(2025, 6, 11)),  # a release
    ("Bodø, June 11 (Invented Wire) -- The council", date(2025, 6, 11)),
    ("OSLO, June 11. /INW/. The council", date(2025, 6, 11)),
    ("Invented Wire | June 11, 2025 10:05 PM\n\nThe council", date(2025, 6, 11)),
    ("Fees cut\nBy Lena Brandt, June 11, 2025\n\nThe council", date(2025, 6, 11)),
    ("Fees cut\npublished at 21:40 British Summer Time 11 June 2025\n\nThe council",
     date(2025, 6, 11)),
])
def test_the_head_prints_an_earlier_day(head, day):
    assert written_day(head, PUB) == day


@pytest.mark.parametrize("head", [
    "Harbour deal signed\n\nTromsø, June 12\n\nThe council",  # the same day: nothing to move
    "Harbour deal signed\n\nUpdated June 14, 2025\n\nThe council",  # later: an update
    "Harbour deal signed\n\nMay 2, 2025\n\nThe council",  # weeks before: an archive copy
    "Fees cut for 3 ports Wednesday\n\nThe council",  # a weekday is the story's, not a stamp
    "The council said on June 11 that the fees would fall.",  # a sentence, not a stamp
    "Harbour deal signed\n\n03/04/2025 09:12\n\nThe council",  # neither reading is near
    "Fees cut, talks resume June 11 - union\n\nThe council",  # a headline naming a day
])
def test_no_earlier_day_is_read(head):
    assert written_day(head, PUB) is None


def test_statements_take_the_day_the_text_prints():
    text = ("Harbour fees to fall\n\nTromsø, June 11\n\n"
            "The harbour council voted to cut landing fees by a fifth.\n\n"
            '"We waited six years for this," said Maria Ortiz, who chairs the dockers\' union.\n\n'
            "Tomas Reyes, the council leader, said today that the cut would start in July.")
    statements = extract(text, PUB.isoformat())["statements"]
    assert [(s["actor"], s["said"]) for s in statements] == [
        ("Maria Ortiz", "2025-06-11"), ("Tomas Reyes", "2025-06-11")]
    assert extract(text, PUB.isoformat())["sources"][0]["published"] == "2025-06-12"


@pytest.mark.parametrize(("line", "stamp"), [
    ("published at 21:40 British Summer Time 11 June 2025", True),
    ("Wed 11 Jun 2025 22.40 CEST", True),
    ("Talks Resume June 11", False),  # a sub-head in a live page is no post's stamp
    ("Fees cut for 3 ports Wednesday", False),
])
def test_a_post_stamp_holds_only_stamp_words(line, stamp):
    assert is_stamp(line) is stamp

