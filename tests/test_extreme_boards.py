"""Boards at the edges of every declared range cost what ordinary boards cost.

Issue 11 item 2: finite but absurd values (a linked card at x = 1e10, a 1e6 x 1e6 card,
NaN, x = 1e308) froze the app or crashed an export.  Every value now has a range
(docs/FORMAT.md, "Ranges") that the opener, the importers and the edits keep.  This test
draws boards whose values sit anywhere in those ranges, edges included, and runs on each
what a user does: open it (the store and the canvas with its link index), render it,
lay it out, import an article into it, and export it in every format.

Cost is bounded by memory, counted by ``tracemalloc`` (Python's own allocations: the
link index, placement grids, layouts): the bombs above took 1 to 4 GB; a board of a few
cards at the edges of the ranges takes a few MB.  The ceiling is generous (128 MB), so it
cannot flake, and a pathological case exceeds it by orders of magnitude (a PDF poster
of the whole space is planned without building the millions of pages it would take).
A hang guard (process time, 180 s per operation) stops a runaway without being a timing
assertion: counting allocations makes Python code 2-4x slower, and a loaded shared
machine slower still (an SVG export of an example took 67 s of process time there, about
4 s without counting).
"""

from __future__ import annotations

import os
import re
import time
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QImage, QPainter

from evidenceboard.analysis.layout import layout_new_cards
from evidenceboard.canvas import BoardScene
from evidenceboard.commands.controller import EditController
from evidenceboard.document import Document
from evidenceboard.export.pages import MAX_TILES
from evidenceboard.export.run import export_board_files
from evidenceboard.importer.files import import_files_edit
from evidenceboard.model import Card, Citation, Link, Source, sha256_text
from evidenceboard.model.entities import (
    ACTOR_TYPES,
    COORD_LIMIT,
    MAX_CARD_SIZE,
    MAX_LABEL,
    MIN_CARD_SIZE,
)
from evidenceboard.paths import seeds_dir
from evidenceboard.render import paint_board
from evidenceboard.store import create_board_file

MEMORY_CEILING = 128 * 1024**2
#: A PDF of a board spanning the whole space is a poster of up to 100 pages (export/
#: pages.py MAX_TILES); the grids it tries past that are counted, never built (building
#: them peaked at 705 MB): it gets the same ceiling as every other operation.
CEILINGS: dict[str, int] = {}
HANG_GUARD_S = 180.0
FORMATS = ("json", "canvas", "graphml", "ftm", "csv", "png", "svg", "pdf", "report")
#: Charts as a user makes them of a whole board (the default "screen" preset would ask
#: for a 2,000,000-pixel image of a board spanning the whole space, which is refused).
PRESETS: dict[str, dict[str, object]] = {"png": {"preset": "web"}, "svg": {"preset": "web"},
                                         "pdf": {"preset": "a4"}}
ARTICLE = sorted(seeds_dir().glob("*.txt"))[0]

edge = st.sampled_from([-COORD_LIMIT, COORD_LIMIT, 0.0, -COORD_LIMIT + 0.5,
                        COORD_LIMIT - MAX_CARD_SIZE])
coord = st.one_of(edge, st.floats(min_value=-COORD_LIMIT, max_value=COORD_LIMIT))
size = st.one_of(st.sampled_from([MIN_CARD_SIZE, MAX_CARD_SIZE]),
                 st.floats(min_value=MIN_CARD_SIZE, max_value=MAX_CARD_SIZE))
TEXT = "Haftar flew to Tel Aviv on Monday, two officials said. The ministry denied it."


@st.composite
def extreme_boards(draw) -> list:
    src = Source(id="s", text=TEXT, sha256=sha256_text(TEXT), title="Landing")
    n = draw(st.integers(2, 6))
    cards = []
    for i in range(n):
        kind = draw(st.sampled_from(["actor", "claim", "note"]))
        cards.append(Card(
            id=f"c{i}", kind=kind, title=draw(st.sampled_from(["A", "Khalifa Haftar",
                                                               "word " * 400])),
            x=draw(coord), y=draw(coord), width=draw(size), height=draw(size),
            actor_type=draw(st.sampled_from(ACTOR_TYPES)) if kind == "actor" else None,
            stance="asserts" if kind == "claim" else None))
    links = []
    for k in range(draw(st.integers(1, 8))):
        a, b = draw(st.integers(0, n - 1)), draw(st.integers(0, n - 1))
        links.append(Link(id=f"l{k}", from_id=f"c{a}", to_id=f"c{b}",
                          label=draw(st.sampled_from(["", "met", "x" * MAX_LABEL]))))
    cites = [Citation(id="q", source_id="s", quote=TEXT[:6], start=0, end=6,
                      card_id="c0")]
    return [src, *cards, *links, *cites]


