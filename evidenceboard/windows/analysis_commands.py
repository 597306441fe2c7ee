"""The Analyze menu: who matters, how actors are connected, when it happened — with the
results on the board itself.

* **Centrality** (dock): degree, betweenness, eigenvector, communities; a click selects
  the actor.  View ▸ Size By ▸ Centrality draws central actors bigger; View ▸ Colour by
  Community draws each community's actors in one colour (a way of looking, no edit).
* **Find Path** (two actors selected): the paths as evidence chains in the Find Path
  dock, the chosen one selected (highlighted) on the board; *Add to Report* keeps it
  for the provenance report (one undo step: it is kept in the board).
* **Ego Network** (n hops) and **Common Neighbours** select on the board.
* **Timeline** (dock): dated claims, selection shared with the board both ways.

Long computations run in :class:`.analysis_runner.AnalysisRunner` (a worker thread with
progress and Cancel).  Nothing here writes the model except *Add to Report*.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar

from ..analysis.network import (
    CentralityResult,
    Communities,
    actor_graph,
    centrality,
    communities,
    community_colours,
    community_positions,
)
from ..analysis.paths import (
    PathResult,
    common_neighbours,
    ego_network,
    find_paths,
    keep_for_report,
)
from ..canvas.visibility import BUNDLED, RELATIONS_VIEW
from ..model import Board, BoardEvent, Edit, Setting, edits
from ..render.importance import SIZE_BY_SETTING
from .analysis_runner import AnalysisRunner
from .centrality_dock import CentralityDock
from .path_dock import PathDock
from .plain import show_status
from .qactions import make_action
from .timeline_dock import TimelineDock

if TYPE_CHECKING:  # pragma: no cover
    from ..canvas import BoardScene
    from ..document import Document
    from .main_window import MainWindow

#: Boards with more actors than this are not recomputed by themselves after an edit.
AUTO_RECOMPUTE_ACTORS = 3000
HOPS = (1, 2, 3)


class AnalysisCommands(QObject):
    """See the module docstring.  Built by the main window; ``attach`` per board."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._w = window
        self._doc: Document | None = None
        self._scene: BoardScene | None = None
        self.runner = AnalysisRunner(window)
        self.runner.failed.connect(lambda _n, msg: window.status.show_error(
            f"The analysis failed: {msg}"))
        self.runner.cancelled.connect(
            lambda name: show_status(window, f"{name.capitalize()} cancelled", 5000))
        self.centrality = CentralityDock(window)
        self.centrality.actorActivated.connect(lambda cid: window.viewing.reveal(cid))
        self.centrality.refreshRequested.connect(self.compute_centrality)
        self.paths = PathDock(window)
        self.paths.idsActivated.connect(self._show_ids)
        self.paths.findRequested.connect(self.find_path)
        self.paths.addToReport.connect(self.add_to_report)
        self.timeline = TimelineDock(window)
        self.timeline.cardsActivated.connect(self._timeline_clicked)
        self.result: CentralityResult | None = None
        self.groups: Communities | None = None
        self._path_ends: tuple[str, str] | None = None
        self._stale = QTimer(self)
        self._stale.setSingleShot(True)
        self._stale.setInterval(800)
        self._stale.timeout.connect(self._recompute_if_shown)
        self._follow = QTimer(self)
        self._follow.setSingleShot(True)
        self._follow.setInterval(100)
        self._follow.timeout.connect(self._refresh_timeline)
        self._build_actions()

    # ----------------------------------------------------------------- actions
    def _build_actions(self) -> None:
        w = self._w

        act = functools.partial(make_action, w)

        self.show_centrality = act(
            "Who &Matters (Centrality)", self.open_centrality, "Ctrl+Shift+M",
            "Rank the actors by degree, betweenness and eigenvector centrality over their "
            "relations (weighted by independent origins)")
        self.find_path_action = act(
            "Find &Path", self.find_path, "Ctrl+Shift+P",
            "Select two actors: the paths between them, every hop with its quotes")
        self.ego_menu = QMenu("&Ego Network", w)
        self.ego_actions: dict[int, QAction] = {}
        for n in HOPS:
            a = act(f"&{n} Hop{'s' if n > 1 else ''}", lambda n=n: self.select_ego(n), None,
                    f"Select the actors within {n} tie{'s' if n > 1 else ''} of the selected "
                    "actor, and the links between them")
            self.ego_menu.addAction(a)
            self.ego_actions[n] = a
        self.common = act("&Common Neighbours", self.select_common, None,
                          "Select the actors tied to every selected actor")
        self.show_timeline = self.timeline.toggleViewAction()
        self.show_timeline.setText("&Timeline")
        self.show_timeline.setShortcut(QKeySequence("Ctrl+Shift+T"))
        self.show_timeline.setStatusTip("The dated claims on a time axis, in lanes per actor "
                                        "or per source")
        self.arrange = act(
            "&Arrange by Community", self.arrange_by_community, None,
            "Move each community's actors together, one block per community (one undo "
            "step)")
        self.colour_by_community = act(
            "Colour by Comm&unity", self.set_colour_by_community, None,
            "Draw the actors of each community of the network in one colour", True)

    def build_menu(self, bar: QMenuBar) -> QMenu:
        m = bar.addMenu("&Analyze")
        m.addAction(self.show_centrality)
        m.addAction(self.find_path_action)
        m.addMenu(self.ego_menu)
        m.addAction(self.common)
        m.addSeparator()
        m.addAction(self.show_timeline)
        m.addAction(self.colour_by_community)
        m.addAction(self.arrange)
        return m

    def docks(self) -> list:
        return [self.centrality, self.paths, self.timeline]

    def board_actions(self) -> list[QAction]:
        return [self.show_centrality, self.find_path_action, self.common,
                self.colour_by_community, self.arrange, *self.ego_actions.values()]

    def selected_actors(self) -> list[str]:
        doc = self._doc
        if doc is None:
            return []
        cards = doc.board.cards
        return [i for i in self._w.selected_ids() if i in cards and cards[i].kind == "actor"]

    def update_actions(self) -> None:
        has = self._scene is not None
        actors = self.selected_actors() if has else []
        self.show_centrality.setEnabled(has)
        self.colour_by_community.setEnabled(has)
        self.arrange.setEnabled(has and self._doc is not None and not self._doc.read_only)
        self.find_path_action.setEnabled(len(actors) == 2)
        self.common.setEnabled(len(actors) >= 2)
        for a in self.ego_actions.values():
            a.setEnabled(len(actors) == 1)
        self.paths.find_button.setEnabled(len(actors) == 2 or self._path_ends is not None)
        if self._scene is not None:
            self.timeline.set_selected(self._w.selected_ids())

    # ----------------------------------------------------------------- a board
    def attach(self, doc: Document, scene: BoardScene) -> None:
        self._doc, self._scene = doc, scene
        doc.board.subscribe(self._on_event)
        scene.visibility.on_changed(lambda _ids: self._follow.start())
        scene.contentChanged.connect(self._follow.start)
        self.result = self.groups = None
        self._path_ends = None
        self.centrality.show_result(None)
        self.paths.show_result(None, None)
        self.timeline.set_board(doc.board)
        self._refresh_timeline()
        self.colour_by_community.blockSignals(True)
        self.colour_by_community.setChecked(False)
        self.colour_by_community.blockSignals(False)
        if self.centrality.isVisible():
            self.compute_centrality()
        self.update_actions()

    def detach(self) -> None:
        self.runner.shutdown()
        self._stale.stop()
        self._follow.stop()
        if self._doc is not None:
            self._doc.board.unsubscribe(self._on_event)
        if self._scene is not None:
            self._scene.contentChanged.disconnect(self._follow.start)
        self._doc = self._scene = None
        self.result = self.groups = None
        self.centrality.show_result(None)
        self.paths.show_result(None, None)
        self.timeline.set_board(None)
        self.update_actions()

    def _on_event(self, ev: BoardEvent) -> None:
        entities = (*ev.added, *(n for _, n in ev.changed), *ev.removed)
        if any(isinstance(e, Setting) and e.id == SIZE_BY_SETTING and e.value == "centrality"
               for e in (*ev.added, *(n for _, n in ev.changed))) and \
                not self.runner.running:
            # the weighted scores, in the worker (a big board drew quick ones meanwhile)
            self.compute_centrality(quiet=True)
        if all(isinstance(e, Setting) for e in entities):
            return
        self.centrality.mark_stale()
        self._stale.start()
        self._follow.start()

    def _board(self) -> Board | None:
        return self._doc.board if self._doc is not None else None

    # ----------------------------------------------------------------- centrality
    def open_centrality(self) -> None:
        self._show_dock(self.centrality)
        self.compute_centrality()

    def _show_dock(self, dock) -> None:
        """Show a dock of the right side wide enough for its table."""
        was = dock.isVisible()
        dock.show()
        dock.raise_()
        if not was and not dock.isFloating():
            QTimer.singleShot(0, lambda: self._w.resizeDocks(
                [dock], [max(dock.width(), 470)], Qt.Orientation.Horizontal))

    def compute_centrality(self, then: Any = None, *, quiet: bool = False) -> None:
        board = self._board()
        if board is None:
            return

        def job(b: Board, progress, cancelled):
            g = actor_graph(b, cancelled=cancelled)
            return (centrality(b, graph=g, progress=progress, cancelled=cancelled),
                    communities(b, graph=g, cancelled=cancelled))

        def done(result: tuple[CentralityResult, Communities]) -> None:
            self.result, self.groups = result
            self.centrality.show_result(*result)
            self._apply_results()
            if then is not None:
                then()

        self.runner.start("centrality", board, job, "Computing who matters…", done,
                          quiet=quiet)

    def _recompute_if_shown(self) -> None:
        board = self._board()
        if board is None or self.runner.running:
            return
        actors = sum(1 for c in board.cards.values() if c.kind == "actor")
        sized = self._scene is not None and self._scene.sizing.mode == "centrality"
        wanted = (self.centrality.isVisible() or self.colour_by_community.isChecked()
                  or sized)
        if wanted and actors <= AUTO_RECOMPUTE_ACTORS:
            self.compute_centrality(quiet=True)

    def _apply_results(self) -> None:
        scene = self._scene
        if scene is None or self.result is None:
            return
        top = max((r.eigenvector for r in self.result.rows), default=0.0)
        if top > 0:
            scene.sizing.set_scores({r.card: r.eigenvector / top for r in self.result.rows
                                     if r.eigenvector > 0})
        if self.colour_by_community.isChecked():
            scene.set_display_colors(self.community_colors())

    def community_colors(self) -> dict[str, str]:
        groups = self.groups
        if groups is None:
            return {}
        return community_colours(groups)

    def set_colour_by_community(self, on: bool) -> None:
        scene = self._scene
        if scene is None:
            return
        if not on:
            scene.set_display_colors({})
            return
        if self.groups is None:
            self.compute_centrality()
        else:
            scene.set_display_colors(self.community_colors())
            n = len(self.groups.clusters)
            show_status(self._w, f"{n} communit{'ies' if n != 1 else 'y'} of "
                        "actors coloured", 6000)

    def arrange_by_community(self) -> None:
        """Move each community's actors into a block of its own: one undo step."""
        if self._board() is None:
            return
        if self.groups is None:
            self.compute_centrality(then=self._arrange)
        else:
            self._arrange()

    def _arrange(self) -> None:
        doc, controller = self._doc, self._w.controller
        if doc is None or controller is None or self.groups is None or doc.read_only:
            return
        positions = community_positions(doc.board, self.groups)
        if not positions:
            show_status(self._w, "No community to arrange: the actors have no "
                        "ties yet", 6000)
            return
        edit = edits.move_cards(doc.board, positions)
        edit = Edit(f"Arrange {len(positions)} actors by community", edit.puts)
        if controller.do(edit) and self._w.view is not None:
            self._w.view.fit_board()

    # ----------------------------------------------------------------- paths
    def find_path(self) -> None:
        board = self._board()
        if board is None:
            return
        actors = self.selected_actors()
        if len(actors) == 2:
            self._path_ends = (actors[0], actors[1])
        if self._path_ends is None:
            self._show_dock(self.paths)
            self.paths.show_message("Select two actors on the board, then Find Path.")
            return
        a, b = self._path_ends
        if a not in board.cards or b not in board.cards:
            self._path_ends = None
            self.paths.show_message("An end of the path is no longer on the board.")
            return
        hops = self.paths.max_hops.value()
        self._show_dock(self.paths)

        def job(snapshot: Board, _progress, cancelled) -> PathResult:
            return find_paths(snapshot, a, b, max_hops=hops, cancelled=cancelled)

        def done(result: PathResult) -> None:
            current = self._board()
            if current is None:
                return
            self.paths.show_result(current, result)
            if result.paths:
                self._show_ids(result.paths[0].ids(), fit=True)

        self.runner.start("find path", board, job, "Finding paths…", done)

    def _show_ids(self, ids: list[str], fit: bool = False) -> None:
        """Select (highlight) cards and links on the board; ``fit``: zoom to them."""
        scene, view = self._scene, self._w.view
        if scene is None:
            return
        board = scene.board
        ids = [i for i in ids if i in board.cards or i in board.links]
        self._w.viewing.reveal(ids)
        if fit and view is not None and ids:
            view.fit_selection()

    def add_to_report(self, chain) -> None:
        doc, controller = self._doc, self._w.controller
        if doc is None or controller is None:
            return
        if doc.read_only:
            self._w.status.show_error("This board is read-only: the path cannot be kept "
                                      "for its report")
            return
        edit = keep_for_report(doc.board, chain)
        if edit is None:
            show_status(self._w, "This path is in the report already", 6000)
            return
        if controller.do(edit):
            show_status(self._w, "Path added to the provenance report (File ▸ Export "
                                 "Provenance Report)", 8000)

    # ----------------------------------------------------------------- neighbourhoods
    def select_ego(self, hops: int) -> None:
        board = self._board()
        actors = self.selected_actors()
        if board is None or len(actors) != 1:
            return
        ids = ego_network(board, actors[0], hops)
        self._select_shown(ids)
        show_status(self._w, f"{sum(1 for i in ids if i in board.cards)} actors within {hops} "
                    f"tie{'s' if hops > 1 else ''} of {board.cards[actors[0]].title}", 6000)

    def select_common(self) -> None:
        board = self._board()
        actors = self.selected_actors()
        if board is None or len(actors) < 2:
            return
        common = common_neighbours(board, actors)
        if not common:
            show_status(self._w, "The selected actors have no tie in common",
                        6000)
            return
        self._select_shown([*actors, *common])
        show_status(self._w, f"{len(common)} actors tied to all "
                    f"{len(actors)} selected", 6000)

    def _select_shown(self, ids) -> None:
        scene = self._scene
        if scene is not None:
            scene.select_ids([i for i in ids if scene.is_shown(i)])

    # ----------------------------------------------------------------- timeline
    def _refresh_timeline(self) -> None:
        scene, board = self._scene, self._board()
        if scene is None or board is None:
            return
        # what the filters and the investigator hide; the relations view only steps the
        # claims aside (they are what a timeline shows)
        vis = scene.visibility
        hidden: set[str] = set()
        for reason in vis.reasons():
            if reason not in (RELATIONS_VIEW, BUNDLED):
                hidden |= vis.ids_of(reason)
        shown = None if not hidden else {i for i in board.cards if i not in hidden}
        self.timeline.refresh(shown, set(scene.faded))

    def _timeline_clicked(self, ids: list[str], additive: bool) -> None:
        scene = self._scene
        if scene is None:
            return
        if additive:
            current = list(self._w.selected_ids())
            chosen = [i for i in current if i not in ids] + \
                [i for i in ids if i not in current]
            scene.select_ids(chosen)
        elif ids:
            self._w.viewing.reveal(ids)
        else:
            scene.clear_selection()

