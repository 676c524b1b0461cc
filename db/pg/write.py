"""Imports into a team store: the file importer, run on a local copy, its changes replayed.

A writer takes the store's write lock, finds its local copy of the record current or
makes it afresh (:mod:`db.pg.mirror`), runs Parley's importer there (actor resolution
and corroboration see everything the team has), and replays the rows the importer
inserted, changed or deleted into the team store, in the same transaction. Concurrent
imports queue on the lock, so none can add an actor or a statement another has just
added; a failure rolls everything back. When a program other than Parley commits in
the middle, the import is tried again from a fresh snapshot.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import psycopg

from db.pg import mirror, schema
from db.pg.connect import translate
from db.pg.copy import quote_name, writing
from db.pg.url import database_name

T = TypeVar("T")
#: The key a changed row is found by; tables not listed use ``id`` or every column.
_KEYS = {"meta": ("key",), "event_actors": ("event_id", "actor_id")}
#: Tries when other programs keep committing while an import runs.
ATTEMPTS = 3


def write_url(url: str, apply: Callable[[Path], T]) -> T:
    """Run ``apply(store_file)`` on a local copy of the team store at ``url``; its changes
    land there in one transaction. An empty database gets Parley's tables first."""
    attempt = 1
    while True:
        try:
            return _write_once(url, apply)
        except psycopg.errors.SerializationFailure as error:
            if attempt == ATTEMPTS:
                raise translate(url, error, "written") from None
            attempt += 1


def _write_once(url: str, apply: Callable[[Path], T]) -> T:
    with writing(url) as conn:
        if not schema.exists(conn):
            schema.create(conn, database_name(url))
        else:
            schema.check_writable(conn, url)
        uuid, revision = _revision(conn)
        local = mirror.take(conn, url, uuid, revision)
        try:
            result = apply(local)
        finally:
            changes = mirror.changes(local)
            if not changes:  # nothing written (or rolled back): the copy is still current
                mirror.keep(local, uuid, revision)
        _replay(changes, conn)
        written = _revision(conn)[1]  # ours, +1 when anything was written
        conn.commit()
        # still under the lock: no other Parley writer can change the store in between
        mirror.keep(local, uuid, written)
    return result


def _revision(conn: psycopg.Connection) -> tuple[str, int]:
    uuid, n = conn.execute("SELECT uuid::text, n FROM revision").fetchone()
    return str(uuid), int(n)


def _replay(changes: list[tuple], conn: psycopg.Connection) -> None:
    """Apply the logged changes to the team store: a changed row is deleted by its key,
    then written as it is now."""
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
