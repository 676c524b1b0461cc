"""Reading a store: :func:`open_store` checks the file, then :class:`Store` answers queries.

The connection is read-only (``mode=ro``): viewing never changes a byte of the file.
Whatever Parley needs beyond the contract (time index, full-text index) it builds in
memory when the store lacks it.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import quote

import numpy as np

from db import errors, timeindex
from db.dates import DateError, When, parse_date
from db.model import Actor, Event, Hit, Position, Problem, Source, Statement, Stats, Topic
from db.pg.url import is_url
from db.schema import CONTRACT, SCHEMA_VERSION

SQLITE_MAGIC = b"SQLite format 3\x00"
#: What reading a damaged or foreign file can raise (a message in bytes that are not UTF-8
#: raises UnicodeDecodeError in place of the sqlite3 error).
_READ_ERRORS = (sqlite3.DatabaseError, UnicodeDecodeError)
BUSY_TIMEOUT_S = 2.0


def open_store(path: str | os.PathLike[str]) -> Store:
    """Open a Parley store read-only, or raise a :class:`db.errors.StoreError` saying why.

    ``path`` is a store file, or a ``postgresql://`` URL of a team store (:mod:`db.pg`).
    """
    if is_url(path):
        from db.pg.store import PgStore

        return PgStore(str(path))
    return Store(path)


def check_file(path: Path) -> None:
    """Raise the matching StoreError unless ``path`` is a readable SQLite file."""
    if not path.exists():
        raise errors.NoSuchFile(path, "no such file")
    if path.is_dir():
        raise errors.IsAFolder(path, "is a folder, not a Parley store")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_MAGIC))
    except PermissionError:
        raise errors.NotReadable(path, "permission denied: the file cannot be read") from None
    except OSError as error:
        raise errors.NotReadable(path, f"cannot be read ({error.strerror})") from None
    if not header:
        raise errors.NotSQLite(path, "is empty (0 bytes), not a Parley store")
    if header != SQLITE_MAGIC:
        raise errors.NotSQLite(path, "is not an SQLite database (wrong file type)")


class Store:
    """A Parley store opened read-only. Thread-safe: queries are serialised by a lock."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        check_file(self.path)
        uri = f"file:{quote(str(self.path.resolve()))}?mode=ro"
        self._lock = threading.RLock()
        try:
            # Autocommit: no statement opens a transaction that would keep a read lock
            # (filling the in-memory search tables did, and then no program could
            # write to the store while it was open).
            self._conn = sqlite3.connect(
                uri,
                uri=True,
                timeout=BUSY_TIMEOUT_S,
                check_same_thread=False,
                isolation_level=None,
            )
            # Text that is not UTF-8 (another program's bytes, a damaged page) reads with
            # U+FFFD in place of the bad bytes instead of raising UnicodeDecodeError.
            self._conn.text_factory = _text
            self._check_contract()
            self._load()
        except _READ_ERRORS as error:
            raise self._translate(error) from None

    # -- opening -----------------------------------------------------------------------

    def _translate(self, error: Exception) -> errors.StoreError:
        if isinstance(error, UnicodeDecodeError):  # SQLite's own message is not UTF-8
            return errors.NotSQLite(self.path, "is damaged (unreadable text in its schema)")
        # SQLite may quote a damaged schema: keep the message to one short line.
        text = " ".join(str(error).split())
        text = text if len(text) <= 160 else text[:160] + "…"
        if "locked" in text or "busy" in text:
            return errors.StoreLocked(
                self.path, f"is locked by another program (waited {BUSY_TIMEOUT_S:g} s)"
            )
        if "not a database" in text or "malformed" in text or "file is encrypted" in text:
            return errors.NotSQLite(self.path, f"is damaged or not an SQLite database ({text})")
        if "unable to open" in text or "disk I/O" in text:
            return errors.StoreGone(self.path, f"can no longer be read ({text})")
        return errors.StoreError(self.path, f"cannot be read ({text})")

    def _columns(self, table: str) -> set[str]:
        return {row[1] for row in self._conn.execute(f'PRAGMA table_info("{table}")')}

    def _check_contract(self) -> None:
        tables = {
            row[0]
            for row in self._conn.execute(
                "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')"
            )
        }
        if "meta" not in tables:
            raise errors.NotAStore(
                self.path, "is an SQLite database but not a Parley store (no meta table)"
            )
        meta = self._read_meta()
        version = meta.get("schema_version")
        if version is None:
            raise errors.NotAStore(self.path, "is not a Parley store (meta has no schema_version)")
        try:
            number = int(version)
        except ValueError:
            raise errors.NotAStore(
                self.path, f"has an unreadable schema_version {version!r}"
            ) from None
        if number > SCHEMA_VERSION:
            raise errors.SchemaTooNew(
                self.path,
                f"uses schema version {number}; this Parley reads up to {SCHEMA_VERSION} "
                "(update Parley to open it)",
            )
        missing = []
        for table, (required, _optional) in CONTRACT.items():
            if table not in tables:
                missing.append(f"table {table}")
                continue
            have = self._columns(table)
            missing += [f"{table}.{column}" for column in required if column not in have]
        if missing:
            raise errors.MissingColumns(self.path, "is missing " + ", ".join(missing))
        self.meta = meta
        self._has_ts = {"said_ts", "said_end_ts"} <= self._columns("statements") and {
            "start_ts",
            "end_ts",
        } <= self._columns("events")
        self._has_fts = {"statements_fts", "events_fts"} <= tables
        self._optional = {table: self._columns(table) for table in CONTRACT}

    def _read_meta(self) -> dict[str, str]:
        return {
            str(key): str(value)
            for key, value in self._conn.execute("SELECT key, value FROM meta")
            if key is not None and value is not None
        }

    def _load(self) -> None:
        self.problems: list[Problem] = []
        self._actors = self._read_actors()
        # Sorted once: the filter panel asks for the members of every side, and sorting
        # all actors per call made 10,000 sides take a minute.
        self._sorted_actors = sorted(
            self._actors.values(), key=lambda a: (not a.is_side, a.name.casefold())
        )
        self._members: dict[int, list[Actor]] = {}
        for actor in self._sorted_actors:
            if actor.side_id != actor.id:
                self._members.setdefault(actor.side_id, []).append(actor)
        self._topics = {
            row[0]: Topic(row[0], str(row[1]), row[2])
            for row in self._conn.execute(
                f"SELECT id, name, {self._col('topics', 'description')} FROM topics "
                "WHERE id IS NOT NULL AND name IS NOT NULL ORDER BY name"
            )
        }
        self._sources = {
            row[0]: Source(*row)
            for row in self._conn.execute(
                "SELECT id, "
                + ", ".join(
                    self._col("sources", c) for c in ("title", "outlet", "url", "published")
                )
                + " FROM sources WHERE id IS NOT NULL"
            )
        }
        self.index, problems = self._read_index()
        self.problems += problems
        self._data_version = self._pragma_data_version()

    def _col(self, table: str, column: str, alias: str = "") -> str:
        """A column when the table has it, else NULL (optional columns of the contract)."""
        prefix = f"{alias}." if alias else ""
        return f'{prefix}"{column}"' if column in self._optional[table] else "NULL"

    def _read_actors(self) -> dict[int, Actor]:
        rows = self._conn.execute(
            f"SELECT id, name, kind, {self._col('actors', 'parent_id')}, "
            f"{self._col('actors', 'aliases')}, "
            + ("title" if "title" in self._columns("actors") else "NULL")
            + " FROM actors"
        ).fetchall()
        raw: dict[int, tuple] = {}
        for rid, name, kind, parent, aliases, title in rows:
            if not isinstance(rid, int) or name is None:
                self.problems.append(Problem("actors", rid, "name", name, "no id or no name"))
                continue
            raw[rid] = (str(name), str(kind or "other"), parent, _aliases(aliases), title)
        sides = {rid: self._side_of(rid, raw) for rid in raw}
        return {
            rid: Actor(
                rid, name, kind, parent if sides[rid] != rid else None, sides[rid], aliases, title
            )
            for rid, (name, kind, parent, aliases, title) in raw.items()
        }

    def _side_of(self, rid: int, raw: dict[int, tuple]) -> int:
        """The root of an actor's parents; a cycle or a missing parent ends the climb."""
        seen = {rid}
        current = rid
        while True:
            parent = raw[current][2]
            if parent is None or parent not in raw or parent in seen:
                if parent is not None and parent not in seen and parent not in raw:
                    self.problems.append(
                        Problem("actors", current, "parent_id", parent, "no such actor")
                    )
                elif parent in seen and parent is not None:
                    self.problems.append(
                        Problem("actors", current, "parent_id", parent, "parents form a cycle")
                    )
                    return min(seen)
                return current
            seen.add(parent)
            current = parent

    def _read_index(self) -> tuple[timeindex.TimeIndex, list[Problem]]:
        return timeindex.build(self._conn, self._has_ts)

    def _pragma_data_version(self) -> int:
        return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    # -- lifecycle ---------------------------------------------------------------------

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def changed(self) -> bool:
        """True when another program has committed to the file since it was read.

        Raises :class:`db.errors.StoreGone` when the file was deleted or moved. Never
        waits: while a writer holds its lock the answer is False (ask again later), so
        a window polling this does not freeze for the busy timeout.
        """
        if not self.path.exists():
            raise errors.StoreGone(self.path, "was deleted or moved")
        with self._lock:
            try:
                self._conn.execute("PRAGMA busy_timeout = 0")
                try:
                    return self._pragma_data_version() != self._data_version
                finally:
                    self._conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            except sqlite3.OperationalError as error:
                if "locked" in str(error) or "busy" in str(error):
                    return False
                raise self._translate(error) from None
            except _READ_ERRORS as error:
                raise self._translate(error) from None

    def reload(self) -> None:
        """Read the store again (after :meth:`changed`)."""
        with self._lock:
            try:
                self._check_contract()
                self._load()
            except _READ_ERRORS as error:
                raise self._translate(error) from None

    def _query(self, sql: str, params: Iterable = ()) -> list[tuple]:
        with self._lock:
            try:
                return self._conn.execute(sql, tuple(params)).fetchall()
            except _READ_ERRORS as error:
                raise self._translate(error) from None

    # -- what the store holds ------------------------------------------------------------

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
        return [a for a in self.actors() if a.is_side]

    def members(self, side_id: int) -> list[Actor]:
        """Every actor under ``side_id`` (at any depth), by name, the side excluded."""
        return list(self._members.get(side_id, ()))

    def descendants(self, actor_id: int) -> set[int]:
        """``actor_id`` and every actor below it."""
        children: dict[int, list[int]] = {}
        for actor in self._actors.values():
            if actor.parent_id is not None:
                children.setdefault(actor.parent_id, []).append(actor.id)
        found, todo = {actor_id}, [actor_id]
        while todo:
            for child in children.get(todo.pop(), []):
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

    def source(self, source_id: int | None) -> Source | None:
        """One source by id, or None."""
        return self._sources.get(source_id) if source_id is not None else None

    def source_text(self, source_id: int) -> str | None:
        """The full text kept with a source (articles imported with import-article)."""
        if "text" not in self._columns("sources"):
            return None
        rows = self._query("SELECT text FROM sources WHERE id = ?", (source_id,))
        return rows[0][0] if rows else None

    def extent(self) -> tuple[int, int] | None:
        """The time the store covers, in seconds since 1970 ``(first start, last end)``."""
        return self.index.extent()

    def stats(self) -> Stats:
        """Counts of each table and the time extent."""
        counts = {
            table: int(self._query(f'SELECT count(*) FROM "{table}"')[0][0])
            for table in ("actors", "topics", "sources", "events", "statements")
        }
        stats = Stats(self.title, counts)
        extent = self.extent()
        if extent:
            from db.dates import from_seconds

            stats.first = from_seconds(extent[0]).isoformat(sep=" ")
            stats.last = from_seconds(extent[1]).isoformat(sep=" ")
        return stats

    # -- items -------------------------------------------------------------------------

    def event(self, event_id: int) -> Event | None:
        """One event with its actors, or None (also when its date cannot be read)."""
        cols = ", ".join(
            self._col("events", c) for c in ("description", "end", "location", "source_id")
        )
        rows = self._query(
            f"SELECT id, title, start, precision, {self._col('events', 'approximate')}, {cols} "
            "FROM events WHERE id = ?",
            (event_id,),
        )
        if not rows:
            return None
        rid, title, start, _precision, approx, description, end, location, source_id = rows[0]
        try:
            when = parse_date(start, bool(approx))
            end_when = parse_date(end) if end else None
        except DateError:
            return None
        actors = tuple(
            (actor_id, role or "participant")
            for actor_id, role in self._query(
                f"SELECT actor_id, {self._col('event_actors', 'role')} FROM event_actors "
                "WHERE event_id = ? ORDER BY rowid",
                (event_id,),
            )
        )
        return Event(
            rid,
            str(title),
            when,
            end_when,
            description,
            location,
            self.source(source_id),
            actors,
        )

    _STATEMENT_COLUMNS = (
        "id",
        "actor_id",
        "said",
        "approximate",
        "text",
        "kind",
        "topic_id",
        "stance",
        "summary",
        "source_id",
        "event_id",
        "span_start",
        "span_end",
    )

    def _statement_sql(self, where: str) -> str:
        cols = ", ".join(self._col("statements", c, "s") for c in self._STATEMENT_COLUMNS)
        return f"SELECT {cols} FROM statements s WHERE {where}"

    def _to_statement(self, row: tuple) -> Statement | None:
        rid, actor, said, approx, text, kind, topic, stance, summary, source, event, a, b = row
        try:
            when = parse_date(said, bool(approx))
        except DateError:
            return None
        span = (a, b) if isinstance(a, int) and isinstance(b, int) else None
        return Statement(
            rid,
            actor,
            when,
            str(text),
            str(kind or "direct"),
            topic,
            stance,
            summary,
            self.source(source),
            event,
            span,
        )

    def statement(self, statement_id: int) -> Statement | None:
        """One statement, or None."""
        rows = self._query(self._statement_sql("s.id = ?"), (statement_id,))
        return self._to_statement(rows[0]) if rows else None

    def labels(self, kind: str, ids: Iterable[int], length: int = 160) -> dict[int, str]:
        """Short labels for many items at once: event titles, or statement openings
        (direct quotations in curly quotes)."""
        if kind == "event":
            sql = "SELECT id, substr(title, 1, ?), NULL FROM events WHERE id IN ({})"
        else:
            sql = "SELECT id, substr(text, 1, ?), kind FROM statements WHERE id IN ({})"
        found: dict[int, str] = {}
        for chunk in _chunks(sorted(set(ids)), 500):
            for rid, text, how in self._query(sql.format(",".join("?" * len(chunk))),
                                              (length, *chunk)):
                text = " ".join(str(text or "").split())
                found[rid] = f"“{text}”" if how == "direct" else text
        return found

    def statements_by(self, actor_ids: Iterable[int]) -> list[Statement]:
        """Statements made by any of ``actor_ids``, oldest first."""
        ids = sorted(set(actor_ids))
        found: list[Statement] = []
        for chunk in _chunks(ids, 500):
            marks = ",".join("?" * len(chunk))
            for row in self._query(self._statement_sql(f"s.actor_id IN ({marks})"), chunk):
                statement = self._to_statement(row)
                if statement is not None:
                    found.append(statement)
        found.sort(key=lambda s: (s.when.start, s.id))
        return found

    def statements_of_event(self, event_id: int) -> list[Statement]:
        """Statements linked to one event, oldest first."""
        if "event_id" not in self._optional["statements"]:
            return []
        rows = self._query(self._statement_sql("s.event_id = ?"), (event_id,))
        found = [s for s in map(self._to_statement, rows) if s is not None]
        return sorted(found, key=lambda s: (s.when.start, s.id))

    def positions(self, actor_id: int, as_of: When | None = None) -> list[Position]:
        """An actor's positions by topic: its statements and those of the actors under it.

        Only statements made before the end of ``as_of`` count when it is given.
        Topics are ordered by name; statements without a topic come last.
        """
        statements = self.statements_by(self.descendants(actor_id))
        if as_of is not None:
            statements = [s for s in statements if s.when.start < as_of.end]
        by_topic: dict[int | None, list[Statement]] = {}
        for statement in statements:
            by_topic.setdefault(statement.topic_id, []).append(statement)
        positions = []
        for topic_id, group in by_topic.items():
            changes, previous = [], None
            for i, statement in enumerate(group):
                if statement.stance:
                    if previous is not None and statement.stance != previous:
                        changes.append(i)
                    previous = statement.stance
            positions.append(Position(self.topic(topic_id), tuple(group), tuple(changes)))
        positions.sort(key=lambda p: (p.topic is None, p.topic.name.casefold() if p.topic else ""))
        return positions

    def stance_matrix(
        self, actor_ids: Iterable[int], as_of: When | None = None
    ) -> dict[tuple[int, int], Statement]:
        """For each (actor, topic) with a stated stance: the latest statement as of a date."""
        cells: dict[tuple[int, int], Statement] = {}
        for actor_id in actor_ids:
            for position in self.positions(actor_id, as_of):
                current = position.current
                if position.topic and current is not None and current.stance:
                    cells[(actor_id, position.topic.id)] = current
        return cells

    # -- search ------------------------------------------------------------------------

    def search(self, text: str, limit: int = 500) -> list[Hit]:
        """Full-text search (FTS5) over statements and events, in time order.

        Each word of ``text`` must occur (as a word prefix); the query syntax of FTS5 is
        not exposed, so any text is a valid query.
        """
        words = [w for w in "".join(c if c.isalnum() else " " for c in text).split() if w]
        if not words:
            return []
        match = " ".join('"' + w.replace('"', "") + '"*' for w in words)
        self._ensure_fts()
        try:
            s_rows, e_rows = self._fts_rows(match, limit)
        except errors.StoreError:
            if not self._has_fts:
                raise
            # The store's own full-text tables are damaged or out of step with the
            # statements: search a copy built in memory from the statements instead.
            self._has_fts = False
            self._ensure_fts()
            s_rows, e_rows = self._fts_rows(match, limit)
        hits: list[Hit] = []
        for kind, rows in (("statement", s_rows), ("event", e_rows)):
            for rid, snippet, actor, date in rows:
                try:
                    start = parse_date(date).span_seconds()[0]
                except DateError:
                    continue
                hits.append(Hit(kind, rid, start, actor, snippet or ""))
        hits.sort(key=lambda h: (h.start, h.kind, h.id))
        return hits[:limit]

    def _fts_rows(self, match: str, limit: int) -> tuple[list[tuple], list[tuple]]:
        prefix = "" if self._has_fts else "temp."
        s_rows = self._query(
            "SELECT f.rowid, snippet(statements_fts, 0, '[', ']', '…', 12), "
            f"s.actor_id, s.said FROM {prefix}statements_fts f "
            "JOIN statements s ON s.id = f.rowid "
            "WHERE statements_fts MATCH ? LIMIT ?",
            (match, limit),
        )
        e_rows = self._query(
            "SELECT f.rowid, snippet(events_fts, 0, '[', ']', '…', 12), NULL, e.start "
            f"FROM {prefix}events_fts f JOIN events e ON e.id = f.rowid "
            "WHERE events_fts MATCH ? LIMIT ?",
            (match, limit),
        )
        return s_rows, e_rows

    def _ensure_fts(self) -> None:
        """Build full-text tables in memory (temp schema) for a store that has none."""
        if self._has_fts or getattr(self, "_temp_fts", False):
            return
        with self._lock:
            try:
                self._conn.executescript(
                    """
                    DROP TABLE IF EXISTS temp.statements_fts;
                    DROP TABLE IF EXISTS temp.events_fts;
                    CREATE VIRTUAL TABLE temp.statements_fts USING fts5(text, summary);
                    CREATE VIRTUAL TABLE temp.events_fts USING fts5(title, description);
                    """
                )
                summary = self._col("statements", "summary")
                description = self._col("events", "description")
                self._fill_fts("statements_fts", "text, summary", "statements", f"text, {summary}")
                self._fill_fts(
                    "events_fts", "title, description", "events", f"title, {description}"
                )
            except _READ_ERRORS as error:
                raise self._translate(error) from None
            self._temp_fts = True

    def _fill_fts(self, fts: str, names: str, table: str, columns: str) -> None:
        """Copy a table's text into a temporary FTS table (only integer ids can be rowids)."""
        select = f"SELECT id, {columns} FROM {table} WHERE typeof(id) = 'integer'"
        insert = f"INSERT INTO temp.{fts}(rowid, {names}) "
        try:
            self._conn.execute(insert + select)
        except sqlite3.IntegrityError:
            # A damaged table can list an id twice: keep the first row of each id.
            self._conn.execute(f"DELETE FROM temp.{fts}")
            seen: set[int] = set()
            rows = [r for r in self._conn.execute(select) if not (r[0] in seen or seen.add(r[0]))]
            self._conn.executemany(insert + "VALUES (?, ?, ?)", rows)

    # -- helpers for the time index ----------------------------------------------------

    def lane_items(self, rows: np.ndarray) -> Iterator[tuple[int, int, int]]:
        """(kind, row id, actor id) of index rows, for callers outside numpy."""
        index = self.index
        for i in rows.tolist():
            yield int(index.kind[i]), int(index.rid[i]), int(index.actor[i])


def _text(value: bytes) -> str:
    return value.decode("utf-8", "replace")


def _aliases(value: object) -> tuple[str, ...]:
    if not value:
        return ()
    if isinstance(value, str):
        try:
            parsed = json.loads(value)
        except ValueError:
            return tuple(part.strip() for part in value.split(";") if part.strip())
        if isinstance(parsed, list):
            return tuple(str(item) for item in parsed if item)
        return (str(parsed),)
    return ()


def _chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
