"""Copy a whole record between a store file and a team store: ``push`` and ``pull``.

Both copy every contract table (and Parley's own columns, such as the time columns
and an article's text) in the order it was written, so ``parley dump`` gives the same
document on either side. Each is one transaction: a failure leaves nothing behind.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import psycopg

from db import errors
from db.api import open_store
from db.importer import create_store
from db.pg import schema
from db.pg.connect import connect, translate
from db.pg.url import mask

#: Serialises Parley's writers on one team store (pg_advisory_lock's key: "parley").
WRITE_LOCK = 0x7061726C6579


@contextmanager
def writing(url: str) -> Iterator[psycopg.Connection]:
    """A connection holding the store's write lock, in one REPEATABLE READ transaction:
    committed when the block ends (or by the block, which holds the lock to its end;
    open viewers learn of it from the revision the tables' triggers bump), rolled back
    when it raises.

    The lock is taken first, for the session, so the transaction's snapshot starts after
    the previous Parley writer committed: it sees everything the team has. A program
    other than Parley committing meanwhile makes the revision's update fail with
    SerializationFailure, raised as it is (the caller may try again).
    """
    conn = connect(url, read_only=False)
    try:
        conn.autocommit = True
        conn.execute("SELECT pg_advisory_lock(%s)", (WRITE_LOCK,))
        conn.autocommit = False
        conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        yield conn
        conn.commit()
    except psycopg.errors.SerializationFailure:
        conn.rollback()
        raise
    except psycopg.Error as error:
        conn.rollback()
        raise translate(url, error, "written") from None
    except BaseException:
        conn.rollback()
        raise
    finally:
        conn.close()  # also ends the session's lock


def push(path: str | os.PathLike[str], url: str) -> dict[str, int]:
    """Copy the store file at ``path`` into the empty team store at ``url``; rows per table."""
    title = open_store(path).title  # checks the file is a readable Parley store
    local = sqlite3.connect(f"file:{quote(str(Path(path).resolve()))}?mode=ro", uri=True)
    try:
        with writing(url) as conn:
            fresh = not schema.exists(conn)
            if fresh:
                schema.create(conn, title, bulk=True)
            else:
                _check_empty(conn, url)
            counts = {table: _push_table(local, conn, table) for table in schema.TABLES}
            if fresh:
                schema.finish(conn)
    finally:
        local.close()
    _vacuum(url)
    return counts


def _vacuum(url: str) -> None:
    """VACUUM the pushed tables; when it cannot run, autovacuum does the same a little
    later (until then the first opens read the index from the tables' pages: slower)."""
    try:
        with connect(url, read_only=False) as conn:
            schema.vacuum(conn)
    except (psycopg.Error, errors.StoreError):
        pass


def _check_empty(conn: psycopg.Connection, url: str) -> None:
    schema.check_version(conn, url)
    if conn.execute("SELECT EXISTS (SELECT 1 FROM actors)").fetchone()[0]:
        raise errors.StoreError(
            mask(url),
            "already holds a record; push copies into an empty database "
            "(use another database, or import into this one)",
        )


def _push_table(local: sqlite3.Connection, conn: psycopg.Connection, table: str) -> int:
    have = _sqlite_columns(local, table)
    names = [c for c in schema.columns(conn, table) if c in have and c not in schema.GENERATED]
    if not names:
        return 0
    listed = ", ".join(quote_name(c) for c in names)
    select = f"SELECT {listed} FROM {quote_name(table)} ORDER BY rowid"
    if table == "meta":
        conn.execute("DELETE FROM meta WHERE key <> 'schema_version'")
        select = "SELECT key, value FROM meta WHERE key <> 'schema_version' ORDER BY rowid"
    count = 0
    with conn.cursor() as cur, cur.copy(
        f"COPY {table} ({', '.join(quote_name(c) for c in names)}) FROM STDIN"
    ) as copy:
        for row in local.execute(select):
            copy.write_row(row)
            count += 1
    return count


def pull(url: str, path: str | os.PathLike[str]) -> dict[str, int]:
    """Copy the team store at ``url`` into a new store file at ``path``; rows per table."""
    target = Path(path)
    if target.exists():
        raise errors.StoreError(target, "already exists; pull writes a new store file")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise errors.StoreError(target, "its folder does not exist")
    conn = connect(url, read_only=True)
    handle, temp = tempfile.mkstemp(prefix=".parley-", suffix=".tmp", dir=folder)
    os.close(handle)
    os.unlink(temp)
    try:
        conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        with conn.transaction():
            counts = copy_out(conn, url, Path(temp))
        os.replace(temp, target)
        return counts
    except psycopg.Error as error:
        raise translate(url, error) from None
    finally:
        conn.close()
        if os.path.exists(temp):
            os.unlink(temp)


def copy_out(conn: psycopg.Connection, url: str, path: Path) -> dict[str, int]:
    """Write the team store (read in the caller's transaction) into a new store file."""
    meta = schema.check_version(conn, url)
    create_store(path, meta.get("title", "Untitled"))
    local = sqlite3.connect(path, isolation_level=None)
    try:
        local.execute("BEGIN")
        # Rows go in bare (triggers and indexes row by row cost ten times more at a
        # million rows); then the indexes are built and the full-text tables filled once.
        rebuilt = local.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') "
            "AND sql IS NOT NULL"
        ).fetchall()
        for kind, name, _sql in rebuilt:
            local.execute(f"DROP {kind.upper()} {quote_name(name)}")
        counts = {table: _pull_table(conn, local, table) for table in schema.TABLES}
        for _kind, _name, sql in rebuilt:
            local.execute(sql)
        for (name,) in local.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%USING fts5%'"
        ).fetchall():
            local.execute(f"INSERT INTO {quote_name(name)}({quote_name(name)}) VALUES ('rebuild')")
        local.execute("COMMIT")
        return counts
    finally:
        local.close()


def _pull_table(conn: psycopg.Connection, local: sqlite3.Connection, table: str) -> int:
    have = _sqlite_columns(local, table)
    columns = schema.columns(conn, table)
    names = [c for c in columns if c in have and c not in schema.GENERATED]
    if not names:
        return 0
    order = "rowid" if "rowid" in columns else ("id" if "id" in columns else "key")
    where = " WHERE key <> 'schema_version'" if table == "meta" else ""
    verb = "INSERT OR REPLACE" if table == "meta" else "INSERT"
    insert = (
        f"{verb} INTO {quote_name(table)} ({', '.join(quote_name(c) for c in names)}) "
        f"VALUES ({', '.join('?' * len(names))})"
    )
    count = 0
    with conn.cursor(name=f"pull_{table}") as cur:
        cur.itersize = 20_000
        cur.execute(
            f"SELECT {', '.join(quote_name(c) for c in names)} FROM {table}{where} ORDER BY {order}"
        )
        while rows := cur.fetchmany(20_000):
            local.executemany(insert, rows)
            count += len(rows)
    return count


def _sqlite_columns(local: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in local.execute(f"PRAGMA table_info({quote_name(table)})")}


def quote_name(name: str) -> str:
    """An SQL identifier in double quotes."""
    return '"' + name.replace('"', '""') + '"'
