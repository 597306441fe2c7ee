"""The file half of checking a board from elsewhere: its header, its side files
(``-wal``, ``-journal``) and the private copy that checking works on.

Nothing here opens the original for writing: it is read, header first, then copied with
its side files into a private folder (space checked first, sparse files copied by their
data, not their apparent size), where SQLite recovers the copy exactly as it would the
real file.  :mod:`.safe_open` checks what is inside the copy.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import stat
import struct
from pathlib import Path

from .ddl import DDL
from .errors import (
    BoardFileError,
    DamagedBoardError,
    HostileBoardError,
    NewerFormatError,
    NotABoardError,
)
from .fileformat import APPLICATION_ID, SCHEMA_VERSION

SQLITE_MAGIC = b"SQLite format 3\x00"
MAX_FILE_BYTES = 4 * 1024**3


def _mb(n: int) -> str:
    return f"{n / 1024**2:.1f} MB"


def read_header(path: Path, *, wal_follows: bool = False) -> tuple[int, int]:
    """Check the header of ``path``; return ``(user_version, page_count)``.

    ``wal_follows``: a write-ahead log lies beside the file, so the header may count
    pages that are still only in the log (a writer killed in the middle of a checkpoint
    writes page 1 first); the size is then checked on the recovered copy instead.
    """
    try:
        st = path.stat()
    except FileNotFoundError:
        raise BoardFileError("no such file") from None
    except OSError as e:
        raise BoardFileError(f"cannot read the file: {e.strerror}") from None
    if stat.S_ISDIR(st.st_mode):
        raise NotABoardError("not a board file: it is a folder")
    if not stat.S_ISREG(st.st_mode):
        raise NotABoardError("not a board file: it is not a regular file")
    if st.st_size == 0:
        raise NotABoardError("not a board file: the file is empty")
    if st.st_size > MAX_FILE_BYTES:
        raise HostileBoardError(
            f"too large for a board: {_mb(st.st_size)} (the limit is {_mb(MAX_FILE_BYTES)})")
    try:
        with open(path, "rb") as f:
            header = f.read(100)
    except OSError as e:
        raise BoardFileError(f"cannot read the file: {e.strerror}") from None
    if not header.startswith(SQLITE_MAGIC):
        raise NotABoardError("not a board file: " + _guess_kind(header))
    if len(header) < 100:
        raise DamagedBoardError("damaged: the file is cut short inside its header")
    page_size = struct.unpack(">H", header[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        raise DamagedBoardError(f"damaged: the header gives an impossible page size {page_size}")
    if header[18] not in (1, 2) or header[19] not in (1, 2):
        # 1 = rollback journal, 2 = WAL; SQLite opens a file with a higher write version
        # read-only and refuses a higher read version.
        raise DamagedBoardError(
            f"damaged: the header gives an unknown file format ({header[18]}, {header[19]})")
    if header[21:24] != b"\x40\x20\x20" or header[20] > 64:
        raise DamagedBoardError("damaged: the header gives impossible page layout values")
    app_id = struct.unpack(">i", header[68:72])[0]
    if app_id != APPLICATION_ID:
        if app_id == 0:
            raise NotABoardError("not a board file: an SQLite database of another application")
        raise NotABoardError(
            f"not a board file: an SQLite database of another application (id {app_id:#x})")
    version = struct.unpack(">i", header[60:64])[0]
    if version > SCHEMA_VERSION:
        raise NewerFormatError(
            f"made by a newer EvidenceBoard (format {version}; "
            f"this version reads up to {SCHEMA_VERSION})")
    if version not in DDL:
        raise DamagedBoardError(f"damaged: unknown board format {version}")
    page_count = struct.unpack(">I", header[28:32])[0]
    if not wal_follows and page_count and page_count * page_size > st.st_size + page_size:
        raise DamagedBoardError(
            f"damaged: the file is truncated ({_mb(st.st_size)} of "
            f"{_mb(page_count * page_size)})")
    return version, page_count


def _guess_kind(header: bytes) -> str:
    if header.startswith(b"\x89PNG"):
        return "it is a PNG image"
    if header.startswith(b"PK\x03\x04"):
        return "it is a zip archive"
    if header.startswith(b"%PDF"):
        return "it is a PDF document"
    if header.lstrip().startswith((b"{", b"[")):
        return "it is a JSON or text file"
    if header.lstrip()[:1] == b"<":
        return "it is an XML or HTML file"
    try:
        header.decode("utf-8")
        return "it is a text file"
    except UnicodeDecodeError:
        return "it does not start like an SQLite database"


WAL_MAGIC = (0x377F0682, 0x377F0683)
WAL_FORMAT = 3007000


def _wal_checksum(data: bytes, big_endian: bool) -> tuple[int, int]:
    """SQLite's WAL checksum (two running 32-bit sums over pairs of 32-bit words)."""
    words = struct.unpack((">" if big_endian else "<") + f"{len(data) // 4}I", data)
    s0 = s1 = 0
    for i in range(0, len(words), 2):
        s0 = (s0 + words[i] + s1) & 0xFFFFFFFF
        s1 = (s1 + words[i + 1] + s0) & 0xFFFFFFFF
    return s0, s1


