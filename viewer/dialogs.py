"""Small dialogs: go to date, keyboard shortcuts (generated from the actions), problems."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.api import Store
from db.dates import DateError, When, parse_date
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


FIT = QHeaderView.ResizeMode.ResizeToContents
DATE_PROMPT = "Date (2022-03-29, 29 March 2022, March 2022, 2022):"


class DateDialog(QInputDialog):
    """Navigate → Go to date: stays open on a date it cannot read, and says why there."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("date_dialog")
        self.setWindowTitle("Go to date")
        self.setLabelText(DATE_PROMPT)
        self.when: When | None = None

    def done(self, result: int) -> None:
        if result == QDialog.DialogCode.Accepted:
            try:
                self.when = parse_date(self.textValue())
            except DateError as error:
                self._say(f"{error}.\n{DATE_PROMPT}")
                return
        super().done(result)

    def _say(self, text: str) -> None:
        label = self.findChild(QLabel)
        label.setTextFormat(Qt.TextFormat.PlainText)  # the typed text, never markup
        label.setWordWrap(True)
        self.setLabelText(text)


def ask_date(parent: QWidget) -> When | None:
    """The date the user types, or None when they cancel."""
    dialog = DateDialog(parent)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    dialog.deleteLater()
    return dialog.when if accepted else None


def shortcuts_table(parent: QWidget | None = None) -> QTableWidget:
    """Every action with its menu and keys."""
    rows = shortcut_rows()
    table = QTableWidget(len(rows), 3, parent)
    table.setHorizontalHeaderLabels(["Menu", "Action", "Keys"])
    table.setAccessibleName("Keyboard shortcuts")
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.setItem(r, c, QTableWidgetItem(value))
    table.setWordWrap(True)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    header = table.horizontalHeader()
    # Menu and keys as wide as their text; the action's description wraps in what is left.
    for column, mode in enumerate((FIT, QHeaderView.ResizeMode.Stretch, FIT)):
        header.setSectionResizeMode(column, mode)
    table.verticalHeader().hide()
    table.verticalHeader().setSectionResizeMode(FIT)
    return table


def show_shortcuts(parent: QWidget) -> QDialog:
    """Help → Keyboard shortcuts: every key in view, the dialog sized to the screen."""
    table = shortcuts_table()
    dialog = _dialog(parent, "Keyboard shortcuts", table)
    dialog.setObjectName("shortcuts_dialog")
    screen = (parent.screen() if parent else QApplication.primaryScreen()).availableGeometry()
    dialog.resize(min(900, int(screen.width() * 0.9)), min(720, int(screen.height() * 0.85)))
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
