"""``evidenceboard`` command: open the app, or work on board files headless.

Every failure a user can cause (missing file, refused board, bad article) ends with one
line on stderr and exit status 2, never a traceback.

Everything the command writes goes through :func:`say`, which writes each line with its
control characters spelled out (:func:`~evidenceboard.safe_text.terminal_safe`): a name
taken from a file (a table, a title, a file name) cannot move the cursor, recolour the
terminal or reorder the line, so "…: refused" can never be made to read "…: a good
board".  Output cut short by its reader (``evidenceboard info B | head``) ends quietly.
"""

from __future__ import annotations

import argparse
import errno
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from .. import __version__
from ..safe_text import terminal_safe
from . import history, layout, team

EXIT_USAGE = 2
#: What a shell reports for a program stopped by SIGPIPE: the reader went away.
EXIT_BROKEN_PIPE = 128 + 13

COMMANDS = ("new", "check", "info", "import", "relations", "layout", "analyze", "timeline",
            "export", "generate", "open", *team.COMMANDS, *history.COMMANDS)
TOP_LEVEL_OPTIONS = ("-h", "--help", "--version")


class CliError(Exception):
    """A one-line message for stderr, exit status 2."""


def say(*lines: object, stream: TextIO | None = None) -> None:
    """Write each of ``lines`` as one line, control characters spelled out: the one way
    this command writes to the terminal (``tests/cli`` scans for any other)."""
    out = sys.stdout if stream is None else stream
    for line in lines:
        out.write(terminal_safe(line) + "\n")
    out.flush()


