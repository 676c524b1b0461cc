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


def test_a_capitals_tag_with_its_description_and_the_family_name_after():
    text = ("Harbour Court Live\n\n"
            "JUDGE ANA RUIZ, HARBOUR DISTRICT COURT: The jury has reached its verdict. Please "
            "be seated.\n\n"
            "IVAN O'NEILL, DEFENCE COUNSEL: Thank you, your honour.\n\n"
            "RUIZ: The court is adjourned until Monday.")
    assert [(a.casefold(), k, t) for a, k, t in found(text)] == [
        ("ana ruiz", "direct", "The jury has reached its verdict. Please be seated."),
        ("ivan o'neill", "direct", "Thank you, your honour."),
        ("ana ruiz", "direct", "The court is adjourned until Monday.")]


SPEECH = ("Press conference by Harbour Board Chair Maria Ortiz at the close of the port summit\n\n"
          "12 Jun. 2023 | Last updated: 13 Jun. 2023 10:14\n\n"
          "(As delivered)\n\n"
          "Good afternoon.\n\n"
          "We have had a very good summit. As I said this morning, our ports are stronger "
          "together.\n\n"
          "Next steps\n\n"
          "We will meet again in the spring, and I expect every member to bring a plan.")


def test_a_speech_documents_paragraphs_are_its_speakers_words():
    assert found(SPEECH) == [
        ("Maria Ortiz", "direct", "Good afternoon."),
        ("Maria Ortiz", "direct", "We have had a very good summit. As I said this morning, our "
                                  "ports are stronger together."),
        ("Maria Ortiz", "direct", "We will meet again in the spring, and I expect every member "
                                  "to bring a plan.")]


def test_a_report_of_a_speech_is_no_speech_document():
    text = ("Remarks by Harbour Board Chair Maria Ortiz draw criticism\n\n"
            "The harbour chair spoke for an hour on Tuesday.\n\n"
            "We have heard it all before, the union said in a statement.\n\n"
            "Our members will not wait, the union added.")
    assert all(k != "direct" or not t.startswith("The harbour chair") for _a, k, t in found(text))
    assert ("Maria Ortiz", "direct", "The harbour chair spoke for an hour on Tuesday.") \
        not in found(text)


def test_an_embedded_post_is_its_signers_words_without_the_signature():
    text = ("Ortiz struck a reflective tone after the count. She posted:\n\n"
            "Ten years ago today I stood on this quay as a docker. The sun is shining. — "
            "Maria Ortiz (@mortiz_harbour) May 6, 2016\n\n"
            "Her party won four seats.")
    assert ("Maria Ortiz", "direct",
            "Ten years ago today I stood on this quay as a docker. The sun is shining.") \
        in found(text)


def test_a_transcripts_name_lines_open_each_speakers_turn():
    text = ("Media Conference: Harbour Board Decision\n\n"
            "Transcript\n\n"
            "Maria Ortiz\n\n"
            "Good afternoon. Today the board decided to cut the fee, and we did it for the "
            "fishermen.\n\n"
            "Journalist\n\n"
            "Will you cut it again in May?\n\n"
            "Maria Ortiz\n\n"
            "I won't say what we will do in May. We look at the data every month.")
    assert found(text) == [
        ("Maria Ortiz", "direct", "Good afternoon. Today the board decided to cut the fee, and "
                                  "we did it for the fishermen."),
        ("Maria Ortiz", "direct", "I won't say what we will do in May. We look at the data "
                                  "every month.")]
