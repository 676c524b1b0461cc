"""Imports into a team store: the file importer, run on a copy, its changes replayed.

A writer takes the store's advisory lock, copies the record (in its transaction) into
a temporary store file, runs Parley's importer there (actor resolution and
corroboration see everything the team has), and replays the rows the importer
inserted, changed or deleted (recorded by triggers on the copy) into the team store,
in the same transaction. Concurrent imports queue on the lock, so none can add an
actor or a statement another has just added; a failure rolls everything back.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import psycopg

from db.pg import schema
from db.pg.copy import copy_out, quote_name, writing
from db.pg.url import database_name

T = TypeVar("T")
_LOG = "_parley_changes"
#: The key a changed row is found by; tables not listed use ``id`` or every column.
_KEYS = {"meta": ("key",), "event_actors": ("event_id", "actor_id")}


def write_url(url: str, apply: Callable[[Path], T]) -> T:
    """Run ``apply(store_file)`` on a copy of the team store at ``url``; its changes land
    there in one transaction. An empty database gets Parley's tables first."""
    with writing(url) as conn:
        if not schema.exists(conn):
            schema.create(conn, database_name(url))
        else:
            schema.check_writable(conn, url)
        with tempfile.TemporaryDirectory(prefix="parley-import-") as folder:
            local = Path(folder) / "team.parley"
            copy_out(conn, url, local)
            _track_changes(local)
            result = apply(local)
            _replay(local, conn)
    return result


def _track_changes(path: Path) -> None:
    """Triggers on the copy that log every row written, as JSON, in order."""
    local = sqlite3.connect(path)
    try:
        local.execute(
            f"CREATE TABLE {_LOG} (seq INTEGER PRIMARY KEY, tbl TEXT, old TEXT, new TEXT)"
        )
        for table in schema.TABLES:
            names = [row[1] for row in local.execute(f'PRAGMA table_info("{table}")')]
            if not names:
                continue
            for event, old, new in (
                ("INSERT", None, "NEW"), ("UPDATE", "OLD", "NEW"), ("DELETE", "OLD", None)
            ):
                local.execute(
                    f'CREATE TRIGGER "_parley_{table}_{event.lower()}" AFTER {event} ON "{table}" '
                    f"BEGIN INSERT INTO {_LOG} (tbl, old, new) VALUES ('{table}', "
                    f"{_json(names, old)}, {_json(names, new)}); END"
                )
        local.commit()
    finally:
        local.close()


def _json(names: list[str], row: str | None) -> str:
    if row is None:
        return "NULL"
    return "json_object(" + ", ".join(f"'{n}', {row}.\"{n}\"" for n in names) + ")"


def _replay(path: Path, conn: psycopg.Connection) -> None:
    """Apply the logged changes to the team store: a changed row is deleted by its key,
    then written as it is now."""
    local = sqlite3.connect(path)
    try:
        changes = local.execute(f"SELECT tbl, old, new FROM {_LOG} ORDER BY seq").fetchall()
    finally:
        local.close()
    columns = {t: set(schema.columns(conn, t)) - schema.GENERATED for t in schema.TABLES}
    with conn.pipeline():
        for table, old_text, new_text in changes:
            old = json.loads(old_text) if old_text else None
            new = json.loads(new_text) if new_text else None
            if table == "meta" and "schema_version" in ((old or new) or {}).values():
                continue  # the team store's version is its own
            if old is not None:
                row = old
                keys = _KEYS.get(table) or (("id",) if "id" in row else tuple(row))
                match = " AND ".join(f"{quote_name(k)} IS NOT DISTINCT FROM %s" for k in keys)
                conn.execute(
                    f"DELETE FROM {table} WHERE ctid = "
                    f"(SELECT ctid FROM {table} WHERE {match} LIMIT 1)",
                    [row[k] for k in keys],
                )
            if new is not None:
                row = {k: v for k, v in new.items() if k in columns[table]}
                conn.execute(
                    f"INSERT INTO {table} ({', '.join(map(quote_name, row))}) "
                    f"VALUES ({', '.join(['%s'] * len(row))})",
                    list(row.values()),
                )
