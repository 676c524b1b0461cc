"""The form of a name the article uses: a speaker known by a surname alone takes the one
full name the text gives anywhere, in a quotation or an aside too ("(Labor leader) Bill
Shorten called me" … "Mr Shorten admitted defeat"); a person it only ever calls "Mr
Barnier" or "President Obama" (never "Barnier" alone, never with a first name) keeps that
form as their name, the fullest the text gives; the surname stays an alias. Initials the text
dots somewhere are dotted ("J.K. Rowling", not a caption's "JK Rowling")."""

from __future__ import annotations

import re

from extractor.cast import Actor, Cast
from extractor.lexicon import HONORIFICS, ORG_HEADS, SIDE_NAMES, STOP_CAPS, TITLE_WORDS
from extractor.phrases import person_like

# a title before a surname that names the person in full when no first name is given
_PREFIXES = frozenset({*HONORIFICS, "President", "Gov", "Governor", "Judge", "Justice",
                       "Senator", "Sen", "Mayor", "Chancellor", "Premier", "Pope", "King",
                       "Queen", "Prince", "Princess", "General", "Gen", "Rep", "Sheikh",
                       "Imam", "Rabbi", "Bishop", "Cardinal", "Prof", "Professor",
                       "Prime Minister", "Chief Justice"})
_HEADLINE_WORDS = 25
_LINE_ENDS = tuple(".!?:;\"”’')")
_BEFORE = re.compile(r"(?<![\w.’'-])(?P<prefix>(?:Prime\s+Minister|PRIME\s+MINISTER|"
                     r"Chief\s+Justice|CHIEF\s+JUSTICE|[A-Z][a-z]*|[A-Z]+))(?P<dot>\.?)\s+$")


def name_as_written(cast: Cast, text: str, speakers: list[Actor]) -> None:
    """Rename each speaker known by a surname alone to the prefixed form the text always
    gives them ("Mr Barnier", "Gov. Haley")."""
    for actor in {id(actor): actor for actor in speakers}.values():
        dotted = _dotted_form(text, actor.name)
        if dotted is not None:  # "JK Rowling" in a caption, "J.K. Rowling" in the story
            cast.rename(actor, dotted)
        if actor.kind == "state" or " " in actor.name or not actor.name[:1].isupper():
            continue
        full = _full_form(text, actor.name)
        if full is not None:
            cast.rename(actor, full)
            actor.kind = "person"
            continue
        form = _prefixed_form(text, actor.name)
        if form is not None:  # "MR. KIRBY:" too: a person, whatever the capitals said
            name = actor.name.capitalize() if actor.name.isupper() else actor.name
            cast.rename(actor, f"{form} {name}")
            actor.kind = "person"


def _dotted_form(text: str, name: str) -> str | None:
    """``name`` with its leading initials dotted ("J.K. Rowling" for "JK Rowling"), when the
    text writes it so."""
    initials = re.match(r"([A-Z]{2,3}) (?=[A-Z][a-z])", name)
    if initials is None:
        return None
    letters = r"\.\s?".join(initials.group(1))
    rest = re.escape(name[initials.end():])
    found = re.search(rf"(?<![\w.]){letters}\.\s?{rest}(?![\w-])", text)
    return found.group() if found else None


def _full_form(text: str, name: str) -> str | None:
    """The one "First Surname" the text writes for the surname ``name``, anywhere (its
    first word no title, body, place or word the text also writes in lower case)."""
    surname = name.capitalize() if name.isupper() else name
    firsts = set()
    for match in re.finditer(rf"(?<![\w’'.-])([A-Z][a-z’'-]+)\s+{re.escape(surname)}(?![\w’'-])",
                             text):
        first = match.group(1)
        if first in _PREFIXES or first in TITLE_WORDS or first in STOP_CAPS or \
                first in ORG_HEADS or first in SIDE_NAMES or not person_like([first, surname]) \
                or re.search(rf"(?<![\w-]){first.lower()}(?![\w-])", text):
            continue
        firsts.add(first)
    return f"{firsts.pop()} {surname}" if len(firsts) == 1 else None


def _prefixed_form(text: str, name: str) -> str | None:
    """The prefix when every mention of ``name`` in ``text`` (a headline's aside) has one
    (the first one met), else None."""
    first = None
    for match in re.finditer(rf"(?<![\w’'-]){re.escape(name)}(?![\w-])", text, re.IGNORECASE):
        prefix = _prefix(text, match.start())
        if prefix is None and not _in_headline(text, match.start()):
            return None  # "Barnier said"; "Barnier slams deadlock" is headline style
        first = first or prefix
    return first


def _prefix(text: str, pos: int) -> str | None:
    """The one-word prefix ("Mr", "Gov.") before the name at ``pos``, if it is the whole
    title ("Vice President Harris", "U.S. President Obama" are not)."""
    before = _BEFORE.search(text[max(0, pos - 30):pos])
    if before is None:
        return None
    prefix = " ".join(w.capitalize() for w in before.group("prefix").split())
    if prefix not in _PREFIXES:
        return None  # "Vice President Harris": its title runs longer
    start = pos - len(before.group(0))
    line = text[text.rfind("\n", 0, start) + 1:start].rstrip()
    last = line.split()[-1] if line.split() else ""
    if last[:1].isupper() and (not last.endswith((".", "!", "?", ":", ",")) or
                               re.fullmatch(r"(?:[A-Z]\.)+", last)):
        return None  # "U.S. President Obama", "Defence Minister Lavrov"
    return prefix + before.group("dot")


def _in_headline(text: str, pos: int) -> bool:
    """Whether ``pos`` is in a line that reads as a headline: short, no closing stop."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    line = text[start:end if end >= 0 else len(text)].strip()
    return len(line.split()) <= _HEADLINE_WORDS and not line.endswith(_LINE_ENDS)
