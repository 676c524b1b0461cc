"""The time index: every timeline item (event × actor, statement) in sorted arrays.

One row per item drawn on the timeline: an event involving three actors is three rows
(one per lane). Arrays are sorted by start time, so a time window is two bisections,
and counts per time cell are one ``bincount``: nothing is a Python object per item.

The index is read from the store (:mod:`db.indexread`: Parley's integer ``*_ts``
columns when the store has them, the ISO text otherwise) and kept in a cache file of
Parley's own (:mod:`db.indexcache`): the store is never altered.
"""

from __future__ import annotations

import math
import sqlite3
import threading
from dataclasses import dataclass
from urllib.parse import quote

import numpy as np

from db import indexcache
from db.indexread import (
    COLUMNS,
    KIND_EVENT,
    KIND_STATEMENT,
    NO_ACTOR,
    event_rows,
    read_links,
    statement_rows,
)
from db.model import Problem

__all__ = ["KIND_EVENT", "KIND_STATEMENT", "NO_ACTOR", "TimeIndex", "build"]

#: Rows per slice when a whole column is scanned.
_SLICE = 1 << 20
#: Items longer than this are kept apart, so that a window query stays two bisections.
LONG_SPAN = 2 * 86400
_NAMES = tuple(name for name, _ in COLUMNS)


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

    def actor_counts(self) -> dict[int, int]:
        """Rows per actor id (NO_ACTOR for events without actors): one ``bincount`` when
        the ids are close together (a sort of every row otherwise)."""
        if not len(self.actor):
            return {}
        low, high = int(self.actor.min()), int(self.actor.max())
        if high - low > 4 * len(self.actor) + 1_000_000:
            actors, counts = np.unique(self.actor, return_counts=True)
        else:
            # In slices: no temporary as large as the column (fresh memory is slow to get).
            counts = np.zeros(high - low + 1, dtype=np.int64)
            for first in range(0, len(self.actor), _SLICE):
                part = self.actor[first : first + _SLICE] - low
                counts += np.bincount(part, minlength=len(counts))
            actors = np.flatnonzero(counts)
            counts = counts[actors]
            actors = actors + low
        return dict(zip(actors.tolist(), counts.tolist(), strict=True))

    def find(self, kind: int, rid: int) -> np.ndarray:
        """Indexes of the rows of one event or statement (one per lane)."""
        return np.flatnonzero((self.rid == rid) & (self.kind == kind))


def build(
    conn: sqlite3.Connection, has_ts: bool, keep: bool = True
) -> tuple[TimeIndex, list[Problem]]:
    """Read every item of the store into a :class:`TimeIndex`; unreadable rows are problems.

    A large index is also kept in a cache file of Parley's own (never in the store,
    see :mod:`db.indexcache`), valid while the store's file is unchanged, so opening it
    again skips the reading (``keep``: False for a reader about to change the store).
    """
    key = indexcache.fingerprint(conn, cache_variant(has_ts))
    arrays = indexcache.load(key, (*(name for name, _ in COLUMNS), "long"))
    if arrays is not None:
        index = _checked(arrays)
        if index is not None:
            return index, []
    index, problems = _build(conn, has_ts)
    if keep and not problems:
        remember(conn, has_ts, index, key)
    return index, problems


def cache_variant(has_ts: bool) -> str:
    """What, beside the file, a cache entry of the index depends on."""
    return f"ts={int(has_ts)}"


def remember(conn: sqlite3.Connection, has_ts: bool, index: TimeIndex, key=None) -> None:
    """Keep ``index`` in the cache for the store of ``conn`` as the file is now (when it
    is large enough to be worth it); ``key``: its fingerprint, when known already."""
    if len(index) >= CACHE_MIN_ROWS:
        key = key or indexcache.fingerprint(conn, cache_variant(has_ts))
        indexcache.save(key, {name: getattr(index, name) for name in (*_NAMES, "long")})


