"""Files that are not good boards are refused with their own one-line sentence, quickly,
and are never changed (nor their side files, nor the folder they are in)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from bad_files import CORPUS, BadFile
from store_boards import fingerprint

from evidenceboard.document import Document
from evidenceboard.store import (
    BoardFileError,
    DamagedBoardError,
    HostileBoardError,
    SlowCheckError,
    check_board_file,
)
from evidenceboard.synthetic import write_synthetic_board


def folder_state(folder: Path) -> list[str]:
    return sorted(os.listdir(folder))


def test_the_corpus_has_at_least_30_kinds():
    assert len(CORPUS) >= 30


def assert_refused(case: BadFile, path: Path, opener) -> str:
    before, listing = fingerprint(path), folder_state(path.parent)
    t0 = time.perf_counter()
    with pytest.raises(BoardFileError) as info:
        opener(path)
    elapsed = time.perf_counter() - t0
    message = str(info.value)
    assert isinstance(info.value, case.error), (type(info.value), message)
    assert case.words in message, message
    assert "\n" not in message and len(message) < 220, message
    assert "Traceback" not in message
    # The bound for a refusal; measured refusals take 1-150 ms, so this cannot
    # flake on a busy machine, and it catches a hang turned into a slow scan.
    assert elapsed < 2.0, f"{case.name} took {elapsed:.2f} s"
    assert fingerprint(path) == before, "the refused file or its side files changed"
    assert folder_state(path.parent) == listing, "files appeared or vanished beside it"
    return message


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_bad_file_is_refused_by_check(tmp_path: Path, name: str):
    case = CORPUS[name]
    path = tmp_path / "bad.evboard"
    case.make(path)
    assert_refused(case, path, check_board_file)


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_bad_file_is_refused_when_opened_for_editing(tmp_path: Path, name: str):
    """The app's way in (open for writing, which takes the lock and may migrate) refuses
    the same file with the same sentence and leaves nothing behind."""
    case = CORPUS[name]
    path = tmp_path / "bad.evboard"
    case.make(path)
    assert_refused(case, path, Document.open)
    assert_refused(case, path, lambda p: Document.open(p, read_only=True))


def test_messages_are_specific():
    """No two kinds share one exact expectation unless they are the same kind of fault."""
    words = [c.words for c in CORPUS.values() if c.words != "damaged:"]
    assert len(set(words)) >= 30


def test_unreadable_file():
    """A file its reader may not read.  Root reads any file whatever its mode, so as root
    the check runs with the effective uid of ``nobody`` (65534) for a moment."""
    import tempfile
    folder = Path(tempfile.mkdtemp(prefix="evboard-unreadable-"))
    folder.chmod(0o755)
    path = folder / "locked.evboard"
    write_synthetic_board(path, cards=3, links=2)
    before = fingerprint(path)
    path.chmod(0)
    as_root = os.geteuid() == 0
    try:
        if as_root:
            os.setegid(65534)
            os.seteuid(65534)
        with pytest.raises(BoardFileError) as info:
            check_board_file(path)
        with pytest.raises(BoardFileError) as info2:
            Document.open(path)
    finally:
        if as_root:
            os.seteuid(0)
            os.setegid(0)
        path.chmod(0o644)
    assert str(info.value) == "cannot read the file: Permission denied"
    assert str(info2.value) == "cannot read the file: Permission denied"
    assert fingerprint(path) == before
    assert sorted(os.listdir(folder)) == ["locked.evboard"]
    path.unlink()
    folder.rmdir()


def test_side_file_that_is_not_a_file_is_refused(tmp_path: Path):
    """A -wal that is a folder (SQLite could not open the board for writing) is refused
    rather than skipped."""
    path = tmp_path / "b.evboard"
    write_synthetic_board(path, cards=3, links=2)
    Path(f"{path}-wal").mkdir()
    before = fingerprint(path)
    with pytest.raises(BoardFileError, match=r"its side file b\.evboard-wal is not a file"):
        check_board_file(path)
    assert fingerprint(path) == before


def test_wall_clock_limit_says_slow_not_bad(tmp_path: Path):
    """A wall-clock limit a caller sets (here zero, so the test does not depend on the
    machine's speed) stops the check with a sentence that says the file is slow to check
    and was not judged, never that it is hostile or damaged."""
    path = tmp_path / "big.evboard"
    write_synthetic_board(path, cards=2000, links=2000)
    before = fingerprint(path)
    with pytest.raises(SlowCheckError) as info:
        check_board_file(path, deadline_s=0.0)
    message = str(info.value)
    assert "took longer than 0.0 s" in message and "not judged" in message
    assert not isinstance(info.value, (HostileBoardError, DamagedBoardError))
    assert "hostile" not in message and "damaged" not in message
    assert fingerprint(path) == before
    check_board_file(path)  # with no wall-clock limit it is a good board
