"""resources/board.schema.json is generated from the entity declarations, and the board
JSON reader enforces it (with ``jsonschema``) and the declared ranges."""

from __future__ import annotations

import json

import pytest
from export_boards import rich_board

from evidenceboard.formats import InterchangeError
from evidenceboard.formats.board_json import board_json_bytes, read_board_json
from evidenceboard.formats.board_schema import board_schema, schema_path, schema_text
from evidenceboard.model.entities import (
    COORD_LIMIT,
    ENTITIES,
    MAX_ALIASES,
    MAX_CARD_SIZE,
    MAX_ID,
    MAX_TITLE,
)


def test_the_schema_file_is_what_the_declarations_generate():
    assert schema_path().read_text("utf-8") == schema_text(), \
        "run: .venv/bin/python -m evidenceboard.formats.board_schema --write"


def test_every_json_field_of_every_entity_is_in_the_schema():
    defs = board_schema()["$defs"]
    for es in ENTITIES:
        if es.name == "setting":
            continue
        props = defs[es.name]["properties"]
        assert [f.json_name for f in es.json_fields()] == \
            [p for p in props if p != "citations"]
    card = defs["card"]["properties"]
    assert card["x"]["minimum"] == -COORD_LIMIT and card["x"]["maximum"] == COORD_LIMIT
    assert card["width"]["maximum"] == MAX_CARD_SIZE
    assert card["title"]["maxLength"] == MAX_TITLE
    assert card["aliases"]["maxItems"] == MAX_ALIASES


def _doc():
    return json.loads(board_json_bytes(rich_board()))


@pytest.mark.parametrize("change, words", [
    (lambda d: d["cards"][0].update(x=COORD_LIMIT * 10), "cards[0].x is 10,000,000, "
                                                         "beyond the limit of 1,000,000"),
    (lambda d: d["cards"][0].update(y=-COORD_LIMIT - 1), "below the smallest allowed"),
    (lambda d: d["cards"][0].update(width=MAX_CARD_SIZE + 1), "cards[0].width is 5,001"),
    (lambda d: d["cards"][0].update(height=0), "cards[0].height must be more than 0"),
    (lambda d: d["cards"][0].update(title="x" * (MAX_TITLE + 1)), "cards[0].title is too "
                                                                  "long (10,001 characters"),
    (lambda d: d["cards"][0].update(aliases=["a"] * (MAX_ALIASES + 1)), "1,001 items"),
    (lambda d: d["cards"][0].update(id=" "), "cards[0].id must be a non-empty text id"),
    (lambda d: d["cards"][0].update(id="i" * (MAX_ID + 1)), "cards[0].id is too long"),
    (lambda d: d["cards"][0].update(x="12px"), "cards[0].x must be a number from"),
    (lambda d: d["cards"][0].update(shape="round"), "cards[0] has a field"),
    (lambda d: d["cards"][0].pop("kind"), "cards[0] has no kind"),
    (lambda d: d["links"][0].update(direction="up"), "links[0].direction must be one of "
                                                     "forward, none, both"),
    (lambda d: d["sources"][0].update(sha256="ABC"), "sources[0].sha256 must be 64 hex"),
    (lambda d: d.update(cards={}), "cards must be a list"),
    (lambda d: d["settings"].update(name=3), "settings.name"),
])
def test_out_of_range_values_are_named_with_their_place(change, words):
    doc = _doc()
    change(doc)
    with pytest.raises(InterchangeError, match=words.replace("[", r"\[").replace("]", r"\]")
                       .replace("(", r"\(").replace(".", r"\.")):
        read_board_json(doc)


def test_the_edges_of_every_range_are_accepted():
    doc = _doc()
    doc["cards"][0].update(x=COORD_LIMIT, y=-COORD_LIMIT, width=1, height=MAX_CARD_SIZE,
                           title="t" * MAX_TITLE, aliases=["a"] * MAX_ALIASES)
    incoming = read_board_json(doc)
    card = next(c for c in incoming.cards if c.id == doc["cards"][0]["id"])
    assert (card.x, card.y, card.width, card.height) == (COORD_LIMIT, -COORD_LIMIT, 1.0,
                                                         MAX_CARD_SIZE)


def test_the_ranges_page_is_what_the_declarations_generate():
    from pathlib import Path

    from evidenceboard.formats.board_schema import ranges_table

    doc = (Path(__file__).resolve().parents[2] / "docs" / "FORMAT.md").read_text("utf-8")
    assert ranges_table() in doc, \
        "paste the output of: .venv/bin/python -m evidenceboard.formats.board_schema --ranges"
