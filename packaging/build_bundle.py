"""Build Parley's one-folder PyInstaller bundle: ``dist/parley/parley`` and its files.

Usage (PyInstaller comes with the ``bundle`` extra: ``pip install -e '.[bundle]'``)::

    .venv/bin/python packaging/build_bundle.py [--dist DIR] [--work DIR]

The bundle carries the ``resources`` package data (the default store's JSON, the icons,
the desktop entry, MIME type and metainfo) so ``importlib.resources.files("resources")``
works in the frozen app, and ``dist/parley/parley install-desktop`` registers the bundle
itself with the desktop. Unused Qt modules and plugins are left out (see parley.spec).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SPEC = HERE / "parley.spec"


def folder_size(folder: Path) -> int:
    """Bytes in all files under ``folder`` (symbolic links not followed)."""
    files = (path for path in folder.rglob("*") if not path.is_symlink() and path.is_file())
    return sum(path.lstat().st_size for path in files)


def build(dist: Path, work: Path) -> Path:
    """Run PyInstaller on the spec; return the bundle's executable."""
    command = [
        sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
        "--distpath", str(dist), "--workpath", str(work), str(SPEC),
    ]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    subprocess.run(command, cwd=ROOT, env=env, check=True)
    executable = dist / "parley" / "parley"
    if not executable.is_file():
        raise SystemExit(f"PyInstaller did not produce {executable}")
    strip_python(executable.parent)
    return executable


def strip_python(bundle: Path) -> None:
    """Drop the debug symbols of libpython (about 17 MiB), when ``strip`` is there.

    Only libpython: PyInstaller's own ``strip`` option also strips the wheels' vendored
    libraries (numpy's OpenBLAS), which patchelf has rewritten and which then fail to load.
    """
    tool = shutil.which("strip")
    if tool is None:
        return
    for library in (bundle / "_internal").glob("libpython3*.so*"):
        if not library.is_symlink():
            subprocess.run([tool, "--strip-unneeded", str(library)], check=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="work folder")
    args = parser.parse_args(argv)
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        print("PyInstaller is missing: pip install -e '.[bundle]'", file=sys.stderr)
        return 2
    started = time.monotonic()
    executable = build(args.dist.resolve(), args.work.resolve())
    seconds = time.monotonic() - started
    size = folder_size(executable.parent) / 2**20
    print(f"built {executable} ({size:.0f} MiB) in {seconds:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
