"""Lanes: one per actor, grouped under its side; collapsed groups and hidden lanes. No Qt."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from db.model import Actor
from db.timeindex import NO_ACTOR

LANE_HEIGHT = 30
HEADER_HEIGHT = 32
TABLE_MAX = 4_000_000  # widest range of actor ids mapped through a lookup table


@dataclass(slots=True)
class Lane:
    """A row of the timeline. A side's own lane is its group's header (``is_side``)."""

    actor_id: int
    label: str
    side_id: int
    is_side: bool
    depth: int
    top: int = 0
    height: int = LANE_HEIGHT
    collapsed: bool = False
    members: int = 0

    @property
    def bottom(self) -> int:
        return self.top + self.height

    @property
    def center(self) -> float:
        return self.top + self.height / 2


class LaneLayout:
    """The lanes in display order and the mapping from actor ids to lane rows."""

    def __init__(
        self,
        actors: Iterable[Actor],
        counts: dict[int, int] | None = None,
        collapsed: set[int] | None = None,
        hidden: set[int] | None = None,
        unattributed: Iterable[int] = (),
        lane_height: int = LANE_HEIGHT,
    ) -> None:
        header_height = lane_height + HEADER_HEIGHT - LANE_HEIGHT
        counts = counts or {}
        collapsed = collapsed or set()
        hidden = hidden or set()
        actors = list(actors)
        by_id = {a.id: a for a in actors}
        groups: dict[int, list[Actor]] = {}
        for actor in actors:
            if not actor.is_side:
                groups.setdefault(actor.side_id, []).append(actor)

        def group_count(side: Actor) -> int:
            return counts.get(side.id, 0) + sum(
                counts.get(m.id, 0) for m in groups.get(side.id, [])
            )

        sides = sorted(
            (a for a in actors if a.is_side), key=lambda a: (-group_count(a), a.name.casefold())
        )
        self.lanes: list[Lane] = []
        row_of: dict[int, int] = {}
        for side in sides:
            if side.id in hidden:
                continue
            members = sorted(groups.get(side.id, []), key=lambda a: a.name.casefold())
            header = Lane(
                side.id,
                side.name,
                side.id,
                True,
                0,
                height=header_height,
                collapsed=side.id in collapsed,
                members=len(members),
            )
            row_of[side.id] = len(self.lanes)
            self.lanes.append(header)
            for member in members:
                if member.id in hidden:
                    continue
                if header.collapsed:
                    row_of[member.id] = row_of[side.id]
                    continue
                row_of[member.id] = len(self.lanes)
                self.lanes.append(
                    Lane(
                        member.id,
                        member.name,
                        side.id,
                        False,
                        _depth(member, by_id),
                        height=lane_height,
                    )
                )
        unattributed = set(unattributed)
        if unattributed and NO_ACTOR not in hidden:
            for actor_id in unattributed:
                row_of[actor_id] = len(self.lanes)
            self.lanes.append(
                Lane(NO_ACTOR, "Unattributed", NO_ACTOR, True, 0, height=header_height)
            )
        top = 0
        for lane in self.lanes:
            lane.top = top
            top += lane.height
        self.height = top
        self.row_of = row_of
        ids = np.array(sorted(row_of), dtype=np.int64)
        self._ids = ids
        self._rows = np.array([row_of[i] for i in ids.tolist()], dtype=np.int64)
        # Actor ids are usually small integers: a table indexed by id maps a million items in
        # a few milliseconds (a bisection per item takes ~25 times longer).
        self._table: np.ndarray | None = None
        if len(ids) and ids[-1] - ids[0] < TABLE_MAX:
            self._low = int(ids[0])
            self._table = np.full(int(ids[-1]) - self._low + 1, -1, dtype=np.int64)
            self._table[ids - self._low] = self._rows

    def rows_for(self, actors: np.ndarray) -> np.ndarray:
        """Lane row of each actor id (-1 where the actor has no visible lane)."""
        if not len(self._ids):
            return np.full(len(actors), -1, dtype=np.int64)
        if self._table is not None:
            offset = actors - self._low
            inside = (offset >= 0) & (offset < len(self._table))
            return np.where(inside, self._table[np.where(inside, offset, 0)], -1)
        pos = np.searchsorted(self._ids, actors)
        pos = np.clip(pos, 0, len(self._ids) - 1)
        return np.where(self._ids[pos] == actors, self._rows[pos], -1)

    def lane_at(self, y: float) -> int:
        """The row at height ``y`` (0 = top of the first lane), or -1."""
        for row, lane in enumerate(self.lanes):
            if lane.top <= y < lane.bottom:
                return row
        return -1

    def row_of_actor(self, actor_id: int) -> int:
        return self.row_of.get(actor_id, -1)


def _depth(actor: Actor, by_id: dict[int, Actor]) -> int:
    depth, current, seen = 0, actor, {actor.id}
    while current.parent_id is not None and current.parent_id in by_id and depth < 8:
        current = by_id[current.parent_id]
        if current.id in seen:
            break
        seen.add(current.id)
        depth += 1
    return max(depth, 1)
