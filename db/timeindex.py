"""The time index: every timeline item (event × actor, statement) in sorted arrays.

One row per item drawn on the timeline: an event involving three actors is three rows
(one per lane). Arrays are sorted by start time, so a time window is two bisections,
and counts per time cell are one ``bincount``: nothing is a Python object per item.

The index is built from Parley's integer ``*_ts`` columns when the store has them, and
from the ISO text otherwise (a store written by another program), in memory: the
store is never altered.
"""

from __future__ import annotations

import hashlib
import math
import os
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

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
# Seconds since 1970 of 0001-01-01 and of the end of 9999: what a date can say.
_LOWEST, _HIGHEST = -62135596800, 253402300800

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
        lo = self._first_from(start - LONG_SPAN)
        hi = self._first_from(end)
        short = np.arange(lo, hi)[self.t1[lo:hi] > start]
        if not len(self.long):
            return short
        # Long items from lo on are in ``short`` already when they overlap; those before lo
        # come first in index order, so the union stays sorted without a sort.
        before = self.long[: int(np.searchsorted(self.long, lo))]
        longs = before[self.t1[before] > start]
        if len(longs):
            short = np.concatenate((longs, short))
        return short

    def count_window(self, start: float, end: float) -> int:
        """How many items start inside ``[start, end)`` (cheap: two bisections)."""
        return self._first_from(end) - self._first_from(start)

    def _first_from(self, t: float) -> int:
        """The first index whose ``t0`` is at least ``t``. Searched with an integer: a float
        would make numpy convert the whole column to compare (milliseconds at 1M rows)."""
        bound = float(t)
        if bound != bound:  # NaN: nothing is at or after it
            return len(self.t0)
        bound = min(max(bound, -(2.0**62)), 2.0**62)
        return int(np.searchsorted(self.t0, math.ceil(bound), side="left"))

    def find(self, kind: int, rid: int) -> np.ndarray:
        """Indexes of the rows of one event or statement (one per lane)."""
        return np.flatnonzero((self.rid == rid) & (self.kind == kind))

    def nbytes(self) -> int:
        """Memory held by the arrays."""
        return sum(getattr(self, name).nbytes for name, _ in _COLUMNS) + self.long.nbytes


def _empty_columns() -> dict[str, list]:
    return {name: [] for name, _ in _COLUMNS}


def build(conn: sqlite3.Connection, has_ts: bool) -> tuple[TimeIndex, list[Problem]]:
    """Read every item of the store into a :class:`TimeIndex`; unreadable rows are problems.

    A large index is also kept in a cache file of Parley's own (never in the store),
    valid while the store's file is unchanged, so opening it again skips the reading.
    """
    key = _cache_key(conn, has_ts)
    cached = _cache_load(key)
    if cached is not None:
        return cached, []
    index, problems = _build(conn, has_ts)
    if not problems and len(index) >= CACHE_MIN_ROWS:
        _cache_save(key, index)
    return index, problems


def _build(conn: sqlite3.Connection, has_ts: bool) -> tuple[TimeIndex, list[Problem]]:
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


#: Indexes with fewer rows than this are read from the store every time (it is quick).
CACHE_MIN_ROWS = 50_000
_CACHE_VERSION = 1


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache")
    return Path(base) / "parley" / "index"


def _cache_key(conn: sqlite3.Connection, has_ts: bool) -> tuple[Path, str] | None:
    """(cache file, fingerprint of the store file's state), or None (no file: no cache).

    The fingerprint holds the file's size, modification time and SQLite's change
    counter, and those of its write-ahead log, so any commit makes it stale.
    """
    try:
        rows = conn.execute("PRAGMA database_list").fetchall()
        name = next((row[2] for row in rows if row[1] == "main"), "")
        if not name:
            return None
        path = Path(name).resolve()
        stat = path.stat()
        with path.open("rb") as handle:
            header = handle.read(100)
        wal = Path(f"{path}-wal")
        wal_stat = wal.stat() if wal.exists() else None
    except (OSError, sqlite3.Error):
        return None
    fingerprint = "|".join(
        str(part)
        for part in (
            _CACHE_VERSION,
            path,
            stat.st_size,
            stat.st_mtime_ns,
            header[24:28].hex(),
            wal_stat.st_size if wal_stat else "-",
            wal_stat.st_mtime_ns if wal_stat else "-",
            int(has_ts),
        )
    )
    digest = hashlib.sha1(str(path).encode("utf-8", "surrogateescape")).hexdigest()[:20]
    return _cache_dir() / f"{digest}.npz", fingerprint


