"""Errors that carry the file and the reason, so every message can be one clear line."""

from __future__ import annotations

from pathlib import Path


class ParleyError(Exception):
    """Base of Parley's errors: ``str(error)`` is ``"<file>: <reason>"``."""

    def __init__(self, path: str | Path | None, reason: str) -> None:
        self.path = str(path) if path is not None else None
        self.reason = reason
        super().__init__(f"{self.path}: {reason}" if self.path else reason)


class StoreError(ParleyError):
    """A store that cannot be opened or read."""


class NoSuchFile(StoreError):
    """The path does not exist."""


class IsAFolder(StoreError):
    """The path is a folder, not a file."""


class NotReadable(StoreError):
    """The file exists but cannot be read (permissions)."""


class NotSQLite(StoreError):
    """The file is not an SQLite database (empty, truncated or another format)."""


class NotAStore(StoreError):
    """An SQLite database that is not a Parley store."""


class MissingColumns(StoreError):
    """Required tables or columns of the contract are missing."""


class SchemaTooNew(StoreError):
    """The store's schema version is newer than this Parley knows."""


class StoreLocked(StoreError):
    """Another program holds a write lock for longer than Parley waits."""


class StoreGone(StoreError):
    """The file was deleted, moved or damaged while open."""


class ImportProblem(ParleyError):
    """Input that cannot be imported; names the file, line, record and field."""

    def __init__(
        self, path: str | Path | None, reason: str, line: int | None = None, field: str = ""
    ) -> None:
        where = f"{path or '<input>'}" + (f":{line}" if line else "")
        super().__init__(where, f"{field}: {reason}" if field else reason)
        self.path = str(path) if path is not None else None
        self.line = line
        self.field = field


class UnknownStatement(ImportProblem):
    """A document names a statement by id that the store it is imported into lacks."""
