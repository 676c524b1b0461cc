"""Speaker phrases: the words next to a speech verb that name who speaks.

:func:`phrase_before` reads backwards from a verb (``Russian Deputy Defense Minister
Aleksandr Fomin told``), stepping over appositives in commas (``Name, a spokeswoman for X,
said``; ``the group's chief, Name, said``); :func:`phrase_after` reads forwards after an
inverted verb (``said Kirby``).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from extractor.descriptors import is_descriptor
from extractor.lexicon import (
    ABBREVIATIONS,
    HONORIFICS,
    NAME_PARTICLES,
    ORG_HEADS,
    ORG_NOUNS,
    ORG_STARTS,
    PEOPLE_NOUNS,
    PRONOUNS,
    SIDE_ADJECTIVES,
    SIDE_NAMES,
    STOP_CAPS,
    TITLE_CONNECTORS,
    TITLE_WORDS,
)
from extractor.segment import Token, tokens

_PARTICLE_NAME = re.compile(r"(?:al|el|ad|ash|as|ibn|bin|ben)-[A-Z]")
_POSSESSIVE = re.compile(r"^(?P<base>.+?)(?:['’]s|(?<=s)['’])$")
_OWNER_PRONOUNS = {"its", "their", "his", "her"}
_LINKS = {"of", "at", "from", "for", "in"}
_DESCRIPTIVE = re.compile(
    r"^(?:a|an|the|his|her|its|their|who|which|whose|for\s+(?:his|her|its|their)\s+part|"
    r"when\s+asked|asked|speaking|while|if|"
    r"\d+|[a-z]|(?:[A-Z][\w.'’-]*\s+){0,2}[A-Z][\w.'’-]*['’]s\s+[a-z])", re.UNICODE)
_MAX_PHRASE = 12
_SETTING_DETERMINERS = {"a", "an", "his", "her", "its", "their", "this"}
_DESCRIBED = 4  # lower-case words describing a person before their name after the verb
_GROUP_WORDS = re.compile(r"(?:^|[,;:]\s+|\n)(?P<words>(?:[a-z][\w'’-]*\s+){1,3})$")
_NOT_DESCRIBING = {"the", "a", "an", "and", "but", "or", "of", "in", "on", "at", "to", "for",
                   "by", "with", "from", "as", "while", "so", "then", "which", "who", "that",
                   "when", "where", "because", "if", "two", "three", "four", "several", "some",
                   "many", "most", "other", "others", "both", "all", "few", "more", "such",
                   "these", "those", "their", "its", "his", "her", "our", "also", "said", "say",
                   "though", "although", "whereas", "yet", "since", "unless", "nor"}
_WINDOW = 300  # characters looked back for a speaker phrase
# ", Maria Lund" after a role, perhaps after "of the body"
_NAME_AFTER_ROLE = re.compile(r"(?:\s+(?:of|for|at|in)\s[^,;.\"“”]{1,60}?)?\s*,\s*"
                              r"(?P<name>[^,;.\"“”]{1,60}?)\s*(?:,|[.;]\s|[.;]?$)")
_LIST_TAIL = re.compile(r",\s*(?:[A-Z][\w.'’-]*\s*){1,3}$")
# "the World Health Organization (WHO) said", "Maria Ortiz (D-Calif.) told": an aside in
# brackets between the speaker and the verb
_BRACKETED = re.compile(r"\s*\([^()\"“”\n]{1,40}\)\s*$")
# "officials familiar with the matter said", "diplomats briefed on its findings say",
# "economists polled by Reuters": the speakers, then words saying how they know
_POST_MODIFIER = re.compile(
    r"\s+(?:familiar\s+with|close\s+to|briefed\s+on|representing|involved\s+in|with\s+"
    r"(?:direct\s+)?knowledge\s+of|aware\s+of|(?:living|working)\s+(?:in|near|at|on)|"
    r"polled\s+by|surveyed\s+by|interviewed\s+by|(?:who|which)\s+(?:asked|spoke|declined|"
    r"requested)\b|speaking\s+on)[^,;:\"“”.()]{0,80}?\s*$")
_UNNAMED_HEADS = PEOPLE_NOUNS | TITLE_WORDS | ORG_NOUNS | {
    "official", "source", "diplomat", "person", "analyst", "economist", "resident", "lawyer",
    "attorney", "witness"}


@dataclass
class Phrase:
    """A speaker phrase: the words, and what stood beside it in commas."""

    start: int
    end: int
    words: list[Token]
    description: list[Token] = field(default_factory=list)
    appositive: str | None = None
    skipped: tuple[int, int] | None = None


def is_cap(word: str) -> bool:
    """A capitalised word, or a name with a lower-case particle ("al-Burhan")."""
    return bool(word) and (word[0].isupper() or (word[0] == "’" and len(word) > 1)
                           or _PARTICLE_NAME.match(word) is not None)


def _allowed(word: str) -> bool:
    low = word.lower()
    if is_cap(word):
        return word not in STOP_CAPS or word == "The"
    base = _POSSESSIVE.match(word)
    if base:
        low = base.group("base").lower()
    return (low in TITLE_WORDS or low in ORG_NOUNS or low in PEOPLE_NOUNS or low in _LINKS
            or is_descriptor(low)
            or low in TITLE_CONNECTORS or low in NAME_PARTICLES
            or low in ("the", "a", "an", "statement", "one", "ruling", "judgment", "judgement",
                       "verdict", "opinion", "order"))


def _gap_ok(text: str, left: Token, right_start: int) -> bool:
    gap = text[left.end:right_start]
    if not gap.strip():
        return bool(gap) or right_start == left.end
    return gap.strip() == "." and gap.endswith(" ") and (
        left.word in ABBREVIATIONS or (len(left.word) == 1 and left.word.isupper()))  # "J."


def _core_before(text: str, lo: int, end: int) -> list[Token]:
    toks = tokens(text, max(lo, end - _WINDOW), end)
    if not toks or text[toks[-1].end:end].strip():
        return []
    picked: list[Token] = []
    right = end
    for tok in reversed(toks):
        if len(picked) >= _MAX_PHRASE:
            break
        if not _gap_ok(text, tok, right):
            if picked and picked[-1].word in ("and", "or") and "," in text[tok.end:right] \
                    and _LIST_TAIL.search(text, lo, tok.end):
                return []  # the end of a list: "France, Germany, and Italy"
            if _name_list(text, lo, tok, right, picked):
                picked.append(tok)  # "Department for Environment, Food and Rural Affairs"
                right = tok.start
                continue
            break
        if tok.word.lower() in PRONOUNS and not picked:
            return [tok]
        if not _allowed(tok.word):
            if (tok.word.lower() in _OWNER_PRONOUNS and picked) or _role_adjective(tok, picked):
                picked.append(tok)
                right = tok.start
                if tok.word.lower() not in _OWNER_PRONOUNS:
                    continue
            break
        picked.append(tok)
        right = tok.start
    picked.reverse()
    while picked and picked[0].word.lower() in (_LINKS | {"and", "of"}):
        picked.pop(0)
    while picked and picked[-1].word.lower() in (_LINKS | {"and", "the", "a", "an"}):
        picked.pop()
    return picked


_ROLE_ADJECTIVE = re.compile(r"[a-z]+(?:al|ary)$")  # "electoral", "provincial", "military"
_BODY_MODIFIERS = frozenset({"statistics", "census", "audit", "competition", "antitrust", "tax",
                             "customs", "weather", "immigration", "aviation", "election",
                             "prosecution", "securities", "consumer", "privacy", "rescue",
                             "emergency", "disaster", "fire", "border", "coast", "planning",
                             "air", "police"})


def _role_adjective(tok: Token, picked: list[Token]) -> bool:
    """"the electoral commission", "provincial officials": an adjective before the noun of
    a body or a role."""
    if not picked:
        return False
    head = picked[-1].word.lower()
    if tok.word in _BODY_MODIFIERS:  # "the statistics office", "the competition authority"
        return head in ORG_NOUNS
    if not _ROLE_ADJECTIVE.fullmatch(tok.word):
        return False
    return head in ORG_NOUNS or head in PEOPLE_NOUNS or head in TITLE_WORDS


_NAME_LIST_HEAD = re.compile(r"\b[A-Z][\w'’-]+\s+(?:for|of)\s+(?:[A-Z][\w'’-]+,\s+)*$")


def _name_list(text: str, lo: int, tok: Token, right: int, picked: list[Token]) -> bool:
    """A comma inside a capitalised name that lists its fields: "…for Environment, Food and
    Rural Affairs" (only when the words after the comma are capitalised with an "and")."""
    if text[tok.end:right] != ", " or not tok.word[:1].isupper():
        return False
    words = [t.word for t in picked]
    if "and" not in words or not all(w == "and" or w[:1].isupper() for w in words):
        return False
    return bool(_NAME_LIST_HEAD.search(text[max(lo, tok.start - 80):tok.start]))


