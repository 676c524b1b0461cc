"""Import (JSON and CSV) and dump: one transaction, clear errors, idempotent, round trips."""

from __future__ import annotations

import copy
import hashlib
import json
import os
import sqlite3
from pathlib import Path

import pytest

from db import errors, import_document, import_files, open_store
from db.formats import dump, dump_text
from db.schema import CONTRACT
from db.validate import validate


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_json(path: Path, document: dict, indent: int | None = 2) -> Path:
    path.write_text(json.dumps(document, indent=indent, ensure_ascii=False), encoding="utf-8")
    return path


def counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in CONTRACT}
    finally:
        conn.close()


def contract_rows(path: Path) -> dict[str, list[tuple]]:
    """Every row of every contract table, contract columns only, in a stable order."""
    conn = sqlite3.connect(path)
    try:
        rows = {}
        for table, (required, optional) in CONTRACT.items():
            columns = ", ".join(f'"{c}"' for c in required + optional)
            rows[table] = sorted(
                conn.execute(f'SELECT {columns} FROM "{table}"').fetchall(), key=repr
            )
        return rows
    finally:
        conn.close()


def dump_of(path: Path) -> dict:
    with open_store(path) as store:
        return dump(store)


# --- JSON -------------------------------------------------------------------------------


def test_json_import(tmp_path, small_document):
    source = write_json(tmp_path / "small.json", small_document)
    report = import_files([source], tmp_path / "small.parley")
    assert report.added == {"sources": 1, "actors": 5, "topics": 2, "events": 3, "statements": 3,
                            "appearances": 2, "relations": 0}
    assert str(report) == (
        "added 1 sources, 5 actors, 2 topics, 3 events, 3 statements, 2 appearances"
    )
    with open_store(tmp_path / "small.parley") as store:
        assert store.title == "Small"
        assert validate(store) == []
        fomin = store.statement(1)
        assert fomin.when.text == "2022-03-29T14:05" and fomin.when.precision == "minute"
        assert store.actor(fomin.actor_id).name == "Aleksandr Fomin"
        assert store.topic(fomin.topic_id).name == "Kyiv"
        assert (fomin.stance, fomin.kind, fomin.event_id) == ("supports", "direct", 1)
        assert fomin.source.title == "Report"
        podolyak = store.statement(3)
        assert podolyak.when.approximate and podolyak.when.text == "2022-03-29"
    assert counts(tmp_path / "small.parley")["event_actors"] == 5


def test_json_written_dates_and_aliases(tmp_path):
    path = tmp_path / "store.parley"
    import_document(
        path,
        {
            "actors": [{"name": "Russia", "kind": "state", "aliases": ["Moscow", "Kremlin"]}],
            "events": [
                {"title": "Talks", "start": "29 March 2022", "end": "March 30, 2022"},
                {"title": "Spring", "start": "around March 2022", "actors": ["Moscow"]},
            ],
            "statements": [
                {"actor": "Kremlin", "said": "c. 2022", "text": "Vague.", "span": [3, 9]},
                {"actor": "Russia", "said": "2022-03", "text": "Flagged.", "approximate": True},
            ],
        },
    )
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT start, end, precision, approximate FROM events").fetchall() == [
        ("2022-03-29", "2022-03-30", "day", 0),
        ("2022-03", None, "month", 1),
    ]
    assert conn.execute(
        "SELECT a.name, s.said, s.precision, s.approximate, s.span_start, s.span_end "
        "FROM statements s JOIN actors a ON a.id = s.actor_id ORDER BY s.id"
    ).fetchall() == [
        ("Russia", "2022", "year", 1, 3, 9),  # "Kremlin" is an alias of Russia
        ("Russia", "2022-03", "month", 1, None, None),
    ]
    assert conn.execute("SELECT count(*) FROM actors").fetchone()[0] == 1
    conn.close()


def test_unknown_names_are_created(tmp_path):
    path = tmp_path / "store.parley"
    import_document(
        path,
        {"statements": [{"actor": "Nobody Known", "said": "2022", "text": "Hi.", "topic": "New"}]},
    )
    with open_store(path) as store:
        (actor,) = store.actors()
        assert (actor.name, actor.kind) == ("Nobody Known", "other")
        assert [t.name for t in store.topics()] == ["New"]


