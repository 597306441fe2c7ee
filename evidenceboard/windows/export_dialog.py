"""File ▸ Export: every format, with a preview and a progress bar that can be cancelled.

The export runs on a worker thread into a private temporary folder; only when it has
finished, and was not cancelled, are the files moved to where the user asked.  A
cancelled or failed export therefore leaves nothing behind, and the board is only ever
read (the dialog is window-modal, so no edit can happen while it runs).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..analysis.filters import ViewState
from ..analysis.shown import shown_view, view_board
from ..export.pages import PRESETS
from ..export.run import ExportOptions, export_board_files, formats
from ..formats.common import subset
from ..model import Board, edits
from ..store import BoardFileError, StoreWriteError
from .plain import plain_label, show_status

PREVIEW_SIZE = (420, 260)
CUSTOM = "custom"
IMAGE_FORMATS = ("png", "svg", "pdf")
#: Where the chart's frame is remembered: the board's own setting (title, subtitle,
#: marking, legend/sources/frame) and the app's settings (author and organisation: who
#: you are, the same on every board).
FRAME_KEY = "export/frame"
AUTHOR_KEY = "export/author"
ORGANISATION_KEY = "export/organisation"
MAX_FRAME_TEXT = 500
DEFAULT_FRAME = {"title": "", "subtitle": "", "marking": "", "legend": True,
                 "sources": True, "frame": True}


def frame_setting(board: Board) -> dict[str, Any]:
    """The remembered frame of ``board``'s chart; anything malformed is dropped (a board
    from elsewhere exports with the defaults)."""
    try:
        data = json.loads(board.setting(FRAME_KEY) or "{}")
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    out: dict[str, Any] = {}
    for key in ("title", "subtitle", "marking"):
        if isinstance(data.get(key), str):
            out[key] = data[key][:MAX_FRAME_TEXT]
    for key in ("legend", "sources", "frame"):
        if isinstance(data.get(key), bool):
            out[key] = data[key]
    return out


class _Finished(QObject):
    """Carries the worker thread's result to the GUI thread (a queued signal)."""

    done = Signal(object, object)  # written paths or None, error message or None


