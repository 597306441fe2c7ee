"""Images of a board: PNG, SVG and PDF, painted by the same code as the canvas.

Every image is painted with :func:`evidenceboard.render.paint_board` — the canvas's own
card and link looks, without selection handles or grid — onto a QImage (PNG), a
QSvgGenerator (SVG) or a QPdfWriter (PDF), so text stays text in SVG and PDF.  Only QtGui
and QtSvg are used: this works headless (the CLI makes an offscreen QGuiApplication).

What is painted is the whole board, the selection (the writer receives the board already
cut down to it) or a scene rectangle (``view_rect``: the current view).

* PNG: ``scale`` (1 = one pixel per scene unit, as on screen at 100 %) or ``dpi``
  (scale = dpi / 96, and the DPI is written into the file); white or transparent
  background.  Absurd sizes are refused with the largest scale that fits.
* SVG: deterministic — the same board gives the same bytes.
* PDF: page size and orientation ("auto" picks the one that suits the board's shape),
  fit to one page or tiled across columns x rows pages (a poster, with a small overlap
  and crop marks at the page edges).  QPdfWriter stamps a creation date and a random
  document id, so two PDFs of the same board differ in those bytes only.

:func:`paint_pages` lays the board out on any paged device; printing uses it too.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen

from ..formats.common import write_atomic
from ..formats.errors import InterchangeError
from ..model import Board
from ..render import Theme
from ..render.board import board_bounds, display_sizes, fit_transform, paint_board
from ..safe_text import xml_safe
from .chart import Chart, ImagePlan, PagePlan, build_chart, image_plan, paint_plan, paint_sheet
from .frame import FrameInfo
from .pages import (
    DEFAULT_PRESET,
    PAGE_SIZES,
    TILE_OVERLAP,
    check_tiles,
    page_points,
    preset,
    split_tiles,
)
from .report_pdf import ensure_gui_app
from .run import ExportOptions

#: Largest PNG side and area we write (a 20,000 px square is 1.6 GB of pixels).
MAX_SIDE = 20_000
MAX_PIXELS = 200_000_000
#: Screen pixels per inch that scale 1 stands for.
SCREEN_DPI = 96.0
ORIENTATIONS = ("auto", "portrait", "landscape")


# ----------------------------------------------------------------------------- geometry
def source_rect(board: Board, options: ExportOptions,
                geometries: dict | None = None) -> QRectF:
    """The scene rectangle an image shows: the view, or the cards with a margin
    (``geometries`` collects the links' geometry on the way, for painting)."""
    if options.view_rect is not None:
        x, y, w, h = (float(v) for v in options.view_rect)
        if not all(math.isfinite(v) for v in (x, y, w, h)) or w <= 0 or h <= 0:
            raise InterchangeError("the view to export is empty")
        return QRectF(x, y, w, h)
    return board_bounds(board, geometries=geometries)


def image_scale(options: ExportOptions) -> float:
    if options.dpi is not None:
        if not (math.isfinite(options.dpi) and 10 <= options.dpi <= 2400):
            raise InterchangeError(f"DPI {options.dpi:g} is out of range (10 to 2400)")
        return options.dpi / SCREEN_DPI
    s = options.scale
    if not (math.isfinite(s) and 0.01 <= s <= 50):
        raise InterchangeError(f"scale {s:g} is out of range (0.01 to 50)")
    return s


def png_size(rect: QRectF, scale: float) -> QSize:
    """Pixel size of a PNG of ``rect`` at ``scale``; refuses what would not fit."""
    w = max(1, math.ceil(rect.width() * scale))
    h = max(1, math.ceil(rect.height() * scale))
    if w > MAX_SIDE or h > MAX_SIDE or w * h > MAX_PIXELS:
        fit = min(MAX_SIDE / rect.width(), MAX_SIDE / rect.height(),
                  math.sqrt(MAX_PIXELS / (rect.width() * rect.height())))
        raise InterchangeError(
            f"a {w:,} x {h:,} pixel image is too large; at most scale "
            f"{math.floor(fit * 100) / 100:g} (or {math.floor(fit * SCREEN_DPI):g} DPI) "
            f"for this board")
    return QSize(w, h)


def _theme() -> Theme:
    # Images are for reports and print: always the light look, whatever the desktop.
    return Theme.light()


# ----------------------------------------------------------------------------- PNG
def render_image(board: Board, options: ExportOptions) -> QImage:
    """The board as a QImage (what the PNG holds): the framed chart, or with
    ``frame=False`` the board alone."""
    ensure_gui_app()
    if options.frame:
        chart = chart_of(board, options)
        plan = chart_image_plan(chart, options, "png")
        _tell(options, plan.warnings)
        return render_chart_image(chart, options, "png", plan)
    geometries: dict = {}
    rect = source_rect(board, options, geometries)
    scale = image_scale(options)
    size = png_size(rect, scale)
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    if image.isNull():
        raise InterchangeError(f"not enough memory for a {size.width()} x {size.height()} "
                               f"image; try a smaller scale")
    transparent = options.background == "transparent"
    image.fill(Qt.GlobalColor.transparent if transparent else QColor("white"))
    if options.dpi is not None:
        dpm = round(options.dpi / 0.0254)
        image.setDotsPerMeterX(dpm)
        image.setDotsPerMeterY(dpm)
    painter = QPainter(image)
    try:
        painter.scale(size.width() / rect.width(), size.height() / rect.height())
        painter.translate(-rect.left(), -rect.top())
        paint_board(painter, board, _theme(), background=False, source=rect,
                    geometries=geometries, faded=options.faded)
    finally:
        painter.end()
    return image


#: Above this many cards a preview is drawn in bulk (rectangles and lines, like the
#: canvas's far view): full detail would take seconds for a thumbnail.
PREVIEW_DETAIL_MAX = 600


def preview_image(board: Board, options: ExportOptions, width: int, height: int) -> QImage:
    """A thumbnail of what an export of ``board`` shows, at most ``width`` x ``height``."""
    from dataclasses import replace

    from ..render import FarLayer

    ensure_gui_app()
    rect = source_rect(board, options)
    scale = max(0.001, min(width / max(rect.width(), 1.0), height / max(rect.height(), 1.0)))
    if len(board.cards) <= PREVIEW_DETAIL_MAX and scale >= 0.01:
        return render_image(board, replace(options, scale=scale, dpi=None))
    size = QSize(max(1, math.ceil(rect.width() * scale)),
                 max(1, math.ceil(rect.height() * scale)))
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent if options.background == "transparent"
               else QColor("white"))
    far = FarLayer(_theme())
    sizes = display_sizes(board)
    for card in board.cards.values():
        far.put_card(card, sizes.rect(card))
    for link in board.links.values():
        far.put_link(link)
    painter = QPainter(image)
    try:
        painter.scale(scale, scale)
        painter.translate(-rect.left(), -rect.top())
        painter.setClipRect(rect)
        far.paint(painter, antialias=True, min_pixels=1.5)
    finally:
        painter.end()
    return image


