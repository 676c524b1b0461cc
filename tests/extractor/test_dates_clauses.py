"""Which clause of a sentence dates a statement: a day in the possessive names an event
("last night's barbecue", "Tuesday's quake"), not a scene; the occasion of speaking in the
apposition between speaker and verb (", speaking on Tuesday,", ", in a June 10 letter,")
dates it, one inside the content does not; a sentence moving to a later day leaves the
scene there."""

from __future__ import annotations

import pytest

from extractor import extract


@pytest.mark.parametrize(("text", "published", "said"), [
    pytest.param("Mayor thanks the town\n\nMayor Maria Ortiz thanked the harbour crews and "
                 "joked about last night's beach barbecue.\n\n"
                 '"It has been a fantastic week for all of us," she said.',
                 "2025-06-15", "2025-06-15", id="possessive in the paragraph before"),
    pytest.param("Rescuers reached the last villages cut off by Tuesday's quake in the hills "
                 'above Vila Nova. "We still hope to find people alive," said Tomas Reyes, who '
                 "leads the regional rescue service.",
                 "2025-06-12", "2025-06-12", id="possessive weekday in the sentence before"),
    pytest.param("Harbour chief Maria Ortiz, speaking on Tuesday, said the landing fees would "
                 "fall in July.", "2025-06-12", "2025-06-10", id="speaking on a day"),
    pytest.param("Harbour chief Maria Ortiz, speaking about Monday's vote, said the landing "
                 "fees would fall in July.", "2025-06-12", "2025-06-12",
                 id="speaking about a day's event"),
    pytest.param("Harbour chief Maria Ortiz, in a June 10 letter to the council, said the "
                 "landing fees would fall in July.", "2025-06-12", "2025-06-10",
                 id="the occasion in the apposition"),
    pytest.param("Harbour chief Maria Ortiz said the dockers, speaking on Monday, had agreed "
                 "to the deal.", "2025-06-12", "2025-06-12", id="an occasion in the content"),
    pytest.param("The storm on Sunday flooded the harbour road and prompted the port to close "
                 "its gates on Monday. The dockers were sent home until the water fell, and the "
                 'gates stay shut for the "foreseeable future," a port spokesman said.',
                 "2025-06-12", "2025-06-09", id="the later of two days"),
])
def test_the_clause_that_dates_a_statement(text, published, said):
    (statement,) = extract(text, published)["statements"]
    assert statement["said"] == said
