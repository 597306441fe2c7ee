"""What a board looks like under a :class:`~evidenceboard.analysis.filters.ViewState`:
which cards and links are hidden and why, which are faded, and how the relations view
bundles the relation links of each pair of actors into one captioned line.

One computation for the canvas (``windows/view_state.py`` applies it to the scene) and
for exports (``export/run.py`` paints the same picture), so an exported relations view or
filtered view looks like the screen.  Headless: no Qt.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..model import Board
from .filters import ViewState
from .relations import relation_bundles, relation_links

FILTER = "filter"
HIDDEN = "hidden"
RELATIONS_VIEW = "relations-view"
BUNDLED = "bundled"
#: The order reasons are worked out in (bundling looks at what the others leave).
REASONS = (FILTER, HIDDEN, RELATIONS_VIEW, BUNDLED)


@dataclass(frozen=True)
class ShownView:
    """Hidden ids by reason (cards and links), faded ids, captions of bundled relation
    lines (link id -> text drawn instead of its label) and the links each line stands
    for."""

    hidden: dict[str, frozenset[str]] = field(default_factory=dict)
    faded: frozenset[str] = frozenset()
    captions: dict[str, str] = field(default_factory=dict)
    bundles: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: card id -> fill, when cards are coloured by community; ``clusters``: each
    #: community's (fill, name, members) in order, for a legend
    colours: dict[str, str] = field(default_factory=dict)
    clusters: tuple[tuple[str, str, int], ...] = ()

    def hidden_ids(self) -> set[str]:
        out: set[str] = set()
        for ids in self.hidden.values():
            out |= ids
        return out

    def hidden_cards(self, board: Board) -> set[str]:
        return {i for i in self.hidden_ids() if i in board.cards}

    def shown_links(self, board: Board) -> list[str]:
        """The links drawn: not hidden themselves, neither card hidden."""
        hidden = self.hidden_ids()
        return [lid for lid, lk in board.links.items()
                if lid not in hidden and lk.from_id not in hidden and lk.to_id not in hidden]

    @property
    def active(self) -> bool:
        return bool(self.hidden_ids() or self.faded or self.captions or self.colours)


def shown_view(board: Board, state: ViewState) -> ShownView:
    """What ``state`` hides, fades, bundles and colours on ``board``."""
    view = _shown_view(board, state)
    if not state.community_colours:
        return view
    # networkx only when clusters are coloured: importing it costs opening a board 0.3 s
    from .network import communities, community_colour, community_colours
    groups = communities(board)
    hidden = view.hidden_ids()
    clusters = tuple((community_colour(c.index), c.name, len(c.members))
                     for c in groups.clusters
                     if any(m not in hidden for m in c.members))
    return replace(view, colours=community_colours(groups), clusters=clusters)


def _shown_view(board: Board, state: ViewState) -> ShownView:
    f = state.filter
    failing = f.non_matching(board) - state.revealed if f.active else set()
    hidden: dict[str, frozenset[str]] = {}
    if f.mode == "hide" and failing:
        hidden[FILTER] = frozenset(failing)
    by_hand = frozenset(i for i in state.hidden if i in board.cards or i in board.links)
    if by_hand:
        hidden[HIDDEN] = by_hand
    faded = set(failing) if f.mode == "fade" else set()
    if not state.relations_view:
        return ShownView(hidden, frozenset(faded))
    claims = frozenset(cid for cid, c in board.cards.items()
                       if c.kind == "claim") - state.revealed
    if claims:
        hidden[RELATIONS_VIEW] = claims
    # one line per pair of actors: the pair's most backed relation link, captioned with
    # the labels of all and what backs them
    gone = set().union(*hidden.values()) if hidden else set()
    links = [lk for lk in relation_links(board)
             if lk.id not in gone and lk.from_id not in gone and lk.to_id not in gone]
    captions: dict[str, str] = {}
    bundled: set[str] = set()
    bundles: dict[str, tuple[str, ...]] = {}
    for bundle in relation_bundles(board, links).values():
        ids = bundle.link_ids
        head = max(ids, key=lambda i: (len(board.citations_of(i)), i))
        bundles[head] = ids
        bundled.update(i for i in ids if i != head)
        if len(ids) > 1 or bundle.claims > 1:
            captions[head] = bundle.caption
    if bundled:
        hidden[BUNDLED] = frozenset(bundled)
    view = ShownView(hidden, frozenset(), captions, bundles)
    # actors the shown links leave alone step back
    linked = {i for lid in view.shown_links(board)
              for i in (board.links[lid].from_id, board.links[lid].to_id)}
    faded |= {cid for cid, c in board.cards.items() if c.kind == "actor" and cid not in linked}
    return replace(view, faded=frozenset(faded))


def view_board(board: Board, view: ShownView) -> Board:
    """The board as ``view`` draws it, for pictures: hidden cards and links left out,
    each bundled relation line carrying its caption as its label; citations and sources
    of what stays come along (the chart numbers them)."""
    if not view.hidden_ids() and not view.captions and not view.colours:
        return board
    hidden = view.hidden_ids()
    colours = view.colours
    cards = [replace(c, color=colours[cid]) if cid in colours else c
             for cid, c in board.cards.items() if cid not in hidden]
    keep = {c.id for c in cards}
    links = [replace(board.links[lid], label=view.captions[lid])
             if lid in view.captions else board.links[lid]
             for lid in view.shown_links(board)
             if board.links[lid].from_id in keep and board.links[lid].to_id in keep]
    cites = [c for owner in [*keep, *(lk.id for lk in links)]
             for c in board.citations_of(owner)]
    sources = {c.source_id for c in cites if c.source_id in board.sources}
    return Board.from_entities([*board.settings.values(),
                                *(board.sources[s] for s in sorted(sources)),
                                *cards, *links, *cites])
