"""The SQLite backend of the read API (:class:`db.api.Store`): one store file.

The connection is read-only (``mode=ro``): viewing never changes a byte of the file.
Whatever Parley needs beyond the contract (time index, full-text index) it builds in
memory when the store lacks it (or holds a stale one: :mod:`db.embedindex`).
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import quote

from db import embedindex, errors, schema, timeindex
from db.actors import resolve_actors
from db.api import Store
from db.dates import DateError, parse_date
from db.model import Event, Hit, Source, Statement, Topic
from db.search import FullText

SQLITE_MAGIC = b"SQLite format 3\x00"
#: What reading a damaged or foreign file can raise (a message in bytes that are not UTF-8
#: raises UnicodeDecodeError in place of the sqlite3 error).
_READ_ERRORS = (sqlite3.DatabaseError, UnicodeDecodeError)
BUSY_TIMEOUT_S = 2.0


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


#: The statement columns read, in the order :meth:`SQLiteStore._to_statement` takes them:
#: the required ones that say what was said, then every optional one of the contract.
STATEMENT_COLUMNS = ("id", "actor_id", "said", "text", "kind", *schema.CONTRACT["statements"][1])


class SQLiteStore(Store):
    """A Parley store file opened read-only. Thread-safe: queries are serialised by a lock."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        path = Path(path)
        check_file(path)
        self._lock = threading.RLock()
        self._conn = _connect(path)
        try:
            tables = schema.tables(self._conn)
            meta = _check_contract(self._conn, path, tables)
            # Every column of every contract table: optional ones may be missing.
            self._have = {table: schema.columns(self._conn, table) for table in schema.CONTRACT}
            actors, problems = resolve_actors(self._conn.execute(self._actors_sql()).fetchall())
            topics = self._read_topics()
            # The index Parley's writers keep in the store, while no other program has
            # written since; else read from the rows (or Parley's cache of them).
            has_ts = embedindex.has_time_columns(self._conn)
            index, index_problems = embedindex.open_index(self._conn, has_ts), []
            if index is None:
                index, index_problems = timeindex.build(self._conn, has_ts)
            self._data_version = _data_version(self._conn)
        except _READ_ERRORS as error:
            self._conn.close()
            raise translate(path, error) from None
        has_fts = {"statements_fts", "events_fts"} <= tables
        self._full_text = FullText(
            self._conn, self._lock, self.query, self._col, has_fts, rows=len(index)
        )
        # Sources are read on first use: a store may hold many, and the first frame
        # needs none of them.
        super().__init__(
            path, meta, actors, topics, self._read_sources, index, problems + index_problems
        )

    # -- opening -----------------------------------------------------------------------

    def _col(self, table: str, column: str, alias: str = "") -> str:
        """A column when the table has it, else NULL (optional columns of the contract)."""
        prefix = f"{alias}." if alias else ""
        return f'{prefix}"{column}"' if column in self._have[table] else "NULL"

    def _actors_sql(self) -> str:
        cols = ", ".join(self._col("actors", c) for c in ("parent_id", "aliases", "title"))
        return f"SELECT id, name, kind, {cols} FROM actors"

    def _read_topics(self) -> list[Topic]:
        return [
            Topic(row[0], str(row[1]), row[2])
            for row in self._conn.execute(
                f"SELECT id, name, {self._col('topics', 'description')} FROM topics "
                "WHERE id IS NOT NULL AND name IS NOT NULL ORDER BY name"
            )
        ]

    def _read_sources(self) -> list[Source]:
        cols = ", ".join(self._col("sources", c) for c in ("title", "outlet", "url", "published"))
        rows = self.query(f"SELECT id, {cols} FROM sources WHERE id IS NOT NULL")
        return [Source(*row) for row in rows]

    # -- lifecycle ---------------------------------------------------------------------

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            self._conn.close()

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
                    return _data_version(self._conn) != self._data_version
                finally:
                    self._conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            except sqlite3.OperationalError as error:
                if "locked" in str(error) or "busy" in str(error):
                    return False
                raise translate(self.path, error) from None
            except _READ_ERRORS as error:
                raise translate(self.path, error) from None

    # -- the tables ----------------------------------------------------------------------

    def query(self, sql: str, params: Iterable[object] = ()) -> list[tuple]:
        """Rows of one read-only query (``?`` placeholders); errors become StoreErrors."""
        with self._lock:
            try:
                return self._conn.execute(sql, tuple(params)).fetchall()
            except _READ_ERRORS as error:
                raise translate(self.path, error) from None

    def columns(self, table: str) -> set[str]:
        """The columns ``table`` has (empty when it does not exist)."""
        return {row[1] for row in self.query(f'PRAGMA table_info("{table}")')}

    def source_text(self, source_id: int) -> str | None:
        """The full text kept with a source (articles imported with import-article)."""
        if "text" not in self.columns("sources"):
            return None
        rows = self.query("SELECT text FROM sources WHERE id = ?", (source_id,))
        return rows[0][0] if rows else None

    # -- items -------------------------------------------------------------------------

    def event(self, event_id: int) -> Event | None:
        """One event with its actors, or None (also when its date cannot be read)."""
        cols = ", ".join(
            self._col("events", c)
            for c in ("approximate", "description", "end", "location", "source_id")
        )
        rows = self.query(f"SELECT id, title, start, {cols} FROM events WHERE id = ?", (event_id,))
        if not rows:
            return None
        rid, title, start, approx, description, end, location, source_id = rows[0]
        try:
            when = parse_date(start, bool(approx))
            end_when = parse_date(end) if end else None
        except DateError:
            return None
        actors = tuple(
            (actor_id, role or "participant")
            for actor_id, role in self.query(
                f"SELECT actor_id, {self._col('event_actors', 'role')} FROM event_actors "
                "WHERE event_id = ? ORDER BY rowid",
                (event_id,),
            )
        )
        return Event(
            rid, str(title), when, end_when, description, location, self.source(source_id), actors
        )

    def _statement_sql(self, where: str) -> str:
        cols = ", ".join(self._col("statements", c, "s") for c in STATEMENT_COLUMNS)
        return f"SELECT {cols} FROM statements s WHERE {where}"

    def _statements(self, where: str, params: Iterable[object]) -> list[Statement]:
        """The readable statements matching an SQL condition on ``s``, oldest first."""
        rows = self.query(self._statement_sql(where), params)
        found = [s for s in map(self._to_statement, rows) if s is not None]
        return sorted(found, key=lambda s: (s.when.start, s.id))

    def _to_statement(self, row: tuple) -> Statement | None:
        rid, actor, said, text, kind, approx, topic, stance, summary, source, event, a, b = row
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
        rows = self.query(self._statement_sql("s.id = ?"), (statement_id,))
        return self._to_statement(rows[0]) if rows else None

    def statements_by(self, actor_ids: Iterable[int]) -> list[Statement]:
        """Statements made by any of ``actor_ids``, oldest first."""
        found: list[Statement] = []
        for chunk in _chunks(sorted(set(actor_ids)), 500):
            found += self._statements(f"s.actor_id IN ({','.join('?' * len(chunk))})", chunk)
        found.sort(key=lambda s: (s.when.start, s.id))
        return found

    def statements_of_event(self, event_id: int) -> list[Statement]:
        """Statements linked to one event, oldest first."""
        if "event_id" not in self._have["statements"]:
            return []
        return self._statements("s.event_id = ?", (event_id,))

    def labels(self, kind: str, ids: Iterable[int], length: int = 160) -> dict[int, str]:
        """Short labels for many items at once: event titles, or statement openings
        (direct quotations in curly quotes)."""
        if kind == "event":
            sql = "SELECT id, substr(title, 1, ?), NULL FROM events WHERE id IN ({})"
        else:
            sql = "SELECT id, substr(text, 1, ?), kind FROM statements WHERE id IN ({})"
        found: dict[int, str] = {}
        for chunk in _chunks(sorted(set(ids)), 500):
            marks = ",".join("?" * len(chunk))
            for rid, text, how in self.query(sql.format(marks), (length, *chunk)):
                text = " ".join(str(text or "").split())
                found[rid] = f"“{text}”" if how == "direct" else text
        return found

    def source_order(self, ids: Iterable[int]) -> dict[int, int]:
        """For statements taken from a source, a number that orders them as the source
        does (the source, then the offset of the quotation in its text)."""
        if not {"source_id", "span_start"} <= self.columns("statements"):
            return {}
        sql = "SELECT id, source_id, span_start FROM statements WHERE id IN ({})"
        found: dict[int, int] = {}
        for chunk in _chunks(sorted(set(ids)), 500):
            for rid, source, offset in self.query(sql.format(",".join("?" * len(chunk))), chunk):
                if isinstance(source, int) and isinstance(offset, int):
                    found[rid] = (source << 32) + max(offset, 0)
        return found

    def search(self, text: str, limit: int = 500) -> list[Hit]:
        """Full-text search (FTS5) over statements and events, in time order.

        Each word of ``text`` must occur (as a word prefix); the query syntax of FTS5 is
        not exposed, so any text is a valid query.
        """
        try:
            return self._full_text.search(text, limit)
        except _READ_ERRORS as error:
            raise translate(self.path, error) from None


