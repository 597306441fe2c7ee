"""The far view: when zoomed out on a big board, the view paints cached tiles.

Below :func:`use_far_view`'s zoom the cards are a few pixels wide; Qt would still call
one Python ``paint()`` per visible item (110 ms for 10,000 cards even returning at once).
Instead the view paints the board drawn in bulk by :class:`evidenceboard.render.FarLayer`
into square tiles (:data:`TILE` device pixels, on a grid fixed to the scene at the
current zoom), plus overlays for what moves (selection, dragged cards, the link being
drawn, the rubber band) and the name labels.

* Panning reuses the tiles and draws only those coming into view.
* After a zoom step the tiles of the previous zoom are shown stretched at once, and
  sharp tiles replace them from the middle outwards, as many per frame as fit in
  :data:`FRAME_BUDGET_MS`; the rest follow in the next frames.  No frame waits for the
  whole picture.
* After an edit only the pixels of the changed cards and lines are painted again, in the
  visible tiles they cross (tiles out of view are dropped) — before the next frame, so
  the screen never shows a stale board.
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen, QRegion, QTransform

from ..render.far import needs_outline

if TYPE_CHECKING:  # pragma: no cover
    from .view import BoardView

#: Below this zoom a board of more than FAR_MIN_CARDS cards is drawn in bulk ...
FAR_ZOOM = 0.25
FAR_MIN_CARDS = 300
#: ... and any board below this one.
FAR_ZOOM_ALWAYS = 0.08
#: Antialiased far pictures above this zoom (hairlines alias badly when cards are big).
ANTIALIAS_ZOOM = 0.12
#: Tile side in device pixels, time a frame may spend drawing tiles, tiles kept.
TILE = 256
FRAME_BUDGET_MS = 5.0
#: Tiles kept: this many screens' worth (the current zoom and the last ones).
KEEP_SCREENS = 3
#: Changed lines are mended in pieces this long (pixels), at most MAX_PIECES of them.
PIECE = 24.0
MAX_PIECES = 4000
#: Cards stay at least this many device pixels tall in the far view.
MIN_PIXELS = 3.0


def use_far_view(zoom: float, cards: int) -> bool:
    return zoom < FAR_ZOOM_ALWAYS or (zoom < FAR_ZOOM and cards > FAR_MIN_CARDS)


class FarPicture:
    """The far-view tiles of one view.  ``builds`` counts tiles drawn (measurements
    and tests); ``pending`` is how many visible tiles the last frame still lacked."""

    def __init__(self, view: BoardView) -> None:
        self._view = view
        #: (scale, i, j) -> image; tile (i, j) covers device pixels [i*TILE, (i+1)*TILE)
        #: of the scene scaled by ``scale`` (zoom x device pixel ratio).
        self._tiles: OrderedDict[tuple[float, int, int], QImage] = OrderedDict()
        self._key: tuple | None = None
        self.builds = 0
        self.pending = 0
        self._selection: QPainterPath | None = None
        self._selection_key: tuple | None = None
        self._more = QTimer(view)
        self._more.setSingleShot(True)
        self._more.setInterval(0)
        self._more.timeout.connect(lambda: self._view.viewport().update())
        self._limit = 64
        #: Parts of tiles an edit made stale (tile pixels): mended before the next frame.
        self._repair: dict[tuple[float, int, int], QRegion] = {}
        self.mends = 0
        self._tile_cost = 0.002  # seconds a tile takes (a running average)

    def invalidate(self) -> None:
        """Forget every tile (the next frames draw them again, within their budget)."""
        self._tiles.clear()
        self._repair.clear()

    def selection_path(self, selected: list) -> QPainterPath:
        """Rings around the selected cards and their selected links' lines, kept while
        neither the selection, the board nor the zoom changes ("select all" on a big
        board is 30,000 shapes)."""
        scene = self._view.scene()
        zoom = self._view.zoom_level()
        key = (scene.selection_revision, scene.far.revision, zoom, scene.live_ids(),
               scene.live_revision)
        if self._selection_key == key and self._selection is not None:
            return self._selection
        grow = 2.0 / max(zoom, 1e-6)
        path = scene.far.link_lines(scene.selected_link_ids)
        for item in selected:
            r = item.card_rect()
            path.addRect(r.adjusted(-grow, -grow, grow, grow))
            path.addRect(r.adjusted(-2 * grow, -2 * grow, 2 * grow, 2 * grow))
        self._selection, self._selection_key = path, key
        return path

    # ----------------------------------------------------------------- tiles
    def _scale(self) -> float:
        view = self._view
        return view.zoom_level() * view.viewport().devicePixelRatioF()

    def _style_key(self) -> tuple:
        scene = self._view.scene()
        return (id(scene.theme), scene.grid_visible(), id(scene))

    def _apply_changes(self) -> None:
        """Drop the tiles what changed on the board crosses."""
        scene = self._view.scene()
        scene.far.set_excluded(scene.live_ids())
        key = self._style_key()
        dirty = scene.far.take_dirty()
        if key != self._key or dirty is None:
            self._key = key
            self._tiles.clear()
            self._repair.clear()
            return
        rects, segments = dirty
        if not (rects or segments) or not self._tiles:
            return
        cur = self._scale()
        # Tiles of other zooms (only ever shown stretched for a moment) just go.
        stale = {k for k in self._tiles if k[0] != cur}
        if stale:
            doomed: set[tuple[float, int, int]] = set()
            for s in {k[0] for k in stale}:
                doomed |= self._crossed(s, rects, segments, {k for k in stale if k[0] == s})
            for k in doomed:
                self._tiles.pop(k, None)
        # At this zoom only the pixels that changed are painted again (a few cards and
        # lines: a whole dense tile is mostly lines, tens of milliseconds).
        pieces = _pieces(cur, rects, segments)
        if pieces is None:
            for k in [k for k in self._tiles if k[0] == cur]:
                self._tiles.pop(k)
            return
        for (i, j), rect in pieces:
            key = (cur, i, j)
            if key in self._tiles:
                region = self._repair.get(key)
                self._repair[key] = (region or QRegion()).united(rect)

    def _crossed(self, s: float, rects: list[QRectF], segments: list, keys: set) -> set:
        """The tiles (of ``keys``, at scale ``s``) the changes cross."""
        pieces = _pieces(s, rects, segments)
        if pieces is None:
            return set(keys)
        return {(s, i, j) for (i, j), _r in pieces} & keys

    def _mend(self, key: tuple[float, int, int], b: QRect) -> None:
        """Paint again the rectangle ``b`` (tile pixels) of a tile."""
        s, i, j = key
        image = self._tiles[key]
        view = self._view
        scene = view.scene()
        dpr = view.viewport().devicePixelRatioF()
        area = QRectF((i * TILE + b.left()) / s, (j * TILE + b.top()) / s,
                      (b.width() + 1) / s, (b.height() + 1) / s)
        painter = QPainter(image)
        # One rectangle at a time: a clip of many rectangles is slower than painting
        # the whole tile (measured: 30 rectangles 5.5 ms, their bounding box 1.5 ms).
        painter.setClipRect(b)
        painter.setTransform(QTransform(s, 0, 0, s, -i * TILE, -j * TILE))
        scene.paint_backdrop(painter, area)
        scene.far.paint_region(painter, area, outline=needs_outline(s, MIN_PIXELS),
                               antialias=s / dpr >= ANTIALIAS_ZOOM)
        painter.end()
        self.mends += 1

    def _render(self, s: float, i: int, j: int) -> QImage:
        view = self._view
        scene = view.scene()
        dpr = view.viewport().devicePixelRatioF()
        image = QImage(TILE, TILE, QImage.Format.Format_ARGB32_Premultiplied)
        painter = QPainter(image)
        painter.setTransform(QTransform(s, 0, 0, s, -i * TILE, -j * TILE))
        region = QRectF(i * TILE / s, j * TILE / s, TILE / s, TILE / s)
        scene.paint_backdrop(painter, region)
        scene.far.paint_region(painter, region, outline=needs_outline(s, MIN_PIXELS),
                               antialias=s / dpr >= ANTIALIAS_ZOOM)
        painter.end()
        self.builds += 1
        return image

    def _store(self, key: tuple[float, int, int], image: QImage) -> None:
        self._tiles[key] = image
        self._tiles.move_to_end(key)
        while len(self._tiles) > self._limit:
            self._tiles.popitem(last=False)

    def paint(self, painter: QPainter) -> None:
        """Draw the tiles over the whole viewport: the sharp ones, drawing what is
        missing within the frame budget, the previous zoom's tiles stretched under
        the rest."""
        view = self._view
        self._apply_changes()
        vp = view.viewport()
        dpr = vp.devicePixelRatioF()
        s = self._scale()
        vt = view.viewportTransform()
        ox, oy = vt.dx() * dpr, vt.dy() * dpr  # device pixels of scene point (0, 0)
        w, h = vp.width() * dpr, vp.height() * dpr
        i0, i1 = math.floor(-ox / TILE), math.floor((w - ox) / TILE)
        j0, j1 = math.floor(-oy / TILE), math.floor((h - oy) / TILE)
        wanted = [(i, j) for i in range(i0, i1 + 1) for j in range(j0, j1 + 1)]
        self._limit = max(64, KEEP_SCREENS * len(wanted))
        ci, cj = (i0 + i1) / 2.0, (j0 + j1) / 2.0
        wanted.sort(key=lambda t: (t[0] - ci) ** 2 + (t[1] - cj) ** 2)  # middle first
        deadline = time.perf_counter() + FRAME_BUDGET_MS / 1000.0
        missing = []
        drawn = 0  # at least one tile a frame, however slow tiles have been
        # What an edit changed is mended at once, whatever the budget: the screen never
        # shows the board as it was.
        visible = {(s, i, j) for i, j in wanted}
        for key, region in self._repair.items():
            if key not in self._tiles:
                continue
            if key in visible:
                for rect in _blocks(region):
                    self._mend(key, rect)
            else:
                del self._tiles[key]  # out of view: drawn afresh if it comes back
        self._repair.clear()
        for i, j in wanted:
            key = (s, i, j)
            if key in self._tiles:
                self._tiles.move_to_end(key)
            elif not self._tiles or not drawn or \
                    time.perf_counter() + self._tile_cost < deadline:
                t = time.perf_counter()
                self._store(key, self._render(s, i, j))
                self._tile_cost = 0.7 * self._tile_cost + 0.3 * (time.perf_counter() - t)
                drawn += 1
            else:
                missing.append((i, j))
        painter.save()
        painter.resetTransform()
        if missing:
            painter.fillRect(QRectF(vp.rect()), view.scene().theme.background)
            self._stretch_old(painter, s, ox, oy, dpr)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        for i, j in wanted:
            image = self._tiles.get((s, i, j))
            if image is not None:
                painter.drawImage(QRectF((i * TILE + ox) / dpr, (j * TILE + oy) / dpr,
                                         TILE / dpr, TILE / dpr), image)
        painter.restore()
        self.pending = len(missing)
        if missing:
            self._more.start()  # the next frame draws more

    def _stretch_old(self, painter: QPainter, s: float, ox: float, oy: float,
                     dpr: float) -> None:
        """Tiles of the nearest other zoom, moved and scaled to where they are now."""
        scales = {k[0] for k in self._tiles if k[0] != s}
        if not scales:
            return
        old = min(scales, key=lambda t: abs(math.log(t / s)))
        k = s / old
        vw, vh = painter.device().width(), painter.device().height()
        # Not smoothed: it is shown for a frame or two, and smoothing 50 tiles costs
        # more than drawing a sharp one.
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        for (ts, i, j), image in list(self._tiles.items()):
            if ts != old:
                continue
            x, y = (i * TILE * k + ox) / dpr, (j * TILE * k + oy) / dpr
            side = TILE * k / dpr
            if x > vw or y > vh or x + side < 0 or y + side < 0:
                continue
            painter.drawImage(QRectF(x, y, side, side), image)


def _blocks(region: QRegion) -> list[QRect]:
    """``region`` as the bounding boxes of its parts in each quarter of a tile."""
    out: dict[tuple[int, int], QRect] = {}
    side = TILE // 2
    for r in region:  # type: ignore[attr-defined]  # (PySide6 iterates a QRegion)
        for bi in range(r.left() // side, r.right() // side + 1):
            for bj in range(r.top() // side, r.bottom() // side + 1):
                part = r.intersected(QRect(bi * side, bj * side, side, side))
                if part.isEmpty():
                    continue
                have = out.get((bi, bj))
                out[(bi, bj)] = part if have is None else have.united(part)
    return list(out.values())


def _pieces(s: float, rects: list[QRectF], segments: list
            ) -> list[tuple[tuple[int, int], QRect]] | None:
    """The changed pixels at scale ``s``: (tile, rectangle in tile pixels) for each card
    rectangle and for short pieces along each segment (a pixel to spare), or None when
    there are too many to be worth it (then whole tiles are redrawn)."""
    out: list[tuple[tuple[int, int], QRect]] = []
    boxes: list[tuple[float, float, float, float]] = []
    for r in rects:
        boxes.append((r.left() * s - 2, r.top() * s - 2, r.right() * s + 2,
                      r.bottom() * s + 2))
    for ax, ay, bx, by in segments:
        ax, ay, bx, by = ax * s, ay * s, bx * s, by * s
        n = max(1, math.ceil(max(abs(bx - ax), abs(by - ay)) / PIECE))
        if len(boxes) + n > MAX_PIECES:
            return None
        for k in range(n):
            x0, y0 = ax + (bx - ax) * k / n, ay + (by - ay) * k / n
            x1, y1 = ax + (bx - ax) * (k + 1) / n, ay + (by - ay) * (k + 1) / n
            boxes.append((min(x0, x1) - 2, min(y0, y1) - 2, max(x0, x1) + 2,
                          max(y0, y1) + 2))
    if len(boxes) > MAX_PIECES:
        return None
    for x0, y0, x1, y1 in boxes:
        i0, i1 = math.floor(x0 / TILE), math.floor(x1 / TILE)
        j0, j1 = math.floor(y0 / TILE), math.floor(y1 / TILE)
        if (i1 - i0 + 1) * (j1 - j0 + 1) > MAX_PIECES:
            return None  # a huge card: everything
        for i in range(i0, i1 + 1):
            for j in range(j0, j1 + 1):
                part = QRect(math.floor(max(x0, i * TILE)) - i * TILE,
                             math.floor(max(y0, j * TILE)) - j * TILE, 0, 0)
                part.setRight(math.ceil(min(x1, (i + 1) * TILE)) - i * TILE)
                part.setBottom(math.ceil(min(y1, (j + 1) * TILE)) - j * TILE)
                out.append(((i, j), part))
    return out


def paint_far_overlays(view: BoardView, painter: QPainter) -> None:
    """What changes between pictures: dragged cards, selection, the link being drawn."""
    scene = view.scene()
    theme = scene.theme
    zoom = view.zoom_level()
    painter.setTransform(view.viewportTransform())
    live = scene.live_ids()
    if live:
        rects = {i: r for i in live if (r := scene.card_rect(i)) is not None}
        scene.far.paint_live(painter, live, rects)
    selected = scene.selected_card_items()
    if selected or scene.selected_link_ids:
        # Not antialiased: "select all" on a big board is one path of thousands of
        # lines, which the antialiasing rasteriser handles band by band (seconds).
        # One-pixel pens: wider cosmetic pens go through the general stroker.
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setPen(QPen(theme.accent, 0))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(view.far_picture.selection_path(selected))
    target = scene.gesture.target if scene.gesture is not None else None
    if target is not None:
        fill = QColor(theme.accent)
        fill.setAlphaF(0.35)
        pen = QPen(theme.accent, 2.0)
        pen.setCosmetic(True)
        painter.setPen(pen)
        painter.setBrush(fill)
        grow = 3.0 / max(zoom, 1e-6)
        painter.drawRect(target.card_rect().adjusted(-grow, -grow, grow, grow))
    view.drawForeground(painter, view.mapToScene(view.viewport().rect()).boundingRect())
