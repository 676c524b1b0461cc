"""Constructions of real news the extractor reads as statements (speech helper, issue 16):
each test is an invented article reproducing one construction."""

from __future__ import annotations

from extractor import extract

PUB = "2024-06-13"


def found(text: str) -> list[tuple[str, str, str]]:
    return [(s["actor"], s["kind"], s["text"]) for s in extract(text, PUB)["statements"]]


def test_an_acronym_in_brackets_between_speaker_and_verb():
    text = ("The Harbour Workers Union (HWU) said the port would close on Friday.\n\n"
            'Maria Ortiz (pictured) told reporters: "We are ready."')
    assert found(text) == [
        ("Harbour Workers Union", "reported", "the port would close on Friday"),
        ("Maria Ortiz", "direct", "We are ready.")]


def test_a_summarys_bullet_items_are_statements_not_headlines():
    text = ("Summary\n\n"
            "• Ortiz said the harbour will reopen to cargo ships on Monday\n\n"
            "• The Harbour Workers Union said it would end the strike at midnight\n\n"
            "1. Ortiz thanks the crews\n\n"
            'Harbour director Maria Ortiz thanks "every crew that worked through the storm" '
            "and leaves the stage.")
    assert found(text) == [
        ("Maria Ortiz", "reported", "the harbour will reopen to cargo ships on Monday"),
        ("Harbour Workers Union", "reported", "it would end the strike at midnight"),
        ("Maria Ortiz", "direct", "every crew that worked through the storm")]


def test_single_curly_marks_quote_where_they_outnumber_double_ones():
    text = ("Harbour director Maria Ortiz spoke after the vote, stating: “The harbour stays "
            "open, and the crews will be paid.\n\n"
            "‘So tonight we thank the dockers’ families, who waited.’\n\n"
            "Union leader Ivan Petrov replied: ‘We will be back.’")
    assert found(text) == [
        ("Maria Ortiz", "direct", "The harbour stays open, and the crews will be paid. "
                                  "So tonight we thank the dockers’ families, who waited."),
        ("Ivan Petrov", "direct", "We will be back.")]


def test_a_briefings_title_names_who_answers():
    text = ("Ministry Spokesperson Lena Brandt's Regular Press Conference on June 12, 2024\n\n"
            "Q: The fishermen say the quota is unfair. What is your comment?\n\n"
            "A: The quota follows the scientists' advice and will be reviewed next year.\n\n"
            "Q: Will the minister meet them?\n\n"
            "A: I have nothing to announce today.")
    assert [(a, t) for a, k, t in found(text) if k == "direct"] == [
        ("Lena Brandt", "The quota follows the scientists' advice and will be reviewed next year."),
        ("Lena Brandt", "I have nothing to announce today.")]


def test_and_that_splits_off_a_later_clause_holding_a_quotation():
    text = ("Mayor Ana Ruiz said she would work for a smooth handover and that, despite their "
            'differences, the council is "all rooting for its success."\n\n'
            'Of Lund, Ruiz said she hopes he "will be a good mayor for everyone," and that she '
            "respects the voters' choice.")
    assert found(text) == [
        ("Ana Ruiz", "reported", "she would work for a smooth handover"),
        ("Ana Ruiz", "direct", "all rooting for its success."),
        ("Ana Ruiz", "direct", "will be a good mayor for everyone")]


def test_a_quotation_after_and_or_but_said_is_the_sentences_speakers():
    text = ("Ana Ruiz expressed regret that the vote was lost, but said, \"Someday a woman "
            "will lead this port.\"")
    assert ("Ana Ruiz", "direct", "Someday a woman will lead this port.") in found(text)


def test_a_speech_verb_after_after_opens_its_own_statement():
    text = ("The Harbour Board announced that it will respond firmly after Mayor Ivan Lund "
            "stated that he will soon impose new fees on the port.")
    assert found(text) == [
        ("Harbour Board", "reported", "it will respond firmly"),
        ("Ivan Lund", "reported", "he will soon impose new fees on the port")]


