"""The reference the bulk index read is tested against: SQLite's join, dates row by row."""

from __future__ import annotations

import numpy as np

from db import bulkdates, embedindex, indexcache, indexread, timeindex
from db.api import open_store


def join_in_sqlite(conn, monkeypatch, has_ts: bool = True):
    """The index as SQLite's own join on one connection reads it, every text date read
    by the row parser: ``(index, problems)``."""
    read = bulkdates.read

    def nothing_in_bulk(blob, rows):
        t0, t1, precision, ok, empty = read(blob, rows)
        return t0, t1, precision, np.zeros_like(ok), empty

    with monkeypatch.context() as m:
        m.setattr(timeindex, "_read_parallel", lambda *args: None)
        m.setattr(indexread, "join_links", lambda *args: None)
        m.setattr(bulkdates, "read", nothing_in_bulk)
        return timeindex._build(conn, has_ts)


def same_index(a, b) -> None:
    """The same rows, types and times (items starting at the same second may come in
    another order), each with its long items."""

    def rows(index):
        order = np.lexsort([getattr(index, name) for name, _ in reversed(timeindex.COLUMNS)])
        return {name: getattr(index, name)[order] for name, _ in timeindex.COLUMNS}

    left, right = rows(a), rows(b)
    for name, _ in timeindex.COLUMNS:
        assert left[name].dtype == right[name].dtype, name
        assert np.array_equal(left[name], right[name]), name
    assert np.array_equal(a.t0, b.t0)
    for index in (a, b):
        assert np.array_equal(index.long, np.flatnonzero(index.t1 - index.t0 > timeindex.LONG_SPAN))


def from_rows(path, monkeypatch):
    """The index open_store reads from the store's rows (the cache and the store's own
    index bypassed)."""
    with monkeypatch.context() as m:
        m.setattr(embedindex, "load", lambda conn: None)
        m.setattr(indexcache, "load", lambda *args: None)
        m.setattr(indexcache, "save", lambda *args: None)
        return open_store(path).index
