"""Importing article files into a store: each in its own transaction, dated by its text.

The one path the command line (``parley import-article``) and the app's batch import
share: read the file, take the publication date from the text (its dateline or date line)
or from the caller, extract against the store's actors, propose the response links the
text states (also to statements already stored), import.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from db import errors
from db.api import Store, open_store
from db.dates import DateError, parse_date
from db.importer import ImportReport, import_document
from db.timeindex import KIND_STATEMENT
from extractor import extract
from extractor.published import find_published
from extractor.relations import find_links

#: A link may answer a stored statement said up to this many days before the article.
LINK_DAYS = 14
LINK_LIMIT = 2000


@dataclass(frozen=True)
class ArticleImport:
    """What importing one article found and added."""

    path: Path
    published: str
    statements: int
    events: int
    report: ImportReport
    links: int = 0

    def __str__(self) -> str:
        return (f"published {self.published}; found {self.statements} statements, "
                f"{self.events} events and {self.links} response links; {self.report}")


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
    document["relations"] = proposed_links(text, document, store)
    report = import_document(store, with_positions(document, store), str(path))
    return ArticleImport(path, date, len(document.get("statements", [])),
                         len(document.get("events", [])), report, len(document["relations"]))


def proposed_links(text: str, document: dict, store: str | Path | Store | None) -> list[dict]:
    """The response links ``text`` states (:func:`extractor.relations.find_links`), also to
    statements already in ``store`` said up to :data:`LINK_DAYS` days before the article,
    as the document's ``relations`` records (a stored one as ``{"stored": id}``)."""
    stored: list[dict] = []
    actors: list[dict] = []
    if isinstance(store, Store):
        stored, actors = stored_before(store, document), store_actors(store)
    elif store is not None and Path(store).exists():
        with open_store(store) as opened:
            stored, actors = stored_before(opened, document), store_actors(opened)
    named = {a["name"] for a in document.get("actors", [])}
    # The store's actors too: an article names the answered side ("Estmark's offer").
    seen = {**document, "actors": document.get("actors", [])
            + [a for a in actors if a["name"] not in named]}
    return [
        {"from": link["from"],
         "to": {"stored": link["to"]["id"]} if isinstance(link["to"], dict) else link["to"],
         "kind": link["kind"], "note": link["note"]}
        for link in find_links(text, seen, stored)
    ]


def stored_before(store: Store, document: dict) -> list[dict]:
    """The store's statements said in the :data:`LINK_DAYS` days up to the article's
    date, as ``{"id", "actor", "said", "text"}`` (the most recent :data:`LINK_LIMIT`)."""
    published = (document.get("sources") or [{}])[0].get("published")
    if not published:
        return []
    end = parse_date(str(published)).span_seconds()[1]
    index = store.index
    rows = index.window(end - LINK_DAYS * 86400, end)
    rows = rows[index.kind[rows] == KIND_STATEMENT][-LINK_LIMIT:]
    names = {a.id: a.name for a in store.actors()}
    found = []
    for rid in dict.fromkeys(index.rid[rows].tolist()):
        statement = store.statement(rid)
        if statement is not None and statement.actor_id in names:
            found.append({"id": statement.id, "actor": names[statement.actor_id],
                          "said": statement.when.text, "text": statement.text})
    return found


def with_positions(document: dict, store: str | Path) -> dict:
    """The document with the topics, stances and summaries proposed for it (issue 20)."""
    from db import open_store
    from extractor.positions import apply, known_topics, propose

    known = known_topics(open_store(store)) if Path(store).exists() else []
    return apply(document, propose(document, known))


def known_actors(store_path: str | Path) -> list[dict]:
    """The store's actors as the extractor's ``known_actors`` ([] for a new store)."""
    if not Path(store_path).exists():
        return []
    with open_store(store_path) as store:
        return store_actors(store)


def store_actors(store: Store) -> list[dict]:
    """An open store's actors as the extractor's ``known_actors``."""
    names = {a.id: a.name for a in store.actors()}
    return [
        {"name": a.name, "aliases": list(a.aliases), "kind": a.kind,
         "parent": names.get(a.parent_id)}
        for a in store.actors()
    ]
