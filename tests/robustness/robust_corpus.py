"""A corpus of bad stores, each built from nothing by a function ``build(folder) -> path``.

Most are written with plain ``sqlite3`` as another program would write a store: only
the contract's columns (no ``*_ts`` columns, no full-text tables), columns without
declared types so that any value fits. Some go through the importer instead, as
Parley itself would write them. ``CORPUS`` maps a name to ``(build, expect)`` where
``expect`` is ``"opens"``, ``"problems"`` (opens, some rows skipped and listed),
``"fails"`` (a clear error naming the file) or ``"either"``.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
from collections.abc import Callable
from pathlib import Path

from db.importer import import_document
from db.schema import CONTRACT

REPO = Path(__file__).resolve().parents[2]
DEFAULT_JSON = REPO / "resources" / "default_store.json"

ARABIC = "قال المتحدث باسم الوزارة إن المحادثات كانت بنّاءة"
HEBREW = "הדובר אמר שהשיחות היו בונות"
EMOJI = "👩‍👩‍👧‍👦 talks 🇺🇦🇷🇺 🏳️‍🌈 ✊🏽"
COMBINING = "Zalgo: Z\u0351\u036b\u0343a\u0310\u0352l\u0357g\u0344o and e\u0301\u0301\u0301\u0301"
MARKUP = (
    "<b>bold</b> <i>unclosed <a href='https://evil.example/'>link</a> "
    "<img src='file:///etc/passwd'> <table><tr><td>cell</td></tr></table> "
    "&amp; &lt;qt&gt; <qt><font color=red>red</font></qt> <script>alert(1)</script>"
)


def actors() -> list[dict]:
    return [
        {"id": 1, "name": "Russia", "kind": "state", "parent_id": None},
        {"id": 2, "name": "Aleksandr Fomin", "kind": "person", "parent_id": 1},
        {"id": 3, "name": "Ukraine", "kind": "state", "parent_id": None},
        {"id": 4, "name": "Mykhaylo Podolyak", "kind": "person", "parent_id": 3},
    ]


def statements() -> list[dict]:
    return [
        {
            "id": 1,
            "actor_id": 2,
            "said": "2022-03-29T14:05",
            "precision": "minute",
            "text": "Reduce military activity near Kyiv.",
            "kind": "direct",
            "topic_id": 1,
            "stance": "supports",
        },
        {
            "id": 2,
            "actor_id": 4,
            "said": "2022-03-29",
            "precision": "day",
            "text": "Neutral if guaranteed.",
            "kind": "direct",
            "topic_id": 1,
            "stance": "conditional",
        },
        {
            "id": 3,
            "actor_id": 1,
            "said": "2022-03-01",
            "precision": "day",
            "text": "Russia will not stop.",
            "kind": "reported",
        },
    ]


def events() -> list[dict]:
    return [
        {"id": 1, "title": "Talks in Istanbul", "start": "2022-03-29", "precision": "day"},
        {"id": 2, "title": "Invasion begins", "start": "2022-02-24", "precision": "day"},
    ]


def contract_store(
    path: Path,
    *,
    actor_rows: list[dict] | None = None,
    statement_rows: list[dict] | None = None,
    event_rows: list[dict] | None = None,
    event_actor_rows: list[tuple] | None = None,
    skip_table: str | None = None,
    skip_column: tuple[str, str] | None = None,
    schema_version: object = "1",
) -> Path:
    """A store as another program writes it: contract columns only, no declared types."""
    tables = {
        "actors": actors() if actor_rows is None else actor_rows,
        "topics": [{"id": 1, "name": "Kyiv"}],
        "sources": [{"id": 1, "title": "Report", "outlet": "Wire"}],
        "events": events() if event_rows is None else event_rows,
        "statements": statements() if statement_rows is None else statement_rows,
    }
    links = [(1, 1), (1, 3), (2, 1)] if event_actor_rows is None else event_actor_rows
    conn = sqlite3.connect(path)
    for table, (required, optional) in CONTRACT.items():
        if table == skip_table:
            continue
        rows = tables.get(table, [])
        used = {key for row in rows for key in row}
        columns = [c for c in required + optional if c in required or c in used]
        columns = [c for c in columns if (table, c) != skip_column]
        conn.execute(f'CREATE TABLE "{table}" ({", ".join(f"[{c}]" for c in columns)})')
        for row in rows:
            names = [c for c in columns if c in row]
            conn.execute(
                f'INSERT INTO "{table}" ({", ".join(f"[{c}]" for c in names)}) '
                f"VALUES ({', '.join('?' * len(names))})",
                [row[c] for c in names],
            )
    if skip_table != "meta":
        if schema_version is not None:
            conn.execute("INSERT INTO meta VALUES ('schema_version', ?)", (schema_version,))
        conn.execute("INSERT INTO meta VALUES ('title', 'A bad store')")
    if skip_table != "event_actors" and (skip_column or ("", ""))[0] != "event_actors":
        conn.executemany("INSERT INTO event_actors (event_id, actor_id) VALUES (?, ?)", links)
    conn.commit()
    conn.close()
    return path


def real_store(folder: Path) -> Path:
    """The default store, written by the importer."""
    path = folder / "real.parley"
    if not path.exists():
        document = json.loads(DEFAULT_JSON.read_text(encoding="utf-8"))
        import_document(path, document, DEFAULT_JSON.name)
    return path


def imported(path: Path, document: dict) -> Path:
    import_document(path, {"parley": 1, "meta": {"title": path.stem}, **document}, path.name)
    return path


# -- the corpus ----------------------------------------------------------------------------


def zero_bytes(folder: Path) -> Path:
    path = folder / "zero.parley"
    path.write_bytes(b"")
    return path


def truncated(folder: Path) -> Path:
    path = folder / "truncated.parley"
    path.write_bytes(real_store(folder).read_bytes()[:1000])
    return path


def random_bytes(folder: Path) -> Path:
    path = folder / "random.parley"
    path.write_bytes(random.Random(7).randbytes(65536))
    return path


def sqlite_header_then_garbage(folder: Path) -> Path:
    path = folder / "header-garbage.parley"
    path.write_bytes(b"SQLite format 3\x00" + random.Random(8).randbytes(8192))
    return path


def a_folder(folder: Path) -> Path:
    path = folder / "folder.parley"
    path.mkdir()
    (path / "statements.csv").write_text("actor,said,text\n", encoding="utf-8")
    return path


def no_read_permission(folder: Path) -> Path:
    path = contract_store(folder / "unreadable.parley")
    path.chmod(0)
    return path


def other_application(folder: Path) -> Path:
    """A browser-history-like SQLite file: a database, not a Parley store."""
    path = folder / "places.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT, title TEXT)")
    conn.execute("INSERT INTO moz_places (url, title) VALUES ('https://example.org', 'Ex')")
    conn.commit()
    conn.close()
    return path


def other_application_with_meta(folder: Path) -> Path:
    """Another program's file that happens to have a ``meta`` table of its own."""
    path = folder / "other-meta.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE meta (key TEXT, value TEXT)")
    conn.execute("INSERT INTO meta VALUES ('version', '3')")
    conn.commit()
    conn.close()
    return path


