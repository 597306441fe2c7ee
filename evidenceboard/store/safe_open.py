"""Deciding whether a file is a board we may open, without trusting or changing it.

Follows the "defence against the dark arts" checklist for SQLite files from elsewhere:

1. plain file checks (exists, is a file, size limits);
2. the 100-byte header: SQLite magic, our ``application_id``, a known ``user_version``;
3. side files: a ``-wal`` (header checked: magic, format, page size, checksum) when the
   header says WAL mode, and a hot ``-journal``, are copied with the file and recovered
   on the copy, so the copy shows exactly what opening the real file would;
4. the *private copy* opened with ``query_only=ON``, ``trusted_schema=OFF``,
   ``cell_size_check=ON``, ``mmap_size=0``, tight limits (no ATTACH) and a progress
   handler as a deadline;
5. the exact schema allow-list (no views, triggers, virtual tables or unknown objects),
   then ``integrity_check`` (a superset of ``quick_check``), value types, sizes and
   encodings, ``foreign_key_check``.

The original file is only ever read.  Every refusal is a :class:`BoardFileError` whose
text is one sentence for the user.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import sqlite3
import stat
import struct
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .ddl import DDL
from .errors import (
    BoardFileError,
    DamagedBoardError,
    HostileBoardError,
    NewerFormatError,
    NotABoardError,
)
from .fileformat import APPLICATION_ID, SCHEMA_VERSION
from .rows import COLUMNS

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
    "alias": {"id": ("text",), "rule": ("text",), "name": ("text",),
              "value": ("text", "null"), "card_id": ("text", "null")},
}
_V1_COLUMNS_MISSING = {"source": {"reliability"}, "citation": {"credibility"}}
#: Tables a board has only from some format on.
_TABLE_SINCE = {"alias": 3}


@dataclass(frozen=True)
class FileCheck:
    """What validation learnt about a good board file."""

    path: Path
    version: int
    size: int
    needs_migration: bool
    #: When asked for (``read_rows=True``) and the file is of the current format: every
    #: row of every table in :data:`.rows.COLUMNS` order, read while validating, so that
    #: opening a board does not read it twice.
    rows: dict[str, list[tuple[Any, ...]]] | None = field(default=None, repr=False,
                                                          compare=False)


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


def _normal_sql(sql: str | None) -> str | None:
    return None if sql is None else re.sub(r"\s+", " ", sql).strip()


@functools.cache
def expected_schema(version: int) -> frozenset[tuple[str, str, str, str | None]]:
    """The ``sqlite_schema`` rows a board of ``version`` has, made from our frozen DDL."""
    con = sqlite3.connect(":memory:")
    try:
        for stmt in DDL[version]:
            con.execute(stmt)
        return frozenset((t, n, tb, _normal_sql(s)) for t, n, tb, s in
                         con.execute("SELECT type, name, tbl_name, sql FROM sqlite_schema"))
    finally:
        con.close()


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


def _copy_consistent(path: Path, copy: Path, side: tuple[str, ...]) -> None:
    """Copy the file and its side files so that they belong together, even if another
    EvidenceBoard is writing the board (its checkpoints rewrite the main file and restart
    the log; plain appends to the log are harmless: SQLite ignores a torn last frame)."""
    for _attempt in range(5):
        before = _state(path)
        shutil.copyfile(path, copy)
        for suffix in side:
            extra = Path(f"{path}{suffix}")
            try:
                shutil.copyfile(extra, f"{copy}{suffix}")
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
        if (p.exists() or p.is_symlink()) and not p.is_file():
            raise DamagedBoardError(f"damaged: its side file {p.name} is not a file")
    side = tuple(s for s, p in (("-wal", wal), ("-journal", journal))
                 if p.is_file() and p.stat().st_size > 0 and (wal_mode or s != "-wal"))
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
            if "schema" in str(e):
                raise DamagedBoardError(f"damaged: {e}") from None
            raise DamagedBoardError(
                f"damaged: its side file{'s' if len(side) > 1 else ''} "
                f"{', '.join(path.name + s for s in side)} cannot be read ({e})") from None
        finally:
            con.close()
    return copy


def _lock_down(con: sqlite3.Connection, deadline: float) -> None:
    con.setlimit(sqlite3.SQLITE_LIMIT_ATTACHED, 0)
    con.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
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

    Never writes to ``path`` or its side files.  Works on a private copy in a temporary
    folder.
    """
    with tempfile.TemporaryDirectory(prefix="evboard-check-") as tmp:
        check, _copy = validated_copy(path, Path(tmp), deadline_s=deadline_s)
    return check


