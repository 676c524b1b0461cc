"""The synthetic store: deterministic, the counts asked for, valid, and readable."""

from __future__ import annotations

import sqlite3

import pytest
from index_reference import join_in_sqlite, same_index

from db.api import open_store
from db.dates import END_SECOND, FIRST_SECOND, parse_date
from db.formats import dump_text
from db.synth import write_synthetic
from viewer.cli import EXIT_OK, main


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    path = tmp_path_factory.mktemp("synth") / "small.db"
    return path, write_synthetic(path, 2000, seed=7)


def test_same_seed_same_store(small, tmp_path):
    path, counts = small
    again = tmp_path / "again.db"
    assert write_synthetic(again, 2000, seed=7) == counts
    assert dump_text(open_store(again)) == dump_text(open_store(path))


def test_other_seed_other_store(small, tmp_path):
    path, _ = small
    other = tmp_path / "other.db"
    write_synthetic(other, 2000, seed=8)
    assert dump_text(open_store(other)) != dump_text(open_store(path))


def test_counts(small):
    path, counts = small
    assert counts["events"] + counts["statements"] == 2000
    assert counts["statements"] == 1000
    assert counts["events"] <= counts["event_actors"] <= 3 * counts["events"]
    assert 8 <= counts["topics"] <= 12
    assert counts["actors"] >= 50
    conn = sqlite3.connect(path)
    for table, n in counts.items():
        assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == n
    per_event = conn.execute(
        "SELECT min(n), max(n) FROM (SELECT count(*) n FROM event_actors GROUP BY event_id)"
    ).fetchone()
    assert per_event == (1, 3)


def test_shaped_like_news(small):
    path, _ = small
    conn = sqlite3.connect(path)
    precisions = dict(conn.execute("SELECT precision, count(*) FROM statements GROUP BY 1"))
    assert precisions["day"] + precisions["minute"] > 0.7 * 1000
    assert {"year", "month"} <= set(precisions)
    assert conn.execute("SELECT count(*) FROM statements WHERE approximate = 1").fetchone()[0]
    lengths = conn.execute("SELECT min(length(text)), max(length(text)) FROM statements")
    low, high = lengths.fetchone()
    assert low >= 60 and high <= 402
    assert {k for (k,) in conn.execute("SELECT DISTINCT kind FROM statements")} == {
        "direct",
        "reported",
    }
    # Some actor changes its stance on some topic over time.
    changes = conn.execute(
        "SELECT count(*) FROM (SELECT actor_id, topic_id FROM statements "
        "WHERE stance IS NOT NULL GROUP BY 1, 2 HAVING count(DISTINCT stance) > 1)"
    ).fetchone()[0]
    assert changes > 0
    # Sides with members under them.
    assert conn.execute("SELECT count(*) FROM actors WHERE parent_id IS NULL").fetchone()[0] >= 10


def test_time_columns_as_the_importer_writes_them(small):
    path, _ = small
    conn = sqlite3.connect(path)
    for said, precision, t0, t1 in conn.execute(
        "SELECT said, precision, said_ts, said_end_ts FROM statements"
    ):
        when = parse_date(said)
        assert (when.precision, when.span_seconds()) == (precision, (t0, t1))
    for start, end, precision, t0, t1 in conn.execute(
        'SELECT start, "end", precision, start_ts, end_ts FROM events'
    ):
        when = parse_date(start)
        a, b = when.span_seconds()
        if end:
            b = max(b, parse_date(end).span_seconds()[1])
        assert (when.precision, a, b) == (precision, t0, t1)


def test_valid_and_opens(small, capsys):
    path, counts = small
    assert main(["validate", str(path)]) == EXIT_OK
    assert "valid Parley store" in capsys.readouterr().out
    store = open_store(path)
    assert not store.problems
    assert len(store.index) >= counts["events"] + counts["statements"]
    assert store.search("peace")


def test_full_text_kept_up_to_date(small, tmp_path):
    """The triggers are back after the bulk build: a later insert is searchable."""
    path, _ = small
    copy = tmp_path / "copy.db"
    copy.write_bytes(path.read_bytes())
    conn = sqlite3.connect(copy)
    conn.execute(
        "INSERT INTO statements(actor_id, said, precision, text, kind) "
        "VALUES (1, '2021-01-01', 'day', 'zanzibarian wording', 'direct')"
    )
    conn.commit()
    conn.close()
    assert open_store(copy).search("zanzibarian")


def test_synth_command(tmp_path, capsys):
    out = tmp_path / "cli.db"
    assert main(["synth", str(out), "--events", "300", "--seed", "3"]) == EXIT_OK
    assert "150 statements" in capsys.readouterr().out
    assert main(["synth", str(out), "--events", "300"]) == 2


