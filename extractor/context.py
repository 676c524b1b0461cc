"""The article's country: the side of office holders it names without one.

"Sports Minister Grace Akinyi" in a story about Kenya speaks for Kenya. The country is
taken only when the article is plainly about one: that state (by name, "America" too,
adjective or abbreviation, not by capital; outside quotations) is mentioned at least three
times and at least twice as often as any other. Only titles of national office get it (minister,
prime minister, president, premier, chancellor, senator, capitalised as before a name);
"union president Lone Kjaer" or "former defense minister" are left alone.
"""

from __future__ import annotations

import re
from collections import Counter

from extractor.cast import Actor, Cast
from extractor.found import Found
from extractor.lexicon import SIDE_ADJECTIVES, SIDE_KINDS, SIDE_NAMES
from extractor.published import HEAD_CHARS
from extractor.segment import Layout
from extractor.speaker_lines import title_case

_OFFICE = re.compile(r"\b(?:Minister|Premier|President|Chancellor|Senator|Vice[ -]president)\b")
# "FRANKLIN, Ind. (AP) Auto parts maker …": the town a story is filed from
_TOWN_DATELINE = re.compile(r"(?m)^(?P<town>[A-Z][A-Z'’-]+(?: [A-Z][A-Z'’-]+){0,2}), "
                            r"[A-Z][a-z]{1,5}\.(?=\s)")
_MAYOR = re.compile(r"\bMayor\b", re.I)
_HEADING_WORDS = 5
_HEADING_STOPS = {"in", "a", "an", "the", "to", "of", "and", "on", "at", "for", "with", "by",
                  "from", "key", "updates", "latest", "news", "times", "live", "summary",
                  "analysis", "what", "how", "why", "who", "when", "where"}
_TEAM_HEADS = {"Team", "Racing", "Club", "Party", "Union", "Council", "Ministry", "Group"}
_BODY = re.compile(r"^(?P<body>(?:\w+\s+)*?(?:Ministry|Department))\b")  # "Foreign Ministry"
# states by name, adjective or abbreviation ("U.S."), not by capital: a story set in
# Havana is not about Cuba
_NAMES = sorted((n for n in [*SIDE_NAMES, *SIDE_ADJECTIVES]
                 if SIDE_KINDS.get(SIDE_NAMES.get(n) or SIDE_ADJECTIVES.get(n, "")) == "state"
                 and (n in SIDE_ADJECTIVES or SIDE_NAMES[n] == n or n in ("Britain", "America")
                      or re.fullmatch(r"[A-Z.]{2,5}", n))),
                key=len, reverse=True)
_STATE = re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(n) for n in _NAMES) + r")(?![\w])")


def context_state(lay: Layout) -> str | None:
    """The one state the article is about, if it is plain; else None."""
    text = lay.text
    counts: Counter[str] = Counter()
    for match in _STATE.finditer(text):
        if lay.quote_at(match.start()) is not None:
            continue
        word = match.group(0)
        state = SIDE_NAMES.get(word) or SIDE_ADJECTIVES.get(word)
        if state:
            counts[state] += 1
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 3:
        return None
    if len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]:
        return None
    return ranked[0][0]


def assign_context_state(lay: Layout, cast: Cast) -> None:
    """Give office holders without a side the article's country, when it is plain."""
    holders = [a for a in cast.actors.values()
               if a.kind == "person" and not a.parent and a.title and _OFFICE.search(a.title)]
    if not holders:
        return
    state = context_state(lay)
    if state is None:
        return
    side = cast.side(state)
    for actor in holders:
        actor.parent = side.name


