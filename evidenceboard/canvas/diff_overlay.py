"""What a colleague's copy changed, drawn over the board (File ▸ Compare With…).

A way of looking, never an edit: items of its own on top of the scene, which take no
mouse press (the cards under them stay selectable).  Cards of this board that theirs
changed, removed or changed differently (a conflict) get a coloured frame and a tag;
what theirs added — cards, and links — is drawn as a dashed "ghost" where theirs has it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainterPath, QPen, QTransform
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
)

#: Status -> colour of its frame, tag and ghost.
COLORS = {"added": "#1b9e4b", "changed": "#e08a00", "removed": "#d62728",
          "conflict": "#b0209e"}
TAGS = {"added": "added (theirs)", "changed": "changed", "removed": "removed on theirs",
        "conflict": "conflict"}
Z = 10_000.0


@dataclass(frozen=True)
class Marked:
    """One item to draw: a card of this board by its rectangle, or a ghost."""

    status: str
    rect: QRectF
    title: str = ""
    ghost: bool = False


@dataclass(frozen=True)
class MarkedLink:
    status: str
    start: QPointF
    end: QPointF


def _passive(item: QGraphicsItem) -> None:
    item.setZValue(Z)
    item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
    item.setAcceptHoverEvents(False)
    item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, False)


class DiffOverlay:
    """The overlay items of one comparison on one scene; :meth:`clear` takes them off."""

    def __init__(self, scene: QGraphicsScene) -> None:
        self._scene = scene
        self._items: list[QGraphicsItem] = []

    @property
    def shown(self) -> bool:
        return bool(self._items)

    def items(self) -> list[QGraphicsItem]:
        return list(self._items)

    def show(self, cards: Iterable[Marked], links: Iterable[MarkedLink] = ()) -> None:
        self.clear()
        for link in links:
            self._link(link)
        for card in cards:
            self._card(card)

    def clear(self) -> None:
        for item in self._items:
            if item.scene() is self._scene:
                self._scene.removeItem(item)
        self._items = []

    def _add(self, item: QGraphicsItem) -> None:
        _passive(item)
        self._scene.addItem(item)
        self._items.append(item)

    def _card(self, m: Marked) -> None:
        color = QColor(COLORS[m.status])
        path = QPainterPath()
        frame = m.rect.adjusted(-6, -6, 6, 6)
        path.addRoundedRect(frame, 10, 10)
        outline = QGraphicsPathItem(path)
        pen = QPen(color, 4)
        pen.setCosmetic(True)  # as visible on a whole board zoomed out as up close
        if m.ghost:
            pen.setStyle(Qt.PenStyle.DashLine)
            fill = QColor(color)
            fill.setAlpha(40)
            outline.setBrush(QBrush(fill))
        outline.setPen(pen)
        self._add(outline)
        tag = QGraphicsSimpleTextItem(TAGS[m.status])
        font = QFont()
        font.setPointSizeF(11)
        font.setBold(True)
        tag.setFont(font)
        tag.setBrush(QBrush(color))
        # at the screen's size, above the frame's corner, whatever the zoom
        tag.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, True)
        tag.setPos(frame.left(), frame.top())
        tag.setTransform(QTransform.fromTranslate(0, -18))
        self._add(tag)
        if m.ghost and m.title:
            title = QGraphicsSimpleTextItem(" ".join(m.title.split())[:60])
            f2 = QFont()
            f2.setPointSizeF(12)
            title.setFont(f2)
            title.setBrush(QBrush(QColor("#202020")))
            title.setPos(m.rect.left() + 8, m.rect.top() + 8)
            self._add(title)

    def _link(self, m: MarkedLink) -> None:
        line = QGraphicsLineItem(QLineF(m.start, m.end))
        pen = QPen(QColor(COLORS[m.status]), 3)
        pen.setCosmetic(True)
        pen.setStyle(Qt.PenStyle.DashLine)
        line.setPen(pen)
        self._add(line)
