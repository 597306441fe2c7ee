"""Shared fixtures for the window tests: small real board files in tmp_path."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from board_factory import SmallBoard, make_small_board  # noqa: E402

from evidenceboard.document import Document  # noqa: E402


@pytest.fixture
def small_board(tmp_path: Path) -> SmallBoard:
    return make_small_board(tmp_path / "small.evboard")


@pytest.fixture
def opened(small_board: SmallBoard):
    """The small board opened as a Document with an EditController."""
    from evidenceboard.commands.controller import EditController

    doc = Document.open(small_board.path)
    controller = EditController(doc)
    yield small_board, doc, controller
    doc.close()