def png_bytes(board: Board, options: ExportOptions) -> bytes:
    image = render_image(board, options)
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buf, "PNG"):
        raise InterchangeError("the PNG could not be encoded")
    buf.close()
    return bytes(data.data())


def write_png(board: Board, out: Path, options: ExportOptions) -> list[Path]:
    return [write_atomic(out, png_bytes(board, options))]


# ----------------------------------------------------------------------------- SVG
def svg_bytes(board: Board, options: ExportOptions) -> bytes:
    from PySide6.QtSvg import QSvgGenerator

    ensure_gui_app()
    if options.frame:
        return chart_svg_bytes(chart_of(board, options), options)
    geometries: dict = {}
    rect = source_rect(board, options, geometries)
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    gen = QSvgGenerator()
    gen.setOutputDevice(buf)
    gen.setResolution(round(SCREEN_DPI))
    size = QSize(max(1, math.ceil(rect.width())), max(1, math.ceil(rect.height())))
    gen.setSize(size)
    gen.setViewBox(QRectF(0, 0, size.width(), size.height()))
    title = board.setting("name") or options.name or "EvidenceBoard board"
    gen.setTitle(title)
    gen.setDescription(f"{len(board.cards)} cards and {len(board.links)} links, "
                       f"exported by EvidenceBoard")
    painter = QPainter(gen)
    try:
        if options.background != "transparent":
            painter.fillRect(QRectF(0, 0, size.width(), size.height()), QColor("white"))
        painter.translate(-rect.left(), -rect.top())
        paint_board(painter, board, _theme(), background=False, source=rect,
                    geometries=geometries, faded=options.faded)
    finally:
        painter.end()
    buf.close()
    return svg_text_safe(bytes(data.data()))


