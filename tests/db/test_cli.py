"""The window-less commands: validate, stats, import, dump.

Most calls go through ``viewer.cli.main`` in this process (fast, exact exit codes); a
few run the installed ``parley`` program in a subprocess, as a user would.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from db.schema import CONTRACT
from viewer.cli import COMMANDS, build_parser, main


def run(capsys, *args: str) -> tuple[int, str, str]:
    """``parley ARGS`` in this process: (exit code, stdout, stderr)."""
    try:
        code = main([str(a) for a in args])
    except SystemExit as exit_:  # argparse: --help and usage errors
        code = exit_.code if isinstance(exit_.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


def parley_program() -> list[str]:
    script = Path(sys.executable).with_name("parley")
    return [str(script)] if script.exists() else [sys.executable, "-m", "viewer"]


def run_program(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*parley_program(), *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )


def assert_one_line_error(err: str, *words: str) -> None:
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    for word in words:
        assert word in lines[0], (word, err)


def contract_store(path: Path, schema_version: str | None = "1", skip=()) -> Path:
    conn = sqlite3.connect(path)
    for table, (required, _optional) in CONTRACT.items():
        if table in skip:
            continue
        columns = [c for c in required if f"{table}.{c}" not in skip]
        conn.execute(f'CREATE TABLE "{table}" ({", ".join(f"[{c}]" for c in columns)})')
    if schema_version is not None and "meta" not in skip:
        conn.execute("INSERT INTO meta VALUES ('schema_version', ?)", (schema_version,))
    conn.commit()
    conn.close()
    return path


# --- --help -----------------------------------------------------------------------------


@pytest.mark.parametrize("command", list(COMMANDS))
def test_help(capsys, command):
    code, out, err = run(capsys, command, "--help")
    assert code == 0
    assert out.startswith(f"usage: parley {command}")
    assert f"example: parley {command}" in out
    assert err == ""


@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_option_has_help(command):
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command").choices[command]
    for action in sub._actions:
        assert action.help, f"parley {command} {action.option_strings or action.dest}: no help"


def test_help_says_where_the_default_store_lives(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    code, out, _err = run(capsys, "--help")
    assert code == 0
    assert f"  {tmp_path / 'data' / 'parley'}/istanbul-talks-" in out


def test_where_prints_the_default_store_and_the_logs(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    code, out, err = run(capsys, "where")
    assert code == 0 and err == ""
    store, logs = out.splitlines()
    assert store.startswith("default store: ") and store.endswith(".parley")
    assert Path(store.split(": ", 1)[1].strip()).parent == tmp_path / "data" / "parley"
    assert logs.split(": ", 1)[1].strip() == str(tmp_path / "data" / "parley" / "parley.log")
    assert not (tmp_path / "data").exists()  # where only says; it builds nothing


def test_help_lists_the_commands(capsys):
    code, out, _err = run(capsys, "--help")
    assert code == 0
    for command in ("validate", "stats", "import", "dump"):
        assert command in out


# --- validate ---------------------------------------------------------------------------


def test_validate_accepts_the_default_store(capsys, default_store_path):
    code, out, err = run(capsys, "validate", default_store_path)
    assert code == 0
    assert out == f"{default_store_path}: valid Parley store (schema version 2)\n"
    assert err == ""


def test_validate_accepts_an_empty_store(capsys, tmp_path):
    source = tmp_path / "empty.json"
    source.write_text('{"parley": 1}', encoding="utf-8")
    store = tmp_path / "empty.parley"
    assert run(capsys, "import", source, "--into", store)[0] == 0
    code, out, _err = run(capsys, "validate", store)
    assert code == 0 and "valid Parley store" in out


def write_bytes(data: bytes):
    def make(path: Path) -> Path:
        path.write_bytes(data)
        return path

    return make


def truncated(path: Path) -> Path:
    contract_store(path)
    conn = sqlite3.connect(path)
    conn.executemany(
        "INSERT INTO statements VALUES (?, 1, '2022', 'year', ?, 'direct')",
        [(i, "x" * 500) for i in range(200)],
    )
    conn.commit()
    conn.close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def other_application(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE songs(id, title)")
    conn.commit()
    conn.close()
    return path


CANNOT_OPEN = {
    "no such file": lambda path: path,
    "folder": lambda path: path.mkdir() or path,
    "zero bytes": write_bytes(b""),
    "random bytes": write_bytes(random.Random(2).randbytes(4096)),
    "truncated": truncated,
    "another application": other_application,
    "meta without schema_version": lambda path: contract_store(path, schema_version=None),
    "missing table": lambda path: contract_store(path, skip=("statements",)),
    "missing column": lambda path: contract_store(path, skip=("actors.kind",)),
    "schema version 99": lambda path: contract_store(path, schema_version="99"),
}


@pytest.mark.parametrize("make", CANNOT_OPEN.values(), ids=CANNOT_OPEN.keys())
def test_validate_cannot_open(capsys, tmp_path, make):
    path = make(tmp_path / "store.parley")
    code, out, err = run(capsys, "validate", path)
    assert code == 2
    assert out == ""
    assert_one_line_error(err, str(path))
    assert err.startswith(f"parley: {path}: ")


@pytest.mark.parametrize("command", ["stats", "dump"])
def test_stats_and_dump_cannot_open(capsys, tmp_path, command):
    path = contract_store(tmp_path / "future.parley", schema_version="99")
    code, out, err = run(capsys, command, path)
    assert code == 2 and out == ""
    assert_one_line_error(err, str(path), "schema version 99")


def test_validate_lists_problems_and_exits_1(capsys, small_store_path):
    conn = sqlite3.connect(small_store_path)
    conn.execute(
        "INSERT INTO statements(id, actor_id, said, precision, text, kind) "
        "VALUES (41, 1, 'March 32, 2022', 'day', 'Written by a script.', 'direct')"
    )
    conn.execute(
        "INSERT INTO statements(id, actor_id, said, precision, text, kind, stance) "
        "VALUES (42, 1, '2022-04-01', 'day', 'Another one.', 'direct', 'maybe')"
    )
    conn.commit()
    conn.close()
    code, out, err = run(capsys, "validate", small_store_path)
    assert code == 1
    assert out.splitlines() == [
        f"{small_store_path}: statements 41: said 'March 32, 2022': not a date Parley can read",
        f"{small_store_path}: statements 42: stance 'maybe': not one of supports, opposes, "
        "conditional, skeptical, neutral",
    ]
    assert err == f"{small_store_path}: 2 problem(s) found\n"


# --- stats ------------------------------------------------------------------------------


def test_stats_prints_counts(capsys, default_store_path, default_document):
    code, out, err = run(capsys, "stats", default_store_path)
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == default_document["meta"]["title"]
    printed = {line.split()[0]: int(line.split()[1].replace(",", "")) for line in lines[1:6]}
    assert printed == {
        table: len(default_document[table])
        for table in ("actors", "topics", "sources", "events", "statements")
    }
    assert lines[6].startswith("  from ")


def test_stats_json(capsys, small_store_path):
    code, out, _err = run(capsys, "stats", "--json", small_store_path)
    assert code == 0
    assert json.loads(out) == {
        "title": "Small",
        "actors": 5,
        "topics": 2,
        "sources": 1,
        "events": 3,
        "statements": 3,
        "first": "2014-03-01 00:00:00",
        "last": "2022-03-30 00:00:00",
    }


# --- import -----------------------------------------------------------------------------


def test_import_creates_and_reports(capsys, tmp_path, small_document):
    source = tmp_path / "small.json"
    source.write_text(json.dumps(small_document), encoding="utf-8")
    store = tmp_path / "small.parley"
    code, out, err = run(capsys, "import", source, "--into", store)
    assert code == 0 and err == ""
    assert out == (
        f"{store}: added 1 sources, 5 actors, 2 topics, 3 events, 3 statements, 2 appearances\n"
    )
    code, out, _err = run(capsys, "import", source, "--into", store)
    assert code == 0
    assert out == f"{store}: added nothing (all already present)\n"


def test_import_csv_files_together(capsys, tmp_path):
    (tmp_path / "actors.csv").write_text("name,kind\nRussia,state\n", encoding="utf-8")
    (tmp_path / "statements.csv").write_text(
        "actor,said,text,stance\nMoscow,2022-03-29,Hello.,neutral\n", encoding="utf-8"
    )
    store = tmp_path / "csv.parley"
    code, out, _err = run(
        capsys, "import", tmp_path / "actors.csv", tmp_path / "statements.csv", "--into", store
    )
    assert code == 0
    assert out == f"{store}: added 2 actors, 1 statements\n"  # Moscow was not an alias here


def test_import_bad_date_names_file_line_and_field(capsys, tmp_path, small_document):
    small_document["statements"][2]["said"] = "March 32, 2022"
    source = tmp_path / "doc.json"
    source.write_text(json.dumps(small_document, indent=2), encoding="utf-8")
    line = source.read_text(encoding="utf-8").splitlines().index('      "said": "March 32, 2022",')
    code, out, err = run(capsys, "import", source, "--into", tmp_path / "new.parley")
    assert code == 2 and out == ""
    assert_one_line_error(err, f"{source}:{line + 1}: statements[2].said: 'March 32, 2022'")
    assert not (tmp_path / "new.parley").exists()


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


IMPORT_ERRORS = {
    "invalid JSON": (lambda d: write(d / "doc.json", '{"parley": 1,\n  "actors": [}'), ":2:"),
    "unknown format": (lambda d: write(d / "notes.txt", "who said what\n"), "notes.txt"),
    "CSV of no known table": (lambda d: write(d / "people.csv", "name\nA\n"), "people.csv"),
    "CSV with an unknown column": (
        lambda d: write(d / "actors.csv", "name,colour\nA,red\n"),
        "actors.csv:1: header: unknown column colour",
    ),
    "no such input file": (lambda d: d / "missing.json", "missing.json: no such file"),
    "input is a folder": (lambda d: d, "is a folder"),
    "not UTF-8": (lambda d: d / "latin1.json", "is not UTF-8 text"),
}


@pytest.mark.parametrize(("make", "words"), IMPORT_ERRORS.values(), ids=IMPORT_ERRORS.keys())
def test_import_errors_are_one_line(capsys, tmp_path, make, words):
    (tmp_path / "latin1.json").write_bytes('{"meta": {"title": "Kyïv"}}'.encode("latin-1"))
    source = make(tmp_path)
    code, out, err = run(capsys, "import", source, "--into", tmp_path / "new.parley")
    assert code == 2 and out == ""
    assert_one_line_error(err, words)
    assert not (tmp_path / "new.parley").exists()


def test_import_into_a_store_that_cannot_be_opened(capsys, tmp_path, small_document):
    source = write(tmp_path / "doc.json", json.dumps(small_document))
    target = contract_store(tmp_path / "future.parley", schema_version="99")
    before = target.read_bytes()
    code, _out, err = run(capsys, "import", source, "--into", target)
    assert code == 2
    assert_one_line_error(err, str(target), "99")
    assert target.read_bytes() == before


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["import", "doc.json"], "the following arguments are required: --into"),
        (["import", "--into", "x.parley"], "FILE"),
        (["validate"], "store"),
        (["stats", "--colour"], "store"),
        (["dump"], "store"),
    ],
)
def test_usage_errors_are_one_line(capsys, args, words):
    code, out, err = run(capsys, *args)
    assert code == 2 and out == ""
    assert_one_line_error(err, words)


def test_unrecognized_arguments_are_one_line(capsys, small_store_path):
    code, _out, err = run(capsys, "stats", small_store_path, "--colour")
    assert code == 2
    assert_one_line_error(err, "--colour")


def test_an_unknown_command_is_one_line(capsys):
    code, _out, err = run(capsys, "valdiate")
    assert code == 2
    assert_one_line_error(err, "valdiate")


# --- dump -------------------------------------------------------------------------------


def test_dump_to_stdout_and_to_a_file_agree(capsys, tmp_path, small_store_path):
    code, out, _err = run(capsys, "dump", small_store_path)
    assert code == 0
    target = tmp_path / "out.json"
    assert run(capsys, "dump", small_store_path, "-o", target) == (0, "", "")
    assert target.read_text(encoding="utf-8") == out
    assert json.loads(out)["meta"] == {"title": "Small"}


def test_dump_to_an_unwritable_place(capsys, tmp_path, small_store_path):
    target = tmp_path / "no-such-folder" / "out.json"
    code, _out, err = run(capsys, "dump", small_store_path, "-o", target)
    assert code == 2
    assert_one_line_error(err, str(target), "cannot be written")


def test_dump_then_import_round_trips_the_default_store(capsys, tmp_path, default_store_path):
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    copy = tmp_path / "copy.parley"
    assert run(capsys, "dump", default_store_path, "-o", first)[0] == 0
    assert run(capsys, "import", first, "--into", copy)[0] == 0
    assert run(capsys, "validate", copy)[0] == 0
    assert run(capsys, "dump", copy, "-o", second)[0] == 0
    assert second.read_bytes() == first.read_bytes()


# --- the installed program ------------------------------------------------------------


def test_program_round_trip_and_errors(tmp_path, default_store_path):
    dumped = tmp_path / "dump.json"
    done = run_program("dump", default_store_path, "-o", dumped, cwd=tmp_path)
    assert (done.returncode, done.stderr) == (0, "")
    done = run_program("import", dumped, "--into", tmp_path / "copy.parley", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    done = run_program("validate", tmp_path / "copy.parley", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "valid Parley store" in done.stdout
    done = run_program("stats", tmp_path / "copy.parley", cwd=tmp_path)
    assert done.returncode == 0 and "statements" in done.stdout

    done = run_program("validate", tmp_path / "missing.parley", cwd=tmp_path)
    assert done.returncode == 2 and done.stdout == ""
    assert_one_line_error(done.stderr, str(tmp_path / "missing.parley"), "no such file")
    done = run_program("import", dumped, cwd=tmp_path)
    assert done.returncode == 2
    assert_one_line_error(done.stderr, "--into")


def test_validate_reports_time_columns_left_stale_by_another_program(capsys, small_store_path):
    import sqlite3

    with sqlite3.connect(small_store_path) as conn:
        conn.execute("UPDATE statements SET said = '2021-01-05' WHERE id = 1")
    code, out, _err = run(capsys, "validate", small_store_path)
    assert code == 1
    assert "said_ts" in out and "2021-01-05" in out


def test_synth_never_deletes_a_file_another_program_put_in_its_place(
    capsys, tmp_path, monkeypatch
):
    """A store that appears at OUT while synth writes is left as it is (synth refuses)."""
    import db.synth

    target = tmp_path / "out.parley"
    planned = db.synth._plan

    def plan_then_another_program_writes(*args):
        result = planned(*args)
        target.write_text("someone else's file", encoding="utf-8")
        return result

    monkeypatch.setattr(db.synth, "_plan", plan_then_another_program_writes)
    code, _out, err = run(capsys, "synth", target, "--events", "200")
    assert code == 2
    assert_one_line_error(err, str(target), "cannot be written")
    assert target.read_text(encoding="utf-8") == "someone else's file"
    assert [p.name for p in tmp_path.iterdir()] == ["out.parley"]
