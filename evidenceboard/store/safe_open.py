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

import errno
import functools
import hashlib
import os
import sqlite3
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model.fields import describe
from ..model.history import STORED, STORED_SPECS
from .ddl import DDL
from .errors import (
    BoardFileError,
    CheckCancelledError,
    DamagedBoardError,
    HostileBoardError,
    NotABoardError,
    SlowCheckError,
)
from .file_copy import (
    _mb,
    _page_size,
    _private_copy,
    _side_size,
    _temp_failure,
    read_header,
    uses_wal,
)
from .fileformat import APPLICATION_ID, SCHEMA_VERSION
from .files import sqlite_uri
from .schema import (
    TABLE_NAMES,
    columns,
    field_check_sql,
    q,
    rule_check_sql,
    texts_check_sql,
    value_types,
)

#: Largest single value a board may hold (a source text of 20 MB is a very long article).
MAX_VALUE_BYTES = 32 * 1024**2
MAX_ROWS = 5_000_000
#: What checking may cost, in proportion to the file's size: a bound against a file
#: crafted to make checking hang, never against a big honest board.  Work is counted in
#: SQLite virtual-machine steps (honest boards take 2,000-7,000 per 4 KiB page) and in
#: processor time of the checking thread (honest boards: ~0.03 s per MB), never in wall
#: time: a busy machine makes checking slower, not more expensive.
WORK_PER_PAGE = 100_000
BASE_WORK = 50_000_000
CPU_S_PER_MB = 0.5
BASE_CPU_S = 3.0
#: Virtual-machine steps between two calls of the progress handler.
STEPS_PER_CALL = 1000
#: About how many handler calls checking an honest page takes (for the progress bar).
EXPECTED_CALLS_PER_PAGE = 5
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
    #: For a file of an older format: how many values lie outside the ranges of the
    #: current one (the upgrade brings them into range; the original is kept).
    out_of_range: int = 0
    #: Virtual-machine steps checking took, and the most it was allowed for this size.
    steps: int = field(default=0, compare=False)
    max_steps: int = field(default=0, compare=False)


class CheckControl:
    """Progress and cancelling of one check, shared between the thread that checks and
    the one that shows it (the window): :attr:`fraction` grows from 0 to 1,
    :meth:`cancel` makes the check stop at its next step with :class:`CheckCancelledError`."""

    def __init__(self) -> None:
        self._cancel = threading.Event()
        self.fraction = 0.0
        #: What is being done ("checking", "loading"), for the progress label.
        self.phase = "checking"
        #: Whether cancelling still stops the opening (not once the file is opened).
        self.cancellable = True

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        """Raise :class:`CheckCancelledError` if the user cancelled."""
        if self._cancel.is_set() and self.cancellable:
            raise CheckCancelledError("opening was cancelled; nothing was changed")


