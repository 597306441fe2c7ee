"""Which test folders are the headless layers': they also run in .ci/run's second
environment, without PySide6 (tests/test_headless_env.py), so nothing on their paths may
import Qt."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

HEADLESS_DIRS = ("model", "store", "importer", "formats", "analysis")
TESTS = Path(__file__).resolve().parent
#: Whether PySide6 is here (not in .ci/run's Qt-less environment).
try:
    HAS_QT = importlib.util.find_spec("PySide6") is not None
except ImportError:  # (a finder that blocks Qt, as test_headless_env's check does)
    HAS_QT = False
#: For the few cases of a headless layer's test that go through a picture (an SVG
#: export): they run in the main environment, and are skipped in the Qt-less one.
needs_pyside = pytest.mark.skipif(not HAS_QT, reason="paints with Qt: runs in the main "
                                                     "environment, not the Qt-less one")


def needs_qt(path: Path) -> bool:
    """Whether a test file lies outside the headless layers' folders."""
    rel = Path(path).resolve().relative_to(TESTS)
    return len(rel.parts) < 2 or rel.parts[0] not in HEADLESS_DIRS
