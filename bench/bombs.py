"""Value bombs (issue 11 item 2): boards whose values are finite but absurd.

    .venv/bin/python bench/bombs.py [--timeout 150] [--only NAME,...]

Each bomb is a board file of format 2 written directly with SQLite (as a colleague's
EvidenceBoard of that format, or a hand-made file, would write it), then one operation
runs on it in a fresh process under ``/usr/bin/time -v``: the table prints its wall time,
peak resident memory and how it ended (its exit status and the last line it printed).
A baseline operation on a plain board of the same shape is measured in the same run.

Bombs:
  far_link      two cards 1e10 apart, linked; the window opens the board (offscreen)
  huge_card     one 1e6 x 1e6 card; an article is imported into the board
  every_field   the every-field test board's old extremes (x = 1e308, y = 2.5e15,
                height = 1e9); an article is imported into the board
  svg_1e308     a card at x = 1e308; the board is exported as SVG
  baseline_*    the same operations on a board of ordinary values
"""

from __future__ import annotations

import argparse
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from evidenceboard.store.ddl import DDL  # noqa: E402
from evidenceboard.store.fileformat import APPLICATION_ID  # noqa: E402

ARTICLE = ROOT / "seeds" / "000_97b449a50ac97571.txt"
CARD_COLS = ("id", "kind", "title", "body", "x", "y", "width", "height", "color",
             "actor_type", "aliases", "stance", "speaker")


def write_v2(path: Path, cards: list[tuple[str, float, float, float, float]],
             links: list[tuple[str, str]]) -> Path:
    """A format-2 board: cards (id, x, y, width, height) and links (from, to)."""
    con = sqlite3.connect(path, isolation_level=None)
    con.execute(f"PRAGMA application_id={APPLICATION_ID}")
    con.execute("BEGIN")
    for stmt in DDL[2]:
        con.execute(stmt)
    for cid, x, y, w, h in cards:
        con.execute(f"INSERT INTO card ({', '.join(CARD_COLS)}) VALUES "
                    f"({', '.join('?' * len(CARD_COLS))})",
                    (cid, "actor", f"Card {cid}", "", x, y, w, h, None, "person", "[]",
                     None, None))
    for n, (a, b) in enumerate(links):
        con.execute("INSERT INTO link VALUES (?, ?, ?, '', 'relation', 'forward', "
                    "'unconfirmed', 0)", (f"l{n}", a, b))
    con.execute("PRAGMA user_version=2")
    con.execute("COMMIT")
    con.close()
    return path


def every_field_cards() -> list[tuple[str, float, float, float, float]]:
    """The positions and sizes of the every-field test board as it was (one card per
    actor type, a claim, a note)."""
    out = [(f"a{i}", 1e308 if i == 0 else -i * 1.5, -1e-308 if i == 1 else 2.5e15,
            0.1 + i, 1e9) for i in range(7)]
    out += [("c1", 0.1, -0.0, 260.0, 120.0), ("n1", 123456789.125, -987654321.0625,
                                                200.0, 100.0)]
    return out


def bombs(tmp: Path) -> list[tuple[str, Path, list[str]]]:
    plain = [("a", 0.0, 0.0, 200.0, 72.0), ("b", 900.0, 300.0, 200.0, 72.0)]
    app = [sys.executable, "-m", "evidenceboard"]

    def open_window(board: Path) -> list[str]:
        return [*app, "open", str(board), "--quit-after", "0.5"]

    def import_article(board: Path) -> list[str]:
        return [*app, "import", str(board), str(ARTICLE)]

    def export_svg(board: Path) -> list[str]:
        return [*app, "export", str(board), "--format", "svg", "--out",
                str(board.with_suffix(".svg"))]

    specs = [
        ("baseline_open", plain, [("a", "b")], open_window),
        ("far_link", [("a", 0.0, 0.0, 200.0, 72.0), ("b", 1e10, 0.0, 200.0, 72.0)],
         [("a", "b")], open_window),
        ("baseline_import", plain, [("a", "b")], import_article),
        ("huge_card", [("a", 0.0, 0.0, 1e6, 1e6)], [], import_article),
        ("every_field", every_field_cards(), [("a0", "a1"), ("a2", "a2"), ("c1", "a3")],
         import_article),
        ("baseline_svg", plain, [("a", "b")], export_svg),
        ("svg_1e308", [("a", 1e308, 0.0, 200.0, 72.0), ("b", 0.0, 0.0, 200.0, 72.0)],
         [("a", "b")], export_svg),
    ]
    out = []
    for name, cards, links, op in specs:
        board = write_v2(tmp / f"{name}.evboard", cards, links)
        out.append((name, board, op(board)))
    return out


def measure(cmd: list[str], timeout: float) -> tuple[str, str, str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    try:
        proc = subprocess.run(["/usr/bin/time", "-v", *cmd], capture_output=True, text=True,
                              timeout=timeout, env=env)
    except subprocess.TimeoutExpired:
        return f">{timeout:.0f}", "?", "killed", f"did not finish in {timeout:.0f} s"
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", proc.stderr)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr)
    seconds = 0.0
    if wall:
        h, m, s = wall.groups()
        seconds = int(h or 0) * 3600 + int(m) * 60 + float(s)
    lines = [ln for ln in (proc.stdout + proc.stderr).splitlines()
             if ln.strip() and not ln.startswith("\t") and "Command being timed" not in ln
             and "Command exited" not in ln]
    return (f"{seconds:.1f}", f"{int(rss.group(1)) / 1024:.0f}" if rss else "?",
            "ok" if proc.returncode == 0 else f"exit {proc.returncode}",
            (lines[-1] if lines else "")[:90])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=150.0)
    parser.add_argument("--only", default="")
    args = parser.parse_args()
    only = {n for n in args.only.split(",") if n}
    with tempfile.TemporaryDirectory(prefix="evidenceboard-bombs-") as tmp_text:
        print(f"{'case':<16}{'wall s':>8}{'peak MB':>9}  {'end':<8} last line")
        for name, _board, cmd in bombs(Path(tmp_text)):
            if only and name not in only:
                continue
            wall, rss, end, last = measure(cmd, args.timeout)
            print(f"{name:<16}{wall:>8}{rss:>9}  {end:<8} {last}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
