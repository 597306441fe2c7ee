"""The permissions a new file of ours gets (shared by the store and the exporters,
which write their files through temporary ones made with mode 0600)."""

from __future__ import annotations

import os
import threading

_LOCK = threading.Lock()


def current_umask() -> int:
    """The process's umask, read without changing it where the system tells it
    (Linux's ``/proc/self/status``: exports run on a thread, and setting the umask even
    for a moment would change the files other threads create meanwhile)."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    with _LOCK:
        mask = os.umask(0o077)  # (never looser than before, even for a moment)
        os.umask(mask)
    return mask


def default_mode() -> int:
    """``0o666`` less the umask: what ``open(..., "w")`` would have made."""
    return 0o666 & ~current_umask()
