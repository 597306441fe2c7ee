"""The demo board: built by the importer from seeds/, metadata only as the texts state it,
the analyst's links applied like user-drawn links, created on first run."""

from __future__ import annotations

import json

from evidenceboard.demo import ANNOTATIONS, demo_board_path, demo_edit, seed_articles
from evidenceboard.document import Document
from evidenceboard.model import Board
from evidenceboard.paths import seeds_dir


def test_meta_states_only_what_the_texts_state():
    meta = json.loads((seeds_dir() / "meta.json").read_text("utf-8"))
    for name, fields in meta.items():
        if name.startswith("_"):
            continue
        text = (seeds_dir() / name).read_text("utf-8")
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        for key, value in fields.items():
            if key == "title":
                # the first line that is not a breadcrumb ("News / North Africa")
                first = next(line for line in lines if " / " not in line)
                assert value == first, name
            elif key == "published":
                assert f"date {value}" in text, name
            elif key == "outlet":
                for part in value.split(" / "):
                    assert part in text, (name, part)
            else:
                assert value in text, (name, key)
    articles = {a.text[:40]: a for a in seed_articles()}
    assert any(a.outlet == "Press TV" for a in articles.values())


def test_the_analyst_links_are_labelled_and_land_on_importer_claims():
    spec = json.loads((seeds_dir() / ANNOTATIONS).read_text("utf-8"))
    assert "ANALYST" in " ".join(spec["_about"]).upper()
    board = Board()
    board.apply(demo_edit())
    drawn = [lk for lk in board.links.values() if "analyst" in lk.label]
    assert len(drawn) == len(spec["links"])
    for lk in drawn:
        for end in (lk.from_id, lk.to_id):
            card = board.cards[end]
            # the claim card was made by the importer: it cites a whole sentence, longer
            # than the analyst's quote (demo.py makes a card from the quote only if no
            # importer claim holds it)
            assert card.kind == "claim"
            cited = [c.quote for c in board.citations_of(card.id)]
            analyst = {e[s]["quote"] for e in spec["links"] for s in ("from", "to")}
            assert cited and all(q not in analyst for q in cited)
            assert any(a in q for q in cited for a in analyst)
        quotes = {c.quote for c in board.citations_of(lk.id)}
        wanted = {e[s]["quote"] for e in spec["links"] for s in ("from", "to")}
        assert quotes <= wanted and len(quotes) == 2


def test_first_run_creates_the_demo_board_once_and_replaces_a_damaged_one():
    path = demo_board_path()
    assert path.exists()
    stamp = path.stat().st_mtime_ns
    assert demo_board_path() == path and path.stat().st_mtime_ns == stamp
    doc = Document.open(path, read_only=True)
    try:
        assert len(doc.board.sources) == 5
    finally:
        doc.close()
    path.write_bytes(b"not a board")
    again = demo_board_path()
    assert again == path
    assert path.with_name("demo.damaged.evboard").exists()
    doc = Document.open(path, read_only=True)
    try:
        assert len(doc.board.sources) == 5
    finally:
        doc.close()
