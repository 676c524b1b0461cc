"""The first hour of a user (issue 13, part 5), the parts without a window: the desktop
registration, the check for Qt's system libraries, the overview's axis and the palette."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET

# -- install-desktop: .parley files only ---------------------------------------------------


def test_install_desktop_claims_parley_files_only(default_store_path, tmp_path):
    import shutil
    import sqlite3
    import subprocess
    import sys
    from pathlib import Path

    home = tmp_path / "data"
    env = {**os.environ, "XDG_DATA_HOME": str(home)}
    parley = Path(sys.executable).with_name("parley")
    done = subprocess.run(
        [str(parley), "install-desktop"], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    entry = (home / "applications" / "io.github.parley.Parley.desktop").read_text()
    assert "MimeType=application/x-parley;\n" in entry
    mime = ET.parse(home / "mime" / "packages" / "io.github.parley.Parley.xml").getroot()
    namespace = "{http://www.freedesktop.org/standards/shared-mime-info}"
    assert [g.get("pattern") for g in mime.iter(f"{namespace}glob")] == ["*.parley"]
    assert not list(mime.iter(f"{namespace}magic"))  # SQLite's header is everyone's
    cache = home / "applications" / "mimeinfo.cache"
    if cache.exists():  # update-desktop-database ran: what desktops read
        claims = [line for line in cache.read_text().splitlines() if "Parley" in line]
        assert claims == ["application/x-parley=io.github.parley.Parley.desktop;"]
    gio = shutil.which("gio")
    if gio is None or not (home / "mime" / "mime.cache").exists():
        return
    notes = tmp_path / "notes.db"  # someone else's SQLite database
    with sqlite3.connect(notes) as db:
        db.execute("CREATE TABLE notes (text)")

    def gio_out(*args: str) -> str:
        return subprocess.run([gio, *args], env=env, capture_output=True, text=True).stdout

    assert "application/x-parley" not in gio_out("info", "-a", "standard::content-type", notes)
    store = gio_out("info", "-a", "standard::content-type", str(default_store_path))
    assert "application/x-parley" in store
    assert "Parley" not in gio_out("mime", "application/vnd.sqlite3")


# -- a fresh desktop without Qt's xcb libraries --------------------------------------------


def test_the_app_says_which_system_library_qt_lacks(tmp_path):
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    import pytest

    from viewer.platform_check import xcb_plugin

    plugin = xcb_plugin()
    if not sys.platform.startswith("linux") or shutil.which("ldd") is None or plugin is None:
        pytest.skip("needs Linux, ldd and Qt's xcb plugin")
    data = plugin.read_bytes()
    if data.count(b"libxcb-cursor.so.0\0") != 1:
        pytest.skip("this Qt's xcb plugin does not link libxcb-cursor directly")
    # The same plugin, needing a library no system has (as a fresh desktop lacks xcb-cursor).
    platforms = tmp_path / "plugins" / "platforms"
    platforms.mkdir(parents=True)
    missing = data.replace(b"libxcb-cursor.so.0\0", b"libxcb-cursqr.so.0\0")
    (platforms / "libqxcb.so").write_bytes(missing)
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env.update(DISPLAY=":0", QT_PLUGIN_PATH=str(tmp_path / "plugins"))
    parley = Path(sys.executable).with_name("parley")
    done = subprocess.run([str(parley)], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert done.stdout == ""
    (line,) = done.stderr.splitlines()
    assert "libxcb-cursqr.so.0" in line
    assert line.endswith("install with: sudo apt-get install libxcb-cursqr0")


def test_the_overview_axis_is_monotonic_and_linear_without_far_gaps():
    import numpy as np

    from viewer.timeline.overview_scale import overview_scale

    rng = np.random.default_rng(7)
    even = np.sort(rng.uniform(0, 3e8, 100_000)).astype(np.int64)
    plain = overview_scale(even, even + 86400, 800)
    assert plain.breaks == ()  # no far gaps: one linear stretch
    assert plain.x_of(float(even[0])) > 0 and plain.x_of(float(even[-1])) < 800
    for _ in range(50):  # clusters far apart, points, spans reaching into the gaps
        t0 = np.sort(
            np.concatenate([rng.integers(0, 10, 5) * 10**rng.integers(3, 9), [0, 0]])
        ).astype(np.int64)
        t1 = t0 + rng.integers(0, 10**8, len(t0))
        scale = overview_scale(t0, t1, 700)
        assert np.all(np.diff(scale.times) > 0) and np.all(np.diff(scale.xs) > 0)
        assert scale.xs[0] == 0 and abs(scale.xs[-1] - 700) < 1e-6
        assert np.all((scale.x_of(t0) >= 0) & (scale.x_of(t0) <= 700))
    assert overview_scale(np.array([5]), np.array([6]), 300).breaks == ()


def _linear(channel: int) -> float:
    c = channel / 255
    return ((c + 0.055) / 1.055) ** 2.4 if c > 0.04045 else c / 12.92


def _lab_and_luminance(color) -> tuple[tuple[float, float, float], float]:
    r, g, b = (_linear(v) for v in (color.red(), color.green(), color.blue()))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return (116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))), y


def test_side_colours_are_distinct_and_readable_in_light_and_dark(qapp):
    import itertools
    import math

    from viewer.theme import fixed_theme

    for name in ("light", "dark", "print"):
        theme = fixed_theme(name)
        labs = [_lab_and_luminance(c) for c in theme.sides]
        _, paper = _lab_and_luminance(theme.background)
        for (lab_a, _), (lab_b, _) in itertools.combinations(labs, 2):
            assert math.dist(lab_a, lab_b) >= 25, name  # CIE76 ΔE: clearly different
        for _, luminance in labs:
            ratio = (max(luminance, paper) + 0.05) / (min(luminance, paper) + 0.05)
            assert ratio >= 3.0, name  # a stripe or bar stands out from the lane
