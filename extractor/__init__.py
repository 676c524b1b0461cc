"""Extract who said what, and when, from a news article's text.

``extract(text, published)`` returns a Parley JSON document (docs/format.md): one source
carrying the text, the actors quoted (people under the side they speak for), the dated
events reported, and the statements — direct quotations and reported speech — each with
its character span in the text. Plain heuristics over the text; no models, no network.

The passes, one module each: :mod:`segment` (paragraphs, quotations, sentences),
:mod:`mentions` (who is named where, for "he" and "the union"), :mod:`attributions` and
:mod:`reported` (reported speech), :mod:`quotes` (direct quotations), :mod:`events`,
:mod:`relative_dates` (dates against the publication date), :mod:`cast` (actors, known
actors), :mod:`document` (the JSON).

Conventions:

* a direct statement's text is the quotation without its marks (and without a trailing
  comma); its span covers exactly that (for a quotation over several paragraphs or
  interrupted by its attribution, ``"A," she said, "B."`` (:mod:`joined`), from its first
  word to its last, the parts joined by a space in the text);
* a reported statement's text is the reported clause; its span covers it (a parenthetical
  attribution inside it, "The plan, she said, would …", is left out of the text);
* ``said`` is the date the attribution gives ("told reporters on Monday"), else that of the
  scene the statement belongs to (:mod:`scenes`: the same speaker going on, the hearing or
  ruling it is placed at, the dated scene of its paragraph), else the publication date with
  ``approximate`` true; "last week" is the Monday of that week, approximate (the format
  has no week precision);
* ids follow the text's order and nothing depends on hashing or time, so the same article
  always gives the same document and importing it twice adds nothing.
"""

from __future__ import annotations

import re
from datetime import date

from db.dates import DateError, When, parse_date
from extractor.cast import Cast, spelling_key
from extractor.context import (
    assign_body_states,
    assign_context_state,
    assign_dateline_town,
    assign_section_sides,
)
from extractor.document import build
from extractor.events import find_events
from extractor.forms import name_as_written
from extractor.found import Found
from extractor.joined import FRAGMENT_GAP, join_interrupted
from extractor.mentions import scan
from extractor.published import blank_dateline, written_day
from extractor.quotes import attribute_quote, is_title
from extractor.relative_dates import forget as forget_dates
from extractor.reported import find_reported
from extractor.roles import role_holders
from extractor.scenes import date_statements
from extractor.segment import Layout, layout
from extractor.speakers import forget as forget_phrases
from extractor.transcripts import unquoted_speech

__all__ = ["ArticleError", "extract", "spelling_key"]

MAX_CHARS = 2_000_000
_HEADLINE = re.compile(r"[.!?:;\"”’'`)\]]\s*$")  # a paragraph ending so is not a headline
# "Tributes pour in: ‘The town will rebuild’" (the first line: "Vela says album is "her best
# yet""): a headline may end in its quotation, closed after a word (a body's closes after its
# stop; a live page's summary line, "Ortiz says she is ‘proud’", stays a statement)
_QUOTED_HEADLINE = re.compile(r":\s*[\"“‘'][^\"“”‘’\n]+[^\W_][\"”’']\s*$")
_QUOTED_FIRST_LINE = re.compile(r"[\"“‘'][^\"“”‘’\n]+[^\W_][\"”’']\s*$")
_HEADLINE_WORDS = 25
# a characterising clause of its own between two quotations: ", which he called", ", calling
# it" (not "by what he called", part of the clause)
_CALLING = re.compile(r",\s*(?:which|whom)\s+\w+\s+(?:called|termed|dubbed|labell?ed|"
                      r"described\s+as)\b|,\s*calling\s+(?:it|them)\b")
_BULLET = re.compile(r"[•·▪◦‣*]\s")  # "• Johnson said …": a summary's item, not a headline
_AND_THAT = re.compile(r",?\s+and\s+that(?:\s+|,\s*)")


class ArticleError(ValueError):
    """An article or its publication date that cannot be read; the message says why."""


def extract(text: str, published: str, *, outlet: str | None = None, url: str | None = None,
            title: str | None = None, known_actors: list[dict] | None = None) -> dict:
    """Return a Parley JSON document for one news article.

    ``published`` is the publication date (``2022-03-29`` or any form db.dates reads, at
    day precision at least); relative dates ("on Tuesday", "last week") resolve against it.
    ``known_actors`` are ``{"name", "aliases", "parent", "kind"}`` records already in the
    target store, matched by name, alias or tolerant spelling so that names are reused.
    Raises :class:`ArticleError` (a ValueError) for text or a date it cannot use.
    """
    if not isinstance(text, str):
        raise ArticleError(f"the article text must be a string, not {type(text).__name__}")
    if not text.strip():
        raise ArticleError("the article text is empty")
    if len(text) > MAX_CHARS:
        raise ArticleError(f"the article is too long ({len(text)} characters; "
                           f"at most {MAX_CHARS})")
    when = source = _published(published)
    pub = date.fromisoformat(when.text[:10])
    written = written_day(text, pub)
    if written is not None:  # the text's own day: its "today" and "on Monday" are from then
        pub, when = written, When(written.isoformat(), "day")
    if known_actors is not None and not isinstance(known_actors, list):
        raise ArticleError("known_actors must be a list of {name, aliases, parent, kind}")
    forget_phrases()
    forget_dates()
    lay = layout(blank_dateline(text))
    cast = Cast(known_actors)
    scan(lay, cast)
    found: list[Found] = []
    for sentence in lay.sentences:
        reported, spans = find_reported(lay, sentence, cast, pub)
        found.extend(reported)
        for quote in lay.quotes_between(sentence.start, sentence.end):
            direct = attribute_quote(lay, quote, sentence, cast, pub, spans, found)
            if direct is not None:
                found.append(direct)
    found = unquoted_speech(lay, cast, found, pub)
    parts = [part for f in found for part in _and_that(lay, f)]
    kept = _body(lay, join_interrupted(lay, _cleaned(role_holders(
        lay, [q for f in parts for q in _quoted(lay, f)], cast))))
    name_as_written(cast, lay.text, [f.actor for f in kept])
    assign_body_states(lay, cast, [f.actor for f in kept])
    assign_dateline_town(lay, cast)
    assign_section_sides(lay, cast, kept)
    statements = date_statements(lay, kept, when, pub)
    assign_context_state(lay, cast)
    events = find_events(lay, cast, pub, {f.actor.name for f, _when in statements})
    return build(text, When(source.text[:10], "day"), cast, statements, events,
                 outlet=outlet, url=url, title=title)


