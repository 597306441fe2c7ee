"""Corroboration of demo claims and links, against counts derived by hand from the articles.

How each expected value was derived (reading seeds/*.txt, not the program's output):

* "Haftar carried a message from his father ..." (speaker Haaretz) is reported by 001
  ("According to a report by the Haaretz daily at the time, Haftar carried a message ...")
  and by 002 ("“Haftar carried a message ...,” the report said", where "the report" is "a
  Monday report by Israel’s Haaretz" two paragraphs earlier): 2 sources, 1 origin
  (Haaretz).  Its "states" link (Haaretz -> claim) cites the same two sentences: 2 / 1.
* "We have never been and will never be enemies" (Abdul Salam al-Badri) is quoted by 000
  (after "Anadolu news agency has previously reported ...": 000's own relay of that
  report) and by 001 (from his interview "in Makor Rishon"): 2 sources, 2 origins.
* "Saddam Haftar landed at Israel’s Ben Gurion Airport on November 1 ..." is only in 002,
  "according to a Monday report by Israel’s Haaretz": 1 source, origin Haaretz.
* "the plane left Ben Gurion Airport after two hours" is only in 001, "RT Arabic added
  that ...": 1 source, origin RT Arabic (the outlet 001 relays), not 001 itself.
* "General Haftar left Egypt on Wednesday ..." is only in 003, "according to Sada
  Al-Balad newspaper website": 1 source, origin Sada Al-Balad.
* "Dbeibeh denied having recently met Barnea." is 001's own reporting: 1 source, 1 origin
  (001), and so is the denial link to the meeting claim (both sentences are in 001; the
  meeting claim is attributed to unnamed "media reports", which name no report).
* The analyst's link "who was on the plane" between 002's Saddam claim and 001's Khalifa
  claim cites 002 (relaying Haaretz) and 001 ("reportedly", no named report): 2 sources,
  2 origins.  The one between 001's Khalifa claim and 000's aides claim (000: "Israeli
  journalist Itay Blumental said", 000's own report of his tweet): 2 sources, 2 origins.
* Iran's denial link to the accusation by the Israeli envoy: both sentences in 004, no
  relay cue: 1 source, 1 origin.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "importer"))

import scoring

from evidenceboard.analysis.contradictions import contradiction_links
from evidenceboard.analysis.corroboration import corroboration


@pytest.fixture(scope="module")
def demo():
    return scoring.seed_board()[0]


def _claim(board, fragment):
    for c in board.citations.values():
        card = board.cards.get(c.card_id) if c.card_id else None
        if card is not None and card.kind == "claim" and fragment in c.quote:
            return card
    raise AssertionError(fragment)


@pytest.mark.parametrize("fragment, sources, origins", [
    ("Haftar carried a message from his father asking", 2, ["Haaretz"]),
    ("We have never been and will never be enemies", 2, None),
    ("Saddam Haftar landed at Israel’s Ben Gurion Airport", 1, ["Haaretz"]),
    ("the plane left Ben Gurion Airport after two hours", 1, ["RT Arabic"]),
    ("General Haftar left Egypt on Wednesday", 1, ["Sada Al-Balad"]),
    ("Dbeibeh denied having recently met Barnea", 1, None),
])
def test_claims(demo, fragment, sources, origins):
    cor = corroboration(demo, _claim(demo, fragment).id)
    assert cor.source_count == sources
    if origins is not None:
        assert list(cor.origins) == origins
    elif fragment.startswith("We have"):
        assert cor.origin_count == 2
    else:
        assert cor.origin_count == 1


def test_the_speaker_link_of_a_relayed_claim(demo):
    card = _claim(demo, "Haftar carried a message from his father asking")
    states = next(lk for lk in demo.links_of(card.id) if lk.kind == "states")
    cor = corroboration(demo, states.id)
    assert (cor.source_count, cor.origin_count) == (2, 1)


def _link_between(demo, a, b):
    ca, cb = _claim(demo, a), _claim(demo, b)
    return next(lk for lk in contradiction_links(demo) if {lk.from_id, lk.to_id} ==
                {ca.id, cb.id})


@pytest.mark.parametrize("a, b, sources, origins", [
    ("Saddam Haftar landed at Israel’s Ben Gurion Airport",
     "A plane carrying renegade Libyan commander", 2, 2),
    ("A plane carrying renegade Libyan commander",
     "Khalifa Haftar's aides arrived in Israel yesterday", 2, 2),
    ("Dbeibeh denied having recently met Barnea", "Abdulhamid Dbeibah, interim prime", 1, 1),
    ("Iran, for its part, denies these allegations", "who accused Tehran of supplying", 1, 1),
])
def test_contradiction_links(demo, a, b, sources, origins):
    cor = corroboration(demo, _link_between(demo, a, b).id)
    assert (cor.source_count, cor.origin_count) == (sources, origins)
