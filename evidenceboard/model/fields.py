"""How a board entity is declared: each field's type, allowed values and range.

An entity is a frozen dataclass (see :mod:`.entities`) whose fields carry a :class:`Spec`
in their ``metadata``; :class:`EntitySpec` adds what belongs to the whole entity (its
table, its most rows, the rules between its fields, its indexes).  Everything that
stores, reads, writes or checks a board is derived from these declarations:

* the store's tables, CHECK constraints and indexes (``store/schema.py``), its row
  conversion (``store/rows.py``), the safe opener's expected structure and value checks
  (``store/safe_open.py``) and the migrations (``store/migrations.py``);
* the board JSON's schema (``formats/board_schema.py`` writes
  ``resources/board.schema.json``) and its reader and writer (``formats/board_json.py``);
* the rules every edit is checked against (:func:`check_entity`, called by
  ``Board.check``) and the fitting of values brought from elsewhere (:func:`fit_value`).

This module is pure Python: no Qt, no SQL.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import re
import typing
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

#: Field types.  ``texts`` is a list of texts (a card's aliases).
TYPES = ("id", "text", "real", "integer", "boolean", "texts")


@dataclass(frozen=True)
class Pattern:
    """A text made of a fixed ``prefix`` then exactly ``count`` characters of ``chars``
    (a character class such as ``0-9a-f``): simple enough to be checked the same way by
    a regular expression (Python, JSON Schema) and by SQLite's GLOB."""

    prefix: str
    chars: str
    count: int
    description: str

    @property
    def regex(self) -> str:
        return f"^{re.escape(self.prefix)}[{self.chars}]{{{self.count}}}$"

    def matches(self, value: str) -> bool:
        return re.fullmatch(self.regex[1:-1], value) is not None


@dataclass(frozen=True)
class Spec:
    """What one field may hold.  Type and nullability come from the dataclass annotation
    (``str | None`` is a nullable text); the rest is said here."""

    doc: str
    #: "id" for identifiers (and references); otherwise inferred from the annotation.
    type: str | None = None
    choices: tuple[Any, ...] | None = None
    minimum: float | None = None
    maximum: float | None = None
    min_length: int = 0
    max_length: int | None = None
    #: For ``texts``: most items.
    max_items: int | None = None
    pattern: Pattern | None = None
    #: The entity (table) an id field points to.
    references: str | None = None
    #: Name of the column in the board file when it is not the field's name.
    column: str | None = None
    #: Name in the board JSON; ``None`` = not written as a property (the JSON's
    #: structure says it: a citation's owner is the card or link it is listed under).
    json: str | None = ""
    #: Written in the board JSON but not required there (derived when missing).
    json_optional: bool = False
    #: The schema version in which the field appeared (older files get its default).
    since: int = 1
    #: A text over ``max_length`` in an older file may be cut when it is upgraded (a
    #: title, a label); False where cutting would change what the board proves (an
    #: article's text, a quote, ids).
    cut: bool = True
    #: Unique across the table.
    unique: bool = False
    #: What a value of a field with choices is called in messages ("card kind").
    label: str | None = None
    #: False: the text must hold a character other than spaces (a name).
    blank: bool = True


@dataclass(frozen=True)
class Field:
    """One field of an entity, resolved from its dataclass field and :class:`Spec`."""

    name: str
    type: str
    nullable: bool
    default: Any  # dataclasses.MISSING when the field has none
    spec: Spec

    @property
    def column(self) -> str:
        return self.spec.column or self.name

    @property
    def json_name(self) -> str | None:
        return None if self.spec.json is None else (self.spec.json or self.name)

    @property
    def has_default(self) -> bool:
        return self.default is not dataclasses.MISSING

    def __getattr__(self, name: str) -> Any:  # choices, minimum, ... of the spec
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.spec, name)

    @functools.cached_property
    def ok(self) -> Callable[[Any], bool]:
        """A fast test that a value is allowed (:func:`value_problem` says why not)."""
        return _predicate(self)


@dataclass(frozen=True)
class Rule:
    """A rule between fields of one entity (the message may name both values as ``{0}``
    and ``{1}``):

    * ``one_of``: exactly one of the two fields is set;
    * ``span``: ``minimum <= first < second`` (the first field's minimum);
    * ``null_when``: the second is null exactly when the first equals ``value``;
    * ``choices_when``: when the first equals ``value``, the second is one of
      ``choices``;
    * ``prefix``: the first text starts with the second followed by ``":"``.
    """

    name: str
    kind: str
    fields: tuple[str, str]
    message: str
    doc: str = ""
    value: Any = None
    choices: tuple[Any, ...] | None = None


