"""Transcript turns tagged in title case (extractor.transcripts): a briefing where the
spokesperson's name opens each answer and outlets open the questions."""

from __future__ import annotations

from extractor import extract

PUB = "2023-05-04"


def found(text: str) -> list[tuple[str, str, str]]:
    return [(s["actor"], s["kind"], s["text"]) for s in extract(text, PUB)["statements"]]


BRIEFING = (
    "Foreign Ministry Spokesperson Lin Dao's Regular Press Conference on May 4, 2023\n\n"
    "Lin Dao: Good afternoon. Vice Minister Feng Bo will visit Velmora from May 6 to 9.\n\n"
    "Harbour Daily: The Velmoran government said on Tuesday that it would review the port "
    "agreement. What is your comment?\n\n"
    "Lin Dao: We have noted the reports. The agreement has brought real benefits.\n\n"
    "We hope the relevant side will keep its commitments.\n\n"
    "Coastal Broadcasting: A follow-up question. Will you send a delegation next week?\n\n"
    "Lin Dao: I have no information to release at the moment.")


def test_a_name_in_title_case_opening_answers_is_the_speaker_of_each_turn():
    directs = [(a, t) for a, k, t in found(BRIEFING) if k == "direct"]
    assert directs == [
        ("Lin Dao", "Good afternoon. Vice Minister Feng Bo will visit Velmora from May 6 to 9."),
        ("Lin Dao", "We have noted the reports. The agreement has brought real benefits."),
        ("Lin Dao", "We hope the relevant side will keep its commitments."),
        ("Lin Dao", "I have no information to release at the moment.")]


def test_an_outlets_question_is_no_statement_but_the_speech_it_reports_is():
    statements = found(BRIEFING)
    assert all(a not in ("Harbour Daily", "Coastal Broadcasting") for a, _k, _t in statements)
    assert ("Velmoran government", "reported", "it would review the port agreement") in statements


def test_a_name_and_colon_used_once_is_no_transcript():
    text = ("Maria Ortiz: the harbour director who saved the port\n\n"
            "Maria Ortiz has run the harbour for ten years. She said the port would reopen.")
    assert [k for _a, k, _t in found(text)] == ["reported"]
