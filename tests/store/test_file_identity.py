"""A board file whatever its names, permissions and neighbours (issue 11 items 4, 8, 10).

* One writer per file, whatever path reaches it: a second name (hard link), a rename
  while open; a failed write is called harmless only after the file was checked.
* Rewriting a board (closing, Save As, migration) keeps its mode; a board opened and
  closed without a change - a refused or empty import - keeps every byte.
* Temporary and lock files are never written through a link someone put in their place.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from headless import needs_pyside
from store_boards import every_field_entities, without_newer_fields, write_old_board
from store_child import first_edit, numbered_edit

from evidenceboard.document import Document
from evidenceboard.model import Card, Edit, Setting, edits
from evidenceboard.store import (
    BoardStore,
    ReadOnlyError,
    StoreWriteError,
    check_board_file,
    create_board_file,
)
from evidenceboard.store.fileformat import SCHEMA_VERSION

CLI = [sys.executable, "-m", "evidenceboard"]


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def cards_in(path: Path) -> set[str]:
    check_board_file(path)
    with BoardStore.open(path, read_only=True) as store:
        return set(store.load().cards)


# ----------------------------------------------------------------- 4. one writer
def test_two_hard_links_give_one_writer_and_lose_nothing(tmp_path: Path):
    a, b = tmp_path / "a.evboard", tmp_path / "b.evboard"
    create_board_file(a)
    first = BoardStore.open(a)
    first.commit(first_edit())
    os.link(a, b)  # a second name for the open board
    second = BoardStore.open(b)
    assert not first.read_only
    assert second.read_only and "2 names (hard links)" in second.read_only_reason
    acknowledged, refused = [], 0
    for n in range(1, 41):
        store = first if n % 2 else second
        try:
            store.commit(Edit(f"edit {n}", (Card(id=f"card-{n}", kind="note",
                                                 title=f"note {n}"),)))
        except ReadOnlyError:
            refused += 1
        else:
            acknowledged.append(f"card-{n}")
    second.close()
    first.close()
    assert refused == 20 and len(acknowledged) == 20
    for name in (a, b):  # the same file under both names: valid, every acknowledged edit
        assert set(acknowledged) <= cards_in(name)
    assert os.path.samefile(a, b), "closing replaced the file under one of its names"


def test_a_board_with_two_names_opens_read_only_saying_why(tmp_path: Path):
    a, b = tmp_path / "a.evboard", tmp_path / "links" / "b.evboard"
    b.parent.mkdir()
    create_board_file(a)
    os.link(a, b)
    for name in (a, b):
        with BoardStore.open(name) as store:
            assert store.read_only_reason == (
                "this board file has 2 names (hard links), and writing it under two "
                "names would corrupt it; it is shown read-only")
            with pytest.raises(ReadOnlyError):
                store.commit(first_edit())


def test_a_board_renamed_while_open_still_has_one_writer(tmp_path: Path):
    """The lock follows the file, not its name."""
    a, c = tmp_path / "a.evboard", tmp_path / "c.evboard"
    create_board_file(a)
    first = BoardStore.open(a)
    first.commit(first_edit())
    os.rename(a, c)
    with BoardStore.open(c) as second:
        assert second.read_only
        assert "open in another EvidenceBoard window under another name" in \
            second.read_only_reason
        second.load()  # (the board as last saved: the writer's log has its old name)
    first.commit(numbered_edit(1))
    first.close()
    assert not a.exists(), "closing re-created the board under its old name"
    assert {"card-0", "card-1"} <= cards_in(c)


def test_a_failed_write_is_called_intact_only_after_checking(tmp_path: Path):
    path = tmp_path / "hurt.evboard"
    doc = Document.create(path)
    doc.apply(first_edit())
    for n in range(1, 30):
        doc.apply(numbered_edit(n))
    con = doc.store._con  # (the store's own connection: checkpoint, then cap its size)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    pages = con.execute("PRAGMA page_count").fetchone()[0]
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute("SELECT rootpage FROM sqlite_schema WHERE name = 'link'").fetchone()[0]
    # Another program breaks the file: the link table's first page is no b-tree page.
    with open(path, "r+b") as f:
        f.seek((root - 1) * page_size)
        f.write(b"\xff" * 16)
    other = sqlite3.connect(path)  # ... and writes, so our cached pages are stale
    other.execute("INSERT OR REPLACE INTO setting VALUES ('other', 'x')")
    other.commit()
    other.close()
    con.execute(f"PRAGMA max_page_count={pages}")
    with pytest.raises(StoreWriteError) as e:
        doc.apply(edits.put("big", Setting("big", "x" * 200_000)))
    message = str(e.value)
    assert message.startswith("could not save: the disk is full; the change was not made")
    assert "intact" not in message
    assert "may be damaged" in message and "evidenceboard check" in message
    doc.store.close()


# ----------------------------------------------------------------- 8. mode and bytes
def test_closing_save_as_and_migration_keep_the_mode(tmp_path: Path):
    path = tmp_path / "private.evboard"
    create_board_file(path)
    os.chmod(path, 0o600)
    doc = Document.open(path)
    doc.apply(first_edit())
    new_copy = doc.store.save_copy(tmp_path / "copy.evboard")
    existing = tmp_path / "existing.evboard"
    create_board_file(existing)
    os.chmod(existing, 0o640)
    doc.store.save_copy(existing)
    doc.close()
    assert mode(path) == 0o600
    assert mode(new_copy) == 0o600, "a copy of a private board is private"
    assert mode(existing) == 0o640, "a board replaced by Save As keeps its mode"
    old = write_old_board(tmp_path / "old.evboard", 1,
                          without_newer_fields(every_field_entities(), 1))
    os.chmod(old, 0o600)
    with BoardStore.open(old):
        pass
    assert check_board_file(old).version == SCHEMA_VERSION and mode(old) == 0o600
    fresh = create_board_file(tmp_path / "fresh.evboard")
    assert mode(fresh) == 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, cwd=cwd,
                          timeout=300)


def test_refused_and_empty_imports_leave_the_file_byte_identical(tmp_path: Path):
    path = tmp_path / "case.evboard"
    article = tmp_path / "article.txt"
    article.write_text("General Khalifa Haftar met Prime Minister Abdul Hamid Dbeibah in "
                       "Rome on Tuesday, officials said. Dbeibah denied any deal.\n",
                       "utf-8")
    assert _run("import", str(path), str(article), cwd=tmp_path).returncode == 0
    os.chmod(path, 0o600)
    before = (sha(path), mode(path), os.stat(path).st_ino)
    empty = _run("import", str(path), str(article), cwd=tmp_path)  # nothing new
    assert empty.returncode == 0 and "nothing new" in empty.stdout
    assert (sha(path), mode(path), os.stat(path).st_ino) == before
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x01\x02binary\x00stuff" * 20)
    refused = _run("import", str(path), str(binary), cwd=tmp_path)
    assert refused.returncode == 2
    assert (sha(path), mode(path), os.stat(path).st_ino) == before
    dry = _run("relations", str(path), "--dry-run", cwd=tmp_path)
    assert dry.returncode == 0
    with BoardStore.open(path) as store:  # opened for writing, nothing written
        store.load()
    assert (sha(path), mode(path), os.stat(path).st_ino) == before


# ----------------------------------------------------------------- 10. planted links
def test_a_dangling_lock_link_is_never_followed(tmp_path: Path):
    path = tmp_path / "b.evboard"
    create_board_file(path)
    target = tmp_path / "elsewhere" / "made-by-us"
    target.parent.mkdir()
    (tmp_path / ".b.evboard.lock").symlink_to(target)
    with BoardStore.open(path) as store:
        assert store.read_only
        assert store.read_only_reason == ("its lock file .b.evboard.lock is a link, not a "
                                          "file; it is shown read-only")
    assert not target.exists()
    assert (tmp_path / ".b.evboard.lock").is_symlink()


def test_temporary_names_with_links_planted_on_them_are_never_written_through(
        tmp_path: Path):
    path = tmp_path / "b.evboard"
    create_board_file(path)
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", "utf-8")
    names = [f".b.evboard{s}" for s in (".compact", ".saving", ".migrating", ".tmp")]
    names += [".copy.evboard.saving", ".copy.evboard.tmp"]
    for name in names:
        (tmp_path / name).symlink_to(victim)
    doc = Document.open(path)
    doc.apply(first_edit())
    doc.store.save_copy(tmp_path / "copy.evboard")
    doc.close()
    # A board of an older format: its migration writes a backup and an upgraded copy.
    old = write_old_board(tmp_path / "old.evboard", 1,
                          without_newer_fields(every_field_entities(), 1))
    old_names = [".old.evboard.migrating", ".old.v1.evboard.bak.tmp"]
    for name in old_names:
        (tmp_path / name).symlink_to(victim)
    with BoardStore.open(old) as store:
        assert not store.read_only
    assert check_board_file(old).version == SCHEMA_VERSION
    assert victim.read_text("utf-8") == "precious"
    assert {"card-0"} <= cards_in(path) and {"card-0"} <= cards_in(tmp_path / "copy.evboard")
    left = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("."))
    assert set(left) <= set(names + old_names), left  # (ours are gone; links are names)


@pytest.mark.parametrize("fmt,out", [("json", "out.json"),
                                     pytest.param("svg", "out.svg", marks=needs_pyside),
                                     ("graphml", "out.graphml"), ("csv", "out.csv")])
def test_export_never_writes_through_a_planted_part_link(tmp_path: Path, fmt: str,
                                                         out: str):
    path = tmp_path / "b.evboard"
    doc = Document.create(path)
    doc.apply(first_edit())
    doc.close()
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", "utf-8")
    targets = [out] if fmt != "csv" else ["out.cards.csv", "out.links.csv",
                                          "out.citations.csv"]
    for t in targets:
        (tmp_path / f".{t}.part").symlink_to(victim)
    existing = tmp_path / targets[0]
    existing.write_text("old", "utf-8")
    os.chmod(existing, 0o600)
    run = _run("export", str(path), "--format", fmt, "--out", str(tmp_path / out),
               cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert victim.read_text("utf-8") == "precious"
    assert existing.read_text("utf-8") != "old" and mode(existing) == 0o600
    for t in targets:
        assert (tmp_path / f".{t}.part").is_symlink()


HOLD_IDENTITY = r"""
import fcntl, os, sys, time
lock, board, hold_board = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
os.write(fd, f"{os.getpid()}\n".encode())
old = time.time() - 60
os.utime(lock, (old, old))
kept = os.open(board, os.O_RDONLY) if hold_board else None
print("held", flush=True)
time.sleep(60)
"""


@pytest.mark.parametrize("holds_board", [False, True])
def test_an_identity_lock_left_on_a_reused_inode_does_not_lock_a_new_board(
        tmp_path: Path, holds_board: bool):
    """A process holding the identity lock of (dev, ino) without having any file of that
    identity open holds it for a board that is gone (the inode was freed, then reused
    for this new board): the new board opens for writing.  One that has the file open
    really has it open under another name: read-only, as before."""
    from evidenceboard.store.files import _identity_lock_dir, file_identity
    path = tmp_path / "new.evboard"
    create_board_file(path)
    ident = file_identity(path)
    folder = _identity_lock_dir()
    assert ident is not None and folder is not None
    lock = folder / f"{ident[0]:x}-{ident[1]:x}.lock"
    child = subprocess.Popen([sys.executable, "-c", HOLD_IDENTITY, str(lock), str(path),
                              "1" if holds_board else "0"], stdout=subprocess.PIPE,
                             text=True)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "held"
        with BoardStore.open(path) as store:
            assert store.read_only == holds_board, store.read_only_reason
            if not holds_board:
                store.commit(first_edit())
    finally:
        child.kill()
        child.communicate(timeout=30)
    if not holds_board:
        assert "card-0" in cards_in(path)
