"""The timeline: dated claims on a time axis in lanes (per actor or per source), painted
with any QPainter — the window's timeline and its PNG / SVG / PDF exports share it.

:class:`TimelineModel` arranges :class:`~evidenceboard.analysis.dates.TimelineRow` s in
lanes; :class:`TimelineGeometry` maps days to x (the zoom and pan are ``px_per_day`` and
``day0``) and lanes to y; :func:`paint_timeline` draws the axis, the lanes and the
markers (a dot for a day, a bar for a longer period, hollow when the year is not stated)
and gives back where each marker is, for hit testing.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from ..analysis.dates import TimelineRow
from ..model import Board
from .theme import default_family, font_of

LANE_HEIGHT = 34.0
HEADER = 150.0  # the lane names' column
AXIS = 34.0  # the axis band at the top
MARKER = 9.0
LABEL_ROOM = 210.0  # the last marker's words, right of the plot when fitted
NO_ACTOR = "(no actor)"
LANES = ("actor", "source")


@dataclass(frozen=True)
class Lane:
    key: str  # an actor card id or a source id ("" for no actor)
    title: str
    rows: tuple[TimelineRow, ...]


@dataclass
class TimelineModel:
    """Dated claims in lanes.  A claim about two actors is in both their lanes."""

    rows: list[TimelineRow]
    lanes: list[Lane]
    by: str = "actor"

    @staticmethod
    def build(board: Board, rows: Iterable[TimelineRow], by: str = "actor",
              shown: set[str] | None = None) -> TimelineModel:
        """Lanes of ``rows`` per actor (only actors in ``shown`` when given: what the
        board shows) or per source, busiest first."""
        rows = list(rows)
        groups: dict[str, list[TimelineRow]] = {}
        titles: dict[str, str] = {}
        for r in rows:
            if by == "source":
                keys = [r.source]
                titles[r.source] = r.source_title
            else:
                keys = [a for a in r.actors if a in board.cards and
                        (shown is None or a in shown)] or [""]
                for a in keys:
                    titles[a] = board.cards[a].title if a else NO_ACTOR
            for k in keys:
                groups.setdefault(k, []).append(r)
        lanes = [Lane(k, titles[k], tuple(v)) for k, v in groups.items()]
        lanes.sort(key=lambda ln: (ln.key == "", -len(ln.rows), ln.title.casefold(), ln.key))
        return TimelineModel(rows, lanes, by)

    def span(self) -> tuple[date, date]:
        if not self.rows:
            today = date(2000, 1, 1)
            return today, today + timedelta(days=30)
        return min(r.first for r in self.rows), max(r.last for r in self.rows)


def day_number(d: date) -> float:
    return float(d.toordinal())


@dataclass
class TimelineGeometry:
    """Where things are: x of a day, y of a lane (pixels of the painted area)."""

    px_per_day: float
    day0: float  # the day at the left edge of the plot (an ordinal, may be fractional)
    top: float = 0.0  # lanes scrolled up by this many pixels

    def x(self, day: float) -> float:
        return HEADER + (day - self.day0) * self.px_per_day

    def day_at(self, x: float) -> float:
        return self.day0 + (x - HEADER) / self.px_per_day

    def lane_y(self, index: int) -> float:
        return AXIS + index * LANE_HEIGHT - self.top

    @staticmethod
    def fitted(model: TimelineModel, width: float) -> TimelineGeometry:
        """All the claims across ``width`` pixels, a little room at both ends."""
        a, b = model.span()
        days = max(30.0, (b - a).days + 1.0)
        pad = days * 0.06
        plot = max(50.0, width - HEADER - LABEL_ROOM)
        return TimelineGeometry(plot / (days + 2 * pad), day_number(a) - pad)


@dataclass
class Hit:
    """Where a marker was painted: the claim it stands for."""

    card: str
    rect: QRectF


@dataclass
class TimelineColors:
    background: QColor = field(default_factory=lambda: QColor("#ffffff"))
    text: QColor = field(default_factory=lambda: QColor("#1d1f23"))
    muted: QColor = field(default_factory=lambda: QColor("#6b7078"))
    grid: QColor = field(default_factory=lambda: QColor("#e3e5e8"))
    lane: QColor = field(default_factory=lambda: QColor("#f5f6f8"))
    marker: QColor = field(default_factory=lambda: QColor("#c9a227"))
    selected: QColor = field(default_factory=lambda: QColor("#2a6fdb"))
    faded: QColor = field(default_factory=lambda: QColor("#d4d6da"))


def _tick_step(px_per_day: float) -> tuple[str, int]:
    """The axis' unit and step so labels are about 90 px apart."""
    for unit, days, steps in (("day", 1, (1, 2, 7, 14)), ("month", 30.44, (1, 2, 3, 6)),
                              ("year", 365.25, (1, 2, 5, 10, 20, 50, 100))):
        for s in steps:
            if days * s * px_per_day >= 90:
                return unit, s
    return "year", 200


