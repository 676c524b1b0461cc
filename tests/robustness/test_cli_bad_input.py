"""Every command, given bad arguments or bad files: one line on stderr, exit 2, no traceback.

Bad arguments (negative, absurd or malformed numbers, unknown options, bad dates), inputs
that are missing, folders, empty, blank, binary or unreadable, and outputs that cannot be
written (/sys, /proc). Calls go through ``viewer.cli.main`` in this process.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from viewer.cli import COMMANDS, main

ARTICLE = (
    "ANKARA, March 29 (Parley Wire) - Turkey's foreign minister, Mevlut Cavusoglu, said on "
    'Tuesday: "We hope the talks bring peace." Officials met in Istanbul.\n'
)
INPUTS = ("missing", "folder", "empty", "blank", "binary", "unreadable")
UNWRITABLE = ("/sys/parley-test/x", "/proc/parley-test/x", "/sys/x", "/proc/x")


def make_input(tmp_path: Path, kind: str, suffix: str) -> Path:
    """A bad input file of ``kind`` (see INPUTS)."""
    path = tmp_path / f"{kind}{suffix}"
    if kind == "folder":
        path.mkdir()
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "blank":
        path.write_text("  \n\t\n \n", encoding="utf-8")
    elif kind == "binary":
        path.write_bytes(bytes(range(256)) * 8)
    elif kind == "unreadable":
        path.write_text(ARTICLE, encoding="utf-8")
        path.chmod(0)
        if os.access(path, os.R_OK):
            pytest.skip("this user reads any file (root): permissions cannot be tested")
    return path


def assert_refused(capsys, args: list[str]) -> str:
    try:
        code = main([str(a) for a in args])
    except SystemExit as exit_:
        code = exit_.code
    out, err = capsys.readouterr()
    assert "Traceback" not in err, err
    assert code == 2, f"parley {' '.join(map(str, args))} → exit {code}: {err}"
    assert len(err.splitlines()) == 1, err
    assert out == ""
    return err


@pytest.fixture
def good(tmp_path, small_document, capsys) -> dict[str, Path]:
    """A valid store, JSON document and article beside the bad inputs."""
    json_path = tmp_path / "good.json"
    json_path.write_text(json.dumps(small_document), encoding="utf-8")
    article = tmp_path / "good.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    store = tmp_path / "good.parley"
    assert main(["import", str(json_path), "--into", str(store)]) == 0
    capsys.readouterr()
    return {"json": json_path, "article": article, "store": store}


@pytest.mark.parametrize("kind", INPUTS)
@pytest.mark.parametrize(
    "command",
    [
        ["validate", "{bad}"],
        ["stats", "{bad}"],
        ["dump", "{bad}"],
        ["export", "{bad}", "{tmp}/out.png"],
        ["import", "{bad}", "--into", "{tmp}/new.parley"],
        ["import", "{good_json}", "--into", "{bad}"],
        ["import-article", "{bad}", "--into", "{tmp}/new.parley", "--published", "2022-03-29"],
        ["import-article", "{good_article}", "--into", "{bad}", "--published", "2022-03-29"],
        ["push", "{bad}", "postgresql://nobody@/none?host={tmp}"],
        ["reversals", "{bad}"],
        ["reversals", "{bad}", "--apply"],
        ["optimize", "{bad}"],
    ],
    ids=lambda args: " ".join(args),
)
def test_bad_inputs(capsys, tmp_path, good, command, kind):
    if kind == "missing" and command[0] == "import" and command[-1] == "{bad}":
        pytest.skip("a missing store is created: not an error")
    if kind == "missing" and command[0] == "import-article" and command[3] == "{bad}":
        pytest.skip("a missing store is created: not an error")
    bad = make_input(tmp_path, kind, ".parley")
    values = {
        "bad": bad,
        "tmp": tmp_path,
        "good_json": good["json"],
        "good_article": good["article"],
    }
    before = bad.read_bytes() if kind in ("empty", "blank", "binary") else None
    assert_refused(capsys, [part.format(**values) for part in command])
    if before is not None:
        assert bad.read_bytes() == before  # an input, or a bad store, is never changed


@pytest.mark.parametrize("place", UNWRITABLE)
@pytest.mark.parametrize(
    "command",
    [
        ["import", "{good_json}", "--into", "{out}.parley"],
        ["import-article", "{good_article}", "--into", "{out}.parley", "--published", "2022"],
        ["synth", "{out}.parley", "--events", "20"],
        ["dump", "{good_store}", "-o", "{out}.json"],
        ["export", "{good_store}", "{out}.png", "--width", "800"],
    ],
    ids=lambda args: args[0],
)
def test_unwritable_outputs(capsys, good, command, place):
    values = {"out": place, "good_json": good["json"], "good_article": good["article"],
              "good_store": good["store"]}
    assert_refused(capsys, [part.format(**values) for part in command])


@pytest.mark.parametrize(
    "args",
    [
        ["synth", "{tmp}/s.parley", "--events", "-5"],
        ["synth", "{tmp}/s.parley", "--events", "ten"],
        ["synth", "{tmp}/s.parley", "--events", "1000000000000"],
        ["synth", "{tmp}/s.parley", "--events", "10", "--seed", "-1"],
        ["synth", "{good_store}", "--events", "10"],
        ["export", "{good_store}", "{tmp}/o.png", "--width", "0"],
        ["export", "{good_store}", "{tmp}/o.png", "--width", "-300"],
        ["export", "{good_store}", "{tmp}/o.png", "--width", "wide"],
        ["export", "{good_store}", "{tmp}/o.png", "--width", "99999999"],
        ["export", "{good_store}", "{tmp}/o.bmp"],
        ["export", "{good_store}", "{tmp}/o.png", "--from", "the day after"],
        ["export", "{good_store}", "{tmp}/o.png", "--from", "2022-04", "--to", "2022-03"],
        ["export", "{good_store}", "{tmp}/o.png", "--theme", "neon"],
        ["import-article", "{good_article}", "--into", "{tmp}/n.parley", "--published", "soon"],
        ["import-article", "{good_article}", "--into", "{tmp}/n.parley"],
        ["stats", "{good_store}", "--colour"],
        ["where", "extra"],
        ["install-desktop", "--now"],
        ["uninstall-desktop", "everything"],
        ["validate"],
        ["optimize"],
        ["optimize", "{good_store}", "{tmp}/o.parley"],
        ["push", "{good_store}", "not-a-url"],
        ["push", "{good_store}"],
        ["pull", "{good_store}", "{tmp}/p.parley"],
        ["upgrade", "{good_store}"],
        ["upgrade", "postgresql://nobody@/none?host={tmp}"],
        ["upgrade"],
        ["frobnicate"],
    ],
    ids=lambda args: " ".join(a.replace("{", "").replace("}", "") for a in args),
)
def test_bad_arguments(capsys, tmp_path, good, args):
    values = {"tmp": tmp_path, "good_store": good["store"], "good_article": good["article"]}
    before = good["store"].read_bytes()
    assert_refused(capsys, [part.format(**values) for part in args])
    assert good["store"].read_bytes() == before
    assert not (tmp_path / "s.parley").exists()


def test_every_command_is_tried_here():
    tried = {"validate", "stats", "dump", "export", "import", "import-article", "synth", "where",
             "install-desktop", "uninstall-desktop", "push", "pull", "upgrade",
             "reversals", "optimize"}
    assert set(COMMANDS) <= tried
