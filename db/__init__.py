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

from db.api import Store, open_store
from db.dates import DateError, When, parse_date
from db.errors import ImportProblem, ParleyError, StoreError
from db.formats import dump, import_files
from db.importer import import_document

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
