"""Parley's store: schema, read API, writers, formats and date rules. No Qt here.

The read API (:mod:`db.api`, one class for every backend; SQLite in :mod:`db.store`):

- :func:`open_store` (path) → :class:`Store`, read-only; raises :class:`StoreError` subclasses.
- ``Store.actors() / actor(id) / sides() / members(side) / descendants(id) / topics()``
- ``Store.index`` — the :class:`~db.timeindex.TimeIndex` of every item; ``index.window(t0, t1)``
- ``Store.event(id) / statement(id) / statements_by(actors) / labels(kind, ids)``
- ``Store.search(text)`` — full-text, in time order (:mod:`db.search`).
- ``Store.query(sql) / columns(table)`` — read-only SQL, for tools (validate, dump).
- :mod:`db.positions`: ``positions_of(store, actor, as_of)``, ``stance_matrix(store, actors)``.
- :func:`import_files` / :func:`import_document` write; :func:`dump` reads a whole store.
- :mod:`db.dates`: every date rule (precisions, limits, spans).
"""

from importlib import import_module

from db.errors import ImportProblem, ParleyError, StoreError

#: Where each of the package's names lives: imported when first asked for, so a program
#: that needs one module (``from db import errors``: every command line) does not load
#: the store, the formats and numpy with it.
_HOMES = {
    "Store": "db.api", "open_store": "db.api", "DateError": "db.dates", "When": "db.dates",
    "parse_date": "db.dates", "dump": "db.formats", "import_files": "db.formats",
    "import_document": "db.importer",
}


def __getattr__(name: str):
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'db' has no attribute {name!r}")
    value = globals()[name] = getattr(import_module(home), name)
    return value


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
