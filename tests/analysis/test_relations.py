"""Relations between actors on a board: proposed by the importer, derived for boards that
lack them (one edit, undone exactly), stored as sourced links, bundled per pair."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from evidenceboard.analysis.relations import (
    RELATION_KIND,
    backing_claims,
    claim_relations,
    derive_relations,
    relation_bundles,
    relation_links,
)
from evidenceboard.document import Document
from evidenceboard.importer.reading import read_article_text
from evidenceboard.importer.to_board import import_edit, summary_of
from evidenceboard.model import Board, Card, Citation, Edit, Link, Source
from evidenceboard.model.edits import delete_items
from evidenceboard.store import create_board_file

# Two short reports of our own about an invented affair (two outlets, one relayed).
PORT_GAZETTE = """Harbour deal under scrutiny

VALLEMAR — Minister Anna Berg met shipping magnate Omar Said in Geneva last month, \
the Port Gazette has learned.

"We support Anna Berg," the Farmers League said in a statement.

"I never met Omar Said in private," Anna Berg told reporters on Tuesday.

Omar Said's company, Kestrel Group, paid the Harbour Union for access to the docks, \
according to documents seen by the newspaper.
"""

EVENING_POST = """Minister faces questions

According to a report by the Port Gazette, Minister Anna Berg met Omar Said in Geneva \
in June.

The Farmers League denied backing Anna Berg in the vote.

