"""The bench's figures: what is measured (frame size, zoom and pan levels, searches) and
the table of medians it prints."""

from __future__ import annotations

import statistics

WIDTH, HEIGHT = 1600, 900
EXPORT_WIDTH = 4000

PAN_LEVELS = {
    "all": None,
    "year": 365 * 86400,
    "month": 30 * 86400,
    "week": 7 * 86400,
    "day": 86400,
}
SEARCHES = ("peace", "ceasefire talks", "minister", "the", "zanzibar")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * q
    lo = int(k)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def _med(values) -> float:
    values = list(values)
    return statistics.median(values) if values else float("nan")


def summary(name: str, figures: dict) -> dict:
    cold_opens, opens, windows, sessions = (
        figures[k] for k in ("open_cold", "open", "window", "session")
    )

    def p95(key_fn, runs=sessions):
        return _med(percentile(key_fn(s), 0.95) for s in runs)

    def p50(key_fn):
        return _med(percentile(key_fn(s), 0.5) for s in sessions)

    return {
        "name": name,
        "rows": opens[0]["rows"],
        "open_cold": _med(o["open_ms"] for o in cold_opens),
        "open_cold_store": _med(o["store_ms"] for o in cold_opens),
        "rss_cold": _med(o["rss_mb"] for o in cold_opens),
        "cpu_cold": _med(o.get("cpu_ms", float("nan")) for o in cold_opens),
        "cpu_warm": _med(o.get("cpu_ms", float("nan")) for o in opens),
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
            for lv in PAN_LEVELS
        },
        "search": {
            w: (_med(s["search"][w]["ms"] for s in sessions), sessions[0]["search"][w]["hits"])
            for w in SEARCHES
        },
        "search_max": _med(max(v["ms"] for v in s["search"].values()) for s in sessions),
        "export": _med(s["export_ms"] for s in sessions),
        "export_how": sessions[0]["export_how"],
        "rss": _med(max([s["rss_mb"], o["rss_mb"]]) for s, o in zip(sessions, opens, strict=False)),
        "rss_window": _med(w["rss_mb"] for w in windows),
        "sparse_marks": _med(s["singles"] for s in figures["sparse"]),
        "sparse_p95": p95(lambda s: s["frames"], figures["sparse"]),
        "export_cli": figures["export_cli"]["ms"],
        "export_cli_cpu": figures["export_cli"]["cpu_ms"],
        "export_cli_rss": figures["export_cli"]["rss_mb"],
    }


def ms(v: float) -> str:
    """Milliseconds as the table shows them."""
    return "—" if v != v else f"{v:,.0f}" if v >= 100 else f"{v:.1f}"


def _lines(rows: list[dict]) -> list[tuple[str, list[str]]]:
    """(figure, one cell per store) of every line of the table."""
    lines = [
        ("open → first frame, cold cache", [ms(r["open_cold"]) for r in rows]),
        ("  of which open_store (cold)", [ms(r["open_cold_store"]) for r in rows]),
        ("  CPU time of it, both threads (cold)", [ms(r["cpu_cold"]) for r in rows]),
        ("  peak RSS MB (cold open)", [f"{r['rss_cold']:.0f}" for r in rows]),
        ("open → first frame, warm cache", [ms(r["open"]) for r in rows]),
        ("  CPU time of it (warm)", [ms(r["cpu_warm"]) for r in rows]),
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
        ("search: slowest of the above", [ms(r["search_max"]) for r in rows]),
        (f"PNG export {EXPORT_WIDTH} px, whole store", [ms(r["export"]) for r in rows]),
        ("`parley export` 1200 px, new process, cold", [ms(r["export_cli"]) for r in rows]),
        ("  its CPU time, all threads", [ms(r["export_cli_cpu"]) for r in rows]),
        ("  its peak RSS MB", [f"{r['export_cli_rss']:.0f}" for r in rows]),
        ("sparse view: single marks in frame", [f"{r['sparse_marks']:,.0f}" for r in rows]),
        ("  its frames p95 (pan + zoom)", [ms(r["sparse_p95"]) for r in rows]),
        ("peak RSS MB (open + session)", [f"{r['rss']:.0f}" for r in rows]),
        ("peak RSS MB (MainWindow)", [f"{r['rss_window']:.0f}" for r in rows]),
    ]
    return lines


def print_table(rows: list[dict], launch: dict | None, repeat: int) -> None:
    head = ["figure (ms unless noted)"] + [f"{r['name']} ({r['rows']:,} rows)" for r in rows]
    lines = _lines(rows)
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


def print_export_cli(name: str, figures: dict) -> None:
    """``--export-cli``: each run's wall and CPU ms, their medians, the peak RSS."""
    runs = ", ".join(f"{ms(w)} ({ms(c)})" for w, c in zip(figures["all_ms"],
                                                           figures["all_cpu_ms"], strict=True))
    print(f"{name}: `parley export` 1200 px, new process, cold: wall {ms(figures['ms'])} ms, "
          f"CPU {ms(figures['cpu_ms'])} ms (medians; runs: wall (CPU) {runs}); "
          f"peak RSS {figures['rss_mb']:.0f} MB")


def print_frames(name: str, frames: list[dict], sparse: list[dict]) -> None:
    """The frames alone (``--frames``): p50 / p95 of wall and CPU ms per zoom and pan
    level, medians over the runs; then the sparse view (single labelled marks)."""
    print(f"{name}: frames = compose + paint into a {WIDTH}×{HEIGHT} QImage, "
          f"median of {len(frames)} runs; wall p50 / p95 | CPU p50 / p95 (ms)")

    def row(label: str, walls, cpus) -> None:
        cells = [_med(percentile(v, q) for v in values)
                 for values in (walls, cpus) for q in (0.5, 0.95)]
        print(f"  {label:18s} {ms(cells[0])} / {ms(cells[1])} | {ms(cells[2])} / {ms(cells[3])}")

    row("zoom", [f["zoom"] for f in frames], [f["zoom_cpu"] for f in frames])
    for level in PAN_LEVELS:
        row(f"pan at {level}", [f["pan"][level] for f in frames],
            [f["pan_cpu"][level] for f in frames])
    print(f"  peak RSS MB {_med(f['rss_mb'] for f in frames):.0f}")
    if sparse:
        marks = _med(s["singles"] for s in sparse)
        p95 = _med(percentile(s["frames"], 0.95) for s in sparse)
        cpu = _med(percentile(s.get("frames_cpu", [float("nan")]), 0.95) for s in sparse)
        print(f"  sparse view: {marks:,.0f} single marks in frame, frames p95 {ms(p95)} (wall)"
              f" | {ms(cpu)} (CPU)")
