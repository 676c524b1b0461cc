"""Curation: explicit edits of a store's topics, stances, summaries, speakers and sides.

Each edit is one transaction on its own connection (the viewer's stays read-only) and
returns its inverse, an :class:`Edit` that :func:`apply_edit` runs to undo it (and whose
own inverse redoes it). An edit is a list of row operations — set columns of a row,
insert a row, delete a row — on the tables a person curates: statements, topics and
actors. The built-in default store is never written (:class:`DefaultStoreError`): the
viewer first offers to make a store of the user's own.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from db.default_store import is_default_store
from db.errors import ParleyError
from db.schema import STANCES

#: The columns an edit may change, per table.
_EDITABLE = {
    "statements": ("topic_id", "stance", "summary", "actor_id"),
    "topics": ("id", "name", "description"),
    "actors": ("parent_id",),
}


class CurateError(ParleyError):
    """An edit that cannot be made (the reason says why); nothing was written."""


class DefaultStoreError(CurateError):
    """The built-in default store is never written."""


@dataclass(frozen=True)
class Op:
    """One row operation: ``set`` columns of a row, ``insert`` a row, or ``delete`` it."""

    action: str
    table: str
    rid: int
    values: tuple[tuple[str, object], ...] = ()


@dataclass(frozen=True)
class Edit:
    """Row operations applied in order in one transaction, and what they do in words."""

    text: str
    ops: tuple[Op, ...]


def apply_edit(path: str | Path, edit: Edit) -> Edit:
    """Apply ``edit`` to the store at ``path`` in one transaction; return its inverse."""
    if is_default_store(path):
        raise DefaultStoreError(path, "the built-in default store is never changed; "
                                      "make a store of your own to edit")
    conn = sqlite3.connect(str(path), isolation_level=None, timeout=5)
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("BEGIN IMMEDIATE")
        try:
            inverse = [_apply(conn, op) for op in edit.ops]
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    except sqlite3.Error as error:
        raise CurateError(path, f"{edit.text}: {error}") from None
    finally:
        conn.close()
    return Edit(f"undo {edit.text}" if not edit.text.startswith("undo ")
                else edit.text.removeprefix("undo "), tuple(reversed(inverse)))


def _apply(conn: sqlite3.Connection, op: Op) -> Op:
    if op.table not in _EDITABLE:
        raise CurateError(None, f"{op.table} cannot be edited")
    columns = [c for c, _v in op.values]
    if any(c not in _EDITABLE[op.table] for c in columns):
        raise CurateError(None, f"{op.table}: only {', '.join(_EDITABLE[op.table])} change")
    if op.action == "insert":
        names = ", ".join(columns)
        marks = ", ".join("?" for _c in columns)
        conn.execute(f"INSERT INTO {op.table}({names}) VALUES ({marks})",
                     [v for _c, v in op.values])
        return Op("delete", op.table, op.rid)
    old = _row(conn, op.table, op.rid, _EDITABLE[op.table] if op.action == "delete" else columns)
    if op.action == "delete":
        conn.execute(f"DELETE FROM {op.table} WHERE id = ?", (op.rid,))
        return Op("insert", op.table, op.rid, old)
    assignments = ", ".join(f"{c} = ?" for c in columns)
    conn.execute(f"UPDATE {op.table} SET {assignments} WHERE id = ?",
                 [v for _c, v in op.values] + [op.rid])
    return Op("set", op.table, op.rid, old)


def _row(conn: sqlite3.Connection, table: str, rid: int, columns) -> tuple:
    present = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
    wanted = [c for c in columns if c in present]
    row = conn.execute(f"SELECT {', '.join(wanted)} FROM {table} WHERE id = ?",
                       (rid,)).fetchone() if wanted else None
    if row is None:
        raise CurateError(None, f"{table} {rid} is not in the store")
    return tuple(zip(wanted, row, strict=True))


# -- the edits a person makes ---------------------------------------------------------


def set_statement(statement_id: int, **values: object) -> Edit:
    """Set a statement's ``topic_id``, ``stance``, ``summary`` or ``actor_id``."""
    if "stance" in values and values["stance"] not in (None, *STANCES):
        raise CurateError(None, f"stance {values['stance']!r} is not one of {', '.join(STANCES)}")
    if "summary" in values:
        values["summary"] = " ".join(str(values["summary"] or "").split()) or None
    names = {"topic_id": "topic", "stance": "stance", "summary": "summary", "actor_id": "speaker"}
    what = ", ".join(names.get(k, k) for k in values)
    return Edit(f"set the {what} of statement {statement_id}",
                (Op("set", "statements", statement_id, tuple(values.items())),))


