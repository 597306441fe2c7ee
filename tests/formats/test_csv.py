"""CSV: three tables read back by the csv module, Excel-friendly bytes, formulas
neutralised, and our cards table imported back with its links."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from export_boards import rich_board

from evidenceboard.formats import InterchangeError, read_interchange
from evidenceboard.formats.csv_format import (
    CARD_COLUMNS,
    CITATION_COLUMNS,
    LINK_COLUMNS,
    csv_paths,
    write_csv,
)
from evidenceboard.model import Board


def _read(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def test_three_tables_with_one_row_per_entity(tmp_path: Path):
    board = rich_board()
    paths = write_csv(board, tmp_path / "case.csv")
    assert [p.name for p in paths] == ["case.cards.csv", "case.links.csv",
                                       "case.citations.csv"]
    for p in paths:
        raw = p.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
        assert b"\r\n" in raw
    cards, links, cites = (_read(p) for p in paths)
    assert tuple(cards[0]) == CARD_COLUMNS and tuple(links[0]) == LINK_COLUMNS
    assert tuple(cites[0]) == CITATION_COLUMNS
    assert {r["id"] for r in cards} == set(board.cards)
    assert {(r["from_id"], r["to_id"]) for r in links} == \
        {(lk.from_id, lk.to_id) for lk in board.links.values()}
    assert len(cites) == len(board.citations)
    haftar = next(r for r in cards if r["id"] == "card-haftar")
    assert haftar["title"] == "Khalifa Haftar" and haftar["x"] == "-120.5"
    assert haftar["aliases"] == "Haftar; General Khalifa Haftar"
    assert haftar["body"] == "Commander of the LNA.\nSecond line."
    claim = next(r for r in cards if r["id"] == "card-claim1")
    assert claim["grade"] == "B2" and claim["citations"] == "1"
    assert claim["quotes"] == ("“Libyan strongman\u00a0Khalifa Haftar flew to Israel on a "
                               "private jet” — Haftar’s jet <b>landed</b>, Haaretz, "
                               "2021-11-02 <https://example.org/a?x=1&y=2> [0–63]")
    son = next(r for r in links if r["id"] == "link-son")
    assert son["from_title"] == "Saddam Haftar" and son["to_title"] == "Khalifa Haftar"
    broken = next(r for r in cites if r["id"] == "cite-broken")
    assert broken["broken"] == "true" and broken["credibility"] == "5"
    hebrew = next(r for r in cites if r["owner_id"] == "card-jet")
    assert hebrew["quote"] == "\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd \U0001F6E9\ufe0f"
    assert (hebrew["start"], hebrew["end"]) == ("161", "173")


def test_text_that_looks_like_a_formula_is_neutralised(tmp_path: Path):
    from dataclasses import replace
    board = rich_board()
    note = board.cards["card-note"]
    board = Board.from_entities([*(e for e in board.entities() if e.id != note.id),
                                 replace(note, title="=HYPERLINK(\"http://x\")",
                                         body="-2+3", x=-50.0)])
    cards_p = write_csv(board, tmp_path / "f.csv")[0]
    row = next(r for r in _read(cards_p) if r["id"] == "card-note")
    assert row["title"] == "'=HYPERLINK(\"http://x\")" and row["body"] == "'-2+3"
    assert row["x"] == "-50.0"  # numbers stay numbers
    new = Board()
    new.apply(read_interchange(cards_p, new))
    assert {c.title for c in new.cards.values()} >= {"=HYPERLINK(\"http://x\")"}


def test_folder_output(tmp_path: Path):
    paths = write_csv(rich_board(), tmp_path / "tables")
    assert [p.relative_to(tmp_path).as_posix() for p in paths] == [
        "tables/cards.csv", "tables/links.csv", "tables/citations.csv"]
    assert csv_paths(tmp_path) == (tmp_path / "cards.csv", tmp_path / "links.csv",
                                   tmp_path / "citations.csv")


def test_cards_table_imports_back_with_its_links(tmp_path: Path):
    board = rich_board()
    cards_p, links_p, cites_p = write_csv(board, tmp_path / "t.csv")
    new = Board()
    new.apply(read_interchange(cards_p, new))
    assert {(c.title, c.kind, c.actor_type, c.stance, c.x, c.y, c.color, c.aliases)
            for c in new.cards.values()} == \
        {(c.title, c.kind, c.actor_type, c.stance, c.x, c.y, c.color, c.aliases)
         for c in board.cards.values()}
    assert len(new.links) == len(board.links)
    claim = next(c for c in new.cards.values() if c.title == "Haftar flew to Israel")
    assert "Quotes (from CSV):\n“Libyan strongman" in claim.body
    for other in (links_p, cites_p):
        with pytest.raises(InterchangeError, match=r"import its cards table t\.cards\.csv"):
            read_interchange(other, Board())


def test_a_foreign_csv_is_refused_clearly(tmp_path: Path):
    path = tmp_path / "people.csv"
    path.write_text("name,age\nAlice,40\n", "utf-8")
    with pytest.raises(InterchangeError, match="not an EvidenceBoard CSV"):
        read_interchange(path, Board())


def _grouped_board() -> Board:
    from evidenceboard.model import group_edits as ge
    board = rich_board()
    board.apply(ge.group_cards(board, ["card-haftar", "card-claim1"], title="Jet trip"))
    return board


def test_a_cards_group_title_is_in_its_row_and_comes_back_as_a_group(tmp_path: Path):
    board = _grouped_board()
    cards_p = write_csv(board, tmp_path / "case.csv")[0]
    rows = {r["id"]: r for r in _read(cards_p)}
    assert rows["card-haftar"]["group"] == rows["card-claim1"]["group"] == "Jet trip"
    assert {r["group"] for i, r in rows.items() if i not in ("card-haftar", "card-claim1")} \
        == {""}
    inc = read_interchange(cards_p, Board())
    back = Board()
    back.apply(inc)
    (gid,) = back.groups
    assert back.groups[gid].title == "Jet trip"
    assert sorted(c.title for c in back.members_of(gid)) == sorted(
        board.cards[i].title for i in ("card-haftar", "card-claim1"))
