"""A chart to publish: the board as printed, with its frame, legend and sources, planned
onto pages or one image and painted onto any QPainter (PDF, printer, PNG, SVG).

:func:`build_chart` prepares what is printed:

* **whole titles** — paper has no tooltip, so a card whose title (a claim's quote) would
  be cut with "…" grows until it shows all of it (:func:`render.cards.fitted_size`), and
  cards it would then cover move down by as much (never sideways; cards that already
  overlapped on the board are left as they are);
* **footnote marks** — each card and link shows the numbers of the sources it cites, and
  the sources block lists them (:mod:`.sources`);
* **the legend** of the looks actually drawn (:mod:`.legend`).

:func:`plan_pages` chooses one page or a poster so that card titles are at least
:data:`pages.MIN_TITLE_PT` on paper; :func:`paint_plan` paints the pages, and
:func:`image_sheet` / :func:`paint_sheet` do the same for a single image.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from ..model import Board, Card
from ..render import FarLayer, Theme
from ..render.board import (
    BoardLooks,
    board_bounds,
    board_looks,
    card_rect,
    display_sizes,
    paint_board,
)
from ..render.cards import CardLook, fitted_size, title_font_px
from ..render.decor import DecorCache
from ..render.decor import plural as n_of
from ..render.features import Feature, community_features, drawn_features, legend_order
from .frame import (
    COLUMN_W,
    FOOTER_PT,
    FrameInfo,
    PanelItem,
    font,
    header_height,
    heading,
    paint_columns,
    paint_footer,
    paint_header,
    spacer,
    text_row,
)
from .legend import legend_items
from .pages import (
    MAX_SCALE,
    MAX_TILES,
    MIN_SCREEN_TITLE_PX,
    MIN_TITLE_PT,
    PAGE_MARGIN,
    SHIFTS,
    Sheet,
    Tile,
    fill_scale,
    fixed_sheet,
    occupied,
    page_points,
    panel_sheets,
    sized_sheet,
    split_tiles,
    tile_grid,
)
from .sources import SourceEntry, marks_function, number_sources, source_entries

#: Space kept between a card that grew and the card it pushed down (scene units).
PUSH_GAP = 12.0
#: Above this many cards the poster's overview map is drawn in bulk (rectangles).
OVERVIEW_DETAIL_MAX = 600


# ----------------------------------------------------------------------------- the chart
@dataclass
class Chart:
    """A board ready to print and what its frame says."""

    board: Board  # as printed: cards grown to show whole titles
    decor: DecorCache  # with footnote marks
    theme: Theme
    content: QRectF  # the scene rectangle the chart shows
    info: FrameInfo
    features: list[Feature]
    sources: list[SourceEntry]
    show_legend: bool = True
    show_sources: bool = True
    geometries: dict = field(default_factory=dict)
    grown: int = 0  # cards grown to show their whole title
    looks: BoardLooks | None = None
    faded: frozenset[str] = frozenset()  # drawn faded, as the view on screen

    @property
    def title_px(self) -> float:
        return title_font_px(self.theme)

    def panel_items(self, width: float = COLUMN_W) -> list[PanelItem]:
        items: list[PanelItem] = []
        if self.show_legend:
            items += legend_items(self.features, self.theme, width)
        if self.show_sources and self.sources:
            if items:
                items.append(spacer(8.0))
            items.append(heading("Sources", width, 11))
            items.append(text_row("", "The numbers on cards and links refer to this list.",
                                  width, lead_w=0.0))
            for e in self.sources:
                items.append(text_row(f"{e.number}", e.text, width))
        return items

    def paint(self, painter: QPainter, source: QRectF, *, cull: bool = True) -> None:
        """The chart in scene coordinates (the caller set the transform and clip).  The
        cards' sizes and the links' looks are made on the first page, kept for the
        others."""
        if self.looks is None:
            self.looks = board_looks(self.board, self.theme, self.decor,
                                     geometries=self.geometries, faded=self.faded)
        paint_board(painter, self.board, self.theme, background=False, decor=self.decor,
                    source=source, cull=cull, looks=self.looks)

    def card_rects(self) -> list[QRectF]:
        sizes = display_sizes(self.board)
        return [card_rect(c, sizes) for c in self.board.cards.values()]


def whole_titles(board: Board, theme: Theme) -> tuple[Board, int]:
    """``board`` with every card big enough to show its whole title; cards a grown card
    would cover move down.  Returns the board and how many cards grew."""
    decor = DecorCache(board)
    sizes: dict[str, tuple[float, float]] = {}
    for card in board.cards.values():
        if CardLook(card, decor.card(card), theme).blocks()["title"].elided:
            sizes[card.id] = fitted_size(card, decor.card(card), theme)
    if not sizes:
        return board, 0
    original = {c.id: card_rect(c) for c in board.cards.values()}
    cell = 400.0
    placed: dict[tuple[int, int], list[tuple[str, QRectF]]] = {}

    def cells(r: QRectF):
        for gx in range(math.floor(r.left() / cell), math.floor(r.right() / cell) + 1):
            for gy in range(math.floor(r.top() / cell), math.floor(r.bottom() / cell) + 1):
                yield (gx, gy)

    moved: dict[str, Card] = {}
    for card in sorted(board.cards.values(), key=lambda c: (c.y, c.x, c.id)):
        w, h = sizes.get(card.id, (card.width, card.height))
        rect = QRectF(card.x, card.y, w, h)
        for _ in range(200):  # each pass moves the card below one more card
            below = None
            for key in cells(rect):
                for other_id, other in placed.get(key, ()):
                    if other.intersects(rect) and not original[other_id].intersects(
                            original[card.id]):
                        below = max(below or 0.0, other.bottom() + PUSH_GAP)
            if below is None:
                break
            rect.moveTop(below)
        for key in cells(rect):
            placed.setdefault(key, []).append((card.id, QRectF(rect)))
        if (w, h) != (card.width, card.height) or rect.top() != card.y:
            moved[card.id] = replace(card, y=rect.top(), width=w, height=h)
    entities = [moved.get(e.id, e) if isinstance(e, Card) else e for e in board.entities()]
    return Board.from_entities(entities), len(sizes)


def build_chart(board: Board, info: FrameInfo, *, legend: bool = True,
                sources: bool = True, view_rect: QRectF | None = None,
                theme: Theme | None = None, faded: Iterable[str] = (),
                communities: Iterable[tuple[str, str, int]] = ()) -> Chart:
    """Everything a framed export of ``board`` needs (``view_rect``: only that part;
    ``communities``: the (fill, name, members) of the communities its cards are
    coloured by, listed in the legend)."""
    theme = theme if theme is not None else Theme.light()
    printed, grown = whole_titles(board, theme)
    numbers = number_sources(printed)
    decor = DecorCache(printed, marks=marks_function(printed, numbers))
    geometries: dict = {}
    content = view_rect if view_rect is not None else board_bounds(printed,
                                                                   geometries=geometries)
    counts = printed.counts()
    summary = " · ".join(n_of(int(counts[k]), w) for k, w in (
        ("cards", "card"), ("links", "link"))) + " · " + n_of(len(numbers), "source")
    info = replace(info, summary=summary)
    return Chart(printed, decor, theme, content, info,
                 sorted([*drawn_features(printed, theme, decor),
                         *community_features(communities)], key=legend_order),
                 source_entries(printed),
                 legend, sources, geometries, grown, faded=frozenset(faded))


# ----------------------------------------------------------------------------- painting
def paint_chart(painter: QPainter, chart: Chart, sheet: Sheet, source: QRectF, *,
                overview: bool = False, cull: bool = True) -> QRectF:
    """``source`` (scene) fitted into the sheet's chart area; returns where it landed."""
    target = sheet.chart_rect(source)
    painter.save()
    painter.setClipRect(target)
    painter.translate(target.topLeft())
    painter.scale(sheet.scale, sheet.scale)
    painter.translate(-source.left(), -source.top())
    if overview and len(chart.board.cards) > OVERVIEW_DETAIL_MAX:
        far = FarLayer(chart.theme)
        sizes = display_sizes(chart.board)
        for card in chart.board.cards.values():
            far.put_card(card, sizes.rect(card))
        for link in chart.board.links.values():
            far.put_link(link)
        far.paint(painter, antialias=True, min_pixels=0.5)
    else:
        chart.paint(painter, source, cull=cull)
    painter.restore()
    return target


