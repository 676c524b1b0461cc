"""Quotation lists: reaction round-ups and transcripts, where no speech verb attributes.

Three shapes, each a quotation that fills its paragraph (or follows a name and a colon):

* a name and a colon before it in the paragraph: ``Ben Crump, family lawyer: "…"``,
  ``MARIA ORTIZ: "…"`` (a transcript or a "what they said" list);
* a heading line of its own above it: ``HARBOUR AUTHORITY, IN A STATEMENT`` (capitals) or
  ``Maria Ortiz, port director:``;
* a signature line below it: ``-- Maria Ortiz, port director`` or ``Maria Ortiz, a
  resident of the harbour district.`` (a short line with no speech verb and no quotation).

A capitalised line is read in title case; its name ends at the first comma, parenthesis or
function word ("… IN A STATEMENT", "… TO REUTERS").
"""

from __future__ import annotations

import bisect
import re

from extractor.attributions import VERB
from extractor.cast import Actor, Cast
from extractor.found import Found
from extractor.lexicon import STOP_CAPS
from extractor.segment import Layout, Quote
from extractor.speakers import analyse

_MARK = re.compile(r"[\"“”„«»]")
_DASHES = re.compile(r"^[\s\-—–―]+")
_FUNCTION = {"in", "a", "an", "the", "to", "of", "and", "on", "at", "for", "with", "by",
             "via", "from", "after", "speaking"}
_STOPS = {"in", "to", "on", "at", "via", "from", "after", "speaking", "who", "which"}
_NAME_WORD = re.compile(r"[^\W\d_][\w.'’-]*")
_NOT_NAMES = {"about", "key", "more", "read", "related", "see", "click", "follow", "share",
              "watch", "listen", "image", "photo", "video", "source", "reporting", "editing"}
_WORD_PART = re.compile(r"(^|['’-])([^'’-]*)")
_OWNER = re.compile(r"([A-Z][\w.'’-]*?)['’]s$")
_MAX_LINE = 30  # words in a heading or signature line
_SUBHEAD_REACH = 4  # paragraphs back to the list's previous speaker
# a list of the lead speaker's words: "Key takeaways", "Key quotes", "Highlights"
_TAKEAWAYS = re.compile(r"(?i)(?:key|main|top|her|his)?\s*(?:takeaways|quotes|quotations|"
                        r"highlights|remarks|comments)(?:\s+from\s+\w+)?\s*:?$")
# a sub-head of a round-up or interview: "On the performance…", "On fees:"
_SUBHEAD = re.compile(r"^(?:On|About|Regarding)\s[^\"“”.!?]{1,80}(?:…|\.\.\.|:)$")
# a paragraph introducing the quotations under it
# a short paragraph of one sentence setting out how its subject spoke: "Ortiz was defiant.",
# "Lund disagreed."
_STANCE = re.compile(r"[A-Z][^.!?\"“”:;]{0,40}\b(?:was|is|remained|sounded|seemed|appeared|"
                     r"disagreed|agreed|demurred|objected|countered|insisted|was\s+unmoved)\b"
                     r"[^.!?\"“”:;,]{0,40}\.")
_INTRO = re.compile(r"\b(?:spoke|speaking|talked|talking)\s+(?:to|with)\b|:\s*$")
_SKIPPABLE = re.compile(r"^(?:\W*|Advertisement|ADVERTISEMENT|[\w-]+|"
                        r"\d{1,2} [A-Z][a-z]+ \d{4}|[A-Z][a-z]+ \d{1,2}, \d{4})$")  # dates
# a name's capitalised words, then perhaps its body or role after a comma or in brackets
# a name after its titles: "Former Gov. and U.S. Sen. George Allen"
_TITLED_NAME = re.compile(r"^(?:[A-Z][\w.'’-]*\.?\s+(?:and\s+)?){1,6}[A-Z][a-z][\w'’-]*\s+"
                          r"[A-Z][a-z][\w'’-]+$")
_NAME_LINE = re.compile(r"^[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3}"
                        r"(?:\s*\([^()]{1,40}\)|,[^,]{1,40})?$")


