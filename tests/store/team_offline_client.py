"""A team member's client killed while offline (issue 19's offline test):
``python team_offline_client.py URL QUEUE_DIR WORKDIR``.

It opens the board with an offline queue, says ``opened``, waits for ``server-stopped``,
makes three edits (they wait in the queue), says ``queued`` with the queue's length,
and then waits to be killed."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from evidenceboard.document import Document
from evidenceboard.model import Card, edits


def main() -> int:
    url, queue_dir, workdir = sys.argv[1:4]
    work = Path(workdir)
    doc = Document.open_team(url, queue_dir=queue_dir)
    (work / "opened").touch()
    while not (work / "server-stopped").exists():
        time.sleep(0.05)
    doc.apply(edits.rename_card(doc.board.cards["c0"], "offline 1"))
    doc.apply(edits.put("Add note", Card("k1", "note", "offline 2", x=7, y=8)))
    doc.apply(edits.move_cards(doc.board, {"c1": (123.0, 45.0)}))
    (work / "queued.tmp").write_text(str(doc.waiting))
    (work / "queued.tmp").rename(work / "queued")
    while True:
        time.sleep(1)


if __name__ == "__main__":
    sys.exit(main())
