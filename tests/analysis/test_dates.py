"""When it happened: the dates a claim's words state, resolved against the article's
published date, with the exact words (offsets into the stored text) and a precision."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from evidenceboard.analysis.contradictions import contradiction_pairs
from evidenceboard.analysis.dates import (
    claim_dates,
    date_conflicts,
    find_dates,
    main_date,
    parse_published,
    timeline_rows,
)
from evidenceboard.demo import demo_edit
from evidenceboard.importer.reading import read_article_text
from evidenceboard.importer.to_board import import_edit
from evidenceboard.model import Board, Card, Citation, Edit, Link, Source

TUESDAY = date(2021, 11, 2)


@pytest.fixture(scope="module")
def demo() -> Board:
    board = Board()
    board.apply(demo_edit())
    return board


def _claim(board: Board, words: str) -> Card:
    return next(c for c in board.cards.values() if c.kind == "claim" and words in c.title)


def test_yesterday_is_the_day_before_the_article(demo: Board):
    claim = _claim(demo, "A number of Libyan General Khalifa Haftar's aides arrived in "
                         "Israel yesterday")
    dates = claim_dates(demo, claim.id)
    best = main_date(dates)
    assert best is not None
    assert best.published == "2021-11-02"
    assert best.when == "2021-11-01" and best.mention.precision == "day"
    src = demo.sources[best.source]
    assert src.text[best.mention.start:best.mention.end] == "yesterday"
    assert best.mention.relative


def test_on_november_1_is_november_1(demo: Board):
    claim = _claim(demo, "Saddam Haftar landed at Israel’s Ben Gurion Airport on November 1")
    best = main_date(claim_dates(demo, claim.id))
    assert best is not None
    m = best.mention
    assert (m.first.month, m.first.day) == (11, 1) and m.precision == "day"
    assert demo.sources[best.source].text[m.start:m.end] == "November 1"
    # that article states no date of its own: the year is not made up
    assert best.published is None and best.when == "--11-01" and not m.year_stated
    # the timeline still places it, in the year of the board's dated articles
    row = next(r for r in timeline_rows(demo) if r.card == claim.id)
    assert row.first == date(2021, 11, 1) and not row.year_stated


@pytest.mark.parametrize(("text", "words", "when", "precision"), [
    ("Aides arrived yesterday on a jet.", "yesterday", "2021-11-01", "day"),
    ("The minister spoke today in Rome.", "today", "2021-11-02", "day"),
    ("A plane was spotted on Thursday at the airport.", "Thursday", "2021-10-28", "day"),
    ("He called on Tuesday.", "Tuesday", "2021-11-02", "day"),
    ("They will meet next Friday.", "next Friday", "2021-11-05", "day"),
    ("The jet landed on November 1 at noon.", "November 1", "2021-11-01", "day"),
    ("He leads until December 24, election day.", "December 24", "2021-12-24", "day"),
    ("It was signed on 3 March 2019 in Paris.", "3 March 2019", "2019-03-03", "day"),
    ("Seen on Nov. 5th, 2020 near Malta.", "Nov. 5th, 2020", "2020-11-05", "day"),
    ("The log says 2021-10-30 was the day.", "2021-10-30", "2021-10-30", "day"),
    ("In 2015, the Post published an account.", "2015", "2015", "year"),
    ("The deal was struck in May 2019 in Cairo.", "May 2019", "2019-05", "month"),
    ("Last month, Zarif stated it.", "Last month", "2021-10", "month"),
    ("He travelled in late December last year.", "late December last year", "2020-12",
     "month"),
    ("They met last week in Amman.", "last week", "2021-10-25/2021-10-31", "week"),
    ("They met between 2019 and 2021 in secret.", "between 2019 and 2021", "2019/2021",
     "year"),
    ("Talks ran from March to May 2020 in Geneva.", "from March to May 2020",
     "2020-03/2020-05", "month"),
    ("Ships docked between June 3 and 5, 2020.", "between June 3 and 5, 2020",
     "2020-06-03/2020-06-05", "day"),
])
def test_each_date_form(text: str, words: str, when: str, precision: str):
    found = find_dates(text, TUESDAY)
    assert len(found) == 1, found
    d = found[0]
    assert (d.words, d.when, d.precision) == (words, when, precision)
    assert text[d.start:d.end] == words  # a citation of the exact words


@pytest.mark.parametrize("text", [
    "It breaches resolution 2231 (2015), which halts arms.",  # a number, not a date
    "He may come, she said.",  # "may" is no month
    "The 2,000 troops left.",
])
def test_what_is_not_a_date(text: str):
    assert find_dates(text, TUESDAY) == []


def test_relative_words_without_a_published_date_are_not_placed():
    found = find_dates("It landed on Thursday, and again yesterday.", None)
    assert [d.words for d in found] == ["Thursday", "yesterday"]
    assert not any(d.resolved for d in found)
    assert parse_published("2021-11-02T10:00:00") == TUESDAY
    assert parse_published("Tuesday") is None


def test_offsets_index_the_stored_text_with_odd_spaces():
    # a non-breaking space between month and day, curly quotes before
    text = "“It is over,” he said.\nThe jet landed on November\u00a01 in Israel."
    d = find_dates(text, TUESDAY, start=text.index("The"))[0]
    assert text[d.start:d.end] == "November\u00a01" and d.when == "2021-11-01"


ARTICLE_A = """Jet lands in Valletta

