"""The main window: timeline and overview in the middle, panes docked around them."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAccessible, QAccessibleEvent, QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTabBar,
    QWidget,
)

from db import errors
from db.api import Store, open_store
from db.dates import DateError, parse_date
from db.model import Hit
from db.pg.url import display, is_url, without_password
from db.timeindex import KIND_EVENT, KIND_STATEMENT
from viewer.actions import ACTIONS, build_actions
from viewer.panes.curation import with_curation_bar
from viewer.panes.detail_pane import DetailPane
from viewer.panes.filter_panel import FilterPanel
from viewer.panes.search_panel import SearchPanel
from viewer.relations_ui import RelationsMixin
from viewer.status_bar import build_status
from viewer.timeline.canvas import TimelineCanvas
from viewer.timeline.overview import OverviewStrip
from viewer.timeline.state import ItemRef, TimelineState

RECENT_MAX = 8
WATCH_MS = 1500


class StoreLoader(QObject):
    """Opens a store on a worker thread, so the window never freezes."""

    loaded = Signal(object, object)  # Store, request token
    failed = Signal(str, object)

    def start(self, path: Path | str, token: object) -> None:
        def work() -> None:
            try:
                store = open_store(path)
            except errors.ParleyError as error:
                self.failed.emit(str(error), token)
            except Exception as error:
                self.failed.emit(f"{display(path)}: cannot be opened ({error})", token)
            else:
                self.loaded.emit(store, token)

        threading.Thread(target=work, name="parley-open", daemon=True).start()


class MainWindow(RelationsMixin, QMainWindow):
    """Parley's window. Every menu entry and shortcut is an action from viewer.actions."""

    store_opened = Signal(object)  # Store
    store_failed = Signal(str)

    def __init__(self, settings: QSettings | None = None) -> None:
        super().__init__()
        self.settings = settings or QSettings()
        self.store: Store | None = None
        self.state: TimelineState | None = None
        self.path: Path | str | None = None  # a store file, or a team store's URL
        self._token: object = None
        self.setWindowTitle("Parley")
        self.setAcceptDrops(True)
        self.canvas = TimelineCanvas(self)
        self.overview = OverviewStrip(self)
        center = QSplitter(Qt.Orientation.Vertical, self)
        center.addWidget(self.canvas)
        center.addWidget(self.overview)
        center.setChildrenCollapsible(False)
        center.setStretchFactor(0, 1)
        self.setCentralWidget(center)
        self.details = DetailPane(self)
        self.search = SearchPanel(self)
        self.filters = FilterPanel(self)
        self.details_dock = self._dock(
            "Details", self.details, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.search_dock = self._dock("Search", self.search, Qt.DockWidgetArea.RightDockWidgetArea)
        self.filters_dock = self._dock(
            "Filters", self.filters, Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.tabifyDockWidget(self.details_dock, self.search_dock)
        self.details_dock.raise_()
        self.tabifiedDockWidgetActivated.connect(lambda _dock: self._readable_tabs())
        self.actor_docks: dict[int, QDockWidget] = {}
        self._undo_return = None  # how Esc undoes what Return showed (see actions)
        self.actions_by_name = build_actions(self)
        self.details_dock.setWidget(with_curation_bar(self.details, self))
        self._build_menus()
        self.status_label, self.range_label, self.progress = build_status(self)
        self.loader = StoreLoader(self)
        self.loader.loaded.connect(self._loaded)
        self.loader.failed.connect(self._failed)
        self.canvas.selection_changed.connect(self._selection_changed)
        self.canvas.lane_activated.connect(self.open_actor_pane)
        self.canvas.range_changed.connect(self._range_changed)
        self.overview.window_moved.connect(self._overview_moved)
        self.search.hit_chosen.connect(self.show_hit)
        self.search.results_changed.connect(self._matches_changed)
        self.filters.changed.connect(self._filters_changed)
        self._connect_relations()
        self.watch = QTimer(self, interval=WATCH_MS)
        self.watch.timeout.connect(self._check_file)
        self._store_lost = False  # a team store's server is unreachable (said once)
        self.resize(1360, 820)
        self.resizeDocks([self.filters_dock], [210], Qt.Orientation.Horizontal)
        self.resizeDocks([self.details_dock], [360], Qt.Orientation.Horizontal)
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        window_state = self.settings.value("window/state")
        if isinstance(window_state, QByteArray):
            self.restoreState(window_state)

    # -- building ------------------------------------------------------------------------

    def _dock(self, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock_{title.lower()}")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _readable_tabs(self) -> None:
        """Dock tabs keep their whole names ("Fra…" says nothing); when several panes
        share a dock area the tab bar scrolls instead."""
        for bar in self.findChildren(QTabBar, options=Qt.FindChildOption.FindDirectChildrenOnly):
            bar.setElideMode(Qt.TextElideMode.ElideNone)
            bar.setUsesScrollButtons(True)

    def _build_menus(self) -> None:
        menus = {}
        for name in ("File", "Edit", "View", "Navigate", "Help"):
            menus[name] = self.menuBar().addMenu(f"&{name}")
        for spec in ACTIONS:
            menus[spec.menu].addAction(self.actions_by_name[spec.name])
            if spec.name == "import_article":
                self.recent_menu = menus["File"].addMenu("Open &recent")
        view = menus["View"]
        view.addSeparator()
        for dock in (self.filters_dock, self.details_dock, self.search_dock):
            view.addAction(dock.toggleViewAction())
        self._refresh_recent()

    # -- opening -------------------------------------------------------------------------

    def open_path(self, path: str | Path) -> None:
        """Open a store (a file or a team store's URL) in the background; the window stays
        responsive."""
        path = str(path) if is_url(path) else Path(path)
        name = display(path) if is_url(path) else path.name
        self._token = object()
        self.progress.show()
        self.statusBar().showMessage(f"Opening {name}…")
        if self.state is None:
            self.canvas.set_state(None, f"Opening {name}…")
        self._pending_path = path
        self.loader.start(path, self._token)

    def _loaded(self, store: Store, token: object) -> None:
        if token is not self._token:
            store.close()
            return
        self.progress.hide()
        self.statusBar().clearMessage()
        reopened = self.path == self._pending_path and self.state is not None
        old = self.store
        self.store = store
        self.path = self._pending_path
        if reopened:
            self.state.reset_store(store)
        else:
            self.state = TimelineState(store)
            self._restore_range()
            for dock in list(self.actor_docks.values()):
                dock.close()
        self.filters.set_store(store, keep=reopened)  # an import may add sides and topics
        self.canvas.set_state(self.state)
        self.overview.set_state(self.state)
        self.search.set_store(store)
        self.details.show_item(store, self.state.selection)
        if old is not None and old is not store:
            old.close()
        self.setWindowTitle(f"{store.title} — Parley")
        self._remember_recent(self.path)
        if store.problems:
            self.statusBar().showMessage(
                f"{len(store.problems)} rows could not be read and were skipped (View → Problems)",
                10000,
            )
        self._store_lost = False
        self.watch.start()
        self.store_opened.emit(store)
        if not reopened:
            self.canvas.setFocus()

    def _failed(self, message: str, token: object) -> None:
        if token is not self._token:
            return
        self.progress.hide()
        self.statusBar().showMessage(message)
        if self.state is None:
            self.canvas.set_state(None, "No store open. File → Open… (Ctrl+O)")
        self.store_failed.emit(message)
        if not self.property("quiet_errors"):
            QMessageBox.warning(self, "Cannot open store", message)

    def _check_file(self) -> None:
        if self.store is None:
            return
        lost = self._store_lost
        try:
            changed = self.store.changed()
        except errors.StoreError as error:
            if not is_url(self.path):
                self.watch.stop()
            elif lost:  # said once; the store keeps reconnecting while the window polls
                return
            self._store_lost = True
            self.statusBar().showMessage(f"{error} — still showing what was loaded.", 0)
            if is_url(self.path):  # not modal: the window and its picture stay usable
                box = QMessageBox(QMessageBox.Icon.Warning, "Team store unavailable", f"{error}"
                                  "\n\nThe window keeps what was loaded and reconnects by "
                                  "itself when the server is back.", parent=self)
                box.setObjectName("team_store_lost")
                box.open()
            return
        if lost:
            self._store_lost = False
            self.statusBar().showMessage("Connected to the team store again.", 10000)
        if changed and not self.progress.isVisible():
            self.open_path(self.path)

    def _restore_range(self) -> None:
        ranges = self.settings.value("view/ranges") or {}
        saved = ranges.get(self._setting_key()) if isinstance(ranges, dict) else None
        if saved:
            with contextlib.suppress(TypeError, ValueError, IndexError):
                self.state.scale.start, self.state.scale.span = float(saved[0]), float(saved[1])

    def _setting_key(self) -> str:
        """The open store as settings keep it: a team store's URL without its password."""
        return without_password(self.path) if is_url(self.path) else str(self.path)

    def _remember_recent(self, path: Path | str) -> None:
        key = self._setting_key()
        recent = [key] + [p for p in self._recent() if p != key]
        self.settings.setValue("recent", recent[:RECENT_MAX])
        self._refresh_recent()

    def _recent(self) -> list[str]:
        value = self.settings.value("recent") or []
        return [value] if isinstance(value, str) else list(value)

    def _refresh_recent(self) -> None:
        self.recent_menu.clear()
        for path in self._recent():
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _c=False, p=path: self.open_path(p))
        self.recent_menu.setEnabled(bool(self._recent()))

    def save_settings(self) -> None:
        """Window geometry, dock layout, last store and its visible range."""
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        if self.path and self.state:
            self.settings.setValue("last_store", self._setting_key())
            ranges = self.settings.value("view/ranges") or {}
            ranges = dict(ranges) if isinstance(ranges, dict) else {}
            ranges[self._setting_key()] = [self.state.scale.start, self.state.scale.span]
            self.settings.setValue("view/ranges", ranges)
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        super().closeEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        for url in event.mimeData().urls():
            if url.isLocalFile():
                self.open_path(url.toLocalFile())
                event.acceptProposedAction()
                return

    # -- reacting ------------------------------------------------------------------------

    def _selection_changed(self, ref: ItemRef | None) -> None:
        self.details.show_item(self.store, ref)
        if ref is None:
            self.status_label.setText("")
            return
        self.status_label.setText(self.canvas.description)
        QAccessible.updateAccessibility(
            QAccessibleEvent(self.canvas, QAccessible.Event.DescriptionChanged)
        )
        for dock in self.actor_docks.values():
            pane = dock.widget()
            if hasattr(pane, "highlight"):
                pane.highlight(ref)

    def _range_changed(self) -> None:
        if self.state is None:
            return
        from db.dates import from_seconds

        scale = self.state.scale
        a, b = from_seconds(scale.start), from_seconds(scale.end)
        frame = self.state.frame
        self.range_label.setText(
            f"{a:%d %b %Y %H:%M} – {b:%d %b %Y %H:%M} · {frame.visible:,} items"
        )
        self.overview.update()

    def _overview_moved(self, center: float) -> None:
        if self.state:
            self.state.scale.center_on(center)
            self.canvas.changed()

    def _matches_changed(self, hits: list[Hit]) -> None:
        if self.state is None:
            return
        codes = {"event": KIND_EVENT, "statement": KIND_STATEMENT}
        self.state.matches = {(codes[h.kind], h.id) for h in hits}
        self.canvas.update()

    def show_hit(self, hit: Hit) -> None:
        """Select a search hit on the timeline (its lane, centred)."""
        if self.state is None:
            return
        kind = KIND_EVENT if hit.kind == "event" else KIND_STATEMENT
        self.select_item(kind, hit.id, center=True)

    def select_item(self, kind: int, rid: int, center: bool = False) -> None:
        """Select an event or statement by id (its first visible lane) and show it."""
        rows = self.state.rows_of(ItemRef(kind, rid, -1))
        if not len(rows):
            return
        lanes = self.state.layout.rows_for(self.state.store.index.actor[rows])
        shown = rows[lanes >= 0]
        ref = self.state.ref_of(int(shown[0] if len(shown) else rows[0]))
        if center:
            self.state.scale.center_on(float(self.state.store.index.t0[self.state.row_of(ref)]))
        self.canvas.select(ref)

    def _filters_changed(self) -> None:
        if self.state is None:
            return
        self.state.hidden = self.filters.hidden_actors()
        self.state.kinds = self.filters.kinds()
        topics = self.filters.topic_filter()
        self.state.topics = topics
        self.state.several_sources, self.state.disputed = self.filters.corroboration()
        self.state.update_mask()
        self.canvas.relayout()

    # -- panes ---------------------------------------------------------------------------

    def open_actor_pane(self, actor_id: int) -> None:
        """Open (or raise) the pane of one actor's positions."""
        if self.store is None or self.store.actor(actor_id) is None:
            return
        from viewer.panes.actor_pane import ActorPane

        dock = self.actor_docks.get(actor_id)
        if dock is None:
            pane = ActorPane(self.store, actor_id, self)
            pane.statement_chosen.connect(
                lambda rid: self.select_item(KIND_STATEMENT, rid, center=True)
            )
            dock = QDockWidget(self.store.actor(actor_id).name, self)
            dock.setObjectName(f"actor_{actor_id}")
            dock.setWidget(pane)
            dock.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dock.destroyed.connect(lambda _o=None, a=actor_id: self.actor_docks.pop(a, None))
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
            self.tabifyDockWidget(self.details_dock, dock)
            self._readable_tabs()
            self.actor_docks[actor_id] = dock
        dock.show()
        dock.raise_()
        dock.widget().setFocus()

    # -- what the actions and panes ask of the window -----------------------------------

    def go_to_date(self, text: str) -> bool:
        """Show the date typed; False (and a message) when it cannot be read."""
        try:
            when = parse_date(text)
        except DateError as error:
            self.statusBar().showMessage(str(error), 8000)
            return False
        self.canvas.go_to(when)
        self.canvas.setFocus()
        return True

    def show_details(self) -> None:
        """Return on the selection: Details in front with the focus; Esc will undo it."""
        self._undo_return = self._undo_showing(self.details_dock)
        self.details_dock.show()
        self.details_dock.raise_()
        self.details.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def undo_details(self, focus: QWidget | None) -> None:
        """Esc from Details: close it if Return had to open it, or bring back the tab it
        covered; the focus goes back to the timeline (the caller's part)."""
        undo, self._undo_return = self._undo_return, None
        if undo is not None and focus is not None and self.details_dock.isAncestorOf(focus):
            undo()

    def _undo_showing(self, dock: QDockWidget) -> Callable[[], object] | None:
        """What Esc does to undo showing ``dock``: close it, or raise the tab it covers."""
        if dock.isHidden():
            return dock.close
        covered = [d for d in self.tabifiedDockWidgets(dock) if not d.visibleRegion().isEmpty()]
        if dock.visibleRegion().isEmpty() and covered:
            return covered[0].raise_
        return None
