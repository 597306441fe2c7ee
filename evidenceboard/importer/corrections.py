"""Corrections an investigator made, applied to the next import.

Extraction is never perfect; what a user fixes on a board (two cards merged, an alias split
out, a type changed, a card marked "not an actor") must not come back with the next
article.  :class:`Corrections` is that memory in the form the importer needs, independent
of where it is stored (the board's alias table, issue 14 part 4):

* ``aliases``: a spelling -> the name of the actor it belongs to.  Spellings mapped to one
  name are one actor within an article, and an actor extracted under such a spelling goes
  to the board card of that name (before any fuzzy match, so a split-out spelling keeps
  going to its own card);
* ``types``: a name -> the actor type the user chose;
* ``rejected``: names that are not actors; they are not proposed again, and a claim they
  would have spoken has no named speaker.

All keys compare by :func:`.mentions.name_key` (case, accents, "al-", "the" ignored).
:func:`corrections_of` reads them from a board's alias table; :func:`.to_board.import_edit`
does so by itself for the board it imports into.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ..model import Board
from .mentions import Entity, Mention, name_key

ACTOR_TYPES = ("person", "organisation", "country", "place", "vessel", "aircraft", "other")


@dataclass(frozen=True)
class Corrections:
    aliases: Mapping[str, str] = field(default_factory=dict)
    types: Mapping[str, str] = field(default_factory=dict)
    rejected: frozenset[str] = frozenset()
    # Derived in __post_init__: the keys above as name_key()s.
    _alias_keys: dict[str, str] = field(init=False, repr=False, compare=False,
                                        default_factory=dict)
    _type_keys: dict[str, str] = field(init=False, repr=False, compare=False,
                                       default_factory=dict)
    _rejected_keys: set[str] = field(init=False, repr=False, compare=False,
                                     default_factory=set)

    def __post_init__(self) -> None:
        bad = {t for t in self.types.values() if t not in ACTOR_TYPES}
        if bad:
            raise ValueError(f"unknown actor type(s): {', '.join(sorted(bad))}")
        object.__setattr__(self, "_alias_keys",
                           {name_key(k): v for k, v in self.aliases.items() if name_key(k)})
        object.__setattr__(self, "_type_keys",
                           {name_key(k): v for k, v in self.types.items() if name_key(k)})
        object.__setattr__(self, "_rejected_keys",
                           {name_key(k) for k in self.rejected} - {""})
        object.__setattr__(self, "_target_keys",
                           {name_key(v) for v in self.aliases.values()} - {""})

    @classmethod
    def from_entries(cls, entries: Iterable[tuple[str, str, str | None]]) -> Corrections:
        """From (kind, name, value) rows: ("alias", spelling, name), ("type", name, type),
        ("reject", name, None) — the shape an alias table naturally has."""
        aliases: dict[str, str] = {}
        types: dict[str, str] = {}
        rejected: set[str] = set()
        for kind, name, value in entries:
            if kind == "alias" and value:
                aliases[name] = value
            elif kind == "type" and value:
                types[name] = value
            elif kind == "reject":
                rejected.add(name)
            else:
                raise ValueError(f"unknown correction {kind!r} for {name!r}")
        return cls(aliases, types, frozenset(rejected))

    # ------------------------------------------------------------------ lookups
    def canonical(self, name: str) -> str | None:
        """The name a spelling belongs to, if the user said so."""
        return self._alias_keys.get(name_key(name))

    def type_of(self, name: str) -> str | None:
        key = name_key(name)
        target = self.canonical(name)
        return self._type_keys.get(key) or (
            self._type_keys.get(name_key(target)) if target else None)

    def is_rejected(self, name: str) -> bool:
        return name_key(name) in self._rejected_keys

    # ------------------------------------------------------------------ extraction
    def apply(self, entities: list[Entity]) -> list[Entity]:
        """The article's entities as corrected: rejected spellings dropped, spellings of one
        actor merged, spellings assigned to another actor (or split out to be their own)
        taken out of the entity they were read into, types set."""
        return self.apply_keeping_rejected(entities)[0]

    def apply_keeping_rejected(self, entities: list[Entity]
                               ) -> tuple[list[Entity], list[Entity]]:
        """:meth:`apply`, and the rejected mentions as entities of their own: claims are
        still attributed with them in sight, so a claim a rejected name would have
        spoken gets no speaker rather than the next actor in the sentence."""
        kept: list[Entity] = []
        rejected: list[Entity] = []
        for e in entities:
            ms = [m for m in e.mentions if m.generic or not self.is_rejected(m.surface)]
            named = [m for m in ms if not m.generic]
            gone = [m for m in e.mentions if not m.generic and self.is_rejected(m.surface)]
            if gone:
                rejected.append(Entity(key=f"{e.key}!", name=gone[0].surface,
                                       actor_type=e.actor_type,
                                       aliases={m.surface for m in gone},
                                       mentions=gone if named else e.mentions,
                                       descriptors=set()))
            if not named:
                continue  # nothing left that names it: not proposed again
            e.mentions = ms
            e.aliases = {a for a in e.aliases if not self.is_rejected(a)}
            if self.is_rejected(e.name):
                e.name = named[0].surface
            kept.append(e)
        targets: set[str] = self._target_keys  # type: ignore[attr-defined]
        pieces: list[tuple[str | None, Entity]] = []
        for e in kept:
            pieces.extend(self._pieces(e, targets))

        # the entity already named as the target keeps its type; the others join it
        pieces.sort(key=lambda p: p[0] is None or name_key(p[1].name) != name_key(p[0]))
        merged: dict[str, Entity] = {}
        out: list[Entity] = []
        for target, e in pieces:
            if target is None:
                out.append(e)
                continue
            key = name_key(target)
            into = merged.get(key)
            if into is None:
                if name_key(e.name) != key:
                    e.aliases.add(e.name)
                    e.name = target
                merged[key] = e
                out.append(e)
                continue
            into.mentions = sorted(into.mentions + e.mentions, key=lambda m: m.start)
            into.aliases |= e.aliases | ({e.name} if name_key(e.name) != key else set())
            into.descriptors |= e.descriptors
        order = {id(e): min((m.start for m in e.mentions), default=0) for e in out}
        out.sort(key=lambda e: order[id(e)])  # article order, as extraction gives them
        for e in out:
            chosen = self.type_of(e.name) or next(
                (self.type_of(a) for a in sorted(e.aliases) if self.type_of(a)), None)
            if chosen:
                e.actor_type = chosen
            e.aliases.discard(e.name)
        return out, rejected

    def _target(self, name: str, targets: set[str]) -> str | None:
        if name_key(name) in targets and not self.canonical(name):
            return name
        return self.canonical(name)

    def _pieces(self, e: Entity, targets: set[str]) -> list[tuple[str | None, Entity]]:
        """``e`` as (target, entity) pieces: the whole entity when its name, or every
        spelling it was read under, belongs to one actor; otherwise the mentions whose
        spelling the investigator assigned elsewhere are taken out, one piece per actor
        ("Maersk" split out of the ship "Nexoe Maersk" goes to its own card)."""
        own = self._target(e.name, targets)
        named = [m for m in e.mentions if not m.generic]
        by_target: dict[str, list[Mention]] = {}
        staying = []
        for m in named:
            t = self._target(m.surface, targets)
            if t is None or (own is not None and name_key(t) == name_key(own)):
                staying.append(m)
            else:
                by_target.setdefault(t, []).append(m)
        if not by_target:
            if own is None:  # a spelling among the aliases may still say where it goes
                # (not one split out to be its own actor: that one never takes others)
                own = next((t for a in sorted(e.aliases)
                            if (t := self.canonical(a)) and name_key(t) != name_key(a)),
                           None)
            return [(own, e)]
        if own is None and len(by_target) == 1:
            # what stays is only a part of the moved name ("Guo" of "Miles Guo")
            (t, moved), = by_target.items()
            moved_words = [set(name_key(m.surface).split()) for m in moved]
            if all(any(set(name_key(m.surface).split()) <= w for w in moved_words)
                   for m in staying):
                return [(t, e)]
        out: list[tuple[str | None, Entity]] = []
        generic = [m for m in e.mentions if m.generic]
        moved_ids = {id(m) for ms in by_target.values() for m in ms}
        biggest = max(by_target, key=lambda t: len(by_target[t]))
        for t, ms in by_target.items():
            surfaces = {m.surface for m in ms}
            piece = Entity(key=f"{e.key}>{name_key(t)}", name=ms[0].surface,
                           actor_type=e.actor_type, aliases=surfaces - {ms[0].surface},
                           mentions=sorted(ms + (generic if not staying and t == biggest
                                                 else []), key=lambda m: m.start),
                           descriptors=set())
            out.append((t, piece))
        if staying:
            moved_surfaces = {m.surface for ms in by_target.values() for m in ms}
            stay_surfaces = {m.surface for m in staying}
            e.mentions = [m for m in e.mentions if id(m) not in moved_ids]
            e.aliases = {a for a in e.aliases
                         if a not in moved_surfaces or a in stay_surfaces}
            if e.name in moved_surfaces and e.name not in stay_surfaces:
                e.name = staying[0].surface
            out.insert(0, (own, e))
        return out


def corrections_of(board: Board) -> Corrections:
    """The corrections kept in ``board``'s alias table, as the importer needs them.  A
    spelling merged into a card goes to that card under its title of today (the card may
    have been renamed since); an entry whose card is gone applies by the name it gives."""
    entries: list[tuple[str, str, str | None]] = []
    for e in sorted(board.alias_table.values(), key=lambda e: e.id):
        value = e.value
        if e.rule == "alias" and e.card_id is not None:
            card = board.cards.get(e.card_id)
            if card is not None and card.kind == "actor":
                value = card.title
        entries.append((e.rule, e.name, value))
    return _corrections(tuple(entries))


@functools.lru_cache(maxsize=8)
def _corrections(entries: tuple[tuple[str, str, str | None], ...]) -> Corrections:
    """Corrections are immutable: the next import into the same board, its table
    unchanged, reuses them (folding thousands of spellings costs more than a lookup)."""
    return Corrections.from_entries(entries)


NO_CORRECTIONS = Corrections()
