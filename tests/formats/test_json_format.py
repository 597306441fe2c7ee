"""Board JSON: byte-identical round trips through real board files, the JSON Schema, and
the rules for importing into a board that already holds things."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest
from export_boards import rich_board, rich_entities

from evidenceboard.document import Document
from evidenceboard.formats import InterchangeError, read_interchange
from evidenceboard.formats.board_json import (
    FORMAT_VERSION,
    board_json_bytes,
    read_board_json,
    write_board_json,
)
from evidenceboard.formats.incoming import merge_edit
from evidenceboard.model import Board, Card, Link, Source
from evidenceboard.model.entities import COORD_LIMIT, MAX_CARD_SIZE, MIN_CARD_SIZE
from evidenceboard.paths import resources_dir
from evidenceboard.store import create_board_file
from evidenceboard.synthetic import synthetic_entities

SCHEMA = json.loads((resources_dir() / "board.schema.json").read_text("utf-8"))


def _import_into_new_file(path: Path, json_file: Path) -> bytes:
    """Import ``json_file`` into a new empty board file, reopen it and export again."""
    create_board_file(path)
    doc = Document.open(path)
    try:
        doc.apply(read_interchange(json_file, doc.board))
    finally:
        doc.close()
    doc = Document.open(path, read_only=True)
    try:
        return board_json_bytes(doc.board)
    finally:
        doc.close()


@pytest.mark.parametrize("entities", [rich_entities, lambda: synthetic_entities(400, 800, 3)],
                         ids=["every-field", "synthetic"])
def test_export_import_export_is_byte_identical(tmp_path: Path, entities):
    board_file = create_board_file(tmp_path / "a.evboard", entities())
    doc = Document.open(board_file, read_only=True)
    try:
        first = write_board_json(doc.board, tmp_path / "a.json")
    finally:
        doc.close()
    data = first.read_bytes()
    again = _import_into_new_file(tmp_path / "b.evboard", first)
    assert again == data
    # And the exact same bytes when exported twice from the same board.
    assert board_json_bytes(Board.from_entities(entities())) == data


def test_output_follows_the_schema_and_the_documented_invariants():
    doc = json.loads(board_json_bytes(rich_board()))
    jsonschema.validate(doc, SCHEMA)
    assert doc["format"] == "evidenceboard" and doc["version"] == FORMAT_VERSION == 3
    assert doc["alias_table"][0] == {"rule": "alias", "name": "Gen. Haftar",
                                     "value": "Khalifa Haftar", "card": "card-haftar"}
    assert [e["rule"] for e in doc["alias_table"]] == ["alias", "alias", "reject", "type"]
    texts = {s["id"]: s["text"] for s in doc["sources"]}
    ids = [s["id"] for s in doc["sources"]] + [c["id"] for c in doc["cards"]] + \
        [lk["id"] for lk in doc["links"]]
    assert ids[:2] == sorted(ids[:2]) and len(set(ids)) == len(ids)
    n_broken = 0
    for item in doc["cards"] + doc["links"]:
        for c in item["citations"]:
            assert c["start"] < c["end"]
            if texts[c["source"]][c["start"]:c["end"]] != c["quote"]:
                n_broken += 1
    assert n_broken == 1  # the deliberately broken citation is kept, not repaired
    card = next(c for c in doc["cards"] if c["id"] == "card-haftar")
    assert list(card) == ["id", "kind", "type", "title", "body", "speaker", "stance",
                          "aliases", "color", "x", "y", "width", "height", "group",
                          "citations"]
    assert card["aliases"] == ["Haftar", "General Khalifa Haftar"]
    link = next(lk for lk in doc["links"] if lk["id"] == "link-flew")
    assert link["unsourced"] is True and link["direction"] == "none"
    assert doc["settings"] == {"name": "Haftar \u2708 Israel", "view": '{"zoom": 1.5}'}


def test_schema_rejects_what_the_reader_rejects():
    doc = json.loads(board_json_bytes(rich_board()))
    doc["cards"][0]["kind"] = "villain"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, SCHEMA)
    with pytest.raises(InterchangeError, match="kind must be one of"):
        read_board_json(doc)


def test_unicode_survives_exactly():
    data = board_json_bytes(rich_board())
    text = data.decode("utf-8")
    assert "\u05e9\u05dc\u05d5\u05dd" in text and "\U0001F6E9" in text and "\u00a0" in text
    assert "\\u" not in text  # written as UTF-8, not escapes


def _merge_json(board: Board, source_board: Board):
    return merge_edit(board, read_board_json(json.loads(board_json_bytes(source_board))))


def test_importing_the_same_file_twice_adds_nothing():
    board = Board()
    board.apply(_merge_json(board, rich_board()))
    edit = _merge_json(board, rich_board())
    assert edit.puts == ()


def test_import_into_a_board_with_other_things_keeps_them_and_remaps_collisions():
    mine = Board.from_entities([
        Source.create("An article already on my board about Haftar.", title="Mine"),
        Card(id="card-haftar", kind="actor", title="My own Haftar card", x=0, y=0,
             actor_type="person"),
    ])
    before = dict(mine.cards)
    edit = _merge_json(mine, rich_board())
    mine.apply(edit)
    assert mine.cards["card-haftar"] == before["card-haftar"]  # untouched
    theirs = [c for c in mine.cards.values() if c.title == "Khalifa Haftar"]
    assert len(theirs) == 1 and theirs[0].id != "card-haftar"
    # Every link and citation that pointed to their Haftar follows the new id.
    about = mine.links["link-about"]
    assert about.to_id == theirs[0].id
    assert mine.citations_of(theirs[0].id)
    # Their cards moved clear of mine (no overlap with the card that was there).
    mine_card = mine.cards["card-haftar"]
    for c in mine.cards.values():
        if c.id != mine_card.id:
            assert c.x >= mine_card.x + mine_card.width or c.y >= mine_card.y + \
                mine_card.height or c.x + c.width <= mine_card.x or \
                c.y + c.height <= mine_card.y


def test_sources_are_matched_by_sha256_not_id():
    rich = rich_board()
    src = rich.sources["src-a"]
    mine = Board.from_entities([replace(src, id="my-copy", title="My title")])
    mine.apply(_merge_json(mine, rich))
    assert len([s for s in mine.sources.values() if s.sha256 == src.sha256]) == 1
    assert mine.sources["my-copy"].title == "My title"
    cites = mine.citations_of("card-claim1")
    assert cites and all(c.source_id == "my-copy" for c in cites)


def test_settings_are_not_overwritten():
    mine = Board()
    mine.apply(merge_edit(mine, read_board_json({"format": "evidenceboard", "version": 1,
                                                  "settings": {"name": "Mine"}})))
    mine.apply(_merge_json(mine, rich_board()))
    assert mine.setting("name") == "Mine" and mine.setting("view") == '{"zoom": 1.5}'


def test_minimal_hand_written_board_gets_defaults():
    doc = {"format": "evidenceboard", "version": 1,
           "sources": [{"id": "s", "text": "Alice met Bob in Valletta."}],
           "cards": [{"id": "a", "kind": "actor", "title": "Alice"},
                     {"id": "c", "kind": "claim", "title": "Alice met Bob",
                      "citations": [{"source": "s", "quote": "Alice met Bob", "start": 0,
                                     "end": 13}]}],
           "links": [{"id": "l", "from": "a", "to": "c"}]}
    board = Board()
    board.apply(merge_edit(board, read_board_json(doc)))
    assert board.cards["a"].width > 0 and board.links["l"].kind == "relation"
    assert board.citations_of("c")[0].quote == "Alice met Bob"


@pytest.mark.parametrize("change, words", [
    (lambda d: d.update(version=4), "newer EvidenceBoard"),
    (lambda d: d.update(format="something"), "not an EvidenceBoard board JSON"),
    (lambda d: d["sources"][0].update(text="changed"), "sha256 does not match"),
    (lambda d: d["links"][0].update(to="nowhere"), "not in the file"),
    (lambda d: d["cards"][1].update(id=d["cards"][0]["id"]), "used twice"),
    (lambda d: d["cards"][0].update(x=1e300), "beyond the limit"),
    (lambda d: d["cards"][0].update(width=-5), "more than 0"),
    (lambda d: d["cards"][0].update(color="red"), "#rrggbb"),
    (lambda d: d["cards"][0]["citations"][0].update(start=9, end=3), "start < end"),
    (lambda d: d["cards"][0]["citations"][0].update(source="elsewhere"),
     "not in the file"),
    (lambda d: d["links"][0].update(unsourced="yes"), "true or false"),
    (lambda d: d["cards"][0]["citations"][0].update(credibility=9), "credibility"),
    (lambda d: d["alias_table"][0].update(rule="merge"), r"alias_table\[0\]\.rule"),
    (lambda d: d["alias_table"][0].update(value=" "), r"alias_table\[0\]\.value must be text .*not only spaces"),
    (lambda d: d["alias_table"][3].update(value="ship"), r"alias_table\[3\]: unknown actor type 'ship'"),
    (lambda d: d["alias_table"][2].update(value="x"), r"alias_table\[2\]: .*exactly when it is not a rejection"),
    (lambda d: d["alias_table"][0].update(name="  "), r"alias_table\[0\]\.name must be .*not only spaces"),
    (lambda d: d["alias_table"].append(dict(d["alias_table"][0])), r"alias_table\[4\]: a second alias entry for the same spelling"),
    (lambda d: d.update(alias_table={"rule": "alias"}), "alias_table must be a list"),
])
def test_bad_fields_are_named(change, words):
    doc = json.loads(board_json_bytes(rich_board()))
    change(doc)
    with pytest.raises(InterchangeError, match=words):
        merge_edit(Board(), read_board_json(doc))


def test_import_adds_cards_the_store_accepts(tmp_path: Path):
    """What the reader lets through, the board file's own constraints accept too."""
    path = create_board_file(tmp_path / "x.evboard")
    doc = Document.open(path)
    try:
        rich = rich_board()
        # The edges of the declared ranges (docs/FORMAT.md, "Ranges").
        extra = Card(id="odd", kind="note", title="", x=-COORD_LIMIT, y=COORD_LIMIT,
                     width=MIN_CARD_SIZE, height=MAX_CARD_SIZE)
        rich = Board.from_entities([*rich.entities(), extra,
                                    Link(id="self", from_id="odd", to_id="odd")])
        doc.apply(_merge_json(doc.board, rich))
    finally:
        doc.close()


