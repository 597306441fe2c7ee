"""A merge plan, with the user's decisions, as one :class:`~evidenceboard.model.Edit`.

The edit is applied like any other (one transaction, one undo step).  Every conflict
needs a decision — a side per conflict, or one side for all (``take``); an undecided
conflict raises :class:`UndecidedConflicts` rather than being resolved silently.  What
the decisions leave without the item it refers to (a link whose card stays deleted,
the citations of a dropped link) is left out, and what goes takes what uses it along,
so the result always passes the board's checks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from ..model import Board, Card, Citation, Edit, Entity, Link, kind_of, spelling_key
from .plan import (
    DELETED_CHANGED,
    DELETED_USED,
    USES_DELETED,
    Conflict,
    MergePlan,
    remapped,
)

SIDES = ("mine", "theirs")


class UndecidedConflicts(ValueError):
    """Conflicts the user has not decided: nothing is merged."""

    def __init__(self, conflicts: list[Conflict]) -> None:
        super().__init__(f"{len(conflicts)} conflict{'s' if len(conflicts) != 1 else ''} "
                         "to decide (keep mine or take theirs) before merging")
        self.conflicts = conflicts


Key = tuple[str, str]


def merge_edit(plan: MergePlan, mine: Board, theirs: Board, *,
               choices: Mapping[Key, str] | None = None, take: str | None = None,
               accept: Iterable[str] = (), description: str = "Merge board") -> Edit:
    """The edit that merges: ``choices`` maps a conflict's key to "mine" or "theirs"
    (``take``: the side of every conflict not in ``choices``); ``accept`` lists the
    theirs actor ids whose :class:`~.plan.ActorMatch` the user accepted."""
    choices = dict(choices or {})
    undecided = [c for c in plan.conflicts if choices.get(c.key, take) not in SIDES]
    if undecided:
        raise UndecidedConflicts(undecided)
    puts: dict[Key, Entity] = {}
    deletes: set[Key] = set()
    for e in plan.added:
        puts[(kind_of(e), e.id)] = e
    for _old, new in plan.changed:
        puts[(kind_of(new), new.id)] = new
    for e in plan.removed:
        deletes.add((kind_of(e), e.id))
    restore: list[Key] = []
    for c in plan.conflicts:
        side = choices.get(c.key, take)
        _decide(c, side or "mine", puts, deletes, restore)
    _restore(restore, mine, theirs, plan, puts, deletes)
    _accept_matches(plan, mine, set(accept), puts)
    _close(mine, puts, deletes)
    return Edit(description, tuple(puts.values()), tuple(sorted(deletes)))


def _decide(c: Conflict, side: str, puts: dict[Key, Entity], deletes: set[Key],
            restore: list[Key]) -> None:
    if c.reason == USES_DELETED:
        if side == "theirs" and c.theirs is not None:
            puts[c.key] = c.theirs
            if c.about is not None:
                restore.append(c.about)
        return
    if c.reason == DELETED_USED:
        if side == "theirs":
            deletes.add(c.key)
        return
    value = c.resolved(side)
    if value is None:
        if c.mine is not None:
            deletes.add(c.key)
    elif value != c.mine:
        puts[c.key] = value
        if c.reason == DELETED_CHANGED:  # brought back: with its links and citations
            restore.append(c.key)


def _restore(keys: list[Key], mine: Board, theirs: Board, plan: MergePlan,
             puts: dict[Key, Entity], deletes: set[Key]) -> None:
    """Items theirs still has and this board deleted, brought back because the user
    chose theirs' use of them (with the links and citations theirs has of them)."""
    ids = plan.source_map
    todo = list(keys)
    while todo:
        kind, id_ = todo.pop()
        e = theirs.get(kind, id_)
        if e is None:
            continue
        key = (kind, id_)
        deletes.discard(key)
        if mine.get(kind, id_) is None and key not in puts:
            puts[key] = remapped(e, ids)
        for ref in _refs_of(e):
            if mine.get(*ref) is None and ref not in puts:
                todo.append(ref)
        children: list[Entity] = []
        if isinstance(e, Card):
            children += theirs.links_of(e.id)
        if isinstance(e, Card | Link):
            children += theirs.citations_of(e.id)
        for child in children:
            ck = (kind_of(child), child.id)
            if mine.get(*ck) is None and ck not in puts:
                puts[ck] = remapped(child, ids)


def _refs_of(e: Entity) -> list[Key]:
    if isinstance(e, Link):
        return [("card", e.from_id), ("card", e.to_id)]
    if isinstance(e, Citation):
        return [("source", e.source_id),
                ("card", e.card_id) if e.card_id is not None else ("link", e.owner_id)]
    return []


def _accept_matches(plan: MergePlan, mine: Board, accepted: set[str],
                    puts: dict[Key, Entity]) -> None:
    """Accepted actor matches: theirs' card is this board's card (its spelling becomes
    an alias there) and what referred to it refers to this board's card."""
    ids = {m.theirs_id: m.mine_id for m in plan.matches if m.theirs_id in accepted}
    if not ids:
        return
    for m in plan.matches:
        if m.theirs_id not in ids:
            continue
        theirs_card = puts.pop(("card", m.theirs_id), None)
        target = puts.get(("card", m.mine_id)) or mine.cards.get(m.mine_id)
        if not isinstance(theirs_card, Card) or not isinstance(target, Card):
            continue
        names = [*target.aliases]
        known = {spelling_key(n) for n in (target.title, *target.aliases)}
        for n in (theirs_card.title, *theirs_card.aliases):
            if spelling_key(n) not in known:
                known.add(spelling_key(n))
                names.append(n)
        if tuple(names) != target.aliases:
            puts[("card", m.mine_id)] = replace(target, aliases=tuple(names))
    for key, e in list(puts.items()):
        if isinstance(e, Link | Citation):
            puts[key] = remapped(e, ids)


def _close(mine: Board, puts: dict[Key, Entity], deletes: set[Key]) -> None:
    """Leave out what refers to an item that will not be there; take along what uses
    an item that goes; no citation twice on one card."""
    for key in list(deletes):
        if key in puts:
            deletes.discard(key)

    def there(kind: str, id_: str) -> bool:
        return (kind, id_) in puts or (mine.get(kind, id_) is not None and
                                       (kind, id_) not in deletes)

    changed = True
    while changed:
        changed = False
        for key in [k for k in deletes if k[0] in ("card", "link", "source")]:
            kind, id_ = key
            users: list[Entity] = []
            if kind == "card":
                users += mine.links_of(id_)
                users += mine.citations_of(id_)
            elif kind == "link":
                users += mine.citations_of(id_)
            else:
                users += mine.citations_in(id_)
            for u in users:
                uk = (kind_of(u), u.id)
                if uk not in deletes:
                    put = puts.get(uk)
                    if put is None or any(r == key for r in _refs_of(put)):
                        puts.pop(uk, None)
                        deletes.add(uk)
                        changed = True
        for key, e in list(puts.items()):
            if any(not there(*ref) for ref in _refs_of(e)):
                del puts[key]
                if mine.get(*key) is not None:
                    deletes.add(key)
                changed = True
    seen: set[tuple[str, str, int, int]] = {
        (c.owner_id, c.source_id, c.start, c.end) for c in mine.citations.values()
        if ("citation", c.id) not in deletes}
    for key, e in list(puts.items()):
        if isinstance(e, Citation) and mine.get(*key) is None:
            sig = (e.owner_id, e.source_id, e.start, e.end)
            if sig in seen:
                del puts[key]
            seen.add(sig)
