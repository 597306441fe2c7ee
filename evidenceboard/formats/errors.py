"""The one error an interchange file can raise: a one-line message for the user.

It is a ``ValueError`` so the CLI and the import glue (``importer/files.py``) catch it with
the article errors and show one line; nothing of the board has been changed when it is
raised, because every reader builds its edit in memory first.
"""

from __future__ import annotations


class InterchangeError(ValueError):
    """A file that cannot be imported as (or exported to) an interchange format."""


class ExportUnavailable(InterchangeError):
    """A format this build cannot write (e.g. images without the painter module)."""
