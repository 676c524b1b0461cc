"""Who answered whom: the response links an article states in so many words.

:func:`find_links` reads the sentence around each extracted statement for an explicit
marker ("responded to", "in response to", "rejected", "dismissed", "welcomed",
"echoed", "expressed skepticism about", "said, after X announced") and links the
statement to the one it answers. Precision comes first: a link needs

* a marker in the statement's own sentence, outside the statement's words;
* an object that is something said (an announcement, remarks, a claim, a proposal…),
  not a fire, a bill or a delegation;
* an answered actor, named by the object ("Russia's announcement", "remarks by Fomin",
  "after Moscow announced") or, for a bare object ("the developments"), the one actor
  the answer itself names ("he doubted Russia's seriousness");
* a statement by that actor or someone under it, in the article or already stored, on
  or before the answer's day, other than the speaker's own. When several fit, the one
  whose words the object echoes most, else the nearest before the answer.

Each link is ``{"from": id, "to": id, "kind": …, "note": …, "cue": [start, end]}`` with
document statement ids; a stored statement is referred to by its natural key
``{"actor", "said", "text"}`` (what the importer matches statements by).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

RESPONDS_TO, REBUTS, SUPPORTS = "responds_to", "rebuts", "supports"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_OBJECT = r"(?P<obj>[^.;:!?\n]{3,160})"
_MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in (
        (RESPONDS_TO, r"\b(?:responded|replied|reacted) to " + _OBJECT),
        (RESPONDS_TO, r"\b(?:responding|replying|reacting) to " + _OBJECT),
        (RESPONDS_TO, r"\bin (?:response|reply|answer) to " + _OBJECT),
        (RESPONDS_TO, r"\banswering " + _OBJECT),
        (REBUTS, r"\b(?:rejected|dismissed|denied|disputed|refuted|rebuffed|contested) "
         + _OBJECT),
        (REBUTS, r"\b(?:expressed|voiced|raised) (?:skepticism|scepticism|doubts?) "
         r"(?:about|over|at|on) " + _OBJECT),
        (REBUTS, r"\bcast doubt on " + _OBJECT),
        (REBUTS, r"\bpushed back (?:on|against) " + _OBJECT),
        (SUPPORTS, r"\b(?:welcomed|echoed|endorsed|praised|hailed|applauded) " + _OBJECT),
        (SUPPORTS, r"\bagreed with " + _OBJECT),
    )
)
# "…, he said, after Moscow announced …": the actor stands before the verb.
_AFTER = re.compile(
    r"\b(?:after|hours after|a day after|days after|shortly after) (?P<actor>[^,.;]{2,60}?) "
    r"(?P<verb>announced|said|declared|claimed|proposed|offered|pledged|promised|warned)"
    r"(?P<obj>[^.;!?\n]{0,160})",
    re.IGNORECASE,
)
SAID_NOUNS = _words(
    """announcement announcements statement statements remark remarks comment comments
    claim claims proposal proposals offer offers pledge pledges promise promises
    assurance assurances accusation accusations allegation allegations demand demands
    call calls ultimatum warning warnings threat threats denial assertion assertions
    suggestion suggestions criticism position words report reports developments
    decision plan move overture initiative invitation appeal"""
)
_BARE_NOUNS = frozenset({"developments", "news", "announcement", "remarks", "comments",
                         "statement", "proposal", "offer", "pledge", "decision", "move"})
_HEAD = "\x00"  # key prefix of an organisation's last word ("the authority")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_STOP = _words(
    """a an the and or but of to in on at by for with from as that this these those it its
    is was were be been being would will could should may might has have had he she they
    them his her their our we you i not no so than then there what which who whom
    about after around into over under up down out very also"""
)


@dataclass(frozen=True, slots=True)
class Said:
    """A statement a link may point to: from this article or from the store."""

    ref: int | dict
    actor: str
    said: str
    text: str
    start: int = -1  # its offset in this article; -1 for a stored statement


def find_links(text: str, document: dict, stored: Sequence[dict] = ()) -> list[dict]:
    """Propose the response links ``text`` states between ``document``'s statements.

    ``stored`` are statements already in the store, as ``{"actor", "said", "text"}``
    (the actor's name); ``document`` is what :func:`extractor.extract` returned.
    """
    family = _family(document)
    names = _names(document)
    candidates = [
        Said(s["id"], s["actor"], str(s["said"]), s["text"], (s.get("span") or [-1])[0])
        for s in document.get("statements", [])
    ] + [Said(dict(s), s["actor"], str(s["said"]), s["text"]) for s in stored]
    links = []
    for statement in document.get("statements", []):
        link = _link_of(text, statement, candidates, names, family)
        if link is not None:
            links.append(link)
    return links


def _link_of(text: str, statement: dict, candidates: list[Said], names: dict[str, str],
             family: dict[str, str]) -> dict | None:
    span = statement.get("span")
    if not span:
        return None
    lo, hi = _sentence(text, span[0], span[1])
    for kind, cue, actor, obj in _cues(text, lo, hi, span, names):
        if actor is None:
            actor = _implied_actor(statement["text"], names, family, statement["actor"])
        if actor is None:
            continue
        target = _target(statement, actor, obj, candidates, family)
        if target is not None:
            note = " ".join(text[cue[0]:cue[1]].split())
            if not note[0].isupper():
                note = f"{statement['actor']} {note}"
            return {"from": statement["id"], "to": target.ref, "kind": kind,
                    "note": note, "cue": list(cue)}
    return None


def _cues(text: str, lo: int, hi: int, span: Sequence[int], names: dict[str, str]
          ) -> Iterable[tuple[str, tuple[int, int], str | None, str]]:
    """Markers in text[lo:hi] outside the statement's own words: kind, cue, actor, object."""
    sentence = text[lo:hi]
    for kind, pattern in _MARKERS:
        for match in pattern.finditer(sentence):
            start = lo + match.start()
            if span[0] <= start < span[1]:
                continue
            obj = _object(match.group("obj"))
            head = _said_noun(obj)
            if head is None:
                continue
            actor = _named_actor(obj, names)
            if actor is None and head not in _BARE_NOUNS:
                continue
            yield kind, (start, lo + match.start("obj") + len(obj)), actor, obj
    for match in _AFTER.finditer(sentence):
        start = lo + match.start()
        actor = names.get(_key(match.group("actor")))
        if actor is not None and not span[0] <= start < span[1]:
            obj = match.group("verb") + match.group("obj")
            yield RESPONDS_TO, (start, lo + match.end()), actor, obj


def _object(raw: str) -> str:
    """The object phrase: cut at "by saying", "with", a comma or a quotation."""
    cut = re.split(r",|\s+by saying\b|\s+saying\b|\s+with\b|[\"“”]", raw, maxsplit=1)[0]
    return cut.strip()


def _said_noun(obj: str) -> str | None:
    """The first word of the object's head phrase that names something said, if any."""
    words = _WORD.findall(obj.casefold())
    head = words[: next((i for i, w in enumerate(words) if w in ("that", "to", "of")), 6)]
    head = head[:6]
    return next((w for w in head if w in SAID_NOUNS), None)


def _named_actor(obj: str, names: dict[str, str]) -> str | None:
    """The actor an object names: "Russia's announcement", "remarks by Fomin"."""
    for match in re.finditer(r"([A-Z][\w.\-]*(?: [A-Z][\w.\-]*){0,3})['’]s?\b", obj):
        actor = names.get(_key(match.group(1)))
        if actor:
            return actor
    match = re.search(r"\b(?:by|from|of) (?:the )?([A-Z][\w.\-]*(?: [A-Z][\w.\-]*){0,3})", obj)
    if match and names.get(_key(match.group(1))):
        return names[_key(match.group(1))]
    # "the authority's announcement": an organisation named again by its last word.
    match = re.search(r"\b(?:the|its|their) ([a-z]+)['’]s?\b", obj)
    return names.get(_HEAD + match.group(1)) if match else None


def _implied_actor(answer: str, names: dict[str, str], family: dict[str, str],
                   speaker: str) -> str | None:
    """The one actor, not of the speaker's side, that the answer's words name."""
    own = family.get(speaker, speaker)
    found = set()
    for match in re.finditer(r"[A-Z][\w.\-]*(?: [A-Z][\w.\-]*){0,3}", answer):
        words = match.group(0).split()
        for n in range(len(words), 0, -1):
            actor = names.get(_key(" ".join(words[:n])))
            if actor and family.get(actor, actor) != own:
                found.add(actor)
                break
    return found.pop() if len(found) == 1 else None


def _target(statement: dict, actor: str, obj: str, candidates: list[Said],
            family: dict[str, str]) -> Said | None:
    side = family.get(actor, actor)
    own = family.get(statement["actor"], statement["actor"])
    start = (statement.get("span") or [-1])[0]
    fits = [
        c for c in candidates
        if c.ref != statement["id"] and c.actor != statement["actor"]
        and (c.actor == actor or (actor == side and family.get(c.actor) == side))
        and family.get(c.actor, c.actor) != own
        and str(c.said)[:10] <= str(statement["said"])[:10]
        and (c.start < 0 or c.start < start)
    ]
    if not fits:
        return None
    words = _content(obj)
    return max(fits, key=lambda c: (len(words & _content(c.text)), c.start >= 0, c.start))


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (within its paragraph) around text[start:end]."""
    lo = max(text.rfind("\n", 0, start), _last_stop(text, start)) + 1
    stop = re.compile(r"[.!?][\"”’)]?(?=\s)|\n").search(text, end)
    return lo, stop.end() if stop else len(text)


def _last_stop(text: str, before: int) -> int:
    found = -1
    for match in re.finditer(r"[.!?][\"”’)]?\s", text[max(0, before - 400):before]):
        found = max(0, before - 400) + match.start() + 1
    return found


def _names(document: dict) -> dict[str, str]:
    """Every name and alias (and a person's family name) → the actor's name."""
    names: dict[str, str] = {}
    heads: dict[str, set[str]] = {}
    for actor in document.get("actors", []):
        for name in [actor["name"], *actor.get("aliases", [])]:
            names.setdefault(_key(name), actor["name"])
        words = actor["name"].split()
        if len(words) > 1 and actor.get("kind") != "person" and not actor.get("parent"):
            heads.setdefault(_key(words[-1]), set()).add(actor["name"])
    names.update({_HEAD + h: next(iter(a)) for h, a in heads.items() if len(a) == 1})
    return names


def _family(document: dict) -> dict[str, str]:
    """Each actor → the side it speaks for (a side → itself)."""
    parents = {a["name"]: a.get("parent") for a in document.get("actors", [])}
    family = {}
    for name in parents:
        side, seen = name, set()
        while parents.get(side) and side not in seen:
            seen.add(side)
            side = parents[side]
        family[name] = side
    return family


def _key(name: str) -> str:
    return " ".join(re.sub(r"^(?:the|The)\s+", "", name).replace("’", "'").split()).casefold()


def _content(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.casefold()) if w not in _STOP and len(w) > 2}
