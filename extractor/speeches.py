"""Speech documents and embedded posts: speech in no quotation marks.

A speech document names who speaks in its title (``Press conference by NATO Secretary
General Jens Stoltenberg at …``, ``Remarks by Mayor Maria Ortiz on …``) or, under a
heading that says it is a transcript (``Transcript``, ``Media conference``), on a line of
its own above the words (``Michele Bullock``), or in a line saying whose words follow
(``The following is a near-verbatim transcript of today's noon briefing by Farhan Haq,
…``), and its paragraphs are in the speaker's own
voice and told by no one (no "she said"). Each paragraph that ends a sentence is one direct
statement of the speaker; a stage note (``(As delivered)``, ``(Applause.)``), a date line
or a sub-head is none. A line naming someone else opens their turn; a question, or a line
naming no person (``Journalist``), opens one that is no statement.
"""

from __future__ import annotations

import re

from extractor.cast import Actor, Cast
from extractor.found import Found
from extractor.segment import Layout
from extractor.speaker_lines import line_speaker, name_line
from extractor.speakers import person_like

_TITLE = re.compile(
    r"(?i)(?:(?:opening|closing|introductory|keynote|joint|video|written|prepared|full)\s+)?"
    r"(?:remarks|speech|statement|address|press\s+conference|press\s+briefing|doorstep|"
    r"message|lecture|testimony)\s+(?:[^.!?\n]{0,60}?\s)??(?:by|of|from)\s+"
    r"(?P<who>[^\n]{3,160})")
# a heading saying the text under it is what was said
_TRANSCRIPT = re.compile(r"(?i)[^.!?\n]{0,80}\b(?:transcript|media\s+conference|press\s+"
                         r"conference|news\s+conference|remarks|speech|doorstep)\b[^.!?\n]{0,80}")
# a line saying whose words follow: "The following is a transcript of today's briefing by …"
_INTRO_LINE = re.compile(r"(?i)\btranscript\s+of\s+[^.!?\n]{0,80}?\b(?:briefing|press\s+"
                         r"conference|news\s+conference|remarks|interview|speech|address)\s+"
                         r"(?:by|with|of)\s+(?P<who>[^\n]{3,160})")
_HEAD = 4  # paragraphs: where a transcript's heading and its first speaker's line stand
_MARKS = re.compile(r"[\"“”„«»]")
# told by the writer: "she said", "the minister told …" (not "as I said")
_NARRATED = re.compile(r"(?<!\bI )(?<!\bwe )(?<!\bWe )\b(?:said|says|told|according to)\b")
_FIRST_PERSON = re.compile(r"\b(?:I|we|We|our|Our|us|my|My)\b")
_ENDS_SENTENCE = re.compile(r"[.!?…:\"”’)—-]$")
_STAGE_NOTE = re.compile(r"\([^()]{1,40}\)\.?$")
_QUESTION = re.compile(r"(?:Q|QUESTION|Question|REPORTER|Reporter)\s*[:.]")
_ASKER = re.compile(r"(?i)(?:journalist|reporter|question|audience(?:\s+member)?|moderator|"
                    r"host|interviewer|q)\s*:?")
_MIN_VOICED = 2  # paragraphs in the first person: a speech, not a report of one


def speech_document(lay: Layout, cast: Cast) -> list[Found]:
    """The paragraphs of a speech document as its speakers' direct statements ([] for any
    other text)."""
    text = lay.text
    if len(lay.paragraphs) < 3:
        return []
    start, end = lay.paragraphs[0]
    title = _TITLE.fullmatch(text, start, end)
    speaker = None
    if title is not None and not _MARKS.search(text, start, end):
        speaker = line_speaker(title.group("who"), cast, title.start("who"))
    if speaker is not None:
        found = _spoken(lay, cast, 1, speaker)
    else:
        found = _introduced(lay, cast) or ([] if title is not None else _transcript(lay, cast))
    voiced = sum(bool(_FIRST_PERSON.search(f.text)) for f in found)
    if voiced < _MIN_VOICED or any(_NARRATED.search(_MARKS.sub("", f.text)) for f in found):
        return []
    return found


