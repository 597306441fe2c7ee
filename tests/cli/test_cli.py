"""The command line, run as a real process: exit codes, one-line errors, no traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from evidenceboard.store import SCHEMA_VERSION, check_board_file


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.pop("DISPLAY", None)
    return subprocess.run([sys.executable, "-m", "evidenceboard", *args], capture_output=True,
                          text=True, cwd=cwd, env=env, timeout=120)


def assert_one_line_error(proc: subprocess.CompletedProcess[str], *words: str) -> None:
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    for w in words:
        assert w in lines[0], lines[0]


@pytest.mark.parametrize("command", ["new", "check", "info", "import", "layout", "analyze", "timeline",
                                     "export", "generate",
                                     "open"])
def test_every_command_has_help(command: str):
    proc = run(command, "--help")
    assert proc.returncode == 0
    assert "usage: evidenceboard" in proc.stdout


def test_new_check_info(tmp_path: Path):
    board = tmp_path / "case.evboard"
    assert run("new", str(board)).returncode == 0
    check_board_file(board)
    proc = run("check", str(board))
    assert proc.returncode == 0 and "a good board" in proc.stdout
    proc = run("info", str(board), "--json")
    assert json.loads(proc.stdout) == {"sources": 0, "cards": 0, "links": 0, "citations": 0,
                                       "cards_by_kind": {"actor": 0, "claim": 0, "note": 0}}


def test_new_refuses_to_overwrite(tmp_path: Path):
    board = tmp_path / "case.evboard"
    board.write_bytes(b"precious")
    assert_one_line_error(run("new", str(board)), "already exists")
    assert board.read_bytes() == b"precious"


@pytest.mark.parametrize("make, words", [
    (lambda p: None, ("no such file",)),
    (lambda p: p.mkdir(), ("not a board file", "folder")),
    (lambda p: p.write_text("hello"), ("not a board file", "text file")),
    (lambda p: p.write_bytes(b""), ("not a board file", "empty")),
    (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200)), ("PNG",)),
])
def test_check_refuses_with_one_line(tmp_path: Path, make, words):
    target = tmp_path / "x.evboard"
    make(target)
    assert_one_line_error(run("check", str(target)), *words)


def test_check_newer_format(tmp_path: Path):
    import sqlite3
    board = tmp_path / "future.evboard"
    run("new", str(board))
    con = sqlite3.connect(board)
    con.execute("PRAGMA user_version=7")
    con.close()
    proc = run("check", str(board))
    assert_one_line_error(proc, "made by a newer EvidenceBoard (format 7; "
                                f"this version reads up to {SCHEMA_VERSION})")


def test_info_missing_and_export_bad_folder(tmp_path: Path):
    assert_one_line_error(run("info", str(tmp_path / "nope.evboard")), "no such file")
    board = tmp_path / "b.evboard"
    run("new", str(board))
    assert_one_line_error(run("export", str(board), "--format", "json", "--out",
                              str(tmp_path / "missing" / "x.json")), "does not exist")


def test_generate_makes_a_valid_board(tmp_path: Path):
    board = tmp_path / "big.evboard"
    proc = run("generate", str(board), "--cards", "300", "--links", "500", "--seed", "3")
    assert proc.returncode == 0, proc.stderr
    info = json.loads(run("info", str(board), "--json").stdout)
    assert info["cards"] == 300 and info["links"] == 500
    assert info["sources"] >= 1 and info["citations"] > 300


def test_version_is_the_package_version():
    import importlib.metadata
    proc = run("--version")
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"EvidenceBoard {importlib.metadata.version('evidenceboard')}"


def test_quit_after_opens_the_window_and_closes_it_like_the_user(tmp_path: Path):
    """`evidenceboard --quit-after S BOARD`: the app starts on the board, the window
    closes itself through its own close (board compacted into one file) and exit is 0."""
    board = tmp_path / "case.evboard"
    assert run("new", str(board), "--demo").returncode == 0
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"))
    env.pop("DISPLAY", None)
    proc = subprocess.run([sys.executable, "-m", "evidenceboard", "--quit-after", "0.5",
                           str(board)], capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("case")) == \
        ["case.evboard"]  # no -wal / -shm left: closed as on the user's close
    check_board_file(board)
    # The window really was closed: closeEvent saved its geometry.
    [conf] = (tmp_path / "config").rglob("*.conf")
    assert "geometry=" in conf.read_text()


@pytest.mark.parametrize("value", ["-1", "nan", "inf", "soon", "100000"])
def test_quit_after_refuses_what_is_not_a_delay(value: str):
    proc = run("--quit-after", value)
    assert proc.returncode == 2
    assert "--quit-after" in proc.stderr and "Traceback" not in proc.stderr
