"""A day in the possessive names an event ("last night's barbecue", "Tuesday's quake"),
not the scene of the statements around it; a participle of speaking ("speaking on
Tuesday") dates the statement even inside an apposition."""

from __future__ import annotations

from extractor import extract


def test_a_possessive_day_in_the_statements_paragraph_is_no_scene():
    text = ("Mayor thanks the town\n\n"
            "Mayor Maria Ortiz thanked the harbour crews and joked about last night's beach "
            "barbecue.\n\n"
            '"It has been a fantastic week for all of us," she said.')
    (statement,) = extract(text, "2025-06-15")["statements"]
    assert statement["said"] == "2025-06-15"


def test_a_possessive_weekday_before_a_statement_is_no_scene():
    text = ("Rescuers reached the last villages cut off by Tuesday's quake in the hills above "
            'Vila Nova. "We still hope to find people alive," said Tomas Reyes, who leads the '
            "regional rescue service.")
    (statement,) = extract(text, "2025-06-12")["statements"]
    assert statement["said"] == "2025-06-12"


def test_speaking_on_a_day_in_an_apposition_dates_the_statement():
    text = ("Harbour chief Maria Ortiz, speaking on Tuesday, said the landing fees would fall "
            "in July.")
    (statement,) = extract(text, "2025-06-12")["statements"]
    assert statement["said"] == "2025-06-10"


def test_speaking_about_a_days_event_is_no_date():
    text = ("Harbour chief Maria Ortiz, speaking about Monday's vote, said the landing fees "
            "would fall in July.")
    (statement,) = extract(text, "2025-06-12")["statements"]
    assert statement["said"] == "2025-06-12"


def test_a_sentence_moving_from_one_day_to_the_next_leaves_the_scene_at_the_later():
    text = ("The storm on Sunday flooded the harbour road and prompted the port to close its "
            "gates on Monday. The dockers were sent home until the water fell, and the gates "
            'stay shut for the "foreseeable future," a port spokesman said.')
    (statement,) = extract(text, "2025-06-12")["statements"]
    assert statement["said"] == "2025-06-09"


def test_the_occasion_in_an_apposition_dates_the_statement():
    text = ("Harbour chief Maria Ortiz, in a June 10 letter to the council, said the landing "
            "fees would fall in July.")
    (statement,) = extract(text, "2025-06-12")["statements"]
    assert statement["said"] == "2025-06-10"


def test_an_occasion_inside_the_content_is_the_contents():
    text = ("Harbour chief Maria Ortiz said the dockers, speaking on Monday, had agreed to the "
            "deal.")
    (statement,) = extract(text, "2025-06-12")["statements"]
    assert statement["said"] == "2025-06-12"
