"""A board open for work: the model and its file, kept equal.

:meth:`Document.apply` writes an edit to the file in one transaction *first*, and only
when that committed applies it to the in-memory board, whose listeners (the scene, the
docks) then follow.  If the write fails nothing changes anywhere and the error says why.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from .model import Board, BoardEvent, Edit
from .store import BoardStore, CheckControl, create_board_file


class Document:
    def __init__(self, store: BoardStore, board: Board) -> None:
        self.store = store
        self.board = board
        self._committed: list[Callable[[Edit], None]] = []

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, read_only: bool = False,
             control: CheckControl | None = None) -> Document:
        """Validate, open and load ``path`` (``control``: progress and cancelling, see
        :meth:`BoardStore.open`)."""
        store = BoardStore.open(path, read_only=read_only, control=control)
        try:
            board = store.load()
        except BaseException:
            store.close()
            raise
        return cls(store, board)

    @classmethod
    def create(cls, path: str | os.PathLike[str]) -> Document:
        create_board_file(path)
        return cls.open(path)

    @property
    def path(self) -> Path:
        return self.store.path

    @property
    def name(self) -> str:
        return self.store.path.stem

    @property
    def read_only(self) -> bool:
        return self.store.read_only

    def on_committed(self, callback: Callable[[Edit], None]) -> None:
        """Call ``callback(edit)`` after each edit is safely in the file."""
        self._committed.append(callback)

    def apply(self, edit: Edit) -> BoardEvent | None:
        """Check, write, then show ``edit``.  Raises BoardError / StoreWriteError."""
        if edit.is_empty():
            return None
        self.board.check(edit)
        self.store.commit(edit)
        event = self.board.apply(edit)
        for cb in list(self._committed):
            cb(edit)
        return event

    def close(self) -> None:
        self.store.close()
