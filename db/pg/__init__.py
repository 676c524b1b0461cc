"""The team store: Parley's contract as tables in a PostgreSQL schema (psycopg 3).

- :mod:`db.pg.url` — is a STORE argument a URL; its text with the password masked.
- :mod:`db.pg.connect` — connections (read-only for viewing), failures as one line.
- :mod:`db.pg.schema` — the tables, created when a database is empty; the version check.
- :mod:`db.pg.store` — :class:`~db.pg.store.PgStore`, the read API the viewer uses.
- :mod:`db.pg.index` — the time index, read with one binary COPY.
- :mod:`db.pg.copy` — ``push`` / ``pull`` a whole record; :mod:`db.pg.write` — imports.

psycopg is imported only here, so the SQLite path never pays for it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from db.pg.url import is_url

T = TypeVar("T")


def write_into(target: str | os.PathLike[str], apply: Callable[[Path], T]) -> T:
    """Run a writer ``apply(store_file)`` on ``target``: a store file itself, or a copy
    of the team store a URL names whose changes then land there in one transaction
    (:func:`db.pg.write.write_url`)."""
    if not is_url(target):
        return apply(Path(target))
    from db.pg.write import write_url

    return write_url(str(target), apply)
