"""Parley's store: schema, read API, importers and the window-less commands. No Qt here.

The read API in one line each:

- :func:`open_store` (path) → :class:`Store`, read-only; raises :class:`StoreError` subclasses.
- ``Store.actors() / sides() / members(side) / topics() / extent()``
- ``Store.index`` — the :class:`~db.timeindex.TimeIndex` of every item; ``index.window(t0, t1)``
- ``Store.event(id) / statement(id) / positions(actor, as_of) / stance_matrix(actors, as_of)``
- ``Store.search(text)`` — full-text (FTS5), in time order.
- :func:`import_files` / :func:`import_document` write; :func:`dump` reads a whole store.
"""

from db.dates import DateError, When, parse_date
from db.errors import ImportProblem, ParleyError, StoreError
from db.store import Store, open_store

#: The writers load sqlite-utils: imported on first use, so reading starts sooner.
_WRITERS = {"dump": "db.formats", "import_files": "db.formats", "import_document": "db.importer"}


def __getattr__(name: str):
    if name in _WRITERS:
        import importlib

        return getattr(importlib.import_module(_WRITERS[name]), name)
    raise AttributeError(f"module 'db' has no attribute {name!r}")

__all__ = [
    "DateError",
    "ImportProblem",
    "ParleyError",
    "Store",
    "StoreError",
    "When",
    "dump",
    "import_document",
    "import_files",
    "open_store",
    "parse_date",
]
