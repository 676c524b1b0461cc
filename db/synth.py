"""A synthetic store for benchmarks: ``parley synth OUT --events N [--seed S]``.

About half the items are statements (quotations of realistic length, a topic, a stance
that changes over time) and half events (one to three actors each), shaped like news
(:mod:`db.synthworld`). The same ``seed`` gives the same store, row for row.

Written fast on two cores: the rows go to the new store on one thread while the
full-text index of the same rows is built in a second file on another; its tables are
then copied into the store. Each row is made in SQL from packed numpy columns
(:mod:`db.synthsql`), without a journal; ids follow time, so each time index grows at
its end as rows come. ``*_ts`` columns hold exactly what the importer writes. The store
appears under its name only when it is whole (written under a temporary name, then
renamed).
"""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import tempfile
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from db import embedindex, schema, synthsql, synthworld, timeindex
from db.indexread import KIND_EVENT, KIND_STATEMENT, index_columns, join_links
from db.synthtext import _CITIES, _EVENT_NOUNS, _EVENT_VERBS, QUOTE_POOL, TOPICS, _quote_pool
from db.synthworld import SPAN, STANCE_LIST, START

#: Days the ``days`` lookup covers: the five years, and the end of an event that lasts
#: up to two weeks from the last day.
_DAYS = SPAN // 86400 + 16


@dataclass(slots=True)
class _Plan:
    """Everything a writer needs: the small tables' rows, the lookups, the columns."""

    title: str
    meta: list[tuple]
    sources: list[tuple]
    actors: list[tuple]
    lookups: dict[str, list]
    events: synthworld.Columns
    statements: synthworld.Columns


def write_synthetic(path: str | os.PathLike[str], events: int, seed: int = 1) -> dict[str, int]:
    """Write a new store of ``events`` timeline items at ``path``; return rows per table."""
    path = Path(path)
    if path.exists():
        raise FileExistsError(path)
    plan, links = _plan(max(int(events), 0), seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".synth", dir=path.parent))
    try:
        with ThreadPoolExecutor(1) as pool:
            full_text = pool.submit(_write_full_text, work / "full_text.db", plan)
            _write_rows(work / "store.db", plan, full_text)
        _publish(work / "store.db", path)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    counts = {
        "actors": len(plan.actors),
        "topics": len(TOPICS),
        "sources": len(plan.sources),
        "events": sum(len(c) for c in plan.events.index[0]),
        "event_actors": sum(len(c) for c in links[0]),
        "statements": sum(len(c) for c in plan.statements.index[0]),
    }
    _keep_index(path, plan.statements.index, plan.events.index, links)
    return counts


def _plan(events: int, seed: int) -> tuple[_Plan, list]:
    """The store's rows, drawn from ``seed``: the small tables, and packed columns."""
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
    event_t0 = np.concatenate(event_columns.index[1] or [np.empty(0, np.int64)])
    statement_columns = synthworld.statements(world, n_statements, len(quotes[0]), event_t0)
    plan = _Plan(
        f"Synthetic news ({events:,} items, seed {seed})",
        [("synthetic_seed", str(seed)), ("synthetic_items", str(events))],
        sources,
        actors,
        _lookups(actors, quotes),
        event_columns,
        statement_columns,
    )
    return plan, links


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


def _connect(path: Path, plan: _Plan) -> sqlite3.Connection:
    """A connection for writing a new file in bulk: no journal, no syncing, a large
    cache, temporary tables in memory, and the lookup tables."""
    conn = sqlite3.connect(path, isolation_level=None)
    for pragma in (
        "journal_mode=OFF", "synchronous=OFF", "cache_size=-131072",
        "locking_mode=EXCLUSIVE", "temp_store=MEMORY",
    ):
        conn.execute(f"PRAGMA {pragma}")
    synthsql.lookups(conn, START, _DAYS, plan.lookups)
    return conn


def _insert(conn: sqlite3.Connection, columns: synthworld.Columns, *inserts: str) -> None:
    """The rows of ``columns`` inserted by each of ``inserts`` (SQL texts)."""
    columns.packing.load(conn, columns.chunks)
    for sql in inserts:
        conn.execute(sql)


