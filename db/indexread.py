"""Reading a store's items into the time index's columns, in bulk (SQL and numpy).

Each table is read in one scan per kind of row, a column at a time (``group_concat``,
parsed by numpy: no Python object per row). Dates come from Parley's integer ``*_ts``
columns when the store has usable ones, else from the ISO text, a whole column at once
(:mod:`db.bulkdates`). The rows the bulk path cannot read (a written date, a text id)
are read again one by one, by rowid, and reported when they are unreadable.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator

import numpy as np

from db import bulkdates, sqlitetune
from db.dates import END_SECOND, FIRST_SECOND, PRECISIONS, DateError, parse_date, span_of
from db.model import Problem
from db.schema import STANCES

KIND_EVENT = 0
KIND_STATEMENT = 1
NO_ACTOR = -1
#: The index's columns and their types (lane and topic ids fit 32 bits).
COLUMNS = (
    ("t0", np.int64),
    ("t1", np.int64),
    ("actor", np.int32),
    ("kind", np.int8),
    ("rid", np.int64),
    ("approx", np.int8),
    ("stance", np.int8),
    ("topic", np.int32),
    ("precision", np.int8),
)
_STANCE_SQL = " ".join(f"WHEN '{s}' THEN {i}" for i, s in enumerate(STANCES))
_PRECISION_SQL = " ".join(f"WHEN '{p}' THEN {i}" for i, p in enumerate(PRECISIONS))
_CHUNK = 500
# Each table is read on a connection of its own, in threads: let them run on two cores.
sqlitetune.quiet_memory_stats()


def _integers(text: str | None) -> np.ndarray:
    """The comma-separated integers of a ``group_concat``."""
    return np.fromstring(text, sep=",", dtype=np.int64) if text else np.empty(0, np.int64)


def _concat(*columns: str) -> str:
    """SQL: one comma-separated ``group_concat`` per column."""
    return ", ".join(f"group_concat({column}, ',')" for column in columns)


def _stacked(texts: list[str | None]) -> list[np.ndarray]:
    """Columns from one ``group_concat`` text each (every text has the same count); each
    text is let go of once read (``texts`` ends empty)."""
    columns = []
    while texts:
        columns.append(_integers(texts.pop(0)))
    if len({len(c) for c in columns}) > 1:
        raise sqlite3.DatabaseError("the store changed while it was read")
    return columns


def _scan(conn, table: str, columns: list[str], dates: list[str], where: str):
    """(integer ``columns``, :func:`db.bulkdates.read` of each date column) of the rows of
    ``table`` matching ``where``, in one scan."""
    fixed = ", ".join(bulkdates.sql_texts(d) for d in dates)
    n, *values = conn.execute(
        f"SELECT count(*), {_concat(*columns)}, {fixed} FROM {table} NOT INDEXED WHERE {where}"
    ).fetchone()
    texts, blobs = values[: len(columns)], values[len(columns) :]
    del values
    rows = _stacked(texts)
    if len(rows[0]) != n:
        raise sqlite3.DatabaseError("the store changed while it was read")
    return rows, [bulkdates.read(blobs.pop(0), n) for _ in range(len(blobs))]


def index_columns(rows: list[np.ndarray], kind: int, precision: np.ndarray | None = None) -> dict:
    """Index columns of columns id, actor, t0, t1, packed (approx + 2·(stance+1) +
    16·precision)[, topic]; ``precision`` (read from the text) replaces the packed one."""
    rid, actor, t0, t1, packed = rows[:5]
    return {
        "t0": t0,
        "t1": t1,
        "actor": actor.astype(np.int32),
        "kind": np.full(len(rid), kind, dtype=np.int8),
        "rid": rid,
        "approx": (packed & 1).astype(np.int8),
        "stance": ((packed >> 1) % 8 - 1).astype(np.int8),
        "topic": rows[5].astype(np.int32) if len(rows) > 5 else np.full(len(rid), -1, np.int32),
        "precision": (packed >> 4).astype(np.int8) if precision is None else precision,
    }


def _concatenated(parts: list[dict]) -> dict:
    parts = [part for part in parts if len(part["t0"])] or parts[:1]
    if len(parts) == 1:
        return parts[0]
    return {
        name: np.concatenate([np.asarray(part[name], dtype=dtype) for part in parts])
        for name, dtype in COLUMNS
    }


def _columns_from(rows: Iterable[tuple], spans_of, kind: int, problems, table) -> dict:
    """Index columns of rows read one by one (the dates of those with text parsed)."""
    cols: dict[str, list] = {name: [] for name, _ in COLUMNS}
    append = [cols[name].append for name, _ in COLUMNS]
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
    return {name: np.asarray(cols[name], dtype=dtype) for name, dtype in COLUMNS}


def _text_span(table: str, column: str):
    """A function reading one row's date text (cached per text), reporting it once per
    row id when it cannot be read."""
    cache: dict[tuple, tuple[int, int, int] | None] = {}
    reported: set = set()  # an event is one row per actor: report it once

    def spans_of(rid, raw, problems):
        if raw not in cache:
            cache[raw] = parse_span(raw)
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


def parse_span(raw) -> tuple[int, int, int] | None:
    """(t0, t1, precision code) of a date text or a (start, end) pair, row by row."""
    start_text, end_text = raw if isinstance(raw, tuple) else (raw, None)
    try:
        start = parse_date(start_text)
        t0, t1 = span_of(start, parse_date(end_text) if end_text else None)
    except DateError:
        return None
    return t0, t1, PRECISIONS.index(start.precision)


def bulk_span(start: tuple, end: tuple | None = None):
    """(t0, t1, precision code, readable) of start (and end) date columns as
    :func:`db.bulkdates.read` gives them: :func:`parse_span` for whole columns (the
    span rule of :func:`db.dates.span_of`: the start's span extended to the end of the
    end's); unreadable rows are left to it."""
    t0, t1, precision, ok, _ = start
    if end is not None:
        _, end_t1, _, end_ok, none = end
        ok &= none | end_ok
        t1 = np.where(none, t1, np.maximum(t1, end_t1))
    return t0, t1, precision, ok


def _optional(conn, table: str, alias: str = ""):
    """A function giving an optional column of ``table`` when it has it, else NULL.

    A store written by another program may hold only the contract's required columns.
    """
    have = {row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')}
    prefix = f"{alias}." if alias else ""
    return lambda column: f'{prefix}"{column}"' if column in have else "NULL"


def _row_keys(conn, table: str, alias: str = "") -> list[str] | None:
    """SQL columns: a rowid (to find a row again), whether its id is an integer, and the
    id or 0 — only ``id`` when it is the rowid itself (INTEGER PRIMARY KEY: always an
    integer). None when the table has no rowid (WITHOUT ROWID, or every name taken)."""
    info = conn.execute(f'PRAGMA table_info("{table}")').fetchall()
    sql = conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
    ).fetchone()
    if sql is None or "WITHOUT ROWID" in " ".join(str(sql[0]).upper().split()):
        return None
    prefix = f"{alias}." if alias else ""
    keys = [row for row in info if row[5]]
    if len(keys) == 1 and keys[0][1] == "id" and str(keys[0][2]).upper() == "INTEGER":
        return [f"{prefix}id"]
    have = {row[1].lower() for row in info}
    rowid = next((n for n in ("rowid", "_rowid_", "oid") if n not in have), None)
    if rowid is None:
        return None
    integer = f"typeof({prefix}id) = 'integer'"
    return [f"{prefix}{rowid}", integer, f"CASE WHEN {integer} THEN {prefix}id ELSE 0 END"]


def _keys(values: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(rowids, ids, id is an integer) of the columns :func:`_row_keys` gave."""
    if len(values) == 1:
        return values[0], values[0], np.ones(len(values[0]), dtype=bool)
    return values[0], values[2], values[1] == 1


def _by_rowid(conn, sql: str, rowids: np.ndarray) -> Iterator[tuple]:
    """Rows of ``sql`` (with ``{}`` for a list of rowids) for ``rowids``, in chunks."""
    for first in range(0, len(rowids), _CHUNK):
        chunk = rowids[first : first + _CHUNK].tolist()
        yield from conn.execute(sql.format(",".join("?" * len(chunk))), chunk)


def _ts_ok(t0: str, t1: str) -> str:
    """SQL: the ``*_ts`` pair is usable (integers, in years 1–9999, in order); else the
    text date is read instead (another program may have written anything there)."""
    return (
        f"(typeof({t0}) = 'integer' AND typeof({t1}) = 'integer' AND {t0} <= {t1} "
        f"AND {t0} >= {FIRST_SECOND} AND {t1} <= {END_SECOND})"
    )


def _count(conn, table: str) -> int:
    return int(conn.execute(f"SELECT count(*) FROM {table} WHERE id IS NOT NULL").fetchone()[0])


def statement_rows(conn, has_ts: bool, problems: list[Problem]) -> dict:
    """Index columns of every statement (usable ``*_ts`` first, then text dates)."""
    col = _optional(conn, "statements")
    ok = _ts_ok("said_ts", "said_end_ts")
    approx = f"(COALESCE({col('approximate')}, 0) != 0)"
    stance = f"(CASE {col('stance')} {_STANCE_SQL} ELSE -1 END)"
    precision = f"(CASE precision {_PRECISION_SQL} ELSE 2 END)"
    actor = f"COALESCE(CAST(actor_id AS INTEGER), {NO_ACTOR})"
    topic = f"COALESCE(CAST({col('topic_id')} AS INTEGER), -1)"
    packed = f"{approx} + 2 * ({stance} + 1) + 16 * {precision}"
    parts = []
    if has_ts:
        n_fast, *texts = conn.execute(
            f"SELECT count(*), {_concat('id', actor, 'said_ts', 'said_end_ts', packed, topic)}"
            f" FROM statements NOT INDEXED WHERE typeof(id) = 'integer' AND {ok}"
        ).fetchone()
        parts.append(index_columns(_stacked(texts), KIND_STATEMENT))
    if not has_ts or _count(conn, "statements") > n_fast:
        # Every row the first scan left (text ids too: reported as problems).
        where = "id IS NOT NULL"
        where += f" AND NOT (typeof(id) = 'integer' AND {ok})" if has_ts else ""
        one_by_one = (
            f"SELECT id, {actor}, NULL, NULL, {approx}, {stance}, {topic}, {precision}, said "
            f"FROM statements WHERE "
        )
        spans_of = _text_span("statements", "said")
        keys = _row_keys(conn, "statements")
        if keys is None:  # no rowid to find the odd rows by: read them all one by one
            rows = conn.execute(one_by_one + where)
            parts.append(_columns_from(rows, spans_of, KIND_STATEMENT, problems, "statements"))
            return _concatenated(parts)
        # The precision is the text's: the packed one leaves it out.
        values, (said,) = _scan(
            conn, "statements", [*keys, actor, f"{approx} + 2 * ({stance} + 1)", topic],
            ["said"], where,
        )
        rowids, ids, integer = _keys(values[: len(keys)])
        t0, t1, code, good = bulk_span(said)
        good &= integer
        rows = [ids, values[len(keys)], t0, t1, *values[len(keys) + 1 :]]
        parts.append(index_columns([c[good] for c in rows], KIND_STATEMENT, code[good]))
        rest = _by_rowid(conn, one_by_one + f"{keys[0]} IN ({{}})", rowids[~good])
        parts.append(_columns_from(rest, spans_of, KIND_STATEMENT, problems, "statements"))
    return _concatenated(parts)


def event_rows(conn, has_ts: bool, problems: list[Problem], links=None) -> dict:
    """Index columns of every event, one row per actor (an event without actors: one
    row without). Events and event_actors are read apart and joined in numpy; SQLite
    joins them when their ids are odd (text, or one id twice). ``links``: a function
    giving :func:`read_links` (read elsewhere meanwhile), else it is read on ``conn``."""
    found: list[Problem] = []
    table = _event_table(conn, has_ts, found)
    links = links or (lambda: read_links(conn))
    rows = join_links(table, links()) if table is not None else None
    if rows is None:
        return _events_joined_in_sql(conn, has_ts, problems)
    problems += found
    return index_columns(rows, KIND_EVENT)


def _event_table(conn, has_ts: bool, problems: list[Problem]) -> list[np.ndarray] | None:
    """Columns id, t0, t1, packed (approx + 16·precision) of every readable event, or
    None when the events table has no rowid to find odd rows by."""
    col = _optional(conn, "events", "e")
    ok = _ts_ok("e.start_ts", "e.end_ts")
    approx = f"(COALESCE({col('approximate')}, 0) != 0)"
    precision = f"(CASE e.precision {_PRECISION_SQL} ELSE 2 END)"
    packed = f"{approx} + 16 * {precision}"
    parts = [[np.empty(0, np.int64)] * 4]
    if has_ts:
        n_fast, *texts = conn.execute(
            f"SELECT count(*), {_concat('e.id', 'e.start_ts', 'e.end_ts', packed)} "
            f"FROM events e NOT INDEXED WHERE typeof(e.id) = 'integer' AND {ok}"
        ).fetchone()
        parts.append(_stacked(texts))
    if not has_ts or _count(conn, "events") > n_fast:
        keys = _row_keys(conn, "events", "e")
        if keys is None:
            return None
        values, (start, end) = _scan(
            conn, "events e", [*keys, approx], ["e.start", col("end")],
            "e.id IS NOT NULL"
            + (f" AND NOT (typeof(e.id) = 'integer' AND {ok})" if has_ts else ""),
        )
        rowids, ids, integer = _keys(values[: len(keys)])
        t0, t1, code, good = bulk_span(start, end)
        good &= integer
        rows = [ids, t0, t1, values[len(keys)] + 16 * code.astype(np.int64)]
        parts.append([c[good] for c in rows])
        sql = (
            f"SELECT e.id, {approx}, e.start, {col('end')} FROM events e "
            f"WHERE {keys[0]} IN ({{}})"
        )
        parts.append(_odd_events(_by_rowid(conn, sql, rowids[~good]), problems))
    return [np.concatenate(columns) for columns in zip(*parts, strict=True)]


def _odd_events(rows: Iterable[tuple], problems: list[Problem]) -> list[np.ndarray]:
    """Columns id, t0, t1, packed of events read one by one; unreadable ones reported."""
    spans_of = _text_span("events", "start")
    found = []
    for rid, approx, start, end in rows:
        if not isinstance(rid, int):
            problems.append(Problem("events", rid, "id", rid, "not an integer id"))
            continue
        span = spans_of(rid, (start, end), problems)
        if span is not None:
            found.append((rid, span[0], span[1], int(approx) + 16 * span[2]))
    return list(np.array(found, dtype=np.int64).reshape(-1, 4).T)


def _events_joined_in_sql(conn, has_ts: bool, problems: list[Problem]) -> dict:
    """Every event × actor through SQLite's join, the text dates one by one: for stores
    whose ids the numpy join cannot take (and the reference it is tested against)."""
    col = _optional(conn, "events", "e")
    ok = _ts_ok("e.start_ts", "e.end_ts")
    approx = f"(COALESCE({col('approximate')}, 0) != 0)"
    precision = f"(CASE e.precision {_PRECISION_SQL} ELSE 2 END)"
    actor = f"COALESCE(CAST(ea.actor_id AS INTEGER), {NO_ACTOR})"
    join = "events e LEFT JOIN event_actors ea ON ea.event_id = e.id"
    parts = []
    if has_ts:
        packed = f"{approx} + 16 * {precision}"
        texts = list(conn.execute(
            f"SELECT {_concat('e.id', actor, 'e.start_ts', 'e.end_ts', packed)} "
            f"FROM {join} WHERE typeof(e.id) = 'integer' AND {ok}"
        ).fetchone())
        parts.append(index_columns(_stacked(texts), KIND_EVENT))
    fast = f"typeof(e.id) = 'integer' AND {ok}" if has_ts else "0"
    rows = (
        (rid, actor_id, None, None, approx_, -1, -1, precision_, (start, end))
        for rid, actor_id, approx_, precision_, start, end in conn.execute(
            f"SELECT e.id, {actor}, {approx}, {precision}, e.start, {col('end')} FROM {join} "
            f"WHERE e.id IS NOT NULL AND NOT ({fast})"
        )
    )
    parts.append(_columns_from(rows, _text_span("events", "start"), KIND_EVENT, problems, "events"))
    return _concatenated(parts)


def read_links(conn) -> list[np.ndarray] | None:
    """(event ids, actor ids) of event_actors as read (NO_ACTOR for none), or None when
    an event id is not an integer (SQLite's join decides then)."""
    odd, *link_texts = conn.execute(
        f"""SELECT count(CASE WHEN typeof(event_id) != 'integer' THEN 1 END),
                   {_concat("event_id", f"COALESCE(CAST(actor_id AS INTEGER), {NO_ACTOR})")}
            FROM event_actors WHERE event_id IS NOT NULL"""
    ).fetchone()
    return None if odd else _stacked(link_texts)


def join_links(events: list[np.ndarray], links: list[np.ndarray] | None):
    """Columns id, actor, t0, t1, packed: ``events`` (id, t0, t1, packed) joined with the
    links of :func:`read_links` (events in id order, each one's actors as read:
    ascending through the table's key), events without actors once with NO_ACTOR.
    None when there are no links to join (odd ids) or an event id is twice."""
    if links is None:
        return None
    link_ids, link_actors = links
    del links[:]  # let go of each column once it is used
    ids = events[0]
    order = np.argsort(ids, kind="stable")
    sorted_ids = ids[order]
    if np.any(sorted_ids[1:] == sorted_ids[:-1]):
        return None
    # Places are int32 (fewer than 2**31 events): memory at 10M items is the limit.
    at = np.searchsorted(sorted_ids, link_ids).astype(np.int32)
    at[at >= len(ids)] = 0
    found = sorted_ids[at] == link_ids if len(ids) else np.zeros(len(link_ids), bool)
    del sorted_ids, link_ids
    event_of = at[found]  # each link's event, as a place in id order
    actors = link_actors[found].astype(np.int32)
    del at, found, link_actors
    alone = np.ones(len(ids), dtype=bool)
    alone[event_of] = False
    lonely = np.flatnonzero(alone).astype(np.int32)  # events without actors: one row
    event_of = np.concatenate((event_of, lonely))
    actors = np.concatenate((actors, np.full(len(lonely), NO_ACTOR, dtype=np.int32)))
    ordered = np.argsort(event_of, kind="stable")  # two sorted runs, usually: a merge
    event_of = order.astype(np.int32)[event_of[ordered]]
    actors = actors[ordered]
    del ordered, order
    return [ids[event_of], actors, *(column[event_of] for column in events[1:])]
