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
from collections import deque
from pathlib import Path
from typing import Any

from ..model import Board, Citation, Entity, Setting, new_id, sha256_text
from ..model.entities import SPECS
from ..model.fields import EntitySpec, Field, describe, entity_problem, number_text
from .board_schema import FORMAT_NAME, FORMAT_VERSION, OWNED, PLACES, validator
from .common import sorted_cards, sorted_links, sorted_sources, write_atomic
from .errors import InterchangeError
from .incoming import Incoming

__all__ = ["FORMAT_NAME", "FORMAT_VERSION", "board_json_bytes", "board_to_dict",
           "looks_like_board_json", "read_board_json", "write_board_json"]


# ----------------------------------------------------------------------------- export
def _json_value(f: Field, value: Any) -> Any:
    if f.type == "real":
        return float(value)
    if f.type == "texts":
        return list(value)
    return value


def entity_to_dict(es: EntitySpec, e: Entity) -> dict[str, Any]:
    """``e``'s fields under their board JSON names, in their documented order."""
    # json_fields() holds only fields with a JSON name; the test tells mypy so.
    return {name: _json_value(f, getattr(e, f.name)) for f in es.json_fields()
            if (name := f.json_name) is not None}


def _with_citations(board: Board, es: EntitySpec, e: Entity) -> dict[str, Any]:
    out = entity_to_dict(es, e)
    cite_spec = SPECS["citation"]
    out["citations"] = [entity_to_dict(cite_spec, c) for c in board.citations_of(e.id)]
    return out


def board_to_dict(board: Board) -> dict[str, Any]:
    """The board as the JSON document's object (fields in their documented order)."""
    source, card, link = SPECS["source"], SPECS["card"], SPECS["link"]
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "settings": {k: board.settings[k].value for k in sorted(board.settings)},
        "sources": [entity_to_dict(source, s) for s in sorted_sources(board)],
        "cards": [_with_citations(board, card, c) for c in sorted_cards(board)],
        "links": [_with_citations(board, link, lk) for lk in sorted_links(board)],
        "alias_table": [entity_to_dict(SPECS["alias"], e)
                        for _, e in sorted(board.alias_table.items())],
        "groups": [entity_to_dict(SPECS["group"], g)
                   for _, g in sorted(board.groups.items())],
    }


def board_json_bytes(board: Board) -> bytes:
    text = json.dumps(board_to_dict(board), ensure_ascii=False, indent=2,
                      allow_nan=False)
    return (text + "\n").encode("utf-8")


def write_board_json(board: Board, out: Path) -> Path:
    return write_atomic(out, board_json_bytes(board))


