"""Toolbar icons drawn as vector paths (no icon theme is needed: a bare X11 session or a
frozen bundle has none), in the palette's button-text colour."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QApplication

_SIZES = (16, 24, 32, 48)


def _turn_arrow(mirrored: bool) -> tuple[QPainterPath, QPainterPath]:
    """A curved arrow turning back to the left (undo; mirrored: redo), 24 x 24 box:
    the stroke and the filled head."""
    def pt(x: float, y: float) -> QPointF:
        return QPointF(24.0 - x if mirrored else x, y)

    stroke = QPainterPath(pt(19.5, 18.5))
    stroke.cubicTo(pt(19.5, 11.0), pt(15.0, 8.0), pt(9.0, 8.0))
    stroke.lineTo(pt(7.0, 8.0))
    head = QPainterPath(pt(2.5, 8.0))
    head.lineTo(pt(8.5, 2.5))
    head.lineTo(pt(8.5, 13.5))
    head.closeSubpath()
    return stroke, head


def _icon(mirrored: bool) -> QIcon:
    app = QApplication.instance()
    palette = app.palette() if isinstance(app, QApplication) else QPalette()
    stroke, head = _turn_arrow(mirrored)
    icon = QIcon()
    for mode, group in ((QIcon.Mode.Normal, QPalette.ColorGroup.Active),
                        (QIcon.Mode.Disabled, QPalette.ColorGroup.Disabled)):
        color = QColor(palette.color(group, QPalette.ColorRole.ButtonText))
        for size in _SIZES:
            pix = QPixmap(size, size)
            pix.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pix)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.scale(size / 24.0, size / 24.0)
            painter.setPen(QPen(color, 2.4, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                                Qt.PenJoinStyle.RoundJoin))
            painter.drawPath(stroke)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color)
            painter.drawPath(head)
            painter.end()
            icon.addPixmap(pix, mode)
    return icon


def undo_icon() -> QIcon:
    """The theme's "edit-undo" where there is a theme, else our arrow."""
    return QIcon.fromTheme("edit-undo", _icon(False))


def redo_icon() -> QIcon:
    return QIcon.fromTheme("edit-redo", _icon(True))
