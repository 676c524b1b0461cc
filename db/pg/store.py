"""The read API on a team store: :class:`PgStore`, the same :class:`~db.store.Store` surface.

The SQL the file store runs is plain enough for both engines (parameters become
psycopg's), so a team store answers with the same methods; what differs lives here:
opening (a read-only session, the version check), the time index (one binary COPY),
full-text search (``tsvector`` + GIN) and noticing other people's writes (the
``revision`` row every writer bumps).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import PurePosixPath

import psycopg

from db import errors, indexcache, indexread, timeindex
from db.actors import resolve_actors
from db.api import Store
from db.model import Hit, Problem
from db.pg import index, schema
from db.pg.connect import connect, translate
from db.pg.url import database_name, mask
from db.schema import CONTRACT
from db.search import hits, query_words
from db.store import SQLiteStore
from db.timeindex import TimeIndex

#: What users type, read by websearch_to_tsquery ("quoted phrases", or, -not); with
#: ``%(prefix)s`` true, each word of three letters or more also matches as a prefix (as the
#: file store's search does while one types; a shorter one would merge the lists of
#: thousands of words).
_QUERY = (
    "(SELECT CASE WHEN %(prefix)s THEN coalesce(nullif(regexp_replace("
    "websearch_to_tsquery('simple', %(q)s)::text, '''([^'']{3,})''', '''\\1'':*', 'g'), ''), "
    "'')::tsquery ELSE websearch_to_tsquery('simple', %(q)s) END AS q)"
)
_HEADLINE = "'StartSel=[, StopSel=], MaxWords=14, MinWords=6, FragmentDelimiter=\" … \"'"


#: Stores with at least this many statements (the planner's estimate) read their index on
#: two connections at once.
PARALLEL_ROWS = 50_000


class PgStore(SQLiteStore):
    """A team store opened read-only: the server refuses any write from this session.

    The file backend's item readers (event, statement, labels…) run plain SQL that both
    engines read alike, so they are inherited; opening, noticing writes, ``query``,
    ``columns`` and search are this engine's own.
    """

    def __init__(self, url: str) -> None:
        self.url = url
        self.location = mask(url)
        self._lock = threading.RLock()
        self._conn = connect(url, read_only=True)
        self._fresh: psycopg.Connection | None = None  # a new session, once reconnected
        self._connecting: threading.Thread | None = None
        self._closed = False
        try:
            meta = schema.check_version(self._conn, url)
            self._have = {table: self.columns(table) for table in CONTRACT}
            actors, problems = resolve_actors(self._conn.execute(self._actors_sql()).fetchall())
            topics, sources = self._read_topics(), self._read_sources()
            # The revision before the index: a write landing in between makes the next
            # look at it see a change (a reload), never miss one.
            self._data_version = self._revision()
            index, index_problems = self._cached_index()
        except psycopg.Error as error:
            self._conn.close()
            raise translate(url, error) from None
        except errors.StoreError:
            self._conn.close()
            raise
        # the title's fallback, like a file's stem
        path = PurePosixPath(database_name(url))
        Store.__init__(self, path, meta, actors, topics, sources, index, problems + index_problems)

    def __del__(self) -> None:
        # A store dropped without close() (a command's one look) closes its session.
        for conn in (getattr(self, "_conn", None), getattr(self, "_fresh", None)):
            if conn is not None and not conn.closed:
                conn.close()

    def close(self) -> None:
        """End the session (and stop reconnecting)."""
        with self._lock:
            self._closed = True
            for conn in (self._conn, self._fresh):
                if conn is not None:
                    conn.close()

    def columns(self, table: str) -> set[str]:
        """The columns ``table`` has (``rowid`` too where the file has one implicitly)."""
        with self._lock:
            try:
                names = set(schema.columns(self._conn, table)) - schema.GENERATED
            except psycopg.Error as error:
                raise translate(self.url, error) from None
        return names | ({"rowid"} if names and table == "event_actors" else set())

    def _cached_index(self) -> tuple[TimeIndex, list[Problem]]:
        """The index from Parley's cache when the store is at the revision it was read at,
        else read (and cached when large and read while no one wrote)."""
        key = index.cache_key(self._conn, *self._data_version)
        names = (*(name for name, _ in indexread.COLUMNS), "long")
        arrays = indexcache.load(key, names)
        # (the file backend's check that a cache entry's columns fit together)
        found = timeindex._checked(arrays) if arrays is not None else None
        if found is not None:
            return found, []
        found, problems = self._read_index()
        if not problems and len(found) >= timeindex.CACHE_MIN_ROWS and (
            self._revision() == self._data_version
        ):
            indexcache.save(key, {name: getattr(found, name) for name in names})
        return found, problems

    def _read_index(self) -> tuple[TimeIndex, list[Problem]]:
        # A large store reads its statements on a second connection at the same time.
        rows = self._conn.execute(
            "SELECT reltuples FROM pg_class WHERE oid = 'statements'::regclass"
        ).fetchone()[0]
        large = rows is not None and rows >= PARALLEL_ROWS
        second = (lambda: connect(self.url, read_only=True)) if large else None
        return index.build(self._conn, second)

    def _revision(self) -> tuple[str, int]:
        """The store's identity and revision: (uuid, number of committed writes)."""
        uuid, n = self._conn.execute("SELECT uuid::text, n FROM revision").fetchone()
        return str(uuid), int(n)

    def query(self, sql: str, params: Iterable[object] = ()) -> list[tuple]:
        """Rows of one read-only query (``?`` placeholders); errors become StoreErrors."""
        with self._lock:
            try:
                return self._conn.execute(
                    sql.replace("%", "%%").replace("?", "%s"), tuple(params)
                ).fetchall()
            except psycopg.Error as error:
                raise translate(self.url, error) from None

    def changed(self) -> bool:
        """True when someone has written to the store since it was read (never waits
        for a writer: the revision row is read without a lock).

        Raises StoreGone while the session is lost (the server stopped, the network
        dropped), meanwhile connecting again in the background; once a new session is
        there, answers again (True when the store changed or was replaced meanwhile).
        """
        with self._lock:
            if self._conn.broken or (self._conn.closed and not self._closed):
                self._reconnect()
            try:
                return self._revision() != self._data_version
            except psycopg.Error as error:
                raise translate(self.url, error) from None

    def _reconnect(self) -> None:
        """Use the new session when the background has one, else (re)start connecting
        there and raise StoreGone: a window asking never waits for a server that is down."""
        if self._fresh is not None:
            self._conn.close()
            self._conn, self._fresh = self._fresh, None
            return
        if self._connecting is None or not self._connecting.is_alive():
            self._connecting = threading.Thread(
                target=self._connect_again, name="parley-pg-reconnect", daemon=True
            )
            self._connecting.start()
        raise errors.StoreGone(
            self.location, "lost the connection to the server (trying again in the background)"
        )

    def _connect_again(self) -> None:
        try:
            fresh = connect(self.url, read_only=True)
        except errors.StoreError:
            return  # the next look tries again
        with self._lock:
            if self._closed:
                fresh.close()
            else:
                self._fresh = fresh

    def search(self, text: str, limit: int = 500) -> list[Hit]:
        """Full-text search over statements and events, in time order: what users type,
        read by ``websearch_to_tsquery``. As in the file store, each table gives its first
        ``limit`` rows by id holding the words themselves or, when fewer do, the words as
        prefixes too (the first ones, not all of them sorted by time: ``the`` is in most
        statements; the planner walks the ids and stops, or sorts a rare word's few)."""
        if not query_words(text):
            return []
        found = []
        for kind in ("statement", "event"):
            rows = self._search_rows(kind, text, limit, prefix=False)
            if len(rows) < limit:
                rows = self._search_rows(kind, text, limit, prefix=True)
            found += hits(kind, rows)
        found.sort(key=lambda h: (h.start, h.kind, h.id))
        return found[:limit]

    def _search_rows(self, kind: str, text: str, limit: int, prefix: bool) -> list[tuple]:
        """(id, snippet, actor, date) of the first ``limit`` rows of a table that match."""
        text_column, actor, date, table = (
            ("s.text", "s.actor_id", "s.said", "statements") if kind == "statement"
            else ("s.title", "NULL::bigint", "s.start", "events")
        )
        sql = f"""
            WITH w AS {_QUERY}
            SELECT s.id, ts_headline('simple', {text_column}, w.q, {_HEADLINE}), {actor}, {date}
            FROM {table} s, w WHERE s.fts @@ w.q ORDER BY s.id LIMIT %(n)s"""
        with self._lock:
            try:
                return self._conn.execute(
                    sql, {"q": text, "n": limit, "prefix": prefix}
                ).fetchall()
            except psycopg.Error as error:
                raise translate(self.url, error) from None
