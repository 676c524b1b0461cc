"""Search without a full-text index: one scan with LIKE, for a large store another program
wrote (building an index of its text in memory first would take seconds per million).

The rows are those FTS5 would find (every word at the start of a word, any case for
ASCII), up to a limit, with a snippet marked the way FTS5's ``snippet`` marks it.
"""

from __future__ import annotations

import re

from db.model import MATCH_END, MATCH_START

#: Rows fetched per hit asked for: LIKE also finds words inside words, dropped after.
_OVERFETCH = 4
_CONTEXT = 6  # words either side of the match in a snippet


def _pattern(word: str) -> re.Pattern[str]:
    return re.compile(r"(?<![^\W_])" + re.escape(word), re.IGNORECASE)


def _like(word: str) -> str:
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def scan_rows(query, select: str, columns: tuple[str, str], words: list[str], limit: int):
    """Rows ``(id, snippet, *rest)`` of ``select`` (``SELECT id, first, second, … FROM …``
    whose first two columns are the searched ``columns``) where every word starts a word
    of either column; at most ``limit``. ``query(sql, params)`` runs the SQL."""
    first, second = columns
    where = " AND ".join(
        f"(COALESCE({first}, '') || ' ' || COALESCE({second}, '')) LIKE ? ESCAPE '\\'"
        for _ in words
    )
    patterns = [_pattern(w) for w in words]
    found: list[tuple] = []
    rows = query(f"{select} WHERE {where} LIMIT ?", (*map(_like, words), limit * _OVERFETCH))
    for row in rows:
        text = f"{row[1] or ''} {row[2] or ''}"
        if all(p.search(text) for p in patterns):
            found.append((row[0], snippet(str(row[1] or ""), patterns), *row[3:]))
            if len(found) >= limit:
                break
    return found


def snippet(text: str, patterns: list[re.Pattern[str]]) -> str:
    """A few words around the first match in ``text``, matched words marked."""
    tokens = text.split()
    matched = [i for i, token in enumerate(tokens) if any(p.search(token) for p in patterns)]
    centre = matched[0] if matched else 0
    low, high = max(centre - _CONTEXT, 0), centre + _CONTEXT + 1
    words = [_marked(token, patterns) for token in tokens[low:high]]
    return ("…" if low else "") + " ".join(words) + ("…" if high < len(tokens) else "")


def _marked(token: str, patterns: list[re.Pattern[str]]) -> str:
    for pattern in patterns:
        if match := pattern.search(token):
            start = match.start()
            end = start + len(re.match(r"\w*", token[start:]).group(0))
            return f"{token[:start]}{MATCH_START}{token[start:end]}{MATCH_END}{token[end:]}"
    return token
