"""Conversion between model entities and table rows (plain tuples, for bulk speed)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from ..model import AliasEntry, Card, Citation, Entity, Link, Setting, Source

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
    "alias": ("id", "rule", "name", "value", "card_id"),
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
    if isinstance(e, AliasEntry):
        return (e.id, e.rule, e.name, e.value, e.card_id)
    raise TypeError(kind)


def _aliases(text: str) -> tuple[str, ...]:
    if text == "[]":  # almost every card: skip the JSON parser
        return ()
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
    # Positional arguments in field order: a large board builds ~45,000 of these.
    if kind == "card":
        return [Card(r[0], r[1], r[2], r[3], float(r[4]), float(r[5]), float(r[6]),
                     float(r[7]), r[8], r[9], _aliases(r[10]), r[11], r[12]) for r in rows]
    if kind == "link":
        return [Link(r[0], r[1], r[2], r[3], r[4], r[5], r[6], bool(r[7])) for r in rows]
    if kind == "citation":
        return [Citation(r[0], r[1], r[2], int(r[3]), int(r[4]), r[5], r[6], r[7])
                for r in rows]
    if kind == "alias":
        return [AliasEntry(r[0], r[1], r[2], r[3], r[4]) for r in rows]
    raise ValueError(kind)
