"""``parley export STORE OUT.png|.svg|.pdf``: render the timeline with no window.

Runs Qt on the offscreen platform (unless QT_QPA_PLATFORM says otherwise) with a
``QGuiApplication``; no widget module is imported. Errors are ParleyErrors, which the
command runner prints as one line with exit code 2.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from db.dates import DateError, parse_date
from db.errors import ParleyError

_APP = None


def _ensure_app() -> None:
    # The offscreen platform needs no display; a stale DISPLAY would abort xcb instead.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QGuiApplication

    if QCoreApplication.instance() is None:
        global _APP
        _APP = QGuiApplication(["parley-export"])


def _seconds(value: str | None, option: str, end: bool) -> float | None:
    if value is None:
        return None
    try:
        when = parse_date(value)
    except DateError as error:
        raise ParleyError(option, str(error)) from None
    first, after = when.span_seconds()
    return float(after if end else first)


def export_command(args: argparse.Namespace) -> int:
    """Export ``args.store`` to ``args.output``; print what was written; return 0."""
    from viewer.export.render import check_writable, export_format

    output = Path(args.output)
    export_format(output)
    check_writable(output)
    start = _seconds(args.start, "--from", end=False)
    end = _seconds(args.end, "--to", end=True)
    if start is not None and end is not None and end <= start:
        raise ParleyError("--to", f"{args.end} is before --from {args.start}")
    from db.api import open_store

    store = open_store(args.store)
    _ensure_app()
    from viewer.export.render import export_file
    from viewer.timeline.state import TimelineState

    state = TimelineState(store)
    state.fit()
    if start is not None or end is not None:
        extent = store.extent()
        lo, hi = state.scale.start, state.scale.end
        if extent is not None and start is not None and end is None:
            hi = max(extent[1], start + 86400)
        if extent is not None and end is not None and start is None:
            lo = min(extent[0], end - 86400)
        state.scale.set_range(start if start is not None else lo, end if end is not None else hi)
    result = export_file(
        state,
        output,
        width=args.width,
        title=args.title,
        theme_name=args.theme,
    )
    print(result.describe())
    return 0
