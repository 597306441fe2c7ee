"""Conversion between model entities and table rows (plain tuples, for bulk speed),
derived from the entity declarations: a row holds the entity's fields in declaration
order, lists of texts as JSON text and booleans as 0/1."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from ..model.fields import Field
from ..model.history import STORED, STORED_SPECS, Record, stored_kind
from .schema import columns

if TYPE_CHECKING:
    from ..model import Entity

#: Column order of each table of the current version, as the store reads and writes it.
COLUMNS: dict[str, tuple[str, ...]] = columns()


def _texts_to_row(value: tuple[str, ...]) -> str:
    return json.dumps(list(value), ensure_ascii=False)


def _texts_from_row(text: str) -> tuple[str, ...]:
    if text == "[]":  # almost every card: skip the JSON parser
        return ()
    value = json.loads(text)
    if not isinstance(value, list) or not all(isinstance(a, str) for a in value):
        raise ValueError("aliases must be a JSON list of strings")
    return tuple(value)


_TO_ROW: dict[str, Callable[[Any], Any]] = {"texts": _texts_to_row, "boolean": int}
_FROM_ROW: dict[str, Callable[[Any], Any]] = {"texts": _texts_from_row, "boolean": bool,
                                              "real": float, "integer": int}


def _converters(table: dict[str, Callable[[Any], Any]]
                ) -> dict[str, tuple[tuple[str, ...], tuple[Callable[[Any], Any] | None, ...]]]:
    out = {}
    for es in STORED:
        names = tuple(f.name for f in es.fields)
        convs = tuple(None if f.type not in table else
                      _optional(table[f.type]) if f.nullable else table[f.type]
                      for f in es.fields)
        out[es.name] = (names, convs)
    return out


def _optional(conv: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda v: None if v is None else conv(v)


_WRITE = _converters(_TO_ROW)
_READ = _converters(_FROM_ROW)


def stored_value(f: Field, value: Any) -> Any:
    """``value`` of the field ``f`` as its column stores it."""
    conv = _TO_ROW.get(f.type)
    return value if conv is None or value is None else conv(value)


def to_row(kind: str, e: Entity | Record) -> tuple[Any, ...]:
    """The row of ``e`` in :data:`COLUMNS` order."""
    if stored_kind(e) != kind:
        raise TypeError(kind)
    names, convs = _WRITE[kind]
    return tuple(getattr(e, n) if c is None else c(getattr(e, n))
                 for n, c in zip(names, convs, strict=True))


def from_rows(kind: str, rows: Iterable[tuple[Any, ...]]) -> list[Any]:
    """Entities from rows in :data:`COLUMNS` order.  Raises ValueError on bad values."""
    if kind not in STORED_SPECS:
        raise ValueError(kind)
    cls = STORED_SPECS[kind].cls
    _names, convs = _READ[kind]
    todo = [(i, c) for i, c in enumerate(convs) if c is not None]
    if not todo:
        return [cls(*r) for r in rows]
    out = []
    for r in rows:
        values = list(r)
        for i, c in todo:
            values[i] = c(values[i])
        out.append(cls(*values))
    return out
