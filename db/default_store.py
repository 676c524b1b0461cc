"""The store Parley opens when given none: built from ``resources/default_store.json``.

It is built once into the user's data folder and rebuilt when the shipped JSON changes
(its hash is in the file name and in the store's ``meta`` as ``built_from``), so a new
release brings its new facts. It is never written to: the importer refuses a store marked
``built_from``, and :func:`make_own_store` gives the user a store of their own instead.
An old default store is replaced only while pristine — its bytes still those recorded
beside it when it was built; anything else in the folder is the user's and stays.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
from importlib import resources
from pathlib import Path

from db import errors

RESOURCE = "default_store.json"
PATTERN = "istanbul-talks-*.parley"


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


def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _seal(path: Path) -> Path:
    return path.with_name(path.name + ".sha256")


def is_pristine(path: Path) -> bool:
    """True when ``path`` is a default store whose bytes are still those it was built with."""
    seal = _seal(path)
    try:
        return seal.read_text(encoding="ascii").strip() == _file_digest(path)
    except OSError:
        return False


def is_default_store(path: str | os.PathLike[str] | None) -> bool:
    """True for the built-in default store (marked ``built_from`` in its meta)."""
    if path is None or not Path(path).is_file():
        return False
    uri = f"{Path(path).resolve().as_uri()}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True)
        try:
            return bool(conn.execute("SELECT 1 FROM meta WHERE key = 'built_from'").fetchone())
        finally:
            conn.close()
    except sqlite3.Error:
        return False


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
        for old in folder.glob(PATTERN):
            if is_pristine(old):  # a store the user changed is never deleted
                old.unlink(missing_ok=True)
                _seal(old).unlink(missing_ok=True)
        from db.importer import import_document  # only when building (not on every start)

        document = json.loads(raw)
        document.setdefault("meta", {})["built_from"] = f"{RESOURCE} {digest}"
        import_document(path, document, RESOURCE)
        _seal(path).write_text(_file_digest(path) + "\n", encoding="ascii")
    return path


def make_own_store(target: str | os.PathLike[str], with_content: bool,
                   source: str | os.PathLike[str] | None = None) -> Path:
    """A new store of the user's at ``target`` (which must not exist): a copy of the default
    store's content (``source``, else the default store) or an empty one."""
    target = Path(target)
    if target.exists():
        raise errors.StoreError(target, "already exists; choose a new file name")
    if not with_content:
        from db.importer import create_store

        create_store(target, target.stem)
        return target
    handle, temp = tempfile.mkstemp(prefix=".parley-", suffix=".tmp", dir=target.parent)
    os.close(handle)
    try:
        shutil.copyfile(source or ensure_default_store(), temp)
        conn = sqlite3.connect(temp)
        try:
            conn.execute("DELETE FROM meta WHERE key = 'built_from'")
            conn.commit()
        finally:
            conn.close()
        os.replace(temp, target)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
    return target
