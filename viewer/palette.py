"""Which colour each side gets: a rule of its own, without Qt.

A side's colour comes from its name (a stable hash picks a slot of the palette). When two
sides' names pick the same slot, the side created first keeps it and the later one takes
the next free slot. An import adds sides with new, higher ids, so it never takes a colour
away from a side that had one; sorting, counting or hiding lanes changes nothing.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable

from db.model import Actor

# Twelve categorical colours picked for distance from each other (CIELAB ΔE ≥ 34 for
# every pair) and contrast ≥ 3:1 on white; the dark theme shows them lighter.
SIDE_COLORS = (
    "#1b8cfc",
    "#b43620",
    "#1a8a28",
    "#72588f",
    "#c57a12",
    "#129c95",
    "#b82077",
    "#829401",
    "#89753a",
    "#0580ae",
    "#bd6ad5",
    "#c77478",
)


def name_slot(name: str) -> int:
    """The palette slot a side of this name asks for (the same in every store and run)."""
    return zlib.crc32(name.casefold().encode("utf-8")) % len(SIDE_COLORS)


def side_slots(sides: Iterable[Actor]) -> dict[int, int]:
    """Palette slot per side id: its name's slot, else the next free one, oldest side first.

    Past twelve sides the slots repeat (each side then keeps its name's slot).
    """
    size = len(SIDE_COLORS)
    slots: dict[int, int] = {}
    taken: set[int] = set()
    for side in sorted(sides, key=lambda actor: actor.id):
        wanted = name_slot(side.name)
        free = (s % size for s in range(wanted, wanted + size) if s % size not in taken)
        slots[side.id] = next(free, wanted)
        taken.add(slots[side.id])
    return slots
