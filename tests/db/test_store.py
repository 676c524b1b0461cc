"""The store's read API and its errors, on real SQLite files in ``tmp_path``.

Stores come from the shared fixtures (``small_store_path``: Russia with Fomin under it,
Ukraine with Podolyak, Turkey; three events, three statements) or are written here
with plain ``sqlite3``, as another program would write them.
"""

from __future__ import annotations

import hashlib
import os
import random
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from db import errors, open_store, parse_date
from db.dates import to_seconds
from db.importer import import_document
from db.model import MATCH_END, MATCH_START
from db.positions import positions_of, stance_cells, stance_matrix
from db.schema import CONTRACT
from db.timeindex import KIND_EVENT, KIND_STATEMENT, NO_ACTOR
from db.validate import validate


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def seconds(text: str) -> int:
    return to_seconds(datetime.fromisoformat(text))


def window(store, start: str, end: str) -> list[tuple[int, int, int]]:
    """(kind, row id, actor id) of the items overlapping [start, end), in index order."""
    index = store.index
    rows = index.window(seconds(start), seconds(end)).tolist()
    return [(int(index.kind[i]), int(index.rid[i]), int(index.actor[i])) for i in rows]


def contract_store(
    path: Path,
    *,
    skip_table: str | None = None,
    skip_column: tuple[str, str] | None = None,
    schema_version: str | None = "1",
) -> Path:
    """A store as another program writes it: only the contract's required columns,
    no Parley extras (no ``*_ts`` columns, no indexes, no full-text tables)."""
    conn = sqlite3.connect(path)
    for table, (required, _optional) in CONTRACT.items():
        if table == skip_table:
            continue
        columns = [c for c in required if (table, c) != skip_column]
        conn.execute(f'CREATE TABLE "{table}" ({", ".join(f"[{c}]" for c in columns)})')
    if schema_version is not None and skip_table != "meta":
        conn.execute("INSERT INTO meta VALUES ('schema_version', ?)", (schema_version,))
    conn.commit()
    conn.close()
    return path


def foreign_store(path: Path) -> Path:
    """A minimal store with a few rows, written without Parley."""
    contract_store(path)
    conn = sqlite3.connect(path)
    conn.executemany(
        "INSERT INTO actors VALUES (?, ?, ?)", [(1, "Russia", "state"), (2, "Ukraine", "state")]
    )
    conn.execute("INSERT INTO events VALUES (1, 'Talks in Istanbul', '2022-03-29', 'day')")
    conn.executemany("INSERT INTO event_actors VALUES (1, ?)", [(1,), (2,)])
    conn.executemany(
        "INSERT INTO statements VALUES (?, ?, ?, ?, ?, ?)",
        [
            (1, 1, "2022-03-29", "day", "We will reduce military activity", "direct"),
            (2, 2, "2022-03", "month", "Reductions are not trusted", "reported"),
            (3, 2, "2022-02-24T05:00", "minute", "The invasion has begun", "reported"),
        ],
    )
    conn.commit()
    conn.close()
    return path


@pytest.fixture
def store(small_store_path):
    with open_store(small_store_path) as opened:
        yield opened


def actor_id(store, name: str) -> int:
    (found,) = [a.id for a in store.actors() if a.name == name]
    return found


def topic_id(store, name: str) -> int:
    (found,) = [t.id for t in store.topics() if t.name == name]
    return found


# --- read-only --------------------------------------------------------------------------


def exercise(store) -> None:
    """Every kind of query the viewer makes."""
    store.actors()
    store.sides()
    store.topics()
    store.extent()
    store.stats()
    store.index.window(seconds("2000-01-01"), seconds("2030-01-01"))
    for actor in store.actors():
        positions_of(store, actor.id)
    stance_matrix(store, [a.id for a in store.actors()])
    for word in ("reduce", "talks", "kyiv", "nothing-matches-this"):
        store.search(word)
    store.event(1)
    store.statement(1)
    store.statements_of_event(1)
    validate(store)