def listed_speaker(layout: Layout, quote: Quote, cast: Cast,
                   previous: list[Found]) -> Actor | None:
    """The speaker a quotation list names for ``quote``, or None. Under a sub-head that
    names nobody ("On fees:") the list's previous speaker goes on."""
    text = layout.text
    number = _paragraph_of(layout, quote.opened)
    if number is None:
        return None
    start, end = layout.paragraphs[number]
    after = text[quote.outer_end:end].strip(" \t.,;")
    if after and not (after.startswith(("--", "—", "–")) and not _MARK.search(after)):
        return None
    before = text[start:quote.opened].strip()
    if before:
        if not before.endswith(":") or _MARK.search(before) or VERB.search(before):
            return None
        return line_speaker(before[:-1], cast, quote.opened)
    if after:
        return line_speaker(after, cast, quote.opened)
    above = _neighbour(layout, number, -1)
    if above is not None and _TAKEAWAYS.match(above):
        return _lead_person(cast, quote.opened)
    listed = _list_above(layout, number, previous)
    if listed is not None:
        return listed
    if above is not None and _SUBHEAD.match(above):  # "On the performance…"
        return next((f.actor for f in reversed(previous) if f.how == "list"
                     and f.paragraph >= number - _SUBHEAD_REACH), None) or \
            _introduced(layout, _neighbour_index(layout, number, -2), cast)
    introduced = _introduced(layout, _neighbour_index(layout, number, -1), cast)
    if introduced is not None:
        return introduced
    if above is not None and name_line(above):  # "Christine Lagarde (ECB)" over her words
        named = line_speaker(above, cast, quote.opened)
        if named is not None and named.kind == "person":
            return named
    if above is not None and _heading(above):
        named = line_speaker(above.rstrip(":"), cast, quote.opened)
        if named is None and above.endswith(":"):
            return next((f.actor for f in reversed(previous) if f.how == "list"
                         and f.paragraph >= number - _SUBHEAD_REACH), None)
        return named
    if _quoted_above(layout, number, previous):
        return None  # '"…," Vogt said. ¶ "…" ¶ Captain Ole Brandt': Vogt goes on
    below = _neighbour(layout, number, 1)
    if below is not None and _signature(below):
        return line_speaker(below, cast, quote.opened)
    return None


def _lead_person(cast: Cast, pos: int) -> Actor | None:
    """The person the story opened on (``X is delivering her remarks``): the last person
    named as a subject before the list."""
    return next((actor for at, _n, actor in reversed(cast.log)
                 if at < pos and actor.kind == "person"), None)


def _quoted_above(layout: Layout, number: int, previous: list[Found]) -> bool:
    """Whether the paragraph above opens with a quotation someone was found to say."""
    above = _neighbour_index(layout, number, -1)
    if above is None or layout.quote_at(layout.paragraphs[above][0]) is None:
        return False
    return any(f.paragraph == above and f.kind == "direct" for f in previous)


def _list_above(layout: Layout, number: int, previous: list[Found]) -> Actor | None:
    """A quotation paragraph right under one the list gave a speaker goes on with them."""
    above = _neighbour_index(layout, number, -1)
    for found in reversed(previous):
        if above is None or found.paragraph < above:
            return None
        if found.paragraph == above and found.kind == "direct" and \
                found.how in ("list", "continuation"):
            start, end = layout.paragraphs[found.paragraph]
            inner = layout.quote_at(start)
            if inner is not None and inner.outer_end >= end - 1:
                return found.actor
    return None


def _introduced(layout: Layout, number: int | None, cast: Cast) -> Actor | None:
    """``Tony Popovic spoke to the media after the win.`` / ``… said on the radio:``: the
    person a narrative paragraph introduces (its first subject) speaks the quotations
    under it."""
    if number is None:
        return None
    start, end = layout.paragraphs[number]
    if _MARK.search(layout.text, start, end) and not layout.text[start:end].endswith(":"):
        return None
    if _INTRO.search(layout.text, start, end):
        return next((actor for at, _n, actor in cast.log
                     if start <= at < end and actor.kind == "person"), None)
    if _STANCE.fullmatch(layout.text, start, end):  # "Ortiz was defiant." over her words
        return next((actor for at, _n, actor in cast.log
                     if start <= at < start + 40 and actor.kind == "person"), None)
    return None


def _paragraph_of(layout: Layout, pos: int) -> int | None:
    number = bisect.bisect_right(layout.paragraph_starts, pos) - 1
    if number >= 0 and pos < layout.paragraphs[number][1]:
        return number
    return None


def _neighbour_index(layout: Layout, number: int, step: int) -> int | None:
    """The paragraph ``step`` paragraphs up or down (one at a time), stepping over "*" and
    "Advertisement" lines."""
    other, left = number, abs(step)
    while left:
        other += 1 if step > 0 else -1
        while 0 <= other < len(layout.paragraphs):
            start, end = layout.paragraphs[other]
            line = layout.text[start:end].strip()
            if not _SKIPPABLE.match(line) or (_DASHES.match(line) and len(line) > 3):
                break
            other += 1 if step > 0 else -1
        if not 0 <= other < len(layout.paragraphs):
            return None
        left -= 1
    return other


def _neighbour(layout: Layout, number: int, step: int) -> str | None:
    """The next paragraph's text up or down (see :func:`_neighbour_index`)."""
    other = _neighbour_index(layout, number, step)
    if other is None:
        return None
    start, end = layout.paragraphs[other]
    return layout.text[start:end].strip()


