"""The provenance report as PDF: the same HTML laid out by QTextDocument into QPdfWriter.

QtGui only (no widgets), so it runs headless: without a running application a
``QGuiApplication`` is created on the ``offscreen`` platform (fonts need one).  Text stays
text in the PDF (selectable, searchable).  Qt's rich text has no scripts and the HTML has
no images or external resources, so nothing is fetched while laying it out.

``QTextDocument.setHtml`` grows much faster than the text (measured here: 1 MB 0.5 s,
2 MB 2.4 s, 4 MB 19 s), so a big report is laid out in chunks of whole sections (about
300 KB of HTML each), every chunk starting on a new page; a 10,000-card board then takes
time in proportion to its size.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..formats.common import write_atomic
from ..model import Board
from .report import report_pieces

#: HTML per QTextDocument (see the module docstring).
CHUNK_CHARS = 300_000


def ensure_gui_app() -> object:
    """The running QGuiApplication, or a new offscreen one (for the CLI and tests)."""
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    if app is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication(["evidenceboard"])
    return app


def _chunks(head: str, parts: list[str], tail: str) -> list[str]:
    chunks: list[str] = []
    current: list[str] = []
    size = 0
    for part in parts:
        if current and size + len(part) > CHUNK_CHARS:
            chunks.append("\n".join([head, *current, tail]))
            current, size = [], 0
        current.append(part)
        size += len(part)
    if current:
        chunks.append("\n".join([head, *current, tail]))
    return chunks


def _figure_page(painter: object, board: Board, name: str | None, size: tuple[float, float],
                 dots_per_pt: float) -> bool:
    """The chart, legend and sources on the first page, as vectors; False when the board
    has no card (no figure)."""
    from .chart import build_chart, paint_sheet
    from .frame import FrameInfo
    from .pages import fixed_sheet

    if not board.cards:
        return False
    chart = build_chart(board, FrameInfo(title=f"Chart: {board.setting('name') or name or 'board'}",
                                         date=""))
    sheet = fixed_sheet(*size, chart.content, chart.panel_items())
    painter.save()  # type: ignore[attr-defined]
    painter.scale(dots_per_pt, dots_per_pt)  # type: ignore[attr-defined]
    paint_sheet(painter, chart, sheet, page="")  # type: ignore[arg-type]
    painter.restore()  # type: ignore[attr-defined]
    return True


def report_pdf_bytes(board: Board, *, name: str | None = None, chains: object = None) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF, Qt
    from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QPdfWriter, QTextDocument

    ensure_gui_app()
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buf)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(16, 16, 16, 14), QPageLayout.Unit.Millimeter)
    writer.setResolution(300)
    writer.setTitle(f"Provenance report: {board.setting('name') or name or 'board'}")
    writer.setCreator("EvidenceBoard")
    area = writer.pageLayout().paintRectPixels(writer.resolution())
    footer = writer.resolution() * 0.25  # a quarter inch for the page number
    page_w, page_h = float(area.width()), float(area.height()) - footer
    painter = QPainter(writer)
    number_font = QFont("DejaVu Sans")
    number_font.setPointSizeF(8)
    page_no = 0
    try:
        # The chart first, as a vector figure on a page of its own (the whole page).
        full = writer.pageLayout().fullRectPoints()
        painter.save()
        margins = writer.pageLayout().paintRectPixels(writer.resolution())
        painter.translate(-margins.left(), -margins.top())
        if _figure_page(painter, board, name, (full.width(), full.height()),
                        writer.resolution() / 72.0):
            page_no = 1
        painter.restore()
        for html in _chunks(*report_pieces(board, name, chains)):  # type: ignore[arg-type]
            doc = QTextDocument()
            doc.documentLayout().setPaintDevice(writer)  # lay out in points at 300 dpi
            doc.setDocumentMargin(0)
            doc.setHtml(html)
            doc.setPageSize(QSizeF(page_w, page_h))
            for i in range(doc.pageCount()):
                if page_no:
                    writer.newPage()
                page_no += 1
                painter.save()
                painter.translate(0, -i * page_h)
                doc.drawContents(painter, QRectF(0, i * page_h, page_w, page_h))
                painter.restore()
                painter.setFont(number_font)
                painter.drawText(QRectF(0, page_h, page_w, footer),
                                 Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom,
                                 str(page_no))
    finally:
        painter.end()
        buf.close()
    return bytes(data.data())


def write_report_pdf(board: Board, out: Path, *, name: str | None = None,
                     chains: object = None) -> Path:
    return write_atomic(out, report_pdf_bytes(board, name=name, chains=chains))
