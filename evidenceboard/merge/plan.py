"""What merging a colleague's copy of a board into one's own would do.

:func:`plan_merge` compares *mine* and *theirs* with their common ancestor *base*
(three-way; without one, two-way by ids) item by item and, for an item both sides
changed, field by field:

* what only the other side added, changed or deleted comes in;
* what only this side changed stays; the same change made on both sides is no conflict;
* an item both sides changed differently — the same field to different values, or
  changed on one side and deleted on the other — is a :class:`Conflict`, which
  :func:`.build.merge_edit` resolves only as the user chose (never silently);
* sources are matched by sha256 (a colleague's copy of an article already here is this
  board's source, whatever its id);
* an actor the colleague added under another spelling of an actor here is an
  :class:`ActorMatch` proposal (the importer's alias and fuzzy matching), taken only when
  accepted.

Each investigator's own view (the settings ``view`` and ``view/…``) is never merged.
Nothing here changes a board: this is pure Python on the model.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields, replace
from typing import Any

from ..model import Board, Card, Citation, Entity, Link, Source, kind_of
from ..model.board import PUT_ORDER

#: Fields compared together (a move changes x and y; a resize width and height).
GROUPS: dict[str, tuple[str, ...]] = {"position": ("x", "y"), "size": ("width", "height")}
_GROUP_OF = {f: g for g, fs in GROUPS.items() for f in fs}
#: Fields a merge never compares on their own (a source's text is known by its sha256).
_SKIPPED_FIELDS = {"text", "id"}

#: Reasons of conflicts, as the merge dialog and the CLI name them.
BOTH_CHANGED = "changed differently on both boards"
CHANGED_DELETED = "changed here, deleted on theirs"
DELETED_CHANGED = "deleted here, changed on theirs"
BOTH_ADDED = "added on both boards with different values"
DIFFERENT = "different on the two boards (no common ancestor to tell who changed it)"
USES_DELETED = "theirs uses an item deleted here"
DELETED_USED = "deleted on theirs, still used here"


def is_personal(e: Entity) -> bool:
    """Each investigator's own view of the board: never merged or compared."""
    return kind_of(e) == "setting" and (e.id == "view" or e.id.startswith("view/"))


def _plain(e: Entity | None) -> Any:
    """The value compared: a source without its text (its sha256 says it)."""
    if isinstance(e, Source):
        return replace(e, text="")
    return e


def same(a: Entity | None, b: Entity | None) -> bool:
    return bool(_plain(a) == _plain(b))


def field_value(e: Entity, name: str) -> Any:
    """A field's value, or a group's (position: (x, y))."""
    if name in GROUPS:
        return tuple(getattr(e, f) for f in GROUPS[name])
    return getattr(e, name)


def compared_fields(e: Entity) -> list[str]:
    """The fields (and groups of fields) an item is compared by, in declaration order."""
    out: list[str] = []
    for f in fields(e):
        if f.name in _SKIPPED_FIELDS:
            continue
        name = _GROUP_OF.get(f.name, f.name)
        if name not in out:
            out.append(name)
    return out


def _with(e: Entity, name: str, value: Any) -> Entity:
    if name in GROUPS:
        return replace(e, **dict(zip(GROUPS[name], value, strict=True)))
    return replace(e, **{name: value})


@dataclass(frozen=True)
class FieldConflict:
    """One field both sides changed to different values."""

    field: str
    base: Any
    mine: Any
    theirs: Any


@dataclass(frozen=True)
class Conflict:
    """An item the two sides changed differently: decided by the user."""

    kind: str
    id: str
    reason: str
    mine: Entity | None
    theirs: Entity | None
    base: Entity | None = None
    #: For an item both sides changed: the fields in conflict.
    fields: tuple[FieldConflict, ...] = ()
    #: For an item both sides changed: mine with theirs' other (non-conflicting) changes.
    merged: Entity | None = None
    #: For a conflict about a reference: the item it is about (kind, id).
    about: tuple[str, str] | None = None

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.id)

    def resolved(self, side: str) -> Entity | None:
        """The item's value when ``side`` ("mine" / "theirs") is chosen for every
        conflicting field (None: the item is not there)."""
        if self.fields and self.merged is not None:
            e = self.merged
            for fc in self.fields:
                e = _with(e, fc.field, fc.mine if side == "mine" else fc.theirs)
            return e
        return self.mine if side == "mine" else self.theirs


@dataclass(frozen=True)
class ActorMatch:
    """An actor theirs added that names an actor here under another spelling."""

    theirs_id: str
    mine_id: str
    theirs_name: str
    mine_name: str


