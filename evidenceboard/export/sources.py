"""The chart's list of sources: each cited article numbered, and the footnote marks that
refer to those numbers.

A chart on paper cannot open the article behind a card, so — as a report does — every
card and link carries the numbers of the sources it cites ("1, 3–4"), and the chart's
sources block says what each number is: title, outlet, author, date and address.
Numbers follow the publication date (undated articles last), then the title, so the
same board always numbers its sources the same way.  The provenance report uses the
same numbers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..model import Board, Source


@dataclass(frozen=True)
class SourceEntry:
    number: int
    source: Source
    text: str  # "Title. Outlet, author, 2021-11-02. https://..."


def _order(src: Source) -> tuple:
    return (src.published is None, src.published or "", src.shown_title.casefold(), src.id)


def cited_sources(board: Board) -> list[Source]:
    """The sources something on ``board`` cites, in numbering order."""
    ids = {c.source_id for c in board.citations.values()
           if c.source_id in board.sources
           and (c.owner_id in board.cards or c.owner_id in board.links)}
    return sorted((board.sources[i] for i in ids), key=_order)


def number_sources(board: Board) -> dict[str, int]:
    """Source id -> its number (from 1) for the sources cited on ``board``."""
    return {s.id: i for i, s in enumerate(cited_sources(board), start=1)}


def entry_text(src: Source) -> str:
    """What the list says about one source; says so when the article states no title,
    outlet or date, rather than leaving a reader to guess."""
    title = src.shown_title  # the stated title, else the text's first sentence
    who = ", ".join(p for p in (src.outlet, src.author) if p) or "outlet not stated"
    when = src.published or "undated"
    text = f"{title}. {who}, {when}."
    if src.url:
        text += f" {src.url}"
    if src.reliability:
        text += f" Reliability {src.reliability}."
    return text


def source_entries(board: Board) -> list[SourceEntry]:
    return [SourceEntry(i, s, entry_text(s))
            for i, s in enumerate(cited_sources(board), start=1)]


def compress(numbers: list[int]) -> str:
    """[1, 2, 3, 5] -> "1–3, 5"."""
    nums = sorted(set(numbers))
    out: list[str] = []
    i = 0
    while i < len(nums):
        j = i
        while j + 1 < len(nums) and nums[j + 1] == nums[j] + 1:
            j += 1
        out.append(str(nums[i]) if j == i else
                   f"{nums[i]}, {nums[j]}" if j == i + 1 else f"{nums[i]}–{nums[j]}")
        i = j + 1
    return ", ".join(out)


def marks_function(board: Board, numbers: dict[str, int]) -> Callable[[str], str]:
    """item id -> its footnote marks: the numbers of the sources its citations come from."""
    def marks(item_id: str) -> str:
        return compress([numbers[c.source_id] for c in board.citations_of(item_id)
                         if c.source_id in numbers])
    return marks


__all__ = ["SourceEntry", "cited_sources", "compress", "entry_text", "marks_function",
           "number_sources", "source_entries"]
