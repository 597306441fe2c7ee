"""Reading files that come from elsewhere: bounded, strict, and with one-line messages.

Every interchange reader goes through here so the same rules hold for all formats:

* the size is checked before anything is parsed (and reading stops at the limit even for
  a file that grows or lies about its size, such as ``/dev/zero``);
* text is UTF-8 (a byte-order mark is dropped); UTF-16/UTF-32 *with* a byte-order mark is
  decoded, since it is unambiguous and Windows tools write it; anything else (Latin-1,
  UTF-16 without a mark) is refused with a message that says what to do;
* JSON is parsed without ``NaN``/``Infinity``, without duplicate keys (which readers
  resolve differently, a classic way to smuggle a different meaning past a check), and
  with nesting bounded by the parser's recursion limit;
* numbers that become coordinates must be finite and within :data:`COORD_LIMIT`.
"""

from __future__ import annotations

import codecs
import json
import math
from pathlib import Path
from typing import Any

from ..model.entities import COORD_LIMIT as _COORD_LIMIT
from ..model.entities import MAX_CARD_SIZE, MAX_ID, MIN_CARD_SIZE
from ..model.fields import number_text
from .errors import InterchangeError

#: Largest interchange file read.  A synthetic 10,000-card board (20,000 links, 200
#: articles) is 18.5 MB of board JSON, 12 MB of JSON Canvas and 31 MB of GraphML; 40 MB
#: takes such a board in every format while keeping parsing to seconds and memory bounded
#: (a parsed tree takes several times its file size).
MAX_FILE_BYTES = 40_000_000
#: Most cards and links one import may add (the canvas stays usable well beyond 10,000).
MAX_CARDS = 100_000
MAX_LINKS = 200_000
#: Most citations one import may add (each card or link cites a few quotes).
MAX_CITATIONS = 1_000_000
#: Coordinates and sizes are refused beyond the ranges every board keeps (declared in
#: evidenceboard/model/entities.py, docs/FORMAT.md "Ranges"): they are typing errors or
#: attacks, and they would make every later operation on the board slow.
COORD_LIMIT = _COORD_LIMIT
SIZE_LIMIT = MAX_CARD_SIZE
#: Longest id accepted from a file.
MAX_ID_CHARS = MAX_ID


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB"


def read_bytes(path: Path, *, limit: int = MAX_FILE_BYTES) -> bytes:
    """The file's bytes, refusing (before reading) anything larger than ``limit``."""
    try:
        if path.is_dir():
            raise InterchangeError("is a folder, not a file")
        size = path.stat().st_size
    except OSError as e:
        raise InterchangeError(f"cannot read the file: {e.strerror or e}") from None
    if size > limit:
        raise InterchangeError(f"is too large to import ({_mb(size)}; the limit is "
                               f"{_mb(limit)})")
    try:
        with open(path, "rb") as f:
            data = f.read(limit + 1)
    except OSError as e:
        raise InterchangeError(f"cannot read the file: {e.strerror or e}") from None
    if len(data) > limit:
        raise InterchangeError(f"is too large to import (over {_mb(limit)})")
    if not data.strip():
        raise InterchangeError("is empty")
    return data


_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))


