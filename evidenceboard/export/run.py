"""The registry of export formats, and the one entry point the CLI and the app call.

Each format is an :class:`ExportFormat`: a name (what ``--format`` takes), a writer
``write(board, out, options) -> [paths written]`` and whether it needs Qt.  Every format
is registered here, at the bottom.  The writers import their module when they run: the
data formats' (in :mod:`evidenceboard.formats`) and the report's import nothing from Qt,
and the images' (:mod:`.images`, the shared painter) load QtGui only when an image is
asked for, so ``evidenceboard export --format json`` never starts Qt.

The writer receives the board already cut down to ``options.ids`` (the selection) and
writes atomically (a failed export never leaves half a file).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..analysis.filters import ViewState
from ..analysis.shown import shown_view, view_board
from ..formats.common import subset
from ..formats.errors import ExportUnavailable, InterchangeError
from ..model import Board


@dataclass(frozen=True)
class ExportOptions:
    """What the user asked for besides the format and the path."""

    ids: frozenset[str] | None = None  # card ids of the selection; None = whole board
    scale: float = 1.0  # images: scale factor
    background: str = "white"  # images: "white" or "transparent"
    name: str | None = None  # board name for titles (the file's stem)
    dpi: float | None = None  # images: dots per inch (PNG: scale = dpi / 96 and metadata)
    page_size: str = "A4"  # PDF: A4, A3, A5, Letter, Legal, Tabloid
    orientation: str = "auto"  # PDF: auto, portrait, landscape
    tiles: tuple[int, int] | None = None  # PDF: (columns, rows) poster; None = one page
    view_rect: tuple[float, float, float, float] | None = None  # images: scene x, y, w, h
    # Charts (png, svg, pdf, print): the frame around the board (see export/chart.py).
    preset: str | None = None  # a4, a3, letter, slide, figure, web, screen (pages.PRESETS)
    frame: bool = True  # False: the board alone, as on screen, no title, legend, sources
    legend: bool = True
    sources: bool = True
    title: str | None = None  # None: the board's name
    subtitle: str = ""
    author: str = ""
    organisation: str = ""
    marking: str = ""  # "DRAFT", a classification...
    date: str | None = None  # None: today
    #: The report: evidence chains to list (anything with .title and .link_ids).
    chains: tuple = ()
    #: Pictures: ids drawn faded, as the view on screen fades them (see ``view``).
    faded: frozenset[str] = frozenset()
    #: Pictures coloured by community: each community's (fill, name, members), for the
    #: legend (see ``view``).
    communities: tuple[tuple[str, str, int], ...] = ()
    #: Told what a reader would want to know (titles below the readable size...).
    warn: Callable[[str], None] | None = field(default=None, compare=False)


Writer = Callable[[Board, Path, ExportOptions], list[Path]]

#: The image and chart fields of :class:`ExportOptions` that export_board_files takes.
CHART_OPTIONS = frozenset({"dpi", "page_size", "orientation", "tiles", "view_rect", "preset",
                           "frame", "legend", "sources", "title", "subtitle", "author",
                           "organisation", "marking", "date", "warn", "chains"})
#: Formats that are pictures of the board: they show a view as the screen does (hidden
#: left out, faded faded, the relations view's bundled lines captioned); data formats
#: leave out only what the view hides.
PICTURE_FORMATS = frozenset({"png", "svg", "pdf"})


@dataclass(frozen=True)
class ExportFormat:
    name: str  # what --format takes
    title: str  # for menus and file dialogs, e.g. "JSON Canvas (Obsidian)"
    suffix: str  # default file suffix, e.g. ".canvas"
    write: Writer
    needs_qt: bool = False


_REGISTRY: dict[str, ExportFormat] = {}


def register(fmt: ExportFormat) -> None:
    _REGISTRY[fmt.name] = fmt


def formats() -> list[ExportFormat]:
    """Every format, data formats first."""
    return list(_REGISTRY.values())


def get_format(name: str) -> ExportFormat:
    fmt = _REGISTRY.get(name)
    if fmt is not None:
        return fmt
    raise ExportUnavailable(f"unknown export format {name!r}; choose one of "
                            + ", ".join(sorted(_REGISTRY)))


def export_board_files(board: Board, fmt: str, out: Path, *,
                       ids: Iterable[str] | None = None, scale: float = 1.0,
                       background: str = "white", name: str | None = None,
                       view: ViewState | None = None,
                       **image_options: object) -> list[Path]:
    """Export and return every file written (CSV writes several).  ``image_options``:
    the image and chart fields of :class:`ExportOptions` (:data:`CHART_OPTIONS`).

    ``view``: export the board as this view shows it (the board's saved view, or the
    window's): what it hides is left out; pictures also fade and bundle as the screen
    does.  ``None``: every card and link."""
    f = get_format(fmt)
    out = Path(out)
    if ids is not None:
        ids = frozenset(ids)
        unknown = sorted(i for i in ids if i not in board.cards)
        if unknown:
            raise InterchangeError(f"no card with id {unknown[0]} on the board")
    unknown_opts = sorted(set(image_options) - CHART_OPTIONS)
    if unknown_opts:
        raise TypeError(f"unknown export option {unknown_opts[0]}")
    faded: frozenset[str] = frozenset()
    groups: tuple[tuple[str, str, int], ...] = ()
    if view is not None:
        shown = shown_view(board, view)
        hidden = shown.hidden_cards(board)
        if hidden:
            ids = frozenset(i for i in (ids if ids is not None else board.cards)
                            if i not in hidden)
            if not ids:
                raise InterchangeError("nothing to export: the view hides every card "
                                       "(show them, or export the whole board)")
        if fmt in PICTURE_FORMATS:
            board = view_board(board, shown)
            faded, groups = shown.faded, shown.clusters
    options = ExportOptions(ids=ids, scale=scale, background=background, name=name,
                            faded=faded, communities=groups, **image_options)  # type: ignore[arg-type]
    if out.is_dir() and fmt != "csv":
        raise InterchangeError(f"cannot write {out}: it is a folder; give a file name")
    return f.write(subset(board, ids), out, options)


def export_board(board: Board, fmt: str, out: Path, *, ids: Iterable[str] | None = None,
                 scale: float = 1.0, background: str = "white",
                 name: str | None = None, **image_options: object) -> Path:
    """Export ``board`` (or the cards ``ids``) as ``fmt`` to ``out``; the main file."""
    return export_board_files(board, fmt, out, ids=ids, scale=scale,
                              background=background, name=name, **image_options)[0]


# ----------------------------------------------------------------------------- data formats
def _json(board: Board, out: Path, o: ExportOptions) -> list[Path]:
    from ..formats.board_json import write_board_json
    return [write_board_json(board, out)]


def _canvas(board: Board, out: Path, o: ExportOptions) -> list[Path]:
    from ..formats.json_canvas import write_canvas
    return [write_canvas(board, out)]


def _graphml(board: Board, out: Path, o: ExportOptions) -> list[Path]:
    from ..formats.graphml import write_graphml
    return [write_graphml(board, out)]


def _ftm(board: Board, out: Path, o: ExportOptions) -> list[Path]:
    from ..formats.ftm import write_ftm
    return [write_ftm(board, out)]


def _csv(board: Board, out: Path, o: ExportOptions) -> list[Path]:
    from ..formats.csv_format import write_csv
    return write_csv(board, out)


def _report(board: Board, out: Path, o: ExportOptions) -> list[Path]:
    # the chains asked for, else the paths kept for the report (Find Path ▸ Add to Report)
    from ..analysis.paths import stored_chains
    chains = o.chains or tuple(stored_chains(board))
    if out.suffix.lower() == ".pdf":
        from .report_pdf import write_report_pdf
        return [write_report_pdf(board, out, name=o.name, chains=chains)]
    from .report import write_report_html
    return [write_report_html(board, out, name=o.name, chains=chains)]


# ----------------------------------------------------------------------------- images
def _png(board: Board, out: Path, o: ExportOptions) -> list[Path]:
    from .images import write_png
    return write_png(board, out, o)


def _svg(board: Board, out: Path, o: ExportOptions) -> list[Path]:
    from .images import write_svg
    return write_svg(board, out, o)


def _pdf(board: Board, out: Path, o: ExportOptions) -> list[Path]:
    from .images import write_pdf
    return write_pdf(board, out, o)


for _fmt in (
    ExportFormat("json", "EvidenceBoard board JSON", ".json", _json),
    ExportFormat("canvas", "JSON Canvas (Obsidian)", ".canvas", _canvas),
    ExportFormat("graphml", "GraphML (Gephi, yEd, Cytoscape)", ".graphml", _graphml),
    ExportFormat("ftm", "FollowTheMoney entities (Aleph)", ".ftm.jsonl", _ftm),
    ExportFormat("csv", "CSV tables (spreadsheets, i2)", ".csv", _csv),
    ExportFormat("report", "Provenance report (HTML or PDF)", ".html", _report),
    ExportFormat("png", "PNG image", ".png", _png, needs_qt=True),
    ExportFormat("svg", "SVG vector image", ".svg", _svg, needs_qt=True),
    ExportFormat("pdf", "PDF document (vector)", ".pdf", _pdf, needs_qt=True),
):
    register(_fmt)
