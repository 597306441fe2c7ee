"""The Edit, Insert and Actor menus (and the canvas's own requests): clipboard, delete,
select all, new cards, a drawn link's evidence dialog, and the corrections of what the
importer read (merge actors, split an alias out, change an actor's type, not an actor).

Every change is one edit built in :mod:`evidenceboard.model.edits` and done through the
controller (one undo step, in the file before the screen changes); a read-only board
refuses it with one line in the status bar.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QGuiApplication

from ..commands.controller import EditController
from ..model import Card, Edit, edits, group_edits
from ..model.entities import DEFAULT_CARD_SIZE
from . import clipboard
from .corrections_dialog import CorrectionsDialog
from .evidence_dialog import EvidenceDialog
from .plain import show_status

if TYPE_CHECKING:  # pragma: no cover
    from .main_window import MainWindow

#: How far each paste of the same cards lands from the last (scene units, both ways).
PASTE_STEP = 24.0


class EditCommands:
    """Edit ▸ Cut / Copy / Paste / Delete / Select All / Find, Insert ▸ cards and Link,
    and what the canvas asks for (a link drawn, a card double-clicked)."""

    def __init__(self, window: MainWindow) -> None:
        self._w = window
        #: The evidence dialog of the link being drawn, while it is open.
        self.evidence_dialog: EvidenceDialog | None = None
        self._pastes = 0  # pastes since the last copy, into this controller's board
        self._pasted_into: EditController | None = None

    # ================================================================= clipboard
    def copy(self) -> bool:
        w = self._w
        if w.controller is None:
            return False
        mime = clipboard.to_mime(w.controller.board, w.selected_ids())
        if mime is None:
            return False
        QGuiApplication.clipboard().setMimeData(mime)
        self._pastes = 0
        return True

    def cut(self) -> bool:
        w = self._w
        if w.controller is None or not w.files.writable("cut") or not self.copy():
            return False
        return w.controller.do(edits.cut_items(w.controller.board, w.selected_ids()))

    def paste(self) -> list[str]:
        """Paste cards from the clipboard; returns the new card ids (selected).  Each
        paste of the same cards lands a step further, so copies never hide each other."""
        w = self._w
        if w.controller is None or w.scene is None or not w.files.writable("paste"):
            return []
        content = clipboard.from_mime(QGuiApplication.clipboard().mimeData())
        if not content or not content["cards"]:
            show_status(w, "Nothing to paste: copy some cards first", 5000)
            return []
        if self._pasted_into is not w.controller:  # another board since: start again
            self._pastes, self._pasted_into = 0, w.controller
        board = w.controller.board
        originals_here = any(c.id in board.cards for c in content["cards"])
        step = self._pastes + (1 if originals_here else 0)
        edit = clipboard.paste_edit(board, content, (PASTE_STEP * step, PASTE_STEP * step))
        if not w.controller.do(edit):
            return []
        self._pastes += 1
        new_ids = [e.id for e in edit.puts if isinstance(e, Card)]
        w.scene.select_ids(new_ids)
        return new_ids

    def delete_selection(self) -> bool:
        w = self._w
        if w.controller is None or not w.files.writable("delete"):
            return False
        ids = w.selected_ids()
        group = w.scene.frames.selected if w.scene is not None else None
        if group is not None:  # a frame (and what is selected with it)
            if not w.controller.do(group_edits.delete_groups(w.controller.board, [group],
                                                             ids)):
                return False
            w.scene.clear_selection()
            w.scene.selectionChanged.emit()  # (the frame went with its group)
            return True
        if not ids:
            return False
        return w.controller.do(edits.delete_items(w.controller.board, ids))

    def select_all(self) -> None:
        w = self._w
        if w.controller is not None and w.scene is not None:
            b = w.controller.board
            w.scene.select_ids([*b.cards, *b.links])

    def focus_search(self) -> None:
        self._w.search_dock.focus_query()

    # ================================================================= cards
    def insert_card(self, kind: str, at: QPointF | None = None,
                    actor_type: str | None = None) -> str | None:
        """Add a card of ``kind`` centred at ``at`` (scene coordinates; the centre of
        the view by default); returns its id.  An actor gets ``actor_type``, or the type
        last chosen (which ``actor_type`` then becomes)."""
        w = self._w
        if w.controller is None or w.scene is None or w.view is None \
                or not w.files.writable("add a card"):
            return None
        centre = at if at is not None else self.free_centre(kind)
        if kind == "actor":
            actor_type = actor_type or w.acts.last_actor_type()
            w.acts.remember_actor_type(actor_type)
        card = edits.new_card(kind, (centre.x(), centre.y()), actor_type=actor_type)
        if not w.controller.do(edits.put(f"Add {actor_type or kind}", card)):
            return None
        w.scene.select_ids([card.id])
        w.inspector.show()
        w.inspector.title_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        w.inspector.title_edit.selectAll()
        return card.id

    def new_card_position(self) -> tuple[float, float]:
        """Top-left corner for a claim made outside the canvas: the free place nearest
        the view's centre."""
        if self._w.view is None:
            return (0.0, 0.0)
        c = self.free_centre("claim")
        cw, ch = DEFAULT_CARD_SIZE["claim"]
        return (c.x() - cw / 2, c.y() - ch / 2)

    def free_centre(self, kind: str) -> QPointF:
        """Where a new card of ``kind`` goes when the user did not point: the view's
        centre, or the nearest place around it (in steps of the card's size) where it
        covers no card, so that a second new card is not hidden under the first or an
        existing one.  The centre itself when the view is full."""
        w = self._w
        assert w.view is not None and w.scene is not None
        centre = w.view.mapToScene(w.view.viewport().rect().center())
        cw, ch = DEFAULT_CARD_SIZE.get(kind, (200.0, 72.0))
        gap = 16.0
        sx, sy = cw + gap, ch + gap
        rings = 6
        spots = sorted(((i, j) for i in range(-rings, rings + 1)
                        for j in range(-rings, rings + 1)),
                       key=lambda ij: ((ij[0] * sx) ** 2 + (ij[1] * sy) ** 2, ij[1], ij[0]))
        for i, j in spots:
            x, y = centre.x() + i * sx, centre.y() + j * sy
            room = QRectF(x - cw / 2 - gap / 2, y - ch / 2 - gap / 2, cw + gap, ch + gap)
            if not w.scene.card_ids_in(room):
                return QPointF(x, y)
        return centre

    def card_activated(self, card_id: str) -> None:
        """A card was double-clicked outside its title: its fields in the inspector."""
        w = self._w
        if w.scene is None:
            return
        w.scene.select_ids([card_id])
        w.inspector.show()
        w.inspector.raise_()
        w.inspector.title_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_selection_source(self) -> None:
        """The words that back the selected items, in the source viewer."""
        w = self._w
        w.source_viewer.show()
        w.source_viewer.raise_()
        w.source_viewer.show_items(w.selected_ids())

    # ================================================================= links
    def set_link_mode(self, on: bool) -> None:
        if self._w.view is not None:
            self._w.view.set_link_mode(bool(on))

    def request_link(self, from_id: str, to_id: str) -> EvidenceDialog | None:
        """A link was drawn: ask which words back it (window-modal, not blocking)."""
        w = self._w
        if w.controller is None or not w.files.writable("add a link"):
            return None
        board = w.controller.board
        if from_id == to_id or from_id not in board.cards or to_id not in board.cards:
            return None
        self.close_evidence_dialog()
        shown = w.source_viewer.source_id() if w.source_viewer.isVisible() else None
        dlg = EvidenceDialog(board, from_id, to_id, w, shown_source=shown)
        dlg.setWindowModality(Qt.WindowModality.WindowModal)
        dlg.finished.connect(lambda _r, d=dlg: self._evidence_done(d))
        self.evidence_dialog = dlg
        w.evidenceRequested.emit(dlg)
        dlg.open()
        return dlg

    def close_evidence_dialog(self) -> None:
        if self.evidence_dialog is not None:
            self.evidence_dialog.reject()

    def _evidence_done(self, dlg: EvidenceDialog) -> None:
        w = self._w
        if self.evidence_dialog is dlg:
            self.evidence_dialog = None
        edit = dlg.result_edit
        dlg.deleteLater()
        if edit is None or w.controller is None or dlg.board is not w.controller.board:
            return
        if w.controller.do(edit) and dlg.result_link is not None and w.scene is not None:
            w.scene.select_ids([dlg.result_link.id])

    # ================================================================= corrections
    def selected_actors(self) -> list[Card]:
        """The actor cards of the selection, in the order they were selected."""
        w = self._w
        if w.controller is None:
            return []
        cards = w.controller.board.cards
        return [cards[i] for i in w.selected_ids() if i in cards and cards[i].kind == "actor"]

    def _correct(self, what: str, make: Callable[[], Edit],
                 select: Callable[[Edit], list[str]] | None = None) -> bool:
        w = self._w
        if w.controller is None or not w.files.writable(what):
            return False
        try:
            edit = make()
        except ValueError as e:
            w.status.show_error(str(e))
            return False
        chosen = select(edit) if select is not None else None  # (before the board changes)
        if edit.is_empty() or not w.controller.do(edit):
            return False
        if chosen is not None and w.scene is not None:
            w.scene.select_ids(chosen)
        return True

    def merge_actors(self, keep: str | None = None) -> bool:
        """Actor ▸ Merge Actors (the card cited most keeps its name) or Merge Into ▸ one
        of them: one card, one undo step, remembered for the next import."""
        ids = [c.id for c in self.selected_actors()]
        board = self._w.controller.board if self._w.controller is not None else None
        return self._correct("merge actors", lambda: edits.merge_actors(board, ids, keep),
                             lambda e: [c.id for c in e.puts if isinstance(c, Card)
                                        and c.id in ids][:1])

    def split_alias(self, alias: str) -> bool:
        """Actor ▸ Split Alias Out ▸ a spelling of the one selected actor: a card of its
        own beside it, with the citations that quote it (selected)."""
        actors = self.selected_actors()
        board = self._w.controller.board if self._w.controller is not None else None
        card_id = actors[0].id if len(actors) == 1 else ""
        return self._correct("split an alias out",
                             lambda: edits.split_alias(board, card_id, alias),
                             lambda e: [c.id for c in e.puts if isinstance(c, Card)
                                        and board is not None and c.id not in board.cards])

    def retype_actors(self, actor_type: str) -> bool:
        """Actor ▸ Change Type ▸ a type, for every selected actor (one undo step)."""
        ids = [c.id for c in self.selected_actors()]
        board = self._w.controller.board if self._w.controller is not None else None
        return self._correct("change the actor type",
                             lambda: edits.retype_actors(board, ids, actor_type))

    def not_an_actor(self) -> bool:
        """Actor ▸ Not an Actor: the selected actor cards go, and the importer never
        proposes their names again (one undo step)."""
        ids = [c.id for c in self.selected_actors()]
        board = self._w.controller.board if self._w.controller is not None else None
        return self._correct("remove a card", lambda: edits.reject_actors(board, ids))

    def show_corrections(self) -> CorrectionsDialog | None:
        """Actor ▸ Remembered Corrections…: the alias table, to see or forget entries."""
        w = self._w
        if w.controller is None:
            return None
        controller = w.controller
        dlg = CorrectionsDialog(lambda: controller.board, controller.do,
                                not w.document.read_only if w.document else False, w)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.setWindowModality(Qt.WindowModality.WindowModal)
        dlg.open()
        return dlg
