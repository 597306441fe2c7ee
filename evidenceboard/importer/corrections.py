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
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .mentions import Entity, name_key

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
        actor merged, types set."""
        kept: list[Entity] = []
        for e in entities:
            ms = [m for m in e.mentions if m.generic or not self.is_rejected(m.surface)]
            named = [m for m in ms if not m.generic]
            if not named:
                continue  # nothing left that names it: not proposed again
            e.mentions = ms
            e.aliases = {a for a in e.aliases if not self.is_rejected(a)}
            if self.is_rejected(e.name):
                e.name = named[0].surface
            kept.append(e)
        targets = {name_key(v) for v in self.aliases.values()}

        def target_of(e: Entity) -> str | None:
            if name_key(e.name) in targets:
                return e.name
            return next((self.canonical(n) for n in (e.name, *sorted(e.aliases))
                         if self.canonical(n)), None)

        # the entity already named as the target keeps its type; the others join it
        kept.sort(key=lambda e: target_of(e) is None or name_key(e.name) not in targets)
        merged: dict[str, Entity] = {}
        out: list[Entity] = []
        for e in kept:
            target = target_of(e)
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
        return out


NO_CORRECTIONS = Corrections()