@dataclass
class _Budget:
    """What one check may spend (see :data:`WORK_PER_PAGE`), and why it stopped."""

    size: int
    control: CheckControl | None = None
    deadline: float | None = None  # wall clock, only when a caller asks for one
    deadline_s: float | None = None
    calls: int = 0
    stopped: str | None = None

    def __post_init__(self) -> None:
        pages = max(1, self.size // 4096)
        self.max_calls = (BASE_WORK + WORK_PER_PAGE * pages) // STEPS_PER_CALL
        self.expected_calls = EXPECTED_CALLS_PER_PAGE * pages + 100
        self.cpu_allowed = BASE_CPU_S + CPU_S_PER_MB * self.size / 1024**2
        self.cpu_start = time.thread_time()

    def step(self) -> int:
        """The progress handler: 0 to go on, 1 to stop (reason in :attr:`stopped`)."""
        self.calls += 1
        if self.calls > self.max_calls:
            self.stopped = "work"
        elif self.control is not None and self.control.cancelled:
            self.stopped = "cancel"
        elif self.calls % 64 == 0:
            if time.thread_time() - self.cpu_start > self.cpu_allowed:
                self.stopped = "cpu"
            elif self.deadline is not None and time.monotonic() > self.deadline:
                self.stopped = "deadline"
            elif self.control is not None:
                self.control.fraction = min(0.95, self.calls / self.expected_calls)
        return 1 if self.stopped else 0

    def error(self) -> BoardFileError:
        """The refusal for the reason the check stopped."""
        if self.stopped == "cancel":
            return CheckCancelledError("opening was cancelled; nothing was changed")
        if self.stopped == "deadline":
            return SlowCheckError(
                f"stopped: checking the file took longer than {self.deadline_s:.1f} s; "
                "it was not judged (a large board or a busy computer is slow to check)")
        if self.stopped == "cpu":
            return HostileBoardError(
                f"refused: checking it took over {self.cpu_allowed:.0f} s of processor "
                f"time, many times what any board of {_mb(self.size)} needs")
        return HostileBoardError(
            f"refused: checking it needs over {self.max_calls * STEPS_PER_CALL:,} steps, "
            f"many times what any board of {_mb(self.size)} needs")


#: What the structure of a board file is compared by: per table, its columns
#: (``table_xinfo``: name, declared type, NOT NULL, default, primary key, hidden), its
#: indexes (``index_list`` and each index's ``index_xinfo``, collations included) and
#: its foreign keys.  Names are compared exactly as SQLite stores them: a column
#: ``title\u00a0`` is not ``title`` (Python's ``\s`` folds U+00A0; SQLite does not).
Structure = dict[str, tuple[object, ...]]


def _structure(con: sqlite3.Connection, table: str) -> Structure:
    t = q(table)
    indexes = tuple(tuple(r[1:]) for r in con.execute(f"PRAGMA index_list({t})"))
    return {
        "columns": tuple(tuple(r[1:]) for r in con.execute(f"PRAGMA table_xinfo({t})")),
        "indexes": tuple(sorted(indexes)),
        "index columns": tuple(sorted(
            (ix[0], tuple(tuple(r) for r in con.execute(f"PRAGMA index_xinfo({q(ix[0])})")))
            for ix in indexes)),
        "foreign keys": tuple(sorted(tuple(r[2:]) for r in
                                     con.execute(f"PRAGMA foreign_key_list({t})"))),
    }

@functools.cache
def expected_schema(version: int) -> dict[tuple[str, str], tuple[str, str | None]]:
    """The ``sqlite_schema`` rows of a board of ``version``: (type, name) -> (table, exact
    SQL text), made from our frozen DDL."""
    con = sqlite3.connect(":memory:")
    try:
        for stmt in DDL[version]:
            con.execute(stmt)
        return {(t, n): (tb, sql) for t, n, tb, sql in
                con.execute("SELECT type, name, tbl_name, sql FROM sqlite_schema")}
    finally:
        con.close()


@functools.cache
def expected_structure(version: int) -> dict[str, Structure]:
    con = sqlite3.connect(":memory:")
    try:
        for stmt in DDL[version]:
            con.execute(stmt)
        return {es.name: _structure(con, es.name) for es in STORED
                if es.since <= version}
    finally:
        con.close()


def shown(value: object, limit: int = 40) -> str:
    """A name or value from a file as a message may quote it: as it is when it is plain
    printable ASCII, else escaped (``ascii``: control characters, odd spaces and every
    other character as ``\\x..``/``\\u..``), cut short."""
    if isinstance(value, str):
        plain = all(" " <= ch <= "~" for ch in value) and value.strip() == value
        text = value if plain and value else ascii(value)
    else:
        text = repr(value)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _lock_down(con: sqlite3.Connection, budget: _Budget) -> None:
    con.setlimit(sqlite3.SQLITE_LIMIT_ATTACHED, 0)
    con.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
    con.setlimit(sqlite3.SQLITE_LIMIT_SQL_LENGTH, 100_000)
    con.setlimit(sqlite3.SQLITE_LIMIT_COLUMN, 100)
    con.setlimit(sqlite3.SQLITE_LIMIT_EXPR_DEPTH, 100)
    con.setlimit(sqlite3.SQLITE_LIMIT_TRIGGER_DEPTH, 1)
    for pragma in ("trusted_schema=OFF", "cell_size_check=ON", "mmap_size=0",
                   "query_only=ON", "foreign_keys=OFF"):
        con.execute(f"PRAGMA {pragma}")

    con.set_progress_handler(budget.step, STEPS_PER_CALL)


def check_board_file(path: str | os.PathLike[str], *, deadline_s: float | None = None,
                     control: CheckControl | None = None) -> FileCheck:
    """Validate ``path`` as a board file or raise :class:`BoardFileError`.

    Never writes to ``path`` or its side files.  Works on a private copy in a temporary
    folder.  The work is bounded in proportion to the file's size (see
    :data:`WORK_PER_PAGE`); ``deadline_s`` adds a wall-clock limit (a refusal that says
    the file is slow, not bad); ``control`` reports progress and can cancel.
    """
    with private_folder("evboard-check-") as tmp:
        check, _copy = validated_copy(path, Path(tmp), deadline_s=deadline_s,
                                      control=control)
    return check


def private_folder(prefix: str) -> tempfile.TemporaryDirectory[str]:
    """A private temporary folder for the copy a check works on; a temporary folder
    that cannot take one is a :class:`BoardFileError` saying so, not a traceback."""
    try:
        return tempfile.TemporaryDirectory(prefix=prefix, ignore_cleanup_errors=True)
    except OSError as e:
        raise BoardFileError(_temp_failure(e, Path(tempfile.gettempdir()))) from None


def validated_copy(path: str | os.PathLike[str], workdir: Path, *,
                   deadline_s: float | None = None, read_rows: bool = False,
                   control: CheckControl | None = None) -> tuple[FileCheck, Path]:
    """Validate ``path`` (see :func:`check_board_file`) and return the validated private
    copy in ``workdir``: one self-contained file, any log or journal already folded in.

    Read-only stores read this copy, so what they show is exactly what was validated.
    """
    path = Path(path)
    wal = Path(f"{path}-wal")
    has_wal = (_side_size(wal) or 0) > 0
    read_header(path, wal_follows=has_wal)
    deadline = None if deadline_s is None else time.monotonic() + deadline_s
    with open(path, "rb") as f:
        header = f.read(100)
    if control is not None:
        control.check()
    try:
        copy = _private_copy(path, workdir, _page_size(header), uses_wal(header))
    except OSError as e:
        ours = e.filename is not None and Path(e.filename).parent == workdir
        if ours or e.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            raise BoardFileError(_temp_failure(e, workdir.parent)) from None
        raise BoardFileError(f"cannot read the file: {e.strerror or e}") from None
    return check_private_copy(path, copy, deadline=deadline, deadline_s=deadline_s,
                              read_rows=read_rows, control=control), copy


def check_private_copy(path: Path, copy: Path, *, deadline: float | None = None,
                       deadline_s: float | None = None, read_rows: bool = False,
                       control: CheckControl | None = None) -> FileCheck:
    """Validate ``copy``, a self-contained private copy of the board at ``path``."""
    # The recovered copy may differ from the header read before: read it again.
    version, _ = read_header(copy)
    size = copy.stat().st_size
    if deadline is None and deadline_s is not None:
        deadline = time.monotonic() + deadline_s
    if control is not None:
        control.check()
    budget = _Budget(size, control, deadline, deadline_s)
    rows, out_of_range = validate_file(copy, version, budget,
                                       read_rows=read_rows and version == SCHEMA_VERSION)
    if control is not None:
        control.check()
    return FileCheck(path, version, size, version < SCHEMA_VERSION, rows, out_of_range,
                     steps=budget.calls * STEPS_PER_CALL,
                     max_steps=budget.max_calls * STEPS_PER_CALL)


def validate_file(copy: Path, version: int, budget: _Budget, *,
                  read_rows: bool = False
                  ) -> tuple[dict[str, list[tuple[Any, ...]]] | None, int]:
    """Validate a private copy (never the user's file: opening it may write to it).

    The copy is opened read-write (``query_only`` stops any write): on a ``mode=ro``
    connection SQLite's ``integrity_check`` silently skips the CHECK constraints, and a
    card of kind "weapon" would pass.
    """
    try:
        con = sqlite3.connect(sqlite_uri(copy, mode="rw"), uri=True, isolation_level=None)
    except sqlite3.DatabaseError as e:
        raise DamagedBoardError(f"damaged: {e}") from None
    try:
        _lock_down(con, budget)
        return _validate(con, version, read_rows)
    except sqlite3.OperationalError as e:
        if "interrupted" in str(e):
            raise budget.error() from None
        if "too big" in str(e):
            raise HostileBoardError(
                f"contains a value too large for a board (over {_mb(MAX_VALUE_BYTES)})"
            ) from None
        if "disk is full" in str(e):  # (integrity_check sorts in temporary files)
            raise BoardFileError(_temp_failure(e, copy.parent.parent)) from None
        raise DamagedBoardError(f"damaged: {_one_line(e)}") from None
    except UnicodeError:  # a name or schema text that is not UTF-8
        raise DamagedBoardError("damaged: its schema holds text that is not valid UTF-8"
                                ) from None
    except sqlite3.DatabaseError as e:
        if budget.stopped:
            raise budget.error() from None
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
              ) -> tuple[dict[str, list[tuple[Any, ...]]] | None, int]:
    if con.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
        raise NotABoardError("not a board file: an SQLite database of another application")
    # Schema first: quick_check would happily evaluate a hostile schema's expressions.
    _check_schema(con, version)
    # integrity_check rather than quick_check: it also proves every index agrees with its
    # table and that ids are unique (a board with two cards of one id loads wrongly).  It
    # costs ~50 ms on a 10,000-card board.
    result = [r[0] for r in con.execute("PRAGMA integrity_check(5)")]
    columns_ = value_types(version)
    if result != ["ok"]:
        if all("CHECK constraint failed" in line for row in result
               for line in row.splitlines() if line.strip() and not line.startswith("***")):
            # Name the value: its storage class, then the declared rule it breaks.
            for table, cols in columns_.items():
                _check_values(con, table, cols)
            _check_card_values(con, version)
            _diagnose_checks(con, version)
        raise DamagedBoardError(f"damaged: {_first_problem(result)}")
    for table, cols in columns_.items():
        _check_values(con, table, cols)
    _check_card_values(con, version)
    rows = _check_texts_decode(con, version, columns_, read_rows)
    _check_keys(con, version)
    fk = con.execute("PRAGMA foreign_key_check").fetchone()
    if fk is not None:
        raise DamagedBoardError(f"damaged: a row of {fk[0]} points to a missing {fk[2]}")
    _check_fingerprints(con)
    return rows, count_out_of_range(con, version) if version < SCHEMA_VERSION else 0


