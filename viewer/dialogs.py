"""Small dialogs: keyboard shortcuts (generated from the actions) and the problems list."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QListWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.api import Store
from viewer.actions import shortcut_rows


def _dialog(parent: QWidget, title: str, body: QWidget) -> QDialog:
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    layout = QVBoxLayout(dialog)
    layout.addWidget(body)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    dialog.resize(640, 560)
    return dialog


def shortcuts_table(parent: QWidget | None = None) -> QTableWidget:
    """Every action with its menu and keys."""
    rows = shortcut_rows()
    table = QTableWidget(len(rows), 3, parent)
    table.setHorizontalHeaderLabels(["Menu", "Action", "Keys"])
    table.setAccessibleName("Keyboard shortcuts")
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.setItem(r, c, QTableWidgetItem(value))
    table.resizeColumnsToContents()
    table.horizontalHeader().setStretchLastSection(True)
    table.verticalHeader().hide()
    return table


def show_shortcuts(parent: QWidget) -> QDialog:
    """Help → Keyboard shortcuts."""
    dialog = _dialog(parent, "Keyboard shortcuts", shortcuts_table())
    dialog.setObjectName("shortcuts_dialog")
    dialog.open()
    return dialog


def show_problems(parent: QWidget, store: Store | None) -> QDialog:
    """View → Problems: rows skipped when reading the store."""
    items = QListWidget()
    items.setAccessibleName("Problems")
    problems = store.problems if store else []
    for problem in problems:
        items.addItem(str(problem))
    if not problems:
        items.addItem("No problems: every row was read.")
    dialog = _dialog(parent, "Problems", items)
    dialog.setObjectName("problems_dialog")
    dialog.open()
    return dialog
