"""Text from a file, an article or the user, made safe for where it is shown or written.

Names and values we quote come from files other people made: a table name, a card title,
a file name.  Each place they go reads some characters as commands, so each has one
function here, used by every writer of that place:

* a terminal (:func:`terminal_safe`): carriage returns, escape sequences and bidi
  overrides would let a refusal line rewrite itself into "…: a good board";
* a one-line message in a window (:func:`one_line`, :func:`visible_controls`);
* Qt rich text (:func:`tooltip_html`): Qt guesses rich text for tooltips and message
  boxes, and ``<img src='/dev/zero'>`` makes it read that file until memory runs out;
* XML (:func:`xml_safe`): XML 1.0 has no way at all to write most C0 controls (a
  vertical tab from Word's Shift+Enter makes a whole SVG unreadable).

Nothing here imports Qt: the CLI, the exporters and the windows share it.
"""

from __future__ import annotations

import html
import re

#: Characters that move the cursor, change colours, reorder the line or end it, in a
#: terminal or a one-line label: C0 controls, DEL, C1 controls (U+0080-U+009F, among
#: them NEL and the 8-bit CSI), the line/paragraph separators, the bidi embeddings and
#: overrides (U+202A-U+202E), isolates (U+2066-U+2069) and marks (U+200E, U+200F,
#: U+061C), and lone surrogates (the undecodable bytes of a file name that is not UTF-8).
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029"
                       "\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\x1b": "\\e"}
#: XML 1.0 allows tab, line feed and carriage return of the C0 controls, and no
#: surrogates or U+FFFE/U+FFFF.
_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _visible(m: re.Match[str]) -> str:
    ch = m.group()
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # a byte os.fsdecode could not decode
        return f"\\x{code - 0xDC00:02x}"
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def terminal_safe(text: object) -> str:
    """``text`` with every control character written out visibly (``\\r``, ``\\e``,
    ``\\x07``, ``\\u202e``, ``\\xff`` for an undecodable byte of a file name): what a
    terminal shows is exactly what the text says, on one line."""
    return _CONTROLS.sub(_visible, str(text))


def visible_controls(text: str, *, keep_lines: bool = False) -> str:
    """Like :func:`terminal_safe`; with ``keep_lines`` line feeds and tabs stay (a
    message of several lines)."""
    if not keep_lines:
        return terminal_safe(text)
    return _CONTROLS.sub(lambda m: m.group() if m.group() in "\n\t" else _visible(m), text)


def one_line(text: str) -> str:
    """``text`` on one line: runs of whitespace become one space, other control
    characters are written out visibly."""
    return terminal_safe(" ".join(text.split()))


def tooltip_html(text: str) -> str:
    """A tooltip (Qt rich text) that shows ``text`` literally, line breaks kept.

    Escaping alone is not enough: Qt takes an escaped "&amp;" for plain text unless the
    tooltip also looks like rich text, so it is always wrapped in a paragraph."""
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>"


def xml_safe(text: str) -> str:
    """``text`` with the characters XML 1.0 cannot hold replaced by U+FFFD."""
    return _BAD_XML.sub("\ufffd", text)
