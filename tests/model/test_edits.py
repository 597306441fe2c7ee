"""The edit builders the widgets call (model/edits.py), checked on plain boards: no Qt.

Each builder is applied to a board and undone, so what is tested is what the user's undo
step does, not only what the builder returns.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from evidenceboard.model import Board, Card, Citation, Edit, Link, Source, edits

TEXT = "The minister said the jet landed at dawn. Officials denied it."


def board_of() -> tuple[Board, Source, Card, Card, Link, Citation]:
    source = Source.create(TEXT, title="Wire")
    a = Card.create("actor", "Minister", actor_type="person", aliases=("The minister",))
    b = Card.create("claim", "The jet landed", speaker="Minister", stance="denies", x=300)
    link = Link.create(a.id, b.id, label="said", unsourced=True)
    cite = Citation.create(source, 0, 12, card_id=b.id)
    return Board.from_entities([source, a, b, link, cite]), source, a, b, link, cite


def applied(board: Board, edit: Edit) -> Board:
    """``board`` after ``edit``; checks that undo gives the board back exactly."""
    before = {k: dict(getattr(board, k)) for k in ("cards", "links", "citations", "sources")}
    inverse = board.inverse(edit)
    board.apply(edit)
    after = Board.from_entities(list(board.entities()))
    board.apply(inverse)
    assert {k: dict(getattr(board, k)) for k in before} == before
    return after


def test_cut_is_a_delete_named_cut():
    board, _s, a, b, link, cite = board_of()
    edit = edits.cut_items(board, [b.id])
    assert edit.description == "Cut"
    assert set(edit.deletes) == {("card", b.id), ("link", link.id), ("citation", cite.id)}
    after = applied(board, edit)
    assert set(after.cards) == {a.id} and not after.links and not after.citations


def test_remove_citations_keeps_cards_and_sources_and_ignores_other_ids():
    board, source, _a, b, _link, cite = board_of()
    second = Citation.create(source, 13, 20, card_id=b.id)
    board.apply(edits.put("More", second))
    edit = edits.remove_citations(board, [cite.id, second.id, b.id])
    assert edit.description == "Remove 2 citations"
    after = applied(board, edit)
    assert b.id in after.cards and source.id in after.sources and not after.citations
    assert edits.remove_citations(board, [cite.id]).description == "Remove citation"


def test_edit_card_changes_only_the_named_fields_and_refuses_blank_titles():
    board, _s, a, _b, _link, _c = board_of()
    edit = edits.edit_card(a, "Edit title", title="Defence minister")
    assert edit.description == "Edit title"
    after = applied(board, edit)
    assert after.cards[a.id].title == "Defence minister"
    assert after.cards[a.id].aliases == a.aliases and after.cards[a.id].x == a.x
    with pytest.raises(ValueError, match="needs a title"):
        edits.edit_card(a, "Edit title", title="   ")
    with pytest.raises(ValueError, match="width"):
        edits.edit_card(a, "Resize", width=0.0)


def test_rename_card_strips_the_title():
    _board, _s, a, _b, _link, _c = board_of()
    edit = edits.rename_card(a, "  Prime minister \n")
    assert edit.description == "Rename card"
    assert edit.puts[0].title == "Prime minister"
    with pytest.raises(ValueError):
        edits.rename_card(a, " ")


def test_changing_the_kind_keeps_what_the_new_kind_shows():
    board, _s, a, b, _link, _c = board_of()
    claim = applied(board, edits.change_card_kind(a, "claim")).cards[a.id]
    assert (claim.kind, claim.actor_type, claim.aliases) == ("claim", None, ())
    assert claim.stance == "asserts" and claim.speaker is None
    actor = applied(board, edits.change_card_kind(b, "actor")).cards[b.id]
    assert (actor.kind, actor.actor_type, actor.stance, actor.speaker) == \
        ("actor", "other", None, None)
    note = applied(board, edits.change_card_kind(b, "note")).cards[b.id]
    assert note.stance is None and note.speaker is None and note.title == b.title
    with pytest.raises(ValueError):
        edits.change_card_kind(a, "vessel")


def test_edit_link():
    board, _s, _a, _b, link, _c = board_of()
    after = applied(board, edits.edit_link(link, "Edit label", label="met"))
    assert after.links[link.id].label == "met" and after.links[link.id].kind == link.kind


def test_citing_words_for_an_unsourced_link_sources_it_in_the_same_edit():
    board, source, a, _b, link, _c = board_of()
    edit = edits.cite(source, 22, 40, owner_id=link.id, board=board)
    citation = edit.puts[0]
    assert isinstance(citation, Citation) and citation.quote == "jet landed at dawn"
    after = applied(board, edit)
    assert not after.links[link.id].unsourced
    assert [c.id for c in after.citations_of(link.id)] == [citation.id]
    # A card: only the citation.
    assert len(edits.cite(source, 0, 3, owner_id=a.id, board=board).puts) == 1
    with pytest.raises(KeyError):
        edits.cite(source, 0, 3, owner_id="nobody", board=board)


def test_claim_from_quote_titles_the_card_with_the_words_and_cites_them():
    board, source, *_ = board_of()
    start = TEXT.index("Officials")
    edit = edits.claim_from_quote(source, start, len(TEXT), (10.4, 20.6))
    card, citation = edit.puts
    assert isinstance(card, Card) and isinstance(citation, Citation)
    assert (card.kind, card.title, card.x, card.y) == ("claim", "Officials denied it.", 10, 21)
    assert citation.card_id == card.id and citation.quote == "Officials denied it."
    after = applied(board, edit)
    assert after.citations_of(card.id)[0].start == start
    for bad in ((5, 5), (-1, 3), (0, len(TEXT) + 1)):
        with pytest.raises(ValueError):
            edits.claim_from_quote(source, *bad, (0, 0))


def test_drawn_link_with_and_without_words():
    board, source, a, b, *_ = board_of()
    edit = edits.drawn_link(a.id, b.id, (source, 4, 12), label="said", kind="states",
                            direction="forward", confidence="confirmed")
    link, citation = edit.puts
    assert isinstance(link, Link) and isinstance(citation, Citation)
    assert (link.label, link.kind, link.unsourced) == ("said", "states", False)
    assert citation.link_id == link.id and citation.quote == "minister"
    after = applied(board, edit)
    assert after.citations_of(link.id)
    bare = edits.drawn_link(a.id, b.id, None, label="")
    assert len(bare.puts) == 1 and bare.puts[0].unsourced


def test_grade_source():
    board, source, *_ = board_of()
    edit = edits.grade_source(source, "B")
    assert edit.description == "Grade source B"
    assert applied(board, edit).sources[source.id].reliability == "B"
    assert edits.grade_source(source, None).description == "Clear source grade"
    with pytest.raises(ValueError):
        edits.grade_source(source, "Z")


def test_merged_nudges_are_named_like_the_first_and_end_like_the_last():
    board, _s, a, *_ = board_of()
    first = edits.move_cards(board, {a.id: (1.0, 0.0)})
    later = edits.move_cards(board, {a.id: (5.0, 3.0)})
    both = edits.merged(first, later)
    assert both.description == first.description
    assert (both.puts[0].x, both.puts[0].y) == (5.0, 3.0)


def test_only_geometry_changed():
    _board, _s, a, *_ = board_of()
    assert edits.only_geometry_changed(a, a.moved_to(40, 50))
    assert edits.only_geometry_changed(a, edits.resize_card(
        Board.from_entities([a]), a.id, 300, 90).puts[0])
    assert not edits.only_geometry_changed(a, edits.rename_card(a, "Other").puts[0])


def test_paste_content_brings_missing_sources_and_maps_known_ones():
    _board, source, a, b, link, cite = board_of()
    other = Source.create("A second article about the jet.", title="Second")
    other_cite = Citation.create(other, 2, 8, card_id=a.id)
    content_sources = [source, other]
    # Into an empty board: both sources come along, every id is new.
    empty = Board.from_entities([])
    edit = edits.paste_content(empty, [a, b], [link], [cite, other_cite], content_sources,
                               (24.0, 24.0))
    puts_by_type: dict[type, list] = {}
    for e in edit.puts:
        puts_by_type.setdefault(type(e), []).append(e)
    assert {s.id for s in puts_by_type[Source]} == {source.id, other.id}
    cards = puts_by_type[Card]
    assert len(cards) == 2 and not {c.id for c in cards} & {a.id, b.id}
    assert {(c.x, c.y) for c in cards} == {(a.x + 24, a.y + 24), (b.x + 24, b.y + 24)}
    assert len(puts_by_type[Link]) == 1 and len(puts_by_type[Citation]) == 2
    after = applied(empty, edit)
    assert len(after.citations) == 2
    # Into a board that holds the same text under another id: the citation points there.
    same_text = Source.create(other.text, title="Same words elsewhere")
    target = Board.from_entities([source, same_text])
    edit = edits.paste_content(target, [a], [], [other_cite], [other], (0.0, 0.0))
    assert not any(isinstance(e, Source) for e in edit.puts)
    pasted_cite = next(e for e in edit.puts if isinstance(e, Citation))
    assert pasted_cite.source_id == same_text.id


def test_paste_content_drops_citations_of_a_source_whose_text_was_altered():
    board, source, a, *_ = board_of()
    # The text changed but not its sha256: not a faithful copy.
    altered = replace(source, id="altered", text=source.text + " (edited)")
    c = Citation(id="c1", source_id="altered", quote=TEXT[:3], start=0, end=3, card_id=a.id)
    edit = edits.paste_content(Board.from_entities([]), [a], [], [c], [altered], (0, 0))
    assert [type(e) for e in edit.puts] == [Card]
    assert board.sources[source.id] is source


# ----------------------------------------------------------------------------- corrections
SHIP = ("The tanker Nexoe Maersk docked. Maersk said it had no control. "
        "A.P. Moller-Maersk denied it. Maersk said it complied.")


def _span(text: str, words: str, n: int = 0) -> tuple[int, int]:
    at = -1
    for _ in range(n + 1):
        at = text.index(words, at + 1)
    return at, at + len(words)


def correction_board():
    """Two cards of one company (as an importer leaves them), a ship holding a spelling
    of the company, claims they spoke and the links and citations of all of them."""
    s = Source.create(SHIP, title="Wire")
    ship = Card.create("actor", "Nexoe Maersk", actor_type="organisation",
                       aliases=("Maersk",))
    company = Card.create("actor", "A.P. Moller-Maersk", actor_type="person")
    bare = Card.create("actor", "Maersk Line", actor_type="organisation",
                       aliases=("MLL",), x=500)
    claim1 = Card.create("claim", "it had no control", speaker="Nexoe Maersk")
    claim2 = Card.create("claim", "it complied", speaker="Maersk Line")
    cites = [Citation.create(s, *_span(SHIP, "Nexoe Maersk"), card_id=ship.id),
             Citation.create(s, *_span(SHIP, "Maersk", 1), card_id=ship.id),
             Citation.create(s, *_span(SHIP, "A.P. Moller-Maersk"), card_id=company.id),
             Citation.create(s, *_span(SHIP, "Maersk", 3), card_id=bare.id, credibility=2),
             # the same words cited by both cards: folded on merge
             Citation.create(s, *_span(SHIP, "Maersk", 3), card_id=company.id)]
    said1 = _span(SHIP, "Maersk said it had no control.")
    said2 = _span(SHIP, "Maersk said it complied.")
    l1 = Link.create(ship.id, claim1.id, kind="states", label="states")
    l2 = Link.create(bare.id, claim2.id, kind="states", label="states")
    l3 = Link.create(company.id, claim2.id, kind="states", label="states")  # a duplicate
    l4 = Link.create(bare.id, company.id, label="same as")  # becomes a self-link
    lc = [Citation.create(s, *said1, link_id=l1.id), Citation.create(s, *said2, link_id=l2.id),
          Citation.create(s, *said2, link_id=l3.id)]
    board = Board.from_entities([s, ship, company, bare, claim1, claim2, *cites,
                                 l1, l2, l3, l4, *lc])
    return board, s, ship, company, bare, claim1, claim2


def applied_exactly(board: Board, edit: Edit) -> Board:
    """``board`` after ``edit``; undo gives back every entity, the alias table too."""
    before = {(type(e).__name__, e.id): e for e in board.entities()}
    inverse = board.inverse(edit)
    board.apply(edit)
    after = Board.from_entities(list(board.entities()))
    board.apply(inverse)
    assert {(type(e).__name__, e.id): e for e in board.entities()} == before
    return after


def test_merge_combines_names_citations_and_links_and_records_the_spellings():
    board, _s, _ship, company, bare, _c1, claim2 = correction_board()
    edit = edits.merge_actors(board, [company.id, bare.id], keep=company.id)
    after = applied_exactly(board, edit)
    assert bare.id not in after.cards
    kept = after.cards[company.id]
    assert set(kept.aliases) == {"Maersk Line", "MLL"}
    quotes = sorted(c.quote for c in after.citations_of(company.id))
    assert quotes == ["A.P. Moller-Maersk", "Maersk"]  # the same words once
    assert [c.credibility for c in after.citations_of(company.id) if c.quote == "Maersk"] \
        == [2]  # the folded citation's grade is kept
    links = after.links_of(company.id)
    assert [(lk.from_id, lk.to_id, lk.kind) for lk in links] == \
        [(company.id, claim2.id, "states")]  # duplicates folded, the self-link gone
    assert len(after.citations_of(links[0].id)) == 1
    assert after.cards[claim2.id].speaker == "A.P. Moller-Maersk"
    table = {(e.rule, e.name): (e.value, e.card_id) for e in after.alias_table.values()}
    assert table == {("alias", "Maersk Line"): ("A.P. Moller-Maersk", company.id),
                     ("alias", "MLL"): ("A.P. Moller-Maersk", company.id)}
    assert edit.description == "Merge 2 actors into “A.P. Moller-Maersk”"


def test_merge_keeps_the_card_with_most_citations_by_default_and_needs_two_actors():
    board, _s, ship, company, bare, claim1, _c2 = correction_board()
    edit = edits.merge_actors(board, [bare.id, ship.id])
    assert ship.id not in {d[1] for d in edit.deletes}  # the ship has two citations
    with pytest.raises(ValueError):
        edits.merge_actors(board, [company.id])
    with pytest.raises(ValueError):
        edits.merge_actors(board, [company.id, claim1.id])


def test_split_moves_the_spelling_its_citations_and_the_links_it_spoke():
    board, _s, ship, _company, _bare, claim1, _c2 = correction_board()
    edit = edits.split_alias(board, ship.id, "maersk")
    after = applied_exactly(board, edit)
    new = next(c for c in after.cards.values() if c.id not in board.cards)
    assert (new.title, new.kind, new.actor_type) == ("Maersk", "actor", "organisation")
    assert new.x > ship.x + ship.width
    assert after.cards[ship.id].aliases == ()
    assert [c.quote for c in after.citations_of(new.id)] == ["Maersk"]
    assert [c.quote for c in after.citations_of(ship.id)] == ["Nexoe Maersk"]
    # "Maersk said it had no control": spoken by the split-out spelling
    assert [(lk.from_id, lk.to_id) for lk in after.links_of(new.id)] == [(new.id, claim1.id)]
    assert after.cards[claim1.id].speaker == "Maersk"
    assert [(e.rule, e.name, e.value, e.card_id) for e in after.alias_table.values()] == \
        [("alias", "Maersk", "Maersk", new.id)]
    with pytest.raises(ValueError):
        edits.split_alias(board, ship.id, "Nexoe Maersk")  # the title is not an alias
    with pytest.raises(ValueError):
        edits.split_alias(board, ship.id, "Moller")


def test_retype_changes_the_cards_and_remembers_every_spelling():
    board, _s, ship, company, bare, claim1, _c2 = correction_board()
    edit = edits.retype_actors(board, [ship.id, company.id, claim1.id], "vessel")
    after = applied_exactly(board, edit)
    assert after.cards[ship.id].actor_type == after.cards[company.id].actor_type == "vessel"
    assert after.cards[bare.id].actor_type == "organisation"
    assert {(e.name, e.value) for e in after.alias_table.values()} == {
        ("Nexoe Maersk", "vessel"), ("Maersk", "vessel"), ("A.P. Moller-Maersk", "vessel")}
    assert edits.retype_actors(after, [ship.id], "vessel").is_empty()
    with pytest.raises(ValueError):
        edits.retype_actors(board, [ship.id], "ship")


def test_not_an_actor_removes_the_card_and_rejects_its_names():
    board, _s, _ship, _company, bare, _c1, claim2 = correction_board()
    merged = Board.from_entities(list(board.entities()))
    merged.apply(edits.merge_actors(merged, [bare.id, _company.id], keep=bare.id))
    edit = edits.reject_actors(merged, [bare.id])
    after = applied_exactly(merged, edit)
    assert bare.id not in after.cards
    assert not [lk for lk in after.links.values() if bare.id in (lk.from_id, lk.to_id)]
    assert after.cards[claim2.id].speaker is None
    # the merge's entries for these spellings gave way to rejections
    assert {(e.rule, e.name) for e in after.alias_table.values()} == {
        ("reject", "Maersk Line"), ("reject", "MLL"), ("reject", "A.P. Moller-Maersk")}
    with pytest.raises(ValueError):
        edits.reject_actors(board, [claim2.id])


def test_a_later_merge_of_a_split_card_takes_its_spelling_along():
    board, _s, ship, company, _bare, _c1, _c2 = correction_board()
    board.apply(edits.split_alias(board, ship.id, "Maersk"))
    new = next(c for c in board.cards.values() if c.title == "Maersk")
    board.apply(edits.merge_actors(board, [company.id, new.id], keep=company.id))
    entry = board.alias_table["alias:maersk"]
    assert (entry.value, entry.card_id) == ("A.P. Moller-Maersk", company.id)


def test_forgetting_corrections_is_one_edit_and_describes_them():
    board, _s, ship, company, bare, _c1, _c2 = correction_board()
    board.apply(edits.merge_actors(board, [company.id, bare.id], keep=company.id))
    board.apply(edits.split_alias(board, ship.id, "Maersk"))
    texts = sorted(edits.describe_entry(e) for e in board.alias_table.values())
    assert texts == ["“MLL” is a spelling of “A.P. Moller-Maersk”",
                     "“Maersk Line” is a spelling of “A.P. Moller-Maersk”",
                     "“Maersk” is an actor of its own (split out)"]
    edit = edits.forget_corrections(board, ["alias:mll", "alias:nobody"])
    after = applied_exactly(board, edit)
    assert "alias:mll" not in after.alias_table and len(after.alias_table) == 2
    assert edit.description == "Forget 1 correction"
