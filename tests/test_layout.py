"""The layout (README, "Layout"): which package may import which, checked on the source.

Every ``import`` in every module counts, also one inside a function (a lazy import is
still a dependency).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
QT = ("PySide6", "shiboken6")
#: package → the top-level names its modules must never import.
FORBIDDEN = {
    "db": ("viewer", "extractor", *QT),
    "extractor": ("viewer", *QT),
}
#: The viewer reads a store through db's API, never through a backend.
VIEWER_FORBIDDEN_MODULES = ("db.store",)


def imported_modules(source: str) -> set[str]:
    """Every module name an import statement of ``source`` names."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def modules_of(package: str) -> list[Path]:
    return sorted((REPO / package).rglob("*.py"))


def test_the_check_sees_every_kind_of_import():
    source = (
        "import PySide6.QtCore\nfrom viewer import cli\n"
        "def later():\n    from extractor.cast import Cast\n"
    )
    found = imported_modules(source)
    assert {"PySide6.QtCore", "viewer", "viewer.cli", "extractor.cast"} <= found


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_no_forbidden_import(package):
    bad = []
    for path in modules_of(package):
        for name in imported_modules(path.read_text(encoding="utf-8")):
            if name.split(".")[0] in FORBIDDEN[package]:
                bad.append(f"{path.relative_to(REPO)} imports {name}")
    assert not bad, "\n".join(bad)


def test_the_viewer_reads_stores_only_through_the_api():
    bad = []
    for path in modules_of("viewer"):
        for name in imported_modules(path.read_text(encoding="utf-8")):
            if name in VIEWER_FORBIDDEN_MODULES:
                bad.append(f"{path.relative_to(REPO)} imports {name}")
    assert not bad, "\n".join(bad)
