"""Reading the exchange formats (docs/format.md) into one document, and dumping a store.

JSON is parsed fast by the standard library; only when a record is rejected is the
text scanned again to find that record's line for the message.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
from collections.abc import Sequence
from pathlib import Path

from db import errors
from db.api import Store
from db.importer import SECTIONS, ImportReport, Locator, import_document

CSV_COLUMNS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "actors": (("name",), ("kind", "parent", "aliases", "id", "title")),
    "topics": (("name",), ("description", "id")),
    "sources": (("id",), ("title", "outlet", "url", "published")),
    "events": (
        ("title", "start"),
        ("end", "description", "approximate", "location", "source", "actors", "id"),
    ),
    "statements": (
        ("actor", "said", "text"),
        ("kind", "topic", "stance", "summary", "source", "event", "approximate", "id"),
    ),
    "appearances": (("statement", "source"), ("wording",)),
    "relations": (("from", "to", "kind"), ("note", "source")),
}


def import_files(
    paths: Sequence[str | os.PathLike[str]], store_path: str | os.PathLike[str]
) -> ImportReport:
    """Import JSON documents one by one, and CSV files together, into a store."""
    paths = [Path(p) for p in paths]
    csv_paths = [p for p in paths if p.suffix.lower() == ".csv"]
    report = ImportReport()
    for path in paths:
        if path in csv_paths:
            continue
        document, locate = load_json(path)
        _add(report, import_document(store_path, document, str(path), locate))
    if csv_paths:
        document, locate = load_csv(csv_paths)
        _add(report, import_document(store_path, document, str(csv_paths[0]), locate))
    return report


def _add(total: ImportReport, part: ImportReport) -> None:
    for table, count in part.added.items():
        total.added[table] += count


def _read_text(path: Path) -> str:
    if not path.exists():
        raise errors.NoSuchFile(path, "no such file")
    if path.is_dir():
        raise errors.IsAFolder(path, "is a folder, not a file to import")
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise errors.ImportProblem(path, f"is not UTF-8 text (byte {error.start})") from None
    except OSError as error:
        raise errors.NotReadable(path, f"cannot be read ({error.strerror})") from None


def load_json(path: str | os.PathLike[str]) -> tuple[object, Locator]:
    """Parse a JSON document; the locator finds a record's line only when asked."""
    path = Path(path)
    text = _read_text(path)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise errors.ImportProblem(path, f"is not valid JSON ({error.msg})", error.lineno) from None
    except RecursionError:
        raise errors.ImportProblem(path, "is nested too deeply to be a Parley document") from None

    def locate(section: str, index: int, field: str = "") -> tuple[str | None, int | None]:
        return str(path), _json_line(text, section, index, field)

    return document, locate


_SPACE = " \t\r\n"


def _skip(text: str, position: int, chars: str = _SPACE) -> int:
    while position < len(text) and text[position] in chars:
        position += 1
    return position


def _member(text: str, position: int, key: str, decoder: json.JSONDecoder) -> tuple[int, int]:
    """Where ``key`` and its value start in the JSON object at ``position``; ValueError if
    the object has no such key."""
    position = _skip(text, position)
    if text[position : position + 1] != "{":
        raise ValueError("not an object")
    position += 1
    while True:
        position = _skip(text, position, _SPACE + ",")
        key_at = position
        name, position = decoder.raw_decode(text, position)
        position = _skip(text, position)
        if text[position : position + 1] != ":":
            raise ValueError("not an object")
        position = _skip(text, position + 1)
        if name == key:
            return key_at, position
        _value, position = decoder.raw_decode(text, position)