def test_opening_and_querying_never_changes_the_file(small_store_path):
    before, files = digest(small_store_path), sorted(os.listdir(small_store_path.parent))
    store = open_store(small_store_path)
    exercise(store)
    store.close()
    assert digest(small_store_path) == before
    assert sorted(os.listdir(small_store_path.parent)) == files  # no journal, no WAL left


def test_connection_is_read_only(store):
    with pytest.raises(errors.StoreError, match="readonly"):
        store.query("INSERT INTO topics(name) VALUES ('written')")
    with pytest.raises(errors.StoreError, match="readonly"):
        store.query("CREATE TABLE scratch(a)")


def test_a_store_can_be_opened_twice_at_once(small_store_path):
    with open_store(small_store_path) as first, open_store(small_store_path) as second:
        assert first.stats().counts == second.stats().counts


# --- what the store holds ---------------------------------------------------------------


def test_title_and_meta(store):
    assert store.title == "Small"
    assert store.meta["schema_version"] == "2"


def test_extent_spans_first_start_to_last_end(store):
    # Crimea annexed "2014-03" (a month) ... talks and statements on 29 March 2022
    assert store.extent() == (seconds("2014-03-01"), seconds("2022-03-30"))


def test_stats_counts(store):
    stats = store.stats()
    assert stats.counts == {"actors": 5, "topics": 2, "sources": 1, "events": 3, "statements": 3}
    assert (stats.first, stats.last) == ("2014-03-01 00:00:00", "2022-03-30 00:00:00")


def test_actors_belong_to_their_side(store):
    russia, fomin = (
        store.actor(actor_id(store, "Russia")),
        store.actor(actor_id(store, "Aleksandr Fomin")),
    )
    assert fomin.side_id == russia.id
    assert fomin.parent_id == russia.id
    assert not fomin.is_side
    assert russia.side_id == russia.id and russia.parent_id is None and russia.is_side
    assert russia.kind == "state" and russia.aliases == ("Moscow",)
    assert fomin.aliases == ("Fomin",)


def test_sides_and_members(store):
    assert [a.name for a in store.sides()] == ["Russia", "Turkey", "Ukraine"]
    assert [a.name for a in store.members(actor_id(store, "Russia"))] == ["Aleksandr Fomin"]
    assert [a.name for a in store.members(actor_id(store, "Ukraine"))] == ["Mykhaylo Podolyak"]
    assert store.members(actor_id(store, "Turkey")) == []
    # sides first, then everyone else, each by name
    assert [a.name for a in store.actors()] == [
        "Russia",
        "Turkey",
        "Ukraine",
        "Aleksandr Fomin",
        "Mykhaylo Podolyak",
    ]


def test_members_at_any_depth(tmp_path):
    path = tmp_path / "deep.parley"
    import_document(
        path,
        {
            "actors": [
                {"name": "Russia", "kind": "state"},
                {"name": "Ministry of Defence", "kind": "organization", "parent": "Russia"},
                {"name": "Aleksandr Fomin", "parent": "Ministry of Defence"},
            ]
        },
    )
    with open_store(path) as store:
        russia = actor_id(store, "Russia")
        fomin = store.actor(actor_id(store, "Aleksandr Fomin"))
        assert fomin.side_id == russia
        assert fomin.parent_id == actor_id(store, "Ministry of Defence")
        assert [a.name for a in store.members(russia)] == [
            "Aleksandr Fomin",
            "Ministry of Defence",
        ]
        assert store.descendants(russia) == {a.id for a in store.actors()}


def test_topics(store):
    assert [t.name for t in store.topics()] == ["Kyiv", "Neutrality"]
    assert store.topic(topic_id(store, "Kyiv")).name == "Kyiv"
    assert store.topic(None) is None


def test_topic_texts_are_the_newest_statements_of_each_topic_bounded(tmp_path):
    path = tmp_path / "filed.parley"
    said = [{"actor": "Russia", "said": f"2022-03-{day:02d}", "text": f"Point number {day}.",
             "kind": "direct", "topic": "Kyiv", "summary": f"Summary {day}."}
            for day in range(1, 8)]
    import_document(path, {"actors": [{"name": "Russia", "kind": "state"}],
                           "topics": [{"name": "Kyiv"}, {"name": "Empty"}], "statements": said})
    with open_store(path) as store:
        kyiv = topic_id(store, "Kyiv")
        assert store.topic_texts(per_topic=3) == {
            kyiv: ["Point number 7. Summary 7.", "Point number 6. Summary 6.",
                   "Point number 5. Summary 5."]}
        assert len(store.topic_texts()[kyiv]) == 7


