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
SUB_RATIO = 0.72  # a sub-row of a stacked lane, as a share of the lane height
SUB_PAD = 8  # px above and below the sub-rows of a stacked lane


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
    """The lanes in display order and the mapping from actor ids to lane rows.

    A lane grows to hold the sub-rows of its stacked items (:meth:`set_depths`, from each
    composed frame); a sub-row is ``sub_height`` px.
    """

    def __init__(
        self,
        actors: Iterable[Actor],
        counts: dict[int, int] | None = None,
        collapsed: set[int] | None = None,
        hidden: set[int] | None = None,
        unattributed: Iterable[int] = (),
        lane_height: int = LANE_HEIGHT,
    ) -> None:
        self.lane_height = lane_height
        self.sub_height = max(round(lane_height * SUB_RATIO), 16)
        self.lanes, self.row_of = _build_lanes(
            list(actors), counts or {}, collapsed or set(), hidden or set(), lane_height
        )
        unattributed = set(unattributed)
        if unattributed and NO_ACTOR not in (hidden or set()):
            for actor_id in unattributed:
                self.row_of[actor_id] = len(self.lanes)
            header_height = lane_height + HEADER_HEIGHT - LANE_HEIGHT
            self.lanes.append(
                Lane(NO_ACTOR, "Unattributed", NO_ACTOR, True, 0, height=header_height)
            )
        self._base = [lane.height for lane in self.lanes]
        self.depths = np.ones(len(self.lanes), dtype=np.int64)
        self._place()
        ids = np.array(sorted(self.row_of), dtype=np.int64)
        self._ids = ids
        self._rows = np.array([self.row_of[i] for i in ids.tolist()], dtype=np.int32)
        # Actor ids are usually small integers: a table indexed by id maps a million items in
        # a few milliseconds (a bisection per item takes ~25 times longer).
        self._table: np.ndarray | None = None
        if len(ids) and ids[-1] - min(ids[0], 0) < TABLE_MAX:
            self._low = min(int(ids[0]), 0)  # from id 0 when it can: no offset to add
            self._table = np.full(int(ids[-1]) - self._low + 1, -1, dtype=np.int32)
            self._table[ids - self._low] = self._rows
        self._item_lanes: tuple[np.ndarray, np.ndarray] | None = None

    def _place(self) -> None:
        top = 0
        tops = []
        for lane, base, depth in zip(self.lanes, self._base, self.depths.tolist(), strict=True):
            lane.top = top
            lane.height = max(base, depth * self.sub_height + SUB_PAD) if depth > 1 else base
            tops.append(top)
            top += lane.height
        self._tops = np.array(tops, dtype=np.float64)
        self._heights = np.array([lane.height for lane in self.lanes], dtype=np.float64)
        self.height = top

    def set_depths(self, depths: np.ndarray) -> bool:
        """Give each lane room for ``depths[row]`` sub-rows; True when a height changed."""
        if len(depths) != len(self.lanes) or np.array_equal(depths, self.depths):
            return False
        self.depths = depths.copy()
        self._place()
        return True

    def rows_between(self, top: float, bottom: float) -> range:
        """The rows of the lanes that reach into ``[top, bottom]`` (lane 0's top is 0)."""
        first = max(int(np.searchsorted(self._tops, top, side="left")) - 1, 0)
        last = int(np.searchsorted(self._tops, bottom, side="right"))
        return range(first, min(last, len(self.lanes)))

    def sub_center(self, row: int, sub: int) -> float:
        """The vertical centre of sub-row ``sub`` of lane ``row`` (lane 0's top is 0)."""
        lane = self.lanes[row]
        depth = int(self.depths[row])
        if depth <= 1:
            return lane.center
        top = lane.top + (lane.height - depth * self.sub_height) / 2
        return top + (sub + 0.5) * self.sub_height

    def sub_centers(self, rows: np.ndarray, subs: np.ndarray) -> np.ndarray:
        """:meth:`sub_center` of many (row, sub-row) pairs at once."""
        tops = self._tops[rows]
        heights = self._heights[rows]
        depths = self.depths[rows]
        first = tops + (heights - depths * self.sub_height) / 2
        return np.where(depths <= 1, tops + heights / 2, first + (subs + 0.5) * self.sub_height)

    def rows_for(self, actors: np.ndarray) -> np.ndarray:
        """Lane row of each actor id (-1 where the actor has no visible lane), as int32
        (a lane per item of a big index: half the memory of int64)."""
        if not len(self._ids):
            return np.full(len(actors), -1, dtype=np.int32)
        if self._table is not None:
            if len(actors) and actors.min() >= self._low and actors.max() - self._low < len(
                self._table
            ):  # every id inside the table: one gather
                return self._table[actors - self._low if self._low else actors]
            offset = actors - self._low
            inside = (offset >= 0) & (offset < len(self._table))
            return np.where(inside, self._table[np.where(inside, offset, 0)], -1)
        pos = np.searchsorted(self._ids, actors)
        pos = np.clip(pos, 0, len(self._ids) - 1)
        return np.where(self._ids[pos] == actors, self._rows[pos], -1)

    def item_lanes(self, actors: np.ndarray) -> np.ndarray:
        """The lane row of every item of an index (its ``actor`` column), computed once."""
        if self._item_lanes is None or self._item_lanes[0] is not actors:
            self._item_lanes = (actors, self.rows_for(actors))
        return self._item_lanes[1]

    def lane_at(self, y: float) -> int:
        """The row at height ``y`` (0 = top of the first lane), or -1."""
        if not self.lanes or y < 0 or y >= self.height:
            return -1
        return int(np.searchsorted(self._tops, y, side="right")) - 1

    def sub_at(self, row: int, y: float) -> int:
        """The sub-row of lane ``row`` at height ``y`` (clamped to the lane's sub-rows)."""
        lane = self.lanes[row]
        depth = int(self.depths[row])
        if depth <= 1:
            return 0
        top = lane.top + (lane.height - depth * self.sub_height) / 2
        return int(min(max((y - top) // self.sub_height, 0), depth - 1))

    def row_of_actor(self, actor_id: int) -> int:
        return self.row_of.get(actor_id, -1)


def _build_lanes(
    actors: list[Actor], counts: dict[int, int], collapsed: set[int], hidden: set[int],
    lane_height: int,
) -> tuple[list[Lane], dict[int, int]]:
    """Side headers (busiest first) each followed by its members (by name)."""
    header_height = lane_height + HEADER_HEIGHT - LANE_HEIGHT
    by_id = {a.id: a for a in actors}
    groups: dict[int, list[Actor]] = {}
    for actor in actors:
        if not actor.is_side:
            groups.setdefault(actor.side_id, []).append(actor)

    def group_count(side: Actor) -> int:
        return counts.get(side.id, 0) + sum(counts.get(m.id, 0) for m in groups.get(side.id, []))

    sides = sorted(
        (a for a in actors if a.is_side), key=lambda a: (-group_count(a), a.name.casefold())
    )
    lanes: list[Lane] = []
    row_of: dict[int, int] = {}
    for side in (s for s in sides if s.id not in hidden):
        members = sorted(groups.get(side.id, []), key=lambda a: a.name.casefold())
        header = Lane(side.id, side.name, side.id, True, 0, height=header_height,
                      collapsed=side.id in collapsed, members=len(members))
        row_of[side.id] = len(lanes)
        lanes.append(header)
        for member in (m for m in members if m.id not in hidden):
            if header.collapsed:
                row_of[member.id] = row_of[side.id]
                continue
            row_of[member.id] = len(lanes)
            lanes.append(Lane(member.id, member.name, side.id, False, _depth(member, by_id),
                              height=lane_height))
    return lanes, row_of


def _depth(actor: Actor, by_id: dict[int, Actor]) -> int:
    depth, current, seen = 0, actor, {actor.id}
    while current.parent_id is not None and current.parent_id in by_id and depth < 8:
        current = by_id[current.parent_id]
        if current.id in seen:
            break
        seen.add(current.id)
        depth += 1
    return max(depth, 1)
