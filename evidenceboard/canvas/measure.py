"""Hooks for measuring the canvas (used by benchmarks; no timing happens here).

``open_view(path)`` opens a board in a 1920 x 1080 :class:`BoardView` the way the app
does; ``render_frame(view)`` paints one complete frame of it into a QImage through the
view's own ``paintEvent`` (so the far-view picture and level of detail are exercised,
unlike ``QGraphicsView.render``, which bypasses ``paintEvent``).  ``baseline_view``
builds the plain C++ ``QGraphicsRectItem`` scene the budgets are compared with.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPen
from PySide6.QtWidgets import QApplication, QGraphicsRectItem, QGraphicsScene, QGraphicsView

from ..commands.controller import EditController
from ..document import Document
from .memory import board_closed, board_loaded
from .scene import BoardScene
from .view import BoardView

FRAME_SIZE = (1920, 1080)


def application() -> QApplication:
    """The QApplication (created offscreen if there is none and no display)."""
    app = QApplication.instance()
    if app is None:
        if "QT_QPA_PLATFORM" not in os.environ and not os.environ.get("DISPLAY"):
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        app = QApplication([])
    assert isinstance(app, QApplication)
    return app


@dataclass
class Session:
    document: Document
    controller: EditController
    scene: BoardScene
    view: BoardView

    def close(self) -> None:
        self.scene.detach()
        self.view.setScene(None)
        self.view.deleteLater()
        self.scene.deleteLater()
        self.document.close()
        board_closed()


def open_view(path: str | os.PathLike[str], size: tuple[int, int] = FRAME_SIZE, *,
              read_only: bool = False, fit: bool = True) -> Session:
    """Open ``path`` in a view of ``size`` pixels, zoomed to fit unless ``fit`` is False."""
    application()
    doc = Document.open(Path(path), read_only=read_only)
    controller = EditController(doc)
    scene = BoardScene(controller)
    view = BoardView(scene)
    view.resize(*size)
    view.viewport().resize(*size)
    if fit:
        view.fit_board()
    board_loaded()  # as the window does
    return Session(doc, controller, scene, view)


def render_frame(view: QGraphicsView, image: QImage | None = None) -> QImage:
    """One full frame of ``view`` painted into ``image`` (made if None)."""
    vp = view.viewport()
    if image is None or image.size() != vp.size():
        image = QImage(vp.size(), QImage.Format.Format_ARGB32_Premultiplied)
    vp.render(image)
    return image


def dense_point(scene: BoardScene, window: tuple[float, float] = FRAME_SIZE) -> QPointF:
    """The centre of the window-sized area (at 100% zoom) holding the most cards."""
    w, h = window
    centres = [item.card_rect().center() for item in scene.card_items()]
    best_n, best = -1, QPointF(0.0, 0.0)
    for ox, oy in ((0.0, 0.0), (w / 2, h / 2)):  # two grids, half a window apart
        counts: dict[tuple[int, int], int] = {}
        for c in centres:
            key = (math.floor((c.x() - ox) / w), math.floor((c.y() - oy) / h))
            counts[key] = counts.get(key, 0) + 1
        for key in sorted(counts):
            if counts[key] > best_n:
                best_n = counts[key]
                best = QPointF(ox + (key[0] + 0.5) * w, oy + (key[1] + 0.5) * h)
    return best


def baseline_view(scene_or_rects: BoardScene | list[QRectF],
                  size: tuple[int, int] = FRAME_SIZE) -> QGraphicsView:
    """A plain C++ QGraphicsRectItem scene with one rectangle per card, fitted in a
    view of ``size`` like :func:`open_view` (the budget's yardstick)."""
    application()
    if isinstance(scene_or_rects, BoardScene):
        rects = [i.card_rect() for i in scene_or_rects.card_items()]
    else:
        rects = list(scene_or_rects)
    scene = QGraphicsScene()
    pen, brush = QPen(QColor("#888888")), QBrush(QColor("#e0e8f8"))
    bounds = QRectF()
    for r in rects:
        item = QGraphicsRectItem(r)
        item.setPen(pen)
        item.setBrush(brush)
        scene.addItem(item)
        bounds = r if bounds.isNull() else bounds.united(r)
    scene.setSceneRect(bounds.adjusted(-100, -100, 100, 100))
    view = QGraphicsView(scene)
    view.resize(*size)
    view.viewport().resize(*size)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.fitInView(bounds, Qt.AspectRatioMode.KeepAspectRatio)
    view._scene = scene  # keep the scene alive with the view  # type: ignore[attr-defined]
    return view
