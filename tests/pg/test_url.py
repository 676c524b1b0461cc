"""URLs: told apart from paths, shown without their password, built from a form's fields."""

from __future__ import annotations

from db.pg.url import build_url, display, is_url, mask, without_password


def test_urls_and_paths_are_told_apart():
    assert is_url("postgresql://me@db/news") and is_url("postgres://db/news")
    assert not is_url("news.parley") and not is_url("/tmp/postgresql://x")


def test_a_password_is_masked_wherever_it_stands():
    assert mask("postgresql://me:pw@db:5432/news") == "postgresql://me:***@db:5432/news"
    assert "pw" not in mask("postgresql://me@db/news?password=pw&sslmode=require")
    assert display("postgresql://me:pw@db/news") == "postgresql://me:***@db/news"
    assert display("a.parley") == "a.parley"
    assert without_password("postgresql://me:pw@db/news") == "postgresql://me@db/news"
    assert without_password("postgresql://me@db/n?password=pw") == "postgresql://me@db/n"


def test_build_url_from_the_dialog_fields():
    assert build_url("db.example", "5433", "news", "me", "p@ss") == (
        "postgresql://me:p%40ss@db.example:5433/news"
    )
    assert build_url("/tmp/sock", "5432", "news", "me") == (
        "postgresql://me@/news?host=/tmp/sock&port=5432"
    )
    assert build_url("", "", "news", "") == "postgresql:///news"
