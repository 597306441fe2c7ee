"""The board JSON: every field of a board in one readable, diff-friendly, lossless file.

The format is documented in docs/FORMAT.md and described by resources/board.schema.json.
Output is deterministic (entities sorted by id, fields in a fixed order, UTF-8, LF), so the
same board always gives the same bytes and ``export -> import into an empty board ->
export`` gives the same bytes again.  Import is strict: every field is checked against the
same rules the board file enforces, and the first problem is named with its place in the
file.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from ..model import (
    ACTOR_TYPES,
    ALIAS_RULES,
    CARD_KINDS,
    CONFIDENCES,
    CREDIBILITY_GRADES,
    DIRECTIONS,
    RELIABILITY_GRADES,
    STANCES,
    AliasEntry,
    Board,
    Card,
    Citation,
    Link,
    Setting,
    Source,
    sha256_text,
)
from ..model.entities import DEFAULT_CARD_SIZE
from .common import sorted_cards, sorted_links, sorted_sources, write_atomic
from .errors import InterchangeError
from .incoming import Incoming
from .inputs import finite, id_value, size_value, text_value

FORMAT_NAME = "evidenceboard"
#: Version 1: the first published format.  Version 2: the alias table (the
#: investigator's corrections to the importer).  Readers refuse newer versions.
FORMAT_VERSION = 2
_COLOR = re.compile(r"^#[0-9A-Fa-f]{6}$")


# ----------------------------------------------------------------------------- export
def _citation(c: Citation) -> dict[str, Any]:
    return {"id": c.id, "source": c.source_id, "quote": c.quote, "start": c.start,
            "end": c.end, "credibility": c.credibility}


def _cites(board: Board, owner: str) -> list[dict[str, Any]]:
    return [_citation(c) for c in board.citations_of(owner)]


def board_to_dict(board: Board) -> dict[str, Any]:
    """The board as the JSON document's object (fields in their documented order)."""
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "settings": {k: board.settings[k].value for k in sorted(board.settings)},
        "sources": [{"id": s.id, "title": s.title, "outlet": s.outlet, "author": s.author,
                     "published": s.published, "url": s.url, "reliability": s.reliability,
                     "sha256": s.sha256, "text": s.text} for s in sorted_sources(board)],
        "cards": [{"id": c.id, "kind": c.kind, "type": c.actor_type, "title": c.title,
                   "body": c.body, "speaker": c.speaker, "stance": c.stance,
                   "aliases": list(c.aliases), "color": c.color, "x": float(c.x),
                   "y": float(c.y), "width": float(c.width), "height": float(c.height), "citations": _cites(board, c.id)}
                  for c in sorted_cards(board)],
        "links": [{"id": l.id, "from": l.from_id, "to": l.to_id, "label": l.label,
                   "kind": l.kind, "direction": l.direction, "confidence": l.confidence,
                   "unsourced": l.unsourced, "citations": _cites(board, l.id)}
                  for l in sorted_links(board)],
        "alias_table": [{"rule": e.rule, "name": e.name, "value": e.value, "card": e.card_id}
                        for e in sorted(board.alias_table.values(), key=lambda e: e.id)],
    }


def board_json_bytes(board: Board) -> bytes:
    text = json.dumps(board_to_dict(board), ensure_ascii=False, indent=2,
                      allow_nan=False)
    return (text + "\n").encode("utf-8")


def write_board_json(board: Board, out: Path) -> Path:
    return write_atomic(out, board_json_bytes(board))