def test_empty_document_makes_an_empty_valid_store(tmp_path):
    path = tmp_path / "empty.parley"
    report = import_files([write_json(tmp_path / "empty.json", {"parley": 1})], path)
    assert report.total() == 0
    assert counts(path) == {**dict.fromkeys(CONTRACT, 0), "meta": 2}
    with open_store(path) as store:
        assert store.meta["schema_version"] == "2"
        assert validate(store) == []


# --- CSV --------------------------------------------------------------------------------


def write_csv_set(folder: Path) -> list[Path]:
    """The five CSV files of docs/format.md, with every documented column."""
    files = {
        "sources.csv": "id,title,outlet,url,published\n"
        "1,Russia says it will scale down,RFE/RL,https://example.org/a,2022-03-29\n",
        "actors.csv": "name,kind,parent,aliases,id\n"
        "Russia,state,,Moscow;Kremlin,1\n"
        "Aleksandr Fomin,person,Russia,Fomin,2\n"
        "Ukraine,state,,Kyiv government,3\n"
        "Mykhaylo Podolyak,,Ukraine,,4\n",
        "topics.csv": "name,description,id\nNeutrality,Ukraine's status,1\nKyiv,,2\n",
        "events.csv": "title,start,end,description,approximate,location,source,actors,id\n"
        'Talks in Istanbul,2022-03-29,,"Talks, second round",0,Istanbul,1,'
        "Russia;Ukraine;Turkey:host,1\n"
        "Shelling,c. 2022-03,,,,,,Russia:participant,2\n",
        "statements.csv": "actor,said,text,kind,topic,stance,summary,source,event,approximate,id\n"
        'Fomin,2022-03-29,"Reduce activity, sharply.",direct,Kyiv,supports,Cut,1,1,,1\n'
        'Mykhaylo Podolyak,29 March 2022,"Guarantees,\nlike Article 5.",reported,'
        "Neutrality,conditional,,1,1,yes,2\n"
        "Kremlin,2022-03-30,Nothing promising.,,Kyiv,skeptical,,,,no,3\n",
    }
    paths = []
    for name, text in files.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def test_csv_import(tmp_path):
    path = tmp_path / "csv.parley"
    report = import_files(write_csv_set(tmp_path), path)
    # Turkey is named in events.csv only: created
    assert report.added == {"sources": 1, "actors": 5, "topics": 2, "events": 2, "statements": 3,
                            "appearances": 2, "relations": 0}
    with open_store(path) as store:
        assert validate(store) == []
        by_name = {a.name: a for a in store.actors()}
        assert by_name["Russia"].aliases == ("Moscow", "Kremlin")
        assert by_name["Aleksandr Fomin"].side_id == by_name["Russia"].id
        assert by_name["Mykhaylo Podolyak"].kind == "person"  # the default kind
        assert by_name["Turkey"].kind == "other"
        talks = store.event(1)
        assert talks.description == "Talks, second round" and talks.location == "Istanbul"
        assert talks.source.outlet == "RFE/RL"
        assert {store.actor(a).name: role for a, role in talks.actors} == {
            "Russia": "participant",
            "Ukraine": "participant",
            "Turkey": "host",
        }
        assert store.event(2).when.approximate and store.event(2).when.precision == "month"
        fomin, podolyak, kremlin = store.statement(1), store.statement(2), store.statement(3)
        assert fomin.text == "Reduce activity, sharply." and fomin.event_id == 1
        assert podolyak.text == "Guarantees,\nlike Article 5."
        assert podolyak.when.text == "2022-03-29" and podolyak.when.approximate
        assert (podolyak.kind, podolyak.stance) == ("reported", "conditional")
        assert kremlin.actor_id == by_name["Russia"].id  # by alias
        assert kremlin.kind == "direct" and not kremlin.when.approximate


def test_csv_file_named_with_a_prefix(tmp_path):
    path = tmp_path / "talks-statements.csv"
    path.write_text("actor,said,text\nRussia,2022-03-29,Hello.\n", encoding="utf-8")
    report = import_files([path], tmp_path / "store.parley")
    assert report.added["statements"] == 1


