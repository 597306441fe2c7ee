"""Mouse gestures on the canvas, one small class each: move cards, resize a card, draw a
link, select with a rubber band.

How a gesture runs — the one way (see docs/ARCHITECTURE.md, "Gestures"):

* When the left button goes down the scene picks the gesture from what is under the
  mouse and installs it with :meth:`BoardScene.set_gesture
  <evidenceboard.canvas.scene.BoardScene.set_gesture>` (which cancels one still running).
* From then on the scene forwards every mouse move, release and key press to it
  (:meth:`Gesture.mouse_move`, :meth:`Gesture.mouse_release`, :meth:`Gesture.key_press`)
  and drops it once it is :attr:`~Gesture.done`.  The scene never asks which kind of
  gesture it holds.
* A gesture changes only what is on screen while it runs and reports what the user meant
  through one small interface, :class:`GestureHost` ("these cards moved there", "a link
  was drawn from A to B", "the band covers this rectangle").  It never touches the model,
  the undo stack or anything else of the scene.  One drag = at most one edit; if the edit
  is refused (a read-only board, a write error) the cards go back to where the model
  says they are.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Protocol

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QApplication, QGraphicsSceneMouseEvent

from ..render import Theme, min_size
from .items import LIFTED_Z, CardItem, z_for
from .selection import is_additive

_LEFT = Qt.MouseButton.LeftButton


class GestureHost(Protocol):
    """What a gesture may ask of the canvas, and the intents it reports to it (the
    scene implements this; a test may implement it to drive a gesture alone)."""

    def may_edit(self) -> bool:
        """Whether the board takes edits now; when it does not, the user is told why."""

    def card_at(self, pos: QPointF, exclude: CardItem | None = None) -> CardItem | None:
        """The topmost card at ``pos`` (scene coordinates), other than ``exclude``."""

    def cards_live(self, ids: Iterable[str], *, landed: bool = False) -> None:
        """These cards changed on screen (moved or resized, not yet in the model);
        ``landed``: the gesture is over and they show the model again."""

    def overlay_changed(self, rect: QRectF) -> None:
        """What the gesture draws over the board changed within ``rect``."""

    def card_clicked(self, card_id: str, additive: bool) -> None:
        """A card was clicked without moving (``additive``: with Ctrl or Shift)."""

    def cards_moved(self, positions: dict[str, tuple[float, float]]) -> bool:
        """Cards were dragged to these top-left corners; False if that was refused."""

    def card_resized(self, card_id: str, width: float, height: float) -> bool:
        """A card was resized; False if that was refused."""

    def link_drawn(self, from_id: str, to_id: str) -> None:
        """A link was drawn from one card to another (its evidence is asked next)."""

    def band_selected(self, rect: QRectF, keep: frozenset[str]) -> None:
        """The rubber band covers ``rect``: select what it touches, plus ``keep``."""

    def group_moved(self, group_id: str, positions: dict[str, tuple[float, float]]) -> bool:
        """A group was dragged by its frame: its cards to these corners; False if that
        was refused."""

    def group_clicked(self, group_id: str) -> None:
        """A group's frame was clicked without moving."""


def screen_distance(event: QGraphicsSceneMouseEvent) -> float:
    """How far the mouse went on screen since the left button went down (pixels)."""
    d = event.screenPos() - event.buttonDownScreenPos(_LEFT)
    return float(d.manhattanLength())


