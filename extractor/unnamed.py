"""Someone unnamed: "…," a UN mission spokesperson said is a new speaker kept by the role
phrase, never the spokesman named before."""

from __future__ import annotations

import re

from extractor.mention import Mention
from extractor.phrases import Phrase
from extractor.speakers import analyse

_INDEFINITE_BEFORE = re.compile(r"\b[Aa]n?\s+(?:(?:[\w'’-]+|(?:[A-Z]\.)+)\s+){0,3}$")


def unnamed_role(text: str, phrase: Phrase, mention: Mention) -> Mention | None:
    """"…," a UN mission spokesperson said: a title after "a" is someone unnamed, kept by
    the role phrase (with the words before the title), never the spokesman named before."""
    if mention.kind not in ("title", "descriptor") or mention.owner is not None or \
            phrase.description:
        return None
    if phrase.words and phrase.words[0].word.lower() in ("a", "an"):
        lead: list[str] = []
    else:
        match = _INDEFINITE_BEFORE.search(text, max(0, phrase.start - 50), phrase.start)
        if match is None:
            return None
        lead = text[match.start():phrase.start].split()
    role = analyse([*lead, *(t.word for t in phrase.words)])
    return role[0] if len(role) == 1 and role[0].kind == "role" else None
