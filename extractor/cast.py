"""The actors of an article: who is who, under which side, and who "he" and "the union" are.

Actors already in the target store (``known_actors``) are matched by name, alias, or a
tolerant spelling (Zelenskiy / Zelensky / Zelenskyy), so a new article reuses them.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from db.resolve import spelling_key
from extractor.bodies import ministers_ministry, owned_body
from extractor.issuers import issuer
from extractor.lexicon import (
    ANAPHOR_HEADS,
    COMPANY_HEADS,
    GROUP_HEADS,
    ORG_PARENTS,
    SIDE_KINDS,
    SIDE_NAMES,
    TITLE_WORDS,
    side_aliases,
)
from extractor.names import bare_words, surname, uncapitalised
from extractor.speakers import Mention
from extractor.titles import fits

_MIDDLE_INITIAL = re.compile(r"(?<=\w) (?:[A-Z]\.? )+(?=[A-Z])")


@dataclass
class Actor:
    name: str
    kind: str
    parent: str | None = None
    aliases: list[str] = field(default_factory=list)
    title: str | None = None
    gender: str | None = None
    category: str | None = None

    def add_alias(self, alias: str) -> None:
        if alias and alias != self.name and alias not in self.aliases:
            self.aliases.append(alias)


_SPEAKER_REACH = 600  # characters: how far back "he said" looks for the last speaker
_VOICE_REACH = 300  # characters between "the delegate for X" and its attribution
_TITLE_REACH = 3000  # characters: how far back "the minister said" looks for a non-subject


def one_edit(a: str, b: str) -> bool:
    """Whether ``b`` is ``a`` with one letter added, dropped or changed."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) == len(b)):] == b[i + 1:]


_STATE_BODY = re.compile(r"\b(?:Ministry|Department)\b")  # a state's body: it speaks for it
_MISSPELT_SURNAME = 6  # letters: a family name this long one letter off is the same person