def missing_table(folder: Path) -> Path:
    return contract_store(folder / "no-statements.parley", skip_table="statements")


def missing_column(folder: Path) -> Path:
    return contract_store(folder / "no-said.parley", skip_column=("statements", "said"))


def schema_too_new(folder: Path) -> Path:
    return contract_store(folder / "future.parley", schema_version="99")


def schema_version_garbage(folder: Path) -> Path:
    return contract_store(folder / "garbage-version.parley", schema_version=b"\x00\xff")


def text_in_actor_id(folder: Path) -> Path:
    rows = statements()
    rows[0]["actor_id"] = "Aleksandr Fomin"
    rows[1]["actor_id"] = 3.75
    rows[2]["actor_id"] = b"\x01\x02"
    links = [(1, "Russia"), (1, 3), ("2", 1)]
    return contract_store(
        folder / "text-actor-id.parley", statement_rows=rows, event_actor_rows=links
    )


def text_in_id(folder: Path) -> Path:
    rows = statements()
    rows[0]["id"] = "one"
    rows[1]["id"] = 2.5
    people = actors()
    people[1]["id"] = "fomin"
    people[3]["parent_id"] = "Ukraine"
    event_rows = events()
    event_rows[1]["id"] = "two"
    return contract_store(
        folder / "text-id.parley", statement_rows=rows, actor_rows=people, event_rows=event_rows
    )