def _write_rows(path: Path, plan: _Plan, full_text: Future) -> None:
    """The store: its rows (and indexes), its triggers, then the full-text tables
    ``full_text`` wrote (a file name) copied in."""
    conn = _connect(path, plan)
    try:
        _begin_bulk(conn, plan.title)
        _small_tables(conn, plan)
        ev, st = plan.events.packing, plan.statements.packing
        _insert(
            conn, plan.events,
            f"INSERT INTO events({_EVENT_COLUMNS}) {synthsql.events_select(ev, START)}",
            f"INSERT INTO event_actors(event_id, actor_id, role) {synthsql.links_select(ev)}",
        )
        _insert(
            conn, plan.statements,
            f"INSERT INTO statements({_STATEMENT_COLUMNS}) "
            + synthsql.statements_select(st, START, STANCE_LIST),
        )
        conn.execute("COMMIT")
        conn.executescript(schema.DDL)  # the triggers dropped at the start
        _copy_full_text(conn, full_text.result())
    finally:
        conn.close()


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
#: rewrites the index; searching a few segments costs next to nothing more).
_BULK_HASH = 256 * 1024 * 1024
#: The full-text tables' own tables that hold the index (``_config`` stays the store's).
_FULL_TEXT_PARTS = ("data", "idx", "docsize")


def _write_full_text(path: Path, plan: _Plan) -> Path:
    """The full-text index of the store's statements and events, in a file of its own:
    contentless FTS5 tables of the same columns (their index is the same as the store's
    external-content tables', built from the same text)."""
    conn = _connect(path, plan)
    try:
        for table, columns in schema.FULL_TEXT.items():
            fts = f"{table}_fts"
            conn.execute(f"CREATE VIRTUAL TABLE {fts} USING fts5({', '.join(columns)}, content='')")
            for option, value in (("hashsize", _BULK_HASH), ("automerge", 0)):
                conn.execute(f"INSERT INTO {fts}({fts}, rank) VALUES ('{option}', {value})")
        conn.execute("BEGIN")
        ev, st = plan.events.packing, plan.statements.packing
        _insert(
            conn, plan.events,
            f"INSERT INTO events_fts(rowid, title, description) {synthsql.events_text(ev)}",
        )
        _insert(
            conn, plan.statements,
            f"INSERT INTO statements_fts(rowid, text, summary) {synthsql.statements_text(st)}",
        )
        conn.execute("COMMIT")
    finally:
        conn.close()
    return path


def _copy_full_text(conn: sqlite3.Connection, path: Path) -> None:
    """The index tables of the full-text file at ``path`` copied into the store's."""
    conn.execute("ATTACH ? AS full_text", (str(path),))
    conn.execute("BEGIN")
    for table in schema.FULL_TEXT:
        for part in _FULL_TEXT_PARTS:
            name = f"{table}_fts_{part}"
            conn.execute(f"DELETE FROM main.{name}")
            conn.execute(f"INSERT INTO main.{name} SELECT * FROM full_text.{name}")
    conn.execute("COMMIT")
    conn.execute("DETACH full_text")


def _publish(written: Path, path: Path) -> None:
    """The written file under its name, never over a file that appeared meanwhile."""
    try:
        os.link(written, path)
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links
        if path.exists():
            raise FileExistsError(path) from None
        os.replace(written, path)


def _keep_index(path: Path, statements: list, events: list, links: list) -> None:
    """Keep the store's time index in it (:mod:`db.embedindex`): the first open is warm.

    The columns are what the store's reader makes of the rows just written (tested
    against it)."""

    def joined(columns: list) -> list[np.ndarray]:
        return [np.concatenate(parts or [np.empty(0, np.int64)]) for parts in columns]

    events_rows = join_links(joined(events), joined(links))
    if events_rows is None:
        return
    index = timeindex.merged([
        timeindex.sorted_part(index_columns(joined(statements), KIND_STATEMENT)),
        timeindex.sorted_part(index_columns(events_rows, KIND_EVENT)),
    ])
    embedindex.keep(path, index)
