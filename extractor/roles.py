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
_NAMED_REACH = 1500  # characters before the role: a person named, not speaking
_HEADS = {"minister", "secretary", "spokesman", "spokeswoman", "spokesperson", "ambassador",
          "envoy", "governor", "president", "chancellor", "premier", "mayor"}
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
        holder = (_named_holder(cast, item, role) or
                  _holder(found, item, role, first_named, cast.unnamed)) if role is not None else \
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


def _named_holder(cast: Cast, item: Found, role: tuple[str, str]) -> Actor | None:
    """"According to the party's outspoken MP" after "MP Kwame Osei" (who does not speak):
    the one person named nearby before whose title has every word of the role's."""
    title, side = role
    wanted = {w.lower() for w in title.split()} - _GENERIC
    named = {actor.name: actor for at, actor in cast.named
             if 0 < item.span[0] - at <= _NAMED_REACH and _may_hold(cast, actor, side)
             and actor.name not in cast.unnamed
             and wanted <= {w.lower().rstrip(".") for w in (actor.title or "").split()}}
    return next(iter(named.values())) if len(named) == 1 else None


def _may_hold(cast: Cast, actor: Actor, side: str) -> bool:
    """On the role's side, or on none that is a state ("Assin Central MP": a constituency)."""
    other = cast.actors.get(actor.parent or "")
    return actor.parent in (None, side) or (other is not None and other.kind != "state")


def _unnamed_holder(found: list[Found], item: Found, cast: Cast) -> Actor | None:
    """"…, its energy minister said" with "Energy Minister Mykhaylo Kovalenko" speaking
    within reach: the one person whose title shares a word with the role."""
    if item.actor.name not in cast.unnamed or item.actor.kind == "organization":
        return None  # "China's foreign ministry": a body, not a post
    wanted = {w.lower() for w in item.actor.name.split()} - _GENERIC
    head = item.actor.name.split()[-1].lower()
    side = item.actor.parent  # "a Japanese official" is no Russian minister
    near = {f.actor.name: f.actor for f in found
            if f.actor.kind == "person" and f.actor.name not in cast.unnamed
            and (side is None or f.actor.parent in (None, side))
            and abs(f.paragraph - item.paragraph) <= _REACH
            and wanted & {w.lower() for w in (f.actor.title or "").split()}
            # someone met as "a foreign ministry official" is no envoy, "a judge" a judge
            and (item.actor.name not in cast.anonymous or
                 head in {w.lower() for w in (f.actor.title or "").split()})}
    return next(iter(near.values())) if len(near) == 1 else None


def _holder(found: list[Found], item: Found, role: tuple[str, str],
            first_named: dict[int, int], unnamed: set[str]) -> Actor | None:
    """The nearest person speaking within reach for the side, a title match first (a
    person named, not someone kept by a role phrase: "a foreign ministry official")."""
    title, side = role
    wanted = {w.lower() for w in title.split()} - _GENERIC
    speaking = [f for f in found if f.actor.kind == "person" and f.actor is not item.actor
                and f.actor.parent in (None, side) and f.actor.name not in unnamed]
    head = title.split()[-1].lower() if title.split() else ""
    # the role's head noun fits the title ("foreign minister": not a "Foreign Ministry
    # spokesman"); a role of no known noun, any of its words
    titled = [f for f in speaking if fits(head, f.actor.title)] if head in _HEADS else \
        [f for f in speaking if any(fits(w, f.actor.title) for w in wanted)]
    sided = [f for f in titled if f.actor.parent == side] or [
        f for f in speaking if f.actor.parent == side and not f.actor.title]
    if len({f.actor.name for f in sided}) == 1:
        return sided[0].actor  # the one speaker for that side (with that title), anywhere
    near = [f for f in speaking if abs(f.paragraph - item.paragraph) <= _REACH]
    titled = [f for f in titled if f in near]
    # untitled: someone on the side, named after the role ("Australia's sports minister
    # said … Arbib said") or a principal of the story, not a fan quoted once before it
    counts = Counter(id(f.actor) for f in found)
    pool = titled or [f for f in near if (f.actor.parent == side or counts[id(f.actor)] > 1
                                          or first_named.get(id(f.actor), -1) > item.span[0])
                      and not (head in _HEADS and f.actor.title)]  # (titled otherwise)
    if not pool:
        return None
    if len({f.actor.name for f in pool}) > 1 and not titled:
        return None
    best = min(pool, key=lambda f: (abs(f.paragraph - item.paragraph), f.span[0]))
    return best.actor
