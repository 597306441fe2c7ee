"""Benchmark (issue 19): a team board of 1,000,000 cards on a private PostgreSQL server,
opened in the window by loading what the view shows (the position index), against
opening the same board as a local file, in the same run; and the load test's figures.

    .venv/bin/python bench/team.py [--cards 1000000] [--links 200000] [--clients 20]
                                   [--seconds 10] [--skip-local]

Prints a table: publishing, the first frame of the window on the team board (open +
load of the view + first paint), the whole board loaded from the server, the first
frame of the local file; then clients, acknowledged edits, edits/s and lost edits.
Run it on a quiet machine: figures go in docs/PERFORMANCE.md.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tests" / "store"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pgserver import board_name, start_cluster  # noqa: E402
from team_load import run_load  # noqa: E402

from evidenceboard.model import Board  # noqa: E402
from evidenceboard.store import create_board_file  # noqa: E402
from evidenceboard.store.team import TeamAddress, TeamStore, publish  # noqa: E402
from evidenceboard.synthetic import synthetic_entities  # noqa: E402


def first_frame(target: str | Path, settings_dir: Path) -> tuple[float, int]:
    """Seconds from asking the window to open ``target`` to its first painted frame,
    and the cards the window holds."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from evidenceboard.windows.main_window import MainWindow

    app = QApplication.instance() or QApplication([sys.argv[0]])
    w = MainWindow(QSettings(str(settings_dir / f"s{time.monotonic_ns()}.ini"),
                             QSettings.Format.IniFormat))
    w.resize(1600, 1000)
    t = time.perf_counter()
    ok = w.files.open_board(target)
    w.show()
    app.processEvents()
    assert w.view is not None, "the board did not open"
    w.view.viewport().grab()
    elapsed = time.perf_counter() - t
    n = len(w.document.board.cards) if ok and w.document is not None else 0
    w.close()
    w.deleteLater()
    app.processEvents()
    return elapsed, n


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cards", type=int, default=1_000_000)
    ap.add_argument("--links", type=int, default=200_000)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--skip-local", action="store_true")
    args = ap.parse_args()
    rows = Rows()
    cluster = start_cluster()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            tmpdir = Path(tmp)
            t = time.perf_counter()
            entities = synthetic_entities(args.cards, args.links)
            board = Board.from_entities(entities)
            rows.append((f"synthetic board: {len(board.cards):,} cards, "
                         f"{len(board.links):,} links, {len(board.citations):,} citations",
                         f"{time.perf_counter() - t:.1f} s"))
            name = board_name("big")
            address = TeamAddress.parse(cluster.url("alice", name))
            t = time.perf_counter()
            publish(board, address)
            rows.append(("publish to the server (COPY + INSERT under RLS)",
                         f"{time.perf_counter() - t:.1f} s"))
            cluster.psql("evb", "ANALYZE")
            path = tmpdir / "big.evboard"
            if not args.skip_local:
                create_board_file(path, entities)
            del entities, board
            small = create_board_file(tmpdir / "small.evboard",
                                      synthetic_entities(10, 5))
            small_s, _ = first_frame(small, tmpdir)
            rows.append(("baseline: the window alone, first frame of a 10-card local board",
                         f"{small_s:.2f} s"))
            team_s, team_n = first_frame(cluster.url("alice", name), tmpdir)
            rows.append((f"team board, first frame (by view: {team_n:,} cards loaded)",
                         f"{team_s:.2f} s"))
            team_s2, _ = first_frame(cluster.url("alice", name), tmpdir)
            rows.append(("team board, first frame again (server cache warm)",
                         f"{team_s2:.2f} s"))
            store = TeamStore.open(address)
            t = time.perf_counter()
            store.load()
            rows.append(("team board, whole board loaded from the server (no window)",
                         f"{time.perf_counter() - t:.1f} s"))
            store.close()
            if not args.skip_local:
                local_s, local_n = first_frame(path, tmpdir)
                rows.append((f"local file, first frame (check + load of {local_n:,} "
                             "cards + scene)", f"{local_s:.1f} s"))
                rows.append(("ratio local / team first frame", f"{local_s / team_s:.0f} x"))
            result = run_load(cluster, board_name("load"), tmpdir / "load",
                              clients=args.clients, seconds=args.seconds)
            rows.extend([("load: clients", str(result.clients)),
                     ("load: acknowledged edits", f"{result.acknowledged:,}"),
                     ("load: seconds", f"{result.seconds:.1f}"),
                     ("load: edits/s", f"{result.edits_per_s:.0f}"),
                     ("load: conflicts (refused races)", f"{result.conflicts:,}"),
                     ("load: lost", str(result.lost)),
                     ("load: clients converged", str(result.hashes == {result.server_hash}))])
    finally:
        cluster.destroy()


class Rows(list[tuple[str, str]]):
    """The table's rows, each printed as soon as it is measured."""

    def append(self, row: tuple[str, str]) -> None:
        super().append(row)
        print(f"{row[0]:<72}  {row[1]}", flush=True)

    def extend(self, rows: Iterable[tuple[str, str]]) -> None:
        for row in rows:
            self.append(row)


if __name__ == "__main__":
    main()
