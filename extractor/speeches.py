"""Speech documents: a title naming who speaks (``Press conference by NATO Secretary
General Jens Stoltenberg at …``, ``Remarks by Mayor Maria Ortiz on …``, ``Statement by
the Harbour Authority on …``) over paragraphs in the speaker's own voice, in no quotation
marks and told by no one (no "she said"). Each paragraph that ends a sentence is one
direct statement of the speaker; a stage note (``(As delivered)``, ``(Applause.)``), a
date line or a sub-head is none, and a question ends the speech.
"""

from __future__ import annotations

import re

from extractor.cast import Cast
from extractor.found import Found
from extractor.segment import Layout
from extractor.speaker_lines import line_speaker

_TITLE = re.compile(
    r"(?i)(?:(?:opening|closing|introductory|keynote|joint|video|written|prepared|full)\s+)?"
    r"(?:remarks|speech|statement|address|press\s+conference|press\s+briefing|doorstep|"
    r"message|lecture|testimony)\s+(?:[^.!?\n]{0,60}?\s)??(?:by|of|from)\s+(?P<who>[^\n]{3,160})")
_MARKS = re.compile(r"[\"“”„«»]")
# told by the writer: "she said", "the minister told …" (not "as I said")
_NARRATED = re.compile(r"(?<!\bI )(?<!\bwe )(?<!\bWe )\b(?:said|says|told|according to)\b")
_FIRST_PERSON = re.compile(r"\b(?:I|we|We|our|Our|us|my|My)\b")
_ENDS_SENTENCE = re.compile(r"[.!?…:\"”’)—-]$")
_STAGE_NOTE = re.compile(r"\([^()]{1,40}\)\.?$")
_QUESTION = re.compile(r"(?:Q|QUESTION|Question|REPORTER|Reporter)\s*[:.]")
_MIN_VOICED = 2  # paragraphs in the first person: a speech, not a report of one


def speech_document(lay: Layout, cast: Cast) -> list[Found]:
    """The paragraphs of a speech document as its speaker's direct statements ([] for any
    other text)."""
    text = lay.text
    if len(lay.paragraphs) < 3:
        return []
    start, end = lay.paragraphs[0]
    title = _TITLE.fullmatch(text, start, end)
    if title is None or _MARKS.search(text, start, end):
        return []
    body = []
    for number in range(1, len(lay.paragraphs)):
        p_start, p_end = lay.paragraphs[number]
        paragraph = text[p_start:p_end]
        if _QUESTION.match(paragraph):
            break
        if _ENDS_SENTENCE.search(paragraph) and not _STAGE_NOTE.fullmatch(paragraph):
            body.append(number)
    spoken = [text[s:e] for s, e in (lay.paragraphs[n] for n in body)]
    if sum(bool(_FIRST_PERSON.search(p)) for p in spoken) < _MIN_VOICED or \
            any(_NARRATED.search(_MARKS.sub("", p)) for p in spoken):
        return []
    speaker = line_speaker(title.group("who"), cast, title.start("who"))
    if speaker is None:
        return []
    return [Found(speaker, "direct", text[s:e], (s, e), None, n, "block")
            for n, (s, e) in ((n, lay.paragraphs[n]) for n in body)]


# an embedded post as the page's text shows it: "… pic.twitter.com/x — Maria Ortiz
# (@mortiz) May 6, 2016"
_POST = re.compile(r"(?P<body>.+?)\s*(?:pic\.twitter\.com/\S+\s*)?[—–]\s*(?P<name>[^()\n—–]{2,60}?)"
                   r"\s*\(@\w{1,30}\)\s*(?:[A-Z][a-z]+\.? \d{1,2}, \d{4})?")


def posts(lay: Layout, cast: Cast) -> list[Found]:
    """Each embedded post (a paragraph signed ``— Name (@handle) May 6, 2016``) as a direct
    statement of the name that signs it, its text without the signature."""
    found = []
    for number, (start, end) in enumerate(lay.paragraphs):
        post = _POST.fullmatch(lay.text, start, end)
        if post is None:
            continue
        speaker = line_speaker(post.group("name"), cast, post.start("name"))
        if speaker is not None:
            found.append(Found(speaker, "direct", post.group("body"),
                               (post.start("body"), post.end("body")), None, number, "block"))
    return found
