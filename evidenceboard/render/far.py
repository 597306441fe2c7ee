"""The far view of a big board, painted in bulk.

Zoomed out on thousands of cards, text is unreadable and one Python ``paint()`` per card
costs more than the whole frame budget (see ENGINEERING.md: ~110 ms for 10,000 items even
with an early exit).  Here cards become rectangles filled with their kind's colour and
links become hairlines, each batched into one :class:`QPainterPath` per colour, so a
frame is a handful of C++ calls whatever the board size.

Colours are opaque (pre-blended with the background): translucent hairlines are ~15x
slower to rasterise than opaque ones on these machines.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen

from ..model import Card, Link
from .theme import ACTOR_TYPE_COLORS, Theme, blend


def far_card_color(card: Card, theme: Theme) -> QColor:
    """A card's colour in the far view: stronger than its fill, so it stands out from
    the background when it is a few pixels wide."""
    if card.color:
        c = QColor(card.color)
        if c.isValid():
            return c
    if card.kind == "actor":
        base = QColor(ACTOR_TYPE_COLORS.get(card.actor_type or "other",
                                            ACTOR_TYPE_COLORS["other"]))
        return blend(base, theme.background, 0.75)
    if card.kind == "claim":
        base = theme.denies if card.stance == "denies" else theme.asserts
        return blend(base, theme.background, 0.4)
    return blend(theme.note_fill, theme.text, 0.9) if not theme.is_dark else theme.note_fill


def far_link_color(confidence: str, contradiction: bool, theme: Theme) -> QColor:
    """Links recede in the far view (thousands of hairlines would hide the cards); a
    contradiction keeps more of its colour."""
    if contradiction:
        return blend(theme.contradiction, theme.background, 0.55)
    base = theme.disputed if confidence == "disputed" else theme.link
    return blend(base, theme.background, 0.22 if confidence == "disputed" else 0.3)


class FarLayer:
    """Rectangles of cards and lines of links, kept up to date by the canvas and painted
    in bulk.  Paths are rebuilt lazily (one O(n) pass) after changes."""

    def __init__(self, theme: Theme) -> None:
        self.theme = theme
        self._cards: dict[str, tuple[QRectF, Card]] = {}
        self._links: dict[str, tuple[Link, bool]] = {}  # id -> (link, contradiction)
        self._faded: set[str] = set()
        self._colors: dict[tuple, int] = {}
        self._paths: tuple[dict[int, QPainterPath], dict[int, QPainterPath]] | None = None
        self._paths_exclude: tuple = ()
        self.revision = 0

    # ----------------------------------------------------------------- updates
    def _changed(self) -> None:
        self._paths = None
        self.revision += 1

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self._colors.clear()
        self._changed()

    def set_faded(self, faded: set[str]) -> None:
        """Ids drawn faded (blended into the background)."""
        self._faded = set(faded)
        self._changed()

    def put_card(self, card: Card, rect: QRectF | None = None) -> None:
        if rect is None:
            rect = QRectF(card.x, card.y, card.width, card.height)
        self._cards[card.id] = (rect, card, rect.x() + rect.width() / 2.0,
                                rect.y() + rect.height() / 2.0)
        self._changed()

    def move_card(self, card_id: str, rect: QRectF) -> None:
        entry = self._cards.get(card_id)
        if entry is not None:
            self._cards[card_id] = (rect, entry[1], rect.x() + rect.width() / 2.0,
                                    rect.y() + rect.height() / 2.0)
            self._changed()

    def remove_card(self, card_id: str) -> None:
        if self._cards.pop(card_id, None) is not None:
            self._changed()

    def put_link(self, link: Link, contradiction: bool = False) -> None:
        self._links[link.id] = (link, contradiction)
        self._changed()

    def remove_link(self, link_id: str) -> None:
        if self._links.pop(link_id, None) is not None:
            self._changed()

    def card_rect(self, card_id: str) -> QRectF | None:
        entry = self._cards.get(card_id)
        return entry[0] if entry is not None else None

    def bounds(self) -> QRectF:
        """The rectangle around every card (empty for an empty board)."""
        if not self._cards:
            return QRectF()
        rects = [e[0] for e in self._cards.values()]
        x0 = min(r.left() for r in rects)
        y0 = min(r.top() for r in rects)
        x1 = max(r.right() for r in rects)
        y1 = max(r.bottom() for r in rects)
        return QRectF(x0, y0, x1 - x0, y1 - y0)

    def __len__(self) -> int:
        return len(self._cards)

    # ----------------------------------------------------------------- colours
    def _card_rgba(self, card: Card) -> int:
        key = (card.kind, card.actor_type, card.stance, card.color, card.id in self._faded)
        rgba = self._colors.get(key)
        if rgba is None:
            c = far_card_color(card, self.theme)
            if key[-1]:
                c = blend(c, self.theme.background, self.theme.faded_opacity)
            rgba = self._colors[key] = c.rgba()
        return rgba

    def _link_rgba(self, link: Link, contradiction: bool) -> int:
        key = ("link", link.confidence, contradiction, link.id in self._faded)
        rgba = self._colors.get(key)
        if rgba is None:
            c = far_link_color(link.confidence, contradiction, self.theme)
            if key[-1]:
                c = blend(c, self.theme.background, self.theme.faded_opacity)
            rgba = self._colors[key] = c.rgba()
        return rgba

    # ----------------------------------------------------------------- painting
    def _build(self, exclude: frozenset[str], grow: float = 0.0
               ) -> tuple[dict[int, QPainterPath], dict[int, QPainterPath]]:
        if self._paths is not None and self._paths_exclude == (exclude, grow):
            return self._paths
        cards: dict[int, QPainterPath] = {}
        cards_get = self._cards.get
        card_rgba = self._card_rgba
        for cid, (rect, card, _cx, _cy) in self._cards.items():
            if cid in exclude:
                continue
            rgba = card_rgba(card)
            path = cards.get(rgba)
            if path is None:
                path = cards[rgba] = QPainterPath()
                path.setFillRule(Qt.FillRule.WindingFill)  # overlaps stay filled
            if grow:
                path.addRect(rect.adjusted(-grow, -grow, grow, grow))
            else:
                path.addRect(rect)
        lines: dict[int, QPainterPath] = {}
        link_rgba = self._link_rgba
        for link, contra in self._links.values():
            a, b = link.from_id, link.to_id
            if a in exclude or b in exclude:
                continue
            ea, eb = cards_get(a), cards_get(b)
            if ea is None or eb is None:
                continue
            rgba = link_rgba(link, contra)
            path = lines.get(rgba)
            if path is None:
                path = lines[rgba] = QPainterPath()
            path.moveTo(ea[2], ea[3])  # card centres, kept as floats
            path.lineTo(eb[2], eb[3])
        self._paths = (cards, lines)
        self._paths_exclude = (exclude, grow)
        return self._paths

    def paint(self, painter: QPainter, *, exclude: frozenset[str] = frozenset(),
              antialias: bool = False, min_pixels: float = 0.0) -> None:
        """Links (hairlines) under cards (filled rectangles), in scene coordinates.
        ``min_pixels``: cards grow so that a card at least that many device pixels tall
        stays visible on a whole-board view."""
        grow = 0.0
        if min_pixels:
            scale = painter.worldTransform().m22()
            needed = (min_pixels / max(scale, 1e-9) - 72.0) / 2.0
            if needed > 0:
                # In powers of two: zooming rebuilds the batched paths only when the
                # growth doubles, not at every step.
                grow = 2.0 ** math.ceil(math.log2(needed))
        cards, lines = self._build(exclude, grow)
        # Hairlines never antialiased: a big antialiased path makes Qt's rasteriser
        # re-scan it band after band (seconds for 20,000 lines, measured).
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for rgba in sorted(lines):
            painter.setPen(QPen(QColor.fromRgba(rgba), 0))  # cosmetic: one device pixel
            painter.drawPath(lines[rgba])
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, antialias)
        painter.setPen(Qt.PenStyle.NoPen)
        for rgba in sorted(cards):
            painter.setBrush(QColor.fromRgba(rgba))
            painter.drawPath(cards[rgba])

    def paint_live(self, painter: QPainter, card_ids: Iterable[str],
                   rects: dict[str, QRectF]) -> None:
        """Cards being dragged (at ``rects``) and their links, over a cached picture
        that was painted without them."""
        ids = set(card_ids)
        lines: dict[int, QPainterPath] = {}
        for link, contra in self._links.values():
            if link.from_id not in ids and link.to_id not in ids:
                continue
            ra = rects.get(link.from_id) or self.card_rect(link.from_id)
            rb = rects.get(link.to_id) or self.card_rect(link.to_id)
            if ra is None or rb is None:
                continue
            path = lines.setdefault(self._link_rgba(link, contra), QPainterPath())
            path.moveTo(ra.center())
            path.lineTo(rb.center())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for rgba, path in lines.items():
            painter.setPen(QPen(QColor.fromRgba(rgba), 0))
            painter.drawPath(path)
        painter.setPen(Qt.PenStyle.NoPen)
        for cid in ids:
            entry = self._cards.get(cid)
            rect = rects.get(cid)
            if entry is None or rect is None:
                continue
            painter.setBrush(QColor.fromRgba(self._card_rgba(entry[1])))
            painter.drawRect(rect)

    def outline_cards(self, painter: QPainter, ids: Iterable[str], color: QColor,
                      grow: float) -> None:
        """Rings around the given cards (the selection in the far view)."""
        path = QPainterPath()
        path.setFillRule(Qt.FillRule.WindingFill)
        for cid in ids:
            entry = self._cards.get(cid)
            if entry is not None:
                path.addRect(entry[0].adjusted(-grow, -grow, grow, grow))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawPath(path)

    def link_lines(self, ids: Iterable[str]) -> QPainterPath:
        """Centre-to-centre lines of the given links, as one path (selection overlays)."""
        path = QPainterPath()
        cards, links = self._cards, self._links
        for lid in ids:
            entry = links.get(lid)
            if entry is None:
                continue
            link = entry[0]
            a, b = cards.get(link.from_id), cards.get(link.to_id)
            if a is not None and b is not None:
                path.moveTo(a[2], a[3])
                path.lineTo(b[2], b[3])
        return path
