"""When two printed wordings are the same statement: the one home of that rule.

Wordings are compared as words: quotation marks, case and punctuation do not count.
Two wordings are the *same* when equal, when one contains the other (a fragment quoted
inside reported speech, a quotation cut short, parts joined by "…"), or when they are
near-identical; they are *variants* when they share much but differ materially.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata

#: Near-identical: the share of words two wordings have in common, in order.
SAME_RATIO = 0.9
#: Materially different versions of one statement still share this much.
VARIANT_RATIO = 0.6
#: Reported speech shifts tense and person ("will" → "would"): a wording this long whose
#: words stand, in order, in the other for this share of them is the same statement.
MIN_COVERED_WORDS = 6
COVERED = 0.8
#: Containment counts only for a part this long (in words): "the talks" is in everything.
MIN_CONTAINED_WORDS = 4
#: A quotation inside reported speech counts as the statement's words from this length.
MIN_QUOTED_WORDS = 5

_GAP = re.compile(r"\s*(?:…|\.\.\.|\[\s*\.\.\.\s*\]|\(\s*\.\.\.\s*\))\s*")
_QUOTED = re.compile(r"[\"“”„«»]([^\"“”„«»]+)[\"“”„«»]")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


@functools.lru_cache(maxsize=65_536)
def words(text: str) -> tuple[str, ...]:
    """The words of a wording, case-folded, without punctuation or accents' variants."""
    text = unicodedata.normalize("NFKC", text).replace("’", "'")
    return tuple(w.casefold() for w in _WORD.findall(text))


def _parts(text: str) -> list[tuple[str, ...]]:
    """The wording's pieces: split at "…", plus any quotation inside it (reported speech)."""
    pieces = [words(p) for p in _GAP.split(text)]
    pieces += [words(q) for q in _QUOTED.findall(text)]
    return [p for p in pieces if p]


def _contains(outer: tuple[str, ...], inner: tuple[str, ...]) -> bool:
    if not inner or len(inner) > len(outer):
        return False
    n = len(inner)
    first = inner[0]
    return any(
        outer[i] == first and outer[i : i + n] == inner for i in range(len(outer) - n + 1)
    )


def _share_enough(wa: tuple[str, ...], wb: tuple[str, ...]) -> bool:
    """A cheap test before the slow ones: every rule needs this many words in common."""
    a, b = set(wa), set(wb)
    return len(a & b) >= min(MIN_CONTAINED_WORDS, len(a), len(b))


def ratio(a: str, b: str) -> float:
    """How much two wordings share, word by word, in order (0 … 1)."""
    return difflib.SequenceMatcher(None, words(a), words(b), autojunk=False).ratio()


def quoted_in(fragment: str, text: str) -> bool:
    """Whether ``fragment`` is one of the quotations printed in marks inside ``text``
    (reported speech quoting a few words: ``Russia was "repositioning" its forces``)."""
    pieces = [words(p) for p in _GAP.split(fragment) if words(p)]  # "A … B": each quoted
    quoted = {words(q) for q in _QUOTED.findall(text)}
    return bool(pieces) and all(piece in quoted for piece in pieces)


def same_statement(a: str, b: str) -> bool:
    """True when two wordings print the same statement (see the module's rule)."""
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return False
    if wa == wb:
        return True
    if not _share_enough(wa, wb):
        return False
    for short, long_ in ((wa, wb), (wb, wa)):
        if len(short) >= MIN_CONTAINED_WORDS and _contains(long_, short):
            return True
    if quoted_in(a, b) or quoted_in(b, a):
        return True  # the fragment printed in marks inside the other: was "repositioning"
    for x, y in ((a, wb), (b, wa)):
        for part in _parts(x):
            if len(part) >= MIN_QUOTED_WORDS and part != words(x) and _contains(y, part):
                return True
            if len(y) >= MIN_CONTAINED_WORDS and _contains(part, y):
                return True
    if min(len(wa), len(wb)) >= MIN_CONTAINED_WORDS and ratio(a, b) >= SAME_RATIO:
        return True
    short, long_ = sorted((wa, wb), key=len)
    if len(short) < MIN_COVERED_WORDS:
        return False
    matcher = difflib.SequenceMatcher(None, short, long_, autojunk=False)
    covered = sum(block.size for block in matcher.get_matching_blocks())
    return covered >= COVERED * len(short)


def variant(a: str, b: str) -> bool:
    """True when two wordings are versions of one statement that differ materially."""
    wa, wb = words(a), words(b)
    if min(len(wa), len(wb)) < 2 * MIN_CONTAINED_WORDS or not _share_enough(wa, wb):
        return False
    return VARIANT_RATIO <= ratio(a, b) < SAME_RATIO


#: Words that say nothing of which happening a title names.
_STOP = frozenset(
    str.split("a an the of in on at to for and or with by from its his her their as is are "
              "was were be been after over about into")
)
#: Share of the shorter title's words the other must have for one happening.
SAME_TITLE = 0.6


def _title_words(title: str) -> set[str]:
    """A title's content words, cut to five letters (address/addresses, talk/talks)."""
    return {w[:5] for w in words(title) if w not in _STOP}


def same_title(a: str, b: str) -> bool:
    """True when two event titles name the same happening ("Talks in Istanbul" and
    "Russia–Ukraine talks in Istanbul"): most content words of the shorter in the other."""
    wa, wb = _title_words(a), _title_words(b)
    short, long_ = sorted((wa, wb), key=len)
    if len(short) < 2:
        return False
    return len(short & long_) >= SAME_TITLE * len(short)


def differences(base: str, other: str) -> list[tuple[str, bool]]:
    """``other`` cut into runs of text, each marked True where it differs from ``base``
    (word by word, ignoring case and punctuation): for showing one source's wording."""
    tokens = list(re.finditer(r"\S+", other))
    base_words = [" ".join(words(t)) for t in re.findall(r"\S+", base)]
    other_words = [" ".join(words(t.group())) for t in tokens]
    matcher = difflib.SequenceMatcher(None, base_words, other_words, autojunk=False)
    same = [False] * len(tokens)
    for block in matcher.get_matching_blocks():
        for k in range(block.b, block.b + block.size):
            same[k] = True
    runs: list[tuple[str, bool]] = []
    for k, token in enumerate(tokens):
        start = tokens[k - 1].end() if k else 0
        piece = other[start : token.end()]
        changed = not same[k]
        if runs and runs[-1][1] == changed:
            runs[-1] = (runs[-1][0] + piece, changed)
        else:
            runs.append((piece, changed))
    if tokens and tokens[-1].end() < len(other):
        runs.append((other[tokens[-1].end() :], False))
    return runs
