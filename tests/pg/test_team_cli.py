"""Every STORE argument takes a postgresql:// URL: the commands against a real server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pg import pg_server

from viewer.cli import main

ARTICLES = Path(__file__).resolve().parents[1] / "data" / "articles"
#: Three articles of our own, with the date each gives.
THREE = (("ceasefire", "2025-08-06"), ("rail-strike", "2023-10-04"), ("trade-talks", "2024-05-17"))


def run(capsys, *args: str) -> tuple[int, str, str]:
    """``parley ARGS`` in this process: (exit code, stdout, stderr)."""
    try:
        code = main([str(a) for a in args])
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


def counts(capsys, url: str) -> dict:
    code, out, err = run(capsys, "stats", url, "--json")
    assert code == 0, err
    return json.loads(out)


def test_push_stats_dump_validate_pull(capsys, pg_url, default_store_path, tmp_path):
    code, out, err = run(capsys, "push", default_store_path, pg_url)
    assert code == 0, err
    assert "pushed" in out and "statements" in out
    assert counts(capsys, pg_url) == counts(capsys, str(default_store_path))
    code, out, _ = run(capsys, "validate", pg_url)
    assert code == 0 and "valid Parley store (schema version 2)" in out
    assert run(capsys, "dump", pg_url)[1] == run(capsys, "dump", default_store_path)[1]
    back = tmp_path / "back.parley"
    code, out, err = run(capsys, "pull", pg_url, back)
    assert code == 0, err
    assert run(capsys, "dump", back)[1] == run(capsys, "dump", default_store_path)[1]


def test_import_creates_the_team_store_and_adds_nothing_twice(
    capsys, pg_url, default_document, tmp_path
):
    source = tmp_path / "default.json"
    source.write_text(json.dumps(default_document), encoding="utf-8")
    code, out, err = run(capsys, "import", source, "--into", pg_url)
    assert code == 0, err
    assert "added" in out
    first = counts(capsys, pg_url)
    assert first["statements"] == len(default_document["statements"])
    code, out, _ = run(capsys, "import", source, "--into", pg_url)
    assert code == 0 and "nothing" in out
    assert counts(capsys, pg_url) == first


def _import_three(url: str) -> subprocess.Popen:
    """A second program that imports the three articles, one after another."""
    script = "; ".join(
        f"assert 0 == main(['import-article', {str(ARTICLES / (name + '.txt'))!r}, "
        f"'--into', {url!r}, '--published', {date!r}])"
        for name, date in THREE
    )
    return subprocess.Popen(
        [sys.executable, "-c", f"from viewer.cli import main; {script}"],
        cwd=Path(__file__).resolve().parents[2],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )


def test_two_concurrent_imports_give_the_counts_of_one(capsys, pg, pg_url):
    alone = pg.url(pg_url.split("/")[3].split("?")[0] + "_alone")
    pg.psql(f"CREATE DATABASE {alone.split('/')[3].split('?')[0]}")
    done = _import_three(alone)
    assert done.wait(120) == 0, done.stderr.read()
    one = counts(capsys, alone)
    assert one["statements"] > 0 and one["actors"] > 0
    runs = [_import_three(pg_url), _import_three(pg_url)]
    for each in runs:
        assert each.wait(120) == 0, each.stderr.read()
        each.stdout.close()
        each.stderr.close()
    done.stdout.close()
    done.stderr.close()
    both = counts(capsys, pg_url)
    assert {**both, "title": ""} == {**one, "title": ""}


def _one_line(code: int, out: str, err: str) -> str:
    assert code == 2, (out, err)
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert pg_server.PASSWORD not in err
    return lines[0]


@pytest.mark.parametrize("command", ["stats", "validate", "dump", "export"])
def test_failures_are_one_line(capsys, pg, pg_url, tmp_path, command):
    extra = [tmp_path / "out.png"] if command == "export" else []
    name = pg_url.split("/")[3].split("?")[0]
    cases = {
        "down": (f"postgresql://parley@/{name}?host={tmp_path}&port=5432", "cannot reach"),
        "password": (pg.url(name, pg_server.PASSWORD_USER, "wrong-" + pg_server.PASSWORD),
                     "wrong password"),
        "database": (pg.url("nosuchdb"), 'no such database "nosuchdb"'),
        "empty": (pg_url, "holds no Parley store"),
    }
    for case, (url, words) in cases.items():
        line = _one_line(*run(capsys, command, url, *extra))
        assert words in line, (case, line)
        assert line.startswith("parley: postgresql://"), line
        assert "***" in line or case != "password"


def test_a_schema_of_another_version_is_refused(capsys, pg, pg_url, default_store_path):
    run(capsys, "push", default_store_path, pg_url)
    pg.psql("UPDATE parley.meta SET value = '7' WHERE key = 'schema_version'",
            pg_url.split("/")[3].split("?")[0])
    line = _one_line(*run(capsys, "stats", pg_url))
    assert "schema version 7" in line
    line = _one_line(*run(capsys, "import-article", ARTICLES / "ceasefire.txt", "--into", pg_url,
                          "--published", "2025-08-06"))
    assert "schema version 7" in line


def test_the_password_is_never_printed(capsys, pg, pg_url, default_store_path):
    name = pg_url.split("/")[3].split("?")[0]
    secret = pg.url(name, pg_server.PASSWORD_USER, pg_server.PASSWORD)
    code, out, err = run(capsys, "push", default_store_path, secret)
    assert code == 0, err
    code, out, err = run(capsys, "validate", secret)
    assert code == 0 and pg_server.PASSWORD not in out + err and "***" in out


def test_a_failed_import_leaves_the_team_store_as_it_was(
    capsys, pg_url, default_store_path, tmp_path
):
    run(capsys, "push", default_store_path, pg_url)
    before = run(capsys, "dump", pg_url)[1]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({
        "actors": [{"name": "New Speaker", "kind": "person"}],
        "statements": [
            {"actor": "New Speaker", "said": "2022-03-29", "text": "A first, good statement."},
            {"actor": "New Speaker", "said": "the day after", "text": "A second, bad one."},
        ],
    }), encoding="utf-8")
    line = _one_line(*run(capsys, "import", bad, "--into", pg_url))
    assert "bad.json" in line and "said" in line
    assert run(capsys, "dump", pg_url)[1] == before


def test_a_read_only_role_views_and_may_not_import(capsys, pg, pg_url, default_store_path):
    run(capsys, "push", default_store_path, pg_url)
    name = pg_url.split("/")[3].split("?")[0]
    pg.psql("CREATE ROLE reader LOGIN; GRANT USAGE ON SCHEMA parley TO reader; "
            "GRANT SELECT ON ALL TABLES IN SCHEMA parley TO reader", name)
    try:
        reader = pg.url(name, "reader")
        before = counts(capsys, pg_url)
        assert counts(capsys, reader) == before
        line = _one_line(*run(capsys, "import-article", ARTICLES / "ceasefire.txt", "--into",
                              reader, "--published", "2025-08-06"))
        assert "the user reader may not write to this team store" in line
        assert counts(capsys, pg_url) == before
        pg.psql(f"CREATE DATABASE {name}_empty")
        line = _one_line(*run(capsys, "import-article", ARTICLES / "ceasefire.txt", "--into",
                              pg.url(f"{name}_empty", "reader"), "--published", "2025-08-06"))
        assert "the user may not write to this team store (permission denied" in line
        assert pg.psql("SELECT count(*) FROM pg_namespace WHERE nspname = 'parley'",
                       f"{name}_empty").strip() == "0"
    finally:
        pg.psql("DROP OWNED BY reader; DROP ROLE reader", name)
