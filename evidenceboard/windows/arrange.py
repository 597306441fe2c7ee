"""The Arrange menu: layouts of the board or the selection, align and distribute, pins.

Every command here is one undo step: the positions come from
:mod:`evidenceboard.analysis.arrange` (pure functions on the model), one ``move_cards``
edit puts them on the board and in the file, then the cards glide there on screen
(:meth:`BoardScene.glide_from`) and the view fits the result.  Undo puts every card back
exactly; redo moves them again.

Scope: with two or more cards selected a layout arranges the selection (the rest of the
board stays and is not covered), otherwise every card shown (hidden cards stay where they
are).  Pinned cards never move.  Radial needs one selected card, its centre.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from ..analysis.arrange import LayoutError, align, arrange, distribute
from ..model import edits
from .plain import show_status
from .qactions import make_action

if TYPE_CHECKING:  # pragma: no cover
    from .main_window import MainWindow

#: (method, grouping, menu text, shortcut, status tip)
LAYOUTS = (
    ("force", None, "&Force-Directed", "Ctrl+Alt+1",
     "Linked cards close together, clusters apart (networkx spring layout)"),
    ("hierarchy", None, "&Hierarchy", "Ctrl+Alt+2",
     "Layers: speakers above their claims, claims above what they are about"),
    ("circle", None, "&Circle", "Ctrl+Alt+3", "Every card on one circle, linked cards "
     "next to each other"),
    ("radial", None, "&Radial Around Selected", "Ctrl+Alt+4",
     "Rings of hops around the selected card"),
    ("groups", "type", "Group by &Type", "Ctrl+Alt+5", "One block per kind and actor type"),
    ("groups", "source", "Group by &Source Article", "Ctrl+Alt+6",
     "One block per article the cards are cited from"),
    ("groups", "cluster", "Group by Cl&uster", "Ctrl+Alt+7",
     "One block per community of closely linked cards (Louvain)"),
)
#: (mode, menu text, shortcut)
ALIGNS = (("left", "Align &Left", "Ctrl+Alt+Left"),
          ("centre", "Align C&entre", "Ctrl+Alt+C"),
          ("right", "Align Ri&ght", "Ctrl+Alt+Right"),
          ("top", "Align T&op", "Ctrl+Alt+Up"),
          ("middle", "Align &Middle", "Ctrl+Alt+M"),
          ("bottom", "Align &Bottom", "Ctrl+Alt+Down"))
DISTRIBUTES = (("horizontal", "Distribute Hori&zontally", "Ctrl+Alt+H"),
               ("vertical", "Distribute &Vertically", "Ctrl+Alt+V"))


class ArrangeCommands(QObject):
    """See the module docstring.  ``layout_actions``, ``align_actions`` and
    ``distribute_actions`` are keyed by what they do (tests trigger them)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._w = window
        #: How long cards glide (tests may shorten it); 0: they jump.
        self.glide_ms = 300
        w = window

        act = functools.partial(make_action, w)

        self.layout_actions: dict[tuple[str, str | None], QAction] = {}
        for method, by, text, key, tip in LAYOUTS:
            self.layout_actions[(method, by)] = act(
                text, lambda m=method, b=by: self.run_layout(m, b), key,
                f"{tip} (the selection, or the whole board; pinned cards stay)")
        self.align_actions: dict[str, QAction] = {}
        for mode, text, key in ALIGNS:
            self.align_actions[mode] = act(text, lambda m=mode: self.run_align(m), key,
                                           f"{text.replace('&', '')} the selected cards")
        self.distribute_actions: dict[str, QAction] = {}
        for mode, text, key in DISTRIBUTES:
            self.distribute_actions[mode] = act(
                text, lambda m=mode: self.run_distribute(m), key,
                f"Equal gaps between the selected cards, {mode}ly")
        self.pin = act("&Pin in Place", lambda: self.set_pinned(True), "Ctrl+Alt+P",
                       "Layouts leave the selected cards where they are")
        self.unpin = act("U&npin", lambda: self.set_pinned(False), "Ctrl+Alt+Shift+P",
                         "Let layouts move the selected cards again")
        self.menu = QMenu("&Arrange", w)
        self.menu.setObjectName("arrangeMenu")
        for (method, by), a in self.layout_actions.items():
            if (method, by) == ("groups", "type"):
                self.menu.addSeparator()
            self.menu.addAction(a)
        self.menu.addSeparator()
        self.menu.addActions(list(self.align_actions.values()))
        self.menu.addSeparator()
        self.menu.addActions(list(self.distribute_actions.values()))
        self.menu.addSeparator()
        self.menu.addActions([self.pin, self.unpin])

    def all_actions(self) -> list[QAction]:
        return [*self.layout_actions.values(), *self.align_actions.values(),
                *self.distribute_actions.values(), self.pin, self.unpin]

    def toolbar_button(self, parent: QWidget) -> QToolButton:
        """The toolbar's Arrange button: the force layout, its menu the rest."""
        button = QToolButton(parent)
        button.setObjectName("arrangeButton")
        button.setText("Arrange")
        button.setToolTip("Arrange the board or the selection (one undo step)")
        button.setMenu(self.menu)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        return button

    # ----------------------------------------------------------------- state
    def _selected_cards(self) -> list[str]:
        scene = self._w.scene
        if scene is None:
            return []
        return [i for i in self._w.selected_ids() if i in scene.board.cards]

    def update_actions(self) -> None:
        doc, scene = self._w.document, self._w.scene
        writable = doc is not None and not doc.read_only and scene is not None
        cards = self._selected_cards()
        pinned = scene.pinned if scene is not None else frozenset()
        movable = writable and scene is not None and scene.card_count() > 0
        for (method, _by), a in self.layout_actions.items():
            a.setEnabled(movable and (method != "radial" or len(cards) >= 1))
        for a in self.align_actions.values():
            a.setEnabled(writable and len(cards) >= 2)
        for a in self.distribute_actions.values():
            a.setEnabled(writable and len(cards) >= 3)
        self.pin.setEnabled(writable and any(i not in pinned for i in cards))
        self.unpin.setEnabled(writable and any(i in pinned for i in cards))

    # ----------------------------------------------------------------- commands
    def _sizes(self):
        scene = self._w.scene
        assert scene is not None

        def size(i: str) -> tuple[float, float]:
            r = scene.card_rect(i)
            if r is None:
                c = scene.board.cards[i]
                return (c.width, c.height)
            return (r.width(), r.height())
        return size

    def run_layout(self, method: str, by: str | None = None) -> bool:
        scene, view = self._w.scene, self._w.view
        if scene is None or view is None or not scene.may_edit():
            return False
        board = scene.board
        shown = [i for i in board.cards if scene.is_shown(i)]
        selected = self._selected_cards()
        if len(selected) >= 2:
            scope, obstacles = selected, [i for i in shown if i not in set(selected)]
        else:
            scope, obstacles = shown, []
        center = None
        if method == "radial":
            if not selected:
                self._w.status.show_error("Radial layout: select the card to put in the "
                                          "middle first")
                return False
            center = max(selected, key=lambda i: (board.link_count(i), i)) \
                if len(selected) > 1 else selected[0]
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            positions = arrange(board, method, ids=scope, pinned=scene.pinned,
                                obstacles=obstacles, sizes=self._sizes(), by=by or "type",
                                center=center)
        except LayoutError as e:
            self._w.status.show_error(str(e))
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        text = next(t for m, b, t, _k, _tip in LAYOUTS if (m, b) == (method, by))
        return self._apply(positions, f"Layout: {text.replace('&', '')}", fit=scope)

    def run_align(self, mode: str) -> bool:
        scene = self._w.scene
        cards = self._selected_cards()
        if scene is None or len(cards) < 2 or not scene.may_edit():
            return False
        # on the cards' own rectangles: a card drawn bigger by Size By is redrawn
        # at another scale once it has moved, its own size stays
        positions = align(scene.board, cards, mode, pinned=scene.pinned)
        text = {m: t for m, t, _k in ALIGNS}[mode].replace("&", "")
        return self._apply(positions, text, fit=None)

    def run_distribute(self, mode: str) -> bool:
        scene = self._w.scene
        cards = self._selected_cards()
        if scene is None or len(cards) < 3 or not scene.may_edit():
            return False
        positions = distribute(scene.board, cards, mode, pinned=scene.pinned)
        text = {m: t for m, t, _k in DISTRIBUTES}[mode].replace("&", "")
        return self._apply(positions, text, fit=None)

    def set_pinned(self, on: bool) -> bool:
        scene, controller = self._w.scene, self._w.controller
        cards = self._selected_cards()
        if scene is None or controller is None or not cards or not scene.may_edit():
            return False
        ok = controller.do(edits.pin_cards(scene.board, cards, on))
        self.update_actions()
        return ok

    def _refit(self, view, rect) -> None:
        # (the glide is deleted with the scene when the window closes: the view may be
        # gone by then)
        if view is self._w.view and shiboken6.isValid(view):
            view.fit_result(rect)

    def _apply(self, positions: dict[str, tuple[float, float]], description: str, *,
               fit: list[str] | None) -> bool:
        """One edit moving the cards, then the glide; ``fit``: the view fits these
        cards once they are placed (a layout; align and distribute keep the view)."""
        scene, view, controller = self._w.scene, self._w.view, self._w.controller
        if scene is None or view is None or controller is None:
            return False
        if not positions:
            show_status(self._w, f"{description}: nothing to move", 5000)
            return True
        starts = {}
        for i in positions:
            item = scene.item_for(i)
            if item is not None:
                starts[i] = (item.pos().x(), item.pos().y())
        edit = edits.move_cards(scene.board, positions)
        edit = type(edit)(description, edit.puts, edit.deletes)
        if not controller.do(edit):
            return False
        rect = scene.bounds_of(fit) if fit else None
        if rect is not None and not rect.isNull():
            view.fit_result(rect)
        glide = scene.glide_from(starts, self.glide_ms)
        if rect is not None and not rect.isNull() and glide.running:
            # once the cards have landed (the window may have settled meanwhile)
            glide.destroyed.connect(lambda *_a, v=view, r=rect: self._refit(v, r))
        n = len(positions)
        show_status(self._w, f"{description}: {n} card{'s' if n != 1 else ''} moved (Undo "
                             "puts them back)", 5000)
        return True