def _quiet_broken_pipe() -> int:
    """The reader of our output went away (``| head``): stop without a traceback, and
    without Python's own complaint when it flushes stdout at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return EXIT_BROKEN_PIPE


def _board_path(text: str) -> Path:
    return Path(text).expanduser()


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not 0 <= value <= 86400:  # also refuses nan and inf
        raise argparse.ArgumentTypeError(f"{text!r}: give 0 to 86400 seconds")
    return value


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="evidenceboard",
        description="EvidenceBoard: actors, claims and sourced links for investigators. "
                    "Without a command, opens the app on BOARD (or on the demo board).",
    )
    p.add_argument("--version", action="version", version=f"EvidenceBoard {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    o = sub.add_parser("open", help="open the app on a board (the default command)")
    o.add_argument("board", nargs="?", help="board file (.evboard), or a team board "
                                            "('postgresql://…?board=NAME'); default: the "
                                            "demo board")
    o.add_argument("--quit-after", type=_seconds, default=None, metavar="SECONDS",
                   help="close the window SECONDS after it is shown and exit, as if the "
                        "user closed it (smoke tests of an installed app or bundle)")

    n = sub.add_parser("new", help="create an empty board (or the demo board with --demo)")
    n.add_argument("board", help="path of the new .evboard file")
    n.add_argument("--demo", action="store_true",
                   help="seed it from the bundled demo articles")

    c = sub.add_parser("check", help="check that a file is a good board (exit 0) or say "
                                     "what is wrong (exit 2)")
    c.add_argument("board")

    i = sub.add_parser("info", help="count the sources, cards, links and citations")
    i.add_argument("board")
    i.add_argument("--json", action="store_true", help="print JSON")

    im = sub.add_parser("import", help="import articles (text, Markdown, HTML) or board "
                                       "interchange files into a board (created if missing)")
    im.add_argument("board")
    im.add_argument("files", nargs="+", metavar="FILE")
    im.add_argument("--group", action="store_true",
                    help="each article's new cards arrive in a group titled with the "
                         "article")

    rel = sub.add_parser("relations", help="derive the relations between actors that the "
                                           "board's claims state (links of kind "
                                           "'relation', each citing its claims)")
    rel.add_argument("board")
    rel.add_argument("--dry-run", action="store_true",
                     help="list the relations without changing the board")

    layout.add_parser(sub)
    team.add_parsers(sub)
    history.add_parsers(sub)
    an = sub.add_parser("analyze", help="who matters (--centrality), how two actors are "
                                        "connected (--path), communities (--clusters)")
    an.add_argument("board")
    what = an.add_mutually_exclusive_group(required=True)
    what.add_argument("--centrality", action="store_true",
                      help="actors ranked by degree, betweenness and eigenvector "
                           "centrality (ties weighted by independent origins)")
    what.add_argument("--path", nargs=2, metavar=("NAME_A", "NAME_B"),
                      help="paths from one actor to another (names: titles or aliases), "
                           "every hop with its quotes")
    what.add_argument("--clusters", action="store_true",
                      help="communities of actors (Louvain, seeded)")
    an.add_argument("--top", type=int, default=None, metavar="N",
                    help="--centrality: only the first N actors")
    an.add_argument("--max-hops", type=int, default=None, metavar="N",
                    help="--path: also every simple path of at most N hops (default: "
                         "the shortest paths only)")
    an.add_argument("--json", action="store_true", help="print JSON")

    tl = sub.add_parser("timeline", help="the dates the claims describe, with the words "
                                         "they come from")
    tl.add_argument("board")
    tl.add_argument("--json", action="store_true", help="print JSON")

    ex = sub.add_parser("export", help="export a board to another format")
    ex.add_argument("board")
    ex.add_argument("--format", required=True,
                    choices=["json", "canvas", "graphml", "ftm", "csv", "png", "svg", "pdf",
                             "report"])
    ex.add_argument("--out", required=True, help="output path")
    ex.add_argument("--scale", type=float, default=1.0, help="image scale factor")
    ex.add_argument("--background", choices=["white", "transparent"], default="white")
    ex.add_argument("--dpi", type=float, default=None,
                    help="PNG: dots per inch (scale = DPI / 96, stored in the file)")
    ex.add_argument("--page-size", default="A4",
                    choices=["A5", "A4", "A3", "A2", "Letter", "Legal", "Tabloid"],
                    help="PDF page size")
    ex.add_argument("--orientation", default="auto", choices=["auto", "portrait", "landscape"],
                    help="PDF page orientation")
    ex.add_argument("--tiles", default=None, metavar="COLSxROWS",
                    help="PDF: a poster across COLS x ROWS pages (e.g. 3x2) instead of one page")
    ex.add_argument("--selection-of", default=None, metavar="IDS",
                    help="comma-separated card ids: export only these and their links")
    ex.add_argument("--colour-by-community", action="store_true",
                    help="pictures: fill the actors by their community (Louvain, as "
                         "Analyze ▸ Colour by Community), listed in the legend")
    ex.add_argument("--whole-board", action="store_true",
                    help="export every card and link; by default the board is exported as "
                         "its saved view shows it (what a filter, Hide Selected or the "
                         "relations view hides is left out; pictures fade and bundle as "
                         "the screen does)")
    ch = ex.add_argument_group(
        "charts (png, svg, pdf)",
        "Images and PDFs are charts: a title, the board, a legend of what it shows and "
        "the numbered sources its cards and links cite. Card titles come out at least "
        "7 pt on paper: a PDF is one page when that holds, else a poster of as many "
        "pages as it takes (a key page first).")
    ch.add_argument("--preset", default=None, metavar="NAME",
                    help="a4, a3, letter (pages); slide (1920 x 1080), figure (300 dpi, "
                         "titles 7 pt), web (at most 2,400 px), screen (as on screen at "
                         "100 %%, the PNG and SVG default)")
    ch.add_argument("--title", default=None, help="the chart's title (default: the board's "
                                                  "name)")
    ch.add_argument("--subtitle", default="")
    ch.add_argument("--author", default="")
    ch.add_argument("--organisation", default="")
    ch.add_argument("--marking", default="", metavar="TEXT",
                    help="a marking printed in red on every page, e.g. DRAFT or a "
                         "classification")
    ch.add_argument("--date", default=None, help="the export date shown (default: today)")
    ch.add_argument("--legend", action=argparse.BooleanOptionalAction, default=True,
                    help="the legend of what the chart shows (default: on)")
    ch.add_argument("--sources", action=argparse.BooleanOptionalAction, default=True,
                    help="the numbered list of sources (default: on)")
    ch.add_argument("--frame", action=argparse.BooleanOptionalAction, default=True,
                    help="--no-frame: the board alone, as on screen (no title, legend, "
                         "sources or page planning)")

    g = sub.add_parser("generate", help="write a synthetic board for benchmarks")
    g.add_argument("board")
    g.add_argument("--cards", type=int, required=True)
    g.add_argument("--links", type=int, required=True)
    g.add_argument("--seed", type=int, default=1)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        # A terminal that cannot show a character gets \\uXXXX, never a traceback.
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    try:
        return _main(argv)
    except BrokenPipeError:
        return _quiet_broken_pipe()


def _main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    # `evidenceboard [--quit-after S] [BOARD]` (no command) opens the app.
    if not args_list or args_list[0] not in (*COMMANDS, *TOP_LEVEL_OPTIONS):
        args_list.insert(0, "open")
    parser = _parser()
    args = parser.parse_args(args_list)
    command = args.command or "open"
    try:
        if command in team.COMMANDS:
            return team.run(args, CliError, say)
        if command in history.COMMANDS:
            return history.run(args, CliError, say, _open_document)
        if command == "open":
            return _open_app(getattr(args, "board", None), getattr(args, "quit_after", None))
        handler = {"new": _cmd_new, "check": _cmd_check, "info": _cmd_info,
                   "import": _cmd_import, "relations": _cmd_relations,
                   "layout": _cmd_layout,
                   "analyze": _cmd_analyze, "timeline": _cmd_timeline,
                   "export": _cmd_export,
                   "generate": _cmd_generate}[command]
        return handler(args)
    except CliError as e:
        say(f"evidenceboard: {e}", stream=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        say("evidenceboard: interrupted", stream=sys.stderr)
        return 130


def _refusal(e: Exception) -> CliError:
    return CliError(str(e))


def _open_document(path_text: str, *, read_only: bool = False):
    from ..document import Document
    from ..store import BoardFileError

    path = _board_path(path_text)
    try:
        return Document.open(path, read_only=read_only)
    except BoardFileError as e:
        raise CliError(f"{path}: {e}") from None
    except OSError as e:
        raise CliError(f"{path}: cannot open it: {_os_reason(e)}") from None


def _apply_edit(doc, edit, path: Path | None = None) -> None:
    """Write ``edit`` into the open board, or say in one line why the board cannot take it
    (opened read-only, or the write refused); nothing is written then."""
    from ..store import StoreWriteError

    if doc.read_only:
        raise CliError(f"{path or doc.path}: {doc.store.read_only_reason}")
    try:
        doc.apply(edit)
    except StoreWriteError as e:
        raise CliError(str(e)) from None


def _os_reason(e: OSError) -> str:
    """What went wrong, in the system's words, without Python's."""
    if e.errno == errno.ENAMETOOLONG and e.filename is None:
        return str(e.args[1]) if len(e.args) > 1 else "the name is too long"
    return e.strerror or str(e)


def _creatable(path: Path) -> None:
    """Refuse, before anything is written, a board that cannot be made at ``path``."""
    if path.exists():
        raise CliError(f"{path} already exists; choose another name")
    if not path.parent.is_dir():
        raise CliError(f"cannot create {path}: the folder {path.parent} does not exist")


def _open_app(board: str | None, quit_after: float | None = None) -> int:
    path: Path | str | None = None
    from ..store.team import is_team_address
    if board is not None and is_team_address(board):
        from ..store import BoardFileError
        from ..store.team import TeamAddress
        try:
            TeamAddress.parse(board)
        except BoardFileError as e:
            raise CliError(str(e)) from None
        path = board
    elif board is not None:
        path = _board_path(board)
        from ..store import BoardFileError, check_board_file
        if path.exists():
            try:
                check_board_file(path)
            except BoardFileError as e:
                raise CliError(f"{path}: {e}") from None
    from ..windows.app import run_app
    return run_app(path, quit_after=quit_after)


def _cmd_new(args: argparse.Namespace) -> int:
    from ..store import create_board_file

    path = _board_path(args.board)
    _creatable(path)
    try:
        if args.demo:
            from ..demo import write_demo_board
            write_demo_board(path)
        else:
            create_board_file(path)
    except OSError as e:
        raise CliError(f"cannot create {path}: {_os_reason(e)}") from None
    say(f"created {path}")
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    from ..store import BoardFileError, check_board_file

    path = _board_path(args.board)
    try:
        check = check_board_file(path)
    except BoardFileError as e:
        raise CliError(f"{path}: {e}") from None
    fitted = f", and {check.out_of_range:,} value{'s' if check.out_of_range != 1 else ''} " \
        "brought into a board's ranges" if check.out_of_range else ""
    note = f" (format {check.version}; it will be upgraded when opened{fitted})" \
        if check.needs_migration else ""
    say(f"{path}: a good board{note}")
    return 0


def _cmd_info(args: argparse.Namespace) -> int:
    doc = _open_document(args.board, read_only=True)
    try:
        counts = doc.board.counts()
    finally:
        doc.close()
    if args.json:
        say(*json.dumps(counts, indent=2, sort_keys=True).splitlines())
    else:
        kinds = counts["cards_by_kind"]
        assert isinstance(kinds, dict)
        by_kind = ", ".join(f"{n} {k}s" for k, n in kinds.items())
        say(doc.path, f"  sources:   {counts['sources']}",
            f"  cards:     {counts['cards']} ({by_kind})", f"  links:     {counts['links']}",
            f"  citations: {counts['citations']}")
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    from ..store import create_board_file

    path = _board_path(args.board)
    files = [Path(f).expanduser() for f in args.files]
    _check_interchange(files)
    for f in files:
        if not f.exists():
            raise CliError(f"{f}: no such file")
        if f.is_dir():
            raise CliError(f"{f}: is a folder, not an article")
    # Read and check every article before the board is touched: a bad file is refused
    # with the board's bytes unchanged (opening a board for writing rewrites it on close).
    from ..importer.files import check_article_files
    try:
        check_article_files(files)
    except ValueError as e:
        raise CliError(str(e)) from None
    created = False
    if not path.exists():
        _creatable(path)
        try:
            create_board_file(path)
        except OSError as e:
            raise CliError(f"cannot create {path}: {_os_reason(e)}") from None
        created = True
    try:
        doc = _open_document(str(path))
    except CliError:
        if created:
            path.unlink(missing_ok=True)
        raise
    try:
        if doc.read_only:
            raise CliError(f"{path}: {doc.store.read_only_reason}")
        from ..importer.files import import_files_edit
        try:
            edit, summary = import_files_edit(doc.board, files, group=args.group)
        except ValueError as e:
            raise CliError(str(e)) from None
        _apply_edit(doc, edit, path)
    finally:
        doc.close()
    say(summary)
    return 0


def _cmd_relations(args: argparse.Namespace) -> int:
    from ..analysis.relations import derive_relations
    from ..model import Link

    doc = _open_document(args.board, read_only=args.dry_run)
    try:
        if doc.read_only and not args.dry_run:
            raise CliError(f"{doc.path}: {doc.store.read_only_reason}")
        board = doc.board
        edit = derive_relations(board)
        lines = []
        for e in edit.puts:
            if isinstance(e, Link):
                arrow = "—" if e.direction == "none" else "→"
                lines.append(f"{board.cards[e.from_id].title} {arrow} {e.label} {arrow} "
                             f"{board.cards[e.to_id].title}")
        if not args.dry_run and not edit.is_empty():
            _apply_edit(doc, edit)
    finally:
        doc.close()
    say(*lines)  # (after the edit: a reader that stops early changes nothing)
    links = sum(isinstance(e, Link) for e in edit.puts)
    cites = len(edit.puts) - links
    verb = "would add" if args.dry_run else "added"
    say(f"{verb} {links} relation{'s' if links != 1 else ''} between actors "
          f"({cites} citation{'s' if cites != 1 else ''})")
    return 0


def _cmd_layout(args: argparse.Namespace) -> int:
    # Worked out on a read-only opening: a refused request leaves the file's bytes as
    # they were (opening a board for writing rewrites it on close).
    doc = _open_document(args.board, read_only=True)
    try:
        try:
            edit, summary = layout.layout_edit(doc.board, args)
        except ValueError as e:
            raise CliError(str(e)) from None
    finally:
        doc.close()
    if not edit.is_empty():
        doc = _open_document(args.board)
        try:
            _apply_edit(doc, edit)
        finally:
            doc.close()
    say(summary)
def _cmd_analyze(args: argparse.Namespace) -> int:
    if args.top is not None and args.top < 1:
        raise CliError("--top must be 1 or more")
    if args.max_hops is not None and not 1 <= args.max_hops <= 8:
        raise CliError("--max-hops must be 1 to 8")
    doc = _open_document(args.board, read_only=True)
    try:
        board = doc.board
        if args.centrality:
            return _print_centrality(board, args)
        if args.clusters:
            return _print_clusters(board, args)
        return _print_paths(board, args)
    finally:
        doc.close()


def _print_centrality(board, args: argparse.Namespace) -> int:
    from ..analysis.network import centrality

    result = centrality(board)
    rows = result.rows[:args.top] if args.top else result.rows
    if args.json:
        say(*json.dumps([r.as_json() for r in rows], indent=2, ensure_ascii=False).splitlines())
        return 0
    say(result.note())
    width = max((len(r.title) for r in rows), default=5)
    width = min(max(width, 5), 40)
    say(f"{'rank':>4}  {'actor':<{width}}  {'degree':>6}  {'origins':>7}  "
          f"{'betweenness':>11}  {'eigenvector':>11}")
    for k, r in enumerate(rows, start=1):
        title = r.title if len(r.title) <= width else r.title[:width - 1] + "…"
        say(f"{k:>4}  {title:<{width}}  {r.degree:>6}  {r.strength:>7}  "
              f"{r.betweenness:>11.4f}  {r.eigenvector:>11.4f}")
    return 0


def _print_clusters(board, args: argparse.Namespace) -> int:
    from ..analysis.network import communities

    result = communities(board)
    if args.json:
        say(*json.dumps({"modularity": round(result.modularity, 6),
                          "clusters": [c.as_json() for c in result.clusters]},
                         indent=2, ensure_ascii=False).splitlines())
        return 0
    say(f"{len(result.clusters)} communities of tied actors "
          f"(modularity {result.modularity:.3f})")
    for c in result.clusters:
        say(f"{c.index}. {c.name} ({len(c.members)}): {', '.join(c.titles)}")
    return 0


def _print_paths(board, args: argparse.Namespace) -> int:
    from ..analysis.paths import NameNotFound, find_actor, find_paths

    try:
        a = find_actor(board, args.path[0])
        b = find_actor(board, args.path[1])
        result = find_paths(board, a.id, b.id, max_hops=args.max_hops)
    except (NameNotFound, ValueError) as e:
        raise CliError(str(e)) from None
    if args.json:
        say(*json.dumps({"paths": [p.as_json(board) for p in result.paths],
                          "truncated": result.truncated}, indent=2, ensure_ascii=False).splitlines())
        return 0
    if not result.paths:
        say(f"no path joins {a.title} and {b.title} through ties between actors")
        return 0
    for k, p in enumerate(result.paths, start=1):
        kind = "shortest" if k <= len(result.shortest) else "longer"
        say(f"{k}. ({kind}) {p.title} — {p.summary}")
        for hop in p.hops:
            say(f"   {board.cards[hop.from_card].title} —[{hop.label}]→ "
                  f"{board.cards[hop.to_card].title}  ({hop.sources} sources, "
                  f"{hop.origins} origins{', grade ' + hop.grade if hop.grade else ''})")
            for w in hop.warnings:
                say(f"      ! {w}")
            for q in hop.quotes:
                say(f"      “{' '.join(q.quote.split())}” — {q.source_title} [{q.grade}]")
    if result.truncated:
        say("(more paths exist; only the first ones are listed)")
    return 0


def _cmd_timeline(args: argparse.Namespace) -> int:
    from ..analysis.dates import timeline_rows

    doc = _open_document(args.board, read_only=True)
    try:
        rows = timeline_rows(doc.board)
    finally:
        doc.close()
    if args.json:
        say(*json.dumps([r.as_json() for r in rows], indent=2, ensure_ascii=False).splitlines())
        return 0
    for r in rows:
        words = " ".join(r.words.split())
        say(f"{r.when:<12} {r.precision:<6} {r.title[:70]}  [{words}] — {r.source_title}"
              + (f" ({r.published})" if r.published else ""))
    say(f"{len(rows)} dated claim{'s' if len(rows) != 1 else ''}")
    return 0


def _check_interchange(files: list[Path]) -> None:
    """Parse interchange files (board JSON, canvas, GraphML, FtM, CSV) before the board
    is opened for writing, so a bad one is refused with the board's bytes unchanged."""
    from ..formats import check_interchange_files
    try:
        check_interchange_files(files)
    except ValueError as e:
        raise CliError(str(e)) from None


