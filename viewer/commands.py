"""The commands that belong to the app: export (offscreen Qt) and desktop integration."""

from __future__ import annotations

import argparse
from collections.abc import Callable


def cmd_export(args: argparse.Namespace) -> int:
    from viewer.export.command import export_command

    return export_command(args)


def cmd_install_desktop(args: argparse.Namespace) -> int:
    from viewer.desktop import install_desktop

    for path in install_desktop():
        print(f"installed {path}")
    return 0


def cmd_uninstall_desktop(args: argparse.Namespace) -> int:
    from viewer.desktop import uninstall_desktop

    for path in uninstall_desktop():
        print(f"removed {path}")
    return 0


def add_app_commands(
    sub: argparse._SubParsersAction,
) -> dict[str, Callable[[argparse.Namespace], int]]:
    """Add export and desktop commands to ``sub``; return name → handler."""
    p = sub.add_parser(
        "export",
        help="render the timeline to PNG, SVG or PDF with no display",
        description="Draws exactly what the window draws, through the same painting code.",
    )
    p.add_argument("store")
    p.add_argument("output", metavar="OUT", help="OUT.png, OUT.svg or OUT.pdf")
    p.add_argument("--from", dest="start", metavar="DATE", help="first date shown")
    p.add_argument("--to", dest="end", metavar="DATE", help="last date shown")
    p.add_argument("--width", type=int, default=2400, metavar="PX", help="width in pixels")
    p.add_argument("--title", metavar="TEXT", help="a title above the timeline")
    p.add_argument("--theme", choices=("light", "print", "dark"), default="light")
    sub.add_parser("install-desktop", help="register the app, its icon and file type for this user")
    sub.add_parser("uninstall-desktop", help="remove what install-desktop added")
    return {
        "export": cmd_export,
        "install-desktop": cmd_install_desktop,
        "uninstall-desktop": cmd_uninstall_desktop,
    }
