"""File → Import: JSON/CSV files, or news articles reviewed before they land in a store.

Importing is the only time Parley writes: through the importer's own connection, in one
transaction, after which the window reopens the store read-only. The built-in default
store is never written: importing into it first makes a store of the user's own
(:class:`OwnStoreDialog`). The publication date comes from the article or the user.
"""

from __future__ import annotations

import copy
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
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from db import errors
from db.dates import DateError, parse_date
from db.default_store import is_default_store, make_own_store
from db.formats import import_files
from db.importer import import_document
from db.pg import write_into
from db.pg.url import display, is_url
from viewer.panes.proposals import ProposalPanel
from viewer.text import esc
from viewer.theme import RELATION_STYLE

COL_KEEP, COL_KIND, COL_SPEAKER, COL_DATE, COL_TEXT = range(5)
LINK_ROWS = 4  # proposed links shown at once (more scroll inside the list)


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


class OwnStoreDialog(QDialog):
    """Offers a store of the user's own in place of the built-in one, which is never written."""

    def __init__(self, parent: QWidget, suggested: Path) -> None:
        super().__init__(parent)
        self.setWindowTitle("Make a store of your own")
        note = QLabel(
            "This is Parley's built-in store: it is never changed, and a new release "
            "replaces it. Import into a store of your own instead.", self
        )
        note.setWordWrap(True)
        self.copy = QRadioButton("Start from the built-in store's &content", self)
        self.empty = QRadioButton("Start &empty", self)
        self.copy.setChecked(True)
        self.path = QLineEdit(str(suggested), self)
        self.path.setAccessibleName("New store file")
        browse = QPushButton("&Browse…", self)
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.message = QLabel("", self)
        buttons = QDialogButtonBox(self)
        self.make_button = buttons.addButton("&Make store", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._make)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (note, self.copy, self.empty):
            layout.addWidget(widget)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.made: Path | None = None

    def _browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, "New store", self.path.text(), "Parley stores (*.parley)"
        )
        if name:
            self.path.setText(name)

    def _make(self) -> None:
        target = Path(self.path.text().strip()).expanduser()
        if not self.path.text().strip():
            self.message.setText("Name the new store's file.")
            return
        source = getattr(self.parent(), "path", None)
        try:
            self.made = make_own_store(target, self.copy.isChecked(), source)
        except (errors.ParleyError, OSError) as error:
            self.message.setText(str(error))
            return
        self.accept()


def _suggested_store() -> Path:
    folder = Path.home() / "Documents"
    folder = folder if folder.is_dir() else Path.home()
    path, n = folder / "My timeline.parley", 2
    while path.exists():
        path, n = folder / f"My timeline {n}.parley", n + 1
    return path


def writable_store(window, target: Path | None) -> Path | None:
    """``target``, or for the built-in default store a new store of the user's own (made
    and opened in the window); None when the user declines."""
    if target is None or not is_default_store(target):
        return target
    dialog = OwnStoreDialog(window, _suggested_store())
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.made is None:
        return None
    window.open_path(dialog.made)
    return dialog.made


