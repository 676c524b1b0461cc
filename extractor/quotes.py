"""Direct quotations and who said them.

Tried in order for each quotation: an attribution after it (``"…," X said``,
``"…," said X``), before it (``X said: "…"``), a naming verb (``what X called "…"``),
a parenthetical (``NATO, he said, is "…"``), and last the continuation of the previous
speaker for a quotation that opens a sentence (``"A," he said. "B."``). A quoted fragment
with its speaker in the sentence (``called it "a last warning"``, ``the fall is a
"concern," X said``) is direct; a short one in title case (``told "Squawk on the
Street"``) is a title, not a quotation, and a quotation no one is said to speak is none.
"""

from __future__ import annotations

import re
from datetime import date

from extractor.attributions import (
    PARTICIPLES,
    SHORT_QUOTE,
    VERB,
    complete_sentence,
    not_speech,
    subject_end,
)
from extractor.cast import Actor, Cast
from extractor.found import Found, region_date
from extractor.segment import Layout, Quote, Sentence, tokens
from extractor.speaker_lines import listed_speaker
from extractor.speakers import Phrase, analyse, phrase_after, phrase_before
from extractor.unnamed import unnamed_role

_EXTRA_VERBS = re.compile(r"\b(?:asked|asks|continued|replied|shouted|joked|laughed|wondered)\b")
_CALLED = re.compile(r"\b(?:called|calls|call|calling|described|describes|describing|dubbed|"
                     r"thanked|thanks|termed|branded|labell?ed|denounced|denouncing|praised|hailed|condemned|"
                     r"decried|underlined|underscored|lauded|saluted|extolled)\b")
_TITLE = re.compile(r"[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|of|on|the|and|in|at|for|a))*")
_PARENTHETICAL = re.compile(r",\s*([^,\"“”]{1,60}?)\s+(said|says|added|argued|insisted|noted|"
                            r"warned|stressed)\s*,\s*")
_ACCORDING = re.compile(r"according to\s+", re.I)
# "…," Peshawar shop owner Tufail Ahmed told AFP: a few describing words before the name;
# "…," the Bedford, Mass., company said: a place set off by commas
_DESCRIPTOR = re.compile(r"^(?:[A-Za-z][\w'’-]*\s+){1,4}$"
                         r"|^[Tt]he\s+[A-Z][\w'’ -]{1,30},\s+[A-Z][\w. ]{1,12},\s+$")
_STATED_BY = re.compile(r"\s*(?:This|That|It)\s+was\s+(?:stated|said|declared|announced|"
                        r"written)\s+by\s+")
_PUT_IT = re.compile(r"\bput\s+it\b")
_RELATIVE = re.compile(r",\s*(?:who|which|whose)\b[^,;.\"“”]{1,160},\s*$")
_WHO = re.compile(r",\s*who\s+(?:also\s+|later\s+|earlier\s+)?$")
_ASIDE_WORDS = 20  # words of a set-off aside between a saying verb and its quotation
_COORDINATED = re.compile(r"\b(?:and|but)(?:\s+(?:then|also|later|again))?\s*$")
# the fragment's object described by the speaker in a relative clause: "of X, who was a"
_OBJECT_DESCRIBED = re.compile(r"(?:of|for|to)\s+[^.;:!?,\"“”]{1,40},\s*(?:who|which)\s+"
                               r"(?:was|is|were|are|had\s+been|has\s+been|remains|remained)"
                               r"(?:\s+(?:a|an|the|such\s+a))?")
_CHAIN_WORDS = 4  # words between two fragments of one speaker's sentence
_WINDOW = 400  # characters around a quotation searched for its attribution and date