def phrase_before(text: str, lo: int, end: int) -> Phrase | None:
    """The speaker phrase ending at ``end`` (a verb's start), not reaching before ``lo``."""
    before = text[lo:end].rstrip()
    modified = _POST_MODIFIER.search(text, max(lo, end - 120), end)
    if modified is not None and modified.start() > lo:
        phrase = phrase_before(text, lo, modified.start())
        if phrase is not None and phrase.words[-1].word.lower() in _UNNAMED_HEADS:
            phrase.skipped = phrase.skipped or (modified.start(), modified.end())
            return phrase
    bracketed = _BRACKETED.search(text, max(lo, end - 60), end) if before.endswith(")") else None
    if bracketed is not None and bracketed.start() > lo:
        phrase = phrase_before(text, lo, bracketed.start())
        if phrase is not None and phrase.skipped is None:
            phrase.skipped = (bracketed.start(), bracketed.end())
        return phrase
    if before.endswith(("—", "–")) and before.count("—") + before.count("–") >= 2:
        # "Arne Dahl — counsel for the fishermen — said": dashes set off like commas
        local = text[:end].replace("—", ",").replace("–", ",")
        return _appositive_before(local, lo, lo + len(before) - 1, end)
    if before.endswith(" -") and before.count(" - ") + 1 >= 2:  # " - the chair - said"
        local = text[:end].replace(" - ", " , ")
        return _appositive_before(local, lo, lo + len(before) - 1, end)
    if before.endswith(","):
        return _appositive_before(text, lo, lo + len(before) - 1, end)
    words = _core_before(text, lo, end)
    if not words:
        return None
    return Phrase(words[0].start, words[-1].end, _described_group(text, lo, words))


