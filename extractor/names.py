"""Forms of a name: in capitals, with an article prefix ("al-Sisi"), its family name."""

from __future__ import annotations

import re

from extractor.lexicon import NAME_PARTICLES

_ARTICLE = re.compile(r"^(?:al|el|Al|El)-")


def uncapitalised(name: str) -> str:
    """``MARIA ORTIZ`` (a heading in capitals) is Maria Ortiz; acronyms stay."""
    if not name.isupper() or len(name.replace(" ", "")) <= 4:
        return name
    return " ".join(w if len(w) <= 2 else w[0] + w[1:].lower() for w in name.split())


def bare_words(name: str) -> list[str]:
    """A name's words without an article prefix: "Abdel Fattah al-Sisi" → …, "Sisi"."""
    return [_ARTICLE.sub("", w) for w in name.split()]


def surname(name: str) -> str:
    """The family name: the last word, with the particles before it ("de Blasio")."""
    parts = [p for p in name.split() if p.rstrip(".") not in ("Jr", "Sr", "II", "III")]
    if not parts:
        return name
    k = len(parts) - 1
    while k > 1 and parts[k - 1] in NAME_PARTICLES:
        k -= 1
    return " ".join(parts[k:])