class Cast:
    """Every actor met so far, and the order they were mentioned in."""

    def __init__(self, known_actors: list[dict] | None = None) -> None:
        self.actors: dict[str, Actor] = {}
        self._by_key: dict[str, str] = {}
        self.log: list[tuple[int, int, Actor]] = []
        self.speakers: list[tuple[int, int, Actor]] = []
        self.leads: set[int] = set()
        self.roles: list[tuple[int, str, str]] = []  # "Ireland's foreign minister" said
        self.orgs_seen: list[tuple[int, str, str | None]] = []
        self.bare: list[tuple[int, str]] = []  # "Norvik had improved …": a bare name as subject
        self.documents: set[int] = set()  # "Varga's statement cited …": "it" is Varga here
        self.unnamed: set[str] = set()  # speakers kept by their role: "energy minister"
        self.anonymous: set[str] = set()  # of those, the ones met as "a senior official"
        self.named: list[tuple[int, Actor]] = []  # every person named, in order
        self.text = ""  # the article (set by extractor.mentions.scan)
        self.voiced: list[tuple[int, Actor]] = []  # sides a person spoke for, unnamed
        self.relatives: dict[tuple[str, str], Actor] = {}  # ("Tulsi Ramesh", "son"): Nitin
        self._known: list[dict] = []
        self._known_key: dict[str, dict] = {}
        self._known_surname: dict[str, list[dict]] = {}
        for record in known_actors or []:
            self._add_known(record)

    def _add_known(self, record: object) -> None:
        if not isinstance(record, dict) or not isinstance(record.get("name"), str):
            return
        self._known.append(record)
        names = [record["name"]] + [a for a in record.get("aliases") or [] if isinstance(a, str)]
        for name in names:
            self._known_key.setdefault(name.casefold(), record)
            self._known_key.setdefault(spelling_key(name), record)
        if (record.get("kind") or "person") == "person":
            for name in names:
                key = spelling_key(surname(name))
                if key:
                    self._known_surname.setdefault(key, []).append(record)

    # --- lookup -------------------------------------------------------------------------

    def find(self, name: str) -> Actor | None:
        """An actor already met, by name, alias or tolerant spelling."""
        for key in (name.casefold(), spelling_key(name)):
            if key in self._by_key:
                return self.actors[self._by_key[key]]
        return None

    def _known_match(self, name: str, person: bool) -> dict | None:
        for key in (name.casefold(), spelling_key(name)):
            if key and key in self._known_key:
                return self._known_key[key]
        if person:
            candidates = self._known_surname.get(spelling_key(surname(name)), [])
            unique = {c["name"]: c for c in candidates}
            if len(unique) == 1:
                record = next(iter(unique.values()))
                first, known_first = name.split()[0], record["name"].split()[0]
                if len(name.split()) == 1 or first[0].lower() == known_first[0].lower():
                    return record
        return None

    def _register(self, actor: Actor, *names: str) -> Actor:
        self.actors.setdefault(actor.name, actor)
        for name in (actor.name, *names, *actor.aliases):
            for key in (name.casefold(), spelling_key(name)):
                if key:
                    self._by_key.setdefault(key, actor.name)
        return self.actors[actor.name]

    def _create(self, name: str, kind: str, parent: str | None, person: bool) -> Actor:
        found = self.find(name)
        if found:
            return found
        record = self._known_match(name, person)
        if record:
            existing = self.actors.get(record["name"])
            if existing:
                existing.add_alias(name)
                self._register(existing, name)
                return existing
            actor = Actor(record["name"], record.get("kind") or kind,
                          record.get("parent") or parent,
                          [a for a in record.get("aliases") or [] if isinstance(a, str)])
            actor.add_alias(name)
            return self._register(actor, name)
        return self._register(Actor(name, kind, parent))

    # --- creation -----------------------------------------------------------------------

    def side(self, name: str) -> Actor:
        """The state or organisation a side name stands for (``Russia``, ``NATO``, ``Nordvik``)."""
        canonical = SIDE_NAMES.get(name, name)
        if canonical in SIDE_KINDS:
            for other in side_aliases(canonical):  # the store may call it "Britain" or "UK"
                record = None if self.find(canonical) else self._known_match(other, False)
                if record is not None and (record.get("kind") or "state") != "person":
                    canonical = record["name"]
                    break
            actor = self._create(canonical, SIDE_KINDS.get(canonical, "state"),
                                 ORG_PARENTS.get(canonical), False)
            if canonical in ORG_PARENTS:
                self.side(ORG_PARENTS[canonical])
            return actor
        longer = self._seen_org_starting(name)
        return self.org(longer or name)

    def org(self, name: str, parent: str | None = None, category: str | None = None) -> Actor:
        name = uncapitalised(name) if " " in name else name
        canonical = SIDE_NAMES.get(name, name)
        if canonical in SIDE_KINDS:
            return self.side(canonical)
        expanded = self._acronym(canonical)
        if expanded is not None:  # "WADA" after "World Anti-Doping Agency"
            actor = self.org(expanded, parent, category)
            actor.add_alias(canonical)
            return self._register(actor, canonical)
        words = set(canonical.split())
        kind = "group" if words & GROUP_HEADS else "organization"
        actor = self._create(canonical, kind, None, False)
        if parent and not actor.parent and parent != actor.name:
            actor.parent = self.side(parent).name
        if category and not actor.category:
            actor.category = category
        elif not actor.category and words & COMPANY_HEADS:
            actor.category = "company"
        return actor

    def person(self, name: str, title: str | None = None, parent: str | None = None,
               gender: str | None = None) -> Actor:
        name = re.sub(r"['’]s$", "", uncapitalised(name))  # "Elena Kagan's dissent"
        longer = self._initialled(name) or self._longer_person(name) or \
            self._misspelt(name, title)
        actor = longer if longer is not None else self._create(name, "person", parent, True)
        if actor.kind == "person":
            if parent and not actor.parent and parent != actor.name:
                actor.parent = parent
            actor.title = actor.title or title
            actor.gender = actor.gender or gender
            if len(name.split()) > 1:
                family = surname(actor.name if actor.name.split()[-1] else name)
                actor.add_alias(family)
                self._register(actor, family, surname(name))
        return actor

    def role(self, phrase: str, parent: str | None = None,
             kind: str | None = None) -> Actor | None:
        """An unnamed speaker kept by its role ("senior diplomats", "army spokesman", "the
        electoral commission" when none is named) under its side when the phrase gives one;
        a plural role is a group."""
        if not phrase:
            return None
        found = self.find(phrase)
        if found is not None:
            return found
        kind = kind or ("group" if phrase.endswith("s") else "person")
        self.unnamed.add(phrase)
        return self._register(Actor(phrase, kind, parent))

    def _issuer(self, pos: int) -> Actor | None:
        """"The statement said": who the text said issued a statement, else the last
        speaker before (any kind), else the last body mentioned."""
        issued = issuer(self, self.text, pos)
        if issued is not None:
            return issued
        last = next((actor for at, _n, actor in reversed(self.speakers) if at < pos), None)
        if last is not None:
            return last
        return next((actor for at, _n, actor in reversed(self.log)
                     if at < pos and actor.kind != "person"), None)

    def _misspelt(self, name: str, title: str | None) -> Actor | None:
        """``Deputy Minister Yuki Tanka`` after ``Deputy Minister Yuki Tanaka``: one letter off
        a person of the same title (or the same first name) is that person."""
        if self.find(name) is not None or len(name) < 8:
            return None
        fits = [a for a in self.actors.values() if a.kind == "person" and a.name != name
                and one_edit(a.name, name) and (title is None or a.title in (None, title))
                and (a.title is not None or a.name.split()[0] == name.split()[0])]
        return fits[0] if len(fits) == 1 else None

    def _initialled(self, name: str) -> Actor | None:
        """``Francis J. Ricciardone`` and ``Francis Ricciardone``: one person, called by the
        fuller form (the one with the middle initial)."""
        plain = _MIDDLE_INITIAL.sub(" ", name)
        for other in self.actors.values():
            if other.kind != "person" or other.name == name or \
                    _MIDDLE_INITIAL.sub(" ", other.name) != plain:
                continue
            if plain != name:
                self.rename(other, name)
            return other
        return None

    def _longer_person(self, name: str) -> Actor | None:
        """``Ait Ali`` (after "Mr") is the ``Hassan Ait Ali`` met before, if only one fits."""
        words = name.split()
        if self.find(name) is not None or len(words) < 2:
            return None
        tail = [w.casefold() for w in words]  # "Al Atta" is "Yasser al Atta"
        fits = [a for a in self.actors.values() if a.kind == "person"
                and len(a.name.split()) > len(words)
                and [w.casefold() for w in a.name.split()[-len(words):]] == tail]
        return fits[0] if len(fits) == 1 else None

    def rename(self, actor: Actor, name: str) -> None:
        """Call ``actor`` by ``name`` from now on (the old name stays an alias)."""
        old = actor.name
        clash = self.actors.get(name)
        if (clash is not None and clash.kind == "person") or self.actors.get(old) is not actor:
            return
        if clash is not None:  # "President Biden" misread as a body in a headline
            del self.actors[name]
        del self.actors[old]
        actor.name = name
        actor.add_alias(old)
        self.actors[name] = actor
        self._by_key = {key: name if value in (old, name) else value
                        for key, value in self._by_key.items()}
        self._register(actor, name)
        for other in self.actors.values():
            other.parent = name if other.parent == old else other.parent

    def see_org(self, pos: int, name: str, category: str | None = None,
                alias: str | None = None) -> None:
        """Note an organisation named in the text (for "the union", "the company")."""
        self.orgs_seen.append((pos, name, category))
        if alias:
            actor = self.org(name, category=category)
            actor.add_alias(alias)
            self._register(actor, alias)

    def _acronym(self, name: str) -> str | None:
        """The organisation seen earlier whose initials spell ``name`` (all capitals, or
        with a connector's letter in lower case: "BoE" for the Bank of England)."""
        mixed = re.fullmatch(r"[A-Z]+[a-z][A-Z]+", name) is not None
        if not (2 <= len(name) <= 7 and name.isalpha() and (name.isupper() or mixed)) or \
                self.find(name):
            return None
        for _pos, seen, _cat in reversed(self.orgs_seen):
            parts = [p for p in re.split(r"[\s-]+", seen) if p and p[0].isupper()]
            if mixed:
                parts = [p for p in re.split(r"[\s-]+", seen) if p and p != "the"]
            if len(parts) > 1 and "".join(p[0] for p in parts) == name:
                return seen
        return None

    def _seen_org_starting(self, word: str) -> str | None:
        for _pos, name, _cat in reversed(self.orgs_seen):
            if name != word and name.split()[0] == word:
                return name
        return None

    # --- resolution ---------------------------------------------------------------------

    def note(self, actor: Actor, pos: int, lead: bool = False) -> None:
        """Record that ``actor`` was mentioned (as a subject) at ``pos``; ``lead`` when the
        mention opens its sentence."""
        bisect.insort(self.log, (pos, len(self.log), actor), key=lambda e: (e[0], e[1]))
        if lead:
            self.leads.add(pos)

    def resolve(self, mention: Mention, pos: int) -> Actor | None:
        """The actor a mention stands for, creating it if it is new; None when unknown."""
        kind = mention.kind
        if kind == "pronoun":
            return self._pronoun(mention.name or "", pos)
        if kind == "descriptor":
            return self._described(mention, pos)
        if kind == "anaphor" and mention.anaphor == "statement":
            return self._issuer(pos)
        if kind == "anaphor":
            found = self._anaphor(mention.anaphor or "", pos)
            if found is not None or not mention.name or (
                    len(mention.name.split()) < 2 and mention.owner is None):
                return found  # "the company said" with no company met: not a role
            last = mention.name.split()[-1].lower()  # "army spokesman", "electoral commission"
            return self.role(mention.name, self._parent(mention, pos),
                             None if last in TITLE_WORDS else "organization")
        parent = self._parent(mention, pos)
        if kind == "person":
            return self.person(mention.name or "", mention.title, parent, mention.gender)
        if kind == "title":
            if parent:
                self.roles.append((pos, mention.title or "", parent))
                return self.actors[parent]
            return self._titled(mention.title or "", pos) or self.role(mention.title or "")
        if kind == "role" and mention.name:
            actor = self.role(mention.name, parent)
            if actor is not None and actor.name in self.unnamed:
                self.anonymous.add(actor.name)  # "a senior official": "the official" later
            return actor
        if kind == "name":
            return self._single(mention, parent, pos)
        if kind in ("state", "organization", "group") and mention.name:
            actor = self.side(mention.name) if mention.name in SIDE_KINDS else \
                self.org(mention.name, parent)
            if mention.category == "voice":  # "the delegate for the Faroe Islands"
                self.voiced.append((pos, actor))
            return actor
        return None

    def _parent(self, mention: Mention, pos: int) -> str | None:
        owner = mention.owner
        if mention.side and owner is not None and owner.kind == "state" and owner.name and \
                _STATE_BODY.search(mention.side):
            # "spokesperson for China's Ministry of National Defense": China's voice
            self.org(mention.side, owner.name)
            return self.side(owner.name).name
        if mention.side:
            return self.side(mention.side).name
        if mention.owner is not None:
            owner = self.resolve(mention.owner, pos)
            if owner is not None:
                return owner.parent if owner.kind == "person" and owner.parent else owner.name
        return None

    def _single(self, mention: Mention, parent: str | None, pos: int) -> Actor | None:
        name = mention.name or ""
        found = self.find(name)
        if found:
            return found
        if name in SIDE_NAMES:
            return self.side(name)
        longer = self._seen_org_starting(name) or self._acronym(name)
        if longer:
            return self.org(longer)
        bare = bare_words(name)[0]
        given = [a for a in self.actors.values() if a.kind == "person" and bare in a.name and (
            (len(a.name.split()) in (2, 3) and a.name.split()[0] == name)
            or bare in bare_words(a.name)[1:])]
        if len({a.name for a in given}) == 1:
            return given[0]  # "Wang Lifen" … "Wang said"; "… Lula da Silva" … "Lula"
        if len(name) >= _MISSPELT_SURNAME and " " not in name:  # "Rudy Guilani" … "Mr Guiliani"
            near = {a.name: a for a in self.actors.values() if a.kind == "person"
                    and " " in a.name and one_edit(a.name.split()[-1], name)}
            if len(near) == 1:
                return next(iter(near.values()))
        if mention.title or parent or mention.gender or self._known_match(name, True):
            return self.person(name, mention.title, parent, mention.gender)
        return self._create(name, "other", None, False)

    def spoke(self, actor: Actor, pos: int) -> None:
        """Record that ``actor`` is the subject of an attribution at ``pos``."""
        bisect.insort(self.speakers, (pos, len(self.speakers), actor), key=lambda e: (e[0], e[1]))

    def unspoke(self, actor: Actor, pos: int) -> None:
        """Forget that ``actor`` spoke at ``pos``: they were only named in what another said."""
        self.speakers = [e for e in self.speakers if not (e[0] == pos and e[2] is actor)]

    def _pronoun(self, word: str, pos: int) -> Actor | None:
        """"He" and "she" are the subject of the last attribution nearby, if it fits; else,
        like "it" and "they", the last subject mentioned that fits."""
        if word in ("he", "she"):
            return self._person_before(pos, "m" if word == "he" else "f")
        for at, _n, actor in reversed(self.log):
            if word == "it" and actor.kind == "group" and actor.name in self.unnamed:
                continue  # "it said" is no "justices" or "officials"
            if at < pos and (actor.kind != "person" or at in self.documents):
                return actor
        return None

    def _person_before(self, pos: int, gender: str | None) -> Actor | None:
        """The person "he", "she" or "the 45-year-old" stands for: the subject of the last
        attribution nearby, else the last person mentioned as a subject, who fits."""
        speaker = self._last_speaker(gender, pos)
        if speaker is not None:
            return speaker
        for at, _n, actor in reversed(self.log):
            if at >= pos or (actor.kind != "person" and at not in self.documents):
                continue
            if gender and actor.gender and actor.gender != gender:
                continue
            return actor
        return None

    def _described(self, mention: Mention, pos: int) -> Actor | None:
        """"The 45-year-old said", "the veteran said": the one person so described, else
        the person "he" or "she" would be."""
        word = mention.title or ""
        if mention.owner is not None and mention.owner.kind == "title":
            return self._relative(mention.owner.title or "", word, pos)
        for at, _n, actor in sorted([*self.log, *self.speakers], key=lambda e: -e[0]):
            words = actor.title or (actor.name if actor.name in self.anonymous else "")
            if at < pos and actor.kind == "person" and word in words.lower().split():
                return actor  # "a woman …" … "the woman said"
        return self._person_before(pos, mention.gender)

    def relative(self, owner: Actor, relation: str, name: str, gender: str | None) -> Actor:
        """Register "Ramesh's son Nitin": the person, and whose relative they are."""
        actor = self.person(name, None, None, gender)
        self.relatives[(owner.name, relation)] = actor
        return actor

    def _relative(self, owner_title: str, relation: str, pos: int) -> Actor | None:
        """"The minister's son said": the son the text named for the minister, else someone
        unnamed kept by the phrase, never the minister."""
        owner = self._titled(owner_title, pos)
        if owner is not None and (owner.name, relation) in self.relatives:
            return self.relatives[(owner.name, relation)]
        return self.role(f"{owner_title}'s {relation}")

    def _last_speaker(self, gender: str | None, pos: int) -> Actor | None:
        """The last attribution's subject, or the person who opened a sentence since."""
        last = next(((at, actor) for at, _n, actor in reversed(self.speakers) if at < pos), None)
        if last is None or pos - last[0] > _SPEAKER_REACH:
            return None
        at, actor = last
        voiced = any(a is actor and abs(p - at) <= _VOICE_REACH for p, a in self.voiced)
        if (actor.kind not in ("person", "other") and not voiced) or (
                actor.gender and gender and actor.gender != gender):
            return None  # "other": a single name ("Mayawati")
        leads = [(p, other) for p, _n, other in self.log
                 if at < p < pos and p in self.leads and other.kind == "person"]
        if leads:  # a person opened a sentence since: that person (the first of "A and B")
            latest = [o for p, o in leads if p == leads[-1][0]]
            fits = [o for o in latest if not o.gender or not gender or o.gender == gender]
            return fits[0] if fits else None
        return actor

    def _anaphor(self, head: str, pos: int) -> Actor | None:
        wanted = ANAPHOR_HEADS.get(head, (head.capitalize(),))
        candidates = [(p, n, c) for p, n, c in self.orgs_seen if p < pos]
        candidates += [(p, a.name, a.category) for p, _n, a in self.log
                       if p < pos and a.kind != "person"]
        if "company" in wanted:  # "the company said" after "Norvik had improved its offer"
            candidates += [(p, name, "bare") for p, name in self.bare
                           if p < pos and (self.find(name) is None
                                           or self.find(name).kind != "person")]
        candidates.sort(key=lambda item: item[0])
        wanted_lower = {w.lower() for w in wanted}
        for _p, name, category in reversed(candidates):
            words = {w.lower() for w in name.split()}
            if category == "bare":
                actor = self.org(self._seen_org_starting(name) or name, category="company")
                actor.kind = "organization" if actor.kind == "other" else actor.kind
                return actor
            if "*" in wanted or category in wanted or words & wanted_lower or name in wanted:
                return self.org(name)
        return owned_body(self, head, pos) or (ministers_ministry(self, pos)
                                               if head == "ministry" else None)

    def _titled(self, title: str, pos: int) -> Actor | None:
        """"The minister said": the person last named with that title, or with a title of
        that kind ("Foreign Secretary Amelia Hartwell"), a subject first."""
        last = title.split()[-1].lower() if title.split() else ""
        exact = {"judge": {"judge", "justice"}, "justice": {"judge", "justice"}}.get(last, {last})
        seen = sorted([(at, actor) for at, _n, actor in (*self.log, *self.speakers)
                       if at < pos and actor.kind == "person"] +
                      [(at, actor) for at, actor in self.named if 0 < pos - at <= _TITLE_REACH],
                      key=lambda item: -item[0])
        people = list({id(actor): actor for _at, actor in seen}.values())
        for actor in people:  # the last one so titled, or an unnamed "senior official"
            words = actor.title or (actor.name if actor.name in self.anonymous else "")
            if exact & {w.lower() for w in words.split()}:
                return actor
        for actor in people:
            if actor.title and fits(last, actor.title):
                return actor
        # "Ms. Okonjo-Iweala told reporters … "…," the minister said": no one holds the
        # title, so the person speaking just before (untitled, no one named since) does
        last = next(((at, actor) for at, _n, actor in reversed(self.speakers) if at < pos), None)
        if last is None or pos - last[0] > _SPEAKER_REACH or last[1].kind != "person" or \
                last[1].title is not None:
            return None
        if TITLE_WORDS & set(last[1].name.lower().split()):
            return None  # an unnamed "judge" is no "lawyer"
        if any(last[0] < at < pos and actor is not last[1] and actor.kind == "person"
               for at, _n, actor in self.log):
            return None
        return last[1]

    def state_aliases(self, actor: Actor, text: str) -> list[str]:
        """The known other names of a state or organisation that the article uses."""
        return [a for a in side_aliases(actor.name)
                if a in text and re.search(rf"(?<!\w){re.escape(a)}(?!\w)", text)]
