"""One declaration of each entity, and everything the store derives from it.

:mod:`evidenceboard.store.ddl` freezes each version's DDL as text so that a new SQLAlchemy
release formatting DDL differently cannot make every existing board look "altered".  This
test is the other half: the current version's frozen text must be exactly what
:mod:`evidenceboard.store.schema` generates from the declarations in
:mod:`evidenceboard.model.entities` today.  Change a declaration and this fails until the
schema version is raised and the new DDL frozen (docs/ARCHITECTURE.md, "Adding an
entity").

The safe opener compares a file's structure, not its text folded by Python's ``\\s``:
names with Unicode spaces that SQLite keeps as part of the name are refused.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from evidenceboard.model.entities import SCHEMA_HISTORY
from evidenceboard.model.history import STORED
from evidenceboard.store import (
    SCHEMA_VERSION,
    HostileBoardError,
    check_board_file,
    create_board_file,
)
from evidenceboard.store.ddl import DDL
from evidenceboard.store.rows import COLUMNS
from evidenceboard.store.safe_open import expected_schema
from evidenceboard.store.schema import columns, generated_ddl, tables, value_types


def _schema_rows(con: sqlite3.Connection) -> set[tuple]:
    return set(con.execute("SELECT type, name, tbl_name, sql FROM sqlite_schema"))


def test_frozen_ddl_is_what_the_declaration_generates():
    assert set(generated_ddl()) == set(DDL[SCHEMA_VERSION])
    made = sqlite3.connect(":memory:")
    for stmt in generated_ddl():
        made.execute(stmt)
    frozen = sqlite3.connect(":memory:")
    for stmt in DDL[SCHEMA_VERSION]:
        frozen.execute(stmt)
    # Exact text, not merely equivalent: the safe opener compares text too.
    assert _schema_rows(made) == _schema_rows(frozen)


def test_every_version_has_ddl_and_a_history_line():
    assert sorted(DDL) == list(range(1, SCHEMA_VERSION + 1)) == sorted(SCHEMA_HISTORY)


def test_columns_types_and_tables_come_from_one_declaration():
    """The store's column order, the opener's storage classes and the Core tables name
    the same columns as the dataclasses, so no field is written without being checked."""
    core = tables()
    assert list(core) == [es.name for es in STORED] == list(COLUMNS)
    for es in STORED:
        names = [f.column for f in es.fields]
        assert [c.name for c in core[es.name].columns] == names
        assert list(COLUMNS[es.name]) == names == list(value_types()[es.name])
        assert [f.name for f in es.fields] == list(es.cls.__dataclass_fields__)


def test_older_versions_columns_follow_the_fields_since():
    """A field's ``since`` says which files have its column: the frozen DDL of each
    version has exactly those columns."""
    for version in DDL:
        con = sqlite3.connect(":memory:")
        for stmt in DDL[version]:
            con.execute(stmt)
        for table, cols in columns(version).items():
            stored = [r[1] for r in con.execute(f'PRAGMA table_info("{table}")')]
            assert stored == list(cols), (version, table)


def test_expected_schema_of_each_version_parses():
    for version in DDL:
        rows = expected_schema(version)
        names = {n for t, n in rows if t == "table"}
        assert names == {es.name for es in STORED if es.since <= version}


def test_every_range_is_a_check_of_the_file(tmp_path: Path):
    """A value outside a declared range cannot be written into a board file at all."""
    path = create_board_file(tmp_path / "b.evboard")
    con = sqlite3.connect(path)
    for bad in ("x = 1e10", "width = 1e6", "height = 0.5", "kind = 'weapon'",
                "title = zeroblob(0) || printf('%.10001c', 'x')", "color = 'red'"):
        with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed"):
            con.execute("INSERT INTO card (id, kind, title, body, x, y, width, height, "
                        "aliases) VALUES ('c', 'note', 't', '', 0, 0, 10, 10, '[]')")
            con.execute(f"UPDATE card SET {bad}")
        con.rollback()
    con.close()


# The spaces SQLite keeps inside a name while Python's str.split()/\s treat them as blanks.
UNICODE_SPACES = ["\u00a0", "\u3000", "\u2002", "\u2009", "\u200a", "\u202f", "\u205f",
                  "\u1680", "\u2028", "\u0085"]


@pytest.mark.parametrize("space", UNICODE_SPACES, ids=[f"U+{ord(s):04X}" for s in
                                                        UNICODE_SPACES])
def test_a_column_renamed_with_a_unicode_space_is_refused(tmp_path: Path, space: str):
    """``title\\u00a0 VARCHAR`` made a column named ``title\\u00a0``: the old text
    comparison folded the space away and opened a board whose every edit failed."""
    path = create_board_file(tmp_path / "b.evboard")
    con = sqlite3.connect(path)
    sql = con.execute("SELECT sql FROM sqlite_schema WHERE name = 'card'").fetchone()[0]
    assert "\n\ttitle VARCHAR NOT NULL," in sql
    hostile = sql.replace("\n\ttitle VARCHAR NOT NULL,", f"\n\ttitle{space} VARCHAR NOT NULL,")
    con.execute("PRAGMA writable_schema=ON")
    con.execute("UPDATE sqlite_schema SET sql = ? WHERE name = 'card'", (hostile,))
    con.commit()
    con.close()
    with pytest.raises(HostileBoardError) as info:
        check_board_file(path)
    message = str(info.value)
    assert "altered table card" in message
    assert f"\\u{ord(space):04x}" in message or f"\\x{ord(space):02x}" in message, message
    assert space not in message  # shown escaped, never as the character itself


@pytest.mark.parametrize("change, words", [
    # Same column names, other declared type: text would be stored where numbers belong.
    (("\n\tx FLOAT NOT NULL,", "\n\tx TEXT NOT NULL,"), "its columns are not a board's"),
    # A collation changes what counts as the same id (its primary key index shows it).
    (("\n\tid VARCHAR NOT NULL,", "\n\tid VARCHAR COLLATE NOCASE NOT NULL,"),
     "its index columns are not a board's"),
    # A CHECK taken away: the text is all that shows it.
    (("CONSTRAINT card_x CHECK (\"x\" BETWEEN -1000000.0 AND 1000000.0), ", ""),
     "its definition is not a board's"),
    # A default smuggled into a column.
    (("\n\tbody VARCHAR NOT NULL,", "\n\tbody VARCHAR DEFAULT (randomblob(9)) NOT NULL,"),
     "its columns are not a board's"),
])
def test_any_other_change_of_a_table_is_refused(tmp_path: Path, change, words):
    path = create_board_file(tmp_path / "b.evboard")
    con = sqlite3.connect(path)
    sql = con.execute("SELECT sql FROM sqlite_schema WHERE name = 'card'").fetchone()[0]
    assert change[0] in sql
    con.execute("PRAGMA writable_schema=ON")
    con.execute("UPDATE sqlite_schema SET sql = ? WHERE name = 'card'",
                (sql.replace(change[0], change[1]),))
    con.commit()
    con.close()
    with pytest.raises(HostileBoardError, match="altered table card") as info:
        check_board_file(path)
    assert words in str(info.value)