def validated_copy(path: str | os.PathLike[str], workdir: Path, *,
                   deadline_s: float | None = None, read_rows: bool = False
                   ) -> tuple[FileCheck, Path]:
    """Validate ``path`` (see :func:`check_board_file`) and return the validated private
    copy in ``workdir``: one self-contained file, any log or journal already folded in.

    Read-only stores read this copy, so what they show is exactly what was validated.
    """
    path = Path(path)
    wal = Path(f"{path}-wal")
    has_wal = wal.is_file() and wal.stat().st_size > 0
    version, _ = read_header(path, wal_follows=has_wal)
    size = path.stat().st_size
    if deadline_s is None:
        deadline_s = BASE_DEADLINE_S + size / (40 * 1024**2)
    deadline = time.monotonic() + deadline_s
    with open(path, "rb") as f:
        header = f.read(100)
    copy = _private_copy(path, workdir, _page_size(header), uses_wal(header))
    return check_private_copy(path, copy, deadline=deadline, deadline_s=deadline_s,
                              read_rows=read_rows), copy


def check_private_copy(path: Path, copy: Path, *, deadline: float | None = None,
                       deadline_s: float | None = None, read_rows: bool = False
                       ) -> FileCheck:
    """Validate ``copy``, a self-contained private copy of the board at ``path``."""
    # The recovered copy may differ from the header read before: read it again.
    version, _ = read_header(copy)
    size = copy.stat().st_size
    if deadline_s is None:
        deadline_s = BASE_DEADLINE_S + size / (40 * 1024**2)
    if deadline is None:
        deadline = time.monotonic() + deadline_s
    rows = validate_file(copy, version, deadline, deadline_s,
                         read_rows=read_rows and version == SCHEMA_VERSION)
    return FileCheck(path, version, size, version < SCHEMA_VERSION, rows)


def validate_file(copy: Path, version: int, deadline: float, deadline_s: float, *,
                  read_rows: bool = False) -> dict[str, list[tuple[Any, ...]]] | None:
    """Validate a private copy (never the user's file: opening it may write to it).

    The copy is opened read-write (``query_only`` stops any write): on a ``mode=ro``
    connection SQLite's ``integrity_check`` silently skips the CHECK constraints, and a
    card of kind "weapon" would pass.
    """
    try:
        con = sqlite3.connect(f"file:{quote(str(copy))}?mode=rw", uri=True,
                              isolation_level=None)
    except sqlite3.DatabaseError as e:
        raise DamagedBoardError(f"damaged: {e}") from None
    try:
        _lock_down(con, deadline)
        return _validate(con, version, read_rows)
    except sqlite3.OperationalError as e:
        if "interrupted" in str(e):
            raise HostileBoardError(
                f"refused: checking the file took longer than {deadline_s:.1f} s") from None
        if "too big" in str(e):
            raise HostileBoardError(
                f"contains a value too large for a board (over {_mb(MAX_VALUE_BYTES)})"
            ) from None
        raise DamagedBoardError(f"damaged: {_one_line(e)}") from None
    except UnicodeError:  # a name or schema text that is not UTF-8
        raise DamagedBoardError("damaged: its schema holds text that is not valid UTF-8"
                                ) from None
    except sqlite3.DatabaseError as e:
        if "too big" in str(e):  # a value over SQLITE_LIMIT_LENGTH (a DataError)
            raise HostileBoardError(
                f"contains a value too large for a board (over {_mb(MAX_VALUE_BYTES)})"
            ) from None
        raise DamagedBoardError(f"damaged: {_one_line(e)}") from None
    finally:
        con.close()


