"""Team-store benchmark: the scale figures of bench_scale.py on a PostgreSQL store.

Not a test: prints a table. Starts a throwaway server of its own (as the tests do:
initdb in a temp folder, a unix socket, no TCP) unless ``--url`` names one, pushes the
synthetic store of each size into a fresh database, then measures in fresh
subprocesses, with bench_scale.py's own workers (the same code paths as the file)::

    .venv/bin/python bench/bench_pg.py --sizes 1m --repeat 3

Open → first frame is measured cold (an empty index cache) and warm (the cache the cold
run filled), each beside the same figure for the store file in the same minute (A/B:
team cold, file cold, team warm, file warm): wall and CPU of the client process.

Also, once each: push and pull of the whole record; one import of a small document
(a process of its own, startup included), then the same again (nothing to add); two
concurrent importers (each imports the same
three small documents with ``parley import``, as two team members would at once):
seconds per import and imports per minute for the two together; and what noticing a
write costs: one look at the revision row against max(xmin) and the statistics
counters, and 2,000 single-row updates in one transaction with the revision trigger
and without it.

Target (1M items): open → first frame ≤ 2 s; frames as for the file store.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
for folder in (REPO, REPO / "tests"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

import bench_scale  # noqa: E402
from bench_scale import _env, ensure_store, label, parse_size, run_worker  # noqa: E402
from scale_table import _med, percentile  # noqa: E402

#: A speaker of the synthetic stores, so the imports also match an existing actor.
FIRST_ACTOR = "Ahmet Dorser"


def _database(server, admin_url: str | None, name: str) -> str:
    """A fresh database ``name``: its URL."""
    import psycopg

    if server is not None:
        server.psql(f"DROP DATABASE IF EXISTS {name}")
        server.psql(f"CREATE DATABASE {name}")
        return server.url(name)
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name}")
    return admin_url.rsplit("/", 1)[0] + f"/{name}"


def _documents(bench_dir: Path) -> list[Path]:
    """Three small documents, as a team member's import of one article each: a source,
    two speakers (one the store has already), four statements."""
    paths = []
    for number in range(1, 4):
        day = f"2024-0{number}-1{number}"
        document = {
            "parley": 1,
            "sources": [{"id": 1, "title": f"Bench article {number}", "outlet": "Bench",
                         "published": day}],
            "actors": [{"name": f"Bench speaker {number}", "kind": "person"}],
            "statements": [
                {"actor": f"Bench speaker {number}" if i % 2 else FIRST_ACTOR, "said": day,
                 "kind": "direct", "source": 1,
                 "text": f"Bench article {number} quotes this, statement {i} of four."}
                for i in range(4)
            ],
        }
        path = bench_dir / f"bench-import-{number}.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        paths.append(path)
    return paths


def _import_script(documents: list[Path], url: str) -> str:
    """Python that imports ``documents`` into ``url`` and prints each import's seconds."""
    lines = ["import json, time", "from viewer.cli import main", "times = []"]
    for path in documents:
        lines += [
            "t = time.perf_counter()",
            f"assert 0 == main(['import', {str(path)!r}, '--into', {url!r}])",
            "times.append(time.perf_counter() - t)",
        ]
    return "\n".join([*lines, "print(json.dumps(times))"])


