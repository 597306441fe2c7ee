"""`evidenceboard import` and `new --demo` from the command line: real processes, real
files.  Bad input: exit 2, one line, the board's bytes unchanged.  A killed import leaves
the whole import or none of it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from evidenceboard.document import Document
from evidenceboard.paths import seeds_dir
from evidenceboard.store import check_board_file

#: A guard against hangs, not a timing assertion.
HANG = 60


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "evidenceboard", *args], capture_output=True,
                          text=True, timeout=HANG, cwd=cwd)


def _seeds() -> list[str]:
    return [str(p) for p in sorted(seeds_dir().glob("*.txt"))]


def test_import_creates_the_board_and_reports(tmp_path):
    board = tmp_path / "case.evboard"
    r = run("import", str(board), *_seeds()[:2])
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("imported 2 sources:")
    check_board_file(board)
    r = run("import", str(board), _seeds()[0])
    assert r.returncode == 0
    assert "nothing new" in r.stdout


def test_new_demo_writes_the_demo_board(tmp_path):
    path = tmp_path / "demo.evboard"
    r = run("new", str(path), "--demo")
    assert r.returncode == 0, r.stderr
    doc = Document.open(path, read_only=True)
    try:
        board = doc.board
        assert len(board.sources) == 5
        assert doc.board.settings["name"].value == "Haftar affair (demo)"
        for c in board.citations.values():
            assert board.sources[c.source_id].text[c.start:c.end] == c.quote
        titles = {c.title for c in board.cards.values() if c.kind == "actor"}
        assert {"Khalifa Haftar", "Saddam Haftar", "Libyan National Army", "P4-RMA"} <= titles
    finally:
        doc.close()


def _bad_inputs(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    d = tmp_path / "bad"
    d.mkdir()
    out = {}
    (d / "empty.txt").write_bytes(b"")
    out["empty"] = (d / "empty.txt", "is empty")
    (d / "blob.txt").write_bytes(os.urandom(4096).replace(b"%PDF", b"xxxx") + b"\x00")
    out["binary"] = (d / "blob.txt", "binary")
    (d / "latin.txt").write_bytes("Le caf\xe9 du port a ferm\xe9.".encode("latin-1"))
    out["invalid utf-8"] = (d / "latin.txt", "not valid UTF-8")
    with (d / "huge.txt").open("wb") as f:
        f.truncate(20_000_000)
    out["20 MB"] = (d / "huge.txt", "too large")
    (d / "nav.html").write_text("<!DOCTYPE html><html><body><nav><a href='/'>Home</a></nav>"
                                "<p>Subscribe!</p></body></html>", "utf-8")
    out["html without article"] = (d / "nav.html", "without an article")
    return out


def test_bad_input_gets_one_line_exit_2_and_the_board_is_unchanged(tmp_path):
    board = tmp_path / "case.evboard"
    assert run("import", str(board), _seeds()[0]).returncode == 0
    before = board.read_bytes()
    for what, (path, message) in _bad_inputs(tmp_path).items():
        r = run("import", str(board), _seeds()[1], str(path))
        assert r.returncode == 2, (what, r.stderr)
        lines = r.stderr.strip().splitlines()
        assert len(lines) == 1, (what, r.stderr)
        assert lines[0].startswith(f"evidenceboard: {path}: "), lines[0]
        assert message in lines[0], (what, lines[0])
        assert "Traceback" not in r.stderr
        assert board.read_bytes() == before, what


def _many_articles(folder: Path, n: int) -> list[str]:
    """Distinct articles (the seeds with a numbered note) so the import takes a while."""
    paths = []
    seeds = sorted(seeds_dir().glob("*.txt"))
    for i in range(n):
        src = seeds[i % len(seeds)]
        p = folder / f"a{i:03d}.txt"
        p.write_text(src.read_text("utf-8") + f"\n\nCopy {i} for the kill test.\n", "utf-8")
        paths.append(str(p))
    return paths


@pytest.mark.slow
def test_a_killed_import_leaves_all_of_it_or_none(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    files = _many_articles(folder, 40)
    outcomes = []
    for n, delay in enumerate((0.2, 0.6, 1.0, 1.4, 1.8, 2.4, 3.0)):
        board = tmp_path / f"k{n}.evboard"
        assert run("import", str(board), _seeds()[0]).returncode == 0  # a board with content
        p = subprocess.Popen([sys.executable, "-m", "evidenceboard", "import", str(board),
                              *files], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        p.send_signal(signal.SIGKILL)
        p.wait(timeout=HANG)
        check_board_file(board)
        doc = Document.open(board)
        try:
            n_sources = len(doc.board.sources)
            for c in doc.board.citations.values():
                assert doc.board.sources[c.source_id].text[c.start:c.end] == c.quote
        finally:
            doc.close()
        assert n_sources in (1, 41), n_sources
        outcomes.append(n_sources)
    # the board stays usable after a kill: importing again completes
    r = run("import", str(tmp_path / "k0.evboard"), *files[:2])
    assert r.returncode == 0, r.stderr
    print("sources after each kill:", outcomes)
