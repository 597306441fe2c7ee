"""Merging a colleague's copy of a board into one's own (headless: no Qt, no file).

:func:`compare` finds the common ancestor of the two copies from their histories
(:mod:`.ancestor`) and plans the merge (:mod:`.plan`); :func:`.build.merge_edit` turns
the plan and the user's decisions into one edit; :mod:`.diff` lists what changed.
Reading the files (the other one through the safe opener, read-only) and applying the
edit are the caller's (the window, ``evidenceboard merge``).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..importer.to_board import actor_matcher
from ..model import Board
from ..model.history import History, Recorded
from .ancestor import Ancestor, common_ancestor
from .build import UndecidedConflicts, merge_edit
from .diff import DiffItem, counts, describe, diff_items
from .plan import ActorMatch, Conflict, FieldConflict, MergePlan, plan_merge


@dataclass(frozen=True)
class Comparison:
    """Two copies compared: the ancestor found, the plan, the list of differences."""

    ancestor: Ancestor
    plan: MergePlan
    items: list[DiffItem]

    def counts(self) -> dict[str, int]:
        return counts(self.items)


def compare(mine: Board, mine_history: History, theirs: Board,
            theirs_history: History) -> Comparison:
    ancestor = common_ancestor(mine_history, theirs_history, theirs)
    plan = plan_merge(mine, theirs, ancestor.board, matcher=actor_matcher(mine))
    return Comparison(ancestor, plan, diff_items(plan, mine, theirs))


def imported_entries(mine_history: History, theirs_history: History) -> list[Recorded]:
    """Theirs' history entries this board does not have (who did what over there), with
    their changes, oldest first: a merge brings them in (``Document.apply``)."""
    have = {e.id for e in mine_history.entries}
    return [Recorded(e, tuple(theirs_history.changes.get(e.id, ())))
            for e in theirs_history.entries if e.id not in have]


__all__ = [
    "ActorMatch", "Ancestor", "Comparison", "Conflict", "DiffItem", "FieldConflict",
    "MergePlan", "UndecidedConflicts", "common_ancestor", "compare", "counts",
    "describe", "diff_items", "imported_entries", "merge_edit", "plan_merge",
]