2021-03-10

Anna Berg met Omar Said in Valletta on March 8, the Port Gazette has learned.
"""
ARTICLE_B = """Valletta meeting questioned

2021-03-20

Anna Berg met Omar Said on March 12 at a hotel in Valletta, the Harbour Herald reported.
"""


def _imported(*texts: str) -> Board:
    board = Board()
    # the date each article states, as the Source dock's Edit details would store it
    raws = [replace(read_article_text(t), published=t.split("\n\n")[1][:10])
            for t in texts]
    board.apply(import_edit(board, raws))
    return board


def test_two_articles_dating_the_same_event_differently_are_a_contradiction():
    board = _imported(ARTICLE_A, ARTICLE_B)
    assert {s.published for s in board.sources.values()} == {"2021-03-10", "2021-03-20"}
    conflicts = date_conflicts(board)
    assert len(conflicts) == 1, [c.text(board) for c in conflicts]
    c = conflicts[0]
    assert {c.first_date.when, c.second_date.when} == {"2021-03-08", "2021-03-12"}
    assert "dated" in c.text(board) and "March 8" in c.text(board)
    pairs = [p for p in contradiction_pairs(board) if p.kind == "dates"]
    assert len(pairs) == 1 and {pairs[0].first, pairs[0].second} == {c.first, c.second}
    # the same event on the same day is no conflict
    same = _imported(ARTICLE_A, ARTICLE_B.replace("March 12", "March 8"))
    assert date_conflicts(same) == []


def test_timeline_rows_carry_the_fields_the_cli_prints(demo: Board):
    rows = timeline_rows(demo)
    assert rows == sorted(rows, key=lambda r: (r.first, r.last, r.title.casefold(), r.card))
    for r in rows:
        js = r.as_json()
        assert {"card", "title", "when", "precision", "quote", "source", "published"} <= set(js)
        assert demo.sources[r.source].text[r.start:r.end] == r.words
        assert r.words in demo.sources[r.source].text


def test_a_hand_made_claim_uses_its_cited_sentence():
    src = Source.create("Berg flew to Oslo on June 2, 2020. She denied it.",
                        published="2020-06-10")
    claim = Card.create("claim", "Berg flew to Oslo on June 2, 2020")
    cite = Citation.create(src, 0, 34, card_id=claim.id)
    actor = Card.create("actor", "Berg")
    about = Link.create(claim.id, actor.id, kind="about")
    board = Board()
    board.apply(Edit("t", (src, claim, cite, actor, about)))
    (row,) = timeline_rows(board)
    assert row.when == "2020-06-02" and row.actors == (actor.id,)
    assert row.quote == "Berg flew to Oslo on June 2, 2020."


def test_an_article_without_a_stored_date_is_dated_by_its_dateline():
    from evidenceboard.analysis.dates import article_date
    text = ("Cairo summit denounces a border deal\n\nFrom Wikinews, the free news source\n\n"
            "Saturday, January 11, 2020\n\nOn Wednesday, ministers in Cairo denounced it.")
    src = Source.create(text, title="Cairo summit")
    assert article_date(src) == (date(2020, 1, 11), "dateline")
    claim = Card.create("claim", "On Wednesday, ministers in Cairo denounced it")
    start = text.index("On Wednesday")
    cite = Citation.create(src, start, len(text), card_id=claim.id)
    board = Board()
    board.apply(Edit("t", (src, claim, cite)))
    (row,) = timeline_rows(board)
    assert row.when == "2020-01-08" and row.published == "2020-01-11"
    # a stored date wins; a body date in the first lines is no dateline
    assert article_date(replace(src, published="2020-01-12"))[1] == "published"
    other = Source.create("Title\n\nOn January 11, 2020 the talks began.")
    assert article_date(other) == (None, "")


def test_a_claims_own_date_conflicts_are_found_from_its_relations():
    from evidenceboard.analysis.dates import date_conflicts_of
    board = _imported(ARTICLE_A, ARTICLE_B)
    (conflict,) = date_conflicts(board)
    assert date_conflicts_of(board, conflict.first) == [conflict]
    assert date_conflicts_of(board, conflict.second) == [conflict]
    other = next(c.id for c in board.cards.values() if c.kind == "actor")
    assert date_conflicts_of(board, other) == []
