"""The README's promises that code can check: its shortcut table matches the actions."""

from __future__ import annotations

import re
from pathlib import Path

from viewer.actions import markdown_table

README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_lists_every_shortcut_as_the_app_defines_it(qapp):
    text = README.read_text(encoding="utf-8")
    block = re.search(r"<!-- shortcuts -->\n(.*?)\n<!-- /shortcuts -->", text, re.S)
    assert block, "README has no shortcuts block"
    assert block.group(1).strip() == markdown_table(), (
        "README shortcuts are stale: regenerate with `python -m viewer.actions`"
    )


def test_readme_test_command_is_what_ci_runs():
    readme = README.read_text(encoding="utf-8")
    ci = (README.parent / ".ci" / "run").read_text(encoding="utf-8")
    command = ci.strip().splitlines()[-1]
    assert command in readme