def _described_group(text: str, lo: int, words: list[Token]) -> list[Token]:
    """``…, disaster management authorities said``: the lower-case words before an unnamed
    group, back to a comma or the sentence's start, are part of what it is called."""
    if len(words) != 1 or words[0].word not in PEOPLE_NOUNS:
        return words
    before = _GROUP_WORDS.search(text, max(lo, words[0].start - 60), words[0].start)
    if before is None or before.start("words") < lo:
        return words
    described = tokens(text, before.start("words"), before.end("words"))
    if any(t.word in _NOT_DESCRIBING or not t.word.isalpha() for t in described):
        return words
    return described + words


def _appositive_before(text: str, lo: int, comma: int, end: int) -> Phrase | None:
    """``Name, a spokeswoman for X, which …, said`` / ``the group's chief, Name, said``."""
    right = comma
    appositive = None
    for _ in range(4):
        opening = text.rfind(",", lo, right)
        seg_start = opening + 1 if opening >= 0 else lo
        inner = text[seg_start:right].strip()
        if not inner or any(c in inner for c in "\"“”;:"):
            return None
        inner_tokens = tokens(text, seg_start, right)
        if _person_like(_names_only([t.word for t in inner_tokens])):
            description = _core_before(text, lo, opening) if opening >= 0 else []
            first = description[0].start if description else inner_tokens[0].start
            return Phrase(inner_tokens[0].start, inner_tokens[-1].end, inner_tokens,
                          description, appositive=appositive, skipped=(first, comma + 1))
        tail = _name_tail(inner_tokens)
        if tail and len(tail) < len(inner_tokens):  # ", European Union official Enrique Mora,"
            return Phrase(tail[0].start, tail[-1].end, tail, inner_tokens[:-len(tail)],
                          appositive=appositive, skipped=(seg_start, comma + 1))
        if opening >= 0 and len(inner_tokens) <= 20 and (_DESCRIPTIVE.match(inner) or any(
                t.word.lower() in TITLE_WORDS for t in inner_tokens)):
            # "ISAF commander for the south", "Foreign Minister of Iran"
            if not inner.lower().startswith(("who", "which", "whose", "for ")):
                appositive = inner
            right = opening
            continue
        words = _core_before(text, lo, right)
        if not words or words[0].start > inner_tokens[0].start + 40:
            return None
        return Phrase(words[0].start, words[-1].end, words, appositive=appositive,
                      skipped=(right, comma + 1))
    return None


def _name_tail(words: list[Token]) -> list[Token]:
    """The person's name ending a role phrase ("European Union official Enrique Mora"),
    after a lower-case title word; else nothing."""
    for size in (3, 2):
        tail = words[-size:]
        if len(words) > size and words[-size - 1].word.lower() in TITLE_WORDS and \
                words[-size - 1].word.islower() and _person_like([t.word for t in tail]):
            return tail
    return []


def _names_only(words: list[str]) -> list[str]:
    while words and words[0] in HONORIFICS:
        words = words[1:]
    return words


