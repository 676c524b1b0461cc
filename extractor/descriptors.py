"""Words that describe a person without naming them: "the veteran said", "the 45-year-old
said" stand for the person last spoken of (:func:`extractor.cast.Cast.resolve`)."""

from __future__ import annotations

import re

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
_AGE = re.compile(r"\d+-year-old")


def is_descriptor(word: str) -> bool:
    """Whether ``word`` (lower case) describes a person: "veteran", "45-year-old", or
    people: "survivors", "witnesses"."""
    return word in DESCRIPTORS or _AGE.fullmatch(word) is not None or (
        word.endswith("s") and (word[:-1] in DESCRIPTORS or word[:-2] in DESCRIPTORS))