def nulls_in_required(folder: Path) -> Path:
    rows = statements()
    for column in ("id", "actor_id", "said", "precision", "text", "kind"):
        rows.append({**statements()[0], "id": len(rows) + 1, column: None})
    people = [
        *actors(),
        {"id": 5, "name": None, "kind": "person"},
        {"id": None, "name": "No id", "kind": "person"},
        {"id": 6, "name": "No kind", "kind": None},
    ]
    event_rows = [
        *events(),
        {"id": 3, "title": None, "start": "2022-03-02", "precision": "day"},
        {"id": 4, "title": "No start", "start": None, "precision": "day"},
        {"id": 5, "title": "No precision", "start": "2022-03-03", "precision": None},
        {"id": None, "title": "No id", "start": "2022-03-03", "precision": "day"},
    ]
    return contract_store(
        folder / "nulls.parley", statement_rows=rows, actor_rows=people, event_rows=event_rows
    )


BAD_DATES = ["yesterday", "2022-13-45", "", "March", 20220329, 3.5, b"\x00", "2022-02-30", "  "]


def unparsable_dates(folder: Path) -> Path:
    rows = statements()
    for i, value in enumerate(BAD_DATES):
        rows.append({**statements()[0], "id": 10 + i, "said": value, "text": f"bad {i}"})
    event_rows = events() + [
        {"id": 10 + i, "title": f"bad {i}", "start": value, "precision": "day"}
        for i, value in enumerate(BAD_DATES)
    ]
    event_rows.append(
        {"id": 30, "title": "bad end", "start": "2022-03-01", "end": "later", "precision": "day"}
    )
    return contract_store(folder / "bad-dates.parley", statement_rows=rows, event_rows=event_rows)


FAR_DATES = [
    ("0001-01-01", "day"),
    ("0001", "year"),
    ("9999-12-31T23:59:59", "second"),
    ("9999", "year"),
    ("-0044-03-15", "day"),  # the Ides of March, BCE: no date Parley can read
    ("0000-01-01", "day"),
    ("10000-01-01", "day"),
    ("1969-12-31T23:59:59", "second"),
]


def far_dates(folder: Path) -> Path:
    rows = [
        {
            "id": i + 1,
            "actor_id": 1 + i % 4,
            "said": said,
            "precision": precision,
            "text": f"far {said}",
            "kind": "direct",
        }
        for i, (said, precision) in enumerate(FAR_DATES)
    ]
    event_rows = [
        {"id": i + 1, "title": f"far {start}", "start": start, "precision": precision}
        for i, (start, precision) in enumerate(FAR_DATES)
    ]
    event_rows.append(
        {"id": 50, "title": "all time", "start": "0001", "end": "9999", "precision": "year"}
    )
    return contract_store(
        folder / "far-dates.parley",
        statement_rows=rows,
        event_rows=event_rows,
        event_actor_rows=[(1, 1), (3, 3), (50, 1), (50, 3)],
    )


def own_parent(folder: Path) -> Path:
    people = actors()
    people[1]["parent_id"] = 2
    return contract_store(folder / "own-parent.parley", actor_rows=people)


def parent_cycle(folder: Path) -> Path:
    people = [
        *actors(),
        {"id": 5, "name": "A", "kind": "group", "parent_id": 7},
        {"id": 6, "name": "B", "kind": "group", "parent_id": 5},
        {"id": 7, "name": "C", "kind": "group", "parent_id": 6},
        {"id": 8, "name": "Under the cycle", "kind": "person", "parent_id": 6},
        {"id": 9, "name": "Orphan", "kind": "person", "parent_id": 999},
    ]
    rows = statements() + [
        {**statements()[0], "id": 10 + a, "actor_id": a, "text": f"from {a}"}
        for a in (5, 6, 7, 8, 9)
    ]
    return contract_store(folder / "cycle.parley", actor_rows=people, statement_rows=rows)


