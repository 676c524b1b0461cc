"""The store's schema (version 2): the contract's tables plus Parley's own helpers.

The contract (README, "The store") is what other programs may rely on and write.
Parley adds integer time columns (``*_ts``: seconds since 1970, the span a date covers),
indexes and FTS5 tables; a store without them still opens (see :mod:`db.timeindex`).
"""

from __future__ import annotations

import sqlite3

SCHEMA_VERSION = 2

ACTOR_KINDS = ("person", "state", "organization", "group", "other")
STATEMENT_KINDS = ("direct", "reported")
STANCES = ("supports", "opposes", "conditional", "skeptical", "neutral")
RELATION_KINDS = ("variant_of", "responds_to", "rebuts", "supports", "contradicts")

#: The contract: table -> (required columns, optional columns).
CONTRACT: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "meta": (("key", "value"), ()),
    "sources": (("id",), ("title", "outlet", "url", "published")),
    "actors": (("id", "name", "kind"), ("parent_id", "aliases")),
    "topics": (("id", "name"), ("description",)),
    "events": (
        ("id", "title", "start", "precision"),
        ("description", "end", "approximate", "location", "source_id"),
    ),
    "event_actors": (("event_id", "actor_id"), ("role",)),
    "statements": (
        ("id", "actor_id", "said", "precision", "text", "kind"),
        (
            "approximate",
            "topic_id",
            "stance",
            "summary",
            "source_id",
            "event_id",
            "span_start",
            "span_end",
        ),
    ),
}

#: Tables version 2 adds: one statement, many sources; links between statements.
CONTRACT_V2: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "appearances": (("statement_id", "source_id"), ("wording", "span_start", "span_end")),
    "relations": (("from_id", "to_id", "kind"), ("note", "source_id")),
}


def contract(version: int) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """The tables and columns a store of schema ``version`` must have."""
    return {**CONTRACT, **CONTRACT_V2} if version >= 2 else CONTRACT


DDL_V2 = """
CREATE TABLE IF NOT EXISTS appearances (
    id INTEGER PRIMARY KEY,
    statement_id INTEGER NOT NULL REFERENCES statements(id),
    source_id INTEGER NOT NULL REFERENCES sources(id),
    wording TEXT, span_start INTEGER, span_end INTEGER
);
CREATE INDEX IF NOT EXISTS appearances_statement ON appearances(statement_id);
CREATE INDEX IF NOT EXISTS appearances_source ON appearances(source_id);
CREATE TABLE IF NOT EXISTS relations (
    id INTEGER PRIMARY KEY,
    from_id INTEGER NOT NULL REFERENCES statements(id),
    to_id INTEGER NOT NULL REFERENCES statements(id),
    kind TEXT NOT NULL, note TEXT, source_id INTEGER REFERENCES sources(id)
);
CREATE INDEX IF NOT EXISTS relations_from ON relations(from_id);
CREATE INDEX IF NOT EXISTS relations_to ON relations(to_id);
"""

_TABLES = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sources (
    id INTEGER PRIMARY KEY, title TEXT, outlet TEXT, url TEXT, published TEXT,
    text TEXT
);
CREATE TABLE IF NOT EXISTS actors (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, kind TEXT NOT NULL,
    parent_id INTEGER REFERENCES actors(id), aliases TEXT, title TEXT
);
CREATE TABLE IF NOT EXISTS topics (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, description TEXT
);
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY, title TEXT NOT NULL, description TEXT,
    start TEXT NOT NULL, "end" TEXT, precision TEXT NOT NULL, approximate INTEGER DEFAULT 0,
    location TEXT, source_id INTEGER REFERENCES sources(id),
    start_ts INTEGER, end_ts INTEGER
);
CREATE TABLE IF NOT EXISTS event_actors (
    event_id INTEGER NOT NULL REFERENCES events(id),
    actor_id INTEGER NOT NULL REFERENCES actors(id),
    role TEXT DEFAULT 'participant',
    PRIMARY KEY (event_id, actor_id)
);
CREATE TABLE IF NOT EXISTS statements (
    id INTEGER PRIMARY KEY, actor_id INTEGER NOT NULL REFERENCES actors(id),
    said TEXT NOT NULL, precision TEXT NOT NULL, approximate INTEGER DEFAULT 0,
    text TEXT NOT NULL, kind TEXT NOT NULL, topic_id INTEGER REFERENCES topics(id),
    stance TEXT, summary TEXT, source_id INTEGER REFERENCES sources(id),
    event_id INTEGER REFERENCES events(id), span_start INTEGER, span_end INTEGER,
    said_ts INTEGER, said_end_ts INTEGER
);
CREATE INDEX IF NOT EXISTS events_start_ts ON events(start_ts);
CREATE INDEX IF NOT EXISTS statements_said_ts ON statements(said_ts);
CREATE INDEX IF NOT EXISTS statements_actor ON statements(actor_id, said_ts);
CREATE INDEX IF NOT EXISTS event_actors_actor ON event_actors(actor_id);
CREATE INDEX IF NOT EXISTS actors_parent ON actors(parent_id);
"""

#: The full-text (FTS5) tables Parley keeps in step with their tables: table → columns.
FULL_TEXT = {"statements": ("text", "summary"), "events": ("title", "description")}


def _full_text_ddl(table: str, columns: tuple[str, ...]) -> str:
    """An external-content FTS5 table over ``columns`` of ``table``, and its triggers.

    Without the table of each row's token counts (``columnsize=0``): only ranking by
    relevance reads them, and Parley lists hits in time order; writing them took a
    fifth of the time of building the index."""
    fts, names = f"{table}_fts", ", ".join(columns)
    insert = (
        f"INSERT INTO {fts}(rowid, {names}) "
        f"VALUES (new.id, {', '.join(f'new.{c}' for c in columns)});"
    )
    delete = (
        f"INSERT INTO {fts}({fts}, rowid, {names}) "
        f"VALUES ('delete', old.id, {', '.join(f'old.{c}' for c in columns)});"
    )
    return f"""
CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5(
    {names}, content='{table}', content_rowid='id', columnsize=0
);
CREATE TRIGGER IF NOT EXISTS {table}_ai AFTER INSERT ON {table} BEGIN {insert} END;
CREATE TRIGGER IF NOT EXISTS {table}_ad AFTER DELETE ON {table} BEGIN {delete} END;
CREATE TRIGGER IF NOT EXISTS {table}_au AFTER UPDATE ON {table} BEGIN {delete} {insert} END;
"""


#: The whole schema, as a script.
DDL = _TABLES + "".join(_full_text_ddl(table, cols) for table, cols in FULL_TEXT.items())


def tables(conn: sqlite3.Connection) -> set[str]:
    """The names of the tables and views in a store."""
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")
    return {row[0] for row in rows}


def columns(conn: sqlite3.Connection, table: str) -> set[str]:
    """The columns ``table`` has (empty when it does not exist)."""
    return {row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')}


def create(conn: sqlite3.Connection, title: str = "Untitled") -> None:
    """Create the schema in an empty (or partly created) store, and its meta rows."""
    conn.executescript(DDL + DDL_V2)
    conn.execute(
        "INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', ?)",
        (str(SCHEMA_VERSION),),
    )
    conn.execute("INSERT OR IGNORE INTO meta(key, value) VALUES ('title', ?)", (title,))