class ExportDialog(QDialog):
    """Choose a format, what to export and where; preview; export."""

    #: Emitted with the written paths after a successful export.
    exported = Signal(list)

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.setWindowTitle("Export Board")
        self.setObjectName("exportDialog")
        self._window = window
        self._board = window.document.board
        self._name = window.document.name
        self._selection = [i for i in window.selected_ids() if i in self._board.cards]
        scene = getattr(window, "scene", None)
        visibility = getattr(scene, "visibility", None)
        #: cards the view hides (filter, Hide Selected, relations view): not exported
        #: unless asked
        self._hidden = {i for i in visibility.hidden_ids() if i in self._board.cards} \
            if visibility is not None else set()
        #: how the window looks at the board: exports show it the same way (the relations
        #: view's bundled lines, what a filter fades) unless hidden cards are included
        viewstate = getattr(window, "viewstate", None)
        self._view: ViewState | None = viewstate.shown_state() if viewstate is not None \
            else None
        view = window.view
        r = view.mapToScene(view.viewport().rect()).boundingRect()
        self._view_rect = (r.x(), r.y(), r.width(), r.height())
        self._running = False
        self._cancelled = False
        self._previews: dict[tuple, Any] = {}
        self._tmp: str | None = None
        self._finished = _Finished(self)
        self._finished.done.connect(self._on_done, Qt.ConnectionType.QueuedConnection)
        self.written: list[Path] = []
        self.error: str | None = None
        self.elapsed_ms: float | None = None

        self.format_combo = QComboBox()
        for f in formats():
            self.format_combo.addItem(f"{f.title} ({f.suffix})", f.name)
        self.format_combo.currentIndexChanged.connect(self._format_changed)

        scope_box = QGroupBox("Export")
        self.scope_whole = QRadioButton("Whole board")
        self.scope_selection = QRadioButton(f"Selection ({len(self._selection)} cards)")
        self.scope_view = QRadioButton("Current view (images)")
        self.scope_whole.setChecked(True)
        self.scope_selection.setEnabled(bool(self._selection))
        self._scope = QButtonGroup(self)
        for b in (self.scope_whole, self.scope_selection, self.scope_view):
            self._scope.addButton(b)
            b.toggled.connect(self._options_changed)
        sl = QHBoxLayout(scope_box)
        for b in (self.scope_whole, self.scope_selection, self.scope_view):
            sl.addWidget(b)
        n = len(self._hidden)
        self.include_hidden = QCheckBox(f"Include {n} hidden card{'s' if n != 1 else ''}")
        self.include_hidden.setObjectName("exportIncludeHidden")
        self.include_hidden.setToolTip("Cards the view hides (a filter, Hide Selected, the "
                                       "relations view) are left out unless ticked")
        self.include_hidden.setVisible(bool(n))
        self.include_hidden.toggled.connect(self._options_changed)
        sl.addWidget(self.include_hidden)

        self.image_box = QGroupBox("Image")
        self.preset_combo = QComboBox()
        self.preset_combo.setObjectName("exportPreset")
        for p in PRESETS.values():
            if p.page is None:
                self.preset_combo.addItem(p.title, p.name)
        for p in PRESETS.values():
            if p.page is not None:
                self.preset_combo.addItem(f"{p.title}, 300 dpi", p.name)
        self.preset_combo.addItem("Custom scale or resolution", CUSTOM)
        self.preset_combo.currentIndexChanged.connect(self._preset_changed)
        self.scale_spin = QDoubleSpinBox()
        self.scale_spin.setRange(0.1, 10.0)
        self.scale_spin.setSingleStep(0.5)
        self.scale_spin.setValue(1.0)
        self.scale_spin.setSuffix(" ×")
        self.dpi_spin = QSpinBox()
        self.dpi_spin.setRange(0, 1200)
        self.dpi_spin.setSpecialValueText("use the scale")
        self.dpi_spin.setSuffix(" DPI")
        self.background_combo = QComboBox()
        self.background_combo.addItem("White", "white")
        self.background_combo.addItem("Transparent", "transparent")
        self.page_combo = QComboBox()
        self.page_combo.addItems(["A4", "A3", "A2", "A5", "Letter", "Legal", "Tabloid"])
        self.orientation_combo = QComboBox()
        for text, value in (("Automatic", "auto"), ("Portrait", "portrait"),
                            ("Landscape", "landscape")):
            self.orientation_combo.addItem(text, value)
        self.pages_combo = QComboBox()
        self.pages_combo.setObjectName("exportPages")
        self.pages_combo.addItem("Automatic: one page, or a poster that keeps titles "
                                 "readable", "auto")
        self.pages_combo.addItem("Fit on one page", "one")
        self.pages_combo.addItem("Poster of columns × rows pages", "poster")
        self.pages_combo.currentIndexChanged.connect(self._pages_changed)
        self.cols_spin = QSpinBox()
        self.cols_spin.setRange(1, 10)
        self.rows_spin = QSpinBox()
        self.rows_spin.setRange(1, 10)
        tiles = QHBoxLayout()
        tiles.addWidget(self.pages_combo, 1)
        tiles.addWidget(self.cols_spin)
        tiles.addWidget(QLabel("×"))
        tiles.addWidget(self.rows_spin)
        form = QFormLayout(self.image_box)
        form.addRow("Size:", self.preset_combo)
        self._png_rows = [QLabel("Scale:"), self.scale_spin, QLabel("Resolution:"),
                          self.dpi_spin, self.preset_combo, form.labelForField(
                              self.preset_combo)]
        form.addRow(self._png_rows[0], self.scale_spin)
        form.addRow(self._png_rows[2], self.dpi_spin)
        form.addRow("Background:", self.background_combo)
        self._pdf_rows = [QLabel("Page size:"), self.page_combo, QLabel("Orientation:"),
                          self.orientation_combo, QLabel("Pages:")]
        form.addRow(self._pdf_rows[0], self.page_combo)
        form.addRow(self._pdf_rows[2], self.orientation_combo)
        tiles_w = QWidget()
        tiles_w.setLayout(tiles)
        tiles.setContentsMargins(0, 0, 0, 0)
        form.addRow(self._pdf_rows[4], tiles_w)
        self._pdf_rows.append(tiles_w)
        for w in (self.scale_spin, self.dpi_spin, self.cols_spin, self.rows_spin):
            w.valueChanged.connect(self._options_changed)
        self.background_combo.currentIndexChanged.connect(self._options_changed)
        self.page_combo.currentIndexChanged.connect(self._options_changed)
        self.orientation_combo.currentIndexChanged.connect(self._options_changed)

        # The chart's frame: what a reader sees without the app.
        self.chart_box = QGroupBox("Chart")
        self.title_edit = QLineEdit(self._board.setting("name") or self._name)
        self.title_edit.setObjectName("exportTitle")
        self.subtitle_edit = QLineEdit()
        self.author_edit = QLineEdit()
        self.organisation_edit = QLineEdit()
        self.marking_combo = QComboBox()
        self.marking_combo.setEditable(True)
        self.marking_combo.addItems(["", "DRAFT", "CONFIDENTIAL", "NOT FOR PUBLICATION"])
        self.legend_check = QCheckBox("Legend")
        self.legend_check.setChecked(True)
        self.sources_check = QCheckBox("Numbered sources")
        self.sources_check.setChecked(True)
        self.frame_check = QCheckBox("Title, legend and sources around the board")
        self.frame_check.setChecked(True)
        checks = QHBoxLayout()
        for c in (self.legend_check, self.sources_check):
            checks.addWidget(c)
        checks.addStretch(1)
        cf = QFormLayout(self.chart_box)
        cf.addRow(self.frame_check)
        cf.addRow("Title:", self.title_edit)
        cf.addRow("Subtitle:", self.subtitle_edit)
        cf.addRow("Author:", self.author_edit)
        cf.addRow("Organisation:", self.organisation_edit)
        cf.addRow("Marking:", self.marking_combo)
        cf.addRow(checks)
        self._recall_frame()
        for c in (self.legend_check, self.sources_check, self.frame_check):
            c.toggled.connect(self._options_changed)
        self.frame_check.toggled.connect(self._frame_toggled)
        self.plan_label = plain_label()
        self.plan_label.setObjectName("exportPlan")
        self.plan_label.setWordWrap(True)

        self.preview = plain_label()
        self.preview.setObjectName("exportPreview")
        self.preview.setMinimumSize(*PREVIEW_SIZE)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setFrameShape(QLabel.Shape.StyledPanel)
        self.size_label = plain_label()

        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText("Where to write the file")
        browse = QPushButton("Browse…")
        browse.clicked.connect(self.choose_path)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)

        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setTextVisible(False)
        self.status = plain_label()
        self.status.setWordWrap(True)

        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton("Export",
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.export_button.clicked.connect(self.start_export)
        self.cancel_button.clicked.connect(self.cancel)

        top = QFormLayout()
        top.addRow("Format:", self.format_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scope_box)
        boxes = QHBoxLayout()  # side by side: the dialog must fit a 1080-pixel screen
        boxes.addWidget(self.image_box, 1)
        boxes.addWidget(self.chart_box, 1)
        layout.addLayout(boxes)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.size_label)
        layout.addWidget(self.plan_label)
        layout.addLayout(path_row)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self._format_changed()
        self._pages_changed()
        self._preset_changed()

    # ----------------------------------------------------------------- options
    def format_name(self) -> str:
        return self.format_combo.currentData()

    def set_format(self, name: str) -> None:
        i = self.format_combo.findData(name)
        if i < 0:
            raise KeyError(name)
        self.format_combo.setCurrentIndex(i)

    def _suffix(self) -> str:
        return next(f.suffix for f in formats() if f.name == self.format_name())

    def _preset_changed(self) -> None:
        custom = self.preset_combo.currentData() == CUSTOM
        self.scale_spin.setEnabled(custom)
        self.dpi_spin.setEnabled(custom)
        self._options_changed()

    def _pages_changed(self) -> None:
        poster = self.pages_combo.currentData() == "poster"
        self.cols_spin.setEnabled(poster)
        self.rows_spin.setEnabled(poster)
        self._options_changed()

    def _frame_toggled(self) -> None:
        on = self.frame_check.isChecked()
        for w in (self.title_edit, self.subtitle_edit, self.author_edit,
                  self.organisation_edit, self.marking_combo, self.legend_check,
                  self.sources_check):
            w.setEnabled(on)

    def _format_changed(self) -> None:
        fmt = self.format_name()
        image = fmt in IMAGE_FORMATS
        self.image_box.setVisible(image)
        self.chart_box.setVisible(image)
        self.plan_label.setVisible(image)
        self.scope_view.setEnabled(image)
        if not image and self.scope_view.isChecked():
            self.scope_whole.setChecked(True)
        for w in self._png_rows:
            w.setVisible(fmt == "png")
        for w in self._pdf_rows:
            w.setVisible(fmt == "pdf")
        path = self.path_edit.text().strip()
        suffix = self._suffix()
        if not path:
            folder = Path(self._window.document.path).parent
            self.path_edit.setText(str(folder / f"{self._name}{suffix}"))
        else:
            p = Path(path)
            stem = p.name[:-len(".ftm.jsonl")] if p.name.endswith(".ftm.jsonl") else p.stem
            self.path_edit.setText(str(p.with_name(stem + suffix)))
        self._options_changed()

    def _ids(self) -> list[str] | None:
        ids = self._selection if self.scope_selection.isChecked() else None
        if self._hidden and not self.include_hidden.isChecked():
            ids = [i for i in (ids if ids is not None else self._board.cards)
                   if i not in self._hidden]
        return ids

    def _view_state(self) -> ViewState | None:
        """The view the export shows: the window's, or none when hidden cards are asked
        for (every card, nothing faded or bundled)."""
        if self._hidden and self.include_hidden.isChecked():
            if self._view is not None and self._view.community_colours:
                return ViewState(community_colours=True)  # every card, still coloured
            return None
        return self._view

    def _picture(self, opts: dict[str, Any]
                 ) -> tuple[Board, frozenset[str], tuple[tuple[str, str, int], ...]]:
        """The board a picture export paints (the view applied, cut to the scope), what
        it draws faded and the communities its cards are coloured by — what
        :func:`export_board_files` will paint."""
        board, faded = self._board, frozenset[str]()
        groups: tuple[tuple[str, str, int], ...] = ()
        view = opts.get("view")
        if view is not None:
            shown = shown_view(board, view)
            board, faded, groups = view_board(board, shown), shown.faded, shown.clusters
        ids = opts["ids"]
        return subset(board, [i for i in ids if i in board.cards] if ids is not None
                      else None), faded, groups

    def options(self) -> dict[str, Any]:
        """The keyword arguments of the export the dialog would run."""
        fmt = self.format_name()
        opts: dict[str, Any] = {"ids": self._ids(), "name": self._name,
                                "background": self.background_combo.currentData(),
                                "view": self._view_state()}
        if fmt in IMAGE_FORMATS:
            if self.scope_view.isChecked():
                opts["view_rect"] = self._view_rect
            opts["frame"] = self.frame_check.isChecked()
            if opts["frame"]:
                opts.update(title=self.title_edit.text().strip() or None,
                            subtitle=self.subtitle_edit.text().strip(),
                            author=self.author_edit.text().strip(),
                            organisation=self.organisation_edit.text().strip(),
                            marking=self.marking_combo.currentText().strip(),
                            legend=self.legend_check.isChecked(),
                            sources=self.sources_check.isChecked())
        if fmt == "png":
            if self.preset_combo.currentData() == CUSTOM:
                opts["scale"] = self.scale_spin.value()
                opts["dpi"] = float(self.dpi_spin.value()) if self.dpi_spin.value() else None
            else:
                opts["preset"] = self.preset_combo.currentData()
        if fmt == "pdf":
            opts["page_size"] = self.page_combo.currentText()
            opts["orientation"] = self.orientation_combo.currentData()
            mode = self.pages_combo.currentData()
            opts["tiles"] = ((1, 1) if mode == "one" else None if mode == "auto"
                             else (self.cols_spin.value(), self.rows_spin.value()))
        return opts

    def _options_changed(self) -> None:
        self._update_preview()

    def _chart(self, opts: dict[str, Any]) -> Any:
        """The chart the export would print: built once per scope (0.8 s at 1,000
        cards), its frame text taken fresh from the fields."""
        from dataclasses import replace

        from ..export.images import chart_of, frame_info
        key = ("chart", tuple(opts["ids"]) if opts["ids"] else None, opts.get("view_rect"),
               opts.get("legend"), opts.get("sources"), opts.get("view") is not None)
        chart = self._previews.get(key)
        if chart is None:
            board, faded, groups = self._picture(opts)
            chart = chart_of(board, replace(self._export_options(opts), faded=faded,
                                            communities=groups))
            self._previews[key] = chart
        info = frame_info(chart.board, self._export_options(opts))
        return replace(chart, info=replace(info, summary=chart.info.summary))

    def _export_options(self, opts: dict[str, Any]) -> ExportOptions:
        return ExportOptions(**{k: v for k, v in opts.items() if k not in ("ids", "view")})

    def _update_preview(self) -> None:
        """A small picture of what will be exported, and for charts the plan: pages,
        seams, title size, warnings."""
        from ..export.images import preview_image, source_rect
        opts = self.options()
        fmt = self.format_name()
        framed = fmt in IMAGE_FORMATS and opts.get("frame", True)
        chart = None
        try:
            if framed:
                chart = self._chart(opts)
                board, faded = chart.board, chart.faded
                view_rect = None
                rect = chart.content
            else:
                board, faded, _groups = self._picture(opts)
                view_rect = opts.get("view_rect")
                rect = source_rect(board, ExportOptions(view_rect=view_rect))
            key = ("image", framed, tuple(opts["ids"]) if opts["ids"] else None,
                   opts.get("view_rect"), opts["background"], opts.get("view") is not None)
            image = self._previews.get(key)
            if image is None:  # drawn once per scope and background (0.4 s at 10k cards)
                image = preview_image(board, ExportOptions(
                    view_rect=(rect.x(), rect.y(), rect.width(), rect.height()) if framed
                    else view_rect, background=opts["background"], faded=faded),
                    *PREVIEW_SIZE)
                self._previews[key] = image
        except ValueError as e:  # e.g. an empty view
            self.preview.setText(str(e))
            return
        image = image.copy()
        self.plan_label.setText("")
        if fmt == "pdf" and framed:
            self._show_pdf_plan(chart, opts, image)
        elif fmt == "pdf" and opts.get("tiles") and opts["tiles"] != (1, 1):
            _draw_tiles(image, opts["tiles"])
        self.preview.setPixmap(QPixmap.fromImage(image))
        if fmt in ("png", "svg") and framed:
            self._show_image_plan(chart, opts)
        elif fmt == "png":
            from ..export.images import png_size
            try:
                s = (opts["dpi"] / 96.0) if opts.get("dpi") else opts.get("scale", 1.0)
                size = png_size(rect, s)
                self.size_label.setText(f"{size.width():,} × {size.height():,} pixels")
            except ValueError as e:
                self.size_label.setText(str(e))
        elif not (fmt == "pdf" and framed):
            self.size_label.setText(f"{len(board.cards)} cards, {len(board.links)} links")

    def _show_pdf_plan(self, chart: Any, opts: dict[str, Any], image: Any) -> None:
        from ..export.images import pdf_plan
        try:
            plan = pdf_plan(chart, self._export_options(opts))
        except ValueError as e:
            self.plan_label.setText(str(e))
            return
        self.plan = plan
        _draw_plan(image, chart.content, plan)
        n = len(plan.pages)
        tiles = len(plan.tiles)
        what = (f"{n} pages of {opts['page_size']}: a key page (overview, legend, sources), "
                f"then the chart on {tiles} pages (seams in red)" if tiles
                else f"{n} page{'s' if n > 1 else ''} of {opts['page_size']}")
        text = f"{what}. Card titles {plan.title_pt:.1f} pt."
        if chart.grown:
            text += (f" {chart.grown} card{'s' if chart.grown != 1 else ''} made taller to "
                     f"show the whole title.")
        if plan.warnings:
            text += " Warning: " + " ".join(plan.warnings)
        self.plan_label.setText(text)
        self.size_label.setText(f"{len(chart.board.cards)} cards, "
                                f"{len(chart.board.links)} links, "
                                f"{len(chart.sources)} sources")

    def _show_image_plan(self, chart: Any, opts: dict[str, Any]) -> None:
        from ..export.images import SCREEN_DPI, chart_image_plan
        try:
            plan = chart_image_plan(chart, self._export_options(opts), self.format_name())
        except ValueError as e:
            self.size_label.setText(str(e))
            return
        k = plan.dpi / 72.0 if self.format_name() == "png" else SCREEN_DPI / 72.0
        w, h = plan.sheet.size
        self.size_label.setText(f"{round(w * k):,} × {round(h * k):,} pixels"
                                + (f" at {plan.dpi:g} dpi" if self.format_name() == "png"
                                   else ""))
        text = f"Card titles {plan.title_px:.1f} px ({plan.title_pt:.1f} pt)."
        if plan.warnings:
            text += " Warning: " + " ".join(plan.warnings)
        self.plan_label.setText(text)

    def choose_path(self) -> None:
        suffix = self._suffix()
        path, _ = QFileDialog.getSaveFileName(self, "Export to", self.path_edit.text(),
                                              f"*{suffix};;All files (*)")
        if path:
            self.path_edit.setText(path)

    # ----------------------------------------------------------------- running
    def is_running(self) -> bool:
        return self._running

    def start_export(self) -> bool:
        """Start the export on a worker thread; False (and a message) if it cannot."""
        if self._running:
            return False
        text = self.path_edit.text().strip()
        if not text:
            self._fail("Choose where to write the file.")
            return False
        out = Path(text).expanduser()
        if not out.parent.is_dir():
            self._fail(f"The folder {out.parent} does not exist.")
            return False
        if not os.access(out.parent, os.W_OK):
            self._fail(f"The folder {out.parent} cannot be written to.")
            return False
        fmt, opts = self.format_name(), self.options()
        self._running, self._cancelled = True, False
        self._tmp = tempfile.mkdtemp(prefix=".evboard-export-", dir=out.parent)
        tmp_out = Path(self._tmp) / out.name
        self._target = out
        self.progress.setRange(0, 0)  # busy
        self.status.setText(f"Exporting {out.name}…")
        self.export_button.setEnabled(False)
        for w in (self.format_combo, self.image_box, self.path_edit):
            w.setEnabled(False)
        board = self._board
        finished = self._finished
        started = time.perf_counter()

        def work() -> None:
            try:
                written = export_board_files(board, fmt, tmp_out, **opts)
            except (ValueError, OSError, MemoryError) as e:
                finished.done.emit(None, str(e) or type(e).__name__)
            except Exception as e:
                finished.done.emit(None, f"{type(e).__name__}: {e}")
            else:
                self.elapsed_ms = (time.perf_counter() - started) * 1000
                finished.done.emit(written, None)

        self._thread = threading.Thread(target=work, name="export", daemon=True)
        self._thread.start()
        return True

    def cancel(self) -> None:
        """Cancel a running export (its files are thrown away) or close the dialog."""
        if self._running:
            self._cancelled = True
            self.status.setText("Cancelling…")
            self.cancel_button.setEnabled(False)
        else:
            self.reject()

    def _on_done(self, written: list[Path] | None, error: str | None) -> None:
        self._running = False
        tmp, self._tmp = self._tmp, None
        try:
            if self._cancelled:
                self.status.setText("Export cancelled; nothing was written.")
                self.reject()
                return
            if error is not None:
                self._fail(error)
                return
            moved = []
            for p in written or []:
                dest = self._target.parent / Path(p).name
                os.replace(p, dest)
                moved.append(dest)
            self.written = moved
            show_status(self._window, "Exported " + ", ".join(p.name for p in moved))
            self._remember_frame()
            self.exported.emit(moved)
            self.accept()
        except OSError as e:
            self._fail(f"Could not move the export into place: {e}")
        finally:
            if tmp is not None:
                shutil.rmtree(tmp, ignore_errors=True)

    # ----------------------------------------------------------------- remembered frame
    def _recall_frame(self) -> None:
        """The frame as last exported: who you are (author, organisation) from the app's
        settings; this chart's title, subtitle, marking and what it shows from the board
        (a colleague opening it exports the same chart)."""
        settings = getattr(self._window, "settings", None)
        if settings is not None:
            for edit_, key in ((self.author_edit, AUTHOR_KEY),
                               (self.organisation_edit, ORGANISATION_KEY)):
                value = settings.value(key, "")
                if isinstance(value, str):
                    edit_.setText(value[:MAX_FRAME_TEXT])
        frame = frame_setting(self._board)
        for edit_, key in ((self.title_edit, "title"), (self.subtitle_edit, "subtitle")):
            if frame.get(key):
                edit_.setText(frame[key])
        if "marking" in frame:
            self.marking_combo.setCurrentText(frame["marking"])
        for check, key in ((self.legend_check, "legend"), (self.sources_check, "sources"),
                           (self.frame_check, "frame")):
            if key in frame:
                check.setChecked(frame[key])

    def _remember_frame(self) -> None:
        settings = getattr(self._window, "settings", None)
        if settings is not None:
            settings.setValue(AUTHOR_KEY, self.author_edit.text().strip())
            settings.setValue(ORGANISATION_KEY, self.organisation_edit.text().strip())
        doc = getattr(self._window, "document", None)
        if doc is None or doc.read_only or self.format_name() not in IMAGE_FORMATS:
            return
        title = self.title_edit.text().strip()
        value = {"title": title if title != (self._board.setting("name") or self._name)
                 else "",
                 "subtitle": self.subtitle_edit.text().strip(),
                 "marking": self.marking_combo.currentText().strip(),
                 "legend": self.legend_check.isChecked(),
                 "sources": self.sources_check.isChecked(),
                 "frame": self.frame_check.isChecked()}
        text = json.dumps(value, sort_keys=True, ensure_ascii=False)
        stored = self._board.setting(FRAME_KEY)
        if stored == text or (stored is None and value == DEFAULT_FRAME):
            return  # an export with the defaults only reads the board
        # how the chart was framed is not worth a dialog when the file cannot take it
        with contextlib.suppress(StoreWriteError, BoardFileError, ValueError):
            doc.apply(edits.set_setting(FRAME_KEY, text))

    def _fail(self, message: str) -> None:
        self.error = message
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.status.setText(message)
        self.export_button.setEnabled(True)
        self.cancel_button.setEnabled(True)
        for w in (self.format_combo, self.image_box, self.path_edit):
            w.setEnabled(True)

    def reject(self) -> None:
        if self._running:  # Escape / window close while running: cancel first
            self.cancel()
            return
        super().reject()


