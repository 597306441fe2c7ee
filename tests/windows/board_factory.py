"""Small real board files for the window tests (imported by conftest and tests)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from evidenceboard.document import Document
from evidenceboard.model import Card, Citation, Edit, Link, Source

SOURCE_TEXT = ("Khalifa Haftar met Abdul Hamid Dbeibah in Rome on Tuesday.\r\n"
               "The meeting 😀 was \u00a0confirmed by “two officials”.\n"
               "שלום עולם — a Hebrew line.\n"
               "Haftar denied any deal.")


@dataclass
class SmallBoard:
    path: Path
    source: Source
    haftar: Card
    dbeibah: Card
    claim: Card
    note: Card
    link: Link


def make_small_board(path: Path) -> SmallBoard:
    """A closed board file with one source, three cards, a link and citations."""
    doc = Document.create(path)
    source = Source.create(SOURCE_TEXT, title="Rome meeting", outlet="Example Post",
                           published="2024-05-02")
    haftar = Card.create("actor", "Khalifa Haftar", actor_type="person", x=0, y=0,
                         aliases=("Haftar",))
    dbeibah = Card.create("actor", "Abdul Hamid Dbeibah", actor_type="person", x=420, y=0)
    start = SOURCE_TEXT.index("Haftar denied")
    claim = Card.create("claim", "Haftar denied any deal.", speaker="Khalifa Haftar",
                        stance="denies", x=200, y=220)
    note = Card.create("note", "Check the date", body="Was it Tuesday?", x=-300, y=200)
    link = Link.create(haftar.id, dbeibah.id, label="met", confidence="confirmed")
    cites = [
        Citation.create(source, 0, 14, card_id=haftar.id),
        Citation.create(source, start, len(SOURCE_TEXT), card_id=claim.id),
        Citation.create(source, 0, SOURCE_TEXT.index(" in Rome"), link_id=link.id),
    ]
    doc.apply(Edit("Seed", (source, haftar, dbeibah, claim, note, link, *cites)))
    doc.close()
    return SmallBoard(path, source, haftar, dbeibah, claim, note, link)
