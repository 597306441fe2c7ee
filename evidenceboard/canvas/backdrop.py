"""The canvas's backdrop: the grid drawn under links and cards."""

from __future__ import annotations

from PySide6.QtCore import QLineF, QRectF
from PySide6.QtGui import QPainter, QPen

from ..render import Theme


def paint_grid(painter: QPainter, rect: QRectF, size: float, theme: Theme,
               lod: float) -> None:
    """Grid lines every ``size`` scene units (every 5th darker); the fine lines go when
    they would be closer than 6 pixels, all of them below that for the coarse ones."""
    major = size * 5
    steps = []
    if size * lod >= 6:
        steps.append((size, theme.grid_minor))
    if major * lod >= 6:
        steps.append((major, theme.grid_major))
    for step, color in steps:
        lines = []
        x = (rect.left() // step) * step
        while x <= rect.right():
            if step == major or x % major:
                lines.append(QLineF(x, rect.top(), x, rect.bottom()))
            x += step
        y = (rect.top() // step) * step
        while y <= rect.bottom():
            if step == major or y % major:
                lines.append(QLineF(rect.left(), y, rect.right(), y))
            y += step
        painter.setPen(QPen(color, 0))
        painter.drawLines(lines)