def _json_line(text: str, section: str, index: int, field: str = "") -> int | None:
    """The line of ``field`` in record ``index`` of the top-level list ``section`` (or
    the line where that record starts, when it has no such field)."""
    decoder = json.JSONDecoder()
    try:
        position = _member(text, 0, section, decoder)[1]
        if text[position : position + 1] != "[":
            return None
        position += 1
        for _ in range(index):
            position = _skip(text, position, _SPACE + ",")
            _value, position = decoder.raw_decode(text, position)
        position = _skip(text, position, _SPACE + ",")
        if field:
            with contextlib.suppress(ValueError):  # no such field: the record's line
                position = _member(text, position, field, decoder)[0]
    except ValueError:
        return None
    return text.count("\n", 0, position) + 1


def csv_section(path: Path) -> str | None:
    """Which table a CSV file holds, from its name (``…actors.csv``, ``…events.csv``)."""
    stem = path.stem.lower()
    for section in SECTIONS:
        if stem == section or stem.endswith(("-" + section, "_" + section, "." + section)):
            return section
    return None


def load_csv(paths: Sequence[str | os.PathLike[str]]) -> tuple[dict, Locator]:
    """Read CSV files (one per table) into one document."""
    document: dict[str, list] = {"parley": 1}
    lines: dict[tuple[str, int], tuple[str, int]] = {}
    for raw_path in paths:
        path = Path(raw_path)
        section = csv_section(path)
        if section is None:
            raise errors.ImportProblem(
                path,
                "the file name must say what it holds: " + ", ".join(f"{s}.csv" for s in SECTIONS),
            )
        reader = csv.DictReader(io.StringIO(_read_text(path), newline=""))
        required, optional = CSV_COLUMNS[section]
        header = [h.strip() for h in (reader.fieldnames or [])]
        missing = [c for c in required if c not in header]
        unknown = [c for c in header if c not in required + optional]
        if missing or unknown:
            problem = (f"missing column {', '.join(missing)}" if missing else "") + (
                ("; " if missing and unknown else "") + f"unknown column {', '.join(unknown)}"
                if unknown
                else ""
            )
            raise errors.ImportProblem(path, problem, 1, "header")
        reader.fieldnames = header
        records = document.setdefault(section, [])
        try:
            for row in reader:
                if None in row:
                    raise errors.ImportProblem(path, "more values than columns", reader.line_num)
                lines[(section, len(records))] = (str(path), reader.line_num)
                records.append(_csv_record(section, row))
        except csv.Error as error:
            raise errors.ImportProblem(
                path, f"is not valid CSV ({error})", reader.line_num
            ) from None

    def locate(section: str, index: int, field: str = "") -> tuple[str | None, int | None]:
        return lines.get((section, index), (None, None))

    return document, locate


def _csv_record(section: str, row: dict[str, str | None]) -> dict:
    record: dict[str, object] = {k: v for k, v in row.items() if v not in (None, "")}
    for key in ("id", "source", "event", "statement", "from", "to"):
        value = record.get(key)
        if isinstance(value, str) and value.strip().isdigit():
            record[key] = int(value)
    if section == "actors" and "aliases" in record:
        record["aliases"] = [a.strip() for a in str(record["aliases"]).split(";") if a.strip()]
    if section == "events" and "actors" in record:
        actors = []
        for item in str(record["actors"]).split(";"):
            name, _, role = item.partition(":")
            if name.strip():
                actors.append({"actor": name.strip(), "role": role.strip() or "participant"})
        record["actors"] = actors
    return record


