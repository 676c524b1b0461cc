"""A live page's posts each open with a time stamp: a post's undated statements were made
on its stamp's day, and a day named in one post does not carry into the next."""

from __future__ import annotations

from extractor import extract

INTRO = ("Harbour strike: live\n\n"
         "Follow the latest on the dockers' strike at the port of Vila Nova, where talks "
         "between the union and the harbour board have gone on for three days without a "
         "deal on pay, pensions or the night shifts that the board wants to cut.\n\n"
         "Key points: the union wants a rise of 9 percent; the board has offered 4 percent; "
         "ferries to the islands are cancelled until further notice.\n\n")
POSTS = (
    "3. The board answers\n"
    "published at 09:12 12 June 2025\n\n"
    "The harbour board sent its reply to the union in the morning.\n\n"
    '"We have made our last offer," said Tomas Reyes, who chairs the board.\n\n'
    "2. Union stands firm\n"
    "published at 21:40 11 June 2025\n\n"
    "The dockers met on Wednesday evening in the union hall.\n\n"
    "Union leader Maria Ortiz said the members would not return to work.\n\n"
    "1. Ferries cancelled\n"
    "published at 18:05 10 June 2025\n\n"
    "All ferries to the islands were cancelled.\n\n"
    '"Passengers will get their money back," said Lina Costa, a spokeswoman for the '
    "ferry company.\n\n")


def test_each_post_dates_its_statements_by_its_stamp():
    statements = extract(INTRO + POSTS, "2025-06-13")["statements"]
    assert {s["actor"]: s["said"] for s in statements} == {
        "Tomas Reyes": "2025-06-12", "Maria Ortiz": "2025-06-11", "Lina Costa": "2025-06-10"}
