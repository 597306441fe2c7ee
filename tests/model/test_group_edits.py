"""Groups as edits (model/group_edits.py): each builder is one edit that undo takes back
exactly and redo repeats exactly; the board's rules about groups.  No Qt."""

from __future__ import annotations

from dataclasses import replace

import pytest

from evidenceboard.model import Board, BoardError, Card, Edit, Group, Link
from evidenceboard.model import group_edits as ge


def snapshot(board: Board) -> dict[str, dict[str, object]]:
    return {k: dict(getattr(board, k)) for k in ("cards", "links", "groups", "citations")}


def board_of() -> tuple[Board, list[Card]]:
    cards = [Card.create("actor", "Haftar", x=0, y=0, actor_type="person"),
             Card.create("actor", "Saddam", x=300, y=0, actor_type="person"),
             Card.create("claim", "He flew to Israel", x=0, y=200),
             Card.create("note", "Check logs", x=900, y=900)]
    link = Link.create(cards[0].id, cards[3].id, unsourced=True)
    return Board.from_entities([*cards, link]), cards


def undo_redo(board: Board, edit: Edit) -> None:
    """Apply ``edit``; undo must restore the board exactly, redo must give the same
    board as the first application."""
    before = snapshot(board)
    inverse = board.inverse(edit)
    board.apply(edit)
    after = snapshot(board)
    board.apply(inverse)
    assert snapshot(board) == before
    board.apply(edit)
    assert snapshot(board) == after


def test_group_selection_makes_one_titled_group_of_the_cards_and_undo_takes_it_back():
    board, cards = board_of()
    edit = ge.group_cards(board, [cards[0].id, cards[2].id], title="  Haftar\n family ")
    assert edit.description == "Group 2 cards"
    undo_redo(board, edit)
    (group,) = board.groups.values()
    assert group.title == "Haftar family" and not group.collapsed
    assert {c.id for c in board.members_of(group.id)} == {cards[0].id, cards[2].id}
    assert board.cards[cards[1].id].group_id is None


def test_ungroup_keeps_the_cards_where_they_are():
    board, cards = board_of()
    board.apply(ge.group_cards(board, [c.id for c in cards[:3]]))
    gid = next(iter(board.groups))
    positions = {c.id: (c.x, c.y) for c in board.cards.values()}
    edit = ge.ungroup(board, [gid])
    undo_redo(board, edit)
    assert not board.groups
    assert all(c.group_id is None for c in board.cards.values())
    assert {c.id: (c.x, c.y) for c in board.cards.values()} == positions


def test_rename_recolour_collapse_and_expand_are_one_step_each():
    board, cards = board_of()
    board.apply(ge.group_cards(board, [cards[0].id, cards[1].id]))
    gid = next(iter(board.groups))
    undo_redo(board, ge.edit_group(board, gid, title="Family"))
    assert board.groups[gid].title == "Family"
    undo_redo(board, ge.edit_group(board, gid, color="#4f7cac"))
    assert board.groups[gid].color == "#4f7cac"
    edit = ge.toggle_collapsed(board, gid)
    assert edit.description == "Collapse group"
    undo_redo(board, edit)
    assert board.groups[gid].collapsed
    # the hidden cards keep their places: expanding shows them exactly there again
    assert [(c.x, c.y) for c in board.members_of(gid)] == \
        [(c.x, c.y) for c in sorted(cards[:2], key=lambda c: c.id)]
    edit = ge.toggle_collapsed(board, gid)
    assert edit.description == "Expand group"
    undo_redo(board, edit)
    assert not board.groups[gid].collapsed
    assert ge.edit_group(board, gid, title="Family").is_empty()


def test_adding_and_removing_cards_and_an_emptied_group_goes_with_its_last_card():
    board, cards = board_of()
    board.apply(ge.group_cards(board, [cards[0].id]))
    first = next(iter(board.groups))
    undo_redo(board, ge.add_to_group(board, first, [cards[1].id, cards[2].id]))
    assert len(board.members_of(first)) == 3
    undo_redo(board, ge.remove_from_group(board, [cards[2].id]))
    assert board.cards[cards[2].id].group_id is None
    # a new group taking every card of the first: the first goes in the same edit
    edit = ge.group_cards(board, [cards[0].id, cards[1].id], title="New")
    assert ("group", first) in edit.deletes
    undo_redo(board, edit)
    assert first not in board.groups and len(board.groups) == 1


def test_the_frame_fits_its_cards_and_collapsed_is_one_card_at_its_corner():
    board, cards = board_of()
    board.apply(ge.group_cards(board, [cards[0].id, cards[1].id]))
    gid = next(iter(board.groups))
    x, y, w, _h = ge.frame_rect(board, gid)
    assert x == -ge.FRAME_PADDING and y == -ge.FRAME_PADDING - ge.HEADER_HEIGHT
    assert x + w == 500 + ge.FRAME_PADDING  # Saddam's card ends at 300 + 200
    board.apply(ge.set_collapsed(board, [gid], True))
    assert ge.frame_rect(board, gid) == (x, y, *ge.COLLAPSED_SIZE)
    assert ge.group_counts(board.members_of(gid)) == "2 cards · 2 actors"
    assert ge.group_counts([*cards, cards[2]]) == "5 cards · 2 actors · 2 claims · 1 note"


