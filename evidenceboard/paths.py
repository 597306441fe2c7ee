"""Where the bundled data lives (seeds, resources) and where user data goes."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_path

_PKG = Path(__file__).resolve().parent


def _bundled(name: str) -> Path:
    """``name`` shipped inside the package (wheel) or beside it (source checkout)."""
    inside = _PKG / name
    if inside.is_dir():
        return inside
    return _PKG.parent / name


def seeds_dir() -> Path:
    return _bundled("seeds")


def resources_dir() -> Path:
    return _bundled("resources")


def user_data_dir() -> Path:
    return user_data_path("EvidenceBoard", appauthor=False, ensure_exists=True)
