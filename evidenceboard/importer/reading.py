"""Reading articles: files on disk (text, Markdown, HTML saved from a browser) and pasted text.

What the reader returns is exactly what the source will store, and every citation offset
indexes it: plain text and Markdown are kept verbatim (only a byte-order mark is dropped,
it is not text); for an HTML page the stored text is the main text trafilatura extracts,
kept verbatim from then on.  Metadata is taken only where the input states it (an HTML
page's title, author and date; the first line of a text when it looks like a title).

Bad input is refused with one line saying what is wrong, before anything is changed, and
quickly: sizes are checked before reading, so a 20 MB file is refused at once.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

#: Largest article text accepted (characters of text / bytes of file).  A long feature is
#: ~50 KB and a whole book ~1 MB; anything bigger is not an article, and extraction time
#: grows with length, so we refuse rather than make the user wait.
MAX_TEXT_BYTES = 2_000_000
#: Saved web pages carry scripts and styles: allow more raw bytes for HTML.
MAX_HTML_BYTES = 8_000_000
#: Markup left once scripts and styles are gone: an article page has far less; more would
#: make the main-text extraction take many seconds.
MAX_HTML_MARKUP = 3_000_000
#: Fewer letters than this is not an article.
MIN_LETTERS = 20


class ArticleError(ValueError):
    """An input that cannot be imported as an article; the message is one line."""


@dataclass(frozen=True)
class RawArticle:
    """An article's stored text and the metadata the input itself states."""

    text: str
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None  # ISO date
    url: str | None = None


# ----------------------------------------------------------------------------- entry points
def read_article_file(path: str | Path) -> RawArticle:
    """Read one article file.  Raises :class:`ArticleError` with a one-line reason."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as e:
        raise ArticleError(f"cannot read the file: {e.strerror or e}") from None
    if path.is_dir():
        raise ArticleError("is a folder, not an article")
    is_html_name = path.suffix.lower() in (".html", ".htm", ".xhtml")
    limit = MAX_HTML_BYTES if is_html_name else MAX_TEXT_BYTES
    if size == 0:
        raise ArticleError("is empty: there is no article text to import")
    if size > max(MAX_HTML_BYTES, MAX_TEXT_BYTES) or (size > limit and not is_html_name):
        raise ArticleError(_too_large(size, limit))
    try:
        data = path.read_bytes()
    except OSError as e:
        raise ArticleError(f"cannot read the file: {e.strerror or e}") from None
    _refuse_binary(data)
    if is_html_name or (path.suffix.lower() not in (".txt", ".text", ".md", ".markdown")
                        and _looks_like_html_bytes(data)):
        if size > MAX_HTML_BYTES:
            raise ArticleError(_too_large(size, MAX_HTML_BYTES))
        return _read_html(_decode_html(data))
    if size > MAX_TEXT_BYTES:
        raise ArticleError(_too_large(size, MAX_TEXT_BYTES))
    text = _decode_text(data)
    # No title line: none is stored (a file name such as "000_97b449a50ac97571" says
    # nothing); the app shows the first sentence instead (Source.shown_title).
    return _from_plain_text(text)


def read_article_text(text: str) -> RawArticle:
    """An article from pasted or dropped text (plain text, Markdown or a whole HTML page)."""
    if "\x00" in text:
        raise ArticleError("is binary data, not an article")
    html = _looks_like_html(text)
    limit = MAX_HTML_BYTES if html else MAX_TEXT_BYTES
    if len(text) > limit or len(text.encode("utf-8", "surrogatepass")) > limit:
        raise ArticleError(_too_large(len(text.encode("utf-8", "surrogatepass")), limit))
    if _has_lone_surrogates(text):
        raise ArticleError("contains broken characters (unpaired surrogates); "
                           "copy the text again")
    if not text.strip():
        raise ArticleError("is empty: there is no article text to import")
    if html:
        return _read_html(text)
    return _from_plain_text(text)


# ----------------------------------------------------------------------------- checks
def _too_large(size: int, limit: int) -> str:
    return (f"is too large to be an article ({size / 1_000_000:.1f} MB; "
            f"the limit is {limit / 1_000_000:.0f} MB)")


_MAGIC = [
    (b"%PDF", "is a PDF document; save the article as text or HTML and import that"),
    (b"PK\x03\x04", "is a ZIP archive (a Word or OpenDocument file?); save the article as "
                    "text or HTML and import that"),
    (b"\xd0\xcf\x11\xe0", "is an old Office document; save the article as text or HTML"),
    (b"\x89PNG", "is a PNG image, not an article"),
    (b"\xff\xd8\xff", "is a JPEG image, not an article"),
    (b"GIF8", "is a GIF image, not an article"),
    (b"SQLite format 3\x00", "is an SQLite database (a board?), not an article"),
    (b"\x1f\x8b", "is a gzip archive, not an article"),
    (b"\x7fELF", "is a program, not an article"),
]


def _refuse_binary(data: bytes) -> None:
    for magic, message in _MAGIC:
        if data.startswith(magic):
            raise ArticleError(message)
    head = data[:65536]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return  # UTF-16 text: NUL bytes are expected
    if b"\x00" in head:
        raise ArticleError("is a binary file, not an article (text, Markdown or HTML)")
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if controls > max(8, len(head) // 100):
        raise ArticleError("is a binary file, not an article (text, Markdown or HTML)")


def _decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM) or UTF-16 with a BOM; anything else is refused.

    Guessing a legacy code page would silently turn "é" into "Ã©" (or worse) in the stored
    source, and every quote cited from it: we only decode what is unambiguous.
    """
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return _check_text(data.decode("utf-16"))
        except UnicodeDecodeError:
            raise ArticleError("is not valid UTF-16 text although it starts like it") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        raise ArticleError(f"is not valid UTF-8 text (byte 0x{data[e.start]:02X} on line "
                           f"{line}); save it as UTF-8 and import it again") from None
    return _check_text(text)


