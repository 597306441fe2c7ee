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
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen, QTransform

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
#: A tile whose expected cost does not fit in what is left of the budget is drawn in
#: quarters, down to pieces of this side (pixels); the expected cost is the piece's
#: weight (:meth:`FarLayer.weight`) plus FIXED_WEIGHT, times the measured cost per unit.
MIN_PIECE = 64
FIXED_WEIGHT = 40
#: Tiles kept: this many screens' worth (the current zoom and the last ones).
KEEP_SCREENS = 3
#: Changed lines are mended in pieces this long (pixels), at most MAX_PIECES of them.
PIECE = 24.0
MAX_PIECES = 4000
#: What changed is painted again as one box per block of this side (tile pixels).
MEND_BLOCK = 128
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
        #: tile -> block of the tile (MEND_BLOCK pixels) -> box to paint again in it.
        self._repair: dict[tuple[float, int, int], dict[tuple[int, int], list[int]]] = {}
        self.mends = 0
        #: When the last frame that mended began (the view's ``frame_started``): such a
        #: frame leaves the name labels' placement to later.
        self.mended_in = 0.0
        #: Tiles still being drawn: their pieces not drawn yet (tile pixels).
        self._partial: dict[tuple[float, int, int], list[QRect]] = {}
        #: Seconds a piece takes per unit of its weight (a running average).
        self._per_weight = 2e-6

    def invalidate(self) -> None:
        """Forget every tile (the next frames draw them again, within their budget)."""
        self._tiles.clear()
        self._partial.clear()
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
            self.invalidate()
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
                self._drop(k)
        # At this zoom only the pixels that changed are painted again (a few cards and
        # lines: a whole dense tile is mostly lines, tens of milliseconds).
        pieces = _pieces(cur, rects, segments)
        if pieces is None:
            for k in [k for k in self._tiles if k[0] == cur]:
                self._drop(k)
            return
        tiles, repair = self._tiles, self._repair
        for (i, j), box in pieces:
            key = (cur, i, j)
            if key in tiles:
                _add_box(repair.setdefault(key, {}), box)

    def _crossed(self, s: float, rects: list[QRectF], segments: list, keys: set) -> set:
        """The tiles (of ``keys``, at scale ``s``) the changes cross."""
        # Whole tiles go, so long pieces do (a piece's box, a pixel to spare, covers
        # its part of the line whatever its length): a tenth of the boxes.
        pieces = _pieces(s, rects, segments, TILE)
        if pieces is None:
            return set(keys)
        return {(s, i, j) for (i, j), _r in pieces} & keys

    def _paint_rect(self, key: tuple[float, int, int], b: QRect) -> None:
        """Paint the rectangle ``b`` (tile pixels) of a tile (again, for a mend)."""
        s, i, j = key
        image = self._tiles[key]
        view = self._view
        scene = view.scene()
        dpr = view.viewport().devicePixelRatioF()
        area = self._piece_area(key, b)
        painter = QPainter(image)
        # One rectangle at a time: a clip of many rectangles is slower than painting
        # the whole tile (measured: 30 rectangles 5.5 ms, their bounding box 1.5 ms).
        painter.setClipRect(b)
        painter.setTransform(QTransform(s, 0, 0, s, -i * TILE, -j * TILE))
        scene.paint_backdrop(painter, area)
        scene.far.paint_region(painter, area, outline=needs_outline(s, MIN_PIXELS),
                               antialias=s / dpr >= ANTIALIAS_ZOOM)
        painter.end()

    def _start_tile(self, key: tuple[float, int, int]) -> None:
        """A tile to draw, piece by piece: transparent until its pieces are drawn (the
        older picture shows through meanwhile)."""
        image = QImage(TILE, TILE, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(0)
        self._store(key, image)
        self._partial[key] = [QRect(0, 0, TILE, TILE)]
        self.builds += 1

    def _piece_area(self, key: tuple[float, int, int], b: QRect) -> QRectF:
        s, i, j = key
        return QRectF((i * TILE + b.left()) / s, (j * TILE + b.top()) / s,
                      (b.width() + 1) / s, (b.height() + 1) / s)

    def _estimate(self, weight: int) -> float:
        """Seconds a piece of this weight is expected to take."""
        return self._per_weight * (weight + FIXED_WEIGHT)

    def _learn(self, weight: int, seconds: float) -> None:
        self._per_weight = 0.7 * self._per_weight + 0.3 * seconds / (weight + FIXED_WEIGHT)

    def _draw_pieces(self, key: tuple[float, int, int], deadline: float,
                     first: bool) -> tuple[bool, bool]:
        """Draw the tile's pieces that fit before ``deadline`` (splitting a piece whose
        expected cost does not fit, down to :data:`MIN_PIECE`); with ``first`` at least
        one piece.  Returns (anything drawn, the frame's budget is spent)."""
        pieces = self._partial[key]
        layer = self._view.scene().far
        drawn = False
        while pieces:
            b = pieces[-1]
            weight = layer.weight(self._piece_area(key, b))
            cost = self._estimate(weight)
            now = time.perf_counter()
            if now + cost <= deadline or (first and not drawn and b.width() <= MIN_PIECE):
                pieces.pop()
                self._paint_rect(key, b)
                self._learn(weight, time.perf_counter() - now)
                drawn = True
            elif b.width() > MIN_PIECE:
                pieces.pop()
                half = b.width() // 2
                # Split in four; the piece nearest the tile's middle last (drawn first).
                pieces.extend(QRect(b.left() + dx, b.top() + dy, half, half)
                              for dx in (0, half) for dy in (0, half))
            else:
                return drawn, True
        del self._partial[key]
        return drawn, time.perf_counter() >= deadline

    def _store(self, key: tuple[float, int, int], image: QImage) -> None:
        self._tiles[key] = image
        self._tiles.move_to_end(key)
        while len(self._tiles) > self._limit:
            old, _image = self._tiles.popitem(last=False)
            self._partial.pop(old, None)

    def _drop(self, key: tuple[float, int, int]) -> None:
        self._tiles.pop(key, None)
        self._partial.pop(key, None)

    @property
    def busy(self) -> bool:
        """Work left for the next frames (pieces of tiles, mends out of the budget)."""
        return bool(self.pending)

    def paint(self, painter: QPainter) -> None:
        """Draw the tiles over the whole viewport: the sharp ones, drawing what is
        missing within the frame budget (piece by piece), the previous zoom's tiles
        stretched under the rest."""
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
        # What an edit changed is mended at once, whatever the budget: the screen never
        # shows the board as it was.
        visible = {(s, i, j) for i, j in wanted}
        for key, region in self._repair.items():
            if key not in self._tiles:
                continue
            if key in visible:
                for x0, y0, x1, y1 in region.values():
                    self._paint_rect(key, QRect(x0, y0, x1 - x0 + 1, y1 - y0 + 1))
                    self.mends += 1
                    self.mended_in = view.frame_started
            else:
                self._drop(key)  # out of view: drawn afresh if it comes back
        self._repair.clear()
        # The previous zoom's tiles, stretched under the tiles missing now, are drawn
        # first and count in the budget (they were 2-3 ms of the frame after a zoom
        # step on top of it): tiles completed below cover them again.
        painter.save()
        painter.resetTransform()
        missing = [(i, j) for i, j in wanted
                   if (s, i, j) in self._partial or (s, i, j) not in self._tiles]
        if missing:
            bg = view.scene().theme.background
            for i, j in missing:
                painter.fillRect(QRectF((i * TILE + ox) / dpr, (j * TILE + oy) / dpr,
                                        TILE / dpr, TILE / dpr), bg)
            self._stretch_old(painter, s, ox, oy, dpr, missing)
        spent = drawn = False
        for i, j in wanted:
            key = (s, i, j)
            if key in self._tiles and key not in self._partial:
                self._tiles.move_to_end(key)
                continue
            if spent:
                continue
            if key not in self._tiles:
                self._start_tile(key)
            got, spent = self._draw_pieces(key, deadline, not drawn)
            drawn = drawn or got
        missing = [(i, j) for i, j in wanted
                   if (s, i, j) in self._partial or (s, i, j) not in self._tiles]
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
                     dpr: float, missing: list[tuple[int, int]]) -> None:
        """Tiles of the nearest other zoom, moved and scaled to where they are now,
        under the tiles not drawn yet (``missing``)."""
        scales = {k[0] for k in self._tiles if k[0] != s and k not in self._partial}
        if not scales:
            return
        old = min(scales, key=lambda t: abs(math.log(t / s)))
        k = s / old
        # The missing tiles' rectangles (device pixels): only old tiles over them count.
        holes = [(i * TILE + ox, j * TILE + oy) for i, j in missing]
        # Not smoothed: it is shown for a frame or two, and smoothing 50 tiles costs
        # more than drawing a sharp one.
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        side = TILE * k
        # The old tiles near each hole (a tile to spare), then the exact test on those
        # only: testing every kept tile against every hole was 2-4 ms of a frame.
        floor = math.floor
        near: dict[tuple[int, int], list[tuple[float, float]]] = {}
        if (TILE / side + 3) ** 2 * len(holes) > 4 * len(self._tiles):
            # Old tiles far smaller than these: every kept one against every hole.
            every = {(i, j) for (_s, i, j) in self._tiles}
            near = dict.fromkeys(every, holes)
            holes = []
        for hx, hy in holes:
            for i in range(floor((hx - ox) / side) - 1, floor((hx + TILE - ox) / side) + 2):
                for j in range(floor((hy - oy) / side) - 1,
                               floor((hy + TILE - oy) / side) + 2):
                    near.setdefault((i, j), []).append((hx, hy))
        for (ts, i, j), image in list(self._tiles.items()):
            if ts != old or (i, j) not in near or (ts, i, j) in self._partial:
                continue
            x, y = i * TILE * k + ox, j * TILE * k + oy
            if not any(x < hx + TILE and hx < x + side and y < hy + TILE and hy < y + side
                       for hx, hy in near[(i, j)]):
                continue
            painter.drawImage(QRectF(x / dpr, y / dpr, side / dpr, side / dpr), image)


