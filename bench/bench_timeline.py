"""Sparse frames and key presses on one store (issue 13, issue 14 part 4, issue 17 part 2).

Not a test: prints figures. Frames: a view whose frame holds about ``--marks`` marks of
their own (2,000 by default: issue 17 part 2), panned 7 px at a time, compose + paint into
a 1600×900 image; p50/p95 of the pans, wall and CPU (the machine may be shared).
Keys: the median of one Right (next item in the lane) and one
Alt+Right (next in any lane), after a first press that builds the lookups.

    .venv/bin/python bench/bench_timeline.py /tmp/parley-bench/synth-10k-seed1.parley
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def frames(path: str, marks: int, pans: int) -> None:
    """Pan a view whose frame holds about ``marks`` marks of their own (each item its own
    mark with its label, issue 17 part 2): compose + paint per frame, wall and CPU."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPainter

    from db.api import open_store
    from viewer.theme import fixed_theme
    from viewer.timeline.painter import AXIS_H, LABEL_W, PaintOptions, paint_timeline
    from viewer.timeline.state import TimelineState

    state = TimelineState(open_store(path))
    state.set_width(1600 - LABEL_W)
    t0 = state.store.index.t0
    middle = float(np.median(t0))
    low, high = 60.0, float(t0[-1] - t0[0]) + 60.0
    for _ in range(30):  # the span around the middle whose frame holds about ``marks``
        span = (low * high) ** 0.5
        state.scale.set_range(middle - span / 2, middle + span / 2)
        wide = state.frame.dense or len(state.frame.items) >= marks
        low, high = (low, span) if wide else (span, high)
    state.scale.set_range(middle - high / 2, middle + high / 2)
    image = QImage(1600, 900, QImage.Format.Format_RGB32)
    theme = fixed_theme("light")

    def paint() -> None:
        p = QPainter(image)
        paint_timeline(p, QRectF(0, 0, 1600, 900), state, theme, PaintOptions())
        p.end()

    paint()
    frame = state.frame
    layout = state.layout
    on_screen = sum(layout.sub_center(m.lane, m.sub) < 900 - AXIS_H for m in frame.marks)
    walls, cpus = [], []
    for step in range(pans):
        state.scale.pan_px(7 if step < pans // 2 else -7)
        wall, cpu = time.perf_counter(), time.process_time()
        paint()  # composes the frame first (the view changed)
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    print(
        f"frames: {frame.visible:,} items in view, {len(frame.items):,} own marks "
        f"({on_screen:,} on screen), {frame.summarised:,} in counts; pan 7 px, compose + "
        f"paint 1600×900: wall p50 {np.percentile(walls, 50):.1f} ms, p95 "
        f"{np.percentile(walls, 95):.1f} ms; CPU p50 {np.percentile(cpus, 50):.1f} ms, "
        f"p95 {np.percentile(cpus, 95):.1f} ms"
    )


def keys(path: str, presses: int) -> None:
    from PySide6.QtWidgets import QApplication

    from db.api import open_store
    from viewer.timeline.canvas import TimelineCanvas
    from viewer.timeline.state import TimelineState

    canvas = TimelineCanvas()
    canvas.resize(1400, 800)
    canvas.set_state(TimelineState(open_store(path)))
    canvas.focus_lane = min(3, len(canvas.state.layout.lanes) - 1)
    for across in (False, True):
        canvas.step_item(1, across)
        times = []
        for _ in range(presses):
            started = time.perf_counter()
            canvas.step_item(1, across)
            times.append((time.perf_counter() - started) * 1000)
        name = "Alt+Right" if across else "Right"
        print(f"keys: {name} median {statistics.median(times):.2f} ms")
    QApplication.processEvents()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", help="a store file (e.g. one parley synth wrote)")
    parser.add_argument("--marks", type=int, default=2000, help="own marks in the frame")
    parser.add_argument("--pans", type=int, default=60, help="frames measured")
    parser.add_argument("--presses", type=int, default=40, help="key presses measured")
    args = parser.parse_args()
    from PySide6.QtWidgets import QApplication

    app = QApplication(["parley-bench"])  # noqa: F841 - kept alive while measuring
    frames(args.store, args.marks, args.pans)
    keys(args.store, args.presses)


if __name__ == "__main__":
    main()