def test_event_and_statement_records(store):
    event = store.event(1)
    assert event.title == "Talks in Istanbul"
    assert event.when == parse_date("2022-03-29")
    assert event.source.outlet == "Wire"
    assert {store.actor(a).name: role for a, role in event.actors} == {
        "Russia": "participant",
        "Ukraine": "participant",
        "Turkey": "host",
    }
    statement = store.statement(3)
    assert statement.when == parse_date("~2022-03-29")
    assert statement.when.approximate
    assert statement.text == "Neutral <b>if</b> guaranteed."  # stored as given, not as HTML
    assert store.event(999) is None and store.statement(999) is None
    assert [s.id for s in store.statements_of_event(1)] == [3, 1]  # 29 Mar (day) before 14:05


# --- the time index ---------------------------------------------------------------------


def test_an_event_with_three_actors_is_three_rows(store):
    rows = store.index.find(KIND_EVENT, 1)
    assert len(rows) == 3
    names = {store.actor(int(store.index.actor[i])).name for i in rows}
    assert names == {"Russia", "Ukraine", "Turkey"}


def test_window_holds_what_happened_that_day(store):
    russia, ukraine, turkey = (actor_id(store, n) for n in ("Russia", "Ukraine", "Turkey"))
    fomin, podolyak = actor_id(store, "Aleksandr Fomin"), actor_id(store, "Mykhaylo Podolyak")
    items = window(store, "2022-03-29", "2022-03-30")
    assert sorted(items) == sorted(
        [
            (KIND_EVENT, 1, russia),
            (KIND_EVENT, 1, ukraine),
            (KIND_EVENT, 1, turkey),
            (KIND_STATEMENT, 1, fomin),
            (KIND_STATEMENT, 3, podolyak),
        ]
    )
    # in time order: the day-precision items start at midnight, Fomin's at 14:05
    assert items[-1] == (KIND_STATEMENT, 1, fomin)


def test_a_day_does_not_leak_into_the_next_or_previous_day(store):
    assert window(store, "2022-03-30", "2022-03-31") == []
    assert window(store, "2022-03-28", "2022-03-29") == []  # windows are half-open
    assert window(store, "2022-03-29T23:59:59", "2022-03-30") != []


def test_a_minute_is_only_in_its_minute(store):
    fomin = actor_id(store, "Aleksandr Fomin")
    inside = window(store, "2022-03-29T14:05:30", "2022-03-29T14:05:31")
    assert (KIND_STATEMENT, 1, fomin) in inside
    later = window(store, "2022-03-29T14:06", "2022-03-29T14:07")
    assert (KIND_STATEMENT, 1, fomin) not in later


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2014-03-01", "2014-03-02"),
        ("2014-03-15T12:00", "2014-03-15T12:01"),
        ("2014-03-31T23:00", "2014-04-01"),
        ("2014-02-28", "2014-04-15"),
    ],
)
def test_a_month_overlaps_any_window_inside_it(store, start, end):
    assert window(store, start, end) == [(KIND_EVENT, 3, actor_id(store, "Russia"))]


def test_a_month_ends_with_its_month(store):
    assert window(store, "2014-04-01", "2014-04-02") == []
    assert window(store, "2014-02-27", "2014-03-01") == []


