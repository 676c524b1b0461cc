"""Every action of the app: what it does, its shortcuts and menu, defined in one place.

Each :class:`ActionSpec` carries the function it runs on the window. The keyboard help
(Help → Keyboard shortcuts) and the README's list are generated from :data:`ACTIONS`,
so they never drift from what the keys do.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox

from viewer.panes.curation import curator, open_topics

if TYPE_CHECKING:
    from viewer.main_window import MainWindow

StandardKey = QKeySequence.StandardKey
Run = Callable[["MainWindow"], object]


@dataclass(frozen=True)
class ActionSpec:
    """One action: its name, text, what it runs on the window, shortcuts, menu, and
    whether it only works while the timeline has focus."""

    name: str
    text: str
    run: Run
    keys: tuple[str | StandardKey, ...] = ()
    menu: str = ""
    timeline_only: bool = False
    help: str = ""


# -- what the actions do (the small ones are written inline in ACTIONS) -----------------


def open_store(window: MainWindow) -> None:
    """Ask for a store file and open it."""
    name, _ = QFileDialog.getOpenFileName(
        window,
        "Open a Parley store",
        str(window.path.parent if isinstance(window.path, Path) else Path.home()),
        "Parley stores (*.parley *.sqlite *.db);;All files (*)",
    )
    if name:
        window.open_path(name)


def open_team_store(window: MainWindow) -> None:
    from viewer.team_store import open_team_store

    open_team_store(window)


def import_data(window: MainWindow) -> None:
    from viewer.import_dialogs import import_data

    import_data(window)


def import_article(window: MainWindow) -> None:
    from viewer.import_dialogs import import_article

    import_article(window)


def export(window: MainWindow) -> None:
    from viewer.export.dialog import ExportDialog

    if window.state is not None:
        ExportDialog(window, window.state).exec()


def find(window: MainWindow) -> None:
    """Show the search pane with its box ready for typing."""
    window.search_dock.show()
    window.search_dock.raise_()
    window.search.box.setFocus(Qt.FocusReason.ShortcutFocusReason)
    window.search.box.selectAll()


def ask_date(window: MainWindow) -> None:
    from viewer.dialogs import ask_date as date_dialog

    when = date_dialog(window)  # stays open, saying why, on a date it cannot read
    if when is not None:
        window.canvas.go_to(when)
        window.canvas.setFocus()


def activate(window: MainWindow) -> None:
    """The count holding the selection opens; else the selected item's details when it is
    in the focused lane, else the lane's actor."""
    state, canvas = window.state, window.canvas
    if state is None:
        return
    ref = state.selection
    lane = canvas.focused_actor()
    count = canvas.count_of_selection()
    if count is not None:  # the selection is summarised in a count: Enter opens it
        canvas.open_count(count)
    elif ref is not None and state.layout.row_of_actor(ref.actor) == canvas.focus_lane:
        window.show_details()
    elif lane is not None:
        window.open_actor_pane(lane)


def close_pane(window: MainWindow) -> None:
    """Close the pane Return opened (the focused actor pane, or Details when Return had
    to open it), and go back to the timeline."""
    focus = window.focusWidget()
    for dock in list(window.actor_docks.values()):
        if focus is not None and dock.isAncestorOf(focus):
            dock.close()
    window.undo_details(focus)
    window.canvas.setFocus(Qt.FocusReason.ShortcutFocusReason)


def actor_list(window: MainWindow) -> None:
    if window.store is None:
        return
    from viewer.panes.actor_chooser import choose_actor

    actor_id = choose_actor(window, window.store)
    if actor_id is not None:
        window.open_actor_pane(actor_id)


def matrix(window: MainWindow) -> None:
    if window.store is None:
        return
    from viewer.panes.matrix import open_matrix

    open_matrix(window)


def problems(window: MainWindow) -> None:
    from viewer.dialogs import show_problems

    show_problems(window, window.store)


def help_keys(window: MainWindow) -> None:
    from viewer.dialogs import show_shortcuts

    show_shortcuts(window)


