"""``evidenceboard layout``: the Arrange menu's layouts, headless, as one edit.

The positions come from :func:`evidenceboard.analysis.arrange.arrange`, as in the
window (the cards' drawn sizes by the board's Size By mode, pinned cards kept); the edit
is written to the board file in one transaction.
"""

from __future__ import annotations

import argparse

from ..analysis.arrange import (
    GROUP_BY,
    METHODS,
    arrange,
    card_boxes,
    links_under_cards,
    overlapping_pairs,
)
from ..model import Board, edits


def add_parser(sub: argparse._SubParsersAction) -> None:
    lay = sub.add_parser("layout", help="arrange the cards of a board (one undo step in "
                                        "the file's history, pinned cards stay)")
    lay.add_argument("board")
    lay.add_argument("--method", required=True, choices=METHODS)
    lay.add_argument("--by", choices=GROUP_BY, default="type",
                     help="groups: by actor type, source article or cluster (default: type)")
    lay.add_argument("--center", default=None, metavar="NAME",
                     help="radial: the card in the middle (its title, an alias or its id)")
    lay.add_argument("--selection", default=None, metavar="IDS",
                     help="comma-separated card ids: arrange only these (the others stay "
                          "and are not covered)")


def find_card(board: Board, name: str) -> str:
    """The id of the card called ``name`` (title or alias, any case) or with that id."""
    if name in board.cards:
        return name
    want = name.casefold().strip()
    hits = sorted(c.id for c in board.cards.values()
                  if c.title.casefold().strip() == want
                  or any(a.casefold().strip() == want for a in c.aliases))
    if not hits:
        raise ValueError(f"no card is called {name!r}")
    if len(hits) > 1:
        actors = [i for i in hits if board.cards[i].kind == "actor"]
        if len(actors) == 1:
            return actors[0]
        raise ValueError(f"{len(hits)} cards are called {name!r}: give the id of one "
                         f"({', '.join(hits[:5])})")
    return hits[0]


def layout_edit(board: Board, args: argparse.Namespace) -> tuple[edits.Edit, str]:
    """The edit and the one-line summary; ValueError with a clear message if the
    arguments do not fit the board."""
    from ..render.importance import DisplaySizes, size_by_of

    scope = None
    if args.selection is not None:
        scope = [i.strip() for i in args.selection.split(",") if i.strip()]
        missing = [i for i in scope if i not in board.cards]
        if missing:
            raise ValueError(f"no card has the id {missing[0]!r}"
                             + (f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""))
        if not scope:
            raise ValueError("--selection names no card")
    if args.center is not None and args.method != "radial":
        raise ValueError("--center is for --method radial")
    center = find_card(board, args.center) if args.center is not None else None
    if args.method == "radial" and center is None:
        if scope:
            center = max(scope, key=lambda i: (board.link_count(i), i))
        else:
            raise ValueError("--method radial needs --center NAME (the card in the middle)")
    display = DisplaySizes(board, size_by_of(board))

    def size(i: str) -> tuple[float, float]:
        c, s = board.cards[i], display.scale(i)
        return (c.width * s, c.height * s)

    pinned = edits.pinned_ids(board)
    obstacles = [i for i in board.cards if i not in set(scope)] if scope else []
    links = [(lk.from_id, lk.to_id) for lk in board.links.values()]
    before = links_under_cards(card_boxes(board, board.cards, size), links)
    positions = arrange(board, args.method, ids=scope, pinned=pinned, obstacles=obstacles,
                        sizes=size, by=args.by, center=center)
    edit = edits.move_cards(board, positions)
    what = args.method if args.method != "groups" else f"groups by {args.by}"
    edit = edits.Edit(f"Layout: {what}", edit.puts, edit.deletes)
    after_board = Board.from_entities([*board.cards.values(), *edit.puts])
    boxes = card_boxes(after_board, after_board.cards, size)
    after = links_under_cards(boxes, links)
    n_scope = len(scope) if scope else len(board.cards)
    kept = len(pinned & set(scope if scope else board.cards))
    summary = (f"{what} layout: moved {len(positions)} of {n_scope} cards"
               f"{f' ({kept} pinned stayed)' if kept else ''}, "
               f"{len(overlapping_pairs(boxes))} overlaps, links under cards "
               f"{before} -> {after}")
    return edit, summary
