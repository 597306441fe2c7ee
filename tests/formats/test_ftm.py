"""FollowTheMoney: every exported entity validated by followthemoney's own model, edge
ends of the right schemata, and the JSON lines imported back with their citations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from export_boards import rich_board
from followthemoney import model
from format_specs import assert_valid_ftm

from evidenceboard.formats import InterchangeError, read_interchange
from evidenceboard.formats.ftm import ACTOR_SCHEMA, EDGE_RULES, EDGES, ftm_lines, write_ftm
from evidenceboard.model import Board
from evidenceboard.synthetic import synthetic_entities


def _entities(board: Board) -> list[dict]:
    return [json.loads(line) for line in ftm_lines(board)]


def test_every_entity_is_valid_for_followthemoney():
    entities = _entities(rich_board())
    assert_valid_ftm(entities)
    schemata = {e["id"]: e["schema"] for e in entities}
    assert schemata["evb-card-haftar"] == "Person"
    assert schemata["evb-card-israel"] == "PublicBody"
    assert schemata["evb-card-jet"] == "Airplane"
    assert schemata["evb-card-claim1"] == "Note"
    assert schemata["evb-link-son"] == "Family"  # "son of" between two people
    assert schemata["evb-link-about"] == "UnknownLink"


def test_synthetic_board_is_valid_too():
    assert_valid_ftm(_entities(Board.from_entities(synthetic_entities(300, 600, 5))))


def test_our_tables_match_followthemoney_model():
    for schema, (src, dst, label) in EDGES.items():
        s = model.get(schema)
        assert s.edge and (s.edge_source, s.edge_target) == (src, dst), schema
        assert s.get(label) is not None
    for name in ACTOR_SCHEMA.values():
        assert model.get(name) is not None and not model.get(name).abstract
    for schema, _, sources, targets in EDGE_RULES:
        s = model.get(schema)
        for a in sources:
            assert model.get(a).is_a(s.get(s.edge_source).range), (schema, a)
        for b in targets:
            assert model.get(b).is_a(s.get(s.edge_target).range), (schema, b)
    assert "gov.national" in __import__("followthemoney").registry.topic.names


def test_articles_claims_and_links_carry_their_evidence():
    entities = {e["id"]: e for e in _entities(rich_board())}
    article = next(e for e in entities.values() if e["schema"] == "Article"
                   and e["properties"].get("publisher") == ["Haaretz"])
    assert article["properties"]["publishedAt"] == ["2021-11-02"]
    assert article["properties"]["bodyText"][0].startswith("Libyan strongman\u00a0")
    claim = entities["evb-card-claim1"]["properties"]
    assert claim["keywords"] == ["claim", "asserts"] and claim["proof"] == [article["id"]]
    assert claim["entity"] == ["evb-card-haftar"]
    states = entities["evb-link-states"]["properties"]
    assert states["description"] == ["\u201cWe never met him,\u201d an Israeli official said."]
    assert states["sourceUrl"] == ["https://example.org/a?x=1&y=2"]
    assert "kind: denies" in states["summary"][0]
    assert entities["evb-card-israel"]["properties"]["country"] == ["il"]


def test_export_then_import_restores_cards_links_and_citations(tmp_path: Path):
    board = rich_board()
    out = write_ftm(board, tmp_path / "b.ftm.jsonl")
    new = Board()
    new.apply(read_interchange(out, new))
    assert {(c.title, c.kind, c.actor_type) for c in new.cards.values()} == \
        {(c.title, c.kind, c.actor_type) for c in board.cards.values()}
    claim2 = next(c for c in new.cards.values() if c.title.startswith("\u201cWe never"))
    assert claim2.stance == "denies" and claim2.speaker == "an Israeli official"
    links = {(new.cards[lk.from_id].title, lk.label, lk.kind, lk.direction)
             for lk in new.links.values()}
    assert links == {(board.cards[lk.from_id].title, lk.label, lk.kind, lk.direction)
                     for lk in board.links.values()}
    # Quotes found verbatim in the proof articles are real citations again.
    for c in new.citations.values():
        assert new.sources[c.source_id].text[c.start:c.end] == c.quote
    quotes = {c.quote for c in new.citations.values()}
    assert "Israel denied any meeting took place." in quotes
    assert "Libyan strongman\u00a0Khalifa Haftar flew to Israel on a private jet" in quotes


ALEPH = [
    {"id": "p1", "schema": "Person", "properties": {"name": ["Amira Haddad"],
                                                   "alias": ["A. Haddad"]},
     "datasets": ["leak"], "caption": "Amira Haddad"},
    {"id": "c1", "schema": "Company", "properties": {"name": ["Atlas Holdings"]}},
    {"id": "v1", "schema": "Vessel", "properties": {"name": ["MV Star"]}},
    {"id": "t1", "schema": "Territory", "properties": {"name": ["Malta"],
                                                      "level": ["country"]}},
    {"id": "b1", "schema": "BankAccount", "properties": {"name": ["Account 123"]}},
    {"id": "d1", "schema": "Document", "properties": {"title": ["Ledger"],
                                                     "bodyText": ["Atlas paid Haddad."]}},
    {"id": "o1", "schema": "Ownership", "properties": {"owner": ["c1"], "asset": ["v1"],
                                                      "role": ["beneficial owner"]}},
    {"id": "d2", "schema": "Directorship", "properties": {
        "director": ["p1"], "organization": ["c1"], "proof": ["d1"],
        "description": ["Atlas paid Haddad."]}},
    {"id": "x1", "schema": "UnknownLink", "properties": {"subject": ["p1"],
                                                        "object": ["missing"]}},
    {"id": "n1", "schema": "Note", "properties": {"description": ["Check the flag"],
                                                 "entity": ["v1"]}},
    {"id": "s1", "schema": "Sanction", "properties": {"entity": ["p1"]}},
]


def test_import_of_an_aleph_like_stream(tmp_path: Path):
    path = tmp_path / "aleph.ftm.json"
    path.write_text("\n".join(json.dumps(e) for e in ALEPH) + "\n", "utf-8")
    board = Board()
    board.apply(read_interchange(path, board))
    cards = {c.title: c for c in board.cards.values()}
    assert cards["Amira Haddad"].actor_type == "person"
    assert cards["Amira Haddad"].aliases == ("A. Haddad",)
    assert cards["Atlas Holdings"].actor_type == "organisation"
    assert cards["MV Star"].actor_type == "vessel"
    assert cards["Malta"].actor_type == "country"
    assert cards["Account 123"].actor_type == "other"
    assert "BankAccount" in cards["Account 123"].body
    assert cards["Check the flag"].kind == "note"
    links = {(board.cards[lk.from_id].title, lk.label, board.cards[lk.to_id].title)
             for lk in board.links.values()}
    assert links == {("Atlas Holdings", "beneficial owner", "MV Star"),
                     ("Amira Haddad", "directorship", "Atlas Holdings"),
                     ("Check the flag", "about", "MV Star")}
    (source,) = board.sources.values()
    assert source.title == "Ledger"
    director = next(lk for lk in board.links.values() if lk.label == "directorship")
    (cite,) = board.citations_of(director.id)
    assert cite.quote == "Atlas paid Haddad." and cite.start == 0


@pytest.mark.parametrize("text, words", [
    ('{"id": "a", "schema": "Person", "properties": {"name": "A"}}\n', "lists of texts"),
    ('{"id": "a", "properties": {}}\n', "needs an id, a schema"),
    ('{"id": "a", "schema": "Person", "properties": {}}\n{oops\n', "line 2"),
    ('[{"id": "a", "schema": "Person"}, 3]', "entity 2"),
])
def test_bad_ftm_is_refused_with_a_reason(tmp_path: Path, text: str, words: str):
    path = tmp_path / "bad.jsonl"
    path.write_text(text, "utf-8")
    with pytest.raises(InterchangeError, match=words):
        read_interchange(path, Board())
