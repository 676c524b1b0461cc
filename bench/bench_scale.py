"""Scale benchmark: open, frames while zooming and panning, search, export, memory.

Not a test: prints a table. Stores are written once with ``parley synth`` into the bench
folder and reused. Every figure is measured in fresh subprocesses (one per size and
repeat, so sizes do not pollute each other's memory) with Qt's offscreen platform::

    .venv/bin/python bench/bench_scale.py --sizes 10k,100k,1m --repeat 3

Targets (1M items on a 2-core machine): open to first frame ≤ 1 s, frames ≤ 16 ms p95,
search ≤ 100 ms, PNG export of the whole store at 4000 px ≤ 3 s, peak RSS ≤ 400 MB,
launch with the default store ≤ 1 s.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

WIDTH, HEIGHT = 1600, 900
EXPORT_WIDTH = 4000
ZOOM_STEPS = 60
PAN_LEVELS = {
    "all": None,
    "year": 365 * 86400,
    "month": 30 * 86400,
    "week": 7 * 86400,
    "day": 86400,
}
PANS = 20
PAN_PX = 80
SEARCHES = ("peace", "ceasefire talks", "minister", "the", "zanzibar")


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


def rss_mb() -> float:
    """Peak resident memory of this process (ru_maxrss is in KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * q
    lo = int(k)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


# -- workers (each runs in its own process) ------------------------------------------------


def _guard_none() -> None:
    """Work around PySide6 6.12 on Python 3.11: void methods (drawRect, setPen, save, …)
    drop a reference to None they never took, so a few thousand painter calls kill the
    process ("none_dealloc"). Python 3.12 made None immortal; here we give it enough
    references to match. Not needed (and a no-op) on 3.12+."""
    if sys.version_info < (3, 12):
        import ctypes

        ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40


def _app():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _guard_none()
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication(["parley-bench"])


def _image():
    from PySide6.QtGui import QImage

    image = QImage(WIDTH, HEIGHT, QImage.Format.Format_RGB32)
    image.fill(0)
    return image


def _paint(image, state, theme):
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QPainter

    from viewer.timeline.painter import PaintOptions, paint_timeline

    p = QPainter(image)
    try:
        paint_timeline(p, QRectF(0, 0, WIDTH, HEIGHT), state, theme, PaintOptions())
    finally:
        p.end()


def _theme():
    from viewer.theme import fixed_theme

    return fixed_theme("light")


def worker_open(path: str) -> dict:
    """open_store + TimelineState + first paint into a QImage (QApplication already up)."""
    _app()
    theme = _theme()
    image = _image()
    from db.api import open_store
    from viewer.timeline.state import TimelineState

    t0 = time.perf_counter()
    store = open_store(path)
    t1 = time.perf_counter()
    state = TimelineState(store, WIDTH - 190)
    t2 = time.perf_counter()
    _paint(image, state, theme)
    t3 = time.perf_counter()
    return {
        "open_ms": (t3 - t0) * 1000,
        "store_ms": (t1 - t0) * 1000,
        "state_ms": (t2 - t1) * 1000,
        "paint_ms": (t3 - t2) * 1000,
        "rows": len(store.index),
        "rss_mb": rss_mb(),
    }


def _wait_loaded(app, window, timeout: float = 120.0) -> None:
    deadline = time.perf_counter() + timeout
    while window.state is None:
        app.processEvents()
        if time.perf_counter() > deadline:
            raise TimeoutError("the store did not load")
        time.sleep(0.001)


def worker_window(path: str) -> dict:
    """A real MainWindow, shown offscreen: create, open_path, loaded, canvas painted."""
    app = _app()
    from viewer.main_window import MainWindow

    t0 = time.perf_counter()
    window = MainWindow()
    window.show()
    window.open_path(path)
    _wait_loaded(app, window)
    window.canvas.repaint()
    t1 = time.perf_counter()
    window.close()
    return {"window_ms": (t1 - t0) * 1000, "rss_mb": rss_mb()}


def worker_launch(path: str) -> dict:
    """What ``parley`` does, up to the first painted frame of the default store."""
    app = _app()
    from db.default_store import ensure_default_store
    from viewer.main_window import MainWindow

    window = MainWindow()
    window.show()
    window.open_path(ensure_default_store())
    _wait_loaded(app, window)
    window.canvas.repaint()
    print("painted", flush=True)
    return {"rss_mb": rss_mb()}


def _frame(image, state, theme) -> tuple[float, float]:
    """(compose ms, compose + paint ms) of one frame after a view change."""
    t0 = time.perf_counter()
    state.set_width(WIDTH - 190)
    _ = state.frame
    t1 = time.perf_counter()
    _paint(image, state, theme)
    t2 = time.perf_counter()
    return (t1 - t0) * 1000, (t2 - t0) * 1000


def worker_session(path: str, export_dir: str) -> dict:
    """Frames while zooming and panning, search, export; the peak RSS of all of it."""
    _app()
    theme = _theme()
    image = _image()
    import numpy as np

    from db.api import open_store
    from viewer.timeline.state import TimelineState

    store = open_store(path)
    state = TimelineState(store, WIDTH - 190)
    _paint(image, state, theme)  # the first frame (measured by worker_open)
    index = store.index
    # Zoom towards the busiest hour of the store (the middle of its densest day).
    days = (index.t0 // 86400).astype(np.int64)
    busiest = int(np.bincount(days - days.min()).argmax() + days.min()) * 86400
    centre = busiest + 12 * 3600
    state.fit()
    full = state.scale.span
    results: dict = {"zoom": [], "zoom_compose": [], "pan": {}}
    for i in range(ZOOM_STEPS):
        span = full * (3600 / full) ** (i / (ZOOM_STEPS - 1))
        state.scale.set_range(centre - span / 2, centre + span / 2)
        compose_ms, total_ms = _frame(image, state, theme)
        results["zoom"].append(total_ms)
        results["zoom_compose"].append(compose_ms)
    for level, span in PAN_LEVELS.items():
        if span is None:
            state.fit()
        else:
            state.scale.set_range(centre - span / 2, centre + span / 2)
        _frame(image, state, theme)
        times = []
        for _ in range(PANS):
            state.scale.pan_px(PAN_PX)
            times.append(_frame(image, state, theme)[1])
        results["pan"][level] = times
    search = {}
    for words in SEARCHES:
        t0 = time.perf_counter()
        hits = store.search(words)
        search[words] = {"ms": (time.perf_counter() - t0) * 1000, "hits": len(hits)}
    results["search"] = search
    state.fit()
    out = Path(export_dir) / f"export-{os.getpid()}.png"
    try:
        from viewer.export.render import export_timeline
    except ImportError:
        export_timeline = None
    t0 = time.perf_counter()
    if export_timeline is not None:
        export_timeline(state, out, width=EXPORT_WIDTH)
        results["export_how"] = "viewer.export.render.export_timeline"
    else:
        from PySide6.QtCore import QRectF
        from PySide6.QtGui import QImage, QPainter

        from viewer.timeline.painter import PaintOptions, export_height, paint_timeline

        options = PaintOptions(title=store.title, legend=True)
        h = int(export_height(state, options))
        big = QImage(EXPORT_WIDTH, h, QImage.Format.Format_RGB32)
        p = QPainter(big)
        paint_timeline(p, QRectF(0, 0, EXPORT_WIDTH, h), state, theme, options)
        p.end()
        big.save(str(out))
        results["export_how"] = "paint_timeline + QImage.save"
    results["export_ms"] = (time.perf_counter() - t0) * 1000
    results["export_bytes"] = out.stat().st_size
    out.unlink()
    results["rss_mb"] = rss_mb()
    return results


# -- the driver ----------------------------------------------------------------------------


def _env(bench_dir: Path, cache: str) -> dict:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["XDG_CONFIG_HOME"] = str(bench_dir / "config")
    env["XDG_DATA_HOME"] = str(bench_dir / "data")
    env["XDG_CACHE_HOME"] = cache
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def run_worker(mode: str, args: list[str], env: dict) -> dict:
    proc = subprocess.run(
        [sys.executable, __file__, "--worker", mode, *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"worker {mode} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


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


def measure_launch(bench_dir: Path, repeat: int) -> dict:
    """Wall time from spawning the process to the first painted frame of the default store."""
    env = _env(bench_dir, str(bench_dir / "cache"))
    times, rss = [], []
    for i in range(repeat + 1):  # the first run builds the default store: not counted
        with tempfile.TemporaryFile("w+") as err:
            t0 = time.perf_counter()
            proc = subprocess.Popen(
                [sys.executable, __file__, "--worker", "launch", "-"],
                env=env,
                stdout=subprocess.PIPE,
                stderr=err,
                text=True,
            )
            line = proc.stdout.readline()
            elapsed = time.perf_counter() - t0
            rest = proc.stdout.read()
            proc.wait()
            err.seek(0)
            if proc.returncode != 0 or line.strip() != "painted":
                raise RuntimeError(f"launch worker failed:\n{err.read()[-3000:]}")
        if i:
            times.append(elapsed * 1000)
            rss.append(json.loads(rest.strip().splitlines()[-1])["rss_mb"])
    return {"launch_ms": statistics.median(times), "rss_mb": statistics.median(rss)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10k,100k,1m", help="comma-separated item counts")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (median)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--dir",
        default=os.path.join(tempfile.gettempdir(), "parley-bench"),
        help="where stores are cached between runs",
    )
    parser.add_argument("--no-window", action="store_true", help="skip the MainWindow figures")
    parser.add_argument("--no-launch", action="store_true", help="skip the default store launch")
    parser.add_argument("--json", metavar="FILE", help="also write the raw figures as JSON")
    parser.add_argument("--worker", nargs=2, metavar=("MODE", "STORE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker:
        mode, path = args.worker
        if mode == "open":
            result = worker_open(path)
        elif mode == "window":
            result = worker_window(path)
        elif mode == "launch":
            result = worker_launch(path)
        else:
            result = worker_session(path, os.environ["PARLEY_BENCH_OUT"])
        print(json.dumps(result), flush=True)
        sys.stderr.flush()
        os._exit(0)  # skip interpreter teardown (PySide6 can crash while finalizing)

    bench_dir = Path(args.dir)
    bench_dir.mkdir(parents=True, exist_ok=True)
    sizes = [parse_size(s) for s in args.sizes.split(",") if s.strip()]
    raw: dict = {"sizes": {}}
    rows = []
    for n in sizes:
        path, synth_s = ensure_store(bench_dir, n, args.seed)
        if synth_s is not None:
            print(f"# synth {label(n)}: {synth_s:.1f} s -> {path}", file=sys.stderr)
        opens, cold_opens, windows, sessions = [], [], [], []
        for r in range(args.repeat):
            # Cold: an empty cache folder; warm: the cache folder the previous run filled.
            cold = tempfile.mkdtemp(prefix="cache-", dir=bench_dir)
            cold_opens.append(run_worker("open", [str(path)], _env(bench_dir, cold)))
            warm_env = _env(bench_dir, cold)
            opens.append(run_worker("open", [str(path)], warm_env))
            if not args.no_window:
                windows.append(run_worker("window", [str(path)], warm_env))
            env = dict(warm_env, PARLEY_BENCH_OUT=str(bench_dir))
            sessions.append(run_worker("session", [str(path)], env))
            print(f"# {label(n)} run {r + 1}/{args.repeat} done", file=sys.stderr)
        raw["sizes"][label(n)] = {
            "open_cold": cold_opens,
            "open": opens,
            "window": windows,
            "session": sessions,
        }
        rows.append(_summary(n, cold_opens, opens, windows, sessions))
    if args.json:
        Path(args.json).write_text(json.dumps(raw, indent=1))
    launch = None
    if not args.no_launch:
        launch = measure_launch(bench_dir, args.repeat)
        raw["launch"] = launch
    _print_table(rows, launch, args.repeat)
    if args.json:
        Path(args.json).write_text(json.dumps(raw, indent=1))
    return 0


def _med(values) -> float:
    values = list(values)
    return statistics.median(values) if values else float("nan")


def _summary(n, cold_opens, opens, windows, sessions) -> dict:
    def p95(key_fn):
        return _med(percentile(key_fn(s), 0.95) for s in sessions)

    def p50(key_fn):
        return _med(percentile(key_fn(s), 0.5) for s in sessions)

    levels = list(PAN_LEVELS)
    row = {
        "n": n,
        "rows": opens[0]["rows"],
        "open_cold": _med(o["open_ms"] for o in cold_opens),
        "open_cold_store": _med(o["store_ms"] for o in cold_opens),
        "open": _med(o["open_ms"] for o in opens),
        "open_store": _med(o["store_ms"] for o in opens),
        "open_state": _med(o["state_ms"] for o in opens),
        "open_paint": _med(o["paint_ms"] for o in opens),
        "window": _med(w["window_ms"] for w in windows),
        "zoom_p50": p50(lambda s: s["zoom"]),
        "zoom_p95": p95(lambda s: s["zoom"]),
        "zoom_max": _med(max(s["zoom"]) for s in sessions),
        "compose_p95": p95(lambda s: s["zoom_compose"]),
        "pan": {
            lv: (p50(lambda s, lv=lv: s["pan"][lv]), p95(lambda s, lv=lv: s["pan"][lv]))
            for lv in levels
        },
        "search": {
            w: (_med(s["search"][w]["ms"] for s in sessions), sessions[0]["search"][w]["hits"])
            for w in SEARCHES
        },
        "export": _med(s["export_ms"] for s in sessions),
        "export_how": sessions[0]["export_how"],
        "rss": _med(max([s["rss_mb"], o["rss_mb"]]) for s, o in zip(sessions, opens, strict=False)),
        "rss_window": _med(w["rss_mb"] for w in windows),
    }
    return row


def _print_table(rows: list[dict], launch: dict | None, repeat: int) -> None:
    def ms(v: float) -> str:
        return "—" if v != v else f"{v:,.0f}" if v >= 100 else f"{v:.1f}"

    head = ["figure (ms unless noted)"] + [f"{label(r['n'])} ({r['rows']:,} rows)" for r in rows]
    lines = [
        ("open → first frame, cold cache", [ms(r["open_cold"]) for r in rows]),
        ("  of which open_store (cold)", [ms(r["open_cold_store"]) for r in rows]),
        ("open → first frame, warm cache", [ms(r["open"]) for r in rows]),
        (
            "  open_store / state / paint",
            [
                f"{ms(r['open_store'])} / {ms(r['open_state'])} / {ms(r['open_paint'])}"
                for r in rows
            ],
        ),
        ("MainWindow: create → loaded → painted", [ms(r["window"]) for r in rows]),
        ("zoom frames p50 / p95", [f"{ms(r['zoom_p50'])} / {ms(r['zoom_p95'])}" for r in rows]),
        ("zoom frames max", [ms(r["zoom_max"]) for r in rows]),
        ("zoom compose only p95", [ms(r["compose_p95"]) for r in rows]),
    ]
    for level in PAN_LEVELS:
        lines.append(
            (
                f"pan at {level}: p50 / p95",
                [f"{ms(r['pan'][level][0])} / {ms(r['pan'][level][1])}" for r in rows],
            )
        )
    for words in SEARCHES:
        lines.append(
            (
                f"search {words!r} (hits)",
                [f"{ms(r['search'][words][0])} ({r['search'][words][1]})" for r in rows],
            )
        )
    lines += [
        (f"PNG export {EXPORT_WIDTH} px, whole store", [ms(r["export"]) for r in rows]),
        ("peak RSS MB (open + session)", [f"{r['rss']:.0f}" for r in rows]),
        ("peak RSS MB (MainWindow)", [f"{r['rss_window']:.0f}" for r in rows]),
    ]
    widths = [max(len(head[0]), *(len(name) for name, _ in lines))]
    for i in range(len(rows)):
        widths.append(max(len(head[i + 1]), *(len(values[i]) for _, values in lines)))
    print(f"median of {repeat} runs; frames = compose + paint into a {WIDTH}×{HEIGHT} QImage")
    print(
        "  ".join(
            h.ljust(w) if i == 0 else h.rjust(w)
            for i, (h, w) in enumerate(zip(head, widths, strict=True))
        )
    )
    print("  ".join("-" * w for w in widths))
    for name, values in lines:
        cells = [name.ljust(widths[0])] + [
            v.rjust(w) for v, w in zip(values, widths[1:], strict=True)
        ]
        print("  ".join(cells))
    if rows:
        print(f"export via {rows[0]['export_how']}")
    if launch:
        print(
            f"default store: spawn `parley`-equivalent process → first painted frame "
            f"{ms(launch['launch_ms'])} ms (peak RSS {launch['rss_mb']:.0f} MB)"
        )


if __name__ == "__main__":
    sys.exit(main())
