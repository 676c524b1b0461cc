"""A writer's local copy of a team store, kept between imports (Parley's own cache).

Parley's importer (actor resolution, corroboration) runs on a store file that holds the
whole record. Copying a large record for every import took most of an import's time,
so the copy is kept in ``$XDG_CACHE_HOME/parley/mirror`` with the revision it holds:
the next import by this user finds it current (no one wrote since) and uses it as is;
otherwise it is copied afresh. A copy is trusted only while its marker names the
store's revision: the marker is removed before a copy is changed and written again
only once the team store has committed the same change.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import psycopg

from db import indexcache
from db.pg import index, schema
from db.pg.copy import copy_out

#: The log of rows the importer wrote into the copy (filled by triggers, replayed, cleared).
LOG = "_parley_changes"
#: Copies of more stores than this are deleted, least recently used first.
MAX_COPIES = 3


def folder() -> Path:
    """Where the copies live (beside the index cache)."""
    return indexcache.cache_dir().parent / "mirror"


def take(conn: psycopg.Connection, url: str, uuid: str, revision: int) -> Path:
    """The local copy of the store at ``revision`` (read in ``conn``'s snapshot, under
    the write lock), with an empty change log; no longer marked current."""
    digest, _ = index.identity(conn, uuid)
    path = folder() / f"{digest}.parley"
    marker = _marker(path)
    current = marker.exists() and marker.read_text(encoding="utf-8") == f"{uuid}|{revision}"
    marker.unlink(missing_ok=True)
    if current and path.exists():
        _clear_log(path)
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temp.unlink(missing_ok=True)
    try:
        copy_out(conn, url, temp)
        _track_changes(temp)
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)
    _evict(keep=path)
    return path


def keep(path: Path, uuid: str, revision: int) -> None:
    """Mark the copy as holding the store at ``revision`` (once the store committed it;
    when the marker cannot be written, the next import copies the store afresh)."""
    try:
        _marker(path).write_text(f"{uuid}|{revision}", encoding="utf-8")
    except OSError:
        _marker(path).unlink(missing_ok=True)


def changes(path: Path) -> list[tuple[str, str | None, str | None]]:
    """The rows written into the copy since :func:`take`: (table, old, new) as JSON."""
    local = sqlite3.connect(path)
    try:
        return local.execute(f"SELECT tbl, old, new FROM {LOG} ORDER BY seq").fetchall()
    finally:
        local.close()


def _marker(path: Path) -> Path:
    return path.with_suffix(".revision")


def _clear_log(path: Path) -> None:
    local = sqlite3.connect(path)
    try:
        local.execute(f"DELETE FROM {LOG}")
        local.commit()
    finally:
        local.close()


def _track_changes(path: Path) -> None:
    """Triggers on the copy that log every row written, as JSON, in order."""
    local = sqlite3.connect(path)
    try:
        local.execute(f"CREATE TABLE {LOG} (seq INTEGER PRIMARY KEY, tbl TEXT, old TEXT, new TEXT)")
        for table in schema.TABLES:
            names = [row[1] for row in local.execute(f'PRAGMA table_info("{table}")')]
            if not names:
                continue
            for event, old, new in (
                ("INSERT", None, "NEW"), ("UPDATE", "OLD", "NEW"), ("DELETE", "OLD", None)
            ):
                local.execute(
                    f'CREATE TRIGGER "_parley_{table}_{event.lower()}" AFTER {event} ON "{table}" '
                    f"BEGIN INSERT INTO {LOG} (tbl, old, new) VALUES ('{table}', "
                    f"{_json(names, old)}, {_json(names, new)}); END"
                )
        local.commit()
    finally:
        local.close()


def _json(names: list[str], row: str | None) -> str:
    if row is None:
        return "NULL"
    return "json_object(" + ", ".join(f"'{n}', {row}.\"{n}\"" for n in names) + ")"


def _evict(keep: Path) -> None:
    """Delete the copies (and markers) of the least recently used stores beyond MAX_COPIES."""
    try:
        copies = sorted(
            (entry.stat().st_mtime_ns, entry) for entry in folder().glob("*.parley")
        )
    except OSError:
        return
    for _, entry in copies[: max(len(copies) - MAX_COPIES, 0)]:
        if entry != keep:
            entry.unlink(missing_ok=True)
            _marker(entry).unlink(missing_ok=True)
