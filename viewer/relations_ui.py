"""Who answered whom, in the window: following links (L, Shift+L), removing and adding a
relation from the details pane, and reviewing proposed reversals. Mixed into MainWindow.

Every write is one explicit transaction (:mod:`db.relate`) into a store of the user's
own: for the built-in default store the user is first offered a store of their own.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from db import errors
from db.relate import NewLink, add_relations, remove_relation, reversal_links, store_reversals
from db.reversals import Reversal
from db.schema import RELATION_KINDS
from db.timeindex import KIND_STATEMENT
from viewer.follow import LinkTrail
from viewer.theme import RELATION_STYLE

#: Statements offered by "Link to…": those said within this many days either side.
LINK_DAYS = 14


class RelationsMixin:
    """The window's relation commands (needs ``state``, ``store``, ``path``, ``details``,
    ``select_item`` and ``open_path`` of MainWindow)."""

    trail: LinkTrail

    def _connect_relations(self) -> None:
        self.trail = LinkTrail()
        self.details.statement_chosen.connect(self.go_to_statement)
        self.details.unlink_asked.connect(self.unlink)
        self.details.link_asked.connect(self.link_to)

    def _selected_statement(self) -> int | None:
        ref = self.state.selection if self.state else None
        if ref is None or ref.kind != KIND_STATEMENT:
            self.statusBar().showMessage("Select a statement to follow its links", 5000)
            return None
        return ref.rid

    def go_to_statement(self, statement_id: int) -> None:
        """Select a linked statement (from the details pane); Shift+L comes back."""
        current = self._selected_statement()
        if current is not None:
            self.trail.back_to.append(current)
        self.select_item(KIND_STATEMENT, statement_id, center=True)

    def do_follow_link(self) -> None:
        current = self._selected_statement()
        if current is None:
            return
        relations = self.store.corroboration.relations(current)
        answers = [r.other_id for r in relations if r.outgoing and r.kind != "variant_of"]
        answered = [r.other_id for r in relations if not r.outgoing and r.kind != "variant_of"]
        target = self.trail.follow(current, answers, answered)
        if target is None:
            self.statusBar().showMessage("This statement answers no one, and no one answers it",
                                         5000)
            return
        self.select_item(KIND_STATEMENT, target, center=True)

    def do_follow_back(self) -> None:
        if self.state is None:
            return
        previous = self.trail.back()
        if previous is None:
            self.statusBar().showMessage("No link followed to go back along", 5000)
            return
        self.select_item(KIND_STATEMENT, previous, center=True)

    def _own_store(self):
        from viewer.import_dialogs import writable_store

        return writable_store(self, self.path)

    def _write(self, action, done: str) -> None:
        """Run a write on the user's own store, then show it again."""
        target = self._own_store()
        if target is None:
            return
        try:
            action(target)
        except errors.ParleyError as error:
            QMessageBox.warning(self, "Not written", f"{error}\n\nNothing was written.")
            return
        self.statusBar().showMessage(done, 8000)
        self.open_path(target)

    def unlink(self, from_id: int, to_id: int, kind: str) -> None:
        """Remove one relation after asking."""
        answer = QMessageBox.question(
            self, "Remove link",
            f"Remove the link “{RELATION_STYLE[kind][2]}” between statements {from_id} and "
            f"{to_id}? The statements stay.",
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._write(lambda path: remove_relation(path, from_id, to_id, kind), "Link removed")

    def link_to(self, from_id: int) -> None:
        """Add a relation from ``from_id`` to a statement the user chooses."""
        dialog = LinkDialog(self, self.store, from_id)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.chosen() is not None:
            link = dialog.chosen()
            self._write(lambda path: add_relations(path, [link], "details pane"), "Link added")

    def do_propose_reversals(self) -> None:
        if self.store is None:
            return
        dialog = ReversalsDialog(self, self.store, store_reversals(self.store))
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.checked():
            links = reversal_links(dialog.checked())
            self._write(lambda path: add_relations(path, links, "reversals"),
                        f"{len(links)} reversal(s) written as 'contradicts' links")


class LinkDialog(QDialog):
    """Choose a kind and a statement said within :data:`LINK_DAYS` days."""

    def __init__(self, parent: QWidget, store, from_id: int) -> None:
        super().__init__(parent)
        self.setWindowTitle("Link to…")
        self.from_id = from_id
        self.kind = QComboBox(self)
        for kind in RELATION_KINDS:
            self.kind.addItem(RELATION_STYLE[kind][2], kind)
        self.kind.setCurrentIndex(RELATION_KINDS.index("responds_to"))
        self.filter = QLineEdit(self, placeholderText="Filter by words or speaker")
        self.list = QListWidget(self)
        self.list.setAccessibleName("Statements")
        for statement_id, text in _nearby(store, from_id):
            item = QListWidgetItem(text, self.list)
            item.setData(Qt.ItemDataRole.UserRole, statement_id)
        self.filter.textChanged.connect(self._narrow)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"Statement {from_id}", self))
        for widget in (self.kind, self.filter, self.list, buttons):
            layout.addWidget(widget)
        self.resize(560, 420)

    def _narrow(self, text: str) -> None:
        words = text.lower().split()
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setHidden(not all(w in item.text().lower() for w in words))

    def chosen(self) -> NewLink | None:
        item = self.list.currentItem()
        if item is None or item.isHidden():
            return None
        return NewLink(self.from_id, int(item.data(Qt.ItemDataRole.UserRole)),
                       str(self.kind.currentData()))


