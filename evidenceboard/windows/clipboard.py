"""Cards on the clipboard: the cards, the links between them, their citations and the
sources those cite, as JSON under our own MIME type (plus the titles as plain text).

Clipboard data may come from anywhere, so reading it is defensive: unknown fields are
dropped, every value is type-checked, and anything odd makes the paste a no-op.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, fields
from typing import Any

from PySide6.QtCore import QMimeData

from ..model import Board, Card, Citation, Edit, Link, Source, edits

MIME_TYPE = "application/x-evidenceboard-cards"
FORMAT = "evidenceboard-cards"
VERSION = 1
MAX_BYTES = 64 * 1024 * 1024


def cards_payload(board: Board, ids: Iterable[str]) -> dict[str, Any] | None:
    """The selected cards, links between them, their citations and cited sources."""
    card_ids = [i for i in ids if i in board.cards]
    if not card_ids:
        return None
    chosen = set(card_ids)
    cards = [board.cards[i] for i in card_ids]
    links = {link.id: link for cid in card_ids for link in board.links_of(cid)
             if link.from_id in chosen and link.to_id in chosen}
    owners = [*card_ids, *links]
    citations = [c for o in owners for c in board.citations_of(o)]
    sources = {c.source_id: board.sources[c.source_id] for c in citations
               if c.source_id in board.sources}
    return {"format": FORMAT, "version": VERSION,
            "cards": [asdict(c) for c in cards],
            "links": [asdict(link) for link in links.values()],
            "citations": [asdict(c) for c in citations],
            "sources": [asdict(s) for s in sources.values()]}


def to_mime(board: Board, ids: Iterable[str]) -> QMimeData | None:
    payload = cards_payload(board, ids)
    if payload is None:
        return None
    mime = QMimeData()
    mime.setData(MIME_TYPE, json.dumps(payload, ensure_ascii=False).encode("utf-8"))
    mime.setText("\n".join(c["title"] for c in payload["cards"]))
    return mime


_TYPES: dict[str, tuple[type, ...]] = {"str": (str,), "float": (int, float), "int": (int,),
                                       "bool": (bool,)}


def _build(cls: type, raw: Any) -> Any:
    """An entity from a JSON dict, checking every field's type (raises ValueError)."""
    if not isinstance(raw, dict):
        raise ValueError("not an object")
    kwargs: dict[str, Any] = {}
    for f in fields(cls):
        if f.name not in raw:
            continue
        value = raw[f.name]
        ann = str(f.type)
        if value is None:
            if "None" not in ann:
                raise ValueError(f"{f.name} may not be empty")
        elif ann.startswith("tuple"):
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ValueError(f"{f.name} must be a list of text")
            value = tuple(value)
        else:
            base = ann.split("|")[0].strip()
            ok = _TYPES.get(base, ())
            if not isinstance(value, ok) or (base != "bool" and isinstance(value, bool)):
                raise ValueError(f"{f.name} has the wrong type")
            if base == "float":
                value = float(value)
        kwargs[f.name] = value
    return cls(**kwargs)


def from_mime(mime: QMimeData | None) -> dict[str, list[Any]] | None:
    """The entities on the clipboard, or None if it holds no cards of ours."""
    if mime is None or not mime.hasFormat(MIME_TYPE):
        return None
    data = bytes(mime.data(MIME_TYPE).data())
    if len(data) > MAX_BYTES:
        return None
    try:
        payload = json.loads(data.decode("utf-8"))
        if not isinstance(payload, dict) or payload.get("format") != FORMAT:
            return None
        out = {
            "cards": [_build(Card, r) for r in payload.get("cards", [])],
            "links": [_build(Link, r) for r in payload.get("links", [])],
            "citations": [_build(Citation, r) for r in payload.get("citations", [])],
            "sources": [_build(Source, r) for r in payload.get("sources", [])],
        }
    except (ValueError, TypeError, UnicodeDecodeError):
        return None
    return out


def paste_edit(board: Board, content: dict[str, list[Any]],
               offset: tuple[float, float]) -> Edit:
    """One edit pasting ``content`` (as :func:`from_mime` reads it) into ``board``:
    :func:`evidenceboard.model.edits.paste_content`."""
    return edits.paste_content(board, content.get("cards", []), content.get("links", []),
                               content.get("citations", []), content.get("sources", []),
                               offset)
