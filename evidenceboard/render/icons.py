"""Actor-type icons and small glyphs as vector paths (crisp at any zoom and DPI, and
exported as vectors in SVG/PDF).  Each icon is drawn in a 24 x 24 box."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPolygonF, QTransform

ICON_SIZE = 24.0


def _poly(*pts: tuple[float, float]) -> QPolygonF:
    return QPolygonF([QPointF(x, y) for x, y in pts])


def _person() -> QPainterPath:
    p = QPainterPath()
    p.addEllipse(QRectF(8, 3.5, 8, 8))
    body = QPainterPath()
    body.moveTo(4, 21)
    body.cubicTo(4, 15, 8, 13, 12, 13)
    body.cubicTo(16, 13, 20, 15, 20, 21)
    body.closeSubpath()
    return p.united(body)


def _organisation() -> QPainterPath:
    p = QPainterPath()
    p.addRect(QRectF(5, 4, 14, 17))
    holes = QPainterPath()
    for row in range(4):
        for col in range(3):
            holes.addRect(QRectF(7.2 + col * 3.6, 6.2 + row * 3.3, 2.0, 2.0))
    holes.addRect(QRectF(10.5, 17.5, 3, 3.5))
    return p.subtracted(holes)


def _country() -> QPainterPath:
    p = QPainterPath()
    p.addRect(QRectF(5, 3, 1.8, 18.5))
    flag = QPainterPath()
    flag.moveTo(6.8, 4)
    flag.cubicTo(10, 2.5, 13, 6.5, 19.5, 4.5)
    flag.lineTo(19.5, 13)
    flag.cubicTo(13, 15, 10, 11, 6.8, 12.5)
    flag.closeSubpath()
    return p.united(flag)


def _place() -> QPainterPath:
    pin = QPainterPath()
    pin.moveTo(12, 22)
    pin.cubicTo(9, 17.5, 5, 13.5, 5, 9.5)
    pin.cubicTo(5, 5.4, 8.2, 2.5, 12, 2.5)
    pin.cubicTo(15.8, 2.5, 19, 5.4, 19, 9.5)
    pin.cubicTo(19, 13.5, 15, 17.5, 12, 22)
    pin.closeSubpath()
    hole = QPainterPath()
    hole.addEllipse(QPointF(12, 9.5), 2.8, 2.8)
    return pin.subtracted(hole)


def _vessel() -> QPainterPath:
    hull = QPainterPath()
    hull.addPolygon(_poly((2.5, 14.5), (21.5, 14.5), (18, 20), (6, 20)))
    hull.closeSubpath()
    cabin = QPainterPath()
    cabin.addRect(QRectF(7, 10, 8, 4.5))
    mast = QPainterPath()
    mast.addRect(QRectF(11, 4, 1.6, 6.5))
    funnel = QPainterPath()
    funnel.addRect(QRectF(15.5, 8, 2.6, 6.5))
    return hull.united(cabin).united(mast).united(funnel)


def _aircraft() -> QPainterPath:
    p = QPainterPath()
    p.addPolygon(_poly(
        (12, 2), (13.4, 3.6), (13.4, 9.5), (21.5, 14), (21.5, 16), (13.4, 13.2),
        (13.4, 18.4), (16, 20.3), (16, 21.8), (12, 20.7), (8, 21.8), (8, 20.3),
        (10.6, 18.4), (10.6, 13.2), (2.5, 16), (2.5, 14), (10.6, 9.5), (10.6, 3.6)))
    p.closeSubpath()
    return p


def _other() -> QPainterPath:
    p = QPainterPath()
    p.addPolygon(_poly((12, 3), (21, 12), (12, 21), (3, 12)))
    p.closeSubpath()
    hole = QPainterPath()
    hole.addEllipse(QPointF(12, 12), 3, 3)
    return p.subtracted(hole)


_BUILDERS = {
    "person": _person, "organisation": _organisation, "country": _country,
    "place": _place, "vessel": _vessel, "aircraft": _aircraft, "other": _other,
}


@cache
def actor_icon(actor_type: str | None) -> QPainterPath:
    """The icon path of an actor type (unknown types get the "other" icon)."""
    build = _BUILDERS.get(actor_type or "other", _other)
    return build()


@cache
def citation_glyph() -> QPainterPath:
    """A small document with text lines, in a 10 x 12 box (the citation badge)."""
    page = QPainterPath()
    page.addPolygon(_poly((0, 0), (6.5, 0), (10, 3.5), (10, 12), (0, 12)))
    page.closeSubpath()
    lines = QPainterPath()
    for y in (4.5, 6.8, 9.1):
        lines.addRect(QRectF(2, y, 6, 1.1))
    return page.subtracted(lines)


@cache
def warning_glyph() -> QPainterPath:
    """A triangle with an exclamation mark, in a 12 x 11 box."""
    tri = QPainterPath()
    tri.addPolygon(_poly((6, 0), (12, 11), (0, 11)))
    tri.closeSubpath()
    mark = QPainterPath()
    mark.addRect(QRectF(5.3, 3.3, 1.4, 4.3))
    mark.addRect(QRectF(5.3, 8.4, 1.4, 1.4))
    return tri.subtracted(mark)


@cache
def contradiction_glyph() -> QPainterPath:
    """A lightning bolt in a 10 x 14 box (claims that contradict each other)."""
    p = QPainterPath()
    p.addPolygon(_poly((6, 0), (0.5, 8), (4.5, 8), (3, 14), (9.5, 5.2), (5.5, 5.2),
                       (7.5, 0)))
    p.closeSubpath()
    return p


def draw_glyph(painter: QPainter, path: QPainterPath, at: QPointF, scale: float,
               color: QColor) -> None:
    """Fill a glyph path at ``at``, scaled (the painter's transform is kept)."""
    t = painter.transform()
    painter.setTransform(QTransform(scale, 0, 0, scale, at.x(), at.y()) * t)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    painter.drawPath(path)
    painter.setTransform(t)


ACTOR_TYPE_LABELS = {
    "person": "Person", "organisation": "Organisation", "country": "Country",
    "place": "Place", "vessel": "Vessel", "aircraft": "Aircraft", "other": "Actor",
}