def paint_sheet(painter: QPainter, chart: Chart, sheet: Sheet, *, page: str = "",
                source: QRectF | None = None, background: bool = True,
                overlay: Callable[[QPainter, QRectF, QRectF], None] | None = None,
                overview: bool = False) -> None:
    """One page or image: header, chart, panel, footer (painter in points)."""
    w, h = sheet.size
    if background:
        painter.fillRect(QRectF(0, 0, w, h), QColor("white"))
    compact = sheet.header.height() < header_height() - 1
    paint_header(painter, sheet.header, chart.info, page=page if compact else "",
                 compact=compact)
    if not sheet.chart.isEmpty() and sheet.scale > 0:
        src = source if source is not None else chart.content
        target = paint_chart(painter, chart, sheet, src, overview=overview,
                             cull=source is not None)
        if overlay is not None:
            overlay(painter, target, src)
    if sheet.columns:
        paint_columns(painter, sheet.columns, sheet.panel)
    paint_footer(painter, sheet.footer, chart.info, page)


# ----------------------------------------------------------------------------- plans
@dataclass
class Page:
    kind: str  # "chart" (the whole chart on one page), "key", "panel", "tile"
    sheet: Sheet
    tile: Tile | None = None
    source: QRectF | None = None  # the scene rectangle shown (None: the chart's content)