def _checked(arrays: dict[str, np.ndarray]) -> TimeIndex | None:
    """The index of stored arrays (a cache entry, the store's own), or None when they
    do not fit together."""
    if any(arrays[name].dtype != dtype for name, dtype in COLUMNS):
        return None
    if len({len(arrays[name]) for name in _NAMES}) != 1:
        return None
    t0, t1, long = arrays["t0"], arrays["t1"], arrays["long"]
    for first in range(0, len(t0), _SLICE):  # in slices, as actor_counts
        end = first + _SLICE
        if np.any(np.diff(t0[first : end + 1]) < 0) or np.any(t1[first:end] < t0[first:end]):
            return None
    if len(long) and (long.dtype != np.int64 or long.min() < 0 or long.max() >= len(t0)):
        return None
    return TimeIndex(**arrays)


def _build(conn: sqlite3.Connection, has_ts: bool) -> tuple[TimeIndex, list[Problem]]:
    problems: list[Problem] = []
    parts = _read_parallel(conn, has_ts, problems)
    if parts is None:
        parts = [
            sorted_part(statement_rows(conn, has_ts, problems)),
            sorted_part(event_rows(conn, has_ts, problems)),
        ]
    return merged(parts), problems


def merged(parts: list[dict]) -> TimeIndex:
    """The index of parts (statements, events) each sorted by :func:`sorted_part`."""
    # Column by column, each part's column let go once joined: memory holds one copy.
    arrays = {name: np.concatenate([part.pop(name) for part in parts]) for name in _NAMES}
    # Two runs sorted already (each part on its own thread): a stable merge, the same
    # order as a stable sort of the parts one after the other.
    order = np.argsort(arrays["t0"], kind="stable")
    sorted_arrays = {name: arrays.pop(name)[order] for name in _NAMES}
    long = np.flatnonzero(sorted_arrays["t1"] - sorted_arrays["t0"] > LONG_SPAN)
    return TimeIndex(**sorted_arrays, long=long)


def sorted_part(part: dict) -> dict[str, np.ndarray]:
    """A part's columns in their types, in time order (rows of the same time as read)."""
    order = _stable_order(np.asarray(part["t0"], dtype=np.int64))
    return {name: np.asarray(part.pop(name), dtype=dtype)[order] for name, dtype in COLUMNS}


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
    """Statements and the event links each on a read-only connection of their own, in a
    thread, the events on ``conn``: SQLite runs each query without the GIL, so both
    cores read at once. None when no other connection can be opened (no file), a read
    failed (read again on ``conn`` alone: its error, if any, is raised) or the store
    changed while it was read."""
    before = indexcache.fingerprint(conn, "")
    path = indexcache.store_path(conn)
    if before is None or path is None:
        return None
    statement_problems: list[Problem] = []
    event_problems: list[Problem] = []
    readers: list[_Reader] = []
    try:
        readers.append(_Reader(path, lambda c: statement_rows(c, has_ts, statement_problems)))
        readers.append(_Reader(path, read_links))
        events = event_rows(conn, has_ts, event_problems, links=readers[1].result)
        parts = [sorted_part(readers[0].result()), sorted_part(events)]
    except sqlite3.Error:
        return None
    finally:
        for reader in readers:
            reader.join()
    if indexcache.fingerprint(conn, "") != before:  # a commit between the reads
        return None
    problems += statement_problems + event_problems
    return parts


class _Reader(threading.Thread):
    """``work(connection)`` on a new read-only connection of ``path``, in a thread."""

    def __init__(self, path, work) -> None:
        super().__init__(name="parley-index", daemon=True)
        self._conn = sqlite3.connect(
            f"file:{quote(str(path))}?mode=ro", uri=True, timeout=5.0, check_same_thread=False,
            isolation_level=None,
        )
        self._work = work
        self._value = self._error = None
        self.start()

    def run(self) -> None:
        try:
            self._value = self._work(self._conn)
        except BaseException as error:  # re-raised on the calling thread
            self._error = error
        finally:
            self._conn.close()

    def result(self):
        """What the work gave (once it is done), or its error raised."""
        self.join()
        if self._error is not None:
            raise self._error
        return self._value


#: Indexes with fewer rows than this are read from the store every time (it is quick).
CACHE_MIN_ROWS = 50_000
