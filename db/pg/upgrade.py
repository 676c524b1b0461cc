"""``parley upgrade URL``: bring a team store an older Parley wrote to this one's tables.

Opening such a store says so in one line (:func:`db.pg.schema.check_version`); a user who
may write to it upgrades it once, in one transaction under the write lock: contract
version 1 gains ``appearances`` (each statement's appearance in its source, as a file's
upgrade gives) and ``relations``; an earlier build's store gains the revision's ``uuid``,
the covering indexes the time index is read from, and the revision trigger as it is now.
Nothing else changes: every item stays as it was.
"""

from __future__ import annotations

import psycopg

from db import errors
from db.pg import schema
from db.pg.copy import writing
from db.pg.url import mask


def upgrade(url: str) -> str:
    """Upgrade the team store at ``url``; what was done, in one line."""
    with writing(url) as conn:
        if not schema.exists(conn):
            schema.check_version(conn, url)  # says there is no store
        version = _version(conn, url)
        if version == schema.VERSION and "uuid" in schema.columns(conn, "revision"):
            return "is already of this Parley's schema version; nothing to do"
        _check_rights(conn, url)
        added = _add_v2_tables(conn)
        conn.execute(
            "ALTER TABLE revision ADD COLUMN IF NOT EXISTS uuid uuid NOT NULL "
            "DEFAULT gen_random_uuid()"
        )
        # (the covering indexes the time index is read from, where missing)
        conn.execute(";\n".join(sql for _, sql in schema.INDEXES if "IF NOT EXISTS" in sql))
        conn.execute(schema.REVISION_DDL)
        conn.execute(
            "UPDATE meta SET value = %s WHERE key = 'schema_version'", (str(schema.VERSION),)
        )
    what = f"{', '.join(added)} added; " if added else ""
    return f"upgraded from schema version {version} to {schema.VERSION} ({what}items unchanged)"


def _version(conn: psycopg.Connection, url: str) -> int:
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    text = str(row[0]) if row else ""
    if not text.isdigit() or not 1 <= int(text) <= schema.VERSION:
        schema.check_version(conn, url)  # a newer or an unknown version: its own line
        raise errors.StoreError(mask(url), f"holds an unknown schema version ({text})")
    return int(text)


def _check_rights(conn: psycopg.Connection, url: str) -> None:
    """Only the owner of the schema may add tables and change triggers."""
    owner = conn.execute(
        "SELECT pg_has_role(nspowner, 'USAGE') FROM pg_namespace WHERE nspname = %s",
        (schema.SCHEMA,),
    ).fetchone()
    if not owner or not owner[0]:
        raise errors.StoreError(
            mask(url),
            f"the user {conn.info.user} may not upgrade this team store (only the owner of "
            f"its schema may): ask its owner to run `parley upgrade`",
        )


def _add_v2_tables(conn: psycopg.Connection) -> list[str]:
    """The tables of contract version 2 a version-1 store lacks, with their keys; each
    statement's appearance in its own source."""
    missing = [t for t in ("appearances", "relations") if not schema.columns(conn, t)]
    if not missing:
        return []
    conn.execute(schema.V2_DDL)
    conn.execute(schema.keys_of(set(missing)))
    if "appearances" in missing:
        conn.execute(
            "INSERT INTO appearances (id, statement_id, source_id, wording, span_start, "
            "span_end) SELECT row_number() OVER (ORDER BY id), id, source_id, text, "
            "span_start, span_end FROM statements WHERE source_id IN (SELECT id FROM sources)"
        )
    return missing