def _one_line(e: Exception) -> str:
    return " ".join(str(e).split())


def _validate(con: sqlite3.Connection, version: int, read_rows: bool
              ) -> dict[str, list[tuple[Any, ...]]] | None:
    if con.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
        raise NotABoardError("not a board file: an SQLite database of another application")
    # Schema first: quick_check would happily evaluate a hostile schema's expressions.
    schema = con.execute("SELECT type, name, tbl_name, sql FROM sqlite_schema").fetchall()
    expected = expected_schema(version)
    actual = {(t, n, tb, _normal_sql(s)) for t, n, tb, s in schema}
    for t, n, _tb, s in sorted(actual - expected, key=lambda r: (r[0], r[1])):
        if t in ("trigger", "view"):
            raise HostileBoardError(f"contains objects a board never has: {t} {n}")
        if s and s.upper().startswith("CREATE VIRTUAL TABLE"):
            raise HostileBoardError(f"contains objects a board never has: virtual table {n}")
        if any(n == e[1] for e in expected):
            raise HostileBoardError(f"contains objects a board never has: altered {t} {n}")
        raise HostileBoardError(f"contains objects a board never has: {t} {n}")
    missing = sorted(expected - actual, key=lambda r: (r[0] != "table", r[0], r[1]))
    if missing:
        raise DamagedBoardError(f"damaged: the {missing[0][0]} {missing[0][1]} is missing")
    # integrity_check rather than quick_check: it also proves every index agrees with its
    # table and that ids are unique (a board with two cards of one id loads wrongly).  It
    # costs ~50 ms on a 10,000-card board.
    result = [r[0] for r in con.execute("PRAGMA integrity_check(5)")]
    if result != ["ok"]:
        raise DamagedBoardError(f"damaged: {_first_problem(result)}")
    columns = _columns_of(version)
    for table, cols in columns.items():
        _check_values(con, table, cols)
    _check_card_values(con)
    rows = _check_texts_decode(con, columns, read_rows)
    if "alias" in columns:
        _check_alias_table(con)
    fk = con.execute("PRAGMA foreign_key_check").fetchone()
    if fk is not None:
        raise DamagedBoardError(f"damaged: a row of {fk[0]} points to a missing {fk[2]}")
    return rows


def _first_problem(result: list[str]) -> str:
    """The first line of an integrity_check report that names a problem (SQLite puts
    several lines in one row, headed "*** in database main ***")."""
    for row in result:
        for line in row.splitlines():
            line = line.strip()
            if line and not line.startswith("***"):
                return line
    return "the file's structure is broken"


def _columns_of(version: int) -> dict[str, dict[str, tuple[str, ...]]]:
    """:data:`VALUE_TYPES` without the columns a board of ``version`` does not have (an
    unknown name in double quotes would silently be read as a string literal)."""
    return {table: {c: k for c, k in cols.items()
                    if not (version < 2 and c in _V1_COLUMNS_MISSING.get(table, ()))}
            for table, cols in VALUE_TYPES.items() if version >= _TABLE_SINCE.get(table, 1)}