def test_window_agrees_with_a_plain_scan(tmp_path):
    """Many items at every precision: the bisecting window equals checking every item."""
    rng = random.Random(7)
    events, expected = [], []
    for number in range(1, 301):
        precision = rng.choice(["year", "month", "day", "hour", "minute"])
        moment = datetime(2000, 1, 1) + (datetime(2024, 1, 1) - datetime(2000, 1, 1)) * rng.random()
        text = {
            "year": f"{moment:%Y}",
            "month": f"{moment:%Y-%m}",
            "day": f"{moment:%Y-%m-%d}",
            "hour": f"{moment:%Y-%m-%dT%H}",
            "minute": f"{moment:%Y-%m-%dT%H:%M}",
        }[precision]
        events.append({"id": number, "title": f"Event {number}", "start": text, "actors": []})
        expected.append((number, *parse_date(text).span_seconds()))
    path = tmp_path / "many.parley"
    import_document(path, {"events": events})
    with open_store(path) as store:
        assert len(store.index) == 300
        for _ in range(200):
            a = seconds("1999-06-01") + rng.randrange(26 * 365 * 86400)
            b = a + rng.choice([60, 3600, 86400, 30 * 86400, 400 * 86400])
            got = [int(store.index.rid[i]) for i in store.index.window(a, b)]
            assert sorted(got) == sorted(rid for rid, t0, t1 in expected if t0 < b and t1 > a)
            assert got == sorted(got, key=lambda rid: expected[rid - 1][1])  # time order
            assert all(store.index.actor[i] == NO_ACTOR for i in store.index.window(a, b))


# --- positions and the stance matrix ----------------------------------------------------


def test_positions_of_a_side_include_its_members_in_time_order(store):
    russia = actor_id(store, "Russia")
    (position,) = positions_of(store, russia)
    assert position.topic.name == "Kyiv"
    # Russia itself on 1 March, then Fomin (under Russia) on 29 March
    assert [(s.id, s.stance) for s in position.statements] == [(2, "opposes"), (1, "supports")]
    assert [store.actor(s.actor_id).name for s in position.statements] == [
        "Russia",
        "Aleksandr Fomin",
    ]
    assert position.changes == (1,)  # the news: opposes -> supports
    assert position.current.id == 1


def test_positions_of_a_member_exclude_its_side(store):
    (position,) = positions_of(store, actor_id(store, "Aleksandr Fomin"))
    assert [s.id for s in position.statements] == [1]
    assert position.changes == ()


def test_no_change_without_a_change_of_stance(tmp_path, small_document):
    small_document["statements"].append(
        {
            "actor": "Russia",
            "said": "2022-03-30",
            "text": "Still reducing.",
            "topic": "Kyiv",
            "stance": "supports",
        }
    )
    small_document["statements"].append(
        {"actor": "Russia", "said": "2022-03-31", "text": "No comment.", "topic": "Kyiv"}
    )
    path = tmp_path / "more.parley"
    import_document(path, small_document)
    with open_store(path) as store:
        (position,) = positions_of(store, actor_id(store, "Russia"))
        assert [s.stance for s in position.statements] == [
            "opposes",
            "supports",
            "supports",
            None,
        ]
        assert position.changes == (1,)
        assert position.current.text == "Still reducing."  # the latest with a stance


def test_positions_as_of_a_date_exclude_later_statements(store):
    russia = actor_id(store, "Russia")
    (before,) = positions_of(store, russia, as_of=parse_date("2022-03-28"))
    assert [s.id for s in before.statements] == [2]
    assert before.changes == ()
    assert before.current.stance == "opposes"
    # "as of 29 March" covers the whole day, 14:05 included
    (that_day,) = positions_of(store, russia, as_of=parse_date("2022-03-29"))
    assert [s.id for s in that_day.statements] == [2, 1]
    (that_minute,) = positions_of(store, russia, as_of=parse_date("2022-03-29T14:04"))
    assert [s.id for s in that_minute.statements] == [2]
    assert positions_of(store, russia, as_of=parse_date("2022-02")) == []


def test_stance_matrix(store):
    russia, ukraine, turkey = (actor_id(store, n) for n in ("Russia", "Ukraine", "Turkey"))
    kyiv, neutrality = topic_id(store, "Kyiv"), topic_id(store, "Neutrality")
    cells = stance_matrix(store, [russia, ukraine, turkey])
    assert {key: s.stance for key, s in cells.items()} == {
        (russia, kyiv): "supports",
        (ukraine, neutrality): "conditional",
    }
    earlier = stance_matrix(store, [russia, ukraine], as_of=parse_date("2022-03-15"))
    assert {key: s.stance for key, s in earlier.items()} == {(russia, kyiv): "opposes"}


# --- search -----------------------------------------------------------------------------


