"""The bundled demo board, built from the articles in ``seeds/`` by the importer.

The board is what any user gets by importing the five seed articles, plus the links of
``seeds/analyst_links.json``: contradictions an analyst drew by hand (the importer's rules
cannot see them), applied here exactly like links a user draws between two claim cards,
each citing its two quotes.  Nothing in this module knows what the articles say.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from .importer.reading import RawArticle, read_article_file
from .importer.to_board import import_edit
from .model import Board, Card, Citation, Edit, Link, Setting, Source
from .model.edits import add_link
from .paths import seeds_dir, user_data_dir
from .store import FILE_SUFFIX, BoardFileError, check_board_file, create_board_file

DEMO_NAME = "Haftar affair (demo)"
ANNOTATIONS = "analyst_links.json"


def seed_articles() -> list[RawArticle]:
    """The seed articles with the metadata the texts themselves state (seeds/meta.json)."""
    folder = seeds_dir()
    meta = json.loads((folder / "meta.json").read_text("utf-8")) \
        if (folder / "meta.json").exists() else {}
    articles = []
    for path in sorted(folder.glob("*.txt")):
        raw = read_article_file(path)
        stated = {k: v for k, v in meta.get(path.name, {}).items()
                  if k in ("title", "outlet", "author", "published", "url")}
        articles.append(replace(raw, **stated))
    return articles


def _source_named(board: Board, folder: Path, name: str) -> Source:
    text = (folder / name).read_text("utf-8")
    for s in board.sources.values():
        if s.text == text:
            return s
    raise KeyError(f"no source for {name}")


def _claim_citing(board: Board, source: Source, quote: str) -> tuple[str | None, int, int]:
    """The claim card citing a sentence of ``source`` that contains ``quote``, and where
    the quote is in the source."""
    start = source.text.find(quote)
    if start < 0:
        raise ValueError(f"quote not found in {source.title}: {quote[:60]}")
    end = start + len(quote)
    for c in sorted(board.citations_in(source.id), key=lambda c: c.start):
        card = board.cards.get(c.card_id) if c.card_id else None
        if card is not None and card.kind == "claim" and c.start <= start and end <= c.end:
            return card.id, start, end
    return None, start, end


def annotation_edit(board: Board, folder: Path | None = None) -> Edit:
    """The analyst's links of ``seeds/analyst_links.json``, as user-drawn links."""
    folder = folder or seeds_dir()
    path = folder / ANNOTATIONS
    if not path.exists():
        return Edit("Analyst links")
    spec = json.loads(path.read_text("utf-8"))
    puts: list = []
    work = Board.from_entities([*board.sources.values(), *board.cards.values(),
                                *board.links.values(), *board.citations.values()])
    for entry in spec.get("links", []):
        ends = []
        for side in ("from", "to"):
            src = _source_named(work, folder, entry[side]["source"])
            card_id, s, e = _claim_citing(work, src, entry[side]["quote"])
            if card_id is None:
                # The analyst's quote is no claim card yet: make one from the selection,
                # as "New claim from selection" does.
                card = Card.create("claim", entry[side]["quote"], speaker=None)
                cite = Citation.create(src, s, e, card_id=card.id)
                work.apply(Edit("claim", (card, cite)))
                puts += [card, cite]
                card_id = card.id
            ends.append((card_id, src, s, e))
        (a, sa, s1, e1), (b, sb, s2, e2) = ends
        link = Link.create(a, b, kind=entry.get("kind", "contradicts"),
                           label=entry.get("label", "contradicts (analyst)"))
        cites = [Citation.create(sa, s1, e1, link_id=link.id),
                 Citation.create(sb, s2, e2, link_id=link.id)]
        edit = add_link(work, link, cites)
        work.apply(edit)
        puts += list(edit.puts)
    return Edit("Analyst links", tuple(puts))


def demo_edit(board: Board | None = None) -> Edit:
    board = board or Board()
    edit = import_edit(board, seed_articles())
    work = Board.from_entities([*board.sources.values(), *board.cards.values(),
                                *board.links.values(), *board.citations.values()])
    work.apply(edit)
    analyst = annotation_edit(work)
    puts = edit.puts + analyst.puts + (Setting("name", DEMO_NAME),)
    return Edit("Seed demo board", puts)


def write_demo_board(path: Path) -> Path:
    """Write the demo board to ``path`` (which must not exist)."""
    return create_board_file(path, demo_edit().puts)


def demo_board_path() -> Path:
    """The user's demo board, created on first run (or re-created if it was damaged)."""
    path = user_data_dir() / f"demo{FILE_SUFFIX}"
    if path.exists():
        try:
            check_board_file(path)
            return path
        except BoardFileError:
            path.replace(path.with_name(f"demo.damaged{FILE_SUFFIX}"))
    return write_demo_board(path)
