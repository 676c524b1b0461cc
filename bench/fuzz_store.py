"""Fuzz the store reader: mutate a valid store many times and open each copy offscreen.

Each mutation is either a byte mutation (flip bits, overwrite bytes, truncate, zero or
copy a page, append junk) or a row mutation (SQL that sets columns to values of random
types or NULL, deletes rows, drops columns or tables, breaks meta, makes parent cycles).
Every mutated copy is opened as the app would: ``open_store`` + ``TimelineState`` +
painting into a QImage (zoomed out and in) + search + positions of a few actors +
validate + dump + stats.

Outcomes:

* clean         opened and exercised, no rows skipped
* problems      opened and exercised, some rows skipped (``store.problems``)
* clear (open)  ``open_store`` raised a ParleyError whose message names the file
* clear (later) a later call raised such an error (e.g. a damaged page read on search)
* unclear       any other exception, or a ParleyError not naming the file (printed)
* hang          a mutation took longer than ``--timeout`` seconds (printed)
* crash         the process died (signal or abnormal exit) on a mutation (printed)

Mutations run in child processes, ``--chunk`` at a time, so a segfault is counted and
the run goes on after it. A mutation is a pure function of ``--seed`` and its number::

    .venv/bin/python bench/fuzz_store.py --mutations 1000 --seed 1
    .venv/bin/python bench/fuzz_store.py --only 417 --seed 1   # replay one, verbosely
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

OUTCOMES = (
    "clean",
    "problems",
    "clear (open)",
    "clear (later)",
    "unclear",
    "hang",
    "crash",
)
PAGE = 4096

# -- base stores ---------------------------------------------------------------------------

CONTRACT_DDL = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sources (id INTEGER PRIMARY KEY, title TEXT, outlet TEXT, url TEXT,
                      published TEXT);
CREATE TABLE actors (id INTEGER PRIMARY KEY, name TEXT, kind TEXT, parent_id INTEGER,
                     aliases TEXT);
CREATE TABLE topics (id INTEGER PRIMARY KEY, name TEXT, description TEXT);
CREATE TABLE events (id INTEGER PRIMARY KEY, title TEXT, description TEXT, start TEXT,
                     "end" TEXT, precision TEXT, approximate INTEGER, location TEXT,
                     source_id INTEGER);
CREATE TABLE event_actors (event_id INTEGER, actor_id INTEGER, role TEXT);
CREATE TABLE statements (id INTEGER PRIMARY KEY, actor_id INTEGER, said TEXT,
                         precision TEXT, approximate INTEGER, text TEXT, kind TEXT,
                         topic_id INTEGER, stance TEXT, summary TEXT, source_id INTEGER,
                         event_id INTEGER, span_start INTEGER, span_end INTEGER);
"""


def build_bases(folder: Path) -> list[Path]:
    """The default store (written by the importer) and a contract-only copy of it."""
    from db.importer import import_document

    document = json.loads((REPO / "resources" / "default_store.json").read_text("utf-8"))
    full = folder / "base-full.parley"
    import_document(full, document, "default_store.json")
    plain = folder / "base-plain.parley"
    conn = sqlite3.connect(plain)
    conn.executescript(CONTRACT_DDL)
    conn.execute("ATTACH DATABASE ? AS src", (str(full),))
    for table in ("meta", "sources", "actors", "topics", "events", "event_actors", "statements"):
        columns = [row[1] for row in conn.execute(f'PRAGMA main.table_info("{table}")')]
        names = ", ".join(f'"{c}"' for c in columns)
        conn.execute(f'INSERT INTO main."{table}" ({names}) SELECT {names} FROM src."{table}"')
    conn.commit()
    conn.execute("DETACH DATABASE src")
    conn.close()
    return [full, plain]


# -- mutations -----------------------------------------------------------------------------

TABLES = ("meta", "sources", "actors", "topics", "events", "event_actors", "statements")


