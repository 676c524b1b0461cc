"""The throwaway server itself: reachable on its socket only, one database per test."""

from __future__ import annotations


def test_each_test_gets_an_empty_database(pg, pg_url):
    import psycopg

    with psycopg.connect(pg_url) as conn:
        tables = conn.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchone()[0]
        listen = conn.execute("SHOW listen_addresses").fetchone()[0]
    assert tables == 0
    assert listen == ""
