"""``parley``: every command of the command line, defined in this module.

``parley [STORE]`` opens the app; the commands below need no window. Each handler
imports what it needs when it runs: the window-less commands never import Qt, and
``export`` draws with Qt's offscreen platform. Every error is one line on stderr with
exit code 2 (exit 1 is ``validate``'s "problems found"); never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import sqlite3
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from db import errors
from db.pg.url import display, is_url
from viewer import __version__

EXIT_OK, EXIT_PROBLEMS, EXIT_ERROR = 0, 1, 2
#: The most timeline items ``synth`` writes (ten times the benchmarks' largest store).
MAX_SYNTH_ITEMS = 100_000_000
Handler = Callable[[argparse.Namespace], int]


# -- the window-less commands ------------------------------------------------------------


def cmd_validate(args: argparse.Namespace) -> int:
    from db.api import open_store
    from db.validate import validate

    store, name = open_store(args.store), display(args.store)
    problems = validate(store)
    if not problems:
        print(f"{name}: valid Parley store (schema version {store.meta['schema_version']})")
        return EXIT_OK
    for problem in problems:
        print(f"{name}: {problem}")
    print(f"{name}: {len(problems)} problem(s) found", file=sys.stderr)
    return EXIT_PROBLEMS


def cmd_stats(args: argparse.Namespace) -> int:
    from db.api import open_store

    stats = open_store(args.store).stats()
    if args.json:
        counts = {"title": stats.title, **stats.counts, "first": stats.first, "last": stats.last}
        print(json.dumps(counts))
        return EXIT_OK
    print(stats.title)
    for table, count in stats.counts.items():
        print(f"  {table:<11}{count:>10,}")
    if stats.first:
        print(f"  from {stats.first} to {stats.last}")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from db.embedindex import refresh
    from db.formats import import_files
    from db.pg import write_into

    report = write_into(args.into, lambda store: import_files(args.files, store))
    refresh(args.into)  # a store that keeps its time index keeps it current
    print(f"{display(args.into)}: {report}")
    return EXIT_OK


def cmd_dump(args: argparse.Namespace) -> int:
    from db.api import open_store
    from db.formats import dump_text

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
    from db.pg import write_into
    from extractor.articles import import_article_file

    code = EXIT_OK
    for name in args.files:
        try:
            found = write_into(args.into, lambda store, name=name: import_article_file(
                name, store, args.published, outlet=args.outlet, url=args.url, title=args.title
            ))
            print(f"{name}: {found}")
        except errors.ParleyError as error:
            print(f"parley: {error}", file=sys.stderr)
            code = EXIT_ERROR
    return code


def cmd_reversals(args: argparse.Namespace) -> int:
    """List an actor's stance turning on a topic; --apply writes them as ``contradicts``."""
    from db.api import open_store
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


def cmd_optimize(args: argparse.Namespace) -> int:
    """Keep the store's time index in it: its first open then reads no rows."""
    from db.embedindex import optimize

    items, kept = optimize(args.store)
    if not kept:
        print(f"{args.store}: some rows cannot be read (parley validate lists them); "
              "no index kept", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"{args.store}: index of {items:,} timeline items kept in the store")
    return EXIT_OK


def cmd_synth(args: argparse.Namespace) -> int:
    from db.synth import write_synthetic

    output = Path(args.output)
    if output.exists():
        raise errors.ParleyError(output, "already exists; synth writes a new store")
    try:
        counts = write_synthetic(output, args.events, seed=args.seed)
    except (OSError, sqlite3.Error) as error:  # synth publishes whole stores only: no cleanup
        raise errors.ParleyError(output, f"cannot be written ({_reason(error)})") from None
    print(f"{output}: " + ", ".join(f"{n:,} {table}" for table, n in counts.items()))
    return EXIT_OK


def cmd_copy(args: argparse.Namespace) -> int:
    """push STORE URL / pull URL STORE: a whole record from one kind of store to the other."""
    from db.pg.copy import pull, push

    if not is_url(args.url):
        raise errors.ParleyError(args.url, "is not a postgresql:// URL")
    if args.command == "push":
        counts, target = push(args.store, args.url), display(args.url)
    else:
        counts, target = pull(args.url, args.store), args.store
    copied = ", ".join(f"{n:,} {table}" for table, n in counts.items() if n)
    print(f"{target}: {args.command}ed {copied}")
    return EXIT_OK


