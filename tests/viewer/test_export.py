"""Export: PNG, SVG and PDF from real store files, the command line and the dialog."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage
from viewer_helpers import seconds

from db.api import open_store
from db.dates import parse_date
from db.errors import ParleyError
from db.timeindex import KIND_STATEMENT
from tests.conftest import write_store
from viewer.export.render import export_file, export_font, export_state, export_timeline
from viewer.theme import fixed_theme
from viewer.timeline.arrows import state_arrows
from viewer.timeline.marks import GLYPH
from viewer.timeline.painter import AXIS_H, LABEL_W, TITLE_H, PaintOptions, export_height
from viewer.timeline.scene import MAX_CAP
from viewer.timeline.state import TimelineState

REPO = Path(__file__).resolve().parents[2]
SVG_NS = "{http://www.w3.org/2000/svg}"


def _state(path: Path, start: str | None = None, end: str | None = None) -> TimelineState:
    state = TimelineState(open_store(path), 1000)
    if start and end:
        state.scale.set_range(
            parse_date(start).span_seconds()[0], parse_date(end).span_seconds()[1]
        )
    return state


def _lane(state: TimelineState, label: str):
    return next(lane for lane in state.layout.lanes if lane.label == label)


def _color(image: QImage, x: float, y: float) -> QColor:
    return QColor(image.pixel(int(x), int(y)))


def _near(color: QColor, *others: QColor) -> bool:
    """``color`` is one of ``others`` up to rounding (the image has 8 bits a channel)."""
    return any(
        max(
            abs(color.red() - o.red()), abs(color.green() - o.green()), abs(color.blue() - o.blue())
        )
        <= 2
        for o in others
    )


def _svg_texts(path: Path) -> str:
    root = ET.parse(path).getroot()
    return "\n".join("".join(el.itertext()) for el in root.iter(f"{SVG_NS}text"))


def _pdf_pages(path: Path) -> int:
    if shutil.which("pdfinfo"):
        out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
        return int(re.search(r"Pages:\s+(\d+)", out).group(1))
    return len(re.findall(rb"/Type\s*/Page\b", path.read_bytes()))


# -- PNG ----------------------------------------------------------------------------------


def test_png_has_the_size_asked_and_items_where_their_dates_are(qapp, small_store_path, tmp_path):
    state = _state(small_store_path, "2022-03-20", "2022-04-05")
    out = export_timeline(state, tmp_path / "t.png", width=1600, title="Small")
    image = QImage(str(out))
    copy = export_state(state)
    options = PaintOptions(title="Small", legend=True, axis=True)
    assert (image.width(), image.height()) == (1600, round(export_height(copy, options)))
    assert (
        len({image.pixel(x, y) for x in range(0, 1600, 7) for y in range(0, image.height(), 5)})
        > 20
    )
    theme = fixed_theme("light")
    top = TITLE_H + AXIS_H
    copy.set_width(1600 - LABEL_W)
    # The event "Talks in Istanbul" (29 March 2022, a day) in the Russia lane.
    talks = parse_date("2022-03-29").span_seconds()
    russia = _lane(copy, "Russia")
    x = LABEL_W + copy.scale.x_of((talks[0] + talks[1]) / 2)
    pixel = _color(image, x, top + russia.center)
    assert not _near(pixel, theme.background, theme.alternate, theme.header)
    # Nothing on 25 March in the same lane: background there.
    empty = LABEL_W + copy.scale.x_of(parse_date("2022-03-25").span_seconds()[0] + 43200)
    assert _near(_color(image, empty, top + russia.center + 8), theme.header)
    # The side's colour bar at the left of its header.
    order = copy.side_order[russia.actor_id]
    assert _color(image, 2, top + russia.center) == theme.side_color(order)


def test_export_leaves_the_window_view_alone(qapp, default_store_path, tmp_path):
    state = _state(default_store_path, "2022-03-28", "2022-03-31")
    before = (state.scale.start, state.scale.span, state.scale.width)
    export_timeline(state, tmp_path / "t.png", width=900, start=0, end=86400 * 365 * 60, title=None)
    assert (state.scale.start, state.scale.span, state.scale.width) == before


def test_whole_default_store_at_8000_px(qapp, default_store_path, tmp_path):
    state = _state(default_store_path)
    started = time.perf_counter()
    result = export_file(state, tmp_path / "big.png", width=8000, title=state.store.title)
    assert time.perf_counter() - started < 20
    image = QImage(str(result.path))
    assert image.width() == 8000
    assert image.height() == result.height > 800


def test_export_of_the_visible_window_matches_the_window(
    qtbot, default_store_path, tmp_path, monkeypatch
):
    from viewer.export import render
    from viewer.timeline.canvas import TimelineCanvas

    # Arrows included: the window and the export's strips (strips of 1024 rows here, and
    # arrows cross their seam) draw them through the same calls, pixel for pixel.
    seam = 1024
    monkeypatch.setattr(render, "STRIP_PIXELS", 1300 * seam)
    state = _state(default_store_path, "2022-03-25", "2022-04-02")
    state.cap = MAX_CAP  # an export shows every item: the window too, for the comparison
    canvas = TimelineCanvas()
    qtbot.addWidget(canvas)
    canvas.theme = fixed_theme("light")
    canvas.setFont(export_font())
    height = round(export_height(state, PaintOptions(axis=True)))
    canvas.resize(1300, height)
    canvas.set_state(state)
    canvas.focus_lane = None
    shown = canvas.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    arrows = state_arrows(state, GLYPH)
    assert len(arrows) == 9 and min(a.y0 for a in arrows) < seam - AXIS_H < max(
        a.y0 for a in arrows)
    out = export_timeline(state, tmp_path / "same.png", width=1300, legend=False, title=None)
    exported = QImage(str(out)).convertToFormat(QImage.Format.Format_RGB32)
    assert (exported.width(), exported.height()) == (shown.width(), shown.height())
    different = sum(
        exported.pixel(x, y) != shown.pixel(x, y)
        for x in range(0, shown.width(), 3)
        for y in range(0, shown.height(), 3)
    )
    assert different == 0


def test_hidden_lanes_and_filters_carry_into_the_export(qapp, small_store_path, tmp_path):
    state = _state(small_store_path, "2022-03-27", "2022-04-01")
    turkey = next(a.id for a in state.store.actors() if a.name == "Turkey")
    state.hidden.add(turkey)
    state.relayout()
    out = export_timeline(state, tmp_path / "f.svg", width=1600)
    texts = _svg_texts(out)
    assert "Russia" in texts
    assert "Turkey" not in texts


def test_png_refuses_absurd_sizes(qapp, default_store_path, tmp_path, monkeypatch):
    state = _state(default_store_path)
    monkeypatch.setattr("viewer.export.render.MAX_PIXELS", 10_000_000)
    with pytest.raises(ParleyError, match="out of range"):
        export_timeline(state, tmp_path / "wide.png", width=50000)
    with pytest.raises(ParleyError, match="too large for a PNG"):
        export_timeline(state, tmp_path / "huge.png", width=20000)
    assert not (tmp_path / "huge.png").exists()


# -- SVG ----------------------------------------------------------------------------------


def test_svg_keeps_lane_names_and_titles_as_text(qapp, small_store_path, tmp_path):
    state = _state(small_store_path, "2022-03-27", "2022-04-01")
    out = export_timeline(state, tmp_path / "t.svg", width=2400, title="Small talks")
    root = ET.parse(out).getroot()
    assert root.tag == f"{SVG_NS}svg"
    assert root.findtext(f"{SVG_NS}title") == "Small talks"
    texts = _svg_texts(out)
    for name in ("Small talks", "Russia", "Aleksandr Fomin", "Ukraine", "Mykhaylo Podolyak"):
        assert name in texts
    assert "Talks in Istanbul" in texts
    assert "Reduce military activity" in texts


# -- PDF ----------------------------------------------------------------------------------


def test_pdf_pages_and_text(qapp, default_store_path, tmp_path):
    state = _state(default_store_path, "2022-03-20", "2022-04-05")
    out = export_timeline(state, tmp_path / "t.pdf", title="Istanbul")
    assert out.read_bytes().startswith(b"%PDF")
    # 28 lanes, grown to hold every item of the fortnight, take three A4 landscape pages.
    assert _pdf_pages(out) == 3
    taller = export_timeline(state, tmp_path / "a3.pdf", title="Istanbul", page_size="A3")
    assert _pdf_pages(taller) == 2
    portrait = export_file(state, tmp_path / "p.pdf", orientation="portrait", title="Istanbul")
    assert portrait.pages == _pdf_pages(portrait.path) == 2
    assert portrait.width < portrait.height
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext is not installed")
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = text.split("\f")
    assert "Istanbul (1/3)" in pages[0] and "Istanbul (3/3)" in pages[2]
    assert "Ukraine" in pages[0] and "Mykhaylo Podolyak" in pages[0]
    assert "Italy" in pages[2]
    assert "supports" in pages[0]  # the legend on every page


# -- errors -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("t.gif", "unknown format (use .png, .svg or .pdf)"),
        ("missing/t.png", "does not exist"),
    ],
)
def test_errors_name_the_file(qapp, small_store_path, tmp_path, name, reason):
    state = _state(small_store_path)
    path = tmp_path / name
    with pytest.raises(ParleyError) as caught:
        export_timeline(state, path)
    assert caught.value.path == str(path)
    assert reason in caught.value.reason


def test_unwritable_file(qapp, small_store_path):
    with pytest.raises(ParleyError) as caught:
        export_timeline(_state(small_store_path), "/proc/x.png")
    assert caught.value.path == "/proc/x.png"


# -- command line -------------------------------------------------------------------------


def _run(*args: str) -> subprocess.CompletedProcess:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    return subprocess.run(
        [sys.executable, "-m", "viewer", "export", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=120,
    )


@pytest.mark.parametrize("suffix", ["png", "svg", "pdf"])
def test_cli_exports_with_no_display(default_store_path, tmp_path, suffix):
    out = tmp_path / f"t.{suffix}"
    done = _run(str(default_store_path), str(out), "--from", "2022-03", "--to", "2022-04")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"wrote {out} (")
    assert out.stat().st_size > 1000
    if suffix == "png":
        assert QImage(str(out)).width() == 2400


def _opening(text: str, words: int = 4) -> str:
    return " ".join(text.split()[:words])


def test_cli_export_of_a_day_shows_each_statement(default_store_path, tmp_path):
    """Every statement of 29 March is its own labelled mark: its opening words are in the
    SVG, and nothing is summarised as "+N more"."""
    out = tmp_path / "day.svg"
    done = _run(str(default_store_path), str(out), "--from", "2022-03-29", "--to", "2022-03-29",
                "--width", "1600")
    assert done.returncode == 0, done.stderr
    texts = _svg_texts(out)
    with open_store(default_store_path) as store:
        index = store.index
        day = (index.t0 >= seconds("2022-03-29")) & (index.t0 < seconds("2022-03-30"))
        rids = sorted({int(r) for r in index.rid[day & (index.kind == KIND_STATEMENT)]})
        assert len(rids) > 25
        for rid in rids:
            assert _opening(store.statement(rid).text) in texts, rid
    assert not re.search(r"\+[\d,]+ more", texts)
    assert "summarised" not in texts


def test_an_export_too_full_for_marks_says_what_it_summarised(qapp, tmp_path):
    statements = [
        {"id": i + 1, "actor": "A", "said": "2022-01-01", "kind": "reported", "text": f"N {i}"}
        for i in range(MAX_CAP + 20)
    ]
    document = {"parley": 1, "actors": [{"id": 1, "name": "A"}], "statements": statements}
    state = _state(write_store(tmp_path / "full.parley", document), "2021-12-31", "2022-01-02")
    out = export_timeline(state, tmp_path / "full.svg", width=1200)
    texts = _svg_texts(out)
    assert "+20 more" in texts
    assert f"20 of {MAX_CAP + 20} items in this range are summarised as counts" in texts


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["{store}", "{tmp}/t.gif"], "unknown format"),
        (["{store}", "/proc/x.png"], "/proc/x.png: cannot be written"),
        (["{store}", "{tmp}/missing/t.png"], "does not exist"),
        (["{store}", "{tmp}/t.png", "--from", "March the 3rd"], "parley: --from:"),
        (["{store}", "{tmp}/t.png", "--from", "2022-04", "--to", "2022-03"], "before"),
        (["{tmp}/nothing.parley", "{tmp}/t.png"], "nothing.parley: no such file"),
    ],
)
def test_cli_errors_are_one_line_and_exit_2(default_store_path, tmp_path, args, message):
    args = [a.format(store=default_store_path, tmp=tmp_path) for a in args]
    done = _run(*args)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("parley: ")
    assert message in lines[0]
    assert not (tmp_path / "t.png").exists()


def test_cli_export_does_not_import_widgets(default_store_path, tmp_path):
    out = tmp_path / "t.png"
    code = (
        "import sys\n"
        "from viewer.cli import main\n"
        f"assert main(['export', {str(default_store_path)!r}, {str(out)!r}]) == 0\n"
        "assert 'PySide6.QtWidgets' not in sys.modules, 'QtWidgets imported'\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=REPO
    )
    assert done.returncode == 0, done.stderr
    assert out.exists()


def test_cli_export_of_a_bad_store_makes_no_application(tmp_path):
    """A store that cannot be read fails the export before Qt starts: no application is
    left in the caller's process."""
    bad = tmp_path / "bad.parley"
    bad.write_bytes(b"not a store at all")
    out = tmp_path / "t.png"
    code = (
        "import sys\n"
        "from PySide6.QtCore import QCoreApplication\n"
        "from viewer.cli import main\n"
        f"assert main(['export', {str(bad)!r}, {str(out)!r}]) == 2\n"
        "assert QCoreApplication.instance() is None, 'an application was made'\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip() == f"parley: {bad}: is not an SQLite database (wrong file type)"
    assert not out.exists()


# -- dialog -------------------------------------------------------------------------------


@pytest.fixture
def window(qtbot, default_store_path):
    from PySide6.QtWidgets import QMainWindow

    main = QMainWindow()
    qtbot.addWidget(main)
    return main, _state(default_store_path, "2022-03-27", "2022-04-01")


def test_dialog_exports_and_reports_in_the_status_bar(window, tmp_path):
    from viewer.export.dialog import ExportDialog

    main, state = window
    dialog = ExportDialog(main, state)
    assert dialog.title.text() == state.store.title
    target = tmp_path / "out.svg"
    dialog.path.setText(str(target))
    dialog.path.textEdited.emit(str(target))
    assert dialog.kind == "svg"
    assert dialog.width_px.isVisibleTo(dialog) and not dialog.page_size.isVisibleTo(dialog)
    dialog.width_px.setValue(1400)
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert target.exists()
    assert "Russia" in _svg_texts(target)
    assert str(target) in main.statusBar().currentMessage()


def test_dialog_format_choice_renames_the_file_and_shows_page_options(window, tmp_path):
    from viewer.export.dialog import ExportDialog

    main, state = window
    dialog = ExportDialog(main, state)
    dialog.path.setText(str(tmp_path / "out.png"))
    dialog.format.setCurrentIndex(dialog.format.findData("pdf"))
    assert dialog.path.text() == str(tmp_path / "out.pdf")
    assert dialog.page_size.isVisibleTo(dialog) and not dialog.width_px.isVisibleTo(dialog)
    dialog.range_dates.setChecked(True)
    dialog.date_from.setText("2022-03-20")
    dialog.date_to.setText("2022-04-05")
    dialog.accept()
    assert _pdf_pages(tmp_path / "out.pdf") == 3


def test_dialog_bad_date_is_an_inline_error(window, tmp_path):
    from viewer.export.dialog import ExportDialog

    main, state = window
    dialog = ExportDialog(main, state)
    dialog.path.setText(str(tmp_path / "out.png"))
    dialog.date_from.setText("2022-03-01")
    dialog.date_from.textEdited.emit("2022-03-01")
    dialog.date_to.setText("someday")
    dialog.accept()
    assert dialog.range_dates.isChecked()
    assert not dialog.date_error.isHidden()
    assert "someday" in dialog.date_error.text()
    assert not (tmp_path / "out.png").exists()


def test_dialog_error_names_the_file(window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from viewer.export.dialog import ExportDialog

    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: shown.append(args[2]))
    main, state = window
    dialog = ExportDialog(main, state)
    dialog.path.setText("/proc/x.png")
    dialog.accept()
    assert shown and shown[0].startswith("/proc/x.png: ")
    assert dialog.result() != dialog.DialogCode.Accepted


def test_dialog_labels_have_buddies(window):
    from PySide6.QtWidgets import QLabel

    from viewer.export.dialog import ExportDialog

    main, state = window
    dialog = ExportDialog(main, state)
    labels = [label for label in dialog.findChildren(QLabel) if "&" in label.text()]
    assert len(labels) >= 8
    assert all(label.buddy() is not None for label in labels)
    keys = [re.search(r"&(\w)", label.text()).group(1).lower() for label in labels]
    assert len(keys) == len(set(keys))


def test_a_lane_taller_than_a_page_breaks_between_its_sub_rows(qapp, tmp_path):
    """Fifty statements of one day in one lane: the PDF shows each, the lane's stack
    running over pages broken between sub-rows, never through a label."""
    statements = [
        {"id": i + 1, "actor": "A", "said": "2022-03-29", "kind": "reported",
         "text": f"Remark {i + 1:02d} of the day"}
        for i in range(50)
    ]
    document = {"parley": 1, "actors": [{"id": 1, "name": "A"}], "statements": statements}
    state = _state(write_store(tmp_path / "tall.parley", document), "2022-03-28", "2022-03-30")
    result = export_file(state, tmp_path / "tall.pdf", title="Tall")
    assert result.pages >= 2
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext is not installed")
    text = subprocess.run(
        ["pdftotext", "-layout", str(result.path), "-"], capture_output=True, text=True,
        check=True,
    ).stdout
    assert all(text.count(f"Remark {i + 1:02d} of the day") == 1 for i in range(50))
