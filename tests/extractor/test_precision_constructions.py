"""Statements given to the wrong speaker, or that are no statements (issue 16, precision),
each construction reproduced with invented sentences."""

from __future__ import annotations

from extractor import extract

PUB = "2025-06-12"  # a Thursday


def found(text: str, published: str = PUB) -> list[tuple[str, str, str]]:
    """(speaker, kind, text) of every statement."""
    return [(s["actor"], s["kind"], s["text"]) for s in extract(text, published)["statements"]]


# --- headlines ------------------------------------------------------------------------------

def test_headline_ending_in_its_quotation_is_no_statement_when_the_body_speaks():
    text = ("Tributes pour in after the harbour fire: ‘The town will rebuild’\n\n"
            "Leaders and residents share their words about the fire.\n\n"
            'Mayor Ilse Varga visited the quay on Wednesday. "We owe the crews everything," '
            "Varga said.")
    assert found(text) == [("Ilse Varga", "direct", "We owe the crews everything")]


# --- briefings: questions and answers -------------------------------------------------------

BRIEFING = ("Spokesperson Lin Dao's Regular Press Conference on June 11, 2025\n\n"
            "Q The coastguard said it seized two boats near the reef. What is your comment?\n\n"
            "A We have noted the reports. The boats were fishing lawfully and must be released.")


def test_bare_q_question_is_no_statement_and_bare_a_answer_is_the_spokespersons():
    assert found(BRIEFING) == [
        ("Lin Dao", "direct",
         "We have noted the reports. The boats were fishing lawfully and must be released.")]


def test_reporters_question_is_no_statement_even_without_answers_found():
    text = ("Briefing notes\n\nQUESTION: Your minister said the talks had failed. Is that so?\n\n"
            "The spokesman did not answer.")
    assert found(text) == []


def test_a_line_in_another_script_ends_the_answer():
    text = BRIEFING + "\n\n请问中方对此有何评论?\n\nQ Can you tell us more?"
    assert [s for s, _k, _t in found(text)] == ["Lin Dao"]


# --- transcripts: what a turn says that is no statement -------------------------------------

def test_greeting_turn_and_calling_on_a_reporter_are_no_statements():
    text = ("White House Briefing; Aired 2-2:30p ET\n\n"
            "DANA PIKE, PRESS SECRETARY: Good afternoon, everyone.\n\n"
            "The president will sign the bill on Friday.\n\n"
            "Katie? (inaudible)?\n\n"
            "QUESTION: Will he travel next week?\n\n"
            "PIKE: [14:02:11] We will have more on his travel tomorrow.\n\n"
            "Go ahead, Miriam.")
    assert found(text) == [
        ("Dana Pike", "direct", "The president will sign the bill on Friday."),
        ("Dana Pike", "direct", "We will have more on his travel tomorrow.")]


# --- roles ------------------------------------------------------------------------------------

def test_the_lawyer_is_not_the_unnamed_judge_who_spoke_before():
    text = ("Verdict thrown out\n\nThe judge said the lawyer had made \"sarcastic\" remarks.\n\n"
            "The lawyer, for his part, says that the jury was insulted.")
    assert found(text) == [("judge", "direct", "sarcastic"),
                           ("lawyer", "reported", "the jury was insulted")]


# --- he and she -------------------------------------------------------------------------------

def test_he_after_a_sentence_listing_several_players_is_the_coach_who_spoke():
    text = ("Coach pleased\n\nCoach Anton Hegel said his side played well.\n\n"
            "Lukas Brandt opened the scoring, followed by goals from Emil Sauer and Ivo Pohl.\n\n"
            '"Nobody can doubt the forwards now," he said.')
    assert found(text)[-1] == ("Anton Hegel", "direct", "Nobody can doubt the forwards now")


# --- quotation paragraphs ------------------------------------------------------------------

def test_quotation_right_after_a_speakers_quotation_goes_on_with_them_not_the_line_below():
    text = ('Coaches speak\n\n"We made mistakes," Germany coach Bernd Vogt said.\n\n'
            '"Our young players tired late in the game."\n\nCaptain Ole Brandt')
    assert found(text)[-1] == ("Bernd Vogt", "direct", "Our young players tired late in the game.")