def about(window: MainWindow) -> None:
    from viewer import __version__

    QMessageBox.about(
        window, "About Parley", f"Parley {__version__}\nA timeline of who said what, and when."
    )



ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("open", "&Open…", open_store, (StandardKey.Open,), "File", help="open a store"),
    ActionSpec(
        "open_team_store",
        "Open &team store…",
        open_team_store,
        (),
        "File",
        help="open a record a team shares on a PostgreSQL server",
    ),
    ActionSpec(
        "import_data",
        "&Import JSON or CSV…",
        import_data,
        (),
        "File",
        help="add data from JSON or CSV files to a store",
    ),
    ActionSpec(
        "import_article",
        "Import &article…",
        import_article,
        ("Ctrl+Shift+I",),
        "File",
        help="extract events and statements from a pasted news article",
    ),
    ActionSpec(
        "export",
        "&Export image…",
        export,
        ("Ctrl+E",),
        "File",
        help="export the timeline as PNG, SVG or PDF",
    ),
    ActionSpec("quit", "&Quit", lambda w: w.close(), ("Ctrl+Q",), "File"),
    ActionSpec("find", "&Find…", find, (StandardKey.Find,), "Edit", help="full-text search"),
    ActionSpec(
        "find_next",
        "Find &next",
        lambda w: w.search.step(1),
        ("F3",),
        "Edit",
        help="jump to the next match",
    ),
    ActionSpec(
        "find_previous",
        "Find &previous",
        lambda w: w.search.step(-1),
        ("Shift+F3",),
        "Edit",
        help="jump to the previous match",
    ),
    ActionSpec("undo", "&Undo edit", lambda w: curator(w).undo(), (StandardKey.Undo,), "Edit",
               help="undo the last edit"),
    ActionSpec("redo", "&Redo edit", lambda w: curator(w).redo(), (StandardKey.Redo,), "Edit",
               help="redo the edit undone"),
    ActionSpec("set_topic", "Set &topic…", lambda w: curator(w).set_topic(), ("Ctrl+T",),
               "Edit", help="file the selected statement under a topic (or a new one)"),
    ActionSpec("set_stance", "Set &stance…", lambda w: curator(w).set_stance(),
               ("Ctrl+Shift+S",), "Edit", help="the selected statement's stance toward its topic"),
    ActionSpec("set_summary", "Edit s&ummary…", lambda w: curator(w).set_summary(), ("F2",),
               "Edit", help="the selected statement's position in one line"),
    ActionSpec("set_speaker", "Set s&peaker…", lambda w: curator(w).set_speaker(),
               ("Ctrl+Shift+P",), "Edit", help="who said the selected statement"),
    ActionSpec("move_actor", "Move speaker under a si&de…", lambda w: curator(w).move_actor(),
               ("Ctrl+Shift+D",), "Edit",
               help="the side the selected statement's speaker speaks for"),
    ActionSpec("edit_topics", "T&opics…", open_topics, ("Ctrl+Shift+T",), "Edit",
               help="rename, describe or merge topics"),
    ActionSpec(
        "go_to_date",
        "&Go to date…",
        ask_date,
        ("Ctrl+G",),
        "View",
        help="show a date typed in any form (29 March 2022, 2022-03…)",
    ),
    ActionSpec(
        "zoom_in",
        "Zoom &in",
        lambda w: w.canvas.zoom(1.6),
        ("+", "=", "Ctrl+="),
        "View",
        True,
        help="zoom in around the selection",
    ),
    ActionSpec(
        "zoom_out",
        "Zoom &out",
        lambda w: w.canvas.zoom(1 / 1.6),
        ("-", "Ctrl+-"),
        "View",
        True,
        help="zoom out around the selection",
    ),
    ActionSpec(
        "zoom_fit",
        "Zoom to &fit",
        lambda w: w.canvas.zoom_to_fit(),
        ("0", "Ctrl+0"),
        "View",
        True,
        help="show the whole store",
    ),
    ActionSpec("span_year", "Show a &year", lambda w: w.canvas.zoom_to_span("year"), ("Y",),
               "View", True),
    ActionSpec("span_month", "Show a &month", lambda w: w.canvas.zoom_to_span("month"), ("M",),
               "View", True),
    ActionSpec("span_week", "Show a &week", lambda w: w.canvas.zoom_to_span("week"), ("W",),
               "View", True),
    ActionSpec("span_day", "Show a &day", lambda w: w.canvas.zoom_to_span("day"), ("D",),
               "View", True),
    ActionSpec(
        "toggle_group",
        "Collapse or expand &side",
        lambda w: w.canvas.toggle_collapse(),
        ("Space",),
        "View",
        True,
        help="collapse or expand the focused lane's side",
    ),
    ActionSpec(
        "next_item",
        "Next item",
        lambda w: w.canvas.step_item(1),
        ("Right",),
        "Navigate",
        True,
        help="next item in time in the focused lane",
    ),
    ActionSpec("previous_item", "Previous item", lambda w: w.canvas.step_item(-1), ("Left",),
               "Navigate", True),
    ActionSpec("next_item_all", "Next item, all lanes",
               lambda w: w.canvas.step_item(1, across=True), ("Alt+Right",), "Navigate", True),
    ActionSpec("previous_item_all", "Previous item, all lanes",
               lambda w: w.canvas.step_item(-1, across=True), ("Alt+Left",), "Navigate", True),
    ActionSpec("next_lane", "Next lane", lambda w: w.canvas.step_lane(1), ("Down",),
               "Navigate", True),
    ActionSpec("previous_lane", "Previous lane", lambda w: w.canvas.step_lane(-1), ("Up",),
               "Navigate", True),
    ActionSpec("first_item", "First item", lambda w: w.canvas.step_edge(last=False), ("Home",),
               "Navigate", True),
    ActionSpec("last_item", "Last item", lambda w: w.canvas.step_edge(last=True), ("End",),
               "Navigate", True),
    ActionSpec("follow_link", "Follow link", lambda w: w.do_follow_link(), ("L",), "Navigate",
               True, help="go to the statement the selected one answers (again: its next link)"),
    ActionSpec("follow_back", "Back along links", lambda w: w.do_follow_back(), ("Shift+L",),
               "Navigate", True, help="return to the statement the last link was followed from"),
    ActionSpec("pan_right_page", "Pan one screen later", lambda w: w.canvas.pan_screens(1.0),
               ("PgDown",), "Navigate", True),
    ActionSpec("pan_left_page", "Pan one screen earlier", lambda w: w.canvas.pan_screens(-1.0),
               ("PgUp",), "Navigate", True),
    ActionSpec("pan_right", "Pan a little later", lambda w: w.canvas.pan_screens(0.1),
               ("Shift+Right",), "Navigate", True),
    ActionSpec("pan_left", "Pan a little earlier", lambda w: w.canvas.pan_screens(-0.1),
               ("Shift+Left",), "Navigate", True),
    ActionSpec(
        "activate",
        "Open details or actor pane",
        activate,
        ("Return", "Enter"),
        "Navigate",
        True,
        help="the selected item's details, or the focused lane's actor pane",
    ),
    ActionSpec(
        "close_pane",
        "Close pane, back to timeline",
        close_pane,
        ("Escape",),
        "Navigate",
        help="close the open pane and return to the timeline",
    ),
    ActionSpec(
        "actor_list",
        "&Actors…",
        actor_list,
        ("Ctrl+Shift+A",),
        "View",
        help="choose an actor to open its pane",
    ),
    ActionSpec(
        "matrix",
        "Positions &matrix",
        matrix,
        ("Ctrl+Shift+M",),
        "View",
        help="sides × topics, stance as of a date",
    ),
    ActionSpec("propose_reversals", "Propose &reversals…", lambda w: w.do_propose_reversals(),
               (), "View",
               help="review 'contradicts' links where an actor's stance on a topic turned"),
    ActionSpec("problems", "&Problems…", problems, (), "View",
               help="rows skipped when reading the store"),
    ActionSpec("help_keys", "&Keyboard shortcuts", help_keys, ("F1",), "Help"),
    ActionSpec("about", "&About Parley", about, (), "Help"),
)


