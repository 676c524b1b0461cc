"""Reported speech in wire copy, briefs, rulings and diplomacy (issue 16), each construction
reproduced with invented sentences: where the reported clause ends, which verbs report,
and who the speaker of a role, a body or a nested report is."""

from __future__ import annotations

from extractor import extract

PUB = "2025-06-12"  # a Thursday


def found(text: str, published: str = PUB) -> list[tuple[str, str, str]]:
    """(speaker, kind, text) of every statement."""
    return [(s["actor"], s["kind"], s["text"]) for s in extract(text, published)["statements"]]


def reported(text: str, published: str = PUB) -> list[tuple[str, str]]:
    """(speaker, text) of the reported statements."""
    return [(who, what) for who, kind, what in found(text, published) if kind == "reported"]


# --- where the reported clause ends ------------------------------------------------------

def test_citing_after_the_clause_is_the_writers():
    text = ("A tribunal in Varna on Wednesday convicted two port clerks of fraud.\n\n"
            "Their lawyer, Anna Petrova, said they would appeal the verdict, citing a lack of "
            "evidence of their guilt.")
    assert reported(text) == [("Anna Petrova", "they would appeal the verdict")]


def test_a_news_agency_closing_the_sentence_is_not_the_clause():
    text = ("Deputy Foreign Minister Pavel Orlov has also said the likely dates are March 5-8, "
            "the Interfax news agency reported.")
    assert reported(text) == [("Pavel Orlov", "the likely dates are March 5-8")]


# --- who speaks --------------------------------------------------------------------------

def test_a_role_is_not_held_by_someone_unnamed():
    text = ("TOKYO - Japan's foreign minister said he expected the quota talks to resume on "
            "Monday.\n\nA Japanese Foreign Ministry official said a date had not been decided.")
    assert [who for who, _what in reported(text)] == ["Japan",
                                                      "Japanese Foreign Ministry official"]


def test_an_unnamed_official_is_not_the_envoy_named_before():
    text = ("Russian envoy Deputy Foreign Minister Pavel Orlov said the talks could resume in "
            "March.\n\nA Japanese Foreign Ministry official said a date had not been decided.")
    assert [who for who, _what in reported(text)] == ["Pavel Orlov",
                                                      "Japanese Foreign Ministry official"]


def test_a_ministry_in_a_spokesmans_title_is_not_the_side():
    text = ("Russia's Defense Ministry spokesman said 959 troops had left the plant.\n\n"
            "The Interior Ministry spokeswoman said the roads were closed.")
    assert [who for who, _what in reported(text)] == ["Russia", "Interior Ministry spokeswoman"]


def test_a_speaker_named_inside_the_clause_is_not_the_next_he():
    text = ("Deputy minister George Andah spoke on the radio on Monday.\n\n"
            "Mr. Andah noted that, since Kofi Mensah has denied making the allegation, there is "
            "the need for proper investigations.\n\nHe urged Ghanaians to focus on the "
            "ministry's work.")
    assert reported(text) == [
        ("George Andah", "since Kofi Mensah has denied making the allegation, there is the "
                         "need for proper investigations"),
        ("George Andah", "Ghanaians to focus on the ministry's work")]


# --- verbs that report -------------------------------------------------------------------

def test_clarified_reports_its_clause():
    text = "In a written statement, Kamla Devi clarified that she had never accused the minister."
    assert reported(text) == [("Kamla Devi", "she had never accused the minister")]



def test_a_ministers_role_is_not_held_by_the_ministry_spokesman():
    text = ("TOKYO - Japan's foreign minister said he expected the quota talks to resume on "
            "Monday.\n\nForeign Ministry spokesman Joji Miyamori said he could not confirm the "
            "remarks.")
    assert [who for who, _what in reported(text)] == ["Japan", "Joji Miyamori"]


def test_a_news_agency_relaying_what_someone_said():
    text = ("Yonhap news agency reported that South Korean Foreign Minister Song Min-soon said "
            "the talks should be held before February 10.\n\nState media reported that "
            "President Ivan Sorel had said the border would stay closed.")
    assert reported(text) == [("Song Min-soon", "the talks should be held before February 10"),
                              ("Ivan Sorel", "the border would stay closed")]