def _connect(path: Path) -> sqlite3.Connection:
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    try:
        # Autocommit: no statement opens a transaction that would keep a read lock
        # (filling the in-memory search tables did, and then no program could
        # write to the store while it was open).
        conn = sqlite3.connect(
            uri, uri=True, timeout=BUSY_TIMEOUT_S, check_same_thread=False, isolation_level=None
        )
    except _READ_ERRORS as error:
        raise translate(path, error) from None
    # Text that is not UTF-8 (another program's bytes, a damaged page) reads with
    # U+FFFD in place of the bad bytes instead of raising UnicodeDecodeError.
    conn.text_factory = _text
    return conn


def translate(path: Path, error: Exception) -> errors.StoreError:
    """The StoreError that says, in one short line, why reading ``path`` failed."""
    if isinstance(error, UnicodeDecodeError):  # SQLite's own message is not UTF-8
        return errors.NotSQLite(path, "is damaged (unreadable text in its schema)")
    # SQLite may quote a damaged schema: keep the message to one short line.
    text = " ".join(str(error).split())
    text = text if len(text) <= 160 else text[:160] + "…"
    if "locked" in text or "busy" in text:
        waited = f"waited {BUSY_TIMEOUT_S:g} s"
        return errors.StoreLocked(path, f"is locked by another program ({waited})")
    if "not a database" in text or "malformed" in text or "file is encrypted" in text:
        return errors.NotSQLite(path, f"is damaged or not an SQLite database ({text})")
    if "unable to open" in text or "disk I/O" in text:
        return errors.StoreGone(path, f"can no longer be read ({text})")
    return errors.StoreError(path, f"cannot be read ({text})")