def svg_text_safe(svg: bytes) -> bytes:
    """The SVG QSvgGenerator wrote, with the characters XML cannot hold replaced: it
    escapes ``<`` and ``&`` in text but writes a vertical tab (Word's Shift+Enter) or
    any other control character as it is, and then no XML reader opens the file."""
    text = svg.decode("utf-8", "replace")
    safe = xml_safe(text)
    return svg if safe == text else safe.encode("utf-8")


def write_svg(board: Board, out: Path, options: ExportOptions) -> list[Path]:
    return [write_atomic(out, svg_bytes(board, options))]


# ----------------------------------------------------------------------------- pages
def page_orientation(rect: QRectF, orientation: str,
                     tiles: tuple[int, int] | None = None) -> QPageLayout.Orientation:
    if orientation not in ORIENTATIONS:
        raise InterchangeError(f"unknown orientation {orientation!r}; choose one of "
                               + ", ".join(ORIENTATIONS))
    if orientation == "portrait":
        return QPageLayout.Orientation.Portrait
    if orientation == "landscape":
        return QPageLayout.Orientation.Landscape
    cols, rows = tiles or (1, 1)
    wide = rect.width() / cols >= rect.height() / rows
    return QPageLayout.Orientation.Landscape if wide else QPageLayout.Orientation.Portrait


def tile_rects(rect: QRectF, tiles: tuple[int, int]) -> list[QRectF]:
    """The scene rectangle of each page of a poster, row by row, overlapping a little."""
    return [t for _r, _c, t in split_tiles(rect, tiles, TILE_OVERLAP)]


def paint_pages(painter: QPainter, board: Board, page_rect: QRectF,
                new_page: Callable[[], bool], *, source: QRectF,
                tiles: tuple[int, int] | None = None, background: bool = True,
                cancelled: Callable[[], bool] = lambda: False,
                geometries: dict | None = None, faded: Iterable[str] = ()) -> int:
    """Paint ``source`` of the board fitted on one page, or as a poster of ``tiles``
    pages, onto a paged device whose printable area is ``page_rect`` (device units).
    ``new_page`` starts the next page.  Returns the number of pages painted."""
    theme = _theme()
    pages = tile_rects(source, check_tiles(tiles))
    painted = 0
    for i, tile in enumerate(pages):
        if cancelled():
            break
        if i and not new_page():
            raise InterchangeError("the next page could not be started")
        painter.save()
        t = fit_transform(tile, page_rect.width(), page_rect.height())
        painter.translate(page_rect.left(), page_rect.top())
        painter.setTransform(t, True)
        painter.setClipRect(tile)
        if background:
            painter.fillRect(tile, QColor("white"))
        paint_board(painter, board, theme, background=False, source=tile,
                    geometries=geometries, faded=faded)
        painter.restore()
        if len(pages) > 1:
            _page_label(painter, page_rect, i, tiles or (1, 1))
        painted += 1
    return painted


def _page_label(painter: QPainter, page_rect: QRectF, index: int,
                tiles: tuple[int, int]) -> None:
    """"Row 1, column 2 of 2 x 3" in the corner of a poster page, for assembling it."""
    cols, rows = tiles
    r, c = divmod(index, cols)
    painter.save()
    pen = QPen(QColor("#8a8f98"))
    pen.setWidthF(0)
    painter.setPen(pen)
    font = painter.font()
    font.setPointSizeF(7)
    painter.setFont(font)
    painter.drawText(page_rect.adjusted(0, 0, 0, 0),
                     int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom),
                     f"row {r + 1}, column {c + 1} of {rows} x {cols}")
    painter.restore()


