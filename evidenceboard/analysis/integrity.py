"""Evidence problems a board can have: items without a source, and broken citations.

A citation is *broken* when its quote is no longer the stored text at its offsets (a file
edited by another tool, a damaged copy, a source replaced).  The model keeps such
citations, so they are reported here instead of being silently dropped.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Board, Citation


@dataclass(frozen=True)
class Unsourced:
    """A claim card or a link with no citation."""

    item_id: str
    kind: str  # "claim" or "link"
    deliberate: bool  # a link the investigator marked "no source" on purpose


@dataclass(frozen=True)
class BrokenCitation:
    citation: Citation
    reason: str


def citation_problem(board: Board, c: Citation) -> str | None:
    """Why ``c`` does not hold, or None when its quote is exactly the text at its offsets."""
    src = board.sources.get(c.source_id)
    if src is None:
        return "its source is missing"
    if not 0 <= c.start < c.end <= len(src.text):
        return (f"offsets {c.start}..{c.end} are outside the source text "
                f"({len(src.text)} characters)")
    if src.text[c.start:c.end] != c.quote:
        return "the quote no longer matches the source text at its offsets"
    return None


def broken_citations(board: Board) -> list[BrokenCitation]:
    """Every citation whose quote does not match its source, in a stable order."""
    out = []
    for c in sorted(board.citations.values(), key=lambda c: (c.source_id, c.start, c.id)):
        reason = citation_problem(board, c)
        if reason is not None:
            out.append(BrokenCitation(c, reason))
    return out


def unsourced_items(board: Board) -> list[Unsourced]:
    """Claims and links without any citation (notes and actors need none)."""
    out: list[Unsourced] = []
    for card in sorted(board.cards.values(), key=lambda c: (c.title.casefold(), c.id)):
        if card.kind == "claim" and not board.citations_of(card.id):
            out.append(Unsourced(card.id, "claim", False))
    for link in sorted(board.links.values(), key=lambda lk: lk.id):
        if not board.citations_of(link.id):
            out.append(Unsourced(link.id, "link", link.unsourced))
    return out
