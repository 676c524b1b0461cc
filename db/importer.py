"""Writing a store: import a JSON document (or CSV files) in one transaction.

Everything lands or nothing does: a bad record raises :class:`db.errors.ImportProblem`
naming the file, line, record and field, and the store is left as it was (a store
that did not exist is not created). Records already in the store are matched by their
natural keys (see docs/format.md), so importing the same input twice adds nothing.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from db import errors, schema
from db.corroborate import Corroborator, upgrade
from db.dates import DateError, When, parse_date, span_of
from db.links import LinkWriter
from db.resolve import ActorMatcher
from db.store import check_file

FORMAT_VERSION = 1
SECTIONS = (
    "sources", "actors", "topics", "events", "statements", "appearances", "relations"
)

#: Maps (section, index[, field]) to (file, line) for messages; None when unknown.
Locator = Callable[..., tuple[str | None, int | None]]


@dataclass
class ImportReport:
    """What an import added, per table."""

    added: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SECTIONS, 0))

    def total(self) -> int:
        """Rows added in all tables."""
        return sum(self.added.values())

    def __str__(self) -> str:
        parts = [f"{n} {table}" for table, n in self.added.items() if n]
        return "added " + (", ".join(parts) if parts else "nothing (all already present)")


def create_store(path: str | os.PathLike[str], title: str = "Untitled") -> None:
    """Create an empty store at ``path`` (which must not exist)."""
    conn = sqlite3.connect(path)
    try:
        schema.create(conn, title)
        conn.commit()
    finally:
        conn.close()


def import_document(
    store_path: str | os.PathLike[str],
    document: object,
    origin: str = "<input>",
    locate: Locator | None = None,
) -> ImportReport:
    """Import one JSON document (a dict, see docs/format.md) into the store at ``store_path``.

    Creates the store when it does not exist. Raises ImportProblem (input) or
    StoreError (the store cannot be written).
    """
    store_path = Path(store_path)
    if not isinstance(document, dict):
        raise errors.ImportProblem(origin, "a Parley document must be a JSON object", 1)
    version = document.get("parley", FORMAT_VERSION)
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise errors.ImportProblem(
            origin, f"format version {version!r} is not one this Parley reads (1)", 1, "parley"
        )
    if store_path.exists():
        check_file(store_path)
        return _import_into(store_path, document, origin, locate)
    # A new store is built beside the target and renamed into place only on success.
    folder = store_path.parent if str(store_path.parent) else Path(".")
    if not folder.is_dir():
        raise errors.StoreError(store_path, "its folder does not exist")
    try:
        handle, temp = tempfile.mkstemp(prefix=".parley-", suffix=".tmp", dir=folder)
    except OSError as error:
        raise errors.StoreError(store_path, f"cannot be written ({error.strerror})") from None
    os.close(handle)
    os.unlink(temp)
    try:
        title = (
            document.get("meta", {}).get("title")
            if isinstance(document.get("meta"), dict)
            else None
        )
        create_store(temp, str(title or store_path.stem))
        report = _import_into(Path(temp), document, origin, locate)
        os.replace(temp, store_path)
        return report
    finally:
        if os.path.exists(temp):
            os.unlink(temp)


def _import_into(path: Path, document: dict, origin: str, locate: Locator | None) -> ImportReport:
    # One transaction: preparing the store (helper columns, indexes, full-text tables)
    # and the records land together or not at all.
    with write_transaction(path) as db:
        _prepare(db, path)
        writer = _Writer(db, origin, locate or (lambda section, index, field="": (None, None)))
        writer.run(document)
    return writer.report


@contextmanager
def write_transaction(path: Path) -> Iterator[sqlite3.Connection]:
    """One explicit transaction on the store file at ``path``, committed when the block
    ends and rolled back on any error; SQLite's errors become one-line StoreErrors."""
    try:
        db = sqlite3.connect(path, timeout=5.0, isolation_level=None)
    except sqlite3.Error as error:
        raise errors.StoreError(path, f"cannot be opened for writing ({error})") from None
    try:
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
    except sqlite3.DatabaseError as error:
        text = " ".join(str(error).split())
        if "locked" in text or "busy" in text:
            raise errors.StoreLocked(path, f"is locked by another program ({text})") from None
        raise errors.StoreError(path, f"cannot be written ({text})") from None
    finally:
        db.close()