def many_actors(folder: Path) -> Path:
    people = [
        {
            "id": i,
            "name": f"Actor {i:05d}",
            "kind": "person" if i > 100 else "state",
            "parent_id": None if i <= 100 else 1 + i % 100,
        }
        for i in range(1, 10_001)
    ]
    rows = [
        {
            "id": i,
            "actor_id": i,
            "said": f"2022-{1 + i % 12:02d}-{1 + i % 28:02d}",
            "precision": "day",
            "text": f"statement {i}",
            "kind": "direct",
        }
        for i in range(1, 10_001)
    ]
    return contract_store(folder / "many-actors.parley", actor_rows=people, statement_rows=rows)


def huge_quotation(folder: Path) -> Path:
    rows = statements()
    words = " ".join(f"word{i % 997}" for i in range(120_000))
    rows[0]["text"] = ("Kyiv " + words)[:1_000_000]
    rows[1]["text"] = "x" * 1_000_000  # one word of a million letters
    return contract_store(folder / "huge-quote.parley", statement_rows=rows)


def right_to_left(folder: Path) -> Path:
    people = [*actors(), {"id": 5, "name": "وزارة الخارجية", "kind": "organization"}]
    people.append({"id": 6, "name": "משרד החוץ", "kind": "organization"})
    rows = [
        *statements(),
        {**statements()[0], "id": 10, "actor_id": 5, "text": ARABIC + " a"},
        {**statements()[0], "id": 11, "actor_id": 6, "text": HEBREW + " a " + ARABIC},
    ]
    event_rows = [*events(), {"id": 3, "title": ARABIC, "start": "2022-03-30", "precision": "day"}]
    return contract_store(
        folder / "rtl.parley", actor_rows=people, statement_rows=rows, event_rows=event_rows
    )


def emoji_and_combining(folder: Path) -> Path:
    people = [*actors(), {"id": 5, "name": EMOJI, "kind": "group"}]
    people.append({"id": 6, "name": COMBINING, "kind": "person", "parent_id": 5})
    rows = [
        *statements(),
        {**statements()[0], "id": 10, "actor_id": 5, "text": EMOJI * 20},
        {**statements()[0], "id": 11, "actor_id": 6, "text": COMBINING + " a"},
        {**statements()[0], "id": 12, "actor_id": 6, "text": "\u202eright-to-left override a"},
        {**statements()[0], "id": 13, "actor_id": 6, "text": "nul\x00in\x00text a \ufeff\u200b"},
    ]
    return contract_store(folder / "emoji.parley", actor_rows=people, statement_rows=rows)


def markup(folder: Path) -> Path:
    people = [*actors(), {"id": 5, "name": MARKUP, "kind": "group"}]
    rows = [
        *statements(),
        {**statements()[0], "id": 10, "actor_id": 5, "text": MARKUP, "summary": MARKUP},
    ]
    event_rows = [*events(), {"id": 3, "title": MARKUP, "start": "2022-03-30", "precision": "day"}]
    return contract_store(
        folder / "markup.parley", actor_rows=people, statement_rows=rows, event_rows=event_rows
    )


def empty_store(folder: Path) -> Path:
    return contract_store(
        folder / "empty.parley",
        actor_rows=[],
        statement_rows=[],
        event_rows=[],
        event_actor_rows=[],
    )


def statements_without_actors(folder: Path) -> Path:
    """Every statement names an actor that does not exist; events have no actors."""
    rows = [{**row, "actor_id": 100 + row["id"]} for row in statements()]
    return contract_store(
        folder / "no-actors.parley", actor_rows=[], statement_rows=rows, event_actor_rows=[]
    )


# -- written by the importer ---------------------------------------------------------------


