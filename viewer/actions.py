"""Every action of the app, with its shortcuts and menu, defined in one place.

The keyboard help (Help → Keyboard shortcuts) and the README's list are generated from
:data:`ACTIONS`, so they never drift from what the keys do.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

StandardKey = QKeySequence.StandardKey


@dataclass(frozen=True)
class ActionSpec:
    """One action: its name (the method of MainWindow it calls is ``do_<name>``), text,
    shortcuts, menu, and whether it only works while the timeline has focus."""

    name: str
    text: str
    keys: tuple[str | StandardKey, ...] = ()
    menu: str = ""
    timeline_only: bool = False
    help: str = ""


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("open", "&Open…", (StandardKey.Open,), "File", help="open a store"),
    ActionSpec(
        "import_data",
        "&Import JSON or CSV…",
        (),
        "File",
        help="add data from JSON or CSV files to a store",
    ),
    ActionSpec(
        "import_article",
        "Import &article…",
        ("Ctrl+Shift+I",),
        "File",
        help="extract events and statements from a pasted news article",
    ),
    ActionSpec(
        "export",
        "&Export image…",
        ("Ctrl+E",),
        "File",
        help="export the timeline as PNG, SVG or PDF",
    ),
    ActionSpec("quit", "&Quit", ("Ctrl+Q",), "File"),
    ActionSpec("find", "&Find…", (StandardKey.Find,), "Edit", help="full-text search"),
    ActionSpec("find_next", "Find &next", ("F3",), "Edit", help="jump to the next match"),
    ActionSpec(
        "find_previous", "Find &previous", ("Shift+F3",), "Edit", help="jump to the previous match"
    ),
    ActionSpec(
        "go_to_date",
        "&Go to date…",
        ("Ctrl+G",),
        "View",
        help="show a date typed in any form (29 March 2022, 2022-03…)",
    ),
    ActionSpec(
        "zoom_in",
        "Zoom &in",
        ("+", "=", "Ctrl+="),
        "View",
        True,
        help="zoom in around the selection",
    ),
    ActionSpec(
        "zoom_out", "Zoom &out", ("-", "Ctrl+-"), "View", True, help="zoom out around the selection"
    ),
    ActionSpec(
        "zoom_fit", "Zoom to &fit", ("0", "Ctrl+0"), "View", True, help="show the whole store"
    ),
    ActionSpec("span_year", "Show a &year", ("Y",), "View", True),
    ActionSpec("span_month", "Show a &month", ("M",), "View", True),
    ActionSpec("span_week", "Show a &week", ("W",), "View", True),
    ActionSpec("span_day", "Show a &day", ("D",), "View", True),
    ActionSpec(
        "toggle_group",
        "Collapse or expand &side",
        ("Space",),
        "View",
        True,
        help="collapse or expand the focused lane's side",
    ),
    ActionSpec(
        "next_item",
        "Next item",
        ("Right",),
        "Navigate",
        True,
        help="next item in time in the focused lane",
    ),
    ActionSpec("previous_item", "Previous item", ("Left",), "Navigate", True),
    ActionSpec("next_item_all", "Next item, all lanes", ("Alt+Right",), "Navigate", True),
    ActionSpec("previous_item_all", "Previous item, all lanes", ("Alt+Left",), "Navigate", True),
    ActionSpec("next_lane", "Next lane", ("Down",), "Navigate", True),
    ActionSpec("previous_lane", "Previous lane", ("Up",), "Navigate", True),
    ActionSpec("first_item", "First item", ("Home",), "Navigate", True),
    ActionSpec("last_item", "Last item", ("End",), "Navigate", True),
    ActionSpec(
        "follow_link",
        "Follow link",
        ("L",),
        "Navigate",
        True,
        help="go to the statement the selected one answers (again: its next link)",
    ),
    ActionSpec("follow_back", "Back along links", ("Shift+L",), "Navigate", True,
               help="return to the statement the last link was followed from"),
    ActionSpec("pan_right_page", "Pan one screen later", ("PgDown",), "Navigate", True),
    ActionSpec("pan_left_page", "Pan one screen earlier", ("PgUp",), "Navigate", True),
    ActionSpec("pan_right", "Pan a little later", ("Shift+Right",), "Navigate", True),
    ActionSpec("pan_left", "Pan a little earlier", ("Shift+Left",), "Navigate", True),
    ActionSpec(
        "activate",
        "Open details or actor pane",
        ("Return", "Enter"),
        "Navigate",
        True,
        help="the selected item's details, or the focused lane's actor pane",
    ),
    ActionSpec(
        "close_pane",
        "Close pane, back to timeline",
        ("Escape",),
        "Navigate",
        help="close the open pane and return to the timeline",
    ),
    ActionSpec(
        "actor_list", "&Actors…", ("Ctrl+Shift+A",), "View", help="choose an actor to open its pane"
    ),
    ActionSpec(
        "matrix",
        "Positions &matrix",
        ("Ctrl+Shift+M",),
        "View",
        help="sides × topics, stance as of a date",
    ),
    ActionSpec(
        "propose_reversals",
        "Propose &reversals…",
        (),
        "View",
        help="review 'contradicts' links where an actor's stance on a topic turned",
    ),
    ActionSpec("problems", "&Problems…", (), "View", help="rows skipped when reading the store"),
    ActionSpec("help_keys", "&Keyboard shortcuts", ("F1",), "Help"),
    ActionSpec("about", "&About Parley", (), "Help"),
)


def key_text(key: str | StandardKey) -> str:
    """A shortcut as the user sees it (standard keys resolved for this platform)."""
    if isinstance(key, StandardKey):
        bindings = QKeySequence.keyBindings(key)
        return bindings[0].toString(QKeySequence.SequenceFormat.NativeText) if bindings else ""
    return QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)


def build_actions(window: QWidget, timeline: QWidget) -> dict[str, QAction]:
    """Create every action on ``window`` (or on ``timeline`` for timeline-only keys)."""
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
        slot: Callable[[], None] = getattr(window, f"do_{spec.name}")
        action.triggered.connect(lambda _checked=False, slot=slot: slot())
        if spec.timeline_only:
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            timeline.addAction(action)
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
