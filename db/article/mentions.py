"""A first pass over the article: the people and organisations it names, in order.

Registers every titled or full-named person and every named organisation with the cast, and
logs those in subject position, so that "he", "she", "it" and "the union" can be resolved.
"""

from __future__ import annotations

import re

from db.article.cast import Cast
from db.article.lexicon import NAME_PARTICLES, STOP_CAPS
from db.article.segment import Layout, Sentence, Token, tokens
from db.article.speakers import analyse, is_cap, phrase_before

_CONJUNCTIONS = {"and", "but", "while", "as", "when", "whereas", "although", "though",
                 "because", "that", "then", "so", "yet", "meanwhile", "after", "before", "since"}
_COMPANY_NOUNS = {"company", "group", "firm", "carrier", "rival", "operator", "lender",
                  "insurer", "maker", "giant", "retailer", "airline", "conglomerate", "utility"}
_ACRONYM = re.compile(r"\s*\(([A-Z][A-Z0-9&]{1,9})\)")


def scan(layout: Layout, cast: Cast) -> None:
    """Register and log the names in every sentence, outside quotations."""
    for sentence in layout.sentences:
        _scan_sentence(layout, sentence, cast)


def subject_position(text: str, sentence: Sentence, start: int) -> bool:
    """Whether a phrase starting at ``start`` stands where a subject would."""
    lo = max(sentence.start, start - 60)
    stripped = text[lo:start].rstrip()
    if not stripped:
        return lo == sentence.start or not text[sentence.start:lo].strip()
    if stripped[-1] in ",;(—–-:\"“”":
        return True
    if lo == sentence.start and stripped in STOP_CAPS:
        return True  # "Later Dev Kapoor joined …"
    last = re.search(r"([^\W_]+)$", stripped)
    return bool(last) and last.group(1).lower() in _CONJUNCTIONS


def _run_ends(layout: Layout, words: list[Token]) -> list[Token]:
    ends = []
    for i, tok in enumerate(words):
        if not is_cap(tok.word) or tok.word in STOP_CAPS:
            continue
        nxt = words[i + 1] if i + 1 < len(words) else None
        if nxt is not None and (is_cap(nxt.word) or nxt.word in NAME_PARTICLES) and \
                not layout.text[tok.end:nxt.start].strip():
            continue
        after = words[i + 2] if i + 2 < len(words) else None
        if nxt is not None and nxt.word in ("of", "for") and after is not None and (
                is_cap(after.word) or after.word == "the"):
            continue  # the name runs on: "Associated Society of Rail Operatives"
        ends.append(tok)
    return ends


def _scan_sentence(layout: Layout, sentence: Sentence, cast: Cast) -> None:
    text = layout.text
    words = [t for t in tokens(text, sentence.start, sentence.end)
             if layout.quote_at(t.start) is None]
    for end_tok in _run_ends(layout, words):
        phrase = phrase_before(text, sentence.start, end_tok.end)
        if phrase is None:
            continue
        mentions = analyse([t.word for t in phrase.words])
        subject = subject_position(text, sentence, phrase.start)
        for mention in mentions:
            _register(layout, sentence, cast, mention, phrase.start, end_tok.end, subject)


def _register(layout, sentence, cast: Cast, mention, start: int, end: int, subject: bool) -> None:
    text = layout.text
    if mention.kind == "person":
        actor = cast.resolve(mention, start)
        if actor is not None and subject:
            cast.note(actor, start)
    elif mention.kind == "organization" and mention.name:
        prev = re.search(r"([a-z]+)\s+$", text[sentence.start:start])
        category = "company" if prev and prev.group(1) in _COMPANY_NOUNS else None
        acronym = _ACRONYM.match(text, end)
        cast.see_org(start, mention.name, category, acronym.group(1) if acronym else None)
        if subject:
            cast.note(cast.org(mention.name, category=category), start)
    elif mention.kind == "name" and mention.name:
        actor = cast.find(mention.name)
        if actor is not None and subject:
            cast.note(actor, start)
    elif mention.kind == "state" and mention.name and subject:
        cast.note(cast.side(mention.name), start)