def cmd_upgrade(args: argparse.Namespace) -> int:
    """upgrade URL: a team store an older Parley wrote, to this Parley's tables."""
    from db.pg.upgrade import upgrade

    if not is_url(args.url):
        raise errors.ParleyError(args.url, "is not a postgresql:// URL")
    print(f"{display(args.url)}: {upgrade(args.url)}")
    return EXIT_OK


def cmd_where(args: argparse.Namespace) -> int:
    from db.default_store import default_store_path, log_file

    print(f"default store: {default_store_path()}")
    print(f"logs:          {log_file()}")
    return EXIT_OK


# -- the commands that belong to the app -----------------------------------------------------


def cmd_export(args: argparse.Namespace) -> int:
    # One render and out: its imports make some 100,000 objects and no cyclic garbage,
    # so the cycle collector would only walk them (about 30 ms of the command).
    gc.disable()
    try:
        from viewer.export.headless import export_store

        start = _seconds(args.start, "--from", end=False)
        end = _seconds(args.end, "--to", end=True)
        if start is not None and end is not None and end <= start:
            raise errors.ParleyError("--to", f"{args.end} is before --from {args.start}")
        print(export_store(args.store, Path(args.output), start, end, width=args.width,
                           title=args.title, theme_name=args.theme))
    finally:
        gc.enable()
    return EXIT_OK


def cmd_install_desktop(args: argparse.Namespace) -> int:
    from viewer.desktop import install_desktop

    for path in install_desktop():
        print(f"installed {path}")
    return EXIT_OK


def cmd_uninstall_desktop(args: argparse.Namespace) -> int:
    from viewer.desktop import uninstall_desktop

    for path in uninstall_desktop():
        print(f"removed {path}")
    return EXIT_OK


def _date(text: str, option: str):
    from db.dates import DateError, parse_date

    try:
        return parse_date(text)
    except DateError as error:
        raise errors.ParleyError(option, str(error)) from None


def _seconds(text: str | None, option: str, end: bool) -> float | None:
    """The first second of a date given on the command line (its end, for ``end``)."""
    if text is None:
        return None
    first, after = _date(text, option).span_seconds()
    return float(after if end else first)


def _reason(error: Exception) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return " ".join(str(error).split()) or type(error).__name__


# -- the parser ----------------------------------------------------------------------------


def whole_number(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: a whole number from ``low`` to ``high``."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{value} is out of range ({low:,} to {high:,})")
        return value

    parse.__name__ = "number"
    return parse


def one_line_errors(parser: argparse.ArgumentParser) -> None:
    """A usage mistake is one line on stderr with exit code 2, like every other error."""

    def error(message: str) -> NoReturn:
        parser.exit(EXIT_ERROR, f"{parser.prog}: {message} (see {parser.prog} --help)\n")

    parser.error = error  # type: ignore[method-assign]


_INTO_HELP = "the store file, or team store's postgresql:// URL, to write"
_URL_HELP = "a team store: postgresql://user@host:port/database (password: PGPASSWORD)"

