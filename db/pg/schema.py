"""The team store's tables: the contract (version 2) in the PostgreSQL schema ``parley``.

The same tables and columns as a store file, plus what PostgreSQL does better: a
generated ``tsvector`` per searchable table with a GIN index (the ``simple``
configuration: words as written, no stemming, like the file's FTS5 tables), keys that
make concurrent writers safe, and a ``revision`` row that every committed write bumps
(a statement-level trigger on each table, once per transaction, so programs other than
Parley are noticed too) so open viewers notice new items; with the store's random
``uuid`` it also keys the viewer's cache of the time index. ``event_actors`` keeps an
ordinal ``rowid``: the order they were written in, as SQLite keeps it.
"""

from __future__ import annotations

import psycopg

from db import errors
from db.pg.connect import SCHEMA
from db.pg.url import mask

#: The contract version these tables hold.
VERSION = 2

#: Contract tables in the order a copy writes them (referenced before referencing).
TABLES = (
    "meta", "sources", "actors", "topics", "events", "event_actors", "statements",
    "appearances", "relations",
)
#: Columns PostgreSQL computes or numbers itself: never copied in.
GENERATED = {"fts", "rowid"}

_FTS = "tsvector GENERATED ALWAYS AS (to_tsvector('simple', coalesce({0}, '') || ' ' || " \
       "coalesce({1}, ''))) STORED"

#: The tables contract version 2 added (an older team store gets them on upgrade).
V2_DDL = """
CREATE TABLE IF NOT EXISTS appearances (
    id bigint PRIMARY KEY, statement_id bigint NOT NULL, source_id bigint NOT NULL, wording text,
    span_start bigint, span_end bigint);
CREATE TABLE IF NOT EXISTS relations (
    id bigint PRIMARY KEY, from_id bigint NOT NULL, to_id bigint NOT NULL, kind text NOT NULL,
    note text, source_id bigint);
"""

TABLES_DDL = f"""
CREATE SCHEMA {SCHEMA};
CREATE TABLE meta (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE revision (
    id int PRIMARY KEY CHECK (id = 1), n bigint NOT NULL, uuid uuid NOT NULL);
INSERT INTO revision VALUES (1, 0, gen_random_uuid());
CREATE TABLE sources (
    id bigint PRIMARY KEY, title text, outlet text, url text, published text, text text);
CREATE TABLE actors (
    id bigint PRIMARY KEY, name text COLLATE "C" NOT NULL UNIQUE, kind text NOT NULL,
    parent_id bigint, aliases text, title text);
CREATE TABLE topics (
    id bigint PRIMARY KEY, name text COLLATE "C" NOT NULL UNIQUE, description text);
CREATE TABLE events (
    id bigint PRIMARY KEY, title text NOT NULL, description text, start text NOT NULL,
    "end" text, precision text NOT NULL, approximate integer DEFAULT 0, location text,
    source_id bigint, start_ts bigint, end_ts bigint,
    fts {_FTS.format("title", "description")});
CREATE TABLE event_actors (
    rowid bigserial, event_id bigint NOT NULL, actor_id bigint NOT NULL,
    role text DEFAULT 'participant');
CREATE TABLE statements (
    id bigint PRIMARY KEY, actor_id bigint NOT NULL, said text NOT NULL,
    precision text NOT NULL, approximate integer DEFAULT 0, text text NOT NULL,
    kind text NOT NULL, topic_id bigint, stance text, summary text, source_id bigint,
    event_id bigint, span_start bigint, span_end bigint, said_ts bigint, said_end_ts bigint,
    fts {_FTS.format("text", "summary")});
{V2_DDL}"""

#: Bumps the revision once per writing transaction, whoever writes (SECURITY DEFINER: a
#: role allowed to write rows need not be allowed to update ``revision`` itself). The row
#: is updated, not a sequence advanced: a viewer sees the new number only when the rows
#: it stands for are committed and visible. The trigger's WHEN (evaluated in place, no
#: function call) lets only a transaction's first writing statement call the function.
_BUMPED = "current_setting('parley.bumped', true) IS DISTINCT FROM txid_current()::text"
REVISION_DDL = f"""
CREATE OR REPLACE FUNCTION bump_revision() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = {SCHEMA} AS $$
BEGIN
    UPDATE revision SET n = n + 1;
    PERFORM set_config('parley.bumped', txid_current()::text, true);
    RETURN NULL;
END $$;
""" + "".join(
    f"DROP TRIGGER IF EXISTS bump_revision ON {table};\n"
    f"CREATE TRIGGER bump_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
    f"FOR EACH STATEMENT WHEN ({_BUMPED}) EXECUTE FUNCTION bump_revision();\n"
    for table in TABLES
)

#: (table, column, referenced table): checked at commit, so a writer may add rows in any order.
FOREIGN_KEYS = (
    ("actors", "parent_id", "actors"), ("events", "source_id", "sources"),
    ("event_actors", "event_id", "events"), ("event_actors", "actor_id", "actors"),
    ("statements", "actor_id", "actors"), ("statements", "topic_id", "topics"),
    ("statements", "source_id", "sources"), ("statements", "event_id", "events"),
    ("appearances", "statement_id", "statements"), ("appearances", "source_id", "sources"),
    ("relations", "from_id", "statements"), ("relations", "to_id", "statements"),
    ("relations", "source_id", "sources"),
)

