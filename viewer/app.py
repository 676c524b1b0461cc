"""Starting the app: error hook, arguments, logging, store, then the QApplication.

Errors reach the user in a dialog (and a log file in the data folder), not only in a
terminal a double-click user never sees.
"""

from __future__ import annotations

import gc
import logging
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from db.default_store import data_dir, ensure_default_store, log_file
from db.pg.url import display, is_url

APP_ID = "io.github.parley.Parley"
log = logging.getLogger("parley")


def _setup_logging() -> None:
    try:
        data_dir().mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.FileHandler(log_file(), encoding="utf-8")
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)


def _error_dialog(title: str, text: str, details: str = "") -> None:
    from PySide6.QtWidgets import QApplication, QMessageBox

    if QApplication.instance() is None:
        print(f"parley: {text}", file=sys.stderr)
        return
    box = QMessageBox(QMessageBox.Icon.Critical, title, text)
    if details:
        box.setDetailedText(details)
    box.setInformativeText(f"Details are logged in {log_file()}")
    box.exec()


def _excepthook(kind, value, tb) -> None:
    details = "".join(traceback.format_exception(kind, value, tb))
    log.error("unexpected error\n%s", details)
    _error_dialog("Parley: unexpected error", f"Something went wrong: {value}", details)


def create_application(argv: Sequence[str] = ()):
    """The QApplication with Parley's names, icon and HiDPI behaviour."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QGuiApplication, QIcon
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(["parley", *argv])
    QCoreApplication.setOrganizationName("Parley")
    QCoreApplication.setApplicationName("Parley")
    QGuiApplication.setDesktopFileName(APP_ID)
    _readable_links(app)
    icon = _icon_path()
    if icon is not None:
        app.setWindowIcon(QIcon(str(icon)))
    return app


def _readable_links(app) -> None:
    """Some dark palettes keep the light theme's dark-blue links: lighten them."""
    from PySide6.QtGui import QPalette

    palette = app.palette()
    base = palette.color(QPalette.ColorRole.Base)
    for role in (QPalette.ColorRole.Link, QPalette.ColorRole.LinkVisited):
        color = palette.color(role)
        if base.lightness() < 128 and color.lightness() < 140:
            palette.setColor(role, color.lighter(190))
    app.setPalette(palette)


def _icon_path() -> Path | None:
    from importlib import resources

    try:
        root = resources.files("resources")
        for name in (
            f"icons/hicolor/scalable/apps/{APP_ID}.svg",
            f"icons/hicolor/256x256/apps/{APP_ID}.png",
        ):
            candidate = root.joinpath(name)
            if candidate.is_file():
                return Path(str(candidate))
    except (ModuleNotFoundError, OSError):
        return None
    return None


def run_app(store: str | None, qt_args: Sequence[str] = ()) -> int:
    """Open the main window on ``store`` (or the default store) and run until closed."""
    from viewer.platform_check import display_problem

    problem = display_problem()
    if problem:  # before Qt aborts with a page of text and a core dump
        print(problem, file=sys.stderr)
        return 2
    _setup_logging()
    sys.excepthook = _excepthook
    app = create_application(qt_args)
    from viewer.main_window import MainWindow

    window = MainWindow()
    window.show()
    try:
        path = store if is_url(store) else Path(store) if store else ensure_default_store()
    except Exception as error:
        log.exception("default store")
        _error_dialog("Parley", f"The default store cannot be built: {error}")
        return 2
    log.info("opening %s", display(path))
    window.open_path(path)
    # What starting made lives as long as the app: later collections leave it out, so a
    # full collection in the middle of a pan walks only what frames made.
    gc.freeze()
    return app.exec()
