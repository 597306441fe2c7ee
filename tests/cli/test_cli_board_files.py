"""`evidenceboard check / info / new` on real good and bad board files, as a process."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "store"))
from bad_files import CORPUS
from store_boards import every_field_entities, fingerprint, without_newer_fields, write_old_board
from test_cli import assert_one_line_error, run

from evidenceboard.model import Card
from evidenceboard.store import BoardStore, create_board_file

SAMPLE = ["missing path", "directory", "empty", "png", "zip", "pdf", "random bytes",
          "another app's SQLite file", "future user_version", "negative user_version",
          "truncated to half", "flipped b-tree page type", "trigger",
          "view calling a function", "FTS5 virtual table", "table swapped for a view",
          "huge blob", "dangling foreign key", "garbage WAL", "symlink loop",
          "value outside its CHECK", "text that is not UTF-8", "position past its range",
          "source text changed outside the app"]


def test_sample_is_in_the_corpus():
    assert set(SAMPLE) <= set(CORPUS)


@pytest.mark.parametrize("name", SAMPLE)
def test_check_refuses_a_bad_file_with_one_line(tmp_path: Path, name: str):
    case = CORPUS[name]
    path = tmp_path / "bad.evboard"
    case.make(path)
    before = fingerprint(path)
    proc = run("check", str(path))
    assert_one_line_error(proc, case.words, str(path))
    assert proc.stdout == ""
    assert fingerprint(path) == before


@pytest.mark.parametrize("name", ["missing path", "trigger", "garbage WAL", "empty"])
def test_info_refuses_a_bad_file_with_one_line(tmp_path: Path, name: str):
    case = CORPUS[name]
    path = tmp_path / "bad.evboard"
    case.make(path)
    before = fingerprint(path)
    assert_one_line_error(run("info", str(path), "--json"), case.words)
    assert fingerprint(path) == before


def test_check_accepts_good_boards(tmp_path: Path):
    full = create_board_file(tmp_path / "full.evboard", every_field_entities())
    proc = run("check", str(full))
    assert proc.returncode == 0 and proc.stderr == ""
    assert proc.stdout.strip() == f"{full}: a good board"
    old = write_old_board(tmp_path / "old.evboard", 1,
                          without_newer_fields(every_field_entities(), 1))
    before = fingerprint(old)
    proc = run("check", str(old))
    assert proc.returncode == 0
    assert "(format 1; it will be upgraded when opened)" in proc.stdout
    assert fingerprint(old) == before


def test_check_and_info_of_a_board_open_for_editing(tmp_path: Path):
    """Another EvidenceBoard is writing the board: check and info read a consistent
    snapshot and change nothing."""
    path = create_board_file(tmp_path / "live.evboard", every_field_entities())
    with BoardStore.open(path) as store:
        from evidenceboard.model import edits
        store.commit(edits.put("x", Card(id="live-card", kind="note", title="live")))
        before = fingerprint(path)
        assert run("check", str(path)).returncode == 0
        info = json.loads(run("info", str(path), "--json").stdout)
        assert info["cards"] == 11
        assert fingerprint(path) == before


def test_info_counts(tmp_path: Path):
    path = create_board_file(tmp_path / "full.evboard", every_field_entities())
    proc = run("info", str(path), "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == {
        "sources": 2, "cards": 10, "links": 3, "citations": 4,
        "cards_by_kind": {"actor": 7, "claim": 2, "note": 1}}
    text = run("info", str(path)).stdout
    assert "cards:     10 (7 actors, 2 claims, 1 notes)" in text
    assert "citations: 4" in text


def test_info_of_an_old_board_does_not_upgrade_it(tmp_path: Path):
    path = write_old_board(tmp_path / "old.evboard", 1,
                           without_newer_fields(every_field_entities(), 1))
    before = fingerprint(path)
    info = json.loads(run("info", str(path), "--json").stdout)
    assert info["cards"] == 10
    assert fingerprint(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.evboard"]


def test_new_creates_a_board_and_refuses_existing_paths(tmp_path: Path):
    board = tmp_path / "case.evboard"
    proc = run("new", str(board))
    assert proc.returncode == 0 and proc.stdout.strip() == f"created {board}"
    assert run("check", str(board)).returncode == 0
    before = fingerprint(board)
    assert_one_line_error(run("new", str(board)), "already exists; choose another name")
    assert fingerprint(board) == before
    folder = tmp_path / "folder.evboard"
    folder.mkdir()
    assert_one_line_error(run("new", str(folder)), "already exists")
    assert_one_line_error(run("new", str(tmp_path / "no" / "x.evboard")),
                          "the folder", "does not exist")


def _python_for_nobody(root: Path) -> str | None:
    """A Python the user ``nobody`` can run that imports this checkout (the venv's may
    live under /root, which nobody cannot enter)."""
    import subprocess
    for exe in (os.path.realpath(sys.executable), "/usr/bin/python3"):
        try:
            probe = subprocess.run([exe, "-c", "import evidenceboard.cli.main"],
                                   capture_output=True, env={"PYTHONPATH": str(root)},
                                   user=65534, group=65534, cwd="/", timeout=60)
        except OSError:
            continue
        if probe.returncode == 0:
            return exe
    return None


def test_unreadable_path_is_one_line(tmp_path: Path):
    """Root reads any file whatever its mode, so as root the commands run as the
    unprivileged user ``nobody`` (uid 65534), for whom a mode-000 file is unreadable."""
    import subprocess
    import tempfile
    root = Path(__file__).resolve().parents[2]
    folder = Path(tempfile.mkdtemp(prefix="evboard-unreadable-"))
    try:
        folder.chmod(0o755)
        path = create_board_file(folder / "secret.evboard", every_field_entities())
        path.chmod(0)
        if os.geteuid() == 0:
            exe = _python_for_nobody(root)
            if exe is None:
                pytest.skip("running as root, and no Python here can run as nobody")

            def as_user(*args: str) -> subprocess.CompletedProcess[str]:
                env = {"PYTHONPATH": str(root), "HOME": str(folder)}
                return subprocess.run([exe, "-m", "evidenceboard", *args],
                                      capture_output=True, text=True, env=env, timeout=120,
                                      user=65534, group=65534, cwd=str(folder))
        else:
            as_user = run
        assert_one_line_error(as_user("check", str(path)), "cannot read the file",
                              "Permission denied")
        assert_one_line_error(as_user("info", str(path)), "cannot read the file",
                              "Permission denied")
    finally:
        for p in folder.iterdir():
            p.chmod(0o644)
            p.unlink()
        folder.rmdir()