def random_value(rng: random.Random, ids: list[int]) -> object:
    """A value of a random type: what another program might have written anywhere."""
    choices = [
        lambda: None,
        lambda: "",
        lambda: "abc",
        lambda: rng.randint(-(2**63), 2**63 - 1),
        lambda: rng.choice([0, 1, -1, 2**31, 2**63 - 1, -(2**63)]),
        lambda: rng.choice(ids) if ids else 1,
        lambda: rng.uniform(-1e12, 1e12),
        lambda: rng.choice([1e300, -1e300, 0.5, float("inf"), float("-inf")]),
        lambda: bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 40))),
        lambda: "x" * rng.choice([1000, 100_000]),
        lambda: rng.choice(
            [
                "2022-13-45",
                "-0044-03-15",
                "0001-01-01",
                "9999-12-31T23:59:59",
                "0000",
                "2022-03-29",
                "29 March 2022",
                "1e9",
                "now",
                "2022-02-30",
            ]
        ),
        lambda: rng.choice(["year", "month", "day", "hour", "minute", "second", "fortnight"]),
        lambda: rng.choice(["supports", "opposes", "direct", "reported", "person", "state"]),
        lambda: rng.choice(
            ["مرحبا بالعالم", "שלום", "👩‍👩‍👧‍👦🏳️‍🌈", "e\u0301\u0301\u0301", "<b>x</b>"]
        ),
        lambda: rng.choice(['["a", "b"]', "[1, 2", "{}", "null", "a; b; c"]),
        lambda: "".join(chr(rng.randint(1, 0x2FFF)) for _ in range(rng.randint(1, 30))),
    ]
    return rng.choice(choices)()


def _ids(conn: sqlite3.Connection) -> list[int]:
    try:
        return [row[0] for row in conn.execute("SELECT id FROM actors LIMIT 200")]
    except sqlite3.Error:
        return []


def _tables(conn: sqlite3.Connection) -> list[str]:
    return [
        row[0]
        for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        if row[0] in TABLES
    ]


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')]


def row_mutation(conn: sqlite3.Connection, rng: random.Random) -> str:
    """Apply one SQL mutation; return its description."""
    tables = _tables(conn)
    if not tables:
        return "no tables left"
    table = rng.choice(tables)
    columns = _columns(conn, table)
    roll = rng.random()
    if roll < 0.45:
        column = rng.choice(columns)
        value = random_value(rng, _ids(conn))
        where = rng.choice(["1", "rowid % 3 = 0", "rowid = (SELECT min(rowid) FROM t)"])
        where = where.replace(" t)", f' "{table}")')
        conn.execute(f'UPDATE "{table}" SET "{column}" = ? WHERE {where}', (value,))
        shown = repr(value)[:60]
        return f"UPDATE {table} SET {column} = {shown} WHERE {where}"
    if roll < 0.55:
        where = rng.choice(["1", "rowid % 2 = 0", "rowid % 7 = 1"])
        conn.execute(f'DELETE FROM "{table}" WHERE {where}')
        return f"DELETE FROM {table} WHERE {where}"
    if roll < 0.68:
        column = rng.choice(columns)
        keep = [c for c in columns if c != column]
        if not keep:
            conn.execute(f'DROP TABLE "{table}"')
            return f"DROP TABLE {table} (its only column)"
        names = ", ".join(f'"{c}"' for c in keep)
        conn.execute(f'CREATE TABLE "fuzz_tmp" AS SELECT {names} FROM "{table}"')
        conn.execute(f'DROP TABLE "{table}"')
        conn.execute(f'ALTER TABLE "fuzz_tmp" RENAME TO "{table}"')
        return f"DROP COLUMN {table}.{column}"
    if roll < 0.73:
        conn.execute(f'DROP TABLE "{table}"')
        return f"DROP TABLE {table}"
    if roll < 0.80:
        value = rng.choice(["abc", "99", None, "", "-1", "1.0", " 1", 1, 2.5, b"\x01"])
        if value is None:
            conn.execute("DELETE FROM meta WHERE key = 'schema_version'")
            return "DELETE meta schema_version"
        conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (value,))
        return f"meta schema_version = {value!r}"
    if roll < 0.87:
        ids = _ids(conn)
        if len(ids) >= 2:
            a, b = rng.sample(ids, 2)
            conn.execute("UPDATE actors SET parent_id = ? WHERE id = ?", (b, a))
            conn.execute("UPDATE actors SET parent_id = ? WHERE id = ?", (a, b))
            return f"actors {a} and {b} parents of each other"
        return "too few actors for a cycle"
    # insert a row of random values (the id too: a text id, NULL, a duplicate)
    ids = _ids(conn)
    values = [random_value(rng, ids) for _ in columns]
    names = ", ".join(f'"{c}"' for c in columns)
    conn.execute(
        f'INSERT INTO "{table}" ({names}) VALUES ({", ".join("?" * len(columns))})', values
    )
    return f"INSERT INTO {table} " + repr(values)[:100]


