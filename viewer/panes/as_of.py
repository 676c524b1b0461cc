"""The "As of" bar shared by the actor panes and the matrix: a date typed in any form the
store's parser reads, a Latest button, and the timeline's centre date."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from db.dates import DateError, When, at_precision, from_seconds, parse_date


def timeline_date(window: QWidget | None) -> When | None:
    """The day at the centre of the timeline of ``window`` (None without a timeline)."""
    state = getattr(window, "state", None)
    if state is None:
        return None
    scale = state.scale
    return at_precision(from_seconds(scale.start + scale.span / 2), "day")


class AsOfBar(QWidget):
    """Emits ``chosen`` with the date picked (None: the latest); shows unreadable input."""

    chosen = Signal(object)  # When | None

    def __init__(
        self,
        parent: QWidget,
        window: QWidget | None,
        what: str,
        latest: Callable[[], When | None] = lambda: None,
    ) -> None:
        super().__init__(parent)
        self.window_ = window
        self.latest = latest
        self.date_edit = QLineEdit(self)
        self.date_edit.setPlaceholderText("latest")
        self.date_edit.setAccessibleName(f"{what} as of date")
        self.date_edit.setToolTip(
            f"{what} as they stood on this date: 2022-03-20, March 2022, 2022. "
            "Press Enter to apply; empty means the latest."
        )
        self.date_edit.returnPressed.connect(self.apply_date_text)
        label = QLabel("As &of", self)
        label.setBuddy(self.date_edit)
        self.latest_button = QPushButton("&Latest", self)
        self.latest_button.setAccessibleName(f"{what} at the latest date")
        self.latest_button.clicked.connect(self.use_latest)
        self.timeline_button = QPushButton("&Timeline date", self)
        self.timeline_button.setAccessibleName(f"{what} as of the timeline's centre date")
        self.timeline_button.setToolTip(f"{what} as of the date at the timeline's centre")
        self.timeline_button.clicked.connect(self.use_timeline_date)
        self.timeline_button.setVisible(hasattr(window, "state"))
        for button in (self.latest_button, self.timeline_button):
            button.setAutoDefault(False)
        self.message = QLabel("", self)
        self.message.setAccessibleName("As of date problem")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c0392b")
        self.message.hide()
        self.controls = QHBoxLayout()
        self.controls.setContentsMargins(0, 0, 0, 0)
        self.controls.addWidget(label)
        self.controls.addWidget(self.date_edit, 1)
        self.controls.addWidget(self.latest_button)
        self.controls.addWidget(self.timeline_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(self.controls)
        layout.addWidget(self.message)

    def show_date(self, when: When | None) -> None:
        """Show ``when`` in the box (without choosing it again)."""
        self.date_edit.setText("" if when is None else when.text)
        self.message.hide()

    def show_problem(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def apply_date_text(self) -> bool:
        """Read the date typed; False (and a message) when it cannot be read."""
        text = self.date_edit.text().strip()
        if not text or text.lower() == "latest":
            self.use_latest()
            return True
        try:
            when = parse_date(text)
        except DateError as error:
            self.show_problem(str(error))
            return False
        self.chosen.emit(when)
        return True

    def use_latest(self) -> None:
        self.chosen.emit(self.latest())

    def use_timeline_date(self) -> None:
        when = timeline_date(self.window_)
        if when is not None:
            self.chosen.emit(when)
