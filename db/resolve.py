"""Which stored actor a name stands for: the one home of the alias and name-matching rule.

A name matches an actor by its name or an alias (case aside), by a transliteration
variant of either (Aleksandr/Alexander, Zelenskiy/Zelenskyy, Mykhaylo/Mykhailo, Cyrillic
letters), or — for a person — by the last name alone when the first names agree (or one
is missing) and the side and title do not contradict it. Titles and nationalities place
a person under their side ("Russian Deputy Defense Minister", "Ukraine's negotiator").
The store's own actors always win; the directory of people Parley ships (the default
store's actors) only fills in the side and full name of someone the store does not know.
"""

from __future__ import annotations

import functools
import json
import re
import sqlite3
import unicodedata
from dataclasses import dataclass, field
from importlib import resources

from db.actors import parse_aliases

_CYRILLIC = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяієїґ",
        str.split("a b v g d e e zh z i i k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya "
                  "i ye yi g"),
        strict=True,
    )
)

#: Nationality words and possessives → the state a person so described speaks for.
DEMONYMS: dict[str, str] = {
    "russian": "Russia", "russia's": "Russia", "kremlin": "Russia",
    "ukrainian": "Ukraine", "ukraine's": "Ukraine",
    "american": "United States", "u.s.": "United States", "us": "United States",
    "british": "United Kingdom", "uk": "United Kingdom", "britain's": "United Kingdom",
    "french": "France", "france's": "France", "german": "Germany", "germany's": "Germany",
    "turkish": "Turkey", "turkey's": "Turkey", "italian": "Italy", "italy's": "Italy",
    "chinese": "China", "china's": "China", "polish": "Poland", "poland's": "Poland",
    "belarusian": "Belarus", "belarus'": "Belarus", "israeli": "Israel",
    "israel's": "Israel", "iranian": "Iran", "iran's": "Iran", "indian": "India",
    "india's": "India", "japanese": "Japan", "japan's": "Japan", "canadian": "Canada",
    "canada's": "Canada", "spanish": "Spain", "spain's": "Spain",
}


@functools.lru_cache(maxsize=8192)
def spelling_key(name: str) -> str:
    """A key equal for transliteration variants of a name: Zelenskiy, Zelensky, Zelenskyy
    → ``zelenski``; Aleksandr, Alexander → ``alexandr``; Mykhaylo, Mykhailo, Михайло."""
    text = "".join(_CYRILLIC.get(c, c) for c in name.lower()).replace("_", "")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[^a-z ]+", "", text)
    for old, new in (("kh", "h"), ("ks", "x"), ("ph", "f"), ("w", "v"), ("ck", "k"),
                     ("j", "y"), ("y", "i")):
        text = text.replace(old, new)
    text = re.sub(r"(.)\1+", r"\1", text)
    text = re.sub(r"([bcdfghklmnpqstvxz])er\b", r"\1r", text)
    return " ".join(text.split())


_TITLED = re.compile(
    r"^(?P<title>(?:[A-Z][\w.'’-]*\s+){0,5}?(?:Minister|President|Premier|Secretary|"
    r"Spokes(?:man|woman|person)|Chancellor|Mayor|Governor|Ambassador|Advis[eo]r|General|"
    r"Chief|Director|Head|Negotiator|Envoy|Senator|Commander|King|Queen|Prince))\s+"
    r"(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2})$"
)


def split_title(name: str) -> tuple[str | None, str]:
    """A name printed with its title ("Energy Minister Mykhailo Kovalenko") as
    (title, person); (None, name) when it has none."""
    found = _TITLED.match(" ".join(name.split()))
    if found is None:
        return None, name
    return found.group("title"), found.group("name")


def side_from_title(title: str | None) -> str | None:
    """The state a title's nationality names ("Russian Deputy Defense Minister" → Russia)."""
    for word in (title or "").replace("’", "'").split():
        side = DEMONYMS.get(word.strip(",;:()").casefold())
        if side:
            return side
    return None


@dataclass
class Known:
    """An actor the resolver can match: from the store, or from the shipped directory."""

    id: int | None
    name: str
    kind: str
    parent: str | None = None
    aliases: list[str] = field(default_factory=list)
    title: str | None = None

    def names(self) -> list[str]:
        return [self.name, *self.aliases]


class Resolver:
    """Matches names against a list of actors (see the module's rule)."""

    def __init__(self, actors: list[Known]) -> None:
        self.actors: list[Known] = []
        self._exact: dict[str, Known] = {}
        self._spelling: dict[str, list[Known]] = {}
        self._surname: dict[str, list[Known]] = {}
        for actor in actors:
            self.add(actor)

    def add(self, actor: Known) -> None:
        """Make ``actor`` matchable (an actor the import just created, too)."""
        self.actors.append(actor)
        for name in actor.names():
            self._exact.setdefault(" ".join(name.split()).casefold(), actor)
            _put(self._spelling, spelling_key(name), actor)
            if actor.kind == "person":
                _put(self._surname, _last(name), actor)

    def match(self, name: str, kind: str | None = None, parent: str | None = None,
              title: str | None = None, surname: bool = True) -> Known | None:
        """The actor ``name`` stands for, or None when none or several could (``surname``
        False: by name, alias or spelling only)."""
        side = parent or side_from_title(title)
        found = self._exact.get(" ".join(name.split()).casefold())
        if found is not None and _side_agrees(side, found, self):
            return found
        titled, person = split_title(name)
        if titled:
            return self.match(person, "person", parent, title or titled, surname)
        unique = _unique([a for a in self._spelling.get(spelling_key(name), [])
                          if _side_agrees(side, a, self)])
        if unique is not None:
            return unique
        if not surname or kind not in (None, "person", "other") or len(name.split()) > 4:
            return None
        candidates = [
            actor for actor in _distinct(self._surname.get(_last(name), []))
            if _first_names_agree(name, actor) and _side_agrees(side, actor, self)
        ]
        return candidates[0] if len(candidates) == 1 else None

    def side_of(self, actor: Known) -> str | None:
        """The name of the side at the top of ``actor``'s parents."""
        seen: set[str] = set()
        while actor.parent and actor.parent not in seen:
            seen.add(actor.parent)
            parent = self._exact.get(actor.parent.casefold())
            if parent is None:
                return actor.parent
            actor = parent
        return actor.name


