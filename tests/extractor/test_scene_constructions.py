"""Dates and sides of statements in shapes met in real news (the "scene" development set):
invented articles, one construction each."""

from __future__ import annotations

from extractor import extract


def _said(text: str, published: str) -> dict[str, set[str]]:
    days: dict[str, set[str]] = {}
    for statement in extract(text, published)["statements"]:
        days.setdefault(statement["text"], set()).add(statement["said"])
    return days


def _parents(text: str, published: str) -> dict[str, str | None]:
    return {a["name"]: a["parent"] for a in extract(text, published)["actors"]
            if a["kind"] == "person"}


def test_a_post_stamped_in_greenwich_mean_time_dates_its_statements():
    text = ("Ilse Varga at the harbour inquiry: live\n\n"
            "Summary\n\n"
            "• Ilse Varga says the north quay could have stayed open in January 2024 if "
            "the board had acted more swiftly on the cracks in the cranes\n\n"
            "• She tells the harbour inquiry that she argued a later repair would mean "
            '"a longer closure with more lost trade"\n\n'
            "• She resigned as harbour master in June 2024 after the second crane fell\n\n"
            "• Elsewhere, Varga says she was \"in despair\" when the board announced a "
            "new budget, which it \"knew would not do\"\n\n"
            "• Yesterday she said that closing the quay three weeks earlier would have "
            "spared two of the workers\n\n"
            "What help was there for the crane drivers in March 2023?\n\n"
            "published at 11:20 Greenwich Mean Time 4 March 2025\n\n"
            "Now questions move forward to March 2023.\n\n"
            "Counsel Peter Lund asks why checks for older cranes - mentioned in a 9 March "
            'board meeting - were "undetermined".\n\n'
            "Varga says they were putting together the inspection programme at the time, "
            'which she says was "extremely thorough".\n\n'
            'She adds that training the drivers was a "very important area that we were '
            'working on".\n')
    said = _said(text, "2025-03-04")
    assert said["extremely thorough"] == {"2025-03-04"}
    assert said["very important area that we were working on"] == {"2025-03-04"}


def test_a_programme_called_today_is_no_date_of_the_scene():
    text = ("No strike this winter – ministry\n\n"
            "The ministry has played down the threat of a strike by the dock workers.\n\n"
            "Adviser to the Transport Minister, Karel Dvorak, said this on Wednesday while "
            "speaking on Harbour Radio's Morning Today.\n\n"
            "Dvorak described the threat as being overblown, saying there is no strike "
            "coming.\n\n"
            "“Where is the strike? Nobody has voted for one,” he added.\n")
    said = _said(text, "2025-07-31")
    assert said["there is no strike coming"] == {"2025-07-30"}
    assert said["Where is the strike? Nobody has voted for one"] == {"2025-07-30"}


def test_a_date_naming_an_event_after_of_sets_no_scene():
    text = ("Norway never threatened anyone with its fishing rules, minister says\n\n"
            "COPENHAGEN (Nordic Wire) – Norway has never threatened anyone with its fishing "
            "rules, Fisheries Minister Ola Berg said on his blog, answering a remark by "
            "European Commissioner Ana Costa, who was earlier banned from Norwegian waters.\n\n"
            "Earlier on Friday, the Norwegian ministry published a list of six EU vessels "
            "barred from its waters, NTB reported.\n\n"
            "The ban answers the European Union's fines against four Norwegian trawlers of "
            "March 2 and 22, 2021.\n\n"
            'In response to Oslo\'s decision, Costa wrote on Twitter: "No ban will stop us '
            'from defending our fishermen."\n')
    said = _said(text, "2021-05-01")
    assert said["No ban will stop us from defending our fishermen."] == {"2021-04-30"}


def test_a_relative_clause_ends_with_its_sentence():
    text = ("Harbour fees stay, mayor says\n\n"
            "The harbour fees will stay as they are, Mayor Tove Lind said on her blog, "
            "answering a question from Jon Dahl, who runs the ferry company.\n\n"
            "On Friday, the council published the new fees for the summer.\n\n"
            '"We have listened to everyone," Lind wrote.\n')
    said = _said(text, "2021-05-01")
    assert said["We have listened to everyone"] == {"2021-04-30"}


