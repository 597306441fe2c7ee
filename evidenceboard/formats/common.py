"""What every exporter needs: the selection, stable orders, evidence text, safe writing."""

from __future__ import annotations

import functools
import hashlib
import os
import stat
import tempfile
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from ..filemodes import default_mode
from ..model import Board, Card, Citation, Entity, Link, Source, sha256_text


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
    links = [lk for lk in board.links.values() if lk.from_id in keep and lk.to_id in keep]
    cites = [c for owner in [*keep, *(lk.id for lk in links)]
             for c in board.citations_of(owner)]
    sources = {c.source_id for c in cites if c.source_id in board.sources}
    entities += [board.sources[s] for s in sources]
    entities += [*cards, *links, *cites]
    return Board.from_entities(entities)


def sorted_sources(board: Board) -> list[Source]:
    return [board.sources[i] for i in sorted(board.sources)]


def sorted_cards(board: Board) -> list[Card]:
    return [board.cards[i] for i in sorted(board.cards)]


def sorted_links(board: Board) -> list[Link]:
    return [board.links[i] for i in sorted(board.links)]


@functools.lru_cache(maxsize=4096)
def _text_matches(text: str, sha256: str) -> bool:
    return sha256_text(text) == sha256


def fingerprint_matches(src: Source) -> bool:
    """The source's text still has the sha256 it is known by (a text changed outside
    EvidenceBoard does not: nothing quoted from it is proven any more)."""
    return _text_matches(src.text, src.sha256)


def is_broken(board: Board, c: Citation) -> bool:
    """The quote no longer equals the stored text at its offsets, the source's text no
    longer matches its fingerprint, or the source is gone."""
    src = board.sources.get(c.source_id)
    return src is None or src.text[c.start:c.end] != c.quote or \
        not fingerprint_matches(src)


def source_label(src: Source | None) -> str:
    """"Title, Outlet, 2021-11-02" with whatever the source states."""
    if src is None:
        return "a missing source"
    parts = [p for p in (src.shown_title, src.outlet, src.published) if p]
    return ", ".join(parts)


#: How much of a name is written where it is repeated (a source's title in every quote
#: of it, a card's title in every link row): one 10 MB name costs its length once.
REFERENCE_CHARS = 300


def reference(text: str | None) -> str | None:
    """A name repeated in another row or quote, cut to :data:`REFERENCE_CHARS`."""
    if text is None or len(text) <= REFERENCE_CHARS:
        return text
    return text[:REFERENCE_CHARS - 1] + "…"


def source_reference(src: Source | None) -> str:
    """:func:`source_label`, each part cut first (never a 10 MB string built to be
    cut)."""
    if src is None:
        return source_label(None)
    if src.title and len(src.title) > REFERENCE_CHARS:
        src = replace(src, title=src.title[:REFERENCE_CHARS + 1])
    parts = [reference(p) for p in (src.shown_title, src.outlet, src.published) if p]
    return reference(", ".join(p for p in parts if p)) or ""


def quotes_text(board: Board, owner: str) -> str:
    """Every quote of ``owner`` with its source, one per line, for flat formats."""
    lines = []
    for c in board.citations_of(owner):
        src = board.sources.get(c.source_id)
        line = f"“{c.quote}” — {source_reference(src)}"
        if src is not None and src.url:
            line += f" <{reference(src.url)}>"
        lines.append(line + f" [{c.start}–{c.end}]")
    return "\n".join(lines)


def source_titles(board: Board, owner: str) -> str:
    """The sources ``owner`` cites, each named once."""
    seen: dict[str, None] = {}
    for c in board.citations_of(owner):
        seen[source_reference(board.sources.get(c.source_id))] = None
    return "; ".join(seen)


def group_title_of(board: Board, card: Card) -> str:
    """The title of the group holding ``card`` ("" when it is in none)."""
    g = board.groups.get(card.group_id) if card.group_id is not None else None
    return g.title if g is not None else ""


def card_label(board: Board, card_id: str) -> str:
    c = board.cards.get(card_id)
    return c.title if c is not None else card_id


def link_text(link: Link) -> str:
    """What a link says: its label, else its kind."""
    return link.label or link.kind


def write_atomic(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file: never half a file.

    The temporary file has a random name and is created exclusively (``mkstemp``:
    ``O_CREAT | O_EXCL``), so a link someone put beside the target under a name we would
    use (``.NAME.part``) is never written through; the rename replaces a link at ``path``
    itself, never its target.  A file that is replaced keeps its permissions; a new one
    gets the usual ones (the umask's).
    """
    path = Path(path)
    name = path.name if len(os.fsencode(path.name)) <= 200 else \
        hashlib.sha256(os.fsencode(path.name)).hexdigest()[:16]
    fd, tmp_name = tempfile.mkstemp(prefix=f".{name}.", suffix=".part", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.chmod(tmp, _mode_for(path))
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def _mode_for(path: Path) -> int:
    """The permissions a written ``path`` gets: those of the regular file it replaces,
    else ``0o666`` less the umask."""
    try:
        st = os.lstat(path)
        if stat.S_ISREG(st.st_mode):
            return stat.S_IMODE(st.st_mode)
    except OSError:
        pass
    return default_mode()
