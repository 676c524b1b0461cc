"""The comparison matrix: each side's (or actor's) stance on each topic at a chosen date."""

from __future__ import annotations

import sqlite3
import textwrap

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QStringListModel, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QLabel,
    QListView,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db import errors
from db.api import Store
from db.dates import When, at_precision, from_seconds
from db.model import Actor, Statement, Topic
from db.positions import positions_of, stance_cells
from db.timeindex import KIND_STATEMENT
from viewer.panes.actor_pane import stance_symbol, stance_word
from viewer.panes.as_of import AsOfBar
from viewer.text import date_text, esc
from viewer.theme import system_theme

MAX_LISTED = 300
UNKNOWN = "unknown"


def latest_date(store: Store) -> When | None:
    """The last day the store covers (None for an empty store)."""
    extent = store.extent()
    if extent is None:
        return None
    return at_precision(from_seconds(max(extent[1] - 1, extent[0])), "day")


def _wrap(text: str, width: int = 18) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text


class MatrixModel(QAbstractTableModel):
    """Rows: actors; columns: topics; each cell the statement behind it, or None."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store: Store | None = None
        self.rows: list[Actor] = []
        self.topics: list[Topic] = []
        self.cells: dict[tuple[int, int], Statement] = {}
        self.bold_sides = False
        self.base = QColor("white")
        self.theme = None
        self.bold = QFont()
        self.bold.setBold(True)
        self.italic = QFont()
        self.italic.setItalic(True)

    def fill(
        self, store: Store, rows: list[Actor], as_of: When | None, bold_sides: bool, palette
    ) -> None:
        self.beginResetModel()
        self.store = store
        self.rows = rows
        self.topics = store.topics()
        self.bold_sides = bold_sides
        self.theme = system_theme(palette)
        self.base = palette.base().color()
        cells = stance_cells(store, [a.id for a in rows], as_of)
        self.cells = {}
        for key, rid in cells.items():
            statement = store.statement(rid)
            if statement is not None:
                self.cells[key] = statement
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.topics)

    def statement_at(self, row: int, column: int) -> Statement | None:
        return self.cells.get((self.rows[row].id, self.topics[column].id))

    def text(self, row: int, column: int) -> str:
        statement = self.statement_at(row, column)
        if statement is None:
            return f"? {UNKNOWN}"
        return f"{stance_symbol(statement.stance)} {stance_word(statement.stance)}"

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if not (0 <= row < len(self.rows) and 0 <= column < len(self.topics)):
            return None
        statement = self.statement_at(row, column)
        actor, topic = self.rows[row], self.topics[column].name
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, column)
        if role == Qt.ItemDataRole.BackgroundRole:
            if statement is None:
                hatch = QColor("#d0d0d0") if self.base.lightness() > 128 else QColor("#4a4a4a")
                return QBrush(hatch, Qt.BrushStyle.BDiagPattern)
            return QBrush(_tint(self.theme.stance_color(statement.stance), self.base))
        if role == Qt.ItemDataRole.ForegroundRole and statement is None:
            return QBrush(QColor("#6b6b6b") if self.base.lightness() > 128 else QColor("#a0a0a0"))
        if role == Qt.ItemDataRole.FontRole:
            return self.italic if statement is None else self.bold
        if role == Qt.ItemDataRole.ToolTipRole:
            if statement is None:
                return f"{esc(actor.name)} on {esc(topic)}: no statement by then"
            word = stance_word(statement.stance)
            summary = statement.summary or " ".join(statement.text.split())[:200]
            speaker = self.store.actor(statement.actor_id)
            who = speaker.name if speaker else actor.name
            return (
                f"<p><b>{esc(actor.name)}</b> on <b>{esc(topic)}</b>: {esc(word)}</p>"
                f"<p>{esc(summary)}</p><p>{esc(who)}, {esc(date_text(statement.when))}</p>"
            )
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if statement is None:
                return f"{actor.name} on {topic}: unknown, no statement by then"
            word = stance_word(statement.stance)
            return f"{actor.name} on {topic}: {word} ({date_text(statement.when)})"
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(self.topics):
                return None
            topic = self.topics[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return _wrap(topic.name)
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"<p><b>{esc(topic.name)}</b></p><p>{esc(topic.description)}</p>"
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            return None
        if not 0 <= section < len(self.rows):
            return None
        actor = self.rows[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return actor.name if actor.is_side else f"   {actor.name}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return esc(actor.title or actor.kind)
        if role == Qt.ItemDataRole.FontRole and actor.is_side and self.bold_sides:
            return self.bold
        return None


class MatrixDialog(QDialog):
    """Rows are sides (or every actor with statements), columns topics; each cell the
    latest stance stated by the chosen date. A cell lists the statements behind it."""

    def __init__(self, window: QWidget, store: Store) -> None:
        super().__init__(window)
        self.setWindowTitle("Positions compared")
        self.setObjectName("matrix_dialog")
        self.setModal(False)
        self.main_window = window
        self.store = store
        self.as_of: When | None = None

        self.as_of_bar = AsOfBar(self, window, "Stances", latest=lambda: latest_date(self.store))
        self.as_of_bar.chosen.connect(self.set_as_of)
        bar = self.as_of_bar
        self.date_edit, self.message = bar.date_edit, bar.message
        self.latest_button, self.timeline_button = bar.latest_button, bar.timeline_button
        self.apply_date_text, self.use_timeline_date = bar.apply_date_text, bar.use_timeline_date
        self.use_latest = bar.use_latest
        self.actors_box = QCheckBox("All &actors", self)
        self.actors_box.setToolTip("One row per actor with statements, not only per side")
        self.actors_box.setAccessibleName("Show every actor with statements")
        self.actors_box.toggled.connect(lambda _on: self.refresh())
        self.model = MatrixModel(self)
        self.statement_ids: list[int] = []
        bar.controls.addWidget(self.actors_box)
        layout = QVBoxLayout(self)
        layout.addWidget(bar)
        layout.addWidget(self._build_split(), 1)
        legend = QLabel(
            "▲ supports   ▼ opposes   ■ conditional   ○ skeptical   • neutral   "
            "? unknown (no statement by then)",
            self,
        )
        legend.setWordWrap(True)
        layout.addWidget(legend)
        opened = getattr(window, "store_opened", None)
        if opened is not None:
            opened.connect(self.set_store)
        self.use_latest()
        self._fit_columns()

    def _build_split(self) -> QSplitter:
        """The table above, the statements behind the chosen cell below."""
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName("Stances by side and topic")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setDefaultSectionSize(132)
        self.table.selectionModel().currentChanged.connect(
            lambda current, _previous: self.show_cell(current.row(), current.column())
        )
        self.table.clicked.connect(lambda index: self.show_cell(index.row(), index.column()))
        self.table.activated.connect(lambda index: self.show_cell(index.row(), index.column()))

        self.cell_label = QLabel("Choose a cell to see the statements behind it.", self)
        self.cell_label.setWordWrap(True)
        self.statement_model = QStringListModel(self)
        self.statements = QListView(self)
        self.statements.setModel(self.statement_model)
        self.statements.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.statements.setAccessibleName("Statements behind the chosen cell")
        self.statements.setWordWrap(True)
        self.statements.activated.connect(self._statement_activated)
        below = QWidget(self)
        below_layout = QVBoxLayout(below)
        below_layout.setContentsMargins(0, 0, 0, 0)
        below_layout.addWidget(self.cell_label)
        below_layout.addWidget(self.statements, 1)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.table)
        split.addWidget(below)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        return split

    def _fit_columns(self) -> None:
        """Columns as wide as their contents; the dialog as wide as the columns (within
        the screen), so a store's topics are seen side by side without scrolling."""
        table = self.table
        table.resizeColumnsToContents()
        for column in range(self.model.columnCount()):
            table.setColumnWidth(column, min(max(table.columnWidth(column), 96), 180))
        table.resizeRowsToContents()
        columns = sum(table.columnWidth(c) for c in range(self.model.columnCount()))
        chrome = table.verticalHeader().sizeHint().width() + 2 * table.frameWidth() + 40
        screen = self.main_window.screen().availableGeometry()
        self.resize(
            min(max(columns + chrome, 700), int(screen.width() * 0.95)),
            min(600, int(screen.height() * 0.85)),
        )

    @property
    def rows(self) -> list[Actor]:
        return self.model.rows

    # -- date and store ------------------------------------------------------------------

    def set_store(self, store: Store) -> None:
        self.store = store
        self.refresh()

    def set_as_of(self, when: When | None) -> None:
        """Stances as of the end of ``when`` (None: everything)."""
        self.as_of = when
        self.as_of_bar.show_date(when)
        self.refresh()

    # -- the table -------------------------------------------------------------------------

    def _row_actors(self) -> list[Actor]:
        store = self.store
        if not self.actors_box.isChecked():
            return store.sides()
        speakers = set(store.index.actor[store.index.kind == KIND_STATEMENT].tolist())
        rows = []
        for side in store.sides():
            group = [side, *store.members(side.id)]
            rows += [a for a in group if store.descendants(a.id) & speakers]
        return rows

    def refresh(self) -> None:
        """Fill the table for the current date and row choice (keeps the current cell)."""
        current = self.table.currentIndex()
        row, column = current.row(), current.column()
        try:
            self.model.fill(
                self.store,
                self._row_actors(),
                self.as_of,
                self.actors_box.isChecked(),
                self.palette(),
            )
        except (errors.ParleyError, sqlite3.Error) as error:
            self.as_of_bar.show_problem(f"The store cannot be read now: {error}")
            return
        self.table.resizeRowsToContents()
        when = "the latest date" if self.as_of is None else date_text(self.as_of)
        self.setWindowTitle(f"Positions compared — as of {when}")
        if 0 <= row < self.model.rowCount() and 0 <= column < self.model.columnCount():
            self.set_current(row, column)
        else:
            self._list([], "Choose a cell to see the statements behind it.")

    def set_current(self, row: int, column: int) -> None:
        """Make a cell current (its statements are listed below)."""
        self.table.setCurrentIndex(self.model.index(row, column))
        self.show_cell(row, column)

    def cell_text(self, actor_id: int, topic_id: int) -> str:
        """The text of the cell of one actor and topic ('' when not in the table)."""
        rows = [a.id for a in self.model.rows]
        topics = [t.id for t in self.model.topics]
        if actor_id not in rows or topic_id not in topics:
            return ""
        return self.model.text(rows.index(actor_id), topics.index(topic_id))

    # -- the statements of a cell ----------------------------------------------------------

    def _list(self, items: list[tuple[int, str]], label: str) -> None:
        self.statement_ids = [rid for rid, _text in items]
        self.statement_model.setStringList([text for _rid, text in items])
        self.cell_label.setText(label)

    def statement_texts(self) -> list[str]:
        return self.statement_model.stringList()

    def show_cell(self, row: int, column: int) -> None:
        """List the statements behind one cell: the actor's on the topic up to the date."""
        model = self.model
        if not (0 <= row < model.rowCount() and 0 <= column < model.columnCount()):
            return
        actor, topic = model.rows[row], model.topics[column]
        try:
            positions = positions_of(self.store, actor.id, self.as_of)
        except (errors.ParleyError, sqlite3.Error):
            return
        found = next((p for p in positions if p.topic and p.topic.id == topic.id), None)
        when = "the latest date" if self.as_of is None else date_text(self.as_of)
        if found is None:
            self._list([], f"{actor.name} on {topic.name}: unknown — no statement by {when}.")
            return
        count = len(found.statements)
        items = []
        for statement in list(reversed(found.statements))[:MAX_LISTED]:
            speaker = self.store.actor(statement.actor_id)
            who = speaker.name if speaker else f"actor {statement.actor_id}"
            text = " ".join(statement.text.split())
            text = f"“{text}”" if statement.kind == "direct" else text
            items.append(
                (
                    statement.id,
                    f"{date_text(statement.when)} · {stance_symbol(statement.stance)} "
                    f"{stance_word(statement.stance)} · {who}: {text}",
                )
            )
        shown = f"the latest {MAX_LISTED} of " if count > MAX_LISTED else ""
        self._list(
            items,
            f"{actor.name} on {topic.name}, up to {when}: {shown}{count} "
            f"statement{'s' * (count != 1)}, newest first (Enter or double-click shows one "
            "on the timeline)",
        )
        self.statements.setCurrentIndex(self.statement_model.index(0, 0))

    def _statement_activated(self, index: QModelIndex) -> None:
        if not 0 <= index.row() < len(self.statement_ids):
            return
        select = getattr(self.main_window, "select_item", None)
        if select is not None and getattr(self.main_window, "state", None) is not None:
            select(KIND_STATEMENT, self.statement_ids[index.row()], center=True)


def _tint(color: QColor, base: QColor, amount: float = 0.35) -> QColor:
    """``color`` mixed into ``base``: a background that keeps text readable."""
    return QColor(
        round(base.red() + (color.red() - base.red()) * amount),
        round(base.green() + (color.green() - base.green()) * amount),
        round(base.blue() + (color.blue() - base.blue()) * amount),
    )


def open_matrix(window: QWidget) -> MatrixDialog | None:
    """Open (or raise) the comparison matrix of ``window``'s store; non-modal."""
    store = getattr(window, "store", None)
    if store is None:
        return None
    dialog = getattr(window, "matrix_dialog", None)
    if isinstance(dialog, MatrixDialog):
        if dialog.store is not store:
            dialog.set_store(store)
    else:
        dialog = MatrixDialog(window, store)
        window.matrix_dialog = dialog
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    dialog.table.setFocus()
    return dialog