# --- roles and their holders ------------------------------------------------------------------

def test_an_unnamed_official_is_no_holder_of_the_states_named_role():
    text = ("Talks near\n\nJapan's foreign minister said he expected the talks to resume.\n\n"
            "A Japanese Foreign Ministry official said he was aware of the reports.")
    assert found(text)[0] == ("Japan", "reported", "he expected the talks to resume")


def test_an_unnamed_official_is_not_the_other_sides_titled_speaker():
    text = ("Talks near\n\nRussian nuclear envoy Deputy Foreign Minister Ivan Sorokin said the "
            "talks would resume in May.\n\nA Japanese Foreign Ministry official said he was "
            "aware of the reports.")
    assert found(text)[-1] == ("Japanese Foreign Ministry official", "reported",
                               "he was aware of the reports")


# --- news agencies ------------------------------------------------------------------------------

def test_a_news_agency_reporting_is_no_speaker():
    text = ("Rate held\n\nThe central bank kept its key rate at 2.5%, Reuters reported.\n\n"
            "Policymakers also left reserve requirements unchanged, the Kyodo news agency "
            "reported on Friday.\n\nGovernor Ana Pop said inflation would ease.")
    assert found(text) == [("Ana Pop", "reported", "inflation would ease")]


def test_a_news_agency_reporting_ends_the_clause_it_passes_on():
    text = ("Talks near\n\nDeputy Foreign Minister Ivan Sorokin has also said the talks could "
            "resume in May, the ITAR-Tass news agency reported Friday.")
    assert found(text) == [("Ivan Sorokin", "reported", "the talks could resume in May")]


# --- two quotations of one sentence -------------------------------------------------------------

def test_a_fragment_and_a_quotation_after_and_said_are_two_statements():
    text = ("Riot\n\nIn a video message, President Omar Lind called the rioters “special” and "
            "said, “We love you.”")
    assert found(text) == [("Omar Lind", "direct", "special"),
                           ("Omar Lind", "direct", "We love you.")]


def test_a_quote_lists_note_when_asked_is_the_writers_not_the_speakers():
    text = ("Pop speaks\n\nGovernor Ana Pop spoke after the meeting on Monday.\n\nKey quotes\n\n"
            "Inflation will ease next year.\n\n"
            "We are in a different situation from other central banks, when asked about the "
            "Fed's move overnight.")
    assert [t for _s, _k, t in found(text)][-1] == \
        "We are in a different situation from other central banks"


# --- acts without content ---------------------------------------------------------------------

def test_tweeting_a_message_and_announcing_the_result_are_no_statements():
    text = ("Vote count\n\nAda Eze conceded and tweeted his congratulatory message to "
            "the winner on his Twitter handle.\n\nThe returning officer, Prof. Uche Obi, who "
            "announced the result of the election, said the governor polled 307,955 votes.")
    assert found(text) == [("Uche Obi", "reported", "the governor polled 307,955 votes")]


def test_briefing_housekeeping_turns_are_no_statements():
    text = ("Department Press Briefing\n\nMR PRICE: Good afternoon, everyone.\n\n"
            "QUESTION: Good afternoon.\n\nMR PRICE: Happy Groundhog Day. (Laughter.) I’ll "
            "mention a couple things at the top, and then we’ll turn to your questions.\n\n"
            "First, the talks resumed today in Pretoria.\n\n"
            "QUESTION: Will they last?\n\nMR PRICE: So why don't we get straight to that. "
            "The parties must keep the truce.")
    assert [t for _s, _k, t in found(text)] == [
        "First, the talks resumed today in Pretoria.",
        "So why don't we get straight to that. The parties must keep the truce."]


# --- names and titles -------------------------------------------------------------------------

def test_capitalised_descriptor_opening_a_headline_is_no_part_of_the_name():
    text = ('Singer Ana Vela says new album is "her best yet"\n\n'
            '"This is my best work yet," Vela told reporters after the concert on Friday.')
    assert found(text) == [("Ana Vela", "direct", "This is my best work yet")]


