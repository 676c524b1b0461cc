"""A synthetic store for benchmarks: ``parley synth OUT --events N [--seed S]``.

About half the items are statements (quotations of realistic length, a topic, a stance
that changes over time) and half events (one to three actors each), shaped like news
(:mod:`db.synthworld`). The same ``seed`` gives the same store, row for row.

Written fast on two cores: the events, their links to actors and the events' full-text
index go into the new store on one thread while the statements and theirs are drawn and
written into a second file on another (then their part of the time index is made from
the columns; the events' part by the thread free first);
that file's tables are then copied into the store (SQLite copies their records as they
are) and the time index kept in it (:mod:`db.embedindex`). Each row is made in SQL from
packed numpy columns (:mod:`db.synthsql`), without a journal; ids follow time, so each
time index grows at its end as rows come; each full-text index is built from its table's
rows once they are in. ``*_ts`` columns hold exactly what the importer writes. The store
appears under its name only when it is whole and on disk (written under a temporary
name, synced, then linked to its name).
"""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import tempfile
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

import numpy as np

from db import embedindex, schema, synthsql, synthworld, timeindex
from db.indexread import KIND_EVENT, KIND_STATEMENT, index_columns, join_links
from db.synthtext import _CITIES, _EVENT_NOUNS, _EVENT_VERBS, QUOTE_POOL, TOPICS, _quote_pool
from db.synthworld import SPAN, STANCE_LIST, START

#: Days the ``days`` lookup covers: the five years, and the end of an event that lasts
#: up to two weeks from the last day.
_DAYS = SPAN // 86400 + 16

T = TypeVar("T")


class _Once(Generic[T]):
    """A value made once, by the first thread that asks for it; the others wait for it."""

    def __init__(self, make: Callable[[], T]) -> None:
        self._make, self._lock, self._made = make, threading.Lock(), False
        self._value: T | None = None

    def get(self) -> T | None:
        with self._lock:
            if not self._made:
                self._value, self._made = self._make(), True
            return self._value


@dataclass(slots=True)
class _Plan:
    """Everything the writers need: the small tables' rows, the lookups, the events'
    columns and what the statements' are drawn from (on the thread that writes them)."""

    title: str
    meta: list[tuple]
    sources: list[tuple]
    actors: list[tuple]
    lookups: dict[str, list]
    events: synthworld.Columns
    links: synthworld.Columns
    world: synthworld._World
    n_statements: int

    def statements(self) -> synthworld.Columns:
        """The statements' columns, drawn after the events' (the same generator)."""
        event_t0 = np.concatenate(self.events.index[1] or [np.empty(0, np.int64)])
        pool = len(self.lookups["quotes"])
        return synthworld.statements(self.world, self.n_statements, pool, event_t0)


def write_synthetic(path: str | os.PathLike[str], events: int, seed: int = 1) -> dict[str, int]:
    """Write a new store of ``events`` timeline items at ``path``; return rows per table."""
    path = Path(path)
    if path.exists():
        raise FileExistsError(path)
    plan = _plan(max(int(events), 0), seed)
    counts = {
        "actors": len(plan.actors),
        "topics": len(TOPICS),
        "sources": len(plan.sources),
        "events": sum(len(c) for c in plan.events.index[0]),
        "event_actors": sum(len(c) for c in plan.links.index[0]),
        "statements": plan.n_statements,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".synth", dir=path.parent))
    try:
        events_part = _Once(lambda: _events_part(plan))
        with ThreadPoolExecutor(1) as pool:  # one thread: its jobs run in turn
            rows = pool.submit(_write_statements, work / "statements.db", plan)
            index = pool.submit(_index_statements, work / "statements_fts.db", rows, events_part)
            _write_store(work / "store.db", plan, rows, index, events_part)
        _publish(work / "store.db", path)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return counts


