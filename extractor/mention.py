"""What a speaker phrase says about its speaker, before it is matched to an actor."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Mention:
    """What a phrase says about its speaker, before it is matched to an actor."""

    kind: str  # person, name, state, organization, group, pronoun, anaphor, role,
    # descriptor ("the 45-year-old"), none
    name: str | None = None
    title: str | None = None
    side: str | None = None
    gender: str | None = None
    owner: Mention | None = None
    anaphor: str | None = None
    category: str | None = None