# ----------------------------------------------------------------------------- PDF
def pdf_bytes(board: Board, options: ExportOptions) -> bytes:
    ensure_gui_app()
    if options.frame:
        chart = chart_of(board, options)
        plan = pdf_plan(chart, options)
        _tell(options, plan.warnings)
        return chart_pdf_bytes(chart, plan, background=options.background != "transparent")
    geometries: dict = {}
    rect = source_rect(board, options, geometries)
    tiles = check_tiles(options.tiles)
    page_id = PAGE_SIZES.get(options.page_size)
    if page_id is None:
        raise InterchangeError(f"unknown page size {options.page_size!r}; choose one of "
                               + ", ".join(PAGE_SIZES))
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buf)
    writer.setCreator("EvidenceBoard")
    writer.setTitle(board.setting("name") or options.name or "EvidenceBoard board")
    writer.setResolution(300)
    layout = QPageLayout(QPageSize(page_id), page_orientation(rect, options.orientation, tiles),
                         QMarginsF(10, 10, 10, 10), QPageLayout.Unit.Millimeter)
    writer.setPageLayout(layout)
    page = QRectF(writer.pageLayout().paintRectPixels(writer.resolution()))
    page.moveTo(0, 0)
    painter = QPainter(writer)
    try:
        paint_pages(painter, board, page, writer.newPage, source=rect, tiles=tiles,
                    background=options.background != "transparent", geometries=geometries,
                    faded=options.faded)
    finally:
        painter.end()
    buf.close()
    return bytes(data.data())


def write_pdf(board: Board, out: Path, options: ExportOptions) -> list[Path]:
    return [write_atomic(out, pdf_bytes(board, options))]


# ----------------------------------------------------------------------------- charts
def frame_info(board: Board, options: ExportOptions) -> FrameInfo:
    """What the frame says, from the options (the title defaults to the board's name)."""
    title = options.title if options.title is not None else (
        board.setting("name") or options.name or "EvidenceBoard chart")
    extra = {"date": options.date} if options.date is not None else {}
    return FrameInfo(title=title.strip() or "EvidenceBoard chart", subtitle=options.subtitle,
                     author=options.author, organisation=options.organisation,
                     marking=options.marking, **extra)


def _tell(options: ExportOptions, warnings: list[str]) -> None:
    if options.warn is not None:
        for w in warnings:
            options.warn(w)


def chart_of(board: Board, options: ExportOptions) -> Chart:
    view = None
    if options.view_rect is not None:
        view = source_rect(board, options)
    return build_chart(board, frame_info(board, options), legend=options.legend,
                       sources=options.sources, view_rect=view, theme=_theme(),
                       faded=options.faded, communities=options.communities)


def chart_image_plan(chart: Chart, options: ExportOptions, fmt: str) -> ImagePlan:
    """The image a preset (or an explicit scale / DPI) asks for."""
    if options.preset is None and (options.dpi is not None or options.scale != 1.0):
        dpi = options.dpi if options.dpi is not None else SCREEN_DPI * image_scale(options)
        image_scale(options)  # range checks
        return image_plan(chart, dpi=dpi)
    p = preset(options.preset or DEFAULT_PRESET[fmt])
    dpi = float(options.dpi) if options.dpi is not None else p.dpi
    if options.dpi is not None:
        image_scale(options)
    if p.page is not None:
        wide = chart.content.width() >= chart.content.height()
        landscape = {"landscape": True, "portrait": False}.get(options.orientation, wide)
        return image_plan(chart, dpi=dpi, page=page_points(p.page, landscape), screen=False)
    if p.pixels is not None:
        return image_plan(chart, dpi=dpi, pixels=p.pixels)
    plan = image_plan(chart, dpi=dpi, scale_pt=p.scale, max_side=p.max_side,
                      screen=p.scale is not None)
    fit = _fit(plan)
    if fit < 1.0:  # a preset never fails for size: it shrinks to the largest image we write
        w, h = plan.sheet.size
        side = int(max(w, h) * plan.dpi / 72.0 * fit * 0.98)
        plan = image_plan(chart, dpi=dpi, scale_pt=p.scale, max_side=side,
                          screen=p.scale is not None)
        plan.warnings.insert(0, f"the {p.name} preset would make an image too large; it is "
                                f"{side:,} pixels on its longest side instead")
    return plan


def _fit(plan: ImagePlan) -> float:
    """How much ``plan``'s image must shrink to fit MAX_SIDE and MAX_PIXELS (1 = fits)."""
    w, h = (v * plan.dpi / 72.0 for v in plan.sheet.size)
    return min(1.0, MAX_SIDE / w, MAX_SIDE / h, math.sqrt(MAX_PIXELS / (w * h)))


