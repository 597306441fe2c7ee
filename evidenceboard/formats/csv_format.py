"""CSV tables for spreadsheets and i2 Analyst's Notebook's import wizard.

Three files, one row per entity, ids as keys (what i2's wizard maps to "identity"):

* ``cards.csv``  - one row per card; its quotes flattened into ``quotes`` (one line per
  quote: the quote, its source, address and offsets) and ``sources``;
* ``links.csv``  - one row per link with ``from_id``/``to_id`` (and titles, for reading);
* ``citations.csv`` - one row per citation (quote, source title, outlet, date, address,
  offsets, grades, broken or not): the flattened evidence, for filtering and pivoting.

``--out X.csv`` writes ``X.cards.csv``, ``X.links.csv`` and ``X.citations.csv`` beside
each other; ``--out FOLDER`` (an existing folder, or a name without a suffix) writes
``cards.csv``, ``links.csv`` and ``citations.csv`` inside it.

The files are UTF-8 *with* a byte-order mark and CRLF line ends (RFC 4180): without the
mark Excel opens UTF-8 as the local code page and mangles curly quotes, Hebrew and
accents; LibreOffice, Python and i2 read the mark fine.  A text cell starting with
``=``, ``+``, ``-``, ``@``, tab or CR gets a leading apostrophe, so article text can never
run as a spreadsheet formula (CSV injection); so does a cell that starts with an
apostrophe itself, so that import, which removes one, gives back exactly what was
written ("'=x" stays "'=x").

A card's or a source's title is written in full where it is the row's own; where a row
only names another card or a source (a link's ends, a citation's owner and article, the
"sources" and "quotes" columns) the name is cut at :data:`.common.REFERENCE_CHARS`: one
10 MB title on a card with 70 links made 1.4 GB of CSV.

A card in a group names it in ``group`` (its title; empty for none).

Import: a ``cards.csv`` of ours (recognised by its header) brings its sibling
``links.csv`` along; the cards naming one ``group`` title arrive in one new group;
quotes cannot become citations (the article text is not in the CSV) and are kept in
the card's body.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..analysis.grading import item_grade
from ..model import (
    ACTOR_TYPES,
    CARD_KINDS,
    CONFIDENCES,
    DIRECTIONS,
    STANCES,
    Board,
    Card,
    Group,
    Link,
    new_id,
)
from ..model.entities import DEFAULT_CARD_SIZE
from ..model.group_edits import group_title
from .common import (
    card_label,
    group_title_of,
    is_broken,
    quotes_text,
    reference,
    sorted_cards,
    sorted_links,
    source_titles,
    write_atomic,
)
from .errors import InterchangeError
from .incoming import Incoming
from .inputs import decode_text, finite, read_bytes, size_value

CARD_COLUMNS = ("id", "kind", "type", "title", "body", "speaker", "stance", "aliases",
                "color", "x", "y", "width", "height", "grade", "citations", "sources",
                "quotes", "group")
LINK_COLUMNS = ("id", "from_id", "from_title", "to_id", "to_title", "label", "kind",
                "direction", "confidence", "unsourced", "grade", "citations", "sources",
                "quotes")
CITATION_COLUMNS = ("id", "owner_id", "owner_type", "owner_title", "source_id",
                    "source_title", "outlet", "published", "url", "reliability",
                    "credibility", "start", "end", "quote", "broken")
_NUMERIC = {"x", "y", "width", "height", "citations", "start", "end", "credibility"}
_FORMULA = ("=", "+", "-", "@", "\t", "\r")
#: Cells starting with these get an apostrophe (and lose one on import).
_ESCAPED = (*_FORMULA, "'")
BOM = "\ufeff"


def csv_paths(out: Path) -> tuple[Path, Path, Path]:
    """Where the cards, links and citations tables go for ``--out out``."""
    out = Path(out)
    if out.is_dir() or (out.suffix == "" and not out.exists()):
        return out / "cards.csv", out / "links.csv", out / "citations.csv"
    stem = out.name[:-len(out.suffix)] if out.suffix.lower() == ".csv" else out.name
    return (out.with_name(f"{stem}.cards.csv"), out.with_name(f"{stem}.links.csv"),
            out.with_name(f"{stem}.citations.csv"))


def _cell(column: str, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if column not in _NUMERIC and text.startswith(_ESCAPED):
        return "'" + text
    return text


def _ref_label(board: Board, card_id: str) -> str:
    return reference(card_label(board, card_id)) or ""


def _table(columns: tuple[str, ...], rows: Iterable[dict[str, Any]]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(columns)
    for row in rows:
        w.writerow([_cell(c, row.get(c)) for c in columns])
    return (BOM + buf.getvalue()).encode("utf-8", "replace")


def _grade(board: Board, item: str) -> str:
    g = item_grade(board, item)
    return g.label if g is not None else ""


def card_rows(board: Board) -> Iterable[dict[str, Any]]:
    for c in sorted_cards(board):
        yield {"id": c.id, "kind": c.kind, "type": c.actor_type, "title": c.title,
               "body": c.body, "speaker": c.speaker, "stance": c.stance,
               "aliases": "; ".join(c.aliases), "color": c.color, "x": c.x, "y": c.y,
               "width": c.width, "height": c.height, "grade": _grade(board, c.id),
               "citations": len(board.citations_of(c.id)),
               "sources": source_titles(board, c.id), "quotes": quotes_text(board, c.id),
               "group": group_title_of(board, c)}


def link_rows(board: Board) -> Iterable[dict[str, Any]]:
    for lk in sorted_links(board):
        yield {"id": lk.id, "from_id": lk.from_id, "from_title": _ref_label(board, lk.from_id),
               "to_id": lk.to_id, "to_title": _ref_label(board, lk.to_id), "label": lk.label,
               "kind": lk.kind, "direction": lk.direction, "confidence": lk.confidence,
               "unsourced": lk.unsourced, "grade": _grade(board, lk.id),
               "citations": len(board.citations_of(lk.id)),
               "sources": source_titles(board, lk.id), "quotes": quotes_text(board, lk.id)}


def citation_rows(board: Board) -> Iterable[dict[str, Any]]:
    owners = [(c.id, "card", reference(c.title)) for c in sorted_cards(board)] + \
             [(lk.id, "link", f"{_ref_label(board, lk.from_id)} → {reference(lk.label or lk.kind)} → "
                             f"{_ref_label(board, lk.to_id)}") for lk in sorted_links(board)]
    for owner, kind, title in owners:
        for c in board.citations_of(owner):
            src = board.sources.get(c.source_id)
            yield {"id": c.id, "owner_id": owner, "owner_type": kind, "owner_title": title,
                   "source_id": c.source_id, "source_title": reference(src.title) if src else None,
                   "outlet": reference(src.outlet) if src else None,
                   "published": reference(src.published) if src else None,
                   "url": reference(src.url) if src else None,
                   "reliability": src.reliability if src else None,
                   "credibility": c.credibility, "start": c.start, "end": c.end,
                   "quote": c.quote, "broken": is_broken(board, c)}


def write_csv(board: Board, out: Path) -> list[Path]:
    cards_p, links_p, cites_p = csv_paths(out)
    if not cards_p.parent.exists():
        cards_p.parent.mkdir(parents=False)
    write_atomic(cards_p, _table(CARD_COLUMNS, card_rows(board)))
    write_atomic(links_p, _table(LINK_COLUMNS, link_rows(board)))
    write_atomic(cites_p, _table(CITATION_COLUMNS, citation_rows(board)))
    return [cards_p, links_p, cites_p]


# ----------------------------------------------------------------------------- import
def _rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    text = decode_text(read_bytes(path))
    csv.field_size_limit(16_000_000)
    try:
        reader = csv.reader(io.StringIO(text, newline=""))
        header = next(reader, [])
        rows = []
        for n, row in enumerate(reader, start=2):
            if not any(row):
                continue
            if len(row) != len(header):
                raise InterchangeError(f"row {n} has {len(row)} cells; the header has "
                                       f"{len(header)}")
            rows.append(dict(zip(header, (_uncell(v) for v in row), strict=True)))
    except csv.Error as e:
        raise InterchangeError(f"is not a readable CSV file: {e}") from None
    return header, rows


def _uncell(text: str) -> str:
    """The cell as it was before :func:`_cell` escaped it (an apostrophe before a
    formula character or before another apostrophe is ours)."""
    return text[1:] if text.startswith("'") and text[1:2] and text[1:2] in _ESCAPED else text


def _is_table(header: list[str], columns: tuple[str, ...]) -> bool:
    return tuple(header[:4]) == columns[:4]


def _sibling(path: Path, part: str) -> Path:
    name = path.name
    for ours in ("cards", "links", "citations"):
        if name == f"{ours}.csv":
            return path.with_name(f"{part}.csv")
        if name.endswith(f".{ours}.csv"):
            return path.with_name(name[:-len(f"{ours}.csv")] + f"{part}.csv")
    return path.with_name(f"{path.stem}.{part}.csv")


def read_csv(path: Path) -> Incoming:
    header, rows = _rows(path)
    if _is_table(header, LINK_COLUMNS) or _is_table(header, CITATION_COLUMNS):
        raise InterchangeError(f"is part of a CSV export; import its cards table "
                               f"{_sibling(path, 'cards').name}, which brings the links "
                               f"along")
    if not _is_table(header, CARD_COLUMNS):
        raise InterchangeError("is not an EvidenceBoard CSV (the first row must start "
                               "with id,kind,type,title)")
    inc = Incoming("CSV")
    ids: dict[str, str] = {}
    groups: dict[str, Group] = {}  # by title: one group per title of the column
    for n, row in enumerate(rows, start=2):
        card = _card(row, f"row {n}")
        title = " ".join(row.get("group", "").split())
        if title:
            if title not in groups:
                groups[title] = Group.create(group_title(title))
                inc.groups.append(groups[title])
            card = replace(card, group_id=groups[title].id)
        if row.get("id", "") in ids:
            raise InterchangeError(f"row {n}: the id {row['id'][:40]!r} is used twice")
        ids[row.get("id", "")] = card.id
        inc.cards.append(card)
    links_path = _sibling(path, "links")
    if links_path.is_file():
        lheader, lrows = _rows(links_path)
        if not _is_table(lheader, LINK_COLUMNS):
            raise InterchangeError(f"{links_path.name} is not an EvidenceBoard links table")
        for n, row in enumerate(lrows, start=2):
            try:
                a, b = ids[row["from_id"]], ids[row["to_id"]]
            except KeyError as e:
                raise InterchangeError(f"{links_path.name} row {n} points to a card that is "
                                       f"not in {path.name} ({str(e.args[0])[:40]!r})") \
                    from None
            inc.links.append(Link(
                id=new_id(), from_id=a, to_id=b, label=row.get("label", ""),
                kind=row.get("kind") or "relation",
                direction=_one_of(row.get("direction"), DIRECTIONS, "forward"),
                confidence=_one_of(row.get("confidence"), CONFIDENCES, "unconfirmed"),
                unsourced=row.get("unsourced", "").lower() == "true"))
    return inc


def _one_of(value: str | None, allowed: Iterable[str], default: str) -> str:
    """``value`` when it is one of ``allowed``, else ``default``."""
    return value if value is not None and value in allowed else default


def _card(row: dict[str, str], where: str) -> Card:
    kind = _one_of(row.get("kind"), CARD_KINDS, "note")
    w, h = DEFAULT_CARD_SIZE[kind]
    body = row.get("body", "")
    if row.get("quotes"):
        body = (body + "\n\n" if body else "") + "Quotes (from CSV):\n" + row["quotes"]
    color = row.get("color") or None
    if color is not None and not (len(color) == 7 and color.startswith("#")):
        color = None
    return Card(
        id=new_id(), kind=kind, title=row.get("title", ""), body=body,
        x=finite(row.get("x") or 0, f"{where} x"), y=finite(row.get("y") or 0, f"{where} y"),
        width=size_value(row.get("width") or w, f"{where} width"),
        height=size_value(row.get("height") or h, f"{where} height"), color=color,
        actor_type=(row.get("type") if row.get("type") in ACTOR_TYPES else "other")
        if kind == "actor" else None,
        aliases=tuple(a for a in row.get("aliases", "").split("; ") if a),
        stance=(row.get("stance") if row.get("stance") in STANCES else "asserts")
        if kind == "claim" else None,
        speaker=row.get("speaker") or None)
