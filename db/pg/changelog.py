"""The rows an import wrote into a store file: triggers log each as JSON, in order."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from db.pg import schema

#: The log of rows the importer wrote into the copy (filled by triggers, then replayed).
LOG = "_parley_changes"


def track(path: Path) -> None:
    """Triggers on the store file at ``path`` that log every row written, as JSON, in order."""
    local = sqlite3.connect(path)
    try:
        local.execute("PRAGMA synchronous = OFF")  # (a scratch copy)
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


def changes(path: Path) -> list[tuple[str, str | None, str | None]]:
    """The rows written since :func:`track`: (table, old, new) as JSON."""
    local = sqlite3.connect(path)
    try:
        return local.execute(f"SELECT tbl, old, new FROM {LOG} ORDER BY seq").fetchall()
    finally:
        local.close()


def _json(names: list[str], row: str | None) -> str:
    if row is None:
        return "NULL"
    return "json_object(" + ", ".join(f"'{n}', {row}.\"{n}\"" for n in names) + ")"
