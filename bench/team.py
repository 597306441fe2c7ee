"""Benchmark (issue 19): a team board of 1,000,000 cards on a private PostgreSQL server,
opened in the window by loading what the view shows (the position index), against
opening the same board as a local file, in the same run; and the load test's figures.

    .venv/bin/python bench/team.py [--cards 1000000] [--links 200000] [--clients 20]
                                   [--seconds 10] [--skip-local] [--skip-whole]
                                   [--skip-load] [--only-stall]

Prints a table: publishing, the first frame of the window on the team board (open +
load of the view + first paint), the time from a pan to the new area's cards shown,
the whole board loaded from the server, the first frame of the local file; then
clients, acknowledged edits, edits/s and lost edits; and the worst stall of the GUI
thread while the server cannot be reached (a "black hole": connections break, new ones
are never answered), against a connect tried on the GUI thread (what the window did
before reconnecting moved to a thread of its own).
Run it on a quiet machine: figures go in docs/PERFORMANCE.md.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
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

from pgserver import BlackHole, board_name, start_cluster  # noqa: E402
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


class StallMeter:
    """The longest the GUI thread's event loop went without running a 5 ms timer."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.last = time.perf_counter()
        self.worst = 0.0

    def _tick(self) -> None:
        now = time.perf_counter()
        self.worst = max(self.worst, now - self.last)
        self.last = now

    def run(self, seconds: float, until: object = None) -> float:
        """Process events for ``seconds`` (or until ``until()``); the worst gap (s)."""
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()
        self.worst = 0.0
        self.last = time.perf_counter()
        self.timer.start()
        deadline = time.perf_counter() + seconds
        while time.perf_counter() < deadline:
            app.processEvents()
            if callable(until) and until():
                break
            time.sleep(0.001)
        self.timer.stop()
        self._tick()
        return self.worst


def gui_stall(cluster, tmpdir: Path, rows: Rows, offline_s: float = 12.0) -> None:
    """The window on a team board whose server goes silent, then comes back."""
    import psycopg
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from evidenceboard.model import edits
    from evidenceboard.windows.main_window import MainWindow

    app = QApplication.instance() or QApplication([sys.argv[0]])
    name = board_name("stall")
    publish(Board.from_entities(synthetic_entities(50, 20)),
            TeamAddress.parse(cluster.url("alice", name)))
    hole = BlackHole(cluster)
    w = MainWindow(QSettings(str(tmpdir / "stall.ini"), QSettings.Format.IniFormat))
    w.resize(1200, 800)
    w.show()
    try:
        assert w.files.open_board(hole.url("alice", name))
        meter = StallMeter()
        rows.append(("stall: worst GUI stall, server answering (3 s)",
                     f"{meter.run(3.0) * 1000:.0f} ms"))
        hole.cut()
        doc = w.document
        t = time.perf_counter()
        card = next(iter(doc.board.cards.values()))
        w.controller.do(edits.rename_card(card, "renamed in the dark"))
        rows.append(("stall: the edit that finds the server gone (then queued)",
                     f"{(time.perf_counter() - t) * 1000:.0f} ms"))
        tries = doc.team.reconnector.attempts
        worst = meter.run(offline_s)
        rows.append((f"stall: worst GUI stall, {offline_s:.0f} s of black hole "
                     f"({doc.team.reconnector.attempts - tries} tries on the reconnect "
                     "thread)", f"{worst * 1000:.0f} ms"))
        t = time.perf_counter()
        with contextlib.suppress(psycopg.Error):
            psycopg.connect(doc.team.address.conninfo, connect_timeout=5).close()
        rows.append(("stall: before, one connect tried on the GUI thread (libpq timeout)",
                     f"{(time.perf_counter() - t) * 1000:.0f} ms"))
        hole.restore()
        t = time.perf_counter()
        worst = meter.run(30.0, until=lambda: doc.waiting == 0 and not doc.team.offline)
        rows.append(("stall: server back: queued edit sent after (backoff up to 4 s)",
                     f"{time.perf_counter() - t:.1f} s (worst stall {worst * 1000:.0f} ms)"))
    finally:
        w.close()
        w.deleteLater()
        app.processEvents()
        hole.close()


def pan_times(url: str, tmpdir: Path, rows: Rows, targets: list[tuple[float, float]]
              ) -> None:
    """From a pan of the window to an area not loaded yet (around each of ``targets``,
    cards of the board far apart) to the new area's cards painted."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from evidenceboard.windows.main_window import MainWindow

    app = QApplication.instance() or QApplication([sys.argv[0]])
    w = MainWindow(QSettings(str(tmpdir / "pan.ini"), QSettings.Format.IniFormat))
    w.resize(1600, 1000)
    w.show()
    try:
        assert w.files.open_board(url)
        doc, view, team = w.document, w.view, w.team
        deadline = time.perf_counter() + 30
        while (team.pan_timer.isActive() or not w.files.view_restored) and \
                time.perf_counter() < deadline:
            app.processEvents()
        times: list[float] = []
        added: list[int] = []
        view.set_zoom(view.viewport().width() / 4000)  # (a view 4,000 wide, as it opens)
        deadline = time.perf_counter() + 30
        while team.pan_timer.isActive() and time.perf_counter() < deadline:
            app.processEvents()
        r = view.visible_scene_rect()
        for x, y in targets:
            before, loads = len(doc.board.cards), team.area_loads
            t = time.perf_counter()
            view.centerOn(x, y)
            while (team.area_loads == loads or team.pan_timer.isActive()) and \
                    time.perf_counter() - t < 60:
                app.processEvents()
                time.sleep(0.001)
            view.viewport().grab()
            times.append(time.perf_counter() - t)
            added.append(len(doc.board.cards) - before)
        times.sort()
        rows.append((f"pan to an area not loaded: its cards shown ({len(targets)} pans, view "
                     f"{r.width():,.0f} × {r.height():,.0f}, {min(added):,}–{max(added):,} "
                     "cards each, 150 ms settling included)",
                     f"median {times[len(times) // 2]:.2f} s, worst {times[-1]:.2f} s"))
        rows.append(("cards held after the pans (partial board)",
                     f"{len(doc.board.cards):,}"))
    finally:
        w.close()
        w.deleteLater()
        app.processEvents()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cards", type=int, default=1_000_000)
    ap.add_argument("--links", type=int, default=200_000)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--skip-local", action="store_true")
    ap.add_argument("--skip-whole", action="store_true",
                    help="do not load the whole board from the server")
    ap.add_argument("--skip-load", action="store_true", help="no load test")
    ap.add_argument("--only-stall", action="store_true",
                    help="only the GUI stall while the server cannot be reached")
    args = ap.parse_args()
    rows = Rows()
    cluster = start_cluster()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            tmpdir = Path(tmp)
            if args.only_stall:
                gui_stall(cluster, tmpdir, rows)
                return
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
            rng = random.Random(7)
            targets = [(c.x, c.y) for c in rng.sample(list(board.cards.values()), 6)]
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
            pan_times(cluster.url("alice", name), tmpdir, rows, targets)
            if not args.skip_whole:
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
            gui_stall(cluster, tmpdir, rows)
            if args.skip_load:
                return
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
