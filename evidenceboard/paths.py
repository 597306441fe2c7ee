"""Where the bundled data lives (seeds, resources) and where user data goes."""

from __future__ import annotations

import sys
from pathlib import Path

from platformdirs import user_data_path

_PKG = Path(__file__).resolve().parent


def _bundled(name: str) -> Path:
    """``name`` beside the package (source checkout, editable install) or under
    ``<prefix>/share/evidenceboard`` (installed wheel)."""
    checkout = _PKG.parent / name
    if checkout.is_dir():
        return checkout
    return Path(sys.prefix) / "share" / "evidenceboard" / name


def seeds_dir() -> Path:
    return _bundled("seeds")


def resources_dir() -> Path:
    return _bundled("resources")


def user_data_dir() -> Path:
    return user_data_path("EvidenceBoard", appauthor=False, ensure_exists=True)
