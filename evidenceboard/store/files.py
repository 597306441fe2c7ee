"""File-system steps the store relies on: the open lock, durable renames, side files.

SQLite keeps a board's uncommitted-to-main-file state in side files named after it
(``NAME-wal``, ``NAME-shm``, a rollback ``NAME-journal``).  A side file left beside a path
belongs to whatever file *was* there: if another file is renamed onto that path while a
stale ``-wal`` remains, SQLite replays the old log onto the new file.  So every rename
onto a board's path here first makes sure no side file of the old file survives it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
from pathlib import Path

SIDE_SUFFIXES = ("-wal", "-shm", "-journal")


def side_file(path: Path, suffix: str) -> Path:
    return Path(f"{path}{suffix}")


def fsync_dir(path: Path) -> None:
    """Make a rename in ``path`` durable (a power cut after it keeps the new name)."""
    if sys.platform.startswith("win"):
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_file(path: Path) -> None:
    with open(path, "rb+") as f:
        os.fsync(f.fileno())


def remove_side_files(path: Path) -> None:
    """Delete the side files of the file at ``path`` (call only while nobody has it open)."""
    for suffix in SIDE_SUFFIXES:
        side_file(path, suffix).unlink(missing_ok=True)


def set_aside_stale_log(path: Path) -> Path | None:
    """Move a ``-wal`` that cannot belong to the file at ``path`` (the file is in
    rollback mode: see :func:`.safe_open.uses_wal`) out of SQLite's way before the file
    is switched to WAL mode, which would replay it.  Nothing is deleted: the log is kept
    as ``NAME-wal.orphaned``.  Call only while holding the board's lock."""
    wal = side_file(path, "-wal")
    if not wal.exists():
        side_file(path, "-shm").unlink(missing_ok=True)
        return None
    n = 1
    while True:
        kept = path.with_name(f"{path.name}-wal.orphaned" + ("" if n == 1 else f".{n}"))
        if not kept.exists():
            break
        n += 1
    os.replace(wal, kept)
    side_file(path, "-shm").unlink(missing_ok=True)
    fsync_dir(path.parent)
    return kept


def replace_durably(tmp: Path, target: Path) -> None:
    """Rename the complete, fsynced ``tmp`` onto ``target`` atomically and durably, after
    removing side files the old ``target`` left (they would be replayed onto the new one).

    A kill before the rename leaves the old target, after it the new one: never a mixture.
    """
    remove_side_files(target)
    os.replace(tmp, target)
    fsync_dir(target.parent)


def copy_durably(src: Path, dst: Path) -> None:
    """Copy ``src`` to ``dst`` so that ``dst`` is either absent or complete."""
    tmp = dst.with_name(f".{dst.name}.tmp")
    shutil.copyfile(src, tmp)
    fsync_file(tmp)
    os.replace(tmp, dst)
    fsync_dir(dst.parent)


def link_new(tmp: Path, target: Path) -> None:
    """Move ``tmp`` to ``target`` only if ``target`` does not exist (no check-then-write
    race: a hard link fails if the name is taken).  Falls back to a checked rename where
    the file system has no hard links."""
    try:
        os.link(tmp, target)
    except FileExistsError:
        tmp.unlink(missing_ok=True)
        raise FileExistsError(f"{target} already exists") from None
    except OSError:
        if target.exists():
            tmp.unlink(missing_ok=True)
            raise FileExistsError(f"{target} already exists") from None
        os.replace(tmp, target)
    else:
        tmp.unlink()
    fsync_dir(target.parent)


class OpenLock:
    """An OS lock on ``.NAME.evboard.lock`` held while a board is open for writing.

    It is released by the OS when the process dies, so a crash never leaves a board
    "open elsewhere".  We lock a side file, never the board itself: closing any descriptor
    of the database file would drop SQLite's own POSIX locks.  ``flock`` locks belong to
    one open file, so two windows of one process exclude each other too.
    """

    def __init__(self, board_path: Path) -> None:
        self.path = board_path.with_name(f".{board_path.name}.lock")
        self._fd: int | None = None
        #: After a failed :meth:`acquire`: True if another holder has the lock, False if
        #: the lock file could not be made (a folder we cannot write to).
        self.busy = False

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> bool:
        self.busy = False
        for _attempt in range(10):
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError:
                return False  # a folder we cannot write to: the board is read-only anyway
            try:
                if sys.platform.startswith("win"):
                    import msvcrt
                    msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
                else:
                    import fcntl
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                os.close(fd)
                self.busy = True
                return False
            # The holder we waited for may have unlinked the lock file between our open
            # and our flock: then we locked an orphan while a third process may lock a
            # new file of the same name.  Only a lock on the file at the path counts.
            try:
                same = os.stat(self.path).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                same = False
            if same:
                self._fd = fd
                return True
            os.close(fd)
        self.busy = True
        return False

    def release(self) -> None:
        if self._fd is None:
            return
        with contextlib.suppress(OSError):
            os.unlink(self.path)
        os.close(self._fd)
        self._fd = None
