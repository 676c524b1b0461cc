"""Checking a store against the contract, beyond what opening it already checks."""

from __future__ import annotations

from db.api import Store
from db.dates import PRECISIONS, DateError, parse_date, span_of
from db.model import Problem
from db.schema import ACTOR_KINDS, RELATION_KINDS, STANCES, STATEMENT_KINDS, contract


def _one_of(
    table: str, column: str, allowed: tuple[str, ...], required: bool = True, reason: str = ""
) -> tuple[str, str, str, str]:
    """A check that ``column`` holds one of ``allowed`` (or NULL, when not ``required``)."""
    values = ", ".join(f"'{item}'" for item in allowed)
    absent = f"{column} IS NULL OR" if required else f"{column} IS NOT NULL AND"
    return table, column, f"{absent} {column} NOT IN ({values})", (
        reason or "not one of " + ", ".join(allowed)
    )


#: (table, column, SQL condition that finds bad rows, reason)
CHECKS = (
    _one_of("actors", "kind", ACTOR_KINDS),
    _one_of("statements", "kind", STATEMENT_KINDS),
    _one_of("statements", "stance", STANCES, required=False),
    _one_of("statements", "precision", PRECISIONS, reason="not a precision"),
    _one_of("events", "precision", PRECISIONS, reason="not a precision"),
    (
        "statements",
        "actor_id",
        "actor_id IS NULL OR actor_id NOT IN (SELECT id FROM actors)",
        "no such actor",
    ),
    ("statements", "text", "text IS NULL OR trim(text) = ''", "empty"),
    ("events", "title", "title IS NULL OR trim(title) = ''", "empty"),
    (
        "statements",
        "topic_id",
        "topic_id IS NOT NULL AND topic_id NOT IN (SELECT id FROM topics)",
        "no such topic",
    ),
    ("event_actors", "actor_id", "actor_id NOT IN (SELECT id FROM actors)", "no such actor"),
    ("event_actors", "event_id", "event_id NOT IN (SELECT id FROM events)", "no such event"),
    (
        "appearances",
        "statement_id",
        "statement_id IS NULL OR statement_id NOT IN (SELECT id FROM statements)",
        "no such statement",
    ),
    (
        "appearances",
        "source_id",
        "source_id IS NULL OR source_id NOT IN (SELECT id FROM sources)",
        "no such source",
    ),
    (
        "relations",
        "from_id",
        "from_id IS NULL OR from_id NOT IN (SELECT id FROM statements)",
        "no such statement",
    ),
    (
        "relations",
        "to_id",
        "to_id IS NULL OR to_id NOT IN (SELECT id FROM statements) OR to_id = from_id",
        "no such statement, or the statement itself",
    ),
    _one_of("relations", "kind", RELATION_KINDS),
)


def validate(store: Store, limit: int = 1000) -> list[Problem]:
    """Every problem found in the store: rows skipped on reading, then contract checks."""
    problems = list(store.problems)
    version = store.meta.get("schema_version", "1")
    for table in contract(int(version) if version.isdigit() else 1):
        if not store.columns(table):
            problems.append(Problem(table, 0, "", None, f"table {table} is missing"))
    for table, column, condition, reason in CHECKS:
        if column not in store.columns(table):
            continue  # an optional column (or a v2 table) that this store does not have
        key = "id" if "id" in store.columns(table) else "rowid"
        rows = store.query(
            f'SELECT {key}, "{column}" FROM "{table}" WHERE {condition} LIMIT ?', (limit,)
        )
        problems += [Problem(table, rid, column, value, reason) for rid, value in rows]
    problems += stale_times(store, limit)
    return problems[:limit]


#: Parley's integer time columns beside each date text: (table, text, start, end).
TIME_COLUMNS = (
    ("statements", "said", "said_ts", "said_end_ts"),
    ("events", "start", "start_ts", "end_ts"),
)


def stale_times(store: Store, limit: int = 1000) -> list[Problem]:
    """Rows whose ``*_ts`` columns no longer match their date text (another program changed
    the date without them); the timeline places items by those columns."""
    problems: list[Problem] = []
    for table, text, start, end in TIME_COLUMNS:
        if not {start, end} <= store.columns(table):
            continue
        extra = ', "end"' if table == "events" else ", NULL"
        rows = store.query(f'SELECT id, "{text}", {start}, {end}{extra} FROM "{table}"')
        for rid, value, t0, t1, last in rows:
            if t0 is None and t1 is None:
                continue  # not filled in: Parley reads the text instead
            try:
                expected = span_of(parse_date(value), parse_date(last) if last else None)
            except (DateError, TypeError):
                continue  # reported already as an unreadable date
            if (t0, t1) != expected:
                problems.append(
                    Problem(
                        table,
                        rid,
                        start,
                        t0,
                        f"does not match {text} {value!r}: rewrite it or clear both time columns",
                    )
                )
                if len(problems) >= limit:
                    return problems
    return problems
