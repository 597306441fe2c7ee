"""Working from a colleague's copy of a board (issue 17), headless:

* ``evidenceboard diff MINE THEIRS [--json]`` — what theirs added, changed and removed
  compared with the copies' common ancestor (or, with none, with mine), and the
  conflicts;
* ``evidenceboard merge MINE THEIRS [--take mine|theirs] [--accept-matches]`` — bring
  theirs' changes into mine as one edit (one transaction, one undo step in the app);
  with conflicts and no ``--take`` nothing is changed: they are listed, exit 3;
* ``evidenceboard share-copy BOARD OUT [--strip-history] [--redact SOURCE_ID ...]`` —
  a self-contained copy to send, without history or without chosen sources;
* ``evidenceboard history BOARD [--item ID] [--author NAME] [--json]`` — who did what.

The colleague's file is opened read-only through the safe opener and never written.
Edits are recorded under ``--author``, else ``$EVIDENCEBOARD_AUTHOR``, else the
account's name.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

COMMANDS = ("diff", "merge", "share-copy", "history")
#: ``merge`` refused because of conflicts nobody decided (nothing was changed).
EXIT_CONFLICTS = 3


def add_parsers(sub: argparse._SubParsersAction) -> None:
    d = sub.add_parser("diff", help="what a colleague's copy of a board changed "
                                    "(added, changed, removed, conflicts)")
    d.add_argument("mine")
    d.add_argument("theirs")
    d.add_argument("--json", action="store_true", help="print JSON")
    m = sub.add_parser("merge", help="bring a colleague's changes into your board (one "
                                     "undo step; their file is never changed)")
    m.add_argument("mine")
    m.add_argument("theirs")
    m.add_argument("--take", choices=["mine", "theirs"], default=None,
                   help="decide every conflict this way (without it, a merge with "
                        "conflicts changes nothing and lists them)")
    m.add_argument("--accept-matches", action="store_true",
                   help="take the actors theirs names under another spelling as the same "
                        "actors here (listed otherwise)")
    m.add_argument("--author", default=None, help="the name the merge is recorded under")
    m.add_argument("--json", action="store_true", help="print JSON")
    s = sub.add_parser("share-copy", help="write a self-contained copy to send, without "
                                          "history or without chosen sources")
    s.add_argument("board")
    s.add_argument("out", help="the new .evboard file")
    s.add_argument("--strip-history", action="store_true",
                   help="leave the history (who did what) out of the copy")
    s.add_argument("--redact", nargs="+", default=[], metavar="SOURCE_ID",
                   help="leave these sources out (their text and every citation into "
                        "them); the copy then has no history either")
    h = sub.add_parser("history", help="who changed what and when on a board")
    h.add_argument("board")
    h.add_argument("--item", default=None, help="only the entries about this item id")
    h.add_argument("--author", default=None, help="only this author's entries")
    h.add_argument("--json", action="store_true", help="print JSON")


def run(args: argparse.Namespace, error: type[Exception],
        say: Callable[..., None], open_document: Callable[..., Any]) -> int:
    handler = {"diff": _diff, "merge": _merge, "share-copy": _share,
               "history": _history}[args.command]
    return handler(args, error, say, open_document)


def _compare(mine: Any, theirs: Any) -> Any:
    from ..merge import compare
    return compare(mine.board, mine.history(), theirs.board, theirs.history())


def _same_file(a: str, b: str) -> bool:
    try:
        return Path(a).resolve() == Path(b).resolve() or Path(a).samefile(b)
    except OSError:
        return False


def _conflict_json(c: Any) -> dict[str, Any]:
    from ..merge import describe
    return {"kind": c.kind, "id": c.id, "reason": c.reason,
            "title": describe(c.mine or c.theirs),
            "fields": [{"field": f.field, "base": _plain(f.base), "mine": _plain(f.mine),
                        "theirs": _plain(f.theirs)} for f in c.fields]}


def _plain(v: Any) -> Any:
    return list(v) if isinstance(v, tuple) else v


def _diff(args: argparse.Namespace, error: type[Exception], say: Callable[..., None],
          open_document: Callable[..., Any]) -> int:
    mine = open_document(args.mine, read_only=True)
    try:
        theirs = open_document(args.theirs, read_only=True)
        try:
            comparison = _compare(mine, theirs)
        finally:
            theirs.close()
    finally:
        mine.close()
    items, counts = comparison.items, comparison.counts()
    if args.json:
        out = {"ancestor": comparison.ancestor.why, "three_way": comparison.plan.three_way,
               "counts": counts, "merge": comparison.plan.counts(),
               "items": [{"kind": i.kind, "id": i.id, "status": i.status, "title": i.title,
                          "fields": list(i.fields), "reason": i.reason} for i in items]}
        say(*json.dumps(out, indent=2, ensure_ascii=False).splitlines())
        return 0
    say(f"{Path(args.theirs).name} compared with {Path(args.mine).name}: "
        f"{comparison.ancestor.why}",
        "  " + ", ".join(f"{n} {s}" for s, n in counts.items()))
    for i in items:
        fields = f" [{', '.join(i.fields)}]" if i.fields else ""
        reason = f" — {i.reason}" if i.reason else ""
        say(f"  {i.status:<8} {i.kind:<8} {i.title}{fields}{reason}")
    return 0


def _merge(args: argparse.Namespace, error: type[Exception], say: Callable[..., None],
           open_document: Callable[..., Any]) -> int:
    from ..merge import UndecidedConflicts, imported_entries, merge_edit
    from ..model import BoardError
    from ..store import StoreWriteError

    if _same_file(args.mine, args.theirs):
        raise error("MINE and THEIRS are the same file")
    theirs = open_document(args.theirs, read_only=True)  # the safe opener; never written
    try:
        mine = open_document(args.mine)
        try:
            if mine.read_only:
                raise error(f"{mine.path}: cannot merge into it: "
                            f"{mine.store.read_only_reason}")
            if args.author:
                mine.author = args.author
            comparison = _compare(mine, theirs)
            plan = comparison.plan
            accept = [m.theirs_id for m in plan.matches] if args.accept_matches else []
            name = Path(args.theirs).name
            try:
                edit = merge_edit(plan, mine.board, theirs.board, take=args.take,
                                  accept=accept, description=f"Merge {name}")
            except UndecidedConflicts as e:
                _report(args, say, comparison, applied=False, note=str(e))
                return EXIT_CONFLICTS
            try:
                mine.apply(edit, imported=imported_entries(mine.history(), theirs.history()))
            except (BoardError, StoreWriteError) as e:
                raise error(f"{mine.path}: the merge was not made: {e}") from None
            _report(args, say, comparison, applied=True,
                    note=f"merged: {len(edit.puts)} items put, {len(edit.deletes)} deleted")
        finally:
            mine.close()
    finally:
        theirs.close()
    return 0


def _report(args: argparse.Namespace, say: Callable[..., None], comparison: Any, *,
            applied: bool, note: str) -> None:
    plan = comparison.plan
    if args.json:
        out = {"applied": applied, "note": note, "ancestor": comparison.ancestor.why,
               "three_way": plan.three_way, "counts": plan.counts(),
               "conflicts": [_conflict_json(c) for c in plan.conflicts],
               "actor_matches": [{"theirs": m.theirs_name, "mine": m.mine_name,
                                  "theirs_id": m.theirs_id, "mine_id": m.mine_id,
                                  "accepted": bool(args.accept_matches)}
                                 for m in plan.matches]}
        say(*json.dumps(out, indent=2, ensure_ascii=False).splitlines())
        return
    counts = plan.counts()
    say(f"{comparison.ancestor.why}",
        f"  from theirs: {counts['added']} added, {counts['changed']} changed, "
        f"{counts['removed']} removed; {counts['same_on_both']} the same on both; "
        f"{counts['sources_matched_by_sha256']} sources matched by sha256",
        f"  {note}")
    for m in plan.matches:
        state = "taken as the same actor" if args.accept_matches else \
            "proposed as the same actor (--accept-matches to take it)"
        say(f"  actor: {m.theirs_name!r} = {m.mine_name!r}: {state}")
    for c in plan.conflicts:
        fields = "; ".join(f"{f.field}: mine {_plain(f.mine)!r}, theirs {_plain(f.theirs)!r}"
                           for f in c.fields)
        say(f"  conflict: {c.kind} {_conflict_json(c)['title']} — {c.reason}"
            + (f" ({fields})" if fields else ""))


def _share(args: argparse.Namespace, error: type[Exception], say: Callable[..., None],
           open_document: Callable[..., Any]) -> int:
    from ..store import BoardFileError, StoreWriteError

    out = Path(args.out)
    if out.exists():
        raise error(f"{out} already exists; choose another name")
    if out.suffix.lower() != ".evboard":
        raise error(f"{out}: a board copy's name ends in .evboard")
    doc = open_document(args.board)
    try:
        missing = [s for s in args.redact if s not in doc.board.sources]
        if missing:
            raise error(f"no source has the id {missing[0]!r}")
        try:
            written = doc.save_copy(out, strip_history=args.strip_history,
                                    redact=args.redact)
        except (StoreWriteError, BoardFileError, OSError) as e:
            raise error(f"{out}: the copy was not written: {e}") from None
    finally:
        doc.close()
    what = [f"without {len(args.redact)} source{'s' if len(args.redact) != 1 else ''}"
            ] if args.redact else []
    if args.strip_history or args.redact:
        what.append("without history")
    say(f"wrote {written}" + (f" ({', '.join(what)})" if what else ""))
    return 0


def _history(args: argparse.Namespace, error: type[Exception], say: Callable[..., None],
             open_document: Callable[..., Any]) -> int:
    doc = open_document(args.board, read_only=True)
    try:
        history = doc.history()
    finally:
        doc.close()
    entries = history.entries_about(args.item) if args.item else history.entries
    if args.author:
        entries = [e for e in entries if e.author == args.author]
    if args.json:
        lineage = history.lineage
        out = {"board": lineage.id if lineage else None,
               "root": lineage.root if lineage else None,
               "copied_from": lineage.copied_from if lineage else None,
               "entries": [{"seq": e.seq, "at": e.at, "author": e.author,
                            "description": e.description, "merged_in": e.merged_in,
                            "undoes": e.undoes, "items": history.items_of(e.id)}
                           for e in entries]}
        say(*json.dumps(out, indent=2, ensure_ascii=False).splitlines())
        return 0
    for e in entries:
        came = " (came in with a merge)" if e.merged_in else ""
        say(f"{e.at}  {e.author:<16} {e.description}{came}")
    return 0