def bounded(what: str, fn):
    """Run ``fn`` and fail if its Python allocations peak over the ceiling."""
    tracemalloc.start()
    started = time.process_time()
    try:
        result = fn()
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    spent = time.process_time() - started
    ceiling = CEILINGS.get(what, MEMORY_CEILING)
    assert peak < ceiling, f"{what} allocated {peak / 1024**2:.0f} MB at its peak"
    assert spent < HANG_GUARD_S, f"{what} ran for {spent:.0f} s"
    return result


@settings(max_examples=int(os.environ.get("EXTREME_EXAMPLES", "5")), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                 HealthCheck.too_slow])
@given(entities=extreme_boards())
def test_every_operation_on_a_board_at_the_limits_is_bounded(
        qtbot, tmp_path_factory: pytest.TempPathFactory, entities):
    folder: Path = tmp_path_factory.mktemp("extreme")
    path = create_board_file(folder / "b.evboard", entities)

    def open_on_canvas():
        doc = Document.open(path)
        scene = BoardScene(EditController(doc))
        return doc, scene

    doc, scene = bounded("opening on the canvas", open_on_canvas)
    try:
        board = doc.board

        def render():
            image = QImage(800, 600, QImage.Format.Format_ARGB32)
            painter = QPainter(image)
            try:
                rect = paint_board(painter, board)
            finally:
                painter.end()
            return rect

        rect = bounded("rendering", render)
        assert rect.width() <= 2 * COORD_LIMIT + 2 * MAX_CARD_SIZE + 1000
        cards = list(board.cards.values())
        links = list(board.links.values())
        positions = bounded("laying out", lambda: layout_new_cards(
            board, cards, links, new_ids={c.id for c in cards}))
        assert all(abs(x) <= 10 * COORD_LIMIT and abs(y) <= 10 * COORD_LIMIT
                   for x, y in positions.values())
        edit, _summary = bounded("importing an article",
                                 lambda: import_files_edit(board, [ARTICLE]))
        doc.apply(edit)  # what the import placed is a board the file accepts
        for c in doc.board.cards.values():
            assert abs(c.x) <= COORD_LIMIT and abs(c.y) <= COORD_LIMIT
        for fmt in FORMATS:
            out = folder / f"out.{fmt}"
            options = PRESETS.get(fmt, {})
            files = bounded(f"exporting {fmt}", lambda fmt=fmt, out=out, o=options:
                            export_board_files(doc.board, fmt, out, **o))
            assert all(f.stat().st_size > 0 for f in files), fmt
    finally:
        scene.clear()
        doc.close()


def test_a_poster_of_a_board_spanning_the_whole_space_stays_small(qtbot, tmp_path: Path):
    """Cards in the four corners of the coordinate space: a readable poster would be
    millions of pages; the export plans the largest allowed one without building the
    others (peak was 705 MB of Python allocations and 89 s of CPU)."""
    src = Source(id="s", text=TEXT, sha256=sha256_text(TEXT), title="Landing")
    far = COORD_LIMIT - MAX_CARD_SIZE
    corners = [(-COORD_LIMIT, -COORD_LIMIT), (far, far), (-COORD_LIMIT, far),
               (far, -COORD_LIMIT), (0.0, 0.0)]
    cards = [Card(id=f"c{i}", kind="actor", title="word " * 400, x=x, y=y,
                  width=MAX_CARD_SIZE, height=MAX_CARD_SIZE, actor_type="person")
             for i, (x, y) in enumerate(corners)]
    links = [Link(id=f"l{i}", from_id=f"c{i}", to_id=f"c{(i + 1) % 5}", label="met")
             for i in range(5)]
    path = create_board_file(tmp_path / "b.evboard", [src, *cards, *links])
    doc = Document.open(path)
    try:
        files = bounded("exporting pdf", lambda: export_board_files(
            doc.board, "pdf", tmp_path / "out.pdf", preset="a4"))
    finally:
        doc.close()
    [pdf] = files
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))
    assert 2 <= pages <= MAX_TILES + 2  # a poster (key page + tiles), within the limit
