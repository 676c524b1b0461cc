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


def test_transcript_line_with_name_colon_and_time_code():
    text = ("Press Briefing by Press Secretary Lin Dao 3/04/25 Transcript\n\n"
            "Lin Dao: (00:00)\nGood afternoon, everyone. We have a busy day.\n\n"
            "Speaker 2: (00:40)\nWhat about the ferry strike?\n\n"
            "Lin Dao: (00:52)\nWe are watching the ferry strike closely and we urge both sides "
            "to talk.")
    assert found(text) == [
        ("Lin Dao", "direct", "Good afternoon, everyone. We have a busy day."),
        ("Lin Dao", "direct", "We are watching the ferry strike closely and we urge both sides "
                              "to talk.")]


def test_transcript_tag_of_a_family_name_with_its_particle():
    text = ("Ministers Address Press\n\n"
            "ANNA KOWAL, HOST: At the council, the Estovian foreign minister, Luc De Marsan, "
            "is now speaking.\n\n"
            "LUC DE MARSAN, FOREIGN MINISTER: We want full compliance from both sides.\n\n"
            "QUESTION: Is it a breach?\n\n"
            "DE MARSAN: It is for the council to decide whether it is a breach.")
    assert [f[0] for f in found(text)] == ["Anna Kowal", "Luc De Marsan", "Luc De Marsan"]


def test_live_blog_post_signed_on_its_own_line():
    text = ("Harbour vote: live\n\n19:03\n\nCouncillor Maria Ortiz tweets…\n\n"
            "The vote is in. We will start dredging in September.pic.twitter.com/Ab12Cd\n\n"
            "— Maria Ortiz (@mortiz) June 11, 2025\n\n18:40\n\n"
            "Tomas Reyes’s first post as union chairman…\n\n"
            "We will hold the council to every promise.")
    assert found(text) == [
        ("Maria Ortiz", "direct", "The vote is in. We will start dredging in September."),
        ("Tomas Reyes", "direct", "We will hold the council to every promise.")]


def test_single_marks_in_a_summary_line_of_a_double_marked_article():
    text = ("Harbour vote: live\n\n"
            "Ortiz says she is ‘proud and relieved’ and now is the time to ‘build’\n\n"
            "“We waited six years for this,” Maria Ortiz told reporters at the quay.")
    assert found(text) == [
        ("Maria Ortiz", "direct", "proud and relieved … build"),
        ("Maria Ortiz", "direct", "We waited six years for this")]


def test_fragment_ending_in_a_preposition_closes_the_clause():
    text = "Port chief Maria Ortiz said the strike was \u201cfar from over\u201d."
    assert found(text) == [("Maria Ortiz", "direct", "far from over")]


def test_participle_after_an_issued_statement_is_the_subjects():
    text = ("Port chief Maria Ortiz was at the quay when the news broke and issued a "
            "statement saying the strike was \u201cnot over yet\u201d.")
    assert found(text) == [("Maria Ortiz", "direct", "not over yet")]


def test_he_after_an_inverted_attribution_is_its_speaker():
    text = ("Ferry talks break down\n\n"
            "Council leader Ines Varga ordered the reserve ferries to be ready.\n\n"
            "Talks broke down over pay, said Marek Olsen, the state mediator. On other "
            "issues, he said, both sides \u201cmade offers that got them closer.\u201d")
    assert ("Marek Olsen", "direct", "made offers that got them closer.") in found(text)


def test_audience_line_of_a_timed_transcript_is_nobody():
    text = ("Press Briefing by Press Secretary Lin Dao 3/04/25 Transcript\n\n"
            "Lin Dao: (00:00)\nWe have a busy day today, so let us begin.\n\n"
            "Audience: (00:02)\nWe are ready when you are.\n\n"
            "Lin Dao: (00:05)\nThank you. The ferry strike is our first topic.")
    assert [f[0] for f in found(text)] == ["Lin Dao", "Lin Dao"]


def test_fragment_after_underlined_is_direct():
    text = ("UN envoy Ana Ruiz underlined the \u201ccourage and patience\u201d of the crews, "
            "who were a \u201csteady presence in hard years\u201d.")
    assert found(text) == [("Ana Ruiz", "direct",
                            "courage and patience … steady presence in hard years")]


def test_initials_take_their_dotted_form():
    text = ("Tributes pour in\n\nA vigil in Dublin; JK Lund, right, at the harbour\n\n"
            "J.K. Lund wrote that she \u201ccannot stop crying\u201d after the news.")
    assert found(text) == [("J.K. Lund", "direct", "cannot stop crying")]


def test_family_name_one_letter_off_is_the_same_person():
    text = ("Harbour vote\n\nRudolf Marovic, for the mayor, spoke at the quay.\n\n"
            "Mr Markovic said that \u201cthe count was rigged\u201d in two wards.")
    assert found(text) == [("Rudolf Marovic", "direct", "the count was rigged")]


def test_a_surname_takes_the_full_name_given_only_inside_a_quotation():
    text = ("Varga claims victory in harbour board vote\n\n"
            "LUND, June 12 -- Board chair Ines Varga claimed victory on Thursday.\n\n"
            "\"Earlier today (union leader) Tomas Brekke called me and congratulated me,\" "
            "Varga told reporters.\n\n"
            "Speaking earlier, Mr Brekke admitted defeat. \"It is clear that Ms Varga will "
            "lead the board,\" Mr Brekke said.\n\n"
            "Fans outside chanted \"Harbour Brekke\" all afternoon, and the harbour cheered.")
    assert ("Tomas Brekke", "direct", "It is clear that Ms Varga will lead the board") \
        in found(text)

