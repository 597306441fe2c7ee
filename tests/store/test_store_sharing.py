"""Two EvidenceBoards on one board, boards left by a killed writer, and Save As."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from store_boards import fingerprint
from store_child import first_edit, numbered_edit

from evidenceboard.document import Document
from evidenceboard.model import Card, edits
from evidenceboard.store import (
    BoardStore,
    ReadOnlyError,
    StoreWriteError,
    check_board_file,
    create_board_file,
)

CHILD = Path(__file__).with_name("store_child.py")


def hold(path: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, str(CHILD), "hold", str(path)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def read_until(child: subprocess.Popen[str], prefix: str) -> str:
    while True:
        line = child.stdout.readline()  # type: ignore[union-attr]
        assert line, child.stderr.read()  # type: ignore[union-attr]
        if line.startswith(prefix):
            return line.strip()


def cards_in(path: Path) -> set[str]:
    check_board_file(path)
    with BoardStore.open(path, read_only=True) as store:
        return set(store.load().cards)


def test_second_process_gets_read_only_and_the_first_still_writes(tmp_path: Path):
    path = tmp_path / "shared.evboard"
    create_board_file(path)
    writer = BoardStore.open(path)
    writer.commit(first_edit())
    writer.commit(numbered_edit(1))
    other = hold(path)
    try:
        notice = read_until(other, "read_only")
        assert "open in another EvidenceBoard window" in notice
        assert "it is shown read-only" in notice
        assert read_until(other, "cards") == "cards 2"  # it sees what was committed
        assert read_until(other, "write") .startswith("write refused cannot save: this "
                                                      "board is open in another")
        for n in range(2, 6):  # the first keeps writing while the second is open
            writer.commit(numbered_edit(n))
    finally:
        other.stdin.write("\n")  # type: ignore[union-attr]
        other.stdin.flush()  # type: ignore[union-attr]
        read_until(other, "closed")
        other.wait(timeout=30)
    writer.close()
    assert cards_in(path) == {"card-0", *(f"card-{n}" for n in range(1, 6))}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["shared.evboard"]


def test_a_reader_that_outlives_the_writer_loses_nothing(tmp_path: Path):
    """Writer A and read-only B; A closes; C opens for writing and commits; B closes.
    Before, B kept the live file open: A's close replaced the file under it, and B (old
    file) and C (new file) shared one -wal and -shm.  Now B reads a snapshot, A's close
    compacts only when nobody else has the file open, and nothing of C's is lost."""
    path = tmp_path / "b.evboard"
    create_board_file(path)
    a = BoardStore.open(path)
    a.commit(first_edit())
    b = hold(path)
    try:
        read_until(b, "write")
        a.close()
        c = BoardStore.open(path)
        assert not c.read_only
        for n in range(1, 4):
            c.commit(numbered_edit(n))
    finally:
        b.stdin.write("\n")  # type: ignore[union-attr]
        b.stdin.flush()  # type: ignore[union-attr]
        read_until(b, "closed")
        b.wait(timeout=30)
    # C is still open: a reader now sees all of its commits ...
    assert cards_in(path) == {"card-0", "card-1", "card-2", "card-3"}
    c.close()
    # ... and after it closed, the file alone holds them.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.evboard"]
    assert cards_in(path) == {"card-0", "card-1", "card-2", "card-3"}


def test_two_windows_of_one_process_exclude_each_other(tmp_path: Path):
    path = tmp_path / "w.evboard"
    create_board_file(path)
    first = Document.open(path)
    second = Document.open(path)
    try:
        assert not first.read_only
        assert second.read_only
        assert "open in another EvidenceBoard window" in second.store.read_only_reason
        with pytest.raises(ReadOnlyError):
            second.apply(edits.put("x", Card.create("note", "refused")))
        assert second.board.cards == {}
        first.apply(edits.put("x", Card.create("note", "kept")))
    finally:
        second.close()
        first.close()
    assert len(cards_in(path)) == 1


def test_opening_a_board_left_by_a_killed_writer_recovers_its_commits(tmp_path: Path):
    path = tmp_path / "crashed.evboard"
    create_board_file(path)
    child = subprocess.Popen([sys.executable, str(CHILD), "commit", str(path), "1"],
                             stdout=subprocess.PIPE, text=True)
    acks = []
    child.stdout.readline()  # type: ignore[union-attr]
    while len(acks) < 30:
        acks.append(int(child.stdout.readline().split()[1]))  # type: ignore[union-attr]
    child.send_signal(signal.SIGKILL)
    out, _ = child.communicate(timeout=30)
    acks += [int(line.split()[1]) for line in out.splitlines() if line.startswith("ack")]
    assert Path(f"{path}-wal").stat().st_size > 0, "the commits should be in the log"
    before = fingerprint(path)
    check_board_file(path)  # validates main file + log on a copy ...
    assert fingerprint(path) == before  # ... without touching either
    doc = Document.open(path)
    assert {f"card-{n}" for n in acks} <= set(doc.board.cards)
    doc.apply(edits.put("after", Card(id="after", kind="note", title="after")))
    doc.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["crashed.evboard"]
    assert "after" in cards_in(path)


