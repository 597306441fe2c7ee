"""An import as groups: each article's new cards together in a frame of their own, the
frames of different groups never overlapping nor covering a card that is not theirs;
cards already on the board stay put and out of the new groups."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from evidenceboard.analysis.layout import CELL_W, overlaps
from evidenceboard.importer.files import import_files_edit
from evidenceboard.model import Board, Card
from evidenceboard.model.group_edits import frame_rect

REPO = Path(__file__).resolve().parents[2]
SEEDS = sorted((REPO / "seeds").glob("*.txt"))
#: "Within reach" of a linked card of the same group (as in test_placement).
REACH = 8 * CELL_W


def _shared_articles() -> list[Path]:
    for base in (REPO.parent, REPO.parent.parent):  # beside the clone, or a worktree's
        folder = base / "shared" / "articles"
        if folder.is_dir():
            return sorted(p for p in folder.iterdir()
                          if p.suffix in (".txt", ".html", ".md") and p.name != "SOURCES.md")
    return []


SHARED = _shared_articles()
needs_shared = pytest.mark.skipif(len(SHARED) < 6, reason="the shared real articles are "
                                                          "not on this machine")


def _import(board: Board, files: list[Path], group: bool = True) -> Board:
    after = Board.from_entities(list(board.entities()))
    edit, _summary = import_files_edit(after, files, group=group)
    after.apply(edit)
    return after


def _meets(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def _centre(c: Card) -> tuple[float, float]:
    return c.x + c.width / 2, c.y + c.height / 2


def _check_frames(board: Board) -> None:
    """Frames pairwise disjoint; no card inside (touching) a frame not its own."""
    rects = {g: frame_rect(board, g) for g in board.groups}
    assert all(r is not None for r in rects.values())
    ids = sorted(rects)
    for n, a in enumerate(ids):
        for b in ids[n + 1:]:
            assert not _meets(rects[a], rects[b]), (board.groups[a].title,  # type: ignore[arg-type]
                                                    board.groups[b].title)
    for g, r in rects.items():
        for c in board.cards.values():
            if c.group_id != g:
                assert not _meets(r, (c.x, c.y, c.width, c.height)), \
                    f"{c.title!r} lies in the frame of {board.groups[g].title!r}"  # type: ignore[arg-type]


def _check_reach(before: Board, after: Board) -> int:
    """Every new card with a link to a card of its own group is within reach of one;
    returns how many were checked."""
    checked = 0
    for c in after.cards.values():
        if c.id in before.cards or c.group_id is None:
            continue
        mates = [after.cards[o] for lk in after.links_of(c.id)
                 for o in (lk.from_id, lk.to_id)
                 if o != c.id and after.cards[o].group_id == c.group_id]
        if not mates:
            continue
        checked += 1
        d = min(math.dist(_centre(c), _centre(m)) for m in mates)
        assert d <= REACH, f"{c.title!r} is {d:.0f} from every card of its group it links to"
    return checked


def test_seed_articles_imported_as_groups_get_disjoint_frames():
    assert len(SEEDS) >= 3
    after = _import(Board(), SEEDS)
    assert len(after.groups) == len(SEEDS)  # one group per article
    assert all(c.group_id is not None for c in after.cards.values())
    assert overlaps(after.cards.values()) == []
    _check_frames(after)
    # the seeds share actors (Haftar above all): the frames would meet if one actor
    # pulled the others' cards to it
    assert _check_reach(Board(), after) > len(after.cards) // 2


def test_groups_imported_into_a_board_with_groups_and_loose_cards():
    """Two seeds as groups, one seed without, then the rest as groups: old cards do not
    move, keep their groups (or none), the new frames meet nothing."""
    first = _import(Board(), SEEDS[:2])
    loose = _import(first, SEEDS[2:3], group=False)
    assert len(loose.groups) == 2
    _check_frames(loose)  # an ordinary import keeps out of the frames too
    after = _import(loose, SEEDS[3:])
    assert len(after.groups) == len(SEEDS) - 1  # the third seed came in without one
    for c in loose.cards.values():
        now = after.cards[c.id]
        assert (now.x, now.y, now.group_id) == (c.x, c.y, c.group_id), c.title
    assert overlaps(after.cards.values()) == []
    _check_frames(after)
    # the new groups link to actors that were already there (long links are fine)
    new_groups = set(after.groups) - set(loose.groups)
    assert any(lk.from_id in loose.cards or lk.to_id in loose.cards
               for lk in after.links.values()
               if after.cards[lk.from_id].group_id in new_groups
               or after.cards[lk.to_id].group_id in new_groups)
    assert _check_reach(loose, after) > 0


@needs_shared
def test_real_articles_imported_as_groups_get_disjoint_frames():
    first = _import(Board(), SHARED[:3])
    _check_frames(first)
    assert len(first.groups) == 3
    assert _check_reach(Board(), first) > 0
    after = _import(first, SHARED[3:])
    for c in first.cards.values():
        assert (after.cards[c.id].x, after.cards[c.id].y) == (c.x, c.y)
        assert after.cards[c.id].group_id == c.group_id
    assert overlaps(after.cards.values()) == []
    _check_frames(after)
    assert _check_reach(first, after) > 0
