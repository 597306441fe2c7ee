"""The provenance report as PDF: the same HTML laid out by QTextDocument into QPdfWriter.

QtGui only (no widgets), so it runs headless: without a running application a
``QGuiApplication`` is created on the ``offscreen`` platform (fonts need one).  Text stays
text in the PDF (selectable, searchable).  Qt's rich text has no scripts and we put no
images or external resources in the HTML, so nothing is fetched while laying it out.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..model import Board
from .common import write_atomic
from .report import report_html


def ensure_gui_app() -> object:
    """The running QGuiApplication, or a new offscreen one (for the CLI and tests)."""
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    if app is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication(["evidenceboard"])
    return app


def report_pdf_bytes(board: Board, *, name: str | None = None) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

    ensure_gui_app()
    html = report_html(board, name)
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buf)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(16, 18, 16, 18), QPageLayout.Unit.Millimeter)
    writer.setResolution(300)
    writer.setTitle(f"Provenance report: {board.setting('name') or name or 'board'}")
    writer.setCreator("EvidenceBoard")
    doc = QTextDocument()
    doc.setDocumentMargin(0)
    doc.setHtml(html)
    # No page size of our own: print_() lays the text out for the writer's page and
    # resolution, so 11pt text is 11pt on paper.
    doc.print_(writer)
    buf.close()
    return bytes(data.data())


def write_report_pdf(board: Board, out: Path, *, name: str | None = None) -> Path:
    return write_atomic(out, report_pdf_bytes(board, name=name))
