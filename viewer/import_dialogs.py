"""File → Import: JSON/CSV files, or a news article reviewed before it lands in a store.

Importing is the only time Parley writes: through the importer's own connection, in one
transaction, after which the window reopens the store read-only.
"""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from db import errors
from db.dates import DateError, parse_date
from db.formats import import_files
from db.importer import import_document
from db.pg import write_into
from db.pg.url import display, is_url
from viewer.text import esc

COL_KEEP, COL_KIND, COL_SPEAKER, COL_DATE, COL_TEXT = range(5)


def _target_store(window, title: str) -> Path | None:
    """The store to write into: the open one, or a new file the user names."""
    start = str(window.path if isinstance(window.path, Path) else Path.home() / "timeline.parley")
    name, _ = QFileDialog.getSaveFileName(
        window,
        title,
        start,
        "Parley stores (*.parley *.sqlite *.db)",
        options=QFileDialog.Option.DontConfirmOverwrite,
    )
    return Path(name) if name else None


def import_data(window) -> None:
    """Ask for JSON/CSV files and a store, import them, and show the store."""
    names, _ = QFileDialog.getOpenFileNames(
        window, "Import JSON or CSV", str(Path.home()), "Parley data (*.json *.csv);;All files (*)"
    )
    if not names:
        return
    target = _target_store(window, "Import into store")
    if target is None:
        return
    try:
        report = import_files(names, target)
    except errors.ParleyError as error:
        QMessageBox.warning(window, "Import failed", f"{error}\n\nNothing was written.")
        return
    window.statusBar().showMessage(f"{target.name}: {report}", 10000)
    window.open_path(target)


