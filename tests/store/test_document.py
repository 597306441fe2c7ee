"""Document: the file is written first, then the board changes and views are told."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_child import first_edit, numbered_edit

from evidenceboard.document import Document
from evidenceboard.model import BoardError, Card, Edit, Link, edits
from evidenceboard.store import BoardStore, ReadOnlyError


def file_cards(path: Path) -> set[str]:
    with BoardStore.open(path, read_only=True) as store:
        return set(store.load().cards)


def test_views_hear_of_an_edit_only_once_it_is_in_the_file(tmp_path: Path):
    path = tmp_path / "d.evboard"
    doc = Document.create(path)
    seen: list[tuple[str, set[str]]] = []
    # A listener reads the file when told: the edit must already be there.
    doc.board.subscribe(lambda event: seen.append(("event", file_cards(path))))
    doc.on_committed(lambda edit: seen.append(("committed", file_cards(path))))
    doc.apply(first_edit())
    assert seen == [("event", {"card-0"}), ("committed", {"card-0"})]
    doc.close()


def test_a_refused_edit_changes_nothing_anywhere(tmp_path: Path):
    path = tmp_path / "d.evboard"
    doc = Document.create(path)
    doc.apply(first_edit())
    calls = []
    doc.board.subscribe(calls.append)
    doc.on_committed(calls.append)
    bad = Edit("bad", (Link(id="l", from_id="card-0", to_id="nobody"),))
    with pytest.raises(BoardError):
        doc.apply(bad)
    assert calls == [] and set(doc.board.links) == set()
    assert doc.apply(Edit("empty")) is None  # an empty edit is not written or shown
    doc.close()
    assert file_cards(path) == {"card-0"}


def test_create_refuses_an_existing_file(tmp_path: Path):
    path = tmp_path / "d.evboard"
    path.write_bytes(b"keep")
    with pytest.raises(FileExistsError):
        Document.create(path)
    assert path.read_bytes() == b"keep"


def test_read_only_document(tmp_path: Path):
    path = tmp_path / "d.evboard"
    doc = Document.create(path)
    doc.apply(first_edit())
    doc.close()
    ro = Document.open(path, read_only=True)
    assert ro.read_only and ro.name == "d" and ro.path == path.absolute()
    with pytest.raises(ReadOnlyError):
        ro.apply(numbered_edit(1))
    assert set(ro.board.cards) == {"card-0"}
    ro.close()


def test_undo_through_the_document_restores_the_file(tmp_path: Path):
    path = tmp_path / "d.evboard"
    doc = Document.create(path)
    doc.apply(first_edit())
    card = Card.create("actor", "Haftar", actor_type="person")
    inverses = []
    for make in (lambda: edits.put("add", card),
                 lambda: edits.move_cards(doc.board, {"card-0": (5.0, 6.0)})):
        step = make()
        inverses.append(doc.board.inverse(step))
        doc.apply(step)
    for inverse in reversed(inverses):
        doc.apply(inverse)
    doc.close()
    with BoardStore.open(path) as store:
        board = store.load()
    assert set(board.cards) == {"card-0"}
    assert (board.cards["card-0"].x, board.cards["card-0"].y) == (0.0, 0.0)
