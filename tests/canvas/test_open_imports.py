"""Opening a board and drawing its first frames does not import networkx (and numpy):
importing them takes a third of a second, which the open-time budget cannot spare.
Only what needs graph work (Size By ▸ Centrality, cluster colours, layouts) loads them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = """
import sys
from evidenceboard.canvas.measure import open_view, render_frame
session = open_view(sys.argv[1])
image = render_frame(session.view)
for _ in range(50):
    image = render_frame(session.view, image)
{extra}
print(",".join(m for m in ("networkx", "numpy") if m in sys.modules))
"""


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory) -> Path:
    from evidenceboard.demo import write_demo_board
    return write_demo_board(tmp_path_factory.mktemp("demo") / "demo.evboard")


def loaded_after_open(path: Path, extra: str = "") -> str:
    out = subprocess.run([sys.executable, "-c", SCRIPT.format(extra=extra), str(path)],
                         capture_output=True, text=True, timeout=120,
                         env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_opening_and_drawing_a_board_leaves_networkx_unloaded(demo_path: Path):
    assert loaded_after_open(demo_path) == ""


def test_sizing_by_centrality_loads_it(demo_path: Path):
    """The check above can see networkx: scoring centrality loads it."""
    extra = ("from evidenceboard.render.importance import centrality_scores\n"
             "assert centrality_scores(session.view.scene().board)")
    assert loaded_after_open(demo_path, extra) == "networkx,numpy"