def test_a_large_store_keeps_its_index_and_the_cache_takes_over_once_stale(tmp_path):
    """A large store keeps its index in itself (read at the first open, then cached
    outside for the next); after another program writes, the index is read from the rows
    (and cached)."""
    import os
    from pathlib import Path

    import numpy as np

    from db import embedindex, timeindex

    path = tmp_path / "big.db"
    write_synthetic(path, embedindex.MIN_ROWS, seed=2)
    before = path.read_bytes()
    first = open_store(path).index
    embedindex.settle()
    cache = Path(os.environ["XDG_CACHE_HOME"]) / "parley" / "index"
    assert len(list(cache.glob("*.pix"))) == 1
    assert path.read_bytes() == before  # opening never writes the store
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO statements(actor_id, said, precision, text, kind, said_ts, said_end_ts) "
        "VALUES (1, '2031-01-01', 'day', 'later words', 'direct', 1925078400, 1925164800)"
    )
    conn.commit()
    conn.close()
    changed = open_store(path).index
    assert len(changed) == len(first) + 1
    assert changed.t0[-1] == 1925078400
    assert len(list(cache.glob("*.pix"))) == 1
    again = open_store(path).index
    for name, _ in timeindex.COLUMNS:
        assert np.array_equal(getattr(changed, name), getattr(again, name))
    assert np.array_equal(changed.long, again.long)


def test_window_matches_a_plain_scan(small):
    import numpy as np

    path, _ = small
    index = open_store(path).index
    rng = np.random.default_rng(0)
    lo, hi = index.extent()
    for _ in range(200):
        start = rng.uniform(lo - 86400, hi)
        end = start + rng.choice([3600, 86400, 30 * 86400, 400 * 86400])
        expected = np.flatnonzero((index.t0 < end) & (index.t1 > start))
        assert np.array_equal(index.window(start, end), expected)


def test_parallel_split_read_equals_the_sqlite_join(small, monkeypatch):
    """Events and event_actors read apart and joined in numpy, statements on a second
    connection: the same rows in the same order as SQLite's join on one connection."""
    from db import timeindex

    path, _ = small
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
    expected, expected_problems = join_in_sqlite(conn, monkeypatch)
    index, problems = timeindex._build(conn, True)
    same_index(index, expected)
    assert problems == expected_problems == []


