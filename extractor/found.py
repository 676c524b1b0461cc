"""What the passes find: a statement before it becomes a JSON record, and its date."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from db.dates import When
from extractor.cast import Actor
from extractor.relative_dates import find_dates
from extractor.segment import Sentence

_RELATIVE_CLAUSE = re.compile(r",\s*(?:who|which|whose|where)\b[^,;]*", re.I)
_CITING = re.compile(r",\s*(?:citing|quoting|referring\s+to)\b[^;]*")
_SINCE = re.compile(r"\bsince\b[^,;.\"“”]*")
_SPEAKING = re.compile(r"\b(?:speaking|writing|testifying|talking)\b[^,;.\"“”]{0,60}|"
                       r"\bin\s+an?\s+[^,;.\"“”]{0,30}?\b(?:letter|statement|interview|speech|"
                       r"post|tweet|address|message)\b[^,;.\"“”]{0,30}")
_FRONTED = re.compile(r"\W*(?:Although|Though|Since|While|Whereas|Despite|Unlike)\b[^,;\"“”]*,")


@dataclass
class Found:
    """A statement: its actor, kind, text and span, and its own date if the text gives one."""

    actor: Actor
    kind: str
    text: str
    span: tuple[int, int]
    when: When | None
    paragraph: int
    how: str
    stance: str | None = None


def region_date(text: str, published: date, sentence: Sentence,
                exclude: list[tuple[int, int]], aside: tuple[int, int] | None = None
                ) -> When | None:
    """The first date in the sentence outside the excluded spans (the attribution's date).

    Relative clauses (", who first reported the spills in 2019") never date a statement;
    the occasion of speaking does, even inside ``aside``, the apposition skipped between the
    speaker and the verb (", speaking on Tuesday,", ", in a June 10 letter to the council,").
    """
    shut = [span for span in exclude if span != aside]  # quotations and content are none
    for match in _SPEAKING.finditer(text, sentence.start, sentence.end):
        if not any(a <= match.start() < b for a, b in shut):
            for found in find_dates(text, published, match.start(), match.end()):
                if text[found.end:found.end + 2] not in ("'s", "’s"):  # "Monday's vote"
                    return found.when
    cuts = sorted(exclude)
    for match in _RELATIVE_CLAUSE.finditer(text, sentence.start, sentence.end):
        cuts.append((match.start(), match.end()))
    for match in _CITING.finditer(text, sentence.start, sentence.end):
        cuts.append((match.start(), match.end()))  # ", citing last year's survey"
    for match in _SINCE.finditer(text, sentence.start, sentence.end):
        cuts.append((match.start(), match.end()))  # "his first since the offering in May"
    fronted = _FRONTED.match(text, sentence.start, sentence.end)
    if fronted:  # "Although inflation rose in May, X said …": the clause's date, not the saying's
        cuts.append((fronted.start(), fronted.end()))
    cuts.sort()
    pieces = []
    pos = sentence.start
    for start, end in cuts:
        if start > pos:
            pieces.append((pos, min(start, sentence.end)))
        pos = max(pos, end)
    if pos < sentence.end:
        pieces.append((pos, sentence.end))
    for start, end in pieces:
        if end <= start:
            continue
        found = find_dates(text, published, start, end)
        if found:
            return found[0].when
    return None