def _check_texts_decode(con: sqlite3.Connection,
                        columns: dict[str, dict[str, tuple[str, ...]]],
                        read_rows: bool = False) -> dict[str, list[tuple[Any, ...]]] | None:
    """Every text is valid UTF-8 (SQLite stores whatever bytes it is given; Python cannot
    read a text that is not) and no value is over the length limit.  Reads all texts
    once (~35 ms for 10,000 cards); with ``read_rows`` reads whole rows and returns them,
    which is the loading of the board done while checking it."""
    out: dict[str, list[tuple[Any, ...]]] | None = {} if read_rows else None
    for table, cols in columns.items():
        names = COLUMNS[table] if read_rows else \
            [c for c, kinds in cols.items() if "text" in kinds]
        cur = con.execute(f'SELECT {", ".join(chr(34) + c + chr(34) for c in names)} '
                          f'FROM "{table}"')
        try:
            if out is not None:
                out[table] = cur.fetchall()
            else:
                while cur.fetchmany(2000):
                    pass
        except sqlite3.DataError as e:
            if "too big" not in str(e):
                raise
            raise HostileBoardError(
                f"contains a value too large for a board in {table} (the limit is "
                f"{_mb(MAX_VALUE_BYTES)})") from None
        except (sqlite3.OperationalError, UnicodeError) as e:
            if "decode" not in str(e):
                raise
            column = str(e).split("column '", 1)[-1].split("'", 1)[0] \
                if "column '" in str(e) else "?"
            raise DamagedBoardError(
                f"damaged: a text in {table}.{column} is not valid UTF-8") from None
    return out


def _check_card_values(con: sqlite3.Connection) -> None:
    """What the column types cannot say: aliases are a JSON list of names, and positions
    and sizes are finite (the model never writes infinities; NaN reads back as NULL)."""
    bad_aliases, infinite = con.execute(
        "SELECT sum(CASE WHEN json_valid(aliases) THEN json_type(aliases) <> 'array' OR "
        "EXISTS (SELECT 1 FROM json_each(card.aliases) WHERE type <> 'text') ELSE 1 END), "
        "sum(abs(x) = 9e999 OR abs(y) = 9e999 OR abs(width) = 9e999 OR abs(height) = 9e999) "
        "FROM card").fetchone()
    if bad_aliases:
        raise DamagedBoardError("damaged: the aliases of a card are not a list of names")
    if infinite:
        raise DamagedBoardError("damaged: a card has an infinite position or size")


def _check_alias_table(con: sqlite3.Connection) -> None:
    """Each alias table entry is keyed by its rule and spelling, as the model makes it (a
    file with two entries of one spelling would apply whichever came first).  The CHECK
    constraints already hold its rule, name and value; the key needs Python's folding."""
    from ..model.entities import alias_entry_id

    for id_, rule, name in con.execute('SELECT id, rule, name FROM "alias"'):
        if id_ != alias_entry_id(rule, name):
            raise DamagedBoardError(
                f"damaged: an entry of the alias table is filed under the wrong key "
                f"({str(id_)[:60]!r} for a {str(rule)[:10]} of {str(name)[:60]!r})")


def _check_values(con: sqlite3.Connection, table: str, cols: dict[str, tuple[str, ...]]) -> None:
    """Row count and storage classes of one table, in a single scan (``typeof`` does not
    read the values; their sizes are bounded by ``SQLITE_LIMIT_LENGTH`` when
    :func:`_check_texts_decode` reads them)."""
    parts = ["count(*)"]
    for col, kinds in cols.items():
        allowed = ",".join(f"'{k}'" for k in kinds)
        parts.append(f'sum(typeof("{col}") NOT IN ({allowed}))')
    row = con.execute(f'SELECT {", ".join(parts)} FROM "{table}"').fetchone()
    n = row[0]
    if n > MAX_ROWS:
        raise HostileBoardError(f"too many rows for a board: {n:,} in {table}")
    for i, (col, kinds) in enumerate(cols.items()):
        if row[1 + i]:
            # length() of a blob reads its size, not its bytes.
            found, size = con.execute(
                f'SELECT typeof("{col}"), length("{col}") FROM "{table}" WHERE '
                f'typeof("{col}") NOT IN ({",".join(repr(k) for k in kinds)}) '
                f'ORDER BY length("{col}") DESC LIMIT 1').fetchone()
            if size is not None and size > MAX_VALUE_BYTES:
                raise HostileBoardError(
                    f"contains a value too large for a board: {table}.{col} of {_mb(size)} "
                    f"(the limit is {_mb(MAX_VALUE_BYTES)})")
            raise DamagedBoardError(
                f"damaged: {table}.{col} holds a {found} value where a board keeps "
                f"{' or '.join(kinds)}")
