"""Converting between Python ``str`` indices and QTextDocument cursor positions.

Citation offsets index the stored text as Python sees it (code points).  A QTextDocument
counts UTF-16 code units (a character outside the BMP, e.g. an emoji, is two positions)
and turns ``\\r\\n`` into one paragraph break.  :class:`TextPositions` maps exactly both
ways, so a selection in a QPlainTextEdit becomes a citation whose quote is
``text[start:end]``.
"""

from __future__ import annotations

from bisect import bisect_left


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
