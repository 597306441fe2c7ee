"""History in the board file: every committed edit with when, by whom and what, the
file's lineage, and the copies that keep (or leave out) it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from headless import needs_pyside
from store_boards import every_field_entities

from evidenceboard.document import Document
from evidenceboard.model import Card, Citation, Source, edits
from evidenceboard.model.history import SINCE, decode, revert
from evidenceboard.store import SCHEMA_VERSION, BoardStore, check_board_file, create_board_file
from evidenceboard.store.ddl import DDL


def _board(tmp_path: Path, name: str = "b.evboard") -> Document:
    path = create_board_file(tmp_path / name, every_field_entities())
    doc = Document.open(path)
    doc.author = "Ada"
    return doc


def test_the_history_is_a_schema_version_of_its_own():
    assert SINCE <= SCHEMA_VERSION
    assert {"lineage", "history", "history_change"} <= {
        s.split()[2] for s in DDL[SINCE] if s.startswith("CREATE TABLE")}
    assert not any("history" in s for s in DDL[SINCE - 1])


def test_every_committed_edit_is_recorded_with_who_when_and_what(tmp_path: Path):
    doc = _board(tmp_path)
    card = next(c for c in doc.board.cards.values() if c.kind == "actor")
    doc.apply(edits.move_cards(doc.board, {card.id: (123.0, 456.0)}))
    doc.author = "Grace"
    doc.apply(edits.edit_card(doc.board.cards[card.id], "Rename card", title="Renamed"))
    path = doc.path
    doc.close()
    assert check_board_file(path).version == SCHEMA_VERSION
    with BoardStore.open(path, read_only=True) as store:
        history = store.history()
    first, second = history.entries
    assert (first.seq, first.author, first.description) == (1, "Ada", "Move card")
    assert (second.seq, second.author, second.description) == (2, "Grace", "Rename card")
    assert first.at.endswith("Z") and first.board == history.lineage.id  # type: ignore[union-attr]
    (move,) = history.changes[first.id]
    assert (move.kind, move.item) == ("card", card.id)
    before, after = decode("card", move.before), decode("card", move.after)  # type: ignore[arg-type]
    assert before == card and isinstance(after, Card) and (after.x, after.y) == (123.0, 456.0)
    assert [e.id for e in history.entries_about(card.id)] == [first.id, second.id]


def test_reverting_the_history_gives_the_board_as_it_was(tmp_path: Path):
    doc = _board(tmp_path)
    start = {e.id: e for e in doc.board.entities()}
    card = next(c for c in doc.board.cards.values() if c.kind == "actor")
    doc.apply(edits.move_cards(doc.board, {card.id: (5.0, 5.0)}))
    doc.apply(edits.delete_items(doc.board, [card.id]))
    doc.apply(edits.put("Add", Card.create("note", "new")))
    history = doc.history()
    back = revert(doc.board, history.local(), history.changes)
    got = {e.id: e for e in back.entities()}
    assert got.keys() == start.keys()
    for id_, e in start.items():
        if isinstance(e, Source):  # the history knows a text by its sha256
            assert got[id_].sha256 == e.sha256  # type: ignore[union-attr]
        else:
            assert got[id_] == e
    doc.close()


@needs_pyside
def test_undo_is_recorded_as_undoing_its_entry(tmp_path: Path, qapp):
    from evidenceboard.commands.controller import EditController

    doc = _board(tmp_path)
    controller = EditController(doc)
    card = next(iter(doc.board.cards.values()))
    controller.do(edits.move_cards(doc.board, {card.id: (9.0, 9.0)}))
    controller.stack.undo()
    controller.stack.redo()
    entries = doc.history().entries
    assert [e.description for e in entries] == ["Move card"] * 3
    assert entries[1].undoes == entries[0].id and entries[2].undoes == entries[1].id
    assert doc.history().in_effect() == {entries[0].id, entries[2].id}
    doc.close()


def test_a_copy_has_its_own_id_and_knows_where_it_came_from(tmp_path: Path):
    doc = _board(tmp_path)
    card = next(iter(doc.board.cards.values()))
    doc.apply(edits.move_cards(doc.board, {card.id: (1.0, 2.0)}))
    copy = doc.save_copy(tmp_path / "copy.evboard")
    mine = doc.history()
    with BoardStore.open(copy, read_only=True) as store:
        theirs = store.history()
    assert mine.lineage and theirs.lineage
    assert theirs.lineage.id != mine.lineage.id
    assert (theirs.lineage.root, theirs.lineage.copied_from) == (mine.lineage.root,
                                                                 mine.lineage.id)
    assert [e.id for e in theirs.entries] == [e.id for e in mine.entries]
    doc.close()


def test_a_shared_copy_without_history_or_with_redacted_sources(tmp_path: Path):
    doc = _board(tmp_path)
    card = next(iter(doc.board.cards.values()))
    doc.apply(edits.move_cards(doc.board, {card.id: (1.0, 2.0)}))
    source = next(iter(doc.board.sources.values()))
    cited = [c.id for c in doc.board.citations_in(source.id)]
    assert cited
    stripped = doc.save_copy(tmp_path / "stripped.evboard", strip_history=True)
    redacted = doc.save_copy(tmp_path / "redacted.evboard", redact=[source.id])
    marks = [e for e in doc.history().entries if e.description.startswith("Shared a copy")]
    assert len(marks) == 2
    for path, mark in ((stripped, marks[0]), (redacted, marks[1])):
        check_board_file(path)
        with BoardStore.open(path, read_only=True) as store:
            history, board = store.history(), store.load()
        assert history.entries == [] and history.lineage is not None
        assert history.lineage.base == mark.id
    assert source.id not in board.sources
    assert not [c for c in board.citations.values() if isinstance(c, Citation) and
                c.source_id == source.id]
    assert not set(cited) & set(board.citations)
    # Nothing of the redacted text is left anywhere in the file's bytes.
    needle = source.text[:60].encode("utf-8")
    assert needle not in redacted.read_bytes()
    assert needle in stripped.read_bytes()
    doc.close()


def test_an_older_board_upgraded_gets_a_lineage_and_keeps_it(tmp_path: Path):
    from store_boards import without_newer_fields, write_old_board

    path = write_old_board(tmp_path / "old.evboard", SINCE - 1,
                           without_newer_fields(every_field_entities(), SINCE - 1))
    doc = Document.open(path)
    lineage = doc.history().lineage
    assert lineage is not None and lineage.root == lineage.id
    doc.close()
    con = sqlite3.connect(path)
    assert con.execute("SELECT count(*) FROM lineage").fetchone()[0] == 1
    con.close()
