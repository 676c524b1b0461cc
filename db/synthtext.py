"""The words of synthetic stores: names, places, topics, quotations and labels.

Everything is drawn from the generators passed in, so the same seed gives the same text.
"""

from __future__ import annotations

import random

import numpy as np

TOPICS = (
    ("Ceasefire", "Terms and monitoring of a halt to hostilities"),
    ("Sanctions", "Economic measures against states and persons"),
    ("Grain exports", "Shipping corridors for food"),
    ("Energy prices", "Gas, oil and electricity markets"),
    ("Climate finance", "Money for adaptation and mitigation"),
    ("Trade tariffs", "Duties on imports and exports"),
    ("Refugees", "Protection and resettlement of displaced people"),
    ("Nuclear safety", "Power plants in contested areas"),
    ("Elections", "Votes, observers and results"),
    ("Rail strike", "Pay and conditions of rail workers"),
    ("Prisoner exchange", "Release and swap of detainees"),
)
def _split(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_SYLLABLES = _split(
    "ka ri to mar vel an dor sel ur ba no vi len ost gra mi tal ser for ham bel ru en dal kor "
    "ve sto lin ar ni pa zo"
)
_FIRST = _split(
    "Anna Boris Carla Dmitri Elena Farid Greta Hamid Irina Jonas Katya Lars Mira Nikos Olga "
    "Pavel Qadir Rosa Sergei Tamar Umar Vera Walid Xenia Yusuf Zora Ahmet Bianca Chen Dora Emil "
    "Fatima"
)
_ORG_KINDS = (
    "Ministry of Foreign Affairs",
    "Ministry of Defence",
    "Ministry of Energy",
    "Central Bank",
    "Parliament",
    "Presidential Office",
    "Union",
    "Council",
)
_ROLES_SIDE = ("state", "state", "state", "organization", "group")
_TITLES = (
    "Foreign Minister",
    "President",
    "Spokesperson",
    "Prime Minister",
    "Envoy",
    "Defence Minister",
    "Secretary-General",
    "Chair",
    "Negotiator",
    "Ambassador",
)
_OUTLETS = (
    "Daily Ledger",
    "Morning Wire",
    "Global Courier",
    "The Observer Post",
    "Evening Standard-Tribune",
    "Harbour News",
    "Capital Times",
    "Radio Meridian",
)
_CITIES = (
    "Istanbul",
    "Geneva",
    "Vienna",
    "Doha",
    "Minsk",
    "Brussels",
    "Nairobi",
    "Oslo",
    "Warsaw",
    "Ankara",
    "Cairo",
    "Helsinki",
    "Lisbon",
    "Baku",
    "Tbilisi",
    "Riga",
)
_EVENT_NOUNS = (
    "talks",
    "summit",
    "meeting",
    "strike",
    "vote",
    "visit",
    "agreement",
    "conference",
    "deadline",
    "ceasefire",
    "announcement",
    "hearing",
    "protest",
    "exchange",
    "inspection",
    "sanctions package",
)
_EVENT_VERBS = (
    "opens",
    "ends",
    "resumes",
    "collapses",
    "is postponed",
    "begins",
    "is announced",
    "concludes",
    "stalls",
    "is signed",
)
# Common words first: word frequencies follow a Zipf law over this list.
_WORDS = _split(
    "the of and to in a that is for we on will with not this be are it our as by have all at "
    "from they has an but must there no more which been their its would can people government "
    "talks agreement country peace ceasefire security war support sanctions troops border "
    "minister president negotiations progress proposal position international partners today "
    "week years talks energy gas prices grain ports ships corridor exports farmers climate "
    "finance fund emissions target tariffs trade market refugees camps children aid "
    "humanitarian nuclear plant safety inspectors election vote observers results strike "
    "workers pay union rail prisoners exchange release detainees clear ready serious important "
    "difficult possible necessary constructive unacceptable continue discuss reject welcome "
    "demand expect believe hope ensure guarantee propose withdraw reduce increase protect "
    "respect violate respond consider agree oppose again now soon never already only also still "
    "very further together step process meeting summit delegation statement decision plan "
    "framework deal terms conditions guarantees neutrality sovereignty territory region capital "
    "city north south east west military economic political diplomatic historic first last next "
    "new long short dialogue pressure responsibility interests future stability crisis solution "
    "question answer signal message partners allies neighbours community citizens families "
    "victims courts justice law rights freedom democracy budget billion million percent month"
)


def _names(rng: random.Random, count: int, make) -> list[str]:
    seen: set[str] = set()
    names: list[str] = []
    while len(names) < count:
        name = make(rng)
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(parts)).capitalize()


#: Distinct quotations written per store; statements pick among them (writing one per
#: statement took most of the time of a large store).
QUOTE_POOL = 50_000


def _quote_pool(npr: np.random.Generator, count: int) -> tuple[np.ndarray, np.ndarray]:
    """``count`` quotations of realistic length (Zipf-distributed words), as direct
    quotations and as reported speech."""
    zipf = 1.0 / np.arange(1, len(_WORDS) + 1) ** 0.8
    n_words = np.clip(npr.lognormal(3.0, 0.45, count), 9, 62).astype(np.int64)
    bounds = np.concatenate(([0], np.cumsum(n_words)))
    words = np.array(_WORDS, dtype=object)[
        npr.choice(len(_WORDS), size=int(bounds[-1]), p=zipf / zipf.sum())
    ].tolist()
    pools = [np.empty(count, dtype=object), np.empty(count, dtype=object)]
    for i in range(count):
        chosen = words[bounds[i] : bounds[i + 1]]
        pools[0][i] = _quote(chosen, True)
        pools[1][i] = _quote(chosen, False)
    return pools[0], pools[1]


def _quote(words: list[str], direct: bool) -> str:
    text = " ".join(words)
    if len(text) > 400:
        text = text[:400].rsplit(" ", 1)[0]
    while len(text) < 60:
        text += " and we will not accept anything less"
    if not direct:
        text = ("they said that " + text)[:400].rsplit(" ", 1)[0]
    return text[0].upper() + text[1:] + "."
