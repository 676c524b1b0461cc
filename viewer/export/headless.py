"""Rendering a store to a file with no window (``parley export``).

Runs Qt on the offscreen platform (unless QT_QPA_PLATFORM says otherwise) with a
``QGuiApplication``; no widget module is imported. Errors are ParleyErrors.
"""

from __future__ import annotations

import os
from pathlib import Path

from db.api import open_store
from viewer.export.target import check_writable, export_format

DAY = 86400
_APP = None


def _ensure_app() -> None:
    # The offscreen platform needs no display; a stale DISPLAY would abort xcb instead.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QGuiApplication

    if QCoreApplication.instance() is None:
        global _APP
        _APP = QGuiApplication(["parley-export"])


def export_store(
    store_path: str,
    output: Path,
    start: float | None = None,
    end: float | None = None,
    *,
    width: int = 2400,
    title: str | None = None,
    theme_name: str = "light",
) -> str:
    """Render the store at ``store_path`` to ``output`` between ``start`` and ``end``
    (seconds since 1970; the whole store when None); return what was written."""
    export_format(output)
    check_writable(output)
    store = open_store(store_path)  # before Qt loads: a bad store costs no Qt start
    _ensure_app()
    from viewer.export.render import export_file
    from viewer.timeline.state import TimelineState

    state = TimelineState(store)
    state.fit()
    if start is not None or end is not None:
        extent = store.extent()
        lo, hi = state.scale.start, state.scale.end
        if extent is not None and start is not None and end is None:
            hi = max(extent[1], start + DAY)
        if extent is not None and end is not None and start is None:
            lo = min(extent[0], end - DAY)
        state.scale.set_range(start if start is not None else lo, end if end is not None else hi)
    result = export_file(state, output, width=width, title=title, theme_name=theme_name)
    return result.describe()
