"""The time index of a team store, read with binary COPY: no Python object per item.

The server packs each table's rows into one ``bytea`` of fixed-width big-endian
integers (``string_agg`` of ``int8send``…), sent by one binary COPY: numpy reads it as a
structured array. The rows are read in time order from covering indexes
(``statements_timeline``, ``events_timeline``: index-only scans of the few columns the
index needs, never the wide rows with their text), so the client only merges two sorted
runs. Statements come on a second connection while events and their actors come on the
first (two cores, two server processes); events are joined to their actors in numpy.
Rows whose ``*_ts`` another program left empty are dated from their text.

:func:`cache_key` names the index in Parley's index cache (:mod:`db.indexcache`): the
server, the database, the store's own ``uuid`` and its ``revision``, which every write
bumps, so a second open of an unchanged store is warm.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from pathlib import Path

import numpy as np
import psycopg

from db import indexcache, indexread
from db.dates import PRECISIONS
from db.model import Problem
from db.schema import STANCES
from db.timeindex import KIND_EVENT, KIND_STATEMENT, LONG_SPAN, NO_ACTOR, TimeIndex

_STANCE = " ".join(f"WHEN '{s}' THEN {i}" for i, s in enumerate(STANCES))
_PRECISION = " ".join(f"WHEN '{p}' THEN {i}" for i, p in enumerate(PRECISIONS))
_HEADER = b"PGCOPY\n\xff\r\n\x00"
#: The start written for an item whose ``*_ts`` are missing or unusable: dated from its text.
UNDATED = -(2**63)

_STATEMENT = np.dtype(
    [("t0", ">i8"), ("t1", ">i8"), ("actor", ">i8"), ("rid", ">i8"), ("topic", ">i8"),
     ("packed", ">i2")]
)
_EVENT = np.dtype([("t0", ">i8"), ("t1", ">i8"), ("rid", ">i8"), ("packed", ">i2")])
_LINK = np.dtype([("event", ">i8"), ("actor", ">i8")])


def _packed(approx: str, stance: str, precision: str) -> str:
    """SQL: approx + 2·(stance + 1) + 16·precision as int2 (the file index's packing)."""
    return (
        f"int2send(((coalesce({approx}, 0) <> 0)::int + 2 * ({stance} + 1) + "
        f"16 * (CASE {precision} {_PRECISION} ELSE 2 END))::int2)"
    )


def _ts(t0: str, t1: str) -> str:
    ok = f"{t0} IS NOT NULL AND {t1} IS NOT NULL AND {t0} <= {t1}"
    return f"int8send(CASE WHEN {ok} THEN {t0} ELSE {UNDATED} END) || int8send(coalesce({t1}, 0))"


STATEMENTS_SQL = f"""
    SELECT string_agg({_ts("said_ts", "said_end_ts")} || int8send(coalesce(actor_id, {NO_ACTOR}))
                      || int8send(id) || int8send(coalesce(topic_id, -1))
                      || {_packed("approximate", f"(CASE stance {_STANCE} ELSE -1 END)",
                                  "precision")}, ''::bytea)
    FROM (SELECT said_ts, said_end_ts, actor_id, id, topic_id, approximate, stance, precision
          FROM statements ORDER BY said_ts, id) s"""
EVENTS_SQL = f"""
    SELECT (SELECT string_agg({_ts("start_ts", "end_ts")} || int8send(id)
                              || {_packed("approximate", "-1", "precision")}, ''::bytea)
            FROM (SELECT start_ts, end_ts, id, approximate, precision
                  FROM events ORDER BY start_ts, id) e),
           (SELECT string_agg(int8send(event_id) || int8send(actor_id), ''::bytea)
            FROM (SELECT event_id, actor_id FROM event_actors ORDER BY event_id, actor_id) a)"""


def build(
    conn: psycopg.Connection, second: Callable[[], psycopg.Connection] | None = None
) -> tuple[TimeIndex, list[Problem]]:
    """Read every item of the store into a :class:`TimeIndex`; unreadable dates are problems.

    ``second`` opens another connection for the statements (read at the same time).
    """
    found: dict = {}

    def statements() -> None:
        try:
            other = second() if second else conn
            try:
                found["statements"] = _copy(other, STATEMENTS_SQL)[0]
            finally:
                if other is not conn:
                    other.close()
        except BaseException as error:  # re-raised on the calling thread
            found["error"] = error

    worker = threading.Thread(target=statements, name="parley-pg-index", daemon=True)
    if second:
        worker.start()
    events, links = _copy(conn, EVENTS_SQL)
    if second:
        worker.join()
    else:
        statements()
    if "error" in found:
        raise found["error"]
    columns = _columns(found["statements"], events, links)
    problems: list[Problem] = []
    undated = columns["t0"] == UNDATED
    # The order the file's index has: by start, statements before events, then by id and
    # actor. Each part came in that order: a stable sort by start merges the two runs.
    if undated.any():
        columns = _date_from_text(conn, columns, undated, problems)
        order = np.lexsort((columns["actor"], columns["rid"], -columns["kind"], columns["t0"]))
    else:
        order = np.argsort(columns["t0"], kind="stable")
    arrays = {name: values[order] for name, values in columns.items()}
    long = np.flatnonzero(arrays["t1"] - arrays["t0"] > LONG_SPAN)
    return TimeIndex(**arrays, long=long), problems


def _copy(conn: psycopg.Connection, sql: str) -> list[memoryview]:
    """The ``bytea`` fields of a query's one row, by one binary COPY (views, no copies)."""
    data = bytearray()
    with conn.cursor() as cur, cur.copy(f"COPY ({sql}) TO STDOUT (FORMAT binary)") as copy:
        for chunk in copy:
            data += chunk
    if not data.startswith(_HEADER):
        raise psycopg.DataError("unexpected COPY header")
    view = memoryview(data)
    at = 19 + int.from_bytes(view[15:19], "big")
    count = int.from_bytes(view[at : at + 2], "big")
    at += 2
    fields = []
    for _ in range(count):
        size = int.from_bytes(view[at : at + 4], "big", signed=True)
        at += 4
        fields.append(view[at : at + max(size, 0)])
        at += max(size, 0)
    return fields


def _columns(statements: memoryview, events: memoryview, links: memoryview) -> dict:
    """The index's columns from the three packed tables: statements in time order, then
    events (each once per actor) in time order."""
    s = np.frombuffer(statements, dtype=_STATEMENT)
    e = np.frombuffer(events, dtype=_EVENT)
    link = np.frombuffer(links, dtype=_LINK)
    rows, actors = _event_rows(e["rid"].astype(np.int64), link)
    packed = np.concatenate((s["packed"], e["packed"][rows])).astype(np.int64)
    dtypes = dict(indexread.COLUMNS)
    columns = {
        "t0": np.concatenate((s["t0"], e["t0"][rows])),
        "t1": np.concatenate((s["t1"], e["t1"][rows])),
        "actor": np.concatenate((s["actor"].astype(np.int64), actors)),
        "kind": np.concatenate(
            (np.full(len(s), KIND_STATEMENT), np.full(len(rows), KIND_EVENT))
        ),
        "rid": np.concatenate((s["rid"], e["rid"][rows])),
        "approx": packed & 1,
        "stance": (packed >> 1) % 8 - 1,
        "topic": np.concatenate((s["topic"], np.full(len(rows), -1, np.int64))),
        "precision": packed >> 4,
    }
    return {name: columns[name].astype(dtypes[name]) for name in dtypes}


def _event_rows(ids: np.ndarray, link: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each event once per actor (once without an actor when it has none), as a LEFT
    JOIN: (row of ``ids`` for each, actor), in the events' order, actors ascending."""
    by_id = np.argsort(ids, kind="stable")
    at = np.searchsorted(ids[by_id], link["event"].astype(np.int64))
    at[at >= len(ids)] = 0
    hit = ids[by_id][at] == link["event"] if len(ids) else np.zeros(len(link), bool)
    rows = by_id[at[hit]]
    alone = np.ones(len(ids), dtype=bool)
    alone[rows] = False
    rows = np.concatenate((rows, np.flatnonzero(alone)))
    actors = np.concatenate(
        (link["actor"][hit].astype(np.int64), np.full(int(alone.sum()), NO_ACTOR, np.int64))
    )
    # The links came by (event, actor): a stable sort by row keeps each event's actors
    # ascending (an event alone has one row, so its place among them does not matter).
    order = np.argsort(rows, kind="stable")
    return rows[order], actors[order]


def identity(conn: psycopg.Connection, uuid: str) -> tuple[str, str]:
    """(short digest, text) naming one store: the server (its host and port as
    connected), the database (name and oid) and the store's own ``uuid``."""
    oid, name = conn.execute(
        "SELECT oid, datname FROM pg_database WHERE datname = current_database()"
    ).fetchone()
    text = f"pg|{conn.info.host}:{conn.info.port}|{name}|{oid}|{uuid}"
    return hashlib.sha1(text.encode("utf-8", "surrogateescape")).hexdigest()[:20], text


def cache_key(conn: psycopg.Connection, uuid: str, revision: int) -> tuple[Path, str]:
    """(cache file, fingerprint) of this store's index at ``revision``."""
    digest, text = identity(conn, uuid)
    return indexcache.cache_dir() / f"pg-{digest}.pix", f"{text}|{revision}"


def _date_from_text(conn, columns: dict, undated: np.ndarray, problems: list[Problem]) -> dict:
    """Date the undated rows from their text (another program wrote no ``*_ts``); rows
    whose text is no date Parley reads are dropped and reported."""
    keep = np.ones(len(undated), dtype=bool)
    for kind, table, sql in (
        (KIND_STATEMENT, "statements", "SELECT id, said, NULL FROM statements WHERE id = ANY(%s)"),
        (KIND_EVENT, "events", 'SELECT id, start, "end" FROM events WHERE id = ANY(%s)'),
    ):
        rows = np.flatnonzero(undated & (columns["kind"] == kind))
        if not len(rows):
            continue
        ids = sorted({int(i) for i in columns["rid"][rows]})
        texts = {rid: (a, b) for rid, a, b in conn.execute(sql, (ids,))}
        spans = indexread._text_span(table, "said" if kind == KIND_STATEMENT else "start")
        for row in rows.tolist():
            rid = int(columns["rid"][row])
            start, end = texts.get(rid, (None, None))
            span = spans(rid, start if kind == KIND_STATEMENT else (start, end), problems)
            if span is None:
                keep[row] = False
                continue
            columns["t0"][row], columns["t1"][row], columns["precision"][row] = span
    return {name: values[keep] for name, values in columns.items()}
