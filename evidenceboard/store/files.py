"""File-system steps the store relies on: the open lock, durable renames, side files.

SQLite keeps a board's uncommitted-to-main-file state in side files named after it
(``NAME-wal``, ``NAME-shm``, a rollback ``NAME-journal``).  A side file left beside a path
belongs to whatever file *was* there: if another file is renamed onto that path while a
stale ``-wal`` remains, SQLite replays the old log onto the new file.  So every rename
onto a board's path here first makes sure no side file of the old file survives it.
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import os
import shutil
import stat
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

from ..filemodes import default_mode

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
    """Copy ``src`` (and its mode) to ``dst`` so that ``dst`` is either absent or
    complete.  The temporary file is a new one of our own (never a name someone could
    have put a link at)."""
    tmp = temp_beside(dst, ".tmp")
    try:
        shutil.copyfile(src, tmp)
        keep_mode(tmp, src)
        fsync_file(tmp)
        os.replace(tmp, dst)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
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
        if target.exists() or target.is_symlink():
            tmp.unlink(missing_ok=True)
            raise FileExistsError(f"{target} already exists") from None
        os.replace(tmp, target)
    else:
        tmp.unlink()
    fsync_dir(target.parent)


# ----------------------------------------------------------------- names beside a board
#: Longest file name (bytes) on the file systems we meet (ext4, APFS, NTFS: 255).
NAME_MAX = 255
#: SQLite needs ``NAME-journal`` (and ``NAME-wal``, ``NAME-shm``) beside a board it
#: writes: a board whose name leaves no room for them can only be read.
MAX_WRITABLE_NAME = NAME_MAX - len("-journal")


def name_bytes(path: Path) -> int:
    return len(os.fsencode(path.name))


def _dot_prefix(target: Path, room: int) -> str:
    """``.NAME.`` for files of our own beside ``target``, shortened (with a digest of
    the full name, so two long names never share them) when the name leaves less than
    ``room`` bytes of a file name for what follows."""
    name = target.name
    if len(os.fsencode(name)) + 2 + room <= NAME_MAX:
        return f".{name}."
    digest = hashlib.sha256(os.fsencode(name)).hexdigest()[:12]
    keep = os.fsencode(name)[:NAME_MAX - room - 2 - 14]
    return f".{os.fsdecode(keep)}~{digest}."


def temp_beside(target: Path, suffix: str) -> Path:
    """A new, empty file of our own beside ``target`` (created exclusively, mode 0600,
    never through a link: ``mkstemp`` is ``O_CREAT | O_EXCL``), to be written and then
    renamed onto ``target``.  Its name is random: a link put in place beforehand under a
    name we would use is never written through."""
    prefix = _dot_prefix(target, 8 + len(suffix))
    fd, name = tempfile.mkstemp(prefix=prefix, suffix=suffix, dir=target.parent)
    os.close(fd)
    return Path(name)


def temps_beside(target: Path, suffix: str) -> list[Path]:
    """Files :func:`temp_beside` made for ``target`` with ``suffix`` (a killed writer's
    leftovers)."""
    prefix = _dot_prefix(target, 8 + len(suffix))
    return [p for p in target.parent.glob(glob.escape(prefix) + "*" + glob.escape(suffix))
            if len(p.name) == len(prefix) + 8 + len(suffix)]


def keep_mode(tmp: Path, like: Path | None, *, default: int | None = None) -> None:
    """Give ``tmp`` the permissions (and, where we may, the owner and group) of the file
    ``like`` it replaces or copies, so that rewriting a 0600 board on closing keeps it
    private; without such a file, ``default`` (else the umask's mode)."""
    st = None
    if like is not None:
        try:
            st = os.stat(like)
        except OSError:
            st = None
    mode = stat.S_IMODE(st.st_mode) if st is not None else \
        (default if default is not None else default_mode())
    if st is not None and hasattr(os, "chown"):
        mine = os.stat(tmp)
        if (mine.st_uid, mine.st_gid) != (st.st_uid, st.st_gid):
            # Only root may give a file away; a group we are in is kept by anyone.
            for uid in (st.st_uid, -1):
                with contextlib.suppress(OSError):
                    os.chown(tmp, uid, st.st_gid)
                    break
    os.chmod(tmp, mode)


def sqlite_uri(path: Path, **params: str) -> str:
    """A ``file:`` URI for SQLite naming ``path`` exactly, whatever bytes its name has
    (a name that is not UTF-8 comes from ``os.fsdecode`` with surrogates)."""
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"file:{quote(os.fsencode(path))}" + (f"?{query}" if query else "")


def _lock_fd(path: Path) -> int:
    """Open the lock file ``path`` (made if missing) without following a link at it: a
    dangling ``.NAME.lock`` symlink put there must never make us create its target.
    Raises :class:`LockFileError` for a link or anything but a plain file."""
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags, 0o644)
    except OSError as e:
        if path.is_symlink():
            raise LockFileError(f"its lock file {path.name} is a link, not a file") from None
        raise e
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise LockFileError(f"its lock file {path.name} is not a plain file")
    return fd


