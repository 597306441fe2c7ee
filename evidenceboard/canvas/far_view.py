"""The far view: when zoomed out on a big board, the view paints one cached picture.

Below :func:`use_far_view`'s zoom the cards are a few pixels wide; Qt would still call
one Python ``paint()`` per visible item (110 ms for 10,000 cards even returning at once).
Instead the view paints a QImage of the board drawn in bulk by
:class:`evidenceboard.render.FarLayer`, plus overlays for what moves (selection, dragged
cards, the link being drawn, the rubber band).

The picture covers the viewport and a margin around it, at the device pixel ratio, and is
reused while only the scroll position changes.  After a zoom step it is drawn scaled at
once and redrawn sharp a moment later; after a model change it is redrawn before the
next frame, so the screen never shows a stale board.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen, QTransform

if TYPE_CHECKING:  # pragma: no cover
    from .view import BoardView

#: Below this zoom a board of more than FAR_MIN_CARDS cards is drawn in bulk ...
FAR_ZOOM = 0.25
FAR_MIN_CARDS = 300
#: ... and any board below this one.
FAR_ZOOM_ALWAYS = 0.08
#: Antialiased far pictures above this zoom (hairlines alias badly when cards are big).
ANTIALIAS_ZOOM = 0.12
SHARPEN_DELAY_MS = 160


def use_far_view(zoom: float, cards: int) -> bool:
    return zoom < FAR_ZOOM_ALWAYS or (zoom < FAR_ZOOM and cards > FAR_MIN_CARDS)


class FarPicture:
    """The cached far-view picture of one view."""

    def __init__(self, view: BoardView) -> None:
        self._view = view
        self.image: QImage | None = None
        self._key: tuple | None = None
        self._vt = QTransform()
        self._rect = QRect()  # the image in viewport pixels when it was drawn
        self.builds = 0  # how many times the picture was drawn (for measurements)
        self._selection: QPainterPath | None = None
        self._selection_key: tuple | None = None
        self._sharpen = QTimer(view)
        self._sharpen.setSingleShot(True)
        self._sharpen.setInterval(SHARPEN_DELAY_MS)
        self._sharpen.timeout.connect(self._on_sharpen)

    def invalidate(self) -> None:
        self.image = None

    def selection_path(self, selected: list) -> QPainterPath:
        """Rings around the selected cards and their selected links' lines, kept while
        neither the selection, the board nor the zoom changes ("select all" on a big
        board is 30,000 shapes)."""
        scene = self._view.scene()
        zoom = self._view.zoom_level()
        key = (scene.selection_revision, scene.far.revision, zoom, scene.live_ids(),
               scene.live_revision)
        if self._selection_key == key and self._selection is not None:
            return self._selection
        grow = 2.0 / max(zoom, 1e-6)
        path = scene.far.link_lines(scene.selected_link_ids)
        for item in selected:
            r = item.card_rect()
            path.addRect(r.adjusted(-grow, -grow, grow, grow))
            path.addRect(r.adjusted(-2 * grow, -2 * grow, 2 * grow, 2 * grow))
        self._selection, self._selection_key = path, key
        return path

    def _on_sharpen(self) -> None:
        self.image = None
        self._view.viewport().update()

    def _content_key(self) -> tuple:
        view = self._view
        scene = view.scene()
        return (scene.far.revision, id(scene.theme), scene.grid_visible(), scene.live_ids(),
                view.viewport().devicePixelRatioF(), view.viewport().size().toTuple())

    def _build(self) -> None:
        view = self._view
        scene = view.scene()
        vp = view.viewport()
        w, h = vp.width(), vp.height()
        mx, my = w // 4, h // 4
        dpr = vp.devicePixelRatioF()
        rect = QRect(-mx, -my, w + 2 * mx, h + 2 * my)
        image = QImage(max(1, round(rect.width() * dpr)), max(1, round(rect.height() * dpr)),
                       QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(dpr)
        vt = view.viewportTransform()
        painter = QPainter(image)
        painter.setTransform(vt * QTransform.fromTranslate(mx, my))
        inv, _ok = vt.inverted()
        region = inv.mapRect(QRectF(rect))
        scene.paint_backdrop(painter, region)
        scene.far.paint(painter, exclude=scene.live_ids(),
                        antialias=view.zoom_level() >= ANTIALIAS_ZOOM, min_pixels=3.0)
        painter.end()
        self.image = image
        self._vt = vt
        self._rect = rect
        self._key = self._content_key()
        self.builds += 1

    def paint(self, painter: QPainter) -> None:
        """Draw the picture (rebuilt if needed) over the whole viewport."""
        view = self._view
        vt = view.viewportTransform()
        key = self._content_key()
        same_scale = abs(vt.m11() - self._vt.m11()) < 1e-12
        if self.image is None or key != self._key:
            self._build()
            same_scale = True
        elif same_scale:
            dx, dy = vt.dx() - self._vt.dx(), vt.dy() - self._vt.dy()
            placed = QRectF(self._rect).translated(dx, dy)
            if not placed.contains(QRectF(view.viewport().rect())):
                self._build()
        if same_scale:
            dx, dy = vt.dx() - self._vt.dx(), vt.dy() - self._vt.dy()
            target = QRectF(self._rect).translated(dx, dy)
        else:
            # A zoom step: stretch the old picture now, redraw it sharp in a moment.
            inv, _ok = self._vt.inverted()
            target = vt.mapRect(inv.mapRect(QRectF(self._rect)))
            painter.fillRect(QRectF(view.viewport().rect()), view.scene().theme.background)
            self._sharpen.start()
        assert self.image is not None
        painter.save()
        painter.resetTransform()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, not same_scale)
        painter.drawImage(target, self.image, QRectF(self.image.rect()))
        painter.restore()


def paint_far_overlays(view: BoardView, painter: QPainter) -> None:
    """What changes between pictures: dragged cards, selection, the link being drawn."""
    scene = view.scene()
    theme = scene.theme
    zoom = view.zoom_level()
    painter.setTransform(view.viewportTransform())
    live = scene.live_ids()
    if live:
        rects = {i: r for i in live if (r := scene.card_rect(i)) is not None}
        scene.far.paint_live(painter, live, rects)
    selected = scene.selected_card_items()
    if selected or scene.selected_link_ids:
        # Not antialiased: "select all" on a big board is one path of thousands of
        # lines, which the antialiasing rasteriser handles band by band (seconds).
        # One-pixel pens: wider cosmetic pens go through the general stroker.
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setPen(QPen(theme.accent, 0))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(view.far_picture.selection_path(selected))
    target = scene.gesture.target if scene.gesture is not None else None
    if target is not None:
        fill = QColor(theme.accent)
        fill.setAlphaF(0.35)
        pen = QPen(theme.accent, 2.0)
        pen.setCosmetic(True)
        painter.setPen(pen)
        painter.setBrush(fill)
        grow = 3.0 / max(zoom, 1e-6)
        painter.drawRect(target.card_rect().adjusted(-grow, -grow, grow, grow))
    view.drawForeground(painter, view.mapToScene(view.viewport().rect()).boundingRect())