def _cache_load(key: tuple[Path, str] | None) -> TimeIndex | None:
    if key is None or not key[0].exists():
        return None
    try:
        with np.load(key[0], allow_pickle=False) as data:
            if str(data["fingerprint"]) != key[1]:
                return None
            arrays = {name: data[name].astype(dtype, copy=False) for name, dtype in _COLUMNS}
            long = data["long"].astype(np.int64, copy=False)
    except (OSError, ValueError, KeyError, EOFError):
        return None
    if len({len(a) for a in arrays.values()}) != 1:
        return None
    return TimeIndex(**arrays, long=long)


def _cache_save(key: tuple[Path, str] | None, index: TimeIndex) -> None:
    if key is None:
        return
    path, fingerprint = key
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with temp.open("wb") as handle:
            np.savez(
                handle,
                fingerprint=np.array(fingerprint),
                long=index.long,
                **{name: getattr(index, name) for name, _ in _COLUMNS},
            )
        os.replace(temp, path)
    except OSError:
        temp.unlink(missing_ok=True)


def _fast_columns(conn, sql: str, width: int, kind: int, topic: bool) -> dict[str, np.ndarray]:
    """Columns of the rows ``sql`` gives as one comma-separated text (``group_concat``):
    id, actor, t0, t1, packed (approx + 2·(stance+1) + 16·precision)[, topic].

    One string parsed by numpy instead of a Python tuple per row: several times faster
    and a fraction of the memory for a million rows.
    """
    text = conn.execute(sql).fetchone()[0]
    values = (
        np.fromstring(text, sep=",", dtype=np.int64) if text else np.empty(0, np.int64)
    ).reshape(-1, width)
    packed = values[:, 4]
    return {
        "t0": values[:, 2],
        "t1": values[:, 3],
        "actor": values[:, 1],
        "kind": np.full(len(values), kind, dtype=np.int8),
        "rid": values[:, 0],
        "approx": (packed & 1).astype(np.int8),
        "stance": ((packed >> 1) % 8 - 1).astype(np.int8),
        "topic": values[:, 5] if topic else np.full(len(values), -1, dtype=np.int64),
        "precision": (packed >> 4).astype(np.int8),
    }


def _joined(fast: dict[str, np.ndarray], slow: dict[str, list]) -> dict:
    if not any(slow.values()):
        return fast
    return {
        name: np.concatenate([fast[name], np.asarray(slow[name], dtype=dtype)])
        for name, dtype in _COLUMNS
    }


def _columns_from(rows: Iterable[tuple], spans_of, kind: int, problems, table) -> dict:
    cols = _empty_columns()
    append = [cols[name].append for name, _ in _COLUMNS]
    for rid, actor, t0, t1, approx, stance, topic, precision, raw in rows:
        if not isinstance(rid, int):  # a text or real id in a store another program wrote
            problems.append(Problem(table, rid, "id", rid, "not an integer id"))
            continue
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
    reported: set = set()  # an event is one row per actor: report it once

    def spans_of(rid, raw, problems):
        if raw not in cache:
            cache[raw] = _parse_span(raw)
        span = cache[raw]
        if span is None and rid not in reported:
            reported.add(rid)
            name, value = column, raw
            if isinstance(raw, tuple):  # (start, end): say which of the two is unreadable
                name, value = ("end", raw[1]) if _parses(raw[0]) else (column, raw[0])
            problems.append(Problem(table, rid, name, value, "not a date Parley can read"))
        return span

    return spans_of


def _parses(text) -> bool:
    try:
        parse_date(text)
    except DateError:
        return False
    return True


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


