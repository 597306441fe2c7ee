"""File ▸ Export and Print from the window: real files written, cancel leaves nothing."""

from __future__ import annotations

import unicodedata

import pypdf
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtPrintSupport import QPrinter

from evidenceboard.windows.export_dialog import ExportDialog
from evidenceboard.windows.main_window import MainWindow
from evidenceboard.windows.printing import preview_dialog, print_to


def _words(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _open_dialog(w: MainWindow, qtbot) -> ExportDialog:
    w.acts.export.trigger()
    # the one just opened (a closed one may await its deferred deletion)
    dlg = next((d for d in w.findChildren(ExportDialog) if d.isVisible()), None)
    assert dlg is not None
    return dlg


def test_export_png_from_the_file_menu(window, small_board, tmp_path, qtbot):
    from evidenceboard.formats.board_json import board_json_bytes
    w = window
    before = board_json_bytes(w.document.board)
    steps = w.controller.stack.count()
    dlg = _open_dialog(w, qtbot)
    dlg.set_format("png")
    assert dlg.image_box.isVisible() and not dlg.page_combo.isVisible()
    assert dlg.preview.pixmap() is not None and not dlg.preview.pixmap().isNull()
    dlg.background_combo.setCurrentIndex(dlg.background_combo.findData("transparent"))
    out = tmp_path / "out" / "board.png"
    out.parent.mkdir()
    dlg.path_edit.setText(str(out))
    written: list = []
    dlg.exported.connect(written.append)
    with qtbot.waitSignal(dlg.accepted, timeout=20000):
        qtbot.mouseClick(dlg.export_button, Qt.MouseButton.LeftButton)
    assert written == [[out]]
    image = QImage(str(out))
    assert not image.isNull()
    assert QColor.fromRgba(image.pixel(0, 0)).alpha() == 0
    # Nothing else is left in the folder (no temporary folder either).
    assert sorted(p.name for p in out.parent.iterdir()) == ["board.png"]
    # The board was only read: no edit, the same content.
    assert w.controller.stack.count() == steps
    assert board_json_bytes(w.document.board) == before


def test_cancel_while_exporting_leaves_no_file(window, tmp_path, qtbot):
    w = window
    dlg = _open_dialog(w, qtbot)
    dlg.set_format("pdf")
    assert dlg.page_combo.isVisible()
    dlg.pages_combo.setCurrentIndex(dlg.pages_combo.findData("poster"))
    assert dlg.cols_spin.isEnabled()
    dlg.cols_spin.setValue(3)
    dlg.rows_spin.setValue(2)
    out = tmp_path / "poster.pdf"
    dlg.path_edit.setText(str(out))
    assert dlg.start_export()
    assert dlg.progress.maximum() == 0  # busy
    with qtbot.waitSignal(dlg.rejected, timeout=20000):
        qtbot.mouseClick(dlg.cancel_button, Qt.MouseButton.LeftButton)
    assert not out.exists()
    assert list(tmp_path.glob(".evboard-export-*")) == []


def test_selection_scope_and_report_format(window, small_board, tmp_path, qtbot):
    w = window
    w.scene.select_ids([small_board.haftar.id])
    w.acts.export_report.trigger()
    dlg = w.findChild(ExportDialog)
    assert dlg.format_name() == "report"
    assert not dlg.image_box.isVisible()
    assert dlg.path_edit.text().endswith(".html")
    dlg.path_edit.setText(str(tmp_path / "report.html"))
    with qtbot.waitSignal(dlg.exported, timeout=20000):
        dlg.start_export()
    html = (tmp_path / "report.html").read_text("utf-8")
    assert "Haftar denied any deal." in html


def test_svg_of_the_selection(window, small_board, tmp_path, qtbot):
    w = window
    w.scene.select_ids([small_board.haftar.id, small_board.dbeibah.id])
    dlg = _open_dialog(w, qtbot)
    dlg.set_format("svg")
    dlg.scope_selection.setChecked(True)
    dlg.path_edit.setText(str(tmp_path / "sel.svg"))
    with qtbot.waitSignal(dlg.exported, timeout=20000):
        dlg.start_export()
    text = (tmp_path / "sel.svg").read_text("utf-8")
    assert "Khalifa Haftar" in text and "Check the date" not in text


def test_a_folder_that_does_not_exist_is_one_clear_message(window, tmp_path, qtbot):
    dlg = _open_dialog(window, qtbot)
    dlg.set_format("json")
    dlg.path_edit.setText(str(tmp_path / "missing" / "b.json"))
    assert not dlg.start_export()
    assert dlg.status.text() == f"The folder {tmp_path / 'missing'} does not exist."
    assert dlg.isVisible() and dlg.export_button.isEnabled()


def test_printing_to_a_pdf_printer_one_page_and_a_poster(window, small_board, tmp_path):
    board = window.document.board
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert print_to(printer, board) == 1
    text = _words(pypdf.PdfReader(str(tmp_path / "printed.pdf")).pages[0].extract_text())
    for title in ("Khalifa Haftar", "Abdul Hamid Dbeibah", "Check the date"):
        assert title in text
    poster = QPrinter(QPrinter.PrinterMode.HighResolution)
    poster.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    poster.setOutputFileName(str(tmp_path / "poster.pdf"))
    assert print_to(poster, board, (2, 2)) == 5  # the key page, then 2 x 2
    pages = pypdf.PdfReader(str(tmp_path / "poster.pdf")).pages
    assert len(pages) == 5
    assert "Legend" in _words(pages[0].extract_text())
    assert "page 5 of 5 · row 2, column 2" in _words(pages[4].extract_text())


def test_print_preview_paints_the_pages(window, qtbot):
    from PySide6.QtPrintSupport import QPrintPreviewWidget
    dlg = preview_dialog(window, (2, 1))
    qtbot.addWidget(dlg)
    dlg.show()
    preview = dlg.findChild(QPrintPreviewWidget)
    preview.updatePreview()
    qtbot.waitUntil(lambda: preview.pageCount() == 3)  # the key page, then 2 x 1
    dlg.close()


def test_a_canvas_file_dropped_on_the_window_is_imported(window, small_board, tmp_path, qtbot):
    """Boards from other tools come in like articles: File ▸ Import or a drop."""
    import json
    w = window
    canvas = tmp_path / "from-obsidian.canvas"
    canvas.write_text(json.dumps({"nodes": [
        {"id": "n1", "type": "text", "text": "Wagner Group", "x": 0, "y": 0,
         "width": 200, "height": 60},
        {"id": "n2", "type": "text", "text": "Benghazi", "x": 400, "y": 0,
         "width": 200, "height": 60}],
        "edges": [{"id": "e1", "fromNode": "n1", "toNode": "n2", "label": "based in"}]}),
        "utf-8")
    before = len(w.document.board.cards)
    assert w.imports.import_files([canvas])
    titles = {c.title for c in w.document.board.cards.values()}
    assert {"Wagner Group", "Benghazi"} <= titles
    assert len(w.document.board.cards) == before + 2
    assert any(link.label == "based in" for link in w.document.board.links.values())
    w.acts.undo.trigger()
    assert len(w.document.board.cards) == before


def test_chart_pdf_and_slide_png_from_the_dialog(window, small_board, tmp_path, qtbot):
    """The dialog's chart fields reach the file; the plan is shown before exporting."""
    w = window
    dlg = _open_dialog(w, qtbot)
    dlg.set_format("pdf")
    assert dlg.chart_box.isVisible() and dlg.pages_combo.currentData() == "auto"
    assert dlg.title_edit.text()  # the board's name, editable
    assert "Card titles" in dlg.plan_label.text() and " pt" in dlg.plan_label.text()
    dlg.title_edit.clear()
    qtbot.keyClicks(dlg.title_edit, "For the night desk")
    dlg.marking_combo.setCurrentText("DRAFT")
    dlg.path_edit.setText(str(tmp_path / "chart.pdf"))
    with qtbot.waitSignal(dlg.accepted, timeout=20000):
        qtbot.mouseClick(dlg.export_button, Qt.MouseButton.LeftButton)
    text = _words(pypdf.PdfReader(str(tmp_path / "chart.pdf")).pages[0].extract_text())
    assert "For the night desk" in text and "DRAFT" in text and "Legend" in text
    w.acts.export.trigger()
    dlg = next(d for d in w.findChildren(ExportDialog) if d.isVisible())
    dlg.set_format("png")
    dlg.preset_combo.setCurrentIndex(dlg.preset_combo.findData("slide"))
    assert not dlg.scale_spin.isEnabled()
    assert dlg.size_label.text().startswith("1,920 × 1,080 pixels")
    dlg.path_edit.setText(str(tmp_path / "slide.png"))
    with qtbot.waitSignal(dlg.accepted, timeout=20000):
        qtbot.mouseClick(dlg.export_button, Qt.MouseButton.LeftButton)
    image = QImage(str(tmp_path / "slide.png"))
    assert (image.width(), image.height()) == (1920, 1080)


def test_the_chart_frame_is_remembered(window, small_board, tmp_path, qtbot):
    """Typed once, the frame comes back: who you are on every board (app settings), this
    chart's subtitle and marking in the board file itself."""
    from PySide6.QtCore import QSettings
    from PySide6.QtTest import QTest

    from evidenceboard.document import Document
    from evidenceboard.windows.export_dialog import FRAME_KEY

    w = window
    steps = w.controller.stack.count()
    dlg = _open_dialog(w, qtbot)
    dlg.set_format("svg")
    for edit, text in ((dlg.subtitle_edit, "Flights of May"), (dlg.author_edit, "R. Sahin"),
                       (dlg.organisation_edit, "Desk 4")):
        edit.setFocus()
        QTest.keyClicks(edit, text)
    dlg.marking_combo.setCurrentText("DRAFT")
    QTest.mouseClick(dlg.legend_check, Qt.MouseButton.LeftButton)
    assert not dlg.legend_check.isChecked()
    dlg.path_edit.setText(str(tmp_path / "chart.svg"))
    with qtbot.waitSignal(dlg.accepted, timeout=20000):
        qtbot.mouseClick(dlg.export_button, Qt.MouseButton.LeftButton)
    assert "Flights of May" in (tmp_path / "chart.svg").read_text(encoding="utf-8")
    assert w.controller.stack.count() == steps  # remembering is not an undo step
    # the next export of this board starts from it
    dlg2 = _open_dialog(w, qtbot)
    assert dlg2 is not dlg
    assert dlg2.subtitle_edit.text() == "Flights of May"
    assert dlg2.author_edit.text() == "R. Sahin"
    assert dlg2.organisation_edit.text() == "Desk 4"
    assert dlg2.marking_combo.currentText() == "DRAFT"
    assert not dlg2.legend_check.isChecked()
    dlg2.reject()
    w.close()
    # in the board file on disk
    doc = Document.open(small_board.path)
    try:
        assert "Flights of May" in doc.board.setting(FRAME_KEY)
        assert "R. Sahin" not in doc.board.setting(FRAME_KEY)  # who you are stays yours
    finally:
        doc.close()
    # a fresh window with other settings (a colleague): the chart's frame, not the author
    from evidenceboard.windows.main_window import MainWindow
    other = MainWindow(QSettings(str(tmp_path / "other.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(other)
    assert other.files.open_board(small_board.path)
    other.show()
    qtbot.waitExposed(other)
    dlg3 = _open_dialog(other, qtbot)
    assert dlg3.subtitle_edit.text() == "Flights of May"
    assert dlg3.author_edit.text() == ""
    dlg3.reject()
    other.close()


def test_a_malformed_remembered_frame_exports_with_the_defaults(tmp_path):
    from evidenceboard.model import Board, Setting
    from evidenceboard.windows.export_dialog import FRAME_KEY, frame_setting

    for text in ("not json", "[1, 2]", '{"subtitle": 5, "legend": "yes", "title": "x"}'):
        board = Board.from_entities([Setting(FRAME_KEY, text)])
        assert frame_setting(board) in ({}, {"title": "x"})
