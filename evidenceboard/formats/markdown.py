"""Plain text inside Markdown (JSON Canvas text nodes): user text is never markup.

Every ASCII punctuation character Markdown (or Obsidian: ``==``, ``%%``, ``$``, ``^``)
could read as syntax is backslash-escaped, as CommonMark allows for any ASCII punctuation,
so a title like ``*not bold* <img src=x>`` shows exactly as typed.  Reading reverses it.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_SPECIAL = re.compile(r"([\\`*_\[\]{}<>|~$%=^#&!])")
_LINE_START = re.compile(r"(?m)^([ \t]*)([-+>]|\d+(?=[.)]))")
_UNESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def md_escape(text: str) -> str:
    """``text`` as Markdown that renders as exactly ``text``."""
    out = _SPECIAL.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2)
                           if not m.group(2)[0].isdigit()
                           else m.group(1) + m.group(2) + "\\", out)


def md_unescape(text: str) -> str:
    """Undo backslash escapes (CommonMark: any ASCII punctuation may be escaped)."""
    return _UNESCAPE.sub(r"\1", text)


def safe_url(url: str | None) -> str | None:
    """``url`` if it is an http(s) address that can sit in ``<...>``; else None."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if any(ch in url for ch in "<> \n\r\t"):
        return None
    return url.strip()


def blockquote(text: str) -> str:
    return "\n".join("> " + md_escape(line) if line else ">" for line in text.split("\n"))
