"""Benchmark: the cost of every importer against the size of its input (prints tables;
asserts nothing).

    .venv/bin/python bench/import_bombs.py                       # this tree
    .venv/bin/python bench/import_bombs.py --baseline /tmp/main  # and a baseline tree

Each input of ``tests/bomb_inputs.py`` (dense articles, plain prose, an HTML page,
FollowTheMoney edges naming many entities, JSON Canvas nested groups, ...) is written at
each ``--sizes`` and imported into an empty board the way the app does it
(``import_files_edit``), each in a fresh process: the time of the import (the importer's
libraries loaded before the clock starts), the peak memory the import added (peak RSS
minus the RSS before it), and what came of it (cards / links added, or the refusal).
``ratio`` is CPU time(size) / CPU time(previous size): about 2 for a doubling (2.5 from
400 K to 1 M) means linear.  CPU time is the figure to compare on a shared machine (wall
time includes waiting for the processor).

With ``--baseline PATH`` (a checkout of another commit, e.g. ``git worktree add --detach
/tmp/main main``) the same inputs are measured on that code in the same run; a run over
``--timeout`` seconds of CPU is stopped and shown as "> T" (larger sizes of that input
are then skipped for that code).
"""

from __future__ import annotations

import argparse
import json
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HERE / "tests"))

from bomb_inputs import WRITERS, write_input  # noqa: E402

CHILD = r"""
import json, resource, sys, time
root, path, cpu_limit = sys.argv[1], sys.argv[2], int(sys.argv[3])
# stopped by the kernel after cpu_limit seconds of processor time (not wall time: the
# machine may be shared)
resource.setrlimit(resource.RLIMIT_CPU, (cpu_limit, cpu_limit + 5))
# the code under test is ROOT's, not the installed (editable) one
sys.meta_path[:] = [f for f in sys.meta_path
                    if not getattr(f, "__module__", "").startswith("__editable__")]
sys.path.insert(0, root)
from pathlib import Path
import evidenceboard
assert evidenceboard.__file__.startswith(root), evidenceboard.__file__
from evidenceboard.importer.files import import_files_edit
from evidenceboard.importer.reading import read_article_text
from evidenceboard.importer.to_board import import_edit
from evidenceboard.model import Board, Card, Link
import_edit(Board(), [read_article_text("Khalifa Haftar met Fayez al-Sarraj in Tripoli, "
                                        "Reuters reported on Monday.")])
def rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
base = rss_mb()
t = time.perf_counter()
c = time.process_time()
try:
    edit, _ = import_files_edit(Board(), [Path(path)])
    cards = sum(isinstance(e, Card) for e in edit.puts)
    links = sum(isinstance(e, Link) for e in edit.puts)
    outcome = f"{cards:,} cards, {links:,} links"
except ValueError as e:
    outcome = "refused: " + str(e).split(": ", 1)[-1][:70]
seconds = time.perf_counter() - t
cpu = time.process_time() - c
print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_mb": rss_mb() - base,
                  "outcome": outcome}))
"""


def measure(root: Path, path: Path, timeout: float) -> dict[str, object] | None:
    """One import in a fresh process; None when it ran out of ``timeout`` s of CPU."""
    try:
        out = subprocess.run([sys.executable, "-c", CHILD, str(root), str(path),
                              str(int(timeout))], capture_output=True, text=True,
                             timeout=timeout * 20, check=True)
    except subprocess.TimeoutExpired:
        return None
    except subprocess.CalledProcessError as e:
        if e.returncode in (-signal.SIGXCPU, -signal.SIGKILL):
            return None
        return {"seconds": float("nan"), "cpu": float("nan"), "peak_mb": float("nan"),
                "outcome": "crashed: " + (e.stderr.strip().splitlines() or ["?"])[-1][:60]}
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="50000,100000,200000,400000,1000000")
    ap.add_argument("--baseline", type=Path, help="another checkout to measure too")
    ap.add_argument("--timeout", type=float, default=60.0,
                    help="seconds of CPU one import may take")
    ap.add_argument("--only", help="measure only the inputs whose name contains this")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    roots = [("this", HERE)] + ([("baseline", args.baseline.resolve())]
                                if args.baseline else [])
    kinds = [k for k in WRITERS if not args.only or args.only.lower() in k.lower()]
    with tempfile.TemporaryDirectory(prefix="import-bombs-") as tmp:
        for kind in kinds:
            print(f"\n{kind}")
            print(f"{'code':<9}{'size':>9}{'wall s':>9}{'CPU s':>9}{'ratio':>7}{'peak MB':>9}"
                  "  outcome")
            for label, root in roots:
                previous: float | None = None
                stopped = False
                for size in sizes:
                    if stopped:
                        print(f"{label:<9}{size // 1000:>7} K{'skipped':>9}")
                        continue
                    path = write_input(kind, size, Path(tmp))
                    r = measure(root, path, args.timeout)
                    if r is None:
                        print(f"{label:<9}{size // 1000:>7} K{'> ' + str(int(args.timeout)):>9}"
                              f"{'':>9}{'':>7}{'':>9}  stopped after {args.timeout:.0f} s "
                              "of CPU")
                        stopped = True
                        continue
                    s = float(r["cpu"])  # type: ignore[arg-type]
                    ratio = f"{s / previous:.2f}" if previous else ""
                    previous = s
                    print(f"{label:<9}{size // 1000:>7} K{float(r['seconds']):>9.2f}"  # type: ignore[arg-type]
                          f"{s:>9.2f}{ratio:>7}"
                          f"{float(r['peak_mb']):>9.0f}  {r['outcome']}",  # type: ignore[arg-type]
                          flush=True)
                    path.unlink()


if __name__ == "__main__":
    main()
