"""Checking a store against the contract, beyond what opening it already checks."""

from __future__ import annotations

from db.api import Store
from db.dates import PRECISIONS_SQL, DateError, parse_date, span_of
from db.model import Problem
from db.schema import ACTOR_KINDS, RELATION_KINDS, STANCES, STATEMENT_KINDS


def _values(items: tuple[str, ...]) -> str:
    return ", ".join(f"'{item}'" for item in items)


#: (table, column, SQL condition that finds bad rows, reason)
CHECKS = (
    (
        "actors",
        "kind",
        f"kind IS NULL OR kind NOT IN ({_values(ACTOR_KINDS)})",
        "not one of " + ", ".join(ACTOR_KINDS),
    ),
    (
        "statements",
        "kind",
        f"kind IS NULL OR kind NOT IN ({_values(STATEMENT_KINDS)})",
        "not one of " + ", ".join(STATEMENT_KINDS),
    ),
    (
        "statements",
        "stance",
        f"stance IS NOT NULL AND stance NOT IN ({_values(STANCES)})",
        "not one of " + ", ".join(STANCES),
    ),
    (
        "statements",
        "precision",
        f"precision IS NULL OR precision NOT IN ({PRECISIONS_SQL})",
        "not a precision",
    ),
    (
        "events",
        "precision",
        f"precision IS NULL OR precision NOT IN ({PRECISIONS_SQL})",
        "not a precision",
    ),
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
    (
        "relations",
        "kind",
        f"kind IS NULL OR kind NOT IN ({_values(RELATION_KINDS)})",
        "not one of " + ", ".join(RELATION_KINDS),
    ),
)


def validate(store: Store, limit: int = 1000) -> list[Problem]:
    """Every problem found in the store: rows skipped on reading, then contract checks."""
    problems = list(store.problems)
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