def assign_body_states(lay: Layout, cast: Cast, speakers: list[Actor]) -> None:
    """Give a state body's people without a side ("Foreign Ministry spokeswoman Hua
    Chunying") its state: the one whose body of that name the story names ("the Russian
    Foreign Ministry"), else the one state speaking in it ("China criticized Japan … and
    accused …"), else the article's country."""
    holders = [a for a in cast.actors.values()
               if a.kind == "person" and not a.parent and a.title and _BODY.match(a.title)]
    if not holders:
        return
    speaking = {a.name for a in speakers if a.kind == "state"}
    for actor in holders:
        body = _BODY.match(actor.title or "")
        owners = {state for a in cast.actors.values() if body and a.kind != "person"
                  and a.name.endswith(body.group("body"))
                  and (state := _owning_state(a)) is not None}
        state = next(iter(owners)) if len(owners) == 1 else \
            next(iter(speaking)) if len(speaking) == 1 else context_state(lay)
        if state is not None:
            actor.parent = cast.side(state).name


def _owning_state(body: Actor) -> str | None:
    """The state a body belongs to: its side, or its first word ("Norwegian Fisheries
    Ministry")."""
    first = body.name.split()[0]
    state = body.parent or SIDE_ADJECTIVES.get(first) or SIDE_NAMES.get(first)
    return state if state is not None and SIDE_KINDS.get(state) == "state" else None


def assign_dateline_town(lay: Layout, cast: Cast) -> None:
    """Give a mayor without a side the town the story is filed from ("FRANKLIN, Ind. (AP)
    …" ¶ "Mayor Norman Blankenship said Friday …": Franklin)."""
    mayors = [a for a in cast.actors.values()
              if a.kind == "person" and not a.parent and a.title and _MAYOR.search(a.title)]
    dateline = _TOWN_DATELINE.search(lay.text, 0, HEAD_CHARS) if mayors else None
    if dateline is None:
        return
    town = " ".join(title_case(w) for w in dateline.group("town").split())
    side = cast.side(town)
    if side.name != town and side.name.isupper():
        cast.rename(side, town)  # the dateline read as a body in capitals: "LAKEVILLE"
    for actor in mayors:
        actor.parent = side.name


def assign_section_sides(lay: Layout, cast: Cast, found: list[Found]) -> None:
    """Give the people first named speaking under a heading that names an organisation
    ("MANCHESTER CITY", "Mercedes-AMG Petronas F1 Team") and have no side that
    organisation, up to the next heading."""
    heads = {n: org for n, (a, b) in enumerate(lay.paragraphs)
             if (org := _heading_org(lay.text[a:b])) is not None}
    if not heads:
        return
    first: dict[str, int] = {}
    for at, actor in cast.named:
        first.setdefault(actor.name, at)
    for item in found:
        actor = item.actor
        section = max((n for n in heads if n < item.paragraph), default=None)
        if actor.kind != "person" or actor.parent or section is None or \
                first.get(actor.name, item.span[0]) < lay.paragraphs[section][1]:
            continue
        if any(section < n < item.paragraph and _is_heading(lay.text[a:b])
               for n, (a, b) in enumerate(lay.paragraphs)):
            continue  # another heading (naming no organisation) in between
        actor.parent = cast.org(heads[section]).name


def _is_heading(line: str) -> bool:
    return 0 < len(line.split()) <= _HEADING_WORDS and line.rstrip()[-1:] not in ".?!:\"”’)"


def _heading_org(line: str) -> str | None:
    """The organisation a heading line names, if it names only one: a line in capitals of
    a few words without function words ("MANCHESTER UNITED"), or one in title case ending
    in a body's word ("Mercedes-AMG Petronas F1 Team")."""
    words = line.split()
    if not _is_heading(line) or any(w.strip(".,").isdigit() for w in words) or \
            re.search(r"['’]s\b", line, re.I):
        return None  # a date or a time, "FRIDAY'S PRESS CONFERENCE TIMES"
    if all(w.isupper() for w in words) and len(words) >= 2:
        if any(w.lower() in _HEADING_STOPS for w in words):
            return None
        return " ".join(title_case(w) for w in words)
    if words[-1] in _TEAM_HEADS and all(w[:1].isupper() or w[:1].isdigit() for w in words):
        return " ".join(words)  # "Mercedes-AMG Petronas F1 Team"
    return None
