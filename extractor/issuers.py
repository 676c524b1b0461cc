"""Who issued "the statement": "…," the statement said is the side or person the text
said issued a statement (in a statement, issued a statement), the latest one before."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from extractor.cast import Actor, Cast

_STATEMENT = re.compile(r"\bstatement\b", re.IGNORECASE)
_REACH = 3000  # characters back


def issuer(cast: Cast, text: str, pos: int) -> Actor | None:
    """The latest speaker or subject before ``pos`` whose sentence mentions a statement."""
    seen = sorted([(at, actor) for at, _n, actor in cast.speakers if at < pos] +
                  [(at, actor) for at, _n, actor in cast.log if at < pos],
                  key=lambda item: item[0], reverse=True)
    for at, actor in seen:
        if pos - at > _REACH:
            break
        start, end = _sentence(text, at, pos)
        if _STATEMENT.search(text, start, end):
            return actor
    return None


def _sentence(text: str, at: int, pos: int) -> tuple[int, int]:
    """The sentence around ``at`` (roughly: between stops), not reaching ``pos``."""
    before = max(text.rfind(". ", 0, at), text.rfind("\n", 0, at))
    after = re.compile(r"[.!?]\s|\n").search(text, at)
    end = after.start() if after else len(text)
    return before + 1, min(end, pos)
