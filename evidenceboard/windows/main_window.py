"""The main window: one open board, its canvas in the centre, docks around it.

The window owns the :class:`~evidenceboard.document.Document` and its
:class:`~evidenceboard.commands.controller.EditController`; every change goes through
``controller.do`` (one undo step, written to the file first).  Opening validates the file
through the safe opener; a refused file leaves the current board open and says why in
one line.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import (QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QGuiApplication,
                           QPalette, QShowEvent, QUndoGroup)
from PySide6.QtWidgets import (QApplication, QDockWidget, QFileDialog, QFrame, QLabel,
                               QMainWindow, QMenu, QMessageBox, QVBoxLayout, QWidget)

from ..canvas import BoardScene, BoardView
from ..canvas.minimap import Minimap
from ..commands.controller import EditController
from ..document import Document
from ..model import Card, edits
from ..model.entities import DEFAULT_CARD_SIZE
from ..store import FILE_SUFFIX, BoardFileError, StoreWriteError
from . import canvas_menu, clipboard, layout
from .actions import Actions
from .docks import SearchDock, SourcesDock
from .evidence_dialog import EvidenceDialog
from .evidence_panel import EvidencePanelDock
from .fade_notice import FadeNotice
from .importing import ARTICLE_PATTERNS, ARTICLE_SUFFIXES, ArticleImporter
from .inspector import InspectorDock
from .source_viewer import SourceViewerDock, parse_quote_mime

MAX_RECENT = 10
RECENT_KEY = "recentFiles"
APP_NAME = "EvidenceBoard"


def default_settings() -> QSettings:
    return QSettings(APP_NAME, APP_NAME)


class _DropFilter(QObject):
    """Routes drags over the canvas viewport to the window (the scene never sees files)."""

    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self._window = window

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        t = event.type()
        if t in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            quote = parse_quote_mime(event.mimeData())  # type: ignore[attr-defined]
            if quote is not None:
                return self._window.handle_quote_event(event, quote)
        if t in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            if self._window.accepts_mime(event.mimeData()):  # type: ignore[attr-defined]
                event.acceptProposedAction()  # type: ignore[attr-defined]
                return True
        elif t == QEvent.Type.Drop:
            if self._window.accepts_mime(event.mimeData()):  # type: ignore[attr-defined]
                event.acceptProposedAction()  # type: ignore[attr-defined]
                # After the drop returns: opening a board replaces this very viewport.
                mime = _copy_mime(event.mimeData())  # type: ignore[attr-defined]
                QTimer.singleShot(0, lambda: self._window.handle_drop(mime))
                return True
        return False


class MainWindow(QMainWindow):
    """One board in a window.  Use :meth:`open_board`; the window starts empty."""

    #: Emitted when a board was opened (its path), for tests and the app.
    boardOpened = Signal(str)
    #: Emitted with the evidence dialog when a drawn link asks for its source.
    evidenceRequested = Signal(object)

    def __init__(self, settings: QSettings | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings if settings is not None else default_settings()
        self.document: Document | None = None
        self.controller: EditController | None = None
        self.scene: BoardScene | None = None
        self.view: BoardView | None = None
        self.minimap: Minimap | None = None
        self.evidence_dialog: EvidenceDialog | None = None
        self._view_restored = False
        self._paste_count = 0
        self._last_message = ""
        self.undo_group = QUndoGroup(self)
        self.importer = ArticleImporter(self)
        self._drop_filter = _DropFilter(self)
        self.setAcceptDrops(True)
        self.resize(1280, 800)

        # Centre: read-only banner above the canvas.
        self.banner = QLabel()
        self.banner.setObjectName("readOnlyBanner")
        self.banner.setTextFormat(Qt.TextFormat.PlainText)
        self.banner.setWordWrap(True)
        self.banner.setAutoFillBackground(True)
        self.banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.banner.setMargin(6)
        pal = self.banner.palette()
        pal.setColor(QPalette.ColorRole.Window, pal.color(QPalette.ColorRole.ToolTipBase))
        pal.setColor(QPalette.ColorRole.WindowText, pal.color(QPalette.ColorRole.ToolTipText))
        self.banner.setPalette(pal)
        self.banner.hide()
        self.placeholder = QLabel("No board is open.\nUse File → New Board or File → Open.")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        central = QWidget()
        self._central_layout = QVBoxLayout(central)
        self._central_layout.setContentsMargins(0, 0, 0, 0)
        self._central_layout.setSpacing(0)
        self._central_layout.addWidget(self.banner)
        self.fade_notice = FadeNotice(self._fade_summary)
        self.fade_notice.showAll.connect(lambda: self.acts.grade_actions[""].trigger())
        self._central_layout.addWidget(self.fade_notice)
        self._central_layout.addWidget(self.placeholder, 1)
        self.setCentralWidget(central)

        # Docks.
        self.inspector = InspectorDock(None, self)
        self.inspector.refused.connect(self.show_error)
        self.sources_dock = SourcesDock(None, self)
        self.sources_dock.sourceActivated.connect(self.show_source)
        self.search_dock = SearchDock(None, self)
        self.search_dock.resultActivated.connect(self.reveal)
        self.source_viewer = SourceViewerDock(None, self)
        self.source_viewer.itemActivated.connect(self.reveal)
        self.source_viewer.cardCreated.connect(self.reveal)
        self.source_viewer.placement = self._new_card_position
        self.evidence_panel = EvidencePanelDock(None, self)
        self.evidence_panel.setObjectName("evidencePanelDock")
        self.evidence_panel.itemActivated.connect(self.reveal)
        self.evidence_panel.itemsActivated.connect(self.reveal)
        self.inspector.citationActivated.connect(self.source_viewer.show_citation)
        self.inspector.itemsActivated.connect(self.reveal)
        self.minimap_dock = QDockWidget("Minimap", self)
        self.minimap_dock.setObjectName("minimapDock")
        layout.arrange_docks(self, layout.screen_area())

        # Actions, menus, toolbar, status bar.
        self.acts = Actions(self)
        self.toolbar = self.acts.build_toolbar()
        self.addToolBar(self.toolbar)
        self.acts.build_menus()
        self.save_label = QLabel()
        self.save_label.setTextFormat(Qt.TextFormat.PlainText)
        self.zoom_label = QLabel()
        self.statusBar().addPermanentWidget(self.save_label)
        self.statusBar().addPermanentWidget(self.zoom_label)
        self.acts.grid.setChecked(self._bool_setting("view/grid", False))
        self.acts.snap.setChecked(self._bool_setting("view/snap", False))
        self.acts.check_grade_filter(self.grade_filter())
        self._restore_window_layout()
        self._update_actions()
        self._update_title()

    # ================================================================= documents
    def docks(self) -> list[QDockWidget]:
        return [self.inspector, self.sources_dock, self.search_dock, self.source_viewer,
                self.evidence_panel, self.minimap_dock]

    def toolbar_toggle_action(self) -> QAction:
        a = self.toolbar.toggleViewAction()
        a.setText("&Toolbar")
        return a

    def open_board(self, path: str | Path) -> bool:
        """Open ``path`` in this window.  A refused file shows its reason and changes
        nothing (the current board stays open)."""
        path = Path(path).expanduser()
        if self.document is not None and _same_file(self.document.path, path):
            self.raise_()
            return True
        try:
            doc = Document.open(path)
        except BoardFileError as e:
            self._refuse(path, str(e))
            return False
        except (OSError, StoreWriteError) as e:
            self._refuse(path, str(e) or type(e).__name__)
            return False
        except Exception as e:  # noqa: BLE001 - anything else: still one line, no crash
            self._refuse(path, f"{type(e).__name__}: {e}")
            return False
        self.close_board()
        self._set_document(doc)
        self.add_recent(doc.path)
        self.boardOpened.emit(str(doc.path))
        return True

    def _refuse(self, path: Path, reason: str) -> None:
        reason = " ".join(reason.split())
        QMessageBox.critical(self, "Cannot open board", f"Cannot open {path.name}: {reason}")

    def _set_document(self, doc: Document) -> None:
        self.document = doc
        self.controller = EditController(doc, self)
        self.controller.saved.connect(self._on_saved)
        self.controller.failed.connect(self._on_failed)
        self.undo_group.addStack(self.controller.stack)
        self.undo_group.setActiveStack(self.controller.stack)
        self.scene = BoardScene(self.controller, self)
        self.view = BoardView(self.scene)
        self.view.setObjectName("boardView")
        self.view.setAcceptDrops(True)
        self.view.viewport().setAcceptDrops(True)
        self.view.viewport().installEventFilter(self._drop_filter)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._canvas_menu_requested)
        self.placeholder.hide()
        self._central_layout.addWidget(self.view, 1)
        self.scene.selectionChanged.connect(self._selection_changed)
        self.scene.linkRequested.connect(self.request_link)
        self.scene.editFailed.connect(self.show_error)
        self.scene.contentChanged.connect(self.fade_notice.board_changed)
        self.scene.cardActivated.connect(self._card_activated)
        self.view.zoomChanged.connect(self._zoom_changed)
        self.scene.set_grid_visible(self.acts.grid.isChecked())
        self.scene.set_snap(self.acts.snap.isChecked())
        if self.grade_filter():
            try:
                self.set_grade_filter(self.grade_filter())
            except ValueError:  # a setting from elsewhere we cannot read: show all
                self.settings.setValue("view/gradeFilter", "")
        self.inspector.set_controller(self.controller)
        self.sources_dock.set_controller(self.controller)
        self.search_dock.set_controller(self.controller)
        self.source_viewer.set_controller(self.controller)
        self.evidence_panel.set_controller(self.controller)
        self.minimap = Minimap(self.view)
        self.minimap_dock.setWidget(self.minimap)
        self.acts.link_mode.setChecked(False)
        self._paste_count = 0
        self._view_restored = False
        if self.isVisible():
            QTimer.singleShot(0, self._restore_view)
        self.save_label.setText("")
        self._update_banner()
        self._update_title()
        self._update_actions()
        self._selection_changed()

    def close_board(self) -> None:
        """Close the current board (keeping its zoom and centre in the file)."""
        if self.document is None:
            return
        self.inspector.commit_body()
        self.save_view_state()
        if self.evidence_dialog is not None:
            self.evidence_dialog.reject()
        for dock in (self.inspector, self.sources_dock, self.search_dock,
                     self.source_viewer, self.evidence_panel):
            dock.detach()
        if self.minimap is not None:
            self.minimap_dock.setWidget(QWidget())
            self.minimap.deleteLater()
            self.minimap = None
        try:
            self.scene.selectionChanged.disconnect(self._selection_changed)
        except (RuntimeError, TypeError):  # pragma: no cover
            pass
        self.scene.detach()
        self._central_layout.removeWidget(self.view)
        self.view.hide()
        self.view.setScene(None)
        self.view.deleteLater()
        self.scene.deleteLater()
        self.view = self.scene = None
        assert self.controller is not None
        self.undo_group.removeStack(self.controller.stack)
        self.controller.deleteLater()
        self.controller = None
        doc, self.document = self.document, None
        doc.close()
        self.placeholder.show()
        self.banner.hide()
        self.fade_notice.hide()
        self._update_title()
        self._update_actions()

    def save_view_state(self) -> None:
        """Store zoom and centre in the board as the "view" setting, without an undo
        step (a view change is not an edit)."""
        if self.document is None or self.view is None or self.document.read_only:
            return
        try:
            text = json.dumps(self.view.view_state(), sort_keys=True)
        except (TypeError, ValueError):  # pragma: no cover - a view state we cannot store
            return
        if self.document.board.setting("view") == text:
            return
        try:
            self.document.apply(edits.set_setting("view", text))
        except (StoreWriteError, BoardFileError, ValueError):
            pass  # losing the zoom is not worth a dialog on close

    def _restore_view(self) -> None:
        if self.view is None or self.document is None or self._view_restored:
            return
        self._view_restored = True
        raw = self.document.board.setting("view")
        state: Any = None
        if raw:
            try:
                state = json.loads(raw)
            except ValueError:
                state = None
        if isinstance(state, dict):
            try:
                self.view.restore_view_state(state)
                return
            except (KeyError, TypeError, ValueError):
                pass
        self.view.fit_board()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if not self._view_restored:
            QTimer.singleShot(0, self._restore_view)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.close_board()
        self.settings.sync()
        event.accept()

    def _restore_window_layout(self) -> None:
        geometry = self.settings.value("window/geometry")
        state = self.settings.value("window/state")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:  # first run: the board gets most of the screen (see layout.py)
            layout.place_first_run(self, layout.screen_area())
        if state is not None:
            self.restoreState(state)

    def _bool_setting(self, key: str, default: bool) -> bool:
        v = self.settings.value(key, default)
        return v in (True, "true", "1", 1)

    # ================================================================= title, status
    def board_name(self) -> str:
        if self.document is None:
            return ""
        return self.document.board.setting("name") or self.document.name

    def _update_title(self) -> None:
        if self.document is None:
            self.setWindowTitle(APP_NAME)
            return
        ro = " [read-only]" if self.document.read_only else ""
        self.setWindowTitle(f"{self.board_name()} — {APP_NAME}{ro}")
        self.setWindowFilePath(str(self.document.path))

    def _update_banner(self) -> None:
        if self.document is not None and self.document.read_only:
            reason = self.document.store.read_only_reason or "read-only"
            self.banner.setText(f"Read-only: {reason}. Changes cannot be saved; use "
                                f"File → Save As / Share Copy to work on a copy.")
            self.banner.show()
        else:
            self.banner.hide()

    def _on_saved(self, description: str) -> None:
        self.save_label.setPalette(self.statusBar().palette())
        self.save_label.setStyleSheet("")
        self.save_label.setText(f"Saved {time.strftime('%H:%M:%S')}")
        self.save_label.setToolTip(f"Saved: {description}")
        self._last_message = ""
        self._update_title()  # the board's name setting may have changed

    def _on_failed(self, message: str) -> None:
        self.show_error(message)
        if message.startswith(("could not save", "cannot save")):
            QMessageBox.warning(self, "Not saved", message)

    def show_error(self, message: str) -> None:
        """A one-line error in red in the status bar."""
        self._last_message = message
        self.save_label.setStyleSheet("color: #c01c28;")  # error red, on any palette
        self.save_label.setText(message)
        self.save_label.setToolTip(message)

    def last_message(self) -> str:
        return self._last_message

    def _zoom_changed(self, zoom: float) -> None:
        self.zoom_label.setText(f"{zoom * 100:.0f}%")

    def _update_actions(self) -> None:
        has_board = self.document is not None
        writable = has_board and not self.document.read_only  # type: ignore[union-attr]
        for a in self.acts.board_actions:
            a.setEnabled(has_board)
        for a in self.acts.edit_actions:
            if has_board:
                a.setEnabled(writable)
        self._selection_changed()

    def _selection_changed(self) -> None:
        ids = self.selected_ids()
        if self.document is not None:
            self.inspector.show_ids(ids)
            self.source_viewer.show_items(ids)
        writable = self.document is not None and not self.document.read_only
        has_cards = any(i in self.document.board.cards for i in ids) if self.document else False
        self.acts.copy.setEnabled(has_cards)
        self.acts.cut.setEnabled(has_cards and writable)
        self.acts.delete.setEnabled(bool(ids) and writable)
        self.acts.fit_selection.setEnabled(bool(ids))

    def selected_ids(self) -> list[str]:
        if self.scene is None:
            return []
        return list(self.scene.selected_ids())

    # ================================================================= file menu
    def new_board(self) -> bool:
        path, _ = QFileDialog.getSaveFileName(
            self, "New board", str(self._dialog_dir()),
            f"EvidenceBoard boards (*{FILE_SUFFIX})", "",
            QFileDialog.Option.DontConfirmOverwrite)
        if not path:
            return False
        return self.create_board(Path(path))

    def create_board(self, path: Path) -> bool:
        if path.suffix.lower() != FILE_SUFFIX:
            path = path.with_name(path.name + FILE_SUFFIX)
        if path.exists():
            QMessageBox.critical(self, "Cannot create board",
                                 f"{path.name} already exists: choose another name.")
            return False
        try:
            Document.create(path).close()
        except (OSError, StoreWriteError, BoardFileError) as e:
            QMessageBox.critical(self, "Cannot create board", f"Cannot create {path.name}: {e}")
            return False
        return self.open_board(path)

    def choose_and_open(self) -> bool:
        path, _ = QFileDialog.getOpenFileName(
            self, "Open board", str(self._dialog_dir()),
            f"EvidenceBoard boards (*{FILE_SUFFIX});;All files (*)")
        return self.open_board(path) if path else False

    def _dialog_dir(self) -> Path:
        if self.document is not None:
            return self.document.path.parent
        recent = self.recent_files()
        return Path(recent[0]).parent if recent else Path.home()

    def recent_files(self) -> list[str]:
        value = self.settings.value(RECENT_KEY, [])
        if isinstance(value, str):
            value = [value] if value else []
        return [str(v) for v in (value or [])][:MAX_RECENT]

    def add_recent(self, path: Path) -> None:
        p = str(Path(path).absolute())
        files = [f for f in self.recent_files() if f != p]
        self.settings.setValue(RECENT_KEY, [p, *files][:MAX_RECENT])

    def fill_recent_menu(self) -> None:
        menu = self.acts.recent_menu
        menu.clear()
        files = self.recent_files()
        for i, f in enumerate(files):
            label = f"&{i + 1} {Path(f).name}" if i < 9 else Path(f).name
            a = menu.addAction(label)
            a.setToolTip(f)
            a.setStatusTip(f)
            a.triggered.connect(lambda _c=False, f=f: self.open_board(f))
        if not files:
            menu.addAction("No recent boards").setEnabled(False)
        menu.addSeparator()
        clear = menu.addAction("Clear Recent")
        clear.setEnabled(bool(files))
        clear.triggered.connect(lambda: self.settings.setValue(RECENT_KEY, []))

    def save_copy(self, target: str | Path | None = None) -> Path | None:
        """Write a self-contained copy of the board (the open board stays this one)."""
        if self.document is None:
            return None
        if target is None:
            suggestion = self.document.path.with_name(f"{self.document.name} copy{FILE_SUFFIX}")
            chosen, _ = QFileDialog.getSaveFileName(
                self, "Save a copy to share", str(suggestion),
                f"EvidenceBoard boards (*{FILE_SUFFIX})")
            if not chosen:
                return None
            target = chosen
        target = Path(target)
        if target.suffix.lower() != FILE_SUFFIX:
            target = target.with_name(target.name + FILE_SUFFIX)
        if _same_file(target, self.document.path):
            QMessageBox.warning(self, "Save a copy", "Choose another file: this board is "
                                "already saved automatically.")
            return None
        self.save_view_state()
        try:
            written = self.document.store.save_copy(target)
        except (StoreWriteError, OSError) as e:
            QMessageBox.critical(self, "Copy not written", str(e))
            return None
        self.statusBar().showMessage(f"Saved a copy to {written}", 8000)
        return written

    def choose_and_import(self) -> bool:
        files, _ = QFileDialog.getOpenFileNames(
            self, "Import articles or boards from other tools", str(self._dialog_dir()),
            f"Articles and boards ({' '.join(ARTICLE_PATTERNS)});;All files (*)")
        return self.import_files([Path(f) for f in files]) if files else False

    def export_board(self, fmt: str | None = None) -> Any:
        """Show the export dialog (provided by ``windows/export_dialog.py``)."""
        if self.document is None:
            return
        from . import export_dialog
        return export_dialog.show_export_dialog(self, fmt)

    def export_report(self) -> Any:
        """File ▸ Export Provenance Report: the export dialog on the report format."""
        return self.export_board("report")

    def print_board(self, poster: bool = False) -> bool:
        from . import printing
        return printing.print_board(self, poster)

    def print_poster(self) -> bool:
        return self.print_board(poster=True)

    def print_preview(self) -> None:
        from . import printing
        printing.print_preview(self)

    def quit_app(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.closeAllWindows()

    # ================================================================= importing
    def import_files(self, files: list[Path]) -> bool:
        """Import article files as one undo step (cancellable; cancel changes nothing)."""
        if self.controller is None or not self._writable("import"):
            return False
        try:
            result = self.importer.files_edit(self.controller.board, files)
        except (ValueError, OSError) as e:
            QMessageBox.warning(self, "Import failed", str(e))
            return False
        return self._finish_import(result)

    def import_text(self, text: str) -> bool:
        """Import dropped plain text as one article."""
        if self.controller is None or not self._writable("import"):
            return False
        try:
            result = self.importer.text_edit(self.controller.board, text)
        except ValueError as e:
            QMessageBox.warning(self, "Import failed", str(e))
            return False
        return self._finish_import(result)

    def _finish_import(self, result: Any) -> bool:
        if result is None:
            self.statusBar().showMessage("Import cancelled: the board is unchanged", 8000)
            return False
        edit, summary = result
        if edit.is_empty():
            self.statusBar().showMessage(summary, 8000)
            return True
        assert self.controller is not None
        ok = self.controller.do(edit)
        if ok:
            self.statusBar().showMessage(summary, 8000)
        return ok

    def _writable(self, what: str) -> bool:
        if self.document is None:
            return False
        if self.document.read_only:
            self.show_error(f"cannot {what}: {self.document.store.read_only_reason}")
            return False
        return True

    # ----------------------------------------------------------------- drag and drop
    def accepts_mime(self, mime: Any) -> bool:
        if mime is None:
            return False
        if parse_quote_mime(mime) is not None:
            return False  # words from the source viewer: only the canvas takes them
        if mime.hasUrls():
            for url in mime.urls():
                if url.isLocalFile():
                    suffix = Path(url.toLocalFile()).suffix.lower()
                    if suffix == FILE_SUFFIX or suffix in ARTICLE_SUFFIXES:
                        return True
            return False
        return bool(mime.hasText() and mime.text().strip()) and self.document is not None

    def handle_drop(self, mime: Any) -> bool:
        """A dropped board opens; dropped articles or text are imported."""
        if mime.hasUrls():
            files = [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]
            boards = [f for f in files if f.suffix.lower() == FILE_SUFFIX]
            if boards:
                return self.open_board(boards[0])
            articles = [f for f in files if f.suffix.lower() in ARTICLE_SUFFIXES]
            return self.import_files(articles) if articles else False
        if mime.hasText():
            return self.import_text(mime.text())
        return False

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt's name
        if self.accepts_mime(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        if self.accepts_mime(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt's name
        if self.accepts_mime(event.mimeData()):
            event.acceptProposedAction()
            # Run after the drop returns: opening a board replaces the widget dropped on.
            mime = _copy_mime(event.mimeData())
            QTimer.singleShot(0, lambda: self.handle_drop(mime))

    # ================================================================= edit menu
    def copy(self) -> bool:
        if self.controller is None:
            return False
        mime = clipboard.to_mime(self.controller.board, self.selected_ids())
        if mime is None:
            return False
        QGuiApplication.clipboard().setMimeData(mime)
        self._paste_count = 0
        return True

    def cut(self) -> bool:
        if self.controller is None or not self._writable("cut") or not self.copy():
            return False
        return self.controller.do(edits.cut_items(self.controller.board, self.selected_ids()))

    def paste(self) -> list[str]:
        """Paste cards from the clipboard; returns the new card ids (selected)."""
        if self.controller is None or not self._writable("paste"):
            return []
        content = clipboard.from_mime(QGuiApplication.clipboard().mimeData())
        if not content or not content["cards"]:
            self.statusBar().showMessage("Nothing to paste: copy some cards first", 5000)
            return []
        board = self.controller.board
        originals_here = any(c.id in board.cards for c in content["cards"])
        step = self._paste_count + (1 if originals_here else 0)
        offset = (24.0 * step, 24.0 * step)
        edit = clipboard.paste_edit(board, content, offset)
        if not self.controller.do(edit):
            return []
        self._paste_count += 1
        new_ids = [e.id for e in edit.puts if isinstance(e, Card)]
        self.scene.select_ids(new_ids)
        return new_ids

    def delete_selection(self) -> bool:
        if self.controller is None or not self._writable("delete"):
            return False
        ids = self.selected_ids()
        if not ids:
            return False
        return self.controller.do(edits.delete_items(self.controller.board, ids))

    def select_all(self) -> None:
        if self.controller is not None:
            b = self.controller.board
            self.scene.select_ids([*b.cards, *b.links])

    def focus_search(self) -> None:
        self.search_dock.focus_query()

    # ================================================================= insert menu
    def insert_card(self, kind: str, at: QPointF | None = None,
                    actor_type: str | None = None) -> str | None:
        """Add a card of ``kind`` centred at ``at`` (scene coordinates; the centre of
        the view by default); returns its id.  An actor gets ``actor_type``, or the type
        last chosen (which ``actor_type`` then becomes)."""
        if self.controller is None or not self._writable("add a card"):
            return None
        centre = at if at is not None else \
            self.view.mapToScene(self.view.viewport().rect().center())
        if kind == "actor":
            actor_type = actor_type or self.acts.last_actor_type()
            self.acts.remember_actor_type(actor_type)
        card = edits.new_card(kind, (centre.x(), centre.y()), actor_type=actor_type)
        if not self.controller.do(edits.put(f"Add {actor_type or kind}", card)):
            return None
        self.scene.select_ids([card.id])
        self.inspector.show()
        self.inspector.title_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.inspector.title_edit.selectAll()
        return card.id

    # ----------------------------------------------------------------- context menu
    def _canvas_menu_requested(self, pos: QPoint) -> None:
        if self.view is None:
            return
        menu = self.canvas_menu(self.view.mapToScene(pos))
        menu.popup(self.view.viewport().mapToGlobal(pos))

    def canvas_menu(self, scene_pos: QPointF) -> QMenu:
        """The right-click menu of the canvas at ``scene_pos`` (see canvas_menu.py)."""
        return canvas_menu.build(self, scene_pos)

    def _show_selection_source(self) -> None:
        self.source_viewer.show()
        self.source_viewer.raise_()
        self.source_viewer.show_items(self.selected_ids())

    def set_link_mode(self, on: bool) -> None:
        if self.view is not None:
            self.view.set_link_mode(bool(on))

    def request_link(self, from_id: str, to_id: str) -> EvidenceDialog | None:
        """A link was drawn: ask which words back it (window-modal, not blocking)."""
        if self.controller is None or not self._writable("add a link"):
            return None
        board = self.controller.board
        if from_id == to_id or from_id not in board.cards or to_id not in board.cards:
            return None
        if self.evidence_dialog is not None:
            self.evidence_dialog.reject()
        shown = self.source_viewer.source_id() if self.source_viewer.isVisible() else None
        dlg = EvidenceDialog(board, from_id, to_id, self, shown_source=shown)
        dlg.setWindowModality(Qt.WindowModality.WindowModal)
        dlg.finished.connect(lambda _r, d=dlg: self._evidence_done(d))
        self.evidence_dialog = dlg
        self.evidenceRequested.emit(dlg)
        dlg.open()
        return dlg

    def _evidence_done(self, dlg: EvidenceDialog) -> None:
        if self.evidence_dialog is dlg:
            self.evidence_dialog = None
        edit = dlg.result_edit
        dlg.deleteLater()
        if edit is None or self.controller is None or dlg.board is not self.controller.board:
            return
        if self.controller.do(edit) and dlg.result_link is not None:
            self.scene.select_ids([dlg.result_link.id])

    def _card_activated(self, card_id: str) -> None:
        self.scene.select_ids([card_id])
        self.inspector.show()
        self.inspector.raise_()
        self.inspector.title_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    # ================================================================= view menu
    def zoom_in(self) -> None:
        if self.view is not None:
            self.view.zoom_in()

    def zoom_out(self) -> None:
        if self.view is not None:
            self.view.zoom_out()

    def zoom_100(self) -> None:
        if self.view is not None:
            self.view.zoom_100()

    def fit_board(self) -> None:
        if self.view is not None:
            self.view.fit_board()

    def fit_selection(self) -> None:
        if self.view is not None:
            self.view.fit_selection()

    def set_grid_visible(self, on: bool) -> None:
        self.settings.setValue("view/grid", bool(on))
        if self.scene is not None:
            self.scene.set_grid_visible(bool(on))

    def set_snap(self, on: bool) -> None:
        self.settings.setValue("view/snap", bool(on))
        if self.scene is not None:
            self.scene.set_snap(bool(on))

    def reveal(self, ids: str | list[str]) -> None:
        """Select cards and links and bring them into view (search results, evidence
        problems): centred, or fitted when they do not fit the view as it is."""
        if self.scene is None:
            return
        ids = [ids] if isinstance(ids, str) else list(ids)
        self.scene.select_ids(ids)
        rect = self.scene.bounds_of(ids)
        if rect.isNull():
            return
        shown = self.view.visible_scene_rect()
        if rect.width() > shown.width() or rect.height() > shown.height():
            self.view.fit_selection()
        else:
            self.view.centerOn(rect.center())

    def set_grade_filter(self, label: str) -> None:
        """Fade cards and links graded below ``label`` ("B2"; "" shows everything)."""
        from ..analysis.grading import parse_grade
        self.settings.setValue("view/gradeFilter", label)
        if self.scene is not None:
            self.scene.set_grade_filter(parse_grade(label) if label else None)
        self.fade_notice.recount()

    def _fade_summary(self) -> Any:
        """What the grade filter fades now (None when it is off)."""
        from ..analysis.grading import fade_summary
        threshold = self.scene.grade_filter() if self.scene is not None else None
        if threshold is None or self.document is None:
            return None
        return fade_summary(self.document.board, threshold, self.scene.faded)

    def grade_filter(self) -> str:
        value = self.settings.value("view/gradeFilter", "")
        return value if isinstance(value, str) else ""

    def show_source(self, source_id: str) -> None:
        """Show an article in the source viewer beside the board."""
        if self.document is None or source_id not in self.document.board.sources:
            return
        self.source_viewer.show_source(source_id)

    def _new_card_position(self) -> tuple[float, float]:
        """Top-left corner for a card made outside the canvas: the view's centre."""
        if self.view is None:
            return (0.0, 0.0)
        c = self.view.mapToScene(self.view.viewport().rect().center())
        w, h = DEFAULT_CARD_SIZE["claim"]
        return (c.x() - w / 2, c.y() - h / 2)

    def handle_quote_event(self, event: Any, quote: tuple[str, int, int]) -> bool:
        """Words dragged out of the source viewer: dropping them on the canvas makes a
        claim card there, citing them."""
        writable = self.document is not None and not self.document.read_only
        if not writable or quote[0] not in self.document.board.sources:
            event.ignore()
            return True
        event.acceptProposedAction()
        if event.type() == QEvent.Type.Drop and self.view is not None:
            p = self.view.mapToScene(event.position().toPoint())
            w, h = DEFAULT_CARD_SIZE["claim"]
            self.drop_quote(quote, (p.x() - w / 2, p.y() - h / 2))
        return True

    def drop_quote(self, quote: tuple[str, int, int],
                   at: tuple[float, float]) -> str | None:
        """A claim card at ``at`` citing ``quote`` (source id, start, end)."""
        sid, start, end = quote
        return self.source_viewer.new_claim(sid, start, end, at)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:  # pragma: no cover
        return False


def _copy_mime(mime: Any) -> Any:
    from PySide6.QtCore import QMimeData
    copy = QMimeData()
    if mime.hasUrls():
        copy.setUrls(mime.urls())
    if mime.hasText():
        copy.setText(mime.text())
    return copy

