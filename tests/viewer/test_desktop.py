"""``parley install-desktop``: the entry, icons, file type and metadata, and their removal.

The fast tests install into the per-test ``XDG_DATA_HOME`` that tests/conftest.py sets.
The slow one is a person's path end to end: on a real X server (Xvfb) the installed
entry is launched with ``gio launch`` and a store file opened with ``gio open``, and the
windows that appear are found with xdotool and photographed.

The X helpers here are also used by test_bundle.py.
"""

from __future__ import annotations

import contextlib
import os
import re
import select
import shutil
import signal
import struct
import subprocess
import sys
import time
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

from viewer import desktop
from viewer.desktop import APP_ID, install_desktop, manifest_path, uninstall_desktop

REPO = Path(__file__).resolve().parents[2]
RESOURCES = REPO / "resources"
HICOLOR = RESOURCES / "icons" / "hicolor"
APP_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"
VENV_BIN = Path(sys.executable).parent


def data_home() -> Path:
    return Path(os.environ["XDG_DATA_HOME"])


def tree(root: Path) -> set[str]:
    """Every file and folder under ``root``, relative (folders end with /)."""
    if not root.exists():
        return set()
    return {
        p.relative_to(root).as_posix() + ("/" if p.is_dir() else "") for p in root.rglob("*")
    }


def desktop_keys(path: Path) -> dict[str, str]:
    """The keys of a desktop entry's [Desktop Entry] group."""
    keys: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if "=" in line and not line.startswith(("#", "[")):
            key, _, value = line.partition("=")
            keys[key.strip()] = value.strip()
    return keys


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


# --- the shipped files -------------------------------------------------------------------


def test_shipped_icons_have_every_size_and_parse():
    svg = HICOLOR / "scalable" / "apps" / f"{APP_ID}.svg"
    assert ET.parse(svg).getroot().tag.endswith("svg")
    for size in APP_SIZES:
        png = HICOLOR / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        assert png_size(png) == (size, size)
    for png in HICOLOR.glob("*/mimetypes/application-x-parley.png"):
        size = int(png.parts[-3].split("x")[0])
        assert png_size(png) == (size, size)
    assert (HICOLOR / "scalable" / "mimetypes" / "application-x-parley.svg").is_file()


def test_mime_xml_declares_the_store_type():
    root = ET.parse(RESOURCES / "parley-mime.xml").getroot()
    (mime,) = root.findall(f"{MIME_NS}mime-type")
    assert mime.get("type") == "application/x-parley"
    assert mime.find(f"{MIME_NS}sub-class-of").get("type") == "application/vnd.sqlite3"
    assert [g.get("pattern") for g in mime.findall(f"{MIME_NS}glob")] == ["*.parley"]
    assert mime.find(f"{MIME_NS}magic") is None  # by name only: never other SQLite files
    assert mime.find(f"{MIME_NS}icon").get("name") == "application-x-parley"


def test_metainfo_names_the_entry_and_media_types():
    root = ET.parse(RESOURCES / f"{APP_ID}.metainfo.xml").getroot()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == f"{APP_ID}.desktop"
    assert root.find("description/p").text.strip()
    media = [m.text for m in root.findall("provides/mediatype")]
    assert "application/x-parley" in media
    entry = desktop_keys(RESOURCES / f"{APP_ID}.desktop")
    assert set(media) <= set(entry["MimeType"].split(";"))


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstreamcli not installed")
def test_metainfo_passes_appstreamcli():
    done = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(RESOURCES / f"{APP_ID}.metainfo.xml")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout + done.stderr


# --- install and uninstall ---------------------------------------------------------------


def test_install_writes_entry_icons_mime_and_metainfo():
    written = install_desktop()
    home = data_home()
    expected = {
        home / "applications" / f"{APP_ID}.desktop",
        home / "mime" / "packages" / f"{APP_ID}.xml",
        home / "metainfo" / f"{APP_ID}.metainfo.xml",
        home / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg",
        home / "icons" / "hicolor" / "scalable" / "mimetypes" / "application-x-parley.svg",
    }
    expected |= {home / f"icons/hicolor/{s}x{s}/apps/{APP_ID}.png" for s in APP_SIZES}
    assert expected <= set(written)
    assert all(path.is_file() for path in written)
    assert manifest_path().is_file()
    # The copies are the shipped files.
    for path in written:
        if path.suffix == ".png":
            assert path.read_bytes() == (RESOURCES / path.relative_to(home)).read_bytes()


