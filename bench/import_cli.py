"""Where an article import spends its time: `evidenceboard import` end to end, phase by
phase in a fresh process, and an article imported into a board already open (the app).

Prints tables (asserts nothing).  Every figure is a median over --repeat fresh processes;
the baseline ``python -c pass`` is measured in the same run, so ratios survive a noisy
machine.  Run: .venv/bin/python bench/import_cli.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: Run in a fresh interpreter: the CLI's own steps, timed one by one.
PHASES = r"""
import json, sys, time
t = [time.perf_counter()]
from evidenceboard.cli import main as _cli  # noqa: F401  (what the console script loads)
from evidenceboard.document import Document
from evidenceboard.importer.files import check_article_files, import_files_edit
from evidenceboard.store import create_board_file
t.append(time.perf_counter())
article, board = sys.argv[1], sys.argv[2]
check_article_files([article])                       # read and check before any write
t.append(time.perf_counter())
create_board_file(board)
doc = Document.open(board)
t.append(time.perf_counter())
edit, summary = import_files_edit(doc.board, [article])   # read, extract, layout
t.append(time.perf_counter())
doc.apply(edit)                                       # one SQLite transaction
t.append(time.perf_counter())
doc.close()                                           # self-contained file, fsynced
t.append(time.perf_counter())
print(json.dumps([b - a for a, b in zip(t, t[1:])]))
"""
PHASE_NAMES = ["Python modules of the CLI", "read and check the article",
               "create and open the board", "extract + build the edit (layout)",
               "commit (SQLite write)", "close (compact copy, fsync)"]

#: Run in a fresh interpreter: the app's case, a board already open.
OPEN_BOARD = r"""
import json, sys, time
from evidenceboard.document import Document
from evidenceboard.importer.files import import_files_edit
from evidenceboard.store import create_board_file
import sqlalchemy  # noqa: F401  (the app has its store loaded long before an import)
board = sys.argv[1]
create_board_file(board)
doc = Document.open(board)
out = []
for article in sys.argv[2:]:
    t0 = time.perf_counter()
    edit, _ = import_files_edit(doc.board, [article])
    t1 = time.perf_counter()
    doc.apply(edit)
    out.append([t1 - t0, time.perf_counter() - t1])
doc.close()
print(json.dumps(out))
"""


def _run(args: list[str]) -> tuple[float, str]:
    t = time.perf_counter()
    out = subprocess.run(args, capture_output=True, text=True, check=True,
                         cwd=ROOT, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    return time.perf_counter() - t, out.stdout


def _articles() -> list[tuple[str, Path]]:
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    out = [(f"seed {p.name[:3]} ({len(p.read_text('utf-8').split())} words, txt)", p)
           for p in seeds if p.name[:3] in ("002", "004")]
    html = ROOT / "tests" / "importer" / "data" / "other_affair" / "c_minister.html"
    out.append((f"{html.name} (HTML, trafilatura)", html))
    sys.path.insert(0, str(ROOT / "tests" / "importer"))
    import scoring

    shared = scoring.shared_articles_dir()
    if shared is not None:
        for name in ("oa4.txt", "oa6.html"):
            p = shared / name
            if p.exists():
                out.append((f"shared {name}", p))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    py = sys.executable
    base = statistics.median(_run([py, "-c", "pass"])[0] for _ in range(args.repeat))
    print(f"baseline: python -c pass  {base:.3f} s (median of {args.repeat})\n")
    with tempfile.TemporaryDirectory() as tmp:
        print(f"{'evidenceboard import BOARD ARTICLE (wall)':<44}{'median s':>9}{'x base':>8}")
        cli = [py, "-c", "from evidenceboard.cli.main import main; raise SystemExit(main())"]
        articles = _articles()
        for label, path in articles:
            times = []
            for n in range(args.repeat):
                board = Path(tmp) / f"cli-{len(times)}-{n}.evboard"
                times.append(_run([*cli, "import", str(board), str(path)])[0])
                board.unlink()
            med = statistics.median(times)
            print(f"{label:<44}{med:>9.3f}{med / base:>8.1f}")
        print()
        label, path = articles[1]
        runs = []
        for n in range(args.repeat):
            board = Path(tmp) / f"phase-{n}.evboard"
            runs.append(json.loads(_run([py, "-c", PHASES, str(path), str(board)])[1]))
        print(f"phases of one CLI import, {label}{'':<4}{'median s':>9}")
        for i, name in enumerate(PHASE_NAMES):
            print(f"  {name:<46}{statistics.median(r[i] for r in runs):>9.3f}")
        print(f"  {'sum':<46}{statistics.median(sum(r) for r in runs):>9.3f}\n")
        paths = [str(p) for _, p in articles]
        opened = []
        for n in range(args.repeat):
            board = Path(tmp) / f"open-{n}.evboard"
            opened.append(json.loads(_run([py, "-c", OPEN_BOARD, str(board), *paths])[1]))
        print(f"{'into a board already open (the app)':<44}{'edit s':>9}{'commit s':>9}")
        for i, (label, _p) in enumerate(articles):
            edit = statistics.median(r[i][0] for r in opened)
            commit = statistics.median(r[i][1] for r in opened)
            note = "  (first import: tables load)" if i == 0 else ""
            print(f"{label:<44}{edit:>9.3f}{commit:>9.3f}{note}")


if __name__ == "__main__":
    main()