def _draw_tiles(image: Any, tiles: tuple[int, int]) -> None:
    """Dashed lines where a poster's pages meet, on the preview."""
    from PySide6.QtGui import QColor, QPainter, QPen
    cols, rows = tiles
    painter = QPainter(image)
    pen = QPen(QColor("#d0342c"))
    pen.setStyle(Qt.PenStyle.DashLine)
    painter.setPen(pen)
    for c in range(1, cols):
        x = round(image.width() * c / cols)
        painter.drawLine(x, 0, x, image.height())
    for r in range(1, rows):
        y = round(image.height() * r / rows)
        painter.drawLine(0, y, image.width(), y)
    painter.end()


def _draw_plan(image: Any, content: Any, plan: Any) -> None:
    """The poster's pages on the preview: each tile outlined (its seams) and numbered."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QFont, QPainter, QPen
    if not plan.tiles:
        return
    sx = image.width() / max(content.width(), 1e-9)
    sy = image.height() / max(content.height(), 1e-9)
    painter = QPainter(image)
    pen = QPen(QColor("#d0342c"))
    pen.setStyle(Qt.PenStyle.DashLine)
    painter.setPen(pen)
    font = QFont(painter.font())
    font.setPixelSize(11)
    font.setBold(True)
    painter.setFont(font)
    for t in plan.tiles:
        r = QRectF((t.rect.left() - content.left()) * sx, (t.rect.top() - content.top()) * sy,
                   t.rect.width() * sx, t.rect.height() * sy)
        painter.drawRect(r)
        painter.drawText(r, int(Qt.AlignmentFlag.AlignCenter), str(t.number))
    painter.end()


def show_export_dialog(window: Any, fmt: str | None = None) -> ExportDialog | None:
    """Open the export dialog over ``window`` (window-modal, not blocking)."""
    if window.document is None:
        return None
    dlg = ExportDialog(window)
    if fmt is not None:
        dlg.set_format(fmt)
    dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dlg.open()
    return dlg


__all__ = ["ExportDialog", "show_export_dialog"]
