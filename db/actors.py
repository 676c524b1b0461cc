"""Actors as a store holds them: aliases and the side each actor speaks for.

Backend-neutral: a backend reads the ``actors`` rows and :func:`resolve_actors` turns
them into :class:`~db.model.Actor` records, reporting what it cannot use.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from db.model import Actor, Problem

#: An actor row as read: (id, name, kind, parent_id, aliases, title).
ActorRow = tuple[object, object, object, object, object, object]


def parse_aliases(value: object) -> tuple[str, ...]:
    """An actor's other names: a JSON list (the contract), or names separated by ``;``
    (as other programs write them)."""
    if not value or not isinstance(value, str):
        return ()
    try:
        parsed = json.loads(value)
    except ValueError:
        return tuple(part.strip() for part in value.split(";") if part.strip())
    if isinstance(parsed, list):
        return tuple(str(item) for item in parsed if item)
    return (str(parsed),)


def resolve_actors(rows: Iterable[ActorRow]) -> tuple[dict[int, Actor], list[Problem]]:
    """Actors by id, each with its side (the root of its parents), and the rows skipped
    or parents ignored (no id or name, a missing parent, a cycle), each with its reason."""
    problems: list[Problem] = []
    raw: dict[int, tuple] = {}
    for rid, name, kind, parent, aliases, title in rows:
        if not isinstance(rid, int) or name is None:
            problems.append(Problem("actors", rid, "name", name, "no id or no name"))
            continue
        raw[rid] = (str(name), str(kind or "other"), parent, parse_aliases(aliases), title)
    sides = {rid: _side_of(rid, raw, problems) for rid in raw}
    actors = {
        rid: Actor(
            rid, name, kind, parent if sides[rid] != rid else None, sides[rid], aliases, title
        )
        for rid, (name, kind, parent, aliases, title) in raw.items()
    }
    return actors, problems


def _side_of(rid: int, raw: dict[int, tuple], problems: list[Problem]) -> int:
    """The root of an actor's parents; a cycle or a missing parent ends the climb."""
    seen = {rid}
    current = rid
    while True:
        parent = raw[current][2]
        if parent is None or parent not in raw or parent in seen:
            if parent is not None and parent not in seen and parent not in raw:
                problems.append(Problem("actors", current, "parent_id", parent, "no such actor"))
            elif parent in seen and parent is not None:
                problems.append(
                    Problem("actors", current, "parent_id", parent, "parents form a cycle")
                )
                return min(seen)
            return current
        seen.add(parent)
        current = parent
