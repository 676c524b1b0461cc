"""Search at scale: each query bench_scale.py runs, on one store, cold and warm.

Each repeat is a fresh process: it opens the store and runs every query twice, in
bench_scale's order. "first" is the first run in that process (SQLite's cache empty,
the file possibly in the system's cache), "warm" the second; wall and CPU milliseconds,
medians over the repeats, and the number of hits.

    .venv/bin/python bench/bench_search.py STORE [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.scale_table import SEARCHES


def worker(path: str) -> dict:
    """Every query twice on a store opened in this process: wall, CPU ms and hits."""
    from db.api import open_store

    store = open_store(path)
    runs: dict = {}
    for run in ("first", "warm"):
        for words in SEARCHES:
            wall, cpu = time.perf_counter(), time.process_time()
            hits = store.search(words)
            runs.setdefault(words, {})[run] = (
                (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000
            )
            runs[words]["hits"] = len(hits)
    return runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.store)))
        return
    results = [
        json.loads(subprocess.run(
            [sys.executable, __file__, args.store, "--worker"],
            check=True, capture_output=True, text=True,
        ).stdout)
        for _ in range(args.repeat)
    ]
    print(f"{args.store}: medians of {args.repeat} processes (ms wall / CPU)")
    print(f"{'query':18} {'first':>15} {'warm':>15} {'hits':>6}")
    for words in SEARCHES:
        cells = []
        for run in ("first", "warm"):
            wall = statistics.median(r[words][run][0] for r in results)
            cpu = statistics.median(r[words][run][1] for r in results)
            cells.append(f"{wall:7.1f} /{cpu:6.1f}")
        print(f"{words!r:18} {cells[0]:>15} {cells[1]:>15} {results[0][words]['hits']:>6}")


if __name__ == "__main__":
    main()
