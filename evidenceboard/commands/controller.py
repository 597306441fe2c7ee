"""The undo stack over a :class:`~evidenceboard.document.Document`.

Commands change only the model, through the document (which writes each one to the file
in its own transaction first).  Views follow the board's events, so undo and redo refresh
every view without the command knowing any of them.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ..document import Document
from ..model import BoardError, Edit, edits
from ..model.history import Recorded
from ..store import StoreWriteError


class ApplyEdit(QUndoCommand):
    """One undo step: an edit and its exact inverse (computed when first done)."""

    def __init__(self, controller: EditController, edit: Edit, merge_id: int = -1,
                 imported: tuple[Recorded, ...] = ()) -> None:
        super().__init__(edit.description)
        self._controller = controller
        self.edit = edit
        self.inverse: Edit | None = None
        self._merge_id = merge_id
        self.failed: str | None = None
        #: History entries a merge brings in (written with its first doing only).
        self._imported = imported
        #: The history entries of the last doing and of the last undoing.
        self.entry: str | None = None
        self.undo_entry: str | None = None

    def id(self) -> int:
        return self._merge_id

    def redo(self) -> None:
        if self.inverse is None:
            self.inverse = self._controller.document.board.inverse(self.edit)
        imported, self._imported = self._imported, ()
        if self._controller._apply(self.edit, undoes=self.undo_entry, imported=imported):
            self.entry = self._controller.document.last_entry

    def undo(self) -> None:
        assert self.inverse is not None
        if self._controller._apply(self.inverse, undoes=self.entry):
            self.undo_entry = self._controller.document.last_entry

    def mergeWith(self, other: QUndoCommand) -> bool:
        """Keyboard nudges of the same cards merge into one step."""
        if not isinstance(other, ApplyEdit) or other.id() != self.id() or self.id() < 0:
            return False
        if {e.id for e in other.edit.puts} != {e.id for e in self.edit.puts}:
            return False
        assert self.inverse is not None
        self.edit = edits.merged(self.edit, other.edit)
        return True


class EditController(QObject):
    """Pushes edits on the undo stack; tells the UI when each one is saved or refused."""

    #: Emitted after an edit (or its undo) is committed to the board file.
    saved = Signal(str)
    #: Emitted with a one-line reason when an edit could not be saved (nothing changed).
    failed = Signal(str)

    NUDGE = 1  # merge id for arrow-key nudges

    def __init__(self, document: Document, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.stack = QUndoStack(self)
        self._error: str | None = None

    @property
    def board(self):
        return self.document.board

    def do(self, edit: Edit, *, merge_id: int = -1,
           imported: tuple[Recorded, ...] = ()) -> bool:
        """Do ``edit`` as one undo step.  Returns False (and emits :attr:`failed`) if the
        board refused it or the file could not be written; then nothing changed."""
        if edit.is_empty():
            return True
        if self.document.read_only:
            self.failed.emit(f"cannot change this board: {self.document.store.read_only_reason}")
            return False
        try:
            self.document.board.check(edit)
        except BoardError as e:
            self.failed.emit(str(e))
            return False
        self._error = None
        command = ApplyEdit(self, edit, merge_id, imported)
        # QUndoStack.push runs redo(); a failed write must not stay on the stack.
        self.stack.push(command)
        if self._error is not None:
            self._drop_failed_top()
            return False
        return True

    def _drop_failed_top(self) -> None:
        # The failed command changed nothing; make it obsolete so the stack drops it.
        index = self.stack.index()
        if index > 0:
            cmd = self.stack.command(index - 1)
            if cmd is not None:
                cmd.setObsolete(True)
                self.stack.undo()

    def _apply(self, edit: Edit, *, undoes: str | None = None,
               imported: tuple[Recorded, ...] = ()) -> bool:
        if self._error is not None:
            return False
        try:
            self.document.apply(edit, undoes=undoes, imported=imported)
        except (StoreWriteError, BoardError) as e:
            self._error = str(e)
            self.failed.emit(str(e))
            return False
        self.saved.emit(edit.description)
        return True
