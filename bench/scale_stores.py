"""The bench's stores: synthetic ones (``parley synth``) and contract-only copies of them
(another program's store: the contract's columns only), written once into the bench
folder and reused."""

from __future__ import annotations

import time
from pathlib import Path


def parse_size(text: str) -> int:
    text = text.strip().lower().replace("_", "")
    factor = 1
    if text.endswith("k"):
        factor, text = 1000, text[:-1]
    elif text.endswith("m"):
        factor, text = 1_000_000, text[:-1]
    return int(float(text) * factor)


def label(n: int) -> str:
    if n >= 1_000_000 and n % 1_000_000 == 0:
        return f"{n // 1_000_000}M"
    if n >= 1000 and n % 1000 == 0:
        return f"{n // 1000}k"
    return str(n)


def ensure_store(bench_dir: Path, n: int, seed: int) -> tuple[Path, float | None]:
    path = bench_dir / f"synth-{label(n)}-seed{seed}.parley"
    if path.exists():
        return path, None
    from db.synth import write_synthetic

    tmp = path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    t0 = time.perf_counter()
    write_synthetic(tmp, n, seed=seed)
    elapsed = time.perf_counter() - t0
    tmp.rename(path)
    return path, elapsed


def write_contract_store(source: Path, path: Path) -> None:
    """Copy a synthetic store into a new file holding only the contract's columns, with
    plain sqlite3 (as another program would write it). Minute dates are written with a
    space separator, as ``str(datetime)`` gives them."""
    import sqlite3

    from fuzz_store import CONTRACT_DDL  # the contract's tables, nothing of Parley's

    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.executescript(CONTRACT_DDL)
        conn.execute("ATTACH DATABASE ? AS src", (f"file:{source}?mode=ro",))
        conn.execute("BEGIN")
        for table in ("meta", "sources", "actors", "topics", "events", "event_actors",
                      "statements"):
            columns = ", ".join(
                f'"{row[1]}"' for row in conn.execute(f'PRAGMA main.table_info("{table}")')
            )
            values = columns
            if table == "events":
                values = columns.replace('"start"', "replace(\"start\", 'T', ' ')")
            conn.execute(
                f'INSERT INTO main."{table}"({columns}) SELECT {values} FROM src."{table}"'
            )
        conn.execute("COMMIT")
        conn.execute("DETACH DATABASE src")
    finally:
        conn.close()


def ensure_contract_store(bench_dir: Path, n: int, seed: int) -> Path:
    """The contract-only copy of the synthetic store of ``n`` items (written once)."""
    path = bench_dir / f"contract-{label(n)}-seed{seed}.sqlite"
    if not path.exists():
        source, _ = ensure_store(bench_dir, n, seed)
        tmp = path.with_suffix(".tmp")
        tmp.unlink(missing_ok=True)
        write_contract_store(source, tmp)
        tmp.rename(path)
    return path