def _add_box(blocks: dict[tuple[int, int], list[int]], box: tuple[int, int, int, int]
             ) -> None:
    """Add ``box`` (tile pixels, inclusive) to the boxes kept per block of a tile: the
    bounding box of what changed in each block (one clip rectangle each: a clip of many
    rectangles is slower than painting the whole tile)."""
    x0, y0, x1, y1 = max(box[0], 0), max(box[1], 0), min(box[2], TILE - 1), \
        min(box[3], TILE - 1)
    side = MEND_BLOCK
    for bi in range(x0 // side, x1 // side + 1):
        for bj in range(y0 // side, y1 // side + 1):
            px0, py0 = max(x0, bi * side), max(y0, bj * side)
            px1, py1 = min(x1, bi * side + side - 1), min(y1, bj * side + side - 1)
            if px0 > px1 or py0 > py1:
                continue
            have = blocks.get((bi, bj))
            if have is None:
                blocks[(bi, bj)] = [px0, py0, px1, py1]
            else:
                if px0 < have[0]:
                    have[0] = px0
                if py0 < have[1]:
                    have[1] = py0
                if px1 > have[2]:
                    have[2] = px1
                if py1 > have[3]:
                    have[3] = py1


def _pieces(s: float, rects: list[QRectF], segments: list, piece: float = PIECE
            ) -> list[tuple[tuple[int, int], tuple[int, int, int, int]]] | None:
    """The changed pixels at scale ``s``: (tile, box in tile pixels, inclusive) for each
    card rectangle and for pieces ``piece`` pixels long along each segment (a pixel to
    spare), or None when there are too many to be worth it (then whole tiles are
    redrawn)."""
    out: list[tuple[tuple[int, int], tuple[int, int, int, int]]] = []
    boxes: list[tuple[float, float, float, float]] = []
    for r in rects:
        boxes.append((r.left() * s - 2, r.top() * s - 2, r.right() * s + 2,
                      r.bottom() * s + 2))
    for ax, ay, bx, by in segments:
        ax, ay, bx, by = ax * s, ay * s, bx * s, by * s
        n = max(1, math.ceil(max(abs(bx - ax), abs(by - ay)) / piece))
        if len(boxes) + n > MAX_PIECES:
            return None
        dx, dy = (bx - ax) / n, (by - ay) / n
        for k in range(n):
            x0, y0 = ax + dx * k, ay + dy * k
            x1, y1 = x0 + dx, y0 + dy
            boxes.append((min(x0, x1) - 2, min(y0, y1) - 2, max(x0, x1) + 2,
                          max(y0, y1) + 2))
    floor, ceil = math.floor, math.ceil
    for x0, y0, x1, y1 in boxes:
        i0, i1 = floor(x0 / TILE), floor(x1 / TILE)
        j0, j1 = floor(y0 / TILE), floor(y1 / TILE)
        if (i1 - i0 + 1) * (j1 - j0 + 1) > MAX_PIECES:
            return None  # a huge card: everything
        for i in range(i0, i1 + 1):
            left = i * TILE
            for j in range(j0, j1 + 1):
                top = j * TILE
                out.append(((i, j), (floor(max(x0, left)) - left, floor(max(y0, top)) - top,
                                     ceil(min(x1, left + TILE)) - left,
                                     ceil(min(y1, top + TILE)) - top)))
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