class Gesture:
    """A gesture under way; subclasses say what a drag does (:meth:`begin`,
    :meth:`drag_to`, :meth:`finish`, :meth:`restore`).

    It takes hold once the mouse went :attr:`threshold` pixels (a smaller movement is
    still a click) and, if :attr:`edits`, only when the board takes edits.
    """

    #: Pixels the mouse must travel before the drag counts (None: Qt's drag distance).
    threshold: float | None = None
    #: Whether the gesture ends in an edit (refused on a read-only board).
    edits = True
    #: Set once the gesture is over (finished, cancelled or refused): the scene drops it.
    done = False
    #: Whether the drag took hold.
    started = False
    #: Cards whose on-screen geometry differs from the model while it runs.
    live_ids: frozenset[str] = frozenset()
    #: The card a link being drawn would end on (drawn highlighted), if any.
    target: CardItem | None = None

    def __init__(self, host: GestureHost, press: QPointF) -> None:
        self.host = host
        self.press = QPointF(press)

    def holds(self) -> frozenset[str]:
        """The cards it works on: deleting one of them (an undo elsewhere) cancels it."""
        return frozenset()

    # ----------------------------------------------------------------- events
    def mouse_move(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.done:
            return
        if not self.started:
            threshold = self.threshold if self.threshold is not None \
                else QApplication.startDragDistance()
            if screen_distance(event) < threshold:
                return
            if self.edits and not self.host.may_edit():
                self.done = True
                return
            self.started = True
            self.begin()
        self.drag_to(event.scenePos())

    def mouse_release(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.done or event.button() != _LEFT:
            return
        self.done = True
        if self.started:
            self.finish(event.scenePos())
        else:
            self.clicked(event)

    def key_press(self, event: QKeyEvent) -> bool:
        """Escape cancels; True when the key was used."""
        if not self.done and event.key() == Qt.Key.Key_Escape:
            self.cancel()
            return True
        return False

    def cancel(self) -> None:
        """Stop, putting back what the drag changed on screen (no edit)."""
        self.done = True
        if self.started:
            self.restore()

    # ----------------------------------------------------------------- to override
    def begin(self) -> None:
        """The drag took hold."""

    def drag_to(self, pos: QPointF) -> None:
        """The mouse is at ``pos`` (scene coordinates) during the drag."""

    def finish(self, pos: QPointF) -> None:
        """Released at ``pos`` after a drag: report the intent."""

    def restore(self) -> None:
        """Cancelled after the drag took hold."""

    def clicked(self, event: QGraphicsSceneMouseEvent) -> None:
        """Released before the drag took hold."""

    def paint_overlay(self, painter: QPainter, lod: float, theme: Theme) -> None:
        """Anything the gesture draws over the board (in scene coordinates)."""


class MoveGesture(Gesture):
    """Drag the selected cards (the pressed one snaps to the grid when snapping); a click
    without moving selects (see :func:`evidenceboard.canvas.selection.click_card`)."""

    def __init__(self, host: GestureHost, anchor: CardItem, press: QPointF,
                 items: list[CardItem], snap: float | None) -> None:
        super().__init__(host, press)
        self.anchor = anchor
        self.items = items if anchor in items else [anchor]
        self.snap = snap
        self.start = {i.card_id: QPointF(i.pos()) for i in self.items}

    def holds(self) -> frozenset[str]:
        return frozenset(self.start)

    def begin(self) -> None:
        self.live_ids = frozenset(self.start)
        for item in self.items:
            item.setZValue(item.zValue() + LIFTED_Z)

    def drag_to(self, pos: QPointF) -> None:
        dx, dy = pos.x() - self.press.x(), pos.y() - self.press.y()
        a0 = self.start[self.anchor.card_id]
        if self.snap:
            g = self.snap
            dx = round((a0.x() + dx) / g) * g - a0.x()
            dy = round((a0.y() + dy) / g) * g - a0.y()
        else:
            dx, dy = float(round(dx)), float(round(dy))
        for item in self.items:
            s = self.start[item.card_id]
            item.setPos(s.x() + dx, s.y() + dy)
        self.host.cards_live(self.live_ids)

    def finish(self, pos: QPointF) -> None:
        positions = {i.card_id: (i.pos().x(), i.pos().y()) for i in self.items}
        unchanged = all(QPointF(*positions[k]) == v for k, v in self.start.items())
        if not (unchanged or self.host.cards_moved(positions)):
            self._put_back()
        self._settle()

    def restore(self) -> None:
        self._put_back()
        self._settle()

    def clicked(self, event: QGraphicsSceneMouseEvent) -> None:
        if event.scenePos() == event.buttonDownScenePos(_LEFT):
            self.host.card_clicked(self.anchor.card_id, is_additive(event.modifiers()))

    def _put_back(self) -> None:
        for item in self.items:
            item.setPos(self.start[item.card_id])

    def _settle(self) -> None:
        for item in self.items:
            if item.scene() is not None:
                item.setZValue(z_for(item.card))
        self.host.cards_live(self.live_ids, landed=True)


class FrameGesture(MoveGesture):
    """Drag a group by its frame's title bar (a collapsed group: anywhere on its box):
    all its cards move as one, shown or hidden, and the frame follows them; one undo
    step.  A click selects the group."""

    def __init__(self, host: GestureHost, group_id: str, press: QPointF,
                 items: list[CardItem], snap: float | None) -> None:
        super().__init__(host, items[0], press, items, snap)
        self.group_id = group_id

    def finish(self, pos: QPointF) -> None:
        positions = {i.card_id: (i.pos().x(), i.pos().y()) for i in self.items}
        unchanged = all(QPointF(*positions[k]) == v for k, v in self.start.items())
        if not (unchanged or self.host.group_moved(self.group_id, positions)):
            self._put_back()
        self._settle()

    def clicked(self, event: QGraphicsSceneMouseEvent) -> None:
        self.host.group_clicked(self.group_id)


class ResizeGesture(Gesture):
    """Drag a selected card's bottom-right grip (never below the kind's minimum)."""

    threshold = 1.0

    def __init__(self, host: GestureHost, item: CardItem, press: QPointF,
                 snap: float | None) -> None:
        super().__init__(host, press)
        self.item = item
        self.snap = snap
        self.start = item.size()

    def holds(self) -> frozenset[str]:
        return frozenset({self.item.card_id})

    def begin(self) -> None:
        self.live_ids = frozenset({self.item.card_id})

    def drag_to(self, pos: QPointF) -> None:
        mw, mh = min_size(self.item.card.kind)
        # A card drawn s times bigger about its centre (Size by) grows by (1 + s) / 2
        # of its stored growth at the grip: the grip stays under the mouse.
        k = 2.0 / (1.0 + self.item.display_scale())
        w = self.start[0] + (pos.x() - self.press.x()) * k
        h = self.start[1] + (pos.y() - self.press.y()) * k
        if self.snap:
            g = self.snap
            p = self.item.pos()
            w = round((p.x() + w) / g) * g - p.x()
            h = round((p.y() + h) / g) * g - p.y()
        w, h = max(mw, float(round(w))), max(mh, float(round(h)))
        if (w, h) != self.item.size():
            self.item.set_live_size(w, h)
            self.host.cards_live(self.live_ids)

    def finish(self, pos: QPointF) -> None:
        w, h = self.item.size()
        if (w, h) != self.start and not self.host.card_resized(self.item.card_id, w, h):
            self.item.set_live_size(*self.start)
        self.host.cards_live(self.live_ids, landed=True)

    def restore(self) -> None:
        self.item.set_live_size(*self.start)
        self.host.cards_live(self.live_ids, landed=True)


class LinkGesture(Gesture):
    """Drag from a card to another: a rubber line follows the mouse, the card under it
    lights up, and releasing there reports the link (its evidence is asked next)."""

    threshold = 3.0

    def __init__(self, host: GestureHost, source: CardItem, press: QPointF) -> None:
        super().__init__(host, press)
        self.source = source
        self.pos = QPointF(press)

    def holds(self) -> frozenset[str]:
        ids = {self.source.card_id}
        if self.target is not None:
            ids.add(self.target.card_id)
        return frozenset(ids)

    def _start_point(self) -> QPointF:
        return _towards_edge(self.source.card_rect(), self.pos)

    def overlay_rect(self) -> QRectF:
        if not self.started:
            return QRectF()
        return QRectF(self._start_point(), self.pos).normalized().adjusted(-20, -20, 20, 20)

    def drag_to(self, pos: QPointF) -> None:
        old = self.overlay_rect()
        self.pos = QPointF(pos)
        target = self.host.card_at(pos, exclude=self.source)
        if target is not self.target:
            if self.target is not None:
                self.target.set_state(link_target=False)
            if target is not None:
                target.set_state(link_target=True)
            self.target = target
        self.host.overlay_changed(old.united(self.overlay_rect()))

    def finish(self, pos: QPointF) -> None:
        self.drag_to(pos)
        target = self.target
        self._clear()
        if target is not None:
            self.host.link_drawn(self.source.card_id, target.card_id)

    def restore(self) -> None:
        self._clear()

    def _clear(self) -> None:
        rect = self.overlay_rect()
        if self.target is not None:
            self.target.set_state(link_target=False)
            self.target = None
        self.started = False
        self.host.overlay_changed(rect)

    def paint_overlay(self, painter: QPainter, lod: float, theme: Theme) -> None:
        if not self.started:
            return
        start, end = self._start_point(), self.pos
        if self.target is not None:
            r = self.target.card_rect()
            end = _towards_edge(r, start) if not r.contains(start) else r.center()
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
        painter.setBrush(QColor(theme.accent))
        painter.drawEllipse(start, 3.5 / max(lod, 0.3), 3.5 / max(lod, 0.3))


class BandGesture(Gesture):
    """Drag on empty space: a rubber band selects the cards and links it touches; with
    Ctrl or Shift they are added to what was selected when it started (``keep``).
    Escape puts back the selection it started from."""

    edits = False

    def __init__(self, host: GestureHost, press: QPointF, keep: frozenset[str]) -> None:
        super().__init__(host, press)
        self.keep = keep
        self.corner = QPointF(press)

    def rect(self) -> QRectF:
        return QRectF(self.press, self.corner).normalized()

    def drag_to(self, pos: QPointF) -> None:
        old = self.rect()
        self.corner = QPointF(pos)
        self.host.overlay_changed(old.united(self.rect()))
        self.host.band_selected(self.rect(), self.keep)

    def finish(self, pos: QPointF) -> None:
        self.drag_to(pos)
        self.host.overlay_changed(self.rect())

    def restore(self) -> None:
        self.host.overlay_changed(self.rect())
        self.host.band_selected(QRectF(), self.keep)

    def paint_overlay(self, painter: QPainter, lod: float, theme: Theme) -> None:
        if not self.started or self.done:
            return
        fill = QColor(theme.accent)
        fill.setAlphaF(0.16)
        pen = QPen(theme.accent, 0)  # one device pixel at any zoom
        painter.setPen(pen)
        painter.setBrush(fill)
        painter.drawRect(self.rect())


def _towards_edge(rect: QRectF, towards: QPointF) -> QPointF:
    """Where the line from ``rect``'s centre to ``towards`` leaves the rectangle (the
    point itself when it is inside)."""
    c = rect.center()
    dx, dy = towards.x() - c.x(), towards.y() - c.y()
    if abs(dx) < 1e-9 and abs(dy) < 1e-9:
        return c
    s = min(rect.width() / 2 / abs(dx) if abs(dx) > 1e-9 else math.inf,
            rect.height() / 2 / abs(dy) if abs(dy) > 1e-9 else math.inf)
    s = min(s, 1.0)
    return QPointF(c.x() + dx * s, c.y() + dy * s)