Omar Said founded Kestrel Group in 2004.
"""


def _article(text: str, title: str, outlet: str):
    from dataclasses import replace
    return replace(read_article_text(text), title=title, outlet=outlet)


@pytest.fixture(scope="module")
def imported() -> tuple[Board, Edit]:
    board = Board()
    edit = import_edit(board, [_article(PORT_GAZETTE, "Harbour deal", "Port Gazette"),
                               _article(EVENING_POST, "Questions", "Evening Post")])
    board.apply(edit)
    return board, edit


def _actor(board: Board, name: str) -> Card:
    hits = [c for c in board.cards.values() if c.kind == "actor"
            and (c.title == name or name in c.aliases)]
    assert hits, f"no actor {name}: {[c.title for c in board.cards.values()]}"
    return hits[0]


def _relations(board: Board) -> set[tuple[str, str, str]]:
    return {(board.cards[lk.from_id].title, lk.label, board.cards[lk.to_id].title)
            for lk in relation_links(board)}


def test_import_proposes_relations_citing_their_claims_exactly(imported):
    board, edit = imported
    rels = _relations(board)
    assert ("Anna Berg", "met", "Omar Said") in rels, rels
    assert ("Farmers League", "backs", "Anna Berg") in rels, rels
    assert ("Kestrel Group", "paid", "Harbour Union") in rels, rels
    for lk in relation_links(board):
        assert lk.kind == RELATION_KIND
        cites = board.citations_of(lk.id)
        assert cites, lk
        for c in cites:
            assert board.sources[c.source_id].text[c.start:c.end] == c.quote
        # each relation is backed by the claim whose sentence it quotes
        assert backing_claims(board, lk.id)
    assert "relation" in summary_of(Board(), edit)


def test_two_articles_stating_a_meeting_back_one_link(imported):
    board, _ = imported
    berg, said = _actor(board, "Anna Berg"), _actor(board, "Omar Said")
    met = [lk for lk in relation_links(board) if lk.label == "met"
           and {lk.from_id, lk.to_id} == {berg.id, said.id}]
    assert len(met) == 1
    assert met[0].direction == "none"  # a meeting has no direction
    assert {c.source_id for c in board.citations_of(met[0].id)} == set(board.sources)
    bundle = relation_bundles(board)[tuple(sorted((berg.id, said.id)))]
    assert "met" in bundle.labels
    assert bundle.sources == 2 and bundle.claims >= 2
    # the Evening Post relays the Port Gazette: two sources, one origin
    assert bundle.origins < bundle.claims + 1
    assert bundle.summary.startswith(f"{bundle.claims} claims · 2 sources · ")


def test_denials_read_as_denials(imported):
    board, _ = imported
    rels = _relations(board)
    assert ("Farmers League", "denied backing", "Anna Berg") in rels, rels
    # "I" in a quote is its speaker
    assert ("Anna Berg", "never met", "Omar Said") in rels, rels


def _without_relations(board: Board) -> Board:
    ids = [lk.id for lk in relation_links(board)]
    out = Board.from_entities(list(board.entities()))
    out.apply(delete_items(out, ids))
    return out


def test_derive_for_a_board_without_relations_is_one_edit_undone_exactly(imported):
    board = _without_relations(imported[0])
    assert not relation_links(board)
    before = sorted(map(repr, board.entities()))
    edit = derive_relations(board)
    assert edit.description.startswith("Derive ")
    undo = board.inverse(edit)
    board.apply(edit)
    assert _relations(board) == _relations(imported[0])
    # running it again adds nothing: the links are there, their citations too
    assert derive_relations(board).is_empty()
    board.apply(undo)
    assert sorted(map(repr, board.entities())) == before


def test_a_second_claim_backs_the_existing_link(imported):
    board = _without_relations(imported[0])
    berg, said = _actor(board, "Anna Berg"), _actor(board, "Omar Said")
    claims = [c.id for c in board.cards.values() if c.kind == "claim"
              and any(r.label == "met" for r in claim_relations(board, c.id))]
    assert len(claims) >= 2
    board.apply(derive_relations(board, claims[:1]))
    met = [lk for lk in relation_links(board) if lk.label == "met"]
    assert len(met) == 1
    edit = derive_relations(board, claims[1:])
    assert not any(isinstance(e, Link) for e in edit.puts)  # backs, does not duplicate
    assert any(isinstance(e, Citation) and e.link_id == met[0].id for e in edit.puts)
    assert {met[0].from_id, met[0].to_id} == {berg.id, said.id}


def test_a_typed_claim_without_citation_is_read_by_names():
    board = Board()
    a = Card.create("actor", "Anna Berg", actor_type="person")
    o = Card.create("actor", "Omar Said", actor_type="person")
    claim = Card.create("claim", "Anna Berg met Omar Said twice")
    board.apply(Edit("cards", (a, o, claim)))
    rels = claim_relations(board, claim.id)
    assert [(r.agent, r.label, r.target) for r in rels] == [(a.id, "met", o.id)]
    link = next(e for e in derive_relations(board).puts if isinstance(e, Link))
    assert (link.from_id, link.to_id, link.label) == (a.id, o.id, "met")


def test_a_broken_citation_states_nothing():
    board = Board()
    src = Source.create("Anna Berg met Omar Said.")
    a = Card.create("actor", "Anna Berg", actor_type="person")
    o = Card.create("actor", "Omar Said", actor_type="person")
    claim = Card.create("claim", "Anna Berg met Omar Said")
    broken = Citation(id="c1", source_id=src.id, quote="something else", start=0,
                      end=23, card_id=claim.id)
    board.apply(Edit("b", (src, a, o, claim, broken,
                           Citation.create(src, 0, 9, card_id=a.id),
                           Citation.create(src, 14, 23, card_id=o.id))))
    assert claim_relations(board, claim.id) == []


def _claim_board(text: str, title: str, speaker: str, stance: str,
                 actors: dict[str, tuple[str, str]]) -> tuple[Board, Card, dict[str, Card]]:
    """A board holding ``text`` as an article and one claim citing all of it: ``title``,
    stated (or denied) by ``speaker``; ``actors``: name -> (words naming it, type)."""
    src = Source.create(text)
    cards = {name: Card.create("actor", name, actor_type=kind)
             for name, (_, kind) in actors.items()}
    claim = Card.create("claim", title)
    puts: list = [src, claim, *cards.values(),
                  Citation.create(src, 0, len(text), card_id=claim.id)]
    for name, (words, _) in actors.items():
        at = text.index(words)
        puts.append(Citation.create(src, at, at + len(words), card_id=cards[name].id))
        puts.append(Link.create(cards[name].id, claim.id, kind=stance) if name == speaker
                    else Link.create(claim.id, cards[name].id, kind="about"))
    board = Board()
    board.apply(Edit("claim", tuple(puts)))
    return board, claim, cards


def _read_claim(board: Board, claim: Card) -> set[tuple[str, str, str]]:
    return {(board.cards[r.agent].title, r.label, board.cards[r.target].title)
            for r in claim_relations(board, claim.id)}


def test_a_claim_its_speaker_denies_states_no_relation_it_denies():
    board, claim, _ = _claim_board(
        "The Norland foreign office denied that Ivo Dorn met Omar Said.",
        "Ivo Dorn met Omar Said", "Norland", "denies",
        {"Norland": ("Norland", "country"), "Ivo Dorn": ("Ivo Dorn", "person"),
         "Omar Said": ("Omar Said", "person")})
    assert _read_claim(board, claim) == set()
    # stated, the same words are a meeting
    board, claim, _ = _claim_board(
        "The Norland foreign office said that Ivo Dorn met Omar Said.",
        "Ivo Dorn met Omar Said", "Norland", "states",
        {"Norland": ("Norland", "country"), "Ivo Dorn": ("Ivo Dorn", "person"),
         "Omar Said": ("Omar Said", "person")})
    assert _read_claim(board, claim) == {("Ivo Dorn", "met", "Omar Said")}


def test_the_role_the_sentence_gives_its_speaker_is_read_too():
    text = "Vestan president Omar Said said the harbour talks had failed."
    board, claim, _ = _claim_board(
        text, "the harbour talks had failed", "Omar Said", "states",
        {"Omar Said": ("Omar Said", "person"), "Vesta": ("Vestan", "country")})
    assert _read_claim(board, claim) == {("Omar Said", "president of", "Vesta")}
    rel = claim_relations(board, claim.id)[0]
    assert text[rel.cue[0]:rel.cue[1]] == "president"
    assert (rel.start, rel.end) == (0, len(text))  # it cites the claim's sentence


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "evidenceboard", *args],
                          capture_output=True, text=True, timeout=120)


def test_cli_relations_derives_into_the_board_file(imported, tmp_path: Path):
    path = tmp_path / "old.evboard"
    create_board_file(path, list(_without_relations(imported[0]).entities()))
    dry = _run("relations", str(path), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "Anna Berg — met — Omar Said" in dry.stdout or \
        "Omar Said — met — Anna Berg" in dry.stdout
    assert "would add" in dry.stdout
    doc = Document.open(path, read_only=True)
    try:
        assert not relation_links(doc.board)
    finally:
        doc.close()
    done = _run("relations", str(path))
    assert done.returncode == 0, done.stderr
    assert "added" in done.stdout
    doc = Document.open(path, read_only=True)
    try:
        assert _relations(doc.board) == _relations(imported[0])
    finally:
        doc.close()
    again = _run("relations", str(path))
    assert "added 0 relations" in again.stdout


def test_cli_relations_refuses_a_missing_board(tmp_path: Path):
    proc = _run("relations", str(tmp_path / "nope.evboard"))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