def name_line(line: str) -> bool:
    """A line that is only a name, perhaps with its body or role: ``Christine Lagarde
    (ECB)``, ``Maria Ortiz, port director``, ``Former Gov. and U.S. Sen. Maria Ortiz``."""
    return len(line.split()) <= 8 and line[:1].isupper() and not _MARK.search(line) and \
        not VERB.search(line) and line.rstrip()[-1:] not in ".!?;:" and \
        bool(_NAME_LINE.match(line) or _TITLED_NAME.match(line))


def _heading(line: str) -> bool:
    if _MARK.search(line) or len(line.split()) > _MAX_LINE:
        return False
    letters = [c for c in line if c.isalpha()]
    capitals = letters and sum(c.isupper() for c in letters) / len(letters) > 0.8
    return bool(capitals and len(line.split()) >= 2) or (
        line.endswith(":") and not VERB.search(line))


def _signature(line: str) -> bool:
    main = re.sub(r",\s*who\b.*$", "", line)  # "Kathleen Bell, who testified about …"
    if _MARK.search(line) or len(line.split()) > _MAX_LINE or VERB.search(main):
        return False
    if _DASHES.match(line) and line.lstrip()[:1] in "-—–―":
        return True
    body = line.rstrip(".")
    return "." not in body.replace(". ", "", 0) or bool(re.match(r"^\S+\.", body))


def line_speaker(line: str, cast: Cast, pos: int) -> Actor | None:
    """The speaker a line names (a heading, a signature, a title): its head words, up to the
    first comma, bracket or function word, read in title case if in capitals."""
    line = _DASHES.sub("", line)
    words = _head_words(line)
    if not words or words[0] in STOP_CAPS or words[0].lower() in _NOT_NAMES:
        return None
    mentions = analyse(words) or []
    if len(mentions) == 1 and mentions[0].kind == "name":
        mentions = _named_in(line) or mentions  # "Heir to the throne … Prince William:"
    for mention in mentions:
        if mention.kind in ("person", "organization", "state") or (
                mention.kind == "name" and mention.name):
            actor = cast.resolve(mention, pos)
            if actor is not None:
                return actor
    for run in _capital_runs(words):
        for mention in analyse(run):
            if mention.kind in ("person", "name") and mention.name:
                actor = cast.resolve(mention, pos)
                if actor is not None:
                    return actor
    return None


def _named_in(line: str) -> list:
    """The person a long speaker line names before its colon, if one is."""
    head = re.split(r"[,(;:]", line, maxsplit=1)[0]
    for run in _capital_runs(_NAME_WORD.findall(head)):
        mentions = analyse(run)
        if len(mentions) == 1 and mentions[0].kind == "person":
            return mentions
    return []


def _head_words(line: str) -> list[str]:
    """The words naming the speaker: up to the first comma, parenthesis or function word."""
    head = re.split(r"[,(;:]", line, maxsplit=1)[0]
    words = _NAME_WORD.findall(head)
    if words and sum(w.isupper() for w in words) > len(words) / 2:
        words = [title_case(w) for w in words]
    kept: list[str] = []
    for word in words:
        if kept and word.lower() in _STOPS:
            break
        kept.append(word if len(word) == 2 and word[1] == "." else word.rstrip("."))
    for index, word in enumerate(kept):  # "Ortiz's response:": Ortiz (not "Simpson's daughter
        owner = _OWNER.match(word)        # Arnelle", who is named after)
        if owner is not None and not any(w[:1].isupper() for w in kept[index + 1:]):
            return [*kept[:index], owner.group(1)]
    return kept  # initials keep their stop: "Lance A. Ito"


def title_case(word: str) -> str:
    """A word of a line in capitals as it would be spelt in running text."""
    if word.lower() in _FUNCTION:
        return word.lower()
    if len(word) <= 2:
        return word
    return _WORD_PART.sub(lambda m: m.group(1) + m.group(2)[:1].upper() + m.group(2)[1:].lower()
                          if len(m.group(2)) > 1 or not m.group(1) else
                          m.group(1) + m.group(2).lower(), word)  # O'Neill, Jean-Pierre, Ortiz's


def _capital_runs(words: list[str]) -> list[list[str]]:
    """Runs of capitalised words (possessives and sentence words left out), longest first."""
    runs: list[list[str]] = []
    current: list[str] = []
    for word in [*words, "."]:
        if word[:1].isupper() and word not in STOP_CAPS and not word.endswith(("'s", "’s")):
            current.append(word)
            continue
        if current:
            runs.append(current)
        current = []
    return sorted(runs, key=len, reverse=True)