def _check_schema(con: sqlite3.Connection, version: int) -> None:
    """The file holds exactly a board's objects, each of exactly a board's structure
    and text (see :data:`Structure`)."""
    actual = {(t, n): (tb, sql) for t, n, tb, sql in
              con.execute("SELECT type, name, tbl_name, sql FROM sqlite_schema")}
    expected = expected_schema(version)
    for t, n in sorted(set(actual) - set(expected)):
        sql = actual[(t, n)][1] or ""
        if t in ("trigger", "view"):
            raise HostileBoardError(f"contains objects a board never has: {t} {shown(n)}")
        if sql.lstrip().upper().startswith("CREATE VIRTUAL TABLE"):
            raise HostileBoardError(
                f"contains objects a board never has: virtual table {shown(n)}")
        if any(n == e[1] for e in expected):
            raise HostileBoardError(f"contains objects a board never has: altered {t} "
                                    f"{shown(n)}")
        raise HostileBoardError(f"contains objects a board never has: {t} {shown(n)}")
    missing = sorted(set(expected) - set(actual), key=lambda r: (r[0] != "table", r))
    if missing:
        raise DamagedBoardError(f"damaged: the {missing[0][0]} {missing[0][1]} is missing")
    structure = expected_structure(version)
    for es in STORED:
        if es.name not in structure:
            continue
        have = _structure(con, es.name)
        for part, want in structure[es.name].items():
            if have[part] != want:
                raise HostileBoardError(
                    f"contains objects a board never has: altered table {es.name} "
                    f"({_difference(part, have[part], want)})")
    for key, (table, sql) in sorted(expected.items()):
        if actual[key] != (table, sql):
            raise HostileBoardError(f"contains objects a board never has: altered "
                                    f"{key[0]} {key[1]} (its definition is not a board's)")