def _data_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA data_version").fetchone()[0])


def _check_contract(conn: sqlite3.Connection, path: Path, tables: set[str]) -> dict[str, str]:
    """The store's meta, once its version and the contract's tables and columns check out."""
    if "meta" not in tables:
        raise errors.NotAStore(path, "is an SQLite database but not a Parley store (no meta table)")
    meta = {
        str(key): str(value)
        for key, value in conn.execute("SELECT key, value FROM meta")
        if key is not None and value is not None
    }
    version = meta.get("schema_version")
    if version is None:
        raise errors.NotAStore(path, "is not a Parley store (meta has no schema_version)")
    try:
        number = int(version)
    except ValueError:
        raise errors.NotAStore(path, f"has an unreadable schema_version {version!r}") from None
    if number > schema.SCHEMA_VERSION:
        raise errors.SchemaTooNew(
            path,
            f"uses schema version {number}; this Parley reads up to {schema.SCHEMA_VERSION} "
            "(update Parley to open it)",
        )
    missing = []
    # (the v2 tables are read when present: validate names them when missing)
    for table, (required, _optional) in schema.CONTRACT.items():
        if table not in tables:
            missing.append(f"table {table}")
            continue
        have = schema.columns(conn, table)
        missing += [f"{table}.{column}" for column in required if column not in have]
    if missing:
        raise errors.MissingColumns(path, "is missing " + ", ".join(missing))
    return meta

def _text(value: bytes) -> str:
    return value.decode("utf-8", "replace")


def _chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