def test_initials_in_capitals_after_a_title_are_a_persons():
    text = ("Kerala Law Minister AK Balan said the charges were false.\n\n"
            "Balan said the opposition was spreading lies.")
    assert [who for who, _what in reported(text)] == ["AK Balan", "AK Balan"]


def test_according_to_a_role_then_a_denial_in_a_clause_of_its_own():
    text = ("According to the NPP's outspoken MP, the minister has been fingered in corrupt "
            "practices - but the minister has denied and challenged her accuser.\n\n"
            "According to Norway's fisheries minister, the quota will be cut.")
    assert reported(text) == [("NPP", "the minister has been fingered in corrupt practices"),
                              ("Norway", "the quota will be cut")]


def test_a_role_is_the_person_named_with_that_title_before():
    text = ("George Andah defended his boss over allegations made by Assin Central MP Kennedy "
            "Agyepong.\n\nAccording to the NPP's outspoken MP, the minister has been fingered "
            "in corrupt practices.\n\nSwedish fisheries minister Anna Berg met him on Monday. "
            "Norway's fisheries minister said the quota would be cut.")
    assert [who for who, _what in reported(text)] == ["Kennedy Agyepong", "Norway"]


# --- central bank and statistics briefs ------------------------------------------------

def test_a_noun_in_ing_opening_the_clause_is_no_participle():
    text = "Lending fell by 3 percent in May, the Federal Statistics Office said."
    assert reported(text) == [("Federal Statistics Office", "Lending fell by 3 percent in May")]


def test_an_unnamed_office_kept_by_its_role_phrase():
    text = ("Inflation eased to 2.9 percent in October, the statistics office said.\n\n"
            "The competition authority said the merger would be blocked.")
    assert [who for who, _what in reported(text)] == ["statistics office",
                                                      "competition authority"]


def test_a_common_word_opening_a_sentence_is_no_company():
    text = ("Inflation eased to 2.9 percent in October.\n\nThe company said it would keep its "
            "prices.\n\nEconomists expect inflation to fall further.")
    assert all(who != "Inflation" for who, _what in reported(text))


# --- diplomacy ---------------------------------------------------------------------------

def test_a_ministry_is_no_post_its_spokesman_holds():
    text = ("BEIJING - China's foreign ministry on Monday urged Washington to stop arms sales "
            "to Taiwan, saying they threatened regional peace.\n\nForeign ministry spokesman "
            "Lin Jian told a news briefing that China would defend its sovereignty.")
    assert reported(text) == [
        ("foreign ministry", "Washington to stop arms sales to Taiwan"),
        ("foreign ministry", "they threatened regional peace"),
        ("Lin Jian", "China would defend its sovereignty")]


def test_and_called_for_ends_the_clause():
    text = ("Japan's chief cabinet secretary, Yoshimasa Hayashi, said Tokyo was watching the "
            "situation closely and called for calm.")
    assert reported(text) == [("Yoshimasa Hayashi",
                               "Tokyo was watching the situation closely")]


def test_it_said_is_no_group_of_people():
    text = ("In a 6-3 decision, the justices said the agency had exceeded its authority.\n\n"
            "The central bank raised its key rate to 5.25 percent, it said in a statement.")
    assert [who for who, _what in reported(text)] == ["justices"]


# --- wire copy: the writer's context after the clause --------------------------------------

def test_a_clause_of_context_after_as_is_the_writers():
    text = ("The Competition and Markets Authority said the merger could lead to higher "
            "prices, as the two firms control more than half of the market.")
    assert reported(text) == [("Competition and Markets Authority",
                               "the merger could lead to higher prices")]


def test_but_analysts_expect_is_not_the_governors():
    text = ("Central bank governor Adam Glapinski said last week that rates would stay on "
            "hold, but analysts expect a cut in July.")
    assert reported(text) == [("Adam Glapinski", "rates would stay on hold")]


def test_a_writers_characterisation_after_the_clause():
    text = ("Finance Minister Ana Ruiz told lawmakers the budget would be balanced by 2027, a "
            "claim the opposition disputed.")
    assert reported(text) == [("Ana Ruiz", "the budget would be balanced by 2027")]


# --- not speech --------------------------------------------------------------------------

def test_a_title_set_off_before_the_name_is_no_clause():
    text = "The union's leader, Marta Sanz, insisted on a written offer."
    assert reported(text) == []


