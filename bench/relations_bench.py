"""Relations and placement: deriving relations from claims, and where an import lands.

    .venv/bin/python bench/relations_bench.py [--runs 5] [--cards 1000,10000]
    .venv/bin/python bench/relations_bench.py --found [--unrelated]

``--found``: only the relations found in the shared real articles, each imported on a
board of its own (skipped when the folder is absent): per article, its claims, its claims
naming two or more actors, the relations proposed, then every proposed relation (agent –
label – target, and the claim's sentence) to judge by reading; ``--unrelated`` also lists
the claims naming two or more actors that gave no relation.

Prints medians (ms) of:
  derive_demo        derive_relations on the demo board (its 50 claims), relations removed
  derive_<n>         the same on a synthetic board of n cards (its claims' words are made
                     up, so few relations: this measures the reading, not the finding)
  import_<n>         one seed article imported into an n-card board: the whole import edit
  place_<n>          of which: placing the new cards (analysis/placement)
  layout_<n>         baseline of the same run: the previous placement (layout_new_cards,
                     force layout with the board's cards fixed, nearest free cell)
and, for the import into the demo board of the shared real articles when present, the
number of new cards on top of old ones (must be 0) and the distance from each new card
to its nearest linked card (median, 90th percentile, max).
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from evidenceboard.analysis import placement  # noqa: E402
from evidenceboard.analysis.layout import layout_new_cards, overlaps  # noqa: E402
from evidenceboard.analysis.relations import (  # noqa: E402
    RELATION_KIND,
    actors_of_claim,
    derive_relations,
    relation_links,
)
from evidenceboard.demo import demo_edit, seed_articles  # noqa: E402
from evidenceboard.importer.reading import read_article_file  # noqa: E402
from evidenceboard.importer.to_board import import_edit  # noqa: E402
from evidenceboard.model import Board, Card, Link  # noqa: E402
from evidenceboard.model.edits import delete_items  # noqa: E402
from evidenceboard.synthetic import synthetic_entities  # noqa: E402


def median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def demo_without_relations() -> Board:
    board = Board()
    board.apply(demo_edit())
    board.apply(delete_items(board, [lk.id for lk in relation_links(board)]))
    return board


def measure_size(n: int, article, runs: int) -> list[tuple[str, float]]:
    """derive, import, place and the previous layout on an n-card synthetic board."""
    rows: list[tuple[str, float]] = []
    board = Board.from_entities(synthetic_entities(n, 2 * n))
    rows.append((f"derive_{n}", median_ms(lambda: derive_relations(board), runs)))
    captured: dict[str, tuple] = {}
    real = placement.place_new_cards

    def spy(b, cards, links, cites=(), *, new_ids, **kw):
        captured["args"] = (b, cards, links, list(cites), new_ids, kw)
        return real(b, cards, links, cites, new_ids=new_ids, **kw)

    import evidenceboard.importer.to_board as tb
    tb.place_new_cards = spy
    try:
        rows.append((f"import_{n}", median_ms(lambda: import_edit(board, [article]), runs)))
    finally:
        tb.place_new_cards = real
    b, cards, links, cites, new_ids, kw = captured["args"]
    rows.append((f"place_{n}", median_ms(
        lambda: real(b, cards, links, cites, new_ids=new_ids, **kw), runs)))
    rows.append((f"layout_{n}", median_ms(
        lambda: layout_new_cards(b, cards, links, new_ids=new_ids), runs)))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--cards", default="1000,10000")
    ap.add_argument("--found", action="store_true",
                    help="only list the relations found in the shared articles")
    ap.add_argument("--unrelated", action="store_true",
                    help="with --found: also the claims naming 2+ actors with none")
    args = ap.parse_args()
    if args.found:
        folder = shared_folder()
        if folder is None:
            print("shared articles: skipped (no ../shared/articles here)")
        else:
            report_found(folder, unrelated=args.unrelated)
        return
    rows: list[tuple[str, float]] = []
    demo = demo_without_relations()
    derive_relations(demo)  # lemminflect's tables load once per process
    rows.append(("derive_demo", median_ms(lambda: derive_relations(demo), args.runs)))
    article = seed_articles()[0]
    for n in (int(x) for x in args.cards.split(",")):
        rows += measure_size(n, article, args.runs)
    print(f"{'metric':<16}{'median ms':>12}")
    for name, ms in rows:
        print(f"{name:<16}{ms:>12.1f}")
    shared = shared_folder()
    if shared is not None:
        report_shared(shared)


def shared_folder() -> Path | None:
    return next((p for p in (ROOT.parent / "shared" / "articles",
                             ROOT.parent.parent / "shared" / "articles") if p.is_dir()),
                None)


def shared_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".html", ".md")
                  and p.name != "SOURCES.md")


def _one_line(text: str, width: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"


def report_found(folder: Path, *, unrelated: bool = False) -> None:
    """Each shared article imported on a board of its own: the relations proposed."""
    rows = []
    listing: list[str] = []
    for path in shared_files(folder):
        board = Board()
        board.apply(import_edit(board, [read_article_file(path)]))
        claims = [c for c in board.cards.values() if c.kind == "claim"]
        two = [c for c in claims if len(actors_of_claim(board, c.id)) >= 2]
        rels = [lk for lk in board.links.values() if lk.kind == RELATION_KIND]
        rows.append((path.stem, len(claims), len(two), len(rels)))
        listing.append(f"\n== {path.stem}: {len(rels)} relations ==")
        with_rel: set[str] = set()
        spans = {(c.source_id, c.start, c.end): c.card_id
                 for c in board.citations.values() if c.card_id is not None
                 and board.cards[c.card_id].kind == "claim"}
        for lk in sorted(rels, key=lambda lk: (board.cards[lk.from_id].title, lk.label)):
            arrow = "–" if lk.direction == "none" else "→"
            a, b = board.cards[lk.from_id].title, board.cards[lk.to_id].title
            listing.append(f"  {a} {arrow} {lk.label} {arrow} {b}")
            for c in board.citations_of(lk.id):
                with_rel.add(spans.get((c.source_id, c.start, c.end)) or "")
                listing.append(f"      « {_one_line(c.quote)} »")
        if unrelated:
            listing.append(f"  -- {path.stem}: claims naming 2+ actors, no relation --")
            for c in two:
                if c.id in with_rel:
                    continue
                names = sorted(board.cards[a].title for a in actors_of_claim(board, c.id))
                quote = next((q.quote for q in board.citations_of(c.id)), c.title)
                listing.append(f"  [{' | '.join(names)}]  « {_one_line(quote)} »")
    print(f"{'article':<10}{'claims':>8}{'2+ actors':>11}{'relations':>11}")
    for name, n, two_n, r in rows:
        print(f"{name:<10}{n:>8}{two_n:>11}{r:>11}")
    print(f"{'total':<10}{sum(r[1] for r in rows):>8}{sum(r[2] for r in rows):>11}"
          f"{sum(r[3] for r in rows):>11}")
    print("\n".join(listing))


def report_shared(folder: Path) -> None:
    before = Board()
    before.apply(demo_edit())
    files = shared_files(folder)
    after = Board.from_entities(list(before.entities()))
    after.apply(import_edit(after, [read_article_file(p) for p in files]))
    new = [c for c in after.cards.values() if c.id not in before.cards]
    on_top = {a for a, b in overlaps(after.cards.values())
              if (a in before.cards) != (b in before.cards)}
    namer = placement.naming_claims(after.cards, after.citations.values())

    def centre(c: Card) -> tuple[float, float]:
        return c.x + c.width / 2, c.y + c.height / 2

    dists = []
    for c in new:
        near = [after.cards[lk.to_id if lk.from_id == c.id else lk.from_id]
                for lk in after.links_of(c.id)] or \
            ([after.cards[namer[c.id]]] if c.id in namer else [])
        if near:
            dists.append(min(math.dist(centre(c), centre(n)) for n in near))
    dists.sort()
    rels = sum(isinstance(e, Link) and e.kind == "relation" and e.id not in before.links
               for e in after.links.values())
    print(f"\nshared articles into the demo: {len(new)} new cards, {len(on_top)} on top "
          f"of old ones, {rels} relations proposed; "
          f"distance to the nearest linked card: median {statistics.median(dists):.0f}, "
          f"p90 {dists[int(0.9 * (len(dists) - 1))]:.0f}, max {dists[-1]:.0f} "
          f"(a card is {Card.create('actor', 'x').width:.0f} wide)")


if __name__ == "__main__":
    main()
