"""The frame around an exported chart: title block, marking, footer and the side panel
(legend and sources) that make a chart understandable without the app.

Everything here is laid out in **points** (1/72 inch): the painter handed in is scaled so
one unit is one point on paper, or ``dpi / 72`` pixels in an image.  Fonts are whole
points (a QFont pixel size in point units), so text sizes read back from a PDF are exact.

* :class:`FrameInfo` — what the frame says: title (the board's name unless the user
  typed another), subtitle, author, organisation, export date, and an optional marking
  ("DRAFT", a classification) printed in red at the top and bottom of every page.
* :func:`paint_header` / :func:`paint_footer` — the bands above and below a chart.
* :class:`PanelItem` and :func:`flow` — the legend and sources as rows that flow into
  columns of a fixed width, so the panel fits beside or below the chart.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen

from ..render.text import TextBlock, elide, text_width
from ..render.theme import default_family, font_of

INK = QColor("#1d2127")
MUTED = QColor("#5a636f")
RULE = QColor("#c3c9d2")
MARKING = QColor("#b3261e")

#: Sizes in points.
TITLE_PT = 16
SUBTITLE_PT = 8
HEADING_PT = 9
TEXT_PT = 7
FOOTER_PT = 7
COLUMN_W = 190.0
COLUMN_GAP = 14.0
GAP = 8.0  # between the chart, the panel and the bands
SAMPLE_W = 30.0
SAMPLE_H = 12.0
MIN_COLUMN_H = 150.0


def font(pt: int, bold: bool = False, italic: bool = False) -> QFont:
    """A frame font ``pt`` points high (the painter's unit is a point)."""
    return font_of(default_family(), pt, bold, italic)


@dataclass(frozen=True)
class FrameInfo:
    """What the frame of an exported chart says."""

    title: str = "EvidenceBoard chart"
    subtitle: str = ""
    author: str = ""
    organisation: str = ""
    date: str = field(default_factory=lambda: _dt.date.today().isoformat())  # "" = none
    marking: str = ""  # "DRAFT", "CONFIDENTIAL", ... (empty: none)
    summary: str = ""  # "131 cards · 193 links · 5 sources", filled in by the chart

    def byline(self) -> str:
        """"Subtitle · Author, Organisation · exported 2021-11-02"."""
        who = ", ".join(p for p in (self.author, self.organisation) if p)
        when = f"exported {self.date}" if self.date else ""
        return " · ".join(p for p in (self.subtitle, who, when) if p)


# ----------------------------------------------------------------------------- bands
def header_height(compact: bool = False) -> float:
    if compact:
        return 14.0 + GAP
    return TITLE_PT * 1.25 + 3.0 + SUBTITLE_PT * 1.3 + GAP


FOOTER_H = FOOTER_PT * 1.4 + 4.0


def _marking_box(painter: QPainter, text: str, right: float, top: float, pt: int) -> float:
    """A red boxed marking with its right edge at ``right``; returns its left edge."""
    f = font(pt, bold=True)
    w = text_width(text, f) + 8.0
    h = pt * 1.45
    box = QRectF(right - w, top, w, h)
    painter.setPen(QPen(MARKING, 1.0))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(box)
    painter.setFont(f)
    painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), text)
    return box.left()


def paint_header(painter: QPainter, rect: QRectF, info: FrameInfo, *,
                 page: str = "", compact: bool = False) -> None:
    """The title block across the top of ``rect`` (page coordinates in points).
    ``compact`` (poster pages): title and page number on one line."""
    painter.save()
    right = rect.right()
    mark_pt = 9 if compact else 11
    if info.marking:  # painted after the title, so the title is read first
        right -= text_width(info.marking.upper(), font(mark_pt, bold=True)) + 16.0
    if compact:
        f = font(9, bold=True)
        painter.setFont(f)
        painter.setPen(INK)
        line = QRectF(rect.left(), rect.top(), right - rect.left(), 14.0)
        if page:
            pf = font(9)
            pw = text_width(page, pf) + 4.0
            painter.setFont(pf)
            painter.drawText(line, int(Qt.AlignmentFlag.AlignRight |
                                       Qt.AlignmentFlag.AlignVCenter), page)
            line.setRight(line.right() - pw - 8.0)
            painter.setFont(f)
        painter.drawText(line, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         elide(info.title, f, line.width()))
    else:
        tf = font(TITLE_PT, bold=True)
        block = TextBlock(info.title, tf, right - rect.left(), 1)
        painter.setPen(INK)
        block.draw(painter, rect.left(), rect.top())
        sf = font(SUBTITLE_PT)
        painter.setFont(sf)
        painter.setPen(MUTED)
        y = rect.top() + TITLE_PT * 1.25 + 3.0
        painter.drawText(QRectF(rect.left(), y, right - rect.left(), SUBTITLE_PT * 1.3),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         elide(info.byline(), sf, right - rect.left()))
    if info.marking:
        _marking_box(painter, info.marking.upper(), rect.right(), rect.top(), mark_pt)
    painter.setPen(QPen(RULE, 0.5))
    y = rect.top() + header_height(compact) - GAP / 2.0
    painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
    painter.restore()


