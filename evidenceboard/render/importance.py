"""How important a card is, and how much bigger it is drawn for it (View ▸ Size by).

Sizing by importance is a *display* option: the stored card sizes never change.  A card
is drawn scaled about its centre by a factor that grows with its weight — its number of
links ("links"), of distinct articles citing it or its links ("sources") or its
eigenvector centrality in the actor graph ("centrality", :mod:`..analysis.network`) — but never
so far that it would cover a neighbour: it grows only into the free space around it
(:class:`DisplaySizes`).  The mode is a board setting (:data:`SIZE_BY_SETTING`), so it
is remembered per board and exports draw what the screen shows.

The label layout ranks actors by the same weights (:func:`priority`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from PySide6.QtCore import QRectF

from ..model import Board, Card
from .grid import Box, RectGrid, box_of

SIZE_BY_SETTING = "size_by"
SIZE_BY_MODES: tuple[str, ...] = ("links", "sources", "centrality", "none")
DEFAULT_SIZE_BY = "links"
MAX_SCALE = 2.0
#: Space kept free between a grown card and its neighbours (scene units).
GAP = 12.0
_CELL = 512.0


def size_by_of(board: Board) -> str:
    """The board's Size by mode (the default when unset or unknown)."""
    mode = board.setting(SIZE_BY_SETTING)
    return mode if mode in SIZE_BY_MODES else DEFAULT_SIZE_BY


def link_count(board: Board, card_id: str) -> int:
    return board.link_count(card_id)


def source_count(board: Board, card_id: str) -> int:
    """Distinct articles citing the card or one of its links."""
    sources = {c.source_id for c in board.citations_of(card_id)}
    for link in board.links_of(card_id):
        sources.update(c.source_id for c in board.citations_of(link.id))
    return len(sources)


def weight(board: Board, card_id: str, mode: str) -> int:
    if mode == "links":
        return link_count(board, card_id)
    if mode == "sources":
        return source_count(board, card_id)
    return 0


def scale_for(mode: str, w: int) -> float:
    """The wanted scale for a weight: 1 up to four links (or one article), then 0.3
    more per doubling, at most :data:`MAX_SCALE` (27 links: 1.83)."""
    if mode == "links" and w > 4:
        s = 1.0 + 0.3 * math.log2(w / 4.0)
    elif mode == "sources" and w > 1:
        s = 1.0 + 0.3 * math.log2(w)
    else:
        return 1.0
    return min(MAX_SCALE, s)


#: Above this many actors Size By ▸ Centrality first draws quick scores (ties counted
#: once, no origins read) while the window computes the weighted ones in its worker.
QUICK_SCORES_ABOVE = 3000


def centrality_scores(board: Board) -> dict[str, float]:
    """Each actor's eigenvector centrality in the actor graph (ties weighted by
    independent origins), scaled so the most central is 1 (View ▸ Size By ▸
    Centrality).  On a board of more than :data:`QUICK_SCORES_ABOVE` actors the ties
    are counted once each (reading every citation's origin takes seconds there).

    networkx is imported here, not at the top: opening a board does not need it unless
    it is sized by centrality, and importing it costs a third of a second."""
    import networkx as nx

    from ..analysis.network import actor_graph, actor_links, eigenvector

    actors = sum(1 for c in board.cards.values() if c.kind == "actor")
    if actors > QUICK_SCORES_ABOVE:
        g = nx.Graph()
        g.add_edges_from((lk.from_id, lk.to_id) for lk in actor_links(board))
        scores = eigenvector(g, weight=None)
    else:
        scores = eigenvector(actor_graph(board))
    top = max(scores.values(), default=0.0)
    return {k: v / top for k, v in scores.items() if v > 0} if top > 0 else {}


def centrality_scale(score: float) -> float:
    """The wanted scale for a centrality score (0..1): up to :data:`MAX_SCALE` for the
    most central actor; the least central keep their size."""
    return 1.0 if score < 0.05 else min(MAX_SCALE, 1.0 + (MAX_SCALE - 1.0) * math.sqrt(score))


def priority(board: Board, card: Card) -> tuple[int, int]:
    """Rank of a card for labels: most links first, then most articles."""
    return (link_count(board, card.id), source_count(board, card.id))


def scaled_rect(rect: QRectF, s: float) -> QRectF:
    """``rect`` scaled by ``s`` about its centre."""
    if s == 1.0:
        return QRectF(rect)
    c = rect.center()
    w, h = rect.width() * s, rect.height() * s
    return QRectF(c.x() - w / 2.0, c.y() - h / 2.0, w, h)


