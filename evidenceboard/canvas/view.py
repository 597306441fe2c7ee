"""The board view: zoom, pan, fit, link mode, in-place title editing, the far view.

* Wheel zooms around the cursor (Shift+wheel scrolls); the middle button or Space+drag
  pans; zoom stays between a floor that still shows the whole board and 800%.
* :meth:`view_state` / :meth:`restore_view_state` give the zoom and centre as a small
  JSON-able dict (the window keeps it in the board file).
* Zoomed out on a big board the view paints one cached picture instead of thousands of
  items (:mod:`evidenceboard.canvas.far_view`).
"""

from __future__ import annotations

import math
import time
from typing import Any

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QFocusEvent,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPixmapCache,
    QResizeEvent,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QGraphicsView, QLineEdit, QWidget

from ..render import Theme, is_rtl
from ..render.links import TAGS_LOD
from .far_view import FarPicture, paint_far_overlays, use_far_view
from .memory import IdleCollector
from .name_labels import NameLabels
from .scene import BoardScene
from .selection import additive_event

#: Room for the card pixmaps of a full screen of cards (Qt's default is 10 MB).
PIXMAP_CACHE_KB = 96 * 1024
MAX_ZOOM = 8.0
MIN_ZOOM = 0.05
ZOOM_STEP = 1.25
WHEEL_BASE = 1.0015  # per eighth of a degree: one notch (120) = x1.2
ZOOM_SETTLE_MS = 160  # the wheel has rested: paint sharp
FIT_MARGIN = 40.0


class TitleEditor(QLineEdit):
    """A card's title edited in place: Enter (or leaving the field) commits one edit,
    Escape cancels.  A QLineEdit holds plain text only."""

    def __init__(self, view: BoardView) -> None:
        super().__init__(view.viewport())
        self._view = view
        self.card_id: str | None = None
        self.setObjectName("titleEditor")
        self.hide()

    def begin(self, card_id: str, text: str) -> None:
        self.card_id = card_id
        self.setText(text)
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft if is_rtl(text)
                                else Qt.LayoutDirection.LeftToRight)
        self.place()
        self.show()
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self.selectAll()

    def place(self) -> None:
        view = self._view
        item = view.scene().item_for(self.card_id) if self.card_id else None
        if item is None:
            self.cancel()
            return
        zoom = view.zoom_level()
        font = view.scene().theme.fonts.title
        font = type(font)(font)
        font.setPixelSize(max(9, min(48, round(13 * zoom))))
        self.setFont(font)
        r = view.mapFromScene(item.title_rect()).boundingRect()
        h = max(r.height() + 6, self.sizeHint().height())
        self.setGeometry(QRect(r.left() - 3, r.top() - 3, max(r.width() + 6, 120), h))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.commit()
        elif event.key() == Qt.Key.Key_Escape:
            self.cancel()
        else:
            super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if self.card_id is not None and event.reason() != Qt.FocusReason.PopupFocusReason:
            self.commit()

    def commit(self) -> None:
        card_id, text = self.card_id, self.text()
        if card_id is None:
            return
        self._end()
        self._view.scene().rename_card(card_id, text)

    def cancel(self) -> None:
        if self.card_id is not None:
            self._end()

    def _end(self) -> None:
        self.card_id = None
        self.hide()
        self._view.setFocus(Qt.FocusReason.OtherFocusReason)