def decode_text(data: bytes) -> str:
    """Text of ``data``: UTF-8, or UTF-16/32 announced by a byte-order mark."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding)
            except UnicodeDecodeError:
                raise InterchangeError(f"is not valid {encoding.upper()} text although "
                                       f"it starts with a {encoding.upper()} byte-order "
                                       f"mark") from None
    head = data[:64]
    if len(head) >= 4 and head.count(0) >= len(head) // 4:
        raise InterchangeError("looks like UTF-16 text without a byte-order mark; save it "
                               "as UTF-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        raise InterchangeError(
            f"is not UTF-8 text (byte 0x{data[e.start]:02X} on line {line}); it may be "
            f"Latin-1 or Windows-1252: save it as UTF-8") from None


def _refuse_constant(name: str) -> Any:
    raise InterchangeError(f"is not valid JSON: {name} is not a number in JSON")


def _finite_float(text: str) -> float:
    if len(text) > 400:  # (a float's digits beyond 17 say nothing; the text may be huge)
        raise InterchangeError(f"has a number written with {len(text):,} characters "
                               f"({text[:12]}…)")
    value = float(text)
    if not math.isfinite(value):
        raise InterchangeError(f"has the number {text[:40]}, which is too large")
    return value


#: Longest whole number read from JSON (Python refuses to convert more than 4,300
#: digits, with a message about ``sys.set_int_max_str_digits``; no coordinate or count
#: needs more than a few).
MAX_INT_DIGITS = 40


def _bounded_int(text: str) -> int:
    digits = len(text.lstrip("-"))
    if digits > MAX_INT_DIGITS:
        raise InterchangeError(f"has a whole number of {digits:,} digits "
                               f"({text[:12]}…); numbers in a board have at most "
                               f"{MAX_INT_DIGITS}")
    return int(text)


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        for k, _ in pairs:
            if k in seen:
                raise InterchangeError(f"has an object with the key {k!r} twice")
            seen.add(k)
    return out


def parse_json(text: str) -> Any:
    """Parse JSON strictly (see the module docstring)."""
    try:
        return json.loads(text, parse_constant=_refuse_constant, parse_float=_finite_float,
                          parse_int=_bounded_int, object_pairs_hook=_no_duplicate_keys)
    except RecursionError:
        raise InterchangeError("is nested too deeply to be a board file") from None
    except json.JSONDecodeError as e:
        raise InterchangeError(f"is not valid JSON: {e.msg} (line {e.lineno}, column "
                               f"{e.colno})") from None


def load_json_file(path: Path) -> Any:
    return parse_json(decode_text(read_bytes(path)))


# ----------------------------------------------------------------------------- values
def finite(value: Any, what: str, *, limit: float = COORD_LIMIT) -> float:
    """``value`` as a finite float within ``±limit``; else a message naming ``what``."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise InterchangeError(f"{what} is not a number")
    try:
        number = float(value)
    except (ValueError, OverflowError):
        raise InterchangeError(f"{what} is not a number ({str(value)[:40]!r})") from None
    if not math.isfinite(number):
        raise InterchangeError(f"{what} is not a finite number ({str(value)[:40]})")
    if abs(number) > limit:
        raise InterchangeError(f"{what} is {number:.6g}, beyond the limit of "
                               f"±{number_text(limit)}")
    return number


def size_value(value: Any, what: str, *, limit: float = SIZE_LIMIT,
               minimum: float = MIN_CARD_SIZE) -> float:
    """A card's width or height: from ``minimum`` to ``limit`` (the declared range)."""
    number = finite(value, what, limit=max(limit, COORD_LIMIT * 2))
    if number <= 0 or number < minimum:
        raise InterchangeError(f"{what} must be more than 0 (at least "
                               f"{number_text(minimum)}; it is {number:g})")
    if number > limit:
        raise InterchangeError(f"{what} is {number:g}, beyond the limit of "
                               f"{number_text(limit)} for a card")
    return number


def extent_value(value: Any, what: str) -> float:
    """The size of an area that is not a card (a canvas group): positive, and as wide
    as the board's space at most."""
    return size_value(value, what, limit=COORD_LIMIT * 2, minimum=0.0)


def text_value(value: Any, what: str, *, optional: bool = False) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise InterchangeError(f"{what} must be text")
    return value


def id_value(value: Any, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InterchangeError(f"{what} must be a non-empty text id")
    if len(value) > MAX_ID_CHARS:
        raise InterchangeError(f"{what} is longer than {MAX_ID_CHARS} characters")
    return value


def check_counts(cards: int, links: int) -> None:
    if cards > MAX_CARDS:
        raise InterchangeError(f"has {cards:,} cards; one import may add at most "
                               f"{MAX_CARDS:,}")
    if links > MAX_LINKS:
        raise InterchangeError(f"has {links:,} links; one import may add at most "
                               f"{MAX_LINKS:,}")