def key_text(key: str | StandardKey) -> str:
    """A shortcut as the user sees it (standard keys resolved for this platform)."""
    if isinstance(key, StandardKey):
        bindings = QKeySequence.keyBindings(key)
        return bindings[0].toString(QKeySequence.SequenceFormat.NativeText) if bindings else ""
    return QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)


def build_actions(window: MainWindow) -> dict[str, QAction]:
    """Create every action on ``window`` (or on its canvas for timeline-only keys)."""
    actions: dict[str, QAction] = {}
    for spec in ACTIONS:
        action = QAction(spec.text, window)
        sequences: list[QKeySequence] = []
        for key in spec.keys:
            if isinstance(key, StandardKey):
                sequences += QKeySequence.keyBindings(key)
            else:
                sequences.append(QKeySequence(key))
        action.setShortcuts(sequences)
        action.setObjectName(f"action_{spec.name}")
        if spec.help:
            action.setStatusTip(spec.help[0].upper() + spec.help[1:])
        action.triggered.connect(lambda _checked=False, run=spec.run: run(window))
        if spec.timeline_only:
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            window.canvas.addAction(action)
        else:
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            window.addAction(action)
        actions[spec.name] = action
    return actions


def shortcut_rows() -> list[tuple[str, str, str]]:
    """(menu, action, keys) for the help dialog and the README."""
    rows = []
    for spec in ACTIONS:
        keys = ", ".join(k for k in (key_text(key) for key in spec.keys) if k)
        text = spec.text.replace("&", "").rstrip("…")
        rows.append((spec.menu, text + (f" — {spec.help}" if spec.help else ""), keys or "menu"))
    return rows


def markdown_table() -> str:
    """The shortcuts as a Markdown table (the README's copy; a test keeps it current)."""
    lines = ["| menu | action | keys |", "|---|---|---|"]
    lines += [f"| {menu} | {text} | {keys} |" for menu, text, keys in shortcut_rows()]
    return "\n".join(lines)


if __name__ == "__main__":
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication([])
    print(markdown_table())