def _pixels(plan: ImagePlan) -> QSize:
    w, h = plan.sheet.size
    k = plan.dpi / 72.0
    size = QSize(max(1, math.ceil(w * k - 1e-6)), max(1, math.ceil(h * k - 1e-6)))
    if size.width() > MAX_SIDE or size.height() > MAX_SIDE or \
            size.width() * size.height() > MAX_PIXELS:
        fit = min(MAX_SIDE / size.width(), MAX_SIDE / size.height(),
                  math.sqrt(MAX_PIXELS / (size.width() * size.height())))
        raise InterchangeError(
            f"a {size.width():,} x {size.height():,} pixel image is too large; at most scale "
            f"{math.floor(plan.dpi * fit / SCREEN_DPI * 100) / 100:g} (or "
            f"{math.floor(plan.dpi * fit):g} DPI) for this board, or a preset such as web "
            f"or slide")
    return size


def render_chart_image(chart: Chart, options: ExportOptions, fmt: str = "png",
                       plan: ImagePlan | None = None) -> QImage:
    plan = plan if plan is not None else chart_image_plan(chart, options, fmt)
    size = _pixels(plan)
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    if image.isNull():
        raise InterchangeError(f"not enough memory for a {size.width()} x {size.height()} "
                               f"image; try a smaller preset")
    transparent = options.background == "transparent"
    image.fill(Qt.GlobalColor.transparent if transparent else QColor("white"))
    dpm = round(plan.dpi / 0.0254)
    image.setDotsPerMeterX(dpm)
    image.setDotsPerMeterY(dpm)
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        painter.scale(plan.dpi / 72.0, plan.dpi / 72.0)
        paint_sheet(painter, chart, plan.sheet, background=False)
    finally:
        painter.end()
    return image


def chart_svg_bytes(chart: Chart, options: ExportOptions) -> bytes:
    """The framed chart as SVG (user units are pixels at 96 dpi)."""
    from PySide6.QtSvg import QSvgGenerator

    plan = image_plan(chart, dpi=SCREEN_DPI)
    w, h = plan.sheet.size
    k = SCREEN_DPI / 72.0
    size = QSize(max(1, math.ceil(w * k)), max(1, math.ceil(h * k)))
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    gen = QSvgGenerator()
    gen.setOutputDevice(buf)
    gen.setResolution(round(SCREEN_DPI))
    gen.setSize(size)
    gen.setViewBox(QRectF(0, 0, size.width(), size.height()))
    gen.setTitle(chart.info.title)
    gen.setDescription(f"{chart.info.summary}, exported by EvidenceBoard")
    painter = QPainter(gen)
    try:
        if options.background != "transparent":
            painter.fillRect(QRectF(0, 0, size.width(), size.height()), QColor("white"))
        painter.scale(k, k)
        paint_sheet(painter, chart, plan.sheet, background=False)
    finally:
        painter.end()
    buf.close()
    return svg_text_safe(bytes(data.data()))


def pdf_plan(chart: Chart, options: ExportOptions) -> PagePlan:
    from .chart import plan_pages
    page_size = options.page_size
    if options.preset is not None:
        p = preset(options.preset)
        if p.page is None:
            raise InterchangeError(f"the {p.name} preset is for images; for a PDF choose "
                                   f"a4, a3 or letter")
        page_size = p.page
    if options.orientation not in ORIENTATIONS:
        raise InterchangeError(f"unknown orientation {options.orientation!r}; choose one "
                               f"of " + ", ".join(ORIENTATIONS))
    tiles = check_tiles(options.tiles) if options.tiles is not None else None
    return plan_pages(chart, page_size, options.orientation, tiles)


def page_size_id(plan_size: tuple[float, float]) -> QPageSize:
    w, h = plan_size
    return QPageSize(QSizeF(min(w, h), max(w, h)), QPageSize.Unit.Point, "",
                     QPageSize.SizeMatchPolicy.FuzzyMatch)


def chart_pdf_bytes(chart: Chart, plan: PagePlan, *, background: bool = True) -> bytes:
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buf)
    writer.setCreator("EvidenceBoard")
    writer.setTitle(chart.info.title)
    writer.setResolution(300)
    writer.setPageLayout(QPageLayout(
        page_size_id(plan.size), QPageLayout.Orientation.Landscape if plan.landscape
        else QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0),
        QPageLayout.Unit.Point))
    painter = QPainter(writer)
    try:
        painter.scale(writer.resolution() / 72.0, writer.resolution() / 72.0)
        paint_plan(painter, chart, plan, writer.newPage, background=background)
    finally:
        painter.end()
    buf.close()
    return bytes(data.data())