@dataclass
class MergePlan:
    """What a merge would do (nothing is applied until :func:`.build.merge_edit`)."""

    three_way: bool
    added: list[Entity] = field(default_factory=list)
    #: (mine's value, the value the merge puts)
    changed: list[tuple[Entity, Entity]] = field(default_factory=list)
    removed: list[Entity] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    matches: list[ActorMatch] = field(default_factory=list)
    #: theirs' source id -> this board's source of the same text (sha256)
    source_map: dict[str, str] = field(default_factory=dict)
    #: items both sides changed the same way (no conflict)
    same_on_both: int = 0
    #: items only this side changed (kept as they are)
    kept_mine: int = 0

    def counts(self) -> dict[str, int]:
        return {"added": len(self.added), "changed": len(self.changed),
                "removed": len(self.removed), "conflicts": len(self.conflicts),
                "actor_matches": len(self.matches),
                "sources_matched_by_sha256": len(self.source_map),
                "same_on_both": self.same_on_both, "kept_mine": self.kept_mine}


# ----------------------------------------------------------------------------- ids
def source_map(mine: Board, theirs: Board) -> dict[str, str]:
    """Theirs' sources whose text is a source of ``mine`` under another id."""
    by_sha = {s.sha256: s.id for s in mine.sources.values()}
    return {s.id: by_sha[s.sha256] for s in theirs.sources.values()
            if s.sha256 in by_sha and by_sha[s.sha256] != s.id}


def remapped(e: Entity, ids: dict[str, str]) -> Entity:
    """``e`` with the ids of ``ids`` replaced (its own and those it refers to)."""
    if not ids:
        return e
    changes: dict[str, str | None] = {}
    if e.id in ids:
        changes["id"] = ids[e.id]
    if isinstance(e, Link):
        for name in ("from_id", "to_id"):
            v = getattr(e, name)
            if v in ids:
                changes[name] = ids[v]
    elif isinstance(e, Citation):
        for name in ("source_id", "card_id", "link_id"):
            v = getattr(e, name)
            if v is not None and v in ids:
                changes[name] = ids[v]
    return replace(e, **changes) if changes else e  # type: ignore[arg-type]


def _tables(board: Board | None, ids: dict[str, str]) -> dict[str, dict[str, Entity]]:
    out: dict[str, dict[str, Entity]] = {k: {} for k in PUT_ORDER}
    if board is None:
        return out
    for e in board.entities():
        if is_personal(e):
            continue
        e = remapped(e, ids)
        out[kind_of(e)][e.id] = e
    return out


def _keys(*tables: dict[str, dict[str, Entity]]) -> Iterator[tuple[str, str]]:
    for kind in PUT_ORDER:
        seen: set[str] = set()
        for t in tables:
            for id_ in t[kind]:
                if id_ not in seen:
                    seen.add(id_)
                    yield kind, id_


# ----------------------------------------------------------------------------- planning
def plan_merge(mine: Board, theirs: Board, base: Board | None = None, *,
               matcher: Callable[[Card], str | None] | None = None) -> MergePlan:
    """What merging ``theirs`` into ``mine`` does, with ``base`` their common ancestor
    (None: two-way, by ids).  ``matcher`` proposes actors of theirs as actors of mine
    (:func:`evidenceboard.importer.to_board.actor_matcher`)."""
    ids = source_map(mine, theirs)
    mt, tt, at = _tables(mine, {}), _tables(theirs, ids), _tables(base, ids)
    plan = MergePlan(three_way=base is not None, source_map=ids)
    for kind, id_ in _keys(mt, tt, at):
        m, t, a = mt[kind].get(id_), tt[kind].get(id_), at[kind].get(id_)
        if base is not None:
            _three_way(plan, kind, id_, m, t, a)
        else:
            _two_way(plan, kind, id_, m, t)
    _references(plan, mt, at)
    if matcher is not None:
        _propose_actors(plan, mine, matcher)
    return plan


def _three_way(plan: MergePlan, kind: str, id_: str, m: Entity | None, t: Entity | None,
               a: Entity | None) -> None:
    if same(t, a):
        if not same(m, a):
            plan.kept_mine += 1
        return
    if same(m, t):
        plan.same_on_both += 1
        return
    if a is None:
        assert t is not None
        if m is None:
            plan.added.append(t)
        else:
            _field_merge(plan, kind, id_, None, m, t, BOTH_ADDED)
    elif t is None:
        if same(m, a):
            assert m is not None
            plan.removed.append(m)
        else:
            plan.conflicts.append(Conflict(kind, id_, CHANGED_DELETED, m, None, a))
    elif m is None:
        plan.conflicts.append(Conflict(kind, id_, DELETED_CHANGED, None, t, a))
    elif same(m, a):
        plan.changed.append((m, t))
    else:
        _field_merge(plan, kind, id_, a, m, t, BOTH_CHANGED)


