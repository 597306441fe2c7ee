"""The board file's own records: who changed what and when, and which board it is.

These are records *of the file*, not things on the board: they are declared like the
entities (:class:`~.fields.EntitySpec`, so the store derives, checks and migrates their
tables the same way) but kept in :data:`RECORDS`, apart from :data:`.entities.ENTITIES`,
which the board, the board JSON and every export iterate.

* :class:`HistoryEntry` — one committed edit: when, by whom, its description, the board
  it was made in, and, for an entry a merge brought in from a colleague's copy, the
  merge entry it came with (such entries are not replayed on this file).
* :class:`HistoryChange` — what one entry did to one item: its value before and after,
  as JSON (:func:`encode` / :func:`decode`), so the edit can be replayed or reverted.
* :class:`Lineage` — the file's identity: its own board id, the root board its copies
  descend from, the board it was copied from, and the history entry its own history
  starts after (a copy shared without history starts at the point it was made).

Two copies of a board find their common ancestor from these (``merge.ancestor``).
This module is pure Python: no Qt, no SQL.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, datetime
from typing import Any

from .board import Board, Edit, kind_of
from .entities import ENTITIES, MAX_ID, MAX_LABEL, MAX_META, SPECS, Entity, Source, new_id
from .fields import EntitySpec, spec

#: The schema version that brought the history into the board file (the one number to
#: change when the version is renumbered: ``SCHEMA_VERSION``, ``SCHEMA_HISTORY`` and the
#: frozen DDL in ``store/ddl.py`` follow it).
SINCE = 6

#: The longest JSON text of one item's value in a change (the opener reads no value
#: over 32 MiB): a source's text is never repeated there (its sha256 stands for it), and
#: a value still longer is recorded without its longest texts (``"cut": true``).
MAX_CHANGE_JSON = 12_000_000
#: Kinds a change may be about.
CHANGE_KINDS: tuple[str, ...] = tuple(es.name for es in ENTITIES)

_ID = spec("unique across the file", type="id", min_length=1, max_length=MAX_ID, cut=False)


def now_text() -> str:
    """The time of an entry: UTC, ISO 8601 to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


