"""Time and size of every export format (and of importing it back) on a small board and a
10,000-card synthetic board.  Prints a table; run alone on a quiet machine:

    .venv/bin/python bench/export_bench.py [--cards 10000 --links 20000]

The small board is the demo board.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from evidenceboard.document import Document
from evidenceboard.export.run import export_board_files
from evidenceboard.formats import parse_interchange
from evidenceboard.formats.incoming import merge_edit
from evidenceboard.model import Board
from evidenceboard.synthetic import write_synthetic_board

FORMATS = [("json", "b.json"), ("canvas", "b.canvas"), ("graphml", "b.graphml"),
           ("ftm", "b.ftm.jsonl"), ("csv", "b.csv"), ("report", "b.html"),
           ("report", "b.pdf")]


def small_board(folder: Path) -> tuple[str, Path]:
    from evidenceboard.demo import write_demo_board
    return "demo", write_demo_board(folder / "demo.evboard")


def measure(label: str, path: Path, folder: Path) -> None:
    doc = Document.open(path, read_only=True)
    board = doc.board
    doc.close()
    c = board.counts()
    print(f"\n{label}: {c['cards']} cards, {c['links']} links, {c['citations']} citations, "
          f"{c['sources']} sources")
    print(f"{'format':<14}{'size':>12}{'export s':>10}{'import s':>10}")
    for fmt, name in FORMATS:
        out = folder / f"{label}-{name}"
        t = time.perf_counter()
        written = export_board_files(board, fmt, out)
        t_export = time.perf_counter() - t
        size = sum(p.stat().st_size for p in written)
        t_import = ""
        if fmt != "report":
            t = time.perf_counter()
            incoming = parse_interchange(written[0])
            merge_edit(Board(), incoming)
            t_import = f"{time.perf_counter() - t:.2f}"
        shown = f"{fmt} ({Path(name).suffix})" if fmt == "report" else fmt
        print(f"{shown:<14}{size / 1e6:>10.2f}MB{t_export:>10.2f}{t_import:>10}")


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--cards", type=int, default=10_000)
    p.add_argument("--links", type=int, default=20_000)
    args = p.parse_args()
    print(f"load average before: {os.getloadavg()}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        label, small = small_board(folder)
        measure(label, small, folder)
        big = write_synthetic_board(folder / "big.evboard", cards=args.cards,
                                    links=args.links)
        measure(f"synthetic {args.cards}", big, folder)
    print(f"\nload average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
