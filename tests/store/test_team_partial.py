"""A partially loaded team board grows as the view moves (issue 19, scale): the cards of
an area not loaded yet come in with their links (also to the cards already held),
citations and sources, never twice; an area of more cards than one slice holds loads
in bounded slices; edits of the cards loaded later reach the server."""

from __future__ import annotations

from pgserver import board_name

from evidenceboard.document import Document
from evidenceboard.model import Board, Card, Citation, Link, Source, edits
from evidenceboard.store.team import TeamAddress, publish


def _grid(cluster) -> tuple[str, Source]:
    src = Source.create("The minister met the general in Cairo.", title="Wire")
    cards = [Card(f"g{i}-{j}", "actor", f"Actor {i},{j}", x=i * 1000.0, y=j * 1000.0)
             for i in range(10) for j in range(10)]
    links = [Link("in", "g0-0", "g1-1"), Link("across", "g0-0", "g3-1"),
             Link("far", "g9-9", "g8-8")]
    cites = [Citation.create(src, 4, 12, card_id="g3-0"),
             Citation.create(src, 17, 24, link_id="across")]
    name = board_name("partial")
    publish(Board.from_entities([src, *cards, *links, *cites]),
            TeamAddress.parse(cluster.url("alice", name)))
    return name, src


def test_panning_loads_the_new_area_once_with_its_links(pg_cluster):
    name, src = _grid(pg_cluster)
    url = pg_cluster.url("alice", name)
    doc = Document.open_team(url, view=(-100, -100, 1500, 1500))
    other = Document.open_team(url)
    try:
        assert sorted(doc.board.cards) == ["g0-0", "g0-1", "g1-0", "g1-1"]
        assert not doc.board.sources
        events = []
        doc.board.subscribe(events.append)
        event, complete = doc.load_more((-100, -100, 3500, 1500))  # panned right
        assert complete and event is not None and events == [event]
        assert sorted(doc.board.cards) == sorted(
            f"g{i}-{j}" for i in range(4) for j in range(2))
        assert sorted(doc.board.links) == ["across", "in"]  # one end held before
        assert len(doc.board.citations) == 2 and list(doc.board.sources) == [src.id]
        # the same area again, or one inside it: nothing to load, nothing twice
        assert doc.load_more((-100, -100, 3500, 1500)) == (None, True)
        assert doc.load_more((500, 0, 3000, 1200)) == (None, True)
        # overlapping: only what is new
        event, complete = doc.load_more((2500, -100, 4500, 1500))
        assert sorted(c.id for c in event.added) == ["g4-0", "g4-1"]
        assert len(doc.board.cards) == 10
        # a card loaded later is edited like any other
        doc.apply(edits.rename_card(doc.board.cards["g4-1"], "loaded later"))
        other.sync(force=True)
        assert other.board.cards["g4-1"].title == "loaded later"
    finally:
        doc.close()
        other.close()


def test_an_area_of_more_cards_than_a_slice_loads_in_bounded_slices(pg_cluster):
    name, _src = _grid(pg_cluster)
    doc = Document.open_team(pg_cluster.url("alice", name), view=(-100, -100, 500, 500))
    try:
        assert list(doc.board.cards) == ["g0-0"]
        team = doc.team
        area = (-100, -100, 9500, 9500)
        got = []
        for _ in range(20):
            edit, complete = team.load_more(doc.board, area, limit=30)
            doc.board.apply(edit) if not edit.is_empty() else None
            got.append(len([e for e in edit.puts if isinstance(e, Card)]))
            if complete:
                break
        assert complete and max(got) <= 30
        assert len(doc.board.cards) == 100  # every card, each once
        assert sorted(doc.board.links) == ["across", "far", "in"]
    finally:
        doc.close()
