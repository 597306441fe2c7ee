"""Print the importer's scores against the gold annotations, per article set.

Sets: the five seeds (demo board), three articles about another affair, the two later
held-out articles (d, e), the blind article f, and, when this machine has them, the eight
shared real articles (``../shared/articles`` or ``$EVIDENCEBOARD_SHARED_ARTICLES``; they
are not in the repository) -- all eight on one board, then the dev half and the held-out
half each on its own board (see the split in tests/importer/data/gold_shared_articles.json).

Run: .venv/bin/python bench/importer_scores.py [--summary]   (prints tables; asserts nothing)
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "importer"))

import scoring


def _sets():
    """(label, build) pairs; build() returns (board, ids, gold, articles) or None."""
    def fixed(folder: str | None, gold: str):
        def build():
            board, ids = scoring.seed_board() if folder is None \
                else scoring.other_affair_board(folder)
            return board, ids, scoring.load_gold(gold), None
        return build

    def shared(split: str | None):
        def build():
            gold = scoring.load_gold("gold_shared_articles.json")
            keys = None if split is None else gold["splits"][split]
            built = scoring.shared_board(keys)
            if built is None:
                return None
            board, ids = built
            return board, ids, gold, set(keys) if keys else None
        return build

    return [
        ("seeds (5, demo board)", fixed(None, "gold_seeds.json")),
        ("other affair (a-c)", fixed("other_affair", "gold_other_affair.json")),
        # d and e were written after the rules, first scored blind, then tuned on.
        # First-run figures: d actors R 0.889 P 0.889, claims R 0.80, speakers 0.50;
        # e actors R 0.941 P 0.889, claims R 1.00, speakers 0.875.
        ("held-out d", fixed("held_out", "gold_held_out.json")),
        ("held-out e", fixed("held_out_2", "gold_held_out_2.json")),
        # Written after every rule change of its round and never tuned on.
        ("blind f", fixed("held_out_3", "gold_held_out_3.json")),
        ("shared oa1-oa8 (one board)", shared(None)),
        ("shared dev (oa1 oa3 oa5 oa7)", shared("dev")),
        ("shared held-out (oa2 oa4 oa6 oa8)", shared("held_out")),
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--summary", action="store_true", help="only the summary table")
    args = ap.parse_args()
    rows: list[tuple[str, dict[str, float | None]]] = []
    shared_missing = False
    for label, build in _sets():
        t0 = time.perf_counter()
        built = build()
        if built is None:
            shared_missing = True
            continue
        board, ids, gold, articles = built
        sc = scoring.score(board, gold, ids, articles)
        rows.append((label, sc.row()))
        if not args.summary:
            print(sc.table(f"== {label} ==  (built in {time.perf_counter() - t0:.2f} s)"))
            print()
    if shared_missing:
        print("shared articles: skipped (no ../shared/articles here; set "
              f"${scoring.SHARED_ENV} to the folder to score them)\n")
    heads = list(rows[0][1]) if rows else []
    print(f"{'set':<36}" + "".join(f"{h:>10}" for h in heads))
    for label, row in rows:
        print(f"{label:<36}" + "".join(f"{'-':>10}" if row[h] is None else f"{row[h]:>10.3f}"
                                       for h in heads))


if __name__ == "__main__":
    main()
