"""What every exporter needs: the selection, stable orders, evidence text, safe writing."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from ..model import Board, Card, Citation, Entity, Link, Source


def subset(board: Board, ids: Iterable[str] | None) -> Board:
    """The cards ``ids``, the links between them, their citations and cited sources.

    ``None`` means the whole board.  Settings (name, view) and the alias table (the
    board's corrections, about spellings rather than cards) come along.
    """
    if ids is None:
        return board
    keep = {i for i in ids if i in board.cards}
    entities: list[Entity] = [*board.settings.values(), *board.alias_table.values()]
    cards = [board.cards[i] for i in keep]
    links = [l for l in board.links.values() if l.from_id in keep and l.to_id in keep]
    cites = [c for owner in [*keep, *(l.id for l in links)]
             for c in board.citations_of(owner)]
    sources = {c.source_id for c in cites if c.source_id in board.sources}
    entities += [board.sources[s] for s in sources]
    entities += cards + links + cites
    return Board.from_entities(entities)


def sorted_sources(board: Board) -> list[Source]:
    return [board.sources[i] for i in sorted(board.sources)]


def sorted_cards(board: Board) -> list[Card]:
    return [board.cards[i] for i in sorted(board.cards)]


def sorted_links(board: Board) -> list[Link]:
    return [board.links[i] for i in sorted(board.links)]


def is_broken(board: Board, c: Citation) -> bool:
    """The quote no longer equals the stored text at its offsets (or the source is gone)."""
    src = board.sources.get(c.source_id)
    return src is None or src.text[c.start:c.end] != c.quote


def source_label(src: Source | None) -> str:
    """"Title, Outlet, 2021-11-02" with whatever the source states."""
    if src is None:
        return "a missing source"
    parts = [p for p in (src.shown_title, src.outlet, src.published) if p]
    return ", ".join(parts)


def card_label(board: Board, card_id: str) -> str:
    c = board.cards.get(card_id)
    return c.title if c is not None else card_id


def link_text(link: Link) -> str:
    """What a link says: its label, else its kind."""
    return link.label or link.kind


def write_atomic(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file: never half a file."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.part")
    try:
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path