@dataclass
class PagePlan:
    """Which pages a chart is printed on, and how big its titles come out."""

    size: tuple[float, float]  # points
    landscape: bool
    pages: list[Page]
    scale: float  # points per scene unit on the chart pages
    title_pt: float
    grid: tuple[int, int] = (1, 1)
    warnings: list[str] = field(default_factory=list)

    @property
    def tiles(self) -> list[Tile]:
        return [p.tile for p in self.pages if p.tile is not None]


def _orientations(orientation: str, content: QRectF) -> list[bool]:
    if orientation == "landscape":
        return [True]
    if orientation == "portrait":
        return [False]
    wide = content.width() >= content.height()
    return [wide, not wide]


def _one_page(chart: Chart, page_size: str | tuple[float, float], landscape: bool,
              items: list[PanelItem]) -> Sheet:
    w, h = page_points(page_size, landscape)
    return fixed_sheet(w, h, chart.content, items)


def _tile_area(page_size: str | tuple[float, float], landscape: bool) -> tuple[float, float, Sheet]:
    w, h = page_points(page_size, landscape)
    s = fixed_sheet(w, h, QRectF(0, 0, 1, 1), [], compact=True)
    return s.chart.width(), s.chart.height(), s


def plan_pages(chart: Chart, page_size: str | tuple[float, float] = "A4",
               orientation: str = "auto", tiles: tuple[int, int] | None = None) -> PagePlan:
    """One page when card titles are readable on it, else a poster at a readable scale
    (``tiles``: exactly that many pages, or (1, 1) for one page whatever the size).
    ``page_size``: a name ("A4") or a printer's paper in points."""
    paper = page_size if isinstance(page_size, str) else "paper"
    items = chart.panel_items()
    min_scale = MIN_TITLE_PT / chart.title_px
    warnings: list[str] = []
    options = _orientations(orientation, chart.content)
    if tiles is None or tiles == (1, 1):
        singles = [(_one_page(chart, page_size, o, items), o) for o in options]
        sheet, landscape = max(singles, key=lambda s: (not s[0].overflow, s[0].scale))
        if tiles == (1, 1) or (sheet.scale >= min_scale - 1e-9 and not sheet.overflow):
            pt = sheet.scale * chart.title_px
            if pt < MIN_TITLE_PT - 1e-6:
                warnings.append(f"on one {paper} page card titles are {pt:.1f} pt, "
                                f"below the {MIN_TITLE_PT:g} pt a reader needs; a poster "
                                f"or a larger page keeps them readable")
            pages = [Page("chart", sheet)]
            pages += [Page("panel", s) for s in panel_sheets(*sheet.size, sheet.overflow)]
            return PagePlan(sheet.size, landscape, pages, sheet.scale, pt, (1, 1), warnings)
    best = None
    for landscape in options:
        aw, ah, frame_sheet = _tile_area(page_size, landscape)
        if tiles is not None:
            grid = split_tiles(chart.content, tiles)
            cols, rows = tiles
            scale = min(min(aw / t.width(), ah / t.height()) for _, _, t in grid)
        else:
            scale = min_scale
            cols, rows, grid = tile_grid(chart.content, aw, ah, scale, max_tiles=MAX_TILES)
            if cols * rows > MAX_TILES:
                lo, hi = 1e-4, scale  # the largest scale that fits MAX_TILES pages
                for _ in range(40):
                    mid = (lo + hi) / 2.0
                    c, r, _g = tile_grid(chart.content, aw, ah, mid, max_tiles=MAX_TILES)
                    lo, hi = (mid, hi) if c * r <= MAX_TILES else (lo, mid)
                scale = lo
                cols, rows, grid = tile_grid(chart.content, aw, ah, scale)
            scale = min(max(scale, fill_scale(chart.content, aw, ah, cols, rows)), MAX_SCALE)
        rects = chart.card_rects()
        for shift in (SHIFTS if tiles is None else (None,)):
            if tiles is None:
                cols, rows, grid = tile_grid(chart.content, aw, ah, scale, shift=shift,
                                             max_tiles=MAX_TILES)
                if cols * rows > MAX_TILES:
                    continue
            keep = occupied(grid, rects) if tiles is None else [True] * len(grid)
            kept = [g for g, k in zip(grid, keep, strict=True) if k]
            key = (len(kept), cols * rows, not landscape)
            if best is None or key < best[0]:
                best = (key, landscape, scale, cols, rows, kept, frame_sheet)
    assert best is not None
    _, landscape, scale, cols, rows, kept, frame_sheet = best
    size = frame_sheet.size
    pages: list[Page] = []
    if len(kept) == 1 and tiles is None:
        # Readable on one page once the legend and sources go to a page of their own.
        sheet = fixed_sheet(*size, chart.content, [])
        pages.append(Page("chart", replace(sheet, scale=min(sheet.scale, MAX_SCALE))))
        pages += [Page("panel", s) for s in panel_sheets(*size, items)]
        return PagePlan(size, landscape, pages, pages[0].sheet.scale,
                        pages[0].sheet.scale * chart.title_px, (1, 1), warnings)
    if items:
        overview = QRectF(chart.content)
        for _r, _c, rect in kept:
            overview = overview.united(rect)
        key_sheet = fixed_sheet(*size, overview, items)
        pages.append(Page("key", key_sheet, source=overview))
        pages += [Page("panel", s) for s in panel_sheets(*size, key_sheet.overflow)]
    first = len(pages) + 1
    for i, (r, c, rect) in enumerate(kept):
        tile_sheet = replace(frame_sheet, scale=scale)
        pages.append(Page("tile", tile_sheet, Tile(first + i, r, c, rect)))
    pt = scale * chart.title_px
    if pt < MIN_TITLE_PT - 1e-6:
        why = (f"{cols} x {rows} pages" if tiles is not None
               else f"the largest poster ({MAX_TILES} pages)")
        warnings.append(f"card titles are {pt:.1f} pt on {why} of {paper}, below the "
                        f"{MIN_TITLE_PT:g} pt a reader needs; export a selection, or "
                        f"choose a larger page")
    return PagePlan(size, landscape, pages, scale, pt, (cols, rows), warnings)


