"""The read API: what the viewer, the exporters and the tools may ask of a store.

:class:`Store` is defined once here, for every backend: a backend (the SQLite file in
:mod:`db.store`; a PostgreSQL server later) reads the catalogue (actors, topics, sources)
and the time index when it opens, hands them to ``Store.__init__``, and implements the
abstract methods. Everything derived from the catalogue (sides, members, descendants,
extent, counts) is answered here, the same way for every backend. Positions
(:mod:`db.positions`) are computed from this API alone.
"""

from __future__ import annotations

import functools
import os
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from pathlib import Path

from db.corroboration import Corroboration
from db.dates import from_seconds
from db.model import Actor, Event, Hit, Problem, Source, Statement, Stats, Topic
from db.pg.url import is_url
from db.timeindex import TimeIndex

#: The tables whose rows :meth:`Store.stats` counts.
COUNTED_TABLES = ("actors", "topics", "sources", "events", "statements")


def open_store(location: str | os.PathLike[str]) -> Store:
    """Open the store at ``location`` read-only, or raise a :class:`db.errors.StoreError`.

    ``location`` is a store file, or a ``postgresql://`` URL of a team store (:mod:`db.pg`).
    """
    if is_url(location):
        from db.pg.store import PgStore

        return PgStore(str(location))
    from db.store import SQLiteStore

    return SQLiteStore(location)


