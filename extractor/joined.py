"""One quotation across its attribution: ``"A," she said. "B."`` and ``"A," he said,
"B."`` are one direct statement, ``A B``, when only the attribution stands between the two
parts (the same speaker, the same paragraph, nothing else said in between).

A second saying verb or a new clause (``…, adding: "B"``, ``…, noting that "B"``, ``But he
added, "B"``, another sentence) keeps two statements: the writer set the second quotation
apart; so does the second quotation's own attribution (``"A," he noted. "B," Lukashevich
stressed.``). (Two saying verbs may stand in one attribution: ``he said, the sources told
Reuters``.) The fragments of one characterising clause (``denounced it as "A" that was
"B"``) are one statement too, ``A … B``.
"""

from __future__ import annotations

import re

from extractor.found import Found
from extractor.segment import Layout

FRAGMENT_GAP = " … "  # between the quoted fragments of one clause: words left out
_MAX_WORDS = 16  # words of an attribution between the two parts
_SAYING = re.compile(r"\b(?:said|says|say|told|tells|added|adds|wrote|writes|explained|"
                     r"continued|insisted|argued|stressed|warned|asked|replied|recalled)\b")
_NEW_CLAUSE = re.compile(r"[:;\"“”„«»]|\b(?:adding|noting|pointing|saying|speaking|that|but|But)\b")
_ABBREVIATION = re.compile(r"\b(?:[A-Z]\.)+|\b[A-Z][a-z]{0,3}\.")  # "U.S.", "Mr.", "Gov."
_CLOSE = re.compile(r"^[,.!?…—–-]?\s*[\"”»’']\s*[,—–-]?\s*")
_OPEN = re.compile(r"[,.]\s*[\"“„«‘']$")
# a quotation's own attribution after it: '…," Lukashevich stressed.'
_ATTRIBUTED_AFTER = re.compile(r"[,!?…—–-]\s*[\"”»’']\s*(?:[\w.'’-]+\s+){1,5}?" +
                               _SAYING.pattern + r"[^\"“”„«»]{0,60}?[.!?]")


def join_interrupted(lay: Layout, found: list[Found]) -> list[Found]:
    """``found`` (in text order) with each quotation interrupted by its attribution made
    one statement: the parts' words joined by a space, the span from first to last word."""
    joined: list[Found] = []
    for item in found:
        last = joined[-1] if joined else None
        if last is not None and item.how == "chain" and last.kind == "direct" and \
                last.actor is item.actor:  # "denounced it as "A" that was "B"": one clause
            joined[-1] = Found(last.actor, "direct", f"{last.text}{FRAGMENT_GAP}{item.text}",
                               (last.span[0], item.span[1]), last.when or item.when,
                               last.paragraph, last.how, last.stance)
        elif last is not None and _continues(lay, last, item):
            joined[-1] = Found(last.actor, "direct", f"{last.text} {item.text}",
                               (last.span[0], item.span[1]), last.when or item.when,
                               last.paragraph, last.how, last.stance)
        else:
            joined.append(item)
    return joined


def _continues(lay: Layout, first: Found, second: Found) -> bool:
    if first.kind != "direct" or second.kind != "direct" or first.actor is not second.actor:
        return False
    if second.span[0] <= first.span[1]:
        return False
    gap = lay.text[first.span[1]:second.span[0]]
    if "\n" in gap:
        return False
    close = _CLOSE.match(gap)
    opening = _OPEN.search(gap)
    if close is None or opening is None or close.end() > opening.start():
        return False
    middle = gap[close.end():opening.start()]
    if middle.startswith(("and ", "then ")):
        return False  # 'called them "A" and said, "B"': a second verb, a second statement
    if _ATTRIBUTED_AFTER.match(lay.text, second.span[1]):
        return False  # '"A," he noted. "B," Lukashevich stressed.': B has its own
    return (len(middle.split()) <= _MAX_WORDS and len(_SAYING.findall(middle)) in (1, 2)
            and _NEW_CLAUSE.search(middle) is None and "." not in _ABBREVIATION.sub("", middle))
