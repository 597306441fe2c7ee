"""The common ancestor of two copies of a board, from their histories.

Every file knows its lineage (``model/history.Lineage``): copies of one board share a
root, and a file's history is the sequence of edits made on it since the point its
history starts (``base``: the root's start, or the entry of the board it was shared
from without history).  The common ancestor is the latest point of *theirs*' sequence
that *mine* knows too — an entry of mine's own history, one a merge brought in (while
that merge is in effect), or mine's start — and its state is theirs' board with theirs'
later edits reverted.  Boards of different roots, or with no point in common, have no
common ancestor: they are merged two-way, by ids.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Board
from ..model.history import History, HistoryEntry, revert

#: The point a root board's history starts at.
ROOT_START = "(start)"


@dataclass(frozen=True)
class Ancestor:
    """The common ancestor found (``board`` None: there is none) and how."""

    board: Board | None
    why: str
    #: theirs' entries after the common point (what the colleague did since)
    since: tuple[HistoryEntry, ...] = ()


def known_points(history: History) -> set[str]:
    effect = history.in_effect()
    points = {e.id for e in history.entries if e.merged_in is None or e.merged_in in effect}
    lineage = history.lineage
    points.add(lineage.base if lineage is not None and lineage.base else ROOT_START)
    return points


def common_ancestor(mine: History, theirs: History, theirs_board: Board) -> Ancestor:
    if mine.lineage is None or theirs.lineage is None:
        return Ancestor(None, "one of the boards has no history: compared by ids")
    if mine.lineage.root != theirs.lineage.root:
        return Ancestor(None, "the boards are not copies of one board: compared by ids")
    known = known_points(mine)
    local = theirs.local()
    sequence = [theirs.lineage.base or ROOT_START, *(e.id for e in local)]
    for i in range(len(sequence) - 1, -1, -1):
        if sequence[i] in known:
            after = local[i:]
            board = revert(theirs_board, after, theirs.changes)
            n = len(after)
            return Ancestor(board, f"three-way: theirs made {n} edit{'s' if n != 1 else ''} "
                            "since the copies parted", tuple(after))
    return Ancestor(None, "the boards' histories share no point: compared by ids")