def test_split_read_with_text_dates_lonely_events_and_odd_rows(small, tmp_path, monkeypatch):
    """Rows needing their text dates, events without actors, links to missing events and
    an unreadable date: read like the SQLite join does, problems included."""
    import shutil

    from db import timeindex

    path = tmp_path / "odd.db"
    shutil.copy(small[0], path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE events SET start_ts = NULL WHERE id % 7 = 0")  # text dates
    conn.execute("UPDATE statements SET said_end_ts = said_ts - 5 WHERE id % 11 = 0")
    conn.execute("DELETE FROM event_actors WHERE event_id % 5 = 0")  # events alone
    conn.execute("INSERT INTO event_actors(event_id, actor_id) VALUES (99999999, 1)")
    conn.execute("UPDATE events SET start = 'someday', start_ts = NULL WHERE id = 3")
    conn.commit()
    conn.close()
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
    expected, expected_problems = join_in_sqlite(conn, monkeypatch)
    index, problems = timeindex._build(conn, True)
    same_index(index, expected)
    assert problems == expected_problems
    assert [(p.table, p.row_id) for p in problems] == [("events", 3)]


def test_stable_order_and_integer_bisection():
    import numpy as np

    from db import timeindex

    rng = np.random.default_rng(3)
    t0 = rng.integers(-10**9, 10**9, 5000) // 1000 * 1000  # many ties
    assert np.array_equal(timeindex._stable_order(t0), np.argsort(t0, kind="stable"))
    wide = np.array([FIRST_SECOND, END_SECOND, 0, 0], dtype=np.int64)
    assert np.array_equal(timeindex._stable_order(wide), np.argsort(wide, kind="stable"))
    index = timeindex.TimeIndex(
        *(np.sort(t0) if n == "t0" else np.zeros(len(t0), d) for n, d in timeindex.COLUMNS),
        long=np.empty(0, np.int64),
    )
    for t in (-2.5e9, -1.5, 0.0, 0.5, 999.999, 1000.0, 3.3e8, 1e300, -1e300, float("inf")):
        expected = int(np.searchsorted(index.t0.astype(float), t, side="left"))
        assert index._first_from(t) == expected


def test_actor_counts_match_a_plain_count(small):
    import numpy as np

    from db import timeindex

    index = open_store(small[0]).index
    actors, counts = np.unique(index.actor, return_counts=True)
    assert index.actor_counts() == dict(zip(actors.tolist(), counts.tolist(), strict=True))
    wide = timeindex.TimeIndex(
        *(np.array([5, -1, 10**9, 5], d) if n == "actor" else np.zeros(4, d)
          for n, d in timeindex.COLUMNS),
        long=np.empty(0, np.int64),
    )
    assert wide.actor_counts() == {-1: 1, 5: 2, 10**9: 1}


def test_full_text_index_matches_the_rows(small):
    """The full-text index built apart and copied in is the index of the store's rows."""
    path, _ = small
    conn = sqlite3.connect(path)
    for table in ("statements_fts", "events_fts"):
        conn.execute(f"INSERT INTO {table}({table}) VALUES ('integrity-check')")
    text, rid = conn.execute("SELECT text, id FROM statements WHERE id = 17").fetchone()
    word = text.split()[3].strip(".,")
    found = conn.execute(
        "SELECT rowid FROM statements_fts WHERE statements_fts MATCH ?", (f'"{word}"',)
    ).fetchall()
    assert (rid,) in found
    title, eid = conn.execute("SELECT title, id FROM events WHERE id = 5").fetchone()
    found = conn.execute(
        "SELECT rowid FROM events_fts WHERE events_fts MATCH ?", (f'"{title.split()[-1]}"',)
    ).fetchall()
    assert (eid,) in found


def test_full_text_settings_are_a_new_tables(small, tmp_path):
    """The bulk build's settings (a large buffer, no merging) are not left in the store:
    later writers merge segments and flush as FTS5 does by default."""
    path, _ = small
    conn = sqlite3.connect(path)
    for table in ("statements_fts", "events_fts"):
        assert conn.execute(f"SELECT k FROM {table}_config").fetchall() == [("version",)]
    names = {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert not {"statements_fts_docsize", "events_fts_docsize"} & names  # columnsize=0


def test_rows_in_time_order_and_their_text(small):
    """Ids follow time; each row's text is made the way the columns say."""
    path, _ = small
    conn = sqlite3.connect(path)
    for table, ts in (("statements", "said_ts"), ("events", "start_ts")):
        times = [t for (t,) in conn.execute(f"SELECT {ts} FROM {table} ORDER BY id")]
        assert times == sorted(times)
    for name, summary in conn.execute(
        "SELECT a.name, s.summary FROM statements s JOIN actors a ON a.id = s.actor_id "
        "WHERE s.summary IS NOT NULL"
    ):
        assert summary.startswith(f"{name}: ") and " on " in summary
    for name, title, description, location in conn.execute(
        "SELECT a.name, e.title, e.description, e.location FROM events e "
        "JOIN event_actors ea ON ea.event_id = e.id JOIN actors a ON a.id = ea.actor_id "
        "WHERE ea.rowid IN (SELECT min(rowid) FROM event_actors GROUP BY event_id)"
    ):
        assert title.startswith(f"{name} ") and " in " in title
        if description and location:
            assert description.endswith(f"delegations met in {location}.")
    linked = conn.execute(
        "SELECT count(*) FROM statements s JOIN events e ON e.id = s.event_id"
    ).fetchone()[0]
    assert 0.05 * 1000 < linked < 0.3 * 1000
    assert conn.execute(
        'SELECT count(*) FROM events WHERE "end" IS NOT NULL AND end_ts > start_ts + 86400'
    ).fetchone()[0]


def test_written_whole_or_not_at_all(tmp_path, monkeypatch):
    """Only the store is left in its folder; a write that fails half way leaves nothing."""
    from db import synthsql

    out = tmp_path / "s.db"
    write_synthetic(out, 500, seed=4)
    assert [p.name for p in tmp_path.iterdir()] == ["s.db"]
    with pytest.raises(FileExistsError):
        write_synthetic(out, 500, seed=4)
    bad = tmp_path / "bad"
    bad.mkdir()
    monkeypatch.setattr(synthsql, "statements_select", lambda *args: "SELECT no_such_column")
    with pytest.raises(sqlite3.OperationalError):
        write_synthetic(bad / "t.db", 500, seed=4)
    assert list(bad.iterdir()) == []


def test_packing_round_trip_and_limits():
    import numpy as np

    from db.synthsql import Packing

    packing = Packing({"a": 40, "b": 30, "c": 1})
    assert packing.words == 2
    chunk = {"a": np.array([0, 2**40 - 1, 12345]), "b": np.array([5, 0, 2**30 - 1]),
             "c": np.array([1, 0, 1])}
    conn = sqlite3.connect(":memory:")
    packing.load(conn, packing.pack(chunk))
    rows = conn.execute(
        f"SELECT {packing.sql('a')}, {packing.sql('b')}, {packing.sql('c')} "
        f"FROM {packing.source()} ORDER BY w0.rowid"
    ).fetchall()
    assert rows == list(zip(*(chunk[k].tolist() for k in "abc"), strict=True))
    with pytest.raises(ValueError):
        packing.pack({**chunk, "c": np.array([2, 0, 0])})
    with pytest.raises(ValueError):
        Packing({"too wide": 64})