def _two_way(plan: MergePlan, kind: str, id_: str, m: Entity | None,
             t: Entity | None) -> None:
    if t is None:
        if m is not None:
            plan.kept_mine += 1
        return
    if m is None:
        plan.added.append(t)
    elif not same(m, t):
        _field_merge(plan, kind, id_, None, m, t, DIFFERENT)


def _field_merge(plan: MergePlan, kind: str, id_: str, a: Entity | None, m: Entity,
                 t: Entity, reason: str) -> None:
    """Both sides changed the item: each field taken from the side that changed it;
    the fields both changed to different values are the conflict."""
    merged = m
    clashes: list[FieldConflict] = []
    for name in compared_fields(m):
        mv, tv = field_value(m, name), field_value(t, name)
        if mv == tv:
            continue
        av = field_value(a, name) if a is not None else None
        if a is not None and mv == av:
            merged = _with(merged, name, tv)
        elif a is not None and tv == av:
            continue
        elif isinstance(mv, tuple) and isinstance(tv, tuple) and name not in GROUPS:
            # lists of names (aliases): both sides' additions, neither side's removals
            was = set(av) if isinstance(av, tuple) else set()
            gone = (was - set(mv)) | (was - set(tv))
            union = [x for x in (*mv, *tv) if x not in gone]
            merged = _with(merged, name, tuple(dict.fromkeys(union)))
        else:
            clashes.append(FieldConflict(name, av, mv, tv))
    if isinstance(merged, Source) and isinstance(t, Source) and merged.sha256 == t.sha256:
        merged = replace(merged, text=m.text if isinstance(m, Source) else t.text)
    if not clashes:
        if not same(merged, m):
            plan.changed.append((m, merged))
        else:
            plan.same_on_both += 1
        return
    plan.conflicts.append(Conflict(kind, id_, reason, m, t, a, tuple(clashes), merged))


def _refs(e: Entity) -> list[tuple[str, str]]:
    if isinstance(e, Link):
        return [("card", e.from_id), ("card", e.to_id)]
    if isinstance(e, Citation):
        owner = ("card", e.card_id) if e.card_id is not None else ("link", e.owner_id)
        return [("source", e.source_id), owner]
    return []


def _references(plan: MergePlan, mt: dict[str, dict[str, Entity]],
                at: dict[str, dict[str, Entity]]) -> None:
    """What comes in needs what it refers to, and what goes must not be needed: a new
    link of theirs to a card deleted here, or a card theirs deleted that something here
    still uses, becomes a conflict instead."""
    removed = {(kind_of(e), e.id) for e in plan.removed}
    conflicted = {c.key for c in plan.conflicts}
    added = {(kind_of(e), e.id) for e in plan.added}

    def present(key: tuple[str, str]) -> bool:
        kind, id_ = key
        return (id_ in mt[kind] and key not in removed) or key in added or key in conflicted

    for e in [*plan.added, *(new for _old, new in plan.changed)]:
        for ref in _refs(e):
            if not present(ref):
                key = (kind_of(e), e.id)
                plan.added = [x for x in plan.added if (kind_of(x), x.id) != key]
                plan.changed = [(o, n) for o, n in plan.changed if (kind_of(n), n.id) != key]
                plan.conflicts.append(Conflict(key[0], key[1], USES_DELETED, mt[key[0]].get(
                    key[1]), e, at[key[0]].get(key[1]), about=ref))
                conflicted.add(key)
                break
    users: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for kind in ("link", "citation"):
        for e in mt[kind].values():
            for ref in _refs(e):
                users.setdefault(ref, []).append((kind, e.id))
    keep: list[Entity] = []
    for e in plan.removed:
        key = (kind_of(e), e.id)
        still = [u for u in users.get(key, ()) if u not in removed]
        if still:
            plan.conflicts.append(Conflict(key[0], key[1], DELETED_USED, e, None,
                                           at[key[0]].get(key[1]), about=still[0]))
        else:
            keep.append(e)
    plan.removed = keep


def _propose_actors(plan: MergePlan, mine: Board,
                    matcher: Callable[[Card], str | None]) -> None:
    for e in plan.added:
        if isinstance(e, Card) and e.kind == "actor":
            hit = matcher(e)
            if hit is not None and hit != e.id and hit in mine.cards:
                plan.matches.append(ActorMatch(e.id, hit, e.title, mine.cards[hit].title))