class ArticleDialog(QDialog):
    """Paste or open an article, find statements and events, review them, import."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window_ = window
        self.document: dict | None = None
        self.setWindowTitle("Import article")
        self.resize(1100, 720)
        self.text = QPlainTextEdit(self)
        self.text.setPlaceholderText("Paste the article's text here, or open a file…")
        self.text.setAccessibleName("Article text")
        self.published = QLineEdit(dt.date.today().isoformat(), self)
        self.outlet = QLineEdit(self)
        self.url = QLineEdit(self)
        self.title_edit = QLineEdit(self)
        form = QFormLayout()
        for label, widget in (
            ("&Published", self.published),
            ("&Outlet", self.outlet),
            ("&URL", self.url),
            ("&Title", self.title_edit),
        ):
            lab = QLabel(label, self)
            lab.setBuddy(widget)
            form.addRow(lab, widget)
        open_button = QPushButton("Open &file…", self)
        open_button.clicked.connect(self._open_file)
        find_button = QPushButton("&Find statements", self)
        find_button.clicked.connect(self.find)
        self.message = QLabel("", self)
        self.table = QTableWidget(0, 5, self)
        self.table.setHorizontalHeaderLabels(["Keep", "Kind", "Speaker", "Date", "Text"])
        self.table.setAccessibleName("Found statements")
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.currentCellChanged.connect(lambda row, *_: self._show_context(row))
        self.context = QTextBrowser(self)
        self.context.setAccessibleName("Sentence in context")
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.text, 1)
        left_layout.addLayout(form)
        row = QHBoxLayout()
        row.addWidget(open_button)
        row.addWidget(find_button)
        left_layout.addLayout(row)
        right = QSplitter(Qt.Orientation.Vertical, self)
        right.addWidget(self.table)
        right.addWidget(self.context)
        split = QSplitter(self)
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([420, 680])
        self.buttons = QDialogButtonBox(self)
        self.import_button = self.buttons.addButton(
            "&Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setEnabled(False)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.import_)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def _open_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Open article", str(Path.home()), "Text (*.txt *.md);;All files (*)"
        )
        if name:
            try:
                self.text.setPlainText(Path(name).read_text(encoding="utf-8-sig"))
            except (OSError, UnicodeDecodeError) as error:
                self.message.setText(f"{name}: cannot be read ({error})")

    def find(self) -> bool:
        """Run the extractor on the text and fill the preview; False on bad input."""
        from extractor import extract

        try:
            published = parse_date(self.published.text())
        except DateError as error:
            self.message.setText(f"Published: {error}")
            return False
        text = self.text.toPlainText()
        if not text.strip():
            self.message.setText("Paste an article first.")
            return False
        known = []
        store = getattr(self.window_, "store", None)
        if store is not None:
            known = [
                {
                    "name": a.name,
                    "aliases": list(a.aliases),
                    "kind": a.kind,
                    "parent": store.actor(a.parent_id).name if a.parent_id else None,
                }
                for a in store.actors()
            ]
        try:
            self.document = extract(
                text,
                published.text,
                outlet=self.outlet.text() or None,
                url=self.url.text() or None,
                title=self.title_edit.text() or None,
                known_actors=known,
            )
        except ValueError as error:
            self.message.setText(str(error))
            return False
        self._fill()
        return True

    def _fill(self) -> None:
        statements = self.document.get("statements", [])
        self.table.setRowCount(len(statements))
        for r, statement in enumerate(statements):
            keep = QTableWidgetItem("")
            keep.setFlags(
                Qt.ItemFlag.ItemIsUserCheckable
                | Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
            )
            keep.setCheckState(Qt.CheckState.Checked)
            self.table.setItem(r, COL_KEEP, keep)
            kind = QTableWidgetItem("quote" if statement.get("kind") == "direct" else "reported")
            kind.setFlags(kind.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(r, COL_KIND, kind)
            self.table.setItem(r, COL_SPEAKER, QTableWidgetItem(str(statement.get("actor", ""))))
            self.table.setItem(r, COL_DATE, QTableWidgetItem(str(statement.get("said", ""))))
            text = QTableWidgetItem(" ".join(str(statement.get("text", "")).split()))
            text.setFlags(text.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(r, COL_TEXT, text)
        self.table.resizeColumnsToContents()
        events = len(self.document.get("events", []))
        self.message.setText(
            f"Found {len(statements)} statements and {events} events. "
            "Untick what is wrong, edit a speaker or a date, then Import."
        )
        self.import_button.setEnabled(bool(statements) or bool(events))
        if statements:
            self.table.setCurrentCell(0, COL_TEXT)

    def _show_context(self, row: int) -> None:
        if self.document is None or not 0 <= row < len(self.document.get("statements", [])):
            return
        span = self.document["statements"][row].get("span")
        text = self.text.toPlainText()
        if not span:
            self.context.setPlainText(text)
            return
        a, b = span
        start = max(text.rfind("\n", 0, a), 0)
        end = text.find("\n", b)
        end = len(text) if end < 0 else end
        self.context.setHtml(
            f"<p>{esc(text[start:a])}<span style='background:#ffe08a; color:#000'>"
            f"{esc(text[a:b])}</span>{esc(text[b:end])}</p>"
        )

    def reviewed_document(self) -> dict:
        """The document with unticked statements removed and edits applied."""
        document = copy.deepcopy(self.document)
        kept = []
        for r, statement in enumerate(document.get("statements", [])):
            if self.table.item(r, COL_KEEP).checkState() != Qt.CheckState.Checked:
                continue
            statement["actor"] = self.table.item(r, COL_SPEAKER).text().strip()
            statement["said"] = self.table.item(r, COL_DATE).text().strip()
            kept.append(statement)
        document["statements"] = kept
        return document

    def import_(self) -> None:
        if self.document is None:
            return
        target = self.window_.path or _target_store(self.window_, "Import article into store")
        if target is None:
            return
        try:
            document = self.reviewed_document()
            report = write_into(target, lambda store: import_document(store, document, "article"))
        except errors.ParleyError as error:
            self.message.setText(f"{error} — nothing was written.")
            return
        name = display(target) if is_url(target) else Path(target).name
        self.window_.statusBar().showMessage(f"{name}: {report}", 10000)
        self.window_.open_path(target)
        self.accept()


def import_article(window) -> ArticleDialog:
    """File → Import article…"""
    dialog = ArticleDialog(window)
    dialog.open()
    return dialog
