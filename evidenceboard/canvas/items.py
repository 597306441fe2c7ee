"""The card item: one model card on the canvas.

A :class:`CardItem` paints through :mod:`evidenceboard.render` and shows hover feedback;
it takes no part in gestures (the scene picks and runs them, see
:mod:`evidenceboard.canvas.gestures`) and never writes the model.  Its geometry is
cached (``boundingRect``/``shape`` return stored objects) and changed only after
``prepareGeometryChange()``, which keeps the scene's BSP index valid and cheap.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsSceneHoverEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from ..model import Card
from ..render import CardLook, CardState, card_geometry, paint_card
from ..render.cards import COMPACT_LOD, HANDLE_RADIUS
from ..render.importance import scaled_rect

if TYPE_CHECKING:  # pragma: no cover
    from .scene import BoardScene

_SELECTABLE = QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
_CACHE = QGraphicsItem.CacheMode.DeviceCoordinateCache
#: Cards being dragged are lifted above the others.
LIFTED_Z = 1e9


def z_for(card: Card) -> float:
    """Stacking like the exports (render.stacking_order): lower cards on top."""
    return card.y + card.x * 1e-7


class CardItem(QGraphicsItem):
    """A card.  ``card`` is the model value it shows; its size on screen may differ
    while the resize grip is dragged (the model changes on release).

    A board may hold 100,000 of these: geometry objects are shared between cards of the
    same kind and size, and state flags live on the class until set.
    """

    hovered = False
    link_target = False
    faded = False
    _look: CardLook | None = None

    def __init__(self, board_scene: BoardScene, card: Card) -> None:
        super().__init__()
        self._bs = board_scene
        self.card = card
        self._size = (card.width, card.height)
        self._geom = card_geometry(card.kind, card.width, card.height)
        self.setFlags(_SELECTABLE)
        # Painted once per zoom level into a pixmap at the screen's pixel ratio, then
        # blitted: panning over 100 detailed cards stays within a frame.
        self.setCacheMode(_CACHE)
        self.setAcceptHoverEvents(True)
        self.setPos(card.x, card.y)
        self.setZValue(z_for(card))

    # ----------------------------------------------------------------- geometry
    @property
    def card_id(self) -> str:
        return self.card.id

    def boundingRect(self) -> QRectF:
        return self._geom.bounds

    def shape(self) -> QPainterPath:
        return self._geom.shape

    def card_rect(self) -> QRectF:
        """The card's rectangle in scene coordinates, where it is now on screen (bigger
        than stored when it is drawn by importance, about the same centre)."""
        p = self.pos()
        r = QRectF(p.x(), p.y(), self._size[0], self._size[1])
        s = self.scale()
        return r if s == 1.0 else scaled_rect(r, s)

    def display_scale(self) -> float:
        return self.scale()

    def set_display_scale(self, s: float) -> None:
        """Draw the card ``s`` times its size about its centre (View ▸ Size by)."""
        self.setTransformOriginPoint(self._size[0] / 2.0, self._size[1] / 2.0)
        self.setScale(s)

    def size(self) -> tuple[float, float]:
        return self._size

    def title_rect(self) -> QRectF:
        """Where the title (or quote) is painted, in scene coordinates (in-place
        editing covers exactly it)."""
        return self.mapRectToScene(self.look().title_box())

    def on_handle(self, pos: QPointF) -> bool:
        c = self._geom.handle_center
        r = HANDLE_RADIUS + 3.0
        return (pos.x() - c.x()) ** 2 + (pos.y() - c.y()) ** 2 <= r * r

    def on_resize_grip(self, pos: QPointF) -> bool:
        return self._geom.resize_rect.adjusted(-2, -2, 2, 2).contains(pos)

    def on_title(self, pos: QPointF) -> bool:
        return self._geom.title_rect.contains(pos)

    # ----------------------------------------------------------------- model
    def set_card(self, card: Card) -> None:
        """Show a new value of the model card."""
        old = self.card
        self.card = card
        if (card.width, card.height) != self._size or card.kind != old.kind:
            self._set_size(card.width, card.height)
        if QPointF(card.x, card.y) != self.pos():
            self.setPos(card.x, card.y)
        self.setZValue(z_for(card))
        self._look = None
        self.update()

    def _set_size(self, width: float, height: float) -> None:
        self.prepareGeometryChange()
        self._size = (width, height)
        self._geom = card_geometry(self.card.kind, width, height)
        self._look = None
        if self.scale() != 1.0:
            self.setTransformOriginPoint(width / 2.0, height / 2.0)

    def set_live_size(self, width: float, height: float) -> None:
        """Resize on screen while the grip is dragged (the model changes on release)."""
        self._set_size(width, height)
        self.update()

    def refresh(self) -> None:
        """Decorations or theme changed: rebuild the look on the next paint."""
        self._look = None
        self.update()

    def look(self) -> CardLook:
        look = self._look
        if look is None:
            card = self.card
            if (card.width, card.height) != self._size:
                card = replace(card, width=self._size[0], height=self._size[1])
            shown = self._bs.display_colors.get(card.id)
            if shown is not None:
                card = replace(card, color=shown)
            decor = self._bs.decor
            look = CardLook(card, decor.card(self.card), self._bs.theme,
                            lambda cid=card.id: decor.backing(cid))
            self._look = look
        return look

    def set_state(self, *, hovered: bool | None = None, link_target: bool | None = None,
                  faded: bool | None = None) -> None:
        if hovered is not None:
            self.hovered = hovered
        if link_target is not None:
            self.link_target = link_target
        if faded is not None:
            self.faded = faded
        self.update()

    # ----------------------------------------------------------------- painting
    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        lod = painter.worldTransform().m11()
        selected = self.isSelected()
        state = CardState(selected=selected, hovered=self.hovered,
                          link_target=self.link_target,
                          show_handles=(selected or self.hovered) and lod >= COMPACT_LOD
                          and self._bs.editable,
                          faded=self.faded)
        paint_card(painter, self.look(), lod, state)
        if self.card.id in self._bs.pinned:
            paint_pin(painter, self._size[0], lod)

    # ----------------------------------------------------------------- hover
    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self.hovered = True
        self.update()

    def hoverMoveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        pos = event.pos()
        if self._bs.editable and self.on_handle(pos):
            self.setCursor(Qt.CursorShape.CrossCursor)
        elif self._bs.editable and self.isSelected() and self.on_resize_grip(pos):
            self.setCursor(Qt.CursorShape.SizeFDiagCursor)
        else:
            self.unsetCursor()

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self.hovered = False
        self.unsetCursor()
        self.update()


_PIN_RED = QColor("#c62828")


def paint_pin(painter: QPainter, width: float, lod: float) -> None:
    """A drawing pin at the card's top-right corner: layouts leave this card where it is
    (about 14 screen pixels at any zoom, up to the card's own size)."""
    s = min(14.0 / max(lod, 1e-6), 40.0)
    cx, cy = width - s * 0.9, s * 0.9
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(QPen(QColor("#5d4037"), s * 0.14))
    painter.drawLine(QPointF(cx, cy), QPointF(cx + s * 0.45, cy + s * 0.75))
    painter.setPen(QPen(QColor("#ffffff"), s * 0.1))
    painter.setBrush(QBrush(_PIN_RED))
    painter.drawEllipse(QPointF(cx, cy), s * 0.42, s * 0.42)
    painter.restore()
