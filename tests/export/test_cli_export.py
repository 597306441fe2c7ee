"""`evidenceboard export` and `evidenceboard import` of every format, as real processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from export_boards import write_rich_board

from evidenceboard.document import Document
from evidenceboard.formats.board_json import board_json_bytes


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.pop("DISPLAY", None)
    return subprocess.run([sys.executable, "-m", "evidenceboard", *args], capture_output=True,
                          text=True, env=env, timeout=180)


FORMATS = [("json", "b.json"), ("canvas", "b.canvas"), ("graphml", "b.graphml"),
           ("ftm", "b.ftm.jsonl"), ("csv", "b.csv"), ("report", "b.html"),
           ("report", "b.pdf")]


@pytest.mark.parametrize("fmt, name", FORMATS, ids=[n for _, n in FORMATS])
def test_cli_export(tmp_path: Path, fmt: str, name: str):
    board = write_rich_board(tmp_path / "case.evboard")
    before = board.read_bytes()
    out = tmp_path / name
    proc = run("export", str(board), "--format", fmt, "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    if fmt == "csv":
        written = [tmp_path / f"b.{t}.csv" for t in ("cards", "links", "citations")]
    else:
        written = [out]
    assert proc.stdout.splitlines() == [f"wrote {p}" for p in written]
    assert all(p.stat().st_size > 0 for p in written)
    assert board.read_bytes() == before  # exporting opens the board read-only


def test_cli_selection_export(tmp_path: Path):
    board = write_rich_board(tmp_path / "case.evboard")
    out = tmp_path / "sel.json"
    proc = run("export", str(board), "--format", "json", "--out", str(out),
               "--selection-of", "card-haftar,card-saddam")
    assert proc.returncode == 0, proc.stderr
    assert [c["id"] for c in json.loads(out.read_text("utf-8"))["cards"]] == \
        ["card-haftar", "card-saddam"]


@pytest.mark.parametrize("fmt, name", FORMATS[:5], ids=[n for _, n in FORMATS[:5]])
def test_cli_import_of_each_format(tmp_path: Path, fmt: str, name: str):
    board = write_rich_board(tmp_path / "case.evboard")
    out = tmp_path / name
    assert run("export", str(board), "--format", fmt, "--out", str(out)).returncode == 0
    if fmt == "csv":
        out = tmp_path / "b.cards.csv"
    target = tmp_path / "new.evboard"
    proc = run("import", str(target), str(out))
    assert proc.returncode == 0, proc.stderr
    doc = Document.open(target, read_only=True)
    try:
        titles = sorted(c.title for c in doc.board.cards.values())
        n_links = len(doc.board.links)
        data = board_json_bytes(doc.board)
    finally:
        doc.close()
    src = Document.open(board, read_only=True)
    try:
        assert titles == sorted(c.title for c in src.board.cards.values())
        assert n_links == len(src.board.links)
        if fmt == "json":
            assert data == board_json_bytes(src.board)
    finally:
        src.close()
