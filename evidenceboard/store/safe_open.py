"""Deciding whether a file is a board we may open, without trusting or changing it.

Follows the "defence against the dark arts" checklist for SQLite files from elsewhere:

1. plain file checks (exists, is a file, size limits);
2. the 100-byte header: SQLite magic, our ``application_id``, a known ``user_version``;
3. a *private copy* opened read-only with ``trusted_schema=OFF``, ``cell_size_check=ON``,
   ``mmap_size=0``, tight limits (no ATTACH) and a progress handler as a deadline;
4. ``quick_check``, the exact schema allow-list (no views, triggers, virtual tables or
   unknown objects), value types and sizes, ``foreign_key_check``.

The original file is only ever read.  Every refusal is a :class:`BoardFileError` whose
text is one sentence for the user.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import stat
import struct
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .ddl import DDL
from .errors import (BoardFileError, DamagedBoardError, HostileBoardError, NewerFormatError,
                     NotABoardError)
from .fileformat import APPLICATION_ID, SCHEMA_VERSION

SQLITE_MAGIC = b"SQLite format 3\x00"
MAX_FILE_BYTES = 4 * 1024**3
#: Largest single value a board may hold (a source text of 20 MB is a very long article).
MAX_VALUE_BYTES = 32 * 1024**2
MAX_ROWS = 5_000_000
BASE_DEADLINE_S = 1.5
#: Columns and the SQLite storage classes their values may have.
VALUE_TYPES: dict[str, dict[str, tuple[str, ...]]] = {
    "setting": {"key": ("text",), "value": ("text",)},
    "source": {"id": ("text",), "text": ("text",), "sha256": ("text",),
               "title": ("text", "null"), "outlet": ("text", "null"),
               "author": ("text", "null"), "published": ("text", "null"),
               "url": ("text", "null"), "reliability": ("text", "null")},
    "card": {"id": ("text",), "kind": ("text",), "title": ("text",), "body": ("text",),
             "x": ("real", "integer"), "y": ("real", "integer"),
             "width": ("real", "integer"), "height": ("real", "integer"),
             "color": ("text", "null"), "actor_type": ("text", "null"),
             "aliases": ("text",), "stance": ("text", "null"), "speaker": ("text", "null")},
    "link": {"id": ("text",), "from_id": ("text",), "to_id": ("text",), "label": ("text",),
             "kind": ("text",), "direction": ("text",), "confidence": ("text",),
             "unsourced": ("integer",)},
    "citation": {"id": ("text",), "source_id": ("text",), "quote": ("text",),
                 "start": ("integer",), "end": ("integer",), "card_id": ("text", "null"),
                 "link_id": ("text", "null"), "credibility": ("integer", "null")},
}
_V1_COLUMNS_MISSING = {"source": {"reliability"}, "citation": {"credibility"}}


@dataclass(frozen=True)
class FileCheck:
    """What validation learnt about a good board file."""

    path: Path
    version: int
    size: int
    needs_migration: bool


def _mb(n: int) -> str:
    return f"{n / 1024**2:.1f} MB"


def read_header(path: Path) -> tuple[int, int]:
    """Check the header of ``path``; return ``(user_version, page_count)``."""
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
    if page_count and page_count * page_size > st.st_size + page_size:
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


def _normal_sql(sql: str | None) -> str | None:
    return None if sql is None else re.sub(r"\s+", " ", sql).strip()


def expected_schema(version: int) -> set[tuple[str, str, str, str | None]]:
    """The ``sqlite_schema`` rows a board of ``version`` has, made from our frozen DDL."""
    con = sqlite3.connect(":memory:")
    try:
        for stmt in DDL[version]:
            con.execute(stmt)
        return {(t, n, tb, _normal_sql(s)) for t, n, tb, s in
                con.execute("SELECT type, name, tbl_name, sql FROM sqlite_schema")}
    finally:
        con.close()


def _private_copy(path: Path, workdir: Path) -> Path:
    copy = workdir / "board.sqlite"
    shutil.copyfile(path, copy)
    wal = Path(str(path) + "-wal")
    if wal.is_file() and wal.stat().st_size > 0:
        # A board whose writer was killed keeps its last commits in the WAL: validate them
        # too.  Recovery happens on our private copy only.
        shutil.copyfile(wal, str(copy) + "-wal")
        con = sqlite3.connect(copy)
        try:
            con.execute("PRAGMA trusted_schema=OFF")
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            con.execute("PRAGMA journal_mode=DELETE")
        except sqlite3.DatabaseError as e:
            raise DamagedBoardError(f"damaged: its write-ahead log cannot be read ({e})") from None
        finally:
            con.close()
    return copy


def _lock_down(con: sqlite3.Connection, deadline: float) -> None:
    con.setlimit(sqlite3.SQLITE_LIMIT_ATTACHED, 0)
    con.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES + 1024)
    con.setlimit(sqlite3.SQLITE_LIMIT_SQL_LENGTH, 100_000)
    con.setlimit(sqlite3.SQLITE_LIMIT_COLUMN, 100)
    con.setlimit(sqlite3.SQLITE_LIMIT_EXPR_DEPTH, 100)
    con.setlimit(sqlite3.SQLITE_LIMIT_TRIGGER_DEPTH, 1)
    for pragma in ("trusted_schema=OFF", "cell_size_check=ON", "mmap_size=0",
                   "query_only=ON", "foreign_keys=OFF"):
        con.execute(f"PRAGMA {pragma}")

    def progress() -> int:
        return 1 if time.monotonic() > deadline else 0

    con.set_progress_handler(progress, 10_000)


def check_board_file(path: str | os.PathLike[str], *, deadline_s: float | None = None
                     ) -> FileCheck:
    """Validate ``path`` as a board file or raise :class:`BoardFileError`.

    Never writes to ``path``.  Works on a private copy in a temporary folder.
    """
    path = Path(path)
    version, _ = read_header(path)
    size = path.stat().st_size
    if deadline_s is None:
        deadline_s = BASE_DEADLINE_S + size / (40 * 1024**2)
    deadline = time.monotonic() + deadline_s
    with tempfile.TemporaryDirectory(prefix="evboard-check-") as tmp:
        copy = _private_copy(path, Path(tmp))
        # The recovered copy may differ from the header we read: read it again.
        version, _ = read_header(copy)
        try:
            con = sqlite3.connect(f"file:{copy}?mode=ro", uri=True, isolation_level=None)
        except sqlite3.DatabaseError as e:
            raise DamagedBoardError(f"damaged: {e}") from None
        try:
            _lock_down(con, deadline)
            _validate(con, version)
        except sqlite3.OperationalError as e:
            if "interrupted" in str(e):
                raise HostileBoardError(
                    f"refused: checking the file took longer than {deadline_s:.1f} s") from None
            if "too big" in str(e):
                raise HostileBoardError(
                    f"contains a value too large for a board (over {_mb(MAX_VALUE_BYTES)})"
                ) from None
            raise DamagedBoardError(f"damaged: {e}") from None
        except sqlite3.DatabaseError as e:
            raise DamagedBoardError(f"damaged: {e}") from None
        finally:
            con.close()
    return FileCheck(path, version, size, version < SCHEMA_VERSION)


def _validate(con: sqlite3.Connection, version: int) -> None:
    if con.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
        raise NotABoardError("not a board file: an SQLite database of another application")
    # Schema first: quick_check would happily evaluate a hostile schema's expressions.
    rows = con.execute("SELECT type, name, tbl_name, sql FROM sqlite_schema").fetchall()
    expected = expected_schema(version)
    actual = {(t, n, tb, _normal_sql(s)) for t, n, tb, s in rows}
    for t, n, _tb, s in sorted(actual - expected, key=lambda r: (r[0], r[1])):
        if t in ("trigger", "view"):
            raise HostileBoardError(f"contains objects a board never has: {t} {n}")
        if s and s.upper().startswith("CREATE VIRTUAL TABLE"):
            raise HostileBoardError(f"contains objects a board never has: virtual table {n}")
        if any(n == e[1] for e in expected):
            raise HostileBoardError(f"contains objects a board never has: altered {t} {n}")
        raise HostileBoardError(f"contains objects a board never has: {t} {n}")
    missing = sorted(expected - actual, key=lambda r: (r[0], r[1]))
    if missing:
        raise DamagedBoardError(f"damaged: the {missing[0][0]} {missing[0][1]} is missing")
    result = [r[0] for r in con.execute("PRAGMA quick_check(5)")]
    if result != ["ok"]:
        raise DamagedBoardError(f"damaged: {result[0]}")
    for table, cols in VALUE_TYPES.items():
        _check_values(con, table, {c: k for c, k in cols.items()
                                   if not (version < 2 and c in _V1_COLUMNS_MISSING.get(table, ()))})
    fk = con.execute("PRAGMA foreign_key_check").fetchone()
    if fk is not None:
        raise DamagedBoardError(f"damaged: a row of {fk[0]} points to a missing {fk[2]}")


def _check_values(con: sqlite3.Connection, table: str, cols: dict[str, tuple[str, ...]]) -> None:
    """Row count, storage classes and value sizes of one table, in a single scan."""
    parts = ["count(*)"]
    for col, kinds in cols.items():
        allowed = ",".join(f"'{k}'" for k in kinds)
        parts.append(f'sum(typeof("{col}") NOT IN ({allowed}))')
        parts.append(f'max(length(CAST("{col}" AS BLOB)))' if "text" in kinds else "NULL")
    row = con.execute(f'SELECT {", ".join(parts)} FROM "{table}"').fetchone()
    n = row[0]
    if n > MAX_ROWS:
        raise HostileBoardError(f"too many rows for a board: {n:,} in {table}")
    for i, (col, kinds) in enumerate(cols.items()):
        bad, big = row[1 + 2 * i], row[2 + 2 * i]
        if bad:
            found = con.execute(f'SELECT typeof("{col}") FROM "{table}" WHERE typeof("{col}") '
                                f'NOT IN ({",".join(repr(k) for k in kinds)}) LIMIT 1'
                                ).fetchone()[0]
            raise DamagedBoardError(
                f"damaged: {table}.{col} holds a {found} value where a board keeps "
                f"{' or '.join(kinds)}")
        if big is not None and big > MAX_VALUE_BYTES:
            raise HostileBoardError(
                f"contains a value too large for a board: {table}.{col} of {_mb(big)} "
                f"(the limit is {_mb(MAX_VALUE_BYTES)})")
