"""The board file's tables, derived from the entity declarations of the model.

Each entity of :data:`evidenceboard.model.entities.ENTITIES` is one table: a column per
field (``Spec.column`` when the file's name differs), NOT NULL unless the field is
nullable, the id as primary key, a foreign key for each reference, and a named CHECK
constraint for each field's allowed values and range and for each rule between fields.
The SQL of those checks (:func:`field_check_sql`) is also what the safe opener runs to
name the value a damaged file breaks, and what the migrations count.

A board file is an SQLite database whose header carries our ``application_id`` and whose
``user_version`` is the schema version.  These tables are the *only* objects a board file
may contain (see :mod:`evidenceboard.store.safe_open`).  The exact DDL text of every
version is frozen in :mod:`.ddl`; ``tests/store/test_schema.py`` proves the current
version's text is what this module generates.

SQLAlchemy is imported only by :func:`tables` (the opener of a hostile file, and
``check``, need none of it).
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from ..model.entities import ENTITIES, SCHEMA_VERSION
from ..model.fields import EntitySpec, Field, Rule
from ..model.history import STORED, STORED_SPECS
from .fileformat import APPLICATION_ID, FILE_SUFFIX  # noqa: F401

if TYPE_CHECKING:
    from sqlalchemy import MetaData, Table

#: The SQLite storage classes a value of each field type may have.
STORAGE: dict[str, tuple[str, ...]] = {
    "id": ("text",), "text": ("text",), "texts": ("text",), "real": ("real", "integer"),
    "integer": ("integer",), "boolean": ("integer",),
}
#: The board's tables in load order (parents first).
TABLE_NAMES: tuple[str, ...] = tuple(es.name for es in ENTITIES)
#: Every table of a board file: the board's, then the file's records (its history).
FILE_TABLES: tuple[str, ...] = tuple(es.name for es in STORED)


def tables_in(version: int = SCHEMA_VERSION) -> tuple[str, ...]:
    """The tables a board file of ``version`` has, in load order (an entity declared
    ``since`` a later version has none in it)."""
    return tuple(es.name for es in STORED if es.since <= version)


def q(name: str) -> str:
    """An SQL identifier, always quoted (``end`` and ``key`` are keywords)."""
    return '"' + name.replace('"', '""') + '"'


def _number(value: float, f: Field) -> str:
    return str(int(value)) if f.type == "integer" else repr(float(value))


def _literal(value: object) -> str:
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    return str(value)


def field_check_sql(f: Field) -> str | None:
    """The SQL condition every value of ``f`` meets in a board file (None: nothing to
    check beyond the column's NOT NULL)."""
    c = q(f.column)
    parts: list[str] = []
    if f.choices is not None:
        parts.append(f"{c} IN ({','.join(_literal(v) for v in f.choices)})")
    elif f.type in ("real", "integer"):
        if f.minimum is not None and f.maximum is not None:
            parts.append(f"{c} BETWEEN {_number(f.minimum, f)} AND {_number(f.maximum, f)}")
        elif f.minimum is not None:
            parts.append(f"{c} >= {_number(f.minimum, f)}")
        elif f.maximum is not None:
            parts.append(f"{c} <= {_number(f.maximum, f)}")
    elif f.type == "boolean":
        parts.append(f"{c} IN (0,1)")
    elif f.type in ("text", "id"):
        if f.min_length:
            parts.append(f"length({c}) >= {f.min_length}")
        if not f.blank:
            parts.append(f"length(trim({c})) > 0")
        if f.max_length is not None:
            parts.append(f"length({c}) <= {f.max_length}")
        if f.pattern is not None:
            glob = f.pattern.prefix.replace("'", "''") + f"[{f.pattern.chars}]" * \
                f.pattern.count
            parts.append(f"{c} GLOB '{glob}'")
    # A list of texts (JSON text) gets no CHECK: SQLite's JSON functions may not run in
    # a schema read with trusted_schema=OFF.  The opener checks it (texts_check_sql).
    if not parts:
        return None
    cond = " AND ".join(parts)
    return f"{c} IS NULL OR ({cond})" if f.nullable else cond


def texts_check_sql(f: Field, *, ranges: bool = True) -> str:
    """The condition a list-of-texts column meets (checked by the opener's queries):
    a JSON list of texts, with ``ranges`` no longer or larger than declared."""
    c = q(f.column)
    sizes = (f"json_array_length({c}) <= {f.max_items} AND ", f" OR length(value) > "
             f"{f.max_length}") if ranges else ("", "")
    return (f"CASE WHEN json_valid({c}) THEN CASE WHEN json_type({c}) = 'array' THEN "
            f"{sizes[0]}NOT EXISTS (SELECT 1 FROM json_each({c}) WHERE type <> 'text'"
            f"{sizes[1]}) ELSE 0 END ELSE 0 END")


def rule_check_sql(es: EntitySpec, rule: Rule) -> str:
    a, b = (q(es.field(n).column) for n in rule.fields)
    if rule.kind == "one_of":
        return f"({a} IS NULL) <> ({b} IS NULL)"
    if rule.kind == "span":
        low = es.field(rule.fields[0]).minimum
        floor = f"{a} >= {int(low)} AND " if low is not None else ""
        return f"{floor}{b} > {a}"
    if rule.kind == "null_when":
        return f"({b} IS NULL) = ({a} = {_literal(rule.value)})"
    if rule.kind == "choices_when":
        choices = ",".join(_literal(v) for v in rule.choices or ())
        return f"{a} <> {_literal(rule.value)} OR {b} IN ({choices})"
    if rule.kind == "prefix":
        return f"substr({a}, 1, length({b}) + 1) = {b} || ':'"
    raise ValueError(rule.kind)


def columns(version: int = SCHEMA_VERSION) -> dict[str, tuple[str, ...]]:
    """Column names of each table of a board of ``version``, in field order."""
    return {es.name: tuple(f.column for f in es.fields_in(version)) for es in STORED
            if es.since <= version}


def value_types(version: int = SCHEMA_VERSION) -> dict[str, dict[str, tuple[str, ...]]]:
    """Column -> the storage classes its values may have, per table of ``version``."""
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    for es in STORED:
        if es.since > version:
            continue
        out[es.name] = {f.column: STORAGE[f.type] + (("null",) if f.nullable else ())
                        for f in es.fields_in(version)}
    return out


def primary_key(table: str) -> str:
    return STORED_SPECS[table].fields[0].column


@functools.cache
def metadata() -> MetaData:
    """The current version's tables as SQLAlchemy Core :class:`~sqlalchemy.Table`s, on
    their own ``MetaData`` (nothing else can leak into a board)."""
    from sqlalchemy import (
        Boolean,
        CheckConstraint,
        Column,
        Float,
        ForeignKey,
        Index,
        Integer,
        MetaData,
        String,
        Table,
        UniqueConstraint,
    )

    kinds = {"id": String, "text": String, "texts": String, "real": Float,
             "integer": Integer, "boolean": Boolean}
    md = MetaData()
    for es in STORED:
        cols: list[Column[Any]] = []
        extra: list[UniqueConstraint] = []
        for n, f in enumerate(es.fields):
            args: list[ForeignKey] = []
            if f.references is not None:
                args.append(ForeignKey(f"{f.references}.{primary_key(f.references)}"))
            cols.append(Column(f.column, kinds[f.type](), *args, primary_key=n == 0,
                               nullable=f.nullable))
            if f.unique:
                extra.append(UniqueConstraint(f.column))
        checks = [CheckConstraint(sql, name=f"{es.name}_{f.name}")
                  for f in es.fields if (sql := field_check_sql(f)) is not None]
        checks += [CheckConstraint(rule_check_sql(es, r), name=r.name) for r in es.rules]
        Table(es.name, md, *cols, *checks, *extra)
        for index_name, column in es.indexes:
            Index(index_name, md.tables[es.name].c[column])
    return md


def tables() -> dict[str, Table]:
    md = metadata()
    return {name: md.tables[name] for name in FILE_TABLES}


def generated_ddl() -> tuple[str, ...]:
    """The DDL statements SQLAlchemy compiles for :func:`metadata`, tables in load order
    each followed by its indexes (what :mod:`.ddl` freezes for the current version)."""
    from sqlalchemy.dialects import sqlite
    from sqlalchemy.schema import CreateIndex, CreateTable

    dialect = sqlite.dialect()
    out: list[str] = []
    for table in tables().values():
        out.append(str(CreateTable(table).compile(dialect=dialect)).strip())
        for index in sorted(table.indexes, key=lambda i: str(i.name)):
            out.append(str(CreateIndex(index).compile(dialect=dialect)).strip())
    return tuple(out)
