"""The frozen DDL (what files are checked against) equals what SQLModel declares.

:mod:`evidenceboard.store.ddl` freezes each version's DDL as text so that a new SQLAlchemy
release formatting DDL differently cannot make every existing board look "altered".  This
test is the other half: the current version's frozen text must be exactly what the
SQLModel tables of :mod:`evidenceboard.store.schema` create today.
"""

from __future__ import annotations

import sqlite3

from sqlalchemy import create_engine
from sqlalchemy.schema import CreateIndex, CreateTable

from evidenceboard.store import SCHEMA_VERSION
from evidenceboard.store.ddl import DDL
from evidenceboard.store.rows import COLUMNS
from evidenceboard.store.safe_open import VALUE_TYPES, expected_schema
from evidenceboard.store.schema import TABLES, board_metadata


def _schema_rows(con: sqlite3.Connection) -> set[tuple]:
    return set(con.execute("SELECT type, name, tbl_name, sql FROM sqlite_schema"))


def test_frozen_ddl_is_what_sqlmodel_creates(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'orm.sqlite'}")
    board_metadata.create_all(engine)
    engine.dispose()
    orm = sqlite3.connect(tmp_path / "orm.sqlite")
    frozen = sqlite3.connect(":memory:")
    for stmt in DDL[SCHEMA_VERSION]:
        frozen.execute(stmt)
    # Exact text, not merely equivalent: the safe opener compares text.
    assert _schema_rows(orm) == _schema_rows(frozen)
    orm.close()
    frozen.close()


def test_frozen_ddl_statements_are_sqlalchemys_text():
    """Each frozen statement is SQLAlchemy's compiled DDL for one table or index."""
    dialect = create_engine("sqlite://").dialect
    compiled = set()
    for table in board_metadata.sorted_tables:
        compiled.add(str(CreateTable(table).compile(dialect=dialect)).strip())
        for index in table.indexes:
            compiled.add(str(CreateIndex(index).compile(dialect=dialect)).strip())
    assert compiled == set(DDL[SCHEMA_VERSION])


def test_every_version_has_ddl_and_the_current_is_the_newest():
    assert sorted(DDL) == list(range(1, SCHEMA_VERSION + 1))


def test_column_lists_match_the_tables():
    """The store's column order, the validator's type table and the SQLModel tables name
    the same columns, so no column is written without being validated or vice versa."""
    assert set(TABLES) == set(COLUMNS) == set(VALUE_TYPES)
    for name, row in TABLES.items():
        table_cols = [c.name for c in row.__table__.columns]  # type: ignore[attr-defined]
        assert sorted(table_cols) == sorted(COLUMNS[name]), name
        assert sorted(VALUE_TYPES[name]) == sorted(COLUMNS[name]), name


def test_expected_schema_of_each_version_parses():
    for version in DDL:
        rows = expected_schema(version)
        names = {n for t, n, _tb, _s in rows if t == "table"}
        assert names == {"setting", "source", "card", "link", "citation"} | (
            {"alias"} if version >= 3 else set())
