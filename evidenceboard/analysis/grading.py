"""Admiralty (NATO) grades of cards and links, from the grades of what cites them.

A source carries a *reliability* letter (A = completely reliable ... E = unreliable,
F = reliability cannot be judged); a citation carries an information *credibility* digit
(1 = confirmed by other sources ... 5 = improbable, 6 = truth cannot be judged).  The grade
of a card or link is the best pair among its citations, shown as a compact badge ("B2").

An ungraded part counts as "cannot be judged" (F or 6), so a filter that fades items below
a chosen grade fades unjudged and unsourced items too: what nobody judged is not evidence.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Board

RELIABILITY = "ABCDEF"
CREDIBILITY = (1, 2, 3, 4, 5, 6)
_UNJUDGED_R = "F"
_UNJUDGED_C = 6


@dataclass(frozen=True, order=True)
class Grade:
    """A reliability letter and a credibility digit; either may be unknown (None)."""

    reliability: str | None
    credibility: int | None

    @property
    def label(self) -> str:
        """The badge text: "B2"; "?" for an unknown part ("B?", "?3")."""
        r = self.reliability or "?"
        c = str(self.credibility) if self.credibility is not None else "?"
        return r + c

    def rank(self) -> tuple[int, int]:
        """Lower is better; unknown parts rank as "cannot be judged"."""
        r = RELIABILITY.index(self.reliability or _UNJUDGED_R)
        c = self.credibility if self.credibility is not None else _UNJUDGED_C
        return r, c


def parse_grade(text: str) -> Grade:
    """"B2" -> Grade("B", 2).  Raises ValueError for anything else."""
    t = text.strip().upper()
    if len(t) != 2 or t[0] not in RELIABILITY or not t[1].isdigit() or \
            int(t[1]) not in CREDIBILITY:
        raise ValueError(f"not an Admiralty grade: {text!r} (expected A-F then 1-6, e.g. B2)")
    return Grade(t[0], int(t[1]))


def item_grade(board: Board, item_id: str) -> Grade | None:
    """The best grade among the citations of a card or link; None when nothing is graded
    (or the item has no citation)."""
    best: Grade | None = None
    for c in board.citations_of(item_id):
        src = board.sources.get(c.source_id)
        g = Grade(src.reliability if src is not None else None, c.credibility)
        if g.reliability is None and g.credibility is None:
            continue
        if best is None or g.rank() < best.rank():
            best = g
    return best


def below(grade: Grade | None, threshold: Grade) -> bool:
    """True when ``grade`` is worse than ``threshold`` on either scale (unknown = worst)."""
    g = grade if grade is not None else Grade(None, None)
    gr, gc = g.rank()
    tr, tc = threshold.rank()
    return gr > tr or gc > tc
