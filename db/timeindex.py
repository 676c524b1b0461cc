"""The time index: every timeline item (event × actor, statement) in sorted arrays.

One row per item drawn on the timeline: an event involving three actors is three rows
(one per lane). Arrays are sorted by start time, so a time window is two bisections,
and counts per time cell are one ``bincount``: nothing is a Python object per item.

The index is built from Parley's integer ``*_ts`` columns when the store has them, and
from the ISO text otherwise (a store written by another program), in memory: the
store is never altered.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from db.dates import DateError, parse_date
from db.model import Problem
from db.schema import STANCES

KIND_EVENT = 0
KIND_STATEMENT = 1
NO_ACTOR = -1
#: Items longer than this are kept apart, so that a window query stays two bisections.
LONG_SPAN = 2 * 86400

_PRECISION_CODES = ("year", "month", "day", "hour", "minute", "second")
_STANCE_SQL = " ".join(f"WHEN '{s}' THEN {i}" for i, s in enumerate(STANCES))
_PRECISION_SQL = " ".join(f"WHEN '{p}' THEN {i}" for i, p in enumerate(_PRECISION_CODES))

_COLUMNS = (
    ("t0", np.int64),
    ("t1", np.int64),
    ("actor", np.int64),
    ("kind", np.int8),
    ("rid", np.int64),
    ("approx", np.int8),
    ("stance", np.int8),
    ("topic", np.int64),
    ("precision", np.int8),
)


@dataclass(slots=True)
class TimeIndex:
    """Columns of the timeline's items, sorted by ``t0`` (seconds since 1970).

    ``t1`` is the exclusive end of the span the date covers; ``kind`` is
    :data:`KIND_EVENT` or :data:`KIND_STATEMENT`; ``rid`` the row id in its table;
    ``stance`` an index into :data:`db.schema.STANCES` or -1; ``topic`` a topic id or -1;
    ``precision`` an index into ``year … second``.
    """

    t0: np.ndarray
    t1: np.ndarray
    actor: np.ndarray
    kind: np.ndarray
    rid: np.ndarray
    approx: np.ndarray
    stance: np.ndarray
    topic: np.ndarray
    precision: np.ndarray
    long: np.ndarray  # indexes of items spanning more than LONG_SPAN, ascending

    def __len__(self) -> int:
        return len(self.t0)

    def extent(self) -> tuple[int, int] | None:
        """The first start and the last end, or None when empty."""
        if not len(self.t0):
            return None
        return int(self.t0[0]), int(self.t1.max())

    def window(self, start: float, end: float) -> np.ndarray:
        """Indexes (ascending, so in time order) of items overlapping ``[start, end)``."""
        lo = int(np.searchsorted(self.t0, start - LONG_SPAN, side="left"))
        hi = int(np.searchsorted(self.t0, end, side="left"))
        short = np.arange(lo, hi)[self.t1[lo:hi] > start]
        if not len(self.long):
            return short
        long_t0 = self.t0[self.long]
        longs = self.long[(long_t0 < end) & (self.t1[self.long] > start)]
        if len(longs):
            short = np.union1d(short, longs)
        return short

    def count_window(self, start: float, end: float) -> int:
        """How many items start inside ``[start, end)`` (cheap: two bisections)."""
        return int(np.searchsorted(self.t0, end) - np.searchsorted(self.t0, start))

    def find(self, kind: int, rid: int) -> np.ndarray:
        """Indexes of the rows of one event or statement (one per lane)."""
        return np.flatnonzero((self.rid == rid) & (self.kind == kind))

    def nbytes(self) -> int:
        """Memory held by the arrays."""
        return sum(getattr(self, name).nbytes for name, _ in _COLUMNS) + self.long.nbytes


def _empty_columns() -> dict[str, list]:
    return {name: [] for name, _ in _COLUMNS}


def build(conn: sqlite3.Connection, has_ts: bool) -> tuple[TimeIndex, list[Problem]]:
    """Read every item of the store into a :class:`TimeIndex`; unreadable rows are problems."""
    problems: list[Problem] = []
    parts = [
        _statement_rows(conn, has_ts, problems),
        _event_rows(conn, has_ts, problems),
    ]
    arrays = {
        name: np.concatenate([np.asarray(part[name], dtype=dtype) for part in parts])
        for name, dtype in _COLUMNS
    }
    order = np.argsort(arrays["t0"], kind="stable")
    sorted_arrays = {name: arrays[name][order] for name, _ in _COLUMNS}
    long = np.flatnonzero(sorted_arrays["t1"] - sorted_arrays["t0"] > LONG_SPAN)
    return TimeIndex(**sorted_arrays, long=long), problems


def _columns_from(rows: Iterable[tuple], spans_of, kind: int, problems, table) -> dict:
    cols = _empty_columns()
    append = [cols[name].append for name, _ in _COLUMNS]
    for rid, actor, t0, t1, approx, stance, topic, precision, raw in rows:
        if t0 is None or t1 is None or raw is not None:
            span = spans_of(rid, raw, problems)
            if span is None:
                continue
            t0, t1, precision = span
        values = (t0, t1, actor, kind, rid, approx, stance, topic, precision)
        for add, value in zip(append, values, strict=True):
            add(value)
    return cols


def _text_span(table: str, column: str):
    cache: dict[tuple, tuple[int, int, int] | None] = {}

    def spans_of(rid, raw, problems):
        if raw not in cache:
            cache[raw] = _parse_span(raw)
        span = cache[raw]
        if span is None:
            value = raw[0] if isinstance(raw, tuple) else raw
            problems.append(Problem(table, rid, column, value, "not a date Parley can read"))
        return span

    return spans_of


def _parse_span(raw) -> tuple[int, int, int] | None:
    start_text, end_text = raw if isinstance(raw, tuple) else (raw, None)
    try:
        start = parse_date(start_text)
        end = parse_date(end_text) if end_text else None
        t0, t1 = start.span_seconds()
        if end is not None:
            t1 = max(t1, end.span_seconds()[1])
    except DateError:
        return None
    return t0, t1, _PRECISION_CODES.index(start.precision)


def _optional(conn, table: str, alias: str = ""):
    """A function giving an optional column of ``table`` when it has it, else NULL.

    A store written by another program may hold only the contract's required columns.
    """
    have = {row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')}
    prefix = f"{alias}." if alias else ""
    return lambda column: f'{prefix}"{column}"' if column in have else "NULL"


def _statement_rows(conn, has_ts, problems) -> dict:
    col = _optional(conn, "statements")
    ts = "said_ts, said_end_ts" if has_ts else "NULL, NULL"
    raw = "CASE WHEN said_ts IS NULL OR said_end_ts IS NULL THEN said END" if has_ts else "said"
    sql = f"""
        SELECT id, COALESCE(CAST(actor_id AS INTEGER), {NO_ACTOR}), {ts},
               COALESCE({col("approximate")}, 0) != 0,
               CASE {col("stance")} {_STANCE_SQL} ELSE -1 END,
               COALESCE(CAST({col("topic_id")} AS INTEGER), -1),
               CASE precision {_PRECISION_SQL} ELSE 2 END,
               {raw}
        FROM statements WHERE id IS NOT NULL"""
    return _columns_from(
        conn.execute(sql), _text_span("statements", "said"), KIND_STATEMENT, problems, "statements"
    )


def _event_rows(conn, has_ts, problems) -> dict:
    col = _optional(conn, "events", "e")
    ts = "e.start_ts, e.end_ts" if has_ts else "NULL, NULL"
    needs_text = "e.start_ts IS NULL OR e.end_ts IS NULL" if has_ts else "1"
    sql = f"""
        SELECT e.id, COALESCE(CAST(ea.actor_id AS INTEGER), {NO_ACTOR}), {ts},
               COALESCE({col("approximate")}, 0) != 0, -1, -1,
               CASE e.precision {_PRECISION_SQL} ELSE 2 END,
               CASE WHEN {needs_text} THEN e.start END, CASE WHEN {needs_text} THEN {col("end")} END
        FROM events e LEFT JOIN event_actors ea ON ea.event_id = e.id
        WHERE e.id IS NOT NULL"""
    rows = (
        (
            rid,
            actor,
            t0,
            t1,
            approx,
            stance,
            topic,
            precision,
            None if start is None else (start, end),
        )
        for rid, actor, t0, t1, approx, stance, topic, precision, start, end in conn.execute(sql)
    )
    return _columns_from(rows, _text_span("events", "start"), KIND_EVENT, problems, "events")
