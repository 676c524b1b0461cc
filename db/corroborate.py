"""Writing corroboration: an imported statement already stored becomes an appearance.

Called by the importer inside its transaction. A statement is the *same* as a stored one
when it is by the same voice (the same actor after resolution, an actor it speaks for or
that speaks for it, or "X's office" for X), on the same or a compatible date (the date
spans overlap, or one is approximate and within :data:`NEAR_S`), and in the same words
(:func:`db.wording.same_statement`). Then the import adds an appearance, and the longest
direct wording becomes the statement's text. Versions that disagree — the same words
from another speaker or on another date, or materially different wording — are kept
both and linked ``variant_of``. Only statements stored before the import are matched:
a document never merges its own records (a dump imports back as it was).
"""

from __future__ import annotations

import re
import sqlite3

from db import schema
from db.actors import parse_aliases
from db.dates import When
from db.wording import quoted_in, same_statement, same_title, variant, words

#: How far apart an approximate date may be from another and still be the same day's.
NEAR_S = 3 * 86_400
#: Statements dated more coarsely than this (a month, a year) are compared with the same
#: actor's only; finer ones within :data:`NEAR_S` with everyone's (the index's range).
FINE_S = 2 * 86_400
#: At most this many of an actor's statements on other dates sharing words are compared.
OTHER_DATES = 2000
#: Same words from another speaker make a variant from this many words on.
MIN_VARIANT_WORDS = 6
MAX_LINKS = 3
_OFFICE = re.compile(
    r"^(.+?)['’]s (?:office|spokes(?:man|woman|person)|press (?:service|office)|"
    r"administration|government|team)$",
    re.IGNORECASE,
)


def upgrade(db: sqlite3.Connection) -> None:
    """Give the store schema version 2 (inside the caller's transaction): the tables
    ``appearances`` and ``relations``, and an appearance of each statement in its source."""
    had = "appearances" in schema.tables(db)
    for statement in (s.strip() for s in schema.DDL_V2.split(";")):
        if statement:
            db.execute(statement)
    if not had:
        db.execute(
            "INSERT INTO appearances(statement_id, source_id, wording, span_start, span_end) "
            "SELECT id, source_id, text, span_start, span_end FROM statements "
            "WHERE source_id IN (SELECT id FROM sources) ORDER BY id"
        )
    db.execute(
        "UPDATE meta SET value = ? WHERE key = 'schema_version' AND CAST(value AS INTEGER) < ?",
        (str(schema.SCHEMA_VERSION), schema.SCHEMA_VERSION),
    )


