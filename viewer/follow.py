"""Following links between statements from the keyboard, and back. No Qt.

``L`` goes from the selected statement to what it answers (or, when it answers nothing,
to what answers it); pressed again from the same statement it cycles through its links.
``Shift+L`` goes back along the way taken.
"""

from __future__ import annotations

from collections.abc import Sequence


class LinkTrail:
    """Where ``L`` leads next from each statement, and the way back."""

    def __init__(self) -> None:
        self.back_to: list[int] = []
        self._next: dict[int, int] = {}

    def follow(self, current: int, answers: Sequence[int],
               answered_by: Sequence[int]) -> int | None:
        """The statement to go to from ``current`` (None: it has no link)."""
        targets = list(answers) or list(answered_by)
        if not targets:
            return None
        turn = self._next.get(current, 0)
        self._next[current] = turn + 1
        self.back_to.append(current)
        return targets[turn % len(targets)]

    def back(self) -> int | None:
        """The statement the last ``L`` left (None: nowhere to go back to)."""
        return self.back_to.pop() if self.back_to else None

    def clear(self) -> None:
        """Forget the way (another store was opened)."""
        self.back_to.clear()
        self._next.clear()
