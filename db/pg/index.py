"""The time index of a team store, read with one binary COPY in one round trip.

Every row is fixed-width (nine integers, none NULL), so the COPY's bytes are read by
numpy as one structured array: no Python object per item. Rows whose ``*_ts`` columns
another program left empty are read apart and dated from their text (usually none).
"""

from __future__ import annotations

import numpy as np
import psycopg

from db import timeindex
from db.model import Problem
from db.schema import STANCES
from db.timeindex import KIND_EVENT, KIND_STATEMENT, LONG_SPAN, NO_ACTOR, TimeIndex

_PRECISIONS = ("year", "month", "day", "hour", "minute", "second")
_STANCE = " ".join(f"WHEN '{s}' THEN {i}" for i, s in enumerate(STANCES))
_PRECISION = " ".join(f"WHEN '{p}' THEN {i}" for i, p in enumerate(_PRECISIONS))

#: (name, big-endian type) of each column as COPY writes it: a 4-byte length before each.
_FIELDS = (
    ("t0", ">i8"), ("t1", ">i8"), ("actor", ">i8"), ("kind", ">i2"), ("rid", ">i8"),
    ("approx", ">i2"), ("stance", ">i2"), ("topic", ">i8"), ("precision", ">i2"),
)
_ROW = np.dtype(
    [("n", ">i2")]
    + [part for name, kind in _FIELDS for part in ((f"_{name}", ">i4"), (name, kind))]
)
_HEADER = b"PGCOPY\n\xff\r\n\x00"


#: The start written for an item whose ``*_ts`` are missing or unusable: dated from its text.
UNDATED = -(2**63)


def _copy_sql() -> str:
    s_ok = "said_ts IS NOT NULL AND said_end_ts IS NOT NULL AND said_ts <= said_end_ts"
    e_ok = "e.start_ts IS NOT NULL AND e.end_ts IS NOT NULL AND e.start_ts <= e.end_ts"
    return f"""
        SELECT CASE WHEN {s_ok} THEN said_ts ELSE {UNDATED} END, coalesce(said_end_ts, 0),
               coalesce(actor_id, {NO_ACTOR}), {KIND_STATEMENT}::int2, id,
               (coalesce(approximate, 0) <> 0)::int::int2,
               (CASE stance {_STANCE} ELSE -1 END)::int2, coalesce(topic_id, -1),
               (CASE precision {_PRECISION} ELSE 2 END)::int2
        FROM statements
        UNION ALL
        SELECT CASE WHEN {e_ok} THEN e.start_ts ELSE {UNDATED} END, coalesce(e.end_ts, 0),
               coalesce(ea.actor_id, {NO_ACTOR}), {KIND_EVENT}::int2, e.id,
               (coalesce(e.approximate, 0) <> 0)::int::int2, (-1)::int2, (-1)::bigint,
               (CASE e.precision {_PRECISION} ELSE 2 END)::int2
        FROM events e LEFT JOIN event_actors ea ON ea.event_id = e.id"""


def build(conn: psycopg.Connection) -> tuple[TimeIndex, list[Problem]]:
    """Read every item of the store into a :class:`TimeIndex`; unreadable dates are problems."""
    with conn.cursor() as cur, cur.copy(f"COPY ({_copy_sql()}) TO STDOUT (FORMAT binary)") as copy:
        data = b"".join(bytes(chunk) for chunk in copy)
    columns = _parse(data)
    problems: list[Problem] = []
    undated = columns["t0"] == UNDATED
    if undated.any():
        columns = _date_from_text(conn, columns, undated, problems)
    # The order the file's index has: by start, statements before events, then by id and
    # actor (SQLite reads statements, then events, each in id order).
    order = np.lexsort((columns["actor"], columns["rid"], -columns["kind"], columns["t0"]))
    arrays = {name: columns[name][order] for name, _ in _FIELDS}
    long = np.flatnonzero(arrays["t1"] - arrays["t0"] > LONG_SPAN)
    return TimeIndex(**arrays, long=long), problems


def _parse(data: bytes) -> dict[str, np.ndarray]:
    """Columns from the bytes of a binary COPY whose rows are fixed-width."""
    if not data.startswith(_HEADER):
        raise psycopg.DataError("unexpected COPY header")
    extension = int.from_bytes(data[15:19], "big")
    body = data[19 + extension : len(data) - 2]  # the trailer is a count of -1
    rows = np.frombuffer(body, dtype=_ROW)
    dtypes = dict(timeindex._COLUMNS)
    return {name: rows[name].astype(dtypes[name]) for name, _ in _FIELDS}


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
        spans = timeindex._text_span(table, "said" if kind == KIND_STATEMENT else "start")
        for row in rows.tolist():
            rid = int(columns["rid"][row])
            start, end = texts.get(rid, (None, None))
            span = spans(rid, start if kind == KIND_STATEMENT else (start, end), problems)
            if span is None:
                keep[row] = False
                continue
            columns["t0"][row], columns["t1"][row], columns["precision"][row] = span
    return {name: values[keep] for name, values in columns.items()}