class ZoomPreview:
    """While the wheel zooms, the view shows its last sharp frame stretched, and paints
    sharp again when the wheel rests: a full repaint of a dense view at a new scale
    costs up to ~80 ms (every link and card re-laid out), a stretched frame ~3 ms."""

    def __init__(self, view: BoardView) -> None:
        self._view = view
        self.image: QImage | None = None
        self._vt = QTransform()
        self._capturing = False
        self._timer = QTimer(view)
        self._timer.setSingleShot(True)
        self._timer.setInterval(ZOOM_SETTLE_MS)
        self._timer.timeout.connect(self.end)

    @property
    def active(self) -> bool:
        return self.image is not None and not self._capturing

    def begin(self) -> None:
        """Keep the current frame (call before the transform changes)."""
        self._timer.start()
        view = self._view
        if self.image is not None or view.in_far_view() or not view.isVisible():
            return
        vp = view.viewport()
        dpr = vp.devicePixelRatioF()
        image = QImage(max(1, round(vp.width() * dpr)), max(1, round(vp.height() * dpr)),
                       QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(dpr)
        self._capturing = True
        try:
            vp.render(image)
        finally:
            self._capturing = False
        self.image, self._vt = image, view.viewportTransform()

    def end(self) -> None:
        if self.image is not None:
            self.image = None
            self._timer.stop()
            self._view.viewport().update()

    def paint(self, painter: QPainter) -> None:
        view = self._view
        assert self.image is not None
        inv, _ok = self._vt.inverted()
        rect = QRectF(view.viewport().rect())
        target = view.viewportTransform().mapRect(inv.mapRect(rect))
        painter.fillRect(rect, view.scene().theme.background)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        painter.drawImage(target, self.image, QRectF(self.image.rect()))


#: Below this zoom the whole board is too small to make out (cards under ~4 pixels):
#: the first view shows its important part instead.
OPENING_MIN_ZOOM = 0.02
#: How many of the most connected cards the important part is made of.
OPENING_CORE = 25


def opening_rect(scene: BoardScene, size: Any) -> QRectF:
    """What the first view of a board shows: the whole board if it can be made out in a
    view of ``size``, else the area of its most connected cards (the rest is a zoom out
    or Fit Board away)."""
    rect = scene.board_rect()
    if rect.isNull() or size.width() <= 0 or size.height() <= 0:
        return rect
    fit = min(size.width() / (rect.width() + 2 * FIT_MARGIN),
              size.height() / (rect.height() + 2 * FIT_MARGIN))
    if fit >= OPENING_MIN_ZOOM:
        return rect
    board = scene.board
    core = sorted(scene.card_items(), key=lambda i: (-board.link_count(i.card_id),
                                                     i.card_id))[:OPENING_CORE]
    # The middle of the core: its cards nearest their median point, so that one
    # outlier does not stretch the view back to the whole board.
    xs = sorted(i.card_rect().center().x() for i in core)
    ys = sorted(i.card_rect().center().y() for i in core)
    mid = QPointF(xs[len(xs) // 2], ys[len(ys) // 2])
    near = sorted(core, key=lambda i: (i.card_rect().center() - mid).manhattanLength())
    out = QRectF()
    for item in near[:max(1, (len(near) * 3) // 4)]:
        out = item.card_rect() if out.isNull() else out.united(item.card_rect())
    return out


class BoardView(QGraphicsView):
    """The canvas widget over a :class:`BoardScene`."""

    #: The zoom factor changed (1.0 = 100%).
    zoomChanged = Signal(float)

    def __init__(self, scene: BoardScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.setRenderHints(QPainter.RenderHint.Antialiasing
                            | QPainter.RenderHint.TextAntialiasing
                            | QPainter.RenderHint.SmoothPixmapTransform)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setOptimizationFlags(QGraphicsView.OptimizationFlag.DontSavePainterState
                                  | QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        # No Qt drag mode: the scene runs every left-button gesture, the rubber band
        # included (canvas/gestures.py); the view only pans and zooms.
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QGraphicsView.Shape.NoFrame)
        # Links are painted as background (see link_layer): cached and scrolled by Qt.
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheBackground)
        self.setMouseTracking(True)
        if QPixmapCache.cacheLimit() < PIXMAP_CACHE_KB:
            QPixmapCache.setCacheLimit(PIXMAP_CACHE_KB)
        self.far_picture = FarPicture(self)
        self.name_labels = NameLabels(self)
        #: When the frame being painted started (perf_counter seconds): the work a
        #: frame may still do in-frame (the label placement's step) is what is left of
        #: its share of the 60 Hz frame (name_labels.FRAME_TOTAL_MS); 0 between frames.
        self.frame_started = 0.0
        self.collector = IdleCollector(self)  # full collections wait for a pause
        #: While a press on a name label drives its card: viewport offset from the
        #: mouse to the card (mouse events are moved by it until the release).
        self._label_offset: QPointF | None = None
        self.zoom_preview = ZoomPreview(self)
        self.editor = TitleEditor(self)
        self._pan_from: QPointF | None = None
        self._space = False
        self._link_mode = False
        self._last_zoom = 1.0
        #: While set, the view redoes this fit whenever its size changes (the window
        #: and its docks reach their final size after the board is first shown); the
        #: user's first zoom or pan ends it.
        self._refit: Any = None
        scene.titleEditRequested.connect(self.edit_title)
        scene.liveChanged.connect(self._on_live_changed)
        scene.contentChanged.connect(self._on_content_changed)

    def scene(self) -> BoardScene:  # type: ignore[override]
        return super().scene()  # type: ignore[return-value]

    # ================================================================= zoom
    def zoom_level(self) -> float:
        return self.transform().m11()

    def min_zoom(self) -> float:
        """Low enough to show the whole board, whatever its size."""
        rect = self.scene().board_rect()
        vp = self.viewport().size()
        if rect.isNull() or rect.width() <= 0 or vp.width() <= 0:
            return MIN_ZOOM
        fit = min(vp.width() / (rect.width() + 2 * FIT_MARGIN),
                  vp.height() / (rect.height() + 2 * FIT_MARGIN))
        return max(1e-3, min(MIN_ZOOM, fit * 0.5))

    def set_zoom(self, zoom: float, anchor: QPointF | None = None) -> None:
        """Zoom to ``zoom``, keeping the scene point under ``anchor`` (viewport
        coordinates; default the centre) where it is."""
        self._refit = None
        zoom = max(self.min_zoom(), min(MAX_ZOOM, float(zoom)))
        if anchor is None:
            anchor = QPointF(self.viewport().rect().center())
        inv, _ok = self.viewportTransform().inverted()
        scene_point = inv.map(anchor)
        self.setTransform(QTransform.fromScale(zoom, zoom))
        self._put(scene_point, anchor)
        self._zoom_changed()

    def _put(self, scene_point: QPointF, anchor: QPointF) -> None:
        """Scroll so that ``scene_point`` shows at viewport position ``anchor``."""
        now = self.viewportTransform().map(scene_point)
        dx, dy = now.x() - anchor.x(), now.y() - anchor.y()
        h, v = self.horizontalScrollBar(), self.verticalScrollBar()
        h.setValue(h.value() + round(dx))
        v.setValue(v.value() + round(dy))

    def _zoom_changed(self) -> None:
        z = self.zoom_level()
        if self.editor.card_id is not None:
            self.editor.place()
        if abs(z - self._last_zoom) > 1e-12:
            self._last_zoom = z
            self.zoomChanged.emit(z)

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom_level() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom_level() / ZOOM_STEP)

    def zoom_100(self) -> None:
        self.set_zoom(1.0)

    def fit_rect(self, rect: QRectF, max_zoom: float = MAX_ZOOM) -> None:
        if rect.isNull() or rect.isEmpty():
            self.set_zoom(1.0)
            self.centerOn(QPointF(0.0, 0.0))
            return
        rect = rect.adjusted(-FIT_MARGIN, -FIT_MARGIN, FIT_MARGIN, FIT_MARGIN)
        vp = self.viewport().rect()
        zoom = min(vp.width() / rect.width(), vp.height() / rect.height(), max_zoom)
        zoom = max(self.min_zoom(), min(MAX_ZOOM, zoom))
        self.setTransform(QTransform.fromScale(zoom, zoom))
        super().centerOn(rect.center())
        self._zoom_changed()

    def fit_result(self, rect: QRectF) -> None:
        """Show ``rect`` (what a layout arranged) and keep showing it while the view
        settles (a status message changing its height), until the user zooms or pans."""
        self.fit_rect(rect, max_zoom=1.0)
        self._refit = lambda: self.fit_rect(rect, max_zoom=1.0)

    def fit_board(self) -> None:
        """Show what is shown (the whole board unless a filter or a view hides some), and
        keep showing it while the view is resized, until the user zooms or pans."""
        scene = self.scene()
        rect = scene.shown_rect()
        self.fit_rect(rect if not rect.isNull() else scene.board_rect())
        self._refit = self.fit_board

    def open_view(self) -> None:
        """The first view of a board: the whole board, or its important part when the
        whole board would be too small to read (see :func:`opening_rect`); redone when
        the view gets its final size."""
        rect = opening_rect(self.scene(), self.viewport().size())
        self.fit_rect(rect)
        self._refit = self.open_view

    def centerOn(self, *args: Any) -> None:
        self._refit = None
        super().centerOn(*args)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._refit is not None and self.viewport().width() > 0:
            self._refit()

    def fit_selection(self) -> None:
        rect = self.scene().bounds_of(self.scene().selected_ids())
        if rect.isNull():
            self.fit_board()
        else:
            self.fit_rect(rect, max_zoom=1.5)

    def visible_scene_rect(self) -> QRectF:
        inv, _ok = self.viewportTransform().inverted()
        return inv.mapRect(QRectF(self.viewport().rect()))

    # ================================================================= view state
    def view_state(self) -> dict[str, Any]:
        c = self.visible_scene_rect().center()
        return {"zoom": round(self.zoom_level(), 6),
                "center": [round(c.x(), 2), round(c.y(), 2)]}

    def restore_view_state(self, state: dict[str, Any]) -> None:
        """Zoom and centre from :meth:`view_state`; ValueError/TypeError/KeyError on
        anything else (the caller then fits the board)."""
        zoom = float(state["zoom"])
        cx, cy = (float(v) for v in state["center"])
        if not all(math.isfinite(v) for v in (zoom, cx, cy)) or zoom <= 0:
            raise ValueError("view state out of range")
        self._refit = None
        zoom = max(self.min_zoom(), min(MAX_ZOOM, zoom))
        self.setTransform(QTransform.fromScale(zoom, zoom))
        self._put(QPointF(cx, cy), QPointF(self.viewport().rect().center()))
        self._zoom_changed()

    # ================================================================= modes
    def set_link_mode(self, on: bool) -> None:
        self._link_mode = bool(on)
        self.scene().set_link_mode(self._link_mode)
        self._update_cursor()

    def link_mode(self) -> bool:
        return self._link_mode

    def _update_cursor(self) -> None:
        vp = self.viewport()
        if self._pan_from is not None:
            vp.setCursor(Qt.CursorShape.ClosedHandCursor)
        elif self._space:
            vp.setCursor(Qt.CursorShape.OpenHandCursor)
        elif self._link_mode:
            vp.setCursor(Qt.CursorShape.CrossCursor)
        else:
            vp.unsetCursor()

    def edit_title(self, card_id: str) -> None:
        card = self.scene().board.cards.get(card_id)
        if card is not None:
            self.editor.begin(card_id, card.title)

    # ================================================================= events
    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta().y() or event.angleDelta().x()
        if not delta:
            delta = event.pixelDelta().y()
        self._refit = None
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            h = self.horizontalScrollBar()
            h.setValue(h.value() - delta)
            event.accept()
            return
        if delta:
            self.zoom_preview.begin()
            self.set_zoom(self.zoom_level() * WHEEL_BASE ** delta, event.position())
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.zoom_preview.end()
        if event.button() == Qt.MouseButton.MiddleButton or (
                event.button() == Qt.MouseButton.LeftButton and self._space):
            self._pan_from = event.position()
            self._refit = None
            self._update_cursor()
            event.accept()
            return
        event = self._on_label(event, press=True)
        super().mousePressEvent(additive_event(event))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            d = event.position() - self._pan_from
            self._pan_from = event.position()
            h, v = self.horizontalScrollBar(), self.verticalScrollBar()
            h.setValue(h.value() - round(d.x()))
            v.setValue(v.value() - round(d.y()))
            event.accept()
            return
        if event.buttons() == Qt.MouseButton.NoButton:
            self._hover_link(event.position())
        super().mouseMoveEvent(additive_event(self._on_label(event)))

    def _hover_link(self, pos: QPointF) -> None:
        """The link under the mouse shows all its tags (its label included)."""
        scene = self.scene()
        lid = None
        if self.zoom_level() >= TAGS_LOD and not self.in_far_view():
            sp = self.mapToScene(pos.toPoint())
            if scene.card_item_at(sp) is None:
                lid = scene.links.link_at(sp, 6.0 / max(self.zoom_level(), 1e-6))
        scene.links.set_hovered(lid)

    def leaveEvent(self, event: QEvent) -> None:
        if self.scene() is not None:
            self.scene().links.set_hovered(None)
        super().leaveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None and event.button() in (Qt.MouseButton.MiddleButton,
                                                             Qt.MouseButton.LeftButton):
            self._pan_from = None
            self._update_cursor()
            event.accept()
            return
        moved = self._on_label(event)
        self._label_offset = None
        super().mouseReleaseEvent(additive_event(moved))

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        super().mouseDoubleClickEvent(self._on_label(event, press=True))

    def _on_label(self, event: QMouseEvent, press: bool = False) -> QMouseEvent:
        """A press on a card's name label acts on the card: it and the moves and
        release after it are moved onto the card's centre (by the same offset, so a
        drag moves the card with the mouse).  A press on a frame's title written at
        screen size acts on its title bar (or its collapsed box) the same way."""
        if press:
            self._label_offset = None
            pos = event.position()
            frame = self.scene().frames.label_at(pos)
            if frame is not None:  # a frame's title written at screen size
                self._label_offset = QPointF(self.mapFromScene(frame[1])) - pos
                return self._on_label(event)
            hit = self.name_labels.label_at(pos)
            item = self.scene().item_for(hit) if hit is not None else None
            if item is None or self.scene().card_item_at(self.mapToScene(pos.toPoint())) \
                    is item:
                return event  # no label here, or on its own card: nothing to move
            centre = QPointF(self.mapFromScene(item.card_rect().center()))
            self._label_offset = centre - pos
        if self._label_offset is None:
            return event
        d = self._label_offset
        return QMouseEvent(event.type(), event.position() + d, event.scenePosition() + d,
                           event.globalPosition() + d, event.button(), event.buttons(),
                           event.modifiers(), event.pointingDevice())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = True
            self._update_cursor()
            event.accept()
            return
        if key == Qt.Key.Key_Space:
            event.accept()
            return
        if key == Qt.Key.Key_F2:
            ids = [i for i in self.scene().selected_ids() if self.scene().item_for(i)]
            if len(ids) == 1 and self.scene().editable:
                self.edit_title(ids[0])
                event.accept()
                return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = False
            self._update_cursor()
            event.accept()
            return
        super().keyReleaseEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._space = False
        self._update_cursor()
        super().focusOutEvent(event)

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        if self.editor.card_id is not None:
            self.editor.place()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.scene() is not None:
            self.scene().set_theme(Theme.from_palette(self.palette()))

    # ================================================================= painting
    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        """The scene's overlay (a gesture), then the name labels over everything."""
        super().drawForeground(painter, rect)
        painter.save()
        painter.resetTransform()
        painter.setOpacity(1.0)
        self.name_labels.paint(painter)
        # zoomed out, frame titles at screen size, over the names
        self.scene().frames.paint_labels(painter, self.viewportTransform(),
                                         QRectF(self.viewport().rect()), self.zoom_level())
        painter.restore()

    def in_far_view(self) -> bool:
        return use_far_view(self.zoom_level(), self.scene().card_count())

    def paintEvent(self, event: QPaintEvent) -> None:
        try:
            self._paint(event)
        finally:
            self.frame_started = 0.0  # between frames
        self.collector.frame()

    def _paint(self, event: QPaintEvent) -> None:
        self.frame_started = time.perf_counter()
        scene = self.scene()
        if scene is not None and self.zoom_preview.active and not self.in_far_view():
            painter = QPainter(self.viewport())
            self.zoom_preview.paint(painter)
            painter.end()
            return
        if scene is None or not self.in_far_view():
            super().paintEvent(event)
            return
        painter = QPainter(self.viewport())
        painter.setClipRegion(event.region())
        self.far_picture.paint(painter)
        paint_far_overlays(self, painter)  # the gesture's overlay (a rubber band) too
        painter.end()

    def _on_live_changed(self) -> None:
        self.zoom_preview.end()
        if self.in_far_view():
            self.viewport().update()

    def _on_content_changed(self) -> None:
        self.zoom_preview.end()  # the board changed: show it as it is now
        if self.in_far_view():
            self.viewport().update()
