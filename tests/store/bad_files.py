"""A corpus of files that are not good boards, each built from scratch by the tests.

Every case says which error class must refuse it and a piece of the one-line message, so
each kind of bad file is known to get its *own* sentence, not a generic "cannot open".
"""

from __future__ import annotations

import io
import os
import random
import shutil
import sqlite3
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from store_boards import every_field_entities

from evidenceboard.store import (
    SCHEMA_VERSION,
    BoardFileError,
    DamagedBoardError,
    HostileBoardError,
    NewerFormatError,
    NotABoardError,
    create_board_file,
)
from evidenceboard.synthetic import synthetic_entities


@dataclass(frozen=True)
class BadFile:
    name: str
    make: Callable[[Path], None]  # writes the bad file at the given path
    error: type[BoardFileError]
    words: str  # must appear in the message


def _good(path: Path) -> None:
    create_board_file(path, every_field_entities())


def _bigger(path: Path) -> None:
    create_board_file(path, synthetic_entities(300, 400, seed=5))


#: How a hostile writer puts values past the board file's CHECK constraints.
_NO_CHECKS = ("ignore_check_constraints=ON",)


def _sql(*statements: str, base: Callable[[Path], None] = _good,
         pragmas: tuple[str, ...] = ()) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        base(path)
        con = sqlite3.connect(path, isolation_level=None)
        for p in pragmas:
            con.execute(f"PRAGMA {p}")
        for s in statements:
            con.execute(s)
        con.close()
    return make


def _patch(offset: int, data: bytes, base: Callable[[Path], None] = _good
           ) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        base(path)
        with open(path, "r+b") as f:
            f.seek(offset)
            f.write(data)
    return make


def _xor(offset: int, mask: int = 0xFF, base: Callable[[Path], None] = _good
         ) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        base(path)
        with open(path, "r+b") as f:
            f.seek(offset)
            b = f.read(1)[0]
            f.seek(offset)
            f.write(bytes([b ^ mask]))
    return make


def _page_of(path: Path, table: str) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT rootpage FROM sqlite_schema WHERE name=?",
                           (table,)).fetchone()[0]
    finally:
        con.close()


def _flip_btree_page_type(path: Path) -> None:
    _bigger(path)
    page = _page_of(path, "card")
    with open(path, "r+b") as f:
        f.seek((page - 1) * 4096)
        f.write(b"\x07")  # not one of the four b-tree page types


def _flip_cell_pointers(path: Path) -> None:
    _bigger(path)
    page = _page_of(path, "link")
    with open(path, "r+b") as f:
        base = (page - 1) * 4096
        f.seek(base)
        header = 12 if f.read(1)[0] in (2, 5) else 8
        f.seek(base + header)
        f.write(b"\xff\xf0\xff\xf0")  # the first two cell pointers point past the page