def _cmd_export(args: argparse.Namespace) -> int:
    out = Path(args.out).expanduser()
    if not out.parent.is_dir():
        raise CliError(f"cannot write {out}: the folder {out.parent} does not exist")
    doc = _open_document(args.board, read_only=True)
    try:
        ids = None
        if args.selection_of:
            ids = {i.strip() for i in args.selection_of.split(",") if i.strip()}
            unknown = sorted(i for i in ids if i not in doc.board.cards)
            if unknown:
                raise CliError(f"no card with id {unknown[0]} in {doc.path.name}")
        from ..analysis.filters import VIEW_STATE_KEY, ViewState
        from ..analysis.shown import shown_view
        from ..export.run import export_board_files
        view = None
        if not args.whole_board:
            view = ViewState.from_text(doc.board.setting(VIEW_STATE_KEY), doc.board)
            hidden = len(shown_view(doc.board, view).hidden_cards(doc.board))
            if hidden:
                say(f"evidenceboard: as the board's saved view shows it: {hidden} hidden "
                    f"card{'s' if hidden != 1 else ''} left out (--whole-board exports "
                    "everything)", stream=sys.stderr)
        if args.colour_by_community:
            from dataclasses import replace
            view = replace(view if view is not None else ViewState(),
                           community_colours=True)
        try:
            written = export_board_files(doc.board, args.format, out, ids=ids, view=view,
                                         scale=args.scale, background=args.background,
                                         name=doc.name, dpi=args.dpi,
                                         page_size=args.page_size,
                                         orientation=args.orientation,
                                         tiles=_tiles(args.tiles),
                                         **_chart_options(args))
        except (ValueError, OSError) as e:
            raise CliError(str(e)) from None
    finally:
        doc.close()
    for path in written:
        say(f"wrote {path}")
    return 0


