"""Corrections made on a board are kept in its alias table (in the file) and applied to
the next article imported into it, headless and by `evidenceboard import` (issue 14
part 4).  Real board files on disk, reopened between steps; articles of our own
(tests/importer/correction_articles.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from correction_articles import FIRST, SECOND, THIRD

from evidenceboard.document import Document
from evidenceboard.importer.corrections import corrections_of
from evidenceboard.importer.extract import extract
from evidenceboard.importer.reading import read_article_text
from evidenceboard.importer.to_board import import_edit
from evidenceboard.model import Board, Card, edits


def actor(board: Board, title: str) -> Card:
    return next(c for c in board.cards.values() if c.kind == "actor" and c.title == title)


def titles(board: Board) -> set[str]:
    return {c.title for c in board.cards.values() if c.kind == "actor"}


def quotes_in(board: Board, card: Card, text: str) -> list[str]:
    src = next(s for s in board.sources.values() if s.text == text)
    return sorted(c.quote for c in board.citations_of(card.id) if c.source_id == src.id)


def speaker_of(board: Board, words: str) -> str | None:
    claim = next(c for c in board.cards.values() if c.kind == "claim" and words in c.title)
    spoken = [lk.from_id for lk in board.links_of(claim.id)
              if lk.to_id == claim.id and lk.kind in ("states", "denies")]
    return board.cards[spoken[0]].title if spoken else None


def imported(path: Path, text: str) -> None:
    doc = Document.open(path)
    try:
        doc.apply(import_edit(doc.board, [read_article_text(text)]))
    finally:
        doc.close()


def corrected(path: Path, make) -> None:
    doc = Document.open(path)
    try:
        doc.apply(make(doc.board))
    finally:
        doc.close()


def reopened(path: Path) -> Board:
    doc = Document.open(path, read_only=True)
    try:
        return doc.board
    finally:
        doc.close()


def first_board_corrected(tmp_path: Path) -> Path:
    """FIRST imported, then: the bare "Maersk" merged into the company, "Lloyd" and
    "List Intelligence" (halves of a data provider) not actors, the port a place."""
    path = tmp_path / "case.evboard"
    Document.create(path).close()
    imported(path, FIRST)
    b = reopened(path)
    assert {"Maersk", "A.P. Moller-Maersk", "Lloyd", "List Intelligence"} <= titles(b)
    corrected(path, lambda b: edits.merge_actors(
        b, [actor(b, "A.P. Moller-Maersk").id, actor(b, "Maersk").id],
        keep=actor(b, "A.P. Moller-Maersk").id))
    corrected(path, lambda b: edits.reject_actors(
        b, [actor(b, "Lloyd").id, actor(b, "List Intelligence").id]))
    corrected(path, lambda b: edits.retype_actors(b, [actor(b, "Port of Haifa").id], "place"))
    return path


def test_corrections_are_in_the_file_and_the_next_import_applies_them(tmp_path):
    path = first_board_corrected(tmp_path)
    b = reopened(path)
    table = {(e.rule, e.name): e.value for e in b.alias_table.values()}
    assert table == {("alias", "Maersk"): "A.P. Moller-Maersk",
                     ("reject", "Lloyd"): None, ("reject", "List Intelligence"): None,
                     ("type", "Port of Haifa"): "place"}
    imported(path, SECOND)
    b = reopened(path)
    company = actor(b, "A.P. Moller-Maersk")
    assert "Maersk" not in titles(b) and "Lloyd" not in titles(b) \
        and "List Intelligence" not in titles(b)
    # the merged spelling went to the merged card, not to the ship it was read into
    assert quotes_in(b, company, SECOND) == ["Maersk"]
    assert quotes_in(b, actor(b, "Nexoe Maersk"), SECOND) == ["Nexoe Maersk"]
    assert speaker_of(b, "reviewing its charter contracts") == "A.P. Moller-Maersk"
    assert speaker_of(b, "second cargo") is None  # "Lloyd" no longer speaks
    assert actor(b, "Port of Haifa").actor_type == "place"
    # the type sticks in extraction too, not only on the card that is there
    ext = extract(SECOND, corrections_of(b))
    assert {a.name: a.actor_type for a in ext.actors}["Port of Haifa"] == "place"


def test_a_split_alias_stays_separate_in_later_imports(tmp_path):
    path = tmp_path / "split.evboard"
    Document.create(path).close()
    imported(path, SECOND)  # reads "Maersk" as a spelling of the ship
    b = reopened(path)
    ship = actor(b, "Nexoe Maersk")
    assert "Maersk" in ship.aliases
    corrected(path, lambda b: edits.split_alias(b, actor(b, "Nexoe Maersk").id, "Maersk"))
    corrected(path, lambda b: edits.retype_actors(b, [actor(b, "Nexoe Maersk").id], "vessel"))
    b = reopened(path)
    company = actor(b, "Maersk")
    assert quotes_in(b, company, SECOND) == ["Maersk"]
    assert speaker_of(b, "reviewing its charter contracts") == "Maersk"
    imported(path, THIRD)  # reads "Maersk" into the ship again, left to itself
    b = reopened(path)
    assert quotes_in(b, actor(b, "Maersk"), THIRD) == ["Maersk"]
    assert quotes_in(b, actor(b, "Nexoe Maersk"), THIRD) == ["Nexoe Maersk"]
    assert "Maersk" not in actor(b, "Nexoe Maersk").aliases
    assert actor(b, "Nexoe Maersk").actor_type == "vessel"
    assert speaker_of(b, "end the charter") == "Maersk"


def test_without_the_table_the_same_import_repeats_the_mistakes(tmp_path):
    """The control: the same articles into a board nobody corrected."""
    path = tmp_path / "plain.evboard"
    Document.create(path).close()
    imported(path, FIRST)
    imported(path, SECOND)
    b = reopened(path)
    assert {"Maersk", "Lloyd"} <= titles(b)
    assert speaker_of(b, "reviewing its charter contracts") != "A.P. Moller-Maersk"


def test_a_renamed_card_still_gets_its_spellings(tmp_path):
    path = first_board_corrected(tmp_path)
    corrected(path, lambda b: edits.rename_card(actor(b, "A.P. Moller-Maersk"), "Maersk Group"))
    imported(path, SECOND)
    b = reopened(path)
    assert quotes_in(b, actor(b, "Maersk Group"), SECOND) == ["Maersk"]


def test_cli_import_applies_the_board_corrections(tmp_path):
    path = first_board_corrected(tmp_path)
    article = tmp_path / "second.txt"
    article.write_text(SECOND, encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "evidenceboard", "import", str(path),
                        str(article)], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert "the board's 4 corrections applied" in r.stdout
    b = reopened(path)
    assert quotes_in(b, actor(b, "A.P. Moller-Maersk"), SECOND) == ["Maersk"]
    assert "Lloyd" not in titles(b)
