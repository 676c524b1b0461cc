"""Shared fixtures: real store files in ``tmp_path``; Qt runs offscreen."""

from __future__ import annotations

import itertools
import json
import os
from pathlib import Path

import pytest
from pg import pg_server

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
SEED_DIR = REPO.parent / "shared" / "seed"
SEED_ARTICLE = SEED_DIR / "istanbul-talks-2022-03-29.txt"
DEFAULT_JSON = REPO / "resources" / "default_store.json"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    """Keep settings, caches and the default store out of the real home folder."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))


@pytest.fixture
def seed_text() -> str:
    """The seed article's text; the test is skipped when ../shared/seed is absent."""
    if not SEED_ARTICLE.exists():
        pytest.skip(f"seed article not found at {SEED_ARTICLE}")
    return SEED_ARTICLE.read_text(encoding="utf-8")


@pytest.fixture
def default_document() -> dict:
    """The default store's JSON document."""
    return json.loads(DEFAULT_JSON.read_text(encoding="utf-8"))


@pytest.fixture
def default_store_path(tmp_path, default_document) -> Path:
    """A real store file built from the default JSON."""
    from db.importer import import_document

    path = tmp_path / "default.parley"
    import_document(path, default_document, "default_store.json")
    return path


def write_store(path: Path, document: dict) -> Path:
    """Import ``document`` into a new store at ``path``."""
    from db.importer import import_document

    import_document(path, document, path.name)
    return path


@pytest.fixture
def small_document() -> dict:
    """A small hand-made document covering every table and date precision."""
    return {
        "parley": 1,
        "meta": {"title": "Small"},
        "sources": [{"id": 1, "title": "Report", "outlet": "Wire", "published": "2022-03-29"}],
        "actors": [
            {"id": 1, "name": "Russia", "kind": "state", "aliases": ["Moscow"]},
            {"id": 2, "name": "Aleksandr Fomin", "parent": "Russia", "aliases": ["Fomin"]},
            {"id": 3, "name": "Ukraine", "kind": "state"},
            {"id": 4, "name": "Mykhaylo Podolyak", "parent": "Ukraine"},
            {"id": 5, "name": "Turkey", "kind": "state"},
        ],
        "topics": [{"id": 1, "name": "Kyiv"}, {"id": 2, "name": "Neutrality"}],
        "events": [
            {
                "id": 1,
                "title": "Talks in Istanbul",
                "start": "2022-03-29",
                "source": 1,
                "actors": ["Russia", "Ukraine", {"actor": "Turkey", "role": "host"}],
            },
            {"id": 2, "title": "Invasion begins", "start": "2022-02-24", "actors": ["Russia"]},
            {"id": 3, "title": "Crimea annexed", "start": "2014-03", "actors": ["Russia"]},
        ],
        "statements": [
            {
                "id": 1,
                "actor": "Aleksandr Fomin",
                "said": "2022-03-29T14:05",
                "kind": "direct",
                "text": "Reduce military activity near Kyiv.",
                "topic": "Kyiv",
                "stance": "supports",
                "source": 1,
                "event": 1,
            },
            {
                "id": 2,
                "actor": "Russia",
                "said": "2022-03-01",
                "kind": "reported",
                "text": "Russia will not stop.",
                "topic": "Kyiv",
                "stance": "opposes",
            },
            {
                "id": 3,
                "actor": "Mykhaylo Podolyak",
                "said": "~2022-03-29",
                "kind": "direct",
                "text": "Neutral <b>if</b> guaranteed.",
                "topic": "Neutrality",
                "stance": "conditional",
                "source": 1,
                "event": 1,
            },
        ],
    }


@pytest.fixture
def small_store_path(tmp_path, small_document) -> Path:
    """A real store file built from :func:`small_document`."""
    return write_store(tmp_path / "small.parley", small_document)


# -- the team store: one real PostgreSQL server per session, a database per test ----------

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