@pytest.mark.parametrize("as_of", [None, "2022-03-10", "2022-03-29", "2022-02"])
def test_matrix_cells_agree_with_the_store(small_store_path, default_store_path, as_of):
    when = parse_date(as_of) if as_of else None
    for path in (small_store_path, default_store_path):
        store = open_store(path)
        ids = [a.id for a in store.actors()]
        expected = {key: s.id for key, s in stance_matrix(store, ids, when).items()}
        assert stance_cells(store, ids, when) == expected
        store.close()


def hits(store, text):
    return [(h.kind, h.id) for h in store.search(text)]


def test_search_finds_statements_and_events_by_word_prefix(store):
    assert hits(store, "reduce") == [("statement", 1)]
    assert hits(store, "redu") == [("statement", 1)]
    assert hits(store, "REDUCE") == [("statement", 1)]
    assert hits(store, "talks") == [("event", 1)]
    assert hits(store, "Istan") == [("event", 1)]
    assert hits(store, "military kyiv") == [("statement", 1)]  # every word must occur
    assert hits(store, "military crimea") == []
    (hit,) = store.search("reduce")
    assert hit.actor_id == actor_id(store, "Aleksandr Fomin")
    assert hit.start == seconds("2022-03-29T14:05")
    assert f"{MATCH_START}Reduce{MATCH_END}" in hit.snippet


def test_search_results_are_in_time_order(tmp_path):
    path = tmp_path / "ceasefire.parley"
    import_document(
        path,
        {
            "events": [{"title": "Ceasefire talks", "start": "2021-06"}],
            "statements": [
                {"actor": "A", "said": "2022-05-01", "text": "A ceasefire now."},
                {"actor": "B", "said": "2021-01-15", "text": "No ceasefire."},
                {"actor": "C", "said": "2022-03-01T10:00", "text": "Ceasefires fail."},
            ],
        },
    )
    with open_store(path) as store:
        found = store.search("ceasefire")
        assert [h.start for h in found] == sorted(h.start for h in found)
        texts = [
            store.event(h.id).title if h.kind == "event" else store.statement(h.id).text
            for h in found
        ]
        assert texts == ["No ceasefire.", "Ceasefire talks", "Ceasefires fail.", "A ceasefire now."]


ODD_QUERIES = [
    *('"', "'", "*", "(", ")", "^", "-", ":", "«»", "\x00", "", "   ", "ü" * 500),
    *("AND", "OR", "NOT", "NEAR(", "kyiv AND", "text:kyiv", "(kyiv", "kyiv*", '"kyiv"', 'kyiv"'),
]


@pytest.mark.parametrize("text", ODD_QUERIES)
def test_search_takes_any_text_without_error(store, text):
    found = store.search(text)
    assert isinstance(found, list)


def test_search_ignores_query_syntax(store):
    plain = hits(store, "kyiv")
    assert plain == [("statement", 1)]
    for text in ('"kyiv"', "kyiv*", "(kyiv", "kyiv)", "^kyiv", "kyiv:"):
        assert hits(store, text) == plain, text
    assert hits(store, "") == []
    assert hits(store, '" * ( )') == []


def test_search_in_text_that_looks_like_html(store):
    assert hits(store, "guaranteed") == [("statement", 3)]


# --- a store written by another program ------------------------------------------------


