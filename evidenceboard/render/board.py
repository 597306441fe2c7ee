"""A whole board (or some of its cards) painted onto any QPainter: exports use this.

The painter may target a QImage, a QSvgGenerator or a QPdfWriter; coordinates are scene
coordinates (the caller sets the transform, e.g. with :func:`fit_transform`).  Links are
painted under cards, without selection, handles or grid, in a fixed order, so the same
board always gives the same picture.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter, QTransform

from ..analysis.grading import Grade
from ..model import Board, Card, Link
from .cards import CardLook, CardState, paint_card
from .decor import DecorCache, faded_ids
from .links import LinkLook, LinkPainter, bends_for, link_geometry
from .theme import Theme

#: How far a link's label and tags reach beyond its line (half the widest label, and more).
_TAG_REACH = 200.0


def card_rect(card: Card) -> QRectF:
    return QRectF(card.x, card.y, card.width, card.height)


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
                 margin: float = 40.0, geometries: dict | None = None) -> QRectF:
    """The scene rectangle holding the cards (and their links' labels), plus a margin.
    ``geometries``: a dict filled with each link's geometry, for :func:`paint_board` to
    reuse (a big board's links cost a second each pass)."""
    cards, links = selection(board, ids)
    if not cards:
        return QRectF(0.0, 0.0, 2 * margin, 2 * margin)
    rect = QRectF(card_rect(cards[0]))
    for c in cards[1:]:
        rect = rect.united(card_rect(c))
    by_id = {c.id: c for c in cards}
    bends = bends_for(links)
    for link in links:
        g = link_geometry(card_rect(by_id[link.from_id]), card_rect(by_id[link.to_id]),
                          bends.get(link.id, 0.0))
        if geometries is not None:
            geometries[link.id] = g
        rect = rect.united(g.bounds)
    return rect.adjusted(-margin, -margin, margin, margin)


def fit_transform(source: QRectF, width: float, height: float) -> QTransform:
    """Scale and translate ``source`` to fill a ``width`` x ``height`` target, keeping
    the aspect ratio and centring it."""
    s = min(width / max(source.width(), 1e-9), height / max(source.height(), 1e-9))
    dx = (width - source.width() * s) / 2.0 - source.left() * s
    dy = (height - source.height() * s) / 2.0 - source.top() * s
    return QTransform(s, 0, 0, s, dx, dy)


def paint_board(painter: QPainter, board: Board, theme: Theme | None = None, *,
                ids: Iterable[str] | None = None, background: bool = True,
                grade_filter: Grade | None = None, decor: DecorCache | None = None,
                source: QRectF | None = None,
                geometries: dict | None = None, cull: bool = False) -> QRectF:
    """Paint the board's cards (or those in ``ids``) and the links between them, in
    full detail, in scene coordinates.  Returns the painted scene rectangle.

    ``background`` fills ``source`` (default: :func:`board_bounds`) with the theme's
    background first; ``grade_filter`` fades items below that grade like the canvas;
    ``geometries`` are link geometries already computed by :func:`board_bounds`;
    ``cull`` paints only what reaches into ``source`` (a poster page: a PDF would
    otherwise carry the whole board, clipped, on every page).
    """
    theme = theme if theme is not None else Theme.light()
    decor = decor if decor is not None else DecorCache(board)
    cards, links = selection(board, ids)
    if geometries is None:
        geometries = {}
    rect = source if source is not None else board_bounds(board, ids, geometries=geometries)
    faded = faded_ids(board, grade_filter) if grade_filter is not None else set()
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    if background:
        painter.fillRect(rect, theme.background)
    by_id = {c.id: c for c in cards}
    bends = bends_for(links)
    normal = LinkPainter(theme, 1.0)
    dim = LinkPainter(theme, 1.0)
    for link in links:
        geom = geometries.get(link.id)
        if geom is None:
            geom = link_geometry(card_rect(by_id[link.from_id]), card_rect(by_id[link.to_id]),
                                 bends.get(link.id, 0.0))
        if cull and not geom.bounds.adjusted(-_TAG_REACH, -_TAG_REACH, _TAG_REACH,
                                             _TAG_REACH).intersects(rect):
            continue  # not even its label reaches into the page
        look = LinkLook.build(link, geom, decor.link(link), theme)
        (dim if link.id in faded else normal).add(look)
    if faded:
        painter.setOpacity(theme.faded_opacity)
        dim.paint(painter)
        painter.setOpacity(1.0)
    normal.paint(painter)
    for card in cards:
        if cull and not card_rect(card).adjusted(-8, -8, 8, 8).intersects(rect):
            continue
        painter.save()
        painter.translate(card.x, card.y)
        look = CardLook(card, decor.card(card), theme,
                        lambda cid=card.id: decor.backing(cid))
        paint_card(painter, look, 1.0, CardState(faded=card.id in faded))
        painter.restore()
    painter.restore()
    return rect