def test_a_participle_inside_a_clause_the_ministry_reports():
    text = ("South Korea's Foreign Ministry released a summary of the call.\n\n"
            "Wang Yi extended an invitation for Cho to visit Beijing, saying he hopes to "
            "cooperate closely, the ministry said in a press release.")
    assert reported(text) == [
        ("Foreign Ministry", "Wang Yi extended an invitation for Cho to visit Beijing, saying he "
                             "hopes to cooperate closely"),
        ("Wang Yi", "he hopes to cooperate closely")]


def test_a_name_set_beside_his_counterpart_is_no_subject():
    text = ("Foreign Minister Cho Tae-yul spoke by phone with his Chinese counterpart, Wang Yi, "
            "on Tuesday, his office said.\n\nHe later met his predecessor, Park Jin, in Seoul. "
            "He said the talks had been useful.")
    assert [who for who, _what in reported(text)] == ["Cho Tae-yul", "Cho Tae-yul"]


def test_unidentified_officials_are_no_speakers():
    text = ("On Friday, Kyodo cited unidentified officials familiar with the negotiations as "
            "saying the talks would resume on February 8.\n\nUnnamed officials said the deal "
            "was close. Provincial officials said 14 people died.")
    assert reported(text) == [("Provincial officials", "14 people died")]


def test_an_air_force_or_a_coast_guard_speaks_for_its_state():
    text = ("Russian forces struck an energy facility overnight, Ukraine's air force said on "
            "Saturday.\n\nThe coast guard said two boats sank.")
    assert [who for who, _what in reported(text)] == ["air force", "coast guard"]
    actors = {a["name"]: a for a in extract(text, PUB)["actors"]}
    assert actors["air force"]["parent"] == "Ukraine"


# --- central bank decisions --------------------------------------------------------------

def test_the_bank_said_after_a_states_central_bank_named_by_its_role():
    text = ("Turkey's central bank unexpectedly raised its policy rate to 50% on Thursday.\n\n"
            "The bank said in a statement that it would tighten policy further if inflation "
            "worsened.\n\nThe committee kept the repo rate unchanged, the bank said.")
    assert reported(text) == [
        ("central bank", "it would tighten policy further if inflation worsened"),
        ("central bank", "The committee kept the repo rate unchanged")]
    actors = {a["name"]: a for a in extract(text, PUB)["actors"]}
    assert actors["central bank"]["parent"] == "Turkey"


def test_the_company_said_with_no_company_met_stays_unknown():
    text = "Turkey's central bank raised its rate. The company said it would cut jobs."
    assert reported(text) == []


def test_fm_in_a_headline_is_a_title():
    text = ("FM Cho discusses visit to Beijing\n\nForeign Minister Cho Tae-yul spoke with Wang "
            "Yi on Tuesday.\n\nCho thanked Wang for the invitation, it added.")
    assert all(who != "FM Cho" for who, _what in reported(text))
    assert "FM Cho" not in {a["name"] for a in extract(text, PUB)["actors"]}


def test_ruled_out_reports_its_object_without_the_writers_whose():
    text = ("Prime Minister Kadri Saar claimed victory.\n\nShe ruled out any coalition with the "
            "People's Front, whose leader, Martin Kask, campaigned on cutting aid.")
    assert reported(text) == [("Kadri Saar", "any coalition with the People's Front")]


def test_without_giving_a_date_is_the_writers():
    text = ("Government spokesman Luis Ortega said the talks were constructive and that both "
            "sides had agreed to meet again, without giving a date.")
    assert reported(text) == [("Luis Ortega", "the talks were constructive and that both sides "
                                              "had agreed to meet again")]


def test_though_critics_say_names_the_critics():
    text = ("Finance Minister Ana Ruiz said the plan would save $2 billion a year, though "
            "critics say the figure is inflated.")
    assert reported(text) == [("Ana Ruiz", "the plan would save $2 billion a year"),
                              ("critics", "the figure is inflated")]


def test_said_in_a_statement_then_a_clause_without_that():
    text = ("The U.N. Security Council said in a statement it was alarmed by the violence.\n\n"
            "Mayor Ana Ruiz said in an interview with the BBC the city would recover.")
    assert reported(text) == [("U.N. Security Council", "it was alarmed by the violence"),
                              ("Ana Ruiz", "the city would recover")]


def test_a_ministry_placed_in_a_city_is_the_ministry():
    text = "The Palestinian health ministry in Gaza said 40 people were killed."
    assert reported(text) == [("Palestinian health ministry", "40 people were killed")]