def dump(store: Store) -> dict:
    """The whole store as one JSON document that :func:`import_files` reads back."""
    q = store.query

    def cols(table: str, *names: str) -> str:
        # optional columns of the contract read as NULL when a store lacks them
        return ", ".join(store._col(table, name) for name in names)

    names = {a.id: a.name for a in store.actors()}
    topics = {t.id: t.name for t in store.topics()}
    # (built_from marks the built-in default store: a copy of its content is the user's)
    meta = {
        k: v for k, v in sorted(store.meta.items()) if k not in ("schema_version", "built_from")
    }
    has_text = "text" in store.columns("sources")
    sources = []
    for row in q(
        "SELECT id, "
        + cols("sources", "title", "outlet", "url", "published")
        + (", text" if has_text else ", NULL")
        + " FROM sources ORDER BY id"
    ):
        record = dict(zip(("id", "title", "outlet", "url", "published"), row[:5], strict=True))
        if row[5]:
            record["text"] = row[5]
        sources.append(record)
    actors = []
    for row in q("SELECT id FROM actors ORDER BY id"):
        actor = store.actor(row[0])
        if actor is None:
            continue
        record = {
            "id": actor.id,
            "name": actor.name,
            "kind": actor.kind,
            "parent": names.get(actor.parent_id),
            "aliases": list(actor.aliases),
        }
        if actor.title:
            record["title"] = actor.title
        actors.append(record)
    topic_rows = [
        {"id": rid, "name": name, "description": description}
        for rid, name, description in q(
            f"SELECT id, name, {cols('topics', 'description')} FROM topics ORDER BY id"
        )
    ]
    roles: dict[int, list] = {}
    for event_id, actor_id, role in q(
        f"SELECT event_id, actor_id, {cols('event_actors', 'role')} FROM event_actors "
        "ORDER BY rowid"
    ):
        roles.setdefault(event_id, []).append({"actor": names.get(actor_id), "role": role})
    events = [
        {
            "id": rid,
            "title": title,
            "description": description,
            "start": start,
            "end": end,
            "approximate": bool(approx),
            "location": location,
            "source": source,
            "actors": roles.get(rid, []),
        }
        for rid, title, description, start, end, approx, location, source in q(
            "SELECT id, title, "
            + cols("events", "description", "start", "end", "approximate", "location", "source_id")
            + " FROM events ORDER BY id"
        )
    ]
    statements = []
    for row in q(
        "SELECT id, actor_id, said, "
        + cols("statements", "approximate", "kind", "text", "topic_id", "stance", "summary")
        + ", "
        + cols("statements", "source_id", "event_id", "span_start", "span_end")
        + " FROM statements ORDER BY id"
    ):
        rid, actor, said, approx, kind, text, topic, stance, summary, source, event, a, b = row
        statements.append(
            {
                "id": rid,
                "actor": names.get(actor, actor),
                "said": said,
                "approximate": bool(approx),
                "kind": kind,
                "text": text,
                "topic": topics.get(topic),
                "stance": stance,
                "summary": summary,
                "source": source,
                "event": event,
                "span": [a, b] if a is not None and b is not None else None,
            }
        )
    return {
        "parley": 1,
        "meta": meta,
        "sources": sources,
        "actors": actors,
        "topics": topic_rows,
        "events": events,
        "statements": statements,
        **_links(store),
    }


def _links(store: Store) -> dict[str, list]:
    """The v2 sections (none for a version 1 store)."""
    tables = {row[0] for row in store.query("SELECT name FROM sqlite_master")}
    found: dict[str, list] = {}
    if "appearances" in tables:
        found["appearances"] = [
            {"statement": s, "source": src, "wording": w,
             "span": [a, b] if a is not None and b is not None else None}
            for s, src, w, a, b in store.query(
                "SELECT statement_id, source_id, wording, span_start, span_end "
                "FROM appearances ORDER BY statement_id, id"
            )
        ]
    if "relations" in tables:
        found["relations"] = [
            {"from": a, "to": b, "kind": kind, "note": note, "source": src}
            for a, b, kind, note, src in store.query(
                "SELECT from_id, to_id, kind, note, source_id FROM relations ORDER BY id"
            )
        ]
    return found


def dump_text(store: Store) -> str:
    """:func:`dump` as indented JSON text."""
    return json.dumps(dump(store), ensure_ascii=False, indent=2, default=_json_value) + "\n"


def _json_value(value: object) -> str:
    """A value JSON has no type for: bytes (a BLOB another program wrote) as text."""
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)
