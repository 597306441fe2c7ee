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
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainter

from ..model import Link
from ..render import LinkLook, LinkPainter, group_bends, hit_path, link_geometry
from ..render.grid import clip_segment, segment_cells
from ..render.links import TagPlacer
from .items import CardItem

if TYPE_CHECKING:  # pragma: no cover
    from .scene import BoardScene

CELL = 2048.0  # cells for short links, filed by their middle
SHORT = 8192.0  # longer links are filed along their whole path ...
LONG_CELL = 8192.0  # ... in coarser cells
PAD = 160.0  # what a link paints beside its line: half a label, an arrowhead
BUILD_SLICE = 4000  # links indexed per idle-time slice
BATCH_RECTS = 64  # more link repaints than this in one event: repaint all at once


class GridIndex:
    """Which links may cross which part of the plane, from plain float geometry (card
    centres), so that indexing 200,000 links costs no Qt object per link.

    A short link is filed in the one cell holding its middle (a query widens its
    rectangle by half the longest short link); a long one in every coarse cell its
    widened line touches.  Candidates are then tested exactly against the rectangle
    (their centre-to-centre segment, widened by what is painted beside it).
    """

    def __init__(self) -> None:
        self._short: dict[tuple[int, int], set[str]] = {}
        self._long: dict[tuple[int, int], set[str]] = {}
        self._geo: dict[str, tuple[float, float, float, float, float]] = {}
        self._cells: dict[str, tuple[int, int] | tuple[tuple[int, int], ...]] = {}

    def __len__(self) -> int:
        return len(self._geo)

    def __contains__(self, id_: str) -> bool:
        return id_ in self._geo

    def insert(self, id_: str, ax: float, ay: float, bx: float, by: float,
               bend: float = 0.0, extra: float = 0.0) -> None:
        """File a link from centre (ax, ay) to centre (bx, by); ``extra`` widens it
        (a link between cards with one centre loops outside the card)."""
        if id_ in self._geo:
            self.remove(id_)
        pad = PAD + 2.0 * abs(bend) + extra
        self._geo[id_] = (ax, ay, bx, by, pad)
        if math.hypot(bx - ax, by - ay) <= SHORT and abs(bend) + extra <= PAD:
            cell = (math.floor((ax + bx) / 2.0 / CELL), math.floor((ay + by) / 2.0 / CELL))
            bucket = self._short.get(cell)
            if bucket is None:
                bucket = self._short[cell] = set()
            bucket.add(id_)
            self._cells[id_] = cell
            return
        cells = tuple(set(segment_cells(ax, ay, bx, by, pad, LONG_CELL)))
        table = self._long
        for c in cells:
            bucket = table.get(c)
            if bucket is None:
                bucket = table[c] = set()
            bucket.add(id_)
        self._cells[id_] = cells

    def remove(self, id_: str) -> None:
        if self._geo.pop(id_, None) is None:
            return
        cells = self._cells.pop(id_)
        if isinstance(cells[0], int):  # a short link: one cell
            table, cells = self._short, (cells,)
        else:
            table = self._long
        for c in cells:
            bucket = table.get(c)  # type: ignore[arg-type]
            if bucket is not None:
                bucket.discard(id_)
                if not bucket:
                    del table[c]  # type: ignore[arg-type]

    def query(self, r: QRectF) -> set[str] | None:
        """Ids of links that may cross ``r`` (None: so many cells that checking every
        link is cheaper)."""
        x0, y0, x1, y1 = r.left(), r.top(), r.right(), r.bottom()
        floor = math.floor
        m = SHORT / 2.0 + PAD
        cx0, cx1 = floor((x0 - m) / CELL), floor((x1 + m) / CELL)
        cy0, cy1 = floor((y0 - m) / CELL), floor((y1 + m) / CELL)
        lx0, lx1 = floor((x0 - PAD) / LONG_CELL), floor((x1 + PAD) / LONG_CELL)
        ly0, ly1 = floor((y0 - PAD) / LONG_CELL), floor((y1 + PAD) / LONG_CELL)
        n = (cx1 - cx0 + 1) * (cy1 - cy0 + 1) + (lx1 - lx0 + 1) * (ly1 - ly0 + 1)
        if n > max(64, len(self._short) + len(self._long)):
            return None
        near: set[str] = set()
        for table, (a0, a1, b0, b1) in ((self._short, (cx0, cx1, cy0, cy1)),
                                        (self._long, (lx0, lx1, ly0, ly1))):
            for i in range(a0, a1 + 1):
                for j in range(b0, b1 + 1):
                    bucket = table.get((i, j))
                    if bucket:
                        near |= bucket
        geo = self._geo
        found = set()
        for i in near:
            ax, ay, bx, by, pad = geo[i]
            # (wholly to one side: most of a coarse cell's long links, for a strip
            # exposed by a pan; the exact test for each was 4 ms of a pan frame at 10k)
            rx0, rx1 = x0 - pad, x1 + pad
            if (ax < rx0 and bx < rx0) or (ax > rx1 and bx > rx1):
                continue
            ry0, ry1 = y0 - pad, y1 + pad
            if (ay < ry0 and by < ry0) or (ay > ry1 and by > ry1):
                continue
            if clip_segment(ax, ay, bx, by, rx0, ry0, rx1, ry1) is not None:
                found.add(i)
        return found


