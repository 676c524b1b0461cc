"""Register Parley with the desktop for this user: menu entry, icons, file type, metadata.

``parley install-desktop`` copies the shipped files from the ``resources`` package into the
user's XDG data folder (``$XDG_DATA_HOME``, default ``~/.local/share``):

- ``applications/io.github.parley.Parley.desktop``, whose ``Exec`` is the absolute path of
  the running ``parley`` launcher (or of the frozen bundle), so it works outside a venv;
- ``icons/hicolor/SIZE/{apps,mimetypes}/…`` (the app icon and the store file icon);
- ``mime/packages/io.github.parley.Parley.xml`` (``application/x-parley``, ``*.parley``);
- ``metainfo/io.github.parley.Parley.metainfo.xml`` (AppStream);

then refreshes the desktop, MIME and icon caches with the freedesktop tools that are
present (none is required). Everything it adds is listed in
``$XDG_DATA_HOME/parley/installed-files.txt``; ``parley uninstall-desktop`` removes exactly
that, so a reinstall or an uninstall never touches anyone else's files.

No Qt here: the resources are found with :mod:`importlib.resources`, also in a bundle.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

APP_ID = "io.github.parley.Parley"
DESKTOP_FILE = f"{APP_ID}.desktop"
MANIFEST_NAME = "installed-files.txt"
MANIFEST_HEADER = "# Added by `parley install-desktop`; `parley uninstall-desktop` removes it."
TOOL_TIMEOUT = 60  # seconds a cache refresh may take

# Manifest kinds: a file install wrote, a folder it created, a cache a refresh tool created.
FILE, DIR, CACHE = "file", "dir", "cache"
# The caches the refresh tools write, relative to the data home: created by the first
# install into an empty data home, they are removed again when nothing else needs them.
MIME_DB = "mime"
DESKTOP_CACHE = "applications/mimeinfo.cache"

# The shell characters that force a desktop-entry Exec argument into double quotes.
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def data_home() -> Path:
    """The user's XDG data folder: ``$XDG_DATA_HOME`` when absolute, else ``~/.local/share``."""
    value = os.environ.get("XDG_DATA_HOME", "")
    if value and os.path.isabs(value):
        return Path(value)
    return Path.home() / ".local" / "share"


def manifest_path(home: Path | None = None) -> Path:
    """Where install_desktop lists what it added (``$XDG_DATA_HOME/parley/installed-files.txt``)."""
    return (home or data_home()) / "parley" / MANIFEST_NAME


def launcher_command() -> list[str]:
    """The absolute command that starts this Parley, for the desktop entry's ``Exec``.

    A frozen bundle is its own executable; otherwise the ``parley`` launcher that is
    running, the one beside this Python (a venv's ``bin``), the one on ``PATH``, and last
    ``python -m viewer`` with this very interpreter.
    """
    if getattr(sys, "frozen", False):
        return [os.path.abspath(sys.executable)]
    names = ("parley", "parley.exe")
    argv0 = sys.argv[0] if sys.argv else ""
    if argv0 and Path(argv0).name in names and os.path.isfile(argv0):
        return [os.path.abspath(argv0)]
    for name in names:
        beside = Path(sys.executable).parent / name
        if beside.is_file() and os.access(beside, os.X_OK):
            return [os.path.abspath(beside)]
    found = shutil.which("parley")
    if found:
        return [os.path.abspath(found)]
    return [os.path.abspath(sys.executable), "-m", "viewer"]


def _exec_quote(arg: str) -> str:
    """One ``Exec`` argument, quoted as the Desktop Entry Specification asks."""
    arg = arg.replace("%", "%%")
    if arg and not (_RESERVED & set(arg)):
        return arg
    for char in ("\\", '"', "`", "$"):
        arg = arg.replace(char, "\\" + char)
    return f'"{arg}"'


def _escape_string(value: str) -> str:
    """A desktop-entry string value (backslash and control characters escaped)."""
    return (
        value.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")
    )


def desktop_entry(command: list[str] | None = None) -> str:
    """The shipped desktop entry with ``Exec`` and ``TryExec`` set to ``command``."""
    command = command or launcher_command()
    template = _resources().joinpath(DESKTOP_FILE).read_text(encoding="utf-8")
    exec_line = _escape_string(" ".join(_exec_quote(arg) for arg in command)) + " %f"
    lines = []
    for line in template.splitlines():
        if line.startswith("Exec="):
            line = f"Exec={exec_line}"
        elif line.startswith("TryExec="):
            line = f"TryExec={_escape_string(command[0])}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def _resources() -> Traversable:
    return resources.files("resources")


def _walk(folder: Traversable, prefix: str) -> Iterator[tuple[str, Traversable]]:
    for child in sorted(folder.iterdir(), key=lambda item: item.name):
        relative = f"{prefix}/{child.name}"
        if child.is_dir():
            yield from _walk(child, relative)
        elif child.name.endswith((".png", ".svg")):
            yield relative, child


def planned_files() -> list[tuple[str, bytes]]:
    """What install_desktop writes: (path relative to the data home, content)."""
    res = _resources()
    files: list[tuple[str, bytes]] = [
        (f"applications/{DESKTOP_FILE}", desktop_entry().encode("utf-8")),
        (f"mime/packages/{APP_ID}.xml", res.joinpath("parley-mime.xml").read_bytes()),
        (
            f"metainfo/{APP_ID}.metainfo.xml",
            res.joinpath(f"{APP_ID}.metainfo.xml").read_bytes(),
        ),
    ]
    hicolor = res.joinpath("icons").joinpath("hicolor")
    for relative, icon in _walk(hicolor, "icons/hicolor"):
        files.append((relative, icon.read_bytes()))
    return files


