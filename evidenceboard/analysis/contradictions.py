"""Claims that contradict each other: "contradicts" and "denies" links between claims,
and two articles dating the same event differently.

Such a link is drawn by the user, or proposed by the importer where one article denies what
another asserts.  Views flag both ends; the report lists the pairs.  A *date* conflict
(kind ``"dates"``) is found, not drawn: two claims from different articles backing the
same relation state periods that do not overlap (:func:`.dates.date_conflicts`).
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
    return sorted((lk for lk in board.links.values() if is_contradiction(board, lk)),
                  key=lambda lk: lk.id)


@dataclass(frozen=True)
class ContradictionPair:
    """Two claims in contradiction, however many links say so (either way round)."""

    first: str  # claim ids, in a stable order
    second: str
    links: tuple[Link, ...]
    #: "link": a contradicts / denies link; "dates": the same event dated differently
    #: (``links`` is then the relation both claims back).
    kind: str = "link"
    reason: str = ""  # what a date conflict is, in words

    @property
    def ids(self) -> tuple[str, ...]:
        """Both claims, then the links."""
        return (self.first, self.second, *(lk.id for lk in self.links))


def contradiction_pairs(board: Board, *, dates: bool = True) -> list[ContradictionPair]:
    """Every pair of contradicting claims once ("A contradicts B" and "B denies A" are
    one contradiction), ordered by the first link's id; then (``dates``) the pairs of
    claims that date the same event differently."""
    by_pair: dict[tuple[str, str], list[Link]] = {}
    for link in contradiction_links(board):
        key = (link.from_id, link.to_id) if link.from_id <= link.to_id else \
            (link.to_id, link.from_id)
        by_pair.setdefault(key, []).append(link)
    pairs = []
    for links in by_pair.values():
        first = links[0]  # the earliest link says which claim reads first
        pairs.append(ContradictionPair(first.from_id, first.to_id, tuple(links)))
    if dates:
        from .dates import date_conflicts  # (dates reads relations, which read claims)
        for c in date_conflicts(board):
            link = board.links[c.link]
            pairs.append(ContradictionPair(c.first, c.second, (link,), "dates",
                                           c.text(board)))
    return pairs
