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

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, QTimer
from PySide6.QtGui import QPainter

from ..render.cards import full_lod
from ..render.labels import (LABEL_PX, Candidate, LabelPlacement, LabelSpec, label_px,
                             label_size, paint_label, title_lod)
from .items import CardItem

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Card
    from .view import BoardView

#: Time a frame may spend placing labels, and each slice between frames (ms).
FRAME_BUDGET_MS = 3.0
SLICE_MS = 8.0
LABELLED_KINDS = ("actor", "note")
#: Labels stay within the board and this margin (the view's fit margin, scene units).
BOUNDS_MARGIN = 40.0


@dataclass
class Layout:
    """Placed labels at one zoom: card id -> (label rect, card rect), zoomed scene
    coordinates, in priority order."""

    zoom: float
    revision: tuple
    region: QRectF
    placed: dict[str, tuple[QRectF, QRectF]] = field(default_factory=dict)
    considered: int = 0


def fits_on_card(item: CardItem, lod: float) -> bool:
    """Does the card show its name itself at this level of detail?"""
    if LABEL_PX / max(lod, 1e-6) * 1.2 > item.card.height - 10.0:
        return False  # not even one line (the common case, far out: no layout needed)
    return item.look().screen_title(lod) is not None


class NameLabels:
    def __init__(self, view: "BoardView") -> None:
        self._view = view
        self.layout: Layout | None = None
        self._job: tuple[Layout, LabelPlacement, dict[str, QRectF]] | None = None
        self._specs: dict[str, tuple["Card", LabelSpec]] = {}
        self._timer = QTimer(view)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._continue)
        self.enabled = True

    # ----------------------------------------------------------------- specs
    def spec(self, card: "Card", scale: float = 1.0) -> LabelSpec:
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
        return (scene.far.revision, scene.sizing.revision, id(scene.theme))

    def _visible_zoomed(self) -> QRectF:
        view = self._view
        z = view.zoom_level()
        r = view.visible_scene_rect()
        return QRectF(r.left() * z, r.top() * z, r.width() * z, r.height() * z)

    def _wanted_region(self) -> QRectF:
        """The visible area and one view's size around it, within the board."""
        view = self._view
        z = view.zoom_level()
        vis = self._visible_zoomed()
        region = vis.adjusted(-vis.width(), -vis.height(), vis.width(), vis.height())
        b = view.scene().board_rect()
        board = QRectF(b.left() * z, b.top() * z, b.width() * z, b.height() * z)
        board = board.adjusted(-300.0, -60.0, 300.0, 60.0)
        return region.intersected(board) if region.intersects(board) else vis

    def current(self) -> Layout | None:
        """The layout for the view as it is now, placing it (within the frame budget)
        if needed; None while a big board's placement is still running."""
        view = self._view
        z = view.zoom_level()
        rev = self._revision()
        vis = self._visible_zoomed()
        lay = self.layout
        if lay is not None and lay.zoom == z and lay.revision == rev and \
                lay.region.contains(vis):
            return lay
        job = self._job
        if job is None or job[0].zoom != z or job[0].revision != rev or \
                not job[0].region.contains(vis):
            job = self._start(z, rev)
        if self._step(job, FRAME_BUDGET_MS):
            return self.layout
        self._timer.start()
        return None

    def _start(self, z: float, rev: tuple) -> tuple[Layout, LabelPlacement, dict[str, QRectF]]:
        view = self._view
        scene = view.scene()
        region = self._wanted_region()
        b = scene.board_rect().adjusted(-BOUNDS_MARGIN, -BOUNDS_MARGIN, BOUNDS_MARGIN,
                                        BOUNDS_MARGIN)
        bounds = QRectF(b.left() * z, b.top() * z, b.width() * z, b.height() * z)
        inv = QRectF(region.left() / z, region.top() / z, region.width() / z,
                     region.height() / z)
        board, theme = scene.board, scene.theme
        far = view.in_far_view()  # the far picture draws no text on cards
        cands: list[tuple[tuple, Candidate]] = []
        blockers: list[tuple[str, QRectF]] = []
        cards: list[tuple[str, QRectF]] = []
        anchors: dict[str, QRectF] = {}
        for item in scene.items(inv):
            if not isinstance(item, CardItem) or not item.isVisible():
                continue
            card = item.card
            r = item.card_rect()
            rz = QRectF(r.left() * z, r.top() * z, r.width() * z, r.height() * z)
            cards.append((card.id, rz))
            lod = z * item.display_scale()
            if card.kind in LABELLED_KINDS and lod < title_lod(card.kind) and (
                    far or not fits_on_card(item, lod)):
                w, h = label_size(self.spec(card, item.display_scale()), theme)
                rank = (0 if card.kind == "actor" else 1, -board.link_count(card.id),
                        -item.display_scale(), card.title, card.id)
                cands.append((rank, Candidate(card.id, rz, w, h)))
                anchors[card.id] = rz
            elif card.kind in LABELLED_KINDS or lod >= full_lod(card.kind):
                blockers.append((card.id, rz))  # its own text is readable: keep clear
        cands.sort(key=lambda t: t[0])
        placement = LabelPlacement((c for _r, c in cands), blockers, cards, bounds)
        self._job = (Layout(z, rev, region), placement, anchors)
        return self._job

    def _step(self, job: tuple[Layout, LabelPlacement, dict[str, QRectF]],
              budget_ms: float) -> bool:
        lay, placement, anchors = job
        if not placement.run(time.perf_counter() + budget_ms / 1000.0):
            return False
        lay.placed = {i: (r, anchors[i]) for i, r in placement.placed.items()}
        lay.considered = placement.considered
        self.layout, self._job = lay, None
        return True

    def _continue(self) -> None:
        job = self._job
        if job is None:
            return
        if self._step(job, SLICE_MS):
            self._view.viewport().update()
        else:
            self._timer.start()

    def invalidate(self) -> None:
        self.layout = None
        self._job = None

    # ----------------------------------------------------------------- drawing
    def shown(self) -> list[tuple[str, QRectF]]:
        """The labels as drawn now: card id and rectangle in viewport coordinates."""
        if not self.enabled:
            return []
        view = self._view
        scene = view.scene()
        lay = self.current()
        stale = False
        if lay is None:
            lay, stale = self.layout, True
            if lay is None:
                return []
        z = view.zoom_level()
        k = z / lay.zoom
        vt = view.viewportTransform()
        dx, dy = vt.dx(), vt.dy()
        live = scene.live_ids()
        out: list[tuple[str, QRectF]] = []
        for cid, (label, anchor) in lay.placed.items():
            item = scene.item_for(cid)
            if item is None or not item.isVisible():
                continue
            if cid in live:
                r = item.card_rect()
                ax, ay = r.left() * z, r.top() * z
            else:
                ax, ay = anchor.left() * k, anchor.top() * k
            x = ax + (label.left() - anchor.left()) + dx
            y = ay + (label.top() - anchor.top()) + dy
            out.append((cid, QRectF(x, y, label.width(), label.height())))
        if stale or k != 1.0:
            # An older placement at another zoom: drop labels that now overlap.
            kept: list[tuple[str, QRectF]] = []
            for cid, r in out:
                if not any(r.intersects(o) for _i, o in kept):
                    kept.append((cid, r))
            out = kept
        return out

    def label_at(self, pos: QPointF) -> str | None:
        """The card whose label is under ``pos`` (viewport coordinates)."""
        for cid, r in reversed(self.shown()):
            if r.contains(pos):
                return cid
        return None

    def paint(self, painter: QPainter) -> None:
        """Paint the labels (``painter`` untransformed, on the viewport)."""
        view = self._view
        scene = view.scene()
        shown = self.shown()
        if not shown:
            return
        vp = QRectF(view.viewport().rect())
        dpr = view.viewport().devicePixelRatioF()
        theme = scene.theme
        faded = scene.faded
        opacity = painter.opacity()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        for cid, r in shown:
            if not r.intersects(vp):
                continue
            item = scene.item_for(cid)
            if item is None:
                continue
            if cid in faded:
                painter.setOpacity(opacity * theme.faded_opacity)
            paint_label(painter, self.spec(item.card, item.display_scale()), theme, QPointF(round(r.left()),
                                                                       round(r.top())),
                        dpr, item.isSelected())
            if cid in faded:
                painter.setOpacity(opacity)


__all__ = ["Layout", "NameLabels"]
