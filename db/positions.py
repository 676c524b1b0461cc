"""Positions: an actor's statements on each topic, and the stances they add up to.

An actor's position on a topic is the chronology of its statements there (those of the
actors under it included); the latest stance is its current position, and a change of
stance is the news. Computed from the read API alone (:class:`db.api.Store`), so every
backend gives the same answer.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from db.api import Store
from db.dates import When, to_seconds
from db.model import Position, Statement
from db.timeindex import KIND_STATEMENT


def positions_of(store: Store, actor_id: int, as_of: When | None = None) -> list[Position]:
    """An actor's positions by topic: its statements and those of the actors under it.

    Only statements made before the end of ``as_of`` count when it is given.
    Topics are ordered by name; statements without a topic come last.
    """
    statements = store.statements_by(store.descendants(actor_id))
    if as_of is not None:
        statements = [s for s in statements if s.when.start < as_of.end]
    by_topic: dict[int | None, list[Statement]] = {}
    for statement in statements:
        by_topic.setdefault(statement.topic_id, []).append(statement)
    found = []
    for topic_id, group in by_topic.items():
        changes, previous = [], None
        for i, statement in enumerate(group):
            if statement.stance:
                if previous is not None and statement.stance != previous:
                    changes.append(i)
                previous = statement.stance
        found.append(Position(store.topic(topic_id), tuple(group), tuple(changes)))
    found.sort(key=lambda p: (p.topic is None, p.topic.name.casefold() if p.topic else ""))
    return found


def stance_matrix(
    store: Store, actor_ids: Iterable[int], as_of: When | None = None
) -> dict[tuple[int, int], Statement]:
    """For each (actor, topic) with a stated stance: the latest statement as of a date."""
    cells: dict[tuple[int, int], Statement] = {}
    for actor_id in actor_ids:
        for position in positions_of(store, actor_id, as_of):
            current = position.current
            if position.topic and current is not None and current.stance:
                cells[(actor_id, position.topic.id)] = current
    return cells


def stance_cells(
    store: Store, actor_ids: list[int], as_of: When | None = None
) -> dict[tuple[int, int], int]:
    """(actor, topic) → id of the latest statement with a stance by ``as_of``.

    The same answer as :func:`stance_matrix`, read from the time index: one pass, no
    queries (the stance matrix of a large store).
    """
    index = store.index
    keep = (index.kind == KIND_STATEMENT) & (index.stance >= 0) & (index.topic >= 0)
    if as_of is not None:
        keep &= index.t0 < to_seconds(as_of.end)
    rows = np.flatnonzero(keep)
    # Latest last: by time, then by id (as positions_of() orders them).
    rows = rows[np.lexsort((index.rid[rows], index.t0[rows]))]
    speakers, topics, rids = index.actor[rows], index.topic[rows], index.rid[rows]
    cells: dict[tuple[int, int], int] = {}
    for actor_id in actor_ids:
        mine = np.isin(speakers, list(store.descendants(actor_id)))
        if not mine.any():
            continue
        own_topics, own_rids = topics[mine], rids[mine]
        # The last occurrence of each topic is its latest statement.
        reverse = own_topics[::-1]
        found, first = np.unique(reverse, return_index=True)
        for topic, at in zip(found.tolist(), first.tolist(), strict=True):
            cells[(actor_id, int(topic))] = int(own_rids[::-1][at])
    return cells
