"""Reversals: an actor saying the opposite of what it said earlier on the same topic.

:func:`propose_reversals` walks each actor's statements on each topic in time order and
proposes a ``contradicts`` link from a statement to the one before it wherever the
stance turns from for to against or back (supports or conditional ↔ skeptical or
opposes). Neutral statements and statements without a stance neither start nor end a
reversal. Proposals are for a person to review; nothing here writes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from db.model import Statement

# A stance's leaning: for (+1), against (-1); neutral leans neither way.
LEANING = {"supports": 1, "conditional": 1, "neutral": 0, "skeptical": -1, "opposes": -1}


@dataclass(frozen=True, slots=True)
class Reversal:
    """A proposed ``contradicts`` link: ``later`` says the opposite of ``earlier``."""

    later: Statement
    earlier: Statement

    @property
    def note(self) -> str:
        return (f"stance turned from {self.earlier.stance} ({self.earlier.when.text}) "
                f"to {self.later.stance} ({self.later.when.text})")


def propose_reversals(
    statements: Iterable[Statement], linked: set[tuple[int, int]] = frozenset()
) -> list[Reversal]:
    """Reversals among ``statements`` (any order), skipping pairs already ``linked``.

    ``linked`` holds (from, to) statement id pairs already joined by a relation.
    """
    runs: dict[tuple[int, int], list[Statement]] = {}
    for statement in statements:
        if statement.topic_id is not None and LEANING.get(statement.stance or "", 0):
            runs.setdefault((statement.actor_id, statement.topic_id), []).append(statement)
    found = []
    for run in runs.values():
        run.sort(key=lambda s: (s.when.start, s.id))
        for earlier, later in pairwise(run):
            turned = LEANING[earlier.stance or ""] != LEANING[later.stance or ""]
            if turned and (later.id, earlier.id) not in linked:
                found.append(Reversal(later, earlier))
    found.sort(key=lambda r: (r.later.when.start, r.later.id))
    return found
