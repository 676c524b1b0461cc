"""Fixtures for the team store: one real PostgreSQL server per session, a database per test."""

from __future__ import annotations

import itertools

import pg_server
import pytest

_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def pg():
    """The session's throwaway server (skips when PostgreSQL is not installed)."""
    if pg_server.binaries() is None:
        pytest.skip("PostgreSQL is not installed (no initdb/pg_ctl on PATH or under "
                    "/usr/lib/postgresql/*/bin): the team-store tests need a real server")
    pytest.importorskip("psycopg", reason="psycopg is not installed: pip install -e .")
    server = pg_server.start_server()
    yield server
    pg_server.remove(server)


@pytest.fixture
def pg_url(pg) -> str:
    """A URL to a new, empty database of its own (cheap: CREATE DATABASE from a template)."""
    name = f"t{next(_numbers)}"
    pg.psql(f"CREATE DATABASE {name} TEMPLATE template0")
    pg.psql(f"GRANT ALL ON DATABASE {name} TO {pg_server.PASSWORD_USER}")
    return pg.url(name)
