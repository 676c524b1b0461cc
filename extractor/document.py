"""Assemble the Parley JSON document (docs/format.md) from what the passes found."""

from __future__ import annotations

from db.dates import When
from extractor.cast import Actor, Cast
from extractor.found import Found


def build(text: str, published: When, cast: Cast, statements: list[tuple[Found, When]],
          events: list[dict], *, outlet: str | None, url: str | None,
          title: str | None) -> dict:
    """The whole document: one source, its actors, events and statements."""
    source = {"id": 1, "title": title, "outlet": outlet, "url": url,
              "published": published.text, "text": text}
    used: list[Actor] = [found.actor for found, _when in statements]
    for event in events:
        used.extend(cast.actors[a["actor"]] for a in event["actors"] if a["actor"] in cast.actors)
    actors = _ordered(cast, used)
    return {
        "parley": 1,
        "sources": [source],
        "actors": [_actor(i, actor, cast, text) for i, actor in enumerate(actors, 1)],
        "topics": [],
        "events": [dict(event, id=i) for i, event in enumerate(events, 1)],
        "statements": [_statement(i, found, when) for i, (found, when) in enumerate(statements, 1)],
    }


def _ordered(cast: Cast, used: list[Actor]) -> list[Actor]:
    result: list[Actor] = []
    seen: set[str] = set()

    def add(actor: Actor, depth: int = 0) -> None:
        if actor.name in seen or depth > 8:
            return
        if actor.parent and actor.parent in cast.actors and actor.parent != actor.name:
            add(cast.actors[actor.parent], depth + 1)
        if actor.name not in seen:
            seen.add(actor.name)
            result.append(actor)

    for actor in used:
        add(actor)
    return result


def _actor(number: int, actor: Actor, cast: Cast, text: str) -> dict:
    aliases = list(actor.aliases)
    if actor.kind != "person":
        for alias in cast.state_aliases(actor, text):
            if alias not in aliases and alias != actor.name:
                aliases.append(alias)
    record = {"id": number, "name": actor.name, "kind": actor.kind, "parent": actor.parent,
              "aliases": aliases}
    if actor.title:
        record["title"] = actor.title
    return record


def _statement(number: int, found: Found, when: When) -> dict:
    return {
        "id": number,
        "actor": found.actor.name,
        "said": when.text,
        "approximate": when.approximate,
        "kind": found.kind,
        "text": found.text,
        "topic": None,
        "stance": found.stance,
        "summary": None,
        "source": 1,
        "span": [found.span[0], found.span[1]],
    }