class Store(ABC):
    """A Parley store opened read-only: the catalogue in memory, items on request.

    ``path`` is where the store lives, ``meta`` its meta table, ``problems`` the rows
    skipped on reading (each with its reason) and ``index`` the
    :class:`~db.timeindex.TimeIndex` of every timeline item.
    """

    def __init__(
        self,
        path: Path,
        meta: dict[str, str],
        actors: dict[int, Actor],
        topics: Iterable[Topic],
        sources: Iterable[Source] | Callable[[], Iterable[Source]],
        index: TimeIndex,
        problems: list[Problem],
    ) -> None:
        self.path = path
        self.meta = meta
        self.index = index
        self.problems = problems
        self._actors = actors
        # Sorted once: the filter panel asks for the members of every side, and sorting
        # all actors per call made 10,000 sides take a minute.
        self._sorted_actors = sorted(
            actors.values(), key=lambda a: (not a.is_side, a.name.casefold())
        )
        self._members: dict[int, list[Actor]] = {}
        self._children: dict[int, list[int]] = {}
        for actor in self._sorted_actors:
            if actor.side_id != actor.id:
                self._members.setdefault(actor.side_id, []).append(actor)
            if actor.parent_id is not None:
                self._children.setdefault(actor.parent_id, []).append(actor.id)
        self._topics = {topic.id: topic for topic in sorted(topics, key=lambda t: t.name)}
        self._source_reader = sources  # or a function reading them on first use

    # -- lifecycle ---------------------------------------------------------------------

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @abstractmethod
    def close(self) -> None:
        """Let go of the store (a file's connection, a server's session)."""

    @abstractmethod
    def changed(self) -> bool:
        """True when another program has written to the store since it was read.

        Never waits for a writer; raises :class:`db.errors.StoreGone` when the store
        is no longer there.
        """

    # -- the catalogue -----------------------------------------------------------------

    @functools.cached_property
    def corroboration(self) -> Corroboration:
        """Appearances and relations (see :mod:`db.corroboration`)."""
        return Corroboration(self)

    @property
    def title(self) -> str:
        """The store's title (meta ``title``), or the file name."""
        return self.meta.get("title") or self.path.stem

    def actors(self) -> list[Actor]:
        """Every actor, sides first then by name."""
        return list(self._sorted_actors)

    def actor(self, actor_id: int) -> Actor | None:
        """One actor by id, or None."""
        return self._actors.get(actor_id)

    def sides(self) -> list[Actor]:
        """Actors that speak for no one above them, by name."""
        return [a for a in self._sorted_actors if a.is_side]

    def members(self, side_id: int) -> list[Actor]:
        """Every actor under ``side_id`` (at any depth), by name, the side excluded."""
        return list(self._members.get(side_id, ()))

    def descendants(self, actor_id: int) -> set[int]:
        """``actor_id`` and every actor below it."""
        found, todo = {actor_id}, [actor_id]
        while todo:
            for child in self._children.get(todo.pop(), ()):
                if child not in found:
                    found.add(child)
                    todo.append(child)
        return found

    def topics(self) -> list[Topic]:
        """Every topic, by name."""
        return list(self._topics.values())

    def topic(self, topic_id: int | None) -> Topic | None:
        """One topic by id, or None."""
        return self._topics.get(topic_id) if topic_id is not None else None

    @functools.cached_property
    def _sources(self) -> dict[int, Source]:
        reader = self._source_reader
        return {source.id: source for source in (reader() if callable(reader) else reader)}

    def source(self, source_id: int | None) -> Source | None:
        """One source by id, or None."""
        return self._sources.get(source_id) if source_id is not None else None

    def extent(self) -> tuple[int, int] | None:
        """The time the store covers, in seconds since 1970 ``(first start, last end)``."""
        return self.index.extent()

    def stats(self) -> Stats:
        """Counts of each table and the time extent."""
        counts = {
            table: int(self.query(f'SELECT count(*) FROM "{table}"')[0][0])
            for table in COUNTED_TABLES
        }
        stats = Stats(self.title, counts)
        extent = self.extent()
        if extent:
            stats.first = from_seconds(extent[0]).isoformat(sep=" ")
            stats.last = from_seconds(extent[1]).isoformat(sep=" ")
        return stats

    # -- items, read on request ---------------------------------------------------------

    @abstractmethod
    def event(self, event_id: int) -> Event | None:
        """One event with its actors, or None (also when its date cannot be read)."""

    @abstractmethod
    def statement(self, statement_id: int) -> Statement | None:
        """One statement, or None (also when its date cannot be read)."""

    @abstractmethod
    def statements_by(self, actor_ids: Iterable[int]) -> list[Statement]:
        """Statements made by any of ``actor_ids``, oldest first."""

    def topic_texts(self, per_topic: int = 200) -> dict[int, list[str]]:
        """The words filed under each topic (topic id → text and summary of its newest
        ``per_topic`` statements): what a new article is matched against, bounded so that a
        store of millions costs no more than one of thousands."""
        summary = "summary" if "summary" in self.columns("statements") else "NULL"
        rows = self.query(
            f"SELECT topic_id, text, summary FROM (SELECT topic_id, text, {summary} AS summary,"
            " row_number() OVER (PARTITION BY topic_id ORDER BY id DESC) AS n"
            " FROM statements WHERE topic_id IS NOT NULL) AS filed WHERE n <= ?", (per_topic,))
        texts: dict[int, list[str]] = {}
        for topic_id, text, summary_text in rows:
            texts.setdefault(topic_id, []).append(" ".join(p for p in (text, summary_text) if p))
        return texts

    @abstractmethod
    def statements_of_event(self, event_id: int) -> list[Statement]:
        """Statements linked to one event, oldest first."""

    @abstractmethod
    def labels(self, kind: str, ids: Iterable[int], length: int = 160) -> dict[int, str]:
        """Short labels for many items of ``kind`` (``event`` or ``statement``) at once:
        event titles, or statement openings (direct quotations in curly quotes)."""

    @abstractmethod
    def source_order(self, ids: Iterable[int]) -> dict[int, int]:
        """For statements taken from a source (by id), a number that orders them as the
        source does; statements without a known place are left out."""

    @abstractmethod
    def source_text(self, source_id: int) -> str | None:
        """The full text kept with a source (articles imported with import-article)."""

    @abstractmethod
    def search(self, text: str, limit: int = 500) -> list[Hit]:
        """Full-text search over statements and events, in time order.

        Each word of ``text`` must occur (as a word prefix); any text is a valid query.
        """

    # -- the tables, for tools (validate, dump) ----------------------------------------

    @abstractmethod
    def columns(self, table: str) -> set[str]:
        """The columns ``table`` has (empty when it has none or does not exist)."""

    @abstractmethod
    def query(self, sql: str, params: Iterable[object] = ()) -> list[tuple]:
        """Rows of one read-only query: ``?`` placeholders, names in double quotes.

        Raises :class:`db.errors.StoreError` when the store cannot be read.
        """

