"""Every field of every entity survives a real file: written, closed, reopened, read."""

from __future__ import annotations

import sqlite3
from dataclasses import fields, replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_boards import by_id, every_field_entities

from evidenceboard.document import Document
from evidenceboard.model import (
    AliasEntry,
    Card,
    Citation,
    Group,
    Link,
    Setting,
    Source,
    edits,
    sha256_text,
)
from evidenceboard.model.entities import COORD_LIMIT, MAX_CARD_SIZE, MIN_CARD_SIZE
from evidenceboard.store import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    BoardStore,
    check_board_file,
    create_board_file,
)


def reopen(path: Path):
    check_board_file(path)
    with BoardStore.open(path) as store:
        return store.load()


def assert_exactly_equal(a, b) -> None:
    """Equal field by field, with the same Python types (a float stays a float, a bool a
    bool, a tuple a tuple, None stays None)."""
    assert type(a) is type(b)
    for f in fields(a):
        x, y = getattr(a, f.name), getattr(b, f.name)
        assert type(x) is type(y), (f.name, x, y)
        assert x == y, (f.name, x, y)


def test_created_file_round_trips_every_field(tmp_path: Path):
    entities = every_field_entities()
    path = create_board_file(tmp_path / "all.evboard", entities)
    board = reopen(path)
    got = by_id(board.entities())
    want = by_id(entities)
    assert got.keys() == want.keys()
    for key, e in want.items():
        assert_exactly_equal(e, got[key])


def test_edits_round_trip_every_field_after_close(tmp_path: Path):
    """The same entities written edit by edit through an open store, then closed."""
    path = tmp_path / "edits.evboard"
    doc = Document.create(path)
    entities = every_field_entities()
    for kind in (Setting, Source, Group, Card, Link, Citation, AliasEntry):
        doc.apply(edits.put("add", *[e for e in entities if isinstance(e, kind)]))
    doc.close()
    assert not Path(f"{path}-wal").exists(), "a closed board is one self-contained file"
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert con.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    con.close()
    board = reopen(path)
    assert by_id(board.entities()) == by_id(entities)
    for e in entities:
        assert_exactly_equal(e, board.find(e.id))


def test_updates_and_deletes_round_trip(tmp_path: Path):
    path = tmp_path / "upd.evboard"
    doc = Document.create(path)
    entities = every_field_entities()
    doc.apply(edits.put("all", *entities))
    board = doc.board
    actor = next(c for c in board.cards.values() if c.kind == "actor" and c.aliases)
    # Every optional field back to None / empty, every boolean flipped.
    doc.apply(edits.update(replace(actor, color=None, aliases=(), body="b", title="t",
                                   actor_type="vessel")))
    link = next(link for link in board.links.values() if link.unsourced)
    doc.apply(edits.update(replace(link, unsourced=False, direction="forward", label="x")))
    src = next(s for s in board.sources.values() if s.title is not None)
    doc.apply(edits.update(replace(src, title=None, outlet=None, author=None, published=None,
                                   url=None, reliability=None)))
    cite = next(c for c in board.citations.values() if c.credibility == 1)
    doc.apply(edits.update(replace(cite, credibility=None)))
    doc.apply(edits.delete_items(board, [next(iter(board.cards))]))
    doc.apply(edits.set_setting("name", "renamed"))
    want = by_id(board.entities())
    doc.close()
    assert by_id(reopen(path).entities()) == want


def test_loaded_values_have_model_types(tmp_path: Path):
    """Integers written as positions come back as floats; 0/1 as booleans."""
    a = Card(id="a", kind="note", title="n", x=3, y=-7, width=10, height=20)  # ints
    b = Card(id="b", kind="note", title="m")
    link = Link(id="l", from_id="a", to_id="b", unsourced=True)
    path = create_board_file(tmp_path / "t.evboard", [a, b, link])
    board = reopen(path)
    assert all(type(getattr(board.cards["a"], f)) is float for f in ("x", "y", "width",
                                                                      "height"))
    assert board.links["l"].unsourced is True
    assert type(board.cards["a"].aliases) is tuple


_text = st.text(max_size=40)
_opt_text = st.none() | _text
# Any value a board may hold: the declared ranges, edges included (docs/FORMAT.md).
_num = st.floats(min_value=-COORD_LIMIT, max_value=COORD_LIMIT)
_size = st.floats(min_value=MIN_CARD_SIZE, max_value=MAX_CARD_SIZE)


@st.composite
def boards(draw):
    text = draw(st.text(min_size=1, max_size=200))
    src = Source(id="s", text=text, sha256=sha256_text(text), title=draw(_opt_text),
                 outlet=draw(_opt_text), author=draw(_opt_text), published=draw(_opt_text),
                 url=draw(_opt_text),
                 reliability=draw(st.none() | st.sampled_from("ABCDEF")))
    kind = draw(st.sampled_from(["actor", "claim", "note"]))
    card = Card(id="c", kind=kind, title=draw(_text), body=draw(_text), x=draw(_num),
                y=draw(_num), width=draw(_size), height=draw(_size),
                color=draw(st.none() | st.sampled_from(["#000000", "#fFfFfF"])),
                actor_type=draw(st.sampled_from(["person", "vessel", "other"]))
                if kind == "actor" else None,
                aliases=tuple(draw(st.lists(_text, max_size=4))),
                stance=draw(st.sampled_from(["asserts", "denies"])) if kind == "claim"
                else None, speaker=draw(_opt_text))
    link = Link(id="l", from_id="c", to_id="c", label=draw(_text), kind=draw(_text),
                direction=draw(st.sampled_from(["forward", "none", "both"])),
                confidence=draw(st.sampled_from(["confirmed", "unconfirmed", "disputed"])),
                unsourced=draw(st.booleans()))
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, len(text)))
    cite = Citation(id="q", source_id="s", quote=text[start:end], start=start, end=end,
                    card_id="c" if draw(st.booleans()) else None,
                    credibility=draw(st.none() | st.integers(1, 6)))
    if cite.card_id is None:
        cite = replace(cite, link_id="l")
    return [Setting(draw(_text), draw(_text)), src, card, link, cite]


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entities=boards())
def test_any_values_round_trip(tmp_path_factory: pytest.TempPathFactory, entities):
    path = tmp_path_factory.mktemp("rt") / "b.evboard"
    create_board_file(path, entities)
    assert by_id(reopen(path).entities()) == by_id(entities)
