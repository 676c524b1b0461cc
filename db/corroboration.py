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
from db.timeindex import KIND_STATEMENT

if TYPE_CHECKING:
    from db.api import Store


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


class Corroboration:
    """The read API over ``appearances`` and ``relations`` of one open store."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._marks: tuple[int, Marks] | None = None

    def _has(self, table: str) -> bool:
        return bool(
            self.store.query(
                "SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?",
                (table,),
            )
        )

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
                "GROUP BY statement_id HAVING n > 1"
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
