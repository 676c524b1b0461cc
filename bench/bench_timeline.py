"""Sparse frames and key presses on one store (issue 13, issue 14 part 4, issue 17 part 2).

Not a test: prints figures. Frames: a view holding about ``--visible`` items (each its own
mark where the layout allows), panned 7 px at a time, compose + paint into a 1600×900
image; p50/p95 of the pans. Keys: the median of one Right (next item in the lane) and one
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


def frames(path: str, visible: int, pans: int) -> None:
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPainter

    from db.api import open_store
    from viewer.theme import fixed_theme
    from viewer.timeline.painter import LABEL_W, PaintOptions, paint_timeline
    from viewer.timeline.state import TimelineState

    state = TimelineState(open_store(path))
    state.set_width(1600 - LABEL_W)
    t0 = state.store.index.t0
    middle = float(np.median(t0))
    low, high = 60.0, float(t0[-1] - t0[0]) + 60.0
    for _ in range(40):  # the span around the middle holding about ``visible`` items
        span = (low * high) ** 0.5
        n = state.store.index.count_window(middle - span / 2, middle + span / 2)
        low, high = (span, high) if n < visible else (low, span)
    state.scale.set_range(middle - span / 2, middle + span / 2)
    image = QImage(1600, 900, QImage.Format.Format_RGB32)
    theme = fixed_theme("light")

    def paint() -> None:
        p = QPainter(image)
        paint_timeline(p, QRectF(0, 0, 1600, 900), state, theme, PaintOptions())
        p.end()

    paint()
    frame = state.frame
    times = []
    for _ in range(pans):
        state.scale.pan_px(7)
        started = time.perf_counter()
        paint()
        times.append((time.perf_counter() - started) * 1000)
    print(
        f"frames: {frame.visible:,} visible, {len(frame.items):,} own marks, "
        f"{frame.summarised:,} in counts; pan p50 {np.percentile(times, 50):.1f} ms, "
        f"p95 {np.percentile(times, 95):.1f} ms"
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
    parser.add_argument("--visible", type=int, default=2000, help="items in the view")
    parser.add_argument("--pans", type=int, default=60, help="frames measured")
    parser.add_argument("--presses", type=int, default=40, help="key presses measured")
    args = parser.parse_args()
    from PySide6.QtWidgets import QApplication

    app = QApplication(["parley-bench"])  # noqa: F841 - kept alive while measuring
    frames(args.store, args.visible, args.pans)
    keys(args.store, args.presses)


if __name__ == "__main__":
    main()
