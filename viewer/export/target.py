"""Where an export goes: its format from the file name, and whether it can be written.
No Qt: the command line checks its output before it loads Qt."""

from __future__ import annotations

import os
from pathlib import Path

from db.errors import ParleyError

FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}


def export_format(path: str | os.PathLike[str]) -> str:
    """``png``, ``svg`` or ``pdf`` from the file name, or a ParleyError naming the file."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise ParleyError(path, "unknown format (use .png, .svg or .pdf)")
    return FORMATS[suffix]


def check_writable(path: Path) -> None:
    """Raise a ParleyError naming ``path`` when it clearly cannot be written."""
    folder = path.parent
    if path.is_dir():
        raise ParleyError(path, "is a folder")
    if not folder.exists():
        raise ParleyError(path, f"cannot be written: folder {folder} does not exist")
    if not folder.is_dir():
        raise ParleyError(path, f"cannot be written: {folder} is not a folder")
    if path.exists() and not os.access(path, os.W_OK):
        raise ParleyError(path, "cannot be written (permission denied)")
    if not path.exists() and not os.access(folder, os.W_OK):
        raise ParleyError(path, f"cannot be written (no permission to write in {folder})")
