"""Plain records returned by :class:`db.api.Store`. Read-only values, no behaviour."""

from __future__ import annotations

from dataclasses import dataclass, field

from db.dates import When


@dataclass(frozen=True, slots=True)
class Actor:
    """A person, state, organization or group. ``side_id`` is the root of its parents."""

    id: int
    name: str
    kind: str
    parent_id: int | None
    side_id: int
    aliases: tuple[str, ...] = ()
    title: str | None = None

    @property
    def is_side(self) -> bool:
        """True for an actor that speaks for no one above it."""
        return self.side_id == self.id


@dataclass(frozen=True, slots=True)
class Topic:
    id: int
    name: str
    description: str | None = None


@dataclass(frozen=True, slots=True)
class Source:
    id: int
    title: str | None
    outlet: str | None
    url: str | None
    published: str | None


@dataclass(frozen=True, slots=True)
class Event:
    """A dated happening. ``actors`` pairs actor ids with their role."""

    id: int
    title: str
    when: When
    end: When | None
    description: str | None
    location: str | None
    source: Source | None
    actors: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Statement:
    """What an actor said, with when, how (``direct`` or ``reported``) and on what."""

    id: int
    actor_id: int
    when: When
    text: str
    kind: str
    topic_id: int | None
    stance: str | None
    summary: str | None
    source: Source | None
    event_id: int | None
    span: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Position:
    """An actor's position on one topic: its statements there, oldest first.

    ``changes`` are the indexes in ``statements`` where the stance differs from the
    previous stance stated.
    """

    topic: Topic | None
    statements: tuple[Statement, ...]
    changes: tuple[int, ...] = ()

    @property
    def current(self) -> Statement | None:
        """The latest statement that takes a stance (or the latest one)."""
        with_stance = [s for s in self.statements if s.stance]
        return (with_stance or list(self.statements) or [None])[-1]


#: Around each matched word of :attr:`Hit.snippet` (control characters, never in text).
MATCH_START, MATCH_END = "\x02", "\x03"


@dataclass(frozen=True, slots=True)
class Hit:
    """A full-text search match: ``kind`` is ``event`` or ``statement``. ``snippet`` is
    plain text with each matched word between :data:`MATCH_START` and :data:`MATCH_END`."""

    kind: str
    id: int
    start: int
    actor_id: int | None
    snippet: str


@dataclass(frozen=True, slots=True)
class Problem:
    """A row skipped while reading: which table and row, which value, and why."""

    table: str
    row_id: object
    column: str
    value: object
    reason: str

    def __str__(self) -> str:
        return f"{self.table} {self.row_id}: {self.column} {self.value!r}: {self.reason}"


@dataclass(slots=True)
class Stats:
    """Counts and time extent of a store."""

    title: str
    counts: dict[str, int] = field(default_factory=dict)
    first: str | None = None
    last: str | None = None