def _loop_extra(a, b) -> float:
    """A link between cards with the same centre is drawn as a loop outside the first
    card (render.links._loop_geometry): its index entry needs that much more room."""
    if abs(a.x + a.width / 2.0 - b.x - b.width / 2.0) >= 1e-6 or \
            abs(a.y + a.height / 2.0 - b.y - b.height / 2.0) >= 1e-6:
        return 0.0
    return max(a.width, a.height) / 2.0 + 80.0


def _pair(link: Link) -> tuple[str, str]:
    a, b = link.from_id, link.to_id
    return (a, b) if a <= b else (b, a)


class LinkLayer:
    """Paints and hit-tests every link.  It keeps copies of the links (fed by the
    scene from board events), their looks (built when first painted) and the index;
    which links touch a card, and which share a pair of cards, it asks the board."""

    def __init__(self, board_scene: BoardScene) -> None:
        self._bs = board_scene
        self.links: dict[str, Link] = {}
        self._looks: dict[str, LinkLook] = {}
        self._index: GridIndex | None = None
        self._pending: list[str] | None = None  # still to index (idle-time build)
        self._pair_counts: Counter[tuple[str, str]] | None = None  # during the build
        self._floating: set[str] = set()
        self._batch: list[QRectF] | None = None  # repaints collected during a batch
        self._batch_all = False
        #: Where tags sit (clear of cards and of each other), placed as looks are built.
        self.tags = TagPlacer(self._cards_in)
        #: The link under the mouse: it shows all its tags.
        self.hovered: str | None = None

    def _cards_in(self, rect: QRectF) -> list[QRectF]:
        return [it.card_rect() for it in self._bs.items(rect)
                if isinstance(it, CardItem) and it.isVisible()]

    def set_hovered(self, lid: str | None) -> None:
        """The mouse is over this link (None: over no link)."""
        if lid == self.hovered:
            return
        old, self.hovered = self.hovered, lid
        self.repaint([i for i in (old, lid) if i is not None])

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
        hovered = self.hovered
        faded = bs.faded
        for lid in sorted(self.candidates(exposed)):
            look = self.look(lid)
            if look is None or not look.bounds.intersects(exposed):
                continue
            if lid in faded:
                if dim is None:
                    dim = LinkPainter(theme, lod, clip)
                dim.add(look, selected=lid in selected, revealed=lid == hovered)
            else:
                normal.add(look, selected=lid in selected, revealed=lid == hovered)
        if dim is not None:
            opacity = painter.opacity()
            painter.setOpacity(opacity * theme.faded_opacity)
            dim.paint(painter)
            painter.setOpacity(opacity)
        normal.paint(painter)

    # ----------------------------------------------------------------- model
    def _siblings(self, link: Link) -> list[Link]:
        """Links between the same two cards as ``link`` (itself included)."""
        pair = _pair(link)
        return [other for other in self._bs.board.links_of(link.from_id)
                if _pair(other) == pair and other.id in self.links]

    def add_links(self, links: Iterable[Link]) -> None:
        """Links of a freshly opened board (no index yet, nothing painted)."""
        for link in links:
            self.links[link.id] = link

    def add(self, link: Link) -> None:
        self.links[link.id] = link
        if self._pair_counts is not None:
            self._pair_counts[_pair(link)] += 1
        group = self._siblings(link)
        self._drop_looks([g.id for g in group] if len(group) > 1 else [link.id])

    def remove(self, link_id: str) -> None:
        if link_id not in self.links:
            return
        self.repaint([link_id])
        link = self.links.pop(link_id)
        self._forget(link_id)
        self._floating.discard(link_id)
        if self.hovered == link_id:
            self.hovered = None
        if self._index is not None:
            self._index.remove(link_id)
        if self._pair_counts is not None:
            self._pair_counts[_pair(link)] -= 1
        others = self._siblings(link)
        if others:
            self._drop_looks([o.id for o in others])  # their bends change

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
        self._drop_looks([i for i in ids if i in self.links])

    def refresh_all(self) -> None:
        self._looks.clear()
        self.tags.clear()
        self._bs.invalidate(self._bs.sceneRect(), self._bs.SceneLayer.BackgroundLayer)

    def links_of(self, card_id: str) -> list[str]:
        return [link.id for link in self._bs.board.links_of(card_id) if link.id in self.links]

    def cards_moved(self, card_ids: Iterable[str], *, live: bool) -> None:
        """Cards moved or resized; ``live`` while a gesture is still under way (their
        links then float out of the index until the move is committed)."""
        ids: set[str] = set()
        for cid in card_ids:
            ids.update(self.links_of(cid))
        if not live:
            # Tags of other links that the cards now cover move away.
            for cid in card_ids:
                r = self._bs.card_rect(cid)
                if r is not None:
                    ids.update(i for i in self.tags.owners_in(r) if i in self.links)
        if not ids:
            return
        self.repaint(ids)
        for lid in ids:
            self._forget(lid)
            if live:
                self._floating.add(lid)
                if self._index is not None:
                    self._index.remove(lid)
            else:
                self._floating.discard(lid)
                self._reindex(lid)
        self.repaint(ids, fresh=True)

    def land(self) -> None:
        """A gesture ended: floating links go back into the index."""
        ids, self._floating = self._floating, set()
        for lid in ids:
            self._forget(lid)
            if lid in self.links:
                self._reindex(lid)

    # ----------------------------------------------------------------- looks and index
    def _forget(self, lid: str) -> None:
        """Drop a link's look and its tags' spot (both are made again when painted)."""
        self._looks.pop(lid, None)
        self.tags.remove(lid)

    def _drop_looks(self, ids: Iterable[str]) -> None:
        ids = list(ids)
        self.repaint(ids)
        for i in ids:
            self._forget(i)
            if i not in self._floating:
                self._reindex(i)
        self.repaint(ids, fresh=True)

    def _bend(self, link: Link) -> float:
        group = self._siblings(link)
        if len(group) < 2:
            return 0.0
        return group_bends(_pair(link), group).get(link.id, 0.0)

    def _reindex(self, lid: str) -> None:
        index = self._index
        if index is None:
            return
        link = self.links.get(lid)
        cards = self._bs.board.cards
        a = cards.get(link.from_id) if link is not None else None
        b = cards.get(link.to_id) if link is not None else None
        if a is None or b is None:
            index.remove(lid)
            return
        index.insert(lid, a.x + a.width / 2.0, a.y + a.height / 2.0,
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
        floating = lid in self._floating
        caption = bs.link_captions.get(lid)
        shown = link if caption is None else replace(link, label=caption)
        look = LinkLook.build(shown, link_geometry(ra, rb, self._bend(link)),
                              bs.decor.link(link), bs.theme,
                              None if floating else
                              (lambda g, w, lid=lid: self.tags.place(lid, g, w)))
        self._looks[lid] = look
        return look

    def build_index_step(self, budget: int = BUILD_SLICE) -> bool:
        """Index up to ``budget`` more links (idle-time building); True when done."""
        if self._index is None:
            self._index = GridIndex()
            self._pending = list(self.links)
            self._pair_counts = Counter(_pair(link) for link in self.links.values())
        pending = self._pending
        if not pending:
            self._pending = self._pair_counts = None
            return True
        cards = self._bs.board.cards
        index, links, floating = self._index, self.links, self._floating
        counts = self._pair_counts
        assert counts is not None
        for _ in range(min(budget, len(pending))):
            lid = pending.pop()
            link = links.get(lid)
            if link is None or lid in floating:
                continue
            a, b = cards.get(link.from_id), cards.get(link.to_id)
            if a is None or b is None:
                continue
            # A lone link between its two cards has no bend (the common case).
            bend = self._bend(link) if counts[_pair(link)] > 1 else 0.0
            index.insert(lid, a.x + a.width / 2.0, a.y + a.height / 2.0,
                         b.x + b.width / 2.0, b.y + b.height / 2.0, bend,
                         _loop_extra(a, b))
        if not pending:
            self._pending = self._pair_counts = None
            return True
        return False

    def index_ready(self) -> bool:
        return self._index is not None and self._pending is None

    def index(self) -> GridIndex:
        """The grid index, finished now if the idle-time build has not finished."""
        while not self.build_index_step(1 << 30):
            pass
        assert self._index is not None
        return self._index

    def candidates(self, rect: QRectF) -> Iterable[str]:
        found = self.index().query(rect)
        if found is None:
            return self.links.keys()
        if self._floating:
            found |= self._floating
        return found

    def begin_batch(self) -> None:
        """Collect repaints until :meth:`end_batch` (one board event)."""
        self._batch, self._batch_all = [], False

    def end_batch(self) -> None:
        rects, all_ = self._batch, self._batch_all
        self._batch, self._batch_all = None, False
        bs = self._bs
        layer = bs.SceneLayer.BackgroundLayer
        if all_:
            bs.invalidate(bs.sceneRect(), layer)
        elif rects:
            for r in rects:
                bs.invalidate(r, layer)

    def repaint(self, ids: Iterable[str], fresh: bool = False) -> None:
        """Repaint where these links are (their part of the cached background): where
        they were painted, or with ``fresh`` where they are now (building the looks).
        In a batch of many links, the whole background is repainted once instead."""
        batch = self._batch
        if batch is not None:
            if self._batch_all:
                return
            ids = list(ids)
            if len(batch) + len(ids) > BATCH_RECTS:
                self._batch_all = True
                return
        invalidate = self._bs.invalidate
        layer = self._bs.SceneLayer.BackgroundLayer
        for i in ids:
            look = self.look(i) if fresh else self._looks.get(i)
            if look is not None:
                if batch is not None:
                    batch.append(look.bounds)
                else:
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
            on_tags = bool(look.tags) and look.tag_rect.contains(pos)
            if on_tags or hit_path(look.geometry, tolerance).contains(pos):
                mid = look.geometry.mid
                d = 0.0 if on_tags else math.hypot(pos.x() - mid.x(), pos.y() - mid.y())
                if best is None or d < best[0]:
                    best = (d, lid)
        return best[1] if best is not None else None