def _difference(part: str, have: tuple[object, ...], want: tuple[object, ...]) -> str:
    if part == "columns":
        names = [str(c[0]) for c in have]  # type: ignore[index]
        wanted = [str(c[0]) for c in want]  # type: ignore[index]
        for name in names:
            if name not in wanted:
                return f"a column {shown(name)} a board does not have"
        for name in wanted:
            if name not in names:
                return f"no column {name}"
        return "its columns are not a board's"
    return f"its {part} are not a board's"


def _first_problem(result: list[str]) -> str:
    """The first line of an integrity_check report that names a problem (SQLite puts
    several lines in one row, headed "*** in database main ***")."""
    for row in result:
        for line in row.splitlines():
            line = line.strip()
            if line and not line.startswith("***"):
                return line
    return "the file's structure is broken"


def _check_texts_decode(con: sqlite3.Connection, version: int,
                        columns_: dict[str, dict[str, tuple[str, ...]]],
                        read_rows: bool = False) -> dict[str, list[tuple[Any, ...]]] | None:
    """Every text is valid UTF-8 (SQLite stores whatever bytes it is given; Python cannot
    read a text that is not) and no value is over the length limit.  Reads all texts
    once (~35 ms for 10,000 cards); with ``read_rows`` reads whole rows and returns them,
    which is the loading of the board done while checking it."""
    out: dict[str, list[tuple[Any, ...]]] | None = {} if read_rows else None
    all_columns = columns(version)
    for table, cols in columns_.items():
        whole = read_rows and table in TABLE_NAMES  # (the history is read when asked)
        names = all_columns[table] if whole else \
            [c for c, kinds in cols.items() if "text" in kinds]
        cur = con.execute(f'SELECT {", ".join(chr(34) + c + chr(34) for c in names)} '
                          f'FROM "{table}"')
        try:
            if out is not None and whole:
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