def test_csv_error_names_file_and_line(tmp_path):
    path = tmp_path / "statements.csv"
    path.write_text(
        "actor,said,text\n"
        "Russia,2022-03-01,fine\n"
        'Russia,2022-03-02,"a text\nover two lines"\n'
        "Russia,tomorrow,bad date\n",
        encoding="utf-8",
    )
    with pytest.raises(errors.ImportProblem) as caught:
        import_files([path], tmp_path / "store.parley")
    error = caught.value
    assert error.line == 5  # the physical line, counting the quoted line break
    assert error.field == "statements[2].said"
    assert str(error).startswith(f"{path}:5: statements[2].said: 'tomorrow'")
    assert not (tmp_path / "store.parley").exists()


def test_csv_error_in_the_second_file_names_that_file(tmp_path):
    actors = tmp_path / "actors.csv"
    actors.write_text("name,kind\nRussia,state\n", encoding="utf-8")
    events = tmp_path / "events.csv"
    events.write_text("title,start\nTalks,2022-03-29\nBroken,\n", encoding="utf-8")
    with pytest.raises(errors.ImportProblem) as caught:
        import_files([actors, events], tmp_path / "store.parley")
    assert caught.value.path == str(events)
    assert caught.value.line == 3
    assert "events[1].start" in str(caught.value) and "required" in str(caught.value)
    assert not (tmp_path / "store.parley").exists()  # actors.csv did not land either


@pytest.mark.parametrize(
    ("name", "text", "words"),
    [
        ("statements.csv", "actor,said,text,colour\n", "unknown column colour"),
        ("statements.csv", "actor,text\n", "missing column said"),
        ("events.csv", "title,start\nA,2022,extra\n", "more values than columns"),
        ("people.csv", "name\nRussia\n", "the file name must say what it holds"),
        ("actors.csv", "name,kind\nRussia,empire\n", "'empire' is not one of"),
    ],
)
def test_bad_csv_is_refused_with_the_file_named(tmp_path, name, text, words):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(errors.ImportProblem) as caught:
        import_files([path], tmp_path / "store.parley")
    assert caught.value.path == str(path)
    assert words in str(caught.value)
    assert str(caught.value).startswith(str(path))
    assert not (tmp_path / "store.parley").exists()


# --- one transaction --------------------------------------------------------------------


def bad_third_statement(document: dict) -> dict:
    """New actors, topics and events first, then a bad date in statements[2]."""
    bad = copy.deepcopy(document)
    bad["actors"].append({"name": "Someone New", "parent": "Turkey"})
    bad["topics"].append({"name": "Grain"})
    bad["events"].append({"title": "Another meeting", "start": "2022-04-01"})
    bad["statements"].insert(
        0, {"actor": "Someone New", "said": "2022-04-01", "text": "New.", "topic": "Grain"}
    )
    bad["statements"][2]["said"] = "March 32, 2022"  # the third statement
    return bad


def test_failed_import_leaves_an_existing_store_byte_identical(
    tmp_path, small_store_path, small_document
):
    source = write_json(tmp_path / "doc.json", bad_third_statement(small_document))
    before, files = digest(small_store_path), sorted(os.listdir(tmp_path))
    with pytest.raises(errors.ImportProblem, match=r"statements\[2\]\.said"):
        import_files([source], small_store_path)
    assert digest(small_store_path) == before
    assert sorted(os.listdir(tmp_path)) == files  # no journal or temp file left


def test_failed_import_creates_no_store(tmp_path, small_document):
    source = write_json(tmp_path / "doc.json", bad_third_statement(small_document))
    target = tmp_path / "new.parley"
    with pytest.raises(errors.ImportProblem):
        import_files([source], target)
    assert not target.exists()
    assert sorted(os.listdir(tmp_path)) == ["doc.json"]  # no temp file left behind


def test_import_document_also_is_one_transaction(tmp_path, small_store_path, small_document):
    before = digest(small_store_path)
    with pytest.raises(errors.ImportProblem):
        import_document(small_store_path, bad_third_statement(small_document), "doc")
    assert digest(small_store_path) == before


