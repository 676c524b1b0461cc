"""Before Qt starts: can its X11 (xcb) platform plugin load on this system?

On a fresh Debian or Ubuntu desktop, Qt's xcb plugin lacks a few system libraries (most
often libxcb-cursor0); Qt then prints a long message and aborts with a core dump. Parley
looks first, with ``ldd`` on the plugin, and says in one line which libraries are missing
and the ``apt-get`` line that installs them. No Qt is imported here.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from importlib.util import find_spec
from pathlib import Path

PLUGIN = Path("platforms") / "libqxcb.so"
_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found", re.MULTILINE)
#: Debian packages whose names do not follow from the soname (see _package).
_PACKAGES = {"libglib-2.0.so.0": "libglib2.0-0"}


def _qt_dir() -> Path | None:
    spec = find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "Qt"


def xcb_plugin() -> Path | None:
    """The xcb plugin Qt would load: from ``QT_PLUGIN_PATH`` first, else PySide6's own."""
    qt = _qt_dir()
    folders = [Path(p) for p in os.environ.get("QT_PLUGIN_PATH", "").split(os.pathsep) if p]
    folders += [qt / "plugins"] if qt else []
    return next((folder / PLUGIN for folder in folders if (folder / PLUGIN).is_file()), None)


def missing_libraries(plugin: Path) -> list[str]:
    """The system libraries ``plugin`` needs that the dynamic loader cannot find (Qt's own
    libraries, which PySide6 ships and Qt finds itself, are left out)."""
    ldd = shutil.which("ldd")
    if ldd is None:
        return []
    try:
        done = subprocess.run(
            [ldd, str(plugin)], capture_output=True, text=True, timeout=20, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return []
    qt = _qt_dir()
    shipped = {p.name for p in (qt / "lib").iterdir()} if qt and (qt / "lib").is_dir() else set()
    names = dict.fromkeys(_NOT_FOUND.findall(done.stdout))
    return [n for n in names if n not in shipped and not n.startswith("libQt6")]


def _package(soname: str) -> str:
    """The Debian package of a library, by the policy's rule: libxcb-cursor.so.0 →
    libxcb-cursor0, libxkbcommon-x11.so.0 → libxkbcommon-x11-0."""
    if soname in _PACKAGES:
        return _PACKAGES[soname]
    name, _, version = soname.partition(".so.")
    name = name.lower()
    return f"{name}-{version}" if name[-1].isdigit() else f"{name}{version}"


def display_problem() -> str | None:
    """One line saying which system libraries Qt lacks to open a window, or None."""
    if not sys.platform.startswith("linux") or not os.environ.get("DISPLAY"):
        return None
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform and not platform.startswith("xcb"):
        return None
    if not platform and os.environ.get("WAYLAND_DISPLAY"):
        return None  # Qt uses its Wayland plugin there
    plugin = xcb_plugin()
    missing = missing_libraries(plugin) if plugin else []
    if not missing:
        return None
    packages = " ".join(_package(name) for name in missing)
    return (
        f"parley: Qt cannot open a window: this system lacks {', '.join(missing)}; "
        f"install with: sudo apt-get install {packages}"
    )
