"""Older board formats are upgraded on a copy; the original is kept byte for byte.

The old files are built by the tests from the frozen DDL of their version
(:data:`evidenceboard.store.ddl.DDL`), the way that version of EvidenceBoard wrote them.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from store_boards import (
    by_id,
    every_field_entities,
    fingerprint,
    without_newer_fields,
    write_old_board,
)

from evidenceboard.model import Card
from evidenceboard.store import SCHEMA_VERSION, BoardStore, check_board_file
from evidenceboard.store.ddl import DDL
from evidenceboard.store.migrations import backup_path
from evidenceboard.synthetic import synthetic_entities

OLD_VERSIONS = [v for v in DDL if v < SCHEMA_VERSION]
CHILD = Path(__file__).with_name("store_child.py")


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def user_version(path: Path) -> int:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return con.execute("PRAGMA user_version").fetchone()[0]
    finally:
        con.close()


def test_there_is_an_older_version_to_migrate():
    assert list(range(1, SCHEMA_VERSION)) == OLD_VERSIONS


@pytest.mark.parametrize("version", OLD_VERSIONS)
def test_migration_keeps_every_row_and_the_original(tmp_path: Path, version: int):
    entities = without_newer_fields(every_field_entities(), version)
    path = write_old_board(tmp_path / "old.evboard", version, entities)
    original = sha(path)
    check = check_board_file(path)
    assert check.version == version and check.needs_migration
    with BoardStore.open(path) as store:
        board = store.load()
    assert by_id(board.entities()) == by_id(entities)
    assert user_version(path) == SCHEMA_VERSION
    assert not check_board_file(path).needs_migration
    backup = backup_path(path, version)
    assert backup.name == f"old.v{version}.evboard.bak"
    assert sha(backup) == original, "the backup is not the original bytes"
    assert check_board_file(backup).version == version
    # Reopening does not migrate or back up again.
    with BoardStore.open(path) as store:
        assert by_id(store.load().entities()) == by_id(entities)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.evboard", backup.name]


def _v1_left_with_a_log(path: Path) -> list:
    """A v1 board whose writer was killed: its last commits are only in ``-wal``."""
    entities = without_newer_fields(every_field_entities(), 1)
    live = path.with_name("live.evboard")
    write_old_board(live, 1, entities, journal="WAL")
    con = sqlite3.connect(live, isolation_level=None)
    con.execute("PRAGMA wal_autocheckpoint=0")
    con.execute("INSERT INTO card (id, kind, title, body, x, y, width, height, aliases) "
                "VALUES ('late', 'note', 'only in the log', '', 1, 2, 3, 4, '[]')")
    # Copy the pair while the writer still has it open: what a kill leaves behind.
    shutil.copyfile(live, path)
    shutil.copyfile(f"{live}-wal", f"{path}-wal")
    con.close()
    for p in live.parent.glob("live.evboard*"):
        p.unlink()
    return [*entities, Card(id="late", kind="note", title="only in the log", x=1, y=2,
                            width=3, height=4)]


def test_migration_of_a_file_left_with_a_log(tmp_path: Path):
    path = tmp_path / "crashed.evboard"
    want = _v1_left_with_a_log(path)
    main_bytes, wal_bytes = sha(path), sha(Path(f"{path}-wal"))
    with BoardStore.open(path) as store:
        assert by_id(store.load().entities()) == by_id(want)
    # The log was folded in before the upgrade and did not survive beside the new file
    # (replayed onto it, it would corrupt it).
    assert not Path(f"{path}-wal").exists()
    with BoardStore.open(path) as store:
        assert by_id(store.load().entities()) == by_id(want)
    backup = backup_path(path, 1)
    assert sha(backup) == main_bytes and sha(Path(f"{backup}-wal")) == wal_bytes
    # The kept pair still opens as the original board, log included.
    check_board_file(backup)


def test_a_different_earlier_backup_is_never_overwritten(tmp_path: Path):
    path = tmp_path / "b.evboard"
    earlier = backup_path(path, 1)
    earlier.write_bytes(b"an earlier board of the same name")
    write_old_board(path, 1, without_newer_fields(every_field_entities(), 1))
    original = sha(path)
    BoardStore.open(path).close()
    assert earlier.read_bytes() == b"an earlier board of the same name"
    second = backup_path(path, 1, 2)
    assert second.name == "b.v1-2.evboard.bak" and sha(second) == original


def test_read_only_open_shows_an_old_board_upgraded_without_touching_it(tmp_path: Path):
    entities = without_newer_fields(every_field_entities(), 1)
    path = write_old_board(tmp_path / "ro.evboard", 1, entities)
    before = fingerprint(path)
    with BoardStore.open(path, read_only=True) as store:
        assert by_id(store.load().entities()) == by_id(entities)
    assert fingerprint(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ro.evboard"]


@pytest.mark.slow
def test_kill_during_migration_leaves_old_or_new_never_a_mixture(tmp_path: Path):
    """Kill the upgrading process at random moments.  Each time the board's path holds
    the untouched original or the complete upgraded board, and a backup that exists is
    the original bytes.  The last open finishes the job."""
    entities = without_newer_fields(synthetic_entities(2500, 3000, seed=3), 1)
    pristine = write_old_board(tmp_path / "pristine.evboard", 1, entities)
    original = sha(pristine)
    want = by_id(entities)
    rng = random.Random(5)
    # How long one whole upgrade takes here, so the kills land inside it.
    timing = tmp_path / "timing.evboard"
    shutil.copyfile(pristine, timing)
    child = subprocess.Popen([sys.executable, str(CHILD), "migrate", str(timing)],
                             stdout=subprocess.PIPE, text=True)
    child.stdout.readline()  # type: ignore[union-attr]
    t0 = time.monotonic()
    child.stdout.readline()  # type: ignore[union-attr]
    duration = time.monotonic() - t0
    child.wait(timeout=30)
    outcomes = {"old": 0, "new": 0}
    for i in range(8):
        path = tmp_path / f"m{i}.evboard"
        shutil.copyfile(pristine, path)
        child = subprocess.Popen([sys.executable, str(CHILD), "migrate", str(path)],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        child.stdout.readline()  # type: ignore[union-attr]  # "ready": it is about to open
        time.sleep(rng.uniform(0, duration))
        child.send_signal(signal.SIGKILL)
        child.communicate(timeout=30)
        if sha(path) == original:
            outcomes["old"] += 1
        else:
            outcomes["new"] += 1
            assert user_version(path) == SCHEMA_VERSION
            check_board_file(path)
        backup = backup_path(path, 1)
        if backup.exists():
            assert sha(backup) == original, "a partial backup was left"
        with BoardStore.open(path) as store:  # finishes (or redoes) the upgrade
            assert by_id(store.load().entities()) == want
        assert sha(backup_path(path, 1)) == original
        assert not backup_path(path, 1, 2).exists(), "the original was backed up twice"
    print("migration kill outcomes", outcomes)
    assert outcomes["old"] + outcomes["new"] == 8


def _flock_free(lock: Path) -> bool:
    """Whether nobody holds the lock file (another open file description of it can take
    it; a holder in this very process counts too, flock being per open file)."""
    import fcntl
    if not lock.exists():
        return True
    fd = os.open(lock, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(fd)
    return True


def test_an_upgraded_board_is_locked_by_its_new_identity(tmp_path: Path):
    """Upgrading in place writes a new file (a new inode) under the board's name: the
    identity lock follows it.  Keyed to the old inode it would lock a file that is gone
    (and whatever board later reuses its number) and leave the upgraded file with no
    identity lock, so a second name of it would open for writing too."""
    from evidenceboard.store.files import _identity_lock_dir, file_identity
    version = OLD_VERSIONS[-1]
    entities = without_newer_fields(every_field_entities(), version)
    path = write_old_board(tmp_path / "old.evboard", version, entities)
    before = file_identity(path)
    folder = _identity_lock_dir()
    assert before is not None and folder is not None
    with BoardStore.open(path) as store:
        after = file_identity(path)
        assert after is not None and after != before
        assert not store.read_only, store.read_only_reason
        assert _flock_free(folder / f"{before[0]:x}-{before[1]:x}.lock")
        assert not _flock_free(folder / f"{after[0]:x}-{after[1]:x}.lock")
    assert _flock_free(folder / f"{after[0]:x}-{after[1]:x}.lock")