def attribute_quote(layout: Layout, quote: Quote, sentence: Sentence, cast: Cast,
                    published: date, reported_spans: list[tuple[int, int]],
                    previous: list[Found]) -> Found | None:
    """The direct statement a quotation makes, or None (unattributed or a scare quote)."""
    text = layout.text
    content = " ".join(text[a:b] for a, b in quote.parts)
    size = len(content.split())
    initial = not text[sentence.start:quote.opened].strip()
    in_reported = any(a <= quote.opened < b for a, b in reported_spans)
    attempt = _after(layout, quote, cast) or _stated_by(layout, quote, cast)
    how = "after"
    for name, finder in (("before", _before), ("called", _called),
                         ("parenthetical", _parenthetical)):
        if attempt is not None:
            break
        attempt = finder(layout, quote, sentence, cast)
        how = name
    if attempt is not None and in_reported and (
            how in ("called", "before") or (not initial and how != "parenthetical")):
        return None
    if attempt is None:
        listed = listed_speaker(layout, quote, cast, previous)
        if listed is not None:
            return Found(listed, "direct", content, (quote.start, quote.end), None,
                         sentence.paragraph, "list")
        chained = _chained(layout, previous, quote, sentence)
        if chained is not None and not is_title(content):
            return Found(chained, "direct", content, (quote.start, quote.end), None,
                         sentence.paragraph, "chain")
        if not initial or (size <= SHORT_QUOTE and not complete_sentence(content)):
            return None
        actor = _continued(previous, quote, sentence)
        if actor is None:
            return None
        return Found(actor, "direct", content, (quote.start, quote.end), None,
                     sentence.paragraph, "continuation")
    actors, phrase = attempt
    if is_title(content):
        return None  # told "Squawk on the Street": a title, not a quotation
    if not actors:
        return None
    when = _date(layout, published, sentence, quote, phrase)
    end_sentence = layout.sentence_at(max(quote.outer_end - 1, quote.opened))
    if when is None and end_sentence is not None and end_sentence is not sentence:
        when = _date(layout, published, end_sentence, quote, phrase)
    return Found(actors[0], "direct", content, (quote.start, quote.end), when,
                 sentence.paragraph, how)


def is_title(content: str) -> bool:
    """A short quotation in title case ("Squawk on the Street", the "For You" feed): a
    title, not someone's words."""
    content = content.rstrip(".,;:!?")  # "Too Much Harbour.", its stop inside the marks
    return len(content.split()) <= SHORT_QUOTE and _TITLE.fullmatch(content) is not None


def _date(layout: Layout, published: date, sentence: Sentence, quote: Quote,
          phrase: Phrase | None):
    """The attribution's date: in the sentence near the quotation, outside quotations."""
    window = Sentence(max(sentence.start, quote.opened - _WINDOW),
                      min(sentence.end, quote.outer_end + _WINDOW), sentence.paragraph)
    exclude = [(q.opened, q.outer_end) for q in layout.quotes_between(window.start - _WINDOW,
                                                                       window.end)]
    if phrase is not None and phrase.skipped:
        exclude.append(phrase.skipped)
    return region_date(layout.text, published, window, exclude,
                       phrase.skipped if phrase is not None else None)


def resolve_phrase(cast: Cast, phrase: Phrase, pos: int, text: str | None = None) -> list[Actor]:
    """The actors a speaker phrase names (noted as speaking at ``pos``); with the ``text``,
    a title after "a" is someone unnamed (:func:`extractor.speakers.unnamed_role`)."""
    actors = []
    mentions = analyse([t.word for t in phrase.words], [t.word for t in phrase.description],
                       phrase.appositive)
    for mention in mentions:
        if text is not None:
            mention = unnamed_role(text, phrase, mention) or mention
        actor = cast.resolve(mention, pos)
        if actor is not None:
            actors.append(actor)
            cast.note(actor, max(pos, phrase.start))
            cast.spoke(actor, max(pos, phrase.start))
    return actors


def _verb_at(text: str, pos: int, end: int) -> re.Match[str] | None:
    return VERB.match(text, pos, end) or _EXTRA_VERBS.match(text, pos, end)


