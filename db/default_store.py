"""The store Parley opens when given none: built from ``resources/default_store.json``.

It is built once into the user's data folder and rebuilt when the shipped JSON changes
(its hash is kept in the store's ``meta``), so a new release brings its new facts.
"""

from __future__ import annotations

import hashlib
import json
import os
from importlib import resources
from pathlib import Path

from db.importer import import_document

RESOURCE = "default_store.json"


def data_dir() -> Path:
    """Parley's folder in the user's data home (``$XDG_DATA_HOME/parley``)."""
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(Path.home(), ".local", "share")
    return Path(base) / "parley"


def log_file() -> Path:
    """Where the app logs (``$XDG_DATA_HOME/parley/parley.log``)."""
    return data_dir() / "parley.log"


def default_json() -> bytes:
    """The shipped document, found also inside a frozen bundle."""
    return resources.files("resources").joinpath(RESOURCE).read_bytes()


def _digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()[:16]


def default_store_path(folder: Path | None = None) -> Path:
    """Where the default store of this release lives (built or not)."""
    return (folder or data_dir()) / f"istanbul-talks-{_digest(default_json())}.parley"


def ensure_default_store(folder: Path | None = None) -> Path:
    """Path of the default store, (re)built from the shipped JSON when missing or stale."""
    folder = folder or data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    raw = default_json()
    digest = _digest(raw)
    path = folder / f"istanbul-talks-{digest}.parley"
    if not path.exists():
        for old in folder.glob("istanbul-talks-*.parley"):
            old.unlink(missing_ok=True)
        document = json.loads(raw)
        document.setdefault("meta", {})["built_from"] = f"{RESOURCE} {digest}"
        import_document(path, document, RESOURCE)
    return path
