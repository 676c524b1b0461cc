"""How ``parley synth`` hands its numpy columns to SQLite: in bulk, never a row at a time.

Each chunk of rows goes over as a few JSON arrays of integers (every small column of a
row packed into the bits of one or two 64-bit words); SQLite reads them with
``json_each`` and makes each row in SQL, its text from small lookup tables (quotations,
names, labels, the ISO text of each day and each second of a day). A row bound from
Python costs several microseconds; made in SQL, well under one.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

import numpy as np

from db.dates import PRECISIONS

#: Bits a word carries (SQLite integers are signed 64-bit).
WORD_BITS = 63


class Packing:
    """Columns packed into words: each column takes the bits its largest value needs."""

    def __init__(self, widths: dict[str, int]) -> None:
        self.place: dict[str, tuple[int, int, int]] = {}  # name -> (word, shift, bits)
        word, shift = 0, 0
        for name, bits in widths.items():
            if bits > WORD_BITS:
                raise ValueError(f"{name} needs {bits} bits")
            if shift + bits > WORD_BITS:
                word, shift = word + 1, 0
            self.place[name] = (word, shift, bits)
            shift += bits
        self.words = word + 1

    def pack(self, chunk: dict[str, np.ndarray]) -> list[np.ndarray]:
        """The words of a chunk's rows."""
        n = len(next(iter(chunk.values())))
        words = [np.zeros(n, dtype=np.int64) for _ in range(self.words)]
        for name, (word, shift, bits) in self.place.items():
            column = chunk[name].astype(np.int64)
            if len(column) and (column.min() < 0 or int(column.max()) >> bits):
                raise ValueError(f"{name} does not fit in {bits} bits")
            words[word] |= column << shift
        return words

    def sql(self, name: str) -> str:
        """The SQL that reads column ``name`` back from the words ``w0.v``, ``w1.v``, …"""
        word, shift, bits = self.place[name]
        return f"((w{word}.v >> {shift}) & {(1 << bits) - 1})"

    def source(self) -> str:
        """The FROM clause of a chunk's words: one row per row of the chunk, in order."""
        joins = "".join(
            f" CROSS JOIN temp.w{k} AS w{k} ON w{k}.rowid = w0.rowid" for k in range(1, self.words)
        )
        return f"temp.w0 AS w0{joins}"

    def load(self, conn: sqlite3.Connection, words: list[np.ndarray]) -> None:
        """Put the words of a chunk in the temporary tables ``w0``, ``w1``, … (rowid: the
        row's place in the chunk, from 1; SQLite appends each, with no search for its
        place): the chunk's rows are then made by one statement. The tables are emptied
        first, so they stay small (and in the CPU's caches) however many rows come."""
        for k, word in enumerate(words):
            conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS w{k}(v INTEGER)")
            conn.execute(f"DELETE FROM temp.w{k}")  # empty: the next rowid is 1
            conn.execute(
                f"INSERT INTO temp.w{k}(v) SELECT value FROM json_each(?)",
                (json.dumps(word.tolist()),),
            )


def lookups(conn: sqlite3.Connection, start: int, days: int, tables: dict[str, list]) -> None:
    """The temporary lookup tables: ``days`` (ISO text of each day from ``start`` and the
    ends of its month and year), ``tod`` (``THH:MM:SS`` of each second of a day),
    and ``tables`` (name -> rows of text columns, rowid: index)."""
    day = np.datetime64(start, "s").astype("datetime64[D]") + np.arange(days)
    month_end = (day.astype("datetime64[M]") + 1).astype("datetime64[s]").astype(np.int64)
    year_end = (day.astype("datetime64[Y]") + 1).astype("datetime64[s]").astype(np.int64)
    rows = {
        "days": list(zip(
            np.datetime_as_string(day).tolist(), month_end.tolist(), year_end.tolist(),
            strict=True,
        )),
        **tables,
    }
    for name, values in rows.items():
        marks = ", ".join("?" * len(values[0]))
        columns = ", ".join(f"c{i}" for i in range(len(values[0])))
        conn.execute(f"CREATE TEMP TABLE {name}({columns})")
        conn.executemany(
            f"INSERT INTO temp.{name}(rowid, {columns}) VALUES (?, {marks})",
            ((i, *row) for i, row in enumerate(values)),
        )
    conn.execute("CREATE TEMP TABLE tod(c0)")
    conn.execute(
        "WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < 86399) "
        "INSERT INTO temp.tod(rowid, c0) "
        "SELECT i, printf('T%02d:%02d:%02d', i / 3600, i / 60 % 60, i % 60) FROM s"
    )


def _case(value: str, names: Iterable[str | None]) -> str:
    """SQL naming an integer code: ``CASE value WHEN 0 THEN 'first' … END``."""
    whens = " ".join(
        f"WHEN {code} THEN '{name}'" for code, name in enumerate(names) if name is not None
    )
    return f"CASE {value} {whens} END"


