"""JSON Canvas 1.0: our output checked field by field against the spec (jsoncanvas.org,
spec/1.0), imported back, and foreign canvases with every node type imported."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from export_boards import rich_board
from format_specs import check_canvas_spec

from evidenceboard.formats import InterchangeError, read_interchange
from evidenceboard.formats.incoming import merge_edit
from evidenceboard.formats.json_canvas import (
    canvas_dict,
    color_from_canvas,
    preset_for,
    read_canvas_doc,
    write_canvas,
)
from evidenceboard.model import Board


def test_export_follows_the_spec_and_keeps_geometry(tmp_path: Path):
    board = rich_board()
    out = write_canvas(board, tmp_path / "b.canvas")
    doc = json.loads(out.read_text("utf-8"))
    check_canvas_spec(doc)
    nodes = {n["id"]: n for n in doc["nodes"]}
    assert set(nodes) == set(board.cards)
    for card in board.cards.values():
        n = nodes[card.id]
        assert (n["x"], n["y"], n["width"], n["height"]) == (
            round(card.x), round(card.y), round(card.width), round(card.height))
        assert n["type"] == "text"
    edges = {e["id"]: e for e in doc["edges"]}
    assert set(edges) == set(board.links)
    assert edges["link-son"]["label"] == "son of"
    assert (edges["link-son"]["fromEnd"], edges["link-son"]["toEnd"]) == ("none", "arrow")
    assert (edges["link-contra"]["fromEnd"], edges["link-contra"]["toEnd"]) == \
        ("arrow", "arrow")
    assert edges["link-contra"]["color"] == "1"  # a contradiction is red
    assert nodes["card-jet"]["color"] == "1"  # "#c8453a" is a red
    assert nodes["card-note"]["color"] == "3"  # notes are yellow


def test_text_nodes_hold_the_quotes_and_sources_as_plain_text():
    board = rich_board()
    nodes = {n["id"]: n for n in canvas_dict(board)["nodes"]}
    claim = nodes["card-claim1"]["text"]
    assert claim.startswith("## Haftar flew to Israel")
    assert "Libyan strongman\u00a0Khalifa Haftar flew to Israel on a private jet" in claim
    assert "Haaretz, 2021-11-02" in claim and "<https://example.org/a?x=1&y=2>" in claim
    # The link leaving the claim brings its quote along.
    assert "about → Khalifa Haftar" in claim and "> Khalifa Haftar flew to Israel" in claim
    note = nodes["card-note"]["text"]
    assert "\\*flight\\*" in note and "\\<img src\\=x" in note and "\n\\# not" in note
    # No unescaped "<": nothing a Markdown renderer would take for HTML.
    assert not re.search(r"(?<!\\)<(?!https://)", note + nodes["card-claim1"]["text"])


def test_export_then_import_gives_the_same_cards_and_links():
    board = rich_board()
    doc = json.loads(json.dumps(canvas_dict(board)))
    new = Board()
    new.apply(merge_edit(new, read_canvas_doc(doc)))
    by_title = {c.title: c for c in new.cards.values()}
    assert set(by_title) == {c.title for c in board.cards.values()}
    for old in board.cards.values():
        c = by_title[old.title]
        assert (c.kind, c.actor_type, c.stance, c.aliases) == (
            old.kind, old.actor_type, old.stance, old.aliases)
        assert (c.x, c.y, c.width, c.height) == (round(old.x), round(old.y),
                                                 round(old.width), round(old.height))
    pairs = {(new.cards[lk.from_id].title, lk.label, new.cards[lk.to_id].title, lk.direction)
             for lk in new.links.values()}
    assert pairs == {(board.cards[lk.from_id].title, lk.label, board.cards[lk.to_id].title,
                      lk.direction) for lk in board.links.values()}
    assert by_title["Khalifa Haftar"].body.startswith("Commander of the LNA.\nSecond line.")


FOREIGN = {
    "nodes": [
        {"id": "grp", "type": "group", "x": -50, "y": -50, "width": 900, "height": 500,
         "label": "Suspects", "color": "4", "background": "bg.png", "backgroundStyle": "cover"},
        {"id": "t1", "type": "text", "x": 0, "y": 0, "width": 250, "height": 60,
         "text": "# Alice \\*A\\*\nWorks at the port.\n\n- **bold** line", "color": "#FFAA00",
         "someAppKey": {"nested": True}},
        {"id": "f1", "type": "file", "x": 300, "y": 0, "width": 400, "height": 400,
         "file": "Attachments/ledger.pdf", "subpath": "#page=3"},
        {"id": "u1", "type": "link", "x": 0, "y": 200, "width": 300, "height": 200,
         "url": "https://example.org/report", "color": 5},
        {"id": "out", "type": "text", "x": 2000.4, "y": -3000, "width": 10, "height": 10,
         "text": ""},
    ],
    "edges": [
        {"id": "e1", "fromNode": "t1", "toNode": "f1", "label": "keeps"},
        {"id": "e2", "fromNode": "u1", "fromEnd": "arrow", "toNode": "t1", "toEnd": "none"},
        {"id": "e3", "fromNode": "grp", "toNode": "out", "toEnd": "none"},
    ],
    "metadata": {"unknown": "ignored"},
}


def test_groups_round_trip_with_their_titles_colours_and_cards(tmp_path: Path):
    """export -> import gives the same groups holding the same cards (a group inside
    another's frame keeps its own cards; a collapsed group arrives expanded)."""
    from evidenceboard.model import group_edits as ge

    board = rich_board()
    # (membership on a canvas is geometry: these frames hold no other card)
    board.apply(ge.group_cards(board, ["card-haftar", "card-claim1"],
                               title="Haftar \u2708 family", color="#AA3355"))
    board.apply(ge.group_cards(board, ["card-note"], title="To check"))
    note_group = board.cards["card-note"].group_id
    board.apply(ge.set_collapsed(board, [note_group], True))
    path = write_canvas(board, tmp_path / "groups.canvas")
    doc = json.loads(path.read_text("utf-8"))
    check_canvas_spec(doc)
    kinds = [n["type"] for n in doc["nodes"]]
    assert kinds[:2] == ["group", "group"] and "group" not in kinds[2:]  # groups below
    new = Board()
    new.apply(read_interchange(path, new))

    def memberships(b: Board) -> set[tuple[str, str | None, frozenset[str]]]:
        return {(g.title, g.color, frozenset(c.title for c in b.members_of(g.id)))
                for g in b.groups.values()}
    assert memberships(new) == {(t, c.lower() if c else None, m)
                                for t, c, m in memberships(board)}
    assert not any(g.collapsed for g in new.groups.values())
    assert sum(1 for c in new.cards.values() if c.group_id is None) == \
        sum(1 for c in board.cards.values() if c.group_id is None)


def test_foreign_canvas_with_every_node_type(tmp_path: Path):
    path = tmp_path / "foreign.canvas"
    path.write_text(json.dumps(FOREIGN), "utf-8")
    board = Board()
    board.apply(read_interchange(path, board))
    by_title = {c.title: c for c in board.cards.values()}
    alice = by_title["Alice *A*"]
    assert alice.kind == "note" and alice.color == "#ffaa00"
    assert alice.body == "Works at the port.\n\n- **bold** line"
    ledger = by_title["ledger.pdf"]
    assert ledger.body == "File: Attachments/ledger.pdf#page=3" and ledger.width == 400
    assert by_title["https://example.org/report"].color == color_from_canvas("5")
    # the group node is a group holding the nodes inside its rectangle
    (group,) = board.groups.values()
    assert group.title == "Suspects" and group.color == color_from_canvas("4")
    assert {c.title for c in board.members_of(group.id)} == {
        "Alice *A*", "ledger.pdf", "https://example.org/report"}
    # an edge from the group joins a note standing for it, just above the group
    note = by_title["Suspects"]
    assert note.kind == "note" and note.y + note.height <= -50 and note.group_id is None
    assert "(untitled)" in by_title
    links = {(board.cards[lk.from_id].title, board.cards[lk.to_id].title, lk.direction, lk.label)
             for lk in board.links.values()}
    assert ("Alice *A*", "ledger.pdf", "forward", "keeps") in links
    assert ("Alice *A*", "https://example.org/report", "forward", "") in links  # reversed
    assert ("Suspects", "(untitled)", "none", "") in links


@pytest.mark.parametrize("doc, words", [
    ({"nodes": [{"id": "a", "type": "text", "x": 0, "y": 0, "width": 1, "height": 1,
                 "text": ""}], "edges": [{"id": "e", "fromNode": "a", "toNode": "zz"}]},
     "missing node 'zz'"),
    ({"nodes": [{"id": "a", "type": "text", "x": 0, "y": 0, "width": 1, "height": 1,
                 "text": ""}] * 2}, "two nodes or edges with the id 'a'"),
    ({"nodes": [{"id": "a", "type": "text", "x": 1e12, "y": 0, "width": 1, "height": 1,
                 "text": ""}]}, "beyond the limit"),
    ({"nodes": [{"id": "a", "type": "text", "x": 0, "y": 0, "width": 0, "height": 1,
                 "text": ""}]}, "more than 0"),
    ({"nodes": [{"id": "a", "type": "sticker", "x": 0, "y": 0, "width": 1, "height": 1}]},
     "type 'sticker'"),
    ({"nodes": [{"id": "a", "type": "text", "x": "12px", "y": 0, "width": 1, "height": 1,
                 "text": ""}]}, "not a number"),
    ({"nodes": "all of them"}, "must be a list"),
    ([1, 2], "top level must be an object"),
])
def test_bad_canvases_are_refused_with_a_reason(doc, words):
    with pytest.raises(InterchangeError, match=re.escape(words)):
        read_canvas_doc(doc)


def test_colour_presets():
    assert preset_for("#ff0000") == "1" and preset_for("#ffa500") == "2"
    assert preset_for("#00aa00") == "4" and preset_for("#00cccc") == "5"
    assert preset_for("#8000ff") == "6" and preset_for("#ffffff") is None
    assert preset_for("#777777") is None
    assert color_from_canvas("#ABC") == "#aabbcc" and color_from_canvas("red") is None
    assert color_from_canvas(3) == color_from_canvas("3")