class ActorMatcher:
    """An import's view of actors: the store's (matched by the rule), and those the import
    adds (matched by name and alias only, so a document never merges its own actors)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        rows = list(db.execute("SELECT id, name, kind, parent_id, aliases, title FROM actors"))
        names = {r[0]: str(r[1]) for r in rows}
        self.stored = Resolver([
            Known(r[0], str(r[1]), str(r[2] or "other"), names.get(r[3]), list(parse_aliases(r[4])),
                  r[5])
            for r in rows if r[1] is not None
        ])
        self.new: dict[str, int] = {}
        self.new_ids: set[int] = set()
        self.sides: dict[int, str] = {}

    def match(self, name: str, kind: str | None = None, parent: str | None = None,
              title: str | None = None) -> int | None:
        """The row id ``name`` stands for, or None."""
        found = self.new.get(" ".join(name.split()).casefold())
        if found is not None:
            return found
        known = self.stored.match(name, kind, parent, title)
        return known.id if known is not None else None

    def new_row(self, name: str, kind: str, aliases: list[str], title: str | None,
                parent: str | None) -> tuple[dict, str | None]:
        """The row of an actor the store lacks, completed from the directory (full name,
        kind, title), and the side its title or the directory places it under."""
        titled, person = split_title(name)
        if titled:
            name, kind, title = person, "person", title or titled
        side = None if parent else side_from_title(title)
        person = kind in ("person", "other")
        known = directory().match(name, kind, surname=False) if person and not parent else None
        row_name, row_kind, row_title = name, kind, title
        if known is not None:
            row_name, row_title = known.name, title or known.title
            row_kind = known.kind if kind == "other" else kind
            aliases = [*known.aliases, *aliases]
            if name != known.name:
                aliases.insert(0, name)
            top = directory().side_of(known)
            side = side or (top if top != known.name else None)
        aliases = list(dict.fromkeys(a for a in aliases if a != row_name))
        row = {"name": row_name, "kind": row_kind,
               "aliases": json.dumps(aliases, ensure_ascii=False)}
        if row_title:
            row["title"] = row_title
        return row, side

    def added(self, rid: int, row: dict) -> None:
        """Register an actor the import just wrote."""
        self.new_ids.add(rid)
        for name in (row["name"], *parse_aliases(row.get("aliases"))):
            self.new.setdefault(" ".join(name.split()).casefold(), rid)

    def is_new(self, rid: int) -> bool:
        """True for an actor this import wrote."""
        return rid in self.new_ids


@functools.lru_cache(maxsize=1)
def directory() -> Resolver:
    """The people Parley knows without any store: the shipped default store's actors."""
    try:
        raw = resources.files("resources").joinpath("default_store.json").read_bytes()
        records = json.loads(raw).get("actors", [])
    except (OSError, ValueError, AttributeError):
        records = []
    return Resolver([
        Known(None, r["name"], r.get("kind") or "person", r.get("parent"),
              list(r.get("aliases") or []), r.get("title"))
        for r in records if isinstance(r, dict) and isinstance(r.get("name"), str)
    ])


def _put(table: dict[str, list[Known]], key: str, actor: Known) -> None:
    if key and actor not in table.setdefault(key, []):
        table[key].append(actor)


def _distinct(actors: list[Known]) -> list[Known]:
    return list({id(a): a for a in actors}.values())


def _unique(actors: list[Known]) -> Known | None:
    distinct = _distinct(actors)
    return distinct[0] if len(distinct) == 1 else None


def _last(name: str) -> str:
    parts = [p for p in name.replace(".", " ").split() if p.casefold() not in ("mr", "mrs", "ms")]
    return spelling_key(parts[-1]) if parts else ""


def _first_names_agree(name: str, actor: Known) -> bool:
    parts = [p for p in name.replace(".", " ").split() if p.casefold() not in ("mr", "mrs", "ms")]
    if len(parts) < 2:
        return True
    first = spelling_key(parts[-2])  # the word before the last name: "Minister Mykhailo X"
    for known in actor.names():
        known_parts = known.split()
        if len(known_parts) >= 2 and _last(known) == _last(name):
            other = spelling_key(known_parts[-2])
            if other == first or ((len(first) == 1 or len(other) == 1) and other[0] == first[0]):
                return True
    return False


def _side_agrees(side: str | None, actor: Known, resolver: Resolver) -> bool:
    if side is None:
        return True
    mine = resolver.side_of(actor)
    return mine is None or spelling_key(mine) == spelling_key(side)
