"""Turning store text into safe HTML: everything from a store is escaped, never interpreted."""

from __future__ import annotations

import html
import re

from db.dates import When

#: A run of this many characters without a space gets a zero-width space after it: Qt's
#: text layout takes time quadratic in the length of an unbreakable word (a quotation of
#: one million letters froze the window for minutes; with breaks it takes 0.4 s).
LONG_WORD = 100
_LONG_RUN = re.compile(rf"(\S{{{LONG_WORD}}})(?=\S)")


def esc(value: object) -> str:
    """Escape any value for HTML (None becomes an empty string); keeps line breaks."""
    if value is None:
        return ""
    text = _LONG_RUN.sub("\\1\u200b", str(value))
    return html.escape(text).replace("\n", "<br>")


def date_text(when: When) -> str:
    """A date with its precision spelled out when it is coarser than a day."""
    precision = (
        ""
        if when.precision in ("day", "minute", "second", "hour")
        else (f" (known to the {when.precision})")
    )
    return when.label() + precision


def link(url: str | None, label: str) -> str:
    """An http(s) link, or the escaped label when the URL is missing or of another scheme."""
    if url and url.lower().startswith(("http://", "https://")):
        return f'<a href="{html.escape(url, quote=True)}">{esc(label)}</a>'
    return esc(label)