def test_installed_entry_runs_this_parley_by_absolute_path():
    install_desktop()
    keys = desktop_keys(data_home() / "applications" / f"{APP_ID}.desktop")
    program, field = keys["Exec"].rsplit(" ", 1)
    assert field == "%f"
    assert os.path.isabs(program) and os.access(program, os.X_OK), program
    assert keys["TryExec"] == program
    assert keys["Icon"] == APP_ID
    assert keys["StartupWMClass"] == "Parley"
    assert "application/x-parley" in keys["MimeType"].split(";")


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="no desktop-file-utils")
def test_installed_entry_passes_desktop_file_validate():
    install_desktop()
    entry = data_home() / "applications" / f"{APP_ID}.desktop"
    done = subprocess.run(
        ["desktop-file-validate", str(entry)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="no desktop-file-utils")
def test_exec_quotes_an_awkward_launcher_path(tmp_path):
    awkward = '/opt/My Apps/50% "par$ley"\\bin/parley'
    text = desktop.desktop_entry([awkward])
    assert 'Exec="/opt/My Apps/50%% \\\\"par\\\\$ley\\\\"\\\\\\\\bin/parley" %f' in text
    entry = tmp_path / f"{APP_ID}.desktop"
    entry.write_text(text, encoding="utf-8")
    done = subprocess.run(
        ["desktop-file-validate", str(entry)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_launcher_of_a_frozen_bundle_is_the_bundle(monkeypatch, tmp_path):
    bundle = tmp_path / "dist" / "parley" / "parley"
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(bundle))
    assert desktop.launcher_command() == [str(bundle)]


def test_launcher_falls_back_to_python_m_viewer(monkeypatch, tmp_path):
    python = tmp_path / "bin" / "python3"
    monkeypatch.setattr(sys, "executable", str(python))
    monkeypatch.setattr(sys, "argv", [str(tmp_path / "something-else")])
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert desktop.launcher_command() == [str(python), "-m", "viewer"]


def test_honours_xdg_data_home_and_ignores_a_relative_one(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert desktop.data_home() == tmp_path / "data"
    monkeypatch.setenv("XDG_DATA_HOME", "relative/data")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert desktop.data_home() == tmp_path / "home" / ".local" / "share"


def test_uninstall_removes_what_install_added_and_nothing_else():
    home = data_home()
    # Someone else's files, in the very folders install writes to.
    others = {
        "applications/other.desktop": "[Desktop Entry]\nType=Application\nName=Other\n"
        "Exec=other %f\nMimeType=text/plain;\n",
        "icons/hicolor/16x16/apps/other.png": "not really a png",
        "metainfo/other.metainfo.xml": "<component/>",
        "parley/parley.log": "the app's own log\n",
    }
    for relative, text in others.items():
        (home / relative).parent.mkdir(parents=True, exist_ok=True)
        (home / relative).write_text(text, encoding="utf-8")
    before = tree(home)

    written = install_desktop()
    assert tree(home) > before
    removed = uninstall_desktop()

    assert set(written) <= set(removed)
    assert tree(home) == before
    for relative, text in others.items():
        assert (home / relative).read_text(encoding="utf-8") == text


def test_uninstall_keeps_a_mime_database_others_need():
    if shutil.which("update-mime-database") is None:
        pytest.skip("update-mime-database not installed")
    home = data_home()
    packages = home / "mime" / "packages"
    packages.mkdir(parents=True)
    (packages / "other.xml").write_text(
        '<?xml version="1.0"?>\n<mime-info xmlns="http://www.freedesktop.org/standards/'
        'shared-mime-info"><mime-type type="application/x-other"><glob pattern="*.other"/>'
        "</mime-type></mime-info>\n",
        encoding="utf-8",
    )
    subprocess.run(["update-mime-database", str(home / "mime")], check=True, timeout=60)
    before = tree(home)

    install_desktop()
    assert "x-parley" in (home / "mime" / "globs2").read_text(encoding="utf-8")
    uninstall_desktop()

    assert tree(home) == before
    globs = (home / "mime" / "globs2").read_text(encoding="utf-8")
    assert "x-other" in globs and "x-parley" not in globs


def test_install_twice_then_uninstall_once_leaves_nothing():
    home = data_home()
    first = install_desktop()
    second = install_desktop()
    assert first == second
    lines = manifest_path().read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(set(lines))
    uninstall_desktop()
    assert tree(home) == set()


def test_uninstall_without_install_does_nothing():
    assert uninstall_desktop() == []
    assert tree(data_home()) == set()


def test_uninstall_never_leaves_the_data_home(tmp_path):
    outside = tmp_path / "precious.txt"
    outside.write_text("keep", encoding="utf-8")
    manifest = manifest_path()
    manifest.parent.mkdir(parents=True)
    relative = os.path.relpath(outside, data_home())
    manifest.write_text(f"file {relative}\nfile {outside}\n", encoding="utf-8")
    uninstall_desktop()
    assert outside.read_text(encoding="utf-8") == "keep"


def test_commands_install_and_uninstall_in_a_fresh_interpreter_without_qt():
    """The commands print what they did, and desktop integration never loads Qt."""
    env = dict(os.environ)
    code = (
        "import sys\n"
        "from viewer.cli import main\n"
        "assert main(['install-desktop']) == 0\n"
        "assert main(['uninstall-desktop']) == 0\n"
        "qt = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
        "print('QT', qt)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env
    )
    assert done.returncode == 0, done.stderr
    assert f"installed {data_home() / 'applications' / APP_ID}.desktop" in done.stdout
    assert f"removed {data_home() / 'applications' / APP_ID}.desktop" in done.stdout
    assert "QT []" in done.stdout
    assert not (data_home() / "applications").exists()


# --- a real X server ---------------------------------------------------------------------


def require_tools(*tools: str) -> None:
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"not installed: {', '.join(missing)}")


@contextlib.contextmanager
def xvfb(log: Path) -> Iterator[str]:
    """A private Xvfb on a free display (it picks the number itself); yields ``:N``."""
    read_end, write_end = os.pipe()
    with log.open("wb") as out:
        server = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1280x800x24",
             "-nolisten", "tcp", "-br", "-noreset"],
            pass_fds=(write_end,),
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=out,
        )
    os.close(write_end)
    try:
        number = b""
        deadline = time.monotonic() + 30
        while not number.endswith(b"\n"):
            left = deadline - time.monotonic()
            ready, _, _ = select.select([read_end], [], [], max(left, 0))
            chunk = os.read(read_end, 16) if ready else b""
            if not chunk:
                raise AssertionError(f"Xvfb did not start: {log.read_text(errors='replace')}")
            number += chunk
        yield f":{int(number)}"
    finally:
        os.close(read_end)
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)


