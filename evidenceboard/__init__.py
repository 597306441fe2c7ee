"""EvidenceBoard: a board of actors, claims and sourced links for investigators."""

# The one place the version is written: pyproject.toml reads it from here (setuptools'
# `attr:`), so the package metadata (importlib.metadata), `evidenceboard --version`, the
# About dialog and the bundle (packaging/evidenceboard.spec) all report this string.
__version__ = "0.2.0"
