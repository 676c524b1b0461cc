"""When each statement was made: its own date, else the date of the scene it belongs to.

A statement whose attribution gives no date takes, in this order:

1. the date of the same speaker's previous statement in the paragraph (a dated sentence
   about the speaker in between, "On Thursday he went further.", wins over it);
2. the date of the event its sentence (or an earlier sentence of its paragraph) places it
   at: "Testifying before the committee", "in the ruling", "at the same news
   conference", "told senators", "after the hearing". Events are remembered by kind
   (hearing, ruling, conference) from the dated sentences read so far; a definite
   reference to a kind not yet dated ("before the committee") takes the date of the
   article's opening paragraph; an indefinite one ("told a press briefing") is a new,
   undated event;
3. the same speaker's statement in the previous paragraph, when the speaker goes on
   (a continuation, "added", a pronoun, or the speaker opening the paragraph after
   having closed the previous one);
4. the scene of its paragraph (a dated sentence or event reference earlier in it), or of
   the previous paragraph when this one goes on with it ("also", "pressed by",
   "Outside the Capitol", "the committee");
5. the day of the live post it stands in (the post's time stamp, "published at 21:40
   11 June 2025"; a new post ends the last one's scene);
5a. a person speaking for a side that opened the story on a day of its own ("China
   criticized Japan on Monday …" ¶ "…," Foreign Ministry spokeswoman Hua Chunying said):
   that day, for their first statement (the next ones go on from it);
6. the story's day before publication: the only day it names ("held talks on Tuesday"),
   or the one day it dates its statements on ("Powell said on Wednesday") when it names
   no later day — not for a standing position in the present tense ("Iran denies …");
7. otherwise the publication date, marked approximate.

A new explicit date starts a new scene; a sentence moving from one day to a later one
("the storm on Sunday closed the port on Monday") leaves it at the later. Dates inside
quotations, relative clauses, in the possessive ("Saturday's quake": an event), future
dates and dates coarser than a day never set a scene.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date

from db.dates import When
from extractor.cast import one_edit
from extractor.found import Found
from extractor.published import HEAD_CHARS, is_stamp
from extractor.relative_dates import find_dates
from extractor.segment import Layout, Sentence

_KINDS = {
    "hearing": ("hearing", "hearings", "committee", "subcommittee", "senators", "lawmakers",
                "testimony", "inquiry", "opening statement", "cross-examination"),
    "ruling": ("ruling", "judgment", "judgement", "verdict", "court", "courtroom",
               "sentencing", "tribunal", "decision"),
    "conference": ("conference", "briefing", "reporters", "journalists", "session", "summit",
                   "meeting", "talks", "rally", "speech", "address", "plenary", "press"),
}
_NOUN = {word: kind for kind, words in _KINDS.items() for word in words}
_NOUNS = "|".join(sorted((re.escape(w) for w in _NOUN), key=len, reverse=True))
_DET = r"(?P<det>the|a|an|its|his|her|their|this|that|same|the\s+same)"
_PLACE = re.compile(
    rf"\b(?:at|in|during|after|before|outside|inside|to\s+hear|from)\s+(?:{_DET}\s+)?"
    rf"(?:[\w'’-]+\s+){{0,3}}?(?P<noun>{_NOUNS})\b", re.I)
_TOLD = re.compile(
    rf"\b(?:told|tells|telling|addressing|addressed|briefed|briefing|speaking\s+(?:to|at|"
    rf"before))\s+(?:{_DET}\s+)?(?:[\w'’-]+\s+){{0,3}}?(?P<noun>{_NOUNS})\b", re.I)
_TESTIFY = re.compile(r"\btestif(?:y|ying|ied|ies)\b", re.I)
_WROTE = re.compile(r"\b(?:wrote|writing|ruled)\b", re.I)
_MENTION = re.compile(rf"\b(?:{_NOUNS})\b", re.I)
_NOUN_TEXT = re.compile("|".join(sorted({w.split()[0] for w in _NOUN})))  # in lower case
_RULED = re.compile(r"\b(?:ruled|sentenced|acquitted|convicted|fined|banned|upheld|"
                    r"disqualified|testified|testifying)\b", re.I)
_ANNOUNCING = re.compile(
    rf"\b(?:announcing|unveiling|explaining|defending|presenting|delivering|reading)\s+"
    rf"{_DET}\s+(?:[\w'’-]+\s+){{0,2}}?(?P<noun>{_NOUNS})\b", re.I)
_SPEAKING_DAY = re.compile(r"today|tonight|yesterday|this|last\s+night", re.I)
_GOES_ON = re.compile(
    r"\b(?:also|added|adding|continued|went\s+on|pressed\s+by|responding|in\s+response|"
    r"replied|later|afterwards)\b|^\s*(?:Outside|Inside|Afterwards|Later)\b", re.I)
_DEFINITE = re.compile(r"\bthe\s+(?:[\w'’-]+\s+){0,2}?(?:committee|hearing|conference|summit|"
                       r"session|meeting|briefing)\b", re.I)
_PRONOUN_START = re.compile(r"^\W*(?:he|she|they|it)\b", re.I)
# a relative clause ends at a comma, a semicolon or its sentence's end
_RELATIVE_CLAUSE = re.compile(r",\s*(?:who|which|whose|where|when)\b(?:[^,;.\n]|\.(?!\s))*",
                              re.I)
# a photo caption's date is when the picture was taken, not a scene of the story
_CAPTION = re.compile(r"\b[A-Z]{2,}/[A-Z][a-z]+|\bPhotograph:|\bPhoto:|Getty Images|File Photo|"
                      r"\(Photo by|\bImage Credit\b")
_CREDIT = re.compile(r"\s*(?:Getty Images|AFP|Reuters|AP|EPA|Photograph|Photo)\b[^.]{0,40}$")
_SENTENCE_VERB = re.compile(r"\b(?:said|says|is|was|were|are|has|have|had|will)\b")
_PRESENT = re.compile(r"\b(?:denies|insists|maintains|argues|believes|claims|contends|"
                      r"rejects|accuses|says|disputes)\b")
_HEAD_STAMP_LINES = 2  # the headline, a standfirst: a stamp below them may open a post
_POSSESSIVE = re.compile(r"['’]s\b")
_DAY_NAME = re.compile(r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)")
_DETERMINER = re.compile(r"\b(?:our|your)\s+$")  # the outlet's own (not "a Tuesday news
# conference": that day's)
_NOUN_AFTER = re.compile(r"\s+(?!(?:morning|afternoon|evening|night|and|or)\b)[a-z][\w-]*")
_OF_EVENT = re.compile(r"\b(?!(?:night|morning|evening|afternoon|day|weekend|week|end|"
                       r"beginning|start|as|hours|course|middle|dawn|eve)\b)[a-z]+\s+of\s+$")
#: How many days before publication the story's one saying day may be ("said on Monday").
SAYING_DAYS = 7
_UNMARKED = ("transcript", "block")  # how speech in no quotation marks is found
_DEFINITE_DETS = {"the", "its", "his", "her", "their", "this", "that", "same", "the same"}


@dataclass
class _Scene:
    when: When
    paragraph: int
    position: int


def date_statements(lay: Layout, found: list[Found], published: When,
                    pub: date) -> list[tuple[Found, When]]:
    """Each statement with its date (see the module docstring), in the order given."""
    fallback = When(published.text[:10], "day", True)
    text = _masked(lay, found)
    by_sentence = _by_sentence(lay, found)
    dates: list[When | None] = [None] * len(found)
    starts = sorted(item.span[0] for item in found)
    paragraph_starts: dict[int, int] = {}
    for sentence in lay.sentences:
        paragraph_starts.setdefault(sentence.paragraph, sentence.start)
    kinds: dict[str, When] = {}
    story: When | None = None
    scene: _Scene | None = None
    paragraph_cue: dict[int, When] = {}
    first_paragraph = lay.sentences[0].paragraph if lay.sentences else 0
    last_in_paragraph: dict[int, int] = {}
    captions = _captions(lay)
    posts = _posts(lay, pub, captions)
    side_days = _lede_sides(found)
    post_starts = {start for start, _day in posts}
    named: list[When] = []  # the days the story names (outside captions and quotations)
    for number, sentence in enumerate(lay.sentences):
        own = [] if sentence.paragraph in captions else _sentence_dates(text, sentence, pub)
        named.extend(own)
        if sentence.start in post_starts:
            scene = None  # a new post of a live page: the last one's day is not this one's
        members = by_sentence.get(number, [])
        if own:
            for kind in _kinds_in(text, sentence):
                kinds.setdefault(kind, own[0])
            if story is None and sentence.paragraph == first_paragraph:
                story = own[0]
        cue = _cue(text, sentence, kinds, story)
        if not members:
            if own:
                # "shootings on Sunday prompted a measure on Monday": the story is at Monday
                scene = _Scene(max(own, key=lambda when: when.text), sentence.paragraph,
                               sentence.start)
            elif cue is not None:
                scene = _Scene(cue, sentence.paragraph, sentence.start)
            if cue is not None:
                paragraph_cue[sentence.paragraph] = cue
            continue
        for i in members:
            item = found[i]
            when = item.when or _inherited(text, lay, found, dates, i, sentence, cue, scene,
                                           paragraph_cue, last_in_paragraph, starts,
                                           paragraph_starts)
            if when is None and item.actor.parent in side_days and \
                    _previous_same_speaker(found, i) is None:
                when = side_days[item.actor.parent]  # the lede's side, on the lede's day
            if item.when is None and when is not None and _mentions_later(lay.text, item, when,
                                                                          pub):
                when = None  # "About 140 people spent Sunday night there": said after Sunday
            dates[i] = when
            if when is not None and when.precision == "day" and not when.approximate:
                scene = _Scene(when, sentence.paragraph, item.span[0])
                for kind in _kinds_in(text, sentence):
                    kinds.setdefault(kind, when)
            last_in_paragraph[item.paragraph] = i
        if cue is not None:
            paragraph_cue.setdefault(sentence.paragraph, cue)
    dates = _undated(lay, text, found, dates, named, pub, captions, posts)
    return [(item, dates[i] or fallback) for i, item in enumerate(found)]


def _lede_sides(found: list[Found]) -> dict[str, When]:
    """The sides (states, bodies) speaking on a day of their own in the story's first
    paragraph with statements ("China criticized Japan on Monday … and accused …")."""
    if not found:
        return {}
    lede = min(f.paragraph for f in found)
    return {f.actor.name: f.when for f in found
            if f.paragraph == lede and f.actor.kind != "person" and f.when is not None
            and f.when.precision == "day" and not f.when.approximate}


def _by_sentence(lay: Layout, found: list[Found]) -> dict[int, list[int]]:
    """The statements (their indices) of each sentence (its number; -1: none)."""
    by_sentence: dict[int, list[int]] = {}
    index = {id(s): i for i, s in enumerate(lay.sentences)}
    for i, item in enumerate(found):
        sentence = lay.sentence_at(item.span[0])
        number = index[id(sentence)] if sentence is not None else -1
        by_sentence.setdefault(number, []).append(i)
    return by_sentence


def _undated(lay: Layout, text: str, found: list[Found], dates: list[When | None],
             named: list[When], pub: date, captions: set[int],
             posts: list[tuple[int, When]]) -> list[When | None]:
    """The dates of the statements no scene dated: the day of the live post they are in
    (its time stamp), else the story's day before publication (not for a standing position
    in the present tense), else None (the publication date)."""
    eve = _story_eve(lay, text, pub, captions) or _saying_day(text, found, named, pub)
    result = []
    for when, item in zip(dates, found, strict=True):
        if when is None:
            k = bisect.bisect_left(posts, (item.span[0],))
            when = posts[k - 1][1] if k else item.when
        if when is None and not _standing(text, lay, item):
            when = eve  # a story of a day before: its undated statements were made then
        result.append(when)
    return result


def _posts(lay: Layout, pub: date, captions: set[int]) -> list[tuple[int, When]]:
    """The time stamps that open the posts of a live page ("published at 14:21 BST 13 June
    2021", "Sat 12 Dec 2015 15.32 EST"): where each stands and its day. A stamp in the
    article's head is its publication line, not a post's, unless posts follow and it stands
    under a post's title."""
    posts = []
    for number in sorted(captions):
        start, end = lay.paragraphs[number]
        if not is_stamp(lay.text[start:end]) or _CAPTION.search(lay.text, start, end):
            continue
        days = [m.when for m in find_dates(lay.text, pub, start, end)
                if m.when.precision == "day" and not m.when.approximate
                and m.when.text[:10] <= pub.isoformat()]
        if days:
            posts.append((start, days[0], number))
    if not any(start >= HEAD_CHARS for start, _day, _n in posts):
        return []
    # in the head, only a stamp under a post's title (not the headline's) opens a post
    return [(start, day) for start, day, number in posts
            if start >= HEAD_CHARS or number > _HEAD_STAMP_LINES]


def _story_eve(lay: Layout, text: str, pub: date, captions: set[int]) -> When | None:
    """The day before publication, when it is the only day the story places things on
    ("held talks in Istanbul on March 29", "yesterday") — not "Saturday's earthquake"."""
    eve = date.fromordinal(pub.toordinal() - 1).isoformat()
    named = set()
    for sentence in lay.sentences:
        if sentence.paragraph in captions:
            continue
        for mention in find_dates(text, pub, sentence.start, sentence.end):
            when = mention.when
            before = text[sentence.start:mention.start]
            if when.precision != "day" or when.approximate or \
                    _names_event(text, sentence.start, mention.start, mention.end) or \
                    before.count("(") > before.count(")"):
                continue  # "Saturday's earthquake", "(21:00 Tuesday GMT)"
            named.add(when.text[:10])
    return When(eve, "day") if named == {eve} else None


def _saying_day(text: str, found: list[Found], named: list[When], pub: date) -> When | None:
    """The one day, up to :data:`SAYING_DAYS` before publication, on which the story dates
    its statements ("Powell said on Wednesday"), when it names no later day: its undated
    statements are that day's too ("the publication date only when the article gives no
    other")."""
    days = {f.when.text[:10] for f in found
            if f.when is not None and f.when.precision == "day" and not f.when.approximate}
    if len(days) != 1:
        return None
    (day,) = days
    if not 1 <= pub.toordinal() - date.fromisoformat(day).toordinal() <= SAYING_DAYS or any(
            when.text[:10] > day for when in named):
        return None
    return When(day, "day")


def _standing(text: str, lay: Layout, item: Found) -> bool:
    """Whether the statement is a standing position in the present tense ("Iran denies it
    has sought …"): it holds on the publication day, not on the story's."""
    sentence = lay.sentence_at(item.span[0])
    start = sentence.start if sentence is not None else item.span[0]
    return _PRESENT.search(text, start, item.span[0]) is not None


def _any_between(starts: list[int], lo: int, hi: int) -> bool:
    """Whether a statement starts in ``[lo, hi)``."""
    k = bisect.bisect_left(starts, lo)
    return k < len(starts) and starts[k] < hi


def _inherited(text: str, lay: Layout, found: list[Found], dates: list[When | None], i: int,
               sentence: Sentence, cue: When | None, scene: _Scene | None,
               paragraph_cue: dict[int, When], last_in_paragraph: dict[int, int],
               starts: list[int], paragraph_starts: dict[int, int]) -> When | None:
    item = found[i]
    previous = _previous_same_speaker(found, i)
    narrative = (scene is not None and previous is not None
                 and scene.position > found[previous].span[1]
                 and scene.paragraph >= item.paragraph - 1
                 and not _any_between(starts, scene.position, item.span[0]))
    if previous is not None and found[previous].paragraph == item.paragraph:
        return scene.when if narrative and scene is not None else dates[previous]
    if cue is not None:
        return cue
    head = text[sentence.start:sentence.end]
    if previous is not None and found[previous].paragraph == item.paragraph - 1:
        goes_on = (item.how == "continuation" or _GOES_ON.search(head)
                   or _PRONOUN_START.search(head)
                   or (last_in_paragraph.get(item.paragraph - 1) == previous
                       and item.paragraph not in last_in_paragraph))
        if goes_on:
            return scene.when if narrative and scene is not None else dates[previous]
    if item.paragraph in paragraph_cue:
        return paragraph_cue[item.paragraph]
    if scene is None:
        return None
    if previous is not None and dates[previous] is not None and not dates[previous].approximate \
            and scene.position <= found[previous].span[1] and not any(
                found[k].actor is not item.actor for k in range(previous + 1, i)):
        return dates[previous]  # the speaker goes on, no other day or speaker in between
    if previous is None and item.paragraph - scene.paragraph <= 2 and \
            _named_in(lay, item, scene.paragraph):
        return scene.when  # "X was pleased … on Saturday." ¶ "…," said X after the match
    if scene.paragraph == item.paragraph:
        return scene.when
    if scene.paragraph == item.paragraph - 1:
        start = min(sentence.start, paragraph_starts.get(item.paragraph, sentence.start))
        lead = text[start:max(item.span[0], sentence.start)]
        if _GOES_ON.search(lead) or _GOES_ON.search(text[start:start + 40]) or \
                _DEFINITE.search(lead):
            return scene.when
    return None


def _captions(lay: Layout) -> set[int]:
    """Paragraphs whose dates are no scene: photo captions (with a credit, or the lines above
    a credit line: "… on June 5." ¶ "Alex Wong" ¶ "Getty Images") and time stamps."""
    captions = {n for n, (a, b) in enumerate(lay.paragraphs) if _CAPTION.search(lay.text, a, b)
                or _stamp(lay.text[a:b])}
    credits = [n for n, (a, b) in enumerate(lay.paragraphs) if _CREDIT.match(lay.text[a:b])]
    captions.update(n for k in credits for n in range(max(0, k - 3), k))
    return captions


def _stamp(paragraph: str) -> bool:
    """A dateline or time stamp on its own ("Margao, November 28", "Updated: 2 April 2022
    15:16", "published at 11:20 Greenwich Mean Time 1 December 2023"): the publication's
    date, not a scene."""
    return is_stamp(paragraph) or (len(paragraph.split()) <= 8 and any(
        c.isdigit() for c in paragraph) and not _SENTENCE_VERB.search(paragraph))


def _named_in(lay: Layout, item: Found, paragraph: int) -> bool:
    """Whether the statement's speaker is named in ``paragraph`` (the dated scene's), their
    family name perhaps one letter off."""
    start, end = lay.paragraphs[paragraph]
    words = [w for w in item.actor.name.split() if w[:1].isupper()]
    if not words:
        return False
    if re.search(rf"\b{re.escape(words[-1])}\b", lay.text[start:end]) is not None:
        return True
    # "James Corden gave a tribute …" for the speaker spelt "James Cordon" elsewhere
    given = re.escape(words[0]) if len(words) > 1 else None
    return given is not None and any(
        one_edit(m.group(1), words[-1]) for m in re.finditer(
            rf"\b{given}\s+([A-Z][\w'’-]+)", lay.text[start:end]))


def _previous_same_speaker(found: list[Found], i: int) -> int | None:
    for j in range(i - 1, -1, -1):
        if found[j].actor is found[i].actor:
            return j
    return None


def _masked(lay: Layout, found: list[Found]) -> str:
    """The text with quotations, speech in no marks (a transcript's turns: "The shelling on
    28 April …" is what the speaker spoke of, not when) and relative clauses blanked (same
    length, same offsets)."""
    text = lay.text
    chars = list(text)
    spans = [(q.opened, q.outer_end) for q in lay.quotes]
    spans += [f.span for f in found if f.how in _UNMARKED]
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    for match in _RELATIVE_CLAUSE.finditer("".join(chars)):
        chars[match.start():match.end()] = " " * (match.end() - match.start())
    return "".join(chars)


def _sentence_dates(text: str, sentence: Sentence, pub: date) -> list[When]:
    """Past day-precision dates in the sentence, outside quotations and relative clauses;
    not a possessive's ("last night's barbecue", "Saturday's quake": an event, no scene)."""
    result = []
    for mention in find_dates(text, pub, sentence.start, sentence.end):
        when = mention.when
        if when.precision != "day" or when.approximate or when.text[:10] > pub.isoformat() \
                or _names_event(text, sentence.start, mention.start, mention.end):
            continue
        result.append(when)
    return result


def _names_event(text: str, start: int, at: int, end: int) -> bool:
    """Whether the date at ``[at, end)`` only names an event: a possessive ("Saturday's
    quake"), a noun's "of" ("the sanctions of March 2 and 22"; not "the night of") or a
    weekday naming the outlet's own thing ("our Thursday round-up"; not "told a Tuesday
    news conference")."""
    return bool(_POSSESSIVE.match(text, end) or _OF_EVENT.search(text, start, at)
                or (_DAY_NAME.fullmatch(text, at, end) and _DETERMINER.search(text, start, at)
                    and _NOUN_AFTER.match(text, end)))


def _mentions_later(text: str, item: Found, when: When, pub: date) -> bool:
    """Whether the statement itself names a past day later than ``when``."""
    for mention in find_dates(text, pub, item.span[0], item.span[1]):
        if _SPEAKING_DAY.match(text, mention.start):
            continue  # "today" in a quotation is the day it was said
        found = mention.when
        if found.precision == "day" and when.text[:10] < found.text[:10] <= pub.isoformat():
            return True
    return False


def _names_a_kind(text: str, sentence: Sentence) -> bool:
    """Whether an event noun ("hearing", "briefing" …) may be in the sentence: a quick scan
    of its lower-cased text that the slower patterns below need to pass."""
    return _NOUN_TEXT.search(text[sentence.start:sentence.end].lower()) is not None


def _kinds_in(text: str, sentence: Sentence) -> set[str]:
    kinds = {_NOUN[m.group(0).lower()] for m in _MENTION.finditer(text, sentence.start,
                                                                  sentence.end)
             } if _names_a_kind(text, sentence) else set()
    if _RULED.search(text, sentence.start, sentence.end):
        kinds.add("hearing" if "testif" in text[sentence.start:sentence.end].lower()
                  else "ruling")
    return kinds


def _cue(text: str, sentence: Sentence, kinds: dict[str, When], story: When | None
         ) -> When | None:
    """The date of the event the sentence places itself at, if it names a known one."""
    if _TESTIFY.search(text, sentence.start, sentence.end):
        return kinds.get("hearing") or story
    if "ruling" in kinds and _WROTE.search(text, sentence.start, sentence.end):
        return kinds["ruling"]
    if (not kinds and story is None) or not _names_a_kind(text, sentence):
        return None
    for pattern in (_PLACE, _TOLD, _ANNOUNCING):
        for match in pattern.finditer(text, sentence.start, sentence.end):
            kind = _NOUN[match.group("noun").lower()]
            det = (match.group("det") or "").lower()
            det = " ".join(det.split())
            if kind in kinds and (kind != "conference" or det in _DEFINITE_DETS):
                return kinds[kind]
            if det in _DEFINITE_DETS and story is not None:
                return story
    return None
