"""Who a speaker phrase names: a person with a title and a side, an organisation, a state,
a pronoun ("he") or a definite description ("the union"), before it is matched to an actor.

:func:`analyse` reads a phrase into :class:`Mention` records (two for "A and B").
"""

from __future__ import annotations

import functools
import re

from extractor.descriptors import DESCRIPTORS, PARTIES, describe, is_descriptor
from extractor.lexicon import (
    FEMALE_WORDS,
    HONORIFICS,
    INSTITUTIONS,
    MALE_WORDS,
    NAME_PARTICLES,
    ORG_HEADS,
    ORG_NOUNS,
    PEOPLE_NOUNS,
    PRONOUNS,
    SIDE_ADJECTIVES,
    SIDE_KINDS,
    SIDE_NAMES,
    TITLE_WORDS,
)
from extractor.mention import Mention
from extractor.phrases import (
    _OWNER_PRONOUNS,
    _POSSESSIVE,
    Phrase,
    _person_like,
    is_cap,
    org_like,
    person_like,
    phrase_after,
    phrase_before,
)

__all__ = ["Mention", "Phrase", "analyse", "is_cap", "org_like", "person_like", "phrase_after",
           "phrase_before"]

# "The Dutchman rued that …": the person last spoken of
_DEMONYM_PEOPLE = frozenset(f"{n}{g}" for n in ("Dutch", "French", "English", "Irish", "Scots",
                                                "Welsh") for g in ("man", "woman"))
# titles of the one person at the head of a body ("the head of X"), unlike "a spokesman for X"
_HOLDERS = frozenset({"head", "chief", "president", "chairman", "chairwoman", "chair",
                      "director", "director-general", "secretary-general", "leader", "governor",
                      "mayor", "ceo", "commissioner", "chancellor"})
_REGNAL = frozenset({"Prince", "Princess", "King", "Queen", "Pope", "Sheikh", "Emir"})
_STYLES = frozenset({"Hon", "Honourable", "Honorable", "Rt"})  # "Hon. Simon Osei Mensah"
_PLACE_NOUNS = frozenset({"Islands", "Island", "Republic", "Kingdom", "Emirates", "States",
                         "Territories", "Territory", "Province", "County", "City", "Valley"})
_COUNTS = {"the", "a", "an", "some", "several", "many", "two", "three", "four", "five", "few",
           "both", "other", "more", "most", "all"}
_BODIES = {"companies", "firms", "unions", "groups", "organisations", "organizations",
           "charities", "people", "sides", "parties"}
_RULINGS = ("ruling", "judgment", "judgement", "verdict", "opinion", "order")
_SPEAKING_FOR_OWNER = {"office", "spokesman", "spokeswoman", "spokesperson", "lawyers",
                       "lawyer", "attorneys", "aides", "team", "campaign", "delegation",
                       "representatives", "camp", "statement", "press"}


# "PM Modi", "FM Cho", "MLA Jatav": a title in capitals, not an organisation's initials
_TITLE_ABBREVIATIONS = {"PM", "FM", "CM", "DPM", "EAM", "MLA", "MLC", "MEP", "MPP", "MNA"}


def _category(word: str) -> str:
    low = word.lower()
    if word in HONORIFICS:
        return "honorific"
    if low in TITLE_WORDS or word in _TITLE_ABBREVIATIONS:
        return "title"
    if low in ("of", "for", "and", "at", "from", "in"):
        return "link"
    if low in ("the", "a", "an"):
        return "det"
    if low in ORG_NOUNS:
        return "cap" if is_cap(word) else "orgnoun"
    if low in PEOPLE_NOUNS or (low.endswith("ists") and len(low) > 6) or (
            is_descriptor(low) and low not in DESCRIPTORS):
        return "people"  # "officials", "volunteers": people unnamed
    if word in SIDE_ADJECTIVES:
        return "side"
    if is_cap(word) or word.lower() in NAME_PARTICLES:
        return "cap"
    return "other"