def _run_importers(url: str, env: dict, count: int, documents) -> tuple[float, list[float]]:
    """``count`` processes importing ``documents`` at once: (wall s, seconds per import)."""
    t0 = time.perf_counter()
    procs = [
        subprocess.Popen([sys.executable, "-c", _import_script(documents, url)], env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(count)
    ]
    each: list[float] = []
    for proc in procs:
        out, err = proc.communicate()
        if proc.returncode:
            raise RuntimeError(f"importer failed:\n{err[-2000:]}")
        each += json.loads(out.strip().splitlines()[-1])
    return time.perf_counter() - t0, each


def _importers(url: str, env: dict, bench_dir: Path) -> dict:
    """One import, the same again, then two importers at once, each importing the same
    three documents."""
    first, second, third = _documents(bench_dir)
    cold, _ = _run_importers(url, env, 1, [first])
    again, _ = _run_importers(url, env, 1, [first])
    wall, each = _run_importers(url, env, 2, [first, second, third])
    return {"first_s": cold, "again_s": again, "wall_s": wall, "per_import_s": _med(each),
            "per_min": len(each) * 60 / wall}


def _change_checks(url: str) -> dict:
    """Milliseconds: one look at the revision, max(xmin), the statistics counters; and
    2,000 single-row updates with and without the revision trigger (A/B, rolled back)."""
    import psycopg

    looks = {
        "revision": "SELECT uuid, n FROM parley.revision",
        "max_xmin": "SELECT max(xmin::text::bigint) FROM parley.statements",
        "pg_stat": "SELECT sum(n_tup_ins + n_tup_upd + n_tup_del) FROM pg_stat_user_tables "
                   "WHERE schemaname = 'parley'",
    }
    found: dict = {name: [] for name in (*looks, "updates_trigger", "updates_no_trigger")}
    with psycopg.connect(url, autocommit=True) as conn:
        ids = [r[0] for r in conn.execute("SELECT id FROM parley.statements LIMIT 2000")]
        for _ in range(5):
            for name, sql in looks.items():
                t = time.perf_counter()
                conn.execute(sql).fetchall()
                found[name].append((time.perf_counter() - t) * 1000)
        for _ in range(3):
            for name, switch in (("updates_trigger", "ENABLE"), ("updates_no_trigger", "DISABLE")):
                with conn.transaction(force_rollback=True):
                    conn.execute(f"ALTER TABLE parley.statements {switch} TRIGGER bump_revision")
                    t = time.perf_counter()
                    for rid in ids:
                        conn.execute("UPDATE parley.statements SET summary = 'x' WHERE id = %s",
                                     (rid,))
                    found[name].append((time.perf_counter() - t) * 1000)
    return {name: _med(times) for name, times in found.items()}


def _open_ab(url: str, path: Path, bench_dir: Path, figures: dict) -> None:
    """Team cold, file cold, team warm, file warm: each in a fresh process."""
    caches = {side: tempfile.mkdtemp(prefix="cache-", dir=bench_dir) for side in ("pg", "file")}
    for temperature in ("cold", "warm"):
        for side, target in (("pg", url), ("file", str(path))):
            found = run_worker("open", [target], _env(bench_dir, caches[side]))
            figures.setdefault(f"{side}_{temperature}", []).append(found)
    for cache in caches.values():
        shutil.rmtree(cache, ignore_errors=True)


def measure(n: int, path: Path, server, admin_url, repeat: int, bench_dir: Path) -> dict:
    """Push and pull once (minutes at 1M), open and session ``repeat`` times each in
    fresh processes, then the two concurrent importers once (they change the store)."""
    from db.pg.copy import pull, push

    env = _env(bench_dir, tempfile.mkdtemp(prefix="cache-", dir=bench_dir))
    figures: dict = {"session": []}
    url = _database(server, admin_url, f"bench_{label(n).lower()}")
    t0 = time.perf_counter()
    push(path, url)
    figures["push"] = [time.perf_counter() - t0]
    back = bench_dir / f"pulled-{os.getpid()}.parley"
    back.unlink(missing_ok=True)
    t0 = time.perf_counter()
    pull(url, back)
    figures["pull"] = [time.perf_counter() - t0]
    back.unlink()
    _say(f"{label(n)}: push {figures['push'][0]:.1f} s, pull {figures['pull'][0]:.1f} s")
    for r in range(repeat):
        _open_ab(url, path, bench_dir, figures)
        figures["session"].append(
            run_worker("session", [url], dict(env, PARLEY_BENCH_OUT=str(bench_dir)))
        )
        last = {key: figures[key][-1]["open_ms"] for key in
                ("pg_cold", "file_cold", "pg_warm", "file_warm")}
        _say(f"{label(n)} run {r + 1}/{repeat}: open ms {last}")
        _say(f"session {json.dumps(figures['session'][-1])}")
    figures["change"] = [_change_checks(url)]
    _say(f"{label(n)}: change checks {figures['change'][0]}")
    figures["importers"] = [_importers(url, env, bench_dir)]
    _say(f"{label(n)}: importers {figures['importers'][0]}")
    return figures


def _say(line: str) -> None:
    print(f"# {line}", file=sys.stderr, flush=True)


def _row(n: int, f: dict) -> dict[str, str]:
    sessions = f["session"]
    zoom = [t for s in sessions for t in s["zoom"]]
    pans = [t for s in sessions for times in s["pan"].values() for t in times]
    row = {
        "rows": f"{f['pg_cold'][0]['rows']:,}",
        "push (s)": f"{_med(f['push']):.1f}",
        "pull (s)": f"{_med(f['pull']):.1f}",
    }
    for temperature in ("cold", "warm"):
        for side in ("pg", "file"):
            runs = f[f"{side}_{temperature}"]
            row[f"open → first frame, {temperature}, {side}: wall / CPU"] = (
                f"{_med(o['open_ms'] for o in runs):.0f} / {_med(o['cpu_ms'] for o in runs):.0f}"
            )
        row[f"  {temperature} pg: open_store / state / paint"] = " / ".join(
            f"{_med(o[k] for o in f[f'pg_{temperature}']):.0f}"
            for k in ("store_ms", "state_ms", "paint_ms")
        )
    row["zoom frames p50 / p95"] = f"{percentile(zoom, 0.5):.1f} / {percentile(zoom, 0.95):.1f}"
    row["pan frames p50 / p95"] = f"{percentile(pans, 0.5):.1f} / {percentile(pans, 0.95):.1f}"
    for words in bench_scale.SEARCHES:
        hits = sessions[0]["search"][words]["hits"]
        row[f"search {words!r} (hits)"] = (
            f"{_med(s['search'][words]['ms'] for s in sessions):.1f} ({hits})"
        )
    export = _med(s["export_ms"] for s in sessions)
    row[f"export PNG {bench_scale.EXPORT_WIDTH} px"] = f"{export:.0f}"
    row["peak RSS (MB)"] = f"{_med(s['rss_mb'] for s in sessions):.0f}"
    imports = f["importers"][0]
    row["one import / the same again (s)"] = (
        f"{imports['first_s']:.1f} / {imports['again_s']:.1f}"
    )
    row["2 importers × 3 documents: wall (s)"] = f"{imports['wall_s']:.1f}"
    row["  s per import (median) / imports per min"] = (
        f"{imports['per_import_s']:.1f} / {imports['per_min']:.1f}"
    )
    change = f["change"][0]
    row["look for writes: revision / max(xmin) / pg_stat"] = (
        f"{change['revision']:.2f} / {change['max_xmin']:.0f} / {change['pg_stat']:.2f}"
    )
    row["2,000 updates: trigger / none"] = (
        f"{change['updates_trigger']:.0f} / {change['updates_no_trigger']:.0f}"
    )
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1m", help="comma-separated item counts")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (median)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--url", help="a server to use (a database it may create and drop)")
    parser.add_argument(
        "--dir", default=os.path.join(tempfile.gettempdir(), "parley-bench"),
        help="where synthetic stores are cached between runs (shared with bench_scale.py)",
    )
    args = parser.parse_args(argv)
    bench_dir = Path(args.dir)
    bench_dir.mkdir(parents=True, exist_ok=True)
    server = None
    if not args.url:
        from pg import pg_server

        server = pg_server.start_server()
    try:
        columns = {}
        for n in (parse_size(s) for s in args.sizes.split(",") if s.strip()):
            path, _ = ensure_store(bench_dir, n, args.seed)
            figures = measure(n, path, server, args.url, args.repeat, bench_dir)
            columns[label(n)] = _row(n, figures)
    finally:
        if server is not None:
            from pg import pg_server

            pg_server.remove(server)
    names = list(next(iter(columns.values())))
    print(f"median of {args.repeat} runs (push, pull, importers: 1); ms unless noted")
    print(f"{'figure':<50}" + "".join(f"{size:>24}" for size in columns))
    for name in names:
        print(f"{name:<50}" + "".join(f"{col[name]:>24}" for col in columns.values()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