def test_error_names_file_line_and_field_of_pretty_printed_json(tmp_path, small_document):
    source = write_json(tmp_path / "doc.json", bad_third_statement(small_document))
    lines = source.read_text(encoding="utf-8").splitlines()
    expected = lines.index('      "said": "March 32, 2022",') + 1
    with pytest.raises(errors.ImportProblem) as caught:
        import_files([source], tmp_path / "new.parley")
    error = caught.value
    assert (error.path, error.line, error.field) == (str(source), expected, "statements[2].said")
    assert str(error) == (
        f"{source}:{expected}: statements[2].said: 'March 32, 2022' is not a date "
        "Parley can read (try 2022-03-29)"
    )


def test_error_line_of_a_missing_field_is_the_records_line(tmp_path, small_document):
    del small_document["events"][1]["start"]
    source = write_json(tmp_path / "doc.json", small_document)
    text = source.read_text(encoding="utf-8")
    record_start = text.index('"title": "Invasion begins"')
    expected = text.count("\n", 0, text.rindex("{", 0, record_start)) + 1
    with pytest.raises(errors.ImportProblem) as caught:
        import_files([source], tmp_path / "new.parley")
    assert caught.value.line == expected
    assert caught.value.field == "events[1].start"
    assert "is required" in caught.value.reason


def test_error_line_ignores_look_alike_keys_inside_texts(tmp_path, small_document):
    # a source's text quoting a document must not fool the line search
    small_document["sources"][0]["text"] = '{"statements": [1, 2, 3], "said": "x"}\n' * 3
    small_document["statements"][1]["said"] = "tomorrow"
    source = write_json(tmp_path / "doc.json", small_document)
    lines = source.read_text(encoding="utf-8").splitlines()
    expected = lines.index('      "said": "tomorrow",') + 1
    with pytest.raises(errors.ImportProblem) as caught:
        import_files([source], tmp_path / "new.parley")
    assert caught.value.line == expected


def test_error_line_in_one_line_json(tmp_path, small_document):
    small_document["statements"][2]["stance"] = "maybe"
    source = write_json(tmp_path / "doc.json", small_document, indent=None)
    with pytest.raises(errors.ImportProblem) as caught:
        import_files([source], tmp_path / "new.parley")
    assert caught.value.line == 1
    assert "statements[2].stance: 'maybe' is not one of" in str(caught.value)


@pytest.mark.parametrize(
    ("text", "words", "line"),
    [
        ('{\n  "parley": 1,\n  "actors": [\n    {"name": }\n  ]\n}', "is not valid JSON", 4),
        ("[1, 2]", "must be a JSON object", 1),
        ('{"parley": 2}', "format version 2", 1),
        ('{"actors": {"name": "Russia"}}', "'actors' must be a list", None),
        ('{"actors": ["Russia"]}', "each record must be an object", 1),
        ('{"actors": [{"kind": "state"}]}', "actors[0].name: is required", 1),
    ],
)
def test_bad_json_is_refused_with_file_and_line(tmp_path, text, words, line):
    source = tmp_path / "doc.json"
    source.write_text(text, encoding="utf-8")
    with pytest.raises(errors.ImportProblem) as caught:
        import_files([source], tmp_path / "new.parley")
    assert caught.value.path == str(source)
    assert caught.value.line == line
    assert words in str(caught.value)
    assert not (tmp_path / "new.parley").exists()


def test_missing_input_file(tmp_path):
    with pytest.raises(errors.NoSuchFile) as caught:
        import_files([tmp_path / "nope.json"], tmp_path / "new.parley")
    assert caught.value.path == str(tmp_path / "nope.json")


def test_import_into_something_that_is_not_a_store(tmp_path, small_document):
    target = tmp_path / "music.db"
    conn = sqlite3.connect(target)
    conn.execute("CREATE TABLE songs(id, title)")
    conn.commit()
    conn.close()
    before = digest(target)
    with pytest.raises(errors.NotAStore):
        import_document(target, small_document, "doc")
    assert digest(target) == before