# ----------------------------------------------------------------------------- import
def _place(path: deque[str | int]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out or "the file"


def _spec_at(path: list[str | int]) -> tuple[EntitySpec | None, Field | None]:
    """The entity and field a place in the document holds."""
    es: EntitySpec | None = None
    f: Field | None = None
    for part in path:
        if isinstance(part, int):
            continue
        if es is None and part in PLACES:
            es = SPECS[PLACES[part]]
        elif es is not None and part == "citations" and es.name in OWNED:
            es = SPECS[OWNED[es.name]]
        elif es is not None:
            f = next((x for x in es.json_fields() if x.json_name == part), None)
    return es, f


def _shown(value: Any) -> str:
    text = repr(value) if not isinstance(value, (dict, list)) else type(value).__name__
    return text if len(text) <= 40 else text[:39] + "…"


def schema_message(error: Any) -> str:
    """A jsonschema error as one sentence naming its place (``cards[3].x``)."""
    path = list(error.absolute_path)
    where = _place(deque(path))
    _es, f = _spec_at(path)
    v, kind, limit = error.instance, error.validator, error.validator_value
    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else "a field"
        return f"{where} has no {missing}"
    if kind == "additionalProperties":
        return f"{where} has a field a board JSON does not have ({error.message[:80]})"
    if kind == "type" and limit in ("object", "array"):
        return f"{where} must be {'an object' if limit == 'object' else 'a list'}"
    if f is not None and kind in ("maximum", "minimum") and isinstance(v, (int, float)):
        if kind == "minimum" and limit > 0:
            return (f"{where} must be more than 0 (at least {number_text(limit)}; it is "
                    f"{number_text(v)})")
        if kind == "minimum":
            return (f"{where} is {number_text(v)}, below the smallest allowed "
                    f"{number_text(limit)}")
        return f"{where} is {number_text(v)}, beyond the limit of {number_text(limit)}"
    if kind == "maxLength" and isinstance(v, str):
        return f"{where} is too long ({len(v):,} characters; at most {limit:,})"
    if kind == "maxItems" and isinstance(v, list):
        return f"{where} has {len(v):,} items; at most {limit:,}"
    if f is not None and f.type == "id" and kind in ("type", "minLength", "pattern"):
        return f"{where} must be a non-empty text id"
    if f is not None:
        return f"{where} must be {describe(f)} (it is {_shown(v)})"
    return f"{where}: {error.message[:120]}"


class _Reader:
    """Builds the entities of a document whose shape the schema has accepted, checking
    what a schema cannot: ids unique in the file, references, offsets, fingerprints."""

    def __init__(self, doc: dict[str, Any]) -> None:
        self.doc = doc
        self.seen_ids: set[str] = set()
        self.seen_keys: set[str] = set()

    def _id(self, id_: str, where: str) -> str:
        if id_ in self.seen_ids:
            raise InterchangeError(f"{where}: the id {id_!r} is used twice in the file")
        self.seen_ids.add(id_)
        return id_

    def _entity(self, es: EntitySpec, raw: dict[str, Any], where: str,
                **given: Any) -> Any:
        values: dict[str, Any] = {}
        for f in es.fields:
            if f.name in given:
                values[f.name] = given[f.name]
            elif f.json_name is not None and f.json_name in raw:
                value = raw[f.json_name]
                values[f.name] = tuple(value) if f.type == "texts" else \
                    float(value) if f.type == "real" else value
            elif f.has_default:
                values[f.name] = f.default
        if es.key is not None:  # an id made from other fields, never written
            key = es.key_of(values) or ""
            if key in self.seen_keys:
                raise InterchangeError(f"{where}: a second {es.name} entry for the same "
                                       f"spelling ({key[:60]!r})")
            self.seen_keys.add(key)
            values["id"] = key
        elif "id" in values:
            values["id"] = self._id(values["id"], where)
        entity = es.cls(**values)
        if es.key is not None:  # its rules between fields (a citation's are read above)
            why = entity_problem(es, entity)
            if why is not None:
                raise InterchangeError(f"{where}: {why}")
        return entity

    def read(self) -> Incoming:
        inc = Incoming("board JSON", keep_ids=True)
        settings = self.doc.get("settings") or {}
        for k in sorted(settings):
            inc.settings.append(Setting(k, settings[k]))
        source_spec, card_spec, link_spec = SPECS["source"], SPECS["card"], SPECS["link"]
        for n, raw in enumerate(self.doc.get("sources") or ()):
            where = f"sources[{n}]"
            sha = sha256_text(raw["text"])
            if raw.get("sha256", sha) != sha:
                raise InterchangeError(f"{where}: sha256 does not match the source text "
                                       f"(the text was changed after export)")
            inc.sources.append(self._entity(source_spec, raw, where, sha256=sha))
        known_sources = {s.id for s in inc.sources}
        group_spec = SPECS["group"]
        for n, raw in enumerate(self.doc.get("groups") or ()):
            inc.groups.append(self._entity(group_spec, raw, f"groups[{n}]"))
        group_ids = {g.id for g in inc.groups}
        for n, raw in enumerate(self.doc.get("cards") or ()):
            where = f"cards[{n}]"
            group = raw.get("group")
            if group is not None and group not in group_ids:
                raise InterchangeError(f"{where}.group names a group that is not in the "
                                       f"file ({str(group)[:40]!r})")
            card = self._entity(card_spec, raw, where)
            inc.cards.append(card)
            inc.citations += self._citations(raw, where, known_sources, card_id=card.id)
        card_ids = {c.id for c in inc.cards}
        for n, raw in enumerate(self.doc.get("links") or ()):
            where = f"links[{n}]"
            for end in ("from", "to"):
                if raw[end] not in card_ids:
                    raise InterchangeError(f"{where}.{end} points to a card that is not in "
                                           f"the file ({raw[end][:40]!r})")
            link = self._entity(link_spec, raw, where)
            inc.links.append(link)
            inc.citations += self._citations(raw, where, known_sources, link_id=link.id)
        alias_spec = SPECS["alias"]
        for n, raw in enumerate(self.doc.get("alias_table") or ()):
            inc.alias_table.append(self._entity(alias_spec, raw, f"alias_table[{n}]"))
        return inc

    def _citations(self, raw: dict[str, Any], where: str, sources: set[str], *,
                   card_id: str | None = None, link_id: str | None = None
                   ) -> list[Citation]:
        out = []
        spec = SPECS["citation"]
        for n, c in enumerate(raw.get("citations") or ()):
            cw = f"{where}.citations[{n}]"
            if c["source"] not in sources:
                raise InterchangeError(f"{cw} cites a source that is not in the file")
            if not c["start"] < c["end"]:
                raise InterchangeError(f"{cw}: needs 0 <= start < end (it has "
                                       f"{c['start']}..{c['end']})")
            fresh = {} if "id" in c else {"id": new_id()}
            out.append(self._entity(spec, c, cw, card_id=card_id, link_id=link_id,
                                    **fresh))
        return out


def read_board_json(doc: Any) -> Incoming:
    """Check a parsed board JSON document and return its entities.

    Its format and version are checked first (to say "newer EvidenceBoard" rather than
    "version must be 1"), then its shape against ``resources/board.schema.json`` with
    ``jsonschema``, then what a schema cannot say."""
    if not isinstance(doc, dict):
        raise InterchangeError("the file must be an object")
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
    error = next(iter(validator().iter_errors(doc)), None)
    if error is not None:
        raise InterchangeError(schema_message(error))
    return _Reader(doc).read()


def looks_like_board_json(doc: Any) -> bool:
    return isinstance(doc, dict) and doc.get("format") == FORMAT_NAME