#: Columns of the contract holding integers (the others hold text).
_INTEGER_COLUMNS = {"source_id", "topic_id", "event_id", "parent_id", "approximate"} | {
    "span_start",
    "span_end",
}


def _statements(script: str) -> list[str]:
    """The SQL statements of a script (``executescript`` would commit the transaction)."""
    found, current = [], ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            found.append(current.strip())
            current = ""
    return found


def refuse_default_store(db: sqlite3.Connection, path: Path) -> None:
    """Raise when ``db`` is the built-in default store (marked ``built_from``)."""
    if db.execute("SELECT 1 FROM meta WHERE key = 'built_from'").fetchone():
        raise errors.StoreError(
            path, "is Parley's built-in default store, which is never written: "
            "import into a store of your own"
        )


def _prepare(db: sqlite3.Connection, path: Path) -> None:
    """Check the target is a Parley store and give it Parley's helper columns and indexes
    (inside the import's transaction: nothing is written unless the import succeeds)."""
    names = schema.tables(db)
    if names and "meta" not in names:
        raise errors.NotAStore(path, "is an SQLite database but not a Parley store (no meta table)")
    if "meta" in names:
        row = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row and str(row[0]).isdigit() and int(row[0]) > schema.SCHEMA_VERSION:
            raise errors.SchemaTooNew(
                path, f"uses schema version {row[0]}; this Parley writes {schema.SCHEMA_VERSION}"
            )
        refuse_default_store(db, path)
    had_fts = {"statements_fts", "events_fts"} <= names
    extras = {
        "events": ("start_ts", "end_ts"),
        "statements": ("said_ts", "said_end_ts"),
        "actors": ("title",),
        "sources": ("text",),
    }
    for table, (_required, optional) in schema.CONTRACT.items():
        if table in names:
            # a store another program wrote may lack optional columns of the contract
            have = schema.columns(db, table)
            for column in (*optional, *extras.get(table, ())):
                if column not in have:
                    integer = column in _INTEGER_COLUMNS or column.endswith("_ts")
                    db.execute(
                        f'ALTER TABLE "{table}" ADD COLUMN "{column}" '
                        + ("INTEGER" if integer else "TEXT")
                    )
    for statement in _statements(schema.DDL):
        db.execute(statement)
    # (another program's meta may have no primary key: INSERT OR IGNORE would duplicate)
    for key, value in (("schema_version", str(schema.SCHEMA_VERSION)), ("title", "Untitled")):
        db.execute(
            "INSERT INTO meta(key, value) SELECT ?, ? "
            "WHERE NOT EXISTS (SELECT 1 FROM meta WHERE key = ?)",
            (key, value, key),
        )
    if names and not had_fts:
        db.execute("INSERT INTO statements_fts(statements_fts) VALUES ('rebuild')")
        db.execute("INSERT INTO events_fts(events_fts) VALUES ('rebuild')")
    upgrade(db)


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