def test_a_card_dropped_into_a_frame_joins_it_and_out_of_every_frame_leaves_it():
    board, cards = board_of()
    board.apply(ge.group_cards(board, [cards[0].id, cards[1].id]))
    gid = next(iter(board.groups))
    note = cards[3]
    edit = ge.regroup_dropped(board, [note.id], {note.id: (100.0, 30.0)})
    undo_redo(board, edit)
    assert board.cards[note.id].group_id == gid
    edit = ge.regroup_dropped(board, [note.id], {note.id: (2000.0, 2000.0)})
    undo_redo(board, edit)
    assert board.cards[note.id].group_id is None
    # the whole group dragged away together stays a group
    members = [c.id for c in board.members_of(gid)]
    assert ge.regroup_dropped(board, members, dict.fromkeys(members, (5000.0, 5000.0))).is_empty()


def test_the_board_refuses_a_card_in_a_missing_group_and_a_group_deleted_under_its_cards():
    board, cards = board_of()
    with pytest.raises(BoardError, match="missing group"):
        board.apply(Edit("x", (replace(cards[0], group_id="nowhere"),)))
    board.apply(ge.group_cards(board, [cards[0].id]))
    gid = next(iter(board.groups))
    with pytest.raises(BoardError, match="deleting a group must take its cards out"):
        board.apply(Edit("x", (), (("group", gid),)))
    assert gid in board.groups and board.cards[cards[0].id].group_id == gid
    # deleting a grouped card is fine (the group stays, here without cards)
    from evidenceboard.model import edits
    board.apply(edits.delete_items(board, [cards[0].id]))
    assert gid in board.groups and not board.members_of(gid)
    assert ge.frame_rect(board, gid) is None


def test_a_group_of_a_loaded_board_knows_its_cards():
    g = Group.create("Loaded")
    a = Card.create("actor", "A", group_id=g.id)
    board = Board.from_entities([g, a, Card.create("note", "B")])
    assert [c.id for c in board.members_of(g.id)] == [a.id]


def test_pasted_copies_of_grouped_cards_are_in_no_group_even_on_another_board():
    from evidenceboard.model import edits

    board, cards = board_of()
    board.apply(ge.group_cards(board, [cards[0].id]))
    other = Board()
    edit = edits.paste_content(other, [board.cards[cards[0].id]], [], [], [], (40, 40))
    other.apply(edit)
    (copy,) = other.cards.values()
    assert copy.group_id is None


def test_an_import_arrives_as_one_group_per_article_titled_with_it():
    from evidenceboard.importer.reading import read_article_text
    from evidenceboard.importer.to_board import import_edit

    board = Board()
    raw = read_article_text("Haaretz reported that Khalifa Haftar flew to Israel. "
                            "Israeli officials denied that any meeting took place.")
    edit = ge.grouped_by_source(board, import_edit(board, [raw]))
    board.apply(edit)
    (source,) = board.sources.values()
    (group,) = board.groups.values()
    assert group.title == source.shown_title
    cited = {c.card_id for c in board.citations.values() if c.card_id}
    assert cited and {c.id for c in board.members_of(group.id)} == cited


def test_delete_groups_keeps_the_other_cards_and_deletes_the_selected_ones():
    board = Board()
    a = Card.create("actor", "A", x=0, y=0)
    b = Card.create("actor", "B", x=300, y=0)
    c = Card.create("actor", "C", x=600, y=0)
    lk = Link.create(a.id, b.id)
    board.apply(Edit("seed", (a, b, c, lk)))
    board.apply(ge.group_cards(board, [a.id, b.id], title="G1"))
    board.apply(ge.group_cards(board, [c.id], title="G2"))
    g1 = board.cards[a.id].group_id
    g2 = board.cards[c.id].group_id
    assert g1 and g2 and g1 != g2
    only = ge.delete_groups(board, [g1])
    assert only.description == "Delete group"
    assert set(only.deletes) == {("group", g1)}
    assert {p.id: p.group_id for p in only.puts} == {a.id: None, b.id: None}
    both = ge.delete_groups(board, [g1], [a.id, c.id])
    assert both.description == "Delete 2 cards and group"
    # a's link goes with it; c's group, emptied, goes; b stays, ungrouped
    assert {("card", a.id), ("card", c.id), ("link", lk.id), ("group", g1),
            ("group", g2)} <= set(both.deletes)
    assert [(p.id, p.group_id) for p in both.puts] == [(b.id, None)]
    board.apply(both)
    assert set(board.cards) == {b.id} and not board.groups
