"""Two copies of the demo board edited apart, for the merge tests.

``edited_apart(folder)`` writes ``mine.evboard`` (the demo board, edited by Ada) and
``theirs.evboard`` (a copy of it made with Save a Copy, then edited by Grace) and
returns what each side did, so the tests can check every change arrives once.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from evidenceboard.demo import write_demo_board
from evidenceboard.document import Document
from evidenceboard.model import Board, Card, Citation, Link, edits


def card_named(board: Board, title: str) -> Card:
    return next(c for c in board.cards.values() if c.title == title)


@dataclass
class Apart:
    mine: Path
    theirs: Path
    #: what Grace (theirs) did that should arrive in mine: check name -> (card title, ...)
    theirs_moves: dict[str, tuple[float, float]] = field(default_factory=dict)
    theirs_renames: dict[str, str] = field(default_factory=dict)
    theirs_new: list[str] = field(default_factory=list)  # ids of new cards, links, citations
    theirs_deleted: list[str] = field(default_factory=list)
    theirs_graded: dict[str, int] = field(default_factory=dict)  # citation id -> credibility
    mine_moves: dict[str, tuple[float, float]] = field(default_factory=dict)
    mine_renames: dict[str, str] = field(default_factory=dict)
    mine_new: list[str] = field(default_factory=list)
    mine_deleted: list[str] = field(default_factory=list)
    #: conflicts expected: card ids
    conflicts: set[str] = field(default_factory=set)
    same_change: str = ""
    hafter: str = ""


def _move(doc: Document, title: str, pos: tuple[float, float]) -> str:
    card = card_named(doc.board, title)
    doc.apply(edits.move_cards(doc.board, {card.id: pos}))
    return card.id


def _rename(doc: Document, title: str, new: str) -> str:
    card = card_named(doc.board, title)
    doc.apply(edits.rename_card(card, new))
    return card.id


def _new_card_with_link(doc: Document, title: str, to: str, kind: str = "note",
                        quote_source: int | None = None) -> list[str]:
    card = Card.create(kind, title, x=5000.0, y=5000.0 + len(title) * 10)
    target = card_named(doc.board, to)
    link = Link.create(card.id, target.id, label=f"{title} link", kind="about")
    puts: list = [card, link]
    if quote_source is not None:
        source = sorted(doc.board.sources.values(), key=lambda s: s.id)[quote_source]
        puts.append(Citation.create(source, 0, 40, card_id=card.id))
    doc.apply(edits.put(f"Add {title}", *puts))
    return [e.id for e in puts]


def _delete(doc: Document, title: str) -> list[str]:
    card = card_named(doc.board, title)
    edit = edits.delete_items(doc.board, [card.id])
    doc.apply(edit)
    return [i for _k, i in edit.deletes]


def edited_apart(folder: Path) -> Apart:
    mine_path = write_demo_board(folder / "mine.evboard")
    doc = Document.open(mine_path)
    doc.author = "Ada"
    # an edit before the copy: in both histories
    doc.apply(edits.move_cards(doc.board, {card_named(doc.board, "Jordan").id: (10.0, 10.0)}))
    theirs_path = doc.save_copy(folder / "theirs.evboard")
    a = Apart(mine_path, theirs_path)

    # ---- Ada, on mine
    a.mine_moves[_move(doc, "Israel", (1000.0, 2000.0))] = (1000.0, 2000.0)
    a.mine_renames[_rename(doc, "Twitter", "X (Twitter)")] = "X (Twitter)"
    a.mine_new += _new_card_with_link(doc, "Ada's note", "Libya")
    a.mine_deleted += _delete(doc, "Middle East Eye")
    source = sorted(doc.board.sources.values(), key=lambda s: s.id)[0]
    doc.apply(edits.grade_source(source, "B"))
    jerusalem = _rename(doc, "Jerusalem", "Al-Quds / Jerusalem")
    sudan = _move(doc, "Sudan", (-3000.0, -3000.0))
    a.same_change = _move(doc, "Dubai", (500.0, 500.0))
    france = card_named(doc.board, "France")
    doc.apply(edits.edit_card(france, "Edit card", body="Ada's notes on France"))
    doc.close()

    # ---- Grace, on theirs
    doc = Document.open(theirs_path)
    doc.author = "Grace"
    a.theirs_moves[_move(doc, "Egypt", (-1000.0, 300.0))] = (-1000.0, 300.0)
    a.theirs_renames[_rename(doc, "Anadolu", "Anadolu Agency")] = "Anadolu Agency"
    a.theirs_new += _new_card_with_link(doc, "Grace's claim", "Libya", kind="claim",
                                        quote_source=1)
    hafter = Card.create("actor", "Abdulhamid Dbeiba", actor_type="person", x=6000.0, y=0.0)
    doc.apply(edits.put("Add actor", hafter))
    a.hafter = hafter.id
    a.theirs_deleted += _delete(doc, "Makor Rishon")
    a.theirs_deleted += _delete(doc, "Cyprus")  # with its link and citations
    cite = next(c for c in sorted(doc.board.citations.values(), key=lambda c: c.id)
                if c.card_id is not None and doc.board.cards[c.card_id].kind == "claim")
    doc.apply(edits.update(replace(cite, credibility=2), "Grade citation"))
    a.theirs_graded[cite.id] = 2
    _rename(doc, "Jerusalem", "Jerusalem (city)")
    _move(doc, "Sudan", (3000.0, 3000.0))
    _move(doc, "Dubai", (500.0, 500.0))
    _delete(doc, "France")
    doc.close()
    a.conflicts = {jerusalem, sudan, france.id}
    return a
