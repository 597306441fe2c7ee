"""Benchmark (issue 19): the working copy of a team board, and opening off the GUI thread.

    .venv/bin/python bench/team_copy.py [--cards 40000] [--links 10000] [--edits 200]

On a private PostgreSQL server: opening a team board of ``--cards`` cards with its
copy written (the window's way) against without (the command line's), and again once
the copy exists (only the changed items written); the cost of
keeping the copy per edit (``--edits`` renames with and without); opening from the copy
with the server stopped; and the worst GUI-thread stall while File ▸ Open Team Board
waits for a server that never answers (libpq's connect timeout) — on the opening thread
now, against the connect timeout the window waited before.
Prints a table; run it on a quiet machine.
"""

from __future__ import annotations

import argparse
import os
import socket
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pgserver import board_name, start_cluster  # noqa: E402
from team import StallMeter  # noqa: E402

from evidenceboard.document import Document  # noqa: E402
from evidenceboard.model import Board, edits  # noqa: E402
from evidenceboard.store.team import TeamAddress, publish  # noqa: E402
from evidenceboard.synthetic import synthetic_entities  # noqa: E402

Rows = list[tuple[str, str]]


def timed(fn):  # type: ignore[no-untyped-def]
    t = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t


def copy_figures(cluster, tmpdir: Path, rows: Rows, cards: int, links: int,
                 n_edits: int) -> None:
    name = board_name("copybench")
    board = Board.from_entities(synthetic_entities(cards, links))
    url = cluster.url("alice", name)
    publish(board, TeamAddress.parse(url))
    data = tmpdir / "data"
    doc, s = timed(lambda: Document.open_team(url))
    rows.append((f"open, {len(doc.board.cards):,} cards, no copy (command line)",
                 f"{s:.2f} s"))
    ids = list(doc.board.cards)[:n_edits]
    _, s = timed(lambda: [doc.apply(edits.rename_card(doc.board.cards[i], f"r{i}"))
                          for i in ids])
    rows.append((f"{n_edits} renames, no copy", f"{s / n_edits * 1000:.1f} ms each"))
    doc.close()
    doc, s = timed(lambda: Document.open_team(url, queue_dir=data))
    rows.append(("open with its copy written (the window's way)", f"{s:.2f} s"))
    assert doc.copy is not None
    copy_path = doc.copy.path
    _, s = timed(lambda: [doc.apply(edits.rename_card(doc.board.cards[i], f"s{i}"))
                          for i in ids])
    rows.append((f"{n_edits} renames, copy kept", f"{s / n_edits * 1000:.1f} ms each"))
    doc.close()
    doc, s = timed(lambda: Document.open_team(url, queue_dir=data))
    assert doc.copy is not None
    rows.append((f"open again, copy brought up to date ({doc.copy.written} items written)",
                 f"{s:.2f} s"))
    doc.close()
    size = sum(p.stat().st_size for p in (copy_path, copy_path.with_name(
        copy_path.name + "-wal")) if p.exists())
    rows.append(("copy file size (with its WAL)", f"{size / 1e6:.1f} MB"))
    cluster.stop("fast")
    try:
        doc, s = timed(lambda: Document.open_team(url, queue_dir=data))
        assert doc.opened_from_copy is not None
        rows.append(("open from the copy, server stopped", f"{s:.2f} s"))
        doc.close()
    finally:
        cluster.start()


def silent_open(tmpdir: Path, rows: Rows) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from evidenceboard.windows.main_window import MainWindow

    app = QApplication.instance() or QApplication([sys.argv[0]])
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)
    port = silent.getsockname()[1]
    w = MainWindow(QSettings(str(tmpdir / "w.ini"), QSettings.Format.IniFormat))
    w.resize(1200, 800)
    w.show()
    meter = StallMeter()
    meter.timer.start()
    t = time.perf_counter()
    ok = w.team.open_team_board(f"postgresql://alice@127.0.0.1:{port}/evb?board=x")
    meter.timer.stop()
    elapsed = time.perf_counter() - t
    assert not ok and w.document is None
    rows.append(("Open Team Board, silent server: until the timeout error",
                 f"{elapsed:.1f} s"))
    rows.append(("  worst GUI stall meanwhile (5 ms timer)", f"{meter.worst * 1000:.0f} ms"))
    silent.close()
    w.close()
    w.deleteLater()
    app.processEvents()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cards", type=int, default=40_000)
    ap.add_argument("--links", type=int, default=10_000)
    ap.add_argument("--edits", type=int, default=200)
    args = ap.parse_args()
    rows: Rows = []
    from evidenceboard.windows import plain

    plain.critical = lambda *a, **k: None  # (the timeout's message box)
    with tempfile.TemporaryDirectory() as d:
        tmpdir = Path(d)
        os.environ["XDG_DATA_HOME"] = str(tmpdir / "xdg")
        cluster = start_cluster()
        try:
            copy_figures(cluster, tmpdir, rows, args.cards, args.links, args.edits)
        finally:
            cluster.destroy()
        silent_open(tmpdir, rows)
    width = max(len(r[0]) for r in rows)
    for label, value in rows:
        print(f"{label:<{width}}  {value}")


if __name__ == "__main__":
    main()
