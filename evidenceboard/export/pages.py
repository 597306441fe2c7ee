"""Page planning: how big a chart is printed, on how many pages, and where the frame goes.

The rule is readability: card titles (the smallest title font the render layer uses) come
out at least :data:`MIN_TITLE_PT` points on paper.  A chart that holds that on one page,
with its legend and sources beside it, is printed on one page; otherwise it becomes a
poster — a first *key page* (title, an overview of the whole chart with the pages
numbered on it, legend and sources), then the chart in tiles at a readable scale.  Tiles
with no card on them are not printed.  When even the largest poster allowed cannot keep
titles readable, the plan says so in ``warnings``.

All sizes are points (1/72 inch); chart scales are points per scene unit.

Presets name common targets (:data:`PRESETS`): A4 / A3 / Letter pages, a 1920 x 1080
slide, a 300 dpi figure for print (titles at 7 pt), a web image and the screen's own size.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPageSize

from ..formats.errors import InterchangeError
from .frame import (
    COLUMN_GAP,
    COLUMN_W,
    FOOTER_H,
    GAP,
    PanelItem,
    columns_height,
    flow,
    flow_to_width,
    header_height,
    panel_width,
)

MIN_TITLE_PT = 7.0
#: Largest chart scale: the screen at 100 % (one scene unit = one pixel at 96 dpi).
MAX_SCALE = 0.75
MM = 72.0 / 25.4
PAGE_MARGIN = 10.0 * MM
IMAGE_MARGIN = 16.0
#: Overlap between poster pages, in scene units, so pages can be glued.
TILE_OVERLAP = 24.0
#: Pages per poster at most.
MAX_TILES = 100
#: The panel takes at most this share of a page's width (at the right) or height (below).
PANEL_SHARE = 0.42

PAGE_SIZES = {
    "A5": QPageSize.PageSizeId.A5, "A4": QPageSize.PageSizeId.A4,
    "A3": QPageSize.PageSizeId.A3, "A2": QPageSize.PageSizeId.A2,
    "Letter": QPageSize.PageSizeId.Letter, "Legal": QPageSize.PageSizeId.Legal,
    "Tabloid": QPageSize.PageSizeId.Tabloid,
}


@dataclass(frozen=True)
class Preset:
    """A common export target.  ``page``: a paper size (PDF, print; a PNG of one page);
    ``pixels``: a fixed image size; otherwise the image is as big as the chart at
    ``scale`` (points per scene unit, None = titles at :data:`MIN_TITLE_PT`)."""

    name: str
    title: str
    dpi: float
    page: str | None = None
    pixels: tuple[int, int] | None = None
    scale: float | None = MAX_SCALE
    max_side: int | None = None  # pixels, for the web


PRESETS: dict[str, Preset] = {p.name: p for p in (
    Preset("a4", "A4 page", 300, page="A4"),
    Preset("a3", "A3 page", 300, page="A3"),
    Preset("letter", "US Letter page", 300, page="Letter"),
    Preset("slide", "Slide, 1920 × 1080", 96, pixels=(1920, 1080)),
    Preset("figure", "Figure for print, 300 dpi (titles 7 pt)", 300, scale=None),
    Preset("web", "Web image (at most 2,400 px)", 96, max_side=2400),
    Preset("screen", "As on screen at 100 %", 96),
)}
#: What each image format uses when no preset is asked for.
DEFAULT_PRESET = {"pdf": "a4", "png": "screen", "svg": "screen"}
#: Below this many pixels a title on a screen or slide is hard to read.
MIN_SCREEN_TITLE_PX = 9.0


def preset(name: str) -> Preset:
    p = PRESETS.get(name.lower())
    if p is None:
        raise InterchangeError(f"unknown preset {name!r}; choose one of " + ", ".join(PRESETS))
    return p


def page_points(page_size: str | tuple[float, float],
                landscape: bool) -> tuple[float, float]:
    """A named paper size (or a (width, height) in points: a printer's paper) in points,
    turned as asked."""
    if isinstance(page_size, tuple):
        w, h = page_size
    else:
        page_id = PAGE_SIZES.get(page_size)
        if page_id is None:
            raise InterchangeError(f"unknown page size {page_size!r}; choose one of "
                                   + ", ".join(PAGE_SIZES))
        s = QPageSize(page_id).size(QPageSize.Unit.Point)
        w, h = s.width(), s.height()
    return (max(w, h), min(w, h)) if landscape else (min(w, h), max(w, h))


# ----------------------------------------------------------------------------- one sheet
@dataclass
class Sheet:
    """Where everything goes on one page or image, in points from its top-left corner."""

    size: tuple[float, float]
    header: QRectF
    chart: QRectF  # the area the chart (or overview) is fitted into; empty: no chart
    scale: float  # points per scene unit of the chart
    columns: list = field(default_factory=list)  # flowed panel items
    panel: QPointF = field(default_factory=QPointF)
    footer: QRectF = field(default_factory=QRectF)
    overflow: list[PanelItem] = field(default_factory=list)  # items for further pages

    def chart_rect(self, content: QRectF) -> QRectF:
        """Where ``content`` lands: fitted in the chart area, centred."""
        w, h = content.width() * self.scale, content.height() * self.scale
        return QRectF(self.chart.left() + (self.chart.width() - w) / 2.0,
                      self.chart.top() + (self.chart.height() - h) / 2.0, w, h)


def _take_columns(items: list[PanelItem], column_h: float, n: int) -> tuple[list, list]:
    """The first ``n`` columns of ``items`` flowed at ``column_h``, and what is left."""
    cols = flow(items, column_h)
    kept = cols[:n]
    used = sum(len(c) for c in kept)
    return kept, items[used:]


def fixed_sheet(width: float, height: float, content: QRectF, items: list[PanelItem], *,
                margin: float = PAGE_MARGIN, max_scale: float = MAX_SCALE,
                compact: bool = False) -> Sheet:
    """A sheet of a given size: header, the chart fitted as large as it goes, the panel
    at the right or below (whichever leaves the chart bigger), footer."""
    inner = QRectF(margin, margin, width - 2 * margin, height - 2 * margin)
    hh = header_height(compact)
    header = QRectF(inner.left(), inner.top(), inner.width(), hh)
    footer = QRectF(inner.left(), inner.bottom() - FOOTER_H, inner.width(), FOOTER_H)
    body = QRectF(inner.left(), inner.top() + hh, inner.width(),
                  inner.height() - hh - FOOTER_H - GAP / 2.0)
    cw, ch = max(content.width(), 1e-6), max(content.height(), 1e-6)

    def fit(area: QRectF) -> float:
        if area.width() <= 0 or area.height() <= 0:
            return 0.0
        return min(area.width() / cw, area.height() / ch, max_scale)

    if not items:
        return Sheet((width, height), header, body, fit(body), footer=footer)
    options = []
    # Right: columns as tall as the body, as many as the share allows.
    n_right = max(1, int((body.width() * PANEL_SHARE + COLUMN_GAP) // (COLUMN_W + COLUMN_GAP)))
    cols, rest = _take_columns(items, body.height(), n_right)
    pw = panel_width(len(cols))
    area = QRectF(body.left(), body.top(), body.width() - pw - GAP * 2, body.height())
    options.append((fit(area), -len(rest), Sheet(
        (width, height), header, area, fit(area), cols,
        QPointF(body.right() - pw, body.top()), footer, rest)))
    # Below: columns across the width, at most the share of the height.
    cols = flow_to_width(items, body.width())
    ph = columns_height(cols)
    rest = []
    if ph > body.height() * PANEL_SHARE:
        n = max(1, int((body.width() + COLUMN_GAP) // (COLUMN_W + COLUMN_GAP)))
        ph = body.height() * PANEL_SHARE
        cols, rest = _take_columns(items, ph, n)
        ph = columns_height(cols)
    area = QRectF(body.left(), body.top(), body.width(), body.height() - ph - GAP * 2)
    options.append((fit(area), -len(rest), Sheet(
        (width, height), header, area, fit(area), cols,
        QPointF(body.left(), area.bottom() + GAP * 2), footer, rest)))
    # Whatever shows every item first, then the larger chart.
    options.sort(key=lambda o: (o[1], o[0]), reverse=True)
    return options[0][2]


def sized_sheet(content: QRectF, scale: float, items: list[PanelItem], *,
                margin: float = IMAGE_MARGIN) -> Sheet:
    """A sheet as big as the chart at ``scale`` needs, with the panel below a wide chart
    and at the right of a tall one (an image, an SVG)."""
    cw, ch = content.width() * scale, content.height() * scale
    hh = header_height()
    top = margin + hh
    if not items:
        w, h = cw + 2 * margin, top + ch + GAP + FOOTER_H + margin
        return Sheet((w, h), QRectF(margin, margin, max(cw, COLUMN_W), hh),
                     QRectF(margin, top, cw, ch), scale,
                     footer=QRectF(margin, h - margin - FOOTER_H, cw, FOOTER_H))
    if cw >= ch:
        width = max(cw, COLUMN_W)
        cols = flow_to_width(items, width)
        ph = columns_height(cols)
        w = width + 2 * margin
        h = top + ch + GAP * 2 + ph + GAP + FOOTER_H + margin
        chart = QRectF(margin + (width - cw) / 2.0, top, cw, ch)
        panel = QPointF(margin, top + ch + GAP * 2)
    else:
        cols = flow(items, max(ch, 200.0))
        pw = panel_width(len(cols))
        w = cw + GAP * 2 + pw + 2 * margin
        h = top + max(ch, columns_height(cols)) + GAP + FOOTER_H + margin
        chart = QRectF(margin, top, cw, ch)
        panel = QPointF(margin + cw + GAP * 2, top)
    inner_w = w - 2 * margin
    return Sheet((w, h), QRectF(margin, margin, inner_w, hh), chart, scale, cols, panel,
                 QRectF(margin, h - margin - FOOTER_H, inner_w, FOOTER_H))


def panel_sheets(width: float, height: float, items: list[PanelItem]) -> list[Sheet]:
    """Pages holding only panel columns (the legend and sources that did not fit)."""
    out = []
    while items:
        s = fixed_sheet(width, height, QRectF(0, 0, 1, 1), [], compact=True)
        n = max(1, int((s.chart.width() + COLUMN_GAP) // (COLUMN_W + COLUMN_GAP)))
        cols, rest = _take_columns(items, s.chart.height(), n)
        if not cols:
            break
        s.columns, s.panel, s.chart, s.scale = cols, s.chart.topLeft(), QRectF(), 0.0
        out.append(s)
        items = rest
    return out


# ----------------------------------------------------------------------------- posters
@dataclass(frozen=True)
class Tile:
    number: int  # the page it is printed on (1 = the key page)
    row: int
    column: int
    rect: QRectF  # scene rectangle


def tile_grid(content: QRectF, area_w: float, area_h: float, scale: float,
              overlap: float = TILE_OVERLAP, shift: tuple[float, float] | None = None,
              max_tiles: int | None = None
              ) -> tuple[int, int, list[tuple[int, int, QRectF]]]:
    """Columns, rows and the scene rectangles of pages ``area_w`` x ``area_h`` points at
    ``scale``, overlapping by ``overlap`` scene units, centred over ``content`` — or,
    with ``shift`` (fractions of a page), starting that far before its top-left corner
    (another grid may leave more pages empty).  Past ``max_tiles`` pages only the counts
    come back (no rectangles): a board spanning the whole coordinate space at a readable
    scale would be millions of pages, and building them all cost 700 MB and 90 s."""
    tw, th = area_w / scale, area_h / scale
    o = min(overlap, tw / 4.0, th / 4.0)
    if shift is None:
        cols = max(1, math.ceil((content.width() - o) / (tw - o) - 1e-9))
        rows = max(1, math.ceil((content.height() - o) / (th - o) - 1e-9))
        x0 = content.left() - (cols * (tw - o) + o - content.width()) / 2.0
        y0 = content.top() - (rows * (th - o) + o - content.height()) / 2.0
    else:
        x0 = content.left() - shift[0] * (tw - o)
        y0 = content.top() - shift[1] * (th - o)
        cols = max(1, math.ceil((content.right() - x0 - o) / (tw - o) - 1e-9))
        rows = max(1, math.ceil((content.bottom() - y0 - o) / (th - o) - 1e-9))
    if max_tiles is not None and cols * rows > max_tiles:
        return cols, rows, []
    return cols, rows, [(r, c, QRectF(x0 + c * (tw - o), y0 + r * (th - o), tw, th))
                        for r in range(rows) for c in range(cols)]


#: Grid positions tried for a poster (None = centred), fractions of a page.
SHIFTS: tuple[tuple[float, float] | None, ...] = (
    None, *((fx, fy) for fx in (0.0, 1 / 3, 2 / 3) for fy in (0.0, 1 / 3, 2 / 3)))


def fill_scale(content: QRectF, area_w: float, area_h: float, cols: int, rows: int,
               overlap: float = TILE_OVERLAP) -> float:
    """The largest scale at which ``cols`` x ``rows`` pages still cover ``content``."""
    return min(area_w / ((content.width() - overlap) / cols + overlap),
               area_h / ((content.height() - overlap) / rows + overlap))


def occupied(tiles: list[tuple[int, int, QRectF]], cards: list[QRectF]) -> list[bool]:
    """Which tiles have some card on them (a bucket grid keeps this linear)."""
    if not tiles:
        return []
    cell = max(tiles[0][2].width(), tiles[0][2].height())
    buckets: dict[tuple[int, int], list[QRectF]] = {}
    for r in cards:
        for gx in range(math.floor(r.left() / cell), math.floor(r.right() / cell) + 1):
            for gy in range(math.floor(r.top() / cell), math.floor(r.bottom() / cell) + 1):
                buckets.setdefault((gx, gy), []).append(r)
    out = []
    for _r, _c, t in tiles:
        hit = False
        for gx in range(math.floor(t.left() / cell), math.floor(t.right() / cell) + 1):
            for gy in range(math.floor(t.top() / cell), math.floor(t.bottom() / cell) + 1):
                if any(t.intersects(r) for r in buckets.get((gx, gy), ())):
                    hit = True
                    break
            if hit:
                break
        out.append(hit)
    return out


def split_tiles(content: QRectF, tiles: tuple[int, int],
                overlap: float = TILE_OVERLAP) -> list[tuple[int, int, QRectF]]:
    """``content`` cut into exactly cols x rows equal pages, overlapping a little."""
    cols, rows = tiles
    w, h = content.width() / cols, content.height() / rows
    out = []
    for r in range(rows):
        for c in range(cols):
            t = QRectF(content.left() + c * w, content.top() + r * h, w, h)
            if cols > 1 or rows > 1:
                t = t.adjusted(-overlap if c else 0, -overlap if r else 0,
                               overlap if c < cols - 1 else 0, overlap if r < rows - 1 else 0)
            out.append((r, c, t))
    return out


def check_tiles(tiles: tuple[int, int] | None) -> tuple[int, int]:
    if tiles is None:
        return (1, 1)
    cols, rows = tiles
    if cols < 1 or rows < 1 or cols * rows > MAX_TILES:
        raise InterchangeError(f"{cols} x {rows} pages: choose 1 to {MAX_TILES} pages in all")
    return (int(cols), int(rows))


__all__ = [
    "DEFAULT_PRESET",
    "MAX_SCALE",
    "MAX_TILES",
    "MIN_TITLE_PT",
    "PAGE_MARGIN",
    "PAGE_SIZES",
    "PRESETS",
    "SHIFTS",
    "Preset",
    "Sheet",
    "Tile",
    "check_tiles",
    "fill_scale",
    "fixed_sheet",
    "occupied",
    "page_points",
    "panel_sheets",
    "preset",
    "sized_sheet",
    "split_tiles",
    "tile_grid",
]
