"""Content words of a text, for matching statements to topics and naming topics.

Words are lower-cased and lightly stemmed ("corridors" → "corridor", "withdrawing" →
"withdraw") so that the forms of one word count as one; stop words, reporting verbs and
words that say nothing about a subject ("said", "Tuesday", "percent") are left out.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable


def word_set(text: str) -> frozenset[str]:
    """The words of a block of text written one after another, as a set."""
    return frozenset(text.split())


_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")

STOP = word_set("""
a about above across after again against all almost also although always am among an and
another any anyone anything are around as at away back be became because become been before
being below between both but by can cannot could did do does doing done down during each
either else even ever every few for from further get gets getting go goes going gone got had
has have having he her here hers herself him himself his how however i if in into is it its
itself just last least less let like made make many may me might more most much must my
myself near neither never no nor not now of off often on once one only or other others our
ours ourselves out over own per perhaps quite rather really same shall she should since so
some something still such than that the their theirs them themselves then there these they
this those though through thus to too toward towards under until up upon us very via was we
well were what whatever when where whether which while who whom whose why will with within
without would yet you your yours yourself
said say says saying told tell tells added adding according asked stated statement
statements spoke speaking speak speaks reporter reporters news press conference interview
wrote written posted post update latest mr mrs ms dr
monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow
january february march april may june july august september october november december
week weeks month months year years day days time times
percent per cent number numbers lot lots thing things way ways part
first second third new old many much another including include includes
""")

_CONTRACTION = re.compile(r"'(?:s|re|ll|ve|d|m)$|n't$")
_IRREGULAR = {"countries": "country", "talks": "talk", "news": "news", "was": "was",
              "has": "has", "this": "this", "civilians": "civilian", "means": "mean"}


def stem(word: str) -> str:
    """A light stem: plural, -ing, -ed and -al endings off ("guarantees" → "guarante")."""
    word = word.lower().replace("’", "'").removesuffix("'s").replace("'", "")
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""),
                         ("al", ""), ("e", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4 and not word.endswith("ss"):
            return word[: len(word) - len(suffix)] + keep
    return word


#: Words that speak of one subject in news of conflict and diplomacy, by subject: a
#: statement on "repositioning" and one on "scaling down" share the subject "forces".
CONCEPTS: dict[str, tuple[str, ...]] = {
    "forces": ("withdraw", "withdrawal", "retreat", "reposition", "scale", "scaling", "reduce",
               "pull", "troops", "forces", "operations", "military", "offensive", "advance",
               "deescalate", "de-escalate", "counterattack", "counterattacks", "moving", "units",
               "moved", "movement"),
    "violence": ("killed", "kill", "civilian", "civilians", "shelling", "strike", "strikes",
                 "attack", "attacks", "bombing", "genocide", "destruction", "brutalization",
                 "crime", "crimes", "atrocities", "casualties", "residential", "assault",
                 "massacre", "missile", "missiles", "wounded", "dead"),
    "negotiation": ("talks", "negotiation", "negotiations", "negotiator", "progress", "deal",
                    "agreement", "settlement", "solution", "diplomacy", "diplomatic",
                    "ceasefire", "truce", "seriousness", "mediator", "mediation", "breakthrough",
                    "promising", "round"),
    "pledge": ("promise", "promised", "pledge", "pledged", "words", "deeds", "actions",
               "announcement", "believe", "trust", "judge", "says", "does"),
    "relief": ("corridor", "corridors", "evacuate", "evacuation", "humanitarian", "aid",
               "escape", "trapped", "refugees", "convoy", "supplies"),
    "alliance": ("nato", "allies", "ally", "united", "unity", "west", "western", "sanctions",
                 "resolve", "guard", "cohesion", "cohesiveness", "solidarity"),
    "status": ("neutral", "neutrality", "alliances", "membership", "join", "nonaligned",
               "non-aligned", "bloc"),
    "guarantees": ("guarantee", "guarantees", "guarantor", "guarantors", "treaty", "protect",
                   "protecting", "protection", "defend"),
    "territory": ("crimea", "donbas", "donbass", "regions", "region", "annexed", "annex",
                  "separatists", "separatist", "referendum", "territory", "territorial",
                  "border", "borders", "occupied"),
}
#: How a person would name a topic on each subject.
CONCEPT_NAMES = {
    "forces": "Military activity", "violence": "Attacks on civilians",
    "negotiation": "Talks and settlement", "relief": "Humanitarian relief",
    "alliance": "Western unity", "status": "Neutrality", "guarantees": "Security guarantees",
    "territory": "Territory", "pledge": "Promises and deeds",
}
_CONCEPT_OF = {word: f"@{name}" for name, members in CONCEPTS.items() for word in members}


def concepts(text: str) -> list[str]:
    """The subjects (``@forces``…) the words of ``text`` speak of, once per word."""
    return [_CONCEPT_OF[w.lower()] for w in words(text) if w.lower() in _CONCEPT_OF]


def words(text: str) -> list[str]:
    """The words of ``text`` as written (letters only), in order."""
    return _WORD.findall(unicodedata.normalize("NFKC", text))


def content(text: str, drop: Iterable[str] = ()) -> list[str]:
    """Stems of the content words of ``text``, in order; ``drop`` are stems to leave out."""
    dropped = set(drop)
    result = []
    for word in words(text):
        low = _CONTRACTION.sub("", word.lower().replace("’", "'"))
        if len(low) < 3 or low in STOP:
            continue
        token = stem(low)
        if token not in dropped:
            result.append(token)
    return result


def name_stems(names: Iterable[str]) -> set[str]:
    """Stems of every word of some names (speakers' names are no topic)."""
    return {stem(w) for name in names for w in words(name) if w.lower() not in STOP}