class _Writer:
    """One import: resolves references, matches existing rows, inserts the rest."""

    def __init__(self, db: sqlite3.Connection, origin: str, locate: Locator) -> None:
        self.db = db
        self.origin = origin
        self.locate = locate
        self.report = ImportReport()
        self._rowid: dict[str, bool] = {}
        self._next_id: dict[str, int] = {}
        self.doc_ids: dict[str, dict[object, int]] = {s: {} for s in SECTIONS}
        self.actors = ActorMatcher(db)
        self.corroborator = Corroborator(db)
        self.corroborator.added = self.report.added
        self.links = LinkWriter(self)
        self.unplaced: set[int] = set()  # actors named only by events already stored
        self.topic_names = {
            _key(str(name)): rid for rid, name in db.execute("SELECT id, name FROM topics")
        }

    # -- errors --------------------------------------------------------------------------

    def fail(
        self, section: str, index: int, field_name: str, reason: str,
        problem: type[errors.ImportProblem] = errors.ImportProblem,
    ) -> None:
        file, line = self.locate(section, index, field_name)
        raise problem(
            file or self.origin, reason, line, f"{section}[{index}].{field_name}"
        )

    def records(self, document: dict, section: str) -> list[dict]:
        records = document.get(section) or []
        if not isinstance(records, list):
            raise errors.ImportProblem(self.origin, f"'{section}' must be a list", None, section)
        for index, record in enumerate(records):
            if not isinstance(record, dict):
                file, line = self.locate(section, index)
                raise errors.ImportProblem(
                    file or self.origin,
                    "each record must be an object",
                    line,
                    f"{section}[{index}]",
                )
            rid = record.get("id")
            if rid is not None and (
                isinstance(rid, bool) or not isinstance(rid, str | int | float)
            ):
                self.fail(
                    section, index, "id", f"must be a number or text, not {type(rid).__name__}"
                )
        return records

    def text(self, record: dict, section: str, index: int, name: str, required: bool = False):
        value = record.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.fail(section, index, name, "is required")
            return None
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            self.fail(section, index, name, f"must be text, not {type(value).__name__}")
        return str(value)

    def date(self, record: dict, section: str, index: int, name: str, required: bool = False):
        value = record.get(name)
        if value is None or value == "":
            if required:
                self.fail(section, index, name, "is required")
            return None
        try:
            when = parse_date(str(value) if isinstance(value, int) else value)
        except DateError as error:
            self.fail(section, index, name, str(error))
        if _flag(record.get("approximate")):
            when = When(when.text, when.precision, True)
        return when

    def choice(self, record, section, index, name, allowed, default=None):
        value = record.get(name, default)
        if value is None:
            return default
        if value not in allowed:
            self.fail(section, index, name, f"{value!r} is not one of {', '.join(allowed)}")
        return value

    def span(self, record, section, index):
        value = record.get("span")
        if value is None:
            return None, None
        if (
            not isinstance(value, list)
            or len(value) != 2
            or not all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in value)
            or value[0] > value[1]
        ):
            self.fail(section, index, "span", "must be [start, end], two offsets with start ≤ end")
        return value[0], value[1]

    # -- references ----------------------------------------------------------------------

    def ref(self, section: str, value: object) -> int | None:
        if value is None:
            return None
        return _lookup(self.doc_ids[section], value)

    def actor_ref(self, value: object, section: str, index: int, name: str) -> int | None:
        if value is None or value == "":
            return None
        found = _lookup(self.doc_ids["actors"], value)
        if found is None and isinstance(value, str):
            found = self.actors.match(value)
            if found is None:
                found = self.add_actor({"name": value, "kind": "other"}, None)
        if found is None:
            self.fail(section, index, name, f"no actor {value!r} in the document or the store")
        return found

    def topic_ref(self, value: object, section: str, index: int) -> int | None:
        if value is None or value == "":
            return None
        found = _lookup(self.doc_ids["topics"], value)
        if found is None and isinstance(value, str):
            found = self.topic_names.get(_key(value))
            if found is None:
                found = self.insert("topics", {"name": value.strip()}, None)
                self.topic_names[_key(value)] = found
        if found is None:
            self.fail(section, index, "topic", f"no topic {value!r} in the document")
        return found

    def insert(self, table: str, row: dict, wanted_id: object) -> int:
        if isinstance(wanted_id, int) and not isinstance(wanted_id, bool) and wanted_id > 0:
            taken = self.db.execute(f"SELECT 1 FROM {table} WHERE id = ?", (wanted_id,)).fetchone()
            if not taken:
                row = {"id": wanted_id, **row}
        if "id" not in row and not self._id_is_rowid(table):
            # another program's table where id is a plain column: SQLite gives no id
            row = {"id": self._fresh_id(table), **row}
        cursor = self.db.execute(
            f"INSERT INTO {table} ({', '.join(f'[{k}]' for k in row)}) "
            f"VALUES ({', '.join('?' * len(row))})",
            list(row.values()),
        )
        self.report.added[table] += 1
        if "id" in row:
            self._next_id[table] = max(self._next_id.get(table, 0), int(row["id"]) + 1)
            return int(row["id"])
        return int(cursor.lastrowid)

    def _id_is_rowid(self, table: str) -> bool:
        """True when ``id`` is SQLite's row id (INTEGER PRIMARY KEY), as Parley writes it."""
        if table not in self._rowid:
            info = list(self.db.execute(f'PRAGMA table_info("{table}")'))
            keys = [row for row in info if row[5]]
            self._rowid[table] = (
                len(keys) == 1 and keys[0][1] == "id" and str(keys[0][2]).upper() == "INTEGER"
            )
        return self._rowid[table]

    def _fresh_id(self, table: str) -> int:
        if table not in self._next_id:
            top = self.db.execute(
                f"SELECT max(id) FROM {table} WHERE typeof(id) = 'integer'"
            ).fetchone()[0]
            self._next_id[table] = (top or 0) + 1
        return self._next_id[table]

    # -- sections ------------------------------------------------------------------------

    def run(self, document: dict) -> None:
        meta = document.get("meta") or {}
        if not isinstance(meta, dict):
            raise errors.ImportProblem(self.origin, "'meta' must be an object", None, "meta")
        for key, value in meta.items():
            if key != "schema_version" and value is not None:
                text = value if isinstance(value, str) else json.dumps(value)
                # no ON CONFLICT: another program's meta table may have no primary key
                if self.db.execute("SELECT 1 FROM meta WHERE key = ?", (str(key),)).fetchone():
                    self.db.execute(
                        "UPDATE meta SET value = ? WHERE key = ? "
                        "AND (key != 'title' OR value IN ('', 'Untitled'))",
                        (text, str(key)),
                    )
                else:
                    self.db.execute("INSERT INTO meta(key, value) VALUES (?, ?)", (str(key), text))
        records = {section: self.records(document, section) for section in SECTIONS}
        for index, record in enumerate(records["sources"]):
            self.source(record, index)
        for index, record in enumerate(records["actors"]):
            self.actor(record, index)
        for index, record in enumerate(records["actors"]):
            self.actor_parent(record, index)
        for index, record in enumerate(records["topics"]):
            self.topic(record, index)
        for index, record in enumerate(records["events"]):
            self.event(record, index)
        for index, record in enumerate(records["statements"]):
            self.statement(record, index)
        for index, record in enumerate(records["appearances"]):
            self.links.appearance(record, index)
        for index, record in enumerate(records["relations"]):
            self.links.relation(record, index)
        self.drop_unplaced()

    def source(self, record: dict, index: int) -> None:
        s = "sources"
        row = {
            "title": self.text(record, s, index, "title"),
            "outlet": self.text(record, s, index, "outlet"),
            "url": self.text(record, s, index, "url"),
            "published": None,
        }
        published = self.date(record, s, index, "published")
        row["published"] = published.text if published else None
        text = record.get("text")
        if text is not None and not isinstance(text, str):
            self.fail(s, index, "text", "must be text")
        if row["url"]:
            match = self.db.execute(
                "SELECT id FROM sources WHERE url = ?", (row["url"],)
            ).fetchone()
        else:
            # two articles of one day with no title or outlet differ by their text
            match = self.db.execute(
                "SELECT id FROM sources WHERE title IS ? AND outlet IS ? AND published IS ? "
                "AND (text IS NULL OR ? IS NULL OR text = ?)",
                (row["title"], row["outlet"], row["published"], text, text),
            ).fetchone()
        rid = match[0] if match else self.insert(s, {**row, "text": text}, record.get("id"))
        if match and text:
            self.db.execute(
                "UPDATE sources SET text = ? WHERE id = ? AND text IS NULL", (text, rid)
            )
        self.doc_ids[s][record.get("id", f"#{index}")] = rid

    def add_actor(self, row: dict, wanted_id: object) -> int:
        rid = self.insert("actors", row, wanted_id)
        self.actors.added(rid, row)
        self.corroborator.forget_actors()
        return rid

    def actor(self, record: dict, index: int) -> None:
        s = "actors"
        name = self.text(record, s, index, "name", required=True).strip()
        kind = self.choice(record, s, index, "kind", schema.ACTOR_KINDS, "person")
        aliases = record.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            self.fail(s, index, "aliases", "must be a list of names")
        title = self.text(record, s, index, "title")
        parent = record.get("parent") if isinstance(record.get("parent"), str) else None
        existing = self.actors.match(name, kind, parent, title)
        if existing is None:
            row, side = self.actors.new_row(name, kind, aliases, title, parent)
            existing = self.actors.match(row["name"])
            if existing is None:
                existing = self.add_actor(row, record.get("id"))
            if side and not record.get("parent"):
                self.actors.sides[existing] = side
        self.doc_ids[s][record.get("id", name)] = existing
        self.doc_ids[s].setdefault(name, existing)

    def actor_parent(self, record: dict, index: int) -> None:
        rid = self.doc_ids["actors"][record.get("id", str(record["name"]).strip())]
        explicit = record.get("parent")
        # a side guessed from a title or the directory never moves the store's own actors
        parent = explicit or (self.actors.sides.get(rid) if self.actors.is_new(rid) else None)
        if parent is None or parent == "":
            return
        if not explicit and self.actors.match(parent) is None:
            self.add_actor({"name": parent, "kind": "state", "aliases": "[]"}, None)
        parent_id = self.actor_ref(parent, "actors", index, "parent")
        if parent_id == rid:
            self.fail("actors", index, "parent", "an actor cannot be its own parent")
        current = self.db.execute("SELECT parent_id FROM actors WHERE id = ?", (rid,)).fetchone()
        if current[0] is None:
            self.db.execute("UPDATE actors SET parent_id = ? WHERE id = ?", (parent_id, rid))

    def drop_unplaced(self) -> None:
        """Remove the actors this import added only for events another source had recorded
        (an article's "Danish parliament" must not leave an empty Denmark lane)."""
        todo = [rid for rid in self.unplaced if rid is not None and self.actors.is_new(rid)]
        while todo:
            rid = todo.pop()
            used = self.db.execute(
                "SELECT EXISTS(SELECT 1 FROM statements WHERE actor_id = :r) "
                "OR EXISTS(SELECT 1 FROM event_actors WHERE actor_id = :r) "
                "OR EXISTS(SELECT 1 FROM actors WHERE parent_id = :r)", {"r": rid}).fetchone()[0]
            row = self.db.execute("SELECT parent_id FROM actors WHERE id = ?", (rid,)).fetchone()
            if used or row is None:
                continue
            self.db.execute("DELETE FROM actors WHERE id = ?", (rid,))
            self.report.added["actors"] -= 1
            if row[0] is not None and self.actors.is_new(row[0]):
                todo.append(row[0])  # a side added only for it goes too

    def topic(self, record: dict, index: int) -> None:
        s = "topics"
        name = self.text(record, s, index, "name", required=True).strip()
        rid = self.topic_names.get(_key(name))
        if rid is None:
            rid = self.insert(
                s,
                {"name": name, "description": self.text(record, s, index, "description")},
                record.get("id"),
            )
            self.topic_names[_key(name)] = rid
        self.doc_ids[s][record.get("id", name)] = rid
        self.doc_ids[s].setdefault(name, rid)

    def event(self, record: dict, index: int) -> None:
        s = "events"
        title = self.text(record, s, index, "title", required=True)
        start = self.date(record, s, index, "start", required=True)
        end = self.date(record, s, index, "end")
        if end is not None and end.end < start.start:
            self.fail(s, index, "end", f"{end.text} is before the start {start.text}")
        match = self.db.execute(
            "SELECT id FROM events WHERE title = ? AND start = ?", (title, start.text)
        ).fetchone()
        corroborated = None if match else self.corroborator.same_event(title, start)
        if match or corroborated is not None:
            rid = match[0] if match else corroborated
        else:
            t0, t1 = span_of(start, end)
            row = {
                "title": title,
                "description": self.text(record, s, index, "description"),
                "start": start.text,
                "end": end.text if end else None,
                "precision": start.precision,
                "approximate": int(start.approximate),
                "location": self.text(record, s, index, "location"),
                "source_id": self.ref("sources", record.get("source")),
                "start_ts": t0,
                "end_ts": t1,
            }
            rid = self.insert(s, row, record.get("id"))
        self.doc_ids[s][record.get("id", f"#{index}")] = rid
        actors = record.get("actors") or []
        if not isinstance(actors, list):
            self.fail(s, index, "actors", "must be a list")
        if corroborated is not None:  # another source's report of a stored event:
            for item in actors:  # its actors stay as stored
                name = item.get("actor") if isinstance(item, dict) else item
                found = _lookup(self.doc_ids["actors"], name)
                if found is None and isinstance(name, str):
                    found = self.actors.match(name)
                self.unplaced.add(found)
            return
        for item in actors:
            name, role = (
                (item.get("actor"), item.get("role")) if isinstance(item, dict) else (item, None)
            )
            actor_id = self.actor_ref(name, s, index, "actors")
            self.db.execute(
                "INSERT OR IGNORE INTO event_actors(event_id, actor_id, role) VALUES (?, ?, ?)",
                (rid, actor_id, role or "participant"),
            )

    def statement(self, record: dict, index: int) -> None:
        s = "statements"
        if record.get("actor") in (None, ""):
            self.fail(s, index, "actor", "is required")
        actor_id = self.actor_ref(record.get("actor"), s, index, "actor")
        said = self.date(record, s, index, "said", required=True)
        text = self.text(record, s, index, "text", required=True)
        span_start, span_end = self.span(record, s, index)
        source_id = self.ref("sources", record.get("source"))
        match = self.db.execute(
            "SELECT id FROM statements WHERE actor_id = ? AND said = ? AND text = ?",
            (actor_id, said.text, text),
        ).fetchone()
        if match:
            self.doc_ids[s][record.get("id", f"#{index}")] = match[0]
            self.corroborator.appear(match[0], source_id, text, (span_start, span_end))
            return
        t0, t1 = said.span_seconds()
        event = record.get("event")
        row = {
            "actor_id": actor_id,
            "said": said.text,
            "precision": said.precision,
            "approximate": int(said.approximate),
            "text": text,
            "kind": self.choice(record, s, index, "kind", schema.STATEMENT_KINDS, "direct"),
            "topic_id": self.topic_ref(record.get("topic"), s, index),
            "stance": self.choice(record, s, index, "stance", schema.STANCES),
            "summary": self.text(record, s, index, "summary"),
            "source_id": source_id,
            "event_id": self.ref("events", event),
            "span_start": span_start,
            "span_end": span_end,
            "said_ts": t0,
            "said_end_ts": t1,
        }
        if event is not None and row["event_id"] is None:
            self.fail(s, index, "event", f"no event with id {event!r} in the document")
        same, variants = self.corroborator.find(actor_id, said, text)
        if same is not None:  # another source's printing of a stored statement
            self.corroborator.appear(same, source_id, text, (span_start, span_end))
            self.corroborator.adopt(same, row)
            self.doc_ids[s][record.get("id", f"#{index}")] = same
            return
        rid = self.insert(s, row, record.get("id"))
        self.doc_ids[s][record.get("id", f"#{index}")] = rid
        self.corroborator.appear(rid, source_id, text, (span_start, span_end))
        for other, note in variants:
            self.corroborator.link(rid, other, "variant_of", note, source_id)


def _lookup(ids: dict, value: object) -> int | None:
    """The row id a document's reference stands for; None for an unknown or unhashable one
    (a list or an object where an id belongs)."""
    try:
        return ids.get(value)
    except TypeError:
        return None


def _flag(value: object) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "y")
    return bool(value)
