"""The form of a name the article uses: a person it only ever calls "Mr Barnier" or
"President Obama" (never "Barnier" alone, never with a first name) keeps that form as
their name, the fullest the text gives; the surname stays an alias."""

from __future__ import annotations

import re

from extractor.cast import Cast
from extractor.lexicon import HONORIFICS

# one word before a surname that names the person in full when no first name is given
_PREFIXES = frozenset({*HONORIFICS, "President", "Gov", "Governor", "Judge", "Justice",
                       "Senator", "Sen", "Mayor", "Chancellor", "Premier", "Pope", "King",
                       "Queen", "Prince", "Princess", "General", "Gen", "Rep", "Sheikh",
                       "Imam", "Rabbi", "Bishop", "Cardinal", "Prof", "Professor"})
_BEFORE = re.compile(r"(?:^|(?<=[^\w.’'-]))(?P<prefix>[A-Z][a-z]*)(?P<dot>\.?)\s+$")


def name_as_written(cast: Cast, text: str) -> None:
    """Rename each person known by a surname alone to the prefixed form the text always
    gives them ("Mr Barnier", "Gov. Haley")."""
    for actor in list(cast.actors.values()):
        if actor.kind not in ("person", "other") or " " in actor.name or \
                not actor.name[:1].isupper():
            continue
        form = _prefixed_form(text, actor.name)
        if form is not None:
            cast.rename(actor, form)
            actor.kind = "person"


def _prefixed_form(text: str, name: str) -> str | None:
    """``Prefix Name`` when every mention of ``name`` in ``text`` has one such prefix
    (the first one met), else None."""
    first = None
    for match in re.finditer(rf"(?<![\w’'-]){re.escape(name)}(?![\w-])", text):
        before = _BEFORE.search(text, max(0, match.start() - 20), match.start())
        if before is None or before.group("prefix") not in _PREFIXES:
            return None
        ahead = text[max(0, before.start() - 30):before.start()].rstrip()
        if re.search(r"(?<![.!?:])\b[A-Z][\w.]*$", ahead):
            return None  # "Vice President Harris", "U.S. President Obama": a longer title
        first = first or before.group("prefix") + before.group("dot")
    return f"{first} {name}" if first else None
