"""``parley``: the app when called with a store (or nothing), else a command.

Window-less commands never import Qt widgets; ``export`` uses Qt's offscreen platform.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from viewer import __version__

APP_COMMANDS = ("export", "install-desktop", "uninstall-desktop")


def _parser() -> tuple[argparse.ArgumentParser, dict]:
    from db.cli import add_commands, one_line_errors

    parser = argparse.ArgumentParser(
        prog="parley",
        description="Parley: a timeline of who said what, and when. "
        "`parley [STORE]` opens the app; the commands below need no window.",
    )
    one_line_errors(parser)
    parser.add_argument("--version", action="version", version=f"parley {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    handlers = add_commands(sub)
    from viewer.commands import add_app_commands

    app_handlers = add_app_commands(sub)
    for name in app_handlers:
        one_line_errors(sub.choices[name])
    handlers.update(app_handlers)
    return parser, handlers


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``parley`` command."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser, handlers = _parser()
    if argv and (argv[0] in handlers or argv[0] in ("-h", "--help", "--version")):
        args = parser.parse_args(argv)
        if args.command is None:
            parser.print_help()
            return 0
        from db.cli import run

        return run(handlers[args.command], args)
    first = argv[0] if argv else ""
    if first and not first.startswith("-") and not Path(first).exists() and not (
        {"/", "\\", "."} & set(first)
    ):
        print(f"parley: unknown command {first!r} (see parley --help); "
              "to open a store, give its file name", file=sys.stderr)
        return 2
    app_parser = argparse.ArgumentParser(prog="parley", parents=[], add_help=True)
    app_parser.add_argument("store", nargs="?", help="a Parley store (default: the seed store)")
    args, qt_args = app_parser.parse_known_args(argv)
    from viewer.app import run_app

    return run_app(args.store, qt_args)


if __name__ == "__main__":
    sys.exit(main())
