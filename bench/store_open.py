"""Benchmark: validating, opening, editing and closing a big board file.

    .venv/bin/python bench/store_open.py [--cards 10000] [--links 15000] [--repeat 5]

Prints the best of ``--repeat`` runs of each step (run it on a quiet machine).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from evidenceboard.document import Document
from evidenceboard.model import edits
from evidenceboard.store import BoardStore, check_board_file
from evidenceboard.synthetic import write_synthetic_board


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times) * 1000


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cards", type=int, default=10_000)
    ap.add_argument("--links", type=int, default=15_000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.evboard"
        write_synthetic_board(path, cards=args.cards, links=args.links)
        size = path.stat().st_size / 1024**2
        rows: list[tuple[str, float]] = []
        rows.append(("check_board_file", best(lambda: check_board_file(path), args.repeat)))

        stores: list[BoardStore] = []

        def open_load() -> None:
            store = BoardStore.open(path)
            store.load()
            stores.append(store)

        times = []
        for _ in range(args.repeat):
            for store in stores:
                store.close()
            stores.clear()
            t = time.perf_counter()
            open_load()
            times.append(time.perf_counter() - t)
        for store in stores:
            store.close()
        rows.append(("open (validate) + load", min(times) * 1000))
        doc = Document.open(path)
        card = next(iter(doc.board.cards))
        doc.apply(edits.move_cards(doc.board, {card: (0.0, 0.0)}))  # imports SQLAlchemy
        n = [0]

        def move() -> None:
            n[0] += 1
            doc.apply(edits.move_cards(doc.board, {card: (float(n[0]), 1.0)}))

        rows.append(("commit (move one card)", best(move, args.repeat * 4)))
        ids = list(doc.board.cards)[:200]

        def move_many() -> None:
            n[0] += 1
            doc.apply(edits.move_cards(doc.board, {i: (float(n[0]), 2.0) for i in ids}))

        rows.append(("commit (move 200 cards)", best(move_many, args.repeat)))
        t = time.perf_counter()
        doc.close()
        rows.append(("close (checkpoint, VACUUM INTO, rename)",
                     (time.perf_counter() - t) * 1000))
        def read_only() -> None:
            with BoardStore.open(path, read_only=True) as ro:
                ro.load()

        rows.append(("open read-only (snapshot) + load", best(read_only, args.repeat)))
    print(f"board: {args.cards} cards, {args.links} links, {size:.1f} MB")
    print(f"{'step':42s} {'ms':>8s}")
    for name, ms in rows:
        print(f"{name:42s} {ms:8.1f}")


if __name__ == "__main__":
    main()
