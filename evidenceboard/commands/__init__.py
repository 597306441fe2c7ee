"""Undoable commands: every user change is an :class:`~evidenceboard.model.Edit` pushed
through :class:`EditController`, which owns the QUndoStack (QtGui, no widgets)."""

from .controller import ApplyEdit, EditController

__all__ = ["ApplyEdit", "EditController"]