def _check_keys(con: sqlite3.Connection, version: int) -> None:
    """Ids made from other fields (``EntitySpec.key``: an alias table entry is filed
    under its rule and folded spelling) are the ids those fields make.  A file with two
    entries of one spelling under different ids would apply whichever came first; the
    folding is Python's (Unicode), so it is checked here rather than by a CHECK."""
    for es in STORED:
        if es.key is None or es.since > version:
            continue
        names = [es.field(n).column for n in es.key[1]]
        cols = ", ".join(q(c) for c in [es.fields[0].column, *names])
        cur = con.execute(f"SELECT {cols} FROM {q(es.name)}")
        while batch := cur.fetchmany(2000):
            for id_, *values in batch:
                want = es.key[0](*values)
                if id_ != want:
                    raise DamagedBoardError(
                        f"damaged: a row of the {es.name} table is filed under the id "
                        f"{shown(id_, 60)} where its {' and '.join(es.key[1])} make "
                        f"{shown(want, 60)}")


def _check_card_values(con: sqlite3.Connection, version: int = SCHEMA_VERSION) -> None:
    """What the column types and CHECK constraints cannot say: lists of texts (a card's
    aliases) are JSON lists of names within their declared sizes, and numbers are
    finite (the model never writes infinities; NaN reads back as NULL)."""
    for es in STORED:
        fields = es.fields_in(version)
        texts = [f for f in fields if f.type == "texts"]
        reals = [f for f in fields if f.type == "real"]
        if not texts and not reals:
            continue
        # An older file's lists may be longer than the current ranges: its upgrade
        # shortens them (count_out_of_range counts them).
        parts = [f"sum(NOT ({texts_check_sql(f, ranges=version == SCHEMA_VERSION)}))"
                 for f in texts]
        if reals:
            parts.append("sum(" + " OR ".join(f"abs({q(f.column)}) = 9e999" for f in reals)
                         + ")")
        row = con.execute(f"SELECT {', '.join(parts)} FROM {q(es.name)}").fetchone()
        for f, bad in zip(texts, row, strict=False):
            if bad:
                raise DamagedBoardError(
                    f"damaged: the {f.name} of a {es.name} are not a list of names")
        if reals and row[-1]:
            raise DamagedBoardError(f"damaged: a {es.name} has an infinite position or size")


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
    if n > STORED_SPECS[table].max_rows:
        raise HostileBoardError(f"too many rows for a board: {n:,} in {table} (a board "
                                f"holds at most {STORED_SPECS[table].max_rows:,})")
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


