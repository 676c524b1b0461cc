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
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import numpy as np

from db.dates import END_SECOND, FIRST_SECOND, PRECISIONS, DateError, parse_date
from db.model import Problem
from db.schema import STANCES

KIND_EVENT = 0
KIND_STATEMENT = 1
NO_ACTOR = -1
#: Items longer than this are kept apart, so that a window query stays two bisections.
LONG_SPAN = 2 * 86400

_STANCE_SQL = " ".join(f"WHEN '{s}' THEN {i}" for i, s in enumerate(STANCES))
_PRECISION_SQL = " ".join(f"WHEN '{p}' THEN {i}" for i, p in enumerate(PRECISIONS))

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
    parts = _read_parallel(conn, has_ts, problems) if has_ts else None
    if parts is None:
        parts = [
            _statement_rows(conn, has_ts, problems),
            _event_rows(conn, has_ts, problems),
        ]
    arrays = {
        name: np.concatenate([np.asarray(part[name], dtype=dtype) for part in parts])
        for name, dtype in _COLUMNS
    }
    order = _stable_order(arrays["t0"])
    sorted_arrays = {name: arrays[name][order] for name, _ in _COLUMNS}
    long = np.flatnonzero(sorted_arrays["t1"] - sorted_arrays["t0"] > LONG_SPAN)
    return TimeIndex(**sorted_arrays, long=long), problems


def _stable_order(t0: np.ndarray) -> np.ndarray:
    """``np.argsort(t0, kind="stable")``, faster: when (t0, position) fits one int64, the
    keys are unique, so numpy's vectorised (unstable) sort gives the same order."""
    n = len(t0)
    if n < 2:
        return np.arange(n)
    low, high = int(t0.min()), int(t0.max())
    if (high - low + 1) * n >= 2**62:
        return np.argsort(t0, kind="stable")
    keys = (t0 - low) * n + np.arange(n)
    keys.sort()
    return keys % n


def _read_parallel(conn: sqlite3.Connection, has_ts: bool, problems: list) -> list | None:
    """Statements on a second read-only connection in a thread, events on ``conn``: SQLite
    runs each query without the GIL, so two cores read at once. None when no second
    connection can be opened (no file) or the store changed while it was read."""
    before = _cache_key(conn, has_ts)
    if before is None:
        return None
    path = _store_path(conn)
    if path is None:
        return None
    try:
        other = sqlite3.connect(
            f"file:{quote(str(path))}?mode=ro", uri=True, timeout=5.0, check_same_thread=False,
            isolation_level=None,
        )
    except sqlite3.Error:
        return None
    result: dict = {}

    def read_statements() -> None:
        try:
            found: list[Problem] = []
            result["part"] = _statement_rows(other, has_ts, found)
            result["problems"] = found
        except BaseException as error:  # re-raised on the calling thread
            result["error"] = error

    worker = threading.Thread(target=read_statements, name="parley-index", daemon=True)
    worker.start()
    try:
        event_problems: list[Problem] = []
        events = _event_rows(conn, has_ts, event_problems)
    finally:
        worker.join()
        other.close()
    if "error" in result:
        if isinstance(result["error"], sqlite3.Error):
            return None  # read it again on the one connection (its error, if any, is raised)
        raise result["error"]
    if _cache_key(conn, has_ts) != before:  # a commit between the two reads
        return None
    problems += result["problems"] + event_problems
    return [result["part"], events]


def _store_path(conn: sqlite3.Connection) -> Path | None:
    rows = conn.execute("PRAGMA database_list").fetchall()
    name = next((row[2] for row in rows if row[1] == "main"), "")
    return Path(name).resolve() if name else None


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


def _integers(text: str | None, width: int) -> np.ndarray:
    """The comma-separated integers of a ``group_concat``, as rows of ``width``."""
    return (
        np.fromstring(text, sep=",", dtype=np.int64) if text else np.empty(0, np.int64)
    ).reshape(-1, width)


def _concat(*columns: str) -> str:
    """SQL: one comma-separated ``group_concat`` per column."""
    return ", ".join(f"group_concat({column}, ',')" for column in columns)


def _stacked(texts: list[str | None]) -> np.ndarray:
    """Rows from one ``group_concat`` text per column (every text has the same count)."""
    columns = [_integers(text, 1)[:, 0] for text in texts]
    if len({len(c) for c in columns}) != 1:
        raise sqlite3.DatabaseError("the store changed while it was read")
    return np.stack(columns, axis=1) if columns else np.empty((0, 0), np.int64)