def test_a_title_after_headlined_is_no_quotation():
    text = ("Reviews\n\nThe critic Lena Hart called the album \"uneven\" in a review headlined "
            "\"Too Much Harbour.\"")
    assert found(text) == [("Lena Hart", "direct", "uneven")]


def test_capitalised_descriptor_opening_a_sentence_is_no_part_of_the_name():
    assert found("Concert\n\nSinger Ana Vela said the record took three years.") == [
        ("Ana Vela", "reported", "the record took three years")]


def test_a_party_word_before_a_name_is_no_part_of_it():
    text = ("Runoff\n\nRepublican John Smith won the race on Sunday.\n\n"
            "\"Tonight we won,\" Smith told supporters. Conservative Ana Ruiz said she would "
            "concede.")
    assert found(text) == [("John Smith", "direct", "Tonight we won"),
                           ("Ana Ruiz", "reported", "she would concede")]


def test_a_titled_name_with_undotted_initials_is_a_person():
    text = ("Motion fails\n\nKerala Law Minister AK Balan on Friday said the motion had "
            "failed.\n\n\"There was no substance in it,\" Balan said.")
    assert found(text) == [("AK Balan", "reported", "the motion had failed"),
                           ("AK Balan", "direct", "There was no substance in it")]


def test_an_abbreviated_title_before_a_name_is_a_person_not_an_organisation():
    text = ("PM Modi hails deal\n\nPM Modi said on Monday the deal would create jobs.\n\n"
            "FM Cho Tae-yul said the talks were useful. MLA Kamal Jatav said he was not "
            "consulted.")
    assert found(text) == [("Modi", "reported", "the deal would create jobs"),
                           ("Cho Tae-yul", "reported", "the talks were useful"),
                           ("Kamal Jatav", "reported", "he was not consulted")]


# --- relatives ----------------------------------------------------------------------------------

def test_the_ministers_son_is_not_the_minister():
    text = ("Row over bribes\n\nMinister Tulsi Ramesh denied the claims on Thursday. The reports "
            "said bribes were sought through Ramesh's son Nitin, who lives in Indore.\n\n"
            "\"I do not want to comment,\" Ramesh said.\n\n"
            "The minister's son also dismissed the allegations.\n\n"
            "Talking to PTI, he said, \"These allegations are baseless.\"")
    assert found(text)[-1] == ("Nitin", "direct", "These allegations are baseless.")


# --- nested attributions ------------------------------------------------------------------------

def test_a_denial_inside_a_speakers_since_clause_is_no_new_speaker():
    text = ("Minister defended\n\n\"She is honest,\" deputy minister Kofi Mensah said on Monday."
            "\n\nMr. Mensah noted that, since Yaw Boateng has denied making the claim, an "
            "inquiry is needed.\n\nHe urged voters to ignore the rumours.")
    assert found(text)[1:] == [
        ("Kofi Mensah", "reported",
         "since Yaw Boateng has denied making the claim, an inquiry is needed"),
        ("Kofi Mensah", "reported", "voters to ignore the rumours")]


# --- the writer's words after a reported clause -------------------------------------------------

def test_citing_after_a_reported_clause_is_the_writers():
    text = "Verdict\n\nDefence lawyer Ama Kone said they would appeal the verdict, citing a lack " \
        "of evidence."
    assert found(text) == [("Ama Kone", "reported", "they would appeal the verdict")]


def test_a_ministry_spokesman_of_a_state_speaks_for_the_state_not_for_ministry():
    text = ("Steelworks\n\nRussia's Defense Ministry spokesman said 959 troops had "
            "surrendered since Monday.")
    assert [s for s, _k, _t in found(text)] == ["Russia"]


def test_a_clause_after_saying_is_the_participles_and_the_trailing_attribution_takes_the_rest():
    text = ("Talks\n\nThe Foreign Ministry said the call went well. Wang Yi invited Cho to "
            "visit Beijing, saying he hopes to cooperate closely, the ministry said.")
    assert found(text) == [
        ("Foreign Ministry", "reported", "the call went well"),
        ("Foreign Ministry", "reported",
         "Wang Yi invited Cho to visit Beijing, saying he hopes to cooperate closely"),
        ("Wang Yi", "reported", "he hopes to cooperate closely")]
