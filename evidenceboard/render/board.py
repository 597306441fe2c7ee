"""A whole board (or some of its cards) painted onto any QPainter: exports use this.

The painter may target a QImage, a QSvgGenerator or a QPdfWriter; coordinates are scene
coordinates (the caller sets the transform, e.g. with :func:`fit_transform`).  Links are
painted under cards, without selection, handles or grid, in a fixed order, so the same
board always gives the same picture.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter, QTransform

from ..analysis.grading import Grade, faded_ids
from ..model import Board, Card, Link
from .cards import CardLook, CardState, paint_card
from .decor import DecorCache
from .grid import RectGrid, box_of
from .groups import FrameLook, GroupLayout, group_layout, paint_frame
from .importance import DisplaySizes, size_by_of
from .links import LinkGeometry, LinkLook, LinkPainter, TagPlacer, bends_for, link_geometry
from .theme import Theme


def card_rect(card: Card, sizes: DisplaySizes | None = None) -> QRectF:
    """Where a card is drawn: its stored rectangle, or as ``sizes`` scale it."""
    if sizes is not None:
        return sizes.rect(card)
    return QRectF(card.x, card.y, card.width, card.height)


def display_sizes(board: Board) -> DisplaySizes:
    """The card sizes the board is drawn with (its Size by setting), as on screen."""
    return DisplaySizes(board, size_by_of(board))


def stacking_order(cards: Iterable[Card]) -> list[Card]:
    """The order cards are painted in (later ones on top): by position, top to bottom
    and left to right, then id — stable across sessions and machines."""
    return sorted(cards, key=lambda c: (c.y, c.x, c.id))


def selection(board: Board, ids: Iterable[str] | None) -> tuple[list[Card], list[Link]]:
    """The cards named by ``ids`` (all when None) and the links between them."""
    if ids is None:
        cards = list(board.cards.values())
        links = list(board.links.values())
    else:
        wanted = set(ids)
        cards = [c for c in board.cards.values() if c.id in wanted]
        keep = {c.id for c in cards}
        links = [link for link in board.links.values()
                 if link.from_id in keep and link.to_id in keep]
    return stacking_order(cards), sorted(links, key=lambda link: link.id)


def board_bounds(board: Board, ids: Iterable[str] | None = None,
                 margin: float = 40.0, geometries: dict | None = None,
                 sizes: DisplaySizes | None = None) -> QRectF:
    """The scene rectangle holding the cards (and their links' labels), plus a margin.
    ``geometries``: a dict filled with each link's geometry, for :func:`paint_board` to
    reuse (a big board's links cost a second each pass); ``sizes``: the cards' drawn
    sizes (default: the board's Size by setting)."""
    cards, links = selection(board, ids)
    if not cards:
        return QRectF(0.0, 0.0, 2 * margin, 2 * margin)
    if sizes is None:
        sizes = display_sizes(board)
    groups = group_layout(board, cards, lambda c: card_rect(c, sizes))
    rect = QRectF()
    for c in cards:
        if c.id not in groups.stand_in:
            rect = card_rect(c, sizes) if rect.isNull() else rect.united(card_rect(c, sizes))
    for f in (*groups.frames, *groups.boxes):
        rect = f.rect if rect.isNull() else rect.united(f.rect)
    bends = bends_for(links)
    by_id = {c.id: c for c in cards}
    for link in _drawn_links(links, groups):
        g = _link_geometry(link, by_id, sizes, groups, bends)
        if geometries is not None:
            geometries[link.id] = g
        rect = rect.united(g.bounds)
    return rect.adjusted(-margin, -margin, margin, margin)


def _drawn_links(links: list[Link], groups: GroupLayout) -> list[Link]:
    """The links drawn: not those inside one collapsed group."""
    stand = groups.stand_in
    return [lk for lk in links if not (lk.from_id in stand and lk.to_id in stand
                                       and stand[lk.from_id] is stand[lk.to_id])]


def _link_geometry(link: Link, by_id: dict[str, Card], sizes: DisplaySizes,
                   groups: GroupLayout, bends: dict[str, float]) -> LinkGeometry:
    """A link's geometry between its cards' drawn rectangles (a hidden member of a
    collapsed group: its group's box)."""
    stand = groups.stand_in

    def end(cid: str) -> QRectF:
        r = stand.get(cid)
        if r is not None:
            return r
        return card_rect(by_id[cid], sizes)
    return link_geometry(end(link.from_id), end(link.to_id), bends.get(link.id, 0.0))



def card_grid(rects: list[QRectF]) -> Callable[[QRectF], list[QRectF]]:
    """A query for the rectangles meeting a rectangle (link tags keep clear of cards)."""
    grid: RectGrid[int] = RectGrid(512.0)
    for i, r in enumerate(rects):
        grid.put(i, box_of(r))
    return lambda q: [rects[i] for i in grid.query(box_of(q))]


def fit_transform(source: QRectF, width: float, height: float) -> QTransform:
    """Scale and translate ``source`` to fill a ``width`` x ``height`` target, keeping
    the aspect ratio and centring it."""
    s = min(width / max(source.width(), 1e-9), height / max(source.height(), 1e-9))
    dx = (width - source.width() * s) / 2.0 - source.left() * s
    dy = (height - source.height() * s) / 2.0 - source.top() * s
    return QTransform(s, 0, 0, s, dx, dy)


@dataclass
class BoardLooks:
    """What painting a board needs besides the painter, made once for many pages (a
    poster paints the same looks on every page): the cards' drawn sizes and the links'
    looks, their tags already placed."""

    cards: list[Card]
    sizes: DisplaySizes
    links: list[LinkLook]
    faded: set[str]
    #: Group frames (drawn under the links) and collapsed groups' boxes (over them).
    frames: list[FrameLook] = field(default_factory=list)
    boxes: list[FrameLook] = field(default_factory=list)


def board_looks(board: Board, theme: Theme, decor: DecorCache, *,
                ids: Iterable[str] | None = None, grade_filter: Grade | None = None,
                geometries: dict | None = None,
                sizes: DisplaySizes | None = None,
                faded: Iterable[str] = ()) -> BoardLooks:
    cards, links = selection(board, ids)
    if sizes is None:
        sizes = display_sizes(board)
    geometries = geometries if geometries is not None else {}
    groups = group_layout(board, cards, lambda c: card_rect(c, sizes))
    cards_in_groups = cards
    if groups.stand_in:  # a collapsed group's cards are drawn as its box
        cards = [c for c in cards if c.id not in groups.stand_in]
    bends = bends_for(links)
    by_id = {c.id: c for c in cards_in_groups}
    tags = TagPlacer(card_grid([card_rect(c, sizes) for c in cards]
                               + [b.rect for b in groups.boxes]))
    looks = []
    for link in _drawn_links(links, groups):
        geom = geometries.get(link.id)
        if geom is None:
            geom = _link_geometry(link, by_id, sizes, groups, bends)
        looks.append(LinkLook.build(link, geom, decor.link(link), theme,
                                    lambda g, w, lid=link.id: tags.place(lid, g, w)))
    dim = faded_ids(board, grade_filter) if grade_filter is not None else set()
    return BoardLooks(cards, sizes, looks, dim | set(faded), groups.frames, groups.boxes)


def paint_board(painter: QPainter, board: Board, theme: Theme | None = None, *,
                ids: Iterable[str] | None = None, background: bool = True,
                grade_filter: Grade | None = None, decor: DecorCache | None = None,
                source: QRectF | None = None,
                geometries: dict | None = None, cull: bool = False,
                sizes: DisplaySizes | None = None,
                looks: BoardLooks | None = None,
                faded: Iterable[str] = ()) -> QRectF:
    """Paint the board's cards (or those in ``ids``) and the links between them, in
    full detail, in scene coordinates.  Returns the painted scene rectangle.

    ``background`` fills ``source`` (default: :func:`board_bounds`) with the theme's
    background first; ``grade_filter`` fades items below that grade like the canvas;
    ``geometries`` are link geometries already computed by :func:`board_bounds` (with
    the same ``sizes``: the cards' drawn sizes, by default the board's Size by setting);
    ``cull`` paints only what reaches into ``source`` (a poster page: a PDF would
    otherwise carry the whole board, clipped, on every page); ``looks`` from
    :func:`board_looks` are reused page after page (then ``ids``, ``grade_filter``,
    ``geometries``, ``sizes`` and ``faded`` are theirs); ``faded``: ids drawn faded
    besides those below ``grade_filter`` (a filter in fade mode, the relations view's
    actors without relations).
    """
    theme = theme if theme is not None else Theme.light()
    decor = decor if decor is not None else DecorCache(board)
    if looks is None:
        looks = board_looks(board, theme, decor, ids=ids, grade_filter=grade_filter,
                            geometries=geometries, sizes=sizes, faded=faded)
    sizes = looks.sizes
    rect = source if source is not None else board_bounds(board, ids, geometries=geometries,
                                                           sizes=sizes)
    faded = looks.faded
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    if background:
        painter.fillRect(rect, theme.background)
    for frame in looks.frames:
        if not cull or frame.rect.intersects(rect):
            paint_frame(painter, frame.rect, frame.group, frame.counts, theme)
    normal = LinkPainter(theme, 1.0)
    dim = LinkPainter(theme, 1.0)
    for link_look in looks.links:
        if cull and not link_look.bounds.intersects(rect):
            continue  # not even its label reaches into the page
        (dim if link_look.link.id in faded else normal).add(link_look)
    if faded:
        painter.setOpacity(theme.faded_opacity)
        dim.paint(painter)
        painter.setOpacity(1.0)
    normal.paint(painter)
    for box in looks.boxes:
        if not cull or box.rect.intersects(rect):
            paint_frame(painter, box.rect, box.group, box.counts, theme)
    for card in looks.cards:
        if cull and not card_rect(card, sizes).adjusted(-8, -8, 8, 8).intersects(rect):
            continue
        painter.save()
        s = sizes.scale(card.id)
        painter.translate(card.x + card.width * (1.0 - s) / 2.0,
                          card.y + card.height * (1.0 - s) / 2.0)
        if s != 1.0:
            painter.scale(s, s)
        look = CardLook(card, decor.card(card), theme,
                        lambda cid=card.id: decor.backing(cid))
        paint_card(painter, look, s, CardState(faded=card.id in faded))
        painter.restore()
    painter.restore()
    return rect