@dataclass(frozen=True)
class EntitySpec:
    """One entity: its class, its table and what holds for it as a whole."""

    name: str  # the table, the Edit's kind
    cls: type
    doc: str
    max_rows: int
    rules: tuple[Rule, ...] = ()
    #: (index name, column) pairs.
    indexes: tuple[tuple[str, str], ...] = ()
    #: Order of the fields in the board JSON when it is not the declaration's.
    json_order: tuple[str, ...] | None = None
    #: The schema version in which the entity (its table) appeared: a board file of an
    #: older version has no such table (its upgrade starts the table empty).
    since: int = 1
    #: An id made from other fields, ``(function, field names)``: ``id ==
    #: function(*those fields)`` always (checked by every edit and by the opener; the
    #: board JSON leaves the id out and the reader makes it).
    key: tuple[Callable[..., str], tuple[str, ...]] | None = None

    @property
    def fields(self) -> tuple[Field, ...]:
        return _fields(self.cls)

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)

    def fields_in(self, version: int) -> tuple[Field, ...]:
        """The fields a board file of schema ``version`` has (none when the entity came
        later)."""
        if version < self.since:
            return ()
        return tuple(f for f in self.fields if f.spec.since <= version)

    def key_of(self, values: dict[str, Any] | Any) -> str | None:
        """The id :attr:`key` makes of an entity's (or a dict's) fields; None without
        a key."""
        if self.key is None:
            return None
        make, names = self.key
        get = values.get if isinstance(values, dict) else \
            (lambda n: getattr(values, n))
        return make(*(get(n) for n in names))

    def json_fields(self) -> tuple[Field, ...]:
        fields = [f for f in self.fields if f.json_name is not None]
        if self.json_order is None:
            return tuple(fields)
        by_name = {f.name: f for f in fields}
        assert sorted(self.json_order) == sorted(by_name), self.name
        return tuple(by_name[n] for n in self.json_order)


_FIELD_CACHE: dict[type, tuple[Field, ...]] = {}


def _field_type(hint: Any) -> tuple[str, bool]:
    args = typing.get_args(hint)
    nullable = type(None) in args
    if nullable:
        hint = next(a for a in args if a is not type(None))
    if hint is str:
        return "text", nullable
    if hint is bool:
        return "boolean", nullable
    if hint is int:
        return "integer", nullable
    if hint is float:
        return "real", nullable
    if typing.get_origin(hint) is tuple:
        return "texts", nullable
    raise TypeError(f"no board type for {hint!r}")


def _fields(cls: type) -> tuple[Field, ...]:
    cached = _FIELD_CACHE.get(cls)
    if cached is not None:
        return cached
    hints = typing.get_type_hints(cls)
    out = []
    for f in dataclasses.fields(cls):
        spec = f.metadata.get("spec")
        if spec is None:
            raise TypeError(f"{cls.__name__}.{f.name} has no Spec")
        kind, nullable = _field_type(hints[f.name])
        if spec.type is not None:
            kind = spec.type
        default = f.default if f.default is not dataclasses.MISSING else (
            f.default_factory() if f.default_factory is not dataclasses.MISSING
            else dataclasses.MISSING)
        out.append(Field(f.name, kind, nullable, default, spec))
    _FIELD_CACHE[cls] = result = tuple(out)
    return result


def spec(doc: str, **kw: Any) -> dict[str, Spec]:
    """``field(metadata=spec(...))``: the metadata of a declared field."""
    return {"spec": Spec(doc, **kw)}


# ----------------------------------------------------------------------------- checking
def number_text(v: float) -> str:
    """A number as a message shows it: 1,000,000 or 0.5."""
    return f"{v:,.0f}" if float(v).is_integer() and abs(v) < 1e16 else f"{v:g}"