def _after(layout: Layout, quote: Quote, cast: Cast):
    text = layout.text
    if not quote.closed:
        return None
    tail_sentence = layout.sentence_at(quote.outer_end - 1)
    end = tail_sentence.end if tail_sentence else len(text)
    following = layout.next_quote(quote)
    if following is not None:
        end = min(end, max(following.opened, quote.outer_end))
    lead = re.match(r"\s*[,—–-]?\s*", text[quote.outer_end:end])
    pos = quote.outer_end + (lead.end() if lead else 0)
    if pos >= end:
        return None
    verb = _verb_at(text, pos, end)
    if verb:
        phrase = phrase_after(text, verb.end(), end)
        return (resolve_phrase(cast, phrase, quote.opened, text), phrase) if phrase else None
    according = _ACCORDING.match(text, pos, end)
    if according:
        phrase = phrase_after(text, according.end(), end)
        return (resolve_phrase(cast, phrase, quote.opened), phrase) if phrase else None
    limit = min(end, pos + 200)
    for match in list(VERB.finditer(text, pos, limit)) + list(_EXTRA_VERBS.finditer(
            text, pos, limit)):
        if _words_before(text, pos, match.start()) > 14:
            break
        phrase = phrase_before(text, pos, subject_end(text, pos, match.start()))
        if phrase is None:
            continue
        lead_start = phrase.skipped[0] if phrase.skipped and phrase.description else phrase.start
        gap = text[pos:min(lead_start, phrase.start)]
        if gap.strip() and not _DESCRIPTOR.match(gap):
            continue
        return resolve_phrase(cast, phrase, quote.opened, text), phrase
    return None


def _words_before(text: str, pos: int, verb: int) -> int:
    """Words between a quotation and its verb, a relative clause aside ("…," NTSB Chair
    Jennifer Homendy, who was appointed by … in 2021, said)."""
    relative = _RELATIVE.search(text, pos, verb)
    skipped = len(tokens(text, *relative.span())) if relative else 0
    return len(tokens(text, pos, verb)) - skipped


def _stated_by(layout: Layout, quote: Quote, cast: Cast):
    """``"…" This was stated by ECB President Christine Lagarde during …``"""
    text = layout.text
    match = _STATED_BY.match(text, quote.outer_end)
    if not quote.closed or match is None:
        return None
    phrase = phrase_after(text, match.end(), min(len(text), match.end() + 200))
    return (resolve_phrase(cast, phrase, quote.opened), phrase) if phrase else None


def _region_start(layout: Layout, quote: Quote, sentence: Sentence) -> int:
    lo = max(sentence.start, quote.opened - _WINDOW)
    other = layout.previous_quote(quote)
    if other is not None and other.outer_end <= quote.opened:
        lo = max(lo, other.outer_end)
    return lo


def _subject(layout: Layout, sentence: Sentence, cast: Cast, lo: int, verb: re.Match[str],
             quote: Quote):
    text = layout.text
    end = subject_end(text, lo, verb.start())
    phrase = phrase_before(text, lo, end)
    if phrase is not None:
        return resolve_phrase(cast, phrase, phrase.start, text), phrase
    relative = _WHO.search(text, lo, end)
    if relative is not None:  # "Chambers, who called the economy "…"": Chambers
        phrase = phrase_before(text, lo, relative.start())
        if phrase is not None:
            return resolve_phrase(cast, phrase, phrase.start, text), phrase
    if _COORDINATED.search(text, lo, end):  # "She expressed regret …, but said, "…""
        earlier = sorted((v for v in (*VERB.finditer(text, sentence.start, verb.start()),
                                      *_CALLED.finditer(text, sentence.start, verb.start()))
                          if layout.quote_at(v.start()) is None), key=lambda v: v.start())
        # 'X called them "A" and said, "B"': X, the subject of the naming verb too
        if earlier:
            return _subject(layout, sentence, cast, sentence.start, earlier[0], quote)
        phrase = phrase_after(text, sentence.start, verb.start())  # "She smiled and declared"
        if phrase is not None and phrase.start == sentence.start:
            return resolve_phrase(cast, phrase, phrase.start, text), phrase
    if verb.group() in PARTICIPLES:
        phrase = phrase_after(text, sentence.start, verb.start())
        if phrase is not None:
            return resolve_phrase(cast, phrase, phrase.start), phrase
    return None


