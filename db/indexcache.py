"""Parley's own cache of time indexes (never in the store): one file per store.

A file holds a JSON header (the store's fingerprint, each column's type and place) and
the raw columns, memory-mapped when read, so a warm open costs no copy. An entry is
used only when the store's fingerprint is the one it was built from: the file's path,
inode, size, modification and change times, SQLite's change counter and schema cookie,
its write-ahead log, and a hash of its first and last pages — any commit by any
program, an import, or a file replaced by another of the same size and time makes it
stale. A damaged entry (short, wrong header, checksum, or columns that do not fit
together) is ignored and rebuilt. Old entries are evicted beyond a size and count cap.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
import zlib
from pathlib import Path

import numpy as np

_MAGIC = b"PARLEYIX"
_VERSION = 2
#: Beyond either cap the least recently used entries are deleted.
MAX_BYTES = 3 * 1024**3
MAX_ENTRIES = 16
#: A half-written entry this old is a leftover (no write takes an hour).
STALE_TEMP_S = 3600
_SAMPLE = 4096
_ALIGN = 64


def cache_dir() -> Path:
    """Where the entries live (``$XDG_CACHE_HOME/parley/index``)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache")
    return Path(base) / "parley" / "index"


def store_path(conn: sqlite3.Connection) -> Path | None:
    """The file of ``conn``'s main database, or None (in memory)."""
    rows = conn.execute("PRAGMA database_list").fetchall()
    name = next((row[2] for row in rows if row[1] == "main"), "")
    return Path(name).resolve() if name else None


def fingerprint(conn: sqlite3.Connection, variant: str) -> tuple[Path, str] | None:
    """(cache file, fingerprint of the store file's state), or None (no file: no cache)."""
    try:
        path = store_path(conn)
        if path is None:
            return None
        stat = path.stat()
        with path.open("rb") as handle:
            head = handle.read(_SAMPLE)
            handle.seek(max(stat.st_size - _SAMPLE, 0))
            tail = handle.read(_SAMPLE)
        wal = Path(f"{path}-wal")
        wal_stat = wal.stat() if wal.exists() else None
    except (OSError, sqlite3.Error):
        return None
    parts = (
        _VERSION, variant, path, stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns,
        stat.st_ctime_ns, head[24:28].hex(), head[40:44].hex(),
        hashlib.sha1(head + tail).hexdigest(),
        wal_stat.st_size if wal_stat else "-", wal_stat.st_mtime_ns if wal_stat else "-",
    )
    digest = hashlib.sha1(str(path).encode("utf-8", "surrogateescape")).hexdigest()[:20]
    return cache_dir() / f"{digest}.pix", "|".join(str(part) for part in parts)


def load(key: tuple[Path, str] | None, names: tuple[str, ...]) -> dict[str, np.ndarray] | None:
    """The arrays of a valid entry for ``key`` (memory-mapped, read-only), else None."""
    if key is None:
        return None
    path, wanted = key
    try:
        with path.open("rb") as handle:
            if handle.read(len(_MAGIC)) != _MAGIC:
                return None
            size = int.from_bytes(handle.read(8), "little")
            header = json.loads(handle.read(size))
        if header.get("fingerprint") != wanted or set(header["columns"]) != set(names):
            return None
        data = np.memmap(path, dtype=np.uint8, mode="r")
        start = int(header["data"])
        if zlib.crc32(data[start:]) != header["crc"]:
            return None
        arrays = {  # plain (read-only) arrays viewing the mapped file
            name: np.asarray(data[offset : offset + length * np.dtype(dtype).itemsize]).view(dtype)
            for name, (dtype, offset, length) in header["columns"].items()
        }
        os.utime(path)  # recently used: evicted last
    except (OSError, ValueError, KeyError, TypeError, json.JSONDecodeError):
        return None
    return arrays


def save(key: tuple[Path, str] | None, arrays: dict[str, np.ndarray]) -> None:
    """Write an entry (atomically: a temporary file renamed), then evict old ones."""
    if key is None:
        return
    path, wanted = key
    columns, offset = {}, 0
    for name, array in arrays.items():
        columns[name] = (array.dtype.str, offset, len(array))
        offset += -(-array.nbytes // _ALIGN) * _ALIGN
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        crc, body = 0, []
        for array in arrays.values():
            raw = np.ascontiguousarray(array).view(np.uint8).reshape(-1)
            pad = np.zeros(-(-len(raw) // _ALIGN) * _ALIGN - len(raw), np.uint8)
            body += [raw, pad]
            crc = zlib.crc32(pad, zlib.crc32(raw, crc))
        head_size = 4096
        while True:  # the header's room: a multiple of a page, so columns stay aligned
            header = {
                "fingerprint": wanted, "crc": crc, "data": head_size,
                "columns": {n: (d, o + head_size, c) for n, (d, o, c) in columns.items()},
            }
            text = json.dumps(header).encode()
            if len(_MAGIC) + 8 + len(text) <= head_size:
                break
            head_size *= 2
        with temp.open("wb") as handle:
            handle.write(_MAGIC + len(text).to_bytes(8, "little") + text)
            handle.write(b"\0" * (head_size - len(_MAGIC) - 8 - len(text)))
            for part in body:
                handle.write(part.data)
        os.replace(temp, path)
    except (OSError, ValueError):
        temp.unlink(missing_ok=True)
        return
    evict(keep=path)


def evict(keep: Path | None = None) -> None:
    """Delete the least recently used entries beyond :data:`MAX_BYTES` / :data:`MAX_ENTRIES`
    (and entries of older formats, and files a program ended before it finished)."""
    folder = cache_dir()
    try:
        for old in folder.glob("*.npz"):
            old.unlink(missing_ok=True)
        for temp in folder.glob(".*.tmp"):  # left by a program that ended while writing
            if time.time() - temp.stat().st_mtime > STALE_TEMP_S:
                temp.unlink(missing_ok=True)
        entries = []
        for entry in folder.glob("*.pix"):
            stat = entry.stat()
            entries.append((stat.st_mtime_ns, stat.st_size, entry))
    except OSError:
        return
    entries.sort(reverse=True)  # newest first
    total = 0
    for count, (_, size, entry) in enumerate(entries):
        total += size
        if entry != keep and (total > MAX_BYTES or count >= MAX_ENTRIES):
            entry.unlink(missing_ok=True)
