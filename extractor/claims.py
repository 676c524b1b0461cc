"""One convention, used by the extractor and by the accuracy bench on hand labels alike:
a reported clause that ends in a quotation of a few words or more (``said the plan was "a
fair bargain"``) has its claim in the quotation, so it is one direct statement — the
quotation — and not a reported one beside it. A quoted word or two (``is a "concern,"``,
``accused X of "punishing innovation"``) stays part of the reported clause.
"""

from __future__ import annotations

import re

CLAIM_WORDS = 3  # words a quotation ending a clause needs to carry the claim
_MARKS = re.compile(r"[\"“”„«»]")
_LAST_QUOTE = re.compile(r"[\"“„«]([^\"“”„«»]+)[\"”»][\s.,;:!?]*$")


def quoted_claim(clause: str) -> tuple[int, int] | None:
    """Where the claim's quotation lies in ``clause`` (its words, without marks or a
    trailing comma), when the clause holds one quotation, ends with it and it is long
    enough; else None."""
    match = _LAST_QUOTE.search(clause)
    if match is None or len(_MARKS.findall(clause)) != 2:
        return None
    start, end = match.span(1)
    while start < end and clause[start].isspace():
        start += 1
    while end > start and (clause[end - 1].isspace() or clause[end - 1] in ",;:"):
        end -= 1
    if len(clause[start:end].split()) < CLAIM_WORDS:
        return None
    return start, end