def test_less_common_reporting_verbs_and_shapes():
    text = ("Mayor Ivan Lund proclaimed that the city had earned its new bridge.\n\n"
            "Harbour director Ana Ruiz assured reporters that no jobs would be lost.\n\n"
            "The union said in a statement after announcing that the talks had collapsed.")
    statements = found(text)
    assert ("Ivan Lund", "reported", "the city had earned its new bridge") in statements
    assert ("Ana Ruiz", "reported", "no jobs would be lost") in statements


def test_unnamed_speakers_described_by_how_they_know():
    text = ("Officials familiar with the matter said the port would reopen on Friday.\n\n"
            "The Harbour Council says its inspectors found cracks, and diplomats briefed on "
            "the findings say the quay must close.\n\n"
            "Economists polled by the Harbour Gazette said fees would rise.")
    assert found(text) == [
        ("Officials", "reported", "the port would reopen on Friday"),
        ("Harbour Council", "reported", "its inspectors found cracks"),
        ("diplomats", "reported", "the quay must close"),
        ("Economists", "reported", "fees would rise")]


def test_a_describing_word_before_the_name_after_an_inverted_verb():
    text = ('"We will not give up," said student Jean Otaba, 28. "Nobody is celebrating."\n\n'
            "The Harbour Workers Union met on Monday.\n\n"
            '"The strike goes on," said the union in a statement.')
    assert found(text) == [
        ("Jean Otaba", "direct", "We will not give up Nobody is celebrating."),
        ("Harbour Workers Union", "direct", "The strike goes on")]


def test_a_day_between_verb_and_clause_and_a_count_opening_the_clause():
    text = ("Mayor Ana Ruiz said on Tuesday the harbour would reopen.\n\n"
            "At least 48 boats sank in the storm, officials said Tuesday, and another 20 were "
            "damaged.")
    assert [(a, t) for a, _k, t in found(text)] == [
        ("Ana Ruiz", "the harbour would reopen"),
        ("officials", "At least 48 boats sank in the storm and another 20 were damaged")]


def test_reporting_verbs_in_the_present_as_leads_and_live_pages_use_them():
    text = ("Harbour director Ana Ruiz accuses the council of hiding the cracks.\n\n"
            "Ruiz also worried that the quay could collapse within a year.")
    assert found(text) == [
        ("Ana Ruiz", "reported", "hiding the cracks"),
        ("Ana Ruiz", "reported", "the quay could collapse within a year")]


def test_the_reported_clause_ends_where_the_writer_goes_on():
    text = ("The Harbour Authority said on Thursday that every crew had been accounted for, "
            "leading to relief in the town.\n\n"
            "Mayor Ivan Lund announced that the quay will reopen in May, but did not confirm "
            "the date of the ceremony.\n\n"
            "Doing so before the inspection simply isn't possible, Lund said in an interview.")
    assert [(a, t) for a, _k, t in found(text)] == [
        ("Harbour Authority", "every crew had been accounted for"),
        ("Ivan Lund", "the quay will reopen in May"),
        ("Ivan Lund", "Doing so before the inspection simply isn't possible")]


def test_a_that_verb_with_a_clause_of_its_own_and_no_that():
    text = ("Harbour police confirmed the suspect was a former crane driver.\n\n"
            "Mayor Ivan Lund conceded the race on Sunday.")
    assert found(text) == [
        ("Harbour police", "reported", "the suspect was a former crane driver")]


def test_quotations_introduced_by_less_common_shapes():
    text = ("Harbour director Ana Ruiz spoke on Friday.\n\n"
            '"People are underestimating us," she said adding "we will keep building".\n\n'
            "Ruiz had likewise said on Sunday following a meeting with her counterpart Ivan "
            'Lund earlier in the day, "No extension, we will finish."\n\n'
            'Ruiz smiled and declared, "I love this port, too," to the dockers.\n\n'
            'The count was slow. Lund, who called the count "a hold-up," left the stage.')
    assert [(a, t) for a, k, t in found(text) if k == "direct"] == [
        ("Ana Ruiz", "People are underestimating us"),
        ("Ana Ruiz", "we will keep building"),
        ("Ana Ruiz", "No extension, we will finish."),
        ("Ana Ruiz", "I love this port, too"),
        ("Ivan Lund", "a hold-up")]