def _plan(events: int, seed: int) -> _Plan:
    """The store's rows, drawn from ``seed``: the small tables, the lookups, and the
    events' packed columns."""
    rng = random.Random(seed)
    npr = np.random.default_rng(rng.getrandbits(64))
    n_statements = events // 2
    actors = synthworld._actors(rng, 24 if events < 5000 else 36, 60 if events < 5000 else 280)
    world = synthworld._world(rng, npr, events, actors)
    sources = synthworld._sources(rng, npr, world.n_sources)
    quotes = _quote_pool(npr, min(max(n_statements, 1), QUOTE_POOL))
    event_columns, links = synthworld.events(
        world, events - n_statements, len(_CITIES), len(_EVENT_NOUNS), len(_EVENT_VERBS)
    )
    return _Plan(
        f"Synthetic news ({events:,} items, seed {seed})",
        [("synthetic_seed", str(seed)), ("synthetic_items", str(events))],
        sources,
        actors,
        _lookups(actors, quotes),
        event_columns,
        links,
        world,
        n_statements,
    )


def _lookups(actors: list[tuple], quotes) -> dict[str, list]:
    """Rows of the lookup tables the rows' text is made from (rowid: the code)."""
    stances = (*STANCE_LIST, "undecided")
    labels = [("",)] * (len(stances) * 16)
    for s, stance in enumerate(stances):
        for t, (topic, _) in enumerate(TOPICS):
            labels[s * 16 + t] = (f"{stance} on {topic.lower()}",)
    texts = [("", "", "")] * (16 * 16 * 16)
    for n, noun in enumerate(_EVENT_NOUNS):
        for c, city in enumerate(_CITIES):
            for v, verb in enumerate(_EVENT_VERBS):
                texts[(n * 16 + c) * 16 + v] = (
                    f"{noun} in {city} {verb}",
                    f"The {noun} {verb} after days of pressure; delegations met in {city}.",
                    city,
                )
    names = [("",)] * (max(row[0] for row in actors) + 1)
    for row in actors:
        names[row[0]] = (row[1],)
    return {
        "quotes": list(zip(quotes[0].tolist(), quotes[1].tolist(), strict=True)),
        "names": names,
        "labels": labels,
        "event_texts": texts,
    }


#: The page size of the files whose tables are copied into the store: a sixteenth of
#: the system calls of 4 KiB pages to write them and read them back (the copy is of
#: records, whatever the page size; the store keeps SQLite's default).
_SIDE_PAGE_SIZE = 65536


def _connect(
    path: Path, lookups: dict[str, list] | None = None, page_size: int | None = None
) -> sqlite3.Connection:
    """A connection for writing a new file in bulk: no journal, no syncing, a large
    cache, temporary tables in memory, and the ``lookups`` the rows are made from."""
    conn = sqlite3.connect(path, isolation_level=None)
    if page_size is not None:
        conn.execute(f"PRAGMA page_size={int(page_size)}")
    for pragma in (
        "journal_mode=OFF", "synchronous=OFF", "cache_size=-131072",
        "locking_mode=EXCLUSIVE", "temp_store=MEMORY",
    ):
        conn.execute(f"PRAGMA {pragma}")
    if lookups is not None:
        synthsql.lookups(conn, START, _DAYS, lookups)
    return conn


def _insert(conn: sqlite3.Connection, columns: synthworld.Columns, sql: str) -> None:
    """The rows of ``columns`` inserted by ``sql``, a chunk at a time (``:first``: the
    number of rows before the chunk); each chunk's words are let go of once inserted."""
    first = 0
    while columns.chunks:
        words = columns.chunks.pop(0)
        columns.packing.load(conn, words)
        conn.execute(sql, {"first": first})
        first += len(words[0])


