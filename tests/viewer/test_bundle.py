"""The PyInstaller bundle: built with packaging/build_bundle.py, then run as a person would.

Slow (the build takes a minute or so); skipped when PyInstaller is not installed
(``pip install -e '.[bundle]'``). The X helpers come from test_desktop.py.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_desktop import (
    APP_ID,
    REPO,
    data_home,
    desktop_keys,
    distinct_colours,
    screenshot,
    wait_for_window,
    windows_of_class,
    x_env,  # noqa: F401 - a fixture
)

pytestmark = pytest.mark.slow

MAX_BUNDLE_MIB = 260  # about 190 MiB today; a jump means an unneeded library came in


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    """The bundle's executable, built once for this module into a temporary folder."""
    pytest.importorskip("PyInstaller")
    root = tmp_path_factory.mktemp("bundle")
    done = subprocess.run(
        [
            sys.executable, str(REPO / "packaging" / "build_bundle.py"),
            "--dist", str(root / "dist"), "--work", str(root / "build"),
        ],
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    executable = root / "dist" / "parley" / "parley"
    assert executable.is_file()
    return executable


def run(bundle: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [str(bundle), *args], capture_output=True, text=True, timeout=120, env=env
    )


def test_bundle_is_lean(bundle):
    internal = bundle.parent / "_internal"
    for unused in ("QtNetwork", "QtQml", "QtQuick", "QtOpenGL", "QtPdf", "QtSql"):
        assert not list((internal / "PySide6").glob(f"{unused}.*")), unused
    files = [p for p in bundle.parent.rglob("*") if p.is_file() and not p.is_symlink()]
    size = sum(p.lstat().st_size for p in files) / 2**20
    assert size < MAX_BUNDLE_MIB, f"{size:.0f} MiB"


def test_bundle_carries_its_resources(bundle, small_store_path, tmp_path):
    assert run(bundle, "--version").stdout.startswith("parley ")
    stats = run(bundle, "stats", str(small_store_path))
    assert stats.returncode == 0 and "Small" in stats.stdout, stats.stderr
    # Exported through the same painting code, offscreen, inside the bundle.
    out = tmp_path / "small.png"
    export = run(bundle, "export", str(small_store_path), str(out), "--width", "800")
    assert export.returncode == 0 and out.is_file(), export.stderr


def test_bundle_installs_itself_as_the_desktop_app(bundle):
    done = run(bundle, "install-desktop")
    assert done.returncode == 0, done.stderr
    entry = data_home() / "applications" / f"{APP_ID}.desktop"
    keys = desktop_keys(entry)
    assert keys["Exec"] == f"{bundle} %f"
    assert (data_home() / f"icons/hicolor/scalable/apps/{APP_ID}.svg").is_file()
    done = run(bundle, "uninstall-desktop")
    assert done.returncode == 0 and not entry.exists(), done.stderr


def test_bundle_opens_its_window(bundle, x_env, tmp_path, small_store_path):  # noqa: F811
    # The default store comes from the bundle's resources/default_store.json.
    with (tmp_path / "app.log").open("wb") as log:
        app = subprocess.Popen(
            [str(bundle)], env=x_env, stdin=subprocess.DEVNULL, stdout=log, stderr=log
        )
    try:
        window = wait_for_window(x_env, "Istanbul talks.* Parley$")
        assert window in windows_of_class(x_env, "Parley")
        time.sleep(1.5)
        shot = screenshot(x_env, tmp_path / "bundle.png")
        assert distinct_colours(shot) > 40, f"the screen looks blank: {shot}"
    finally:
        app.terminate()
        try:
            app.wait(timeout=15)
        except subprocess.TimeoutExpired:
            app.kill()
            app.wait(timeout=15)

    with (tmp_path / "app2.log").open("wb") as log:
        app = subprocess.Popen(
            [str(bundle), str(small_store_path)],
            env=x_env, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
        )
    try:
        wait_for_window(x_env, "^Small .*Parley$")
    finally:
        app.terminate()
        try:
            app.wait(timeout=15)
        except subprocess.TimeoutExpired:
            app.kill()
            app.wait(timeout=15)
