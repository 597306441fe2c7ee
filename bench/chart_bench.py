"""Charts exported with the defaults: pages, card-title glyph sizes read back from the PDF,
image sizes and export times, for the demo board and a synthetic board.  Prints a table:

    .venv/bin/python bench/chart_bench.py [--cards 1000 --links 2000]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pypdf
from PySide6.QtGui import QImageReader

from evidenceboard.demo import write_demo_board
from evidenceboard.document import Document
from evidenceboard.export.run import export_board
from evidenceboard.synthetic import write_synthetic_board


def title_sizes(pdf: Path, titles: list[str]) -> tuple[float, float]:
    """Smallest and largest size (pt) of bold or italic runs that are part of a card
    title, on the chart pages (after the key page when there is one)."""
    reader = pypdf.PdfReader(str(pdf))
    sizes: list[float] = []
    pages = reader.pages[1:] if len(reader.pages) > 1 else reader.pages
    for page in pages:
        def visit(text, cm, tm, font, size):
            t = " ".join(text.split()).strip("“”")
            name = str(font.get("/BaseFont", "")) if font else ""
            if len(t) >= 6 and ("Bold" in name or "Oblique" in name) and \
                    any(t in title for title in titles):
                c, d = tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3]
                sizes.append(size * (c * c + d * d) ** 0.5)
        page.extract_text(visitor_text=visit)
    return (min(sizes), max(sizes)) if sizes else (0.0, 0.0)


def measure(label: str, path: Path, folder: Path) -> None:
    doc = Document.open(path, read_only=True)
    board = doc.board
    doc.close()
    titles = [" ".join(c.title.split()) for c in board.cards.values()]
    warnings: list[str] = []
    print(f"\n{label}: {len(board.cards)} cards, {len(board.links)} links, "
          f"{len(board.sources)} sources")
    print(f"{'export':<22}{'result':>34}{'titles':>16}{'seconds':>9}")
    for fmt, opts, what in (("pdf", {}, "PDF, A4 defaults"), ("pdf", {"page_size": "A3"},
                                                               "PDF, A3"),
                            ("png", {}, "PNG default (screen)"),
                            ("png", {"preset": "web"}, "PNG web"),
                            ("svg", {}, "SVG default")):
        out = folder / f"{label}-{what.replace(' ', '_').replace(',', '')}.{fmt}"
        t = time.perf_counter()
        export_board(board, fmt, out, warn=warnings.append, **opts)
        secs = time.perf_counter() - t
        if fmt == "pdf":
            lo, hi = title_sizes(out, titles)
            result = f"{len(pypdf.PdfReader(str(out)).pages)} pages"
            sizes = f"{lo:.2f}–{hi:.2f} pt"
        elif fmt == "png":
            size = QImageReader(str(out)).size()  # (a big PNG exceeds QImage's read limit)
            result = f"{size.width():,} x {size.height():,} px"
            sizes = ""
        else:
            result = f"{out.stat().st_size / 1e6:.1f} MB"
            sizes = ""
        print(f"{what:<22}{result:>34}{sizes:>16}{secs:>9.2f}")
    for w in warnings:
        print(f"  warning: {w}")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--cards", type=int, default=1000)
    p.add_argument("--links", type=int, default=2000)
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        measure("demo", write_demo_board(folder / "demo.evboard"), folder)
        big = folder / "big.evboard"
        write_synthetic_board(big, cards=args.cards, links=args.links, seed=1)
        measure(f"{args.cards} cards", big, folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