def byte_mutation(path: Path, rng: random.Random) -> str:
    """Damage the file's bytes; return a description."""
    data = bytearray(path.read_bytes())
    size = len(data)
    roll = rng.random()
    if roll < 0.25:
        header = rng.random() < 0.3
        count = rng.randint(1, 40)
        for _ in range(count):
            at = rng.randrange(100 if header else size)
            data[at] ^= 1 << rng.randrange(8)
        what = f"flip {count} bits" + (" in the header" if header else "")
    elif roll < 0.45:
        length = rng.randint(1, 4096)
        at = rng.randrange(max(size - length, 1))
        data[at : at + length] = bytes(rng.getrandbits(8) for _ in range(length))[: size - at]
        what = f"overwrite {length} bytes at {at}"
    elif roll < 0.60:
        cut = rng.choice([rng.randrange(size), rng.randrange(size // PAGE) * PAGE, 100, 1000])
        del data[cut:]
        what = f"truncate to {cut} bytes"
    elif roll < 0.78:
        page = rng.randrange(size // PAGE)
        data[page * PAGE : (page + 1) * PAGE] = bytes(PAGE)
        what = f"zero page {page + 1}"
    elif roll < 0.90:
        pages = size // PAGE
        a, b = rng.randrange(pages), rng.randrange(pages)
        data[b * PAGE : (b + 1) * PAGE] = data[a * PAGE : (a + 1) * PAGE]
        what = f"copy page {a + 1} over page {b + 1}"
    else:
        junk = bytes(rng.getrandbits(8) for _ in range(rng.randint(1, 9000)))
        data += junk
        what = f"append {len(junk)} junk bytes"
    path.write_bytes(bytes(data))
    return what


def make_mutant(seed: int, number: int, bases: list[Path], folder: Path) -> tuple[Path, str]:
    """Copy a base store into ``folder`` and apply mutation ``number``."""
    rng = random.Random(seed * 1_000_003 + number)
    base = rng.choice(bases)
    path = folder / f"mutant-{number}.parley"
    shutil.copyfile(base, path)
    label = "full" if "full" in base.name else "plain"
    if rng.random() < 0.4:
        return path, f"[{label}] bytes: " + byte_mutation(path, rng)
    steps = []
    conn = sqlite3.connect(path)
    try:
        for _ in range(rng.choice([1, 1, 1, 2, 3])):
            try:
                steps.append(row_mutation(conn, rng))
                conn.commit()
            except sqlite3.Error as error:
                conn.rollback()
                steps.append(f"(mutation refused by SQLite: {error})")
    finally:
        conn.close()
    return path, f"[{label}] rows: " + "; ".join(steps)


# -- exercising one store (child) ----------------------------------------------------------


def exercise(path: Path) -> tuple[str, str]:
    """Open and use the store as the app does; return (outcome, detail)."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPainter

    from db import errors
    from db.api import open_store
    from db.formats import dump
    from db.positions import positions_of
    from db.validate import validate
    from viewer.theme import fixed_theme
    from viewer.timeline.painter import PaintOptions, paint_timeline
    from viewer.timeline.state import TimelineState

    def clear(error: errors.ParleyError) -> bool:
        return str(path) in str(error) and "\n" not in str(error)

    try:
        store = open_store(path)
    except errors.ParleyError as error:
        if clear(error):
            return "clear (open)", str(error)
        return "unclear", f"ParleyError without the file: {error}"
    except Exception:
        return "unclear", traceback.format_exc()
    step = "TimelineState"
    try:
        state = TimelineState(store)
        theme = fixed_theme("light")
        image = QImage(900, 500, QImage.Format.Format_ARGB32)
        step = "paint"
        for zoom in (1.0, 50.0, 1 / 1000):
            state.scale.zoom(zoom)
            painter = QPainter(image)
            try:
                paint_timeline(
                    painter, QRectF(0, 0, 900, 500), state, theme, PaintOptions(title=store.title)
                )
            finally:
                painter.end()
        step = "labels"
        state.fit()
        frame = state.frame
        for mark in frame.marks[:20]:
            state.label(int(store.index.kind[mark.item]), int(store.index.rid[mark.item]))
        step = "search"
        for word in ("a", "the", "Kyiv", "ü"):
            store.search(word)
        step = "positions"
        for actor in store.actors()[:4]:
            positions_of(store, actor.id)
            store.statements_by([actor.id])
        step = "details"
        for row in range(min(len(store.index), 5)):
            ref = state.ref_of(row)
            if ref.kind == 0:
                store.event(ref.rid)
            else:
                store.statement(ref.rid)
        step = "validate"
        validate(store)
        step = "dump"
        json.dumps(dump(store), ensure_ascii=False, default=str)
        step = "stats"
        store.stats()
        return ("problems" if store.problems else "clean"), f"{len(store.problems)} problems"
    except errors.ParleyError as error:
        if clear(error):
            return "clear (later)", f"in {step}: {error}"
        return "unclear", f"ParleyError without the file: {error}"
    except Exception:
        return "unclear", traceback.format_exc()
    finally:
        store.close()


def none_leak() -> int:
    """References to None lost per 100 Qt calls that return nothing (0 when sound).

    PySide6 6.12.0 (abi3 wheels) on Python < 3.12 forgets to add a reference when a
    C++ ``void`` method returns None; after some thousands of calls None is freed
    and the process aborts ("none_dealloc"). Python 3.12+ has an immortal None.
    """
    from PySide6.QtCore import QTimer

    timer = QTimer()
    before = sys.getrefcount(None)
    for _ in range(100):
        timer.setInterval(1)
    return max(before - sys.getrefcount(None), 0)


def guard_none() -> None:
    """Make None practically immortal, as Python 3.12 does (a workaround, see none_leak)."""
    import ctypes

    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40


def child(args: argparse.Namespace) -> int:
    """Run mutations ``start … start+count-1``; one JSON line each, flushed."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import warnings

    from PySide6.QtGui import QGuiApplication

    warnings.simplefilter("ignore")
    app = QGuiApplication.instance() or QGuiApplication(["fuzz"])  # noqa: F841
    if none_leak() and not args.no_guard:
        guard_none()
    bases = [Path(p) for p in args.bases.split(os.pathsep)]
    folder = Path(args.work)
    for number in range(args.start, args.start + args.count):
        print(json.dumps({"begin": number}), flush=True)
        path, label = make_mutant(args.seed, number, bases, folder)
        started = time.monotonic()
        outcome, detail = exercise(path)
        print(
            json.dumps(
                {
                    "end": number,
                    "mutation": label,
                    "outcome": outcome,
                    "detail": detail,
                    "seconds": round(time.monotonic() - started, 3),
                }
            ),
            flush=True,
        )
        for leftover in folder.glob(f"mutant-{number}.parley*"):
            leftover.unlink()
    return 0


# -- the parent ----------------------------------------------------------------------------


def run_chunk(args, bases: list[Path], work: Path, start: int, count: int):
    """Run a child on ``[start, start+count)``; yield result dicts, then a final status."""
    command = [
        sys.executable,
        __file__,
        "--child",
        "--seed",
        str(args.seed),
        "--start",
        str(start),
        "--count",
        str(count),
        "--bases",
        os.pathsep.join(map(str, bases)),
        "--work",
        str(work),
    ] + (["--no-guard"] if args.no_guard else [])
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    try:
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=args.timeout * count,
            env=env,
            cwd=REPO,
        )
        out, err, code, timed_out = done.stdout, done.stderr, done.returncode, False
    except subprocess.TimeoutExpired as expired:
        out = expired.stdout.decode() if isinstance(expired.stdout, bytes) else expired.stdout
        err = expired.stderr.decode() if isinstance(expired.stderr, bytes) else expired.stderr
        out, err, code, timed_out = out or "", err or "", None, True
    results, begun = [], None
    for line in out.splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if "begin" in record:
            begun = record["begin"]
        elif "end" in record:
            results.append(record)
            begun = None
    return results, begun, code, timed_out, err


def describe(seed: int, number: int, bases: list[Path], work: Path) -> str:
    folder = work / "describe"
    folder.mkdir(exist_ok=True)
    path, label = make_mutant(seed, number, bases, folder)
    path.unlink()
    return label


def _leak_in_subprocess() -> int:
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); import fuzz_store as f; print(f.none_leak())"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(Path(__file__).parent)],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    try:
        return int(done.stdout.strip() or 0)
    except ValueError:
        return 0


def parent(args: argparse.Namespace) -> int:
    counts: Counter[str] = Counter()
    bad: list[str] = []
    slowest = (0.0, -1)
    started = time.monotonic()
    leak = _leak_in_subprocess()
    with tempfile.TemporaryDirectory(prefix="parley-fuzz-") as temp:
        work = Path(temp)
        bases = build_bases(work)
        first = args.only if args.only is not None else 0
        end = first + (1 if args.only is not None else args.mutations)
        number = first
        while number < end:
            count = min(args.chunk, end - number)
            results, begun, code, timed_out, err = run_chunk(args, bases, work, number, count)
            for record in results:
                counts[record["outcome"]] += 1
                if record["seconds"] > slowest[0]:
                    slowest = (record["seconds"], record["end"])
                if record["outcome"] == "unclear" or args.verbose:
                    text = f"#{record['end']} {record['outcome']}: {record['mutation']}\n"
                    text += "    " + record["detail"].strip().replace("\n", "\n    ")
                    if record["outcome"] == "unclear":
                        bad.append(text)
                    print(text, flush=True)
            number = (results[-1]["end"] + 1) if results else number
            if begun is not None:  # the child died or hung inside a mutation
                kind = "hang" if timed_out else "crash"
                counts[kind] += 1
                how = "timed out" if timed_out else f"exit code {code}"
                text = (
                    f"#{begun} {kind} ({how}): {describe(args.seed, begun, bases, work)}\n    "
                    + err.strip()[-1500:].replace("\n", "\n    ")
                )
                bad.append(text)
                print(text, flush=True)
                number = begun + 1
            elif code not in (0, None) and not results:
                raise SystemExit(f"fuzz child failed before any mutation:\n{err}")
    total = sum(counts.values())
    print()
    print(
        f"Parley store fuzz: {total} mutations, seed {args.seed}, "
        f"{time.monotonic() - started:.0f} s (slowest #{slowest[1]}: {slowest[0]:.2f} s)"
    )
    print(f"  {'outcome':<16}{'count':>7}{'share':>9}")
    for outcome in OUTCOMES:
        n = counts.get(outcome, 0)
        print(f"  {outcome:<16}{n:>7}{(n / total if total else 0):>9.1%}")
    failures = counts["unclear"] + counts["crash"] + counts["hang"]
    print(f"  {'bugs':<16}{failures:>7}")
    if leak:
        print(
            f"note: this PySide6 loses {leak} references to None per 100 calls returning "
            "nothing (Python < 3.12): a long-running process aborts with 'none_dealloc'. "
            + (
                "Run with the workaround (None made immortal in the children); "
                "--no-guard shows the aborts."
                if not args.no_guard
                else "Not guarded."
            )
        )
    return 1 if failures else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mutations", type=int, default=1000, metavar="N")
    parser.add_argument("--seed", type=int, default=1, metavar="S")
    parser.add_argument("--chunk", type=int, default=50, help="mutations per child process")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds allowed per mutation")
    parser.add_argument("--only", type=int, metavar="I", help="run mutation I only (verbose)")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every outcome")
    parser.add_argument(
        "--no-guard",
        action="store_true",
        help="do not work around PySide6's lost references to None (see none_leak)",
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--start", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--count", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--bases", help=argparse.SUPPRESS)
    parser.add_argument("--work", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child(args)
    if args.only is not None:
        args.verbose = True
    return parent(args)


if __name__ == "__main__":
    sys.exit(main())
