"""Speech without quotation marks (extractor.transcripts): transcript turns, briefings'
answers and block quotations, each paragraph one direct statement of its speaker."""

from __future__ import annotations

from extractor import extract

PUB = "2025-06-12"


def found(text: str) -> list[tuple[str, str, str]]:
    return [(s["actor"], s["kind"], s["text"]) for s in extract(text, PUB)["statements"]]


def test_transcript_turns_go_to_the_titled_speaker_and_run_on_untagged_paragraphs():
    text = ("Remarks by Governor Alvarez at the Harbour Press Conference\n\n"
            "Q Thank you, Governor.\n\n"
            "THE GOVERNOR: Thank you. It is good to be here.\n\n"
            "Q Will the port reopen on Monday?\n\n"
            "THE GOVERNOR: It will. The crews worked through the night.\n\n"
            'And I said to them, "You have done the city proud." They have.')
    assert found(text) == [  # the text never gives his first name: "Governor Alvarez"
        ("Governor Alvarez", "direct", "Thank you. It is good to be here."),
        ("Governor Alvarez", "direct", "It will. The crews worked through the night."),
        ("Governor Alvarez", "direct",
         'And I said to them, "You have done the city proud." They have.')]


def test_answers_of_a_briefing_go_to_the_spokesperson_the_intro_names():
    text = ("Ministry spokeswoman Lena Brandt held a press conference on June 11.\n\n"
            "Lena Brandt opened the press conference with the following announcement:\n\n"
            "The trade delegation will travel to Oslo next week.\n\n"
            "Q: Will the minister join the delegation?\n\n"
            "A: The minister has other commitments. We will share the details later.\n\n"
            "Q: Has the ministry received the letter from the fishermen?\n\n"
            "A: We have received it and will reply in due course.")
    assert [(a, t) for a, _k, t in found(text)] == [
        ("Lena Brandt", "The trade delegation will travel to Oslo next week."),
        ("Lena Brandt", "The minister has other commitments. We will share the details later."),
        ("Lena Brandt", "We have received it and will reply in due course.")]


def test_block_quotation_after_he_added_is_his():
    text = ("Port director Maria Ortiz said the talks would resume on Friday. She added:\n\n"
            "We are closer than we have ever been, and nobody wants another strike.\n\n"
            "The union has not commented.")
    assert ("Maria Ortiz", "direct",
            "We are closer than we have ever been, and nobody wants another strike.") in found(text)
    assert all(t != "The union has not commented." for _a, _k, t in found(text))


def test_a_colon_dateline_is_no_transcript_tag():
    text = ("OSLO: The fisheries minister said the quota would be cut.\n\n"
            "Officials met on Tuesday. The talks will go on.")
    assert all(k == "reported" for _a, k, _t in found(text))


def test_timed_transcript_lines_open_the_turn_under_them():
    text = ("Press briefing by press secretary Lena Brandt\n\n"
            "Speaker 7 (00:00):\n\nHi, Miguel.\n\n"
            "Lena Brandt (01:20):\n\nThe harbour will reopen on Monday.\n\n"
            "Speaker 5 (01:30):\n\nThank you.")
    assert found(text) == [("Lena Brandt", "direct", "The harbour will reopen on Monday.")]


def test_in_a_transcript_a_tag_used_once_is_a_turn_and_question_is_no_statement():
    text = ("Partial transcript as follows:\n\n"
            "ORTIZ: Good afternoon. The talks went well.\n\n"
            "QUESTION: Thank you, Maria. Will you sign?\n\n"
            "ORTIZ :We will sign on Friday.\n\n"
            "LUND: The union agrees.")
    # a one-word name in capitals keeps them (it may be an acronym): compared casefolded
    assert [(a.casefold(), t) for a, _k, t in found(text)] == [
        ("ortiz", "Good afternoon. The talks went well."),
        ("ortiz", "We will sign on Friday."), ("lund", "The union agrees.")]


def test_remarks_in_full_run_over_every_paragraph_to_the_next_heading():
    text = ("Harbour director Maria Ortiz spoke to the dockers late on Tuesday.\n\n"
            "Here are Ortiz's remarks in full:\n\n"
            "Well, friends, it has been a long night. They are still counting.\n\n"
            "So go home and get some sleep. We will have more to say tomorrow.\n\n"
            "Related coverage")
    assert [(a, t[:20]) for a, _k, t in found(text)] == [
        ("Maria Ortiz", "Well, friends, it ha"), ("Maria Ortiz", "So go home and get s")]


def test_a_list_of_the_lead_speakers_words_without_marks():
    text = ("Harbour Board Governor Maria Ortiz speaks at a press conference on Tuesday.\n\n"
            "Additional quotes\n\n"
            "Will keep the rate on hold until prices settle.\n\n"
            "The economy is recovering moderately, although some weak moves are seen.\n\n"
            "Market reaction\n\n"
            "The krone was flat after the comments.")
    assert [(a, t) for a, _k, t in found(text)] == [
        ("Maria Ortiz", "Will keep the rate on hold until prices settle."),
        ("Maria Ortiz", "The economy is recovering moderately, although some weak moves are seen.")]


def test_a_turn_ending_in_a_dash_is_no_headline():
    text = ("MR. LUND: Hi, everybody. I'm going to lay out --\n\n"
            "Q (Inaudible.)\n\n"
            "MR. LUND: It's always a busy day around here.")
    assert [t for _a, _k, t in found(text)] == ["Hi, everybody. I'm going to lay out --",
                                               "It's always a busy day around here."]
