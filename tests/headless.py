"""Which test folders are the headless layers': they also run in .ci/run's second
environment, without PySide6 (tests/test_headless_env.py), so nothing on their paths may
import Qt."""

from __future__ import annotations

from pathlib import Path

HEADLESS_DIRS = ("model", "store", "importer", "formats", "analysis")
TESTS = Path(__file__).resolve().parent


def needs_qt(path: Path) -> bool:
    """Whether a test file lies outside the headless layers' folders."""
    rel = Path(path).resolve().relative_to(TESTS)
    return len(rel.parts) < 2 or rel.parts[0] not in HEADLESS_DIRS
