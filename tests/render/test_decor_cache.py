"""The decoration cache: corroboration reads the board's outlets once, and forgets them
when an organisation card changes."""

from __future__ import annotations

from evidenceboard.model import Board, Card, Citation, Edit, Source
from evidenceboard.render.decor import DecorCache

TEXT = "RT Arabic added that the plane left Ben Gurion Airport after two hours."


def _board() -> tuple[Board, Card]:
    src = Source.create(TEXT, title="Plane spotted", outlet="Example Post")
    claim = Card.create("claim", "the plane left", x=0, y=0)
    start = TEXT.index("the plane")
    board = Board()
    board.apply(Edit("Seed", (src, claim, Citation.create(src, start, len(TEXT) - 1,
                                                          card_id=claim.id))))
    return board, claim


def test_a_new_outlet_card_changes_the_origin_shown():
    board, claim = _board()
    decor = DecorCache(board)
    assert decor.backing(claim.id).origin_names == ("Example Post",)
    rt = Card.create("actor", "RT Arabic", actor_type="organisation", x=300, y=0)
    event = board.apply(Edit("Add RT", (rt,)))
    decor.invalidate(event)
    assert decor.backing(claim.id).origin_names == ("RT Arabic",)
    assert decor.outlets() == frozenset({"rt arabic"})


def test_other_edits_keep_the_outlets():
    board, claim = _board()
    decor = DecorCache(board)
    decor.backing(claim.id)
    cached = decor.outlets()
    note = Card.create("note", "check", x=0, y=300)
    decor.invalidate(board.apply(Edit("Add note", (note,))))
    assert decor.outlets() is cached
