"""Errors of the board file layer, each carrying one sentence a user can read."""

from __future__ import annotations


class BoardFileError(Exception):
    """A file that cannot be opened as a board.  ``str(error)`` is the one-line reason."""


class NotABoardError(BoardFileError):
    """The file is not an EvidenceBoard board at all (another app's file, a PNG...)."""


class NewerFormatError(BoardFileError):
    """Made by a newer EvidenceBoard than this one."""


class DamagedBoardError(BoardFileError):
    """A board file whose bytes or rows are broken."""


class HostileBoardError(BoardFileError):
    """A board file with objects or sizes a board never has."""


class SlowCheckError(BoardFileError):
    """Checking ran past a wall-clock limit a caller set: the file was not judged."""


class CheckCancelledError(BoardFileError):
    """The user cancelled opening the board; nothing was changed."""


class StoreWriteError(Exception):
    """An edit could not be written (disk full, I/O error, read-only board).

    The transaction was rolled back: the file is unchanged and still valid.
    """


class ReadOnlyError(StoreWriteError):
    """The board is open read-only (open in another EvidenceBoard, or a read-only file)."""
