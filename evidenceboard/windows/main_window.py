"""The main window: the composition root of the app.

It builds the docks, the actions and the status line, and puts an open board on screen
(its :class:`~evidenceboard.commands.controller.EditController`, scene, view and minimap,
wired to the docks).  The window's jobs each live in a module of their own:

=====================  ==================================================================
``board_files.py``     new, open, close, Save a Copy As, recent files, read-only,
                       title, the zoom kept in the board (:class:`BoardFiles`)
``drops.py``           what is dropped on the window and the canvas (:class:`DropRouter`)
``importing.py``       File ▸ Import and dropped articles, with progress (:class:`Imports`)
``edit_commands.py``   the Edit and Insert menus, a drawn link's evidence dialog
``view_commands.py``   the View menu: zoom, fit, grid, snap, fading, reveal
``analysis_commands``  the Analyze menu: centrality, Find Path, ego network, timeline
``actions.py``         every QAction, the menus, the toolbar and when each is enabled
``status_line.py``     "Saved 14:02", errors, the zoom label
``layout.py``          where the docks go and the first-run size
=====================  ==================================================================

Every change goes through ``controller.do`` (one undo step, written to the file first).
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QPalette, QShowEvent, QUndoGroup
from PySide6.QtWidgets import QDockWidget, QFrame, QLabel, QMainWindow, QVBoxLayout, QWidget

from ..canvas import BoardScene, BoardView
from ..canvas.memory import board_loaded
from ..canvas.minimap import Minimap
from ..commands.controller import EditController
from ..document import Document
from . import canvas_menu, layout
from .actions import Actions
from .analysis_commands import AnalysisCommands
from .arrange import ArrangeCommands
from .board_files import APP_NAME, BoardFiles
from .docks import SearchDock, SourcesDock
from .drops import DropRouter
from .edit_commands import EditCommands
from .evidence_panel import EvidencePanelDock
from .fade_notice import FadeNotice
from .group_commands import GroupCommands
from .importing import Imports
from .inspector import InspectorDock
from .merging import MergeCommands
from .plain import plain_label
from .source_viewer import SourceViewerDock
from .status_line import StatusLine
from .team import TeamBoards
from .view_commands import GRADE_FILTER_KEY, GRID_KEY, SNAP_KEY, ViewCommands
from .view_state import ViewStateControl


def default_settings() -> QSettings:
    return QSettings(APP_NAME, APP_NAME)


class MainWindow(QMainWindow):
    """One board in a window; it starts empty (``files.open_board(path)`` opens one)."""

    #: Emitted when a board was opened (its path), for tests and the app.
    boardOpened = Signal(str)
    #: Emitted with the evidence dialog when a drawn link asks for its source.
    evidenceRequested = Signal(object)

    def __init__(self, settings: QSettings | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings if settings is not None else default_settings()
        # The open board, once one is (see show_document / take_document).
        self.document: Document | None = None
        self.controller: EditController | None = None
        self.scene: BoardScene | None = None
        self.view: BoardView | None = None
        self.minimap: Minimap | None = None
        self.undo_group = QUndoGroup(self)
        self.resize(1280, 800)

        # The window's jobs.
        self.files = BoardFiles(self)
        self.imports = Imports(self)
        self.drops = DropRouter(self)
        self.editing = EditCommands(self)
        self.viewing = ViewCommands(self)
        self.arranging = ArrangeCommands(self)
        self.grouping = GroupCommands(self)
        self.team = TeamBoards(self)
        self.merging = MergeCommands(self)

        # Centre: read-only banner and fade notice above the canvas.
        self.banner = _notice_label()
        self.placeholder = QLabel("No board is open.\nUse File → New Board or File → Open.")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        central = QWidget()
        self._central_layout = QVBoxLayout(central)
        self._central_layout.setContentsMargins(0, 0, 0, 0)
        self._central_layout.setSpacing(0)
        self._central_layout.addWidget(self.banner)
        self.fade_notice = FadeNotice(self.viewing.fade_summary)
        self._central_layout.addWidget(self.fade_notice)
        self._central_layout.addWidget(self.placeholder, 1)
        self.setCentralWidget(central)

        # Docks.
        self.inspector = InspectorDock(None, self)
        self.sources_dock = SourcesDock(None, self)
        self.sources_dock.sourceActivated.connect(self.viewing.show_source)
        self.search_dock = SearchDock(None, self)
        self.search_dock.resultActivated.connect(self.viewing.reveal)
        self.source_viewer = SourceViewerDock(None, self)
        self.source_viewer.itemActivated.connect(self.viewing.reveal)
        self.source_viewer.cardCreated.connect(self.viewing.reveal)
        self.source_viewer.placement = self.editing.new_card_position
        self.evidence_panel = EvidencePanelDock(None, self)
        self.evidence_panel.setObjectName("evidencePanelDock")
        self.evidence_panel.itemActivated.connect(self.viewing.reveal)
        self.evidence_panel.itemsActivated.connect(self.viewing.reveal)
        self.inspector.citationActivated.connect(self.source_viewer.show_citation)
        self.inspector.itemsActivated.connect(self.viewing.reveal)
        self.minimap_dock = QDockWidget("Minimap", self)
        self.minimap_dock.setObjectName("minimapDock")
        layout.arrange_docks(self, layout.screen_area())
        # How the board is looked at: relations view, Filter dock, hidden cards.
        self.viewstate = ViewStateControl(self)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.viewstate.dock)
        self.tabifyDockWidget(self.sources_dock, self.viewstate.dock)
        self.viewstate.dock.hide()
        self.inspector.bundle_of = self.viewstate.bundle_of
        # Analyze: centrality, paths, timeline (docks hidden until asked for)
        self.analysis = AnalysisCommands(self)
        for dock in (self.analysis.centrality, self.analysis.paths):
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
            self.tabifyDockWidget(self.inspector, dock)
            dock.hide()
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.analysis.timeline)
        self.analysis.timeline.hide()
        # History and Changes (a colleague's copy compared): hidden until asked for
        for dock in (self.merging.history, self.merging.changes):
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
            self.tabifyDockWidget(self.inspector, dock)
            dock.hide()
        layout.raise_front_tabs(self, layout.screen_area())  # (a saved layout overrides)

        # Actions, menus, toolbar, status line.
        self.acts = Actions(self)
        self.fade_notice.showAll.connect(self.acts.grade_actions[""].trigger)
        self.toolbar = self.acts.build_toolbar()
        self.addToolBar(self.toolbar)
        self.acts.build_menus()
        self.statusBar().addPermanentWidget(self.viewstate.status_label)
        self.status = StatusLine(self)
        self.inspector.refused.connect(self.status.show_error)
        self.acts.grid.setChecked(self._bool_setting(GRID_KEY, False))
        self.acts.snap.setChecked(self._bool_setting(SNAP_KEY, False))
        self.acts.check_grade_filter(self.viewing.grade_filter())
        self._restore_window_layout()
        self.acts.update(self.document, [])
        self.files.update_title()

    def docks(self) -> list[QDockWidget]:
        return [self.inspector, self.sources_dock, self.search_dock, self.source_viewer,
                self.evidence_panel, self.minimap_dock, self.viewstate.dock,
                *self.analysis.docks(), self.merging.history, self.merging.changes]

    def toolbar_toggle_action(self) -> QAction:
        a = self.toolbar.toggleViewAction()
        a.setText("&Toolbar")
        return a

    # ================================================================= the open board
    def show_document(self, doc: Document) -> None:
        """Put an opened board on screen: its controller, scene, view and minimap,
        followed by every dock (see :meth:`BoardFiles.open_board`)."""
        self.document = doc
        self.controller = controller = EditController(doc, self)
        controller.saved.connect(self.status.saved)
        controller.failed.connect(self.status.failed)
        self.undo_group.addStack(controller.stack)
        self.undo_group.setActiveStack(controller.stack)
        self.scene = scene = BoardScene(controller, self)
        self.view = view = BoardView(scene)
        view.setObjectName("boardView")
        self.drops.watch_canvas(view)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(lambda pos: canvas_menu.popup(self, pos))
        self.placeholder.hide()
        self._central_layout.addWidget(view, 1)
        scene.selectionChanged.connect(self._selection_changed)
        scene.linkRequested.connect(self.editing.request_link)
        scene.editFailed.connect(self.status.show_error)
        scene.contentChanged.connect(self.fade_notice.board_changed)
        scene.contentChanged.connect(self.arranging.update_actions)
        scene.contentChanged.connect(self.grouping.update_actions)
        scene.cardActivated.connect(self.editing.card_activated)
        view.zoomChanged.connect(self.status.show_zoom)
        self.status.show_zoom(view.zoom_level())  # (not the last board's)
        scene.set_grid_visible(self.acts.grid.isChecked())
        scene.set_snap(self.acts.snap.isChecked())
        if self.viewing.grade_filter():
            try:
                self.viewing.set_grade_filter(self.viewing.grade_filter())
            except ValueError:  # a setting from elsewhere we cannot read: show all
                self.settings.setValue(GRADE_FILTER_KEY, "")
        for dock in (self.inspector, self.sources_dock, self.search_dock,
                     self.source_viewer, self.evidence_panel):
            dock.set_controller(controller)
        self.minimap = Minimap(view)
        self.minimap_dock.setWidget(self.minimap)
        self.viewstate.attach(doc, scene)
        self.analysis.attach(doc, scene)
        self.acts.link_mode.setChecked(False)
        self.acts.check_size_by(scene.sizing.mode)
        self.status.clear()
        self._selection_changed()
        self.team.attach(doc)
        self.merging.attach(doc)
        board_loaded()

    def take_document(self) -> Document:
        """Take the open board off the screen (docks emptied, canvas gone) and return
        its document for the caller to close."""
        assert self.document is not None and self.controller is not None
        assert self.scene is not None and self.view is not None
        self.team.detach()
        self.merging.detach()
        for dock in (self.inspector, self.sources_dock, self.search_dock,
                     self.source_viewer, self.evidence_panel):
            dock.detach()
        self.viewstate.detach()
        self.analysis.detach()
        if self.minimap is not None:
            self.minimap_dock.setWidget(QWidget())
            self.minimap.deleteLater()
            self.minimap = None
        self.scene.selectionChanged.disconnect(self._selection_changed)
        self.scene.detach()
        self._central_layout.removeWidget(self.view)
        self.view.hide()
        self.view.setScene(None)
        self.view.deleteLater()
        self.scene.deleteLater()
        self.view = self.scene = None
        self.undo_group.removeStack(self.controller.stack)
        self.controller.deleteLater()
        self.controller = None
        doc, self.document = self.document, None
        self.placeholder.show()
        self.fade_notice.hide()
        self._selection_changed()
        return doc

    def selected_ids(self) -> list[str]:
        return list(self.scene.selected_ids()) if self.scene is not None else []

    def _selection_changed(self) -> None:
        ids = self.selected_ids()
        group = self.scene.frames.selected if self.scene is not None else None
        if self.document is not None and group is not None:
            self.inspector.show_group(group)
        elif self.document is not None:
            self.inspector.show_ids(ids)
            # a bundle of relations shows the words of all its claims
            self.source_viewer.show_items([j for i in ids for j in self.viewstate.bundle_of(i)])
        self.acts.update(self.document, ids, group)
        self.merging.selection_changed(ids)
        self.viewstate.update_actions()
        self.arranging.update_actions()
        self.grouping.update_actions()
        self.analysis.update_actions()

    # ================================================================= Qt events
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.files.view_restored:
            QTimer.singleShot(0, self.files.restore_view)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.files.close_board()
        self.analysis.runner.shutdown()  # no analysis thread outlives the window
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


def _notice_label() -> QLabel:
    """The read-only banner: plain text on the tooltip colours, hidden until needed."""
    banner = plain_label()
    banner.setObjectName("readOnlyBanner")
    banner.setWordWrap(True)
    banner.setAutoFillBackground(True)
    banner.setFrameShape(QFrame.Shape.StyledPanel)
    banner.setMargin(6)
    pal = banner.palette()
    pal.setColor(QPalette.ColorRole.Window, pal.color(QPalette.ColorRole.ToolTipBase))
    pal.setColor(QPalette.ColorRole.WindowText, pal.color(QPalette.ColorRole.ToolTipText))
    banner.setPalette(pal)
    banner.hide()
    return banner
