"""Interchange formats, each one's reader and writer side by side: board JSON
(``board_json``), JSON Canvas (``json_canvas``), GraphML, FollowTheMoney (``ftm``) and CSV
tables; ``inputs`` bounds and decodes what comes from elsewhere, ``incoming`` turns what a
file holds into one edit, ``interchange`` recognises a file and reads it.

Headless: nothing here imports Qt.  The importer and the export registry depend on this
package; it depends only on the model and analysis.
"""

from .errors import ExportUnavailable, InterchangeError
from .interchange import check_interchange_files, detect_format, parse_interchange, read_interchange

__all__ = ["ExportUnavailable", "InterchangeError", "check_interchange_files",
           "detect_format", "parse_interchange", "read_interchange"]