def analyse(words: list[str], description: list[str] | None = None,
            appositive: str | None = None) -> list[Mention]:
    """Read a speaker phrase; the description is a title phrase set off by commas.

    The mentions are shared between calls with the same words (until :func:`forget`): read
    them, never change them.
    """
    return list(_analysed(tuple(words), tuple(description or ()), appositive))


@functools.lru_cache(maxsize=4096)
def _analysed(words: tuple[str, ...], description: tuple[str, ...],
              appositive: str | None) -> tuple[Mention, ...]:
    return tuple(_analyse(list(words), list(description) or None, appositive))


def _plural_demonym(words: list[str]) -> bool:
    """"Americans", "the Germans" (lower-case words after): a people, not a body."""
    start = 1 if words[0].lower() == "the" else 0
    first = words[start] if start < len(words) else ""
    return first.endswith("s") and first[:-1] in SIDE_ADJECTIVES and \
        not any(w[:1].isupper() for w in words[start + 1:])


def forget() -> None:
    """Drop the phrases read so far (each article starts afresh, so timings are honest)."""
    _analysed.cache_clear()


def _analyse(words: list[str], description: list[str] | None = None,
             appositive: str | None = None) -> list[Mention]:
    if not words:
        return []
    if len(words) == 1 and words[0].lower() in PRONOUNS:
        return [Mention("pronoun", name=words[0].lower())]
    if len(words) > 1 and words[0] == "One" and words[1][:1].islower():
        words = ["one", *words[1:]]  # "One official said" as "one resident said" (no side)
    if [w.lower() for w in words] in (["the", "statement"], ["statement"]) or \
            [w.lower() for w in words] in (["the", d] for d in _RULINGS):
        return [Mention("anaphor", anaphor="statement")]  # its issuer ("the ruling said")
    lowered = [w.lower() for w in words[:3]]
    if lowered[:2] in (["a", "statement"], ["the", "statement"]) and lowered[2:] == ["from"]:
        words = words[3:]  # "A statement from Major General X": X
    if words[-1] in _DEMONYM_PEOPLE and all(w.lower() in ("the", "a") for w in words[:-1]):
        return [Mention("pronoun", name="she" if words[-1].endswith("woman") else "he")]
    if len(words) > 2 and [w.lower() for w in words[:2]] == ["one", "of"] and (
            is_descriptor(words[-1].lower()) or words[-1].lower() in PEOPLE_NOUNS):
        # "said one of the photographers": someone unnamed, kept by the phrase
        return [Mention("role", name=" ".join(w.lower() if i == 0 else w
                                              for i, w in enumerate(words)))]
    descriptor = describe(words)
    if descriptor is not None:
        return [descriptor]
    if _plural_demonym(words):
        return [Mention("people")]  # "Americans go to the polls": people, no body
    if "and" in words and not description:
        split = _coordinated(words)
        if split:
            return split
    mention = _analyse_one(words)
    if mention.kind == "title" and words[0].lower() in ("a", "an") and not description:
        # "a UN mission spokesperson said": someone unnamed, not the last spokesman named
        return [Mention("role", name=_role_name(words[1:]), side=mention.side,
                        gender=mention.gender)]
    if description:
        desc = _analyse_one(description)
        mention.title = mention.title or desc.title
        mention.side = mention.side or (
            desc.name if desc.kind in ("organization", "state", "name") else desc.side)
        mention.owner = mention.owner or desc.owner
        mention.gender = mention.gender or desc.gender
        if desc.kind == "anaphor" and not mention.owner:
            mention.owner = desc
    if appositive and mention.kind in ("person", "name"):
        _read_appositive(mention, appositive)
    return [mention]


def _coordinated(words: list[str]) -> list[Mention]:
    i = words.index("and")
    left, right = _analyse_one(words[:i]), _analyse_one(words[i + 1:])
    good = ("person", "state")
    if left.kind in good and right.kind in good:
        return [left, right]
    return []