def test_a_clause_naming_no_speaker_does_not_block_the_attribution_after_it():
    text = ("The board \"will not hesitate\" to close the quay if that is what the survey "
            "suggests, harbour director Ana Ruiz said.")
    assert found(text) == [("Ana Ruiz", "direct", "will not hesitate")]


def test_an_unnamed_group_keeps_the_lower_case_words_that_name_it():
    text = ("The bulk of the damage was reported from the north quay, where 14 boats sank, "
            "disaster management authorities said.")
    assert found(text) == [
        ("disaster management authorities", "reported",
         "The bulk of the damage was reported from the north quay, where 14 boats sank")]


def test_a_short_paragraph_on_how_someone_spoke_introduces_their_words():
    text = ("Port director Maria Ortiz met the union on Tuesday.\n\n"
            "Ortiz was defiant.\n\n"
            "“We will never accept this. Never.”\n\n"
            "Ortiz's response to the second offer: “Not in a hundred years.”\n\n"
            "Police arrested Ivan Lund on Monday.\n\n"
            "“I did nothing wrong.”")
    assert found(text) == [
        ("Maria Ortiz", "direct", "We will never accept this. Never."),
        ("Maria Ortiz", "direct", "Not in a hundred years.")]


def test_a_day_between_speaker_and_verb():
    text = ("VELMOR CITY, June 9 (Wire) -- Foreign Minister Ana Ruiz on Tuesday said the port "
            "is ready to reopen.\n\n"
            "Harbour director Ivan Lund late Monday warned that fees would rise.")
    assert found(text) == [
        ("Ana Ruiz", "reported", "the port is ready to reopen"),
        ("Ivan Lund", "reported", "fees would rise")]


def test_key_takeaways_without_marks_are_the_lead_speakers_words():
    text = ("Harbour Board's Ruiz: Fees to fall next year\n\n"
            "Harbour Board Governor Ana Ruiz said on Tuesday that fees will fall.\n\n"
            "Key takeaways\n\n"
            "Fees to fall back to their old level in 2025.\n\n"
            "Wages at the port are still growing strongly.\n\n"
            "Market reaction\n\n"
            "The krone trades flat.")
    assert [(a, k, t) for a, k, t in found(text) if k == "direct"] == [
        ("Ana Ruiz", "direct", "Fees to fall back to their old level in 2025."),
        ("Ana Ruiz", "direct", "Wages at the port are still growing strongly.")]


def test_where_it_was_said_between_speaker_and_verb():
    text = ("Foreign Minister Ana Ruiz at a press conference in Lima said the port is ready.\n\n"
            "Mayor Ivan Lund on January 2 said the quay would reopen.\n\n"
            "Analysts at Nordvik Markets said the timing was shrewd.\n\n"
            "The last time the board declared a strike over pay was in July 2022.")
    assert found(text) == [
        ("Ana Ruiz", "reported", "the port is ready"),
        ("Ivan Lund", "reported", "the quay would reopen"),
        ("Nordvik Markets", "reported", "the timing was shrewd")]


def test_who_said_and_speech_participles_after_while():
    text = ("Former harbour pilot Ivan Lund spoke on Monday.\n\n"
            '"The crews did nothing wrong," said Lund, who said he had worked the quay for 30 '
            "years.\n\n"
            "Mayor Ana Ruiz, who said she would resign, left the room.\n\n"
            "Ruiz conceded defeat while calling on her supporters to accept the result.\n\n"
            "A docker was hurt while writing a report.")
    assert [(a, k, t) for a, k, t in found(text)] == [
        ("Ivan Lund", "direct", "The crews did nothing wrong"),
        ("Ivan Lund", "reported", "he had worked the quay for 30 years"),
        ("Ana Ruiz", "reported", "she would resign"),
        ("Ana Ruiz", "reported", "her supporters to accept the result")]


def test_an_aside_between_spaced_hyphens():
    text = "Arne Dahl - counsel for the fishermen - said the quota was unfair."
    assert found(text) == [("Arne Dahl", "reported", "the quota was unfair")]