def phrase_after(text: str, start: int, hi: int) -> Phrase | None:
    """The speaker phrase starting at ``start`` (after an inverted verb: ``said Kirby``)."""
    toks = tokens(text, start, min(hi, start + _WINDOW))
    if not toks or text[start:toks[0].start].strip():
        return None
    described = _described_name(text, toks)
    if described is not None:
        return described
    picked: list[Token] = []
    for index, tok in enumerate(toks):
        if picked and not _gap_ok(text, picked[-1], tok.start):
            break
        if picked and tok.word in ("in", "on", "at") and index + 1 < len(toks) and \
                toks[index + 1].word in _SETTING_DETERMINERS:
            break  # "said the union in a statement": where it spoke, not who
        if not picked and tok.word.lower() in PRONOUNS:
            return Phrase(tok.start, tok.end, [tok])
        if len(picked) >= _MAX_PHRASE or not _allowed(tok.word) or (
                picked and tok.word == "The"):
            break
        picked.append(tok)
    while picked and picked[-1].word.lower() in (_LINKS | {"and", "the", "a", "an"}):
        picked.pop()
    while picked and picked[0].word.lower() in (_LINKS | {"and"}):
        picked.pop(0)
    if not picked:
        return None
    phrase = Phrase(picked[0].start, picked[-1].end, picked)
    rest = text[picked[-1].end:hi]
    match = re.match(r"\s*,\s*([^,;.\"“”]{1,160}?)\s*(?:,|[.;]\s|[.;]?$)", rest)
    if match and _DESCRIPTIVE.match(match.group(1)):
        phrase.appositive = match.group(1)
        phrase.skipped = (picked[-1].end, picked[-1].end + match.end())
    else:
        named = _role_then_name(text, picked, rest)
        if named:  # "said the head of the board, Maria Lund": the name after the role
            return Phrase(named[0].start, named[-1].end, named, description=picked)
    return phrase


def _described_name(text: str, toks: list[Token]) -> Phrase | None:
    """``said student Jean Otaba, 28``, ``said 28-year-old nurse Ana Ruiz``: a few lower-case
    words describing the person, then their name."""
    for size in range(1, _DESCRIBED + 1):
        first = toks[size - 1].word[:1]
        if size >= len(toks) or not (first.islower() or first.isdigit()) or \
                toks[size - 1].word.lower() in TITLE_WORDS or \
                text[toks[size - 1].end:toks[size].start] not in (" ", "-"):
            return None
        name = toks[size:size + 3]
        while len(name) > 2 and not is_cap(name[-1].word):
            name = name[:-1]
        for length in (3, 2):
            run = name[:length]
            if len(run) == length and _person_like([t.word for t in run]) and \
                    all(_gap_ok(text, a, b.start) for a, b in itertools.pairwise(run)):
                return Phrase(run[0].start, run[-1].end, run, toks[:size])
    return None


def _role_then_name(text: str, picked: list[Token], rest: str) -> list[Token]:
    if any(is_cap(t.word) and t.word.lower() not in TITLE_WORDS for t in picked[1:]):
        return []
    match = _NAME_AFTER_ROLE.match(rest)
    if match is None:
        return []
    offset = picked[-1].end + match.start("name")
    named = tokens(text, offset, offset + len(match.group("name")))
    return named if _person_like([t.word for t in named]) else []


_INITIAL = re.compile(r"[A-Z]\.")


def _person_like(words: list[str]) -> bool:
    words = _names_only(words)
    if not 2 <= len(words) <= 4 or words[0] in ORG_STARTS:
        return False
    caps = 0
    for number, word in enumerate(words):
        if word.lower() in NAME_PARTICLES and caps:
            continue
        if caps and number < len(words) - 1 and _INITIAL.fullmatch(word):
            continue  # "Francis J. Ricciardone"
        if not is_cap(word) or word.isupper() or word in ORG_HEADS or word in STOP_CAPS:
            return False
        if word in SIDE_ADJECTIVES or word in SIDE_NAMES or word.lower() in TITLE_WORDS:
            return False
        caps += 1
    return caps >= 2


def person_like(words: list[str]) -> bool:
    """Whether ``words`` look like a person's name (``Aleksandr Fomin``)."""
    return _person_like(words)


def org_like(words: list[str]) -> bool:
    """Whether ``words`` look like an organisation's name (``Rail Delivery Group``)."""
    return any(w in ORG_HEADS for w in words) or (
        len(words) == 1 and len(words[0]) >= 2 and words[0].isupper() and words[0].isalpha())
