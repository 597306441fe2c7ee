"""Merging a colleague's copy at scale: planning and applying against loading the boards.

    .venv/bin/python bench/merge_bench.py [--cards 1000,10000] [--runs 3]

For each size a synthetic board (links = 2 × cards, seed 1) is copied with Save a Copy,
then edited apart: on theirs 10 % of the cards moved, 5 % renamed, 2 % new cards with a
link each and 1 % deleted (with their links and citations), each kind as one edit; on
mine 5 % of the cards renamed (a tenth of them the same ones: conflicts).  Medians (ms):

  load (baseline)  opening both files (mine writable, theirs read-only through the
                   safe opener) and loading them — what any merge costs at least
  history          reading both files' histories
  ancestor         finding the common ancestor (theirs' later edits reverted)
  plan             the three-way comparison (plan_merge, actor proposals)
  edit             the merge edit from the plan (every conflict taken as theirs)
  apply            writing the edit and the colleague's history in one transaction

``ratio`` = (history + ancestor + plan + edit) / load: what the merge adds to opening.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from evidenceboard.document import Document  # noqa: E402
from evidenceboard.importer.to_board import actor_matcher  # noqa: E402
from evidenceboard.merge import imported_entries, merge_edit  # noqa: E402
from evidenceboard.merge.ancestor import common_ancestor  # noqa: E402
from evidenceboard.merge.plan import plan_merge  # noqa: E402
from evidenceboard.model import Card, Link, edits  # noqa: E402
from evidenceboard.synthetic import write_synthetic_board  # noqa: E402


def make_pair(folder: Path, cards: int) -> tuple[Path, Path]:
    mine_path = write_synthetic_board(folder / "mine.evboard", cards=cards, links=2 * cards)
    mine = Document.open(mine_path)
    theirs_path = mine.save_copy(folder / "theirs.evboard")
    ids = sorted(mine.board.cards)
    mine.apply(edits.Edit("Rename", tuple(replace(mine.board.cards[i], title=f"mine {i[:6]}")
                                          for i in ids[::20])))
    mine.close()
    theirs = Document.open(theirs_path)
    b = theirs.board
    theirs.apply(edits.move_cards(b, {i: (b.cards[i].x + 50, b.cards[i].y) for i in ids[1::10]}))
    theirs.apply(edits.Edit("Rename", tuple(replace(b.cards[i], title=f"theirs {i[:6]}")
                                            for i in ids[::200] + ids[7::20])))
    new = [Card.create("note", f"new {n}", x=float(n * 10), y=-5000.0)
           for n in range(max(1, cards // 50))]
    links = [Link.create(c.id, ids[n % len(ids)]) for n, c in enumerate(new)]
    theirs.apply(edits.put("Add", *new, *links))
    theirs.apply(edits.delete_items(b, ids[3::100]))
    theirs.close()
    return mine_path, theirs_path


def one_run(folder: Path, cards: int) -> dict[str, float]:
    pristine = folder / "pristine"
    work = folder / "work"
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(pristine, work)
    t: dict[str, float] = {}
    t0 = time.perf_counter()
    mine = Document.open(work / "mine.evboard")
    theirs = Document.open(work / "theirs.evboard", read_only=True)
    t["load"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    mh, th = mine.history(), theirs.history()
    t["history"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    ancestor = common_ancestor(mh, th, theirs.board)
    t["ancestor"] = time.perf_counter() - t0
    assert ancestor.board is not None
    t0 = time.perf_counter()
    plan = plan_merge(mine.board, theirs.board, ancestor.board,
                      matcher=actor_matcher(mine.board))
    t["plan"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    edit = merge_edit(plan, mine.board, theirs.board, take="theirs")
    t["edit"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    mine.apply(edit, imported=imported_entries(mh, th))
    t["apply"] = time.perf_counter() - t0
    t["conflicts"] = len(plan.conflicts)
    t["changes"] = len(edit.puts) + len(edit.deletes)
    theirs.close()
    mine.close()
    return t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cards", default="1000,10000")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    keys = ("load", "history", "ancestor", "plan", "edit", "apply")
    print(f"{'cards':>7} {'changes':>8} {'conflicts':>9} " +
          " ".join(f"{k:>9}" for k in keys) + f" {'ratio':>6}")
    for cards in (int(c) for c in args.cards.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            (folder / "pristine").mkdir()
            make_pair(folder / "pristine", cards)
            runs = [one_run(folder, cards) for _ in range(args.runs)]
        med = {k: statistics.median(r[k] for r in runs) for k in keys}
        extra = med["history"] + med["ancestor"] + med["plan"] + med["edit"]
        print(f"{cards:>7} {int(runs[0]['changes']):>8} {int(runs[0]['conflicts']):>9} " +
              " ".join(f"{med[k] * 1000:>9.0f}" for k in keys) +
              f" {extra / med['load']:>6.2f}", flush=True)


if __name__ == "__main__":
    main()
