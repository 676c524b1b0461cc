"""The publication date comes from the article's head, never from the clock."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from extractor.published import blank_dateline, find_published

ARTICLES = Path(__file__).resolve().parents[1] / "data" / "corroboration"


@pytest.mark.parametrize(("text", "date"), [
    ("KYIV, March 29, 2022 (Reuters) - Russia said on Tuesday", "2022-03-29"),
    ("KYIV, Ukraine, March 29, 2022 (AP) — Russia said", "2022-03-29"),
    ("ISTANBUL, 29 March 2022 (RFE/RL) -- The talks", "2022-03-29"),
    ("Published: 30 March 2022\n\nText", "2022-03-30"),
    ("Updated March 30, 2022 10:05 GMT\nText", "2022-03-30"),
    ("Russia, Ukraine report progress\nMarch 30, 2022\n\nText", "2022-03-30"),
    ("2022-03-30\n\nText", "2022-03-30"),
    ("GENEVA (30 March 2022) – The agency said", "2022-03-30"),
    ("Geneva, 30 March 2022 – The agency said", "2022-03-30"),
])
def test_datelines_and_date_lines(text, date):
    assert find_published(text) == date


@pytest.mark.parametrize("text", [
    "LIMA, June 9 (Reuters) - Peru's congress voted",  # no year: the user gives it
    "WASHINGTON (AP) — The Senate voted",
    "Delegations held talks in Istanbul on March 29 as Russia pressed on.",
    "The talks went on.\n\n" + "More text. " * 80 + "\nMarch 30, 2022\n",  # not the head
])
def test_no_date_is_guessed(text):
    assert find_published(text) is None


@pytest.mark.parametrize(("text", "kept"), [
    ("KYIV, March 29, 2022 (Reuters) - Russia said", "Russia said"),
    ("Headline\n\nATHENS — Russia said", "Headline\n\n         Russia said"),
    ("WASHINGTON (AP) — The Senate voted", "The Senate voted"),
    ("U.S. officials said - no more", "U.S. officials said - no more"),
    ("Bodø, June 4 (Invented Wire) -- The council said", "The council said"),
    ("TROMSØ (4 June 2025) – The agency said", "The agency said"),
    ("OSLO, June 4. /INW/. The council said", "The council said"),
    ("Oslo, Bergen talks resume June 4 - union", "Oslo, Bergen talks resume June 4 - union"),
])
def test_the_dateline_is_blanked_with_offsets_kept(text, kept):
    blank = blank_dateline(text)
    assert len(blank) == len(text) and blank.strip() == kept.strip()
    assert kept in blank


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "viewer", *args], capture_output=True,
                          text=True, timeout=120)


def test_cli_takes_several_files_each_dated_by_its_text(tmp_path):
    store = tmp_path / "grid.parley"
    done = run("import-article", str(ARTICLES / "grid-full.txt"),
               str(ARTICLES / "grid-reported.txt"), "--into", str(store))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 2
    assert "grid-full.txt: published 2023-05-04;" in lines[0]
    assert "grid-reported.txt: published 2023-05-05;" in lines[1]
    assert "1 appearances" in lines[1]
    assert dt.date.today().isoformat() not in done.stdout


def test_cli_wants_published_only_when_the_text_gives_none(tmp_path):
    article = tmp_path / "undated.txt"
    article.write_text('"We will talk again," Foreign Minister Ana Ruiz said.\n', "utf-8")
    store = tmp_path / "s.parley"
    done = run("import-article", str(article), "--into", str(store))
    assert done.returncode == 2
    assert done.stderr.strip() == (
        f"parley: {article}: gives no publication date: add --published DATE")
    assert not store.exists()
    done = run("import-article", str(article), "--into", str(store), "--published", "2021-06-01")
    assert done.returncode == 0, done.stderr
    assert "published 2021-06-01" in done.stdout
