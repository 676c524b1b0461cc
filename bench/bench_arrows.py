"""What the arrows between statements cost per frame (issue 18): 10,000 relations at 1M
items.

Not a test: prints figures. Makes (or reuses) a 1M-item store with ``parley synth``,
copies it and adds ``--relations`` random links, each from a statement to one of the 50
statements before it in time (answers follow what they answer). The view shows the
statements (the relations join statements; the synthetic events' long spans would make
every view of the store's middle a dense frame, where no arrows are drawn). Then at
several zooms, panned 7 px per frame: the median of compose + paint into a 1600×900
image without arrows and with them, the arrows' own work alone (``state_arrows`` +
``paint_arrows``), and how many arrows a frame drew.

    .venv/bin/python bench/bench_arrows.py            # /tmp/parley-bench/…
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ZOOMS = (0.1, 0.5, 2.0, 6.0, 30.0)  # days in the view (the last one: a dense frame)


def store_with_relations(folder: Path, events: int, relations: int) -> Path:
    """A copy of a synthetic store with ``relations`` random near-in-time links."""
    base = folder / f"synth-{events // 1000}k-seed1.parley"
    if events >= 1_000_000 and events % 1_000_000 == 0:
        base = folder / f"synth-{events // 1_000_000}M-seed1.parley"
    if not base.exists():
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "viewer", "synth", str(base), "--events",
                        str(events)], check=True, cwd=REPO)
    path = folder / f"{base.stem}-rel{relations // 1000}k.parley"
    if path.exists():
        return path
    temp = path.with_suffix(".tmp")
    shutil.copyfile(base, temp)
    from db.api import open_store
    from db.schema import DDL_V2
    from db.timeindex import KIND_STATEMENT

    with open_store(temp) as store:
        index = store.index
        rids = index.rid[index.kind == KIND_STATEMENT]
    rng = np.random.default_rng(1)
    later = rng.integers(50, len(rids), relations)
    earlier = later - rng.integers(1, 51, relations)
    kinds = rng.choice(["responds_to", "rebuts", "supports", "contradicts"], relations)
    rows = {(int(rids[a]), int(rids[b]), str(k)) for a, b, k in zip(later, earlier, kinds,
                                                                    strict=True)
            if rids[a] != rids[b]}
    conn = sqlite3.connect(temp)
    with conn:
        conn.executescript(DDL_V2)
        conn.executemany("INSERT INTO relations(from_id, to_id, kind) VALUES (?, ?, ?)", rows)
    conn.close()
    os.replace(temp, path)
    return path


def measure(path: Path, days: float, pans: int) -> tuple[float, float, float, float, bool]:
    """(without arrows, with arrows, arrows alone: ms medians; arrows per frame; dense)."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QFont, QImage, QPainter

    from db.api import open_store
    from db.timeindex import KIND_STATEMENT
    from viewer.theme import fixed_theme
    from viewer.timeline.arrow_painter import paint_arrows
    from viewer.timeline.arrows import Links, away_label, state_arrows
    from viewer.timeline.marks import GLYPH
    from viewer.timeline.painter import LABEL_W, PaintOptions, paint_timeline
    from viewer.timeline.scale import DAY
    from viewer.timeline.state import TimelineState

    state = TimelineState(open_store(path))
    state.set_width(1600 - LABEL_W)
    state.kinds = {KIND_STATEMENT}
    state.update_mask()
    links = state.links  # read once when the store loads (not per frame)
    middle = float(np.median(state.store.index.t0))
    state.scale.set_range(middle - days * DAY / 2, middle + days * DAY / 2)
    image = QImage(1600, 900, QImage.Format.Format_RGB32)
    theme = fixed_theme("light")
    font = QFont()
    index = state.store.index

    def frame(with_arrows: bool) -> float:
        state._links = (index, links if with_arrows else Links.empty())
        state.scale.pan_px(7)
        started = time.perf_counter()
        p = QPainter(image)
        paint_timeline(p, QRectF(0, 0, 1600, 900), state, theme, PaintOptions())
        p.end()
        return (time.perf_counter() - started) * 1000

    def arrows_alone() -> tuple[float, int]:
        started = time.perf_counter()
        p = QPainter(image)
        arrows = state_arrows(state, GLYPH)
        paint_arrows(p, arrows, theme, lambda row: away_label(state, row), font)
        p.end()
        return (time.perf_counter() - started) * 1000, len(arrows)

    frame(True)  # warm: labels fetched, caches filled
    plain, full, alone, drawn = [], [], [], []
    for _ in range(pans):
        plain.append(frame(False))
        full.append(frame(True))
        ms, n = arrows_alone()
        alone.append(ms)
        drawn.append(n)
    return (statistics.median(plain), statistics.median(full), statistics.median(alone),
            statistics.median(drawn), state.frame.dense)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=Path("/tmp/parley-bench"))
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--relations", type=int, default=10_000)
    parser.add_argument("--pans", type=int, default=30, help="frames measured per zoom")
    args = parser.parse_args()
    from PySide6.QtWidgets import QApplication

    app = QApplication(["parley-bench"])  # noqa: F841 - kept alive while measuring
    started = time.perf_counter()
    path = store_with_relations(args.folder, args.events, args.relations)
    print(f"store: {path} ({time.perf_counter() - started:.1f} s to make or find)")
    for days in ZOOMS:
        plain, full, alone, drawn, dense = measure(path, days, args.pans)
        print(f"{days:5.1f} days{' (dense)' if dense else '        '}: frame {plain:6.1f} ms "
              f"without arrows, {full:6.1f} ms with; arrows alone {alone:5.2f} ms "
              f"({drawn:.0f} arrows)")


if __name__ == "__main__":
    main()