#: name → (handler, help, example, options); each option is (flags, keyword arguments).
COMMANDS: dict[str, tuple[Handler, str, str, list[tuple[tuple[str, ...], dict]]]] = {
    "validate": (
        cmd_validate,
        "check a store against the contract (exit 0 valid, 1 problems found, 2 cannot open)",
        "parley validate talks.parley",
        [(("store",), {"help": "the store file (or postgresql:// URL) to check"})],
    ),
    "stats": (
        cmd_stats,
        "counts of each table and the time a store covers",
        "parley stats talks.parley --json",
        [
            (("store",), {"help": "the store file, or a team store's postgresql:// URL"}),
            (("--json",), {"action": "store_true", "help": "print one JSON object"}),
        ],
    ),
    "import": (
        cmd_import,
        "import JSON or CSV files (docs/format.md) into a store, created if missing; "
        "importing the same input twice adds nothing",
        "parley import talks.json --into talks.parley",
        [
            (("files",), {"nargs": "+", "metavar": "FILE", "help": "JSON documents or CSV files"}),
            (("--into",), {"required": True, "metavar": "STORE", "help": _INTO_HELP}),
        ],
    ),
    "dump": (
        cmd_dump,
        "write a whole store as JSON (the format import reads)",
        "parley dump talks.parley -o talks.json",
        [
            (("store",), {"help": "the store file, or a team store's postgresql:// URL"}),
            (("-o", "--output"), {"metavar": "FILE", "help": "write to FILE (default: stdout)"}),
        ],
    ),
    "import-article": (
        cmd_import_article,
        "extract events, statements and the response links they state from news articles "
        "(UTF-8 text) into a store, one transaction and one summary line per file",
        "parley import-article talks.txt more.txt --into talks.parley --published 2022-03-29",
        [
            (("files",), {"nargs": "+", "metavar": "FILE", "help": "articles as UTF-8 text"}),
            (("--into",), {"required": True, "metavar": "STORE", "help": _INTO_HELP}),
            (
                ("--published",),
                {"metavar": "DATE", "help": "their date, e.g. 2022-03-29, for articles whose "
                 "text gives none (a dateline or date line is read)"},
            ),
            (("--outlet",), {"metavar": "NAME", "help": "who published it, e.g. Reuters"}),
            (("--url",), {"metavar": "URL", "help": "where it was published"}),
            (("--title",), {"metavar": "TEXT", "help": "its headline"}),
        ],
    ),
    "reversals": (
        cmd_reversals,
        "propose 'contradicts' links where an actor's stance on a topic turns for <-> "
        "against; --apply writes them (into a store of your own: the built-in default "
        "store is never written)",
        "parley reversals my-talks.parley --apply",
        [
            (("store",), {"help": "the store file"}),
            (("--apply",), {"action": "store_true", "help": "write the proposed links"}),
        ],
    ),
    "optimize": (
        cmd_optimize,
        "keep the time index inside the store, so that it opens at once the first time "
        "(on any machine); any later write by another program makes Parley ignore it",
        "parley optimize big.sqlite",
        [(("store",), {"help": "the store file (written)"})],
    ),
    "synth": (
        cmd_synth,
        "write a new synthetic store for benchmarks",
        "parley synth big.parley --events 1000000 --seed 7",
        [
            (("output",), {"metavar": "OUT", "help": "the new store file (must not exist)"}),
            (
                ("--events",),
                {
                    "type": whole_number(0, MAX_SYNTH_ITEMS),
                    "required": True,
                    "metavar": "N",
                    "help": "how many timeline items, half events and half statements",
                },
            ),
            (
                ("--seed",),
                {
                    "type": whole_number(0, 2**63 - 1),
                    "default": 1,
                    "metavar": "S",
                    "help": "the random seed: the same seed writes the same store (default 1)",
                },
            ),
        ],
    ),
    "export": (
        cmd_export,
        "render the timeline to PNG, SVG or PDF with no display, through the window's "
        "own painting code",
        "parley export talks.parley talks.png --from 2022-03 --to 2022-04 --width 1600",
        [
            (("store",), {"help": "the store file, or a team store's postgresql:// URL"}),
            (("output",), {"metavar": "OUT", "help": "OUT.png, OUT.svg or OUT.pdf"}),
            (("--from",), {"dest": "start", "metavar": "DATE", "help": "first date shown"}),
            (("--to",), {"dest": "end", "metavar": "DATE", "help": "last date shown"}),
            (
                ("--width",),
                {
                    "type": whole_number(1, 1_000_000),
                    "default": 2400,
                    "metavar": "PX",
                    "help": "width in pixels (default 2400)",
                },
            ),
            (("--title",), {"metavar": "TEXT", "help": "a title above the timeline"}),
            (
                ("--theme",),
                {
                    "choices": ("light", "print", "dark"),
                    "default": "light",
                    "help": "colours (default light)",
                },
            ),
        ],
    ),
    "push": (
        cmd_copy,
        "copy a whole store file into an empty team store (PostgreSQL)",
        "parley push talks.parley postgresql://me@dbhost/newsroom",
        [
            (("store",), {"metavar": "STORE", "help": "the store file to copy"}),
            (("url",), {"metavar": "URL", "help": _URL_HELP}),
        ],
    ),
    "pull": (
        cmd_copy,
        "copy a whole team store (PostgreSQL) into a new store file",
        "parley pull postgresql://me@dbhost/newsroom copy.parley",
        [
            (("url",), {"metavar": "URL", "help": _URL_HELP}),
            (("store",), {"metavar": "STORE", "help": "the new store file (must not exist)"}),
        ],
    ),
    "upgrade": (
        cmd_upgrade,
        "upgrade a team store (PostgreSQL) an older Parley wrote to this Parley's tables",
        "parley upgrade postgresql://me@dbhost/newsroom",
        [(("url",), {"metavar": "URL", "help": _URL_HELP})],
    ),
    "where": (
        cmd_where,
        "print where the default store and the logs live",
        "parley where",
        [],
    ),
    "install-desktop": (
        cmd_install_desktop,
        "register the app, its icon and its file type for this user",
        "parley install-desktop",
        [],
    ),
    "uninstall-desktop": (
        cmd_uninstall_desktop,
        "remove what install-desktop added",
        "parley uninstall-desktop",
        [],
    ),
}