def test_the_alias_table_only_adds_and_follows_its_cards():
    """Importing a board JSON brings the corrections the board has not made itself; its
    own entry for a spelling stays; an entry's card follows the card's new id."""
    doc = json.loads(board_json_bytes(rich_board()))
    mine = Board()
    mine.apply(merge_edit(mine, read_board_json(doc)))
    assert mine.alias_table["alias:gen haftar"].card_id == "card-haftar"
    other = Board.from_entities([Card(id="card-haftar", kind="note", title="taken"),
                                 *[e for e in mine.alias_table.values()
                                   if e.rule == "type"]])
    edit = merge_edit(other, read_board_json(doc))
    entries = {e.id: e for e in edit.puts if e.id.startswith(("alias:", "type:", "reject:"))}
    assert "type:p4 rma" not in entries  # the board's own entry is kept
    moved = entries["alias:gen haftar"].card_id
    assert moved != "card-haftar" and other.find(moved) is None
    assert any(isinstance(e, Card) and e.id == moved and e.title == "Khalifa Haftar"
               for e in edit.puts)


def test_a_version_1_file_still_reads():
    doc = json.loads(board_json_bytes(rich_board()))
    doc["version"] = 1
    del doc["alias_table"]
    board = Board()
    board.apply(merge_edit(board, read_board_json(doc)))
    assert board.cards and not board.alias_table
