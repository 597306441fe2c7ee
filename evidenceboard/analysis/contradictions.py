"""Claims that contradict each other: "contradicts" and "denies" links between claims.

Such a link is drawn by the user, or proposed by the importer where one article denies what
another asserts.  Views flag both ends; the report lists the pairs.
"""

from __future__ import annotations

from dataclasses import dataclass

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
    return sorted((lnk for lnk in board.links.values() if is_contradiction(board, lnk)),
                  key=lambda lnk: lnk.id)


@dataclass(frozen=True)
class ContradictionPair:
    """Two claims in contradiction, however many links say so (either way round)."""

    first: str  # claim ids, in a stable order
    second: str
    links: tuple[Link, ...]

    @property
    def ids(self) -> tuple[str, ...]:
        """Both claims, then the links."""
        return (self.first, self.second, *(lk.id for lk in self.links))


def contradiction_pairs(board: Board) -> list[ContradictionPair]:
    """Every pair of contradicting claims once ("A contradicts B" and "B denies A" are
    one contradiction), ordered by the first link's id."""
    by_pair: dict[tuple[str, str], list[Link]] = {}
    for link in contradiction_links(board):
        key = (link.from_id, link.to_id) if link.from_id <= link.to_id else \
            (link.to_id, link.from_id)
        by_pair.setdefault(key, []).append(link)
    pairs = []
    for links in by_pair.values():
        first = links[0]  # the earliest link says which claim reads first
        pairs.append(ContradictionPair(first.from_id, first.to_id, tuple(links)))
    return pairs
