"""Start-up of the desktop bundle against the venv install, measured in the same run.

    .venv/bin/python bench/startup.py [--bundle dist/evidenceboard] [--runs 7]

Times (medians of --runs, and the bundle / venv ratio) for `--version`, `check` and
`new --demo`, and — when DISPLAY points at an X server and xdotool is installed (e.g.
`Xvfb :14 &` then DISPLAY=:14) — the time from starting the program to its window being
mapped with the demo board's title.  Each process gets an empty HOME, like a first run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def clean_env(home: Path) -> dict[str, str]:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8"}
    if os.environ.get("DISPLAY"):
        env["DISPLAY"] = os.environ["DISPLAY"]
    else:
        env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def timed(cmd: list[str], env: dict[str, str], cwd: Path) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, env=env, cwd=cwd, check=True, capture_output=True, timeout=300)
    return time.perf_counter() - started


def window_visible(title: str) -> bool:
    proc = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", title],
                          capture_output=True, text=True)
    return bool(proc.stdout.strip())


def time_to_window(cmd: list[str], env: dict[str, str], cwd: Path, title: str) -> float:
    """Seconds from the start of ``cmd`` until a window called ``title`` is mapped."""
    if window_visible(title):
        raise SystemExit(f"a window {title!r} is already open: close it first")
    started = time.perf_counter()
    proc = subprocess.Popen([*cmd, "--quit-after", "2", "board.evboard"], env=env, cwd=cwd,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        while not window_visible(title):
            if proc.poll() is not None or time.perf_counter() - started > 120:
                raise SystemExit(f"{cmd} ended or hung before showing its window: "
                                 f"{proc.communicate(timeout=120)[1]}")
            time.sleep(0.02)
        return time.perf_counter() - started
    finally:
        proc.wait(timeout=120)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", default=str(ROOT / "dist" / "evidenceboard"))
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    programs = {"venv": [sys.executable, "-m", "evidenceboard"],
                "bundle": [str(Path(args.bundle).resolve() / "evidenceboard")]}
    if not Path(programs["bundle"][0]).is_file():
        raise SystemExit(f"no bundle at {args.bundle}: run packaging/build.sh")
    gui = bool(os.environ.get("DISPLAY")) and shutil.which("xdotool") is not None
    rows: list[tuple[str, dict[str, float]]] = []
    with tempfile.TemporaryDirectory(prefix="evidenceboard-startup-") as tmp_text:
        tmp = Path(tmp_text)
        subprocess.run([*programs["venv"], "new", str(tmp / "board.evboard"), "--demo"],
                       check=True, capture_output=True)
        tasks: list[tuple[str, list[str]]] = [("--version", ["--version"]),
                                              ("check demo board", ["check", "board.evboard"]),
                                              ("new --demo", ["new", "x.evboard", "--demo"])]
        for label, extra in tasks:
            medians: dict[str, float] = {}
            for name, cmd in programs.items():
                samples = []
                for i in range(args.runs):
                    home = tmp / f"home-{name}-{label[:5]}-{i}"
                    home.mkdir()
                    (tmp / "x.evboard").unlink(missing_ok=True)
                    samples.append(timed([*cmd, *extra], clean_env(home), tmp))
                medians[name] = statistics.median(samples)
            rows.append((label, medians))
        if gui:
            medians = {}
            for name, cmd in programs.items():
                samples = []
                for i in range(args.runs):
                    home = tmp / f"home-{name}-window-{i}"
                    home.mkdir()
                    samples.append(time_to_window(cmd, clean_env(home), tmp,
                                                  "^.+EvidenceBoard$"))
                medians[name] = statistics.median(samples)
            rows.append(("first window (demo board open)", medians))
    print(f"medians of {args.runs} runs, seconds")
    print(f"| {'what':<32} | {'venv':>7} | {'bundle':>7} | bundle / venv |")
    print(f"|{'-' * 34}|{'-' * 9}|{'-' * 9}|---------------|")
    for label, m in rows:
        print(f"| {label:<32} | {m['venv']:7.3f} | {m['bundle']:7.3f} | "
              f"{m['bundle'] / m['venv']:13.2f} |")
    if not gui:
        print("(no DISPLAY or no xdotool: time to first window not measured)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