def _read_appositive(mention: Mention, text: str) -> None:
    text = re.split(r"\b(?:who|which|that|whose|where)\b", text, maxsplit=1)[0]
    words = re.findall(r"[^\W_]+(?:[’'\-][^\W_]+)*", text)
    if words and words[0].lower() in ("who", "which", "whose", "for"):
        return
    if words and words[0].isdigit():
        return
    desc = _analyse_one(words)
    if not mention.title and desc.title:
        mention.title = desc.title
    if not mention.side:
        mention.side = desc.name if desc.kind in ("organization", "state") else desc.side
    if not mention.owner and desc.owner:
        mention.owner = desc.owner
    mention.gender = mention.gender or desc.gender


def _analyse_one(words: list[str]) -> Mention:
    words = list(words)
    gender = None
    while words and (words[0].lower() in ("the", "a", "an") or words[0] in HONORIFICS
                     or words[0] in _STYLES or words[0].capitalize() in HONORIFICS):
        gender = HONORIFICS.get(words[0].capitalize(), gender)  # "MR. KIRBY:" too
        words.pop(0)
    lowered = {w.lower() for w in words}
    if lowered & FEMALE_WORDS:
        gender = "f"
    elif lowered & MALE_WORDS:
        gender = gender or "m"
    if not words:
        return Mention("none")
    owner = None
    for i, word in enumerate(words[:-1]):
        match = _POSSESSIVE.match(word)
        if match or word.lower() in _OWNER_PRONOUNS:
            base = match.group("base") if match else word.lower()
            owner_words = [*words[:i], base]
            owner = _owner(owner_words)
            rest = words[i + 1:]
            if is_cap(word) and rest and all(is_cap(w) for w in rest) and org_like(rest) \
                    and not _person_like(rest):
                if owner.kind == "state" and owner.name and len(rest) > 1:
                    # "Ireland's Data Protection Commission": the body, on its state's side
                    return Mention("organization", name=" ".join(rest), side=owner.name)
                return Mention("organization", name=" ".join(words[:i + 1] + rest))
            if all(w.lower() in _SPEAKING_FOR_OWNER for w in rest):
                owner.gender = owner.gender
                return owner
            words = rest
            break
    mention = _linear(words)
    mention.gender = mention.gender or gender
    if owner is not None and not mention.owner:
        mention.owner = owner
    return mention


def _owner(words: list[str]) -> Mention:
    if len(words) == 1 and words[0].lower() in _OWNER_PRONOUNS:
        return Mention("pronoun", name={"its": "it", "their": "they", "his": "he",
                                        "her": "she"}[words[0].lower()])
    return _analyse_one(words)


def _proper_org(words: list[str]) -> bool:
    """``Centre for Transport Economics``: capitalised words and connectors, one an org head."""
    if len(words) < 2 or not is_cap(words[0]) or not is_cap(words[-1]):
        return False
    if len(words) > 3 and _person_like(words[-2:]) and words[-3] not in ("of", "for") and any(
            w in ORG_HEADS or w.lower() in TITLE_WORDS for w in words[:-2]):
        return False  # "Senate Minority Whip John Thune": a person after the body or title
    if not all(is_cap(w) or w in ("of", "for", "and", "the", "de") for w in words):
        return False
    first_link = next((i for i, w in enumerate(words) if not is_cap(w)), len(words))
    if _person_like(words[:first_link]) or words[0] in SIDE_ADJECTIVES or \
            words[-1] in SIDE_ADJECTIVES:
        return False
    return any(w in ORG_HEADS for w in words)