class _TopParser(argparse.ArgumentParser):
    """The parser of ``parley``: its epilog names the default store, found only when the
    help is shown (not on every command's start)."""

    def format_help(self) -> str:
        from db.default_store import default_store_path

        self.epilog = (
            "With no STORE, the app opens the default store (built from the shipped seed "
            f"article):\n  {default_store_path()}\nparley where prints it, and where the "
            "logs are.\nexample: parley talks.parley"
        )
        return super().format_help()


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command (of the command ``only``, when given: a command's
    start then skips making the other commands' parsers)."""
    parser = _TopParser(
        prog="parley",
        description="Parley: a timeline of who said what, and when.\n"
        "`parley [STORE]` opens the app on STORE; the commands below need no window.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    one_line_errors(parser)
    parser.add_argument("--version", action="version", version=f"parley {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND",
                                parser_class=argparse.ArgumentParser)
    for name, (handler, text, example, options) in COMMANDS.items():
        if only is not None and name != only:
            continue
        command = sub.add_parser(name, help=text, description=text, epilog=f"example: {example}")
        one_line_errors(command)
        for flags, keywords in options:
            command.add_argument(*flags, **keywords)
        command.set_defaults(handler=handler)
    return parser


def run(handler: Handler, args: argparse.Namespace) -> int:
    """Call a handler: every failure is one line on stderr and exit code 2."""
    try:
        return handler(args)
    except errors.ParleyError as error:
        message = str(error)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except (OSError, sqlite3.Error, ValueError, MemoryError) as error:
        where = getattr(error, "filename", None)
        message = f"{where}: {_reason(error)}" if where else _reason(error)
    except Exception as error:  # a bug: still one line, never a traceback
        message = f"unexpected error ({type(error).__name__}: {_reason(error)})"
    print(f"parley: {' '.join(message.split())}", file=sys.stderr)
    return EXIT_ERROR


def _leave(code: int) -> NoReturn:
    """End the process at once: after an export nothing is left to write (the file is
    closed), and tearing down Python's modules and Qt would take some 40 ms more."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe: nothing to say
            stream.flush()
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``parley`` command (``argv``: None for this process's own
    arguments, when it is the command: an export then ends the process itself)."""
    # numpy's OpenBLAS starts a thread per core at import; Parley does no linear algebra.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    own_process, argv = argv is None, list(sys.argv[1:] if argv is None else argv)
    if argv and (argv[0] in COMMANDS or argv[0] in ("-h", "--help", "--version")):
        args = build_parser(argv[0] if argv[0] in COMMANDS else None).parse_args(argv)
        if args.command is None:
            build_parser().print_help()
            return EXIT_OK
        code = run(args.handler, args)
        if own_process and args.command == "export":
            _leave(code)
        return code
    first = argv[0] if argv else ""
    if first and not first.startswith("-") and not Path(first).exists() and not (
        {"/", "\\", "."} & set(first)
    ):
        print(f"parley: unknown command {first!r} (see parley --help); "
              "to open a store, give its file name", file=sys.stderr)
        return EXIT_ERROR
    app_parser = argparse.ArgumentParser(prog="parley")
    app_parser.add_argument("store", nargs="?", help="a Parley store (default: the seed store)")
    args, qt_args = app_parser.parse_known_args(argv)
    from viewer.app import run_app

    return run_app(args.store, qt_args)


if __name__ == "__main__":
    sys.exit(main())
