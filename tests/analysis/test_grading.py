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


def test_an_item_graded_on_one_scale_is_judged_on_that_scale():
    b2 = parse_grade("B2")
    assert not below(Grade("B", None), b2)  # the source graded B, citations not yet
    assert below(Grade("C", None), b2)
    assert not below(Grade(None, 2), b2)
    assert below(Grade(None, 3), b2)
    assert below(Grade(None, None), b2)  # nothing graded: faded


def test_fade_summary_says_what_is_faded_and_why():
    from evidenceboard.analysis.grading import fade_summary, faded_ids
    board, *_ = _board()
    t = parse_grade("A1")
    s = fade_summary(board, t, faded_ids(board, t))
    assert (s.cards, s.links, s.faded_cards, s.faded_links) == (3, 2, 3, 2)
    assert s.ungraded == 4  # claim1 is graded (B3), below A1
    text = s.text()
    assert text.startswith("Fade below A1: all 3 cards and 2 links are faded")
    assert "4 of them are not graded" in text and "1 is graded below A1" in text
    none = fade_summary(board, parse_grade("F6"), set())
    assert none.text() == "Fade below F6: nothing on the board is graded below F6."