def _neighbours(plan: PagePlan, tile: Tile) -> str:
    at = {(t.row, t.column): t.number for t in plan.tiles}
    parts = []
    for arrow, dr, dc in (("←", 0, -1), ("→", 0, 1), ("↑", -1, 0), ("↓", 1, 0)):
        n = at.get((tile.row + dr, tile.column + dc))
        if n is not None:
            parts.append(f"{arrow} p. {n}")
    return "   ".join(parts)


def _tile_overlay(plan: PagePlan) -> Callable[[QPainter, QRectF, QRectF], None]:
    """The poster's pages drawn and numbered on the key page's overview."""
    def paint(painter: QPainter, target: QRectF, source: QRectF) -> None:
        s = target.width() / max(source.width(), 1e-9)
        painter.save()
        painter.setClipping(False)
        pen = QPen(QColor("#2f6fed"), 0.8)
        painter.setPen(pen)
        f = font(12, bold=True)
        painter.setFont(f)
        for t in plan.tiles:
            r = QRectF(target.left() + (t.rect.left() - source.left()) * s,
                       target.top() + (t.rect.top() - source.top()) * s,
                       t.rect.width() * s, t.rect.height() * s)
            fill = QColor("#2f6fed")
            fill.setAlphaF(0.06)
            painter.setBrush(fill)
            painter.drawRect(r)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawText(r, int(Qt.AlignmentFlag.AlignCenter), str(t.number))
        painter.setPen(QColor("#5a636f"))
        painter.setFont(font(FOOTER_PT))
        painter.drawText(QRectF(target.left(), target.bottom() + 1.0, target.width(), 10.0),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop),
                         f"The whole chart; the numbers are the pages of this poster "
                         f"({plan.grid[0]} × {plan.grid[1]} grid, empty pages left out).")
        painter.restore()
    return paint


