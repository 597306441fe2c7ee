"""Fixtures for the canvas tests: real board files in tmp_path, a shown view."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest
from canvas_harness import Canvas, Seeded, make_board


@pytest.fixture
def seeded(tmp_path: Path) -> Seeded:
    return make_board(tmp_path / "canvas.evboard")


@pytest.fixture
def canvas(qtbot, seeded: Seeded):
    c = Canvas(qtbot, seeded.path)
    yield c
    c.close()
