"""The in-memory board: one source of truth that views follow through events.

Every change goes through :meth:`Board.apply` with an :class:`Edit`: a list of entities to
put (insert or replace, matched by id) and ids to delete.  ``Board.inverse(edit)`` gives
the edit that undoes it exactly, which is all the undo stack needs.  The store writes the
same edit in one transaction before the board applies it (see
:class:`evidenceboard.document.Document`), so the file always equals what is shown.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .entities import (
    ENTITIES,
    SPEC_OF_CLASS,
    SPECS,
    AliasEntry,
    Card,
    Citation,
    Entity,
    Group,
    Link,
    Setting,
    Source,
)
from .fields import entity_problem

_KINDS: dict[type, str] = {es.cls: es.name for es in ENTITIES}
#: Order in which puts are applied (parents first) and deletes (children first).
PUT_ORDER = tuple(es.name for es in ENTITIES)
_TABLE_ATTRS = {"source": "sources", "group": "groups", "card": "cards", "link": "links",
                "citation": "citations", "setting": "settings", "alias": "alias_table"}
DELETE_ORDER = tuple(reversed(PUT_ORDER))


def kind_of(entity: Entity) -> str:
    return _KINDS[type(entity)]


@dataclass(frozen=True)
class Edit:
    """One user-visible change: what to put and what to delete, with a description.

    ``deletes`` holds ``(kind, id)`` pairs.  An edit is applied as a whole or not at all.
    """

    description: str
    puts: tuple[Entity, ...] = ()
    deletes: tuple[tuple[str, str], ...] = ()

    def is_empty(self) -> bool:
        return not self.puts and not self.deletes

    def ordered_puts(self) -> list[Entity]:
        return sorted(self.puts, key=lambda e: PUT_ORDER.index(kind_of(e)))

    def ordered_deletes(self) -> list[tuple[str, str]]:
        return sorted(self.deletes, key=lambda d: DELETE_ORDER.index(d[0]))


@dataclass(frozen=True)
class BoardEvent:
    """What changed, sent to listeners after an edit is applied."""

    edit: Edit
    added: tuple[Entity, ...] = ()
    changed: tuple[tuple[Entity, Entity], ...] = ()  # (old, new)
    removed: tuple[Entity, ...] = ()


class BoardError(ValueError):
    """An edit that would break the board's rules (dangling reference, bad value)."""