def _body_title_name(words: list[str]) -> Mention | None:
    """"Bank of England Governor Andrew Bailey": the person, titled, on the body's side."""
    if "of" not in words and "for" not in words:
        return None
    for size in (2, 3):
        t = len(words) - size
        if t < 4 or not _person_like(words[t:]) or not is_cap(words[t - 1]) or \
                words[t - 1].lower() not in TITLE_WORDS:
            continue
        k = t - 1
        while k > 0 and is_cap(words[k - 1]) and words[k - 1].lower() in TITLE_WORDS:
            k -= 1
        if words[k - 1] in ("of", "for", "and", "the"):
            continue
        body = _linear(words[:k])
        if body.kind in ("organization", "state") and body.name:
            return Mention("person", name=" ".join(words[t:]), title=" ".join(words[k:t]),
                           side=body.name)
    return None


def _linear(words: list[str]) -> Mention:
    person = _body_title_name(words)
    if person is not None:
        return person
    if len(words) > 3 and words[1] == "of" and words[0].endswith("s") and is_cap(words[0]):
        rest = words[3:] if words[2] == "the" else words[2:]
        if _proper_org(rest) or org_like(rest):
            words = rest  # "Members of the Associated Society of Rail Operatives"
    if _proper_org(words):
        name = " ".join(words)
        return Mention(SIDE_KINDS.get(SIDE_NAMES.get(name, name), "organization"),
                       name=SIDE_NAMES.get(name, name))
    cats = [_category(w) for w in words]
    # "Andres Vaher of Tartu University", "Analysts at Nordea Markets", "spokesperson for the EC"
    for i, word in enumerate(words):
        if cats[i] == "link" and word.lower() != "and" and 0 < i < len(words) - 1:
            head, tail = words[:i], words[i + 1:]
            if cats[i - 1] == "title" and cats[i + 1] in ("title",):
                continue
            affiliation = _linear([w for w in tail if w.lower() not in ("the", "a", "an")])
            if affiliation.kind in ("person", "name") and word.lower() == "in":
                body = _linear(head)
                if body.kind == "anaphor" or (body.kind == "organization" and
                                              any(w.lower() in ORG_NOUNS for w in head)):
                    return body  # "the Palestinian health ministry in Gaza": the ministry
                continue
            first = _linear(head)
            if first.kind in ("person", "name"):
                first.side = first.side or _side_name(affiliation)
                return first
            if first.kind in ("none", "people", "role", "title") and affiliation.kind in (
                    "organization", "state", "name", "anaphor"):
                if first.title and first.title.split()[-1].lower() in _HOLDERS and \
                        affiliation.kind != "anaphor" and affiliation.name:
                    # "the head of the river board": a role its holder may fill
                    return Mention("title", title=first.title, side=affiliation.name)
                if first.title:
                    affiliation.title = None
                    affiliation.category = "voice"  # a person speaking for it: "he" later
                return affiliation
            if first.kind == "organization" and word.lower() in ("in", "of"):
                first.side = first.side or affiliation.side or _side_name(affiliation)
                if word.lower() == "of":
                    first.name = " ".join(words)
                return first
    return _plain(words, cats)


def _side_name(mention: Mention) -> str | None:
    if mention.kind in ("organization", "state", "name"):
        return mention.name
    if mention.kind == "anaphor":
        return None
    return mention.side


def _plain(words: list[str], cats: list[str]) -> Mention:
    gender = None
    for word, cat in zip(words, cats, strict=True):
        if cat == "honorific":
            gender = gender or HONORIFICS[word]
    kept = [(w, c) for w, c in zip(words, cats, strict=True) if c != "honorific"]
    words, cats = [w for w, _ in kept], [c for _, c in kept]
    if len(words) >= 3 and (words[0].lower() in DESCRIPTORS or words[0] in PARTIES) and \
            all(c == "cap" for c in cats[1:3]) and _person_like(words[1:]):
        cats = ["other", *cats[1:]]  # "Singer Ana Vela", "Republican John Smith": a person
    mention = _plain_words(words, cats)
    mention.gender = mention.gender or gender
    return mention


