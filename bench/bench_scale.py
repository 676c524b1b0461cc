"""Scale benchmark: open, frames while zooming and panning, search, export, memory.

Not a test: prints a table. Stores are written once into the bench folder and reused:
``synth`` stores by ``parley synth``, ``contract`` stores copied from them with plain
sqlite3 holding only the contract's columns (no time columns, indexes or full-text
tables: a store another program wrote). Every figure is measured in fresh subprocesses
(one per store and repeat, so sizes do not pollute each other's memory) with Qt's
offscreen platform::

    .venv/bin/python bench/bench_scale.py --sizes 10k,100k,1m --repeat 3
    .venv/bin/python bench/bench_scale.py --ten-million --kinds synth --repeat 3
    .venv/bin/python bench/bench_scale.py --frames --sizes 1m --kinds synth  # frames only

Targets (issue 17, 2-core machine): a contract store of 1M items opened cold → first
frame ≤ 1.5 s and ≤ 400 MB; headless export of the 10k contract store ≤ 0.6 s including
process start; frames ≤ 16 ms p95 with 2,000 individual marks in view; 10M items:
synth ≤ 60 s, cold open → first frame ≤ 3 s, warm ≤ 1 s, frames ≤ 16 ms p95, search ≤
150 ms, 4000 px PNG ≤ 5 s, peak RSS ≤ 1.2 GB.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from scale_stores import ensure_contract_store, ensure_store, label, parse_size  # noqa: E402
from scale_table import (  # noqa: E402
    EXPORT_WIDTH,
    HEIGHT,
    PAN_LEVELS,
    SEARCHES,
    WIDTH,
    print_export_cli,
    print_frames,
    print_table,
    summary,
)

ZOOM_STEPS = 60
PANS = 20
PAN_PX = 80
def rss_mb() -> float:
    """Peak resident memory of this process (ru_maxrss is in KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


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


def _kept(path: Path) -> str:
    """Whether the store holds a current time index of its own (its cold open reads it:
    a store written by an older ``parley synth`` has none; ``parley optimize`` adds it)."""
    import sqlite3

    from db.embedindex import load

    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return "time index kept in the store" if load(conn) else "no index in the store"
    finally:
        conn.close()


def worker_open(path: str) -> dict:
    """open_store + TimelineState + first paint into a QImage (QApplication already up)."""
    _app()
    theme = _theme()
    image = _image()
    from db.api import open_store
    from viewer.timeline.state import TimelineState

    cpu = time.process_time()
    t0 = time.perf_counter()
    store = open_store(path)
    t1 = time.perf_counter()
    state = TimelineState(store, WIDTH - 190)
    t2 = time.perf_counter()
    _paint(image, state, theme)
    t3 = time.perf_counter()
    return {
        "open_ms": (t3 - t0) * 1000,
        "cpu_ms": (time.process_time() - cpu) * 1000,  # both threads: load-independent
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


def _frame(image, state, theme) -> tuple[float, float, float]:
    """(compose ms, compose + paint ms, its CPU ms) of one frame after a view change."""
    cpu = time.process_time()
    t0 = time.perf_counter()
    state.set_width(WIDTH - 190)
    _ = state.frame
    t1 = time.perf_counter()
    _paint(image, state, theme)
    t2 = time.perf_counter()
    return (t1 - t0) * 1000, (t2 - t0) * 1000, (time.process_time() - cpu) * 1000


def _open_session(path: str):
    _app()
    from db.api import open_store
    from viewer.timeline.state import TimelineState

    theme, image = _theme(), _image()
    store = open_store(path)
    state = TimelineState(store, WIDTH - 190)
    _paint(image, state, theme)  # the first frame (measured by worker_open)
    return store, state, theme, image


def worker_frames(path: str) -> dict:
    """Frames while zooming towards the busiest hour and panning at each level: wall and
    CPU (compose + paint into a 1600×900 image)."""
    return _frames(*_open_session(path))


def _frames(store, state, theme, image) -> dict:
    import numpy as np

    index = store.index
    # Zoom towards the busiest hour of the store (the middle of its densest day).
    days = (index.t0 // 86400).astype(np.int64)
    busiest = int(np.bincount(days - days.min()).argmax() + days.min()) * 86400
    centre = busiest + 12 * 3600
    state.fit()
    full = state.scale.span
    results: dict = {"zoom": [], "zoom_compose": [], "zoom_cpu": [], "pan": {}, "pan_cpu": {}}
    for i in range(ZOOM_STEPS):
        span = full * (3600 / full) ** (i / (ZOOM_STEPS - 1))
        state.scale.set_range(centre - span / 2, centre + span / 2)
        compose_ms, total_ms, cpu_ms = _frame(image, state, theme)
        results["zoom"].append(total_ms)
        results["zoom_compose"].append(compose_ms)
        results["zoom_cpu"].append(cpu_ms)
    for level, span in PAN_LEVELS.items():
        if span is None:
            state.fit()
        else:
            state.scale.set_range(centre - span / 2, centre + span / 2)
        _frame(image, state, theme)
        frames = []
        for _ in range(PANS):
            state.scale.pan_px(PAN_PX)
            frames.append(_frame(image, state, theme))
        results["pan"][level] = [f[1] for f in frames]
        results["pan_cpu"][level] = [f[2] for f in frames]
    results["rss_mb"] = rss_mb()
    return results


def worker_session(path: str, export_dir: str) -> dict:
    """Frames while zooming and panning, search, export; the peak RSS of all of it."""
    store, state, theme, image = _open_session(path)
    results = _frames(store, state, theme, image)
    search = {}
    for words in SEARCHES:
        t0 = time.perf_counter()
        hits = store.search(words)
        search[words] = {"ms": (time.perf_counter() - t0) * 1000, "hits": len(hits)}
    results["search"] = search
    state.fit()
    out = Path(export_dir) / f"export-{os.getpid()}.png"
    from viewer.export.render import export_timeline

    t0 = time.perf_counter()
    export_timeline(state, out, width=EXPORT_WIDTH)
    results["export_how"] = "viewer.export.render.export_timeline"
    results["export_ms"] = (time.perf_counter() - t0) * 1000
    results["export_bytes"] = out.stat().st_size
    out.unlink()
    results["rss_mb"] = rss_mb()
    return results


def worker_sparse(path: str) -> dict:
    """Frames where items are individual marks: the view (zooming in on the busiest day)
    with the most single, labelled marks, then pans and zooms around it."""
    import numpy as np

    store, state, theme, image = _open_session(path)
    index = store.index
    days = (index.t0 // 86400).astype(np.int64)
    centre = int(np.bincount(days - days.min()).argmax() + days.min()) * 86400 + 43200
    state.fit()
    full = state.scale.span
    best = (-1, full)
    for i in range(ZOOM_STEPS):
        span = full * (3600 / full) ** (i / (ZOOM_STEPS - 1))
        state.scale.set_range(centre - span / 2, centre + span / 2)
        state.set_width(WIDTH - 190)
        singles = _singles(state.frame)
        if singles > best[0]:
            best = (singles, span)
    singles, span = best
    state.scale.set_range(centre - span / 2, centre + span / 2)
    _frame(image, state, theme)
    frames = []
    for step in range(PANS):
        state.scale.pan_px(PAN_PX if step < PANS // 2 else -PAN_PX)
        frames.append(_frame(image, state, theme))
    for factor in (0.8, 0.8, 0.8, 1.25, 1.25, 1.25, 1.25, 1.25, 1.25, 0.8):
        middle = state.scale.start + state.scale.span / 2
        half = state.scale.span * factor / 2
        state.scale.set_range(middle - half, middle + half)
        frames.append(_frame(image, state, theme))
    return {"singles": singles, "frames": [f[1] for f in frames],
            "frames_cpu": [f[2] for f in frames], "rss_mb": rss_mb()}


def _singles(frame) -> int:
    """Marks in a frame drawn as one item each (not a cluster, not density)."""
    if frame.dense:
        return 0
    return sum(1 for mark in frame.marks if getattr(mark, "count", 1) == 1)


def _parley() -> list[str]:
    """The ``parley`` command of this Python (its console script, as a user runs it)."""
    script = Path(sys.executable).parent / "parley"
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from viewer.cli import main; sys.exit(main())"]


def measure_export_cli(bench_dir: Path, path: Path, repeat: int) -> dict:
    """``parley export STORE out.png --width 1200`` in a new process, empty index cache:
    wall time from spawn to exit (interpreter start and imports included), and the CPU
    time of the process (all its threads). Parley's bytecode is compiled first, as an
    installed Parley has it: where PYTHONDONTWRITEBYTECODE is set, every run would
    compile its modules again (some 60 ms)."""
    import compileall

    for package in ("db", "viewer"):
        compileall.compile_dir(REPO / package, quiet=1)
    times, cpu, rss = [], [], []
    out = bench_dir / "cli-export.png"
    for _ in range(repeat):
        cache = tempfile.mkdtemp(prefix="cache-", dir=bench_dir)
        env = _env(bench_dir, cache)
        with tempfile.TemporaryFile("w+") as err:
            t0 = time.perf_counter()
            proc = subprocess.Popen(
                [*_parley(), "export", str(path), str(out), "--width", "1200"],
                env=env, stdout=subprocess.DEVNULL, stderr=err,
            )
            _, status, usage = os.wait4(proc.pid, 0)  # this process's own peak memory
            times.append((time.perf_counter() - t0) * 1000)
            proc.returncode = os.waitstatus_to_exitcode(status)
            if proc.returncode != 0:
                err.seek(0)
                raise RuntimeError(f"parley export failed:\n{err.read()[-3000:]}")
        cpu.append((usage.ru_utime + usage.ru_stime) * 1000)
        rss.append(usage.ru_maxrss / 1024)
        shutil.rmtree(cache, ignore_errors=True)
    out.unlink(missing_ok=True)
    return {"ms": statistics.median(times), "all_ms": times, "cpu_ms": statistics.median(cpu),
            "all_cpu_ms": cpu, "rss_mb": max(rss)}


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
    parser.add_argument(
        "--kinds", default="synth,contract", help="stores: synth (Parley's), contract (another "
        "program's: the contract's columns only), or both"
    )
    parser.add_argument(
        "--ten-million", action="store_true",
        help="also the 10M synth store (3.1 GB; writing it took 13 min here)",
    )
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
    parser.add_argument("--frames", action="store_true", help="only the frames (zoom, pan, "
                        "sparse view), with their CPU time: quick A/B of painting changes")
    parser.add_argument("--export-cli", action="store_true", help="only `parley export` in "
                        "a new process (wall and CPU of each run): quick A/B of its start")
    parser.add_argument("--worker", nargs=2, metavar=("MODE", "STORE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker:
        _work(*args.worker)

    bench_dir = Path(args.dir)
    bench_dir.mkdir(parents=True, exist_ok=True)
    kinds = [k.strip() for k in args.kinds.split(",") if k.strip()]
    stores = [(kind, parse_size(s)) for kind in kinds for s in args.sizes.split(",") if s.strip()]
    if args.ten_million:
        stores.append(("synth", 10_000_000))
    raw: dict = {"stores": {}}
    rows = []
    for kind, n in stores:
        name = f"{kind} {label(n)}"
        if kind == "contract":
            path = ensure_contract_store(bench_dir, n, args.seed)
        else:
            path, synth_s = ensure_store(bench_dir, n, args.seed)
            if synth_s is not None:
                print(f"# synth {label(n)}: {synth_s:.1f} s -> {path}", file=sys.stderr)
                raw.setdefault("synth_s", {})[label(n)] = synth_s
        if args.export_cli:
            print_export_cli(name, measure_export_cli(bench_dir, path, args.repeat))
            continue
        if args.frames:
            env = _env(bench_dir, str(bench_dir / "cache"))
            runs = [[run_worker(m, [str(path)], env) for _ in range(args.repeat)]
                    for m in ("frames", "sparse")]
            print_frames(name, *runs)
            continue
        figures = measure_store(bench_dir, path, args.repeat, not args.no_window)
        print(f"# {name} done ({_kept(path)})", file=sys.stderr)
        raw["stores"][name] = figures
        rows.append(summary(name, figures))
        if args.json:
            Path(args.json).write_text(json.dumps(raw, indent=1))
    launch = None
    if args.frames or args.export_cli:
        return 0
    if not args.no_launch:
        launch = measure_launch(bench_dir, args.repeat)
        raw["launch"] = launch
    print_table(rows, launch, args.repeat)
    if args.json:
        Path(args.json).write_text(json.dumps(raw, indent=1))
    return 0


def _work(mode: str, path: str) -> None:
    """Run one worker, print its figures as JSON and leave at once."""
    workers = {"open": worker_open, "window": worker_window, "launch": worker_launch,
               "sparse": worker_sparse, "frames": worker_frames}
    if mode in workers:
        result = workers[mode](path)
    else:
        result = worker_session(path, os.environ["PARLEY_BENCH_OUT"])
    print(json.dumps(result), flush=True)
    sys.stderr.flush()
    os._exit(0)  # skip interpreter teardown (PySide6 can crash while finalizing)


def measure_store(bench_dir: Path, path: Path, repeat: int, window: bool) -> dict:
    """Every figure of one store, each run in fresh processes."""
    figures: dict = {"open_cold": [], "open": [], "window": [], "session": [], "sparse": []}
    for _ in range(repeat):
        # Cold: an empty cache folder; warm: the cache folder the previous run filled.
        cold = tempfile.mkdtemp(prefix="cache-", dir=bench_dir)
        env = _env(bench_dir, cold)
        figures["open_cold"].append(run_worker("open", [str(path)], env))
        figures["open"].append(run_worker("open", [str(path)], env))
        if window:
            figures["window"].append(run_worker("window", [str(path)], env))
        session_env = dict(env, PARLEY_BENCH_OUT=str(bench_dir))
        figures["session"].append(run_worker("session", [str(path)], session_env))
        figures["sparse"].append(run_worker("sparse", [str(path)], env))
        shutil.rmtree(cold, ignore_errors=True)
    figures["export_cli"] = measure_export_cli(bench_dir, path, repeat)
    return figures



if __name__ == "__main__":
    sys.exit(main())
