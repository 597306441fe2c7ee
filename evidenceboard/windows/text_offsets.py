"""Converting between Python ``str`` indices and QTextDocument cursor positions.

Citation offsets index the stored text as Python sees it (code points).  A QTextDocument
counts UTF-16 code units (a character outside the BMP, e.g. an emoji, is two positions)
and turns ``\\r\\n`` into one paragraph break.  :class:`TextPositions` maps exactly both
ways, so a selection in a QPlainTextEdit becomes a citation whose quote is
``text[start:end]``.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from PySide6.QtWidgets import QPlainTextEdit


class TextPositions:
    """Python index <-> QTextDocument position for one text shown with setPlainText."""

    def __init__(self, text: str) -> None:
        self.text = text
        identity = "\r" not in text and all(ord(ch) <= 0xFFFF for ch in text)
        self._pos: list[int] | None = None
        if identity:
            self.doc_length = len(text)
            return
        pos: list[int] = []
        p = 0
        n = len(text)
        for i, ch in enumerate(text):
            pos.append(p)
            if ch == "\r" and i + 1 < n and text[i + 1] == "\n":
                continue  # "\r\n" is one paragraph break: the "\n" takes the position
            p += 2 if ord(ch) > 0xFFFF else 1
        pos.append(p)  # sentinel: the end of the text
        self._pos = pos
        self.doc_length = p

    def to_doc(self, index: int) -> int:
        """The document position just before ``text[index]``."""
        index = max(0, min(index, len(self.text)))
        return index if self._pos is None else self._pos[index]

    def to_index(self, position: int) -> int:
        """The Python index of the first character at or after document ``position``."""
        position = max(0, min(position, self.doc_length))
        if self._pos is None:
            return position
        i = bisect_left(self._pos, position)
        # Inside "\r\n" both characters share a position: start at the "\r".
        return min(i, len(self.text))


# ---------------------------------------------------------------- on a QPlainTextEdit
# (shared by the source viewer and the link evidence dialog)

def select_text_range(edit: QPlainTextEdit, positions: TextPositions,
                      start: int, end: int) -> None:
    """Select ``text[start:end]`` (Python indices) in ``edit`` and bring it into view."""
    from PySide6.QtGui import QTextCursor
    cursor = QTextCursor(edit.document())
    cursor.setPosition(positions.to_doc(start))
    cursor.setPosition(positions.to_doc(end), QTextCursor.MoveMode.KeepAnchor)
    edit.setTextCursor(cursor)
    edit.ensureCursorVisible()


def selected_text_range(edit: QPlainTextEdit,
                        positions: TextPositions) -> tuple[int, int] | None:
    """The selection of ``edit`` as Python indices into its text, or None."""
    cursor = edit.textCursor()
    if not cursor.hasSelection():
        return None
    start = positions.to_index(cursor.selectionStart())
    end = positions.to_index(cursor.selectionEnd())
    return (start, end) if end > start else None


def find_next_wrapping(edit: QPlainTextEdit, needle: str) -> bool:
    """Select the next occurrence of ``needle`` after the cursor, wrapping around."""
    from PySide6.QtGui import QTextCursor
    if not needle:
        return False
    if edit.find(needle):
        return True
    cursor = edit.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Start)
    edit.setTextCursor(cursor)
    return edit.find(needle)


# ---------------------------------------------------------------- whole words
#: Inside a word these join its letters ("Haftar's", "P4-RMA", "al-Badri").
_JOINERS = frozenset("'’-‐‑_")


def _is_word_char(text: str, i: int) -> bool:
    ch = text[i]
    if ch.isalnum() or unicodedata.category(ch).startswith("M"):
        return True
    return (ch in _JOINERS and 0 < i < len(text) - 1 and text[i - 1].isalnum()
            and text[i + 1].isalnum())


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """``text[start:end]`` widened to whole words at both ends and without the blanks a
    mouse selection picks up at its edges ("t on to say that Haftar" becomes "went on to
    say that Haftar").  A range that is only blanks stays as it is."""
    n = len(text)
    start, end = max(0, min(start, n)), max(0, min(end, n))
    if end <= start:
        return start, end
    s, e = start, end
    while s > 0 and _is_word_char(text, s - 1) and _is_word_char(text, s):
        s -= 1
    while e < n and _is_word_char(text, e - 1) and _is_word_char(text, e):
        e += 1
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return (s, e) if e > s else (start, end)