def import_data(window) -> None:
    """Ask for JSON/CSV files and a store, import them, and show the store."""
    names, _ = QFileDialog.getOpenFileNames(
        window, "Import JSON or CSV", str(Path.home()), "Parley data (*.json *.csv);;All files (*)"
    )
    if not names:
        return
    target = writable_store(window, _target_store(window, "Import into store"))
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
        screen = window.screen().availableGeometry()  # 1366×768 too: the lists scroll
        self.resize(min(1100, int(screen.width() * 0.95)), min(720, int(screen.height() * 0.88)))
        self.text = QPlainTextEdit(self)
        self.text.setPlaceholderText("Paste the article's text here, or open a file…")
        self.text.setAccessibleName("Article text")
        # never prefilled with today: the date comes from the article or from the user
        self.published = QLineEdit(self)
        self.published.setPlaceholderText("read from the article, or type it: 2022-03-29")
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
        batch_button = QPushButton("&Several files…", self)
        batch_button.setToolTip("Import several article files at once, each dated by its text")
        batch_button.clicked.connect(self.open_batch)
        self.message = QLabel("", self)
        self.table = QTableWidget(0, 5, self)
        self.table.setHorizontalHeaderLabels(["Keep", "Kind", "Speaker", "Date", "Text"])
        self.table.setAccessibleName("Found statements")
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.currentCellChanged.connect(lambda row, *_: self._show_context(row))
        self.context = QTextBrowser(self)
        self.context.setAccessibleName("Sentence in context")
        self.links = QListWidget(self)
        self.links.setAccessibleName("Proposed links")
        self.links.setToolTip("Who answered whom, as the text states it: untick a wrong link")
        self.links.setTextElideMode(Qt.TextElideMode.ElideRight)  # whole line in its tooltip
        self.links.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.proposed: list[dict] = []
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.text, 1)
        left_layout.addLayout(form)
        row = QHBoxLayout()
        row.addWidget(open_button)
        row.addWidget(find_button)
        row.addWidget(batch_button)
        left_layout.addLayout(row)
        right = QSplitter(Qt.Orientation.Vertical, self)
        right.addWidget(self.table)
        right.addWidget(self.context)
        self.positions = ProposalPanel(self)
        right.addWidget(self.positions)
        right.addWidget(self.links)
        right.setChildrenCollapsible(False)
        for pane, stretch in enumerate((3, 1, 2, 0)):  # the found statements get the room
            right.setStretchFactor(pane, stretch)
        self.panes = right
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
                return
            self.published.clear()

    def _published(self, text: str) -> str | None:
        """The date typed, else the one the article prints (shown in the field), else None."""
        from extractor.published import find_published

        typed = self.published.text().strip()
        if typed:
            return typed
        found = find_published(text)
        if found:
            self.published.setText(found)
        return found

    def find(self) -> bool:
        """Run the extractor on the text and fill the preview; False on bad input."""
        from extractor import extract

        text = self.text.toPlainText()
        if not text.strip():
            self.message.setText("Paste an article first.")
            return False
        typed = self._published(text)
        if typed is None:
            self.message.setText(
                "Published: the article prints no date; type its publication date."
            )
            self.published.setFocus()
            return False
        try:
            published = parse_date(typed)
        except DateError as error:
            self.message.setText(f"Published: {error}")
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
        from extractor.articles import proposed_links

        self.proposed = proposed_links(text, self.document, store)
        self.positions.propose(self.document, store)
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
        self._fill_links(statements)
        self.import_button.setEnabled(bool(statements) or bool(events))
        if statements:
            self.table.setCurrentCell(0, COL_TEXT)

    def _fill_links(self, statements: list[dict]) -> None:
        """One checkable line per proposed link: answer → answered, kind, the words."""
        speakers = {s["id"]: s["actor"] for s in statements}
        self.links.clear()
        for link in self.proposed:
            to = link["to"]
            answered = (speakers.get(to, "?") if not isinstance(to, dict)
                        else f"stored statement {to['stored']}")
            item = QListWidgetItem(
                f"{speakers.get(link['from'], '?')} {RELATION_STYLE[link['kind']][2]} "
                f"{answered} — {link['note']}", self.links)
            item.setToolTip(item.text())
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
        self.links.setVisible(bool(self.proposed))
        if self.proposed:  # as tall as its lines, up to LINK_ROWS; more scroll inside
            row, frame = self.links.sizeHintForRow(0), 2 * self.links.frameWidth() + 2
            rows = min(len(self.proposed), LINK_ROWS)
            self.links.setMinimumHeight(min(rows, 2) * row + frame)
            want = rows * row + frame
            rest = max((sum(self.panes.sizes()) or self.height() - 120) - want, 60)
            self.panes.setSizes([rest * 3 // 6, rest // 6, rest * 2 // 6, want])

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
        ids = {s["id"] for s in kept}
        document["relations"] = [
            link for row, link in enumerate(self.proposed)
            if self.links.item(row).checkState() == Qt.CheckState.Checked
            and link["from"] in ids and (isinstance(link["to"], dict) or link["to"] in ids)
        ]
        return self.positions.apply(document)

    def import_(self) -> None:
        if self.document is None:
            return
        target = self.window_.path or _target_store(self.window_, "Import article into store")
        target = writable_store(self.window_, target)
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


    def open_batch(self):
        """Close this dialog and import several files instead (into a writable store)."""
        from viewer.batch_import import BatchImportDialog

        target = self.window_.path or _target_store(self.window_, "Import articles into store")
        target = writable_store(self.window_, target)
        if target is None:
            return None
        self.reject()
        dialog = BatchImportDialog(self.window_, Path(target))
        dialog.open()
        return dialog


def import_article(window) -> ArticleDialog:
    """File → Import article…"""
    dialog = ArticleDialog(window)
    dialog.open()
    return dialog
