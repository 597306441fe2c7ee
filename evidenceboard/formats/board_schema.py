"""The JSON Schema of the board JSON, generated from the entity declarations.

``resources/board.schema.json`` is this module's output (``tests/formats/
test_board_schema.py`` proves the file equal to it); regenerate it after changing a
declaration with::

    .venv/bin/python -m evidenceboard.formats.board_schema --write

The board JSON reader validates every incoming document against the file with
``jsonschema``; what a schema cannot say (ids unique across the file, references to
entities of the same file, ``start < end``, the sha256 of a text) stays code in
:mod:`.board_json`.
"""

from __future__ import annotations

import argparse
import functools
import json
from pathlib import Path
from typing import Any

from ..model.entities import ENTITIES, SPECS
from ..model.fields import EntitySpec, Field
from ..paths import resources_dir

FORMAT_NAME = "evidenceboard"
#: Version 1: the first published format.  Version 2: the alias table (the
#: investigator's corrections to the importer), which a version 1 reader would refuse as
#: a field it does not know rather than as a newer file.  Version 3: groups (frames
#: holding cards; a card's "group"), refused the same way by a version 2 reader.
#: Readers read every version up to theirs and refuse newer ones.
FORMAT_VERSION = 3
SCHEMA_FILE = "board.schema.json"
#: Where entities sit in the document: (array property, entity, owner property).
PLACES = {"sources": "source", "cards": "card", "links": "link", "alias_table": "alias",
          "groups": "group"}
OWNED = {"card": "citation", "link": "citation"}


def field_schema(f: Field) -> dict[str, Any]:
    """The JSON Schema of one field's value."""
    out: dict[str, Any] = {"description": f.doc}
    if f.choices is not None:
        out["enum"] = [*f.choices, *([None] if f.nullable else [])]
        return out
    t = f.type
    json_type = {"id": "string", "text": "string", "real": "number", "integer": "integer",
                 "boolean": "boolean", "texts": "array"}[t]
    out["type"] = [json_type, "null"] if f.nullable else json_type
    if t in ("id", "text"):
        if t == "id":
            out["minLength"] = max(f.min_length, 1)
            out["pattern"] = "\\S"
        elif f.min_length:
            out["minLength"] = f.min_length
        if t == "text" and not f.blank:
            out["pattern"] = "\\S"
        if f.max_length is not None:
            out["maxLength"] = f.max_length
        if f.pattern is not None:
            out["pattern"] = f.pattern.regex
    elif t in ("real", "integer"):
        if f.minimum is not None:
            out["minimum"] = int(f.minimum) if float(f.minimum).is_integer() else f.minimum
        if f.maximum is not None:
            out["maximum"] = int(f.maximum) if float(f.maximum).is_integer() else f.maximum
    elif t == "texts":
        out["maxItems"] = f.max_items
        out["items"] = {"type": "string", "maxLength": f.max_length}
    return out


def entity_schema(es: EntitySpec) -> dict[str, Any]:
    props = {f.json_name: field_schema(f) for f in es.json_fields()}
    owned = OWNED.get(es.name)
    if owned is not None:
        props["citations"] = {"type": "array", "maxItems": SPECS[owned].max_rows,
                              "items": {"$ref": f"#/$defs/{owned}"}}
    required = [f.json_name for f in es.json_fields()
                if not f.has_default and not f.spec.json_optional]
    return {"description": es.doc, "type": "object", "required": required,
            "additionalProperties": False, "properties": props}


