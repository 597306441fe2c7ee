"""Admiralty (NATO) grades of cards and links, from the grades of what cites them.

A source carries a *reliability* letter (A = completely reliable ... E = unreliable,
F = reliability cannot be judged); a citation carries an information *credibility* digit
(1 = confirmed by other sources ... 5 = improbable, 6 = truth cannot be judged).  The grade
of a card or link is the best pair among its citations, shown as a compact badge ("B2").

A citation's reliability is its source's: grading a source grades every citation of it
at once, and a citation's credibility is graded on the citation (many at once from the
inspector).  An item nobody graded at all fades under any filter — what nobody judged is
not evidence — and an item graded on one scale only is judged on that scale ("B?" passes
"Fade below B2", so grading the sources alone already shows on the board).  When ranking
grades an unknown part counts as "cannot be judged" (F or 6).
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
    """True when ``grade`` is worse than ``threshold`` on a scale it is graded on, or
    when nothing is graded (which ranks as F6)."""
    if grade is None or (grade.reliability is None and grade.credibility is None):
        grade = Grade(_UNJUDGED_R, _UNJUDGED_C)
    tr, tc = threshold.rank()
    if grade.reliability is not None and RELIABILITY.index(grade.reliability) > tr:
        return True
    return grade.credibility is not None and grade.credibility > tc


@dataclass(frozen=True)
class FadeSummary:
    """What a grade filter fades, and why (for the notice over the board)."""

    threshold: str
    cards: int
    links: int
    faded_cards: int
    faded_links: int
    ungraded: int  # faded items with no grade at all (no citation, or none graded)

    @property
    def faded(self) -> int:
        return self.faded_cards + self.faded_links

    def text(self) -> str:
        t = self.threshold
        if not self.faded:
            return f"Fade below {t}: nothing on the board is graded below {t}."
        everything = self.faded_cards == self.cards and self.faded_links == self.links
        what = (f"all {_n(self.cards, 'card')} and {_n(self.links, 'link')} are faded"
                if everything else
                f"{self.faded_cards} of {_n(self.cards, 'card')} and {self.faded_links} of "
                f"{_n(self.links, 'link')} are faded")
        why = []
        if self.ungraded:
            why.append(f"{self.ungraded} of them {'is' if self.ungraded == 1 else 'are'} "
                       "not graded")
        if self.faded - self.ungraded:
            why.append(f"{self.faded - self.ungraded} {'is' if self.faded - self.ungraded == 1 else 'are'} "
                       f"graded below {t}")
        hint = (" Grade sources (reliability) in the Source dock and citations "
                "(credibility) in the Inspector — select many items to grade them at once."
                if self.ungraded else "")
        return f"Fade below {t}: {what} — {', '.join(why)}.{hint}"


def _n(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def fade_summary(board: Board, threshold: Grade, faded: set[str]) -> FadeSummary:
    """Counts for the notice: ``faded`` is what the filter fades (the canvas knows)."""
    faded_cards = sum(1 for i in faded if i in board.cards)
    faded_links = sum(1 for i in faded if i in board.links)
    ungraded = sum(1 for i in faded if item_grade(board, i) is None)
    return FadeSummary(threshold.label, len(board.cards), len(board.links), faded_cards,
                       faded_links, ungraded)


def faded_ids(board: Board, threshold: Grade | None,
              ids: set[str] | None = None) -> set[str]:
    """Cards and links whose grade is below ``threshold`` (all of ``ids`` or the board)."""
    if threshold is None:
        return set()
    if ids is None:
        ids = {*board.cards, *board.links}
    return {i for i in ids if (i in board.cards or i in board.links)
            and below(item_grade(board, i), threshold)}