def _check_text(text: str) -> str:
    if sum(ch.isalpha() for ch in text[:200_000]) < MIN_LETTERS:
        if not text.strip():
            raise ArticleError("is empty: there is no article text to import")
        raise ArticleError("has no article text (too few letters)")
    return text


_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def _decode_html(data: bytes) -> str:
    """UTF-8, or the charset the page itself declares (unambiguous), else refused."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", "strict")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ArticleError("is not valid UTF-16 text although it starts like it") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        bad = e.start
    m = _CHARSET.search(data[:4096])
    if m:
        name = m.group(1).decode("ascii", "replace")
        try:
            codec = codecs.lookup(name)
        except LookupError:
            raise ArticleError(f"declares an unknown character set ({name})") from None
        if codec.name != "utf-8":
            try:
                return data.decode(codec.name)
            except UnicodeDecodeError:
                raise ArticleError(f"is not valid {name} text although the page declares "
                                   f"it") from None
    raise ArticleError(f"is not valid UTF-8 (byte 0x{data[bad]:02X} at offset {bad}) and "
                       f"declares no other character set; save it as UTF-8")


def _has_lone_surrogates(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


_HTML_START = re.compile(r"\A\s*(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>]|<head[\s>]"
                         r"|<body[\s>]|<\?xml[^>]*>\s*<!doctype\s+html)", re.I | re.S)


def _looks_like_html(text: str) -> bool:
    return bool(_HTML_START.match(text[:4096]))


def _looks_like_html_bytes(data: bytes) -> bool:
    return _looks_like_html(data[:4096].decode("utf-8", "replace"))


# ----------------------------------------------------------------------------- HTML
_NOT_TEXT = re.compile(r"<(script|style|svg|noscript|template)\b.*?</\1\s*>|<!--.*?-->",
                       re.I | re.S)


def _read_html(html: str) -> RawArticle:
    import trafilatura  # imported here: it takes a while and plain text does not need it

    html = _NOT_TEXT.sub(" ", html)
    if len(html) > MAX_HTML_MARKUP:
        raise ArticleError(f"is too large to be an article page ({len(html) / 1e6:.1f} MB "
                           f"of markup without scripts; the limit is "
                           f"{MAX_HTML_MARKUP / 1e6:.0f} MB)")
    try:
        text = trafilatura.extract(html, include_comments=False, include_tables=False,
                                   include_images=False, include_links=False,
                                   favor_precision=True, deduplicate=False)
    except Exception as e:
        raise ArticleError(f"could not be read as a web page ({type(e).__name__})") from None
    if not text or sum(ch.isalpha() for ch in text) < 200:
        raise ArticleError("is a web page without an article (no main text found)")
    if len(text.encode("utf-8")) > MAX_TEXT_BYTES:
        raise ArticleError("has a main text too large to be an article "
                           f"({len(text.encode('utf-8')) / 1e6:.1f} MB; the limit is "
                           f"{MAX_TEXT_BYTES / 1e6:.0f} MB)")
    title = author = published = url = outlet = None
    try:
        meta = trafilatura.extract_metadata(html)
    except Exception:
        meta = None
    if meta is not None:
        title = _clean_meta(meta.title)
        author = _clean_meta(meta.author)
        url = _clean_meta(meta.url)
        outlet = _clean_meta(meta.sitename)
        date = _clean_meta(meta.date)
        if date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) and _page_states_date(html, date):
            published = date
    if title is None:
        title = _title_from_first_line(text)
    return RawArticle(text=text, title=title, outlet=outlet, author=author,
                      published=published, url=url)


def _clean_meta(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _page_states_date(html: str, iso: str) -> bool:
    """Only a date the page itself carries (meta tag, time element, text), never a guess."""
    y, m, d = iso.split("-")
    return iso in html or f"{y}/{m}/{d}" in html or f"{d}.{m}.{y}" in html


# ----------------------------------------------------------------------------- plain text
_LEADING_DATE = re.compile(r"\A\s*(?:date|published|posted|updated)?[:\s]*"
                           r"(\d{4}-\d{2}-\d{2})\b", re.I)


def _from_plain_text(text: str) -> RawArticle:
    _check_text(text)
    published = None
    m = _LEADING_DATE.match(text)
    if m:
        published = m.group(1)
    return RawArticle(text=text, title=_title_from_first_line(text), published=published)


def _title_from_first_line(text: str) -> str | None:
    """The first line, when it looks like a title: short, not a sentence, not a breadcrumb."""
    from .text import is_breadcrumb  # the same rule extraction uses to skip it

    for raw in text.splitlines()[:6]:
        line = raw.strip().strip("\u00a0")
        if not line:
            continue
        if is_breadcrumb(line):
            continue
        line = re.sub(r"^#{1,6}\s+", "", line).strip()  # Markdown heading
        line = line.strip("*_ ").strip()
        words = line.split()
        if not 1 <= len(words) <= 25 or len(line) > 200:
            return None
        if line.endswith((".", ",", ";")) and not line.endswith(("...", "…")):
            return None
        return line
    return None