def marked_pids(token: str) -> list[int]:
    """The processes whose environment carries ``PARLEY_TEST_RUN=token``."""
    needle = f"PARLEY_TEST_RUN={token}".encode()
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            environ = (entry / "environ").read_bytes()
        except OSError:
            continue
        if needle in environ.split(b"\0"):
            pids.append(int(entry.name))
    return pids


def kill_marked(token: str) -> None:
    """End every process started with the token (the apps gio launched, detached)."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        pids = marked_pids(token)
        for pid in pids:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, sig)
        deadline = time.monotonic() + 5
        while pids and time.monotonic() < deadline:
            time.sleep(0.1)
            pids = marked_pids(token)
        if not pids:
            return


@pytest.fixture
def x_env(tmp_path) -> Iterator[dict[str, str]]:
    """The environment of a desktop session on a private Xvfb, for subprocesses.

    Every process started with it is ended when the test ends, passed or not.
    """
    require_tools("Xvfb", "xdotool")
    token = uuid.uuid4().hex
    with xvfb(tmp_path / "xvfb.log") as display:
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS")
        }
        env.update(
            DISPLAY=display,
            QT_QPA_PLATFORM="xcb",
            PATH=f"{VENV_BIN}{os.pathsep}{env.get('PATH', '/usr/bin:/bin')}",
            PARLEY_TEST_RUN=token,
            NO_AT_BRIDGE="1",
        )
        try:
            yield env
        finally:
            kill_marked(token)


def wait_for_window(env: dict[str, str], title: str, timeout: float = 60) -> str:
    """The id of the first visible window whose title matches the regex ``title``."""
    try:
        done = subprocess.run(
            ["xdotool", "search", "--sync", "--onlyvisible", "--name", title],
            capture_output=True,
            text=True,
            env=env,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        raise AssertionError(f"no window titled {title!r} within {timeout} s") from None
    ids = done.stdout.split()
    assert done.returncode == 0 and ids, done.stderr
    return ids[0]


def window_title(env: dict[str, str], window: str) -> str:
    return subprocess.run(
        ["xdotool", "getwindowname", window], capture_output=True, text=True, env=env, timeout=30
    ).stdout.strip()


def windows_of_class(env: dict[str, str], wm_class: str) -> list[str]:
    done = subprocess.run(
        ["xdotool", "search", "--onlyvisible", "--class", f"^{re.escape(wm_class)}$"],
        capture_output=True,
        text=True,
        env=env,
        timeout=30,
    )
    return done.stdout.split()


def close_window(env: dict[str, str], window: str) -> None:
    """End the app that shows ``window`` (by the pid it announces)."""
    done = subprocess.run(
        ["xdotool", "getwindowpid", window], capture_output=True, text=True, env=env, timeout=30
    )
    if done.returncode == 0 and done.stdout.strip().isdigit():
        with contextlib.suppress(ProcessLookupError):
            os.kill(int(done.stdout), signal.SIGTERM)


def screenshot(env: dict[str, str], out: Path) -> Path:
    """Photograph the whole X screen into the PNG ``out`` (Qt's own grab, cross-process)."""
    code = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication(sys.argv[:1])\n"
        "image = app.primaryScreen().grabWindow(0)\n"
        "sys.exit(0 if image.save(sys.argv[1]) else 1)\n"
    )
    subprocess.run([sys.executable, "-c", code, str(out)], env=env, timeout=60, check=True)
    return out


