"""File → Export image…: choose format, file, range, size and what to show; then export.

The export draws a copy of the window's view (lanes shown, filters), so the window does
not move. Errors appear in a message box naming the file; success in the status bar.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from db.dates import DateError, parse_date
from db.errors import ParleyError
from viewer.export.render import (
    MAX_SIDE,
    MIN_WIDTH,
    PAGE_SIZES,
    ExportCancelled,
    export_file,
)
from viewer.export.target import FORMATS
from viewer.timeline.state import TimelineState

FORMAT_NAMES = {"png": "PNG image", "svg": "SVG (vector)", "pdf": "PDF (pages)"}


class ExportDialog(QDialog):
    """Export the timeline as PNG, SVG or PDF. Keyboard: every field has a mnemonic."""

    def __init__(self, parent: QWidget | None, state: TimelineState) -> None:
        super().__init__(parent)
        self.state = state
        self.exported = None
        self.setWindowTitle("Export image")
        self.setObjectName("export_dialog")
        layout = QVBoxLayout(self)
        self._build_file(layout)
        layout.addWidget(self._build_range())
        layout.addWidget(self._build_size())
        layout.addWidget(self._build_options())
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("&Export")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.format.currentIndexChanged.connect(self._format_chosen)
        self.path.textEdited.connect(self._path_edited)
        self._format_chosen()

    # -- building ------------------------------------------------------------------------

    def _build_file(self, layout: QVBoxLayout) -> None:
        """The format and file rows."""
        form = QFormLayout()
        layout.addLayout(form)
        self.format = QComboBox(self)
        for key, name in FORMAT_NAMES.items():
            self.format.addItem(name, key)
        self.format.setAccessibleName("Format")
        form.addRow(self._label("&Format:", self.format), self.format)

        self.path = QLineEdit(self)
        self.path.setAccessibleName("File")
        store = self.state.store
        stem = Path(store.path).stem if store.path else "timeline"
        self.path.setText(str(Path.home() / f"{stem}.png"))
        self.browse = QPushButton("&Browse…", self)
        self.browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        form.addRow(self._label("F&ile:", self.path), row)

    def _build_range(self) -> QGroupBox:
        """Visible window, whole store, or dates typed in any form."""
        box = QGroupBox("Range", self)
        ranges = QVBoxLayout(box)
        self.range_visible = QRadioButton("&Visible window", box)
        self.range_all = QRadioButton("&Whole store", box)
        self.range_dates = QRadioButton("&Dates:", box)
        self.range_visible.setChecked(True)
        self.range_group = QButtonGroup(self)
        for button in (self.range_visible, self.range_all, self.range_dates):
            self.range_group.addButton(button)
        ranges.addWidget(self.range_visible)
        ranges.addWidget(self.range_all)
        dates = QHBoxLayout()
        dates.addWidget(self.range_dates)
        self.date_from = QLineEdit(self)
        self.date_from.setPlaceholderText("2022-03-01")
        self.date_to = QLineEdit(self)
        self.date_to.setPlaceholderText("2022-04-30")
        dates.addWidget(self._label("fro&m", self.date_from))
        dates.addWidget(self.date_from)
        dates.addWidget(self._label("&to", self.date_to))
        dates.addWidget(self.date_to)
        ranges.addLayout(dates)
        self.date_error = QLabel("", box)
        self.date_error.setStyleSheet("color: #c0392b")
        self.date_error.setWordWrap(True)
        self.date_error.hide()
        ranges.addWidget(self.date_error)
        for edit in (self.date_from, self.date_to):
            edit.textEdited.connect(self._dates_edited)
        return box

    def _build_size(self) -> QGroupBox:
        """Width for PNG and SVG; page size and orientation for PDF."""
        size_box = QGroupBox("Size", self)
        size_form = QFormLayout(size_box)
        self.width_px = QSpinBox(size_box)
        self.width_px.setRange(MIN_WIDTH, MAX_SIDE)
        self.width_px.setSingleStep(200)
        self.width_px.setValue(2400)
        self.width_px.setSuffix(" px")
        self.width_label = self._label("Width (p&x):", self.width_px)
        size_form.addRow(self.width_label, self.width_px)
        self.page_size = QComboBox(size_box)
        self.page_size.addItems(list(PAGE_SIZES))
        self.page_label = self._label("&Page size:", self.page_size)
        size_form.addRow(self.page_label, self.page_size)
        self.orientation = QComboBox(size_box)
        self.orientation.addItem("Landscape", "landscape")
        self.orientation.addItem("Portrait", "portrait")
        self.orientation_label = self._label("&Orientation:", self.orientation)
        size_form.addRow(self.orientation_label, self.orientation)
        return size_box

    def _build_options(self) -> QGroupBox:
        """Title, legend, axis, lanes and theme."""
        options = QGroupBox("Show", self)
        options_form = QFormLayout(options)
        self.title = QLineEdit(self.state.store.title, options)
        options_form.addRow(self._label("Tit&le:", self.title), self.title)
        self.legend = QCheckBox("Le&gend", options)
        self.legend.setChecked(True)
        self.axis = QCheckBox("Time &axis", options)
        self.axis.setChecked(True)
        self.lanes_shown = QCheckBox("Only the lanes currently &shown (filters apply)", options)
        self.lanes_shown.setChecked(True)
        self.lanes_shown.setEnabled(False)
        self.lanes_shown.setToolTip("Export draws the window's lanes, with its filters.")
        checks = QVBoxLayout()
        for check in (self.legend, self.axis, self.lanes_shown):
            checks.addWidget(check)
        options_form.addRow(checks)
        self.theme = QComboBox(options)
        self.theme.addItem("Light", "light")
        self.theme.addItem("Print (high contrast)", "print")
        options_form.addRow(self._label("T&heme:", self.theme), self.theme)
        return options

    # -- helpers -------------------------------------------------------------------------

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy)
        return label

    @property
    def kind(self) -> str:
        return self.format.currentData()

    def _format_chosen(self) -> None:
        kind = self.kind
        text = self.path.text().strip()
        if text:
            self.path.setText(str(Path(text).with_suffix(f".{kind}")))
        pdf = kind == "pdf"
        for widget in (self.width_px, self.width_label):
            widget.setVisible(not pdf)
        for widget in (self.page_size, self.page_label, self.orientation, self.orientation_label):
            widget.setVisible(pdf)

    def _path_edited(self, text: str) -> None:
        kind = FORMATS.get(Path(text.strip()).suffix.lower())
        if kind and kind != self.kind:
            self.format.blockSignals(True)
            self.format.setCurrentIndex(self.format.findData(kind))
            self.format.blockSignals(False)
            self._format_chosen()

    def _browse(self) -> None:
        order = [self.kind, *[k for k in FORMAT_NAMES if k != self.kind]]
        filters = ";;".join(f"{FORMAT_NAMES[k]} (*.{k})" for k in order)
        path, _ = QFileDialog.getSaveFileName(self, "Export image", self.path.text(), filters)
        if path:
            if not Path(path).suffix:
                path += f".{self.kind}"
            self.path.setText(path)
            self._path_edited(path)

    def _dates_edited(self) -> None:
        self.range_dates.setChecked(True)
        self.date_error.hide()

    def chosen_range(self) -> tuple[float | None, float | None]:
        """(start, end) in seconds for the range chosen; raise ValueError with a message."""
        if self.range_visible.isChecked():
            return self.state.scale.start, self.state.scale.end
        if self.range_all.isChecked():
            extent = self.state.store.extent()
            if extent is None:
                return None, None
            margin = max((extent[1] - extent[0]) * 0.04, 3600)
            return extent[0] - margin, extent[1] + margin
        try:
            start = parse_date(self.date_from.text()).span_seconds()[0]
        except DateError as error:
            self.date_from.setFocus()
            raise ValueError(f"From: {error}") from None
        try:
            end = parse_date(self.date_to.text()).span_seconds()[1]
        except DateError as error:
            self.date_to.setFocus()
            raise ValueError(f"To: {error}") from None
        if end <= start:
            self.date_to.setFocus()
            raise ValueError("To: the end is before the start")
        return float(start), float(end)

    # -- export --------------------------------------------------------------------------

    def accept(self) -> None:
        try:
            start, end = self.chosen_range()
        except ValueError as error:
            self.date_error.setText(str(error))
            self.date_error.show()
            return
        text = self.path.text().strip()
        if not text:
            self.path.setFocus()
            QMessageBox.warning(self, "Export image", "Choose a file to export to.")
            return
        path = Path(text).expanduser()
        progress = QProgressDialog("Exporting…", "Cancel", 0, 100, self)
        progress.setWindowTitle("Export image")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)

        def step(done: int, total: int) -> bool:
            progress.setValue(int(100 * done / max(total, 1)))
            QCoreApplication.processEvents()
            return not progress.wasCanceled()

        try:
            self.exported = export_file(
                self.state,
                path,
                width=self.width_px.value(),
                start=start,
                end=end,
                title=self.title.text().strip() or None,
                legend=self.legend.isChecked(),
                axis=self.axis.isChecked(),
                theme_name=self.theme.currentData(),
                page_size=self.page_size.currentText(),
                orientation=self.orientation.currentData(),
                progress=step,
            )
        except ExportCancelled:
            return
        except ParleyError as error:
            QMessageBox.critical(self, "Export failed", str(error))
            return
        finally:
            progress.reset()
            progress.deleteLater()
        window = self.parent()
        if window is not None and hasattr(window, "statusBar"):
            window.statusBar().showMessage(self.exported.describe().capitalize(), 8000)
        super().accept()