def check_wal_header(wal: Path, page_size: int) -> None:
    """Refuse a ``-wal`` side file that is not a write-ahead log SQLite wrote for a file
    of this page size.  SQLite itself would silently ignore such a log and then overwrite
    it at the next write: whatever it held would be lost without a word."""
    size = wal.stat().st_size
    if size == 0:
        return
    if size > MAX_FILE_BYTES:
        raise HostileBoardError(
            f"its side file {wal.name} is too large ({_mb(size)}; the limit is "
            f"{_mb(MAX_FILE_BYTES)})")
    with open(wal, "rb") as f:
        head = f.read(32)
    bad = DamagedBoardError(
        f"damaged: the side file {wal.name} beside it is not a valid write-ahead log "
        "(move it away to open the board as it was before that log)")
    if len(head) < 32:
        raise bad
    magic, fmt, wal_page_size = struct.unpack(">III", head[:12])
    if magic not in WAL_MAGIC or fmt != WAL_FORMAT or wal_page_size != page_size:
        raise bad
    if _wal_checksum(head[:24], bool(magic & 1)) != struct.unpack(">II", head[24:32]):
        raise bad


def _page_size(header: bytes) -> int:
    size = struct.unpack(">H", header[16:18])[0]
    return 65536 if size == 1 else size


def _state(path: Path) -> tuple[object, ...]:
    """What changes when a writer checkpoints or restarts its log (to spot a copy taken
    while another program was writing)."""
    out: list[object] = []
    for p in (path, Path(f"{path}-wal")):
        try:
            st = p.stat()
            with open(p, "rb") as f:
                out.append((st.st_ino, st.st_mtime_ns if p == path else 0,
                            st.st_size if p == path else 0, f.read(32)))
        except OSError:
            out.append(None)
    return tuple(out)


def _header_size(header: bytes) -> int | None:
    """The database size the header states, in bytes, when SQLite itself trusts it (the
    page count is set and the change counter equals "version valid for"): SQLite then
    ignores whatever follows in the file."""
    page_count: int = struct.unpack(">I", header[28:32])[0]
    if page_count == 0 or header[24:28] != header[92:96]:
        return None
    return page_count * _page_size(header)


def _copy_file(src: Path, dst: Path, limit: int | None = None) -> None:
    """Copy at most ``limit`` bytes of ``src`` to a new ``dst``, holes as holes: a
    sparse file of 3.9 GB costs neither 3.9 GB of the temporary folder nor the time to
    write them."""
    with open(src, "rb") as fin, open(dst, "wb") as fout:
        fd = fin.fileno()
        end = os.fstat(fd).st_size
        if limit is not None:
            end = min(end, limit)
        pos = 0
        while pos < end:
            data, hole = _next_data(fd, pos, end)
            if data >= end:
                break
            fin.seek(data)
            fout.seek(data)
            while data < hole:
                chunk = fin.read(min(hole - data, 1 << 20))
                if not chunk:  # the file shrank while it was copied
                    end = data
                    break
                fout.write(chunk)
                data += len(chunk)
            pos = data
        fout.truncate(end)


def _next_data(fd: int, pos: int, end: int) -> tuple[int, int]:
    """The next run of data at or after ``pos`` (start, end): holes are skipped where
    the system says where they are."""
    if not hasattr(os, "SEEK_DATA"):
        return pos, end
    try:
        data = os.lseek(fd, pos, os.SEEK_DATA)
    except OSError as e:
        if e.errno == errno.ENXIO:  # nothing but a hole from here on
            return end, end
        return pos, end  # (a file system that cannot tell)
    try:
        hole = os.lseek(fd, data, os.SEEK_HOLE)
    except OSError:
        hole = end
    return data, min(hole, end)


