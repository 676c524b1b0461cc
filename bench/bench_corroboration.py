"""What corroboration costs on import: matching statements against a large store.

Run:  .venv/bin/python bench/bench_corroboration.py [--events N] [--statements K] [--runs R]

Builds a synthetic store of N items (half of them statements), then imports, R times
into a fresh copy, a document of K statements that other sources printed again (stored
statements with their last word cut: each must become an appearance) and K new ones on
the same days (each compared with its neighbours and added). Prints the median time per
imported statement and what was added, so a wrong match shows as well as a slow one.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from db.importer import import_document
from db.synth import write_synthetic


def document(store: Path, count: int, seed: int) -> dict:
    """K printings of stored statements, cut short, and K new statements on their days."""
    conn = sqlite3.connect(store)
    rows = conn.execute(
        "SELECT a.name, s.said, s.text FROM statements s JOIN actors a ON a.id = s.actor_id "
        "WHERE length(s.text) - length(replace(s.text, ' ', '')) >= 6 ORDER BY s.id"
    ).fetchall()
    conn.close()
    picked = random.Random(seed).sample(rows, count)
    again = [
        {"actor": name, "said": said, "text": text.rsplit(" ", 1)[0], "source": 1}
        for name, said, text in picked
    ]
    new = [
        {"actor": name, "said": said, "text": f"An unrelated remark number {i} on the weather",
         "source": 1}
        for i, (name, said, _text) in enumerate(picked)
    ]
    return {"sources": [{"id": 1, "title": "Another outlet", "url": "https://example.org/a"}],
            "statements": again + new}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument("--statements", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder) / "base.parley"
        start = time.perf_counter()
        write_synthetic(base, args.events)
        print(f"synthetic store of {args.events:,} items: {time.perf_counter() - start:.1f} s")
        doc = document(base, args.statements, seed=1)
        timings, report = [], None
        for run in range(args.runs):
            copy = Path(folder) / f"run{run}.parley"
            shutil.copyfile(base, copy)
            start = time.perf_counter()
            report = import_document(copy, doc, "bench")
            timings.append(time.perf_counter() - start)
        per = statistics.median(timings) / len(doc["statements"]) * 1000
        print(f"import of {len(doc['statements'])} statements (median of {args.runs}): "
              f"{statistics.median(timings) * 1000:.0f} ms, {per:.2f} ms per statement")
        print(f"added: {report}")
        print(f"expected: {args.statements} statements (the new ones), "
              f"{2 * args.statements} appearances")


if __name__ == "__main__":
    main()
