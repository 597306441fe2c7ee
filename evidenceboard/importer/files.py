"""Importing files from disk: articles (text, Markdown, HTML) and board interchange files.

Used by the CLI and by drag and drop in the app.  Everything is read and checked before
anything is changed; the result is one edit.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from ..formats import detect_format, read_interchange
from ..model import Board, Edit
from .corrections import Corrections
from .reading import RawArticle, read_article_file
from .to_board import ProgressFn, import_edit, summary_of

ARTICLE_SUFFIXES = {".txt", ".text", ".md", ".markdown", ".html", ".htm", ""}




def check_article_files(files: Sequence[Path]) -> None:
    """Read every article file of ``files`` (not interchange files) without a board.

    Raises ValueError naming the first bad file and its problem; reading is quick, so
    callers use this to refuse bad input before they open (and so touch) a board.
    """
    for f in files:
        if detect_format(f) is not None:
            continue
        try:
            read_article_file(f)
        except ValueError as e:
            raise ValueError(f"{f}: {e}") from None


def import_files_edit(board: Board, files: Sequence[Path], *,
                      progress: ProgressFn | None = None,
                      is_cancelled: Callable[[], bool] | None = None,
                      corrections: Corrections | None = None,
                      group: bool = False) -> tuple[Edit, str]:
    """Read ``files`` and return one edit adding all of them, with a summary line.
    ``group``: each article's new cards arrive in a group titled with the article.

    Raises ValueError (ArticleError or InterchangeError) naming the file and the problem.
    """
    articles: list[RawArticle] = []
    other: list[Edit] = []
    for f in files:
        fmt = detect_format(f)
        if fmt is not None:
            try:
                other.append(read_interchange(f, board))
            except ValueError as e:
                raise ValueError(f"{f}: {e}") from None
            continue
        try:
            articles.append(read_article_file(f))
        except ValueError as e:
            raise ValueError(f"{f}: {e}") from None
    edit = import_edit(board, articles, progress=progress, is_cancelled=is_cancelled,
                       corrections=corrections, group=group)
    for extra in other:
        edit = Edit(edit.description if articles else extra.description,
                    edit.puts + extra.puts, edit.deletes + extra.deletes)
    if edit.is_empty():
        return edit, "nothing new to import: the board already holds these articles"
    summary = summary_of(board, edit)
    n = len(board.alias_table) if corrections is None else 0
    if articles and n:
        summary += f"; the board's {n} correction{'s' if n != 1 else ''} applied"
    return edit, summary