def _write_store(
    path: Path, plan: _Plan, rows: Future, index: Future, events_part: _Once[dict | None]
) -> None:
    """The store: its events, their links and full-text index, the statements and their
    full-text index copied in from the files ``rows`` and ``index`` wrote, its triggers,
    and the time index: the statements' part made by ``index``, the events' by the
    thread free first."""
    conn = _connect(path, {name: plan.lookups[name] for name in ("names", "event_texts")})
    try:
        _begin_bulk(conn, plan.title)
        _small_tables(conn, plan)
        _insert(
            conn, plan.events,
            f"INSERT INTO events({_EVENT_COLUMNS}) "
            + synthsql.events_select(plan.events.packing, START),
        )
        _insert(
            conn, plan.links,
            "INSERT INTO event_actors(event_id, actor_id, role) "
            + synthsql.links_select(plan.links.packing),
        )
        _full_text(conn, "events", "events")
        conn.execute("COMMIT")
        _copy(conn, rows.result()[0])
        events = events_part.get()
        full_text, statements_part = index.result()
        _copy(conn, full_text)
        conn.executescript(schema.DDL)  # the triggers dropped at the start
        if events is not None:
            conn.execute("BEGIN")
            embedindex.keep_in(conn, timeindex.merged([statements_part, events]))
            conn.execute("COMMIT")
    finally:
        conn.close()


def _write_statements(path: Path, plan: _Plan) -> tuple[Path, synthworld.Columns]:
    """The statements, drawn now, in a file of their own (the same table as the store's:
    copied into it as it is); their columns."""
    statements = plan.statements()
    lookups = {name: plan.lookups[name] for name in ("quotes", "names", "labels")}
    with closing(_connect(path, lookups, _SIDE_PAGE_SIZE)) as conn:
        for sql in _table_ddl("statements"):
            conn.execute(sql)
        conn.execute("BEGIN")
        _insert(
            conn, statements,
            f"INSERT INTO statements({_STATEMENT_COLUMNS}) "
            + synthsql.statements_select(statements.packing, START, STANCE_LIST),
        )
        conn.execute("COMMIT")
    return path, statements


def _index_statements(
    path: Path, rows: Future, events_part: _Once[dict | None]
) -> tuple[Path, dict[str, np.ndarray]]:
    """The full-text index of the statements ``rows`` wrote, in a file of its own (the
    store's full-text table, copied into it as it is), while that file is copied into
    the store; then the statements' part of the time index, made from their columns,
    and the events' part if the store's thread has not begun it."""
    written, statements = rows.result()
    with closing(_connect(path, page_size=_SIDE_PAGE_SIZE)) as conn:
        for sql in _table_ddl("statements_fts"):
            conn.execute(sql)
        conn.execute("ATTACH ? AS rows", (str(written),))
        conn.execute("BEGIN")
        _full_text(conn, "statements", "rows.statements")
        conn.execute("COMMIT")
    part = _statements_part(statements)
    events_part.get()
    return path, part


#: The columns of the rows :mod:`db.synthsql` makes, in its order.
_EVENT_COLUMNS = (
    'id, title, description, start, "end", precision, approximate, location, source_id,'
    " start_ts, end_ts"
)
_STATEMENT_COLUMNS = (
    "id, actor_id, said, precision, approximate, text, kind, topic_id, stance, summary,"
    " source_id, event_id, said_ts, said_end_ts"
)


def _small_tables(conn: sqlite3.Connection, plan: _Plan) -> None:
    conn.executemany("INSERT INTO meta(key, value) VALUES (?, ?)", plan.meta)
    conn.executemany(
        "INSERT INTO sources(id, title, outlet, url, published) VALUES (?, ?, ?, ?, ?)",
        plan.sources,
    )
    conn.executemany(
        "INSERT INTO actors(id, name, kind, parent_id, aliases, title) VALUES (?, ?, ?, ?, ?, ?)",
        plan.actors,
    )
    conn.executemany(
        "INSERT INTO topics(id, name, description) VALUES (?, ?, ?)",
        [(i + 1, name, desc) for i, (name, desc) in enumerate(TOPICS)],
    )


def _begin_bulk(conn: sqlite3.Connection, title: str) -> None:
    """The schema without its full-text triggers (the index is built apart, in bulk),
    and a transaction begun. The other indexes are kept: rows come in time order, so
    adding to them as the rows come is cheaper than sorting them all after."""
    schema.create(conn, title)
    triggers = conn.execute("SELECT name FROM main.sqlite_master WHERE type = 'trigger'")
    for (name,) in triggers.fetchall():
        conn.execute(f'DROP TRIGGER "{name}"')
    conn.execute("BEGIN")