# ----------------------------------------------------------------------------- import
class _Reader:
    """Checks one document field by field, naming the place of the first problem."""

    def __init__(self, doc: Any) -> None:
        self.doc = doc
        self.seen_ids: set[str] = set()

    def _obj(self, value: Any, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise InterchangeError(f"{where} must be an object")
        return value

    def _list(self, value: Any, where: str) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            raise InterchangeError(f"{where} must be a list")
        return value

    def _id(self, value: Any, where: str) -> str:
        id_ = id_value(value, f"{where}.id")
        if id_ in self.seen_ids:
            raise InterchangeError(f"{where}: the id {id_!r} is used twice in the file")
        self.seen_ids.add(id_)
        return id_

    @staticmethod
    def _enum(value: Any, allowed: tuple[Any, ...], where: str, *,
              optional: bool = True) -> Any:
        if value is None and optional:
            return None
        if value not in allowed or isinstance(value, bool):
            choices = ", ".join(str(a) for a in allowed)
            raise InterchangeError(f"{where} must be one of {choices} (it is "
                                   f"{str(value)[:40]!r})")
        return value

    def read(self) -> Incoming:
        doc = self._obj(self.doc, "the file")
        if doc.get("format") != FORMAT_NAME:
            raise InterchangeError('is not an EvidenceBoard board JSON (no "format": '
                                   '"evidenceboard")')
        version = doc.get("version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise InterchangeError('has no valid "version" (a whole number)')
        if version > FORMAT_VERSION:
            raise InterchangeError(f"was written by a newer EvidenceBoard (board JSON "
                                   f"version {version}; this one reads up to "
                                   f"{FORMAT_VERSION})")
        inc = Incoming("board JSON", keep_ids=True)
        settings = self._obj(doc.get("settings") or {}, "settings")
        for k in sorted(settings):
            inc.settings.append(Setting(k, text_value(settings[k], f"settings.{k}")
                                        or ""))
        for n, raw in enumerate(self._list(doc.get("sources"), "sources")):
            inc.sources.append(self._source(self._obj(raw, f"sources[{n}]"),
                                            f"sources[{n}]"))
        known_sources = {s.id for s in inc.sources}
        for n, raw in enumerate(self._list(doc.get("cards"), "cards")):
            where = f"cards[{n}]"
            card = self._card(self._obj(raw, where), where)
            inc.cards.append(card)
            inc.citations += self._citations(raw, where, known_sources, card_id=card.id)
        card_ids = {c.id for c in inc.cards}
        for n, raw in enumerate(self._list(doc.get("links"), "links")):
            where = f"links[{n}]"
            link = self._link(self._obj(raw, where), where, card_ids)
            inc.links.append(link)
            inc.citations += self._citations(raw, where, known_sources, link_id=link.id)
        seen_entries: set[str] = set()
        for n, raw in enumerate(self._list(doc.get("alias_table"), "alias_table")):
            where = f"alias_table[{n}]"
            entry = self._alias_entry(self._obj(raw, where), where)
            if entry.id in seen_entries:
                raise InterchangeError(f"{where}: a second {entry.rule!r} entry for "
                                       f"{entry.name[:40]!r}")
            seen_entries.add(entry.id)
            inc.alias_table.append(entry)
        return inc

    def _alias_entry(self, raw: dict[str, Any], where: str) -> AliasEntry:
        rule = self._enum(raw.get("rule"), ALIAS_RULES, f"{where}.rule", optional=False)
        name = text_value(raw.get("name"), f"{where}.name")
        if not name or not name.strip():
            raise InterchangeError(f"{where}.name must be a name (it is empty)")
        if rule == "type":
            value = self._enum(raw.get("value"), ACTOR_TYPES, f"{where}.value",
                               optional=False)
        elif rule == "alias":
            value = text_value(raw.get("value"), f"{where}.value")
            if not value or not value.strip():
                raise InterchangeError(f"{where}.value must name the actor the spelling "
                                       "belongs to")
        else:
            if raw.get("value") is not None:
                raise InterchangeError(f"{where}.value must be null for a rejected name")
            value = None
        card = raw.get("card")
        card_id = id_value(card, f"{where}.card") if card is not None else None
        return AliasEntry.make(rule, name, value, card_id)

    def _source(self, raw: dict[str, Any], where: str) -> Source:
        id_ = self._id(raw.get("id"), where)
        text = text_value(raw.get("text"), f"{where}.text")
        assert text is not None
        sha = sha256_text(text)
        given = raw.get("sha256")
        if given is not None and given != sha:
            raise InterchangeError(f"{where}: sha256 does not match the source text (the "
                                   f"text was changed after export)")
        meta = {k: text_value(raw.get(k), f"{where}.{k}", optional=True)
                for k in ("title", "outlet", "author", "published", "url")}
        reliability = self._enum(raw.get("reliability"), RELIABILITY_GRADES,
                                 f"{where}.reliability")
        return Source(id=id_, text=text, sha256=sha, reliability=reliability, **meta)

    def _card(self, raw: dict[str, Any], where: str) -> Card:
        id_ = self._id(raw.get("id"), where)
        kind = self._enum(raw.get("kind"), CARD_KINDS, f"{where}.kind", optional=False)
        title = text_value(raw.get("title"), f"{where}.title")
        where = f'{where} ("{title[:40]}")' if title else where
        actor_type = self._enum(raw.get("type"), ACTOR_TYPES, f"{where}.type")
        stance = self._enum(raw.get("stance"), STANCES, f"{where}.stance")
        aliases = self._list(raw.get("aliases"), f"{where}.aliases")
        if not all(isinstance(a, str) for a in aliases):
            raise InterchangeError(f"{where}.aliases must be a list of texts")
        color = raw.get("color")
        if color is not None and (not isinstance(color, str) or not _COLOR.match(color)):
            raise InterchangeError(f'{where}.color must be "#rrggbb" or null')
        w, h = DEFAULT_CARD_SIZE.get(kind, (200.0, 72.0))
        return Card(
            id=id_, kind=kind, title=title or "", body=text_value(
                raw.get("body", ""), f"{where}.body") or "",
            x=finite(raw.get("x", 0), f"{where}.x"), y=finite(raw.get("y", 0), f"{where}.y"),
            width=size_value(raw.get("width", w), f"{where}.width"),
            height=size_value(raw.get("height", h), f"{where}.height"),
            color=color, actor_type=actor_type, aliases=tuple(aliases), stance=stance,
            speaker=text_value(raw.get("speaker"), f"{where}.speaker", optional=True))

    def _link(self, raw: dict[str, Any], where: str, card_ids: set[str]) -> Link:
        id_ = self._id(raw.get("id"), where)
        ends = []
        for end in ("from", "to"):
            ref = id_value(raw.get(end), f"{where}.{end}")
            if ref not in card_ids:
                raise InterchangeError(f"{where}.{end} points to a card that is not in the "
                                       f"file ({ref[:40]!r})")
            ends.append(ref)
        unsourced = raw.get("unsourced", False)
        if not isinstance(unsourced, bool):
            raise InterchangeError(f"{where}.unsourced must be true or false")
        return Link(id=id_, from_id=ends[0], to_id=ends[1],
                    label=text_value(raw.get("label", ""), f"{where}.label") or "",
                    kind=text_value(raw.get("kind", "relation"), f"{where}.kind")
                    or "relation",
                    direction=self._enum(raw.get("direction", "forward"), DIRECTIONS,
                                         f"{where}.direction", optional=False),
                    confidence=self._enum(raw.get("confidence", "unconfirmed"), CONFIDENCES,
                                          f"{where}.confidence", optional=False),
                    unsourced=unsourced)

    def _citations(self, raw: dict[str, Any], where: str, sources: set[str], *,
                   card_id: str | None = None, link_id: str | None = None) -> list[Citation]:
        out = []
        for n, c in enumerate(self._list(raw.get("citations"), f"{where}.citations")):
            cw = f"{where}.citations[{n}]"
            c = self._obj(c, cw)
            cid = self._id(c.get("id"), cw) if "id" in c else _fresh(self)
            source = id_value(c.get("source"), f"{cw}.source")
            if source not in sources:
                raise InterchangeError(f"{cw} cites a source that is not in the file")
            start, end = c.get("start"), c.get("end")
            if not all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end)):
                raise InterchangeError(f"{cw}: start and end must be whole numbers")
            if not 0 <= start < end:
                raise InterchangeError(f"{cw}: needs 0 <= start < end (it has {start}..{end})")
            quote = text_value(c.get("quote"), f"{cw}.quote")
            credibility = self._enum(c.get("credibility"), CREDIBILITY_GRADES,
                                     f"{cw}.credibility")
            out.append(Citation(id=cid, source_id=source, quote=quote or "", start=start,
                                end=end, card_id=card_id, link_id=link_id,
                                credibility=credibility))
        return out


def _fresh(reader: _Reader) -> str:
    from ..model import new_id
    id_ = new_id()
    reader.seen_ids.add(id_)
    return id_


def read_board_json(doc: Any) -> Incoming:
    """Check a parsed board JSON document and return its entities."""
    return _Reader(doc).read()


def looks_like_board_json(doc: Any) -> bool:
    return isinstance(doc, dict) and doc.get("format") == FORMAT_NAME
