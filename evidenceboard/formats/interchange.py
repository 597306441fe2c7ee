"""Recognising interchange files and reading them into an edit.

:func:`detect_format` looks at the name and, where the name is ambiguous (``.json``,
``.xml``, no suffix), at the first bytes; it never raises and never reads a whole file.
:func:`read_interchange` parses (with the limits of :mod:`.inputs`) and merges into the
board (:mod:`.merge`).  :func:`check_interchange_files` parses without a board so callers
can refuse a bad file *before* they open the board for writing.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from ..model import Board, Edit
from .errors import InterchangeError
from .incoming import Incoming, merge_edit

FORMAT_NAMES = {"json": "board JSON", "canvas": "JSON Canvas", "graphml": "GraphML",
                "ftm": "FollowTheMoney", "csv": "CSV"}
_SNIFF_BYTES = 4096


def _head(path: Path) -> str:
    try:
        with open(path, "rb") as f:
            data = f.read(_SNIFF_BYTES)
    except OSError:
        return ""
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"),
                     (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(enc, "ignore")
    return data.decode("utf-8", "ignore")


def _sniff_json(head: str) -> str | None:
    text = head.lstrip()
    if not text.startswith(("{", "[")):
        return None
    compact = "".join(text.split())
    if '"format":"evidenceboard"' in compact:
        return "json"
    first_line = text.split("\n", 1)[0]
    if '"schema"' in first_line and '"properties"' in first_line:
        return "ftm"
    if '"nodes"' in compact or '"edges"' in compact:
        return "canvas"
    return None


def detect_format(path: str | os.PathLike[str]) -> str | None:
    """"json", "canvas", "graphml", "ftm" or "csv"; None for anything else (an article)."""
    path = Path(path)
    name = path.name.lower()
    suffix = path.suffix.lower()
    if suffix == ".canvas":
        return "canvas"
    if suffix == ".graphml":
        return "graphml"
    if suffix in (".jsonl", ".ndjson", ".ftm") or name.endswith((".ftm.json",)):
        return "ftm"
    if suffix == ".csv":
        return "csv"
    if suffix == ".json":
        return _sniff_json(_head(path)) or "json"
    if suffix == ".xml":
        return "graphml" if "<graphml" in _head(path) else None
    if suffix == "":
        head = _head(path)
        if "<graphml" in head:
            return "graphml"
        return _sniff_json(head)
    return None


def _parse(path: Path, fmt: str) -> Incoming:
    if fmt == "json":
        from .board_json import looks_like_board_json, read_board_json
        from .inputs import load_json_file
        doc = load_json_file(path)
        if not looks_like_board_json(doc) and isinstance(doc, dict) and (
                "nodes" in doc or "edges" in doc):
            from .json_canvas import read_canvas_doc
            return read_canvas_doc(doc)
        return read_board_json(doc)
    if fmt == "canvas":
        from .json_canvas import read_canvas
        return read_canvas(path)
    if fmt == "graphml":
        from .graphml import read_graphml
        return read_graphml(path)
    if fmt == "ftm":
        from .ftm import read_ftm
        return read_ftm(path)
    if fmt == "csv":
        from .csv_format import read_csv
        return read_csv(path)
    raise InterchangeError(f"cannot import {fmt} files")


#: Parsed files by (path, size, mtime): checking before opening the board and reading
#: after parse once.  Small: a few recent files.
_CACHE: dict[tuple[str, int, int], Incoming] = {}
_CACHE_SIZE = 4


def _cache_key(path: Path) -> tuple[str, int, int] | None:
    try:
        st = path.stat()
        return (str(path.resolve()), st.st_size, st.st_mtime_ns)
    except OSError:
        return None


def parse_interchange(path: str | os.PathLike[str], fmt: str | None = None) -> Incoming:
    """The entities of an interchange file, not yet merged into any board."""
    path = Path(path)
    fmt = fmt or detect_format(path)
    if fmt is None:
        raise InterchangeError("is not a board interchange file")
    key = _cache_key(path)
    if key is not None and key in _CACHE:
        return _CACHE[key]
    try:
        incoming = _parse(path, fmt)
    except RecursionError:
        raise InterchangeError("is nested too deeply to import") from None
    except MemoryError:
        raise InterchangeError("is too large to import (out of memory)") from None
    if key is not None:
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = incoming
    return incoming


def read_interchange(path: str | os.PathLike[str], board: Board) -> Edit:
    """One edit adding the content of the interchange file ``path`` to ``board``.

    Raises :class:`InterchangeError` (a ValueError) with one sentence; ``board`` is never
    changed here.
    """
    incoming = parse_interchange(path)
    # The cache only bridges "check before opening the board" and this read: drop the
    # entry so a big file's entities do not stay in memory after the import.
    key = _cache_key(Path(path))
    if key is not None:
        _CACHE.pop(key, None)
    return merge_edit(board, incoming)


def check_interchange_files(files: Sequence[Path],
                            detect: Callable[[Path], str | None] = detect_format) -> None:
    """Parse every interchange file of ``files``; raise naming the first bad one."""
    for f in files:
        f = Path(f)
        if not f.is_file():
            continue
        fmt = detect(f)
        if fmt is None:
            continue
        try:
            parse_interchange(f, fmt)
        except InterchangeError as e:
            raise InterchangeError(f"{f}: {e}") from None
