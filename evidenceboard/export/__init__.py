"""Export and interchange: board JSON, JSON Canvas, GraphML, FollowTheMoney, CSV, the
provenance report, and (from ``images``, when present) PNG/SVG/PDF pictures.

Headless: data formats import nothing from Qt; the PDF report and images use QtGui only.
"""

from .errors import ExportUnavailable, InterchangeError
from .interchange import (check_interchange_files, detect_format, parse_interchange,
                          read_interchange)

__all__ = ["ExportUnavailable", "InterchangeError", "check_interchange_files",
           "detect_format", "parse_interchange", "read_interchange"]
