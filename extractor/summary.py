"""A one-line position proposed from a statement's own words ("Russia was scaling down
its military operations around Kyiv").

The first sentence of the statement, without a leading purpose or condition clause ("In
order to…,") or asides between commas, cut at a clause boundary to about
:data:`MAX_WORDS` words. A reported statement that starts with a pronoun ("it would
accept…") gets its speaker's name instead. Nothing is invented: every word is the
statement's, or the speaker's name.
"""

from __future__ import annotations

import re

MAX_WORDS = 16
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[\"“'‘(]?[A-Z])")
_LEADING_CLAUSE = re.compile(
    r"^(?:in order to|to|if|as|while|when|although|though|after|before|because|given)\b"
    r"[^,]{3,200},\s*", re.I)
_ASIDE = re.compile(r",\s*(?:by|at|in|for|with|as|which|who)\b[^,]{1,60},")
_PRONOUN = re.compile(r"^(?:it|he|she|they)\b", re.I)


def propose_summary(text: str, speaker: str = "", kind: str = "direct") -> str | None:
    """The position in one line, or None when the text has no words."""
    text = " ".join(text.split()).strip(" \"“”'‘’")
    if not text:
        return None
    first = _SENTENCE_END.split(text, maxsplit=1)[0]
    shorter = _LEADING_CLAUSE.sub("", first)
    if len(shorter.split()) >= 4:
        first = shorter
    first = _ASIDE.sub(",", first).replace(" ,", ",")
    if kind == "reported" and speaker:
        first = _PRONOUN.sub(lambda _match: speaker, first, count=1)
    first = _cut(first)
    first = first[:1].upper() + first[1:]
    return first if first.endswith((".", "?", "!", "…")) else first + "."


def _cut(text: str) -> str:
    words = text.rstrip(" .,;:").split()
    if len(words) <= MAX_WORDS:
        return " ".join(words)
    head = " ".join(words[: MAX_WORDS + 4])
    cut = max(head.rfind(","), head.rfind(";"), head.rfind(" but "), head.rfind(" and "))
    if cut >= len(" ".join(words[:6])):
        return head[:cut].rstrip(" ,;") + "…"
    return " ".join(words[:MAX_WORDS]).rstrip(" ,;:") + "…"
