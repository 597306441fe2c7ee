"""The import edit: exact citations, merging with the board, claims reported by several
articles, proposed denials, cancellation."""

from __future__ import annotations

import pytest
import scoring

from evidenceboard.analysis.contradictions import contradiction_links
from evidenceboard.demo import seed_articles
from evidenceboard.importer.proposals import ClaimRecord, same_statement
from evidenceboard.importer.reading import read_article_text
from evidenceboard.importer.to_board import (
    PROPOSED_DENIAL_LABEL,
    ImportCancelled,
    import_edit,
    summary_of,
)
from evidenceboard.model import Board


@pytest.fixture(scope="module")
def demo() -> Board:
    return scoring.seed_board()[0]


def _claim_citing(board: Board, fragment: str):
    for c in board.citations.values():
        card = board.cards.get(c.card_id) if c.card_id else None
        if card is not None and card.kind == "claim" and fragment in c.quote:
            return card
    raise AssertionError(f"no claim cites {fragment!r}")


def test_every_citation_of_every_card_and_link_is_exact(demo):
    assert demo.citations
    owners = set()
    for c in demo.citations.values():
        src = demo.sources[c.source_id]
        assert src.text[c.start:c.end] == c.quote, c
        assert c.quote.strip()
        owners.add(c.owner_id)
    for card in demo.cards.values():
        assert card.id in owners, f"{card.kind} {card.title!r} cites nothing"
    for link in demo.links.values():
        assert link.id in owners, f"link {link.kind} cites nothing"


def test_importing_the_same_articles_again_adds_nothing(demo):
    again = import_edit(demo, seed_articles())
    assert again.is_empty()
    pasted = import_edit(demo, [read_article_text(seed_articles()[2].text)])
    assert pasted.is_empty()


def test_importing_into_an_existing_board_merges_actors():
    articles = seed_articles()
    board = Board()
    board.apply(import_edit(board, articles[:1]))
    first = {c.title: c.id for c in board.cards.values() if c.kind == "actor"}
    board.apply(import_edit(board, articles[1:]))
    actors = [c for c in board.cards.values() if c.kind == "actor"]
    titles = [c.title for c in actors]
    assert titles.count("Khalifa Haftar") == 1
    assert titles.count("Israel") == 1
    # the cards of the first import were kept (same ids) and gained citations
    haftar = board.cards[first["Khalifa Haftar"]]
    assert len({c.source_id for c in board.citations_of(haftar.id)}) == 5
    one_shot = Board()
    one_shot.apply(import_edit(one_shot, articles))
    assert sorted(titles) == sorted(c.title for c in one_shot.cards.values()
                                    if c.kind == "actor")


def test_a_claim_reported_by_two_articles_is_one_card_citing_both(demo):
    card = _claim_citing(demo, "Haftar carried a message from his father asking")
    sources = {demo.sources[c.source_id].title for c in demo.citations_of(card.id)}
    assert len(sources) == 2
    assert card.speaker == "Haaretz"
    card = _claim_citing(demo, "We have never been and will never be enemies")
    assert len({c.source_id for c in demo.citations_of(card.id)}) == 2
    # its speaker link cites both sentences too
    states = [lk for lk in demo.links_of(card.id) if lk.kind == "states"]
    assert len(states) == 1
    assert len({c.source_id for c in demo.citations_of(states[0].id)}) == 2


def test_claim_merging_is_conservative():
    def rec(card, src, speaker, text, stance="asserts"):
        from evidenceboard.importer.proposals import words
        return ClaimRecord(card, {src}, speaker, stance, words(text))

    a = rec("1", "s1", "p", "The crew could not produce a single valid document")
    assert same_statement(a, rec("2", "s2", "p", "the crew could not produce a single valid "
                                                 "document for the cargo"))
    assert not same_statement(a, rec("2", "s2", "q", "The crew could not produce a single "
                                                     "valid document"))  # other speaker
    assert not same_statement(a, rec("2", "s1", "p", "The crew could not produce a single "
                                                     "valid document"))  # same article
    assert not same_statement(rec("1", "s1", None, "the ship left port at dawn today"),
                              rec("2", "s2", None, "the ship left port at dawn today"))
    assert not same_statement(a, rec("2", "s2", "p", "The crew produced a valid document",
                                     "denies"))
    assert not same_statement(rec("1", "s1", "p", "We are not enemies"),
                              rec("2", "s2", "p", "We are not enemies"))  # too short


def test_the_three_contradictions_of_the_demo(demo):
    links = contradiction_links(demo)

    def between(a: str, b: str):
        ca, cb = _claim_citing(demo, a), _claim_citing(demo, b)
        return [lk for lk in links if {lk.from_id, lk.to_id} == {ca.id, cb.id}]

    # who was on the plane: aides (000) / Khalifa Haftar (001) / Saddam Haftar (002)
    plane_001 = "A plane carrying renegade Libyan commander Khalifa Haftar reportedly landed"
    aides = between(plane_001, "Khalifa Haftar's aides arrived in Israel yesterday")
    saddam = between(plane_001, "Saddam Haftar landed at Israel’s Ben Gurion Airport")
    assert aides and saddam
    assert all("analyst" in lk.label for lk in aides + saddam)
    # the Dbeibah-Barnea meeting and its denial: found by the importer's rules
    meeting = between("Dbeibeh denied having recently met Barnea",
                      "Abdulhamid Dbeibah, interim prime minister")
    assert meeting and meeting[0].label == PROPOSED_DENIAL_LABEL
    assert demo.cards[meeting[0].from_id].stance == "denies"
    # the accusation that Iran armed Haftar, and Iran's denial: rules too
    iran = between("Iran, for its part, denies these allegations",
                   "who accused Tehran of supplying advanced weapons")
    assert iran and iran[0].label == PROPOSED_DENIAL_LABEL
    # each contradiction cites the words of both claims
    for lk in aides + saddam + meeting + iran:
        quotes = [c.quote for c in demo.citations_of(lk.id)]
        assert len(quotes) == 2


def test_denials_in_the_other_affair():
    board, _ = scoring.other_affair_board()
    pairs = {(board.cards[lk.from_id].title, board.cards[lk.to_id].title)
             for lk in contradiction_links(board)}
    gold = scoring.load_gold("gold_other_affair.json")["contradictions"]
    for entry in gold:
        d, t = entry["denial"][1], entry["target"][1]
        assert any(d in a and t in b for a, b in pairs) or any(
            d in _full(board, a) and t in _full(board, b) for a, b in pairs), (d, t)


def _full(board: Board, title: str) -> str:
    card = next(c for c in board.cards.values() if c.title == title)
    return " ".join(c.quote for c in board.citations_of(card.id))


def test_cancelling_raises_before_anything_is_returned():
    calls = []

    def progress(done, total, what):
        calls.append((done, total))

    with pytest.raises(ImportCancelled):
        import_edit(Board(), seed_articles(), progress=progress,
                    is_cancelled=lambda: len(calls) >= 2)
    board = Board()
    edit = import_edit(board, seed_articles()[:2], progress=progress)
    assert calls[-1] == (2, 2)
    assert "imported 2 sources" in summary_of(board, edit)