def _read_manifest(path: Path) -> list[tuple[str, str]]:
    entries: list[tuple[str, str]] = []
    if not path.is_file():
        return entries
    for line in path.read_text(encoding="utf-8").splitlines():
        kind, _, relative = line.partition(" ")
        if kind in (FILE, DIR, CACHE) and relative and not _escapes(relative):
            entries.append((kind, relative))
    return entries


def _escapes(relative: str) -> bool:
    """Whether a manifest path would leave the data home (a corrupt or hostile manifest)."""
    parts = Path(relative).parts
    return os.path.isabs(relative) or ".." in parts


def _write_manifest(path: Path, home: Path, entries: list[tuple[str, str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [MANIFEST_HEADER, f"# under {home}"]
    lines.extend(f"{kind} {relative}" for kind, relative in entries)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _mkdirs(home: Path, folder: Path, entries: list[tuple[str, str]]) -> None:
    """Create ``folder`` and its missing parents under ``home``, recording each new one."""
    missing = []
    current = folder
    while current != home and not current.exists():
        missing.append(current)
        current = current.parent
    for path in reversed(missing):
        path.mkdir(exist_ok=True)
        entry = (DIR, path.relative_to(home).as_posix())
        if entry not in entries:
            entries.append(entry)


def install_desktop(home: Path | None = None) -> list[Path]:
    """Install the desktop entry, icons, MIME type and metainfo; return the files written."""
    home = home or data_home()
    home.mkdir(parents=True, exist_ok=True)
    manifest = manifest_path(home)
    entries = _read_manifest(manifest)
    # Caches that do not exist yet are ours to remove once nothing needs them.
    for cache, marker in ((MIME_DB, f"{MIME_DB}/mime.cache"), (DESKTOP_CACHE, DESKTOP_CACHE)):
        if not (home / marker).exists() and (CACHE, cache) not in entries:
            entries.append((CACHE, cache))
    _mkdirs(home, manifest.parent, entries)
    written: list[Path] = []
    for relative, content in planned_files():
        target = home / relative
        _mkdirs(home, target.parent, entries)
        tmp = target.with_name(f".{target.name}.tmp")
        tmp.write_bytes(content)
        os.replace(tmp, target)
        written.append(target)
        if (FILE, relative) not in entries:
            entries.append((FILE, relative))
    # The manifest is written before the refresh, so a failing tool leaves it complete.
    _write_manifest(manifest, home, entries)
    refresh_caches(home)
    return written


def uninstall_desktop(home: Path | None = None) -> list[Path]:
    """Remove what install_desktop added (per its manifest); return the paths removed."""
    home = home or data_home()
    manifest = manifest_path(home)
    entries = _read_manifest(manifest)
    if not entries and not manifest.exists():
        return []
    removed: list[Path] = []
    for kind, relative in entries:
        path = home / relative
        if kind == FILE and (path.is_file() or path.is_symlink()):
            path.unlink()
            removed.append(path)
    if manifest.exists():
        manifest.unlink()
        removed.append(manifest)
    refresh_caches(home)
    removed.extend(_remove_unneeded_caches(home, entries))
    # Folders last, deepest first, and only when empty: anything another program put
    # there since stays.
    folders = sorted(
        (home / relative for kind, relative in entries if kind == DIR),
        key=lambda path: len(path.parts),
        reverse=True,
    )
    for folder in folders:
        try:
            folder.rmdir()
        except OSError:
            continue
    return removed


def _remove_unneeded_caches(home: Path, entries: list[tuple[str, str]]) -> list[Path]:
    """Remove the caches install created, the MIME database once no package needs it."""
    removed: list[Path] = []
    created = {relative for kind, relative in entries if kind == CACHE}
    try:
        mime = home / MIME_DB
        packages = mime / "packages"
        if MIME_DB in created and mime.is_dir() and not (
            packages.is_dir() and any(packages.iterdir())
        ):
            # Only generated files are left: the database of no package at all.
            for path in sorted(mime.rglob("*"), key=lambda p: len(p.parts), reverse=True):
                if path.is_dir() and not path.is_symlink():
                    path.rmdir()
                else:
                    path.unlink()
                    removed.append(path)
            mime.rmdir()
        # An index of the MimeType keys of the entries beside it; desktops also read the
        # entries themselves, so the folder works without it as it did before the install.
        cache = home / DESKTOP_CACHE
        if DESKTOP_CACHE in created and cache.is_file():
            cache.unlink()
            removed.append(cache)
    except OSError:
        pass
    return removed


def _run(*command: str) -> None:
    tool = shutil.which(command[0])
    if tool is None:
        return
    try:
        subprocess.run(
            [tool, *command[1:]],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=TOOL_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return


def refresh_caches(home: Path | None = None) -> None:
    """Update the desktop, MIME and icon caches under ``home`` with whichever tools exist.

    The icon cache is only updated where one already exists: a cache that no later
    install refreshes would hide their icons, and without one every toolkit scans the
    folders. Its folder's time is touched instead, which tells icon loaders to look again.
    """
    home = home or data_home()
    applications = home / "applications"
    if applications.is_dir():
        _run("update-desktop-database", "-q", str(applications))
    mime = home / "mime"
    if (mime / "packages").is_dir():
        _run("update-mime-database", str(mime))
    hicolor = home / "icons" / "hicolor"
    if hicolor.is_dir():
        if (hicolor / "icon-theme.cache").exists():
            _run("gtk-update-icon-cache", "-f", "-t", "-q", str(hicolor))
        with contextlib.suppress(OSError):
            os.utime(hicolor)