def _ticks(unit: str, step: int, first: float, last: float) -> list[tuple[float, str]]:
    out: list[tuple[float, str]] = []
    top = date.max.toordinal()
    d0 = date.fromordinal(min(top, max(1, math.floor(first))))
    d1 = date.fromordinal(min(top, max(1, math.ceil(last))))
    if unit == "day":
        d = d0
        while d <= d1 and len(out) < 400:
            out.append((day_number(d), d.strftime("%d %b %Y") if d.day == 1 or not out
                        else d.strftime("%d %b")))
            d += timedelta(days=step)
        return out
    if unit == "month":
        y, m = d0.year, d0.month
        while (y, m) <= (d1.year, d1.month) and len(out) < 400:
            if (m - 1) % step == 0:
                d = date(y, m, 1)
                out.append((day_number(d), d.strftime("%b %Y") if m == 1 or not out
                            else d.strftime("%b")))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out
    y = d0.year - d0.year % step
    while y <= d1.year and len(out) < 400:
        if y >= 1:
            out.append((day_number(date(y, 1, 1)), str(y)))
        y += step
    return out


def _elide(fm: QFontMetricsF, text: str, width: float) -> str:
    return fm.elidedText(" ".join(text.split()), Qt.TextElideMode.ElideRight, width)


def paint_timeline(painter: QPainter, model: TimelineModel, geo: TimelineGeometry,
                   size: tuple[float, float], *, selected: Iterable[str] = (),
                   faded: Iterable[str] = (), colors: TimelineColors | None = None,
                   family: str | None = None, title: str = "") -> list[Hit]:
    """Paint the timeline into ``(0, 0, width, height)``; returns the markers painted."""
    colors = colors or TimelineColors()
    family = family or default_family()
    selected, faded = set(selected), set(faded)
    w, h = size
    small: QFont = font_of(family, 11, False, False)
    bold: QFont = font_of(family, 11, True, False)
    fm = QFontMetricsF(small)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.fillRect(QRectF(0, 0, w, h), colors.background)
    hits: list[Hit] = []
    # lanes
    painter.setFont(bold)
    for i in range(len(model.lanes)):
        y = geo.lane_y(i)
        if y + LANE_HEIGHT < AXIS or y > h:
            continue
        if i % 2 == 0:
            painter.fillRect(QRectF(0, y, w, LANE_HEIGHT), colors.lane)
    # grid and axis
    first, last = geo.day_at(HEADER), geo.day_at(w)
    unit, step = _tick_step(geo.px_per_day)
    painter.setFont(small)
    for day, label in _ticks(unit, step, first, last):
        x = geo.x(day)
        if x < HEADER or x > w:
            continue
        painter.setPen(QPen(colors.grid, 1))
        painter.drawLine(QPointF(x, AXIS - 6), QPointF(x, h))
        painter.setPen(colors.muted)
        painter.drawText(QRectF(x + 3, 4, 140, AXIS - 10),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label)
    # markers, lane by lane (clipped to the plot)
    painter.save()
    painter.setClipRect(QRectF(HEADER, AXIS, max(0.0, w - HEADER), max(0.0, h - AXIS)))
    for i, lane in enumerate(model.lanes):
        y = geo.lane_y(i)
        if y + LANE_HEIGHT < AXIS or y > h:
            continue
        cy = y + LANE_HEIGHT / 2
        right_of_label = -1e9
        for r in lane.rows:
            x0 = geo.x(day_number(r.first))
            x1 = geo.x(day_number(r.last) + 1.0)
            if x1 < HEADER - 200 or x0 > w:
                continue
            sel = r.card in selected
            color = colors.selected if sel else (colors.faded if r.card in faded
                                                 else colors.marker)
            if x1 - x0 <= MARKER * 1.5 and r.precision == "day":
                cx = (x0 + x1) / 2
                rect = QRectF(cx - MARKER / 2, cy - MARKER / 2, MARKER, MARKER)
                painter.setPen(QPen(color.darker(130), 1.5))
                painter.setBrush(color if r.year_stated else Qt.BrushStyle.NoBrush)
                painter.drawEllipse(rect)
            else:
                rect = QRectF(x0, cy - MARKER / 2 + 1, max(MARKER, x1 - x0), MARKER - 2)
                painter.setPen(QPen(color.darker(130), 1))
                fill = QColor(color)
                fill.setAlpha(200 if sel else 130)
                painter.setBrush(fill)
                painter.drawRoundedRect(rect, 3, 3)
            if sel:
                painter.setPen(QPen(colors.selected, 2))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawEllipse(rect.center(), MARKER, MARKER) if rect.width() <= \
                    MARKER * 1.5 else painter.drawRoundedRect(rect.adjusted(-3, -3, 3, 3),
                                                              4, 4)
            hits.append(Hit(r.card, rect.adjusted(-3, -3, 3, 3)))
            # its words beside it, when there is room
            lx = rect.right() + 5
            if lx > right_of_label:
                text = _elide(fm, r.title, 190)
                painter.setPen(colors.selected if sel else
                               (colors.faded if r.card in faded else colors.text))
                painter.drawText(QRectF(lx, cy - 9, 200, 18),
                                 Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                                 text)
                right_of_label = lx + fm.horizontalAdvance(text) + 10
    painter.restore()
    # lane names over everything at the left
    painter.fillRect(QRectF(0, AXIS, HEADER, h - AXIS), colors.background)
    painter.setFont(bold)
    bfm = QFontMetricsF(bold)
    for i, lane in enumerate(model.lanes):
        y = geo.lane_y(i)
        if y + LANE_HEIGHT < AXIS or y > h:
            continue
        if i % 2 == 0:
            painter.fillRect(QRectF(0, max(AXIS, y), HEADER, LANE_HEIGHT), colors.lane)
        painter.setPen(colors.text)
        painter.drawText(QRectF(8, y, HEADER - 14, LANE_HEIGHT),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         _elide(bfm, f"{lane.title} ({len(lane.rows)})", HEADER - 14))
    painter.setPen(QPen(colors.grid, 1))
    painter.drawLine(QPointF(HEADER, AXIS), QPointF(HEADER, h))
    painter.drawLine(QPointF(0, AXIS), QPointF(w, AXIS))
    if title:
        painter.setPen(colors.text)
        painter.setFont(bold)
        painter.drawText(QRectF(8, 4, HEADER - 12, AXIS - 8),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         _elide(bfm, title, HEADER - 12))
    painter.restore()
    return hits


def export_size(model: TimelineModel, width: float = 1600.0) -> tuple[float, float]:
    """The size of an exported timeline: the given width, every lane."""
    return width, AXIS + max(1, len(model.lanes)) * LANE_HEIGHT + 8.0