def test_import_into_a_newer_store_is_refused(tmp_path, small_store_path, small_document):
    conn = sqlite3.connect(small_store_path)
    conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    before = digest(small_store_path)
    with pytest.raises(errors.SchemaTooNew):
        import_document(small_store_path, small_document, "doc")
    assert digest(small_store_path) == before


# --- idempotent -------------------------------------------------------------------------


def test_importing_the_same_json_twice_adds_nothing(tmp_path, small_document):
    source = write_json(tmp_path / "doc.json", small_document)
    target = tmp_path / "store.parley"
    import_files([source], target)
    first = counts(target)
    report = import_files([source], target)
    assert report.total() == 0
    assert str(report) == "added nothing (all already present)"
    assert counts(target) == first


def test_importing_the_same_csv_twice_adds_nothing(tmp_path):
    target = tmp_path / "store.parley"
    paths = write_csv_set(tmp_path)
    import_files(paths, target)
    first = counts(target)
    assert import_files(paths, target).total() == 0
    assert counts(target) == first


def test_importing_the_default_document_twice_adds_nothing(default_store_path, default_document):
    first = contract_rows(default_store_path)
    report = import_document(default_store_path, default_document, "default_store.json")
    assert report.total() == 0
    assert contract_rows(default_store_path) == first


def test_import_adds_only_what_is_new(tmp_path, small_store_path, small_document):
    small_document["statements"].append(
        {"actor": "Fomin", "said": "2022-03-30", "text": "One more.", "topic": "Kyiv"}
    )
    before = counts(small_store_path)
    report = import_document(small_store_path, small_document, "doc")
    assert report.added == {"sources": 0, "actors": 0, "topics": 0, "events": 0, "statements": 1,
                            "appearances": 0, "relations": 0}
    assert counts(small_store_path) == {**before, "statements": before["statements"] + 1}


# --- dump and round trips ---------------------------------------------------------------


@pytest.mark.parametrize("fixture", ["small_store_path", "default_store_path"])
def test_dump_import_dump_is_identical(request, tmp_path, fixture):
    original = request.getfixturevalue(fixture)
    with open_store(original) as store:
        first_text = dump_text(store)
    source = tmp_path / "dump.json"
    source.write_text(first_text, encoding="utf-8")
    copy_path = tmp_path / "copy.parley"
    import_files([source], copy_path)
    with open_store(copy_path) as store:
        assert dump_text(store) == first_text
    assert contract_rows(copy_path) == contract_rows(original)


def test_dump_holds_every_record(default_store_path, default_document):
    dumped = dump_of(default_store_path)
    for section in ("sources", "actors", "topics", "events", "statements"):
        assert len(dumped[section]) == len(default_document[section]), section
    assert dumped["parley"] == 1
    assert "schema_version" not in dumped["meta"]
    # the dump of a fresh import is the document itself, record for record
    by_id = {s["id"]: s for s in dumped["statements"]}
    for record in default_document["statements"]:
        for key in ("actor", "said", "text", "kind", "topic", "stance", "summary", "span"):
            assert by_id[record["id"]][key] == record[key], (record["id"], key)


def test_dump_of_a_store_written_by_another_program(tmp_path):
    path = tmp_path / "foreign.sqlite"
    conn = sqlite3.connect(path)
    for table, (required, _optional) in CONTRACT.items():
        conn.execute(f'CREATE TABLE "{table}" ({", ".join(f"[{c}]" for c in required)})')
    conn.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    conn.execute("INSERT INTO actors VALUES (1, 'Russia', 'state')")
    conn.execute("INSERT INTO events VALUES (1, 'Talks', '2022-03-29', 'day')")
    conn.execute("INSERT INTO event_actors VALUES (1, 1)")
    conn.execute("INSERT INTO statements VALUES (1, 1, '2022-03', 'month', 'Hello.', 'direct')")
    conn.commit()
    conn.close()
    before = digest(path)
    document = dump_of(path)
    assert digest(path) == before
    assert document["events"][0]["actors"] == [{"actor": "Russia", "role": None}]
    assert document["statements"][0]["said"] == "2022-03"
    # and it imports into a Parley store
    target = tmp_path / "copy.parley"
    import_document(target, document, "dump")
    assert dump_of(target)["statements"] == document["statements"]