def imported_unicode_and_markup(folder: Path) -> Path:
    return imported(
        folder / "imported-unicode.parley",
        {
            "actors": [
                {"name": ARABIC[:20], "kind": "state"},
                {"name": HEBREW[:12], "kind": "state"},
                {"name": EMOJI, "kind": "group"},
                {"name": MARKUP[:60], "kind": "person", "parent": EMOJI},
            ],
            "events": [{"title": MARKUP, "start": "2022-03-29", "actors": [EMOJI]}],
            "statements": [
                {"actor": ARABIC[:20], "said": "2022-03-29", "text": ARABIC + " a"},
                {"actor": HEBREW[:12], "said": "2022-03-30", "text": HEBREW + " a"},
                {"actor": MARKUP[:60], "said": "2022-03-31", "text": MARKUP, "summary": MARKUP},
                {"actor": EMOJI, "said": "2022-04-01", "text": COMBINING + EMOJI + " a"},
            ],
        },
    )


def imported_far_dates(folder: Path) -> Path:
    return imported(
        folder / "imported-far.parley",
        {
            "actors": [{"name": "Rome", "kind": "state"}, {"name": "Future", "kind": "state"}],
            "events": [
                {"title": "The year 1", "start": "0001-01-01", "actors": ["Rome"]},
                {"title": "All of history", "start": "0001", "end": "9999", "actors": ["Rome"]},
            ],
            "statements": [
                {"actor": "Rome", "said": "0001-03-15", "text": "a first"},
                {"actor": "Future", "said": "9999-12-31T23:59:59", "text": "a last"},
            ],
        },
    )


def imported_huge_quotation(folder: Path) -> Path:
    words = " ".join(f"word{i % 997}" for i in range(120_000))
    return imported(
        folder / "imported-huge.parley",
        {
            "actors": [{"name": "Talker", "kind": "person"}],
            "statements": [{"actor": "Talker", "said": "2022-03-29", "text": "a " + words}],
        },
    )


def imported_many_actors(folder: Path) -> Path:
    return imported(
        folder / "imported-many.parley",
        {
            "actors": [{"name": f"Actor {i}", "kind": "person"} for i in range(10_000)],
            "statements": [
                {"actor": f"Actor {i}", "said": f"2022-{1 + i % 12:02d}", "text": f"a {i}"}
                for i in range(0, 10_000, 7)
            ],
        },
    )


Build = Callable[[Path], Path]

CORPUS: dict[str, tuple[Build, str]] = {
    "zero-bytes": (zero_bytes, "fails"),
    "truncated": (truncated, "fails"),
    "random-bytes": (random_bytes, "fails"),
    "sqlite-header-then-garbage": (sqlite_header_then_garbage, "fails"),
    "folder": (a_folder, "fails"),
    "no-read-permission": (no_read_permission, "either"),
    "other-application": (other_application, "fails"),
    "other-application-with-meta": (other_application_with_meta, "fails"),
    "missing-table": (missing_table, "fails"),
    "missing-column": (missing_column, "fails"),
    "schema-too-new": (schema_too_new, "fails"),
    "schema-version-garbage": (schema_version_garbage, "fails"),
    "text-in-actor-id": (text_in_actor_id, "opens"),
    "text-in-id": (text_in_id, "problems"),
    "nulls-in-required": (nulls_in_required, "problems"),
    "unparsable-dates": (unparsable_dates, "problems"),
    "far-dates": (far_dates, "problems"),
    "own-parent": (own_parent, "problems"),
    "parent-cycle": (parent_cycle, "problems"),
    "many-actors": (many_actors, "opens"),
    "huge-quotation": (huge_quotation, "opens"),
    "right-to-left": (right_to_left, "opens"),
    "emoji-and-combining": (emoji_and_combining, "opens"),
    "markup": (markup, "opens"),
    "empty": (empty_store, "opens"),
    "statements-without-actors": (statements_without_actors, "opens"),
    "imported-unicode-and-markup": (imported_unicode_and_markup, "opens"),
    "imported-far-dates": (imported_far_dates, "opens"),
    "imported-huge-quotation": (imported_huge_quotation, "opens"),
    "imported-many-actors": (imported_many_actors, "opens"),
}


def build(name: str, folder: Path) -> Path:
    """Build corpus entry ``name`` inside ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    return CORPUS[name][0](folder)


def root_reads_anything(path: Path) -> bool:
    """True when permissions do not stop this process (root): chmod 0 still reads."""
    return os.access(path, os.R_OK)
