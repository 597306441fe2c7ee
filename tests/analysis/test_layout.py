"""The import layout: no overlaps, claims beside their speakers, the busiest actor in the
middle, cards already placed left alone, the same picture for the same import."""

from __future__ import annotations

import math
import statistics
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "importer"))

import scoring

from evidenceboard.analysis.layout import overlaps
from evidenceboard.demo import seed_articles
from evidenceboard.importer.to_board import import_edit
from evidenceboard.model import Board, Card


def _centre(c: Card) -> tuple[float, float]:
    return (c.x + c.width / 2, c.y + c.height / 2)


@pytest.fixture(scope="module")
def demo() -> Board:
    return scoring.seed_board()[0]


def test_no_two_cards_overlap(demo):
    assert overlaps(demo.cards.values()) == []


def test_claims_sit_next_to_their_speakers(demo):
    cards = list(demo.cards.values())
    pairs = [math.dist(_centre(a), _centre(b)) for n, a in enumerate(cards)
             for b in cards[n + 1:]]
    speaker = [math.dist(_centre(demo.cards[lk.from_id]), _centre(demo.cards[lk.to_id]))
               for lk in demo.links.values() if lk.kind in ("states", "denies")
               and demo.cards[lk.from_id].kind == "actor"]
    about = [math.dist(_centre(demo.cards[lk.from_id]), _centre(demo.cards[lk.to_id]))
             for lk in demo.links.values() if lk.kind == "about"]
    typical = statistics.median(pairs)
    assert statistics.median(speaker) < 0.3 * typical
    assert max(speaker) < typical
    assert statistics.median(about) < 0.5 * typical


def test_the_busiest_actor_is_in_the_middle(demo):
    linked = [c for c in demo.cards.values() if demo.links_of(c.id)]
    cx = statistics.mean(_centre(c)[0] for c in linked)
    cy = statistics.mean(_centre(c)[1] for c in linked)
    busiest = max((c for c in linked if c.kind == "actor"),
                  key=lambda c: len(demo.links_of(c.id)))
    assert busiest.title == "Khalifa Haftar"
    dists = sorted(math.dist(_centre(c), (cx, cy)) for c in linked)
    mine = math.dist(_centre(busiest), (cx, cy))
    assert dists.index(mine) < 5


def test_cards_already_placed_stay_and_new_ones_do_not_cover_them():
    articles = seed_articles()
    board = Board()
    board.apply(import_edit(board, articles[:2]))
    placed = {c.id: (c.x, c.y) for c in board.cards.values()}
    board.apply(import_edit(board, articles[2:]))
    for cid, xy in placed.items():
        assert (board.cards[cid].x, board.cards[cid].y) == xy
    assert overlaps(board.cards.values()) == []


def test_the_same_import_gives_the_same_picture():
    def picture() -> list[tuple]:
        board = Board()
        board.apply(import_edit(board, seed_articles()))
        return sorted((c.kind, c.title, c.body, c.x, c.y) for c in board.cards.values())

    assert picture() == picture()
