"""Merging a colleague's copy: two copies of the demo board edited apart, merged both
ways; the same change on both sides; hostile files; a kill during the merge."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from merge_boards import Apart, card_named, edited_apart

from evidenceboard.document import Document
from evidenceboard.merge import (
    UndecidedConflicts,
    compare,
    imported_entries,
    merge_edit,
)
from evidenceboard.merge.plan import CHANGED_DELETED, DIFFERENT, plan_merge
from evidenceboard.model import Card, edits
from evidenceboard.store import check_board_file

MERGE_COUNTS: dict[str, dict[str, int]] = {}


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.pop("DISPLAY", None)
    env["EVIDENCEBOARD_AUTHOR"] = "Test"
    return subprocess.run([sys.executable, "-m", "evidenceboard", *args],
                          capture_output=True, text=True, env=env, timeout=300)


@pytest.fixture
def apart(tmp_path: Path) -> Apart:
    return edited_apart(tmp_path)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _merge(into: Path, other: Path, take: str | None = "theirs",
           accept: bool = True) -> tuple[Document, object]:
    doc = Document.open(into)
    doc.author = "Merger"
    theirs = Document.open(other, read_only=True)
    comparison = compare(doc.board, doc.history(), theirs.board, theirs.history())
    plan = comparison.plan
    edit = merge_edit(plan, doc.board, theirs.board, take=take,
                      accept=[m.theirs_id for m in plan.matches] if accept else [])
    doc.apply(edit, imported=imported_entries(doc.history(), theirs.history()))
    theirs.close()
    return doc, comparison


def test_theirs_merged_into_mine_brings_every_change_once(apart: Apart):
    theirs_before = _digest(apart.theirs)
    doc, comparison = _merge(apart.mine, apart.theirs)
    plan = comparison.plan  # type: ignore[attr-defined]
    MERGE_COUNTS["theirs into mine"] = plan.counts()
    assert plan.three_way
    b = doc.board
    for card_id, pos in {**apart.theirs_moves, **apart.mine_moves}.items():
        assert (b.cards[card_id].x, b.cards[card_id].y) == pos
    for card_id, title in {**apart.theirs_renames, **apart.mine_renames}.items():
        assert b.cards[card_id].title == title
    for id_ in [*apart.theirs_new, *apart.mine_new]:
        assert b.find(id_) is not None, id_
    for id_ in [*apart.theirs_deleted, *apart.mine_deleted]:
        assert b.find(id_) is None, id_
    for cid, grade in apart.theirs_graded.items():
        assert b.citations[cid].credibility == grade
    assert sorted(s.reliability or "" for s in b.sources.values()).count("B") == 1
    # Each conflict reported, decided as asked (theirs)
    assert {c.id for c in plan.conflicts} == apart.conflicts
    assert card_named(b, "Jerusalem (city)").id in apart.conflicts
    assert (b.cards[next(iter(apart.conflicts & {card_named(b, "Sudan").id}))].x) == 3000.0
    assert not [c for c in b.cards.values() if c.title == "France"]
    # The same move on both sides is no conflict, and is there once
    assert apart.same_change not in {c.id for c in plan.conflicts}
    assert (b.cards[apart.same_change].x, b.cards[apart.same_change].y) == (500.0, 500.0)
    assert plan.same_on_both >= 1
    # The actor spelled another way became the same actor (accepted), never twice
    assert [m.theirs_name for m in plan.matches] == ["Abdulhamid Dbeiba"]
    assert apart.hafter not in b.cards
    assert "Abdulhamid Dbeiba" in card_named(b, "Abdulhamid Dbeibah").aliases
    # Who did what: Grace's entries came in
    history = doc.history()
    assert "Grace" in history.authors() and "Merger" in history.authors()
    assert history.entries[-1].merged_in is not None
    path = doc.path
    doc.close()
    check_board_file(path)
    assert _digest(apart.theirs) == theirs_before  # the other file is never modified


def test_mine_merged_into_theirs_the_other_way(apart: Apart):
    doc, comparison = _merge(apart.theirs, apart.mine, take="mine", accept=False)
    plan = comparison.plan  # type: ignore[attr-defined]
    MERGE_COUNTS["mine into theirs"] = plan.counts()
    b = doc.board
    for card_id, pos in {**apart.theirs_moves, **apart.mine_moves}.items():
        assert (b.cards[card_id].x, b.cards[card_id].y) == pos
    for id_ in [*apart.theirs_new, *apart.mine_new]:
        assert b.find(id_) is not None, id_
    for id_ in [*apart.theirs_deleted, *apart.mine_deleted]:
        assert b.find(id_) is None, id_
    assert {c.id for c in plan.conflicts} == apart.conflicts
    # "mine" here is theirs' side: their rename of Jerusalem stays; France comes back
    # (Ada changed it, Grace deleted it, and Grace kept her own side: France stays
    # deleted)
    assert card_named(b, "Jerusalem (city)")
    assert not [c for c in b.cards.values() if c.title == "France"]
    assert apart.hafter in b.cards  # not accepted: stays a card of its own
    path = doc.path
    doc.close()
    check_board_file(path)


def test_a_conflict_is_never_resolved_silently(apart: Apart):
    doc = Document.open(apart.mine)
    theirs = Document.open(apart.theirs, read_only=True)
    comparison = compare(doc.board, doc.history(), theirs.board, theirs.history())
    with pytest.raises(UndecidedConflicts) as info:
        merge_edit(comparison.plan, doc.board, theirs.board)
    assert len(info.value.conflicts) == len(apart.conflicts)
    conflict = next(c for c in comparison.plan.conflicts
                    if c.mine is not None and isinstance(c.mine, Card)
                    and c.mine.title == "Al-Quds / Jerusalem")
    (title,) = conflict.fields
    assert (title.field, title.base, title.mine, title.theirs) == (
        "title", "Jerusalem", "Al-Quds / Jerusalem", "Jerusalem (city)")
    france = next(c for c in comparison.plan.conflicts if c.reason == CHANGED_DELETED)
    assert isinstance(france.mine, Card) and france.mine.title == "France"
    # decided one by one: mine for Jerusalem, theirs for the rest
    edit = merge_edit(comparison.plan, doc.board, theirs.board,
                      choices={conflict.key: "mine"}, take="theirs")
    doc.apply(edit)
    assert doc.board.cards[conflict.id].title == "Al-Quds / Jerusalem"
    theirs.close()
    doc.close()


def test_the_same_change_on_both_sides_is_not_a_conflict(tmp_path: Path):
    from evidenceboard.demo import write_demo_board

    mine = Document.open(write_demo_board(tmp_path / "m.evboard"))
    copy = mine.save_copy(tmp_path / "t.evboard")
    theirs = Document.open(copy)
    for doc in (mine, theirs):
        card = card_named(doc.board, "Israel")
        doc.apply(edits.rename_card(card, "State of Israel"))
        doc.apply(edits.move_cards(doc.board, {card.id: (77.0, 88.0)}))
    plan = plan_merge(mine.board, theirs.board,
                      compare(mine.board, mine.history(), theirs.board,
                              theirs.history()).ancestor.board)
    assert plan.conflicts == [] and plan.changed == [] and plan.same_on_both == 1
    theirs.close()
    mine.close()


def test_unrelated_boards_merge_two_way_by_ids(tmp_path: Path):
    from evidenceboard.demo import write_demo_board

    mine = Document.open(write_demo_board(tmp_path / "m.evboard"))
    theirs_path = write_demo_board(tmp_path / "t.evboard")  # the same articles, new ids
    theirs = Document.open(theirs_path)
    note = Card.create("note", "only theirs")
    theirs.apply(edits.put("Add", note))
    comparison = compare(mine.board, mine.history(), theirs.board, theirs.history())
    plan = comparison.plan
    assert not plan.three_way and "compared by ids" in comparison.ancestor.why
    # the same articles under other ids are matched by sha256, never added twice
    assert len(plan.source_map) == len(mine.board.sources)
    assert not [e for e in plan.added if e.id in plan.source_map]
    edit = merge_edit(plan, mine.board, theirs.board, take="mine")
    mine.apply(edit)
    assert note.id in mine.board.cards
    assert len(mine.board.sources) == len(theirs.board.sources)
    assert {c.reason for c in plan.conflicts} <= {DIFFERENT}
    path = mine.path
    theirs.close()
    mine.close()
    check_board_file(path)


def test_merge_undo_reverts_it_as_one_step(apart: Apart, qapp):
    from evidenceboard.commands.controller import EditController

    doc = Document.open(apart.mine)
    before = {e.id: e for e in doc.board.entities()}
    controller = EditController(doc)
    theirs = Document.open(apart.theirs, read_only=True)
    comparison = compare(doc.board, doc.history(), theirs.board, theirs.history())
    edit = merge_edit(comparison.plan, doc.board, theirs.board, take="theirs")
    assert controller.do(edit, imported=tuple(imported_entries(doc.history(),
                                                               theirs.history())))
    assert controller.stack.count() == 1
    controller.stack.undo()
    assert {e.id: e for e in doc.board.entities()} == before
    theirs.close()
    doc.close()


# ----------------------------------------------------------------------------- the CLI
def test_cli_diff_and_merge(apart: Apart, tmp_path: Path):
    out = run_cli("diff", str(apart.mine), str(apart.theirs), "--json")
    assert out.returncode == 0, out.stderr
    diff = json.loads(out.stdout)
    assert diff["three_way"] and diff["counts"]["conflict"] == len(apart.conflicts)
    assert diff["counts"]["added"] >= 3 and diff["counts"]["removed"] >= 2
    before = _digest(apart.mine)
    refused = run_cli("merge", str(apart.mine), str(apart.theirs))
    assert refused.returncode == 3, refused.stderr
    assert "conflict" in refused.stdout and "Jerusalem" in refused.stdout
    assert _digest(apart.mine) == before  # nothing changed
    done = run_cli("merge", str(apart.mine), str(apart.theirs), "--take", "theirs",
                   "--accept-matches", "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["applied"] and report["counts"]["conflicts"] == len(apart.conflicts)
    assert run_cli("check", str(apart.mine)).returncode == 0
    hist = json.loads(run_cli("history", str(apart.mine), "--json").stdout)
    assert {"Ada", "Grace", "Test"} <= {e["author"] for e in hist["entries"]}
    # merging again changes nothing more
    again = json.loads(run_cli("merge", str(apart.mine), str(apart.theirs), "--take",
                               "theirs", "--json").stdout)
    assert again["counts"]["added"] == again["counts"]["changed"] == 0


def test_cli_share_copy_redacts_a_source(apart: Apart, tmp_path: Path):
    doc = Document.open(apart.mine, read_only=True)
    source = sorted(doc.board.sources.values(), key=lambda s: s.id)[0]
    doc.close()
    out = tmp_path / "shared.evboard"
    done = run_cli("share-copy", str(apart.mine), str(out), "--redact", source.id)
    assert done.returncode == 0, done.stderr
    assert "without history" in done.stdout
    copy = Document.open(out, read_only=True)
    assert source.id not in copy.board.sources
    assert all(c.source_id != source.id for c in copy.board.citations.values())
    assert copy.history().entries == []
    copy.close()
    assert source.text[:80].encode() not in out.read_bytes()
    bad = run_cli("share-copy", str(apart.mine), str(tmp_path / "x.evboard"), "--redact",
                  "nope")
    assert bad.returncode == 2 and "no source has the id" in bad.stderr


def test_a_hostile_file_is_refused_and_mine_untouched(apart: Apart, tmp_path: Path):
    import sqlite3

    hostile = tmp_path / "hostile.evboard"
    shutil.copy(apart.theirs, hostile)
    con = sqlite3.connect(hostile)
    con.execute("CREATE VIEW sneaky AS SELECT * FROM card")
    con.commit()
    con.close()
    before = _digest(apart.mine)
    for cmd in ("merge", "diff"):
        out = run_cli(cmd, str(apart.mine), str(hostile), "--take", "theirs") \
            if cmd == "merge" else run_cli(cmd, str(apart.mine), str(hostile))
        assert out.returncode == 2, out.stdout
        assert "objects a board never has" in out.stderr and "Traceback" not in out.stderr
    assert _digest(apart.mine) == before
    not_a_board = tmp_path / "x.evboard"
    not_a_board.write_bytes(b"hello")
    out = run_cli("merge", str(apart.mine), str(not_a_board), "--take", "theirs")
    assert out.returncode == 2 and _digest(apart.mine) == before


@pytest.mark.slow
def test_a_kill_during_the_merge_leaves_the_board_as_it_was(tmp_path: Path):
    """The merge is one transaction: SIGKILL while it is being written (its log
    growing) leaves mine exactly as it was; the merge then runs to the end."""
    from evidenceboard.demo import write_demo_board

    mine_path = write_demo_board(tmp_path / "mine.evboard")
    doc = Document.open(mine_path)
    theirs_path = doc.save_copy(tmp_path / "theirs.evboard")
    doc.close()
    theirs = Document.open(theirs_path)
    cards = [Card.create("note", f"note {i}", body="x" * 2000, x=float(i), y=9000.0)
             for i in range(4000)]
    theirs.apply(edits.put("Add notes", *cards))
    theirs.close()

    def state() -> set[str]:
        d = Document.open(mine_path, read_only=True)
        ids = set(d.board.cards)
        d.close()
        return ids

    before = state()
    wal = mine_path.with_name(mine_path.name + "-wal")
    killed_during = 0
    for _round in range(6):
        env = dict(os.environ, EVIDENCEBOARD_AUTHOR="Killed")
        env.pop("DISPLAY", None)
        child = subprocess.Popen([sys.executable, "-m", "evidenceboard", "merge",
                                  str(mine_path), str(theirs_path), "--take", "theirs"],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        while child.poll() is None and not (wal.exists() and wal.stat().st_size > 1_000_000):
            time.sleep(0.002)
        if child.poll() is None:
            child.send_signal(signal.SIGKILL)
            child.communicate(timeout=60)
            check_board_file(mine_path)
            now = state()
            assert now in (before, before | {c.id for c in cards})
            if now == before:
                killed_during += 1
                continue
        child.communicate(timeout=60)
        break
    assert killed_during >= 1
    check_board_file(mine_path)
    done = run_cli("merge", str(mine_path), str(theirs_path), "--take", "theirs")
    assert done.returncode == 0, done.stderr
    assert state() == before | {c.id for c in cards}


def test_zz_print_merge_counts():
    """(The closing note's figures: the counts of the test merges above.)"""
    for name, c in MERGE_COUNTS.items():
        print(name, json.dumps(c))
