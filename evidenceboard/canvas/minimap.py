"""The minimap: the whole board in a small widget, with the view's visible rectangle.

Click or drag in it to move the view there.  The board is drawn in bulk (the far view's
batched paths), cached as one picture and redrawn only after the board changed.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent, QPen, QTransform
from PySide6.QtWidgets import QSizePolicy, QWidget

from .view import BoardView

PADDING = 6.0


class Minimap(QWidget):
    def __init__(self, view: BoardView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._view = view
        self._image: QImage | None = None
        self._key: tuple | None = None
        self._transform = QTransform()
        self.setObjectName("minimap")
        self.setMinimumSize(120, 80)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip("Click or drag to move the view")
        # Coalesce bursts of edits into one redraw.
        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(120)
        self._refresh.timeout.connect(self.update)
        scene = view.scene()
        scene.contentChanged.connect(self._refresh.start)
        view.zoomChanged.connect(self.update)
        view.horizontalScrollBar().valueChanged.connect(self.update)
        view.verticalScrollBar().valueChanged.connect(self.update)

    def sizeHint(self) -> QSize:
        return QSize(240, 160)

    def _world(self) -> QRectF:
        """The part of the scene shown: the board and what the view shows."""
        scene = self._view.scene()
        rect = scene.board_rect()
        visible = self._view.visible_scene_rect()
        if rect.isNull():
            return visible
        return rect.adjusted(-40, -40, 40, 40)

    def _world_transform(self, world: QRectF) -> QTransform:
        w = max(1.0, self.width() - 2 * PADDING)
        h = max(1.0, self.height() - 2 * PADDING)
        s = min(w / max(world.width(), 1e-9), h / max(world.height(), 1e-9))
        dx = PADDING + (w - world.width() * s) / 2.0 - world.left() * s
        dy = PADDING + (h - world.height() * s) / 2.0 - world.top() * s
        return QTransform(s, 0, 0, s, dx, dy)

    def paintEvent(self, event: QPaintEvent) -> None:
        scene = self._view.scene()
        if scene is None:
            return
        theme = scene.theme
        world = self._world()
        dpr = self.devicePixelRatioF()
        key = (scene.far.revision, id(theme), self.size().toTuple(), dpr,
               world.getRect())
        if self._image is None or key != self._key:
            image = QImage(max(1, round(self.width() * dpr)), max(1, round(self.height() * dpr)),
                           QImage.Format.Format_ARGB32_Premultiplied)
            image.setDevicePixelRatio(dpr)
            image.fill(theme.background)
            p = QPainter(image)
            self._transform = self._world_transform(world)
            p.setTransform(self._transform)
            scene.far.paint(p, antialias=True, min_pixels=2.0)
            p.end()
            self._image = image
            self._key = key
        painter = QPainter(self)
        painter.drawImage(0, 0, self._image)
        # The view's visible rectangle.
        visible = self._transform.mapRect(self._view.visible_scene_rect())
        visible = visible.intersected(QRectF(self.rect()).adjusted(1, 1, -1, -1))
        fill = QColor(theme.accent)
        fill.setAlphaF(0.06)
        painter.setPen(QPen(theme.accent, 1.5))
        painter.setBrush(fill)
        painter.drawRect(visible)
        painter.setPen(QPen(theme.border, 1.0))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5))
        painter.end()

    def scene_point(self, pos: QPointF) -> QPointF:
        """The scene point shown at widget position ``pos``."""
        self._transform = self._world_transform(self._world())
        inv, _ok = self._transform.inverted()
        return inv.map(pos)

    def _move_view(self, pos: QPointF) -> None:
        self._view.centerOn(self.scene_point(pos))
        self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._move_view(event.position())
            event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._move_view(event.position())
            event.accept()