@dataclass(frozen=True, slots=True)
class Lineage:
    """Which board this file is, and where it came from."""

    id: str = field(metadata=spec("this file's own board id (a copy gets a new one)",
                                  type="id", min_length=1, max_length=MAX_ID, cut=False))
    root: str = field(metadata=spec(
        "the board id of the first file of the line of copies this one belongs to",
        type="id", min_length=1, max_length=MAX_ID, cut=False))
    copied_from: str | None = field(default=None, metadata=spec(
        "the board id of the file this one was copied from; null = not a copy",
        type="id", max_length=MAX_ID, cut=False))
    base: str | None = field(default=None, metadata=spec(
        "the history entry (of the board copied from) this file's history starts after; "
        "null = the root's start", type="id", max_length=MAX_ID, cut=False))
    made: str = field(default="", metadata=spec("when this file got its id (UTC)",
                                                max_length=40))


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One committed edit (or a marker: a copy saved or shared)."""

    id: str = field(metadata=_ID)
    seq: int = field(metadata=spec("its place in this file's history (1, 2, ...)",
                                   minimum=0, maximum=1_000_000_000))
    at: str = field(metadata=spec("when it was committed (UTC, ISO 8601)", max_length=40))
    author: str = field(metadata=spec("who made it (the name in the app's settings)",
                                      max_length=MAX_META))
    description: str = field(metadata=spec("what the undo menu calls it",
                                           max_length=MAX_LABEL))
    board: str = field(default="", metadata=spec(
        "the board id of the file it was made in", max_length=MAX_ID, cut=False))
    merged_in: str | None = field(default=None, metadata=spec(
        "for an entry a merge brought in from another copy: that merge's entry (such an "
        "entry tells who did what; it is not replayed on this file)", type="id",
        max_length=MAX_ID, cut=False))
    undoes: str | None = field(default=None, metadata=spec(
        "the entry this one undid (an Undo; a Redo undoes the Undo)", type="id",
        max_length=MAX_ID, cut=False))


@dataclass(frozen=True, slots=True)
class HistoryChange:
    """What one history entry did to one item."""

    id: str = field(metadata=spec("the entry's id, a colon and the change's number",
                                  type="id", min_length=1, max_length=MAX_ID + 12, cut=False))
    entry: str = field(metadata=spec("the history entry", type="id", references="history",
                                     max_length=MAX_ID, cut=False))
    n: int = field(metadata=spec("its order within the entry", minimum=0,
                                 maximum=100_000_000))
    kind: str = field(metadata=spec("the kind of item", choices=CHANGE_KINDS,
                                    label="history item kind"))
    item: str = field(metadata=spec("the item's id", type="id", min_length=1,
                                    max_length=MAX_ID + 10_010, cut=False))
    before: str | None = field(default=None, metadata=spec(
        "the item's value before, as JSON; null = it did not exist",
        max_length=MAX_CHANGE_JSON, cut=False))
    after: str | None = field(default=None, metadata=spec(
        "the item's value after, as JSON; null = deleted", max_length=MAX_CHANGE_JSON,
        cut=False))


Record = Lineage | HistoryEntry | HistoryChange

RECORDS: tuple[EntitySpec, ...] = (
    EntitySpec("lineage", Lineage, "which board the file is and where it came from", 1,
               since=SINCE),
    EntitySpec("history", HistoryEntry, "every committed edit: when, by whom, what",
               10_000_000, since=SINCE, indexes=(("ix_history_seq", "seq"),)),
    EntitySpec("history_change", HistoryChange,
               "what each history entry did to each item (before and after)", 100_000_000,
               since=SINCE, indexes=(("ix_history_change_entry", "entry"),
                                     ("ix_history_change_item", "item"))),
)
#: Everything a board file stores: the board's entities, then the file's records.
STORED: tuple[EntitySpec, ...] = ENTITIES + RECORDS
STORED_SPECS: dict[str, EntitySpec] = {es.name: es for es in STORED}
RECORD_KIND: dict[type, str] = {es.cls: es.name for es in RECORDS}


def stored_kind(obj: Entity | Record) -> str:
    """The table of an entity or a record."""
    k = RECORD_KIND.get(type(obj))
    return k if k is not None else kind_of(obj)  # type: ignore[arg-type]


# ----------------------------------------------------------------------------- values
def encode(e: Entity) -> str:
    """An item's value as the JSON of a change: field -> value, a source without its
    text (its sha256 is kept: a text is known by it), lists as lists."""
    values: dict[str, Any] = {}
    for f in fields(e):
        v = getattr(e, f.name)
        values[f.name] = list(v) if isinstance(v, tuple) else v
    if isinstance(e, Source):
        values["text"] = None
    text = json.dumps(values, ensure_ascii=False, separators=(",", ":"))
    if len(text) <= MAX_CHANGE_JSON // 4:
        return text
    for name in ("quote", "body", "value", "title"):  # the long texts, longest first
        if isinstance(values.get(name), str) and len(values[name]) > 1000:
            values[name] = values[name][:1000]
            values["cut"] = True
    return json.dumps(values, ensure_ascii=False, separators=(",", ":"))


def decode(kind: str, text: str) -> Entity:
    """The item a change's JSON describes (a source's text is empty: the history keeps
    its sha256 only).  Raises ValueError for JSON that is not an item of ``kind``."""
    try:
        values = json.loads(text)
    except ValueError as e:
        raise ValueError(f"a history change is not JSON ({e})") from None
    if not isinstance(values, dict):
        raise ValueError("a history change is not an item")
    values.pop("cut", None)
    es = SPECS[kind]
    kw: dict[str, Any] = {}
    for f in es.fields:
        if f.name not in values:
            continue
        v = values[f.name]
        if f.type == "texts" and isinstance(v, list):
            v = tuple(str(a) for a in v)
        if f.type == "real" and isinstance(v, int) and not isinstance(v, bool):
            v = float(v)
        kw[f.name] = v
    if es.cls is Source:
        kw["text"] = ""
    try:
        return es.cls(**kw)  # type: ignore[no-any-return]
    except TypeError as e:
        raise ValueError(f"a history change is not a {kind} ({e})") from None


# ----------------------------------------------------------------------------- recording
@dataclass(frozen=True)
class Recorded:
    """A history entry with its changes, written with the edit in one transaction."""

    entry: HistoryEntry
    changes: tuple[HistoryChange, ...] = ()


def record_edit(board: Board, edit: Edit, *, author: str, board_id: str, seq: int,
                undoes: str | None = None, at: str | None = None) -> Recorded:
    """The history of ``edit`` about to be applied to ``board`` (its before values are
    the board's now)."""
    entry = HistoryEntry(new_id(), seq, at or now_text(), author[:MAX_META],
                         edit.description[:MAX_LABEL], board_id, None, undoes)
    return Recorded(entry, tuple(changes_of(board, edit, entry.id)))


def changes_of(board: Board, edit: Edit, entry_id: str) -> list[HistoryChange]:
    out: list[HistoryChange] = []
    seen: set[tuple[str, str]] = set()
    for kind, id_ in edit.ordered_deletes():
        old = board.get(kind, id_)
        if old is None or (kind, id_) in seen:
            continue
        seen.add((kind, id_))
        out.append(HistoryChange(f"{entry_id}:{len(out)}", entry_id, len(out), kind, id_,
                                 encode(old), None))
    for e in edit.ordered_puts():
        kind = kind_of(e)
        old = board.get(kind, e.id)
        if old == e or (kind, e.id) in seen:
            continue
        seen.add((kind, e.id))
        out.append(HistoryChange(f"{entry_id}:{len(out)}", entry_id, len(out), kind, e.id,
                                 None if old is None else encode(old), encode(e)))
    return out


def marker(description: str, *, author: str, board_id: str, seq: int) -> Recorded:
    """An entry that changes nothing (a copy saved or shared from here): both copies
    keep it, so it is a point their histories share."""
    return Recorded(HistoryEntry(new_id(), seq, now_text(), author[:MAX_META],
                                 description[:MAX_LABEL], board_id))


def new_lineage(*, root: str | None = None, copied_from: str | None = None,
                base: str | None = None) -> Lineage:
    board_id = new_id()
    return Lineage(board_id, root or board_id, copied_from, base, now_text())


# ----------------------------------------------------------------------------- reading
@dataclass
class History:
    """A file's lineage and history, as read from it (oldest entry first)."""

    lineage: Lineage | None = None
    entries: list[HistoryEntry] = field(default_factory=list)
    changes: dict[str, list[HistoryChange]] = field(default_factory=dict)

    @classmethod
    def of(cls, lineage: Lineage | None, entries: Iterable[HistoryEntry],
           changes: Iterable[HistoryChange]) -> History:
        by_entry: dict[str, list[HistoryChange]] = {}
        for c in changes:
            by_entry.setdefault(c.entry, []).append(c)
        for cs in by_entry.values():
            cs.sort(key=lambda c: c.n)
        return cls(lineage, sorted(entries, key=lambda e: e.seq), by_entry)

    def local(self) -> list[HistoryEntry]:
        """The entries made on this file, in order (what replaying it goes through)."""
        return [e for e in self.entries if e.merged_in is None]

    def in_effect(self) -> set[str]:
        """Ids of the entries whose change is still on the board (not undone, or
        undone and redone)."""
        undone_by: dict[str, list[str]] = {}
        for e in self.entries:
            if e.undoes is not None:
                undone_by.setdefault(e.undoes, []).append(e.id)
        memo: dict[str, bool] = {}

        def effective(eid: str, depth: int = 0) -> bool:
            if eid in memo:
                return memo[eid]
            result = depth > 10_000 or not any(effective(u, depth + 1)
                                               for u in undone_by.get(eid, ()))
            memo[eid] = result
            return result

        return {e.id for e in self.entries if effective(e.id)}

    def items_of(self, entry_id: str) -> list[str]:
        return [c.item for c in self.changes.get(entry_id, ())]

    def entries_about(self, item_id: str) -> list[HistoryEntry]:
        ids = {c.entry for cs in self.changes.values() for c in cs if c.item == item_id}
        return [e for e in self.entries if e.id in ids]

    def authors(self) -> list[str]:
        return sorted({e.author for e in self.entries})


def revert(board: Board, entries: Sequence[HistoryEntry],
           changes: dict[str, list[HistoryChange]]) -> Board:
    """A new board: ``board`` with ``entries`` (its latest local ones, oldest first)
    undone, newest first, from their before values.  Lenient: an item whose value
    cannot be read is left as it is (the result is compared, never written)."""
    tables: dict[str, dict[str, Entity]] = {es.name: dict(board._table(es.name))
                                            for es in ENTITIES}
    for entry in reversed(entries):
        for c in reversed(changes.get(entry.id, ())):
            table = tables[c.kind]
            if c.before is None:
                table.pop(c.item, None)
                continue
            try:
                old = decode(c.kind, c.before)
            except ValueError:
                continue
            now = table.get(c.item)
            if isinstance(old, Source) and isinstance(now, Source) and \
                    now.sha256 == old.sha256:
                old = replace(old, text=now.text)  # the text is known by its sha256
            table[c.item] = old
    return Board.from_entities(e for t in tables.values() for e in t.values())