def test_store_with_only_the_contract_columns(tmp_path):
    path = foreign_store(tmp_path / "foreign.sqlite")
    before, files = digest(path), sorted(os.listdir(tmp_path))
    with open_store(path) as store:
        assert store.problems == []
        assert store.title == "foreign"  # no title in meta: the file name
        assert [a.name for a in store.sides()] == ["Russia", "Ukraine"]
        assert len(store.index) == 5  # event x 2 actors + 3 statements
        assert store.extent() == (seconds("2022-02-24T05:00"), seconds("2022-04-01"))
        assert sorted(window(store, "2022-03-29", "2022-03-30")) == [
            (KIND_EVENT, 1, 1),
            (KIND_EVENT, 1, 2),
            (KIND_STATEMENT, 1, 1),
            (KIND_STATEMENT, 2, 2),  # the month of March covers the 29th
        ]
        # search builds its full-text index in memory
        assert [(h.kind, h.id) for h in store.search("redu")] == [
            ("statement", 2),  # March 2022 starts before 29 March
            ("statement", 1),
        ]
        assert [(h.kind, h.id) for h in store.search("talks")] == [("event", 1)]
        assert [(h.kind, h.id) for h in store.search("invasion")] == [("statement", 3)]
        (position,) = positions_of(store, 2)
        assert position.topic is None
        assert [s.id for s in position.statements] == [3, 2]
        assert store.statement(1).text == "We will reduce military activity"
        assert store.event(1).actors == ((1, "participant"), (2, "participant"))
        assert store.statements_of_event(1) == []
        assert store.stats().counts["statements"] == 3
        assert validate(store) == []
    assert digest(path) == before
    assert sorted(os.listdir(tmp_path)) == files


def test_store_with_parley_columns_left_empty_by_another_program(small_store_path):
    """Rows added later by another program have no ``said_ts``: read from the text."""
    conn = sqlite3.connect(small_store_path)
    conn.execute(
        "INSERT INTO statements(id, actor_id, said, precision, text, kind) "
        "VALUES (50, 3, '2022-04', 'month', 'Added by a script', 'reported')"
    )
    conn.commit()
    conn.close()
    with open_store(small_store_path) as store:
        assert store.problems == []
        assert (KIND_STATEMENT, 50, 3) in window(store, "2022-04-10", "2022-04-11")
        assert hits(store, "script") == [("statement", 50)]


# --- rows that cannot be read are problems, not failures --------------------------------


def test_unreadable_date_is_a_problem_and_the_row_is_skipped(tmp_path):
    path = foreign_store(tmp_path / "foreign.sqlite")
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO statements VALUES (4, 1, 'March 32, 2022', 'day', 'bad date', 'direct')"
    )
    conn.execute("INSERT INTO events VALUES (2, 'Bad event', 'tomorrow', 'day')")
    conn.executemany("INSERT INTO event_actors VALUES (2, ?)", [(1,), (2,)])
    conn.commit()
    conn.close()
    with open_store(path) as store:
        found = {(p.table, p.row_id, p.column, p.value) for p in store.problems}
        assert found == {
            ("statements", 4, "said", "March 32, 2022"),
            ("events", 2, "start", "tomorrow"),  # once, though it has two actors
        }
        assert len(store.problems) == 2
        assert len(store.index.find(KIND_STATEMENT, 4)) == 0
        assert len(store.index.find(KIND_EVENT, 2)) == 0
        assert len(store.index) == 5  # the good rows are all there
        assert store.statement(4) is None
        assert 4 not in [s.id for p in positions_of(store, 1) for s in p.statements]
        messages = [str(problem) for problem in store.problems]
        assert any(m.startswith("statements 4: said 'March 32, 2022'") for m in messages)


def test_unreadable_end_date_names_the_end_column(tmp_path):
    path = tmp_path / "ends.sqlite"
    contract_store(path)
    conn = sqlite3.connect(path)
    conn.execute('ALTER TABLE events ADD COLUMN "end"')
    conn.execute("INSERT INTO events VALUES (1, 'Siege', '2022-03-01', 'day', 'the 40th')")
    conn.commit()
    conn.close()
    with open_store(path) as store:
        assert [(p.table, p.row_id, p.column, p.value) for p in store.problems] == [
            ("events", 1, "end", "the 40th")
        ]


def test_empty_store_is_valid(tmp_path):
    document = tmp_path / "empty.json"
    document.write_text('{"parley": 1}', encoding="utf-8")
    from db import import_files

    import_files([document], tmp_path / "empty.parley")
    with open_store(tmp_path / "empty.parley") as store:
        assert store.problems == []
        assert validate(store) == []
        assert store.actors() == [] and store.topics() == []
        assert store.extent() is None
        assert len(store.index) == 0
        assert len(store.index.window(0, 10**10)) == 0
        assert store.search("anything") == []
        assert positions_of(store, 1) == []
        assert store.stats().counts == dict.fromkeys(
            ("actors", "topics", "sources", "events", "statements"), 0
        )


