"""Text from a board, an article or the user shown as exactly that text.

Qt renders a tooltip as HTML when it "might be rich text"; escaping alone is not enough
(an escaped "&amp;" in a tooltip Qt takes for plain text shows as "&amp;").  So a tooltip
is always rich text whose content is escaped: markup shows literally, line breaks stay.
"""

from __future__ import annotations

import html


def tooltip(text: str) -> str:
    """A tooltip that shows ``text`` literally (line breaks kept)."""
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>"
