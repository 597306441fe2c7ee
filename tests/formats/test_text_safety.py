"""What the exporters write stays readable whatever the board's text holds, and reads
back as it was (issue 11 item 11):

* every XML writer (SVG, framed and not; GraphML) writes a file an XML reader opens, for
  titles holding every character XML cannot (Word's Shift+Enter is a vertical tab);
* a CSV round trip keeps text that starts like a formula or with an apostrophe;
* one 10 MB title costs about 10 MB of CSV, not one copy per row that names its card;
* a JSON number too long for Python says so plainly, not in Python's words.
"""

from __future__ import annotations

import csv
import xml.dom.minidom
from dataclasses import replace
from pathlib import Path

import pytest
from export_boards import rich_board
from headless import needs_pyside

from evidenceboard.export.run import export_board_files
from evidenceboard.formats import InterchangeError, read_interchange
from evidenceboard.model import Board, Card, Citation, Link, Setting, Source

#: Every C0 control but tab, line feed and carriage return, and U+FFFE/U+FFFF.
XML_ILLEGAL = "".join(chr(c) for c in range(32) if c not in (9, 10, 13)) + "\ufffe\uffff"


def _hostile_board() -> Board:
    board = rich_board()
    entities = []
    for e in board.entities():
        if isinstance(e, Card):
            e = replace(e, title=f"line one\x0bline two {XML_ILLEGAL} {e.title}",
                        body=f"body\x0c{XML_ILLEGAL}")
        elif isinstance(e, Link):
            e = replace(e, label=f"met\x0b{XML_ILLEGAL}")
        elif isinstance(e, Source):
            e = replace(e, title=f"T\x0b{XML_ILLEGAL}", outlet="O\x01")
        elif isinstance(e, Setting) and e.id == "name":
            e = replace(e, value=f"Case\x0b{XML_ILLEGAL}")
        entities.append(e)
    return Board.from_entities(entities)


@pytest.mark.parametrize("fmt,options", [
    pytest.param("svg", {}, marks=needs_pyside),
    pytest.param("svg", {"frame": False}, marks=needs_pyside), ("graphml", {}),
])
def test_every_xml_writer_writes_xml_whatever_the_titles_hold(tmp_path: Path, fmt: str,
                                                              options: dict):
    board = _hostile_board()
    [out] = export_board_files(board, fmt, tmp_path / f"case.{fmt}", name="case", **options)
    doc = xml.dom.minidom.parse(str(out))  # raises on a character XML cannot hold
    text = "".join(n.data for n in _text_nodes(doc))
    assert "line one" in text and "\ufffd" in text
    assert not any(ch in text for ch in XML_ILLEGAL)


def _text_nodes(node):
    for child in node.childNodes:
        if child.nodeType == child.TEXT_NODE:
            yield child
        else:
            yield from _text_nodes(child)


CSV_TITLES = ["'=x", "=1+1", "'hello", "''", "'", "+x", "-3 dead", "@SUM(A1)", "\tTab",
              "''=y", "plain", "it's", "'@"]


def test_a_csv_round_trip_keeps_every_title_and_runs_no_formula(tmp_path: Path):
    cards = [Card.create("note", t, x=i * 300.0, y=0.0) for i, t in enumerate(CSV_TITLES)]
    board = Board.from_entities(cards)
    paths = export_board_files(board, "csv", tmp_path / "case.csv")
    with open(paths[0], newline="", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    for row in rows:  # a spreadsheet sees no formula
        assert not row["title"].startswith(("=", "+", "-", "@", "\t"))
    new = Board()
    new.apply(read_interchange(paths[0], new))
    assert sorted(c.title for c in new.cards.values()) == sorted(CSV_TITLES)


def test_one_long_title_costs_its_length_once_in_csv(tmp_path: Path):
    """The longest title a card may have on a card with 40 links and citations (it used
    to be written again in every link row and every citation row: a 10 MB title made
    1.4 GB for 70 links; titles are now bounded too)."""
    from evidenceboard.model.entities import SPECS
    limit = next(f.spec.max_length for f in SPECS["card"].fields if f.name == "title")
    title = "T" * limit
    src = Source.create("The minister met the general in Cairo. " * 5, title=title)
    hub = Card.create("actor", title, actor_type="person")
    others = [Card.create("actor", f"other {i}", actor_type="person") for i in range(40)]
    links = [Link.create(hub.id, o.id, label=title[:1000]) for o in others]
    cites = [Citation.create(src, 4, 12, link_id=link.id) for link in links]
    cites += [Citation.create(src, 17, 24, card_id=hub.id)]
    board = Board.from_entities([src, hub, *others, *links, *cites])
    paths = export_board_files(board, "csv", tmp_path / "case.csv")
    total = sum(p.stat().st_size for p in paths)
    # (written again in every row it would be 81 x the title: over 800,000 bytes)
    assert total < 2 * len(title) + 180_000, f"{total:,} bytes"
    new = Board()
    new.apply(read_interchange(paths[0], new))
    assert len(new.links) == 40
    assert any(c.title == title for c in new.cards.values())  # its own row: in full


@pytest.mark.parametrize("name,text", [
    ("big.json", '{"format": "evidenceboard", "version": 1, "cards": [{"x": %s}]}'),
    ("big.canvas", '{"nodes": [{"id": "a", "type": "text", "text": "x", "x": %s, '
                   '"y": 0, "width": 10, "height": 10}], "edges": []}'),
])
def test_a_number_too_long_for_python_is_refused_in_our_words(tmp_path: Path, name: str,
                                                              text: str):
    path = tmp_path / name
    path.write_text(text % ("1" * 5000), "utf-8")
    with pytest.raises(InterchangeError) as e:
        read_interchange(path, Board())
    message = str(e.value)
    assert "5,000 digits" in message
    assert "sys." not in message and "set_int_max_str_digits" not in message
