"""Mouse gestures on cards, one small class each: move, resize, draw a link.

A gesture changes only what is on screen while it runs and makes at most one edit when
it ends (one drag = one undo step).  If the edit is refused (a read-only board, a write
error) the cards go back to where the model says they are.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QApplication

from ..model import edits
from ..render import min_size
from .items import LIFTED_Z, CardItem, z_for

if TYPE_CHECKING:  # pragma: no cover
    from .scene import BoardScene


class Gesture:
    """A gesture under way.  ``live_ids``: cards whose on-screen geometry differs from
    the model while it runs."""

    live_ids: frozenset[str] = frozenset()

    def update(self, pos: QPointF, screen_distance: float) -> None:  # pragma: no cover
        raise NotImplementedError

    def finish(self, pos: QPointF) -> None:  # pragma: no cover
        raise NotImplementedError

    def cancel(self) -> None:  # pragma: no cover
        raise NotImplementedError

    def paint_overlay(self, painter: QPainter, lod: float) -> None:
        """Anything the gesture draws over the board (in scene coordinates)."""

    def overlay_rect(self) -> QRectF:
        return QRectF()


class MoveGesture(Gesture):
    """Drag the selected cards (the pressed one snaps to the grid when snapping)."""

    def __init__(self, scene: "BoardScene", anchor: CardItem, press: QPointF) -> None:
        self.scene = scene
        self.anchor = anchor
        self.press = QPointF(press)
        items = [i for i in scene.selected_card_items()]
        if anchor not in items:
            items = [anchor]
        self.items = items
        self.start = {i.card_id: QPointF(i.pos()) for i in items}
        self.moved = False

    def update(self, pos: QPointF, screen_distance: float) -> None:
        if not self.moved:
            if screen_distance < QApplication.startDragDistance():
                return
            if not self.scene.check_editable():
                self.scene.drop_gesture()
                return
            self.moved = True
            self.live_ids = frozenset(self.start)
            for item in self.items:
                item.setZValue(item.zValue() + LIFTED_Z)
            self.scene.gesture_started(self)
        dx, dy = pos.x() - self.press.x(), pos.y() - self.press.y()
        a0 = self.start[self.anchor.card_id]
        if self.scene.snap:
            g = self.scene.grid_size
            dx = round((a0.x() + dx) / g) * g - a0.x()
            dy = round((a0.y() + dy) / g) * g - a0.y()
        else:
            dx, dy = float(round(dx)), float(round(dy))
        for item in self.items:
            s = self.start[item.card_id]
            item.setPos(s.x() + dx, s.y() + dy)
        self.scene.cards_moving(self.live_ids)

    def finish(self, pos: QPointF) -> None:  # noqa: ARG002
        if not self.moved:
            return
        positions = {i.card_id: (i.pos().x(), i.pos().y()) for i in self.items}
        unchanged = all(QPointF(*positions[k]) == v for k, v in self.start.items())
        board = self.scene.board
        ok = unchanged or self.scene.commit(edits.move_cards(board, positions))
        if not ok:
            self._restore()
        self._settle()

    def cancel(self) -> None:
        if self.moved:
            self._restore()
            self._settle()

    def _restore(self) -> None:
        for item in self.items:
            s = self.start[item.card_id]
            item.setPos(s)

    def _settle(self) -> None:
        for item in self.items:
            if item.scene() is not None:
                item.setZValue(z_for(item.card))
        self.scene.cards_moving(self.live_ids, live=False)


class ResizeGesture(Gesture):
    """Drag a selected card's bottom-right grip (never below the kind's minimum)."""

    def __init__(self, scene: "BoardScene", item: CardItem, press: QPointF) -> None:
        self.scene = scene
        self.item = item
        self.press = QPointF(press)
        self.start = item.size()
        self.moved = False

    def update(self, pos: QPointF, screen_distance: float) -> None:
        if not self.moved:
            if screen_distance < 1.0:
                return
            if not self.scene.check_editable():
                self.scene.drop_gesture()
                return
            self.moved = True
            self.live_ids = frozenset({self.item.card_id})
            self.scene.gesture_started(self)
        mw, mh = min_size(self.item.card.kind)
        # A card drawn s times bigger about its centre (Size by) grows by (1 + s) / 2
        # of its stored growth at the grip: the grip stays under the mouse.
        k = 2.0 / (1.0 + self.item.display_scale())
        w = self.start[0] + (pos.x() - self.press.x()) * k
        h = self.start[1] + (pos.y() - self.press.y()) * k
        if self.scene.snap:
            g = self.scene.grid_size
            p = self.item.pos()
            w = round((p.x() + w) / g) * g - p.x()
            h = round((p.y() + h) / g) * g - p.y()
        w, h = max(mw, float(round(w))), max(mh, float(round(h)))
        if (w, h) != self.item.size():
            self.item.set_live_size(w, h)
            self.scene.cards_moving(self.live_ids)

    def finish(self, pos: QPointF) -> None:  # noqa: ARG002
        if not self.moved:
            return
        w, h = self.item.size()
        if (w, h) != self.start:
            if not self.scene.commit(edits.resize_card(self.scene.board, self.item.card_id,
                                                       w, h)):
                self.item.set_live_size(*self.start)
        self.scene.cards_moving(self.live_ids, live=False)

    def cancel(self) -> None:
        if self.moved:
            self.item.set_live_size(*self.start)
            self.scene.cards_moving(self.live_ids, live=False)


class LinkGesture(Gesture):
    """Drag from a card to another: a rubber line follows the mouse, the card under it
    lights up, and releasing there asks for the link (the scene's ``linkRequested``)."""

    def __init__(self, scene: "BoardScene", source: CardItem, press: QPointF) -> None:
        self.scene = scene
        self.source = source
        self.pos = QPointF(press)
        self.target: CardItem | None = None
        self.started = False

    def _start_point(self) -> QPointF:
        r = self.source.card_rect()
        c = r.center()
        dx, dy = self.pos.x() - c.x(), self.pos.y() - c.y()
        if abs(dx) < 1e-9 and abs(dy) < 1e-9:
            return c
        s = min(r.width() / 2 / abs(dx) if abs(dx) > 1e-9 else math.inf,
                r.height() / 2 / abs(dy) if abs(dy) > 1e-9 else math.inf)
        s = min(s, 1.0)
        return QPointF(c.x() + dx * s, c.y() + dy * s)

    def overlay_rect(self) -> QRectF:
        if not self.started:
            return QRectF()
        return QRectF(self._start_point(), self.pos).normalized().adjusted(-20, -20, 20, 20)

    def update(self, pos: QPointF, screen_distance: float) -> None:
        if not self.started:
            if screen_distance < 3.0:
                return
            if not self.scene.check_editable():
                self.scene.drop_gesture()
                return
            self.started = True
            self.scene.gesture_started(self)
        old = self.overlay_rect()
        self.pos = QPointF(pos)
        target = self.scene.card_item_at(pos, exclude=self.source)
        if target is not self.target:
            if self.target is not None:
                self.target.set_state(link_target=False)
            if target is not None:
                target.set_state(link_target=True)
            self.target = target
        self.scene.update(old.united(self.overlay_rect()))

    def finish(self, pos: QPointF) -> None:
        if not self.started:
            return
        self.update(pos, 1e9)
        target = self.target
        self._clear()
        if target is not None:
            self.scene.linkRequested.emit(self.source.card_id, target.card_id)

    def cancel(self) -> None:
        self._clear()

    def _clear(self) -> None:
        rect = self.overlay_rect()
        if self.target is not None:
            self.target.set_state(link_target=False)
            self.target = None
        self.started = False
        self.scene.update(rect)

    def paint_overlay(self, painter: QPainter, lod: float) -> None:
        if not self.started:
            return
        theme = self.scene.theme
        start, end = self._start_point(), self.pos
        if self.target is not None:
            r = self.target.card_rect()
            c = r.center()
            end = _towards_edge(r, start) if not r.contains(start) else c
        pen = QPen(theme.accent, 2.0 / max(lod, 1e-6), Qt.PenStyle.DashLine)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawLine(QLineF(start, end))
        # Arrowhead at the end.
        a = math.atan2(end.y() - start.y(), end.x() - start.x())
        size = 11.0 / max(lod, 1e-6) if lod < 1 else 11.0
        back = QPointF(end.x() - math.cos(a) * size, end.y() - math.sin(a) * size)
        n = QPointF(-math.sin(a) * size * 0.45, math.cos(a) * size * 0.45)
        head = QPainterPath(end)
        head.lineTo(back + n)
        head.lineTo(back - n)
        head.closeSubpath()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(theme.accent)
        painter.drawPath(head)
        dot = QColor(theme.accent)
        painter.setBrush(dot)
        painter.drawEllipse(start, 3.5 / max(lod, 0.3), 3.5 / max(lod, 0.3))


def _towards_edge(rect: QRectF, origin: QPointF) -> QPointF:
    c = rect.center()
    dx, dy = origin.x() - c.x(), origin.y() - c.y()
    s = min(rect.width() / 2 / abs(dx) if abs(dx) > 1e-9 else math.inf,
            rect.height() / 2 / abs(dy) if abs(dy) > 1e-9 else math.inf)
    s = min(s, 1.0)
    return QPointF(c.x() + dx * s, c.y() + dy * s)
