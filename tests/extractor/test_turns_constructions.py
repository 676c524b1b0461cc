"""Transcripts and Q&A forms from real pages (issue 16): whose turn each paragraph is, which
turns ask, and when the turns were spoken. Invented people and outlets."""

from __future__ import annotations

from extractor import extract

PUB = "2024-03-12"


def found(text: str, pub: str = PUB) -> list[tuple[str, str, str, str]]:
    document = extract(text, pub)
    names = {a["id"]: a["name"] for a in document["actors"]}
    return [(names.get(s["actor"], s["actor"]), s["kind"], s["text"], s["said"][:10])
            for s in document["statements"]]


def test_a_spokesperson_the_title_names_answers_under_a_tag_used_once():
    text = ("Foreign Ministry Spokesperson Dora Veltri hosted a regular press conference on "
            "March 12, 2024\n\n"
            "Harbour Radio: Minister Ansel Kro visited Tirana on the 10th.\n\n"
            "Can the spokesperson tell us more about this visit?\n\n"
            "Dora Veltri: Minister Kro has just concluded a successful visit.\n\n"
            "The two sides agreed to expand their cooperation on ports and railways.")
    assert [(a, k, t) for a, k, t, _d in found(text)] == [
        ("Dora Veltri", "direct", "Minister Kro has just concluded a successful visit."),
        ("Dora Veltri", "direct",
         "The two sides agreed to expand their cooperation on ports and railways.")]


def test_a_presenters_turns_in_capitals_ask_and_are_no_statements():
    text = ("Transcript of an interview with Opposition Leader Petra Lund, Coast FM\n\n"
            "PRESENTER: Joining us this morning, the opposition leader Petra Lund. Welcome.\n\n"
            "PETRA LUND: Thanks, it is good to be back on the show.\n\n"
            "PRESENTER: Where are you heading today?\n\n"
            "PETRA LUND: I am off to the harbour to meet the fishing crews.")
    assert [(a, t) for a, _k, t, _d in found(text)] == [
        ("Petra Lund", "Thanks, it is good to be back on the show."),
        ("Petra Lund", "I am off to the harbour to meet the fishing crews.")]


def test_a_hearing_records_turn_opens_with_the_members_name_and_a_full_stop():
    text = ("Hearing of the Subcommittee on Harbours\n\n"
            "Tuesday, March 12, 2024\n\n"
            "The subcommittee met, pursuant to call, at 10:00 a.m., Hon. Walter Brisk "
            "[chairman of the subcommittee] presiding.\n\n"
            "Mr. Brisk. The meeting will come to order. We are here to hear the port "
            "authority on its dredging plans.\n\n"
            "These plans will shape the harbour for a generation, and we intend to read "
            "them closely.")
    assert [(a, k, t) for a, k, t, _d in found(text)] == [
        ("Walter Brisk", "direct", "The meeting will come to order. We are here to hear the "
                                   "port authority on its dredging plans."),
        ("Walter Brisk", "direct", "These plans will shape the harbour for a generation, and "
                                   "we intend to read them closely.")]


BRIEFING = ("Daily Press Briefing by the Office of the Spokesperson\n\n"
            "The following is a near-verbatim transcript of today's noon briefing by Tomas "
            "Arlen, Deputy Spokesman for the Harbour Council.\n\n"
            "Good afternoon. Thank you for waiting, we had to hold on for the council to "
            "finish.\n\n"
            "**Ferries\n\n"
            "I have the following statement on the ferry fire. The Council condemns the "
            "attack on the ferry terminal on 11 March and calls on all sides to keep the "
            "port open.\n\n"
            "We will have more on this as we get it.")


def test_the_paragraphs_after_a_transcripts_intro_line_are_its_speakers_turns():
    statements = found(BRIEFING)
    assert [(a, k) for a, k, _t, _d in statements] == [("Tomas Arlen", "direct")] * 3
    assert all("Ferries" not in t for _a, _k, t, _d in statements)


def test_a_date_inside_a_turn_is_what_the_speaker_spoke_of_not_when():
    assert {d for _a, _k, _t, d in found(BRIEFING)} == {PUB}


def test_a_name_with_a_middle_initial_is_the_same_person_called_by_the_fuller_form():
    text = ("Ambassador Lena Brandt\n\n"
            "Ambassador Lena K. Brandt\nInterview with Harbour Television\n\n"
            "March 12, 2024\n\n"
            "Q: Are relations between the two countries good?\n\n"
            "A: I think the basis of our relations is very good.\n\n"
            "Q: And in the street?\n\n"
            "A: I like direct contact with people, especially here.")
    document = extract(text, PUB)
    assert [a["name"] for a in document["actors"]] == ["Lena K Brandt"]
    assert [a for a, _k, _t, _d in found(text)] == ["Lena K Brandt"] * 2


