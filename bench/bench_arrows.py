"""What the arrows between statements cost per frame (issue 18): 10,000 relations at 1M
items.

Not a test: prints figures. Makes (or reuses) a 1M-item store with ``parley synth``,
copies it and adds ``--relations`` random links, each from a statement to one of the 50
statements before it in time (answers follow what they answer). The view shows the
statements (the relations join statements; the synthetic events' long spans would make
every view of the store's middle a dense frame, where no arrows are drawn). Then at
several zooms, panned 7 px per frame so that every frame is a new one: the medians, wall
and CPU, of the arrows' work (``state_arrows``: which links, where, routed) and of their
painting (lines, heads, markers, then the names of ends off screen) into a 1600×900
image, and of the whole frame (compose + ``paint_timeline``) with and without arrows.

    .venv/bin/python bench/bench_arrows.py --folder /tmp/arrows-bench
    .venv/bin/python bench/bench_arrows.py --repo /tmp/main-copy   # the same, older code

``--repo`` measures another checkout of Parley (e.g. ``git archive main``), for A/B runs.
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
from collections.abc import Callable
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
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


def _timed(work: Callable[[], object]) -> tuple[float, float, object]:
    """(wall ms, CPU ms, result) of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000, result


def _painter() -> Callable:
    """The arrows' painting of the code measured: (painter, arrows, theme, name, font)."""
    from viewer.timeline import arrow_painter as ap

    if not hasattr(ap, "paint_away_labels"):  # older code: one call paints everything
        return ap.paint_arrows

    def paint(p, arrows, theme, name, font) -> None:
        ap.paint_arrows(p, arrows, theme)
        ap.paint_away_labels(p, arrows, theme, name, font)

    return paint


def measure(path: Path, days: float, pans: int) -> dict[str, float]:
    """Medians (ms) of one zoom: the arrows' work and painting, wall and CPU; whole frames
    with and without arrows; arrows and marks per frame."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QFont, QImage, QPainter

    from db.api import open_store
    from db.timeindex import KIND_STATEMENT
    from viewer.theme import fixed_theme
    from viewer.timeline import arrows as found
    from viewer.timeline.marks import GLYPH
    from viewer.timeline.painter import AXIS_H, LABEL_W, PaintOptions, paint_timeline
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
    theme, font, paint = fixed_theme("light"), QFont(), _painter()
    index = state.store.index

    def frame(with_arrows: bool) -> float:
        state._links = (index, links if with_arrows else found.Links.empty())
        state.scale.pan_px(7)
        p = QPainter(image)
        wall = _timed(lambda: paint_timeline(p, QRectF(0, 0, 1600, 900), state, theme,
                                             PaintOptions()))[0]
        p.end()
        return wall

    def arrows_alone() -> tuple[float, float, float, float, int, int]:
        state.scale.pan_px(7)
        marks = len(state.frame.marks) if not state.frame.dense else 0  # composed first
        found._LAST.clear()
        work_wall, work_cpu, arrows = _timed(lambda: found.state_arrows(state, GLYPH))
        p = QPainter(image)  # as paint_timeline paints the lanes: clipped, translated
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setClipRect(QRectF(LABEL_W, AXIS_H, 1600 - LABEL_W, 900 - AXIS_H))
        p.translate(LABEL_W, AXIS_H)
        paint_wall, paint_cpu, _ = _timed(
            lambda: paint(p, arrows, theme, lambda row: found.away_label(state, row), font))
        p.end()
        return work_wall, work_cpu, paint_wall, paint_cpu, len(arrows), marks

    frame(True)  # warm: labels fetched, caches filled
    rows: dict[str, list[float]] = {}
    for _ in range(pans):
        for name, value in zip(("work", "work_cpu", "paint", "paint_cpu", "arrows", "marks"),
                               arrows_alone(), strict=True):
            rows.setdefault(name, []).append(value)
        rows.setdefault("plain", []).append(frame(False))
        rows.setdefault("full", []).append(frame(True))
    figures = {name: statistics.median(values) for name, values in rows.items()}
    figures["dense"] = float(state.frame.dense)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=Path("/tmp/parley-bench"))
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--relations", type=int, default=10_000)
    parser.add_argument("--pans", type=int, default=30, help="frames measured per zoom")
    parser.add_argument("--repo", type=Path, default=REPO, help="the checkout to measure")
    args = parser.parse_args()
    sys.path.insert(0, str(args.repo.resolve()))
    from PySide6.QtWidgets import QApplication

    app = QApplication(["parley-bench"])  # noqa: F841 - kept alive while measuring
    started = time.perf_counter()
    path = store_with_relations(args.folder, args.events, args.relations)
    print(f"store: {path} ({time.perf_counter() - started:.1f} s to make or find)")
    print(f"code: {args.repo.resolve()}; load {os.getloadavg()[0]:.1f}")
    print("days   marks arrows | arrows' work ms  | painting ms      | frame ms: "
          "without  with")
    print("                    |   wall    CPU    |   wall    CPU    |")
    for days in ZOOMS:
        f = measure(path, days, args.pans)
        print(f"{days:5.1f}{' dense' if f['dense'] else '      '} {f['marks']:5.0f}"
              f" {f['arrows']:4.0f} | {f['work']:6.2f} {f['work_cpu']:6.2f}    |"
              f" {f['paint']:6.2f} {f['paint_cpu']:6.2f}    | {f['plain']:7.1f} {f['full']:6.1f}")
    print(f"load after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
