"""Imports into a team store: the file importer, run on a working copy, its changes replayed.

A writer takes the store's write lock, makes a working copy of the rows an import reads
(:mod:`db.pg.working`: the small tables, then the rows near what the import adds, found
by trying), runs Parley's importer there (actor resolution and corroboration see what
the team has), and replays the rows the importer inserted, changed or deleted into the
team store, in the same transaction. Concurrent imports queue on the lock, so none can
add an actor or a statement another has just added; a failure rolls everything back.
When a program other than Parley commits in the middle, the import is tried again from a
fresh snapshot. A document that names stored statements by id the working copy lacks is
imported on a copy of the whole record instead.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import psycopg

from db import errors
from db.pg import changelog, schema
from db.pg.connect import translate
from db.pg.copy import copy_out, quote_name, writing
from db.pg.url import database_name
from db.pg.working import ROUNDS, WorkingCopy

T = TypeVar("T")
#: The key a changed row is found by; tables not listed use ``id`` or every column.
_KEYS = {"meta": ("key",), "event_actors": ("event_id", "actor_id")}
#: Tries when other programs keep committing while an import runs.
ATTEMPTS = 3


def write_url(url: str, apply: Callable[[Path], T]) -> T:
    """Run ``apply(store_file)`` on a working copy of the team store at ``url``; its
    changes land there in one transaction. An empty database gets Parley's tables first."""
    attempt = 1
    while True:
        try:
            return _write_once(url, apply)
        except psycopg.errors.SerializationFailure as error:
            if attempt == ATTEMPTS:
                raise translate(url, error, "written") from None
            attempt += 1


def _write_once(url: str, apply: Callable[[Path], T]) -> T:
    with writing(url) as conn, tempfile.TemporaryDirectory(prefix="parley-import-") as temp:
        if not schema.exists(conn):
            schema.create(conn, database_name(url))
        else:
            schema.check_writable(conn, url)
        try:
            result, changes = _on_working_copy(conn, url, Path(temp), apply)
        except errors.UnknownStatement:  # named by id: the whole record decides
            result, changes = _on_whole_copy(conn, url, Path(temp), apply)
        _replay(changes, conn)
    return result


def _on_working_copy(conn, url: str, folder: Path, apply: Callable[[Path], T]) -> tuple:
    """``apply`` on trials of a working copy until one reads nothing the copy lacked:
    (its result, its changes)."""
    working = WorkingCopy(conn, url, folder)
    try:
        number = 1
        while True:
            trial = working.trial(number)
            result = apply(trial)
            changes = changelog.changes(trial)
            if working.settle(changes) or number == ROUNDS:
                return result, changes
            trial.unlink()
            number += 1
    finally:
        working.close()


def _on_whole_copy(conn, url: str, folder: Path, apply: Callable[[Path], T]) -> tuple:
    whole = folder / "whole.parley"
    copy_out(conn, url, whole)
    changelog.track(whole)
    return apply(whole), changelog.changes(whole)


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
