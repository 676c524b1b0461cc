"""The commands that need no window: validate, stats, import, dump, import-article, synth.

Each handler opens the store and calls one library function. Errors are one line on
stderr with exit code 2 (see :func:`run`).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

from db import errors
from db.api import open_store
from db.dates import DateError, parse_date
from db.formats import dump_text, import_files
from db.importer import import_document
from db.validate import validate

EXIT_OK, EXIT_PROBLEMS, EXIT_ERROR = 0, 1, 2


def cmd_validate(args: argparse.Namespace) -> int:
    store = open_store(args.store)
    problems = validate(store)
    if not problems:
        print(f"{args.store}: valid Parley store (schema version {store.meta['schema_version']})")
        return EXIT_OK
    for problem in problems:
        print(f"{args.store}: {problem}")
    print(f"{args.store}: {len(problems)} problem(s) found", file=sys.stderr)
    return EXIT_PROBLEMS


def cmd_stats(args: argparse.Namespace) -> int:
    stats = open_store(args.store).stats()
    if args.json:
        print(
            json.dumps(
                {"title": stats.title, **stats.counts, "first": stats.first, "last": stats.last}
            )
        )
        return EXIT_OK
    print(stats.title)
    for table, count in stats.counts.items():
        print(f"  {table:<11}{count:>10,}")
    if stats.first:
        print(f"  from {stats.first} to {stats.last}")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    report = import_files(args.files, args.into)
    print(f"{args.into}: {report}")
    return EXIT_OK


def cmd_dump(args: argparse.Namespace) -> int:
    text = dump_text(open_store(args.store))
    if args.output and args.output != "-":
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as error:
            raise errors.ParleyError(args.output, f"cannot be written ({error.strerror})") from None
    else:
        sys.stdout.write(text)
    return EXIT_OK


def cmd_import_article(args: argparse.Namespace) -> int:
    from extractor import extract

    path = Path(args.file)
    if not path.is_file():
        raise errors.NoSuchFile(path, "no such file" if not path.exists() else "is not a file")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise errors.ImportProblem(path, "is not UTF-8 text") from None
    try:
        published = parse_date(args.published)
    except DateError as error:
        raise errors.ParleyError("--published", str(error)) from None
    known = _known_actors(args.into)
    document = extract(
        text,
        published.text,
        outlet=args.outlet,
        url=args.url,
        title=args.title,
        known_actors=known,
    )
    report = import_document(args.into, document, str(path))
    found = len(document.get("statements", [])), len(document.get("events", []))
    print(f"{args.into}: found {found[0]} statements and {found[1]} events; {report}")
    return EXIT_OK


def _known_actors(store_path: str) -> list[dict]:
    if not Path(store_path).exists():
        return []
    store = open_store(store_path)
    return [
        {
            "name": a.name,
            "aliases": list(a.aliases),
            "kind": a.kind,
            "parent": store.actor(a.parent_id).name
            if a.parent_id and store.actor(a.parent_id)
            else None,
        }
        for a in store.actors()
    ]


def cmd_synth(args: argparse.Namespace) -> int:
    from db.synth import write_synthetic

    if Path(args.output).exists():
        raise errors.ParleyError(args.output, "already exists; synth writes a new store")
    counts = write_synthetic(args.output, args.events, seed=args.seed)
    print(f"{args.output}: " + ", ".join(f"{n:,} {table}" for table, n in counts.items()))
    return EXIT_OK


def one_line_errors(parser: argparse.ArgumentParser) -> None:
    """A usage mistake is one line on stderr with exit code 2, like every other error."""

    def error(message: str) -> NoReturn:
        parser.exit(EXIT_ERROR, f"{parser.prog}: {message} (see {parser.prog} --help)\n")

    parser.error = error  # type: ignore[method-assign]


def add_commands(sub: argparse._SubParsersAction) -> dict[str, Callable[[argparse.Namespace], int]]:
    """Add the window-less commands to ``sub``; return name → handler."""
    p = sub.add_parser(
        "validate",
        help="check a store against the contract",
        description="Exit 0 valid, 1 problems found (each listed), 2 cannot be opened.",
    )
    p.add_argument("store")
    p = sub.add_parser("stats", help="counts and time extent of a store")
    p.add_argument("store")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p = sub.add_parser(
        "import",
        help="import JSON or CSV files into a store (created if missing)",
        description="Import JSON documents or CSV files (docs/format.md) in one "
        "transaction each; importing the same input twice adds nothing.",
    )
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--into", required=True, metavar="STORE")
    p = sub.add_parser("dump", help="write a whole store as JSON (the format import reads)")
    p.add_argument("store")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    p = sub.add_parser("import-article", help="extract events and statements from a news article")
    p.add_argument("file")
    p.add_argument("--into", required=True, metavar="STORE")
    p.add_argument("--published", required=True, metavar="DATE", help="the article's date")
    p.add_argument("--outlet")
    p.add_argument("--url")
    p.add_argument("--title")
    p = sub.add_parser("synth", help="write a synthetic store for benchmarks")
    p.add_argument("output", metavar="OUT")
    p.add_argument("--events", type=int, required=True, metavar="N")
    p.add_argument("--seed", type=int, default=1, metavar="S")
    for name in ("validate", "stats", "import", "dump", "import-article", "synth"):
        one_line_errors(sub.choices[name])
    return {
        "validate": cmd_validate,
        "stats": cmd_stats,
        "import": cmd_import,
        "dump": cmd_dump,
        "import-article": cmd_import_article,
        "synth": cmd_synth,
    }


def run(handler: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """Call a handler; Parley's errors become one line on stderr and exit code 2."""
    try:
        return handler(args)
    except errors.ParleyError as error:
        print(f"parley: {error}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
