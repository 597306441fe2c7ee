"""What the colleague's copy changed, item by item, for the diff view and the CLI."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Board, Card, Citation, Entity, Link, Setting, Source, kind_of
from ..model.entities import AliasEntry
from .plan import MergePlan, compared_fields, field_value

STATUSES = ("added", "changed", "removed", "conflict")


@dataclass(frozen=True)
class DiffItem:
    kind: str
    id: str
    status: str
    title: str
    #: the fields that differ (changed items and conflicts)
    fields: tuple[str, ...] = ()
    reason: str = ""


def describe(e: Entity | None, board: Board | None = None) -> str:
    """A short name for an item, as lists show it."""
    if e is None:
        return "(none)"
    if isinstance(e, Card):
        return " ".join(e.title.split())[:80] or "(untitled card)"
    if isinstance(e, Link):
        ends = []
        for end in (e.from_id, e.to_id):
            card = board.cards.get(end) if board is not None else None
            ends.append(" ".join(card.title.split())[:40] if card else "?")
        label = f" ({' '.join(e.label.split())[:40]})" if e.label.strip() else ""
        return f"{ends[0]} → {ends[1]}{label}"
    if isinstance(e, Citation):
        return "“" + " ".join(e.quote.split())[:70] + "”"
    if isinstance(e, Source):
        return e.shown_title
    if isinstance(e, Setting):
        return f"setting {e.id}"
    assert isinstance(e, AliasEntry)
    return f"{e.rule}: {e.name}"


def diff_items(plan: MergePlan, mine: Board, theirs: Board) -> list[DiffItem]:
    out: list[DiffItem] = []
    for e in plan.added:
        out.append(DiffItem(kind_of(e), e.id, "added", describe(e, theirs)))
    for old, new in plan.changed:
        names = tuple(f for f in compared_fields(new)
                      if _value(old, f) != _value(new, f))
        out.append(DiffItem(kind_of(new), new.id, "changed", describe(new, theirs), names))
    for e in plan.removed:
        out.append(DiffItem(kind_of(e), e.id, "removed", describe(e, mine)))
    for c in plan.conflicts:
        out.append(DiffItem(c.kind, c.id, "conflict",
                            describe(c.mine or c.theirs,
                                     mine if c.mine is not None else theirs),
                            tuple(f.field for f in c.fields), c.reason))
    return out


def _value(e: Entity, name: str) -> object:
    return field_value(e, name)


def counts(items: list[DiffItem]) -> dict[str, int]:
    return {s: sum(1 for i in items if i.status == s) for s in STATUSES}
