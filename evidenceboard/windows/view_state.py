"""How the investigator looks at the open board: the relations view, filters, cards
hidden by hand, neighbourhoods — applied to the canvas and remembered per board.

None of this is an edit: :class:`ViewStateControl` keeps a
:class:`~evidenceboard.analysis.filters.ViewState`, applies it to the scene's
:class:`~evidenceboard.canvas.visibility.Visibility` (and fade set), and writes it to the
board's settings without an undo step.  The one edit here is *Derive Relations from
Claims* (one undo step through the controller).

The relations view hides the claim cards (their links go with them) and draws the
relation links between each pair of actors as one line: the labels of the pair's links
and what backs them ("met · backs / 3 claims · 4 sources · 2 origins").  The line is the
pair's most backed link; the others are hidden as "bundled", and selecting the line shows
the claims of the whole bundle in the inspector.
"""

from __future__ import annotations

import contextlib
import functools
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from ..analysis.filters import VIEW_STATE_KEY, BoardFilter, ViewState, hidden_neighbours, neighbours
from ..analysis.relations import derive_relations, relation_links
from ..analysis.shown import REASONS, shown_view
from ..model import BoardEvent, Setting, edits
from ..store import BoardFileError, StoreWriteError
from .filter_dock import FilterDock
from .plain import plain_label, show_status
from .qactions import make_action

if TYPE_CHECKING:  # pragma: no cover
    from ..canvas import BoardScene
    from ..document import Document
    from .main_window import MainWindow

#: How long after an edit the filter and the bundles are worked out again.
REFRESH_DELAY_MS = 120
HOPS = (1, 2, 3)


