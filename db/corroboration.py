"""Reading corroboration: where each statement appeared, and how statements are linked.

Schema version 2 keeps every source a statement appeared in (``appearances``) and links
between statements (``relations``: ``variant_of`` for versions that disagree, and the
kinds of "who answered whom"). A version 1 store has neither table: each statement then
appears in its own source only, and has no links. Reached as ``store.corroboration``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from db.model import Source
from db.schema import RELATION_KINDS
from db.timeindex import KIND_STATEMENT

if TYPE_CHECKING:
    from db.api import Store
    from db.timeindex import TimeIndex


@dataclass(frozen=True, slots=True)
class Appearance:
    """One source's printing of a statement: its wording and where it stands in the text."""

    statement_id: int
    source: Source | None
    wording: str | None
    span: tuple[int, int] | None


@dataclass(frozen=True, slots=True)
class Relation:
    """A link between two statements, seen from one of them.

    ``outgoing`` is True when the statement looked at is the relation's ``from_id``.
    """

    other_id: int
    kind: str
    note: str | None
    source: Source | None
    outgoing: bool


@dataclass(frozen=True, slots=True)
class Marks:
    """Per-item facts aligned to the store's time index (``store.index``).

    ``sources[i]`` is how many distinct sources item ``i`` appeared in when more than one
    (else 0, and 0 for events);
    ``variant[i]`` is True when item ``i`` is a statement with a ``variant_of`` link.
    """

    sources: np.ndarray
    variant: np.ndarray


@dataclass(frozen=True, slots=True)
class RelationRows:
    """Every relation of a store as parallel arrays: statement ids, their rows in the
    time index (-1 where a statement is not in it) and the kind (an index into
    :data:`db.schema.RELATION_KINDS`)."""

    from_id: np.ndarray
    to_id: np.ndarray
    from_row: np.ndarray
    to_row: np.ndarray
    kind: np.ndarray

    def __len__(self) -> int:
        return len(self.kind)


def statement_rows(index: TimeIndex, ids: np.ndarray) -> np.ndarray:
    """The time-index row of each statement id (its first row), -1 where it has none."""
    if not len(ids):  # (no relations: no sort of every statement in a frame)
        return np.zeros(0, dtype=np.int64)
    rows = np.flatnonzero(index.kind == KIND_STATEMENT)
    rids = index.rid[rows]
    order = np.argsort(rids, kind="stable")
    rows, rids = rows[order], rids[order]
    if not len(rids):
        return np.full(len(ids), -1, dtype=np.int64)
    at = np.minimum(np.searchsorted(rids, ids), len(rids) - 1)
    return np.where(rids[at] == ids, rows[at], -1).astype(np.int64)


class Corroboration:
    """The read API over ``appearances`` and ``relations`` of one open store."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._marks: tuple[int, Marks] | None = None
        self._rows: tuple[int, RelationRows] | None = None

    def _has(self, table: str) -> bool:
        return bool(self.store.columns(table))  # the API's, for every backend

    def appearances(self, statement_id: int) -> list[Appearance]:
        """Every source the statement appeared in, oldest source first."""
        if self._has("appearances"):
            rows = self.store.query(
                "SELECT source_id, wording, span_start, span_end FROM appearances "
                "WHERE statement_id = ? ORDER BY id",
                (statement_id,),
            )
            found = [
                Appearance(statement_id, self.store.source(s), w, _span(a, b))
                for s, w, a, b in rows
            ]
            if found:
                return found
        statement = self.store.statement(statement_id)
        if statement is None or statement.source is None:
            return []
        return [Appearance(statement_id, statement.source, statement.text, statement.span)]

    def relations(self, statement_id: int) -> list[Relation]:
        """Every link to or from the statement (outgoing first)."""
        if not self._has("relations"):
            return []
        rows = self.store.query(
            "SELECT to_id, kind, note, source_id, 1 FROM relations WHERE from_id = ? "
            "UNION ALL SELECT from_id, kind, note, source_id, 0 FROM relations WHERE to_id = ? "
            "ORDER BY 5 DESC, 1",
            (statement_id, statement_id),
        )
        return [
            Relation(other, str(kind), note, self.store.source(source), bool(out))
            for other, kind, note, source, out in rows
        ]

    def variants(self, statement_id: int) -> list[int]:
        """Ids of the statements linked to this one as ``variant_of`` (either way)."""
        return [r.other_id for r in self.relations(statement_id) if r.kind == "variant_of"]

    def source_counts(self) -> dict[int, int]:
        """Statement id → number of distinct sources, for statements with more than one."""
        if not self._has("appearances"):
            return {}
        return dict(
            self.store.query(
                "SELECT statement_id, count(DISTINCT source_id) AS n FROM appearances "
                "GROUP BY statement_id HAVING count(DISTINCT source_id) > 1"
            )
        )

    def variant_ids(self) -> set[int]:
        """Ids of every statement in a ``variant_of`` link."""
        if not self._has("relations"):
            return set()
        rows = self.store.query(
            "SELECT from_id FROM relations WHERE kind = 'variant_of' "
            "UNION SELECT to_id FROM relations WHERE kind = 'variant_of'"
        )
        return {row[0] for row in rows}

    def relation_rows(self) -> RelationRows:
        """Every relation as time-index rows (:class:`RelationRows`), read once per index."""
        index = self.store.index
        if self._rows is None or self._rows[0] != id(index):
            found = (
                self.store.query("SELECT from_id, to_id, kind FROM relations ORDER BY id")
                if self._has("relations") else []
            )
            ids = np.array([(a, b) for a, b, _ in found], dtype=np.int64).reshape(-1, 2)
            kinds = np.array([RELATION_KINDS.index(k) if k in RELATION_KINDS else -1
                              for _, _, k in found], dtype=np.int8)
            rows = statement_rows(index, ids.ravel()).reshape(-1, 2)
            self._rows = (id(index), RelationRows(ids[:, 0], ids[:, 1], rows[:, 0], rows[:, 1],
                                                  kinds))
        return self._rows[1]

    def marks(self) -> Marks:
        """:class:`Marks` for the store's time index, computed once per store version."""
        index = self.store.index
        version = id(index)
        if self._marks is None or self._marks[0] != version:
            sources = np.zeros(len(index), dtype=np.int32)
            variant = np.zeros(len(index), dtype=bool)
            is_statement = index.kind == KIND_STATEMENT
            counts = self.source_counts()
            if counts:
                ids = np.fromiter(counts, dtype=np.int64, count=len(counts))
                values = np.fromiter(counts.values(), dtype=np.int32, count=len(counts))
                order = np.argsort(ids)
                ids, values = ids[order], values[order]
                where = np.searchsorted(ids, index.rid)
                where = np.clip(where, 0, len(ids) - 1)
                hit = is_statement & (ids[where] == index.rid)
                sources[hit] = values[where[hit]]
            linked = self.variant_ids()
            if linked:
                variant = is_statement & np.isin(index.rid, np.fromiter(linked, dtype=np.int64))
            self._marks = (version, Marks(sources, variant))
        return self._marks[1]


def _span(a: object, b: object) -> tuple[int, int] | None:
    return (a, b) if isinstance(a, int) and isinstance(b, int) else None