class LockFileError(OSError):
    """A lock file that is not ours to use (a link, a folder, a pipe)."""


def _flock(fd: int) -> bool:
    try:
        if sys.platform.startswith("win"):
            import msvcrt
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _identity_lock_dir() -> Path | None:
    """A folder of this user's for the locks keyed by file identity: the session's
    runtime folder, else one in the temporary folder; only if it is a real folder that
    only this user can write."""
    uid = os.getuid() if hasattr(os, "getuid") else None
    places = []
    if os.environ.get("XDG_RUNTIME_DIR"):
        places.append(Path(os.environ["XDG_RUNTIME_DIR"]) / "evidenceboard")
    places.append(Path(tempfile.gettempdir()) / f"evidenceboard-locks-{uid or 'user'}")
    for d in places:
        try:
            d.mkdir(mode=0o700, exist_ok=True)
            st = os.lstat(d)
        except OSError:
            continue
        if not stat.S_ISDIR(st.st_mode):
            continue
        if uid is not None and (st.st_uid != uid or st.st_mode & 0o022):
            continue
        return d
    return None


class _FileLock:
    """One OS lock on one lock file (``flock``: it belongs to the open file, so two
    windows of one process exclude each other too, and the OS drops it when the process
    dies)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.fd: int | None = None

    def acquire(self) -> bool | None:
        """True if held; False if another holder has it; None if a holder unlinked the
        file while we waited (try again)."""
        fd = _lock_fd(self.path)
        if not _flock(fd):
            os.close(fd)
            return False
        # The holder we waited for may have unlinked the lock file between our open
        # and our flock: then we locked an orphan while a third process may lock a
        # new file of the same name.  Only a lock on the file at the path counts.
        try:
            same = os.stat(self.path, follow_symlinks=False).st_ino == os.fstat(fd).st_ino
        except FileNotFoundError:
            same = False
        if not same:
            os.close(fd)
            return None
        self.fd = fd
        return True

    def release(self) -> None:
        if self.fd is None:
            return
        with contextlib.suppress(OSError):
            os.unlink(self.path)
        os.close(self.fd)
        self.fd = None


def file_identity(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


#: How old an identity lock must be before its holder is expected to have the board open.
HOLDER_SETTLE_S = 5.0


def _note_holder(lock: _FileLock) -> None:
    """Write this process's id into an identity lock it holds (see :func:`_holder_lacks`)."""
    if lock.fd is None:
        return
    with contextlib.suppress(OSError):
        os.ftruncate(lock.fd, 0)
        os.pwrite(lock.fd, f"{os.getpid()}\n".encode("ascii"), 0)