def value_problem(f: Field, value: Any, owner: str) -> str | None:
    """Why ``value`` is not allowed in ``f`` of a ``owner`` (one sentence), or None."""
    the = f"a {owner}'s {f.name}"
    if value is None:
        return None if f.nullable else f"{the} is missing"
    t = f.type
    if f.choices is not None:
        if value in f.choices and not isinstance(value, bool):
            return None
        if f.label:
            return f"unknown {f.label} {value!r}"
        return f"{f.name} must be {f.choices[0]} to {f.choices[-1]}, not {value!r}"
    if t in ("text", "id"):
        if not isinstance(value, str):
            return f"{the} must be text"
        n = len(value)
        if t == "id" and not value.strip():
            return f"{the} must be a non-empty text id"
        if not f.blank and not value.strip():
            return f"{the} must not be empty"
        if n < f.min_length:
            return f"{the} must have at least {f.min_length} character" + \
                ("s" if f.min_length > 1 else "")
        if f.max_length is not None and n > f.max_length:
            return f"{the} is too long ({n:,} characters; at most {f.max_length:,})"
        if f.pattern is not None and not f.pattern.matches(value):
            return f"{the} must be {f.pattern.description}"
    elif t == "boolean":
        if not isinstance(value, bool):
            return f"{the} must be true or false"
    elif t in ("real", "integer"):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return f"{the} must be a number"
        if t == "integer" and not isinstance(value, int):
            return f"{the} must be a whole number"
        if not math.isfinite(value):
            return f"{the} must be a finite number, not {value!r}"
        if f.minimum is not None and value < f.minimum:
            if f.minimum > 0:
                return (f"{the} must be more than zero (at least {number_text(f.minimum)};"
                        f" it is {number_text(value)})")
            return (f"{the} is {number_text(value)}, below the smallest allowed "
                    f"{number_text(f.minimum)}")
        if f.maximum is not None and value > f.maximum:
            return f"{the} is {number_text(value)}, beyond the limit of " \
                   f"{number_text(f.maximum)}"
    elif t == "texts":
        if not isinstance(value, (tuple, list)) or not all(isinstance(a, str)
                                                            for a in value):
            return f"{the} must be text"
        if f.max_items is not None and len(value) > f.max_items:
            return f"{the} has {len(value):,} items; at most {f.max_items:,}"
        if f.max_length is not None and any(len(a) > f.max_length for a in value):
            return f"{the} holds a text longer than {f.max_length:,} characters"
    return None


def rule_problem(rule: Rule, a: Any, b: Any, low: float | None = None) -> str | None:
    """Why the values ``a``, ``b`` of ``rule.fields`` break ``rule``, or None."""
    if rule.kind == "one_of":
        return rule.message if (a is None) == (b is None) else None
    if rule.kind == "null_when":
        return None if (b is None) == (a == rule.value) else rule.message.format(a, b)
    if rule.kind == "choices_when":
        ok = a != rule.value or (rule.choices is not None and b in rule.choices)
        return None if ok else rule.message.format(a, b)
    if rule.kind == "prefix":
        ok = isinstance(a, str) and isinstance(b, str) and a.startswith(b + ":")
        return None if ok else rule.message.format(a, b)
    if rule.kind == "span":
        ok = isinstance(a, int) and isinstance(b, int) and (low is None or low <= a) \
            and a < b
        return None if ok else rule.message.format(a, b)
    raise ValueError(rule.kind)


def _predicate(f: Field) -> Callable[[Any], bool]:
    nullable, t = f.nullable, f.type
    if f.choices is not None:
        choices = frozenset(f.choices)
        return lambda v: (v is None and nullable) or (
            not isinstance(v, bool) and v in choices)
    if t in ("text", "id"):
        low, high = f.min_length, f.max_length if f.max_length is not None else math.inf
        pattern = re.compile(f.pattern.regex) if f.pattern is not None else None
        blank_ok = t != "id" and f.blank
        return lambda v: (v is None and nullable) or (
            type(v) is str and low <= len(v) <= high and (blank_ok or bool(v.strip()))
            and (pattern is None or pattern.match(v) is not None))
    if t in ("real", "integer"):
        lo = f.minimum if f.minimum is not None else -math.inf
        hi = f.maximum if f.maximum is not None else math.inf
        kinds = (int,) if t == "integer" else (int, float)
        return lambda v: (v is None and nullable) or (
            type(v) in kinds and lo <= v <= hi)
    if t == "boolean":
        return lambda v: (v is None and nullable) or type(v) is bool
    items = f.max_items if f.max_items is not None else math.inf
    longest = f.max_length if f.max_length is not None else math.inf
    return lambda v: (v is None and nullable) or (
        type(v) in (tuple, list) and len(v) <= items
        and all(type(a) is str and len(a) <= longest for a in v))


