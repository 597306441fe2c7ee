"""Claims that contradict each other: "contradicts" and "denies" links between claims.

Such a link is drawn by the user, or proposed by the importer where one article denies what
another asserts.  Views flag both ends; the report lists the pairs.
"""

from __future__ import annotations

from ..model import Board, Link

#: Link kinds that put two claims in contradiction.
CONTRADICTION_KINDS = ("contradicts", "denies")


def is_contradiction(board: Board, link: Link) -> bool:
    """A "contradicts"/"denies" link whose two ends are both claim cards."""
    if link.kind not in CONTRADICTION_KINDS:
        return False
    a = board.cards.get(link.from_id)
    b = board.cards.get(link.to_id)
    return a is not None and b is not None and a.kind == "claim" and b.kind == "claim"


def contradicting(board: Board, card_id: str) -> list[str]:
    """Ids of the claims that ``card_id`` contradicts or is contradicted by."""
    out: list[str] = []
    for link in board.links_of(card_id):
        if is_contradiction(board, link):
            other = link.to_id if link.from_id == card_id else link.from_id
            if other != card_id and other not in out:
                out.append(other)
    return out


def contradiction_links(board: Board) -> list[Link]:
    """Every contradiction on the board, in a stable order."""
    return sorted((l for l in board.links.values() if is_contradiction(board, l)),
                  key=lambda l: l.id)
