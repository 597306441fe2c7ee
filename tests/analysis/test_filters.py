"""Filters, neighbourhoods and the view state a board remembers (headless)."""

from __future__ import annotations

import json

import pytest

from evidenceboard.analysis.filters import (
    CRITERIA,
    ActorTypeIs,
    BoardFilter,
    CitesSource,
    Criterion,
    GradeAtLeast,
    KindIs,
    LinkLabelIs,
    ViewState,
    hidden_neighbours,
    link_labels,
    neighbours,
)
from evidenceboard.model import Board, Card, Citation, Edit, Link, Source


@pytest.fixture()
def board() -> Board:
    b = Board()
    s1 = Source.create("Anna met Omar. Omar denied it.", title="First")
    s2 = Source.create("Kestrel paid the union.", title="Second", reliability="B")
    anna = Card.create("actor", "Anna", actor_type="person")
    omar = Card.create("actor", "Omar", actor_type="person")
    kestrel = Card.create("actor", "Kestrel", actor_type="organisation")
    claim = Card.create("claim", "Anna met Omar")
    note = Card.create("note", "to check")
    met = Link.create(anna.id, omar.id, label="met", kind="relation", direction="none")
    about = Link.create(claim.id, omar.id, label="about", kind="about")
    paid = Link.create(kestrel.id, omar.id, label="paid", kind="relation")
    b.apply(Edit("b", (s1, s2, anna, omar, kestrel, claim, note, met, about, paid,
                       Citation.create(s1, 0, 14, card_id=claim.id),
                       Citation.create(s1, 0, 14, link_id=met.id),
                       Citation.create(s2, 0, 23, link_id=paid.id, credibility=2),
                       Citation.create(s2, 0, 7, card_id=kestrel.id, credibility=2))))
    b.ids = {c.title: c.id for c in b.cards.values()} | {  # type: ignore[attr-defined]
        "met": met.id, "about": about.id, "paid": paid.id, "s1": s1.id, "s2": s2.id}
    return b


def _titles(board: Board, ids: set[str]) -> set[str]:
    return {board.cards[i].title if i in board.cards else board.links[i].label for i in ids}


def test_each_criterion(board):
    ids = board.ids
    f = BoardFilter((KindIs(frozenset({"actor"})),))
    assert _titles(board, f.non_matching(board)) == {"Anna met Omar", "to check"}
    f = BoardFilter((ActorTypeIs(frozenset({"person"})),))
    assert _titles(board, f.non_matching(board)) == {"Kestrel"}
    f = BoardFilter((CitesSource(frozenset({ids["s2"]})),))
    assert _titles(board, f.non_matching(board)) == {
        "Anna", "Omar", "Anna met Omar", "to check", "met", "about"}
    f = BoardFilter((GradeAtLeast("B2"),))
    # what nobody graded fails a grade filter; notes are not graded
    assert _titles(board, f.non_matching(board)) == {
        "Anna", "Omar", "Anna met Omar", "met", "about"}
    f = BoardFilter((LinkLabelIs(frozenset({"MET"})),))
    assert _titles(board, f.non_matching(board)) == {"about", "paid"}
    f = BoardFilter((LinkLabelIs(frozenset({"relation"})),))  # a kind is a label too
    assert _titles(board, f.non_matching(board)) == {"about"}


def test_criteria_combine_and_describe_themselves(board):
    f = BoardFilter().with_criterion(KindIs(frozenset({"actor"}))) \
        .with_criterion(ActorTypeIs(frozenset({"organisation"})))
    assert _titles(board, f.non_matching(board)) == {"Anna", "Omar", "Anna met Omar",
                                                     "to check"}
    assert f.describe(board) == "kind: actor; actor type: organisation"
    assert f.with_criterion(None, "kinds").criteria == (ActorTypeIs(frozenset(
        {"organisation"})),)
    assert not BoardFilter().active and BoardFilter().non_matching(board) == set()


def test_view_state_round_trip_and_bad_text(board):
    f = BoardFilter((KindIs(frozenset({"actor", "note"})), GradeAtLeast("C3"),
                     CitesSource(frozenset({board.ids["s1"]}))), mode="hide")
    state = ViewState(f, frozenset({board.ids["Anna"], "gone"}), relations_view=True)
    again = ViewState.from_text(state.to_text(), board)
    assert again.filter == f and again.relations_view
    assert again.hidden == {board.ids["Anna"]}  # ids no longer on the board forgotten
    for bad in (None, "", "{", "[]", json.dumps({"filter": {"grade": "Z9", "kinds": 3,
                                                           "mode": "explode"},
                                                "hidden": "x", "relations_view": "yes"})):
        s = ViewState.from_text(bad, board)
        assert s.filter.criteria == () and s.filter.mode == "fade"
        assert not s.hidden and not s.relations_view


def test_a_new_criterion_plugs_in(board, monkeypatch):
    """A date range (once cards carry dates) is one more registered class."""

    class TitleHas(Criterion):
        key = "title_has"
        title = "Title"

        def __init__(self, word: str) -> None:
            self.word = word

        def card_passes(self, board, card):
            return self.word in card.title

        def to_json(self):
            return self.word

        @classmethod
        def from_json(cls, value):
            return cls(str(value))

        def describe(self, board):
            return f"title has {self.word}"

    monkeypatch.setitem(CRITERIA, TitleHas.key, TitleHas)
    f = BoardFilter.from_json({"title_has": "Omar"})
    assert _titles(board, {i for i in f.non_matching(board) if i in board.cards}) == {
        "Anna", "Kestrel", "to check"}
    assert ViewState.from_text(ViewState(f).to_text()).filter.describe(board) == \
        "title has Omar"


def test_neighbours_and_expand(board):
    ids = board.ids
    one = neighbours(board, [ids["Anna"]], 1)
    assert _titles(board, one) == {"Anna", "Omar", "met"}
    two = neighbours(board, [ids["Anna"]], 2)
    assert _titles(board, two) == {"Anna", "Omar", "Kestrel", "Anna met Omar", "met",
                                   "about", "paid"}
    assert neighbours(board, [ids["met"]], 0) == {ids["Anna"], ids["Omar"]}
    assert hidden_neighbours(board, ids["Omar"], {ids["Kestrel"], ids["to check"]}) == \
        {ids["Kestrel"]}
    assert [lb for lb, _ in link_labels(board)] == ["about", "met", "paid"]


def test_a_date_range_round_trips_and_refuses_what_is_not_one():
    from evidenceboard.analysis.filters import BoardFilter, DatedBetween
    f = BoardFilter((DatedBetween("2021-11-01", "2021-11-30", True),), "hide")
    back = BoardFilter.from_json(f.to_json())
    assert back == f
    # damaged or hostile values open unfiltered by date, never raise
    for bad in ({"from": "2021-13-01", "to": "2021-11-30"}, {"from": "2021-12-01",
                "to": "2021-11-01"}, "2021", {"from": 1, "to": 2}, ["a"]):
        assert BoardFilter.from_json({"mode": "hide", "dates": bad}).get("dates") is None
