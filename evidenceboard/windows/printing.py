"""File ▸ Print, Print Poster and Print Preview: the board on paper.

Printing paints with the same page layout as the PDF export
(:func:`evidenceboard.export.images.paint_pages`): the whole board — or the selected
cards — fitted on one page, or as a poster across columns x rows pages that overlap a
little and are labelled for assembling.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QInputDialog

from ..export.common import subset
from ..export.images import check_tiles, paint_pages, page_orientation
from ..render.board import board_bounds


def _what(window: Any) -> Any:
    """The board to print: the selected cards if any, else the whole board."""
    board = window.document.board
    ids = [i for i in window.selected_ids() if i in board.cards]
    return subset(board, ids or None)


def orient(printer: QPrinter, board: Any, tiles: tuple[int, int] | None = None) -> None:
    """Turn the paper to suit the board's shape (landscape for a wide board)."""
    layout = printer.pageLayout()
    layout.setOrientation(page_orientation(board_bounds(board), "auto", check_tiles(tiles)))
    printer.setPageLayout(layout)


def print_to(printer: QPrinter, board: Any, tiles: tuple[int, int] | None = None, *,
             turn_paper: bool = True) -> int:
    """Paint ``board`` on ``printer``; returns the number of pages."""
    tiles = check_tiles(tiles)
    source = board_bounds(board)
    if turn_paper:
        orient(printer, board, tiles)
    page = QRectF(printer.pageLayout().paintRectPixels(printer.resolution()))
    page.moveTo(0, 0)
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("the printer could not be started")
    try:
        return paint_pages(painter, board, page, printer.newPage, source=source, tiles=tiles)
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
        pages = print_to(printer, _what(window), tiles)
    except (OSError, ValueError) as e:
        window.status.show_error(f"Not printed: {e}")
        return False
    where = printer.printerName() or printer.outputFileName() or "the printer"
    window.statusBar().showMessage(f"Sent {pages} page(s) to {where}", 8000)
    return True


def preview_dialog(window: Any, tiles: tuple[int, int] | None = None) -> QPrintPreviewDialog:
    """A print preview of the board (or selection); the caller shows it."""
    board = _what(window)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    orient(printer, board, tiles)
    dlg = QPrintPreviewDialog(printer, window)
    dlg.printer_ = printer  # the dialog does not own it: keep it alive as long as the dialog
    dlg.setWindowTitle("Print Preview")
    # The user may turn the paper in the preview: keep their choice while painting.
    dlg.paintRequested.connect(lambda p: print_to(p, board, tiles, turn_paper=False))
    return dlg


def print_preview(window: Any) -> None:
    if window.document is None:
        return
    dlg = preview_dialog(window)
    dlg.exec()


__all__ = ["print_board", "print_preview", "print_to", "preview_dialog"]
