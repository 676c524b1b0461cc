"""The index cache: used while the store is unchanged, never after; damaged entries are
rebuilt; old entries are evicted beyond its caps."""

from __future__ import annotations

import os
import shutil
import sqlite3
import time

import numpy as np
import pytest
from index_reference import from_rows, same_index

from db import embedindex, indexcache, timeindex
from db.api import open_store
from db.importer import import_document
from db.synth import write_synthetic


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cache")
    paths = []
    for seed in (1, 2, 3):
        paths.append(folder / f"s{seed}.db")
        write_synthetic(paths[-1], 600, seed=seed)
    return paths


@pytest.fixture(autouse=True)
def small_indexes_cached(monkeypatch):
    monkeypatch.setattr(timeindex, "CACHE_MIN_ROWS", 10)


def _entries():
    return sorted(indexcache.cache_dir().glob("*.pix"))


def test_a_warm_open_reads_the_cache_not_the_store(stores, tmp_path, monkeypatch):
    path = tmp_path / "a.db"
    shutil.copy(stores[0], path)
    first = open_store(path).index
    assert len(_entries()) == 1
    monkeypatch.setattr(timeindex, "_build", lambda *args: pytest.fail("read the store"))
    again = open_store(path).index
    same_index(again, first)
    assert not again.t0.flags.writeable  # the mapped file, not a copy


def test_another_writer_makes_the_entry_stale(stores, tmp_path, monkeypatch):
    path = tmp_path / "a.db"
    shutil.copy(stores[0], path)
    first = open_store(path).index
    conn = sqlite3.connect(path)
    conn.execute("UPDATE statements SET said_ts = said_ts - 86400, said_end_ts = said_end_ts "
                 "- 86400 WHERE id = 1")
    conn.commit()
    conn.close()
    changed = open_store(path).index
    assert not np.array_equal(changed.t0, first.t0)
    same_index(changed, from_rows(path, monkeypatch))


def test_an_import_makes_the_entry_stale(stores, tmp_path, small_document):
    """Parley's own importer adds items: the next open has them, not the cached index."""
    path = tmp_path / "a.db"
    shutil.copy(stores[0], path)
    first = open_store(path).index
    import_document(path, small_document)
    after = open_store(path).index
    assert len(after) > len(first)
    assert after.t0[0] < first.t0[0]  # the document's 2014 event, before the synthetic years
    assert len(_entries()) == 1  # the stale entry replaced, not kept beside the new one


def test_a_writer_in_wal_mode_makes_the_entry_stale(stores, tmp_path, monkeypatch):
    """A commit still in the write-ahead log (the store file itself not yet changed)."""
    path = tmp_path / "a.db"
    shutil.copy(stores[0], path)
    setup = sqlite3.connect(path)
    setup.execute("PRAGMA journal_mode=WAL")
    setup.close()
    first = open_store(path).index
    writer = sqlite3.connect(path)
    writer.execute("PRAGMA wal_autocheckpoint=0")
    before = path.read_bytes()
    writer.execute("DELETE FROM statements WHERE id <= 20")
    writer.commit()
    try:
        assert path.read_bytes() == before  # the commit is only in the log
        changed = open_store(path).index
        assert len(changed) < len(first)
        same_index(changed, from_rows(path, monkeypatch))
    finally:
        writer.close()


def test_a_file_replaced_by_one_of_the_same_size_and_time(stores, tmp_path, monkeypatch):
    """Another store of the same size, modification time and change counter moved in
    its place: the cache does not take it for the first one."""
    path, other = tmp_path / "a.db", tmp_path / "b.db"
    shutil.copy(stores[0], path)
    shutil.copy(stores[0], other)
    conn = sqlite3.connect(other)  # same size: one time moved by an hour
    conn.execute("UPDATE statements SET said_ts = said_ts + 3600, said_end_ts = "
                 "said_end_ts + 3600, said = said WHERE id = 1")
    conn.commit()
    conn.close()
    with path.open("rb") as handle:
        header = handle.read(100)
    with other.open("r+b") as handle:  # the same change counter as the first file
        handle.seek(24)
        handle.write(header[24:28])
        handle.seek(92)
        handle.write(header[92:100])
    first = open_store(path).index
    stat = path.stat()
    assert other.stat().st_size == stat.st_size
    os.replace(other, path)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    replaced = open_store(path).index
    same_index(replaced, from_rows(path, monkeypatch))
    assert not np.array_equal(replaced.t0, first.t0)


@pytest.mark.parametrize("damage", ["truncated", "flipped byte", "garbage", "empty"])
def test_a_damaged_entry_is_rebuilt_never_trusted(stores, tmp_path, monkeypatch, damage):
    path = tmp_path / "a.db"
    shutil.copy(stores[0], path)
    expected = open_store(path).index
    (entry,) = _entries()
    data = bytearray(entry.read_bytes())
    if damage == "truncated":
        data = data[: len(data) - 100]
    elif damage == "flipped byte":
        data[-200] ^= 0x40
    elif damage == "garbage":
        data[:64] = os.urandom(64)
    else:
        data = bytearray()
    entry.write_bytes(bytes(data))
    assert indexcache.load(indexcache.fingerprint(_conn(path), "ts=1"), _names()) is None
    same_index(open_store(path).index, expected)
    assert indexcache.load(indexcache.fingerprint(_conn(path), "ts=1"), _names()) is not None


