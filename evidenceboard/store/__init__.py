"""Board files: schema, safe opening, the store that writes them, and migrations.

This layer never imports Qt.
"""

from .board_store import BoardStore, create_board_file
from .errors import (
                     BoardFileError,
                     CheckCancelledError,
                     DamagedBoardError,
                     HostileBoardError,
                     NewerFormatError,
                     NotABoardError,
                     ReadOnlyError,
                     SlowCheckError,
                     StoreWriteError,
)
from .fileformat import APPLICATION_ID, FILE_SUFFIX, SCHEMA_VERSION
from .safe_open import CheckControl, check_board_file

__all__ = [
    "APPLICATION_ID", "FILE_SUFFIX", "SCHEMA_VERSION", "BoardFileError", "BoardStore",
    "CheckCancelledError", "CheckControl", "DamagedBoardError", "HostileBoardError",
    "NewerFormatError", "NotABoardError", "ReadOnlyError", "SlowCheckError",
    "StoreWriteError", "check_board_file", "create_board_file",
]
