"""Run the built bundle as a user's machine would: from a folder outside the source tree,
with a clean environment (no venv, no PYTHONPATH, an empty HOME), offscreen.

    .venv/bin/python packaging/smoke_test.py [dist/evidenceboard]

Creates the demo board, checks it, exports PNG and PDF, imports a saved HTML page, opens
the window for a few seconds and quits through the window's own close (exit 0), then
checks that the bundle carries the metadata and licence texts of everything in it.
Exits 1 on the first failure, saying what failed; prints timings and the bundle's size.
"""

from __future__ import annotations

import importlib.metadata
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from evidenceboard import __version__  # noqa: E402 - the source tree's version

WINDOW_SECONDS = 3
ARTICLE = """<!doctype html><html><head><title>Port deal questioned</title></head><body>
<nav>Home | World | Business</nav>
<article><h1>Port deal questioned</h1>
<p>The harbour authority of Valmora signed a lease with Castellan Shipping on Monday.</p>
<p>"The lease was approved by the full board," said Ines Moreau, the authority's chair.</p>
<p>Castellan Shipping said in a statement that it had followed every rule.</p>
</article><footer>Copyright the paper</footer></body></html>
"""


class SmokeFailure(Exception):
    pass


class Bundle:
    def __init__(self, folder: Path, home: Path, work: Path) -> None:
        self.exe = folder / ("evidenceboard.exe" if os.name == "nt" else "evidenceboard")
        self.work = work
        # What a user's session has, and nothing of ours: no venv, no PYTHONPATH.
        self.env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8",
                    "QT_QPA_PLATFORM": "offscreen"}
        self.timings: list[tuple[str, float]] = []
        self.passed = 0

    def run(self, label: str, *args: str, expect: int = 0,
            timeout: float = 180) -> subprocess.CompletedProcess[str]:
        started = time.perf_counter()
        try:
            proc = subprocess.run([str(self.exe), *args], cwd=self.work, env=self.env,
                                  capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise SmokeFailure(f"{label}: no exit after {timeout:.0f} s") from None
        elapsed = time.perf_counter() - started
        self.timings.append((label, elapsed))
        if proc.returncode != expect or "Traceback" in proc.stderr:
            raise SmokeFailure(f"{label}: exit {proc.returncode} (expected {expect})\n"
                               f"stdout: {proc.stdout}\nstderr: {proc.stderr}")
        print(f"  ok  {label:<44} {elapsed:6.2f} s")
        self.passed += 1
        return proc

    def ok(self, label: str, condition: bool, detail: str = "") -> None:
        if not condition:
            raise SmokeFailure(f"{label}: {detail}")
        print(f"  ok  {label}")
        self.passed += 1


def check_image(path: Path) -> tuple[int, int, int]:
    """Width, height and number of distinct colours of a sample of the PNG."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QImage
    image = QImage(str(path))
    if image.isNull():
        raise SmokeFailure(f"{path.name} is not a readable image")
    colours = {image.pixel(x, y) for x in range(0, image.width(), max(1, image.width() // 97))
               for y in range(0, image.height(), max(1, image.height() // 89))}
    return image.width(), image.height(), len(colours)


def licence_texts(dist: importlib.metadata.Distribution, resources: Path) -> list[str]:
    """The licence files a reader finds for ``dist``: its metadata's, else ours."""
    base = Path(dist._path)  # type: ignore[attr-defined] - the *.dist-info folder
    found = [p.name for p in base.rglob("*")
             if p.is_file() and p.name.upper().startswith(("LICEN", "COPYING", "NOTICE"))]
    if not found:
        ours = resources / "licenses" / dist.metadata["Name"]
        found = sorted(p.name for p in ours.glob("*")) if ours.is_dir() else []
    return found


def check_contents(bundle: Bundle, internal: Path) -> None:
    resources = internal / "resources"
    for item in ("seeds/meta.json", "seeds/analyst_links.json", "resources/board.schema.json",
                 "resources/icons/evidenceboard.svg", "resources/licenses/Python",
                 "resources/licenses/PySide6_Essentials/LGPL-3.0.txt"):
        bundle.ok(f"bundled {item}", (internal / item).exists(), "missing")
    if sys.platform.startswith("linux"):
        for item in ("linux/org.evidenceboard.EvidenceBoard.desktop",
                     "linux/org.evidenceboard.EvidenceBoard.mime.xml",
                     "linux/org.evidenceboard.EvidenceBoard.metainfo.xml",
                     "linux/icons/256x256/org.evidenceboard.EvidenceBoard.png",
                     "../install-desktop-integration.sh"):
            bundle.ok(f"bundled {item}", (internal / item).exists(), "missing")
        bundle.ok("licences of bundled system libraries",
                  any((resources / "licenses" / "system").glob("*/copyright")), "none")
    dists = sorted(importlib.metadata.distributions(path=[str(internal)]),
                   key=lambda d: d.metadata["Name"].lower())
    names = {d.metadata["Name"].lower() for d in dists}
    bundle.ok("metadata of evidenceboard and PySide6", {"evidenceboard",
              "pyside6-essentials", "shiboken6"} <= {n.replace("_", "-") for n in names},
              f"only {sorted(names)}")
    without = [d.metadata["Name"] for d in dists if not licence_texts(d, resources)]
    bundle.ok(f"licence texts of all {len(dists)} bundled distributions", not without,
              f"no licence text for {without}")


def main() -> int:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "dist" / "evidenceboard")
    folder = folder.resolve()
    if not folder.is_dir():
        print(f"smoke test: no bundle at {folder} (run packaging/build.sh)", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="evidenceboard-smoke-") as tmp_text:
        tmp = Path(tmp_text)
        app = tmp / "EvidenceBoard"
        shutil.copytree(folder, app, symlinks=True)  # a copy outside the source tree
        (tmp / "home").mkdir()
        (tmp / "work").mkdir()
        bundle = Bundle(app, tmp / "home", tmp / "work")
        work = bundle.work
        print(f"smoke test of {folder} copied to {app}")
        try:
            assert ROOT not in app.parents
            proc = bundle.run("--version", "--version")
            bundle.ok("version is the source's", proc.stdout.strip() ==
                      f"EvidenceBoard {__version__}", proc.stdout)
            bundle.run("new demo.evboard --demo", "new", "demo.evboard", "--demo")
            proc = bundle.run("check demo.evboard", "check", "demo.evboard")
            bundle.ok("check says good", "a good board" in proc.stdout, proc.stdout)
            proc = bundle.run("info demo.evboard --json", "info", "demo.evboard", "--json")
            bundle.ok("demo board has cards and links", '"cards": ' in proc.stdout and
                      '"cards": 0' not in proc.stdout and '"links": 0' not in proc.stdout,
                      proc.stdout)
            bundle.run("export --format png", "export", "demo.evboard", "--format", "png",
                       "--out", "demo.png")
            width, height, colours = check_image(work / "demo.png")
            bundle.ok(f"PNG {width}x{height}, {colours} colours sampled",
                      width > 1000 and height > 500 and colours > 5, "blank or tiny")
            bundle.run("export --format pdf", "export", "demo.evboard", "--format", "pdf",
                       "--out", "demo.pdf")
            bundle.ok("PDF written", (work / "demo.pdf").read_bytes()[:5] == b"%PDF-")
            (work / "article.html").write_text(ARTICLE, encoding="utf-8")
            bundle.run("import a saved HTML page", "import", "html.evboard", "article.html")
            proc = bundle.run("info html.evboard --json", "info", "html.evboard", "--json")
            bundle.ok("the page became a source with cards", '"sources": 1' in proc.stdout
                      and '"cards": 0' not in proc.stdout, proc.stdout)
            bundle.run("check a text file (refused, exit 2)", "check", "article.html",
                       expect=2)
            bundle.run(f"open demo.evboard, quit after {WINDOW_SECONDS} s", "--quit-after",
                       str(WINDOW_SECONDS), "demo.evboard")
            bundle.ok("board closed into one file", not list(work.glob("demo.evboard-*")),
                      str(list(work.glob("demo.evboard-*"))))
            bundle.run("check demo.evboard after the window", "check", "demo.evboard")
            bundle.run(f"first run (demo board in HOME), quit after {WINDOW_SECONDS} s",
                       "--quit-after", str(WINDOW_SECONDS))
            bundle.ok("first run made the demo board in the user data folder",
                      any((tmp / "home").rglob("*.evboard")), "no board under HOME")
            check_contents(bundle, app / "_internal")
        except SmokeFailure as e:
            print(f"smoke test FAILED: {e}", file=sys.stderr)
            return 1
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    size = sum(p.stat().st_size for p in files)
    total = sum(t for _label, t in bundle.timings)
    print(f"bundle smoke test: all {bundle.passed} checks ok; bundle {size / 2**20:.0f} MiB "
          f"in {len(files)} files; the bundle's processes ran {total:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
