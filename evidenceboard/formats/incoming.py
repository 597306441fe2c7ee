"""Turning what a file holds into one edit on a board, without changing what is there.

Rules (the same for every format, documented in docs/FORMAT.md):

* an import only *adds*: nothing already on the board is changed or deleted;
* sources are matched by sha256: an article the board already holds is not added again,
  and citations of the file point to the board's copy;
* a board JSON keeps its ids when they are free; an entity whose id is taken by an
  *identical* entity is already there and is skipped (importing the same file twice adds
  nothing); one whose id is taken by something different gets a new id, and every
  reference to it follows;
* settings (board name, view) are taken only for keys the board does not have;
* cards that come with positions keep their arrangement; if they would land on cards
  already on the board the whole block moves to the right of them; cards without
  positions (FollowTheMoney, CSV, GraphML without coordinates) are laid out by
  :mod:`evidenceboard.analysis.layout`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from ..analysis.placement import keep_in_range
from ..model import (
    AliasEntry,
    Board,
    BoardError,
    Card,
    Citation,
    Edit,
    Entity,
    Group,
    Link,
    Setting,
    Source,
    new_id,
)
from .errors import InterchangeError
from .inputs import check_counts

#: Beyond this many cards without positions the force layout would take too long;
#: they are put in tidy rows instead.
MAX_FORCE_LAYOUT = 1500
_GAP = 200.0


@dataclass
class Incoming:
    """The entities a file holds, before they meet a board."""

    what: str  # "board JSON", "JSON Canvas"... for the undo text
    sources: list[Source] = field(default_factory=list)
    cards: list[Card] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    settings: list[Setting] = field(default_factory=list)
    #: The alias table's corrections (board JSON only).
    alias_table: list[AliasEntry] = field(default_factory=list)
    #: Frames holding cards (``Card.group_id`` names one of these).
    groups: list[Group] = field(default_factory=list)
    #: Ids are EvidenceBoard's own (board JSON): keep them when free.
    keep_ids: bool = False
    #: Cards that came without a position and need a layout.
    unplaced: set[str] = field(default_factory=set)


def _bbox(cards: Iterable[Card]) -> tuple[float, float, float, float] | None:
    xs0, ys0, xs1, ys1 = [], [], [], []
    for c in cards:
        xs0.append(c.x)
        ys0.append(c.y)
        xs1.append(c.x + c.width)
        ys1.append(c.y + c.height)
    if not xs0:
        return None
    return min(xs0), min(ys0), max(xs1), max(ys1)


class _Ids:
    """Old id -> id on the board, deciding keep / reuse / renew."""

    def __init__(self, board: Board, keep: bool) -> None:
        self.board = board
        self.keep = keep
        self.map: dict[str, str] = {}
        self.taken: set[str] = set()

    def free(self, id_: str) -> bool:
        return id_ not in self.taken and self.board.find(id_) is None

    def assign(self, old: str) -> str:
        new = old if self.keep and self.free(old) else new_id()
        self.taken.add(new)
        self.map[old] = new
        return new


def merge_edit(board: Board, incoming: Incoming) -> Edit:
    """The edit adding ``incoming`` to ``board`` under the rules above."""
    check_counts(len(incoming.cards), len(incoming.links))
    ids = _Ids(board, incoming.keep_ids)
    puts: list[Entity] = []

    for setting in incoming.settings:
        if board.settings.get(setting.id) is None:
            puts.append(setting)

    by_sha = {s.sha256: s.id for s in board.sources.values()}
    for src in incoming.sources:
        if src.sha256 in by_sha:
            ids.map[src.id] = by_sha[src.sha256]
            continue
        nid = ids.assign(src.id)
        by_sha[src.sha256] = nid
        puts.append(replace(src, id=nid))

    for g in incoming.groups:
        if incoming.keep_ids and board.groups.get(g.id) == g:
            ids.map[g.id] = g.id
            continue
        puts.append(replace(g, id=ids.assign(g.id)))

    new_cards: list[Card] = []
    for c in incoming.cards:
        if incoming.keep_ids and board.cards.get(c.id) == c:
            ids.map[c.id] = c.id
            continue
        group = None
        if c.group_id is not None:
            group = ids.map.get(c.group_id)
            if group is None:
                raise InterchangeError(f"card {c.id} is in a group that is not in the "
                                       f"file ({c.group_id[:40]!r})")
        card = replace(c, id=ids.assign(c.id), group_id=group)
        new_cards.append(card)

    new_links: list[Link] = []
    for link in incoming.links:
        try:
            moved = replace(link, from_id=ids.map[link.from_id], to_id=ids.map[link.to_id])
        except KeyError as e:
            raise InterchangeError(f"link {link.id} points to a missing card {e.args[0]}") \
                from None
        if incoming.keep_ids and board.links.get(link.id) == moved:
            ids.map[link.id] = link.id
            continue
        new_links.append(replace(moved, id=ids.assign(link.id)))

    new_cites: list[Citation] = []
    for cite in incoming.citations:
        owner = ids.map.get(cite.owner_id)
        source = ids.map.get(cite.source_id)
        if owner is None or source is None:
            raise InterchangeError(f"citation {cite.id} belongs to a missing card, link or "
                                   f"source")
        moved_c = replace(cite, source_id=source,
                          card_id=owner if cite.card_id is not None else None,
                          link_id=owner if cite.link_id is not None else None)
        if incoming.keep_ids and board.citations.get(cite.id) == moved_c:
            continue
        new_cites.append(replace(moved_c, id=ids.assign(cite.id)))

    # Corrections the board has not made itself (its own entry for a spelling wins); an
    # entry's card follows the card's new id, and is forgotten if the file lacks it.
    for entry in incoming.alias_table:
        if entry.id not in board.alias_table:
            puts.append(replace(entry, card_id=ids.map.get(entry.card_id)
                                if entry.card_id else None))

    unplaced = {ids.map[i] for i in incoming.unplaced if i in ids.map}
    new_cards = keep_in_range(_place(board, new_cards, new_links, unplaced))
    puts.extend(new_cards)
    puts.extend(new_links)
    puts.extend(new_cites)
    n = len(new_cards)
    edit = Edit(f"Import {incoming.what} ({n} card{'s' if n != 1 else ''})", tuple(puts))
    try:
        board.check(edit)
    except BoardError as e:
        raise InterchangeError(str(e)) from None
    return edit


def _place(board: Board, cards: list[Card], links: list[Link],
           unplaced: set[str]) -> list[Card]:
    """Move the file's arrangement clear of the board's cards; lay out unplaced cards."""
    placed = [c for c in cards if c.id not in unplaced]
    theirs = _bbox(placed)
    ours = _bbox(board.cards.values())
    if theirs is not None and ours is not None and not (
            theirs[0] >= ours[2] or theirs[2] <= ours[0] or theirs[1] >= ours[3]
            or theirs[3] <= ours[1]):
        dx = ours[2] + _GAP - theirs[0]
        dy = ours[1] - theirs[1]
        moved = {c.id: replace(c, x=c.x + dx, y=c.y + dy) for c in placed}
        cards = [moved.get(c.id, c) for c in cards]
    if not unplaced:
        return cards
    positions: dict[str, tuple[float, float]] | None = None
    if len(unplaced) <= MAX_FORCE_LAYOUT:
        # Imported here: the force layout loads networkx and numpy (~0.3 s), which a
        # file whose cards all have positions never needs.
        from ..analysis.layout import layout_new_cards

        positions = layout_new_cards(board, cards, links, new_ids=set(unplaced))
    if positions is None:
        positions = _rows(board, [c for c in cards if c.id in unplaced],
                          [c for c in cards if c.id not in unplaced])
    return [replace(c, x=float(positions[c.id][0]), y=float(positions[c.id][1]))
            if c.id in positions else c for c in cards]


def _rows(board: Board, cards: list[Card], placed: list[Card]) -> dict[str, tuple[float, float]]:
    """Tidy rows right of everything, actors first, then claims, then notes."""
    box = _bbox([*board.cards.values(), *placed])
    x0 = box[2] + _GAP if box else 0.0
    y0 = box[1] if box else 0.0
    per_row = max(1, int(len(cards) ** 0.5))
    order = sorted(cards, key=lambda c: ({"actor": 0, "claim": 1}.get(c.kind, 2),
                                         c.title.casefold(), c.id))
    out: dict[str, tuple[float, float]] = {}
    for n, c in enumerate(order):
        out[c.id] = (x0 + (n % per_row) * 300.0, y0 + (n // per_row) * 150.0)
    return out
