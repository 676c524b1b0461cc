"""The time index of a team store, read with binary COPY: no Python object per item.

The server aggregates each column of a query into one array (``array_agg`` of
fixed-width integers, never NULL), sent by one binary COPY: numpy reads each array as it
came, no Python object per item. The rows are read in time order from covering indexes
(``statements_timeline``, ``events_timeline``, the key of ``event_actors``: index-only
scans of the few columns the index needs, never the wide rows with their text).
Statements come on a second connection while events and their actors come on the first
(two cores, two server processes); events are joined to their actors in numpy meanwhile,
and the two sorted runs are merged by binary search.
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

#: Each query's columns (its aliases) and the numpy type of their binary form.
_STATEMENT = (("t0", ">i8"), ("t1", ">i8"), ("actor", ">i8"), ("rid", ">i8"), ("topic", ">i8"),
              ("packed", ">i2"))
_EVENT = (("t0", ">i8"), ("t1", ">i8"), ("rid", ">i8"), ("packed", ">i2"))
_LINK = (("event", ">i8"), ("actor", ">i8"))


def _packed(approx: str, stance: str, precision: str) -> str:
    """SQL: approx + 2·(stance + 1) + 16·precision as int2 (the file index's packing)."""
    return (
        f"((coalesce({approx}, 0) <> 0)::int + 2 * ({stance} + 1) + "
        f"16 * (CASE {precision} {_PRECISION} ELSE 2 END))::int2 AS packed"
    )


def _ts(t0: str, t1: str) -> str:
    ok = f"{t0} IS NOT NULL AND {t1} IS NOT NULL AND {t0} <= {t1}"
    return (
        f"(CASE WHEN {ok} THEN {t0} ELSE {UNDATED} END)::int8 AS t0, "
        f"coalesce({t1}, 0)::int8 AS t1"
    )


STATEMENTS_SQL = f"""
    SELECT {_ts("said_ts", "said_end_ts")}, coalesce(actor_id, {NO_ACTOR}) AS actor, id AS rid,
           coalesce(topic_id, -1) AS topic,
           {_packed("approximate", f"(CASE stance {_STANCE} ELSE -1 END)", "precision")}
    FROM statements ORDER BY said_ts, id"""
EVENTS_SQL = f"""
    SELECT {_ts("start_ts", "end_ts")}, id AS rid, {_packed("approximate", "-1", "precision")}
    FROM events ORDER BY start_ts, id"""
LINKS_SQL = """
    SELECT event_id AS event, actor_id AS actor FROM event_actors ORDER BY event_id, actor_id"""


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
                found["statements"] = _statement_columns(_copy(other, STATEMENTS_SQL, _STATEMENT))
            finally:
                if other is not conn:
                    other.close()
        except BaseException as error:  # re-raised on the calling thread
            found["error"] = error

    worker = threading.Thread(target=statements, name="parley-pg-index", daemon=True)
    if second:
        worker.start()
    # (the events are joined to their actors while the statements still come)
    events = _event_columns(_copy(conn, EVENTS_SQL, _EVENT), _copy(conn, LINKS_SQL, _LINK))
    if second:
        worker.join()
    else:
        statements()
    if "error" in found:
        raise found["error"]
    statement_rows, problems = found["statements"], []
    if (statement_rows["t0"] == UNDATED).any() or (events["t0"] == UNDATED).any():
        columns = {name: np.concatenate((statement_rows[name], events[name])) for name in events}
        columns = _date_from_text(conn, columns, columns["t0"] == UNDATED, problems)
        # The order the file's index has: by start, statements before events, then by id
        # and actor.
        order = np.lexsort((columns["actor"], columns["rid"], -columns["kind"], columns["t0"]))
        arrays = {name: values[order] for name, values in columns.items()}
    else:
        arrays = _merge(statement_rows, events)
    long = np.flatnonzero(arrays["t1"] - arrays["t0"] > LONG_SPAN)
    return TimeIndex(**arrays, long=long), problems


def _merge(first: dict, then: dict) -> dict:
    """Two sets of columns, each in the index's order, merged by start (``first``'s rows
    before ``then``'s at the same start): each row's place found by binary search."""
    places = np.searchsorted(first["t0"], then["t0"], side="right") + np.arange(len(then["t0"]))
    size = len(first["t0"]) + len(then["t0"])
    rest = np.ones(size, dtype=bool)
    rest[places] = False
    merged = {}
    for name, values in first.items():
        column = np.empty(size, dtype=values.dtype)
        column[places] = then[name]
        column[rest] = values
        merged[name] = column
    return merged


def _copy(conn: psycopg.Connection, sql: str, fields: tuple) -> dict[str, np.ndarray]:
    """A query's columns ``fields``, each aggregated into one array by the server (in the
    query's order) and sent by one binary COPY: numpy reads each array as it came."""
    aggregates = ", ".join(f"array_agg({name})" for name, _ in fields)
    data = bytearray()
    with conn.cursor() as cur, cur.copy(
        f"COPY (SELECT {aggregates} FROM ({sql}) q) TO STDOUT (FORMAT binary)"
    ) as copy:
        for chunk in copy:
            data += chunk
    if not data.startswith(_HEADER):
        raise psycopg.DataError("unexpected COPY header")
    view = memoryview(data)
    at = 19 + int.from_bytes(view[15:19], "big") + 2  # the header, the row's field count
    columns = {}
    for name, kind in fields:
        size = int.from_bytes(view[at : at + 4], "big", signed=True)
        columns[name] = _array(view[at + 4 : at + 4 + max(size, 0)], kind)
        at += 4 + max(size, 0)
    return columns


def _array(view: memoryview, kind: str) -> np.ndarray:
    """The values of a one-dimensional array without NULLs in PostgreSQL's binary form
    (dimensions, element type, bounds, then each element's length and value); an empty
    field (array_agg of no rows) is an empty array."""
    if len(view) < 12 or int.from_bytes(view[0:4], "big") == 0:
        return np.zeros(0, dtype=kind)
    if int.from_bytes(view[0:4], "big") != 1 or int.from_bytes(view[4:8], "big") != 0:
        raise psycopg.DataError("unexpected array in the COPY")
    count = int.from_bytes(view[12:16], "big")
    element = np.dtype([("size", ">i4"), ("value", kind)])
    if len(view) != 20 + count * element.itemsize:
        raise psycopg.DataError("unexpected array size in the COPY")
    found = np.frombuffer(view[20:], dtype=element)
    if count and found["size"][0] != np.dtype(kind).itemsize:
        raise psycopg.DataError("unexpected array element in the COPY")
    return found["value"]


def _statement_columns(s: dict) -> dict:
    """The index's columns of the statements' rows (in time order)."""
    return _index_columns(
        s["t0"], s["t1"], s["actor"], KIND_STATEMENT, s["rid"], s["packed"], s["topic"]
    )


def _event_columns(e: dict, link: dict) -> dict:
    """The index's columns of the events' rows (in time order), each once per actor."""
    rows, actors = _event_rows(e["rid"].astype(np.int64), link)
    return _index_columns(
        e["t0"][rows], e["t1"][rows], actors, KIND_EVENT, e["rid"][rows], e["packed"][rows], -1
    )


def _index_columns(t0, t1, actor, kind: int, rid, packed, topic) -> dict:
    """The index's columns (:data:`db.indexread.COLUMNS`), the flags unpacked."""
    packed = packed.astype(np.int64)
    size = len(rid)
    columns = {
        "t0": t0, "t1": t1, "actor": actor, "kind": np.full(size, kind), "rid": rid,
        "approx": packed & 1, "stance": (packed >> 1) % 8 - 1,
        "topic": topic if isinstance(topic, np.ndarray) else np.full(size, topic),
        "precision": packed >> 4,
    }
    return {name: columns[name].astype(dtype) for name, dtype in indexread.COLUMNS}


def _event_rows(ids: np.ndarray, link: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each event once per actor (once without an actor when it has none), as a LEFT
    JOIN: (row of ``ids`` for each, actor), in the events' order, actors ascending."""
    by_id = np.argsort(ids, kind="stable")
    at = np.searchsorted(ids[by_id], link["event"].astype(np.int64))
    at[at >= len(ids)] = 0
    hit = ids[by_id][at] == link["event"] if len(ids) else np.zeros(len(link["event"]), bool)
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