def test_an_interviews_turns_were_spoken_on_the_day_its_intro_names():
    text = ("My interview with Petra Lund\n\n"
            "I got the opposition leader on the phone on the morning of Friday, 8th of "
            "March, as she drove through the district.\n\n"
            "PRESENTER: Joining us this morning, the opposition leader Petra Lund.\n\n"
            "PETRA LUND: Thanks, it is good to be back on the show.\n\n"
            "PRESENTER: Where are you heading today?\n\n"
            "PETRA LUND: I am off to the harbour to meet the fishing crews.")
    assert {d for _a, _k, _t, d in found(text)} == {"2024-03-08"}


def test_a_transcripts_title_date_in_figures_dates_its_turns():
    text = ("Press Briefing by Press Secretary Dora Veltri 3/08/24 Transcript\n\n"
            "Mar 11, 2024\n\n"
            "Dora Veltri: (00:00)\n"
            "Good afternoon. I want to say a few words about the harbour strike.\n\n"
            "Speaker 2: (00:40)\n"
            "Will the government meet the union?\n\n"
            "Dora Veltri: (00:45)\n"
            "We are ready to meet them this week, and we hope they will come.")
    assert {d for _a, _k, _t, d in found(text)} == {"2024-03-08"}


def test_a_name_then_its_capitalised_title_of_a_state_in_commas_is_the_speaker():
    text = ("During a press conference at the harbour this afternoon, Lena Brandt, Foreign "
            "Minister of Norway, called on the council to reopen the port. Ivan Sorel, "
            "Trade Minister of Estonia, said the port must stay open.")
    assert [(a, k) for a, k, _t, _d in found(text)] == [("Lena Brandt", "reported"),
                                                        ("Ivan Sorel", "reported")]


def test_acting_according_to_a_rule_inside_a_clause_is_no_attribution():
    text = ("Lena Brandt said the council must intervene now and act according to its "
            "principles in keeping the peace, and it should not follow any one government.")
    assert [t for _a, _k, t, _d in found(text)] == [
        "the council must intervene now and act according to its principles in keeping the "
        "peace, and it should not follow any one government"]


def test_a_quotation_after_which_he_called_is_a_statement_of_its_own():
    text = ("Ivan Sorel said he had planned to discuss trade, but chose instead to focus on "
            "the \u201cterrible night in the harbour\u201d, which he called \u201ca cowardly "
            "attack on working people\u201d.")
    assert [t for _a, k, t, _d in found(text) if k == "direct"] == [
        "terrible night in the harbour", "a cowardly attack on working people"]


def test_question_and_answer_spelt_out_or_with_full_stops_are_the_interviewees_turns():
    for asked, answer in (("Question:", "Answer:"), ("Q.:", "A.:")):
        text = ("Ambassador Lena Brandt gave an interview to Harbour News.\n\n"
                f"{asked} Why are you leaving the post now?\n\n"
                f"{answer} Purely for family reasons. I love this job and I will miss it.\n\n"
                f"{asked} Will relations improve?\n\n"
                f"{answer} I think they will, slowly, if both sides keep talking.")
        assert [(a, k) for a, k, _t, _d in found(text)] == [("Lena Brandt", "direct")] * 2


def test_a_tag_whose_every_turn_asks_is_the_interviewer_and_no_speaker():
    text = ("Lena Brandt, Norway's foreign minister, spoke to Harbour News.\n\n"
            "HARBOUR NEWS: Why now?\n\n"
            "BRANDT: Because the talks are ready. We have waited long enough.\n\n"
            "HARBOUR NEWS: And the fishermen?\n\n"
            "BRANDT: They will be protected, I promise that.")
    assert [(a, t) for a, _k, t, _d in found(text)] == [
        ("Lena Brandt", "Because the talks are ready. We have waited long enough."),
        ("Lena Brandt", "They will be protected, I promise that.")]


def test_a_title_case_tag_of_titles_and_a_name_opens_that_persons_turns():
    text = ("Transcript: Harbour Radio's full interview with Norway's foreign minister\n\n"
            "Dan Lee: What did you mean by all or nothing?\n\n"
            "Norwegian Foreign Minister Lena Brandt: The agreement is the result of years of "
            "talks. Every word was negotiated.\n\n"
            "Dan Lee: Will you negotiate changes?\n\n"
            "Norwegian Foreign Minister Lena Brandt: No. We are not prepared to reopen it.")
    assert [(a, k) for a, k, _t, _d in found(text)] == [("Lena Brandt", "direct")] * 2


