"""Every bad store through the command line: a result, or exit 2 and one clear line.

``parley validate``, ``stats``, ``dump`` and ``export`` run as real subprocesses (each
with a timeout) on each store of the corpus (robust_corpus.py): never a traceback, a
hang or a death by signal. The processes of all stores run a few at a time, once per
module; each store's test then checks its four results.
"""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from robust_corpus import CORPUS, build, root_reads_anything

REPO = Path(__file__).resolve().parents[2]
TIMEOUT_S = 120
COMMANDS = ("validate", "stats", "dump", "export")


def command_line(command: str, store: Path, out: Path) -> list[str]:
    return {
        "validate": ["validate", str(store)],
        "stats": ["stats", str(store)],
        "dump": ["dump", str(store), "-o", str(out / "dump.json")],
        "export": ["export", str(store), str(out / "x.png"), "--width", "1200"],
    }[command]


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}
    try:
        return subprocess.run(
            [sys.executable, "-m", "viewer.cli", *args],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=TIMEOUT_S,
        )
    except subprocess.TimeoutExpired:
        return subprocess.CompletedProcess(args, None, "", f"hung (> {TIMEOUT_S} s)")


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    """name → (store path, output folder, {command: CompletedProcess})."""
    root = tmp_path_factory.mktemp("cli-corpus")
    jobs = {}
    for name in CORPUS:
        store = build(name, root / name)
        out = root / name / "out"
        out.mkdir()
        jobs[name] = (store, out)
    with ThreadPoolExecutor(max_workers=max(os.cpu_count() or 2, 2) * 2) as pool:
        futures = {
            (name, command): pool.submit(run, command_line(command, store, out), root)
            for name, (store, out) in jobs.items()
            for command in COMMANDS
        }
        done = {key: future.result() for key, future in futures.items()}
    return {
        name: (store, out, {c: done[(name, c)] for c in COMMANDS})
        for name, (store, out) in jobs.items()
    }


@pytest.mark.parametrize("name", list(CORPUS))
def test_commands_never_crash(name, results):
    path, out, by_command = results[name]
    expect = CORPUS[name][1]
    if expect == "either" and root_reads_anything(path):
        expect = "opens"  # root ignores the permission bits
    for command, done in by_command.items():
        what = f"parley {' '.join(done.args)}"
        assert done.returncode is not None, f"{what} {done.stderr}"
        assert done.returncode >= 0, f"{what} died of signal {-done.returncode}: {done.stderr}"
        assert "Traceback" not in done.stderr, f"{what}:\n{done.stderr}"
        allowed = {0, 1, 2} if command == "validate" else {0, 2}
        assert done.returncode in allowed, f"{what} exited {done.returncode}: {done.stderr}"
        if done.returncode == 2:
            lines = done.stderr.strip().splitlines()
            assert len(lines) == 1, f"{what}: not one line on stderr:\n{done.stderr}"
            assert len(lines[0]) < 400, f"{what}: {lines[0]}"
            if expect == "fails" or command != "export":
                assert str(path) in lines[0], f"{what}: the store is not named: {lines[0]}"
            else:
                # a store that opens may still make an image too large: that names the image
                assert str(out / "x.png") in lines[0], f"{what}: {lines[0]}"
        if expect == "fails":
            assert done.returncode == 2, f"{what} should refuse the store: {done.stdout[:300]}"
        elif command in ("stats", "dump"):
            assert done.returncode == 0, f"{what} exited {done.returncode}: {done.stderr}"
    if expect != "fails":
        assert (out / "dump.json").stat().st_size > 0
