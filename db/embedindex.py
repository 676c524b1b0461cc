"""The time index kept inside the store by Parley's own writers, and trusted only while
no other program has written to the store since.

Parley's writers (``synth``, ``parley import`` into a store that has one, ``parley optimize``)
store the index's columns as packed numpy arrays in a table of Parley's own
(``parley_index``: a few blobs per column) with a header in ``parley_index_state``.
Opening such a store reads a few blobs instead of scanning every row (the cold first
open of a large store; a store copied to another machine opens as fast), and keeps them
in Parley's cache (:mod:`db.indexcache`) so that later opens map them without a copy.

Any write by any program makes it stale, and a stale index is never used (the store is
then read row by row, as a store without one):

- every insert, update or delete on ``statements``, ``events`` or ``event_actors`` fires
  a trigger that bumps ``parley_index_state.revision``, in the writer's own transaction;
  the index is used only when that revision is still the one it was built at;
- any change to the schema (a table dropped and made again, as pandas' ``to_sql`` and
  sqlite-utils' ``transform`` do, a trigger dropped, a column added) moves SQLite's
  schema cookie, which must still be the one recorded with the index;
- a file replaced by another carries its own index, or none;
- a damaged index (checksum, lengths, unsorted times) is ignored.

Viewing never writes: a read-only file with a valid index opens from it, one with a stale
one is read row by row.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import zlib
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from os import PathLike
from pathlib import Path
from urllib.parse import quote

import numpy as np

from db import errors, indexcache, schema, timeindex
from db.timeindex import TimeIndex

FORMAT = 2
STATE = "parley_index_state"
DATA = "parley_index"
#: The tables the index is read from: a row written to any of them makes it stale.
WATCHED = ("statements", "events", "event_actors")
#: Rows per blob: one blob per column up to 64M rows (512 MiB of int64, under SQLite's
#: 1 GB limit on a value), so that reading it copies nothing more.
PART_ROWS = 1 << 26
#: Smaller stores are read row by row in well under a second: no index is kept in them.
MIN_ROWS = 50_000
_NAMES = (*(name for name, _ in timeindex.COLUMNS), "long")
_saving: list[threading.Thread] = []

_DDL = [
    f"""CREATE TABLE IF NOT EXISTS {STATE} (
        id INTEGER PRIMARY KEY CHECK (id = 1), revision INTEGER NOT NULL DEFAULT 0,
        built INTEGER, schema INTEGER, header TEXT)""",
    f"""CREATE TABLE IF NOT EXISTS {DATA} (
        id INTEGER PRIMARY KEY, name TEXT NOT NULL, part INTEGER NOT NULL,
        data BLOB NOT NULL)""",
    *(
        f"CREATE TRIGGER IF NOT EXISTS {DATA}_{table}_{op.lower()} AFTER {op} ON {table} "
        f"BEGIN UPDATE {STATE} SET revision = revision + 1; END"
        for table in WATCHED
        for op in ("INSERT", "UPDATE", "DELETE")
    ),
]


def open_index(conn: sqlite3.Connection, has_ts: bool) -> TimeIndex | None:
    """The index for opening the store: from Parley's cache while it holds the file as it
    is now (memory-mapped: no copy), else the store's own (:func:`load`), which is then
    cached on a thread for the next open; None when the store has no current one."""
    key = indexcache.fingerprint(conn, timeindex.cache_variant(has_ts))
    arrays = indexcache.load(key, _NAMES)
    index = timeindex._checked(arrays) if arrays is not None else None
    if index is None:
        index = load(conn)
        if index is not None and len(index) >= timeindex.CACHE_MIN_ROWS:
            # A daemon: a program ending meanwhile does not wait (a command line
            # export); the entry is written to a temporary file renamed when whole.
            saving = threading.Thread(
                target=indexcache.save,
                args=(key, {name: getattr(index, name) for name in _NAMES}),
                name="parley-index-cache",
                daemon=True,
            )
            saving.start()
            _saving.append(saving)
    return index


def settle() -> None:
    """Wait until the cache entries being written are written."""
    while _saving:
        _saving.pop().join()


def load(conn: sqlite3.Connection) -> TimeIndex | None:
    """The store's embedded index when it is current and whole, else None (read only)."""
    own = not conn.in_transaction  # one read transaction: the check and the blobs agree
    try:
        if own:
            conn.execute("BEGIN")
        try:
            arrays = _current_columns(conn)
        finally:
            if own:
                conn.execute("COMMIT")
    except (sqlite3.Error, ValueError, KeyError, TypeError, AttributeError):
        return None
    return timeindex._checked(arrays) if arrays is not None else None


def _current_columns(conn: sqlite3.Connection) -> dict[str, np.ndarray] | None:
    """The index's columns when no row or schema was written since it was built."""
    row = conn.execute(f"SELECT revision, built, schema, header FROM {STATE} WHERE id = 1")
    row = row.fetchone()
    if row is None or row[0] != row[1] or row[2] != _schema_cookie(conn):
        return None
    header = json.loads(row[3])
    if header.get("format") != FORMAT or set(header["columns"]) != set(_NAMES):
        return None
    return _read_columns(conn, header["columns"])


