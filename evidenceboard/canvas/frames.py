"""Group frames on the canvas: one :class:`FrameItem` per group that holds cards.

:class:`GroupFrames` follows the board's events like the rest of the scene: a group
added, renamed, recoloured, collapsed or removed, a card moved into, out of or within a
group — each refits the frames it touches.  A frame is worked out from where its cards
are *drawn* (``CardItem.card_rect``), so it surrounds what is on screen; while the whole
of a group is dragged (its frame's title bar) the frame follows live, while a single card
is dragged the frames stay as they were — they are where the card would land.

A collapsed group hides its cards for the reason ``"collapsed:<group id>"``
(:mod:`.visibility`) and shows a card-sized box instead; its cards' links end at that
box (:meth:`GroupFrames.stand_in`, read by the scene's ``card_rect``).  Frames never
write the model: the scene turns presses on them into gestures and edits.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QTransform
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from ..model import BoardEvent, Card, Group
from ..model.group_edits import HEADER_HEIGHT, group_counts
from ..render.groups import (
    FRAME_Z,
    collapsed_box,
    frame_around,
    frame_color,
    header_rect,
    label_lod,
    paint_frame,
    paint_frame_label,
)

if TYPE_CHECKING:  # pragma: no cover
    from .scene import BoardScene

COLLAPSED = "collapsed:"


class FrameItem(QGraphicsItem):
    """A group's frame (or, collapsed, its box).  Not selectable by Qt: the scene keeps
    which group is selected (``GroupFrames.selected``)."""

    def __init__(self, frames: GroupFrames, group: Group) -> None:
        super().__init__()
        self._frames = frames
        self.group = group
        self.counts = ""
        self._rect = QRectF()
        self.setAcceptHoverEvents(False)

    @property
    def group_id(self) -> str:
        return self.group.id

    def frame_rect(self) -> QRectF:
        return QRectF(self._rect)

    def set_frame(self, group: Group, rect: QRectF, counts: str) -> None:
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = QRectF(rect)
        self.group = group
        self.counts = counts
        area = rect.width() * rect.height()
        # a collapsed box stacks like a card there; frames go under every card, bigger
        # ones further back
        self.setZValue(rect.top() + rect.left() * 1e-7 if group.collapsed
                       else FRAME_Z - area * 1e-7)
        self.update()

    def on_header(self, scene_pos: QPointF) -> bool:
        return header_rect(self._rect, self.group.collapsed).contains(scene_pos)

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-3, -3, 3, 3)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        bs = self._frames.scene
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        # zoomed out, the view writes the title at screen size (GroupFrames.paint_labels)
        paint_frame(painter, self._rect, self.group, self.counts, bs.theme,
                    selected=self._frames.selected == self.group.id,
                    text=not label_lod(lod))


class GroupFrames:
    """The frames of one scene (see the module docstring)."""

    def __init__(self, scene: BoardScene) -> None:
        self.scene = scene
        self.items: dict[str, FrameItem] = {}
        #: The group selected on the canvas (shown in the inspector), if any.
        self.selected: str | None = None
        #: Collapsed groups' boxes by member card id (their links end there).
        self._stand_in: dict[str, QRectF] = {}
        #: The titles written at screen size in the last frame (viewport pixels).
        self._labels: list[tuple[str, QRectF]] = []
        self.refit(scene.board.groups)

    # ----------------------------------------------------------------- asking
    def stand_in(self, card_id: str) -> QRectF | None:
        return self._stand_in.get(card_id)

    def frame_at(self, pos: QPointF) -> FrameItem | None:
        """The topmost frame at ``pos`` (a collapsed box, else the innermost frame)."""
        for it in self.scene.items(pos, Qt.ItemSelectionMode.IntersectsItemBoundingRect,
                                   Qt.SortOrder.DescendingOrder, QTransform()):
            if isinstance(it, FrameItem) and it.frame_rect().contains(pos):
                return it
        return None

    def rect_of(self, group_id: str) -> QRectF | None:
        item = self.items.get(group_id)
        return item.frame_rect() if item is not None else None

    # ----------------------------------------------------------------- following
    def follow(self, ev: BoardEvent) -> set[str]:
        """Refit what ``ev`` touched; the member cards whose stand-in box moved (their
        links must follow)."""
        touched: set[str] = set()
        for e in ev.removed:
            if isinstance(e, Group):
                touched.add(e.id)
            elif isinstance(e, Card) and e.group_id is not None:
                touched.add(e.group_id)
        for e in ev.added:
            if isinstance(e, Group):
                touched.add(e.id)
            elif isinstance(e, Card) and e.group_id is not None:
                touched.add(e.group_id)
        for old, new in ev.changed:
            if isinstance(new, Group):
                touched.add(new.id)
            elif isinstance(new, Card) and isinstance(old, Card) and (
                    old.group_id, old.x, old.y, old.width, old.height) != (
                    new.group_id, new.x, new.y, new.width, new.height):
                touched.update(g for g in (old.group_id, new.group_id) if g is not None)
        return self.refit(touched)

    def cards_live(self, ids: Iterable[str]) -> set[str]:
        """Cards moved on screen: a group all of whose cards moved follows them."""
        ids = set(ids)
        board = self.scene.board
        groups = {board.cards[i].group_id for i in ids if i in board.cards}
        moving = {g for g in groups if g is not None and board.member_ids(g) <= ids}
        return self.refit(moving)

    def refit_of(self, card_ids: Iterable[str]) -> set[str]:
        """Refit the groups of these cards (a gesture over: they show the model)."""
        board = self.scene.board
        return self.refit({g for i in card_ids if (c := board.cards.get(i)) is not None
                           and (g := c.group_id) is not None})

    def refit(self, group_ids: Iterable[str]) -> set[str]:
        board, scene = self.scene.board, self.scene
        moved: set[str] = set()
        ids = set(group_ids)
        for gid in ids:
            g = board.groups.get(gid)
            members = board.member_ids(gid) if g is not None else frozenset()
            item = self.items.get(gid)
            old_hidden = {i for i, _r in self._stand_in.items() if i in members} | \
                scene.visibility.ids_of(COLLAPSED + gid)
            if g is None or not members:
                if item is not None:
                    scene.removeItem(item)
                    del self.items[gid]
                if self.selected == gid:
                    self.selected = None
                for i in old_hidden:
                    self._stand_in.pop(i, None)
                scene.visibility.clear(COLLAPSED + gid)
                moved |= old_hidden
                continue
            rects = [it.card_rect() for i in members
                     if (it := scene.item_for(i)) is not None]
            frame = frame_around(rects)
            cards = [board.cards[i] for i in members]
            rect = collapsed_box(frame) if g.collapsed else frame
            if item is None:
                item = FrameItem(self, g)
                scene.addItem(item)
                self.items[gid] = item
            item.set_frame(g, rect, group_counts(cards))
            for i in old_hidden - members:
                self._stand_in.pop(i, None)
            if g.collapsed:
                for i in members:
                    self._stand_in[i] = rect
                scene.visibility.set_hidden(COLLAPSED + gid, members)
            else:
                for i in members:
                    self._stand_in.pop(i, None)
                scene.visibility.clear(COLLAPSED + gid)
            moved |= set(members) | old_hidden
            scene.include_rect(rect)
        if ids:
            self._labels_changed()
            scene.far.set_frames((gid, it.frame_rect(), frame_color(it.group),
                                  it.group.collapsed) for gid, it in self.items.items())
        return moved

    def _labels_changed(self) -> None:
        """Titles written at screen size reach out of their frames: a view showing them
        paints again whole."""
        for view in self.scene.views():
            if label_lod(view.transform().m11()):
                view.viewport().update()

    def select(self, group_id: str | None) -> bool:
        """Select a group's frame (None: none); True when that changed."""
        if group_id == self.selected:
            return False
        old, self.selected = self.selected, group_id
        for gid in (old, group_id):
            item = self.items.get(gid) if gid is not None else None
            if item is not None:
                item.update()
        self._labels_changed()
        return True

    # ----------------------------------------------------------------- far out
    def paint_labels(self, painter: QPainter, to_view: QTransform, viewport: QRectF,
                     zoom: float) -> None:
        """Zoomed out (:func:`label_lod`), each visible frame's title, and each collapsed
        box whole, at a fixed screen size (``painter`` untransformed; ``to_view`` maps
        the scene to the viewport)."""
        self._labels = []
        if not label_lod(zoom):
            return
        theme = self.scene.theme
        # big frames first, collapsed boxes last: what is drawn inside stays on top
        items = sorted(self.items.values(), key=lambda it: (
            it.group.collapsed, -it.frame_rect().width() * it.frame_rect().height(),
            it.group_id))
        for item in items:
            if not item.isVisible():
                continue
            screen = to_view.mapRect(item.frame_rect())
            if not screen.intersects(viewport.adjusted(-400, -60, 60, 60)):
                continue
            rect = paint_frame_label(painter, screen, item.group, item.counts, theme,
                                     selected=self.selected == item.group_id,
                                     left=viewport.left() + 4.0,
                                     top=viewport.top() + 2.0)
            self._labels.append((item.group_id, rect))

    def shown_labels(self) -> list[tuple[str, QRectF]]:
        """(group id, viewport rectangle) of the titles written at screen size in the
        last frame."""
        return list(self._labels)

    def label_at(self, pos: QPointF) -> tuple[str, QPointF] | None:
        """The frame title written at screen size under ``pos`` (viewport pixels), and
        the scene point a press there stands for (its title bar, or its box)."""
        for gid, rect in reversed(self._labels):
            item = self.items.get(gid)
            if item is not None and rect.contains(pos):
                r = item.frame_rect()
                if item.group.collapsed:
                    return gid, r.center()
                return gid, QPointF(r.left() + min(r.width() / 2, 40.0),
                                    r.top() + HEADER_HEIGHT / 2)
        return None

    def repaint_all(self) -> None:
        for item in self.items.values():
            item.update()
