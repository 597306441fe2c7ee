"""What hostile-but-small files cost (issue 11 item 11), against a baseline measured in
the same run.  Prints a table:

    .venv/bin/python bench/hostile_files.py [--gb 1.0]

* checking a board made sparse (``truncate`` to N GB: a few real pages, the rest holes):
  time and bytes the private copy takes in the temporary folder, against a plain full
  copy of the same file (what the check did before);
* CSV export of a board whose one card has a 10 MB title and 70 links: bytes written,
  against the board's own text (the title once).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from evidenceboard.document import Document
from evidenceboard.formats.csv_format import write_csv
from evidenceboard.model import Board, Card, Citation, Link, Source, edits
from evidenceboard.store import check_board_file
from evidenceboard.store.file_copy import _copy_file


def _sparse_board(folder: Path, gb: float) -> Path:
    path = folder / "sparse.evboard"
    doc = Document.create(path)
    doc.apply(edits.put("seed", *[Card.create("note", f"card {i}") for i in range(100)]))
    doc.close()
    os.truncate(path, int(gb * 1024**3))
    return path


def _blocks(path: Path) -> int:
    return path.stat().st_blocks * 512


def sparse(folder: Path, gb: float) -> list[tuple[str, str, str]]:
    path = _sparse_board(folder, gb)
    t0 = time.perf_counter()
    full = folder / "full-copy"
    shutil.copyfile(path, full)  # the baseline: what the check copied before
    t_full = time.perf_counter() - t0
    full_bytes = _blocks(full)
    full.unlink()
    t0 = time.perf_counter()
    check_board_file(path)
    t_check = time.perf_counter() - t0
    holes = folder / "hole-copy"
    _copy_file(path, holes)  # (what the check's copy takes when the header counts all)
    hole_bytes = _blocks(holes)
    holes.unlink()
    return [
        (f"check of a {gb:g} GB sparse board", f"{t_check:.2f} s",
         f"full copy alone {t_full:.2f} s ({t_full / max(t_check, 1e-6):.0f}x)"),
        ("  its private copy on disk", "header pages only",
         f"full copy {full_bytes / 1024**2:,.0f} MB; hole-keeping copy "
         f"{hole_bytes / 1024**2:,.1f} MB"),
    ]


def csv_size(folder: Path) -> list[tuple[str, str, str]]:
    title = "T" * 10_000_000
    src = Source.create("The minister met the general in Cairo. " * 5, title=title)
    hub = Card.create("actor", title, actor_type="person")
    others = [Card.create("actor", f"other {i}", actor_type="person") for i in range(70)]
    links = [Link.create(hub.id, o.id, label="met") for o in others]
    cites = [Citation.create(src, 4, 12, link_id=link.id) for link in links]
    board = Board.from_entities([src, hub, *others, *links, *cites])
    t0 = time.perf_counter()
    paths = write_csv(board, folder / "case.csv")
    elapsed = time.perf_counter() - t0
    total = sum(p.stat().st_size for p in paths)
    return [("CSV of one 10 MB title, 70 links", f"{total / 1e6:,.1f} MB in {elapsed:.2f} s",
             f"the title itself {len(title) / 1e6:.1f} MB ({total / len(title):.2f}x)")]


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--gb", type=float, default=1.0, help="apparent size of the sparse board")
    args = p.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-hostile-") as tmp:
        rows = sparse(Path(tmp), args.gb) + csv_size(Path(tmp))
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    head = ("case", "now", "baseline (same run)")
    widths = [max(w, len(h)) for w, h in zip(widths, head, strict=True)]
    for row in (head, tuple("-" * w for w in widths), *rows):
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
