"""Conversion between model entities and table rows (plain tuples, for bulk speed)."""

from __future__ import annotations

import json
from typing import Any, Iterable

from ..model import Card, Citation, Entity, Link, Setting, Source

#: Column order of each table, as the store reads and writes it.
COLUMNS: dict[str, tuple[str, ...]] = {
    "setting": ("key", "value"),
    "source": ("id", "text", "sha256", "title", "outlet", "author", "published", "url",
               "reliability"),
    "card": ("id", "kind", "title", "body", "x", "y", "width", "height", "color",
             "actor_type", "aliases", "stance", "speaker"),
    "link": ("id", "from_id", "to_id", "label", "kind", "direction", "confidence",
             "unsourced"),
    "citation": ("id", "source_id", "quote", "start", "end", "card_id", "link_id",
                 "credibility"),
}


def to_row(kind: str, e: Entity) -> tuple[Any, ...]:
    if isinstance(e, Setting):
        return (e.id, e.value)
    if isinstance(e, Source):
        return (e.id, e.text, e.sha256, e.title, e.outlet, e.author, e.published, e.url,
                e.reliability)
    if isinstance(e, Card):
        return (e.id, e.kind, e.title, e.body, e.x, e.y, e.width, e.height, e.color,
                e.actor_type, json.dumps(list(e.aliases), ensure_ascii=False), e.stance,
                e.speaker)
    if isinstance(e, Link):
        return (e.id, e.from_id, e.to_id, e.label, e.kind, e.direction, e.confidence,
                int(e.unsourced))
    if isinstance(e, Citation):
        return (e.id, e.source_id, e.quote, e.start, e.end, e.card_id, e.link_id,
                e.credibility)
    raise TypeError(kind)


def _aliases(text: str) -> tuple[str, ...]:
    value = json.loads(text)
    if not isinstance(value, list) or not all(isinstance(a, str) for a in value):
        raise ValueError("aliases must be a JSON list of strings")
    return tuple(value)


def from_rows(kind: str, rows: Iterable[tuple[Any, ...]]) -> list[Entity]:
    """Entities from rows in :data:`COLUMNS` order.  Raises ValueError on bad values."""
    if kind == "setting":
        return [Setting(str(k), str(v)) for k, v in rows]
    if kind == "source":
        return [Source(id=r[0], text=r[1], sha256=r[2], title=r[3], outlet=r[4], author=r[5],
                       published=r[6], url=r[7], reliability=r[8]) for r in rows]
    if kind == "card":
        return [Card(id=r[0], kind=r[1], title=r[2], body=r[3], x=float(r[4]), y=float(r[5]),
                     width=float(r[6]), height=float(r[7]), color=r[8], actor_type=r[9],
                     aliases=_aliases(r[10]), stance=r[11], speaker=r[12]) for r in rows]
    if kind == "link":
        return [Link(id=r[0], from_id=r[1], to_id=r[2], label=r[3], kind=r[4], direction=r[5],
                     confidence=r[6], unsourced=bool(r[7])) for r in rows]
    if kind == "citation":
        return [Citation(id=r[0], source_id=r[1], quote=r[2], start=int(r[3]), end=int(r[4]),
                         card_id=r[5], link_id=r[6], credibility=r[7]) for r in rows]
    raise ValueError(kind)
