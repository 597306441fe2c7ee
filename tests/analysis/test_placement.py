"""Imports land where they belong: no new card on top of an existing one, every new card
near a card it links to (an only-mentioned actor near the claim naming it), a story tied
to nothing beside the board."""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

import pytest

from evidenceboard.analysis.layout import CELL_W, overlaps
from evidenceboard.analysis.placement import naming_claims, place_new_cards
from evidenceboard.demo import demo_edit
from evidenceboard.importer.reading import read_article_file, read_article_text
from evidenceboard.importer.to_board import import_edit
from evidenceboard.model import Board, Card, Edit

#: "Within reach": the centre of a new card is at most this far from the centre of a card
#: it links to (about eight card widths; the demo board is ~20 wide).
REACH = 8 * CELL_W

CONNECTED = """Haftar courted in Cairo

Khalifa Haftar met Egyptian President Abdel Fattah al-Sisi in Cairo on Sunday, the \
presidency said in a statement.

"Egypt supports the Libyan National Army," Abdel Fattah al-Sisi told reporters.

The talks were also attended by Mossad envoy Daniel Roth, according to the Nile Courier.
"""

UNRELATED = """Trawler seized off Valdora

The fishing trawler Santa Lucia was seized by the Valdora coast guard on Friday, port \
officials said.

"We found nets that are banned in our waters," Captain Mirela Dragan of the Valdora \
Coast Guard told the Harbour Times.

The owner, Pescanova Holdings, denied any wrongdoing.

Fishermen in Portbello and Sardamar said the patrols had increased since March.
"""


def _article(text: str, title: str):
    return replace(read_article_text(text), title=title)


def _centre(c: Card) -> tuple[float, float]:
    return c.x + c.width / 2, c.y + c.height / 2


def _check_placement(before: Board, after: Board) -> list[Card]:
    new = [c for c in after.cards.values() if c.id not in before.cards]
    assert new
    # cards already there did not move
    for c in before.cards.values():
        assert (after.cards[c.id].x, after.cards[c.id].y) == (c.x, c.y)
    # no card overlaps another (new on old, new on new)
    assert overlaps(after.cards.values()) == []
    namer = naming_claims(after.cards, after.citations.values())
    for c in new:
        near = [after.cards[lk.to_id if lk.from_id == c.id else lk.from_id]
                for lk in after.links_of(c.id)]
        if not near and c.id in namer:
            near = [after.cards[namer[c.id]]]
        assert near, f"{c.title!r} links to nothing and no claim names it"
        d = min(math.dist(_centre(c), _centre(n)) for n in near)
        assert d <= REACH, f"{c.title!r} is {d:.0f} away from every card it links to"
    return new


@pytest.fixture(scope="module")
def demo() -> Board:
    board = Board()
    board.apply(demo_edit())
    return board


def _import(board: Board, *articles) -> Board:
    after = Board.from_entities(list(board.entities()))
    after.apply(import_edit(after, list(articles)))
    return after


def test_a_connected_story_lands_next_to_the_cards_it_shares(demo):
    after = _import(demo, _article(CONNECTED, "Cairo"))
    new = _check_placement(demo, after)
    old = list(demo.cards.values())
    x0, x1 = min(c.x for c in old), max(c.x + c.width for c in old)
    y0, y1 = min(c.y for c in old), max(c.y + c.height for c in old)

    def to_edge(c: Card) -> float:  # how deep inside the board a card sits
        cx, cy = _centre(c)
        return min(cx - x0, x1 - cx, cy - y0, y1 - cy)

    ids = {c.id for c in new}
    tied = 0
    for c in new:
        anchors = [after.cards[i] for lk in after.links_of(c.id)
                   for i in (lk.from_id, lk.to_id) if i not in ids]
        if anchors:
            tied += 1
            # in the free space nearest the shared cards: no farther than from a shared
            # card out of the board, and a little more
            assert min(math.dist(_centre(c), _centre(a)) - to_edge(a) for a in anchors) \
                <= REACH / 2, c.title
    assert tied


def test_a_story_tied_to_nothing_goes_beside_the_board(demo):
    after = _import(demo, _article(UNRELATED, "Trawler"))
    new = _check_placement(demo, after)
    old = list(demo.cards.values())
    x0, x1 = min(c.x for c in old), max(c.x + c.width for c in old)
    y0, y1 = min(c.y for c in old), max(c.y + c.height for c in old)
    for c in new:  # wholly outside the board's extent
        assert c.x >= x1 or c.x + c.width <= x0 or c.y >= y1 or c.y + c.height <= y0, \
            c.title


def test_an_only_mentioned_actor_lands_next_to_the_claim_naming_it():
    board = Board()
    anchor = Card.create("actor", "Someone", actor_type="person", x=0, y=0)
    board.apply(Edit("a", (anchor,)))
    after = _import(board, _article(UNRELATED, "Trawler"))
    namer = naming_claims(after.cards, after.citations.values())
    loose = [c for c in after.cards.values() if c.kind == "actor"
             and not after.links_of(c.id) and c.id in namer]
    assert loose, "the article should have an actor only mentioned"
    for c in loose:
        d = math.dist(_centre(c), _centre(after.cards[namer[c.id]]))
        assert d <= 3 * CELL_W, (c.title, d)


def test_placing_nothing_and_placing_on_an_empty_board():
    assert place_new_cards(Board(), [], [], new_ids=set()) == {}
    after = _import(Board(), _article(UNRELATED, "Trawler"))
    assert overlaps(after.cards.values()) == []


def _shared_articles() -> Path | None:
    repo = Path(__file__).resolve().parents[2]
    for base in (repo.parent, repo.parent.parent):  # beside the clone, or a worktree's
        if (base / "shared" / "articles").is_dir():
            return base / "shared" / "articles"
    return None


@pytest.mark.skipif(_shared_articles() is None, reason="the shared real articles are "
                                                        "not on this machine")
def test_real_articles_imported_into_the_demo_land_in_free_space(demo):
    folder = _shared_articles()
    assert folder is not None
    files = sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".html", ".md")
                   and p.name != "SOURCES.md")
    after = _import(demo, *[read_article_file(p) for p in files])
    _check_placement(demo, after)