def entity_problem(es: EntitySpec, e: Any) -> str | None:
    """The first rule ``e`` breaks (one sentence), or None.  Rules between fields come
    first: they say more than a single field's range."""
    if all(f.ok(getattr(e, f.name)) for f in es.fields) and not any(
            rule_problem(r, getattr(e, r.fields[0]), getattr(e, r.fields[1]),
                         es.field(r.fields[0]).minimum) for r in es.rules) and (
            es.key is None or e.id == es.key_of(e)):
        return None
    for rule in es.rules:
        first = es.field(rule.fields[0])
        why = rule_problem(rule, getattr(e, rule.fields[0]), getattr(e, rule.fields[1]),
                           first.minimum)
        if why is not None:
            return why
    for f in es.fields:
        why = value_problem(f, getattr(e, f.name), es.name)
        if why is not None:
            return why
    if es.key is not None:
        want = es.key_of(e)
        if e.id != want:
            return (f"a row of the {es.name} table is filed under the id its "
                    f"{' and '.join(es.key[1])} make ({want!r}), not {e.id!r}")
    return None


def describe(f: Field) -> str:
    """What ``f`` may hold, in words (messages, docs/FORMAT.md)."""
    parts = []
    if f.references is not None:
        parts.append(f"the id of a {f.references} of the same board")
    elif f.choices is not None:
        parts.append("one of " + ", ".join(str(c) for c in f.choices))
    elif f.type in ("real", "integer"):
        if f.minimum is not None and f.maximum is not None:
            parts.append(f"{'a whole number' if f.type == 'integer' else 'a number'} from "
                         f"{number_text(f.minimum)} to {number_text(f.maximum)}")
        else:
            parts.append("a whole number" if f.type == "integer" else "a finite number")
    elif f.type == "boolean":
        parts.append("true or false")
    elif f.type == "texts":
        parts.append(f"a list of at most {f.max_items:,} texts of at most "
                     f"{f.max_length:,} characters")
    elif f.pattern is not None:
        parts.append(f.pattern.description)
    else:
        low = f"{f.min_length} to " if f.min_length else "at most "
        parts.append(f"text of {low}{f.max_length:,} characters" if f.max_length
                     else "text")
        if not f.blank:
            parts.append("(not only spaces)")
    if f.nullable:
        parts.append("or null")
    return " ".join(parts)


def fit_value(f: Field, value: Any) -> Any:
    """``value`` brought into ``f``'s range: numbers clamped, texts cut (with "…") where
    the field allows it, lists shortened.  Raises ValueError for what cannot be fitted
    without changing what the board proves (an over-long article text or quote)."""
    if value is None:
        return value
    if f.type in ("real", "integer") and f.choices is None and not isinstance(value, bool):
        if isinstance(value, float) and math.isnan(value):
            return f.default if f.has_default else f.minimum
        if f.minimum is not None and value < f.minimum:
            value = type(value)(f.minimum)
        if f.maximum is not None and value > f.maximum:
            value = type(value)(f.maximum)
        return value
    if f.type in ("text", "id") and isinstance(value, str) and f.max_length is not None \
            and len(value) > f.max_length:
        if not f.cut or f.type == "id":
            raise ValueError(f"{f.name} is too long ({len(value):,} characters; a board "
                             f"keeps at most {f.max_length:,})")
        return cut_text(value, f.max_length)
    if f.type == "texts" and isinstance(value, (tuple, list)):
        items = list(value)[:f.max_items] if f.max_items is not None else list(value)
        if f.max_length is not None:
            items = [cut_text(a, f.max_length) for a in items]
        return type(value)(items)
    return value


def cut_text(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, at a word when one is near, with
    "…" marking the cut."""
    if len(text) <= limit:
        return text
    cut = text[:max(limit - 1, 0)]
    space = cut.rfind(" ")
    if space > limit * 0.8:
        cut = cut[:space]
    return cut.rstrip() + "…"


def fitted(es: EntitySpec, e: Any) -> tuple[Any, int]:
    """``e`` with every field brought into its range (:func:`fit_value`), and how many
    fields that changed."""
    changes: dict[str, Any] = {}
    for f in es.fields:
        value = getattr(e, f.name)
        new = fit_value(f, value)
        if new is not value and new != value:
            changes[f.name] = new
    return (dataclasses.replace(e, **changes) if changes else e), len(changes)
