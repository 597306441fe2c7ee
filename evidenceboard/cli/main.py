"""``evidenceboard`` command: open the app, or work on board files headless.

Every failure a user can cause (missing file, refused board, bad article) ends with one
line on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from .. import __version__

EXIT_USAGE = 2

COMMANDS = ("new", "check", "info", "import", "relations", "export", "generate", "open")
TOP_LEVEL_OPTIONS = ("-h", "--help", "--version")


class CliError(Exception):
    """A one-line message for stderr, exit status 2."""


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
    o.add_argument("board", nargs="?", help="board file (.evboard); default: the demo board")
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

    rel = sub.add_parser("relations", help="derive the relations between actors that the "
                                           "board's claims state (links of kind "
                                           "'relation', each citing its claims)")
    rel.add_argument("board")
    rel.add_argument("--dry-run", action="store_true",
                     help="list the relations without changing the board")

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
    args_list = list(sys.argv[1:] if argv is None else argv)
    # `evidenceboard [--quit-after S] [BOARD]` (no command) opens the app.
    if not args_list or args_list[0] not in (*COMMANDS, *TOP_LEVEL_OPTIONS):
        args_list.insert(0, "open")
    parser = _parser()
    args = parser.parse_args(args_list)
    command = args.command or "open"
    try:
        if command == "open":
            return _open_app(getattr(args, "board", None), getattr(args, "quit_after", None))
        handler = {"new": _cmd_new, "check": _cmd_check, "info": _cmd_info,
                   "import": _cmd_import, "relations": _cmd_relations,
                   "export": _cmd_export,
                   "generate": _cmd_generate}[command]
        return handler(args)
    except CliError as e:
        print(f"evidenceboard: {e}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("evidenceboard: interrupted", file=sys.stderr)
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


def _open_app(board: str | None, quit_after: float | None = None) -> int:
    path = None
    if board is not None:
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
    if path.exists():
        raise CliError(f"{path} already exists; choose another name")
    if not path.parent.is_dir():
        raise CliError(f"cannot create {path}: the folder {path.parent} does not exist")
    try:
        if args.demo:
            from ..demo import write_demo_board
            write_demo_board(path)
        else:
            create_board_file(path)
    except OSError as e:
        raise CliError(f"cannot create {path}: {e.strerror or e}") from None
    print(f"created {path}")
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    from ..store import BoardFileError, check_board_file

    path = _board_path(args.board)
    try:
        check = check_board_file(path)
    except BoardFileError as e:
        raise CliError(f"{path}: {e}") from None
    note = f" (format {check.version}; it will be upgraded when opened)" \
        if check.needs_migration else ""
    print(f"{path}: a good board{note}")
    return 0


def _cmd_info(args: argparse.Namespace) -> int:
    doc = _open_document(args.board, read_only=True)
    try:
        counts = doc.board.counts()
    finally:
        doc.close()
    if args.json:
        print(json.dumps(counts, indent=2, sort_keys=True))
    else:
        kinds = counts["cards_by_kind"]
        assert isinstance(kinds, dict)
        by_kind = ", ".join(f"{n} {k}s" for k, n in kinds.items())
        print(f"{doc.path}\n  sources:   {counts['sources']}\n  cards:     "
              f"{counts['cards']} ({by_kind})\n  links:     {counts['links']}\n"
              f"  citations: {counts['citations']}")
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    from ..store import StoreWriteError, create_board_file

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
        create_board_file(path)
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
            edit, summary = import_files_edit(doc.board, files)
        except ValueError as e:
            raise CliError(str(e)) from None
        try:
            doc.apply(edit)
        except StoreWriteError as e:
            raise CliError(str(e)) from None
    finally:
        doc.close()
    print(summary)
    return 0


def _cmd_relations(args: argparse.Namespace) -> int:
    from ..analysis.relations import derive_relations
    from ..model import Link
    from ..store import StoreWriteError

    doc = _open_document(args.board, read_only=args.dry_run)
    try:
        if doc.read_only and not args.dry_run:
            raise CliError(f"{doc.path}: {doc.store.read_only_reason}")
        board = doc.board
        edit = derive_relations(board)
        for e in edit.puts:
            if isinstance(e, Link):
                arrow = "—" if e.direction == "none" else "→"
                print(f"{board.cards[e.from_id].title} {arrow} {e.label} {arrow} "
                      f"{board.cards[e.to_id].title}")
        if not args.dry_run and not edit.is_empty():
            try:
                doc.apply(edit)
            except StoreWriteError as e:
                raise CliError(str(e)) from None
    finally:
        doc.close()
    links = sum(isinstance(e, Link) for e in edit.puts)
    cites = len(edit.puts) - links
    verb = "would add" if args.dry_run else "added"
    print(f"{verb} {links} relation{'s' if links != 1 else ''} between actors "
          f"({cites} citation{'s' if cites != 1 else ''})")
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
                print(f"evidenceboard: as the board's saved view shows it: {hidden} hidden "
                      f"card{'s' if hidden != 1 else ''} left out (--whole-board exports "
                      "everything)", file=sys.stderr)
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
        print(f"wrote {path}")
    return 0


def _chart_options(args: argparse.Namespace) -> dict[str, object]:
    if args.format not in ("png", "svg", "pdf"):
        return {}

    def warn(message: str) -> None:
        print(f"evidenceboard: warning: {message}", file=sys.stderr)

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
    from ..analysis.synthetic import write_synthetic_board

    path = _board_path(args.board)
    if path.exists():
        raise CliError(f"{path} already exists; choose another name")
    if args.cards < 0 or args.links < 0:
        raise CliError("--cards and --links must be zero or more")
    write_synthetic_board(path, cards=args.cards, links=args.links, seed=args.seed)
    print(f"created {path} with {args.cards} cards and {args.links} links")
    return 0