def test_a_wrong_column_in_a_valid_file_is_not_trusted(stores, tmp_path):
    """A checksum that matches over columns that do not fit together (t0 unsorted)."""
    path = tmp_path / "a.db"
    shutil.copy(stores[0], path)
    index = open_store(path).index
    key = indexcache.fingerprint(_conn(path), "ts=1")
    arrays = {name: np.array(getattr(index, name)) for name in _names()}
    arrays["t0"] = arrays["t0"][::-1].copy()
    indexcache.save(key, arrays)
    assert indexcache.load(key, _names()) is not None
    same_index(open_store(path).index, index)


def test_old_entries_are_evicted_beyond_the_caps(stores, tmp_path, monkeypatch):
    monkeypatch.setattr(indexcache, "MAX_ENTRIES", 2)
    paths = []
    for number, source in enumerate(stores):
        paths.append(tmp_path / f"{number}.db")
        shutil.copy(source, paths[-1])
        open_store(paths[-1])
    assert len(_entries()) == 2
    kept = {indexcache.fingerprint(_conn(p), "ts=1")[0] for p in paths[1:]}
    assert set(_entries()) == kept
    open_store(paths[1])  # used again: now the most recent
    monkeypatch.setattr(indexcache, "MAX_BYTES", 1)
    open_store(paths[0])  # over the size cap: only the entry just written stays
    assert _entries() == [indexcache.fingerprint(_conn(paths[0]), "ts=1")[0]]


def test_files_left_half_written_are_deleted_once_old(stores, tmp_path):
    folder = indexcache.cache_dir()
    folder.mkdir(parents=True)
    old, fresh = folder / ".x.pix.111.tmp", folder / ".y.pix.222.tmp"
    for temp in (old, fresh):
        temp.write_bytes(b"PARLEYIX half")
    hour_ago = time.time() - indexcache.STALE_TEMP_S - 60
    os.utime(old, (hour_ago, hour_ago))
    path = tmp_path / "a.db"
    shutil.copy(stores[0], path)
    open_store(path)  # writes an entry, then evicts
    assert not old.exists()
    assert fresh.exists()  # perhaps another program writing it now
    assert len(_entries()) == 1


def test_the_cache_lives_outside_the_store(stores, tmp_path):
    path = tmp_path / "a.db"
    shutil.copy(stores[0], path)
    before = path.read_bytes()
    open_store(path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.db"]
    assert indexcache.cache_dir().is_relative_to(os.environ["XDG_CACHE_HOME"])


def _conn(path):
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def _names():
    return (*(name for name, _ in timeindex.COLUMNS), "long")


@pytest.mark.parametrize("at", [0, 6, 7, 8, -2])
def test_columns_are_checked_in_slices_across_their_ends(stores, monkeypatch, at):
    """One step back in ``t0`` (or an end before its start) anywhere, slice ends too."""
    monkeypatch.setattr(timeindex, "_SLICE", 7)
    index = open_store(stores[0]).index
    arrays = {name: np.array(getattr(index, name)) for name in _names()}
    assert timeindex._checked(dict(arrays)) is not None
    unsorted = dict(arrays, t0=arrays["t0"].copy())
    i = at % len(index)
    unsorted["t0"][i] = unsorted["t0"][i + 1] + 1
    unsorted["t1"] = np.maximum(unsorted["t1"], unsorted["t0"])
    assert timeindex._checked(unsorted) is None
    backwards = dict(arrays, t1=arrays["t1"].copy())
    backwards["t1"][i] = backwards["t0"][i] - 1
    assert timeindex._checked(backwards) is None


def test_actor_counts_in_slices(stores, monkeypatch):
    index = open_store(stores[0]).index
    expected = dict(zip(*(a.tolist() for a in np.unique(index.actor, return_counts=True)),
                        strict=True))
    monkeypatch.setattr(timeindex, "_SLICE", 7)
    assert index.actor_counts() == expected


def test_a_new_synthetic_store_opens_warm(tmp_path, monkeypatch):
    """``parley synth`` keeps the store's index in the store (nothing in the cache): the
    first open reads no row, and the index is the one the store's rows give."""
    monkeypatch.setattr(embedindex, "MIN_ROWS", 10)
    path = tmp_path / "new.db"
    write_synthetic(path, 900, seed=4)
    assert _entries() == []
    with monkeypatch.context() as m:
        m.setattr(timeindex, "_build", lambda *args: pytest.fail("read the store"))
        warm = open_store(path)
    assert warm.problems == []
    same_index(warm.index, from_rows(path, monkeypatch))