class Corroborator:
    """Finds the stored statement an imported one repeats, and records appearances."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.first_new = _next_id(db, "statements")
        self.first_new_event = _next_id(db, "events")
        self.added = {"appearances": 0, "relations": 0}
        self._actors: dict[int, tuple[str, int | None, list[str]]] | None = None

    # -- voices ----------------------------------------------------------------------

    def _actor_rows(self) -> dict[int, tuple[str, int | None, list[str]]]:
        if self._actors is None:
            self._actors = {
                rid: (str(name), parent, list(parse_aliases(aliases)))
                for rid, name, parent, aliases in self.db.execute(
                    "SELECT id, name, parent_id, aliases FROM actors"
                )
            }
        return self._actors

    def forget_actors(self) -> None:
        """Read the actors again (the import added or moved one)."""
        self._actors = None

    def _ancestors(self, rid: int) -> list[int]:
        rows, seen = self._actor_rows(), [rid]
        while (parent := rows.get(seen[-1], ("", None, []))[1]) is not None:
            if parent in seen:
                break
            seen.append(parent)
        return seen

    def same_voice(self, a: int, b: int) -> bool:
        """True when actors ``a`` and ``b`` speak with one voice (see the module's rule)."""
        if a == b or a in self._ancestors(b) or b in self._ancestors(a):
            return True
        rows = self._actor_rows()
        for office, person in ((a, b), (b, a)):
            found = _OFFICE.match(rows.get(office, ("", None, []))[0])
            if found:
                name, _parent, aliases = rows.get(person, ("", None, []))
                principal = found.group(1).casefold()
                if principal in {n.casefold() for n in (name, *aliases)} or (
                    principal == name.split()[-1].casefold() if name else False
                ):
                    return True
        return False

    # -- matching --------------------------------------------------------------------

    def _candidates(self, text: str) -> str | None:
        """An FTS5 query for stored statements sharing two of ``text``'s four longest words
        (every same-statement rule needs far more in common); None when too short."""
        terms = sorted({w for w in words(text) if w.isalnum() and len(w) >= 4},
                       key=lambda w: (-len(w), w))[:4]
        if len(terms) < 2:
            return None
        pairs = [f'("{a}" AND "{b}")' for i, a in enumerate(terms) for b in terms[i + 1:]]
        return " OR ".join(pairs)

    def _near(self, actor_id: int, said: When, text: str) -> list[tuple]:
        """Stored statements of the same days that share words with ``text`` (found by the
        full-text index), and the actor's own dated more coarsely that overlap."""
        t0, t1 = said.span_seconds()
        columns = "id, actor_id, said, approximate, text, kind, said_ts, said_end_ts"
        match = self._candidates(text)
        band = "said_ts BETWEEN ? AND ? AND said_end_ts > ? AND id < ?"
        params = (t0 - NEAR_S - FINE_S, t1 + NEAR_S, t0 - NEAR_S, self.first_new)
        if match is None:
            fine = self.db.execute(f"SELECT {columns} FROM statements WHERE {band}",
                                   params).fetchall()
        else:
            fine = self.db.execute(
                f"SELECT {columns} FROM statements WHERE id IN (SELECT rowid FROM "
                f"statements_fts WHERE statements_fts MATCH ?) AND {band}",
                (match, *params),
            ).fetchall()
        coarse = self.db.execute(
            f"SELECT {columns} FROM statements WHERE actor_id = ? AND said_ts < ? "
            "AND said_end_ts > ? AND said_end_ts - said_ts > ? AND id < ?",
            (actor_id, t1, t0, FINE_S, self.first_new),
        ).fetchall()
        seen = {row[0] for row in fine}
        return fine + [row for row in coarse if row[0] not in seen]

    def find(self, actor_id: int, said: When, text: str) -> tuple[int | None, list[tuple]]:
        """The stored statement this one repeats (or None), and variants to link to it:
        ``(statement_id, note)`` pairs."""
        near = self._near(actor_id, said, text)
        t0, t1 = said.span_seconds()
        links: list[tuple[int, str]] = []
        for rid, other, _said, approx, other_text, _kind, s0, s1 in near:
            close = (s0 < t1 and s1 > t0) or (
                (approx or said.approximate) and abs(s0 - t0) <= NEAR_S
            )
            voice = self.same_voice(actor_id, other)
            if voice and close and same_statement(text, other_text):
                return rid, []
            if not voice and close and len(words(text)) >= MIN_VARIANT_WORDS and (
                same_statement(text, other_text)
            ):
                names = [self._actor_rows().get(a, (str(a),))[0] for a in (actor_id, other)]
                links.append((rid, f"the same words from {names[0]} and from {names[1]}"))
            elif voice and close and variant(text, other_text):
                links.append((rid, "a different wording of the same statement"))
        links += self._other_dates(actor_id, said, text, {r[0] for r in near})
        return None, links[:MAX_LINKS]

    def _other_dates(self, actor_id: int, said: When, text: str, seen: set[int]) -> list:
        if len(words(text)) < MIN_VARIANT_WORDS or (match := self._candidates(text)) is None:
            return []
        rows = self.db.execute(
            "SELECT id, said, text FROM statements WHERE id IN (SELECT rowid FROM "
            "statements_fts WHERE statements_fts MATCH ?) AND actor_id = ? AND id < ? "
            "LIMIT ?",
            (match, actor_id, self.first_new, OTHER_DATES),
        ).fetchall()
        return [
            (rid, f"the same words, dated {other_said}")
            for rid, other_said, other_text in rows
            if rid not in seen and other_said != said.text and same_statement(text, other_text)
        ]

    def same_event(self, title: str, start: When) -> int | None:
        """A stored event this one reports again: a compatible date and the same title
        (:func:`db.wording.same_title`); None when none or several are."""
        t0, t1 = start.span_seconds()
        near = NEAR_S if start.approximate else 0
        rows = self.db.execute(
            "SELECT id, title FROM events WHERE id < ? AND start_ts < ? AND end_ts > ?",
            (self.first_new_event, t1 + near, t0 - near),
        ).fetchall()
        found = {rid for rid, other in rows if same_title(title, str(other))}
        return found.pop() if len(found) == 1 else None

    # -- writing ---------------------------------------------------------------------

    def appear(self, statement_id: int, source_id: int | None, wording: str | None,
               span: tuple[int | None, int | None]) -> None:
        """Record that ``source_id`` printed the statement: one appearance per source,
        with the longest wording that source gave."""
        if source_id is None:
            return
        row = self.db.execute(
            "SELECT id, wording FROM appearances WHERE statement_id = ? AND source_id = ?",
            (statement_id, source_id),
        ).fetchone()
        if row is not None:
            if wording and len(words(wording)) > len(words(row[1] or "")):
                self.db.execute(
                    "UPDATE appearances SET wording = ?, span_start = ?, span_end = ? "
                    "WHERE id = ?",
                    (wording, *span, row[0]),
                )
            return
        self.db.execute(
            "INSERT INTO appearances(statement_id, source_id, wording, span_start, span_end) "
            "VALUES (?, ?, ?, ?, ?)",
            (statement_id, source_id, wording, *span),
        )
        self.added["appearances"] += 1

    def adopt(self, statement_id: int, row: dict) -> None:
        """Make ``row``'s wording the statement's text when it is the longer direct one."""
        kind, text = self.db.execute(
            "SELECT kind, text FROM statements WHERE id = ?", (statement_id,)
        ).fetchone()
        new_kind = row["kind"]
        longer = len(words(row["text"])) > len(words(str(text)))
        fragment = kind != "direct" and quoted_in(row["text"], str(text))  # "repositioning"
        if (new_kind == "direct" and kind != "direct" and not fragment) or (
                new_kind == kind and longer):
            self.db.execute(
                "UPDATE statements SET text = ?, kind = ?, source_id = ?, span_start = ?, "
                "span_end = ? WHERE id = ?",
                (row["text"], new_kind, row["source_id"], row["span_start"], row["span_end"],
                 statement_id),
            )

    def link(self, from_id: int, to_id: int, kind: str, note: str | None,
             source_id: int | None) -> None:
        """Add a relation unless the same one (either way, for variants) is stored."""
        pairs = [(from_id, to_id)] + ([(to_id, from_id)] if kind == "variant_of" else [])
        for a, b in pairs:
            if self.db.execute(
                "SELECT 1 FROM relations WHERE from_id = ? AND to_id = ? AND kind = ?",
                (a, b, kind),
            ).fetchone():
                return
        try:
            self.db.execute(
                "INSERT INTO relations(from_id, to_id, kind, note, source_id) "
                "VALUES (?, ?, ?, ?, ?)",
                (from_id, to_id, kind, note, source_id),
            )
        except sqlite3.IntegrityError:
            return
        self.added["relations"] += 1


def _next_id(db: sqlite3.Connection, table: str) -> int:
    top = db.execute(f"SELECT max(id) FROM {table}").fetchone()[0]
    return top + 1 if isinstance(top, int) else 1