def _diagnose_checks(con: sqlite3.Connection, version: int) -> None:
    """After integrity_check found a CHECK constraint broken: the first value that
    breaks a rule of the declaration, named with the rule."""
    for es in STORED:
        present = {f.name for f in es.fields_in(version)}
        for f in es.fields:
            sql = field_check_sql(f) if f.name in present else None
            if sql is None:
                continue
            row = con.execute(f"SELECT {q(f.column)} FROM {q(es.name)} WHERE NOT ({sql}) "
                              f"LIMIT 1").fetchone()
            if row is not None:
                raise DamagedBoardError(
                    f"damaged: CHECK constraint failed: {es.name}.{f.column} holds "
                    f"{shown(row[0])} where a board keeps {describe(f)}")
        for rule in es.rules:
            if not set(rule.fields) <= present:
                continue
            row = con.execute(f"SELECT 1 FROM {q(es.name)} WHERE NOT "
                              f"({rule_check_sql(es, rule)}) LIMIT 1").fetchone()
            if row is not None:
                raise DamagedBoardError(f"damaged: CHECK constraint failed: a {es.name} "
                                        f"breaks the rule: {rule.message.format('a', 'b')}")


def count_out_of_range(con: sqlite3.Connection, version: int) -> int:
    """How many values of a board of ``version`` lie outside the current declaration's
    ranges (an upgrade brings them into range)."""
    total = 0
    for es in STORED:
        parts = [f"sum(NOT ({sql}))" for f in es.fields_in(version)
                 if (sql := field_check_sql(f) if f.type != "texts" else
                     texts_check_sql(f)) is not None]
        if parts:
            row = con.execute(f"SELECT {', '.join(parts)} FROM {q(es.name)}").fetchone()
            total += sum(v or 0 for v in row)
    return total


def _check_fingerprints(con: sqlite3.Connection) -> None:
    """Every source's text still has the sha256 it is known by.  A text changed outside
    EvidenceBoard would make every citation of it prove words it may no longer hold:
    refused, as the board JSON import refuses it."""
    for id_, title, text, sha in con.execute("SELECT id, title, text, sha256 FROM source"):
        if hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest() != sha:
            name = shown(" ".join(title.split()) if title else id_, 60)
            raise DamagedBoardError(
                f"damaged: the text of the source {name} no longer matches its sha256 "
                f"fingerprint (it was changed outside EvidenceBoard)")