class DisplaySizes:
    """The scale each card of a board is drawn at, kept up to date incrementally.

    A card's scale is what its weight asks for (:func:`scale_for`), limited so that the
    scaled card keeps :data:`GAP` from every other card as it is drawn; cards that want
    more are placed first.  After an edit only the cards near what changed are
    recomputed (:meth:`update`), never the whole board.
    """

    def __init__(self, board: Board, mode: str = DEFAULT_SIZE_BY) -> None:
        self.board = board
        self.mode = mode if mode in SIZE_BY_MODES else DEFAULT_SIZE_BY
        self._scale: dict[str, float] = {}
        self._wanted: dict[str, float] = {}
        self._shown: RectGrid[str] = RectGrid(_CELL)  # every card as drawn
        self._wants: RectGrid[str] = RectGrid(_CELL)  # what growing cards would cover
        #: centrality scores (mode "centrality"), computed when first needed or given
        #: by whoever computed them (:meth:`set_scores`)
        self._scores: dict[str, float] | None = None
        self.rebuild()

    # ----------------------------------------------------------------- queries
    def scale(self, card_id: str) -> float:
        return self._scale.get(card_id, 1.0)

    def scales(self) -> dict[str, float]:
        """Every card drawn bigger than stored, with its scale."""
        return dict(self._scale)

    def rect(self, card: Card) -> QRectF:
        """Where ``card`` is drawn."""
        return scaled_rect(QRectF(card.x, card.y, card.width, card.height),
                           self._scale.get(card.id, 1.0))

    # ----------------------------------------------------------------- building
    def set_mode(self, mode: str) -> set[str]:
        """Another mode: every scale is recomputed; returns the cards whose scale
        changed."""
        mode = mode if mode in SIZE_BY_MODES else DEFAULT_SIZE_BY
        if mode == self.mode:
            return set()
        before = dict(self._scale)
        self.mode = mode
        self._scores = None  # (centrality: as the board is now)
        self.rebuild()
        return {i for i in set(before) | set(self._scale)
                if before.get(i, 1.0) != self._scale.get(i, 1.0)}

    def set_scores(self, scores: dict[str, float] | None) -> set[str]:
        """New centrality scores (None: compute them again when needed); returns the
        cards whose scale changed."""
        self._scores = scores
        if self.mode != "centrality":
            return set()
        before = dict(self._scale)
        self.rebuild()
        return {i for i in set(before) | set(self._scale)
                if before.get(i, 1.0) != self._scale.get(i, 1.0)}

    def rebuild(self) -> None:
        if self.mode == "centrality" and self._scores is None:
            self._scores = centrality_scores(self.board)
        self._scale.clear()
        self._wanted.clear()
        self._shown.clear()
        self._wants.clear()
        for card in self.board.cards.values():
            self._file(card)
        self._place(sorted(self._wanted, key=self._order))

    def update(self, card_ids: Iterable[str]) -> set[str]:
        """Cards added, removed, moved, resized or whose weight may have changed;
        returns the ids whose drawn scale changed (including removed ones)."""
        touched = set(card_ids)
        if not touched:
            return set()
        cards = self.board.cards
        # Where the touched cards were and are: cards growing into there may change.
        areas: list[Box] = []
        for cid in touched:
            old = self._shown.box(cid)
            if old is not None:
                areas.append(old)
            self._shown.remove(cid)
            self._wants.remove(cid)
            self._wanted.pop(cid, None)
            card = cards.get(cid)
            if card is not None:
                self._file(card)
                areas.append(box_of(QRectF(card.x, card.y, card.width, card.height)))
        affected = set(touched)
        for x0, y0, x1, y1 in areas:
            affected |= self._wants.query((x0 - GAP, y0 - GAP, x1 + GAP, y1 + GAP))
        before = {cid: self._scale.pop(cid, 1.0) for cid in affected}
        for cid in affected:
            card = cards.get(cid)
            if card is not None and cid not in touched:
                self._shown.put(cid, box_of(QRectF(card.x, card.y, card.width,
                                                   card.height)))
        self._place(sorted((c for c in affected if c in self._wanted), key=self._order))
        return {cid for cid in affected if before[cid] != self._scale.get(cid, 1.0)}

    # ----------------------------------------------------------------- internals
    def _order(self, cid: str) -> tuple[float, str]:
        return (-self._wanted.get(cid, 1.0), cid)

    def _file(self, card: Card) -> None:
        """File a card at its stored size, and what it would cover if it grew."""
        r = QRectF(card.x, card.y, card.width, card.height)
        self._shown.put(card.id, box_of(r))
        if self.mode == "centrality":
            want = centrality_scale((self._scores or {}).get(card.id, 0.0))
        else:
            want = scale_for(self.mode, weight(self.board, card.id, self.mode))
        if want > 1.0:
            self._wanted[card.id] = want
            self._wants.put(card.id, box_of(scaled_rect(r, want)))

    def _place(self, ids: list[str]) -> None:
        """Give each card (most wanted first) the largest scale up to what it wants
        that keeps it clear of every other card as drawn now."""
        cards, shown, scales = self.board.cards, self._shown, self._scale
        for cid in ids:
            card = cards[cid]
            want = self._wanted[cid]
            hw, hh = card.width / 2.0, card.height / 2.0
            cx, cy = card.x + hw, card.y + hh
            reach = (cx - want * hw - GAP, cy - want * hh - GAP,
                     cx + want * hw + GAP, cy + want * hh + GAP)
            s = want
            for other in shown.query(reach, ignore=cid):
                a0, b0, a1, b1 = shown.box(other)  # type: ignore[misc]
                dx = abs((a0 + a1) / 2.0 - cx) - (a1 - a0) / 2.0 - GAP
                dy = abs((b0 + b1) / 2.0 - cy) - (b1 - b0) / 2.0 - GAP
                # Clear of the other card along x or along y.
                limit = max(dx / hw, dy / hh)
                if limit < s:
                    s = limit
            if s > 1.0 + 1e-3:
                s = round(s, 3)
                scales[cid] = s
                shown.put(cid, (cx - s * hw, cy - s * hh, cx + s * hw, cy + s * hh))
