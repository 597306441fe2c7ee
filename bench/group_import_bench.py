"""Importing articles as groups (issue 13, item 5): what placing each group in a free
region of its own costs, and whether the frames stay apart.

    .venv/bin/python bench/group_import_bench.py [--runs 3] [--cards 0,5000]

For each board size (0: an empty board; n: a synthetic board of n cards) the articles
(the shared real articles when present, else the seeds) are imported in one go, plainly
and as groups, runs interleaved.  Prints medians (s) of the whole import edit and of
the placement in it (``place_new_cards`` / ``place_groups``), and for the import as
groups the pairs of overlapping frames and the cards lying in a frame not their own
(both must be 0).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import evidenceboard.importer.to_board as to_board  # noqa: E402
from evidenceboard.importer.files import import_files_edit  # noqa: E402
from evidenceboard.model import Board  # noqa: E402
from evidenceboard.model.group_edits import frame_rect  # noqa: E402
from evidenceboard.synthetic import synthetic_entities  # noqa: E402

SPENT: dict[str, float] = {}


def _timed(name: str):
    real = getattr(to_board, name)

    def wrapper(*args, **kwargs):
        t = time.perf_counter()
        try:
            return real(*args, **kwargs)
        finally:
            SPENT[name] = SPENT.get(name, 0.0) + time.perf_counter() - t
    setattr(to_board, name, wrapper)


def _articles() -> list[Path]:
    for base in (ROOT.parent, ROOT.parent.parent):
        folder = base / "shared" / "articles"
        if folder.is_dir():
            return sorted(p for p in folder.iterdir()
                          if p.suffix in (".txt", ".html", ".md") and p.name != "SOURCES.md")
    return sorted((ROOT / "seeds").glob("*.txt"))


def _meets(a, b) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def _frame_problems(board: Board) -> tuple[int, int]:
    rects = {g: frame_rect(board, g) for g in board.groups}
    ids = sorted(rects)
    pairs = sum(_meets(rects[a], rects[b]) for n, a in enumerate(ids) for b in ids[n + 1:])
    covered = sum(1 for g, r in rects.items() for c in board.cards.values()
                  if c.group_id != g and _meets(r, (c.x, c.y, c.width, c.height)))
    return pairs, covered


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--cards", default="0,5000")
    args = ap.parse_args()
    _timed("place_new_cards")
    _timed("place_groups")
    files = _articles()
    print(f"{len(files)} articles from {files[0].parent}")
    for n in (int(x) for x in args.cards.split(",")):
        base = Board.from_entities(list(synthetic_entities(n, 2 * n))) if n else Board()
        import_files_edit(Board(), files[:1])  # warm up the extractor
        times: dict[str, list[float]] = {}
        problems = (0, 0)
        for _ in range(args.runs):
            for group in (False, True):
                SPENT.clear()
                t = time.perf_counter()
                edit, _summary = import_files_edit(base, files, group=group)
                total = time.perf_counter() - t
                mode = "groups" if group else "plain"
                times.setdefault(f"{mode} import", []).append(total)
                times.setdefault(f"{mode} placing", []).append(sum(SPENT.values()))
                if group:
                    after = Board.from_entities(list(base.entities()))
                    after.apply(edit)
                    problems = _frame_problems(after)
        row = " | ".join(f"{k} {statistics.median(v):.2f} s" for k, v in times.items())
        print(f"{n} cards: {row} | overlapping frames {problems[0]}, "
              f"cards in a frame not theirs {problems[1]}")


if __name__ == "__main__":
    main()