def _before(layout: Layout, quote: Quote, sentence: Sentence, cast: Cast):
    text = layout.text
    lo = _region_start(layout, quote, sentence)
    verbs = [v for v in VERB.finditer(text, lo, quote.opened)
             if not not_speech(text, v, tokens(text, max(lo, v.start() - 40), v.start()))]
    verbs += list(_PUT_IT.finditer(text, lo, quote.opened))  # "As X put it: "…""
    if not verbs:
        return None
    verbs.sort(key=lambda m: m.start())
    verb = verbs[-1]
    between = text[verb.end():quote.opened].strip()
    words = between.split()
    if between and not (between.endswith((":", ",")) or between.endswith("that")):
        return None
    if len(words) > (_ASIDE_WORDS if between.endswith(",") else 10) or \
            re.search(r"[\"“”;.]", between):
        return None  # (an aside may be long: "said on Sunday following a meeting with …, "…"")
    if not between and verb.group() in ("told", "tells") and quote.closed and \
            not complete_sentence(" ".join(text[a:b] for a, b in quote.parts)):
        return None  # told "Squawk on the Street" on Friday: the show, not a statement
    gap = text[verbs[-2].end():verb.start()] if len(verbs) > 1 else ""
    if verb.group() in PARTICIPLES and len(verbs) > 1 and len(gap.split()) <= 6 and \
            not re.search(r"[\"“”.;:]", gap) and (not gap.strip() or gap.rstrip().endswith(",")):
        verb = verbs[-2]  # "…, he said in a statement, adding: "…"": the saying's subject
    return _subject(layout, sentence, cast, lo, verb, quote)


def _called(layout: Layout, quote: Quote, sentence: Sentence, cast: Cast):
    text = layout.text
    lo = _region_start(layout, quote, sentence)
    verbs = list(_CALLED.finditer(text, lo, quote.opened))
    if not verbs:
        return None
    verb = verbs[-1]
    between = text[verb.end():quote.opened]
    if len(between.split()) > 15 or re.search(r"[\"“”;:.]", between):
        return None
    saying = list(VERB.finditer(text, lo, verb.start()))
    if verb.group().endswith("ing") and saying:
        verb = saying[-1]  # "…," X told reporters, calling it "…": the saying's subject
    return _subject(layout, sentence, cast, lo, verb, quote)


def _parenthetical(layout: Layout, quote: Quote, sentence: Sentence, cast: Cast):
    text = layout.text
    lo = _region_start(layout, quote, sentence)
    found = None
    for match in _PARENTHETICAL.finditer(text, lo, quote.opened):
        found = match
    if found is None or len(text[found.end():quote.opened].split()) > 6:
        return None
    phrase = phrase_before(text, found.start(1), found.start(2))
    if phrase is None:
        return None
    return resolve_phrase(cast, phrase, phrase.start), phrase


def _chained(layout: Layout, previous: list[Found], quote: Quote,
             sentence: Sentence) -> Actor | None:
    """``denounced the count as "a hold-up" that was "rigged" and did "not reflect the
    ballots"``: a fragment a few words after the speaker's fragment in the same sentence
    is theirs too."""
    last = previous[-1] if previous else None
    if last is None or last.kind != "direct" or last.span[0] < sentence.start or \
            last.span[1] >= quote.opened:
        return None
    gap = layout.text[last.span[1]:quote.opened].strip(" \"”’,")
    if _OBJECT_DESCRIBED.fullmatch(gap):  # hailed the "grace" of X, who was a "presence"
        return last.actor
    if len(gap.split()) > _CHAIN_WORDS or re.search(r"[.;:!?]", gap) or VERB.search(gap):
        return None
    return last.actor


def _continued(previous: list[Found], quote: Quote, sentence: Sentence) -> Actor | None:
    for found in reversed(previous):
        if found.span[0] >= quote.opened:
            continue
        if found.paragraph >= sentence.paragraph - 1:
            return found.actor
        return None
    return None