def _published(published: str) -> When:
    if not isinstance(published, str):
        raise ArticleError(f"published: {published!r} is not a date (expected 2022-03-29)")
    try:
        when = parse_date(published)
    except DateError as error:
        raise ArticleError(f"published: {error}") from None
    if when.precision in ("year", "month"):
        raise ArticleError(f"published: {published!r} must give the day (e.g. 2022-03-29)")
    return when


def _and_that(lay: Layout, item: Found) -> list[Found]:
    """``said there was no one-size-fits-all and that, in the end, "every country must …"``:
    two statements, the second (holding a quotation) after "and that". (``said crews had
    "restored every line" and that no region …`` stays one clause: its quoted words.)"""
    if item.kind != "reported":
        return [item]
    start, end = item.span
    match = _AND_THAT.search(lay.text, start, end)
    if match is None or len(item.text) != end - start or \
            bool(lay.quotes_between(start, match.start())) or \
            not lay.quotes_between(match.end(), end):
        return [item]  # only a quotation after "and that" stands apart
    first = lay.text[start:match.start()].rstrip(" ,")
    second = lay.text[match.end():end]
    return [Found(item.actor, "reported", first, (start, start + len(first)), item.when,
                  item.paragraph, item.how, item.stance),
            Found(item.actor, "reported", second, (match.end(), end), item.when,
                  item.paragraph, item.how, item.stance)]


def _quoted(lay: Layout, item: Found) -> list[Found]:
    """``added that "the boxes were sealed."``, ``said the plan was "a fair bargain"``,
    ``urged them to "stay calm" and "wait"``: the quotations in a reported clause are what
    the speaker said in their own words, one direct statement of the quoted words only
    (several joined by " … ": ``stay calm … wait``), and the clause around them is no
    second, reported statement (a title in quotation marks, the "For You" feed, is no
    quotation)."""
    if item.kind != "reported":
        return [item]
    start, end = item.span
    inner = [q for q in lay.quotes_between(start, end) if q.closed or len(q.parts) > 1]
    pieces = []
    for quote in inner:
        content = " ".join(lay.text[a:b] for a, b in quote.parts).strip().rstrip(",;:").strip()
        if content and not is_title(content):
            pieces.append((content, quote))
    if not pieces:
        return [item]
    groups = [[pieces[0]]]
    for piece in pieces[1:]:  # "focus on the "…", which he called "…"": a clause of its own
        gap = lay.text[groups[-1][-1][1].end:piece[1].start]
        if _CALLING.search(gap):
            groups.append([piece])
        else:
            groups[-1].append(piece)
    result = []
    for group in groups:
        first, last = group[0][1], group[-1][1]
        stop = last.start + len(group[-1][0]) if len(last.parts) == 1 else last.end
        result.append(Found(item.actor, "direct", FRAGMENT_GAP.join(c for c, _q in group),
                            (first.start, stop), item.when, item.paragraph, "clause"))
    return result


def _body(lay: Layout, found: list[Found]) -> list[Found]:
    """Leave out what headlines and sub-heads say ("Port deal agreed, Ortiz says") when the
    body carries statements: a headline is not a second statement."""
    heads = {number for number, (start, end) in enumerate(lay.paragraphs)
             if (_HEADLINE.search(lay.text[start:end]) is None
                 or _QUOTED_HEADLINE.search(lay.text[start:end]) is not None
                 or (number == 0 and _QUOTED_FIRST_LINE.search(lay.text[start:end])))
             and len(lay.text[start:end].split()) <= _HEADLINE_WORDS
             and not _BULLET.match(lay.text, start)}
    body = [f for f in found if f.paragraph not in heads or f.how in ("transcript", "block")
            or (f.how == "list" and f.paragraph > 0)]  # "“…” – Ortiz on fees": no headline
    return body if body else found


def _cleaned(found: list[Found]) -> list[Found]:
    """Drop reported statements that only restate a direct quotation, and duplicates."""
    directs = [f for f in found if f.kind == "direct"]
    kept = []
    for item in found:
        if item.kind == "reported" and any(
                d.how == "parenthetical" and item.span[0] <= d.span[0] < item.span[1]
                for d in directs):
            continue
        kept.append(item)
    kept.sort(key=lambda f: (f.span[0], f.kind))
    unique: dict[tuple, Found] = {}
    for item in kept:
        unique.setdefault((item.actor.name, item.kind, item.text), item)
    return list(unique.values())