def _nearby(store, statement_id: int) -> list[tuple[int, str]]:
    """(id, "speaker, date: words") of the statements said near ``statement_id``."""
    index = store.index
    rows = index.find(KIND_STATEMENT, statement_id)
    if not len(rows):
        return []
    t = int(index.t0[rows[0]])
    around = index.window(t - LINK_DAYS * 86400, t + LINK_DAYS * 86400)
    ids = sorted({int(r) for r in index.rid[around[index.kind[around] == KIND_STATEMENT]]}
                 - {statement_id})[:2000]
    labels = store.labels("statement", ids, 100)
    names = {a.id: a.name for a in store.actors()}
    actor_of = dict(zip(index.rid[around].tolist(), index.actor[around].tolist(), strict=True))
    return [(i, f"{names.get(actor_of.get(i), '?')}: {labels.get(i, '')}") for i in ids]


class ReversalsDialog(QDialog):
    """Proposed reversals with a checkbox each; Apply writes the checked ones."""

    def __init__(self, parent: QWidget, store, reversals: list[Reversal]) -> None:
        super().__init__(parent)
        self.setWindowTitle("Proposed reversals")
        self.reversals = reversals
        self.list = QListWidget(self)
        self.list.setAccessibleName("Proposed reversals")
        for reversal in reversals:
            actor = store.actor(reversal.later.actor_id)
            item = QListWidgetItem(
                f"{actor.name if actor else '?'}: “{_short(reversal.later.text)}” contradicts "
                f"“{_short(reversal.earlier.text)}” — {reversal.note}", self.list)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
        text = (f"{len(reversals)} statement(s) say the opposite of the same actor's earlier "
                "stance on a topic. Uncheck any that are not reversals, then Apply."
                if reversals else "No actor's stance on a topic turned: nothing to propose.")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.apply = buttons.addButton("Apply", QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply.setEnabled(bool(reversals))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        label = QLabel(text, self)
        label.setWordWrap(True)
        for widget in (label, self.list, buttons):
            layout.addWidget(widget)
        self.resize(720, 420)

    def checked(self) -> list[Reversal]:
        return [r for row, r in enumerate(self.reversals)
                if self.list.item(row).checkState() == Qt.CheckState.Checked]


def _short(text: str, length: int = 70) -> str:
    words = " ".join(text.split())
    return words if len(words) <= length else words[: length - 1].rstrip() + "…"
