"""The board model: rules an edit must keep, and undo as the exact inverse edit."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evidenceboard.document import Document
from evidenceboard.model import (
    Board,
    BoardError,
    Card,
    Citation,
    Edit,
    Link,
    Setting,
    Source,
    edits,
)
from evidenceboard.store import BoardStore

TEXT = "Haftar met Dbeibah in Rome.\u00a0“No deal”, said Haftar 😀. שלום"


def small_board() -> tuple[Board, Source, Card, Card, Link, Citation, Citation]:
    src = Source.create(TEXT, title="Rome")
    a = Card.create("actor", "Haftar", actor_type="person")
    b = Card.create("actor", "Dbeibah", actor_type="person")
    link = Link.create(a.id, b.id, label="met")
    ca = Citation.create(src, 0, 6, card_id=a.id)
    cl = Citation.create(src, 7, 10, link_id=link.id)
    board = Board.from_entities([src, a, b, link, ca, cl])
    return board, src, a, b, link, ca, cl


# ------------------------------------------------------------------ refusals
def refusals():
    board, src, a, b, link, ca, cl = small_board()
    other_src = Source.create("other text")
    return board, [
        ("link to a missing card", Edit("x", (Link.create(a.id, "nobody"),)),
         "points to a missing card"),
        ("link from a card deleted in the same edit",
         Edit("x", (Link.create(a.id, b.id),), (("card", b.id),)), "missing card"),
        ("citation of a missing source",
         Edit("x", (replace(ca, id="c2", source_id="gone"),)), "cites a missing source"),
        ("citation of a source deleted in the edit",
         Edit("x", (replace(ca, id="c2", source_id=other_src.id),)),
         "cites a missing source"),
        ("citation with two owners", Edit("x", (replace(ca, id="c2", link_id=link.id),)),
         "exactly one card or one link"),
        ("citation with no owner", Edit("x", (replace(ca, id="c2", card_id=None),)),
         "exactly one card or one link"),
        ("citation of a missing card", Edit("x", (replace(ca, id="c2", card_id="nobody"),)),
         "belongs to a missing card"),
        ("citation of a missing link", Edit("x", (replace(cl, id="c2", link_id="nolink"),)),
         "belongs to a missing link"),
        ("card deleted without its links", Edit("x", (), (("card", b.id),)),
         "must delete its links too"),
        ("card deleted without its citations",
         Edit("x", (), (("card", a.id), ("link", link.id), ("citation", cl.id))),
         "must delete its citations too"),
        ("link deleted without its citations", Edit("x", (), (("link", link.id),)),
         "must delete its citations too"),
        ("source deleted without its citations", Edit("x", (), (("source", src.id),)),
         "must delete its citations too"),
        ("unknown card kind", Edit("x", (replace(a, kind="weapon"),)), "unknown card kind"),
        ("unknown actor type", Edit("x", (replace(a, actor_type="robot"),)),
         "unknown actor type"),
        ("unknown stance", Edit("x", (Card.create("claim", "c", stance="maybe"),)),
         "unknown stance"),
        ("infinite position", Edit("x", (replace(a, x=math.inf),)), "finite number"),
        ("NaN position", Edit("x", (replace(a, y=math.nan),)), "finite number"),
        ("zero width", Edit("x", (replace(a, width=0.0),)), "more than zero"),
        ("aliases not text", Edit("x", (replace(a, aliases=(1,)),)), "aliases must be text"),
        ("unknown direction", Edit("x", (replace(link, direction="up"),)),
         "unknown link direction"),
        ("unknown confidence", Edit("x", (replace(link, confidence="sure"),)),
         "unknown link confidence"),
        ("empty citation range", Edit("x", (replace(ca, start=3, end=3),)),
         "not a range of text"),
        ("negative citation offset", Edit("x", (replace(ca, start=-1),)),
         "not a range of text"),
        ("credibility out of range", Edit("x", (replace(ca, credibility=7),)),
         "credibility must be 1 to 6"),
        ("reliability out of range", Edit("x", (replace(src, reliability="G"),)),
         "reliability must be A to F"),
        ("bad sha256", Edit("x", (replace(src, sha256="abc"),)), "64 hexadecimal"),
        ("a lone surrogate in a title", Edit("x", (replace(a, title="bad \ud800"),)),
         "broken character"),
        ("a lone surrogate in an alias", Edit("x", (replace(a, aliases=("\udfff",)),)),
         "broken character"),
        ("the same article twice", Edit("x", (replace(src, id="again"),)),
         "already on the board"),
    ]


@pytest.mark.parametrize("index", range(len(refusals()[1])))
def test_check_refuses(index: int):
    board, cases = refusals()
    name, edit, words = cases[index]
    before = list(board.entities())
    events = []
    board.subscribe(events.append)
    with pytest.raises(BoardError, match=words):
        board.check(edit)
    with pytest.raises(BoardError, match=words):
        board.apply(edit)
    assert list(board.entities()) == before and events == [], name


def test_check_accepts_whole_deletes_and_moves():
    board, src, a, _b, _link, _ca, _cl = small_board()
    board.check(edits.delete_items(board, [a.id]))
    board.check(edits.delete_source(board, src.id))
    board.check(edits.move_cards(board, {a.id: (1e300, -1e300)}))
    # The same article may be put again under its own id (an update).
    board.check(Edit("x", (replace(src, title="new title"),)))


# ------------------------------------------------------------------ events and indexes
def test_events_say_what_changed():
    board, _src, a, b, link, _ca, cl = small_board()
    events = []
    board.subscribe(events.append)
    moved = a.moved_to(5, 6)
    new = Card.create("note", "n")
    board.apply(Edit("x", (moved, new, b)))  # b unchanged: not reported
    (event,) = events
    assert event.added == (new,) and event.changed == ((a, moved),) and event.removed == ()
    board.apply(edits.delete_items(board, [link.id]))
    assert {e.id for e in events[-1].removed} == {link.id, cl.id}
    assert board.links_of(a.id) == [] and board.citations_of(link.id) == []


def assert_indexes_consistent(board: Board) -> None:
    fresh = Board.from_entities(board.entities())
    for card_id in set(board.cards) | {"nobody"}:
        assert board.links_of(card_id) == fresh.links_of(card_id)
    for owner in set(board.cards) | set(board.links):
        assert board.citations_of(owner) == fresh.citations_of(owner)
    for sid in board.sources:
        assert board.citations_in(sid) == fresh.citations_in(sid)


# ------------------------------------------------------------------ random edit sequences
@st.composite
def edit_for(draw, board: Board) -> Edit:
    """One edit of the kinds users make, valid for ``board`` as it is now."""
    # Insertion order, not sorted ids: ids are random UUIDs, and hypothesis needs the same
    # draws to pick the same entities.
    cards, links = list(board.cards), list(board.links)
    sources, cites = list(board.sources), list(board.citations)
    choice = draw(st.sampled_from(["add card", "add card", "add link", "add source",
                                   "cite", "move", "update", "delete", "delete source",
                                   "setting", "paste", "relink"]))
    text = st.text(max_size=12)
    if choice == "add card" or not cards:
        kind = draw(st.sampled_from(["actor", "claim", "note"]))
        return edits.put("add", Card.create(kind, draw(text), x=draw(st.floats(-1e6, 1e6)),
                                            aliases=tuple(draw(st.lists(text, max_size=2)))))
    if choice == "add link":
        link = Link.create(draw(st.sampled_from(cards)), draw(st.sampled_from(cards)),
                           label=draw(text), direction=draw(st.sampled_from(
                               ["forward", "none", "both"])), unsourced=draw(st.booleans()))
        cite = []
        if sources and draw(st.booleans()):
            s = board.sources[draw(st.sampled_from(sources))]
            cite = [Citation.create(s, 0, 1, link_id=link.id)]
        return edits.add_link(board, link, cite)
    if choice == "add source" or not sources:
        body = draw(st.text(min_size=1, max_size=30))
        if board.source_by_sha256(Source.create(body).sha256):
            body += f" {len(board.sources)}"
        return edits.put("source", Source.create(body, title=draw(st.none() | text)))
    if choice == "cite":
        s = board.sources[draw(st.sampled_from(sources))]
        start = draw(st.integers(0, len(s.text) - 1))
        end = draw(st.integers(start + 1, len(s.text)))
        owner = draw(st.sampled_from(cards + links))
        return edits.cite(s, start, end, owner_id=owner, board=board,
                          credibility=draw(st.none() | st.integers(1, 6)))
    if choice == "move":
        ids = draw(st.lists(st.sampled_from(cards), min_size=1, max_size=4, unique=True))
        return edits.move_cards(board, {i: (draw(st.floats(-1e4, 1e4)),
                                             draw(st.floats(-1e4, 1e4))) for i in ids})
    if choice == "update":
        card = board.cards[draw(st.sampled_from(cards))]
        return edits.update(replace(card, title=draw(text), body=draw(text),
                                    color=draw(st.none() | st.just("#112233"))))
    if choice == "delete":
        pool = cards + links + cites
        return edits.delete_items(board, draw(st.lists(st.sampled_from(pool), min_size=1,
                                                       max_size=3)))
    if choice == "delete source":
        return edits.delete_source(board, draw(st.sampled_from(sources)))
    if choice == "setting":
        return edits.set_setting(draw(st.sampled_from(["name", "view"])), draw(text))
    if choice == "paste":
        chosen = draw(st.lists(st.sampled_from(cards), min_size=1, max_size=3, unique=True))
        cs = [board.cards[i] for i in chosen]
        ls = [lk for lk in board.links.values() if lk.from_id in chosen and lk.to_id in chosen]
        qs = [c for i in chosen + [lk.id for lk in ls] for c in board.citations_of(i)]
        return edits.paste_cards(board, cs, ls, qs, (10.0, 10.0))
    # relink: move an existing link's end to another card
    if not links:
        return edits.put("add", Card.create("note", "n"))
    link = board.links[draw(st.sampled_from(links))]
    return edits.update(replace(link, to_id=draw(st.sampled_from(cards))))


@st.composite
def histories(draw):
    board = Board()
    applied = []
    for _ in range(draw(st.integers(1, 25))):
        edit = draw(edit_for(board))
        inverse = board.inverse(edit)
        board.apply(edit)
        applied.append((edit, inverse))
    return applied


@settings(max_examples=150, deadline=None)
@given(history=histories())
def test_undo_of_any_edit_sequence_restores_the_board_exactly(history):
    """Replay the same edits on a fresh board, then undo them all in reverse with the
    inverses the board computed: every step back equals the board as it was."""
    board = Board()
    states = []
    for edit, _inverse in history:
        states.append({e.id: e for e in board.entities()})
        inverse = board.inverse(edit)
        assert inverse == _inverse
        board.apply(edit)
        assert_indexes_consistent(board)
    for (_edit, inverse), state in zip(reversed(history), reversed(states), strict=True):
        board.check(inverse)
        board.apply(inverse)
        assert {e.id: e for e in board.entities()} == state
        assert_indexes_consistent(board)
    assert list(board.entities()) == []


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(history=histories())
def test_the_file_follows_every_edit_and_undo(tmp_path_factory: pytest.TempPathFactory,
                                             history):
    """The same random sequence through a Document: after the edits and after undoing
    them all, the file read back equals the board in memory."""
    path = tmp_path_factory.mktemp("doc") / "h.evboard"
    doc = Document.create(path)
    try:
        for edit, _ in history:
            doc.apply(edit)
        with BoardStore.open(path, read_only=True) as ro:
            assert {e.id: e for e in ro.load().entities()} == \
                {e.id: e for e in doc.board.entities()}
        for _, inverse in reversed(history):
            doc.apply(inverse)
    finally:
        doc.close()
    with BoardStore.open(path) as store:
        assert list(store.load().entities()) == []


def test_setting_is_an_entity_with_a_key():
    board = Board()
    board.apply(edits.set_setting("name", "Case"))
    assert board.setting("name") == "Case" and board.setting("missing", "d") == "d"
    assert board.find("name") == Setting("name", "Case")


def test_edit_builders_for_many_items_and_source_details():
    from evidenceboard.model import edits
    board, src, a, b, link, _c1, _c2 = small_board()
    e = edits.grade_citations(board, [a.id, link.id], 2)
    board.apply(e)
    assert {c.credibility for c in board.citations.values()} == {2}
    assert edits.grade_citations(board, [a.id, link.id], 2).is_empty()
    with pytest.raises(ValueError):
        edits.grade_citations(board, [a.id], 7)
    e = edits.set_shared_field(board, [a.id, b.id, link.id], "actor_type", "organisation")
    assert len(e.puts) == 2 and e.description == "Set actor type of 2 items"
    e = edits.set_shared_field(board, [a.id, link.id], "confidence", "disputed")
    assert [p.id for p in e.puts] == [link.id]
    with pytest.raises(ValueError):
        edits.set_shared_field(board, [a.id], "title", "x")
    with pytest.raises(ValueError):
        edits.set_shared_field(board, [link.id], "confidence", "sure")
    e = edits.edit_source(src, title="  Rome\n meeting ", published="2024-05")
    assert (e.puts[0].title, e.puts[0].published) == ("Rome meeting", "2024-05")
    assert edits.edit_source(src, outlet="").is_empty() or src.outlet
    for bad in ("2024-13-01", "May 2024", "2024-02-30"):
        with pytest.raises(ValueError):
            edits.edit_source(src, published=bad)
    card = edits.new_card("actor", (100, 50), actor_type="vessel")
    assert (card.title, card.actor_type, card.x, card.y) == ("New vessel", "vessel", 0, 14)