def _holder_lacks(path: Path, ident: tuple[int, int]) -> bool:
    """Whether the process holding the identity lock ``path`` has no file of identity
    ``ident`` open (Linux: its ``/proc/PID/fd``).  An inode number is reused only once
    nobody has the file open, so such a lock was left keyed to a board that is gone (one
    replaced on disk while its window stayed open), and says nothing about this file,
    which merely got the same number.  False whenever that cannot be seen (another
    system, another user's process, a lock file without a process id): then the lock
    counts, as it always did."""
    try:
        text = path.read_text("ascii").strip()
        age = time.time() - os.stat(path).st_mtime
    except (OSError, UnicodeDecodeError):
        return False
    if age < HOLDER_SETTLE_S:
        return False  # (taken a moment ago: its holder may not have opened the board yet)
    if not text.isdigit():
        return False
    fds = Path("/proc") / text / "fd"
    try:
        entries = list(fds.iterdir())
    except OSError:
        return False
    for entry in entries:
        try:
            st = os.stat(entry)
        except OSError:
            continue
        if (st.st_dev, st.st_ino) == ident:
            return False
    return True


class OpenLock:
    """The OS locks held while a board is open for writing: one writer per file,
    whatever name reaches it.

    * ``.NAME.lock`` beside the board: another EvidenceBoard (another user, another
      machine on a shared folder) opening the board by this name finds it taken;
    * a lock keyed by the file's identity ``(st_dev, st_ino)`` in this user's lock
      folder: the same file reached under another name (renamed while open, a second
      hard link, a bind mount) finds it taken too.

    Both are released by the OS when the process dies, so a crash never leaves a board
    "open elsewhere".  We lock side files, never the board itself: closing any
    descriptor of the database file would drop SQLite's own POSIX locks.
    """

    def __init__(self, board_path: Path) -> None:
        self.board_path = board_path
        self.path = board_path.with_name(_dot_prefix(board_path, len("lock")) + "lock")
        self._name = _FileLock(self.path)
        self._identity: _FileLock | None = None
        #: After a failed :meth:`acquire`: True if another holder has the lock, False if
        #: the lock file could not be made (a folder we cannot write to).
        self.busy = False
        #: After a failed :meth:`acquire`: why the lock could not be made, when that is
        #: something the user should know (a link where the lock file goes).
        self.problem: str | None = None
        #: After a failed :meth:`acquire`: the file is open for writing under another
        #: name (its identity is locked, this name is not).
        self.elsewhere = False

    @property
    def held(self) -> bool:
        return self._name.fd is not None

    def acquire(self) -> bool:
        self.busy, self.problem, self.elsewhere = False, None, False
        for _attempt in range(10):
            try:
                got = self._name.acquire()
            except LockFileError as e:
                self.problem = str(e)
                return False
            except OSError:
                return False  # a folder we cannot write to: the board is read-only anyway
            if got is None:
                continue
            if not got:
                self.busy = True
                return False
            taken = self._take_identity()
            if taken is None:  # the file was replaced meanwhile: look again
                self._name.release()
                continue
            if not taken:
                self._name.release()
                self.busy = self.elsewhere = True
                return False
            return True
        self.busy = True
        return False

    def _take_identity(self) -> bool | None:
        """Lock the board's identity (True), or find it taken (False), or find that the
        file changed under us (None).  No board yet, or no lock folder: nothing to do."""
        ident = file_identity(self.board_path)
        folder = _identity_lock_dir() if ident is not None else None
        if ident is None or folder is None:
            return True
        lock = _FileLock(folder / f"{ident[0]:x}-{ident[1]:x}.lock")
        for _attempt in range(10):
            try:
                got = lock.acquire()
            except OSError:
                return True  # (the name lock still holds)
            if got is None:
                continue
            if not got:
                # (a lock left on a reused inode says nothing: the name lock holds)
                return _holder_lacks(lock.path, ident)
            if file_identity(self.board_path) != ident:
                lock.release()
                return None
            _note_holder(lock)
            self._identity = lock
            return True
        return False

    def rekey(self) -> None:
        """Key the identity lock to the file now at the board's name, after this process
        replaced it (an upgrade in place writes a new file: a new inode).  The lock of the
        old identity would otherwise be held for an inode that is gone (and may be reused
        by an unrelated board), while the new file had no identity lock at all."""
        if self._identity is not None:
            self._identity.release()
            self._identity = None
        self._take_identity()  # (a fresh inode: only a stale lock can be found on it)

    def release(self) -> None:
        if self._identity is not None:
            self._identity.release()
            self._identity = None
        self._name.release()