def _read_columns(conn: sqlite3.Connection, columns: dict) -> dict[str, np.ndarray] | None:
    """Each column of the header from its blobs (read in the order they were written:
    one pass, no sort); None when one does not match its header (parts, length,
    checksums). Each blob's checksum is taken on another thread while the next is read
    (both let go of the GIL)."""
    parts: dict[str, list[bytes]] = {name: [] for name in columns}
    checks: dict[str, list] = {name: [] for name in columns}
    rows = conn.execute(
        f"SELECT id, name, part, typeof(data) FROM {DATA} ORDER BY id"
    ).fetchall()
    with ThreadPoolExecutor(1, thread_name_prefix="parley-index-check") as pool:
        for rowid, name, part, kind in rows:
            if name not in parts or part != len(parts[name]) or kind != "blob":
                return None
            parts[name].append(_blob(conn, rowid))
            checks[name].append(pool.submit(zlib.crc32, parts[name][-1]))
        sums = {name: [check.result() for check in found] for name, found in checks.items()}
    arrays = {}
    for name, (dtype, length, crcs) in columns.items():
        blobs = parts.pop(name)
        if not blobs or sums[name] != crcs:
            return None
        array = np.frombuffer(blobs[0] if len(blobs) == 1 else b"".join(blobs), np.dtype(dtype))
        if len(array) != length:
            return None
        arrays[name] = array
    return arrays


def _blob(conn: sqlite3.Connection, rowid: int) -> bytes:
    """One blob, read straight from its pages where Python can (3.11: a SELECT copies it
    once more)."""
    if not hasattr(conn, "blobopen"):
        return conn.execute(f"SELECT data FROM {DATA} WHERE id = ?", (rowid,)).fetchone()[0]
    with conn.blobopen(DATA, "data", rowid, readonly=True) as blob:
        return blob.read()


def embed(path: str | PathLike[str], index: TimeIndex | None = None) -> bool:
    """Write the time index into the store at ``path`` (Parley's writers, after their
    own commit): ``index`` when given (what its writer just wrote), else read from the
    store. False, and no index kept, when some row cannot be read (the store is then
    read row by row on opening, and its problems reported). Raises StoreError when the
    store cannot be written."""
    from db.importer import write_transaction  # (the importer refreshes the index)

    with write_transaction(Path(path)) as conn:  # no other writer until the index is in
        if index is None:
            index = load(conn)  # one still current is written again as it is
        if index is None:
            index, problems = timeindex.build(conn, has_time_columns(conn), keep=False)
            if problems:
                _drop_data(conn)
                return False
        _write(conn, index)
    return True


def keep_in(conn: sqlite3.Connection, index: TimeIndex) -> None:
    """What a writer making a new store calls with its index, in its transaction on the
    store once every row is in: kept in the store when it is large enough to be worth it
    (:data:`MIN_ROWS` timeline items)."""
    if len(index) >= MIN_ROWS:
        _write(conn, index)


def refresh(path: str | PathLike[str]) -> bool:
    """Bring an embedded index up to date after a write by Parley (``parley import``:
    once per command, as it reads every row); a store without one, or that is not a
    file, is left as it is. True when the store holds a current index now."""
    if not Path(path).is_file():
        return False
    try:
        with closing(_read_only(path)) as conn:
            if STATE not in schema.tables(conn):
                return False
        return embed(path)
    except (sqlite3.Error, errors.StoreError):  # the write is in: its index is only stale
        return False


def optimize(path: str | PathLike[str]) -> tuple[int, bool]:
    """``parley optimize``: keep the index in a store (one another program wrote, too),
    so that its first open reads it instead of every row. (items, whether it is kept);
    StoreError when it is not a Parley store, cannot be written or is the default one."""
    from db.api import open_store
    from db.importer import refuse_default_store

    store = open_store(path)  # a readable Parley store, or one line saying why not
    items = len(store.index)
    store.close()
    with closing(_read_only(path)) as conn:
        refuse_default_store(conn, Path(path))
    return items, embed(path)


def _write(conn: sqlite3.Connection, index: TimeIndex) -> None:
    """The index's blobs, header and revision, in the transaction open on ``conn``."""
    for statement in _DDL:
        conn.execute(statement)
    conn.execute(f"INSERT OR IGNORE INTO {STATE}(id, revision) VALUES (1, 0)")
    _drop_data(conn)
    columns = {}
    for name in _NAMES:
        array = np.ascontiguousarray(getattr(index, name))
        crcs = []
        for part, first in enumerate(range(0, max(len(array), 1), PART_ROWS)):
            blob = array[first : first + PART_ROWS].tobytes()
            crcs.append(zlib.crc32(blob))
            conn.execute(
                f"INSERT INTO {DATA}(name, part, data) VALUES (?, ?, ?)", (name, part, blob)
            )
        columns[name] = (array.dtype.str, len(array), crcs)
    header = json.dumps({"format": FORMAT, "columns": columns})
    conn.execute(
        f"UPDATE {STATE} SET built = revision, schema = ?, header = ? WHERE id = 1",
        (_schema_cookie(conn), header),
    )


def _drop_data(conn: sqlite3.Connection) -> None:
    """Forget the blobs (in the open transaction), when the store has them."""
    if {STATE, DATA} <= schema.tables(conn):
        conn.execute(f"DELETE FROM {DATA}")
        conn.execute(f"UPDATE {STATE} SET built = NULL, header = NULL")


def _read_only(path: str | PathLike[str]) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{quote(str(Path(path).resolve()))}?mode=ro", uri=True)


def _schema_cookie(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA schema_version").fetchone()[0])


def has_time_columns(conn: sqlite3.Connection) -> bool:
    """Whether the store has Parley's integer time columns (read then, not the text)."""
    return {"said_ts", "said_end_ts"} <= schema.columns(conn, "statements") and {
        "start_ts", "end_ts"
    } <= schema.columns(conn, "events")