def _plain_words(words: list[str], cats: list[str]) -> Mention:
    if not words:
        return Mention("none")
    joined = " ".join(words)
    if joined in SIDE_NAMES:
        name = SIDE_NAMES[joined]
        return Mention(SIDE_KINDS.get(name, "organization"), name=name)
    side = None
    institution = None
    i = 0
    while i < len(words) and cats[i] in ("side", "cap") and i < len(words) - 1:
        pair = " ".join(words[i:i + 2])
        if pair in SIDE_NAMES and i + 2 < len(words):
            side = side or SIDE_NAMES[pair]
            institution = pair if pair in INSTITUTIONS else institution
            i += 2
            continue
        if cats[i] == "side":
            side = side or SIDE_ADJECTIVES[words[i]]
            i += 1
            continue
        if words[i] in SIDE_NAMES and SIDE_KINDS.get(SIDE_NAMES[words[i]]) is not None:
            side = side or SIDE_NAMES[words[i]]
            institution = words[i] if words[i] in INSTITUTIONS else institution
            i += 1
            continue
        break
    rest, rest_cats = words[i:], cats[i:]
    # trailing name: capitalised words after the last title word
    j = len(rest)
    while j > 0 and rest_cats[j - 1] == "cap":
        j -= 1
    j = _name_start(rest, j)
    name_words = rest[j:]
    front = rest[:j]
    front_cats = rest_cats[:j]
    titled = [k for k, c in enumerate(front_cats) if c == "title"]
    # "Foreign Ministry spokesman": a body inside the title is part of it, no side
    qualifier = [w for k, (w, c) in enumerate(zip(front, front_cats, strict=True))
                 if (c == "cap" or (c == "side" and k + 1 < len(front)  # "European Parliament"
                                    and front_cats[k + 1] == "cap"))
                 and w not in PARTIES and not (titled and titled[0] < k < titled[-1])]
    if any(c == "orgnoun" for c in rest_cats) and not name_words:
        return _unnamed_org(words, rest, rest_cats, side)
    if any(c == "people" for c in rest_cats) and not name_words:
        if len(words) == 1 and words[0].lower() in _BODIES:
            return Mention("people")  # "the companies said": the bodies named before
        return Mention("role", name=_role_name(words), side=side)
    title = _title(front, front_cats, institution)
    if qualifier and not side:
        side = " ".join(qualifier)
    if not name_words and words[-1] in SIDE_NAMES and cats[-1] == "side":
        name = SIDE_NAMES[words[-1]]
        return Mention(SIDE_KINDS.get(name, "organization"), name=name, title=title)
    if not name_words:
        if title:
            return Mention("title", title=title, side=side)
        if side:
            return Mention(SIDE_KINDS.get(side, "organization"), name=side)
        return Mention("none")
    initialled = _initialled_person(name_words) or (title is not None and
                                                    _capital_initials(name_words))
    if org_like(name_words) and not initialled:
        k = j
        while k > 0 and is_cap(rest[k - 1]) and rest_cats[k - 1] in ("title", "cap"):
            k -= 1
        full = " ".join(rest[k:])
        if k == 0 and i > 0 and cats[i - 1] == "side":
            full = " ".join(words[i - 1:])  # "Russian Defense Ministry", "European Commission"
        name = SIDE_NAMES.get(full, full)
        kind = SIDE_KINDS.get(name, "organization")
        title = _title(rest[:k], rest_cats[:k], institution)
        return Mention(kind, name=name, side=side if side != name else None, title=title)
    joined = " ".join(name_words)
    if initialled:
        owner = None
        nouns = [w for w, c in zip(front, front_cats, strict=True) if c == "orgnoun"]
        if nouns and not side:
            owner = Mention("anaphor", anaphor=nouns[-1].lower())  # "council leader X"
        return Mention("person", name=joined, title=title, side=side, owner=owner)
    if joined in SIDE_NAMES:
        name = SIDE_NAMES[joined]
        return Mention(SIDE_KINDS.get(name, "organization"), name=name)
    if len(name_words) == 1 and front and front[-1] in _REGNAL:
        return _styled(front[-1], joined, title, side)
    if len(name_words) == 1 or (len(name_words) == 2 and name_words[0] in NAME_PARTICLES):
        return Mention("name", name=joined, title=title, side=side)  # "de Blasio said"
    return Mention("organization", name=joined, side=side, title=title)


