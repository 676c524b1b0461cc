"""The import preview's positions: proposed topics, stances and summaries, to edit.

Left, the proposed topics (store topics marked): rename one in place (F2 or a double
click), untick it to import its statements without a topic, or merge it into another.
Right, one row per statement: its topic and stance (pick another), the words that gave
the stance, and its summary (edit it). Nothing is written until the dialog imports.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.schema import STANCES
from extractor.positions import Proposals, apply, known_topics, propose

COL_SPEAKER, COL_TOPIC, COL_STANCE, COL_EVIDENCE, COL_SUMMARY = range(5)
NO_TOPIC = "(no topic)"
NO_STANCE = "(none)"


class ProposalPanel(QWidget):
    """Topics on the left, each statement's topic, stance and summary on the right."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.proposals = Proposals()
        self.document: dict | None = None
        self.topics = QListWidget(self)
        self.topics.setAccessibleName("Proposed topics")
        self.topics.itemChanged.connect(self._topic_edited)
        merge = QPushButton("&Merge into…", self)
        merge.clicked.connect(self.merge_current)
        left = QWidget(self)
        box = QVBoxLayout(left)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(QLabel("Topics (untick to leave out, F2 to rename)", left))
        box.addWidget(self.topics, 1)
        row = QHBoxLayout()
        row.addWidget(merge)
        row.addStretch(1)
        box.addLayout(row)
        self.table = QTableWidget(0, 5, self)
        self.table.setHorizontalHeaderLabels(["Speaker", "Topic", "Stance", "Because of",
                                              "In short"])
        self.table.setAccessibleName("Proposed positions")
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemChanged.connect(self._summary_edited)
        split = QSplitter(self)
        split.addWidget(left)
        split.addWidget(self.table)
        split.setSizes([220, 780])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)

    def propose(self, document: dict, store=None) -> None:
        """Propose positions for ``document`` against the topics of ``store`` (or none)."""
        self.document = document
        self.proposals = propose(document, known_topics(store) if store is not None else [])
        self.refresh()

    def apply(self, document: dict) -> dict:
        """``document`` (the kept statements) with the positions as edited here."""
        return apply(document, self.proposals) if self.document is not None else document

    # -- showing ---------------------------------------------------------------------

    def refresh(self) -> None:
        """Show the proposals as they are now."""
        self.topics.blockSignals(True)
        self.topics.clear()
        for topic in self.proposals.topics:
            item = QListWidgetItem(topic.name)
            item.setData(Qt.ItemDataRole.UserRole, topic.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable
                          | Qt.ItemFlag.ItemIsEditable)
            item.setCheckState(Qt.CheckState.Checked)
            count = len(topic.statements)
            item.setToolTip(("in the store" if topic.existing else "new") + f" · {count} "
                            + ("statement" if count == 1 else "statements"))
            if topic.existing:
                font = item.font()
                font.setItalic(True)
                item.setFont(font)
            self.topics.addItem(item)
        self.topics.blockSignals(False)
        self._fill_table()

    def _fill_table(self) -> None:
        statements = (self.document or {}).get("statements") or []
        names = [NO_TOPIC, *(t.name for t in self.proposals.topics)]
        self.table.blockSignals(True)
        self.table.setRowCount(len(statements))
        for r, statement in enumerate(statements):
            proposal = self.proposals.statements[statement["id"]]
            self._cell(r, COL_SPEAKER, str(statement.get("actor", "")), False)
            self.table.setCellWidget(r, COL_TOPIC, self._combo(
                names, proposal.topic or NO_TOPIC, lambda text, sid=statement["id"]:
                self.move(sid, None if text == NO_TOPIC else text)))
            self.table.setCellWidget(r, COL_STANCE, self._combo(
                [NO_STANCE, *STANCES], proposal.stance or NO_STANCE,
                lambda text, sid=statement["id"]: self.set_stance(sid, text)))
            self._cell(r, COL_EVIDENCE, ", ".join(proposal.evidence), False)
            self._cell(r, COL_SUMMARY, proposal.summary or "", True)
        self.table.resizeColumnsToContents()
        for column, widest in ((COL_SPEAKER, 150), (COL_TOPIC, 200), (COL_EVIDENCE, 160)):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), widest))
        self.table.blockSignals(False)

    def _cell(self, row: int, column: int, text: str, editable: bool) -> None:
        item = QTableWidgetItem(text)
        if not editable:
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.table.setItem(row, column, item)

    def _combo(self, items: list[str], current: str, changed) -> QComboBox:
        combo = QComboBox(self.table)
        combo.addItems(items)
        combo.setCurrentText(current)
        combo.currentTextChanged.connect(changed)
        return combo

    # -- editing ---------------------------------------------------------------------

    def move(self, statement_id: int, topic: str | None) -> None:
        """File a statement under another topic (None: none)."""
        self.proposals.move(statement_id, topic)

    def set_stance(self, statement_id: int, text: str) -> None:
        proposal = self.proposals.statements[statement_id]
        proposal.stance = None if text == NO_STANCE else text
        proposal.evidence = ()
        row = self._row_of(statement_id)
        if row >= 0:
            self.table.item(row, COL_EVIDENCE).setText("")

    def merge_current(self) -> None:
        """Merge the current topic into another one the user picks."""
        item = self.topics.currentItem()
        if item is None:
            return
        name = item.data(Qt.ItemDataRole.UserRole)
        others = [t.name for t in self.proposals.topics if t.name != name]
        if not others:
            return
        into, ok = QInputDialog.getItem(self, "Merge topic", f"File “{name}” under:", others,
                                        0, False)
        if ok and self.proposals.merge(name, into):
            self.refresh()

    def _topic_edited(self, item: QListWidgetItem) -> None:
        name = item.data(Qt.ItemDataRole.UserRole)
        if item.checkState() != Qt.CheckState.Checked:
            self.proposals.untick(name)
        elif item.text().strip() != name:
            self.proposals.rename(name, item.text())
        else:
            return
        self.refresh()

    def _summary_edited(self, item: QTableWidgetItem) -> None:
        if item.column() != COL_SUMMARY or self.document is None:
            return
        statement = self.document["statements"][item.row()]
        self.proposals.statements[statement["id"]].summary = item.text().strip() or None

    def _row_of(self, statement_id: int) -> int:
        statements = (self.document or {}).get("statements") or []
        return next((r for r, s in enumerate(statements) if s["id"] == statement_id), -1)
