"""What a card or link shows besides its own fields: citation count, Admiralty grade,
corroboration, contradictions.

These come from the analysis layer and depend on other entities (citations, sources,
links), so they are computed lazily — only for what is actually painted — and cached
until a board event touches something they depend on.  :meth:`DecorCache.invalidate`
returns the ids whose decorations may have changed, so views repaint exactly those.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from ..analysis.contradictions import CONTRADICTION_KINDS, contradicting, is_contradiction
from ..analysis.corroboration import corroboration, outlets_of
from ..analysis.grading import item_grade
from ..model import Board, BoardEvent, Card, Citation, Link, Source


@dataclass(frozen=True)
class CardDecor:
    """What every view of a card shows (cheap: no text analysis)."""

    citations: int = 0
    grade: str | None = None  # "B2"
    sources: int = 0  # distinct citing sources
    contradicts: tuple[str, ...] = ()  # ids of contradicting claims
    marks: str = ""  # print: the numbers of the cited sources ("1, 3-4"), else ""


@dataclass(frozen=True)
class LinkDecor:
    citations: int = 0
    grade: str | None = None
    sources: int = 0
    contradiction: bool = False
    marks: str = ""  # print: the numbers of the cited sources, else ""


@dataclass(frozen=True)
class Backing:
    """Corroboration of a claim or link: citing sources and independent origins.  It
    reads the text around every quote, so it is computed only for what is shown in
    full (a claim's footer, a tooltip) — never for a whole big board at once."""

    sources: int = 0
    origins: int = 0
    origin_names: tuple[str, ...] = ()


EMPTY_CARD = CardDecor()
EMPTY_LINK = LinkDecor()
NO_BACKING = Backing()


def card_decor(board: Board, card: Card) -> CardDecor:
    cites = board.citations_of(card.id)
    grade = item_grade(board, card.id)
    contra = tuple(contradicting(board, card.id)) if card.kind == "claim" else ()
    return CardDecor(len(cites), grade.label if grade is not None else None,
                     len({c.source_id for c in cites}), contra)


def link_decor(board: Board, link: Link) -> LinkDecor:
    cites = board.citations_of(link.id)
    grade = item_grade(board, link.id)
    return LinkDecor(len(cites), grade.label if grade is not None else None,
                     len({c.source_id for c in cites}), is_contradiction(board, link))


def backing(board: Board, item_id: str,
            outlets: frozenset[str] | None = None) -> Backing:
    if not board.citations_of(item_id):
        return NO_BACKING
    corr = corroboration(board, item_id, outlets)
    return Backing(corr.source_count, corr.origin_count, tuple(corr.origins))


class DecorCache:
    """Decorations of the cards and links of one board, computed on demand.

    ``marks`` (exports for print): gives an item's footnote marks — the numbers of the
    sources it cites, which the chart's list of sources explains; cards and links then
    show those numbers where the screen shows a citation count."""

    def __init__(self, board: Board, marks: Callable[[str], str] | None = None) -> None:
        self.board = board
        self._marks = marks
        self._cards: dict[str, CardDecor] = {}
        self._links: dict[str, LinkDecor] = {}
        self._backing: dict[str, Backing] = {}
        # The organisations' names a quote may relay ("RT Arabic added that"): one
        # pass over the cards, kept until an organisation card changes.
        self._outlets: frozenset[str] | None = None

    def outlets(self) -> frozenset[str]:
        if self._outlets is None:
            self._outlets = outlets_of(self.board)
        return self._outlets

    def backing(self, item_id: str) -> Backing:
        b = self._backing.get(item_id)
        if b is None:
            b = backing(self.board, item_id, self.outlets())
            self._backing[item_id] = b
        return b

    def card(self, card: Card) -> CardDecor:
        d = self._cards.get(card.id)
        if d is None:
            d = card_decor(self.board, card) if card.id in self.board.cards else EMPTY_CARD
            if self._marks is not None and d.citations:
                d = replace(d, marks=self._marks(card.id))
            self._cards[card.id] = d
        return d

    def link(self, link: Link) -> LinkDecor:
        d = self._links.get(link.id)
        if d is None:
            d = link_decor(self.board, link) if link.id in self.board.links else EMPTY_LINK
            if self._marks is not None and d.citations:
                d = replace(d, marks=self._marks(link.id))
            self._links[link.id] = d
        return d

    def clear(self) -> None:
        self._cards.clear()
        self._links.clear()
        self._backing.clear()
        self._outlets = None

    def invalidate(self, event: BoardEvent) -> set[str]:
        """Forget what ``event`` may have changed; return the card and link ids whose
        decorations (or grade) may differ now."""
        touched: set[str] = set()
        board = self.board
        entities = [*event.added, *event.removed]
        for old, new in event.changed:
            entities.append(old)
            entities.append(new)
            if isinstance(new, Card) and isinstance(old, Card) and old.kind != new.kind:
                # A card becoming (or ceasing to be) a claim changes contradictions.
                for link in board.links_of(new.id):
                    touched.update((link.id, link.from_id, link.to_id))
        for e in entities:
            if isinstance(e, Citation):
                touched.add(e.owner_id)
            elif isinstance(e, Source):
                touched.update(c.owner_id for c in board.citations_in(e.id))
            elif isinstance(e, Link):
                touched.add(e.id)
                if e.kind in CONTRADICTION_KINDS:
                    touched.update((e.from_id, e.to_id))
            elif isinstance(e, Card):
                touched.add(e.id)
                if e.kind == "actor" and e.actor_type == "organisation":
                    # Another outlet name: any item's origins may read differently now.
                    self._outlets = None
                    self._backing.clear()
        for i in touched:
            self._cards.pop(i, None)
            self._links.pop(i, None)
            self._backing.pop(i, None)
        return touched


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def corroboration_text(sources: int, origins: int) -> str:
    """"3 sources · 2 origins" (empty when nothing cites the item)."""
    if sources <= 0:
        return ""
    return f"{plural(sources, 'source')} · {plural(origins, 'origin')}"
