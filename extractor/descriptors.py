"""Words that describe a person without naming them: "the veteran said", "the 45-year-old
said" stand for the person last spoken of (:func:`extractor.cast.Cast.resolve`)."""

from __future__ import annotations

import re

from extractor.lexicon import TITLE_WORDS
from extractor.mention import Mention

FEMALE_DESCRIPTORS = frozenset({"woman", "mother", "grandmother", "actress", "daughter",
                                "wife", "widow", "girl", "sister"})
MALE_DESCRIPTORS = frozenset({"man", "father", "grandfather", "actor", "son", "husband",
                              "widower", "boy", "brother"})
DESCRIPTORS = FEMALE_DESCRIPTORS | MALE_DESCRIPTORS | frozenset({
    "year-old", "veteran", "teenager", "youngster", "singer", "star", "player", "striker",
    "midfielder", "defender", "goalkeeper", "billionaire", "tycoon", "entrepreneur",
    "survivor", "farmer", "student", "driver", "pilot", "nurse", "politician", "candidate",
    "nominee", "incumbent", "challenger", "rapper", "musician", "author", "writer",
    "novelist", "filmmaker", "athlete", "champion", "winner", "activist", "campaigner",
    "businessman", "businesswoman", "retiree", "pensioner", "mother-of-two",
    "father-of-two", "mother-of-three", "father-of-three", "owner", "parent", "teacher",
    "photographer", "witness", "fan", "supporter", "protester",
    "worker", "employee", "shopkeeper", "victim", "volunteer", "resident", "neighbour",
    "neighbor", "passenger", "relative", "villager", "rescuer", "bystander", "onlooker",
    "soldier", "firefighter", "paramedic", "medic", "trader", "vendor", "customer",
    "spectator", "mourner", "demonstrator", "eyewitness", "refugee", "migrant", "local"})
# a person named by whose relative they are: "the minister's son", "Ramesh's son Nitin"
RELATIVES = frozenset({"son", "daughter", "wife", "husband", "brother", "sister", "father",
                       "mother", "widow", "widower"})
_OWNER = re.compile(r"([a-z][a-z ]*?)['’]s")
_AGE = re.compile(r"\d+-year-old")
_NUMBERS = frozenset({"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"})
PARTIES = frozenset({"Republican", "Democratic", "Democrat", "Labour", "Conservative", "Liberal",
                     "Green", "Socialist", "Tory"})


def is_descriptor(word: str) -> bool:
    """Whether ``word`` (lower case) describes a person: "veteran", "45-year-old", or
    people: "survivors", "witnesses"."""
    return word in DESCRIPTORS or _AGE.fullmatch(word) is not None or (
        word.endswith("s") and (word[:-1] in DESCRIPTORS or word[:-2] in DESCRIPTORS))


def describe(words: list[str]) -> Mention | None:
    """"The 45-year-old", "the veteran", "the Democrat": a person described, not named
    ("a volunteer" is someone new, kept by the noun)."""
    if len(words) == 1 and words[0] in DESCRIPTORS:
        words = ["the", *words]  # "billionaire said", its article left out of the phrase
    if len(words) in (2, 3) and words[0].lower() in ("a", "an") and \
            all(w.islower() for w in words[1:]) and words[-1] in DESCRIPTORS:
        return Mention("role", name=" ".join(words[1:]))
    if len(words) < 2 or len(words) > 6 or words[0].lower() != "the":
        return None
    rest = [w.lower() for w in words[1:]]
    if len(rest) > 2 and rest[-2] == "of" and rest[-1] in _NUMBERS:
        rest = rest[:-2]  # "the mother of two"
    if len(rest) > 3:
        return None
    head = rest[-1]
    if re.fullmatch(r"\d+-year-old", head):
        head = "year-old"
    elif any(re.fullmatch(r"\d+-year-old", w) for w in rest) and all(w.islower() or
                                                                    w[0].isdigit() for w in rest):
        pass  # "the 52-year-old former judge": a person described, whatever the noun
    elif head not in DESCRIPTORS and not (len(rest) == 1 and words[-1] in PARTIES):
        return None
    gender = "f" if head in FEMALE_DESCRIPTORS else "m" if head in MALE_DESCRIPTORS else None
    owner = _OWNER.fullmatch(" ".join(rest[:-1]))
    if owner is not None and head in RELATIVES:  # "the minister's son": not the minister
        return Mention("descriptor", title=head, gender=gender,
                       owner=Mention("title", title=owner.group(1)))
    if any(not w.islower() or w in TITLE_WORDS - {"former"} for w in words[1:len(rest)]):
        return None  # "the Bedford company", "the foreign minister"
    return Mention("descriptor", title=head, gender=gender)