# --- stores that cannot be opened -------------------------------------------------------


def truncated(path: Path, small_store_path: Path) -> Path:
    data = small_store_path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def other_application(path: Path, _small: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE songs(id INTEGER PRIMARY KEY, title TEXT)")
    conn.execute("INSERT INTO songs(title) VALUES ('Kalinka')")
    conn.commit()
    conn.close()
    return path


def meta_without_version(path: Path, _small: Path) -> Path:
    contract_store(path, schema_version=None)
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO meta VALUES ('title', 'No version')")
    conn.commit()
    conn.close()
    return path


def write_bytes(data: bytes):
    def make(path: Path, _small: Path) -> Path:
        path.write_bytes(data)
        return path

    return make


def folder(path: Path, _small: Path) -> Path:
    path.mkdir()
    return path


CANNOT_OPEN = [
    ("missing", lambda path, _small: path, errors.NoSuchFile, "no such file"),
    ("folder", folder, errors.IsAFolder, "folder"),
    ("zero bytes", write_bytes(b""), errors.NotSQLite, "empty"),
    ("random bytes", write_bytes(random.Random(1).randbytes(8192)), errors.NotSQLite, "not an"),
    ("text file", write_bytes(b"who said what\n"), errors.NotSQLite, "not an SQLite"),
    ("truncated", truncated, errors.NotSQLite, "damaged"),
    ("another application", other_application, errors.NotAStore, "not a Parley store"),
    ("meta without version", meta_without_version, errors.NotAStore, "schema_version"),
    (
        "missing table",
        lambda p, _s: contract_store(p, skip_table="event_actors"),
        errors.MissingColumns,
        "table event_actors",
    ),
    (
        "missing column",
        lambda p, _s: contract_store(p, skip_column=("statements", "said")),
        errors.MissingColumns,
        "statements.said",
    ),
    (
        "unreadable version",
        lambda p, _s: contract_store(p, schema_version="one"),
        errors.NotAStore,
        "'one'",
    ),
    (
        "newer schema",
        lambda p, _s: contract_store(p, schema_version="99"),
        errors.SchemaTooNew,
        "99",
    ),
]


@pytest.mark.parametrize(
    ("make", "error_class", "words"),
    [case[1:] for case in CANNOT_OPEN],
    ids=[case[0] for case in CANNOT_OPEN],
)
def test_cannot_open_says_why(tmp_path, small_store_path, make, error_class, words):
    path = make(tmp_path / "store.parley", small_store_path)
    with pytest.raises(error_class) as caught:
        open_store(path)
    error = caught.value
    assert isinstance(error, errors.StoreError)
    assert error.path == str(path)
    assert words in error.reason
    assert str(error) == f"{path}: {error.reason}"
    assert "\n" not in str(error)


def test_newer_schema_message_says_what_to_do(tmp_path):
    path = contract_store(tmp_path / "future.parley", schema_version="99")
    with pytest.raises(errors.SchemaTooNew, match="update Parley"):
        open_store(path)


def test_opening_a_bad_file_leaves_it_alone(tmp_path, small_store_path):
    path = contract_store(tmp_path / "future.parley", schema_version="99")
    before = digest(path)
    with pytest.raises(errors.SchemaTooNew):
        open_store(path)
    assert digest(path) == before
    assert sorted(os.listdir(tmp_path)) == sorted(["future.parley", small_store_path.name])


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a non-root POSIX user")
def test_unreadable_file(small_store_path):
    small_store_path.chmod(0)
    try:
        with pytest.raises(errors.NotReadable) as caught:
            open_store(small_store_path)
        assert caught.value.path == str(small_store_path)
    finally:
        small_store_path.chmod(0o644)


def test_every_truncation_is_a_clear_error(tmp_path, small_store_path):
    """Cut anywhere, a store fails to open with a StoreError, never something else."""
    data = small_store_path.read_bytes()
    for cut in range(1, len(data), 997):
        path = tmp_path / f"cut-{cut}.parley"
        path.write_bytes(data[:cut])
        try:
            with open_store(path) as store:
                exercise(store)
        except errors.StoreError as error:
            assert error.path == str(path)
