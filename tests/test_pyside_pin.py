"""The PySide6 pin keeps out the release that aborts Python 3.11.

PySide6 6.12.0 drops a reference to ``None`` on every call of some Qt methods that
return nothing (``QGraphicsItem.setPos``, ``QObject.setObjectName``...); on Python 3.11,
where ``None`` is not immortal, the interpreter aborts after a few thousand calls with
"Fatal Python error: none_dealloc".  The calls run in a subprocess so that such an abort
fails this test instead of killing the test run.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from importlib.metadata import requires, version
from pathlib import Path

from packaging.requirements import Requirement
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent

CALLS = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QApplication, QGraphicsRectItem, QGraphicsScene
    app = QApplication([])
    scene = QGraphicsScene()
    item = QGraphicsRectItem(0, 0, 10, 10)
    scene.addItem(item)
    obj = QObject()
    for i in range(50_000):
        item.setPos(i % 100, i % 50)
        obj.setObjectName("card")
    print("done", item.pos().x(), obj.objectName())
""")


def test_50000_setpos_and_setobjectname_calls_do_not_abort():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run([sys.executable, "-c", CALLS], capture_output=True, text=True,
                          env=env, timeout=300)
    assert "none_dealloc" not in proc.stderr
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.split() == ["done", "99.0", "card"]


def _pins() -> list[Requirement]:
    import tomllib
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    return [Requirement(r) for r in project["dependencies"]
            if Requirement(r).name.lower() == "pyside6-essentials"]


def test_installed_pyside_satisfies_the_pin_in_pyproject():
    pins = _pins()
    assert pins, "pyproject.toml must pin PySide6-Essentials"
    env = {"python_version": f"{sys.version_info.major}.{sys.version_info.minor}"}
    active = [r for r in pins if r.marker is None or r.marker.evaluate(env)]
    assert len(active) == 1
    installed = Version(version("PySide6-Essentials"))
    assert active[0].specifier.contains(installed), (installed, str(active[0]))


def test_the_pin_excludes_the_aborting_release_on_python_311():
    for req in _pins():
        if req.marker is None or req.marker.evaluate({"python_version": "3.11"}):
            assert not req.specifier.contains("6.12.0")
            assert not req.specifier.contains("6.11.0")
            assert not req.specifier.contains("6.11.1")
            assert req.specifier.contains("6.11.3")


def test_the_installed_package_declares_the_same_pin():
    """What pip installed from is the project's pyproject (not a stale build)."""
    declared = [Requirement(r) for r in requires("evidenceboard") or []
                if Requirement(r).name.lower() == "pyside6-essentials"]
    assert {str(r) for r in declared} == {str(r) for r in _pins()}
