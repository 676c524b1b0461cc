"""Time one Right key press on the timeline (select the next item in the focused lane).

    .venv/bin/python bench/key_press.py --events 100000 --presses 200 --runs 5

Builds a synthetic store (cached in /tmp), opens the real window offscreen, focuses the
timeline and presses Right; prints the median and 95th percentile per press over all
runs, and the median of the first press of each run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000, help="timeline items")
    parser.add_argument("--presses", type=int, default=200, help="Right presses per run")
    parser.add_argument("--runs", type=int, default=5, help="windows opened, one after another")
    args = parser.parse_args()

    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from db.synth import write_synthetic
    from viewer.main_window import MainWindow

    path = Path(f"/tmp/parley-bench-keys-{args.events}.parley")
    if not path.exists():
        write_synthetic(path, args.events, seed=1)
    app = QApplication.instance() or QApplication([])
    per_press, first = [], []
    for _run in range(args.runs):
        window = MainWindow(QSettings("/tmp/parley-bench-keys.ini", QSettings.Format.IniFormat))
        window.resize(1400, 800)
        window.show()
        window.open_path(path)
        while window.state is None:
            app.processEvents()
        window.canvas.setFocus()
        app.processEvents()
        times = []
        for _ in range(args.presses):
            start = time.perf_counter()
            QTest.keyClick(window.canvas, Qt.Key.Key_Right)
            app.processEvents()  # the repaint the press asked for
            times.append((time.perf_counter() - start) * 1000)
        first.append(times[0])
        per_press += times
        window.close()
        window.deleteLater()
        app.processEvents()
    per_press.sort()
    p95 = per_press[int(len(per_press) * 0.95)]
    print(
        f"Right key, {args.events:,} items: median {statistics.median(per_press):.2f} ms, "
        f"p95 {p95:.2f} ms, first press median {statistics.median(first):.2f} ms "
        f"({args.runs} runs × {args.presses} presses)"
    )


if __name__ == "__main__":
    main()