def test_save_copy_over_a_board_left_with_a_stale_log(tmp_path: Path):
    """Save As onto a file beside which a killed writer left a -wal: before, SQLite
    replayed that old log onto the new copy, which then showed the OLD board."""
    old = tmp_path / "old.evboard"
    create_board_file(old)
    child = subprocess.Popen([sys.executable, str(CHILD), "commit", str(old), "1"],
                             stdout=subprocess.PIPE, text=True)
    child.stdout.readline()  # type: ignore[union-attr]
    for _ in range(20):
        child.stdout.readline()  # type: ignore[union-attr]
    child.send_signal(signal.SIGKILL)
    child.communicate(timeout=30)
    assert Path(f"{old}-wal").exists()
    src = tmp_path / "new.evboard"
    create_board_file(src)
    with BoardStore.open(src) as store:
        store.commit(first_edit())
        store.commit(edits.put("mine", Card(id="mine", kind="actor", title="mine",
                                            actor_type="person")))
        store.save_copy(old)
    assert cards_in(old) == {"card-0", "mine"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.evboard", "old.evboard"]


def test_save_copy_refuses_a_board_open_elsewhere_and_the_board_itself(tmp_path: Path):
    a, b = tmp_path / "a.evboard", tmp_path / "b.evboard"
    create_board_file(a)
    create_board_file(b)
    with BoardStore.open(a) as store_a, BoardStore.open(b) as store_b:
        store_b.commit(first_edit())
        with pytest.raises(StoreWriteError, match="open in an EvidenceBoard window"):
            store_a.save_copy(b)
        assert store_a.save_copy(a) == a  # already saved: nothing to do
        store_b.commit(numbered_edit(1))
    assert cards_in(b) == {"card-0", "card-1"}


def test_save_copy_writes_one_self_contained_file(tmp_path: Path):
    path = tmp_path / "a.evboard"
    create_board_file(path)
    target = tmp_path / "share.evboard"
    with BoardStore.open(path) as store:
        store.commit(first_edit())
        store.commit(numbered_edit(1))
        assert store.save_copy(target) == target
        store.commit(numbered_edit(2))  # later edits stay in the board, not the copy
    con = sqlite3.connect(target)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    con.close()
    assert cards_in(target) == {"card-0", "card-1"}
    assert cards_in(path) == {"card-0", "card-1", "card-2"}


def test_read_only_store_saves_a_copy_but_never_its_file(tmp_path: Path):
    path = tmp_path / "a.evboard"
    create_board_file(path)
    with BoardStore.open(path) as store:
        store.commit(first_edit())
    before = fingerprint(path)
    with BoardStore.open(path, read_only=True) as ro:
        with pytest.raises(ReadOnlyError):
            ro.commit(numbered_edit(1))
        with pytest.raises(ReadOnlyError):
            ro.save_copy(path)
        ro.save_copy(tmp_path / "copy.evboard")
    assert fingerprint(path) == before
    assert cards_in(tmp_path / "copy.evboard") == {"card-0"}


def test_new_board_never_overwrites(tmp_path: Path):
    path = tmp_path / "x.evboard"
    path.write_bytes(b"precious")
    with pytest.raises(FileExistsError):
        create_board_file(path)
    assert path.read_bytes() == b"precious"
    link = tmp_path / "dangling.evboard"
    os.symlink(tmp_path / "nowhere", link)
    with pytest.raises(FileExistsError):
        create_board_file(link)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dangling.evboard", "x.evboard"]


def test_leftovers_of_a_killed_close_are_removed_on_open(tmp_path: Path):
    path = tmp_path / "a.evboard"
    create_board_file(path)
    for suffix in (".compact", ".saving", ".migrating"):
        (tmp_path / f".a.evboard{suffix}").write_bytes(b"half")
    with BoardStore.open(path):
        pass
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.evboard"]


def test_a_stale_log_beside_a_board_copied_over_a_crashed_one(tmp_path: Path):
    """A user copies a board (one closed file) over one whose writer had crashed, leaving
    its -wal.  That log belongs to the old file: SQLite ignores it while the new file is
    in rollback mode, but switching the file to WAL mode would replay it.  Check and
    read-only opens ignore it without touching it; opening for editing keeps it aside as
    NAME-wal.orphaned and shows the copied board."""
    import shutil
    crashed = tmp_path / "case.evboard"
    create_board_file(crashed)
    child = subprocess.Popen([sys.executable, str(CHILD), "commit", str(crashed), "1"],
                             stdout=subprocess.PIPE, text=True)
    for _ in range(21):
        child.stdout.readline()  # type: ignore[union-attr]
    child.send_signal(signal.SIGKILL)
    child.communicate(timeout=30)
    stale = Path(f"{crashed}-wal").read_bytes()
    assert stale
    mail = tmp_path / "mail.evboard"
    create_board_file(mail, [Card(id="from-mail", kind="note", title="mail")])
    shutil.copyfile(mail, crashed)
    before = fingerprint(crashed)
    check_board_file(crashed)
    assert cards_in(crashed) == {"from-mail"}
    assert fingerprint(crashed) == before
    with BoardStore.open(crashed) as store:
        assert set(store.load().cards) == {"from-mail"}
    assert (tmp_path / "case.evboard-wal.orphaned").read_bytes() == stale
    assert cards_in(crashed) == {"from-mail"}


def test_a_board_reached_through_a_symlink_stays_behind_it(tmp_path: Path):
    """Closing compacts the real file (renaming onto the link would replace the link),
    and two links to one board share one lock."""
    real = tmp_path / "real" / "case.evboard"
    real.parent.mkdir()
    create_board_file(real)
    link = tmp_path / "link.evboard"
    os.symlink(real, link)
    other_link = tmp_path / "other.evboard"
    os.symlink(real, other_link)
    with BoardStore.open(link) as store:
        store.commit(first_edit())
        with BoardStore.open(other_link) as second:
            assert second.read_only
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert cards_in(real) == {"card-0"}
    assert sorted(p.name for p in real.parent.iterdir()) == ["case.evboard"]