@dataclass
class Board:
    """All entities of one board, indexed for the questions views ask often."""

    sources: dict[str, Source] = field(default_factory=dict)
    cards: dict[str, Card] = field(default_factory=dict)
    links: dict[str, Link] = field(default_factory=dict)
    citations: dict[str, Citation] = field(default_factory=dict)
    settings: dict[str, Setting] = field(default_factory=dict)
    #: The investigator's corrections, applied to every later import (issue 14).
    alias_table: dict[str, AliasEntry] = field(default_factory=dict)
    #: Frames holding cards (``Card.group_id``), issue 13 item 5.
    groups: dict[str, Group] = field(default_factory=dict)
    _members: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    _links_by_card: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    _cites_by_owner: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    _cites_by_source: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    _listeners: list[Callable[[BoardEvent], None]] = field(default_factory=list)

    # ----------------------------------------------------------------- building
    @classmethod
    def from_entities(cls, entities: Iterable[Entity]) -> Board:
        """Build a board in bulk (loading a file), without events or rule checks.

        Written for speed (a 10,000-card board has ~45,000 entities): one table lookup
        per entity by its exact type, and only links and citations indexed."""
        board = cls()
        tables: dict[type, dict[str, Any]] = {Source: board.sources, Card: board.cards,
                                    Link: board.links, Citation: board.citations,
                                    Setting: board.settings, AliasEntry: board.alias_table,
                                    Group: board.groups}
        links_by_card, by_owner = board._links_by_card, board._cites_by_owner
        by_source, members = board._cites_by_source, board._members
        for e in entities:
            tables[type(e)][e.id] = e
        if board.groups:
            for card in board.cards.values():
                if card.group_id is not None:
                    members[card.group_id].add(card.id)
        for link in board.links.values():
            links_by_card[link.from_id].add(link.id)
            links_by_card[link.to_id].add(link.id)
        for c in board.citations.values():
            by_owner[c.owner_id].add(c.id)
            by_source[c.source_id].add(c.id)
        return board

    def _table(self, kind: str) -> dict[str, Entity]:
        table: dict[str, Entity] = getattr(self, _TABLE_ATTRS[kind])
        return table

    def _index(self, e: Entity) -> None:
        if isinstance(e, Card):
            if e.group_id is not None:
                self._members[e.group_id].add(e.id)
        elif isinstance(e, Link):
            self._links_by_card[e.from_id].add(e.id)
            self._links_by_card[e.to_id].add(e.id)
        elif isinstance(e, Citation):
            self._cites_by_owner[e.owner_id].add(e.id)
            self._cites_by_source[e.source_id].add(e.id)

    def _unindex(self, e: Entity) -> None:
        if isinstance(e, Card):
            if e.group_id is not None:
                members = self._members.get(e.group_id)
                if members is not None:
                    members.discard(e.id)
                    if not members:
                        del self._members[e.group_id]
        elif isinstance(e, Link):
            self._links_by_card[e.from_id].discard(e.id)
            self._links_by_card[e.to_id].discard(e.id)
        elif isinstance(e, Citation):
            self._cites_by_owner[e.owner_id].discard(e.id)
            self._cites_by_source[e.source_id].discard(e.id)

    # ----------------------------------------------------------------- queries
    def get(self, kind: str, id_: str) -> Entity | None:
        return self._table(kind).get(id_)

    def find(self, id_: str) -> Entity | None:
        """The card, link, source, citation or setting with this id."""
        for kind in PUT_ORDER:
            e = self._table(kind).get(id_)
            if e is not None:
                return e
        return None

    def links_of(self, card_id: str) -> list[Link]:
        return [self.links[i] for i in sorted(self._links_by_card.get(card_id, ()))]

    def link_count(self, card_id: str) -> int:
        """How many links touch the card (without building them)."""
        return len(self._links_by_card.get(card_id, ()))

    def members_of(self, group_id: str) -> list[Card]:
        """The cards a group holds, in id order."""
        return [self.cards[i] for i in sorted(self._members.get(group_id, ()))]

    def member_ids(self, group_id: str) -> frozenset[str]:
        return frozenset(self._members.get(group_id, ()))

    def citations_of(self, owner_id: str) -> list[Citation]:
        cites = [self.citations[i] for i in self._cites_by_owner.get(owner_id, ())]
        return sorted(cites, key=lambda c: (c.source_id, c.start, c.end, c.id))

    def citations_in(self, source_id: str) -> list[Citation]:
        cites = [self.citations[i] for i in self._cites_by_source.get(source_id, ())]
        return sorted(cites, key=lambda c: (c.start, c.end, c.id))

    def source_by_sha256(self, sha: str) -> Source | None:
        for s in self.sources.values():
            if s.sha256 == sha:
                return s
        return None

    def setting(self, key: str, default: str | None = None) -> str | None:
        s = self.settings.get(key)
        return s.value if s is not None else default

    def entities(self) -> Iterator[Entity]:
        for kind in PUT_ORDER:
            yield from self._table(kind).values()

    def counts(self) -> dict[str, object]:
        by_kind = dict.fromkeys(("actor", "claim", "note"), 0)
        for c in self.cards.values():
            by_kind[c.kind] = by_kind.get(c.kind, 0) + 1
        return {"sources": len(self.sources), "cards": len(self.cards),
                "cards_by_kind": by_kind, "links": len(self.links),
                "citations": len(self.citations)}

    # ----------------------------------------------------------------- editing
    def subscribe(self, listener: Callable[[BoardEvent], None]) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Callable[[BoardEvent], None]) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def check(self, edit: Edit) -> None:
        """Raise :class:`BoardError` if ``edit`` would leave a dangling reference or put a
        value a board file cannot hold (the file's CHECK constraints, finite numbers,
        one source per text), so a refused edit is refused here with a clear reason
        rather than half-way through writing, and nothing written can make the board
        fail its own validation when it is opened again."""
        deleted = {(k, i) for k, i in edit.deletes}
        put_ids = {(kind_of(e), e.id): e for e in edit.puts}
        for e in edit.puts:
            _check_values(e)
        self._check_counts(edit, deleted)
        self._check_unique_texts(edit, deleted)

        def exists(kind: str, id_: str) -> bool:
            if (kind, id_) in put_ids:
                return True
            return id_ in self._table(kind) and (kind, id_) not in deleted

        for e in edit.puts:
            if isinstance(e, Card):
                if e.group_id is not None and not exists("group", e.group_id):
                    raise BoardError(f"card {e.id} is in a missing group {e.group_id}")
            elif isinstance(e, Link):
                for end in (e.from_id, e.to_id):
                    if not exists("card", end):
                        raise BoardError(f"link {e.id} points to a missing card {end}")
            elif isinstance(e, Citation):
                if not exists("source", e.source_id):
                    raise BoardError(f"citation {e.id} cites a missing source")
                owner_kind = "card" if e.card_id is not None else "link"
                if (e.card_id is None) == (e.link_id is None):
                    raise BoardError("a citation belongs to exactly one card or one link")
                if not exists(owner_kind, e.owner_id):
                    raise BoardError(f"citation {e.id} belongs to a missing {owner_kind}")
        # Deleting a parent must delete its children in the same edit.
        for kind, id_ in edit.deletes:
            # (or move them elsewhere in the same edit: a merge re-points them)
            if kind == "card":
                for lid in self._links_by_card.get(id_, ()):
                    moved = put_ids.get(("link", lid))
                    if ("link", lid) not in deleted and (
                            not isinstance(moved, Link) or id_ in (moved.from_id, moved.to_id)):
                        raise BoardError("deleting a card must delete its links too")
            if kind in ("card", "link"):
                for cid in self._cites_by_owner.get(id_, ()):
                    moved = put_ids.get(("citation", cid))
                    if ("citation", cid) not in deleted and (
                            not isinstance(moved, Citation) or moved.owner_id == id_):
                        raise BoardError(f"deleting a {kind} must delete its citations too")
            if kind == "group":
                # Deleting a group keeps its cards: the same edit takes them out of it.
                for card_id in self._members.get(id_, ()):
                    moved = put_ids.get(("card", card_id))
                    if ("card", card_id) not in deleted and (
                            not isinstance(moved, Card) or moved.group_id == id_):
                        raise BoardError("deleting a group must take its cards out of "
                                         "it (or delete them) in the same edit")
            if kind == "source":
                for cid in self._cites_by_source.get(id_, ()):
                    if ("citation", cid) not in deleted:
                        raise BoardError("deleting a source must delete its citations too")

    def _check_counts(self, edit: Edit, deleted: set[tuple[str, str]]) -> None:
        """No table grows past its declared most rows (``EntitySpec.max_rows``)."""
        added: dict[str, int] = {}
        for e in edit.puts:
            kind = kind_of(e)
            if e.id not in self._table(kind):
                added[kind] = added.get(kind, 0) + 1
        for kind, n in added.items():
            limit = SPECS[kind].max_rows
            total = len(self._table(kind)) + n
            if total > limit:
                raise BoardError(f"a board holds at most {limit:,} {kind}s (this would "
                                 f"make {total:,})")

    def _check_unique_texts(self, edit: Edit, deleted: set[tuple[str, str]]) -> None:
        new = [e for e in edit.puts if isinstance(e, Source)]
        if not new:
            return
        final = {sid: s.sha256 for sid, s in self.sources.items()
                 if ("source", sid) not in deleted}
        for s in new:
            final[s.id] = s.sha256
        if len(set(final.values())) != len(final):
            raise BoardError("this article is already on the board (a source with the "
                             "same text)")

    def inverse(self, edit: Edit) -> Edit:
        """The edit that restores the board as it is now, once ``edit`` is applied."""
        puts: list[Entity] = []
        deletes: list[tuple[str, str]] = []
        for e in edit.puts:
            old = self._table(kind_of(e)).get(e.id)
            if old is None:
                deletes.append((kind_of(e), e.id))
            elif old != e:
                puts.append(old)
        for kind, id_ in edit.deletes:
            old = self._table(kind).get(id_)
            if old is not None:
                puts.append(old)
        return Edit(edit.description, tuple(puts), tuple(deletes))

    def apply(self, edit: Edit) -> BoardEvent:
        """Apply ``edit`` in memory and tell the listeners.  Checks rules first."""
        self.check(edit)
        added: list[Entity] = []
        changed: list[tuple[Entity, Entity]] = []
        removed: list[Entity] = []
        for kind, id_ in edit.ordered_deletes():
            old = self._table(kind).pop(id_, None)
            if old is not None:
                self._unindex(old)
                removed.append(old)
        for e in edit.ordered_puts():
            table = self._table(kind_of(e))
            old = table.get(e.id)
            if old is not None:
                if old == e:
                    continue
                self._unindex(old)
                changed.append((old, e))
            else:
                added.append(e)
            table[e.id] = e
            self._index(e)
        event = BoardEvent(edit, tuple(added), tuple(changed), tuple(removed))
        for listener in list(self._listeners):
            listener(event)
        return event


def _check_values(e: Entity) -> None:
    """The rules of the entity's declaration (:mod:`.entities`): types, allowed values
    and ranges, the same ones the board file's CHECK constraints enforce."""
    for name in e.__slots__:  # the fields of these slotted dataclasses
        _check_text(getattr(e, name))
    why = entity_problem(SPEC_OF_CLASS[type(e)], e)
    if why is not None:
        raise BoardError(why)


def _check_text(value: object) -> None:
    """Text must be storable as UTF-8: a lone surrogate (from a broken clipboard or file)
    would make the write fail half-way with an encoding error."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise BoardError("the text contains a broken character (a lone surrogate) "
                             "that cannot be saved") from None
    elif isinstance(value, tuple):
        for item in value:
            _check_text(item)
