"""Admiralty grades of items and the contradiction query, on real model boards."""

import pytest

from evidenceboard.analysis.contradictions import contradicting, contradiction_links
from evidenceboard.analysis.grading import Grade, below, item_grade, parse_grade
from evidenceboard.model import Board, Card, Citation, Edit, Link, Source


def _board():
    board = Board()
    a = Source.create("Alpha said the ship left on Monday. Beta denied it.", reliability="B")
    b = Source.create("Gamma said the ship never left.")
    claim1 = Card.create("claim", "the ship left on Monday")
    claim2 = Card.create("claim", "the ship never left")
    actor = Card.create("actor", "Alpha", actor_type="person")
    said = Link.create(actor.id, claim1.id, kind="states")
    contra = Link.create(claim2.id, claim1.id, kind="contradicts")
    c1 = Citation.create(a, 0, 35, card_id=claim1.id, credibility=3)
    c2 = Citation.create(b, 0, 30, card_id=claim1.id, credibility=2)
    c3 = Citation.create(b, 0, 30, card_id=claim2.id)
    board.apply(Edit("seed", (a, b, claim1, claim2, actor, said, contra, c1, c2, c3)))
    return board, claim1, claim2, actor, contra


def test_best_citation_gives_the_grade():
    board, claim1, claim2, actor, _ = _board()
    # B3 (graded source, credibility 3) beats ?2 (ungraded source ranks as F).
    assert item_grade(board, claim1.id) == Grade("B", 3)
    assert item_grade(board, claim1.id).label == "B3"
    assert item_grade(board, claim2.id) is None  # nothing graded
    assert item_grade(board, actor.id) is None  # no citation


def test_below_threshold_and_unjudged():
    assert not below(Grade("B", 2), parse_grade("C3"))
    assert below(Grade("D", 2), parse_grade("C3"))
    assert below(Grade("A", 4), parse_grade("C3"))
    assert below(None, parse_grade("C3"))
    assert not below(None, parse_grade("F6"))
    assert Grade("B", None).label == "B?"


@pytest.mark.parametrize("bad", ["", "G1", "A7", "A", "b22", "1A"])
def test_parse_grade_refuses(bad):
    with pytest.raises(ValueError):
        parse_grade(bad)


def test_contradictions_are_between_claims_only():
    board, claim1, claim2, actor, contra = _board()
    assert contradicting(board, claim1.id) == [claim2.id]
    assert contradicting(board, claim2.id) == [claim1.id]
    assert contradicting(board, actor.id) == []  # a "states" link is no contradiction
    assert contradiction_links(board) == [contra]