def _introduced(lay: Layout, cast: Cast) -> list[Found]:
    """The paragraphs after a line that says whose words they are ("The following is a
    near-verbatim transcript of today's noon briefing by Farhan Haq, Deputy Spokesman …")."""
    text = lay.text
    for number in range(min(_HEAD, len(lay.paragraphs) - 1)):
        start, end = lay.paragraphs[number]
        intro = _INTRO_LINE.search(text, start, end)
        if intro is None or _MARKS.search(text, start, end):
            continue
        speaker = line_speaker(intro.group("who"), cast, intro.start("who"))
        return _spoken(lay, cast, number + 1, speaker) if speaker is not None else []
    return []


def _transcript(lay: Layout, cast: Cast) -> list[Found]:
    """A transcript's heading, then a name on a line of its own over the words."""
    text = lay.text
    for number in range(min(_HEAD, len(lay.paragraphs) - 1)):
        start, end = lay.paragraphs[number]
        if not _TRANSCRIPT.fullmatch(text, start, end):
            continue
        for first in range(number + 1, min(number + 1 + _HEAD, len(lay.paragraphs))):
            f_start, f_end = lay.paragraphs[first]
            line = text[f_start:f_end]
            if name_line(line) and person_like(line.split()[:4]):
                return _spoken(lay, cast, first, None)
    return []


def _spoken(lay: Layout, cast: Cast, begin: int, speaker: Actor | None) -> list[Found]:
    """The statements of the paragraphs from ``begin``. In a transcript (no speaker named
    yet) each name line opens its person's turn; a question, or a line naming the one who
    asks (``Journalist``), opens a turn that says nothing."""
    text = lay.text
    switching = speaker is None
    found = []
    for number in range(begin, len(lay.paragraphs)):
        start, end = lay.paragraphs[number]
        paragraph = text[start:end]
        if _QUESTION.match(paragraph) or _ASKER.fullmatch(paragraph):
            speaker = None
        elif switching and name_line(paragraph) and person_like(paragraph.split()[:4]):
            speaker = line_speaker(paragraph, cast, start)
        elif speaker is not None and _ENDS_SENTENCE.search(paragraph) and \
                not _STAGE_NOTE.fullmatch(paragraph):
            found.append(Found(speaker, "direct", paragraph, (start, end), None, number,
                               "block"))
    return found


# an embedded post as the page's text shows it: "… pic.twitter.com/x — Maria Ortiz
# (@mortiz) May 6, 2016"
_POST = re.compile(r"(?P<body>.+?)\s*(?:pic\.twitter\.com/\S+\s*)?[—–]\s*(?P<name>[^()\n—–]{2,60}?)"
                   r"\s*\(@\w{1,30}\)\s*(?:[A-Z][a-z]+\.? \d{1,2}, \d{4})?")

# the signature on a line of its own, under the post: "— Maria Ortiz (@mortiz) May 6, 2016"
_SIGNED = re.compile(r"[—–]\s*(?P<name>[^()\n—–]{2,60}?)\s*\(@\w{1,30}\)\s*"
                     r"(?:[A-Z][a-z]+\.? \d{1,2}, \d{4})?")
_PICTURE = re.compile(r"\s*pic\.twitter\.com/\S+\s*$")


def posts(lay: Layout, cast: Cast) -> list[Found]:
    """Each embedded post (a paragraph signed ``— Name (@handle) May 6, 2016``, or the
    paragraph above such a signature line of its own) as a direct statement of the name
    that signs it, its text without the signature (and its picture link)."""
    found = []
    for number, (start, end) in enumerate(lay.paragraphs):
        post = _POST.fullmatch(lay.text, start, end)
        if post is not None:
            body = (post.start("body"), post.end("body"))
        elif number and (post := _SIGNED.fullmatch(lay.text, start, end)) is not None:
            b_start, b_end = lay.paragraphs[number - 1]
            link = _PICTURE.search(lay.text, b_start, b_end)
            body, number = (b_start, link.start() if link else b_end), number - 1
            if _MARKS.search(lay.text, *body) or body[1] - body[0] < 2:
                continue
        else:
            continue
        speaker = line_speaker(post.group("name"), cast, post.start("name"))
        if speaker is not None:
            found.append(Found(speaker, "direct", lay.text[body[0]:body[1]], body, None,
                               number, "block"))
    return found
