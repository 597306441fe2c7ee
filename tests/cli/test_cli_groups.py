"""`evidenceboard import --group`: each article's new cards arrive in a group titled
with the article (one group per article), one edit; without it, no group."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from evidenceboard.document import Document
from evidenceboard.paths import seeds_dir


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "evidenceboard", *args],
                          capture_output=True, text=True, timeout=600)


def test_import_with_group_makes_one_group_per_article(tmp_path: Path):
    articles = sorted(seeds_dir().glob("00[01]_*.txt"))
    assert len(articles) == 2
    board = tmp_path / "grouped.evboard"
    proc = run("import", str(board), "--group", *map(str, articles))
    assert proc.returncode == 0, proc.stderr
    doc = Document.open(board)
    try:
        b = doc.board
        titles = sorted(g.title for g in b.groups.values())
        assert titles == sorted(s.shown_title for s in b.sources.values())
        for g in b.groups.values():
            members = b.members_of(g.id)
            assert members
            source = next(s for s in b.sources.values() if s.shown_title == g.title)
            # every card of the group quotes its article
            assert all(any(c.source_id == source.id for c in b.citations_of(m.id))
                       for m in members)
        assert all(c.group_id is not None for c in b.cards.values()
                   if b.citations_of(c.id))
    finally:
        doc.close()
    plain = tmp_path / "plain.evboard"
    assert run("import", str(plain), str(articles[0])).returncode == 0
    doc = Document.open(plain)
    try:
        assert not doc.board.groups
    finally:
        doc.close()
