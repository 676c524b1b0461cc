"""``db`` knows nothing of Qt, and the window-less commands never load it.

Each check runs in a fresh interpreter, so modules imported by other tests (pytest-qt
loads PySide6) cannot hide or fake a result.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from db.importer import import_document

REPORT_QT = """
import json, sys
qt = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6"))
print("QT-MODULES " + json.dumps(qt))
"""


def qt_modules_after(code: str, cwd: Path) -> tuple[list[str], subprocess.CompletedProcess]:
    """Run ``code`` in a new interpreter; the Qt modules loaded by the time it ends."""
    script = textwrap.dedent(code) + REPORT_QT
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    marker = [line for line in done.stdout.splitlines() if line.startswith("QT-MODULES ")]
    assert marker, f"the script did not finish:\n{done.stdout}\n{done.stderr}"
    return json.loads(marker[-1].removeprefix("QT-MODULES ")), done


def test_the_check_sees_qt_when_it_is_loaded(tmp_path):
    pytest.importorskip("PySide6")
    loaded, _done = qt_modules_after("import PySide6.QtCore", tmp_path)
    assert "PySide6.QtCore" in loaded


def test_db_imports_no_qt(tmp_path):
    loaded, done = qt_modules_after(
        "import db, db.api, db.store, db.actors, db.positions, db.search, db.importer, "
        "db.formats, db.validate, db.dates, db.timeindex, db.schema, db.model, db.errors, "
        "db.default_store, db.synth",
        tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert loaded == []


@pytest.fixture
def store_path(tmp_path, small_document) -> Path:
    path = tmp_path / "small.parley"
    import_document(path, small_document, "small.json")
    (tmp_path / "small.json").write_text(json.dumps(small_document), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "small.parley"],
        ["stats", "small.parley"],
        ["dump", "small.parley", "-o", "dump.json"],
        ["import", "small.json", "--into", "copy.parley"],
        ["validate", "missing.parley"],  # the error path too
        ["synth", "synth.parley", "--events", "50"],
        ["where"],
        ["--help"],
    ],
    ids=lambda args: " ".join(args),
)
def test_window_less_commands_load_no_qt(store_path, args):
    loaded, done = qt_modules_after(
        f"""
        from viewer.cli import main
        try:
            code = main({args!r})
        except SystemExit as exit_:
            code = exit_.code
        print("EXIT", code)
        """,
        store_path.parent,
    )
    assert "Traceback" not in done.stderr
    expected = 2 if "missing.parley" in args else 0
    assert f"EXIT {expected}" in done.stdout, done.stdout + done.stderr
    assert loaded == []
