"""``evidenceboard layout`` on a real board file, run as a real process: the file holds
the layout (pinned cards where they were, no overlaps), errors are one line and leave
the file as it was."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from test_cli import assert_one_line_error, run

from evidenceboard.analysis.arrange import card_boxes, overlapping_pairs
from evidenceboard.document import Document
from evidenceboard.model import edits


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    from evidenceboard.demo import write_demo_board

    return write_demo_board(tmp_path_factory.mktemp("cli") / "demo.evboard")


def board_copy(demo: Path, tmp_path: Path) -> Path:
    path = tmp_path / "b.evboard"
    shutil.copyfile(demo, path)
    return path


def cards_of(path: Path) -> dict[str, tuple[float, float]]:
    doc = Document.open(path, read_only=True)
    try:
        return {i: (c.x, c.y) for i, c in doc.board.cards.items()}
    finally:
        doc.close()


@pytest.mark.parametrize("args", [["--method", "force"], ["--method", "hierarchy"],
                                  ["--method", "circle"],
                                  ["--method", "radial", "--center", "khalifa haftar"],
                                  ["--method", "groups", "--by", "source"],
                                  ["--method", "groups", "--by", "cluster"]])
def test_layout_writes_the_board(demo, tmp_path, args):
    path = board_copy(demo, tmp_path)
    doc = Document.open(path)
    pin = sorted(doc.board.cards)[0]
    doc.apply(edits.pin_cards(doc.board, [pin], True))
    doc.close()
    before = cards_of(path)
    proc = run("layout", str(path), *args)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.strip().splitlines()
    assert len(lines) == 1 and "layout: moved" in lines[0] and "0 overlaps" in lines[0]
    assert "1 pinned stayed" in lines[0]
    after = cards_of(path)
    assert after[pin] == before[pin]
    assert sum(after[i] != before[i] for i in after) > len(after) // 2
    doc = Document.open(path, read_only=True)
    try:
        assert overlapping_pairs(card_boxes(doc.board, doc.board.cards)) == []
    finally:
        doc.close()


def test_layout_of_a_selection_moves_only_it(demo, tmp_path):
    path = board_copy(demo, tmp_path)
    before = cards_of(path)
    chosen = sorted(before)[:10]
    proc = run("layout", str(path), "--method", "circle", "--selection", ",".join(chosen))
    assert proc.returncode == 0, proc.stderr
    after = cards_of(path)
    assert {i for i in after if after[i] != before[i]} <= set(chosen)
    assert "of 10 cards" in proc.stdout


@pytest.mark.parametrize(("args", "words"), [
    (["--method", "radial"], ["--center"]),
    (["--method", "radial", "--center", "Nobody At All"], ["no card is called"]),
    (["--method", "force", "--center", "x"], ["radial"]),
    (["--method", "circle", "--selection", "not-an-id"], ["not-an-id"]),
])
def test_layout_errors_are_one_line_and_change_nothing(demo, tmp_path, args, words):
    path = board_copy(demo, tmp_path)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    assert_one_line_error(run("layout", str(path), *args), *words)
    assert cards_of(path) == cards_of(demo)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest


def test_layout_of_a_missing_file(tmp_path):
    assert_one_line_error(run("layout", str(tmp_path / "none.evboard"), "--method", "force"),
                          "no such file")
    proc = run("layout", str(tmp_path / "none.evboard"), "--method", "spiral")
    assert proc.returncode == 2 and "invalid choice" in proc.stderr