def _flip_random_btree_bytes(path: Path) -> None:
    _bigger(path)
    size = path.stat().st_size
    rng = random.Random(7)
    with open(path, "r+b") as f:
        for _ in range(40):
            page = rng.randrange(1, size // 4096)
            f.seek(page * 4096 + rng.randrange(0, 16))  # page headers, not the payload
            f.write(bytes([rng.randrange(256)]))


def _truncate(keep: Callable[[int], int], base: Callable[[Path], None] = _bigger
              ) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        base(path)
        with open(path, "r+b") as f:
            f.truncate(keep(path.stat().st_size))
    return make


def _bytes(data: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(data)


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("board.evboard", b"SQLite format 3\x00" + bytes(200))
    return buf.getvalue()


_PDF = (b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n"
        b"%%EOF\n")


def _other_app(app_id: int) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        con = sqlite3.connect(path)
        con.execute(f"PRAGMA application_id={app_id}")
        con.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
        con.execute("INSERT INTO photos (name) VALUES ('cat.jpg')")
        con.commit()
        con.close()
    return make


def _duplicate_ids(path: Path) -> None:
    """Two cards with one id: the bytes of one id replaced by the other everywhere (table
    and index agree, so only a UNIQUE check sees it)."""
    from evidenceboard.model import Card
    a = Card(id="11111111-1111-4111-8111-111111111111", kind="note", title="a")
    b = Card(id="22222222-2222-4222-8222-222222222222", kind="note", title="b")
    create_board_file(path, [a, b])
    data = path.read_bytes().replace(b.id.encode(), a.id.encode())
    path.write_bytes(data)


def _huge_value(column: str, blob: bool) -> Callable[[Path], None]:
    value = (b"\x00" * (33 * 1024**2)) if blob else ("x" * (33 * 1024**2))
    table, col = column.split(".")

    def make(path: Path) -> None:
        _good(path)
        con = sqlite3.connect(path)
        # As a hostile writer would: past the file's CHECK of the value's length.
        con.execute("PRAGMA ignore_check_constraints=ON")
        con.execute(f'UPDATE "{table}" SET "{col}" = ? WHERE rowid = '
                    f'(SELECT min(rowid) FROM "{table}")', (value,))
        con.commit()
        con.close()
    return make


def _good_in_wal_mode(path: Path) -> None:
    """A good board as a writer leaves it in WAL mode (header format bytes 2, 2)."""
    _good(path)
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=WAL")
    con.close()


def _garbage_wal(data: bytes | Callable[[Path], bytes]) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        _good_in_wal_mode(path)
        Path(f"{path}-wal").write_bytes(data(path) if callable(data) else data)
    return make


def _wal_of_other_page_size(path: Path) -> bytes:
    # A well-formed WAL header (right magic, version and checksum) for 1024-byte pages.
    from evidenceboard.store.file_copy import _wal_checksum
    head = struct.pack(">IIIIII", 0x377F0682, 3007000, 1024, 0, 1234, 5678)
    return head + struct.pack(">II", *_wal_checksum(head, False))


def _wal_bad_checksum(path: Path) -> bytes:
    head = struct.pack(">IIIIII", 0x377F0682, 3007000, 4096, 0, 1234, 5678)
    return head + b"\x00" * 8 + os.urandom(4096)


def _hostile_hot_journal(path: Path) -> None:
    """A clean board beside a rollback journal whose playback (which SQLite does when it
    opens the file) brings back a trigger: validating the main file alone would pass it."""
    _good(path)
    hostile = path.with_name("hostile.tmp")
    shutil.copyfile(path, hostile)
    con = sqlite3.connect(hostile)
    con.execute("CREATE TRIGGER wipe AFTER INSERT ON card BEGIN DELETE FROM link; END")
    con.commit()
    con.close()
    good, bad = path.read_bytes(), hostile.read_bytes()
    hostile.unlink()
    ps = 4096
    pages = [i for i in range(len(bad) // ps) if bad[i * ps:(i + 1) * ps] !=
             good[i * ps:(i + 1) * ps]]
    nonce = 0x12345678
    # Rollback journal: magic, record count, checksum nonce, original page count, sector
    # and page size; then (page number, page image, checksum) records.
    header = bytes.fromhex("d9d505f920a163d7") + struct.pack(
        ">IIIII", len(pages), nonce, len(bad) // ps, 512, ps)
    records = b""
    for i in pages:
        data = bad[i * ps:(i + 1) * ps]
        checksum, j = nonce, ps - 200
        while j > 0:
            checksum, j = (checksum + data[j]) & 0xFFFFFFFF, j - 200
        records += struct.pack(">I", i + 1) + data + struct.pack(">I", checksum)
    Path(f"{path}-journal").write_bytes(header.ljust(512, b"\0") + records)


def _symlink_loop(path: Path) -> None:
    other = path.with_name(path.name + ".other")
    os.symlink(other, path)
    os.symlink(path, other)


def _dangling_symlink(path: Path) -> None:
    os.symlink(path.with_name("gone.evboard"), path)


def _no_file(path: Path) -> None:
    return None


def corpus() -> list[BadFile]:
    B = BadFile  # noqa: N806
    return [
        # --- not SQLite at all
        B("missing path", _no_file, BoardFileError, "no such file"),
        B("dangling symlink", _dangling_symlink, BoardFileError, "no such file"),
        B("symlink loop", _symlink_loop, BoardFileError, "cannot read the file"),
        B("directory", lambda p: p.mkdir(), NotABoardError, "it is a folder"),
        B("fifo", lambda p: os.mkfifo(p), NotABoardError, "not a regular file"),
        B("empty", _bytes(b""), NotABoardError, "the file is empty"),
        B("random bytes", _bytes(random.Random(1).randbytes(8192)), NotABoardError,
          "does not start like an SQLite database"),
        B("text", _bytes("Haftar met Dbeibah — שלום\n".encode() * 20), NotABoardError,
          "text file"),
        B("json", _bytes(b'{"cards": []}'), NotABoardError, "JSON"),
        B("html", _bytes(b"<!doctype html><html></html>"), NotABoardError, "HTML"),
        B("png", _bytes(_png()), NotABoardError, "PNG image"),
        B("zip", _bytes(_zip()), NotABoardError, "zip archive"),
        B("pdf", _bytes(_PDF), NotABoardError, "PDF document"),
        # --- SQLite, but not ours
        B("another app's SQLite file", _other_app(0), NotABoardError,
          "SQLite database of another application"),
        B("another app's SQLite file with its own id", _other_app(0x47504B47), NotABoardError,
          "another application (id 0x47504b47)"),
        # --- the header
        B("cut inside the header", _truncate(lambda n: 60, _good), DamagedBoardError,
          "cut short inside its header"),
        B("flipped magic byte", _xor(3), NotABoardError,
          "does not start like an SQLite database"),
        B("flipped application id", _xor(70), NotABoardError, "another application (id"),
        B("impossible page size", _patch(16, b"\x0b\xb8"), DamagedBoardError,
          "impossible page size 3000"),
        B("flipped page count", _xor(28, 0x40), DamagedBoardError, "the file is truncated"),
        B("flipped payload fraction", _xor(21, 0x01), DamagedBoardError,
          "impossible page layout values"),
        B("unknown write version", _patch(18, b"\x03"), DamagedBoardError,
          "unknown file format (3, 1)"),
        B("future user_version", _sql(pragmas=("user_version=7",)), NewerFormatError,
          f"made by a newer EvidenceBoard (format 7; this version reads up to "
          f"{SCHEMA_VERSION})"),
        B("flipped user_version byte", _xor(60, 0x01), NewerFormatError,
          f"made by a newer EvidenceBoard (format {(1 << 24) | SCHEMA_VERSION};"),
        B("negative user_version", _sql(pragmas=("user_version=-1",)), DamagedBoardError,
          "unknown board format -1"),
        B("zero user_version", _sql(pragmas=("user_version=0",)), DamagedBoardError,
          "unknown board format 0"),
        # --- truncated at several points
        B("truncated to the header", _truncate(lambda n: 100), DamagedBoardError,
          "the file is truncated"),
        B("truncated to half", _truncate(lambda n: n // 2), DamagedBoardError,
          "the file is truncated"),
        B("truncated by one page", _truncate(lambda n: n - 4096), DamagedBoardError,
          "damaged:"),
        B("truncated inside the last page", _truncate(lambda n: n - 1000), DamagedBoardError,
          "damaged:"),
        # --- the b-trees
        B("flipped b-tree page type", _flip_btree_page_type, DamagedBoardError, "damaged:"),
        B("flipped cell pointers", _flip_cell_pointers, DamagedBoardError, "damaged:"),
        B("random page-header bytes", _flip_random_btree_bytes, DamagedBoardError,
          "damaged:"),
        # --- hostile or foreign schema
        B("table swapped for a view",
          _sql("DROP TABLE setting",
               "CREATE VIEW setting AS SELECT 'name' AS key, 'x' AS value"),
          HostileBoardError, "contains objects a board never has: view setting"),
        B("trigger", _sql("CREATE TRIGGER wipe AFTER INSERT ON card BEGIN "
                          "DELETE FROM link; END"),
          HostileBoardError, "contains objects a board never has: trigger wipe"),
        B("view calling a function",
          _sql("CREATE VIEW probe AS SELECT sqlite_version(), randomblob(8), "
               "load_extension('x')"),
          HostileBoardError, "contains objects a board never has: view probe"),
        B("FTS5 virtual table", _sql("CREATE VIRTUAL TABLE search USING fts5(body)"),
          HostileBoardError, "contains objects a board never has: virtual table search"),
        B("R-Tree virtual table", _sql("CREATE VIRTUAL TABLE boxes USING rtree(id, a, b)"),
          HostileBoardError, "contains objects a board never has: virtual table boxes"),
        B("extra index", _sql("CREATE INDEX ix_extra ON card (title)"), HostileBoardError,
          "contains objects a board never has: index ix_extra"),
        B("extra table", _sql("CREATE TABLE notes_extra (x)"), HostileBoardError,
          "contains objects a board never has: table notes_extra"),
        B("statistics table", _sql("ANALYZE"), HostileBoardError,
          "contains objects a board never has: table sqlite_stat1"),
        B("altered table", _sql("ALTER TABLE card ADD COLUMN extra TEXT"), HostileBoardError,
          "contains objects a board never has: altered table card"),
        B("missing index", _sql("DROP INDEX ix_link_to"), DamagedBoardError,
          "damaged: the index ix_link_to is missing"),
        B("missing table", _sql("DROP TABLE setting"), DamagedBoardError,
          "damaged: the table setting is missing"),
        B("missing alias table", _sql("DROP TABLE alias"), DamagedBoardError,
          "damaged: the table alias is missing"),
        B("altered alias table", _sql("ALTER TABLE alias ADD COLUMN note TEXT"),
          HostileBoardError, "contains objects a board never has: altered table alias"),
        # --- values
        B("huge blob", _huge_value("setting.value", blob=True), HostileBoardError,
          "contains a value too large for a board"),
        B("too-long text", _huge_value("source.text", blob=False), HostileBoardError,
          "contains a value too large for a board"),
        B("text where a number belongs", _sql("UPDATE card SET x = 'left'", pragmas=_NO_CHECKS),
          DamagedBoardError, "card.x holds a text value where a board keeps real or integer"),
        B("real where an offset belongs", _sql('UPDATE citation SET "end" = "end" + 0.5'),
          DamagedBoardError, "citation.end holds a real value"),
        B("blob where text belongs", _sql("UPDATE card SET body = x'00ff'"),
          DamagedBoardError, "card.body holds a blob value"),
        B("blob where optional text belongs", _sql("UPDATE card SET color = x'41'", pragmas=_NO_CHECKS),
          DamagedBoardError, "card.color holds a blob value"),
        B("text where a boolean belongs", _sql("UPDATE link SET unsourced = 'yes'", pragmas=_NO_CHECKS),
          DamagedBoardError, "link.unsourced holds a text value"),
        B("value outside its CHECK", _sql("UPDATE card SET kind = 'weapon'",
                                          pragmas=("ignore_check_constraints=ON",)),
          DamagedBoardError, "CHECK constraint failed"),
        B("position past its range", _sql("UPDATE card SET x = 1e10", pragmas=_NO_CHECKS),
          DamagedBoardError, "CHECK constraint failed: card.x holds 10000000000.0 where a "
                             "board keeps a number from -1,000,000 to 1,000,000"),
        B("card size past its range", _sql("UPDATE card SET width = 1e6, height = 1e6",
                                           pragmas=_NO_CHECKS),
          DamagedBoardError, "CHECK constraint failed: card.width holds 1000000.0"),
        B("source text changed outside the app",
          _sql("UPDATE source SET text = text || ' (edited)' WHERE rowid = "
               "(SELECT min(rowid) FROM source)"),
          DamagedBoardError, "no longer matches its sha256 fingerprint (it was changed "
                             "outside EvidenceBoard)"),
        B("aliases that are not JSON", _sql("UPDATE card SET aliases = 'Haftar'"),
          DamagedBoardError, "the aliases of a card are not a list of names"),
        B("aliases that are not names", _sql("UPDATE card SET aliases = '[1, {}]'"),
          DamagedBoardError, "the aliases of a card are not a list of names"),
        B("infinite position", _sql("UPDATE card SET x = 9e999", pragmas=_NO_CHECKS), DamagedBoardError,
          "a card has an infinite position or size"),
        B("alias table rule outside its CHECK",
          _sql("UPDATE alias SET rule = 'merge', id = 'merge:x' WHERE rule = 'reject'",
               pragmas=("ignore_check_constraints=ON",)),
          DamagedBoardError, "CHECK constraint failed"),
        B("alias table type that is no actor type",
          _sql("UPDATE alias SET value = 'ship' WHERE rule = 'type'",
               pragmas=("ignore_check_constraints=ON",)),
          DamagedBoardError, "CHECK constraint failed"),
        B("alias table entry under another key",
          _sql("UPDATE alias SET id = 'reject:someone else' WHERE rule = 'reject'"),
          DamagedBoardError, "a row of the alias table is filed under the id"),
        B("blob where an alias table name belongs",
          _sql("UPDATE alias SET name = x'4142' WHERE rule = 'alias'"),
          DamagedBoardError, "alias.name holds a blob value"),
        B("alias table name that is not UTF-8",
          _sql("UPDATE alias SET name = CAST(x'48c328' AS TEXT) WHERE rule = 'reject'"),
          DamagedBoardError, "a text in alias.name is not valid UTF-8"),
        B("text that is not UTF-8", _sql("UPDATE card SET title = CAST(x'48c328' AS TEXT)"),
          DamagedBoardError, "a text in card.title is not valid UTF-8"),
        B("dangling foreign key",
          _sql("UPDATE link SET to_id = 'nobody' WHERE rowid = (SELECT min(rowid) FROM link)"),
          DamagedBoardError, "a row of link points to a missing card"),
        B("citation of a missing source",
          _sql("UPDATE citation SET source_id = 'gone'"),
          DamagedBoardError, "a row of citation points to a missing source"),
        B("card in a missing group",
          _sql("UPDATE card SET group_id = 'gone' WHERE group_id IS NULL AND rowid = "
               "(SELECT min(rowid) FROM card WHERE group_id IS NULL)"),
          DamagedBoardError, "a row of card points to a missing group"),
        B("group title past its range",
          _sql('UPDATE "group" SET title = printf(\'%.2000c\', \'x\')', pragmas=_NO_CHECKS),
          DamagedBoardError, "CHECK constraint failed: group.title"),
        B("group colour that is no colour",
          _sql('UPDATE "group" SET color = \'red\' WHERE color IS NOT NULL',
               pragmas=_NO_CHECKS),
          DamagedBoardError, "CHECK constraint failed: group.color"),
        B("group collapsed flag that is no boolean",
          _sql('UPDATE "group" SET collapsed = 7', pragmas=_NO_CHECKS),
          DamagedBoardError, "CHECK constraint failed: group.collapsed"),
        B("two cards with one id", _duplicate_ids, DamagedBoardError,
          "non-unique entry in index"),
        # --- side files
        B("garbage WAL", _garbage_wal(random.Random(2).randbytes(5000)), DamagedBoardError,
          "is not a valid write-ahead log"),
        B("WAL cut inside its header", _garbage_wal(b"\x37\x7f\x06\x82\x00"),
          DamagedBoardError, "is not a valid write-ahead log"),
        B("WAL with a bad header checksum", _garbage_wal(_wal_bad_checksum),
          DamagedBoardError, "is not a valid write-ahead log"),
        B("hot journal that brings back a trigger", _hostile_hot_journal, HostileBoardError,
          "contains objects a board never has: trigger wipe"),
        B("WAL of another page size", _garbage_wal(_wal_of_other_page_size),
          DamagedBoardError, "is not a valid write-ahead log"),
    ]


CORPUS = {case.name: case for case in corpus()}
