"""A team store an older Parley wrote: opening says so in one line; ``parley upgrade`` fixes it."""

from __future__ import annotations

from test_team_cli import _one_line, counts, run

from db.api import open_store


def _older(pg, url: str) -> None:
    """Make a freshly pushed store look as an early build wrote it: contract version 1
    (no appearances, no relations), a revision row without its uuid, no covering indexes."""
    pg.psql(
        "DROP TABLE parley.appearances, parley.relations CASCADE; "
        "ALTER TABLE parley.revision DROP COLUMN uuid; "
        "DROP INDEX parley.statements_timeline, parley.events_timeline; "
        "UPDATE parley.meta SET value = '1' WHERE key = 'schema_version'",
        url.split("/")[3].split("?")[0],
    )


def test_an_older_store_is_named_and_upgraded_once(capsys, pg, pg_url, default_store_path):
    assert run(capsys, "push", default_store_path, pg_url)[0] == 0
    before = counts(capsys, pg_url)
    file = open_store(default_store_path)
    _older(pg, pg_url)
    for command in (("stats", pg_url), ("validate", pg_url)):
        line = _one_line(*run(capsys, *command))
        assert "older Parley (schema version 1" in line and "parley upgrade" in line, line
    code, out, err = run(capsys, "upgrade", pg_url)
    assert code == 0, err
    assert "upgraded from schema version 1 to 2" in out and "appearances, relations" in out
    assert counts(capsys, pg_url) == before
    team = open_store(pg_url)
    statement = int(file.index.rid[file.index.kind == 1][0])
    assert team.corroboration.appearances(statement) == file.corroboration.appearances(statement)
    name = pg_url.split("/")[3].split("?")[0]
    assert pg.psql("SELECT count(*) FROM pg_indexes WHERE indexname LIKE '%_timeline'",
                   name).strip() == "2"
    code, out, err = run(capsys, "upgrade", pg_url)
    assert code == 0 and "nothing to do" in out, err


def test_upgrade_needs_the_owner_and_a_url(capsys, pg, pg_url, default_store_path, tmp_path):
    run(capsys, "push", default_store_path, pg_url)
    _older(pg, pg_url)
    name = pg_url.split("/")[3].split("?")[0]
    pg.psql("CREATE ROLE writer LOGIN; GRANT USAGE ON SCHEMA parley TO writer; "
            "GRANT ALL ON ALL TABLES IN SCHEMA parley TO writer", name)
    try:
        line = _one_line(*run(capsys, "upgrade", pg.url(name, "writer")))
        assert "the user writer may not upgrade this team store" in line
        assert "older Parley" in _one_line(*run(capsys, "stats", pg_url))
    finally:
        pg.psql("DROP OWNED BY writer; DROP ROLE writer", name)
    line = _one_line(*run(capsys, "upgrade", tmp_path / "talks.parley"))
    assert "is not a postgresql:// URL" in line