#: (table, key or index), built after a bulk copy (much faster than row by row).
INDEXES = (
    ("event_actors", "ALTER TABLE event_actors ADD PRIMARY KEY (event_id, actor_id)"),
    # The time index is read from these alone (index-only scans, in time order).
    ("events", "CREATE INDEX IF NOT EXISTS events_timeline ON events (start_ts, id) "
               "INCLUDE (end_ts, approximate, precision)"),
    ("statements", "CREATE INDEX IF NOT EXISTS statements_timeline ON statements (said_ts, id) "
                   "INCLUDE (said_end_ts, actor_id, topic_id, approximate, stance, precision)"),
    ("statements", "CREATE INDEX statements_actor ON statements (actor_id, said_ts)"),
    ("statements", "CREATE INDEX statements_event ON statements (event_id)"),
    # (each topic's newest statements, which an import's articles are matched against)
    ("statements", "CREATE INDEX IF NOT EXISTS statements_topic ON statements (topic_id, id)"),
    ("event_actors", "CREATE INDEX event_actors_actor ON event_actors (actor_id)"),
    ("actors", "CREATE INDEX actors_parent ON actors (parent_id)"),
    ("appearances", "CREATE INDEX appearances_statement ON appearances (statement_id)"),
    ("relations", "CREATE INDEX relations_from ON relations (from_id)"),
    ("statements", "CREATE INDEX statements_fts ON statements USING gin (fts)"),
    ("events", "CREATE INDEX events_fts ON events USING gin (fts)"),
    *(
        (table, f"ALTER TABLE {table} ADD FOREIGN KEY ({column}) REFERENCES {target} (id) "
                "DEFERRABLE INITIALLY DEFERRED")
        for table, column, target in FOREIGN_KEYS
    ),
)


def keys_of(tables: set[str]) -> str:
    """The keys and indexes of ``tables`` (:data:`INDEXES`), as one script."""
    return ";\n".join(sql for table, sql in INDEXES if table in tables)


def exists(conn: psycopg.Connection) -> bool:
    """True when the database holds the ``parley`` schema."""
    row = conn.execute(
        "SELECT 1 FROM information_schema.schemata WHERE schema_name = %s", (SCHEMA,)
    ).fetchone()
    return row is not None


def create(conn: psycopg.Connection, title: str, bulk: bool = False) -> None:
    """Create the tables and meta rows (inside the caller's transaction). With ``bulk``,
    keys and indexes wait for :func:`finish` (after the rows are copied in)."""
    conn.execute(TABLES_DDL)
    conn.execute(REVISION_DDL)
    conn.execute(
        "INSERT INTO meta VALUES ('schema_version', %s), ('title', %s)", (str(VERSION), title)
    )
    if not bulk:
        finish(conn)


def finish(conn: psycopg.Connection) -> None:
    """Build the keys, indexes and foreign keys of tables created with ``bulk``."""
    conn.execute(keys_of(set(TABLES)))


def vacuum(conn: psycopg.Connection) -> None:
    """Mark a freshly filled store's pages all-visible (outside any transaction), so the
    time index is read by index-only scans from the first open on."""
    conn.autocommit = True
    for table in ("statements", "events", "event_actors"):
        conn.execute(f"VACUUM (FREEZE, ANALYZE) {table}")


def check_version(conn: psycopg.Connection, url: str) -> dict[str, str]:
    """The meta rows, after refusing a database without Parley's tables or of another version."""
    if not exists(conn):
        raise errors.NotAStore(
            mask(url),
            "holds no Parley store (no parley schema): fill it with "
            "`parley push STORE.parley URL` or `parley import FILE --into URL`",
        )
    meta = {str(k): str(v) for k, v in conn.execute("SELECT key, value FROM meta")}
    version = meta.get("schema_version", "")
    if version == str(VERSION) and "uuid" in columns(conn, "revision"):
        return meta
    if version.isdigit() and int(version) > VERSION:
        raise errors.SchemaTooNew(
            mask(url),
            f"holds a Parley store of schema version {version}; this Parley reads and writes "
            f"team stores of version {VERSION} only: use a newer Parley",
        )
    if version.isdigit() and int(version) >= 1:
        raise errors.StoreError(
            mask(url),
            f"was written by an older Parley (schema version {version}, tables of an earlier "
            f"build): upgrade it once with `parley upgrade {mask(url)}` (as a user who may "
            "write to it), then everyone opens it as before",
        )
    raise errors.StoreError(mask(url), f"holds an unknown schema version ({version or 'none'})")


def check_writable(conn: psycopg.Connection, url: str) -> None:
    """Refuse, before any work, a user who may not add and change rows in every table."""
    check_version(conn, url)
    denied = [
        table for table in TABLES
        if not all(
            conn.execute("SELECT has_table_privilege(%s, %s)", (f"{SCHEMA}.{table}", right))
            .fetchone()[0]
            for right in ("INSERT", "UPDATE", "DELETE")
        )
    ]
    if denied:
        where = "its tables" if len(denied) == len(TABLES) else ", ".join(denied)
        raise errors.StoreError(
            mask(url),
            f"the user {conn.info.user} may not write to this team store (no INSERT, UPDATE "
            f"and DELETE on {where}): ask its owner for the rights, or only view it",
        )


def columns(conn: psycopg.Connection, table: str) -> list[str]:
    """A table's columns in order, as the database has them."""
    rows = conn.execute(
        "SELECT attname FROM pg_attribute WHERE attrelid = to_regclass(%s) AND attnum > 0 "
        "AND NOT attisdropped ORDER BY attnum",
        (f'{SCHEMA}."{table}"',),
    )
    return [row[0] for row in rows]