def _chart_options(args: argparse.Namespace) -> dict[str, object]:
    if args.format not in ("png", "svg", "pdf"):
        return {}

    def warn(message: str) -> None:
        say(f"evidenceboard: warning: {message}", stream=sys.stderr)

    return {"preset": args.preset, "title": args.title, "subtitle": args.subtitle,
            "author": args.author, "organisation": args.organisation,
            "marking": args.marking, "date": args.date, "legend": args.legend,
            "sources": args.sources, "frame": args.frame, "warn": warn}


def _tiles(text: str | None) -> tuple[int, int] | None:
    if text is None:
        return None
    parts = text.lower().replace("×", "x").split("x")
    try:
        cols, rows = (int(p) for p in parts)
    except ValueError:
        raise CliError(f"--tiles {text!r}: write columns x rows, e.g. 3x2") from None
    return (cols, rows)


def _cmd_generate(args: argparse.Namespace) -> int:
    from ..synthetic import write_synthetic_board

    path = _board_path(args.board)
    _creatable(path)
    if args.cards < 0 or args.links < 0:
        raise CliError("--cards and --links must be zero or more")
    try:
        write_synthetic_board(path, cards=args.cards, links=args.links, seed=args.seed)
    except OSError as e:
        raise CliError(f"cannot create {path}: {_os_reason(e)}") from None
    say(f"created {path} with {args.cards} cards and {args.links} links")
    return 0