def test_an_acronym_with_a_small_letter_is_the_body_named_before():
    text = ("The Bank of England said inflation would fall to 2 percent. The BoE added that "
            "rates would stay high.")
    assert [who for who, _what in reported(text)] == ["Bank of England", "Bank of England"]


def test_the_two_countries_said_is_each_of_them():
    text = ("Japan and South Korea agreed on Monday to restore a military intelligence pact.\n\n"
            "The two countries said in a joint statement that they would hold regular talks.\n\n"
            "Officials on both sides said the next round would be in May.")
    assert reported(text) == [("Japan", "they would hold regular talks"),
                              ("South Korea", "they would hold regular talks")]


# --- court rulings -----------------------------------------------------------------------

def test_ruling_that_and_the_ruling_said():
    text = ("A federal judge in Texas on Friday blocked the state's new immigration law, ruling "
            "that it likely violated the Constitution.\n\nThe ruling said the state could not "
            "enforce the law.\n\nThe appeals court, in a 2-1 ruling, found the law "
            "unconstitutional.")
    assert reported(text) == [("federal judge", "it likely violated the Constitution"),
                              ("federal judge", "the state could not enforce the law")]


def test_writing_for_the_majority_is_an_aside():
    text = ("Justice Clarence Thomas, writing for the court's conservative majority, said the "
            "administration had exceeded its authority.")
    assert reported(text) == [("Clarence Thomas",
                               "the administration had exceeded its authority")]


def test_the_ministry_of_the_minister_named_before():
    text = ("Foreign Minister Cho Tae-yul spoke by phone with Wang Yi on Tuesday.\n\n"
            "Cho thanked Wang for the invitation, the ministry said in a press release.\n\n"
            "The ministers discussed supply chains, according to the ministry.\n\n"
            "Prime Minister Tomas Berg spoke later. The ministry said the call went well.")
    assert [who for who, _what in reported(text)] == ["Foreign Ministry"] * 3


# --- briefs ------------------------------------------------------------------------------

def test_a_later_items_wire_dateline_is_no_part_of_the_clause():
    text = ("AP News in Brief\n\nJudge blocks rule\n\nATLANTA (AP) — Republicans on the State "
            "Election Board said they would appeal the ruling.\n\n___\n\nStorm kills 3\n\n"
            "HOUSTON (AP) — A powerful storm killed at least three people in Houston on "
            "Thursday, the National Weather Service said.")
    assert [what for _who, what in reported(text)][-1] == (
        "A powerful storm killed at least three people in Houston on Thursday")


def test_a_judge_then_the_judge_named():
    text = ("A judge on Wednesday blocked a new election rule, saying it came too late.\n\n"
            "Superior Court Judge Robert McBurney said in his order that the board had "
            "overstepped its authority.")
    assert [who for who, _what in reported(text)] == ["Robert McBurney", "Robert McBurney"]


def test_a_noun_object_after_stressed_or_noted_is_no_clause():
    text = ("President Ivan Sorel stressed the importance of unity.\n\n"
            "The Bundesbank noted a slowdown in lending.\n\n"
            "Sorel pointed out that the army had been reformed.")
    assert reported(text) == [("Ivan Sorel", "the army had been reformed")]


def test_prices_opening_a_sentence_is_no_firm():
    text = ("Prices rose 3 percent, the fastest pace since 2008.\n\n"
            "The firm has denied wrongdoing and said it would fight the charges.")
    assert all(who != "Prices" for who, _what in reported(text))


def test_said_goodbye_and_promised_voters_a_bridge_are_no_clauses():
    text = ("Mayor Ana Ruiz said goodbye to the crowd.\n\nRuiz promised voters a new bridge.\n\n"
            "Ruiz promised to build a new bridge by May.")
    assert reported(text) == [("Ana Ruiz", "to build a new bridge by May")]


def test_one_official_opening_a_sentence_is_no_side_called_one():
    text = "One official, speaking on condition of anonymity, said the deal was close."
    assert all(who != "One" for who, _what in reported(text))


def test_told_a_news_conference_in_a_city_then_the_clause():
    text = ("EU foreign policy chief Kaja Kallas told a news conference in Brussels on Monday "
            "the measures were working.")
    assert reported(text) == [("Kaja Kallas", "the measures were working")]
