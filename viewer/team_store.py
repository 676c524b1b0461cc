"""File → Open team store…: the fields of a PostgreSQL connection, as one URL.

Empty fields are left to libpq's environment (PGHOST, PGPORT, PGUSER, PGPASSWORD,
PGSERVICE) and ~/.pgpass. The password is never kept: the last server, database and
user are remembered without it.
"""

from __future__ import annotations

import os
from urllib.parse import parse_qs, unquote, urlsplit

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from db.pg.url import build_url, without_password

SETTING = "team_store/last"


class TeamStoreDialog(QDialog):
    """Server, port, database, user and password of a team store."""

    def __init__(self, parent: QWidget | None, settings: QSettings) -> None:
        super().__init__(parent)
        self.setWindowTitle("Open team store")
        self.settings = settings
        form = QFormLayout(self)
        note = QLabel(
            "A team store is a Parley record on a PostgreSQL server, shared by a team. "
            "Leave a field empty to use your PostgreSQL settings (PGHOST, PGUSER, ~/.pgpass…).",
            self,
        )
        note.setWordWrap(True)
        form.addRow(note)
        self.host = self._field(form, "&Server:", "host name, or the folder of a unix socket")
        self.port = self._field(form, "P&ort:", "5432")
        self.database = self._field(form, "&Database:", "the team's database")
        self.user = self._field(form, "&User:", os.environ.get("USER", ""))
        self.password = self._field(form, "&Password:", "from PGPASSWORD or ~/.pgpass if empty")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.open_button = buttons.button(QDialogButtonBox.StandardButton.Open)
        self.database.textChanged.connect(self._update)
        self._fill(str(settings.value(SETTING) or ""))
        self._update()
        self.resize(460, self.sizeHint().height())

    def _field(self, form: QFormLayout, label: str, hint: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setPlaceholderText(hint)
        edit.setAccessibleName(label.replace("&", "").rstrip(":"))
        form.addRow(label, edit)
        return edit

    def _fill(self, url: str) -> None:
        """The fields from a remembered URL (never holding a password), else PG* variables."""
        parts = urlsplit(url) if url else None
        query = parse_qs(parts.query) if parts else {}
        host = (query.get("host") or [parts.hostname if parts else ""])[0] or ""
        self.host.setText(host or os.environ.get("PGHOST", ""))
        port = (query.get("port") or [str(parts.port or "") if parts else ""])[0]
        self.port.setText(port or os.environ.get("PGPORT", ""))
        self.database.setText(
            unquote(parts.path.lstrip("/")) if parts else os.environ.get("PGDATABASE", "")
        )
        self.user.setText(unquote(parts.username or "") if parts else os.environ.get("PGUSER", ""))

    def _update(self) -> None:
        self.open_button.setEnabled(bool(self.database.text().strip()))

    def url(self) -> str:
        """The URL the fields give (with the password, for opening only)."""
        return build_url(
            self.host.text().strip(),
            self.port.text().strip(),
            self.database.text().strip(),
            self.user.text().strip(),
            self.password.text(),
        )

    def _accept(self) -> None:
        self.settings.setValue(SETTING, without_password(self.url()))
        self.accept()


def open_team_store(window) -> TeamStoreDialog:
    """Show the dialog; on Open, the window opens the team store (in the background)."""
    dialog = TeamStoreDialog(window, window.settings)
    dialog.accepted.connect(lambda: window.open_path(dialog.url()))
    dialog.open()
    return dialog
