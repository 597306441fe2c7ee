"""The name labels of one view: which cards get one at this zoom, and painting them.

The placement itself is :mod:`evidenceboard.render.labels`.  Here it is kept per view:
computed for the area around what is shown (the whole board when it fits), at the
view's zoom, and redone only when the zoom, the cards or that area change — never per
frame.  On a big board the placement runs in slices of a few milliseconds between
frames; meanwhile the previous placement is shown, moved to the new zoom, minus any
label that would now overlap another.  Labels follow cards being dragged.

A label stands for its card: a click on it is a click on the card (the view maps it).
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, QTimer
from PySide6.QtGui import QImage, QPainter

from ..render.cards import full_lod
from ..render.groups import frame_label_rect, label_lod
from ..render.labels import (
    LABEL_PX,
    Candidate,
    LabelPlacement,
    LabelSpec,
    label_image,
    label_px,
    label_size,
    title_lod,
)
from .items import CardItem

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Card
    from .scene import BoardScene
    from .view import BoardView

#: Time a frame may spend placing labels, and each slice between frames (ms).
FRAME_BUDGET_MS = 2.0
SLICE_MS = 8.0
#: A frame places labels only while it is younger than this (ms since it started:
#: the far tiles, an edit's mends and the overlays come first); what is left of a
#: 60 Hz frame blits the labels.  A late frame (its tiles were slow, or the machine
#: preempted it) leaves the placement to the slices between frames.
FRAME_TOTAL_MS = 10.0
LABELLED_KINDS = ("actor", "note")
#: Labels stay within the cards shown and this margin (the view's fit margin, scene
#: units): a fitted view shows every label whole.
BOUNDS_MARGIN = 40.0
#: One label candidate per this many screen pixels at most (the most important card).
CROWD_W, CROWD_H = 36.0, 18.0
#: What sorting the catalogue costs per card (ms): in the scene's order, and nearly
#: in order (the last catalogue's order).
SORT_MS, SORT_MS_SORTED = 0.0008, 0.0001
#: Objects a finished placement left that are freed per slice between frames.
SWEEP_ITEMS = 2500
#: Cells (pixels) of the overlap test of an older placement shown at a new zoom.
GRID_CELL = 128.0


@dataclass
class Layout:
    """Placed labels at one zoom: card id -> (label rect, card rect), zoomed scene
    coordinates, in priority order."""

    zoom: float
    revision: tuple
    region: QRectF
    placed: dict[str, tuple[QRectF, QRectF]] = field(default_factory=dict)
    #: The same as numbers: (id, card x, card y, label offset x, y, width, height).
    flat: list[tuple[str, float, float, float, float, float, float]] = field(
        default_factory=list)


def fits_on_card(item: CardItem, lod: float) -> bool:
    """Does the card show its name itself at this level of detail?"""
    if LABEL_PX / max(lod, 1e-6) * 1.2 > item.card.height - 10.0:
        return False  # not even one line (the common case, far out: no layout needed)
    return item.look().screen_title(lod) is not None


def _rank(entry: tuple) -> tuple:
    return entry[0]


def _in_order(scene: BoardScene, entries: list[tuple]) -> Iterator[CardItem]:
    """The scene's card items: those of a catalogue's ``entries`` first, in that order,
    then the rest."""
    seen: set[str] = set()
    for entry in entries:
        cid = entry[1]
        item = scene.item_for(cid)
        if item is not None and cid not in seen:
            seen.add(cid)
            yield item
    for item in list(scene.card_items()):
        if item.card_id not in seen:
            yield item


class NameLabels:
    def __init__(self, view: BoardView) -> None:
        self._view = view
        self.layout: Layout | None = None
        self._job: tuple[Layout, Iterator[float | None]] | None = None
        self._next_cost = 0.0  # what the job's next step said it costs (ms)
        self._specs: dict[str, tuple[Card, LabelSpec]] = {}
        self._timer = QTimer(view)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._continue)
        self.enabled = True
        self._placed: list[tuple[str, QRectF]] = []
        self._placed_key: tuple | None = None
        # (revision, entries, the rectangle around the visible cards)
        self._catalog: tuple[tuple, list[tuple], QRectF] | None = None
        self._image_map: dict[str, tuple[Card, QImage, bool]] = {}
        self._images_key: tuple | None = None
        self._images_again: tuple = (None, None, {})
        #: What a finished placement leaves behind (10,000 card rectangles on a big
        #: board: freeing them was 8 ms of the frame that finished it), released in
        #: pieces between frames.
        self._litter: list[list] = []
        self._sweeper = QTimer(view)
        self._sweeper.setSingleShot(True)
        self._sweeper.setInterval(0)
        self._sweeper.timeout.connect(self._sweep)

    # ----------------------------------------------------------------- specs
    def spec(self, card: Card, scale: float = 1.0) -> LabelSpec:
        hit = self._specs.get(card.id)
        px = label_px(scale)
        if hit is not None and hit[0] is card and hit[1].px == px:
            return hit[1]
        spec = LabelSpec(card.title, card.kind, card.actor_type, card.color, px)
        self._specs[card.id] = (card, spec)
        return spec

    # ----------------------------------------------------------------- layout
    def _revision(self) -> tuple:
        scene = self._view.scene()
        return (scene.far.revision, scene.sizing.revision, id(scene.theme),
                scene.glide_revision)

    def _visible_zoomed(self) -> QRectF:
        view = self._view
        z = view.zoom_level()
        r = view.visible_scene_rect()
        return QRectF(r.left() * z, r.top() * z, r.width() * z, r.height() * z)

    def _board_zoomed(self) -> QRectF:
        """The board and a label's width around it, in zoomed scene coordinates."""
        z = self._view.zoom_level()
        b = self._view.scene().board_rect()
        return QRectF(b.left() * z - 300.0, b.top() * z - 60.0, b.width() * z + 600.0,
                      b.height() * z + 120.0)

    def _needed(self) -> QRectF:
        """What a layout must cover: the visible part of the board."""
        vis = self._visible_zoomed()
        board = self._board_zoomed()
        return vis.intersected(board) if vis.intersects(board) else QRectF()

    def _wanted_region(self) -> QRectF:
        """The visible area and one view's size around it, within the board."""
        vis = self._visible_zoomed()
        region = vis.adjusted(-vis.width(), -vis.height(), vis.width(), vis.height())
        board = self._board_zoomed()
        return region.intersected(board) if region.intersects(board) else vis

    def current(self) -> Layout | None:
        """The layout for the view as it is now, placing it (within the frame budget)
        if needed; None while a big board's placement is still running."""
        view = self._view
        z = view.zoom_level()
        rev = self._revision()
        need = self._needed()
        lay = self.layout
        if lay is not None and lay.zoom == z and lay.revision == rev and \
                (need.isEmpty() or lay.region.contains(need)):
            return lay
        job = self._job
        if job is None or job[0].zoom != z or job[0].revision != rev or \
                not (need.isEmpty() or job[0].region.contains(need)):
            job = self._start(z, rev)
        if self._step(job, self._frame_budget_ms(), in_frame=True):
            return self.layout
        self._timer.start()
        return None

    def _frame_budget_ms(self) -> float:
        """What this frame may spend placing: FRAME_BUDGET_MS, less what it is late
        for FRAME_TOTAL_MS (0: nothing in this frame; the timer's slices go on).  A
        frame that mended an edit's pixels places nothing: the new placement starts
        with a catalogue of every card, many slices' work, so its first 1-2 ms only
        made that frame longer (at 10k, ~2 ms of a 12 ms edit frame)."""
        view = self._view
        started = view.frame_started
        if not started:  # not inside a frame (a test or a tool asking directly)
            return FRAME_BUDGET_MS
        if view.far_picture.mended_in == started:
            return 0.0
        age = (time.perf_counter() - started) * 1000.0
        return max(0.0, min(FRAME_BUDGET_MS, FRAME_TOTAL_MS - age))

    def _start(self, z: float, rev: tuple) -> tuple[Layout, Iterator[float | None]]:
        lay = Layout(z, rev, self._wanted_region())
        self._job = (lay, self._work(lay))
        self._next_cost = 0.0
        return self._job

    def _catalog_steps(self, rev: tuple) -> Iterator[float | None]:
        """Every visible card, most important first, as plain numbers (one pass over
        the items, kept until the board changes: a zoom step only filters it)."""
        if self._catalog is not None and self._catalog[0] == rev:
            return
        scene = self._view.scene()
        board, theme = scene.board, scene.theme
        entries: list[tuple] = []
        # The items in the last catalogue's order, new ones after them: an edit seldom
        # changes the order, and sorting what is nearly sorted takes one pass (the
        # sort is one step: 10,000 cards in any order took ~15 ms of a frame).
        # (Read as it goes: a list of the 10,000 ids first was 3 ms of one frame.)
        before = self._catalog[1] if self._catalog is not None else []
        inf = math.inf
        bx0, by0, bx1, by1 = inf, inf, -inf, -inf
        for n, item in enumerate(_in_order(scene, before)):
            if n % 16 == 15:
                yield None  # (a card never measured before: ~0.1 ms)
            if not item.isVisible():
                continue
            card = item.card
            r = item.card_rect()
            s = item.display_scale()
            labelled = card.kind in LABELLED_KINDS
            w, h = label_size(self.spec(card, s), theme) if labelled else (0.0, 0.0)
            rank = (0 if card.kind == "actor" else 1 if labelled else 2,
                    -board.link_count(card.id), -s, card.title, card.id)
            left, top, right, bottom = r.left(), r.top(), r.right(), r.bottom()
            entries.append((rank, card.id, left, top, right, bottom,
                            card.kind, s, w, h, item))
            bx0, by0 = min(bx0, left), min(by0, top)
            bx1, by1 = max(bx1, right), max(by1, bottom)
        # The sort is one step that cannot be cut: in a frame only if it fits (the
        # first catalogue's, in the scene's order, is ~5-8 ms at 10,000 cards; later
        # ones, nearly in order already, under 1 ms).
        yield len(entries) * (SORT_MS_SORTED if before else SORT_MS)
        entries.sort(key=_rank)
        shown = QRectF(bx0, by0, bx1 - bx0, by1 - by0) if entries else QRectF()
        self._catalog = (rev, entries, shown)

    def _work(self, lay: Layout) -> Iterator[float | None]:
        """Take the catalogue's cards in the area (64 a step), then place
        their labels."""
        yield from self._catalog_steps(lay.revision)
        assert self._catalog is not None
        view = self._view
        scene = view.scene()
        z, region = lay.zoom, lay.region
        x0, y0 = region.left() / z, region.top() / z
        x1, y1 = region.right() / z, region.bottom() / z
        # Within what a fitted view shows: the visible cards and the margin, widened to
        # the viewport's shape (in the relations view the claims are hidden, and a name
        # placed beside an actor at the edge, where a hidden claim was, came out cut
        # by the view: "yriakos Mitsotakis").
        shown = self._catalog[2]
        b = _fitted(shown if not shown.isNull() else scene.board_rect(),
                    view.viewport().width(), view.viewport().height())
        bounds = QRectF(b.left() * z, b.top() * z, b.width() * z, b.height() * z)
        far = view.in_far_view()  # the far picture draws no text on cards
        cands: list[Candidate] = []
        blockers: list[tuple[str, QRectF]] = []
        cards: list[tuple[str, QRectF]] = []
        anchors: dict[str, QRectF] = {}
        crowd: set[tuple[int, int]] = set()
        # Faded cards' labels come after every other (and give way to them in a crowd).
        faded, faded_cands, faded_crowd = scene.faded, [], set()
        floor = math.floor
        for n, (_rank, cid, left, t, r, btm, kind, s, w, h, item) in enumerate(
                self._catalog[1]):
            if n % 64 == 63:
                yield None
            if r < x0 or left > x1 or btm < y0 or t > y1:
                continue
            rz = QRectF(left * z, t * z, (r - left) * z, (btm - t) * z)
            cards.append((cid, rz))
            lod = z * s
            if kind in LABELLED_KINDS and lod < title_lod(kind) and (
                    far or not fits_on_card(item, lod)):
                # Most important first: a card whose middle falls where a more
                # important card's already did gets no label anyway (dense far views).
                spot = (floor(rz.center().x() / CROWD_W), floor(rz.center().y() / CROWD_H))
                if spot in crowd:
                    continue
                if cid in faded:
                    if spot in faded_crowd:
                        continue
                    faded_crowd.add(spot)
                    faded_cands.append(Candidate(cid, rz, w, h, may_cover=False))
                else:
                    crowd.add(spot)
                    cands.append(Candidate(cid, rz, w, h))
                anchors[cid] = rz
            elif kind in LABELLED_KINDS or lod >= full_lod(kind):
                blockers.append((cid, rz))  # its own text is readable: keep clear
        # far out, frames' titles (and collapsed boxes) are written at screen size over
        # everything: names keep clear of them
        if label_lod(z):
            theme = scene.theme
            for fid, frame in scene.frames.items.items():
                fr = frame.frame_rect()
                if frame.isVisible() and not (fr.right() < x0 or fr.left() > x1
                                              or fr.bottom() < y0 or fr.top() > y1):
                    zr = QRectF(fr.left() * z, fr.top() * z, fr.width() * z, fr.height() * z)
                    blockers.append(("frame:" + fid, frame_label_rect(
                        zr, frame.group, theme, counts=frame.counts)))
        yield None
        placement = LabelPlacement(cands + faded_cands, blockers, cards, bounds)
        while not placement.run(time.perf_counter()):
            yield None
        # Draw the new labels' images now, a few at a time, not in the next frame.
        dpr = view.viewport().devicePixelRatioF()
        theme = scene.theme
        for n, cid in enumerate(placement.placed):
            item = scene.item_for(cid)
            if item is not None:
                label_image(self.spec(item.card, item.display_scale()), theme, dpr)
            if n % 4 == 3:
                yield None  # (a new image: up to ~0.6 ms)
        lay.placed = {i: (r, anchors[i]) for i, r in placement.placed.items()}
        lay.flat = [(i, a.left(), a.top(), r.left() - a.left(), r.top() - a.top(),
                     r.width(), r.height()) for i, (r, a) in lay.placed.items()]
        self._discard(cards, blockers, cands, [placement, anchors])

    def _discard(self, *heaps: list) -> None:
        """Keep ``heaps`` until :meth:`_sweep` frees them between frames."""
        self._litter.extend(heaps)
        self._sweeper.start()

    def _sweep(self) -> None:
        """Free what a placement left, SWEEP_ITEMS at a time (the next piece after
        the next frame, if any comes between)."""
        budget = SWEEP_ITEMS
        while self._litter and budget > 0:
            heap = self._litter[-1]
            n = min(len(heap), budget)
            del heap[len(heap) - n:]
            budget -= max(n, 1)
            if not heap:
                self._litter.pop()
        if self._litter:
            self._sweeper.start()

    def _step(self, job: tuple[Layout, Iterator[float | None]], budget_ms: float, *,
              in_frame: bool) -> bool:
        lay, steps = job
        if budget_ms <= 0.0:
            return False  # not even one step: a step can take a few milliseconds
        deadline = time.perf_counter() + budget_ms / 1000.0
        while True:
            # A step may say what the next one costs (ms): a frame leaves it to the
            # slices between frames when it does not fit.
            now = time.perf_counter()
            if now > deadline or (in_frame and self._next_cost
                                  and now + self._next_cost / 1000.0 > deadline):
                return False
            try:
                self._next_cost = next(steps) or 0.0
            except StopIteration:
                break
        self._next_cost = 0.0
        self.layout, self._job = lay, None
        return True

    def _continue(self) -> None:
        job = self._job
        if job is None:
            return
        if self._view.scene() is None:  # the board was taken off the view meanwhile
            self._job = None
            return
        if self._step(job, SLICE_MS, in_frame=False):
            self._view.viewport().update()
        else:
            self._timer.start()

    def invalidate(self) -> None:
        self.layout = None
        self._job = None
        self._next_cost = 0.0

    @property
    def busy(self) -> bool:
        """A placement is still running (the labels shown are an older one's)."""
        return self._job is not None

    # ----------------------------------------------------------------- drawing
    def _placed_now(self) -> list[tuple[str, QRectF]]:
        """The labels to draw, in zoomed scene coordinates (independent of scrolling),
        kept while the layout, the zoom and the cards being dragged stay the same."""
        view = self._view
        scene = view.scene()
        lay = self.current()
        if lay is None:
            lay = self.layout
            if lay is None:
                return []
        z = view.zoom_level()
        live = scene.live_ids()
        k = z / lay.zoom
        # An older placement at another zoom: labels that now overlap one drawn before
        # them are dropped (the boxes in cells of GRID_CELL pixels; inline, not a
        # RectGrid: this runs in the first frame after every zoom step), and only
        # those in view are taken (the placement covers the views around too: 9 times
        # as many, 1-2 ms of such a frame).  At the placement's own zoom (an edit's
        # frames, until the board's new placement is done) the labels are where they
        # were placed, none over another: nothing to check.
        check = k != 1.0
        if check:
            vis = self._visible_zoomed()
            vx0, vy0, vx1, vy1 = vis.left(), vis.top(), vis.right(), vis.bottom()
        else:
            vx0 = vy0 = -math.inf
            vx1 = vy1 = math.inf
        key = (id(lay), z, live, scene.live_revision if live else 0,
               (vx0, vy0, vx1, vy1))
        if self._placed_key == key:
            return self._placed
        out: list[tuple[str, QRectF]] = []
        cells: dict[tuple[int, int], list[tuple[float, float, float, float]]] = {}
        floor, side = math.floor, GRID_CELL
        for cid, ax, ay, ox, oy, w, h in lay.flat:
            if cid in live:
                item = scene.item_for(cid)
                if item is None:
                    continue
                r = item.card_rect()
                ax, ay = r.left() * z, r.top() * z
            else:
                ax, ay = ax * k, ay * k
            x, y = round(ax + ox), round(ay + oy)
            if check:
                x1, y1 = x + w, y + h
                if x > vx1 or y > vy1 or x1 < vx0 or y1 < vy0:
                    continue
                i0, i1, j0, j1 = floor(x / side), floor(x1 / side), floor(y / side), \
                    floor(y1 / side)
                near = [(i, j) for i in range(i0, i1 + 1) for j in range(j0, j1 + 1)]
                if any(a0 < x1 and x < a1 and b0 < y1 and y < b1
                       for c in near for a0, b0, a1, b1 in cells.get(c, ())):
                    continue
                box = (x, y, x1, y1)
                for c in near:
                    cells.setdefault(c, []).append(box)
            out.append((cid, QRectF(x, y, w, h)))
        self._placed, self._placed_key = out, key
        return out

    def shown(self) -> list[tuple[str, QRectF]]:
        """The labels as drawn now: card id and rectangle in viewport coordinates."""
        if not self.enabled:
            return []
        vt = self._view.viewportTransform()
        dx, dy = round(vt.dx()), round(vt.dy())
        return [(cid, r.translated(dx, dy)) for cid, r in self._placed_now()]

    def label_at(self, pos: QPointF) -> str | None:
        """The card whose label is under ``pos`` (viewport coordinates)."""
        for cid, r in reversed(self.shown()):
            if r.contains(pos):
                return cid
        return None

    def _images(self, placed: list[tuple[str, QRectF]]) -> dict[str, tuple[QImage, bool]]:
        """Each label's image (and whether it is faded), kept across layouts while the
        selection, the theme and the fading stay the same (a card whose label changed
        gets a new image)."""
        view = self._view
        scene = view.scene()
        dpr = view.viewport().devicePixelRatioF()
        key = (scene.selection_revision, id(scene.theme), dpr,
               frozenset(scene.faded) if scene.faded else None)
        if self._images_key != key:
            self._image_map, self._images_key = {}, key
        # The same labels as the last frame's (a zoom's frames until its placement is
        # done, every cached frame): the same images.
        again = (key, id(placed), scene.far.revision)
        if self._images_again[0] == again and self._images_again[1] is placed:
            return self._images_again[2]
        images = self._image_map
        theme, faded = scene.theme, scene.faded
        out: dict[str, tuple[QImage, bool]] = {}
        for cid, _r in placed:
            item = scene.item_for(cid)
            if item is None or not item.isVisible():
                continue
            hit = images.get(cid)
            card = item.card
            if hit is None or hit[0] is not card:
                spec = self.spec(card, item.display_scale())
                hit = images[cid] = (card, label_image(spec, theme, dpr, item.isSelected()),
                                     cid in faded)
            out[cid] = (hit[1], hit[2])
        self._images_again = (again, placed, out)
        return out

    def paint(self, painter: QPainter) -> None:
        """Paint the labels (``painter`` untransformed, on the viewport)."""
        if not self.enabled:
            return
        view = self._view
        placed = self._placed_now()
        if not placed:
            return
        images = self._images(placed)
        vt = view.viewportTransform()
        dx, dy = round(vt.dx()), round(vt.dy())
        vp = QRectF(view.viewport().rect()).translated(-dx, -dy).adjusted(-300, -60, 0, 0)
        left, top, right, bottom = vp.left(), vp.top(), vp.right(), vp.bottom()
        painter.translate(dx, dy)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        opacity = painter.opacity()
        faded_opacity = view.scene().theme.faded_opacity
        draw = painter.drawImage
        for cid, r in placed:
            x, y = r.left(), r.top()
            if x > right or y > bottom or x < left or y < top:
                continue
            hit = images.get(cid)
            if hit is None:
                continue
            image, faded = hit
            pos = r.topLeft()
            if faded:
                painter.setOpacity(opacity * faded_opacity)
                draw(pos, image)
                painter.setOpacity(opacity)
            else:
                draw(pos, image)
        painter.translate(-dx, -dy)


def _fitted(rect: QRectF, width: int, height: int) -> QRectF:
    """The scene rectangle a view of ``width`` x ``height`` pixels shows when it fits
    ``rect`` and the margin (as :meth:`BoardView.fit_rect` does)."""
    r = rect.adjusted(-BOUNDS_MARGIN, -BOUNDS_MARGIN, BOUNDS_MARGIN, BOUNDS_MARGIN)
    if width <= 0 or height <= 0 or r.width() <= 0 or r.height() <= 0:
        return r
    zoom = min(width / r.width(), height / r.height())
    w, h = width / zoom, height / zoom
    c = r.center()
    return QRectF(c.x() - w / 2.0, c.y() - h / 2.0, w, h)


__all__ = ["Layout", "NameLabels"]
