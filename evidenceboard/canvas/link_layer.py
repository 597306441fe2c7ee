"""All links of the board, painted in the scene's background layer from a grid index.

Twenty thousand links as twenty thousand QGraphicsItems cost ~100 ms to create, and long
links (across the board) make the scene's BSP index degenerate: each one is stored in
every leaf it crosses, and building the index took seconds here.  So links live in
:class:`GridIndex` (cells a link's line passes through), and the scene's
``drawBackground`` paints, under all cards, those that cross the exposed rectangle
(:class:`evidenceboard.render.links.LinkPainter`).  Being background, they are kept by
the view's ``CacheBackground`` pixmap between frames and scrolled with it; a change
invalidates exactly the rectangles of the links concerned.  The index is built lazily, on
the first paint or hit test that needs it — the far view never does.

Links follow their cards during a drag: the links of moving cards are "floating" (out of
the index, recomputed from the cards' live positions) until the move is committed.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Iterable

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainter

from ..model import Link
from ..render import LinkLook, LinkPainter, group_bends, hit_path, link_geometry

if TYPE_CHECKING:  # pragma: no cover
    from .scene import BoardScene

CELL = 1024.0  # cells for short links, filed by their middle
SHORT = 2048.0  # longer links are filed along their whole path ...
LONG_CELL = 4096.0  # ... in coarser cells
PAD = 160.0  # what a link paints beside its line: half a label, an arrowhead


class GridIndex:
    """Which links may cross which part of the plane, from plain float geometry (card
    centres), so that indexing 200,000 links costs no Qt object per link.

    A short link is filed in the one cell holding its middle (a query widens its
    rectangle by half the longest short link); a long one in every coarse cell along its
    line.  Each link also keeps a padded bounding box for a cheap first rejection.
    """

    def __init__(self) -> None:
        self._short: dict[tuple[int, int], set[str]] = {}
        self._long: dict[tuple[int, int], set[str]] = {}
        self._of: dict[str, tuple[bool, tuple[tuple[int, int], ...]]] = {}
        self.boxes: dict[str, tuple[float, float, float, float]] = {}

    def __len__(self) -> int:
        return len(self._of)

    def __contains__(self, id_: str) -> bool:
        return id_ in self._of

    def insert(self, id_: str, ax: float, ay: float, bx: float, by: float,
               bend: float = 0.0, extra: float = 0.0) -> None:
        """File a link from centre (ax, ay) to centre (bx, by); ``extra`` widens it
        (a link from a card to itself loops outside the card: half its size more)."""
        if id_ in self._of:
            self.remove(id_)
        pad = PAD + 2.0 * abs(bend) + extra
        self.boxes[id_] = (min(ax, bx) - pad, min(ay, by) - pad,
                           max(ax, bx) + pad, max(ay, by) + pad)
        length = math.hypot(bx - ax, by - ay)
        if length <= SHORT and abs(bend) + extra <= PAD:
            cell = (math.floor((ax + bx) / 2.0 / CELL), math.floor((ay + by) / 2.0 / CELL))
            self._short.setdefault(cell, set()).add(id_)
            self._of[id_] = (True, (cell,))
            return
        # Samples a quarter of a cell apart, each widened by that much: every cell the
        # line (and what is painted beside it) passes through is found.
        reach = LONG_CELL / 4.0 + pad
        n = max(1, math.ceil(length / (LONG_CELL / 2.0)))
        cells: set[tuple[int, int]] = set()
        for i in range(n + 1):
            x = ax + (bx - ax) * i / n
            y = ay + (by - ay) * i / n
            for cx in range(math.floor((x - reach) / LONG_CELL),
                            math.floor((x + reach) / LONG_CELL) + 1):
                for cy in range(math.floor((y - reach) / LONG_CELL),
                                math.floor((y + reach) / LONG_CELL) + 1):
                    cells.add((cx, cy))
        for c in cells:
            self._long.setdefault(c, set()).add(id_)
        self._of[id_] = (False, tuple(cells))

    def remove(self, id_: str) -> None:
        entry = self._of.pop(id_, None)
        self.boxes.pop(id_, None)
        if entry is None:
            return
        short, cells = entry
        table = self._short if short else self._long
        for c in cells:
            bucket = table.get(c)
            if bucket is not None:
                bucket.discard(id_)
                if not bucket:
                    del table[c]

    def query(self, r: QRectF) -> set[str] | None:
        """Ids of links that may cross ``r`` (None: so many cells that checking every
        link is cheaper)."""
        x0, y0, x1, y1 = r.left(), r.top(), r.right(), r.bottom()
        m = SHORT / 2.0 + PAD
        cx0, cx1 = math.floor((x0 - m) / CELL), math.floor((x1 + m) / CELL)
        cy0, cy1 = math.floor((y0 - m) / CELL), math.floor((y1 + m) / CELL)
        lx0, lx1 = math.floor(x0 / LONG_CELL), math.floor(x1 / LONG_CELL)
        ly0, ly1 = math.floor(y0 / LONG_CELL), math.floor(y1 / LONG_CELL)
        n = (cx1 - cx0 + 1) * (cy1 - cy0 + 1) + (lx1 - lx0 + 1) * (ly1 - ly0 + 1)
        if n > max(64, len(self._short) + len(self._long)):
            return None
        found: set[str] = set()
        for table, (a0, a1, b0, b1) in ((self._short, (cx0, cx1, cy0, cy1)),
                                        (self._long, (lx0, lx1, ly0, ly1))):
            for i in range(a0, a1 + 1):
                for j in range(b0, b1 + 1):
                    bucket = table.get((i, j))
                    if bucket:
                        found |= bucket
        boxes = self.boxes
        return {i for i in found
                if (b := boxes[i])[0] <= x1 and b[2] >= x0 and b[1] <= y1 and b[3] >= y0}


def _loop_extra(a, b) -> float:  # noqa: ANN001
    """A link between cards with the same centre is drawn as a loop outside the first
    card (render.links._loop_geometry): its index entry needs that much more room."""
    if abs(a.x + a.width / 2.0 - b.x - b.width / 2.0) >= 1e-6 or \
            abs(a.y + a.height / 2.0 - b.y - b.height / 2.0) >= 1e-6:
        return 0.0
    return max(a.width, a.height) / 2.0 + 80.0


class LinkLayer:
    """Paints and hit-tests every link; holds no model state of its own beyond copies
    of the links (the scene feeds it from board events)."""

    def __init__(self, board_scene: "BoardScene") -> None:
        self._bs = board_scene
        self.links: dict[str, Link] = {}
        self._pairs: dict[tuple[str, str], set[str]] = {}
        self._by_card: dict[str, set[str]] = {}
        self._looks: dict[str, LinkLook] = {}
        self._index: GridIndex | None = None
        self._floating: set[str] = set()

    # ----------------------------------------------------------------- painting
    def paint(self, painter: QPainter, exposed: QRectF, lod: float) -> None:
        """Paint the links crossing ``exposed`` (scene coordinates)."""
        if not self.links:
            return
        bs = self._bs
        theme = bs.theme
        m = 8.0 / max(lod, 1e-6)
        clip = exposed.adjusted(-m, -m, m, m)
        normal = LinkPainter(theme, lod, clip)
        dim: LinkPainter | None = None
        selected = bs.selected_link_ids
        faded = bs.faded
        for lid in sorted(self.candidates(exposed)):
            look = self.look(lid)
            if look is None or not look.bounds.intersects(exposed):
                continue
            if lid in faded:
                if dim is None:
                    dim = LinkPainter(theme, lod, clip)
                dim.add(look, selected=lid in selected)
            else:
                normal.add(look, selected=lid in selected)
        if dim is not None:
            opacity = painter.opacity()
            painter.setOpacity(opacity * theme.faded_opacity)
            dim.paint(painter)
            painter.setOpacity(opacity)
        normal.paint(painter)

    # ----------------------------------------------------------------- model
    @staticmethod
    def _pair(link: Link) -> tuple[str, str]:
        a, b = link.from_id, link.to_id
        return (a, b) if a <= b else (b, a)

    def add_links(self, links: Iterable[Link]) -> None:
        for link in links:
            self._add(link)

    def _add(self, link: Link) -> None:
        self.links[link.id] = link
        pair = self._pair(link)
        group = self._pairs.setdefault(pair, set())
        group.add(link.id)
        self._by_card.setdefault(link.from_id, set()).add(link.id)
        self._by_card.setdefault(link.to_id, set()).add(link.id)
        if len(group) > 1:
            self._drop_looks(group)  # the bends of the whole group change
        elif self._index is not None:
            self._reindex(link.id)

    def add(self, link: Link) -> None:
        self._add(link)
        self.repaint([link.id])

    def remove(self, link_id: str) -> None:
        link = self.links.pop(link_id, None)
        if link is None:
            return
        self.repaint([link_id])
        self._looks.pop(link_id, None)
        self._floating.discard(link_id)
        if self._index is not None:
            self._index.remove(link_id)
        pair = self._pair(link)
        group = self._pairs.get(pair)
        if group is not None:
            group.discard(link_id)
            if not group:
                del self._pairs[pair]
            else:
                self._drop_looks(group)
        for end in (link.from_id, link.to_id):
            ids = self._by_card.get(end)
            if ids is not None:
                ids.discard(link_id)
                if not ids:
                    del self._by_card[end]

    def change(self, link: Link) -> None:
        old = self.links.get(link.id)
        if old is not None and (old.from_id, old.to_id) != (link.from_id, link.to_id):
            self.remove(link.id)
            self.add(link)
            return
        self.links[link.id] = link
        self.refresh([link.id])

    def refresh(self, ids: Iterable[str]) -> None:
        """Style or decorations of these links changed: rebuild their looks."""
        ids = [i for i in ids if i in self.links]
        self.repaint(ids)
        for i in ids:
            self._looks.pop(i, None)
            if self._index is not None and i not in self._floating:
                self._reindex(i)
        self.repaint(ids)

    def refresh_all(self) -> None:
        self._looks.clear()
        self._index = None
        self._bs.invalidate(self._bs.sceneRect(),
                            self._bs.SceneLayer.BackgroundLayer)

    def links_of(self, card_id: str) -> set[str]:
        return set(self._by_card.get(card_id, ()))

    def cards_moved(self, card_ids: Iterable[str], *, live: bool) -> None:
        """Cards moved or resized; ``live`` while a gesture is still under way."""
        ids: set[str] = set()
        for cid in card_ids:
            ids.update(self._by_card.get(cid, ()))
        if not ids:
            return
        self.repaint(ids)
        for lid in ids:
            self._looks.pop(lid, None)
            if live:
                self._floating.add(lid)
                if self._index is not None:
                    self._index.remove(lid)
            else:
                self._floating.discard(lid)
                if self._index is not None:
                    self._reindex(lid)
        self.repaint(ids)

    def land(self) -> None:
        """A gesture ended: floating links go back into the index."""
        ids, self._floating = self._floating, set()
        for lid in ids:
            self._looks.pop(lid, None)
            if self._index is not None and lid in self.links:
                self._reindex(lid)

    # ----------------------------------------------------------------- looks and index
    def _drop_looks(self, ids: Iterable[str]) -> None:
        ids = list(ids)
        self.repaint(ids)
        for i in ids:
            self._looks.pop(i, None)
            if self._index is not None and i not in self._floating:
                self._reindex(i)
        self.repaint(ids)

    def _bend(self, link: Link) -> float:
        pair = self._pair(link)
        group = self._pairs.get(pair, ())
        if len(group) < 2:
            return 0.0
        return group_bends(pair, [self.links[i] for i in group if i in self.links]) \
            .get(link.id, 0.0)

    def _reindex(self, lid: str) -> None:
        assert self._index is not None
        link = self.links.get(lid)
        cards = self._bs.board.cards
        a = cards.get(link.from_id) if link is not None else None
        b = cards.get(link.to_id) if link is not None else None
        if a is None or b is None:
            self._index.remove(lid)
            return
        self._index.insert(lid, a.x + a.width / 2.0, a.y + a.height / 2.0,
                           b.x + b.width / 2.0, b.y + b.height / 2.0, self._bend(link),
                           _loop_extra(a, b))

    def look(self, lid: str) -> LinkLook | None:
        look = self._looks.get(lid)
        if look is not None:
            return look
        link = self.links.get(lid)
        if link is None:
            return None
        bs = self._bs
        ra, rb = bs.card_rect(link.from_id), bs.card_rect(link.to_id)
        if ra is None or rb is None:
            return None
        look = LinkLook.build(link, link_geometry(ra, rb, self._bend(link)),
                              bs.decor.link(link), bs.theme)
        self._looks[lid] = look
        return look

    def index(self) -> GridIndex:
        """The grid index, built on first use (one pass over plain floats)."""
        if self._index is None:
            index = GridIndex()
            cards = self._bs.board.cards
            centres = {c.id: (c.x + c.width / 2.0, c.y + c.height / 2.0)
                       for c in cards.values()}
            insert, floating, pairs = index.insert, self._floating, self._pairs
            for lid, link in self.links.items():
                if lid in floating:
                    continue
                a, b = centres.get(link.from_id), centres.get(link.to_id)
                if a is None or b is None:
                    continue
                bend = self._bend(link) if len(pairs.get(self._pair(link), ())) > 1 else 0.0
                extra = _loop_extra(cards[link.from_id], cards[link.to_id])
                insert(lid, a[0], a[1], b[0], b[1], bend, extra)
            self._index = index
        return self._index

    def candidates(self, rect: QRectF) -> Iterable[str]:
        found = self.index().query(rect)
        if found is None:
            return self.links.keys()
        if self._floating:
            found |= self._floating
        return found

    def repaint(self, ids: Iterable[str]) -> None:
        """Repaint where these links are (their part of the cached background)."""
        invalidate = self._bs.invalidate
        layer = self._bs.SceneLayer.BackgroundLayer
        for i in ids:
            look = self._looks.get(i)
            if look is not None:
                invalidate(look.bounds, layer)

    def bounds_of(self, link_id: str) -> QRectF | None:
        look = self.look(link_id)
        return QRectF(look.bounds) if look is not None else None

    # ----------------------------------------------------------------- hit testing
    def link_at(self, pos: QPointF, tolerance: float) -> str | None:
        """The link under ``pos`` (within ``tolerance`` scene units), if any."""
        probe = QRectF(pos.x() - tolerance, pos.y() - tolerance, 2 * tolerance,
                       2 * tolerance)
        best: tuple[float, str] | None = None
        for lid in sorted(self.candidates(probe)):
            look = self.look(lid)
            if look is None or not look.bounds.adjusted(-tolerance, -tolerance, tolerance,
                                                        tolerance).contains(pos):
                continue
            on_tags = look.tags and look.tag_rect.contains(pos)
            if on_tags or hit_path(look.geometry, tolerance).contains(pos):
                mid = look.geometry.mid
                d = 0.0 if on_tags else math.hypot(pos.x() - mid.x(), pos.y() - mid.y())
                if best is None or d < best[0]:
                    best = (d, lid)
        return best[1] if best is not None else None