def test_a_second_verb_joined_by_and_has_the_sentence_subject_as_speaker():
    text = ("Fishing row\n\n"
            "OSLO - Norway criticized Iceland on Monday for repeatedly making provocative "
            "remarks and accused Iceland of breaking the quota deal of 2019.\n")
    statements = extract(text, "2024-05-14")["statements"]
    assert [(s["actor"], s["text"], s["said"]) for s in statements] == [
        ("Norway", "breaking the quota deal of 2019", "2024-05-13")]


def test_a_ministry_inside_a_title_is_no_side_the_state_owning_it_is():
    text = ("Oslo will answer the quotas in kind\n\n"
            "OSLO, March 28. The quotas cannot be left without a response, Norway's Fisheries "
            "Ministry spokesman Erik Vang said on Friday.\n")
    assert _parents(text, "2014-03-28")["Erik Vang"] == "Norway"


def test_an_institution_named_with_a_side_adjective_is_the_side_whole():
    text = ("No ban will silence us, speaker says\n\n"
            "In response, President of the European Parliament Ana Costa stated on Twitter: "
            '"No ban will stop this parliament from defending the fishermen."\n')
    assert _parents(text, "2021-05-01")["Ana Costa"] == "European Parliament"


def test_a_ministry_without_its_state_is_the_state_the_story_names_with_it():
    text = ("Oslo never threatened anyone, spokeswoman says\n\n"
            "Norway has never threatened anyone with its quotas, Fisheries Ministry "
            "spokeswoman Kari Holm said on her Facebook page.\n\n"
            "Earlier on Friday, the Norwegian Fisheries Ministry published a list of six "
            "vessels barred from its waters.\n")
    assert _parents(text, "2021-05-01")["Kari Holm"] == "Norway"


def test_a_ministry_without_its_state_is_the_one_state_speaking():
    text = ("Fishing row\n\n"
            "OSLO - Norway criticized Iceland on Monday for repeatedly making provocative "
            "remarks and accused Iceland of breaking the quota deal of 2019.\n\n"
            '"These remarks show a guilty conscience," Fisheries Ministry spokeswoman Kari '
            "Holm said at a daily news briefing.\n")
    assert _parents(text, "2024-05-14")["Kari Holm"] == "Norway"


def test_threatened_anyone_with_is_an_act_inside_the_reported_clause():
    text = ("Quotas\n\n"
            "Norway has never threatened anyone with its quotas, fisheries minister Kari Holm "
            "said on her Facebook page.\n")
    statements = extract(text, "2021-05-01")["statements"]
    assert [(s["actor"], s["kind"], s["text"]) for s in statements] == [
        ("Kari Holm", "reported", "Norway has never threatened anyone with its quotas")]


def test_a_spokeswoman_for_the_side_of_the_lede_speaks_on_its_day():
    text = ("Fishing row\n\n"
            "OSLO - Norway criticized Iceland on Monday for repeatedly making provocative "
            "remarks and accused Iceland of breaking the quota deal of 2019.\n\n"
            'Icelandic leader Ari Jonsson told sailors on Sunday that Iceland would not '
            '"tolerate the use of force at sea".\n\n'
            '"These remarks show a guilty conscience," Fisheries Ministry spokeswoman Kari '
            "Holm said at a daily news briefing.\n\n"
            '"The deal of 2019 is the basis of our ties," Holm said.\n')
    said = _said(text, "2024-05-14")
    assert said["tolerate the use of force at sea"] == {"2024-05-12"}
    assert said["These remarks show a guilty conscience"] == {"2024-05-13"}
    assert said["The deal of 2019 is the basis of our ties"] == {"2024-05-13"}


def test_a_weekday_naming_a_round_up_places_nothing_on_that_day():
    text = ("Cup week team news\n\n"
            "Eleven managers face the media ahead of the cup round.\n\n"
            "For the news from the other nine managers, check out our Thursday round-up.\n\n"
            "Jonas Berg said his striker was “recovering” and that the last training session "
            "would tell them more.\n\n"
            "“The doctors tell me two or three weeks.” – Jonas Berg on his goalkeeper\n")
    said = _said(text, "2023-03-31")
    assert said["The doctors tell me two or three weeks."] == {"2023-03-31"}


