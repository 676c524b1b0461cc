"""The commands that need no window: validate, stats, import, dump, import-article, synth,
reversals.

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
from db.formats import dump_text, import_files
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
    """Each file in its own transaction, with a summary line; the date from the text or
    from --published, never from the clock."""
    from extractor.articles import import_article_file

    code = EXIT_OK
    for name in args.files:
        try:
            found = import_article_file(name, args.into, args.published, outlet=args.outlet,
                                        url=args.url, title=args.title)
            print(f"{name}: {found}")
        except errors.ParleyError as error:
            print(f"parley: {error}", file=sys.stderr)
            code = EXIT_ERROR
    return code


def cmd_synth(args: argparse.Namespace) -> int:
    from db.synth import write_synthetic

    if Path(args.output).exists():
        raise errors.ParleyError(args.output, "already exists; synth writes a new store")
    counts = write_synthetic(args.output, args.events, seed=args.seed)
    print(f"{args.output}: " + ", ".join(f"{n:,} {table}" for table, n in counts.items()))
    return EXIT_OK


def cmd_reversals(args: argparse.Namespace) -> int:
    """List an actor's stance turning on a topic; --apply writes them as ``contradicts``."""
    from db.relate import add_relations, reversal_links, store_reversals

    store = open_store(args.store)
    found = store_reversals(store)
    for reversal in found:
        actor = store.actor(reversal.later.actor_id)
        topic = store.topic(reversal.later.topic_id)
        print(f"{reversal.later.id} contradicts {reversal.earlier.id}: "
              f"{actor.name if actor else '?'} on {topic.name if topic else '?'}, {reversal.note}")
    if not args.apply:
        print(f"{args.store}: {len(found)} reversal(s) proposed"
              + (" (--apply writes them)" if found else ""))
        return EXIT_OK
    store.close()
    added = add_relations(args.store, reversal_links(found), "parley reversals")
    print(f"{args.store}: added {added} contradicts relation(s)")
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
    p = sub.add_parser(
        "import-article",
        help="extract events and statements from news articles",
        description="Each article in its own transaction, one summary line per file. The "
        "publication date is read from the article's dateline or date line; give "
        "--published when the text has none.",
    )
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--into", required=True, metavar="STORE")
    p.add_argument("--published", metavar="DATE",
                   help="the articles' date (required when a text gives none)")
    p.add_argument("--outlet")
    p.add_argument("--url")
    p.add_argument("--title")
    p = sub.add_parser("synth", help="write a synthetic store for benchmarks")
    p.add_argument("output", metavar="OUT")
    p.add_argument("--events", type=int, required=True, metavar="N")
    p.add_argument("--seed", type=int, default=1, metavar="S")
    p = sub.add_parser(
        "reversals",
        help="propose 'contradicts' links where an actor's stance on a topic turns",
        description="Lists each statement whose stance on a topic turns for <-> against "
        "from the same actor's previous one. --apply writes them into the store (one of "
        "your own: the built-in default store is never written). "
        "Example: parley reversals my-talks.parley --apply",
    )
    p.add_argument("store")
    p.add_argument("--apply", action="store_true", help="write the proposed links")
    for name in ("validate", "stats", "import", "dump", "import-article", "synth", "reversals"):
        one_line_errors(sub.choices[name])
    return {
        "validate": cmd_validate,
        "stats": cmd_stats,
        "import": cmd_import,
        "dump": cmd_dump,
        "import-article": cmd_import_article,
        "synth": cmd_synth,
        "reversals": cmd_reversals,
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