def test_the_paragraphs_after_here_is_the_text_of_x_s_speech_are_x_s():
    text = ("Mayor Ortiz's speech\n\n"
            "Editor's Note: Here is the text of Mayor Maria Ortiz's speech as prepared for "
            "delivery to the city council:\n\n"
            "Members of the council, I have come here tonight to speak frankly about the "
            "harbour.\n\n"
            "We will rebuild, we will recover, and this city will emerge stronger.")
    assert [(a, k) for a, k, _t, _d in found(text)] == [("Maria Ortiz", "direct")] * 2


def test_a_statement_from_someone_read_out_is_theirs():
    text = ("A spokesman read out a statement from Prime Minister Ivan Sorel outside his "
            "office:\n\n"
            "We will not be intimidated by violence. The port will reopen tomorrow.")
    assert [(a, k) for a, k, _t, _d in found(text)] == [("Ivan Sorel", "direct")]


def test_a_role_tag_answering_twice_is_the_spokesperson_the_intro_names():
    text = ("Regular press conference of the Foreign Ministry. Spokesperson Dora Veltri "
            "answered questions.\n\n"
            "Harbour Daily: Will the minister visit Tirana?\n\n"
            "Spokesperson: I have no information to release at the moment.\n\n"
            "Coast TV: What is your comment on the strike?\n\n"
            "Spokesperson: We hope the two sides will talk and settle it soon.")
    assert [(a, k) for a, k, _t, _d in found(text)] == [("Dora Veltri", "direct")] * 2


def test_a_tag_on_a_line_of_its_own_and_a_title_the_capitals_heading_names():
    text = ("TRANSCRIPT OF THE PRIME MINISTER THE HON IVAN SOREL MP INTERVIEW WITH RADIO "
            "HARBOUR FM\n\n"
            "JOURNALIST:\nPrime Minister, good morning and welcome again.\n\n"
            "PRIME MINISTER:\nWell it is great to be back on the show.\n\n"
            "JOURNALIST:\nIs the race as close as they say?\n\n"
            "PRIME MINISTER:\nThe polls are even. I think it will be quite close.")
    assert [(a, t) for a, _k, t, _d in found(text)] == [
        ("Ivan Sorel", "Well it is great to be back on the show."),
        ("Ivan Sorel", "The polls are even. I think it will be quite close.")]


def test_an_earnings_calls_operator_says_nothing():
    text = ("Harbour Corp fourth-quarter earnings call transcript\n\n"
            "OPERATOR: Good day and welcome to the call.\n\n"
            "LENA BRANDT, CHIEF EXECUTIVE: Thank you. We had a strong quarter.\n\n"
            "OPERATOR: Our first question comes from Dan Lee.\n\n"
            "LENA BRANDT: We expect growth to continue next year.")
    assert [a for a, _k, _t, _d in found(text)] == ["Lena Brandt"] * 2


def test_a_day_a_reporters_question_names_does_not_date_the_answers():
    text = ("Transcript: Harbour Radio's interview with Norway's foreign minister\n\n"
            "Dan Lee: You said on Monday the deal is all or nothing. What did you mean?\n\n"
            "Norwegian Foreign Minister Lena Brandt: The agreement took years of talks. Every "
            "word was negotiated.\n\n"
            "Dan Lee: Will you negotiate changes?\n\n"
            "Norwegian Foreign Minister Lena Brandt: No. We are not prepared to reopen it.")
    assert {d for _a, _k, _t, d in found(text)} == {PUB}


def test_excerpts_from_her_speech_are_hers_until_the_story_speaks_of_the_speech():
    text = ("Brandt warns on fishing quotas\n\n"
            "Foreign Minister Lena Brandt addressed parliament on Monday. Here are excerpts "
            "from her speech:\n\n"
            "We have waited long enough for a fair deal on quotas.\n\n"
            "Our fishermen deserve better, and we will not sign a bad agreement.\n\n"
            "Opposition leaders criticised the speech.")
    assert [(a, t) for a, _k, t, _d in found(text)] == [
        ("Lena Brandt", "We have waited long enough for a fair deal on quotas."),
        ("Lena Brandt", "Our fishermen deserve better, and we will not sign a bad agreement.")]