#: FTS5's in-memory index before it writes a segment (1 MiB by default): a large
#: buffer, so that a few large segments are written; they are not merged (merging
#: rewrites the index; searching a few segments costs next to nothing more). Both
#: threads build one at the same time: 128 MiB each keeps the peak where one 256 MiB
#: buffer had it.
_BULK_FULL_TEXT = {"hashsize": 128 * 1024 * 1024, "automerge": 0}


def _full_text(conn: sqlite3.Connection, table: str, rows: str) -> None:
    """The full-text index of ``table`` (its FTS5 table, empty) made from ``rows`` (a
    table of the same columns), in bulk in the open transaction; its settings are left
    as a new table's."""
    fts, columns = f"{table}_fts", ", ".join(schema.FULL_TEXT[table])
    for option, value in _BULK_FULL_TEXT.items():
        conn.execute(f"INSERT INTO {fts}({fts}, rank) VALUES ('{option}', {value})")
    conn.execute(f"INSERT INTO {fts}(rowid, {columns}) SELECT id, {columns} FROM {rows}")
    marks = ", ".join("?" * len(_BULK_FULL_TEXT))
    conn.execute(f"DELETE FROM {fts}_config WHERE k IN ({marks})", tuple(_BULK_FULL_TEXT))


def _table_ddl(*tables: str) -> list[str]:
    """The statements that make ``tables`` and their indexes as the store's schema has
    them, without triggers (the same definitions: their rows are copied into the store
    as they are)."""
    with closing(sqlite3.connect(":memory:")) as conn:
        schema.create(conn)
        return [sql for (sql,) in conn.execute(
            f"SELECT sql FROM sqlite_master WHERE tbl_name IN ({', '.join('?' * len(tables))})"
            " AND type != 'trigger' AND sql IS NOT NULL ORDER BY rowid", tables,
        )]


def _copy(conn: sqlite3.Connection, path: Path) -> None:
    """The tables of the file at ``path`` copied into the store's (empty, without
    triggers: SQLite then copies their records and index entries as they are); a
    full-text table's settings stay the store's."""
    conn.execute("ATTACH ? AS side", (str(path),))
    names = [name for (name,) in conn.execute(
        "SELECT name FROM side.sqlite_master WHERE type = 'table' "
        "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' AND name NOT GLOB '*_fts_config'"
    )]
    conn.execute("BEGIN")
    for name in names:
        conn.execute(f"DELETE FROM main.{name}")
        conn.execute(f"INSERT INTO main.{name} SELECT * FROM side.{name}")
    conn.execute("COMMIT")
    conn.execute("DETACH side")


def _publish(written: Path, path: Path) -> None:
    """The written file on disk, then under its name, never over a file that appeared
    meanwhile."""
    with open(written, "rb") as file:
        os.fsync(file.fileno())
    try:
        os.link(written, path)
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links
        if path.exists():
            raise FileExistsError(path) from None
        os.replace(written, path)


def _joined(columns: list[list[np.ndarray]]) -> list[np.ndarray]:
    """Each column's chunks joined; the chunks are let go of as they are."""
    whole = []
    for parts in columns:
        whole.append(np.concatenate(parts or [np.empty(0, np.int64)]))
        parts.clear()
    return whole


def _events_part(plan: _Plan) -> dict[str, np.ndarray] | None:
    """The events' part of the store's time index, sorted (None: no links to join)."""
    events_rows = join_links(_joined(plan.events.index), _joined(plan.links.index))
    if events_rows is None:
        return None
    return timeindex.sorted_part(index_columns(events_rows, KIND_EVENT))


def _statements_part(statements: synthworld.Columns) -> dict[str, np.ndarray]:
    """The statements' part of the store's time index, sorted."""
    return timeindex.sorted_part(index_columns(_joined(statements.index), KIND_STATEMENT))
