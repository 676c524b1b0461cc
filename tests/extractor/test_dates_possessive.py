"""A day in the possessive names an event ("last night's barbecue", "Tuesday's quake"),
not the scene of the statements around it."""

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
