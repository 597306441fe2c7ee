"""The alias table in the board file (schema version 4, issue 14 part 4): declared once in
``model/entities.py``, it is a table of a version 4 file only.  A file of version 3 opens
and is upgraded with an empty table; a version 3 file that holds an ``alias`` table is
not a board of version 3 and is refused; a version 4 file with any other table still is.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from store_boards import every_field_entities, without_newer_fields, write_old_board

from evidenceboard.model import AliasEntry, Board, Edit, edits
from evidenceboard.model.entities import SPECS
from evidenceboard.store import (
    SCHEMA_VERSION,
    BoardStore,
    DamagedBoardError,
    HostileBoardError,
    check_board_file,
    create_board_file,
)
from evidenceboard.store.ddl import DDL
from evidenceboard.store.migrations import backup_path
from evidenceboard.store.schema import tables_in

ALIAS_SINCE = SPECS["alias"].since


def _alias_ddl() -> str:
    return next(s for s in DDL[SCHEMA_VERSION] if s.startswith("CREATE TABLE alias "))


def test_the_alias_table_is_a_table_of_its_version_on():
    assert ALIAS_SINCE <= SCHEMA_VERSION
    assert "alias" in tables_in(SCHEMA_VERSION)
    assert all("alias" not in tables_in(v) for v in DDL if v < ALIAS_SINCE)
    assert all("CREATE TABLE alias " not in s for v in DDL if v < ALIAS_SINCE
               for s in DDL[v])


def test_an_older_board_is_upgraded_and_then_keeps_corrections(tmp_path: Path):
    version = ALIAS_SINCE - 1
    path = write_old_board(tmp_path / "old.evboard", version,
                           without_newer_fields(every_field_entities(), version))
    assert check_board_file(path).needs_migration
    with BoardStore.open(path) as store:
        board = store.load()
        assert board.alias_table == {}
        actors = [c.id for c in board.cards.values() if c.kind == "actor"][:2]
        assert len(actors) == 2
        edit = edits.merge_actors(board, actors)
        store.commit(edit)
        board.apply(edit)
        written = dict(board.alias_table)
    assert written, "a merge records the merged spellings"
    assert backup_path(path, version).exists()
    assert check_board_file(path).version == SCHEMA_VERSION
    with BoardStore.open(path) as store:
        assert store.load().alias_table == written


def test_a_file_of_an_older_version_holding_an_alias_table_is_refused(tmp_path: Path):
    """Version 3 never had the table: a file that says 3 and holds it is not a board."""
    version = ALIAS_SINCE - 1
    path = write_old_board(tmp_path / "b.evboard", version, [])
    con = sqlite3.connect(path)
    con.execute(_alias_ddl())
    con.commit()
    con.close()
    # (its primary key index is named first: objects are named in sorted order)
    with pytest.raises(HostileBoardError,
                       match=r"contains objects a board never has: .*alias"):
        check_board_file(path)


def test_an_unknown_table_beside_the_alias_table_is_refused(tmp_path: Path):
    path = create_board_file(tmp_path / "b.evboard",
                             [AliasEntry.make("reject", "Lloyd")])
    check_board_file(path)
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE alias2 (id, rule, name, value, card_id)")
    con.commit()
    con.close()
    with pytest.raises(HostileBoardError,
                       match="contains objects a board never has: table alias2"):
        check_board_file(path)


@pytest.mark.parametrize("change, words", [
    # A CHECK of the declaration taken away: the text shows it.
    (("CONSTRAINT alias_rejected CHECK ((\"value\" IS NULL) = (\"rule\" = 'reject')), ",
      ""), "its definition is not a board's"),
    # A column the declaration does not have.
    (("\n\tcard_id VARCHAR, ", "\n\tcard_id VARCHAR, \n\tnote VARCHAR, "),
     "a column note a board does not have"),
])
def test_an_altered_alias_table_is_refused(tmp_path: Path, change, words):
    path = create_board_file(tmp_path / "b.evboard")
    con = sqlite3.connect(path)
    sql = con.execute("SELECT sql FROM sqlite_schema WHERE name = 'alias'").fetchone()[0]
    assert change[0] in sql
    con.execute("PRAGMA writable_schema=ON")
    con.execute("UPDATE sqlite_schema SET sql = ? WHERE name = 'alias'",
                (sql.replace(change[0], change[1]),))
    con.commit()
    con.close()
    with pytest.raises(HostileBoardError, match="altered table alias") as info:
        check_board_file(path)
    assert words in str(info.value)


@pytest.mark.parametrize("row, words", [
    (("alias:x", "alias", "X", None, None), "CHECK constraint failed"),
    (("reject:x", "reject", "X", "someone", None), "CHECK constraint failed"),
    (("type:x", "type", "X", "ship", None), "CHECK constraint failed"),
    (("alias:x", "alias", "   ", "Y", None), "CHECK constraint failed"),
    (("type:x", "alias", "X", "Y", None), "CHECK constraint failed"),
])
def test_rows_breaking_the_declared_rules_cannot_be_written(tmp_path: Path, row, words):
    path = create_board_file(tmp_path / "b.evboard")
    con = sqlite3.connect(path)
    with pytest.raises(sqlite3.IntegrityError, match=words):
        con.execute("INSERT INTO alias VALUES (?, ?, ?, ?, ?)", row)
    con.close()


def test_every_edit_keeps_the_derived_key():
    board = Board()
    with pytest.raises(ValueError, match="filed under the id its rule and name make"):
        board.apply(Edit("bad", (AliasEntry("alias:someone else", "alias", "X", "Y"),)))
    board.apply(Edit("good", (AliasEntry.make("alias", "Maersk’s", "Maersk"),)))
    assert list(board.alias_table) == ["alias:maersk"]


def test_a_key_the_folding_does_not_make_is_refused_by_the_opener(tmp_path: Path):
    path = create_board_file(tmp_path / "b.evboard",
                             [AliasEntry.make("alias", "MAERSK", "Maersk")])
    con = sqlite3.connect(path)
    # Passes the CHECK (it starts with the rule), but "MAERSK" folds to "maersk".
    con.execute("UPDATE alias SET id = 'alias:MAERSK'")
    con.commit()
    con.close()
    with pytest.raises(DamagedBoardError, match="filed under the id alias:MAERSK where "
                                                "its rule and name make alias:maersk"):
        check_board_file(path)
