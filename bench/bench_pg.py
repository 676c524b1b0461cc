"""Team-store benchmark: the scale figures of bench_scale.py on a PostgreSQL store.

Not a test: prints a table. Starts a throwaway server of its own (as the tests do:
initdb in a temp folder, a unix socket, no TCP) unless ``--url`` names one, pushes the
synthetic store of each size into a fresh database, then measures in fresh
subprocesses, with bench_scale.py's own workers (the same code paths as the file)::

    .venv/bin/python bench/bench_pg.py --sizes 1m --repeat 3

Also, once each: push and pull of the whole record, and two concurrent importers (each
imports the same three articles, as two team members would at once): seconds per
import and imports per minute for the two together.

Target (1M items): open → first frame ≤ 2 s; frames as for the file store.
"""

from __future__ import annotations

import argparse
import os
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

ARTICLE_DIR = REPO / "tests" / "data" / "articles"
ARTICLES = (
    ("ceasefire", "2025-08-06"), ("rail-strike", "2023-10-04"), ("trade-talks", "2024-05-17")
)


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


def _importers(url: str, env: dict) -> dict:
    """Two processes importing the same three articles at once: wall time and counts."""
    script = "; ".join(
        f"assert 0 == main(['import-article', {str(ARTICLE_DIR / (a + '.txt'))!r}, "
        f"'--into', {url!r}, '--published', {d!r}])"
        for a, d in ARTICLES
    )
    t0 = time.perf_counter()
    procs = [
        subprocess.Popen([sys.executable, "-c", f"from viewer.cli import main; {script}"],
                         env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    for proc in procs:
        _, err = proc.communicate()
        if proc.returncode:
            raise RuntimeError(f"importer failed:\n{err[-2000:]}")
    wall = time.perf_counter() - t0
    imports = 2 * len(ARTICLES)
    return {"wall_s": wall, "per_import_s": wall / imports, "per_min": imports * 60 / wall}


def measure(n: int, path: Path, server, admin_url, repeat: int, bench_dir: Path) -> dict:
    """Push and pull once (minutes at 1M), open and session ``repeat`` times each in
    fresh processes, then the two concurrent importers once (they change the store)."""
    from db.pg.copy import pull, push

    env = _env(bench_dir, tempfile.mkdtemp(prefix="cache-", dir=bench_dir))
    figures: dict = {"open": [], "session": []}
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
        figures["open"].append(run_worker("open", [url], env))
        figures["session"].append(
            run_worker("session", [url], dict(env, PARLEY_BENCH_OUT=str(bench_dir)))
        )
        _say(f"{label(n)} run {r + 1}/{repeat}: open {figures['open'][-1]['open_ms']:.0f} ms")
    figures["importers"] = [_importers(url, env)]
    _say(f"{label(n)}: importers {figures['importers'][0]}")
    return figures


def _say(line: str) -> None:
    print(f"# {line}", file=sys.stderr, flush=True)


def _row(n: int, f: dict) -> dict[str, str]:
    sessions = f["session"]
    zoom = [t for s in sessions for t in s["zoom"]]
    pans = [t for s in sessions for times in s["pan"].values() for t in times]
    row = {
        "rows": f"{f['open'][0]['rows']:,}",
        "push (s)": f"{_med(f['push']):.1f}",
        "pull (s)": f"{_med(f['pull']):.1f}",
        "open → first frame": f"{_med(o['open_ms'] for o in f['open']):.0f}",
        "  open_store / state / paint": " / ".join(
            f"{_med(o[k] for o in f['open']):.0f}" for k in ("store_ms", "state_ms", "paint_ms")
        ),
        "zoom frames p50 / p95": f"{percentile(zoom, 0.5):.1f} / {percentile(zoom, 0.95):.1f}",
        "pan frames p50 / p95": f"{percentile(pans, 0.5):.1f} / {percentile(pans, 0.95):.1f}",
    }
    for words in bench_scale.SEARCHES:
        hits = sessions[0]["search"][words]["hits"]
        row[f"search {words!r} (hits)"] = (
            f"{_med(s['search'][words]['ms'] for s in sessions):.1f} ({hits})"
        )
    export = _med(s["export_ms"] for s in sessions)
    row[f"export PNG {bench_scale.EXPORT_WIDTH} px"] = f"{export:.0f}"
    row["peak RSS (MB)"] = f"{_med(s['rss_mb'] for s in sessions):.0f}"
    wall = _med(i["wall_s"] for i in f["importers"])
    row["2 importers × 3 articles, 1 run: wall (s)"] = f"{wall:.1f}"
    row["  s per import / imports per min"] = (
        f"{_med(i['per_import_s'] for i in f['importers']):.1f} / "
        f"{_med(i['per_min'] for i in f['importers']):.1f}"
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
    print(f"{'figure':<40}" + "".join(f"{size:>24}" for size in columns))
    for name in names:
        print(f"{name:<40}" + "".join(f"{col[name]:>24}" for col in columns.values()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