def distinct_colours(png: Path) -> int:
    """How many colours a 1-in-16 grid of the picture's pixels holds."""
    from PySide6.QtGui import QImage

    image = QImage(str(png))
    assert not image.isNull(), png
    return len(
        {
            image.pixel(x, y)
            for y in range(0, image.height(), 4)
            for x in range(0, image.width(), 4)
        }
    )


def run_parley(env: dict[str, str], *args: str, program: str | None = None) -> str:
    program = program or str(VENV_BIN / "parley")
    done = subprocess.run(
        [program, *args], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def wait_gone(env: dict[str, str], window: str, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done = subprocess.run(
            ["xdotool", "getwindowname", window],
            capture_output=True,
            env=env,
            timeout=30,
        )
        if done.returncode != 0:
            return
        time.sleep(0.2)
    raise AssertionError(f"window {window} is still there")


@pytest.mark.slow
def test_installed_app_launches_from_its_entry_and_opens_store_files(
    x_env, tmp_path, small_store_path
):
    """What a person does: install, click the entry, double-click a store file, uninstall."""
    require_tools("gio")
    if subprocess.run(["gio", "help", "launch"], capture_output=True).returncode != 0:
        pytest.skip("this gio has no 'launch'")
    if not (VENV_BIN / "parley").is_file():
        pytest.skip("no parley launcher beside this Python")
    env = x_env
    home = data_home()
    # A PATH without the venv: the entry must run Parley by its absolute path.
    gio_env = dict(env, PATH="/usr/local/bin:/usr/bin:/bin")

    out = run_parley(env, "install-desktop")
    entry = home / "applications" / f"{APP_ID}.desktop"
    assert f"installed {entry}" in out
    keys = desktop_keys(entry)

    # The file manager's view: a .parley file is a Parley store, opened by Parley.
    info = subprocess.run(
        ["gio", "info", "-a", "standard::content-type", str(small_store_path)],
        capture_output=True, text=True, env=gio_env, timeout=60,
    )
    assert "application/x-parley" in info.stdout, info.stdout + info.stderr
    mime = subprocess.run(
        ["gio", "mime", "application/x-parley"],
        capture_output=True, text=True, env=gio_env, timeout=60,
    )
    assert f"{APP_ID}.desktop" in mime.stdout, mime.stdout + mime.stderr

    # 1. The menu entry: the app opens on the default store.
    with (tmp_path / "gio-launch.log").open("wb") as log:
        subprocess.run(
            ["gio", "launch", str(entry)], env=gio_env, stdout=log, stderr=log, timeout=60
        )
    window = wait_for_window(env, "Istanbul talks.* Parley$")
    assert window in windows_of_class(env, keys["StartupWMClass"])
    time.sleep(1.5)  # let the timeline paint
    shot = screenshot(env, tmp_path / "launched.png")
    assert distinct_colours(shot) > 40, f"the screen looks blank: {shot}"
    close_window(env, window)
    wait_gone(env, window)

    # 2. A double-clicked store file opens in Parley.
    with (tmp_path / "gio-open.log").open("wb") as log:
        subprocess.run(
            ["gio", "open", str(small_store_path)], env=gio_env, stdout=log, stderr=log,
            timeout=60,
        )
    window = wait_for_window(env, "^Small .*Parley$")
    assert window_title(env, window) == "Small — Parley"
    time.sleep(1.5)
    shot = screenshot(env, tmp_path / "opened.png")
    assert distinct_colours(shot) > 40, f"the screen looks blank: {shot}"
    close_window(env, window)
    wait_gone(env, window)

    # 3. Uninstalled, nothing of it is left but the app's own data.
    out = run_parley(env, "uninstall-desktop")
    assert f"removed {entry}" in out
    assert {p.split("/")[0] for p in tree(home)} <= {"parley"}
