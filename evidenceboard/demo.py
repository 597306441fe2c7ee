"""The bundled demo board, built from the articles in ``seeds/`` by the importer."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from .importer.reading import RawArticle, read_article_file
from .importer.to_board import import_edit
from .model import Board, Edit, Setting
from .paths import seeds_dir, user_data_dir
from .store import FILE_SUFFIX, BoardFileError, check_board_file, create_board_file

DEMO_NAME = "Haftar affair (demo)"


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


def demo_edit(board: Board | None = None) -> Edit:
    board = board or Board()
    edit = import_edit(board, seed_articles())
    return Edit("Seed demo board", edit.puts + (Setting("name", DEMO_NAME),))


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