def paint_footer(painter: QPainter, rect: QRectF, info: FrameInfo, page: str = "") -> None:
    """The line under the chart: what it is, the marking again, the page number."""
    painter.save()
    f = font(FOOTER_PT)
    painter.setFont(f)
    band = QRectF(rect.left(), rect.bottom() - FOOTER_PT * 1.4, rect.width(), FOOTER_PT * 1.4)
    painter.setPen(QPen(RULE, 0.5))
    painter.drawLine(QPointF(band.left(), band.top() - 2.0), QPointF(band.right(), band.top() - 2.0))
    painter.setPen(MUTED)
    left = " · ".join(p for p in (info.title, info.summary,
                                  (f"exported {info.date} from EvidenceBoard" if info.date
                                   else "made with EvidenceBoard")) if p)
    page_w = text_width(page, f) + 6.0 if page else 0.0
    mark_w = text_width(info.marking.upper(), font(FOOTER_PT, True)) + 12.0 if info.marking else 0
    painter.drawText(band.adjusted(0, 0, -(page_w + mark_w + 6.0), 0),
                     int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                     elide(left, f, band.width() - page_w - mark_w - 6.0))
    if page:
        painter.setPen(INK)
        painter.drawText(band, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                         page)
    if info.marking:
        painter.setPen(MARKING)
        painter.setFont(font(FOOTER_PT, True))
        painter.drawText(band.adjusted(0, 0, -page_w, 0),
                         int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                         info.marking.upper())
    painter.restore()


# ----------------------------------------------------------------------------- panel
@dataclass
class PanelItem:
    """One row of the side panel, laid out for a column ``width`` points wide."""

    kind: str  # "heading" | "group" | "row"
    height: float
    paint: Callable[[QPainter, float, float], None]  # (painter, x, y)
    keep_with_next: bool = False


def heading(text: str, width: float, pt: int = HEADING_PT) -> PanelItem:
    f = font(pt, bold=True)

    def paint(painter: QPainter, x: float, y: float) -> None:
        painter.setFont(f)
        painter.setPen(INK)
        painter.drawText(QRectF(x, y, width, pt * 1.35),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), text)
    return PanelItem("heading", pt * 1.35 + 3.0, paint, keep_with_next=True)


def text_row(lead: str, text: str, width: float, lead_w: float = 14.0,
             sample: Callable[[QPainter, QRectF], None] | None = None) -> PanelItem:
    """A numbered or illustrated row: ``lead`` (a number) or ``sample`` on the left,
    ``text`` wrapped beside it."""
    f = font(TEXT_PT)
    left = SAMPLE_W + 5.0 if sample is not None else lead_w
    block = TextBlock(text, f, width - left, 0)
    height = max(block.height, SAMPLE_H if sample is not None else 0.0) + 2.5

    def paint(painter: QPainter, x: float, y: float) -> None:
        if sample is not None:
            sample(painter, QRectF(x, y + max(0.0, (min(block.line_height * 1.0, height)
                                                   - SAMPLE_H) / 2.0), SAMPLE_W, SAMPLE_H))
        else:
            painter.setFont(font(TEXT_PT, bold=True))
            painter.setPen(INK)
            painter.drawText(QRectF(x, y, lead_w, block.line_height),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop), lead)
        painter.setPen(INK)
        block.draw(painter, x + left, y)
    return PanelItem("row", height, paint)


def spacer(h: float = 6.0) -> PanelItem:
    return PanelItem("spacer", h, lambda p, x, y: None)


def flow(items: list[PanelItem], column_h: float) -> list[list[tuple[PanelItem, float]]]:
    """Items in columns at most ``column_h`` high (an item taller than a column gets one
    of its own); a heading stays with the row after it."""
    columns: list[list[tuple[PanelItem, float]]] = [[]]
    y = 0.0
    i = 0
    while i < len(items):
        item = items[i]
        need = item.height
        if item.keep_with_next and i + 1 < len(items):
            need += items[i + 1].height
        if columns[-1] and y + need > column_h:
            columns.append([])
            y = 0.0
            if item.kind == "spacer":
                i += 1
                continue
        columns[-1].append((item, y))
        y += item.height
        i += 1
    return [c for c in columns if c]


def columns_height(columns: list[list[tuple[PanelItem, float]]]) -> float:
    return max((y + it.height for col in columns for it, y in col[-1:]), default=0.0)


def panel_width(n_columns: int) -> float:
    return n_columns * COLUMN_W + max(0, n_columns - 1) * COLUMN_GAP


def paint_columns(painter: QPainter, columns: list[list[tuple[PanelItem, float]]],
                  origin: QPointF) -> None:
    painter.save()
    for k, col in enumerate(columns):
        x = origin.x() + k * (COLUMN_W + COLUMN_GAP)
        for item, y in col:
            item.paint(painter, x, origin.y() + y)
    painter.restore()


def flow_to_width(items: list[PanelItem], width: float) -> list[list[tuple[PanelItem, float]]]:
    """The lowest columns that fit ``items`` across ``width`` points."""
    n = max(1, int((width + COLUMN_GAP) // (COLUMN_W + COLUMN_GAP)))
    total = sum(i.height for i in items)
    tallest = max((i.height for i in items), default=0.0)
    # Columns of at least MIN_COLUMN_H (or all in one): a legend read across twenty
    # one-line columns is no legend.
    lo, hi = max(tallest, total / n, min(total, MIN_COLUMN_H)), total + 1.0
    best = flow(items, hi)
    for _ in range(24):  # bisect the column height
        mid = (lo + hi) / 2.0
        cols = flow(items, mid)
        if len(cols) <= n:
            best, hi = cols, mid
        else:
            lo = mid
    return best


__all__ = ["FOOTER_H", "FrameInfo", "PanelItem", "columns_height", "flow", "flow_to_width",
           "font", "header_height", "heading", "paint_columns", "paint_footer",
           "paint_header", "panel_width", "spacer", "text_row"]