@functools.cache
def board_schema() -> dict[str, Any]:
    """The whole document's schema."""
    setting = SPECS["setting"]
    key, value = setting.field("id"), setting.field("value")
    defs = {es.name: entity_schema(es) for es in ENTITIES if es.name != "setting"}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:evidenceboard:board-json:{FORMAT_VERSION}",
        "title": f"EvidenceBoard board JSON, version {FORMAT_VERSION}",
        "description": (
            "A whole board: sources (articles stored verbatim), cards, links and the "
            "citations that tie them to exact words. Generated from the entity "
            "declarations (evidenceboard/model/entities.py); see docs/FORMAT.md for the "
            "rules a schema cannot say (start < end, source.text[start:end] == quote for "
            "an intact citation, ids unique across the file, links and citations pointing "
            "to entities of the same file, sha256 of the text)."),
        "type": "object",
        "required": ["format", "version"],
        "additionalProperties": False,
        "properties": {
            "format": {"const": FORMAT_NAME},
            "version": {"type": "integer", "minimum": 1, "maximum": FORMAT_VERSION},
            "settings": {
                "description": setting.doc, "type": "object",
                "maxProperties": setting.max_rows,
                "propertyNames": {"maxLength": key.max_length},
                "additionalProperties": {"type": "string", "maxLength": value.max_length},
            },
            **{prop: {"type": "array", "maxItems": SPECS[name].max_rows,
                      "items": {"$ref": f"#/$defs/{name}"}}
               for prop, name in PLACES.items()},
        },
        "$defs": defs,
    }


def schema_text() -> str:
    """The schema as the resources file holds it."""
    return json.dumps(board_schema(), ensure_ascii=False, indent=2) + "\n"


def schema_path() -> Path:
    return resources_dir() / SCHEMA_FILE


@functools.cache
def validator() -> Any:
    """A ``jsonschema`` validator of the schema file shipped with the app (the file, not
    :func:`board_schema`: what is published is what is enforced)."""
    import jsonschema

    schema = json.loads(schema_path().read_text("utf-8"))
    return jsonschema.Draft202012Validator(_inline_refs(schema, schema.get("$defs", {})))


def _inline_refs(node: Any, defs: dict[str, Any]) -> Any:
    """``node`` with each local ``{"$ref": "#/$defs/NAME"}`` replaced by its definition:
    the same schema, validated about twice as fast (no reference lookups per item)."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/") and len(node) == 1:
            return _inline_refs(defs[ref.removeprefix("#/$defs/")], defs)
        return {k: _inline_refs(v, defs) for k, v in node.items() if k != "$defs"}
    if isinstance(node, list):
        return [_inline_refs(v, defs) for v in node]
    return node


RANGES_BEGIN = "<!-- ranges: generated by python -m evidenceboard.formats.board_schema --ranges -->"
RANGES_END = "<!-- end of ranges -->"


def ranges_table() -> str:
    """The Markdown table of every field's range, for docs/FORMAT.md ("Ranges")."""
    from ..model.fields import describe

    lines = [RANGES_BEGIN, "", "| entity (most per board) | field | board JSON | may hold |",
             "|---|---|---|---|"]
    for es in ENTITIES:
        for n, f in enumerate(es.fields):
            who = f"{es.name} ({es.max_rows:,})" if n == 0 else ""
            json_name = f"`{f.json_name}`" if f.json_name else \
                "(made from " + " and ".join(es.key[1]) + ")" if es.key and n == 0 else \
                "(nesting)"
            if es.name == "setting":
                json_name = "key of `settings`" if f.name == "id" else "its value"
            lines.append(f"| {who} | `{f.column}` | {json_name} | {describe(f)} |")
        for rule in es.rules:
            lines.append(f"| | ({rule.name}) | | {rule.doc} |")
    lines += ["", RANGES_END]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description="print or write the board JSON schema")
    parser.add_argument("--write", action="store_true", help=f"write {schema_path()}")
    parser.add_argument("--ranges", action="store_true",
                        help="print the ranges table of docs/FORMAT.md")
    args = parser.parse_args()
    if args.ranges:
        print(ranges_table())
    elif args.write:
        schema_path().write_text(schema_text(), "utf-8")
        print(f"wrote {schema_path()}")
    else:
        print(schema_text(), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