def test_the_scene_names_the_speaker_one_letter_off():
    text = ("Tributes pour in\n\n"
            "Stars including Maria Lindkvist and Tom Berg paid tribute to the victims.\n\n"
            "Maria Lindqvist opened the film festival with a tribute to the victims on "
            "Sunday.\n\n"
            "“Our hearts go out to all of those affected,” Maria said.\n")
    said = _said(text, "2016-06-14")
    assert said["Our hearts go out to all of those affected"] == {"2016-06-12"}


def test_a_transcript_dated_in_figures_in_its_title_dates_its_turns():
    text = ("Press Briefing by Harbour Master Ilse Varga 8/04/22 Transcript\n\n"
            "Aug 7, 2022\n\n"
            "Press Briefing by Harbour Master Ilse Varga 8/04/22. Read the transcript here.\n\n"
            "Ilse Varga: (00:00)\n"
            "Good afternoon. The north quay opens again on Monday, and the ferries will run "
            "to the islands from the same day.\n\n"
            "Audience: (00:02)\n"
            "Good afternoon.\n\n"
            "Ilse Varga: (00:05)\n"
            "The cranes have been checked twice and they are safe to use.\n")
    said = _said(text, "2022-08-07")
    assert said["The cranes have been checked twice and they are safe to use."] == {
        "2022-08-04"}


def test_specified_that_reports_a_clause():
    text = ("Quotas\n\n"
            "On March 20, Norway set new quotas.\n\n"
            "Norwegian Prime Minister Kari Holm specified that the new quotas apply to "
            "trawlers over forty metres.\n")
    statements = extract(text, "2014-03-28")["statements"]
    assert [(s["actor"], s["text"]) for s in statements] == [
        ("Kari Holm", "the new quotas apply to trawlers over forty metres")]
    assert _parents(text, "2014-03-28")["Kari Holm"] == "Norway"


def test_a_sides_title_set_off_before_the_name_gives_the_side():
    text = ("Talks at the UN\n\n"
            "At the United Nations, the Norway Foreign Minister, Kari Holm is speaking with "
            "reporters.\n\n"
            '"We want the inspections to go on," Holm said.\n')
    assert _parents(text, "2003-02-14")["Kari Holm"] == "Norway"


def test_a_mayor_without_a_town_is_the_mayor_of_the_dateline_town():
    text = ("Plant may close\n\n"
            "LAKEVILLE, Ind. (AP) A maker of car seats may close its plant in Lakeville, "
            "the Lakeville Herald reported.\n\n"
            "Mayor Anna Berg said Friday she had not been told of the company's plans.\n")
    assert _parents(text, "2003-09-20")["Anna Berg"] == "Lakeville"


def test_america_counts_towards_the_article_country():
    text = ("America votes: live\n\n"
            "America went to the polls on Tuesday as the US chose between two candidates who "
            "have promised to heal a divided America.\n\n"
            '"The count must go on," said Senator Ana Ruiz.\n')
    assert _parents(text, "2020-11-04")["Ana Ruiz"] == "United States"


def test_a_vice_president_elect_holds_a_national_office():
    text = ("America votes: live\n\n"
            "America went to the polls on Tuesday as the US chose between two candidates who "
            "have promised to heal a divided America.\n\n"
            "Vice president-elect Ana Ruiz tweets…\n\n"
            '"The count must go on," said Ana Ruiz.\n')
    assert _parents(text, "2020-11-04")["Ana Ruiz"] == "United States"


def test_a_quotation_with_its_own_attribution_is_not_joined_to_the_previous_one():
    text = ("Oslo will answer\n\n"
            "OSLO, March 28. Norway will answer in kind, Fisheries Ministry spokesman Erik "
            "Vang said on Friday.\n\n"
            '"Some countries added more of our trawlers to their lists," he noted. "Such '
            'steps cannot be left unanswered," Vang stressed. "We have answered in kind," the '
            "spokesman said.\n")
    texts = [s["text"] for s in extract(text, "2014-03-28")["statements"]
             if s["kind"] == "direct"]
    assert texts == ["Some countries added more of our trawlers to their lists",
                     "Such steps cannot be left unanswered", "We have answered in kind"]


