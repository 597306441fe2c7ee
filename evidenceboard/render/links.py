"""How a link looks: its path between two cards, arrowheads, line style and label tags.

Line style says how sure the investigator is: confirmed links are solid, unconfirmed
ones dashed, disputed ones dotted (and orange).  Contradictions between claims are red.
A link nobody cited carries an amber "uncited" tag; a link marked as deliberately
unsourced carries a grey "no source" tag instead.  Several links between the same two
cards bend apart so each stays visible and clickable.  Lines end at the cards' borders,
with an arrowhead at the end they point to.

Less clutter: the labels the application itself gives ("about", "states",
:data:`QUIET_LABELS`) are not drawn on every link — they show when the link is hovered or
selected (and in the inspector).  The tags that are drawn never cover a card or each
other: :class:`TagPlacer` slides them along their link to a free spot, or leaves them
out (hover shows them).

:class:`LinkPainter` paints many links with a few batched QPainter calls (one path per
line style), which is what keeps a dense view fast; exports use the same code.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPainterPathStroker, QPen

from ..model import Link
from .decor import EMPTY_LINK, NO_BACKING, Backing, LinkDecor, corroboration_text
from .grid import RectGrid, box_of, clip_segment
from .icons import citation_glyph, contradiction_glyph, draw_glyph, warning_glyph
from .text import elide, text_width
from .theme import Theme, blend

GAP = 3.0  # between a card's edge and the line's end
ARROW_LENGTH = 12.0
ARROW_HALF_WIDTH = 5.0
BEND_STEP = 34.0
LABEL_MAX_WIDTH = 170.0
TAG_HEIGHT = 16.0
TAGS_LOD = 0.45  # labels and tags are drawn from this zoom on
#: Labels the application gives links by itself: drawn only on hover and selection.
QUIET_LABELS = frozenset({"about", "states", "relation"})
#: Where along its link a tag may sit, best first (fractions of the path).
TAG_SPOTS = (0.5, 0.4, 0.6, 0.32, 0.68, 0.24, 0.76)
TAG_GAP = 3.0  # kept free around a tag


# ===================================================================== geometry
@dataclass(frozen=True)
class LinkGeometry:
    path: QPainterPath  # the line (or curve) from start to end
    start: QPointF
    end: QPointF
    start_angle: float  # direction the line leaves the start (radians)
    end_angle: float  # direction the line arrives at the end
    mid: QPointF  # the middle of the line, where the label sits
    bounds: QRectF  # the line and its arrowheads (not the label)
    length: float
    straight: bool = True

    @cached_property
    def polylines(self) -> list[list[tuple[float, float]]]:
        """The line as polylines of plain numbers (a curve flattened once)."""
        if self.straight:
            return [[(self.start.x(), self.start.y()), (self.end.x(), self.end.y())]]
        return [[(p.x(), p.y()) for p in poly] for poly in self.path.toSubpathPolygons()]


def _clip_to_rect(c: QPointF, towards: QPointF, rect: QRectF, gap: float) -> QPointF:
    """Where the ray from ``c`` (the rect's centre) towards ``towards`` leaves ``rect``,
    ``gap`` further along."""
    dx, dy = towards.x() - c.x(), towards.y() - c.y()
    dist = math.hypot(dx, dy)
    if dist < 1e-9:
        return QPointF(c)
    hw, hh = rect.width() / 2.0, rect.height() / 2.0
    s = min(hw / abs(dx) if abs(dx) > 1e-9 else math.inf,
            hh / abs(dy) if abs(dy) > 1e-9 else math.inf)
    s += gap / dist
    s = min(s, 1.0)
    return QPointF(c.x() + dx * s, c.y() + dy * s)


def link_geometry(from_rect: QRectF, to_rect: QRectF, bend: float = 0.0) -> LinkGeometry:
    """The path of a link between two card rectangles (scene coordinates).  ``bend``
    pushes the middle of the line sideways (parallel links)."""
    c1, c2 = from_rect.center(), to_rect.center()
    if from_rect == to_rect or (abs(c1.x() - c2.x()) < 1e-6 and abs(c1.y() - c2.y()) < 1e-6):
        return _loop_geometry(from_rect)
    dx, dy = c2.x() - c1.x(), c2.y() - c1.y()
    dist = math.hypot(dx, dy)
    nx, ny = -dy / dist, dx / dist
    path = QPainterPath()
    if abs(bend) < 1e-6:
        p1 = _clip_to_rect(c1, c2, from_rect, GAP)
        p2 = _clip_to_rect(c2, c1, to_rect, GAP)
        if from_rect.intersects(to_rect) and (to_rect.contains(p1) or from_rect.contains(p2)):
            p1, p2 = c1, c2  # overlapping cards: centre to centre
        path.moveTo(p1)
        path.lineTo(p2)
        a = math.atan2(p2.y() - p1.y(), p2.x() - p1.x())
        mid = QPointF((p1.x() + p2.x()) / 2.0, (p1.y() + p2.y()) / 2.0)
        start_angle = end_angle = a
    else:
        # Quadratic curve whose middle lies ``bend`` away from the straight line.
        ctrl = QPointF((c1.x() + c2.x()) / 2.0 + nx * bend * 2.0,
                       (c1.y() + c2.y()) / 2.0 + ny * bend * 2.0)
        p1 = _clip_to_rect(c1, ctrl, from_rect, GAP)
        p2 = _clip_to_rect(c2, ctrl, to_rect, GAP)
        path.moveTo(p1)
        path.quadTo(ctrl, p2)
        start_angle = math.atan2(ctrl.y() - p1.y(), ctrl.x() - p1.x())
        end_angle = math.atan2(p2.y() - ctrl.y(), p2.x() - ctrl.x())
        mid = QPointF(0.25 * p1.x() + 0.5 * ctrl.x() + 0.25 * p2.x(),
                      0.25 * p1.y() + 0.5 * ctrl.y() + 0.25 * p2.y())
    length = math.hypot(p2.x() - p1.x(), p2.y() - p1.y())
    bounds = path.controlPointRect().adjusted(-ARROW_LENGTH, -ARROW_LENGTH,
                                              ARROW_LENGTH, ARROW_LENGTH)
    return LinkGeometry(path, p1, p2, start_angle, end_angle, mid, bounds, length,
                        abs(bend) < 1e-6)


def _loop_geometry(rect: QRectF) -> LinkGeometry:
    """A link from a card to itself: a small loop over its top-right corner."""
    p1 = QPointF(rect.right() - 28.0, rect.top() - GAP)
    p2 = QPointF(rect.right() + GAP, rect.top() + 22.0)
    path = QPainterPath(p1)
    path.cubicTo(QPointF(p1.x(), p1.y() - 48.0), QPointF(p2.x() + 48.0, p2.y()), p2)
    mid = QPointF(rect.right() + 14.0, rect.top() - 14.0)
    bounds = path.controlPointRect().adjusted(-ARROW_LENGTH, -ARROW_LENGTH,
                                              ARROW_LENGTH, ARROW_LENGTH)
    return LinkGeometry(path, p1, p2, -math.pi / 2, math.pi, mid, bounds, 60.0, False)


def clipped_path(geom: LinkGeometry, rect: QRectF, period: float) -> QPainterPath:
    """The link's line cut to ``rect``.  Dashing a path costs per dash over its whole
    length (off-screen too), so long links are clipped first; the cut is moved back to
    a whole dash period so the pattern does not crawl while panning."""
    if rect.contains(geom.bounds):
        return geom.path
    x0, y0, x1, y1 = rect.left(), rect.top(), rect.right(), rect.bottom()
    out = QPainterPath()
    for poly in geom.polylines:
        for (ax, ay), (bx, by) in itertools.pairwise(poly):
            # (most pieces of a long curve are wholly to one side of the view: 5 ms
            # of a pan frame at 10k were spent clipping them one by one)
            if (ax < x0 and bx < x0) or (ax > x1 and bx > x1) or \
                    (ay < y0 and by < y0) or (ay > y1 and by > y1):
                continue
            span = clip_segment(ax, ay, bx, by, x0, y0, x1, y1)
            if span is None or span[0] >= span[1]:
                continue  # (a piece that only touches the view draws nothing)
            t0, t1 = span
            dx, dy = bx - ax, by - ay
            seg = math.hypot(dx, dy)
            if period > 0 and seg > 0 and t0 > 0:
                t0 = max(0.0, math.floor(t0 * seg / period) * period / seg)
            out.moveTo(ax + dx * t0, ay + dy * t0)
            out.lineTo(ax + dx * t1, ay + dy * t1)
    return out


def bends_for(links: Iterable[Link]) -> dict[str, float]:
    """Sideways offsets for links sharing the same two cards (0 for a lone link)."""
    groups: dict[tuple[str, str], list[Link]] = {}
    for link in links:
        key = (min(link.from_id, link.to_id), max(link.from_id, link.to_id))
        groups.setdefault(key, []).append(link)
    out: dict[str, float] = {}
    for key, group in groups.items():
        out.update(group_bends(key, group))
    return out


def group_bends(key: tuple[str, str], group: list[Link]) -> dict[str, float]:
    """Bends of the links between one pair of cards, in a stable order (by id).  The
    offset is measured from the pair's lower id, so links drawn either way agree."""
    group = sorted(group, key=lambda link: link.id)
    k = len(group)
    out = {}
    for i, link in enumerate(group):
        b = (i - (k - 1) / 2.0) * BEND_STEP
        out[link.id] = b if link.from_id == key[0] else -b
    return out


def hit_path(geom: LinkGeometry, tolerance: float) -> QPainterPath:
    """The area in which a click selects the link."""
    stroker = QPainterPathStroker()
    stroker.setWidth(max(1.0, tolerance * 2.0))
    stroker.setCapStyle(Qt.PenCapStyle.RoundCap)
    return stroker.createStroke(geom.path)


# ===================================================================== style
@dataclass(frozen=True)
class LinkStyle:
    color: QColor
    width: float
    dash: tuple[float, ...]  # () = solid, in units of the pen width
    key: tuple  # batches links that share a pen


def link_style(link: Link, decor: LinkDecor | None, theme: Theme) -> LinkStyle:
    d = decor or EMPTY_LINK
    color = theme.link_color(link.confidence, d.contradiction)
    if d.contradiction:
        width, dash = 2.2, ()
    elif link.confidence == "confirmed":
        width, dash = 2.0, ()
    elif link.confidence == "disputed":
        width, dash = 2.0, (1.0, 1.6)
    else:
        width, dash = 1.6, (4.0, 3.0)
    return LinkStyle(color, width, dash, (color.rgba(), width, dash))


def make_pen(style: LinkStyle, lod: float = 1.0, background: QColor | None = None) -> QPen:
    """The pen of a link style; zoomed out (lod < 0.5) lines keep about one pixel of
    width and, given the ``background``, recede towards it so the cards stay readable."""
    width = style.width if lod >= 0.5 else style.width * 0.5 / lod
    color = style.color
    if lod < 0.5 and background is not None:
        color = blend(color, background, 0.45 + 0.55 * max(0.0, lod - 0.2) / 0.3)
    pen = QPen(color, width)
    if style.dash:
        pen.setStyle(Qt.PenStyle.CustomDashLine)
        pen.setDashPattern(list(style.dash))
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    else:
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    return pen


@dataclass
class Tag:
    kind: str  # "label" | "grade" | "cites" | "uncited" | "unsourced" | "contradiction"
    text: str
    width: float


def is_quiet_label(label: str) -> bool:
    """A label the application gave the link ("about", "states"): not drawn unless the
    link is hovered or selected."""
    return label.strip().lower() in QUIET_LABELS


def link_tags(link: Link, decor: LinkDecor | None, theme: Theme,
              quiet: bool = True) -> list[Tag]:
    """The pills shown on a link, left to right (``quiet``: without a label the
    application gave it)."""
    d = decor or EMPTY_LINK
    fonts = theme.fonts
    tags: list[Tag] = []
    if d.contradiction:
        tags.append(Tag("contradiction", "", 18.0))
    # a bundle of relations reads "met · backs\n3 claims · 4 sources · 2 origins": its
    # labels, then a pill of what backs them
    label, _, counts = link.label.partition("\n")
    if label and not (quiet and is_quiet_label(label)):
        text = elide(label, fonts.label, LABEL_MAX_WIDTH)
        tags.append(Tag("label", text, text_width(text, fonts.label) + 10.0))
    if counts:
        tags.append(Tag("count", counts, text_width(counts, fonts.small) + 12.0))
    if d.grade:
        tags.append(Tag("grade", d.grade, text_width(d.grade, fonts.badge) + 9.0))
    if d.marks:  # print: the numbers of the sources the link cites
        tags.append(Tag("cites", d.marks, text_width(d.marks, fonts.small) + 22.0))
    if not d.citations:
        if link.unsourced:
            tags.append(Tag("unsourced", "no source", text_width("no source", fonts.small)
                            + 10.0))
        else:
            tags.append(Tag("uncited", "uncited", text_width("uncited", fonts.small)
                            + 22.0))
    return tags


def tags_rect(mid: QPointF, tags: list[Tag]) -> QRectF:
    width = tags_width(tags)
    return QRectF(mid.x() - width / 2.0, mid.y() - TAG_HEIGHT / 2.0, width, TAG_HEIGHT)


# ===================================================================== painting
def tags_width(tags: list[Tag]) -> float:
    return sum(t.width for t in tags) + 3.0 * max(0, len(tags) - 1)


def point_at(geom: LinkGeometry, t: float) -> QPointF:
    if geom.straight:
        a, b = geom.start, geom.end
        return QPointF(a.x() + (b.x() - a.x()) * t, a.y() + (b.y() - a.y()) * t)
    return geom.path.pointAtPercent(t)


#: Where a link's tags go: given the link's geometry and the tags' width, the centre of
#: their spot, or None to leave them out.
TagPlace = Callable[[LinkGeometry, float], "QPointF | None"]


@dataclass
class LinkLook:
    """A link ready to paint: geometry, pen style and tags.  ``tags`` are drawn at
    ``tag_rect`` (empty: nowhere free, left out); ``all_tags`` (with a quiet label) at
    ``all_rect`` when the link is hovered or selected."""

    link: Link
    geometry: LinkGeometry
    style: LinkStyle
    tags: list[Tag]
    tag_rect: QRectF
    bounds: QRectF  # everything painted (line, arrows, tags)
    all_tags: list[Tag] = field(default_factory=list)
    all_rect: QRectF = field(default_factory=QRectF)

    @staticmethod
    def build(link: Link, geometry: LinkGeometry, decor: LinkDecor | None,
              theme: Theme, place: TagPlace | None = None) -> LinkLook:
        """``place`` chooses the tags' spot (default: the middle of the link)."""
        style = link_style(link, decor, theme)
        tags = link_tags(link, decor, theme)
        all_tags = link_tags(link, decor, theme, quiet=False)
        trect = QRectF()
        if tags:
            centre = place(geometry, tags_width(tags)) if place is not None else geometry.mid
            if centre is not None:
                trect = tags_rect(centre, tags)
        # Shown on hover where the tags are, or at the middle when they have no spot.
        arect = tags_rect(trect.center() if not trect.isNull() else geometry.mid,
                          all_tags) if all_tags else QRectF()
        bounds = QRectF(geometry.bounds)
        for r in (trect, arect):
            if not r.isNull():
                bounds = bounds.united(r)
        return LinkLook(link, geometry, style, tags, trect, bounds.adjusted(-4, -4, 4, 4),
                        all_tags, arect)


class TagPlacer:
    """Spots for link tags that cover no card and no other tag, along each link.

    ``cards_in(rect)`` gives the card rectangles meeting a rectangle (the scene's index
    on the canvas, a grid for exports).  Tags are placed link by link, each in the
    first free spot of :data:`TAG_SPOTS`; :meth:`remove` frees a link's spot (its
    look is rebuilt), :meth:`owners_in` says whose tags lie in an area (a card moved
    there: they must move)."""

    def __init__(self, cards_in: Callable[[QRectF], Iterable[QRectF]]) -> None:
        self._cards_in = cards_in
        self._grid: RectGrid[str] = RectGrid(512.0)

    def owners_in(self, rect: QRectF) -> set[str]:
        return self._grid.query(box_of(rect))

    def remove(self, owner: str) -> None:
        self._grid.remove(owner)

    def clear(self) -> None:
        self._grid.clear()

    def place(self, owner: str, geom: LinkGeometry, width: float) -> QPointF | None:
        self.remove(owner)
        half_w, half_h = width / 2.0 + TAG_GAP, TAG_HEIGHT / 2.0 + TAG_GAP
        for t in TAG_SPOTS:
            c = point_at(geom, t)
            r = QRectF(c.x() - half_w, c.y() - half_h, 2 * half_w, 2 * half_h)
            if any(r.intersects(card) for card in self._cards_in(r)):
                continue
            if self._grid.hits(box_of(r)):
                continue
            self._grid.put(owner, box_of(r))
            return c
        return None


def _arrow(tip: QPointF, angle: float, size: float) -> QPainterPath:
    back = QPointF(tip.x() - math.cos(angle) * ARROW_LENGTH * size,
                   tip.y() - math.sin(angle) * ARROW_LENGTH * size)
    nx, ny = -math.sin(angle) * ARROW_HALF_WIDTH * size, math.cos(angle) * ARROW_HALF_WIDTH * size
    p = QPainterPath(tip)
    p.lineTo(back.x() + nx, back.y() + ny)
    p.lineTo(back.x() - nx, back.y() - ny)
    p.closeSubpath()
    return p


class LinkPainter:
    """Paints many links in few calls: lines batched by pen, arrows by colour, then
    the tags of each link (which need their own text)."""

    def __init__(self, theme: Theme, lod: float = 1.0, clip: QRectF | None = None) -> None:
        self.theme = theme
        self.lod = lod
        #: Lines are cut to this rectangle (the exposed area plus a margin).
        self.clip = clip
        self._lines: dict[tuple, tuple[LinkStyle, list[QPainterPath]]] = {}
        self._arrows: dict[int, tuple[QColor, QPainterPath]] = {}
        self._selected: list[tuple[LinkLook, QPainterPath]] = []
        self._arrow_size = 1.0 if lod >= 0.5 else 0.5 / lod
        self._tagged: list[tuple[LinkLook, list[Tag], QRectF]] = []

    def add(self, look: LinkLook, *, selected: bool = False, revealed: bool = False) -> None:
        """Queue a link; with a clip rectangle only the parts inside it are painted.
        A ``revealed`` link (hovered or selected) shows all its tags."""
        clip, g = self.clip, look.geometry
        if clip is None or not look.style.dash or clip.contains(g.bounds):
            line = g.path  # Qt clips solid strokes cheaply; only dashes cost per length
        else:
            width = self._width(look.style)
            line = clipped_path(g, clip, sum(look.style.dash) * width)
        entry = self._lines.get(look.style.key)
        if entry is None:
            entry = self._lines[look.style.key] = (look.style, [])
        entry[1].append(line)
        direction = look.link.direction
        if direction != "none":
            ends = []
            if direction in ("forward", "both") and (clip is None or clip.contains(g.end)):
                ends.append(_arrow(g.end, g.end_angle, self._arrow_size))
            if direction == "both" and (clip is None or clip.contains(g.start)):
                ends.append(_arrow(g.start, g.start_angle + math.pi, self._arrow_size))
            if ends:
                rgba = look.style.color.rgba()
                arrows = self._arrows.get(rgba)
                if arrows is None:
                    arrows = self._arrows[rgba] = (look.style.color, QPainterPath())
                for a in ends:
                    arrows[1].addPath(a)
        if selected:
            self._selected.append((look, line))
        tags, rect = ((look.all_tags, look.all_rect) if revealed or selected
                      else (look.tags, look.tag_rect))
        if tags and not rect.isNull() and self.lod >= TAGS_LOD and (
                clip is None or clip.intersects(rect)):
            self._tagged.append((look, tags, rect))

    def _width(self, style: LinkStyle) -> float:
        return style.width if self.lod >= 0.5 else style.width * 0.5 / self.lod

    def paint(self, painter: QPainter) -> None:
        theme = self.theme
        if self._selected:
            glow = QColor(theme.accent)
            glow.setAlphaF(0.35)
            pen = QPen(glow, 8.0 if self.lod >= 0.5 else 4.0 / self.lod)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for _look, line in self._selected:
                painter.drawPath(line)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for key in sorted(self._lines, key=repr):
            style, paths = self._lines[key]
            painter.setPen(make_pen(style, self.lod, theme.background))
            # One call per link: one combined path of long antialiased lines makes the
            # rasteriser re-scan it band after band (100x slower, measured).
            for path in paths:
                painter.drawPath(path)
        painter.setPen(Qt.PenStyle.NoPen)
        for rgba in sorted(self._arrows):
            color, path = self._arrows[rgba]
            painter.setBrush(color)
            painter.drawPath(path)
        for look, tags, rect in self._tagged:
            paint_tags(painter, look, theme, tags, rect)


def paint_tags(painter: QPainter, look: LinkLook, theme: Theme,
               tags: list[Tag] | None = None, rect: QRectF | None = None) -> None:
    fonts = theme.fonts
    r = look.tag_rect if rect is None else rect
    x = r.left()
    for tag in (look.tags if tags is None else tags):
        box = QRectF(x, r.top(), tag.width, TAG_HEIGHT)
        x += tag.width + 3.0
        if tag.kind == "label":
            painter.setPen(QPen(look.style.color, 1.0))
            painter.setBrush(theme.label_fill)
            painter.drawRoundedRect(box.adjusted(0.5, 0.5, -0.5, -0.5), 8.0, 8.0)
            painter.setPen(theme.text)
            painter.setFont(fonts.label)
            painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), tag.text)
        elif tag.kind == "grade":
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(theme.grade_color(tag.text))
            painter.drawRoundedRect(box, 4.0, 4.0)
            painter.setPen(QColor("#ffffff"))
            painter.setFont(fonts.badge)
            painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), tag.text)
        elif tag.kind == "uncited":
            painter.setPen(QPen(theme.warning, 1.0))
            painter.setBrush(theme.warning_fill)
            painter.drawRoundedRect(box.adjusted(0.5, 0.5, -0.5, -0.5), 8.0, 8.0)
            draw_glyph(painter, warning_glyph(), QPointF(box.left() + 5.0, box.top() + 2.5),
                   0.9, theme.warning)
            painter.setPen(theme.warning)
            painter.setFont(fonts.small)
            painter.drawText(box.adjusted(14.0, 0.0, -2.0, 0.0),
                             int(Qt.AlignmentFlag.AlignCenter), tag.text)
        elif tag.kind == "count":
            painter.setPen(QPen(theme.border, 1.0))
            painter.setBrush(theme.label_fill)
            painter.drawRoundedRect(box.adjusted(0.5, 0.5, -0.5, -0.5), 8.0, 8.0)
            painter.setPen(theme.text_muted)
            painter.setFont(fonts.small)
            painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), tag.text)
        elif tag.kind == "cites":
            painter.setPen(QPen(theme.border, 1.0))
            painter.setBrush(theme.label_fill)
            painter.drawRoundedRect(box.adjusted(0.5, 0.5, -0.5, -0.5), 8.0, 8.0)
            draw_glyph(painter, citation_glyph(), QPointF(box.left() + 6.0, box.top() + 2.5),
                       0.85, theme.text_muted)
            painter.setPen(theme.text_muted)
            painter.setFont(fonts.small)
            painter.drawText(box.adjusted(15.0, 0.0, -2.0, 0.0),
                             int(Qt.AlignmentFlag.AlignCenter), tag.text)
        elif tag.kind == "unsourced":
            painter.setPen(QPen(theme.unsourced, 1.0, Qt.PenStyle.DashLine))
            painter.setBrush(theme.unsourced_fill)
            painter.drawRoundedRect(box.adjusted(0.5, 0.5, -0.5, -0.5), 8.0, 8.0)
            painter.setPen(theme.unsourced)
            painter.setFont(fonts.small)
            painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), tag.text)
        elif tag.kind == "contradiction":
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(theme.contradiction)
            painter.drawEllipse(box.center(), 8.0, 8.0)
            draw_glyph(painter, contradiction_glyph(),
                   QPointF(box.center().x() - 4.0, box.center().y() - 5.6), 0.8,
                   QColor("#ffffff"))


# ===================================================================== tooltip
def link_tooltip(link: Link, from_title: str, to_title: str,
                 decor: LinkDecor | None = None, backing: Backing | None = None) -> str:
    d = decor or EMPTY_LINK
    b = backing or NO_BACKING
    arrow = {"forward": "→", "both": "↔", "none": "—"}.get(link.direction, "→")
    lines = [f"{from_title} {arrow} {to_title}"]
    if link.label:
        lines.append(link.label)
    facts = [link.confidence]
    if d.contradiction:
        facts.append("contradiction")
    if d.citations:
        facts.append(f"{d.citations} citation{'s' if d.citations != 1 else ''}")
    elif link.unsourced:
        facts.append("marked as having no source")
    else:
        facts.append("no citation yet")
    if d.grade:
        facts.append(f"grade {d.grade}")
    corr = corroboration_text(b.sources, b.origins)
    if corr:
        facts.append(corr)
    lines.append(" · ".join(facts))
    if b.origin_names:
        lines.append("Origins: " + "; ".join(b.origin_names))
    return "\n".join(lines)
