"""Relations written on purpose: links a person confirmed or typed, and their removal.

Adding goes through the importer (one transaction, the store upgraded to version 2 when
needed, the built-in default store refused); removing is one transaction of its own
with the same refusal. Proposals to review come from :mod:`db.reversals` (a stance
turning) and from the extractor (an article's explicit markers).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from db.api import Store
from db.importer import import_document, refuse_default_store, write_transaction
from db.reversals import Reversal, propose_reversals
from db.store import check_file


@dataclass(frozen=True, slots=True)
class NewLink:
    """A relation to write: ``from_id`` answers (or contradicts…) ``to_id``."""

    from_id: int
    to_id: int
    kind: str
    note: str | None = None


def add_relations(path: str | os.PathLike[str], links: Sequence[NewLink],
                  origin: str = "relations") -> int:
    """Write ``links`` into the store at ``path`` in one transaction; return how many were
    new (a link already stored is not doubled). The default store is refused even when
    there is nothing to write."""
    document = {"parley": 1, "relations": [
        {"from": link.from_id, "to": link.to_id, "kind": link.kind,
         **({"note": link.note} if link.note else {})}
        for link in links
    ]}
    return import_document(path, document, origin).added["relations"]


def remove_relation(path: str | os.PathLike[str], from_id: int, to_id: int, kind: str) -> bool:
    """Delete one relation in its own transaction; True when one was removed."""
    path = Path(path)
    check_file(path)
    with write_transaction(path) as db:
        refuse_default_store(db, path)
        gone = db.execute(
            "DELETE FROM relations WHERE from_id = ? AND to_id = ? AND kind = ?",
            (from_id, to_id, kind),
        ).rowcount
    return gone > 0


def store_reversals(store: Store) -> list[Reversal]:
    """Reversals proposed over every statement of ``store``, minus pairs already linked."""
    statements = store.statements_by(actor.id for actor in store.actors())
    return propose_reversals(statements, linked_pairs(store))


def linked_pairs(store: Store) -> set[tuple[int, int]]:
    """(from, to) of every relation stored (empty for a version 1 store)."""
    rows = store.corroboration.relation_rows()
    return set(zip(rows.from_id.tolist(), rows.to_id.tolist(), strict=True))


def reversal_links(reversals: Iterable[Reversal]) -> list[NewLink]:
    """The ``contradicts`` links that accept ``reversals``."""
    return [NewLink(r.later.id, r.earlier.id, "contradicts", r.note) for r in reversals]
