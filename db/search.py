"""Full-text search: what a typed query means, and FTS5 for a SQLite store.

Any text is a valid query: each word must occur (as a word prefix); the query syntax of
the engine is never exposed. :func:`query_words` and :func:`hits` are the rule for every
backend; :class:`FullText` runs it on SQLite.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterable

import numpy as np

from db import bulkdates, errors, schema
from db.dates import DateError, parse_date
from db.model import MATCH_END, MATCH_START, Hit
from db.scansearch import scan_rows

#: A store without full-text tables and more timeline rows than this is searched by a
#: scan (see :class:`FullText`).
SCAN_SEARCH_ROWS = 200_000

#: A read query that raises :class:`db.errors.StoreError` (``Store.query``).
Query = Callable[[str, Iterable[object]], list[tuple]]


def query_words(text: str) -> list[str]:
    """The words a typed query asks for: runs of letters and digits."""
    return "".join(c if c.isalnum() else " " for c in text).split()


def _in_time_order(rows: tuple[list[tuple], list[tuple]], limit: int) -> list[Hit]:
    found = hits("statement", rows[0]) + hits("event", rows[1])
    found.sort(key=lambda h: (h.start, h.kind, h.id))
    return found[:limit]


def hits(kind: str, rows: Iterable[tuple]) -> list[Hit]:
    """Hits from ``(id, snippet, actor id, date text)`` rows; unreadable dates are skipped."""
    rows = list(rows)
    return [
        Hit(kind, rid, start, actor, snippet or "")
        for (rid, snippet, actor, _), start in zip(rows, starts([r[3] for r in rows]), strict=True)
        if start is not None
    ]


def starts(dates: list) -> list[int | None]:
    """The first second of each date (None where it cannot be read): plain ISO dates in
    bulk (:func:`db.bulkdates.read`), the others row by row (:func:`parse_date`)."""
    blob = b"\x1f".join(
        d.encode("utf-8", "replace") if isinstance(d, str) else b"" if d is None else b"!"
        for d in dates
    )
    t0, _, _, ok, _ = bulkdates.read(blob, len(dates))
    found: list[int | None] = t0.tolist()
    for i in np.flatnonzero(~ok).tolist():
        try:
            found[i] = parse_date(dates[i]).span_seconds()[0]
        except DateError:
            found[i] = None
    return found


class FullText:
    """FTS5 search of one SQLite store, through the store's own full-text tables or,
    when it has none (or they are damaged), a copy built in memory on first use."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        lock: threading.RLock,
        query: Query,
        optional: Callable[[str, str], str],
        has_fts: bool,
        rows: int = 0,
    ) -> None:
        self._conn = conn
        self._lock = lock
        self._query = query
        self._optional = optional
        self._has_fts = has_fts
        self._temp_built = False
        # Without full-text tables, a large store is searched by a scan: building the
        # tables in memory would take seconds per million rows.
        self._scan = not has_fts and rows > SCAN_SEARCH_ROWS

    def search(self, text: str, limit: int) -> list[Hit]:
        """Statements and events matching every word of ``text``, in time order.

        Raises ``sqlite3.Error`` while building the in-memory tables (the store
        translates it) and :class:`db.errors.StoreError` on reading.
        """
        words = query_words(text)
        if not words:
            return []
        if self._scan:
            return _in_time_order(self._scan_rows(words, limit), limit)
        match = " ".join('"' + w.replace('"', "") + '"*' for w in words)
        self._ensure_temp()
        try:
            s_rows, e_rows = self._rows(match, limit)
        except errors.StoreError:
            if not self._has_fts:
                raise
            # The store's own full-text tables are damaged or out of step with the
            # statements: search a copy built in memory from the statements instead.
            self._has_fts = False
            self._ensure_temp()
            s_rows, e_rows = self._rows(match, limit)
        return _in_time_order((s_rows, e_rows), limit)

    def _scan_rows(self, words: list[str], limit: int) -> tuple[list[tuple], list[tuple]]:
        summary = self._optional("statements", "summary")
        description = self._optional("events", "description")
        statements = f"SELECT id, text, {summary}, actor_id, said FROM statements"
        events = f"SELECT id, title, {description}, NULL, start FROM events"
        return (
            scan_rows(self._query, statements, ("text", summary), words, limit),
            scan_rows(self._query, events, ("title", description), words, limit),
        )

    def _rows(self, match: str, limit: int) -> tuple[list[tuple], ...]:
        """Rows of the words themselves when they fill the limit, else of every word
        they start, for each table on its own: a prefix query merges the lists of every
        word starting so (``the`` took a second at 10M items; the word itself,
        milliseconds)."""
        found = []
        for table in ("statements", "events"):
            rows = self._fts_rows(table, match.replace('"*', '"'), limit)
            found.append(rows if len(rows) >= limit else self._fts_rows(table, match, limit))
        return tuple(found)

    def _fts_rows(self, table: str, match: str, limit: int) -> list[tuple]:
        prefix = "" if self._has_fts else "temp."
        columns = "s.actor_id, s.said" if table == "statements" else "NULL, s.start"
        return self._query(
            f"SELECT f.rowid, snippet({table}_fts, 0, ?, ?, '…', 12), {columns} "
            f"FROM {prefix}{table}_fts f JOIN {table} s ON s.id = f.rowid "
            f"WHERE {table}_fts MATCH ? LIMIT ?",
            (MATCH_START, MATCH_END, match, limit),
        )

    def _ensure_temp(self) -> None:
        """Build full-text tables in memory (temp schema) for a store that has none."""
        if self._has_fts or self._temp_built:
            return
        with self._lock:
            for table, columns in schema.FULL_TEXT.items():
                names = ", ".join(columns)
                self._conn.execute(f"DROP TABLE IF EXISTS temp.{table}_fts")
                self._conn.execute(f"CREATE VIRTUAL TABLE temp.{table}_fts USING fts5({names})")
                values = ", ".join(self._optional(table, column) for column in columns)
                self._fill(f"{table}_fts", names, table, values)
            self._temp_built = True

    def _fill(self, fts: str, names: str, table: str, columns: str) -> None:
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
            if rows:
                marks = ", ".join("?" * len(rows[0]))
                self._conn.executemany(insert + f"VALUES ({marks})", rows)