def _date(p: Packing, start: int, off: str) -> dict[str, str]:
    """The text, precision and span of the date of offset column ``off`` (seconds after
    ``start``, where its span starts) at precision column ``prec``; rows joined with
    ``days d`` and ``tod t`` of that second."""
    prec = p.sql("prec")
    units = (86400, 3600, 60, 1)
    t1 = " ".join(f"WHEN {code} THEN {start} + {p.sql(off)} + {u}" for code, u in enumerate(
        units, start=2
    ))
    return {
        "text": f"substr(d.c0 || t.c0, 1, 4 + 3 * {prec})",
        "precision": _case(prec, PRECISIONS),
        "t0": f"{start} + {p.sql(off)}",
        "t1": f"CASE {prec} WHEN 0 THEN d.c2 WHEN 1 THEN d.c1 {t1} END",
    }


def _date_joins(p: Packing, off: str) -> str:
    return (
        f" CROSS JOIN temp.days AS d ON d.rowid = {p.sql(off)} / 86400"
        f" CROSS JOIN temp.tod AS t ON t.rowid = {p.sql(off)} % 86400"
    )


def _statement_text(p: Packing) -> dict[str, str]:
    """A statement's text and summary (lookups ``quotes q``, ``names n``, ``labels l``)."""
    return {
        "text": f"CASE WHEN {p.sql('direct')} THEN q.c0 ELSE q.c1 END",
        "summary": f"CASE WHEN {p.sql('summary')} THEN n.c0 || ': ' || l.c0 END",
        "joins": f" CROSS JOIN temp.quotes AS q ON q.rowid = {p.sql('quote')}"
        f" CROSS JOIN temp.names AS n ON n.rowid = {p.sql('actor')}"
        f" CROSS JOIN temp.labels AS l ON l.rowid = {p.sql('stance')} * 16 + {p.sql('topic')}",
    }


def statements_select(p: Packing, start: int, stances: tuple[str, ...]) -> str:
    """SELECT of a chunk's statements, in the order of :data:`db.synth._STATEMENT_COLUMNS`."""
    date, direct, text = _date(p, start, "off"), p.sql("direct"), _statement_text(p)
    return (
        f"SELECT :first + w0.rowid, {p.sql('actor')}, {date['text']},"
        f" {date['precision']}, {p.sql('approx')}, {text['text']},"
        f" CASE WHEN {direct} THEN 'direct' ELSE 'reported' END,"
        f" {p.sql('topic')} + 1, {_case(p.sql('stance'), stances)}, {text['summary']},"
        f" {p.sql('source')}, nullif({p.sql('event')}, 0), {date['t0']}, {date['t1']}"
        f" FROM {p.source()}{_date_joins(p, 'off')}{text['joins']}"
    )


def _event_text(p: Packing) -> dict[str, str]:
    """An event's title and description (lookups ``names n``, ``event_texts x``)."""
    return {
        "title": "n.c0 || ' ' || x.c0",
        "description": f"CASE WHEN {p.sql('described')} THEN x.c1 END",
        "joins": f" CROSS JOIN temp.names AS n ON n.rowid = {p.sql('actor')}"
        f" CROSS JOIN temp.event_texts AS x ON x.rowid ="
        f" ({p.sql('noun')} * 16 + {p.sql('city')}) * 16 + {p.sql('verb')}",
    }


def events_select(p: Packing, start: int) -> str:
    """SELECT of a chunk's events, in the order of :data:`db.synth._EVENT_COLUMNS`
    (``days e``: the last day of an event of several days)."""
    date, ends, text = _date(p, start, "off"), p.sql("ends"), _event_text(p)
    last_day = f"{p.sql('off')} / 86400 + {p.sql('dur')}"
    return (
        f"SELECT :first + w0.rowid, {text['title']}, {text['description']},"
        f" {date['text']}, CASE WHEN {ends} THEN e.c0 END, {date['precision']},"
        f" {p.sql('approx')}, CASE WHEN {p.sql('located')} THEN x.c2 END, {p.sql('source')},"
        f" {date['t0']},"
        f" CASE WHEN {ends} THEN {start} + ({last_day} + 1) * 86400 ELSE {date['t1']} END"
        f" FROM {p.source()}{_date_joins(p, 'off')}"
        f" CROSS JOIN temp.days AS e ON e.rowid = {last_day}{text['joins']}"
    )


def links_select(p: Packing) -> str:
    """SELECT of the event_actors rows (event, actor, role), in order."""
    role = _case(p.sql("role"), ("participant", "host", "target"))
    return f"SELECT {p.sql('event')}, {p.sql('actor')}, {role} FROM {p.source()}"