def _initialled_person(words: list[str]) -> bool:
    """A person's name, perhaps with initials: "J. Todd Inman", "Donald J. Trump"."""
    kept = [w for w in words if not (len(w) == 1 and w.isupper())]
    if words and words[-1] in _PLACE_NOUNS:
        return False  # "Marshall Islands", "Dominican Republic": a place
    if len(kept) == 5 and any(w in NAME_PARTICLES for w in kept):
        # "Luiz Inacio Lula da Silva": a long name with a particle
        return _person_like(kept[:2]) and _person_like(kept[-3:])
    return _person_like(kept if len(kept) >= 2 else words)


def _capital_initials(words: list[str]) -> bool:
    """"AK Balan", "PC Chacko" after a title: initials written in capitals, then a name."""
    return len(words) == 2 and re.fullmatch(r"[A-Z]{2,3}", words[0]) is not None and \
        re.fullmatch(r"[A-Z][a-z]{2,}", words[1]) is not None


def _styled(style: str, name: str, title: str | None, side: str | None) -> Mention:
    """"Prince William", "Pope Francis": the style is part of the name."""
    side = None if side and side.split()[-1] == style else side
    return Mention("person", name=f"{style} {name}", title=title, side=side)


def _role_name(words: list[str]) -> str:
    """An unnamed speaker's role phrase, without article or count: "senior diplomats" for
    "Two senior diplomats"."""
    while len(words) > 1 and (words[0].lower() in _COUNTS or words[0].isdigit()):
        words = words[1:]
    return " ".join(words)


def _name_start(words: list[str], j: int) -> int:
    """Where a person's name starts in a run of capitalised words: after a body named
    before it ("Afghan Interior Ministry Salahuddin Ayubi"), or its last two words when the
    run is too long for a name ("Rajya Sabha Arun Jaitley")."""
    run = words[j:]
    if len(run) < 3 or any(w.lower() in NAME_PARTICLES or len(w) == 1 for w in run):
        return j
    suffix = 1 if run[-1] in ("Jr", "Sr", "II", "III") else 0
    for k in range(len(run) - 3 - suffix, -1, -1):
        if run[k] in ORG_HEADS and _person_like(run[k + 1:len(run) - suffix]):
            return j + k + 1
    if len(run) - suffix >= 4 and not org_like(run) and _person_like(run[-2 - suffix:]):
        return len(words) - 2 - suffix
    if len(run) - suffix == 3 and j > 0 and words[j - 1] in ("for", "of") and \
            _person_like(run[1:len(run) - suffix]):
        return j + 1  # "High Commissioner for Refugees Filippo Grandi": the body, the name
    return j


def _title(front: list[str], cats: list[str], institution: str | None) -> str | None:
    idx = [k for k, c in enumerate(cats) if c == "title" or front[k] in PARTIES]
    if not idx:
        return None
    words = front[idx[0]:idx[-1] + 1]
    title = " ".join(words)
    if institution:
        title = f"{institution} {title}"
    return title


def _unnamed_org(words: list[str], rest: list[str], cats: list[str], side: str | None) -> Mention:
    heads = [w for w, c in zip(rest, cats, strict=True) if c == "orgnoun"]
    head = heads[-1].lower()
    naming = [w for w, c in zip(rest, cats, strict=True) if c == "cap" and
              not w.lower().endswith("-based")]  # "the London-based company": the company
    if side is None and not naming:  # "the union"; "the electoral commission" if none is named
        return Mention("anaphor", anaphor=head,
                       name=" ".join(w for w in words if w.lower() not in ("the", "a", "an")))
    name = " ".join(w for w in words if w.lower() not in ("the", "a", "an"))
    return Mention("organization", name=name, side=side)
