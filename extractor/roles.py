"""Roles as speakers: "Ireland's foreign minister said …" is the person holding that role
when the story names them within a few paragraphs either way ("Simon Coveney, Ireland's
foreign minister, told reporters"), or anywhere when one speaker has that title for that
side ("The head of the electoral council said" after "Elvis Amoroso, head of the National
Electoral Council, said"); else the statement stays with the side. An unnamed role ("its
energy minister said") is the one person speaking within reach whose title shares a word
with it; else it stays the role.
"""

from __future__ import annotations

from collections import Counter

from extractor.cast import Actor, Cast
from extractor.found import Found
from extractor.segment import Layout
from extractor.titles import fits

_REACH = 3  # paragraphs either way
_GENERIC = {"of", "the", "and", "for", "state", "senior", "top", "former", "deputy", "vice"}


def role_holders(lay: Layout, found: list[Found], cast: Cast) -> list[Found]:
    """``found`` with statements made through a role given to the person holding it."""
    result = []
    first_named: dict[int, int] = {}
    for at, actor in cast.named:
        first_named.setdefault(id(actor), at)
    for f in found:  # a speaker named first in the attribution itself
        first_named.setdefault(id(f.actor), f.span[0])
    for item in found:
        role = _role_of(lay, item, cast)
        holder = _holder(found, item, role, first_named, cast) if role is not None else \
            _unnamed_holder(found, item, cast)
        if holder is not None:
            item = Found(holder, item.kind, item.text, item.span, item.when, item.paragraph,
                         item.how, item.stance)
        result.append(item)
    return result


def _role_of(lay: Layout, item: Found, cast: Cast) -> tuple[str, str] | None:
    sentence = lay.sentence_at(item.span[0])
    if sentence is None:
        return None
    for pos, title, side in cast.roles:
        if side == item.actor.name and sentence.start <= pos < sentence.end:
            return title, side
    return None


def _unnamed_holder(found: list[Found], item: Found, cast: Cast) -> Actor | None:
    """"…, its energy minister said" with "Energy Minister Mykhaylo Kovalenko" speaking
    within reach: the one person whose title shares a word with the role."""
    if item.actor.name not in cast.unnamed or item.actor.name in cast.anonymous:
        return None  # "a ministry official said": someone new, no one named before
    wanted = {w.lower() for w in item.actor.name.split()} - _GENERIC
    side = item.actor.parent  # "a Japanese official" is no Russian minister
    near = {f.actor.name: f.actor for f in found
            if f.actor.kind == "person" and f.actor.name not in cast.unnamed
            and f.actor.parent in (None, side) and abs(f.paragraph - item.paragraph) <= _REACH
            and wanted & {w.lower() for w in (f.actor.title or "").split()}}
    return next(iter(near.values())) if len(near) == 1 else None


def _holder(found: list[Found], item: Found, role: tuple[str, str],
            first_named: dict[int, int], cast: Cast) -> Actor | None:
    """The nearest person speaking within reach for the side, a title match first (someone
    unnamed, "a ministry official", holds no named role)."""
    title, side = role
    wanted = {w.lower() for w in title.split()} - _GENERIC
    speaking = [f for f in found if f.actor.kind == "person" and f.actor is not item.actor
                and f.actor.parent in (None, side) and f.actor.name not in cast.unnamed]
    titled = [f for f in speaking if any(fits(w, f.actor.title) for w in wanted)]
    sided = [f for f in titled if f.actor.parent == side] or [
        f for f in speaking if f.actor.parent == side and not f.actor.title]
    if len({f.actor.name for f in sided}) == 1:
        return sided[0].actor  # the one speaker for that side (with that title), anywhere
    near = [f for f in speaking if abs(f.paragraph - item.paragraph) <= _REACH]
    titled = [f for f in titled if f in near]
    # untitled: someone on the side, named after the role ("Australia's sports minister
    # said … Arbib said") or a principal of the story, not a fan quoted once before it
    counts = Counter(id(f.actor) for f in found)
    pool = titled or [f for f in near if f.actor.parent == side or counts[id(f.actor)] > 1
                      or first_named.get(id(f.actor), -1) > item.span[0]]
    if not pool:
        return None
    if len({f.actor.name for f in pool}) > 1 and not titled:
        return None
    best = min(pool, key=lambda f: (abs(f.paragraph - item.paragraph), f.span[0]))
    return best.actor
