"""Import several article files at once: a progress bar, a line per file, a live window.

Each article is imported in its own transaction by :func:`extractor.articles.
import_article_file` on a worker thread; the window keeps painting and answering meanwhile.
A file's date comes from its text, else from the date typed here, never from the clock.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from db import errors


class _Worker(QObject):
    """Runs the imports off the GUI thread and reports each file (queued signals)."""

    progress = Signal(int, str)
    finished = Signal()

    def run(self, files: list[str], store: Path, published: str | None) -> None:
        from extractor.articles import import_article_file

        for number, name in enumerate(files, start=1):
            try:
                line = f"{Path(name).name}: {import_article_file(name, store, published)}"
            except errors.ParleyError as error:
                line = f"{error} — nothing was written for this file"
            except Exception as error:  # one bad file must not stop the rest
                line = f"{name}: cannot be imported ({error}) — nothing was written"
            self.progress.emit(number, line)
        self.finished.emit()


class BatchImportDialog(QDialog):
    """Choose article files, then import them one by one into the window's store."""

    def __init__(self, window: QWidget, store: Path) -> None:
        super().__init__(window)
        self.window_ = window
        self.store = store
        self.setWindowTitle("Import articles")
        self.resize(760, 520)
        self.files = QListWidget(self)
        self.files.setAccessibleName("Article files")
        add = QPushButton("&Add files…", self)
        add.clicked.connect(self._add_files)
        self.published = QLineEdit(self)
        self.published.setPlaceholderText("only for articles that print no date: 2022-03-29")
        form = QFormLayout()
        form.addRow("&Published", self.published)
        self.bar = QProgressBar(self)
        self.bar.setAccessibleName("Import progress")
        self.log = QPlainTextEdit(self)
        self.log.setReadOnly(True)
        self.log.setAccessibleName("Import results")
        self.buttons = QDialogButtonBox(self)
        self.import_button = self.buttons.addButton(
            "&Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.files, add):
            layout.addWidget(widget)
        layout.addLayout(form)
        for widget in (self.bar, self.log, self.buttons):
            layout.addWidget(widget)
        self.worker = _Worker()
        self.worker.progress.connect(self._progress)
        self.worker.finished.connect(self._finished)
        self._thread: threading.Thread | None = None

    def add_files(self, names: list[str]) -> None:
        """Add files to the list (once each)."""
        have = {self.files.item(i).text() for i in range(self.files.count())}
        self.files.addItems([n for n in dict.fromkeys(names) if n not in have])

    def _add_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self, "Article files", str(Path.home()), "Text (*.txt *.md);;All files (*)"
        )
        self.add_files(names)

    def running(self) -> bool:
        """True while the imports run."""
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        """Import every listed file on a worker thread."""
        files = [self.files.item(i).text() for i in range(self.files.count())]
        if not files or self.running():
            return
        self.import_button.setEnabled(False)
        self.bar.setRange(0, len(files))
        self.bar.setValue(0)
        self.log.clear()
        published = self.published.text().strip() or None
        self._thread = threading.Thread(
            target=self.worker.run, args=(files, self.store, published), daemon=True
        )
        self._thread.start()

    def _progress(self, number: int, line: str) -> None:
        self.bar.setValue(number)
        self.log.appendPlainText(line)

    def _finished(self) -> None:
        self.import_button.setEnabled(True)
        if self.store.exists():
            self.window_.open_path(self.store)

    def reject(self) -> None:
        """Close, unless an import is running (it finishes its file first)."""
        if not self.running():
            super().reject()
