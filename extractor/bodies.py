"""Bodies the text points at without naming them: "the bank said" after "Turkey's central
bank raised …", "the ministry said" after "Foreign Minister Cho", "the two countries said"
after "Japan and South Korea agreed …"."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from extractor.lexicon import SIDE_ADJECTIVES, SIDE_KINDS, SIDE_NAMES

if TYPE_CHECKING:
    from extractor.cast import Actor, Cast

_REACH = 3000  # characters back
_SIDES_REACH = 600  # characters back for "the two countries"
# "Foreign Minister" → the Foreign Ministry; "Minister of Health" → the Ministry of Health
_MINISTER = re.compile(r"\b([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)?\s*Minister\b((?:\s+(?:of|for)\s+"
                       r"[A-Z][a-z]+(?:\s+(?:and\s+)?[A-Z][a-z]+)*)?)")


def owned_body(cast: Cast, head: str, pos: int) -> Actor | None:
    """"The bank said" after "Turkey's central bank raised …" (no bank named): that body,
    kept by its words under its state."""
    if not head.isalpha():
        return None
    pattern = re.compile(rf"\b(?:(?P<owner>[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)['’]s|"
                         rf"(?P<adjective>[A-Z][a-z]+))\s+(?P<body>(?:[a-z]+\s+){{0,2}}"
                         rf"{head})\b")
    found = None
    for match in pattern.finditer(cast.text, max(0, pos - _REACH), pos):
        state = SIDE_NAMES.get(match.group("owner") or "") or \
            SIDE_ADJECTIVES.get(match.group("adjective") or "")
        if state is not None and SIDE_KINDS.get(state) == "state":
            found = (match.group("body"), state)
    return cast.role(found[0], cast.side(found[1]).name, "organization") if found else None


def ministers_ministry(cast: Cast, pos: int) -> Actor | None:
    """"The ministry said" with no ministry named, after "Foreign Minister Cho Tae-yul":
    the Foreign Ministry, on the minister's side (a prime minister has none)."""
    for at, actor in reversed(cast.named):
        if at >= pos:
            continue
        if pos - at > _REACH:
            break
        match = _MINISTER.search(actor.title or "")
        if match and "Prime" not in (match.group(1) or "") and (match.group(1) or
                                                                  match.group(2)):
            name = f"{match.group(1)} Ministry" if match.group(1) else \
                f"Ministry{match.group(2)}"
            return cast.org(name, actor.parent)
    return None


def joint_sides(cast: Cast, pos: int, states_only: bool) -> list[Actor]:
    """"The two countries said": the last two sides (states, or any body for "the two
    sides") mentioned as subjects in this paragraph or the last, in their order."""
    sides: list[Actor] = []
    for at, _n, actor in reversed(cast.log):
        if actor.name in cast.unnamed:  # "Colombia's government": Colombia
            actor = cast.actors.get(actor.parent or "", actor)
        if at >= pos or actor.kind == "person" or actor.name in cast.unnamed:
            continue
        if pos - at > _SIDES_REACH or len(sides) == 2 or \
                cast.text.count("\n\n", at, pos) > 1:  # this paragraph or the last
            break
        if (not states_only or actor.kind == "state") and actor not in sides:
            sides.append(actor)
    return sides[::-1] if len(sides) == 2 else []