def new_topic(path: str | Path, name: str, description: str | None = None) -> tuple[int, Edit]:
    """An id for a new topic and the edit that adds it (a name must not be taken)."""
    name = _topic_name(path, name)
    conn = sqlite3.connect(f"file:{Path(path)}?mode=ro", uri=True)
    try:
        rid = int(conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM topics").fetchone()[0])
    finally:
        conn.close()
    return rid, Edit(f"add the topic {name!r}", (
        Op("insert", "topics", rid, (("id", rid), ("name", name), ("description", description))),))


def rename_topic(path: str | Path, topic_id: int, name: str) -> Edit:
    """Give a topic another name (not one another topic has: merge those instead)."""
    name = _topic_name(path, name, topic_id)
    return Edit(f"rename the topic to {name!r}",
                (Op("set", "topics", topic_id, (("name", name),)),))


def describe_topic(topic_id: int, description: str | None) -> Edit:
    """Set (or clear, with an empty text) a topic's description."""
    text = " ".join((description or "").split()) or None
    return Edit("describe the topic", (Op("set", "topics", topic_id, (("description", text),)),))


def merge_topics(path: str | Path, topic_id: int, into_id: int) -> Edit:
    """File every statement of ``topic_id`` under ``into_id`` and remove ``topic_id``."""
    if topic_id == into_id:
        raise CurateError(path, "a topic cannot be merged into itself")
    conn = sqlite3.connect(f"file:{Path(path)}?mode=ro", uri=True)
    try:
        ids = [r[0] for r in conn.execute(
            "SELECT id FROM statements WHERE topic_id = ? ORDER BY id", (topic_id,))]
        found = conn.execute("SELECT COUNT(*) FROM topics WHERE id IN (?, ?)",
                             (topic_id, into_id)).fetchone()[0]
    finally:
        conn.close()
    if found != 2:
        raise CurateError(path, "both topics must be in the store to merge them")
    ops = [Op("set", "statements", sid, (("topic_id", into_id),)) for sid in ids]
    return Edit(f"merge {len(ids)} statements into another topic",
                (*ops, Op("delete", "topics", topic_id)))


def move_actor(path: str | Path, actor_id: int, parent_id: int | None) -> Edit:
    """Put an actor under a side (or make it a side of its own with None)."""
    conn = sqlite3.connect(f"file:{Path(path)}?mode=ro", uri=True)
    try:
        above, seen = parent_id, set()
        while above is not None and above not in seen:
            if above == actor_id:
                raise CurateError(path, "an actor cannot speak for itself or for one of its own")
            seen.add(above)
            row = conn.execute("SELECT parent_id FROM actors WHERE id = ?", (above,)).fetchone()
            above = row[0] if row else None
    finally:
        conn.close()
    return Edit("move the actor under another side",
                (Op("set", "actors", actor_id, (("parent_id", parent_id),)),))


def _topic_name(path: str | Path, name: str, own_id: int | None = None) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise CurateError(path, "a topic needs a name")
    conn = sqlite3.connect(f"file:{Path(path)}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT id FROM topics WHERE lower(name) = lower(?)",
                           (name,)).fetchone()
    finally:
        conn.close()
    if row and row[0] != own_id:
        raise CurateError(path, f"a topic is already named {name!r}: merge into it instead")
    return name