def test_voiced_a_states_opposition_is_no_statement():
    text = ("Fishing row\n\n"
            '"The deal of 2019 is the basis of our ties," Fisheries Ministry spokeswoman '
            "Kari Holm said.\n\n"
            "She voiced Norway's opposition to Iceland's illegal and invalid move on the "
            "fishing grounds.\n")
    texts = [s["text"] for s in extract(text, "2024-05-14")["statements"]]
    assert texts == ["The deal of 2019 is the basis of our ties"]


def test_people_speaking_under_an_organisations_heading_are_on_its_side():
    text = ("Cup round: team news\n\n"
            "Eleven managers faced the media ahead of the cup round.\n\n"
            "KEY UPDATES FROM FRIDAY\n\n"
            "NORTHFIELD ROVERS\n\n"
            "Jonas Berg told us nothing concrete on his striker's fitness.\n\n"
            "“He is recovering. We will see this afternoon.” – Jonas Berg on his striker\n\n"
            "Harbour Town Racing Team\n\n"
            'Lena Moss (1st): "It was a tough race but we kept the car clean."\n')
    parents = _parents(text, "2023-03-31")
    assert parents["Jonas Berg"] == "Northfield Rovers"
    assert parents["Lena Moss"] == "Harbour Town Racing Team"


def test_a_spokesperson_for_a_states_ministry_speaks_for_the_state():
    text = ("Oslo opposed\n\n"
            "OSLO, Sept. 30 – “Norway is firmly opposed to these words,” said Senior Colonel "
            "Kari Holm, spokesperson for Norway's Ministry of Fisheries, at a regular press "
            "conference on September 30.\n")
    assert _parents(text, "2021-09-30")["Kari Holm"] == "Norway"


def test_a_name_set_off_by_a_title_ending_in_capitals_is_the_speaker():
    text = ("Oslo opposed\n\n"
            "Fisheries Minister Ola Berg also claimed that the islands are Norwegian waters. "
            "Anna Dahl, Iceland's Deputy Fisheries Minister, even alleged that Norway takes "
            "the fishing grounds as its own business.\n")
    statements = extract(text, "2021-09-30")["statements"]
    assert [(s["actor"], s["text"]) for s in statements] == [
        ("Ola Berg", "the islands are Norwegian waters"),
        ("Anna Dahl", "Norway takes the fishing grounds as its own business")]


def test_the_early_hours_of_a_day_still_set_the_scene():
    text = ("Storm\n\n"
            "In the early hours of Sunday, the storm broke the harbour wall.\n\n"
            "The harbour master, Ilse Varga, went on with the repairs.\n\n"
            '"We have never seen waves like these," Varga said.\n')
    said = _said(text, "2024-05-13")
    assert said["We have never seen waves like these"] == {"2024-05-12"}


def test_a_weekday_news_conference_is_held_on_that_day():
    text = ("Port deal\n\n"
            "Harbour master Ilse Varga spoke at a Sunday news conference about the quay.\n\n"
            '"We have worked day and night," she said.\n')
    said = _said(text, "2024-05-13")
    assert said["We have worked day and night"] == {"2024-05-12"}


def test_threatened_to_act_with_something_is_still_a_threat_made():
    text = ("Tariffs\n\n"
            "Trade Minister Ola Berg threatened to hit them with new fees.\n")
    statements = extract(text, "2021-05-01")["statements"]
    assert [(s["actor"], s["text"]) for s in statements] == [
        ("Ola Berg", "to hit them with new fees")]


def test_a_reported_clause_may_open_with_a_sentence_adverb():
    text = ("Inquiry\n\n"
            "Ilse Varga surprised the inquiry yesterday by saying with hindsight the quay "
            "should have closed three weeks earlier.\n")
    statements = extract(text, "2023-12-01")["statements"]
    assert [(s["actor"], s["text"], s["said"]) for s in statements] == [
        ("Ilse Varga", "with hindsight the quay should have closed three weeks earlier",
         "2023-11-30")]
