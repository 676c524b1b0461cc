"""Labels cut to their room: at a word, with "…" inside the quotation marks. No Qt.

A direct quotation is labelled “in curly quotes”; when it is cut, the ellipsis goes
inside them (“it would accept…”), never a closing mark after a cut word. The tooltip
and the details pane show the whole text.
"""

from __future__ import annotations

from collections.abc import Callable

#: Characters of an item's text fetched for its label (wider than any label's room).
LABEL_CHARS = 240
ELLIPSIS = "…"
_QUOTES = ("“", "”")
_TRAILING = " ,;:.-–—"


def _split(text: str) -> tuple[str, str, str]:
    """(opening mark, inner text, closing mark) of a label."""
    if len(text) >= 2 and text.startswith(_QUOTES[0]) and text.endswith(_QUOTES[1]):
        return _QUOTES[0], text[1:-1], _QUOTES[1]
    return "", text, ""


def _join(opening: str, words: list[str], closing: str) -> str:
    return opening + " ".join(words).rstrip(_TRAILING) + ELLIPSIS + closing


def whole_label(text: str, limit: int = LABEL_CHARS) -> str:
    """A fetched label: as it is, or (when longer than ``limit``) cut at a word with "…"."""
    opening, inner, closing = _split(text)
    if len(inner) <= limit:
        return text
    words = inner[: limit + 1].split(" ")[:-1] or [inner[:limit]]
    return _join(opening, words, closing)


def cut_label(text: str, fits: Callable[[str], bool]) -> str:
    """The longest cut of ``text`` that ``fits``: whole words and "…" (inside the
    quotation marks), or "" when not even one word with "…" fits."""
    if fits(text):
        return text
    opening, inner, closing = _split(text)
    if inner.endswith(ELLIPSIS):  # already cut when fetched
        inner = inner[: -len(ELLIPSIS)]
    words = inner.split(" ")
    low, high = 0, len(words)  # words[:low] fits, words[:high + 1] does not
    while low < high:
        middle = (low + high + 1) // 2
        if fits(_join(opening, words[:middle], closing)):
            low = middle
        else:
            high = middle - 1
    if low == 0:
        return ""
    return _join(opening, words[:low], closing)
