"""Importing a document's ``appearances`` and ``relations`` sections (docs/format.md).

Both refer to statements and sources by the document's ids (or a stored statement's id
when the document has no such statement, or explicitly as ``{"stored": id}``, in CSV
``stored:ID``); each record
lands once, however often the document is imported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from db import errors, schema

if TYPE_CHECKING:
    from db.importer import _Writer


class LinkWriter:
    """Writes the two sections through one import's writer (its errors and references)."""

    def __init__(self, writer: _Writer) -> None:
        self.w = writer

    def _statement(self, record: dict, section: str, index: int, name: str) -> int:
        value = record.get(name)
        if value is None or value == "":
            self.w.fail(section, index, name, "is required")
        if isinstance(value, str) and value.startswith("stored:"):  # the same, in CSV
            value = {"stored": int(value[7:]) if value[7:].isdigit() else None}
        if isinstance(value, dict):  # {"stored": id}: a statement already in the store
            value = value.get("stored")
            if not isinstance(value, int) or isinstance(value, bool):
                self.w.fail(section, index, name, 'must be an id or {"stored": id}')
            row = self.w.db.execute("SELECT id FROM statements WHERE id = ?", (value,)).fetchone()
            if row is None:
                self.w.fail(section, index, name, f"no statement {value} in the store",
                            errors.UnknownStatement)
            return row[0]
        found = self.w.ref("statements", value)
        if found is None and isinstance(value, int) and not isinstance(value, bool):
            row = self.w.db.execute("SELECT id FROM statements WHERE id = ?", (value,)).fetchone()
            found = row[0] if row else None
        if found is None:
            self.w.fail(section, index, name, f"no statement {value!r} in the document or store",
                        errors.UnknownStatement)
        return found

    def _source(self, record: dict, section: str, index: int, required: bool) -> int | None:
        value = record.get("source")
        if value is None or value == "":
            if required:
                self.w.fail(section, index, "source", "is required")
            return None
        found = self.w.ref("sources", value)
        if found is None:
            self.w.fail(section, index, "source", f"no source {value!r} in the document")
        return found

    def appearance(self, record: dict, index: int) -> None:
        """One source's printing of a statement."""
        s = "appearances"
        statement_id = self._statement(record, s, index, "statement")
        source_id = self._source(record, s, index, required=True)
        wording = self.w.text(record, s, index, "wording")
        span = self.w.span(record, s, index)
        self.w.corroborator.appear(statement_id, source_id, wording, span)

    def relation(self, record: dict, index: int) -> None:
        """A link from one statement to another."""
        s = "relations"
        from_id = self._statement(record, s, index, "from")
        to_id = self._statement(record, s, index, "to")
        if from_id == to_id:
            self.w.fail(s, index, "to", "a statement cannot be linked to itself")
        kind = self.w.choice(record, s, index, "kind", schema.RELATION_KINDS)
        if kind is None:
            self.w.fail(s, index, "kind", "is required")
        note = self.w.text(record, s, index, "note")
        source_id = self._source(record, s, index, required=False)
        self.w.corroborator.link(from_id, to_id, kind, note, source_id)