def _fast_columns(values: np.ndarray, kind: int, topic: bool) -> dict[str, np.ndarray]:
    """Columns of integer rows (parsed from one ``group_concat`` text by numpy, not a
    Python tuple per row): id, actor, t0, t1, packed (approx + 2·(stance+1) +
    16·precision)[, topic]."""
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
    return t0, t1, PRECISIONS.index(start.precision)


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
        f"AND {t0} >= {FIRST_SECOND} AND {t1} <= {END_SECOND})"
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
    # One scan gives the rows with usable *_ts, a column at a time (one ``group_concat``
    # each: much cheaper than concatenating the columns per row); the others are read
    # (a second scan) only when there are any.
    fast_sql = f"""
        SELECT count(*), {_concat("id", actor, "said_ts", "said_end_ts")},
               {_concat(f"{approx} + 2 * ({stance} + 1) + 16 * {precision}", topic)}
        FROM statements NOT INDEXED WHERE id IS NOT NULL AND {fast}"""
    sql = f"""
        SELECT id, {actor}, {ts}, {approx}, {stance}, {topic}, {precision}, {raw}
        FROM statements WHERE id IS NOT NULL AND NOT ({fast})"""
    n_slow, values = 1, None
    if has_ts:
        n_fast, *texts = conn.execute(fast_sql).fetchone()
        n_all = conn.execute("SELECT count(*) FROM statements WHERE id IS NOT NULL").fetchone()[0]
        n_slow, values = n_all - n_fast, _stacked(texts)
    slow = _empty_columns()
    if n_slow:
        slow = _columns_from(
            conn.execute(sql), _text_span("statements", "said"), KIND_STATEMENT, problems,
            "statements",
        )
    if not has_ts:
        return slow
    return _joined(_fast_columns(values, KIND_STATEMENT, True), slow)


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
    def rows():
        for rid, actor, t0, t1, approx, stance, topic, precision, start, end in conn.execute(
            sql
        ):
            span = None if start is None else (start, end)
            yield rid, actor, t0, t1, approx, stance, topic, precision, span

    split = _split_events(conn, fast, approx, precision) if has_ts else None
    slow = _empty_columns()
    if split is None or split[1]:
        slow = _columns_from(rows(), _text_span("events", "start"), KIND_EVENT, problems, "events")
    if not has_ts:
        return slow
    if split is not None:
        fast_rows = split[0]
    else:
        fast_rows = _integers(conn.execute(fast_sql).fetchone()[0], 5)
    return _joined(_fast_columns(fast_rows, KIND_EVENT, False), slow)


def _split_events(conn, fast: str, approx: str, precision: str):
    """(rows id, actor, t0, t1, packed of the events with usable *_ts, how many events
    need their text dates), reading events and event_actors apart and joining them in
    numpy (one scan of each, the second through its covering index): half the time of
    SQLite's join. None when the tables hold anything the join would treat differently
    (ids that are not integers, an id twice): then SQLite joins."""
    n_fast, *texts = conn.execute(
        f"""SELECT count(*), {_concat("e.id", "e.start_ts", "e.end_ts")},
                   {_concat(f"{approx} + 16 * {precision}")}
            FROM events e NOT INDEXED WHERE e.id IS NOT NULL AND {fast}"""
    ).fetchone()
    n_all = conn.execute("SELECT count(*) FROM events WHERE id IS NOT NULL").fetchone()[0]
    n_slow = n_all - n_fast
    odd, *link_texts = conn.execute(
        f"""SELECT count(CASE WHEN typeof(event_id) != 'integer' THEN 1 END),
                   {_concat("event_id", f"COALESCE(CAST(actor_id AS INTEGER), {NO_ACTOR})")}
            FROM event_actors WHERE event_id IS NOT NULL"""
    ).fetchone()
    if odd:
        return None
    events = _stacked(texts)
    links = _stacked(link_texts)
    ids = np.ascontiguousarray(events[:, 0])
    link_ids, link_actors = links[:, 0], links[:, 1]
    in_order = len(ids) < 2 or bool(np.all(ids[1:] > ids[:-1]))
    if in_order:
        order = np.arange(len(ids))
        sorted_ids = ids
    else:  # not in id order, or an id twice
        order = np.argsort(ids, kind="stable")
        sorted_ids = ids[order]
        if np.any(sorted_ids[1:] == sorted_ids[:-1]):
            return None
    at = np.searchsorted(sorted_ids, link_ids)
    at[at >= len(ids)] = 0
    found = sorted_ids[at] == link_ids if len(ids) else np.zeros(len(links), bool)
    event_of = order[at[found]]  # the row in ``events`` of each link
    actors = link_actors[found]
    alone = np.ones(len(ids), dtype=bool)
    alone[event_of] = False
    lonely = np.flatnonzero(alone)  # events without actors: one row, no actor
    # The order SQLite's join gives: events in table order, each one's actors ascending.
    # event_actors is read through its (event_id, actor_id) key, so usually in that order.
    linked_in_order = in_order and (
        len(event_of) < 2
        or bool(
            np.all(
                (event_of[1:] > event_of[:-1])
                | ((event_of[1:] == event_of[:-1]) & (actors[1:] >= actors[:-1]))
            )
        )
    )
    event_of = np.concatenate((event_of, lonely))
    actors = np.concatenate((actors, np.full(len(lonely), NO_ACTOR, dtype=np.int64)))
    if linked_in_order:  # two sorted runs: a stable merge by event
        ordered = np.argsort(event_of, kind="stable")
    else:
        ordered = np.lexsort((actors, event_of))
    event_of, actors = event_of[ordered], actors[ordered]
    rows = np.empty((len(event_of), 5), dtype=np.int64)
    rows[:, 0] = ids[event_of]
    rows[:, 1] = actors
    for column in (1, 2, 3):
        rows[:, column + 1] = events[:, column][event_of]
    return rows, n_slow
