"""Propose a statement's stance from the words it is made of, and keep those words.

Cues are phrases read in the statement and in the few words that introduce it ("said he
*doubted*", "*expressed skepticism* about"). The stances, most telling first:
``conditional`` (yes, if…), ``skeptical`` (doubts a claim or a promise), ``opposes``
(condemns, rejects), ``supports`` (backs, agrees, sees progress). A negated support cue
("not agreed") counts for nothing. Precision first: when cues of two stances of equal
weight disagree, or nothing is telling, there is no stance — a wrong stance is worse than
none. ``neutral`` is never guessed: it is for a person to say.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: (stance, weight, pattern) — a pattern's match is the evidence shown to the user.
_CUES: tuple[tuple[str, int, str], ...] = (
    ("conditional", 3, r"as long as|provided that|on condition that|only if|unless|"
                       r"in exchange for|on the condition"),
    ("conditional", 2, r"requir(?:e|es|ed|ing)|must (?!not\b)(?:first )?\w+|"
                       r"conditions (?:were|are|was|is) not(?: yet)?(?: right| met)?|"
                       r"not yet (?:right|ready|possible)|depends on"),
    ("conditional", 1, r"if\b"),
    ("skeptical", 3, r"doubt(?:s|ed|ing|ful)?|skeptic(?:al|ism)|sceptic(?:al|ism)|"
                     r"not prepared to call|far from|not serious|not (?:withdraw\w*|"
                     r"retreat\w*|credible|genuine|convinced)|"
                     r"what \w+ says and (?:there is )?what \w+ does|"
                     r"(?:deeds|actions),? not (?:words|announcements)|"
                     r"remains? under threat|took \w+ by surprise|wary|unconvinced|"
                     r"question(?:s|ed)? whether|remains? to be seen|"
                     r"despite (?:\w+(?:'s|’s) )?(?:promise|pledge|assurance)s?|"
                     r"(?:do not|don't|cannot|can't|does not|doesn't) (?:believe|trust)|"
                     r"nothing (?:very )?promising|no breakthrough|"
                     r"(?:rather than|not) a (?:real |genuine )?(?:withdrawal|retreat)"),
    ("opposes", 3, r"condemn\w*|crimes? against|genocide|brutali[sz]\w*|atrocit\w*|"
                   r"war crimes?|reject\w*|oppos(?:e|es|ed|ing)\b|denounc\w*|"
                   r"destruction of|killed by|illegal\w*|unacceptable|outrage\w*|"
                   r"deplor\w*"),
    ("opposes", 2, r"strikes? on (?:residential|civilian)\w*|attacks? on civilians|"
                   r"humanitarian crisis|will not accept|refus\w*|against (?:the|any) \w+ "
                   r"(?:plan|deal|proposal)|shell(?:ing|ed) (?:of )?(?:the )?(?:city|areas|"
                   r"homes|civilians)|strik\w* (?:on )?(?:residential|civilian)\w*|"
                   r"(?:being|were|was|been) killed"),
    ("supports", 3, r"meaningful progress|progress|welcom\w*|agreed to|agrees to|"
                    r"support(?:s|ed|ing)? |back(?:s|ed|ing) the|endors\w*|"
                    r"more united than ever|political solution|"
                    r"(?:political|diplomatic) (?:and diplomatic )?means|"
                    r"decision was made to|(?:will|would) (?:\w+ )?(?:cut|reduce|ease)\b|"
                    r"remain(?:s|ed)? united|keep up (?:the )?(?:pressure|sanctions)|"
                    r"scal(?:e|es|ed|ing) (?:down|back)|we hope|hopeful|breakthrough|"
                    r"a historic step|committed to"),
)
_COMPILED = tuple((stance, weight, re.compile(rf"\b(?:{pattern})", re.I))
                  for stance, weight, pattern in _CUES)
_NEGATED = re.compile(r"\b(?:not|no|never|n't|nor)\s+(?:\w+\s+)?$", re.I)
_LEAD_CHARS = 60
#: The weight of cues a stance needs ("if" alone is not enough).
_ENOUGH = 2


@dataclass(frozen=True)
class StanceProposal:
    """A stance (None when unsure) and the words of the text that gave it."""

    stance: str | None
    evidence: tuple[str, ...] = ()


def propose_stance(text: str, lead: str = "") -> StanceProposal:
    """The stance of a statement ``text``, introduced by ``lead`` ("…said he")."""
    lead = lead[-_LEAD_CHARS:]
    scores: dict[str, int] = {}
    evidence: dict[str, list[str]] = {}
    for part in (lead, text):
        taken: list[tuple[int, int]] = []
        for stance, weight, pattern in _COMPILED:
            for match in pattern.finditer(part):
                if any(a < match.end() and match.start() < b for a, b in taken):
                    continue
                if stance == "supports" and _NEGATED.search(part[: match.start()][-20:]):
                    continue
                taken.append(match.span())
                words = match.group(0).strip()
                if words.lower() in (w.lower() for w in evidence.get(stance, [])):
                    continue
                scores[stance] = scores.get(stance, 0) + weight
                evidence.setdefault(stance, []).append(words)
    if not scores or max(scores.values()) < _ENOUGH:
        return StanceProposal(None)
    ranked = sorted(scores.items(), key=lambda item: -item[1])
    best, top = ranked[0]
    if len(ranked) > 1 and ranked[1][1] == top and _rank(ranked[1][0]) < _rank(best):
        best = ranked[1][0]
    if len(ranked) > 1 and not _outranks(best, ranked, top):
        return StanceProposal(None)
    return StanceProposal(best, tuple(evidence[best]))


_ORDER = ("conditional", "skeptical", "opposes", "supports")


def _rank(stance: str) -> int:
    return _ORDER.index(stance)


def _outranks(best: str, ranked: list[tuple[str, int]], top: int) -> bool:
    """A mixed statement keeps the most telling stance only when it also weighs most,
    or when it qualifies the others (a condition or a doubt put on support)."""
    others = [(s, w) for s, w in ranked if s != best]
    if best in ("conditional", "skeptical"):
        return all(w <= top for _s, w in others)
    return all(w < top for _s, w in others)
