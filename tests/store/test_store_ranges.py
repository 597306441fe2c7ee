"""Every value has a range (docs/FORMAT.md, "Ranges"): a file of an older format holding
values past them is upgraded into them, the original kept; the current format cannot
hold them at all; a source whose text no longer matches its fingerprint is refused."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest
from store_boards import write_old_board

from evidenceboard.document import Document
from evidenceboard.export.report import report_html
from evidenceboard.formats import InterchangeError
from evidenceboard.formats.board_json import board_json_bytes, read_board_json
from evidenceboard.model import Board, Card, Citation, Link, Source, edits, sha256_text
from evidenceboard.model.entities import (
    COORD_LIMIT,
    MAX_ALIASES,
    MAX_CARD_SIZE,
    MAX_SOURCE_TEXT,
    MAX_TITLE,
)
from evidenceboard.store import (
    SCHEMA_VERSION,
    DamagedBoardError,
    check_board_file,
    create_board_file,
)
from evidenceboard.store.migrations import backup_path

TEXT = "Haftar flew to Tel Aviv on Monday, officials said."


def _bombs() -> list:
    src = Source(id="s", text=TEXT, sha256=sha256_text(TEXT), title="T" * 5000)
    far = Card(id="far", kind="actor", title="Far away", x=1e10, y=-1e12,
               actor_type="person")
    huge = Card(id="huge", kind="note", title="H" * (MAX_TITLE + 500), width=1e6,
                height=1e6, aliases=tuple(f"a{i}" for i in range(MAX_ALIASES + 10)))
    home = Card(id="home", kind="claim", title="Home", x=10.0, y=20.0, stance="asserts",
                width=0.25, height=120.0)
    link = Link(id="l", from_id="far", to_id="home", label="L" * 20_000)
    cite = Citation(id="c", source_id="s", quote=TEXT[:6], start=0, end=6, card_id="home")
    return [src, far, huge, home, link, cite]


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("version", [1, 2])
def test_an_older_board_with_absurd_values_is_upgraded_into_the_ranges(tmp_path: Path,
                                                                       version: int):
    path = write_old_board(tmp_path / "old.evboard", version, _bombs())
    original = sha(path)
    check = check_board_file(path)
    # x, y of "far"; width, height, title, aliases of "huge"; width of "home"; the
    # source's title; the link's label.
    assert check.needs_migration and check.out_of_range == 9
    doc = Document.open(path)
    try:
        b = doc.board
        far, huge, home = b.cards["far"], b.cards["huge"], b.cards["home"]
        assert (far.x, far.y) == (COORD_LIMIT, -COORD_LIMIT)
        assert (huge.width, huge.height) == (MAX_CARD_SIZE, MAX_CARD_SIZE)
        assert len(huge.title) <= MAX_TITLE and huge.title.endswith("…")
        assert len(huge.aliases) == MAX_ALIASES
        assert home.width == 1.0 and (home.x, home.y) == (10.0, 20.0)
        assert len(b.sources["s"].title) == 1000
        assert b.citations["c"].quote == TEXT[:6]  # what the board proves is untouched
        doc.apply(edits.move_cards(b, {"far": (5.0, 5.0)}))  # and it is a board to edit
    finally:
        doc.close()
    assert sha(backup_path(path, version)) == original
    again = check_board_file(path)
    assert again.version == SCHEMA_VERSION and not again.needs_migration


def test_an_older_board_whose_article_is_too_long_is_refused_not_cut(tmp_path: Path):
    text = "a" * (MAX_SOURCE_TEXT + 1)
    src = Source(id="s", text=text, sha256=sha256_text(text))
    path = write_old_board(tmp_path / "old.evboard", 2, [src])
    before = sha(path)
    with pytest.raises(DamagedBoardError, match="cannot upgrade from format 2: a source's "
                                                "text is too long"):
        Document.open(path)
    assert sha(path) == before


def test_an_edited_article_is_refused_as_the_json_import_refuses_it(tmp_path: Path):
    """Issue 11 item 6: ``check`` and opening say what the board JSON import says."""
    src = Source(id="s", text=TEXT, sha256=sha256_text(TEXT), title="Landing")
    card = Card(id="c", kind="claim", title="flew", stance="asserts")
    cite = Citation(id="q", source_id="s", quote="flew", start=7, end=11, card_id="c")
    path = create_board_file(tmp_path / "b.evboard", [src, card, cite])
    con = sqlite3.connect(path)
    con.execute("UPDATE source SET text = replace(text, 'Monday', 'Friday')")
    con.commit()
    con.close()
    with pytest.raises(DamagedBoardError, match="the text of the source Landing no longer "
                                                "matches its sha256 fingerprint"):
        check_board_file(path)
    with pytest.raises(DamagedBoardError, match="no longer matches its sha256"):
        Document.open(path)
    with pytest.raises(DamagedBoardError, match="no longer matches its sha256"):
        Document.open(path, read_only=True)
    edited = Source(id="s", text=TEXT.replace("Monday", "Friday"), sha256=src.sha256,
                    title="Landing")
    board = Board.from_entities([edited, card, cite])
    with pytest.raises(InterchangeError, match="sha256 does not match the source text"):
        read_board_json(json.loads(board_json_bytes(board)))
    # A board held in memory (a paste, a test) is reported with the source flagged and
    # its citations broken.
    html = report_html(board, figure=False)  # (the text; the figure is painted by Qt)
    assert "1 source whose text was changed" in html
    assert "Sources whose text no longer matches its sha256 (1)" in html
    assert "does not match the text" in html
    assert "1 broken citation" in html
