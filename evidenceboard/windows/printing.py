"""File ▸ Print, Print Poster and Print Preview: the board on paper.

Printing paints the same chart as the PDF export (:mod:`evidenceboard.export.chart`):
title, legend, numbered sources, card titles at least 7 pt — on one page when that holds,
else as a poster (a key page with the overview and the legend, then the tiles, each
labelled "page 3 of 12 · row 1, column 2" with its neighbours).  Print Poster asks for
the number of pages instead.  The paper is the printer's; the plan turns it to suit the
chart unless the user turned it in the preview.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QInputDialog

from ..analysis.shown import shown_view, view_board
from ..export.chart import Chart, PagePlan, build_chart, paint_plan, plan_pages
from ..export.frame import FrameInfo
from ..export.pages import check_tiles
from ..formats.common import subset
from .plain import show_status

Communities = tuple[tuple[str, str, int], ...]


def _what(window: Any) -> tuple[Any, frozenset[str], Communities]:
    """The board to print as the window shows it (what the view hides left out, the
    relations view's lines bundled, cards coloured by community when they are), cut to
    the selected cards if any; what the view draws faded; the communities coloured."""
    board, faded = window.document.board, frozenset[str]()
    groups: Communities = ()
    viewstate = getattr(window, "viewstate", None)
    if viewstate is not None:
        shown = shown_view(board, viewstate.shown_state())
        board, faded, groups = view_board(board, shown), shown.faded, shown.clusters
    ids = [i for i in window.selected_ids() if i in board.cards]
    return subset(board, ids or None), faded, groups


def _with_name(window: Any) -> tuple[Any, str, frozenset[str], Communities]:
    board, faded, groups = _what(window)
    return board, window.document.name, faded, groups


def chart_for(board: Any, name: str | None = None,
              faded: frozenset[str] = frozenset(), communities: Communities = ()) -> Chart:
    title = board.setting("name") or name or "EvidenceBoard chart"
    return build_chart(board, FrameInfo(title=title), faded=faded, communities=communities)


def _paper(printer: QPrinter) -> tuple[float, float]:
    size = printer.pageLayout().pageSize().size(QPageSize.Unit.Point)
    return (min(size.width(), size.height()), max(size.width(), size.height()))


def plan_for(printer: QPrinter, chart: Chart, tiles: tuple[int, int] | None = None, *,
             turn_paper: bool = True) -> PagePlan:
    """The pages ``chart`` takes on ``printer``'s paper (turned to suit it, or as the
    printer has it)."""
    orientation = "auto"
    if not turn_paper:
        landscape = printer.pageLayout().orientation() == QPageLayout.Orientation.Landscape
        orientation = "landscape" if landscape else "portrait"
    return plan_pages(chart, _paper(printer), orientation,
                      check_tiles(tiles) if tiles is not None else None)


def orient(printer: QPrinter, plan: PagePlan) -> None:
    """Turn the paper the way the plan wants it."""
    layout = printer.pageLayout()
    layout.setOrientation(QPageLayout.Orientation.Landscape if plan.landscape
                          else QPageLayout.Orientation.Portrait)
    printer.setPageLayout(layout)


def print_to(printer: QPrinter, board: Any, tiles: tuple[int, int] | None = None, *,
             turn_paper: bool = True, chart: Chart | None = None) -> int:
    """Paint ``board`` on ``printer``; returns the number of pages."""
    chart = chart if chart is not None else chart_for(board)
    plan = plan_for(printer, chart, tiles, turn_paper=turn_paper)
    if turn_paper:
        orient(printer, plan)
    printer.setFullPage(True)  # the plan keeps its own 10 mm margins
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("the printer could not be started")
    try:
        k = printer.resolution() / 72.0
        painter.scale(k, k)
        return paint_plan(painter, chart, plan, printer.newPage)
    finally:
        painter.end()


def ask_tiles(window: Any) -> tuple[int, int] | None:
    """Ask for a poster's columns x rows; None when cancelled."""
    text, ok = QInputDialog.getText(window, "Print Poster",
                                    "Pages across × down (e.g. 3x2):", text="2x2")
    if not ok:
        return None
    try:
        cols, rows = (int(p) for p in text.lower().replace("×", "x").split("x"))
        return check_tiles((cols, rows))
    except ValueError as e:
        window.status.show_error(str(e) if "pages" in str(e) else
                          f"“{text}” is not columns x rows, e.g. 3x2.")
        return None


def print_board(window: Any, poster: bool = False) -> bool:
    """The system print dialog, then the board (or selection) on the chosen printer."""
    if window.document is None:
        return False
    tiles = ask_tiles(window) if poster else None
    if poster and tiles is None:
        return False
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, window)
    dialog.setWindowTitle("Print Board")
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    try:
        pages = print_to(printer, None, tiles,
                         chart=chart_for(*_with_name(window)))
    except (OSError, ValueError) as e:
        window.status.show_error(f"Not printed: {e}")
        return False
    where = printer.printerName() or printer.outputFileName() or "the printer"
    show_status(window, f"Sent {pages} page(s) to {where}")
    return True


def preview_dialog(window: Any, tiles: tuple[int, int] | None = None) -> QPrintPreviewDialog:
    """A print preview of the board (or selection); the caller shows it."""
    chart = chart_for(*_with_name(window))
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    orient(printer, plan_for(printer, chart, tiles))
    dlg = QPrintPreviewDialog(printer, window)
    dlg.printer_ = printer  # the dialog does not own it: keep it alive as long as the dialog
    dlg.setWindowTitle("Print Preview")
    # The user may turn the paper in the preview: keep their choice while painting.
    dlg.paintRequested.connect(lambda p: print_to(p, None, tiles, turn_paper=False,
                                                  chart=chart))
    return dlg


def print_preview(window: Any) -> None:
    if window.document is None:
        return
    dlg = preview_dialog(window)
    dlg.exec()


__all__ = ["preview_dialog", "print_board", "print_preview", "print_to"]