def _ts_ok(t0: str, t1: str) -> str:
    """SQL: the ``*_ts`` pair is usable (integers, in years 1–9999, in order); else the
    text date is read instead (another program may have written anything there)."""
    return (
        f"(typeof({t0}) = 'integer' AND typeof({t1}) = 'integer' AND {t0} <= {t1} "
        f"AND {t0} >= {_LOWEST} AND {t1} <= {_HIGHEST})"
    )


def _statement_rows(conn, has_ts, problems) -> dict:
    col = _optional(conn, "statements")
    ok = _ts_ok("said_ts", "said_end_ts")
    ts = f"CASE WHEN {ok} THEN said_ts END, CASE WHEN {ok} THEN said_end_ts END"
    ts = ts if has_ts else "NULL, NULL"
    raw = f"CASE WHEN NOT {ok} THEN said END" if has_ts else "said"
    fast = f"typeof(id) = 'integer' AND {ok}" if has_ts else "0"
    approx = f"(COALESCE({col('approximate')}, 0) != 0)"
    stance = f"(CASE {col('stance')} {_STANCE_SQL} ELSE -1 END)"
    precision = f"(CASE precision {_PRECISION_SQL} ELSE 2 END)"
    actor = f"COALESCE(CAST(actor_id AS INTEGER), {NO_ACTOR})"
    topic = f"COALESCE(CAST({col('topic_id')} AS INTEGER), -1)"
    fast_sql = f"""
        SELECT group_concat(id || ',' || {actor} || ',' || said_ts || ',' || said_end_ts
                            || ',' || ({approx} + 2 * ({stance} + 1) + 16 * {precision})
                            || ',' || {topic}, ',')
        FROM statements NOT INDEXED WHERE id IS NOT NULL AND {fast}"""
    sql = f"""
        SELECT id, {actor}, {ts}, {approx}, {stance}, {topic}, {precision}, {raw}
        FROM statements WHERE id IS NOT NULL AND NOT ({fast})"""
    slow = _columns_from(
        conn.execute(sql), _text_span("statements", "said"), KIND_STATEMENT, problems, "statements"
    )
    if not has_ts:
        return slow
    return _joined(_fast_columns(conn, fast_sql, 6, KIND_STATEMENT, True), slow)


def _event_rows(conn, has_ts, problems) -> dict:
    col = _optional(conn, "events", "e")
    ok = _ts_ok("e.start_ts", "e.end_ts")
    ts = f"CASE WHEN {ok} THEN e.start_ts END, CASE WHEN {ok} THEN e.end_ts END"
    ts = ts if has_ts else "NULL, NULL"
    needs_text = f"NOT {ok}" if has_ts else "1"
    fast = f"typeof(e.id) = 'integer' AND {ok}" if has_ts else "0"
    approx = f"(COALESCE({col('approximate')}, 0) != 0)"
    precision = f"(CASE e.precision {_PRECISION_SQL} ELSE 2 END)"
    actor = f"COALESCE(CAST(ea.actor_id AS INTEGER), {NO_ACTOR})"
    fast_sql = f"""
        SELECT group_concat(e.id || ',' || {actor} || ',' || e.start_ts || ',' || e.end_ts
                            || ',' || ({approx} + 16 * {precision}), ',')
        FROM events e NOT INDEXED LEFT JOIN event_actors ea ON ea.event_id = e.id
        WHERE e.id IS NOT NULL AND {fast}"""
    sql = f"""
        SELECT e.id, {actor}, {ts}, {approx}, -1, -1, {precision},
               CASE WHEN {needs_text} THEN e.start END, CASE WHEN {needs_text} THEN {col("end")} END
        FROM events e LEFT JOIN event_actors ea ON ea.event_id = e.id
        WHERE e.id IS NOT NULL AND NOT ({fast})"""
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
    slow = _columns_from(rows, _text_span("events", "start"), KIND_EVENT, problems, "events")
    if not has_ts:
        return slow
    return _joined(_fast_columns(conn, fast_sql, 5, KIND_EVENT, False), slow)