class ViewStateControl(QObject):
    """See the module docstring.  Built by the main window; ``attach`` per board."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._w = window
        self.state = ViewState()
        self._doc: Document | None = None
        self._scene: BoardScene | None = None
        #: link id -> the ids of the pair's relation links it stands for
        self.bundles: dict[str, tuple[str, ...]] = {}
        self.dock = FilterDock(window)
        self.dock.filterChanged.connect(self.set_filter)
        self.dock.set_board(None)
        self.status_label = plain_label()
        self.status_label.setObjectName("hiddenLabel")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_DELAY_MS)
        self._timer.timeout.connect(self._refresh)
        self._build_actions()

    # ----------------------------------------------------------------- actions
    def _build_actions(self) -> None:
        w = self._w

        act = functools.partial(make_action, w)

        self.relations_view = act(
            "&Relations View", self.set_relations_view, "Ctrl+R",
            "Show how actors are related: claims become links between the actors they "
            "name (claim cards hidden, one click away on each link)", checkable=True)
        self.derive = act("&Derive Relations from Claims", self.derive_relations, None,
                          "Add a sourced link between the actors of every claim that "
                          "names two or more (one undo step)")
        self.show_filter = self.dock.toggleViewAction()
        self.show_filter.setText("Fi&lter…")
        self.show_filter.setShortcut(QKeySequence("Ctrl+Shift+F"))
        self.show_filter.setStatusTip("Show only some kinds, types, sources, grades or "
                                      "link labels")
        self.hide_selected = act("&Hide Selected", self.hide_selection, "Ctrl+H",
                                 "Hide the selected cards and links (they stay on the "
                                 "board)")
        self.show_all = act("Sho&w All", self.show_everything, "Ctrl+Shift+H",
                            "Show every hidden card and link and clear the filter")
        self.expand = act("E&xpand", self.expand_selection, "Ctrl+Shift+E",
                          "Show the hidden cards linked to the selected ones")
        self.neighbour_menu = QMenu("Select N&eighbours", w)
        self.neighbour_actions: dict[int, QAction] = {}
        for n in HOPS:
            a = act(f"&{n} Hop{'s' if n > 1 else ''}", lambda n=n: self.select_neighbours(n),
                    None, f"Select what is within {n} link{'s' if n > 1 else ''} of the "
                    "selection")
            self.neighbour_menu.addAction(a)
            self.neighbour_actions[n] = a
        self.neighbour_actions[1].setShortcut(QKeySequence("Ctrl+Alt+N"))

    def menu_actions(self) -> list[QAction | QMenu]:
        """What the View menu shows, in order."""
        return [self.relations_view, self.derive, self.show_filter, self.hide_selected,
                self.show_all, self.expand, self.neighbour_menu]

    def board_actions(self) -> list[QAction]:
        return [self.relations_view, self.derive, self.hide_selected, self.show_all,
                self.expand, *self.neighbour_actions.values()]

    def update_actions(self) -> None:
        scene = self._scene
        has = scene is not None
        selected = bool(self._w.selected_ids()) if has else False
        hidden = bool(scene.visibility.hidden_ids()) if scene is not None else False
        editable = has and self._doc is not None and not self._doc.read_only
        self.relations_view.setEnabled(has)
        self.derive.setEnabled(editable)
        self.hide_selected.setEnabled(selected)
        self.expand.setEnabled(selected and hidden)
        self.show_all.setEnabled(hidden or self.state.filter.active)
        for a in self.neighbour_actions.values():
            a.setEnabled(selected)

    # ----------------------------------------------------------------- a board
    def shown_state(self) -> ViewState:
        """The view as exports and printing show it: this state, and cards coloured by
        community when Analyze ▸ Colour by Community is on."""
        analysis = getattr(self._w, "analysis", None)
        colour = analysis is not None and analysis.colour_by_community.isChecked()
        return replace(self.state, community_colours=colour)

    def attach(self, doc: Document, scene: BoardScene) -> None:
        """Show ``doc`` as it was last looked at."""
        self._doc, self._scene = doc, scene
        self.state = ViewState.from_text(doc.board.setting(VIEW_STATE_KEY), doc.board)
        doc.board.subscribe(self._on_event)
        scene.visibility.on_changed(lambda _ids: self._show_status())
        self.dock.set_board(doc.board)
        self.dock.set_filter(self.state.filter)
        self.relations_view.blockSignals(True)
        self.relations_view.setChecked(self.state.relations_view)
        self.relations_view.blockSignals(False)
        self._refresh()
        self.update_actions()

    def detach(self) -> None:
        self._timer.stop()
        if self._doc is not None:
            self._doc.board.unsubscribe(self._on_event)
        self._doc = self._scene = None
        self.bundles = {}
        self.dock.set_board(None)
        self.status_label.clear()
        self.update_actions()

    def _on_event(self, ev: BoardEvent) -> None:
        # the filter and the bundles follow the board; writing the view state itself
        # (or the zoom) changes neither
        if any(not isinstance(e, Setting)
               for e in (*ev.added, *(n for _, n in ev.changed), *ev.removed)):
            self._timer.start()

    # ----------------------------------------------------------------- changing the state
    def _set_state(self, state: ViewState) -> None:
        if state == self.state:
            return
        self.state = state
        self._refresh()
        self._save()
        self.update_actions()

    def set_filter(self, f: BoardFilter) -> None:
        self._set_state(replace(self.state, filter=f))
        if self.dock.current_filter() != f:
            self.dock.set_filter(f)

    def set_relations_view(self, on: bool) -> None:
        if self._scene is None:
            return
        self._set_state(replace(self.state, relations_view=bool(on)))
        if self._w.view is not None:
            self._w.view.fit_board()  # what the view shows now
        if on and self._doc is not None and not relation_links(self._doc.board):
            show_status(
                self._w, "This board has no relations between actors yet: View ▸ Derive Relations "
                "from Claims makes them from its claims", 10000)

    def hide_selection(self) -> None:
        ids = set(self._w.selected_ids())
        if not ids:
            return
        self._set_state(replace(self.state, hidden=self.state.hidden | ids))

    def show_everything(self) -> None:
        self._set_state(replace(self.state, hidden=frozenset(), revealed=frozenset(),
                                filter=BoardFilter(mode=self.state.filter.mode)))
        self.dock.set_filter(self.state.filter)

    def expand_selection(self) -> None:
        """Reveal the hidden cards linked to the selected cards (Expand on an actor)."""
        scene, doc = self._scene, self._doc
        if scene is None or doc is None:
            return
        board = doc.board
        hidden = scene.visibility.hidden_ids()
        shown: set[str] = set()
        for i in self._w.selected_ids():
            if i in board.cards:
                shown |= hidden_neighbours(board, i, hidden)
        if not shown:
            show_status(self._w, "Nothing hidden is linked to the selection", 5000)
            return
        self._set_state(replace(self.state, hidden=self.state.hidden - shown,
                                revealed=self.state.revealed | shown))
        scene.select_ids([*self._w.selected_ids(), *sorted(shown)])

    def reveal_cards(self, ids: list[str]) -> None:
        """Show these cards even if the filter or a hand would hide them (an import's
        new cards: the investigator asked for them)."""
        if self._scene is None or self._doc is None or not ids:
            return
        self._timer.stop()
        self._refresh()  # the new cards meet the filter now, not in a moment
        hidden = self._scene.visibility.hidden_ids()
        cards = self._doc.board.cards
        wanted = {i for i in ids if i in hidden and not (
            self.state.relations_view and i in cards and cards[i].kind == "claim")}
        if wanted:
            self._set_state(replace(self.state, hidden=self.state.hidden - wanted,
                                    revealed=self.state.revealed | wanted))

    def select_neighbours(self, hops: int) -> None:
        scene, doc = self._scene, self._doc
        if scene is None or doc is None:
            return
        skip = scene.visibility.hidden_ids()
        ids = neighbours(doc.board, self._w.selected_ids(), hops, skip=skip)
        scene.select_ids([i for i in ids if scene.is_shown(i)])

    def derive_relations(self) -> None:
        doc, controller = self._doc, self._w.controller
        if doc is None or controller is None or doc.read_only:
            return
        edit = derive_relations(doc.board)
        if edit.is_empty():
            show_status(self._w, "Every relation the claims state is already on the board")
            return
        if controller.do(edit):
            show_status(self._w, edit.description)

    # ----------------------------------------------------------------- applying
    def _refresh(self) -> None:
        """Apply the state to the scene: hidden, filtered, relations view, bundles —
        worked out by :func:`~evidenceboard.analysis.shown.shown_view`, the same as
        exports paint."""
        scene, doc = self._scene, self._doc
        if scene is None or doc is None:
            return
        shown = shown_view(doc.board, self.state)
        vis = scene.visibility
        for reason in REASONS:
            ids = shown.hidden.get(reason)
            if ids:
                vis.set_hidden(reason, ids)
            else:
                vis.clear(reason)
        self.bundles = dict(shown.bundles)
        scene.set_link_captions(dict(shown.captions))
        scene.set_filter_faded(set(shown.faded))
        self._show_status()

    def bundle_of(self, link_id: str) -> tuple[str, ...]:
        """The relation links a drawn line stands for (itself alone if not bundled)."""
        return self.bundles.get(link_id, (link_id,))

    def _save(self) -> None:
        doc = self._doc
        if doc is None or doc.read_only:
            return
        text = self.state.to_text()
        if doc.board.setting(VIEW_STATE_KEY, ViewState().to_text()) == text:
            return
        # losing how the board was looked at is not worth a dialog
        with contextlib.suppress(StoreWriteError, BoardFileError, ValueError):
            doc.apply(edits.set_setting(VIEW_STATE_KEY, text))

    def _show_status(self) -> None:
        scene, doc = self._scene, self._doc
        if scene is None or doc is None:
            self.status_label.clear()
            return
        parts = []
        hidden = scene.visibility.summary(doc.board)
        if hidden:
            parts.append(hidden)
        f = self.state.filter
        if f.active and f.mode == "fade":
            parts.append(f"faded: not {f.describe(doc.board)}")
        if self.state.relations_view:
            parts.insert(0, "Relations view")
        self.status_label.setText(" · ".join(parts))
        self.status_label.setToolTip("Show All (Ctrl+Shift+H) shows everything again"
                                     if hidden else "")