def _disk_bytes(path: Path, limit: int | None = None) -> int:
    """What copying ``path`` (at most ``limit`` bytes of it) takes on disk."""
    try:
        st = path.stat()
    except OSError:
        return 0
    used = min(st.st_size, getattr(st, "st_blocks", st.st_size // 512 + 1) * 512)
    return min(used, limit) if limit is not None else used


def _room_for(workdir: Path, nbytes: int) -> None:
    """Refuse, before copying, a check that would fill the temporary folder."""
    try:
        free = shutil.disk_usage(workdir).free
    except OSError:
        return
    if free < nbytes + 16 * 1024**2:
        raise BoardFileError(
            f"cannot check it: the temporary folder {workdir.parent} has {_mb(free)} free "
            f"and checking this board needs {_mb(nbytes)}; free some space there or set "
            f"TMPDIR to a folder with room")


def _copy_consistent(path: Path, copy: Path, side: tuple[str, ...]) -> None:
    """Copy the file and its side files so that they belong together, even if another
    EvidenceBoard is writing the board (its checkpoints rewrite the main file and restart
    the log; plain appends to the log are harmless: SQLite ignores a torn last frame).

    Without side files only the pages the header counts are copied (SQLite reads no
    more), and holes stay holes: the copy costs what the board holds, not what the file
    claims to be."""
    with open(path, "rb") as f:
        header = f.read(100)
    limit = _header_size(header) if not side and len(header) == 100 else None
    _room_for(copy.parent, _disk_bytes(path, limit) +
              sum(_disk_bytes(Path(f"{path}{s}")) for s in side))
    for _attempt in range(5):
        before = _state(path)
        _copy_file(path, copy, limit)
        for suffix in side:
            extra = Path(f"{path}{suffix}")
            try:
                _copy_file(extra, Path(f"{copy}{suffix}"))
            except FileNotFoundError:
                Path(f"{copy}{suffix}").unlink(missing_ok=True)
        if _state(path) == before:
            return
    raise BoardFileError("the board kept changing while it was read (another program is "
                         "writing it); try again")


def uses_wal(header: bytes) -> bool:
    """Whether the header says the file is in WAL mode (format bytes 2, 2).  A writer sets
    them before it writes its first log frame, so a ``-wal`` beside a file in rollback
    mode belongs to some other file that was there before (copied over, say): SQLite
    ignores it for this file, and so does validation."""
    return header[18] == 2 and header[19] == 2


def _side_size(p: Path) -> int | None:
    """The size of the side file ``p`` if it is a regular file, else None (also when its
    name cannot exist: a board named close to the longest file name has no room for
    ``-journal``)."""
    try:
        st = os.stat(p)
    except OSError:
        return None
    return st.st_size if stat.S_ISREG(st.st_mode) else None


def _lexists(p: Path) -> bool:
    try:
        os.lstat(p)
    except OSError:
        return False
    return True


def _private_copy(path: Path, workdir: Path, page_size: int, wal_mode: bool) -> Path:
    """A copy of the board that SQLite may open and recover without touching the original.

    A board whose writer was killed keeps its last commits in ``-wal``; a file of another
    program may have a rollback ``-journal`` that SQLite would play back on opening.
    Both are copied too and recovered here, so what is validated is exactly what opening
    the real file would show.
    """
    copy = workdir / "board.sqlite"
    wal = Path(f"{path}-wal")
    journal = Path(f"{path}-journal")
    for p in (wal, journal, Path(f"{path}-shm")):
        if _side_size(p) is None and _lexists(p):
            raise DamagedBoardError(f"damaged: its side file {p.name} is not a file")
    side = tuple(s for s, p in (("-wal", wal), ("-journal", journal))
                 if (_side_size(p) or 0) > 0 and (wal_mode or s != "-wal"))
    if "-wal" in side:
        check_wal_header(wal, page_size)
    if "-journal" in side and journal.stat().st_size > MAX_FILE_BYTES:
        raise HostileBoardError(f"its side file {journal.name} is too large")
    _copy_consistent(path, copy, side)
    if side:
        if "-wal" in side:  # it may have been restarted since the check above
            check_wal_header(Path(f"{copy}-wal"), page_size)
        con = sqlite3.connect(copy)
        try:
            con.execute("PRAGMA trusted_schema=OFF")
            # Reading the header plays back a hot journal / reads the log (without parsing
            # the schema); the checkpoint then folds the log into the copy so that it is
            # one self-contained file.
            con.execute("PRAGMA user_version").fetchone()
            if "-wal" in side:
                con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                con.execute("PRAGMA journal_mode=DELETE")
        except sqlite3.DatabaseError as e:
            if "full" in str(e):  # (recovering a log on the copy needs room)
                raise BoardFileError(_temp_failure(e, workdir.parent)) from None
            if "schema" in str(e):
                raise DamagedBoardError(f"damaged: {e}") from None
            raise DamagedBoardError(
                f"damaged: its side file{'s' if len(side) > 1 else ''} "
                f"{', '.join(path.name + s for s in side)} cannot be read ({e})") from None
        finally:
            con.close()
    return copy


def _temp_failure(e: OSError | sqlite3.Error, folder: Path) -> str:
    """The one line for a check that the temporary folder could not hold."""
    text = getattr(e, "strerror", None) or " ".join(str(e).split())
    full = isinstance(e, sqlite3.Error) or getattr(e, "errno", None) in (
        errno.ENOSPC, errno.EDQUOT, errno.EFBIG)
    if full:
        return (f"cannot check it: the temporary folder {folder} is full ({text}); free "
                f"some space there or set TMPDIR to a folder with room")
    return f"cannot check it: the temporary folder {folder} cannot be used ({text})"
