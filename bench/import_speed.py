"""Time the importer (prints a table; asserts nothing).  Run alone on an idle machine:
.venv/bin/python bench/import_speed.py"""

from __future__ import annotations

import time

from evidenceboard.demo import seed_articles
from evidenceboard.importer.extract import extract
from evidenceboard.importer.reading import read_article_text
from evidenceboard.importer.to_board import import_edit
from evidenceboard.model import Board


def timed(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def main() -> None:
    seeds = seed_articles()
    big = (seeds[4].text + "\n\n") * 290  # ~1.9 MB: near the 2 MB limit
    page = ("<!DOCTYPE html><html><body><article>" + "".join(
        f"<p>Officials in Tripoli said on day {i} that the convoy had reached Benghazi, "
        f"according to Reuters.</p>" for i in range(20000)) + "</article><script>"
        + "var x=1;" * 300000 + "</script></body></html>")
    rows = [
        ("extract the 5 seeds", timed(lambda: [extract(a.text) for a in seeds])),
        ("demo import edit (5 seeds + layout)", timed(lambda: import_edit(Board(), seeds))),
        (f"import one {len(big.encode()) / 1e6:.1f} MB text", timed(
            lambda: import_edit(Board(), [read_article_text(big)]), 1)),
        (f"read a {len(page) / 1e6:.1f} MB HTML page", timed(
            lambda: read_article_text(page), 1)),
    ]
    print(f"{'what':<40}{'seconds':>8}")
    for what, s in rows:
        print(f"{what:<40}{s:>8.2f}")


if __name__ == "__main__":
    main()