def paint_plan(painter: QPainter, chart: Chart, plan: PagePlan,
               new_page: Callable[[], bool], *, background: bool = True,
               cancelled: Callable[[], bool] = lambda: False) -> int:
    """Paint every page of ``plan`` (painter in points, at the page's top-left corner).
    Returns the pages painted."""
    total = len(plan.pages)
    painted = 0
    for i, page in enumerate(plan.pages):
        if cancelled():
            break
        if i and not new_page():
            raise ValueError("the next page could not be started")
        label = f"page {i + 1} of {total}" if total > 1 else ""
        if page.kind == "tile":
            t = page.tile
            assert t is not None
            label += f" · row {t.row + 1}, column {t.column + 1}"
            sheet = page.sheet
            paint_sheet(painter, chart, sheet, page=label, source=t.rect,
                        background=background)
            hints = _neighbours(plan, t)
            if hints:
                painter.save()
                painter.setFont(font(FOOTER_PT, bold=True))
                painter.setPen(QColor("#2f6fed"))
                painter.drawText(QRectF(sheet.footer.left(), sheet.footer.bottom(),
                                        sheet.footer.width(), PAGE_MARGIN / 2),
                                 int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
                                 hints)
                painter.restore()
        elif page.kind == "key":
            paint_sheet(painter, chart, page.sheet, page=label, background=background,
                        source=page.source, overlay=_tile_overlay(plan), overview=True)
        else:
            paint_sheet(painter, chart, page.sheet, page=label, background=background)
        painted += 1
    return painted


# ----------------------------------------------------------------------------- images
@dataclass
class ImagePlan:
    sheet: Sheet
    dpi: float  # pixels per inch of the image (points -> pixels: dpi / 72)
    title_px: float  # card titles, in image pixels
    title_pt: float  # ... and in points at that dpi
    warnings: list[str] = field(default_factory=list)


def image_plan(chart: Chart, *, dpi: float = 96.0, scale_pt: float | None = MAX_SCALE,
               pixels: tuple[int, int] | None = None, page: tuple[float, float] | None = None,
               max_side: int | None = None, screen: bool = True) -> ImagePlan:
    """One image: as big as the chart at ``scale_pt`` (points per scene unit; None =
    titles at the readable minimum), or a fixed size (``pixels``, or ``page`` in points)
    with the chart fitted; ``max_side`` caps the image."""
    items = chart.panel_items()
    if pixels is not None or page is not None:
        w, h = page if page is not None else (pixels[0] * 72.0 / dpi, pixels[1] * 72.0 / dpi)
        sheet = fixed_sheet(w, h, chart.content, items,
                            margin=PAGE_MARGIN if page is not None else 16.0)
    else:
        s = scale_pt if scale_pt is not None else MIN_TITLE_PT / chart.title_px
        sheet = sized_sheet(chart.content, s, items)
        if max_side is not None:
            px = max(sheet.size) * dpi / 72.0
            if px > max_side:
                for _ in range(30):  # the panel does not shrink with the chart: iterate
                    s *= max_side / px
                    sheet = sized_sheet(chart.content, s, items)
                    px = max(sheet.size) * dpi / 72.0
                    if px <= max_side:
                        break
    title_pt = sheet.scale * chart.title_px
    title_px = title_pt * dpi / 72.0
    warnings = []
    if screen and title_px < MIN_SCREEN_TITLE_PX:
        warnings.append(f"card titles are {title_px:.1f} px high in this image, too small "
                        f"to read; export a selection or the current view, or a larger "
                        f"preset")
    elif not screen and title_pt < MIN_TITLE_PT - 1e-6:
        warnings.append(f"card titles are {title_pt:.1f} pt at {dpi:g} dpi, below the "
                        f"{MIN_TITLE_PT:g} pt a reader needs in print")
    if sheet.overflow:
        warnings.append(f"{len(sheet.overflow)} legend or source lines did not fit on the "
                        f"image; the PDF export lists them all")
    return ImagePlan(sheet, dpi, title_px, title_pt, warnings)


__all__ = ["Chart", "ImagePlan", "Page", "PagePlan", "build_chart", "image_plan",
           "paint_plan", "paint_sheet", "plan_pages", "whole_titles"]
