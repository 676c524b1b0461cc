"""Importing article files into a store: each in its own transaction, dated by its text.

The one path the command line (``parley import-article``) and the app's batch import
share: read the file, take the publication date from the text (its dateline or date line)
or from the caller, extract against the store's actors, import.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from db import errors
from db.api import open_store
from db.dates import DateError, parse_date
from db.importer import ImportReport, import_document
from extractor import extract
from extractor.published import find_published


@dataclass(frozen=True)
class ArticleImport:
    """What importing one article found and added."""

    path: Path
    published: str
    statements: int
    events: int
    report: ImportReport

    def __str__(self) -> str:
        return (f"published {self.published}; found {self.statements} statements and "
                f"{self.events} events; {self.report}")


def import_article_file(path: str | Path, store: str | Path, published: str | None = None,
                        **source: str | None) -> ArticleImport:
    """Import one article file into ``store``; ``published`` only where the text prints no
    date; ``source`` gives outlet, url, title. Raises ParleyError (one line) on bad input."""
    path = Path(path)
    if not path.is_file():
        raise errors.NoSuchFile(path, "no such file" if not path.exists() else "is not a file")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise errors.ImportProblem(path, "is not UTF-8 text") from None
    date = find_published(text) or published
    if date is None:
        raise errors.ImportProblem(path, "gives no publication date: add --published DATE")
    try:
        date = parse_date(date).text
    except DateError as error:
        raise errors.ParleyError("--published", str(error)) from None
    try:
        document = extract(text, date, known_actors=known_actors(store), **source)
    except ValueError as error:
        raise errors.ImportProblem(path, str(error)) from None
    report = import_document(store, document, str(path))
    return ArticleImport(path, date, len(document.get("statements", [])),
                         len(document.get("events", [])), report)


def known_actors(store_path: str | Path) -> list[dict]:
    """The store's actors as the extractor's ``known_actors`` ([] for a new store)."""
    if not Path(store_path).exists():
        return []
    store = open_store(store_path)
    try:
        names = {a.id: a.name for a in store.actors()}
        return [
            {"name": a.name, "aliases": list(a.aliases), "kind": a.kind,
             "parent": names.get(a.parent_id)}
            for a in store.actors()
        ]
    finally:
        store.close()
