"""The second test environment, without Qt: .ci/run installs tools/requirements-headless.txt
and the package with ``--no-deps`` into .venv-headless and runs the headless layers'
tests there, so a Qt import in model, store, importer, formats or analysis fails CI."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

from headless import HEADLESS_DIRS

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tools.headless_requirements import QT, headless_requirements, name_of, text  # noqa: E402


def test_the_requirements_file_is_generated_from_pyproject():
    """Regenerate with ``python tools/headless_requirements.py >
    tools/requirements-headless.txt`` after changing the dependencies."""
    assert (ROOT / "tools" / "requirements-headless.txt").read_text("utf-8") == text()


def test_it_leaves_out_qt_and_only_qt():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    everything = project["dependencies"] + project["optional-dependencies"]["test"]
    left_out = {name_of(r) for r in everything} - {name_of(r) for r in
                                                   headless_requirements()}
    assert left_out == {"pyside6-essentials", "pytest-qt"}
    assert left_out <= set(QT)


def test_ci_runs_the_headless_folders_without_pyside6():
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert ".venv-headless/bin/pip install -q -r tools/requirements-headless.txt" in ci
    assert ".venv-headless/bin/pip install -q --no-deps -e ." in ci
    assert "if .venv-headless/bin/python -c 'import PySide6' 2>/dev/null; then" in ci
    run = re.search(r"\.venv-headless/bin/python -m pytest ([^\n]*)", ci)
    assert run is not None
    folders = re.findall(r"tests/(\w+)", run.group(1))
    assert folders == list(HEADLESS_DIRS)


BLOCK_QT = """
import sys
from importlib.abc import MetaPathFinder

class NoQt(MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("PySide6", "shiboken6"):
            raise ModuleNotFoundError(f"No module named {name!r} (blocked)", name=name)
        return None

sys.meta_path.insert(0, NoQt())
import pytest
sys.exit(pytest.main(["--collect-only", "-q", "-p", "no:pytest-qt", "-p", "no:cacheprovider",
                      *sys.argv[1:]]))
"""


def test_the_headless_tests_collect_with_qt_blocked():
    """In this environment too (which has PySide6): with every Qt import refused, the
    headless folders' conftests and test modules import (the second environment then
    runs them)."""
    out = subprocess.run([sys.executable, "-c", BLOCK_QT,
                          *[f"tests/{d}" for d in HEADLESS_DIRS]], cwd=ROOT,
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-3000:]
    assert re.search(r"\d+ tests collected", out.stdout), out.stdout[-500:]


def test_blocking_qt_does_break_a_qt_test():
    """The blocker is real: a folder whose tests import Qt fails to collect."""
    out = subprocess.run([sys.executable, "-c", BLOCK_QT, "tests/render"], cwd=ROOT,
                         capture_output=True, text=True, timeout=300)
    assert out.returncode != 0
    assert "blocked" in out.stdout + out.stderr
