"""Reading articles: the stored text is exactly what was imported; bad input is refused
with one clear line."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from evidenceboard.importer.reading import (
    MAX_TEXT_BYTES,
    ArticleError,
    RawArticle,
    read_article_file,
    read_article_text,
)
from evidenceboard.model import Source
from evidenceboard.paths import seeds_dir

DATA = Path(__file__).parent / "data" / "other_affair"


def test_seed_is_stored_verbatim_with_hebrew_nbsp_and_curly_quotes():
    for path in seeds_dir().glob("*.txt"):
        raw = read_article_file(path)
        assert isinstance(raw, RawArticle)
        assert raw.text == path.read_text("utf-8")
    text = read_article_file(next(seeds_dir().glob("000_*.txt"))).text
    assert "הגנרל" in text and "’" not in text[:5]
    assert "\u00a0" in read_article_file(next(seeds_dir().glob("004_*.txt"))).text


def test_title_is_the_first_line_when_it_looks_like_one():
    seeds = {p.name[:3]: read_article_file(p) for p in seeds_dir().glob("*.txt")}
    assert seeds["001"].title == ("Libyan warlord Khalifa Haftar visits Israel as plane "
                                  "spotted at Tel Aviv airport: report")
    # "News / North Africa" is a breadcrumb, the title is the next line
    assert seeds["002"].title == "Haftar’s son visited Israel to seek support: Report"
    # 000 starts with a sentence: no title from the text (and not the file name); the
    # app shows its first sentence, without the date stamp it starts with
    assert seeds["000"].title is None
    shown = Source.create(seeds["000"].text).shown_title
    assert shown.startswith("A number of Libyan General Khalifa Haftar's aides arrived")
    assert shown.endswith("…") and len(shown) <= 90 and "000_" not in shown
    assert seeds["000"].published == "2021-11-02"


def test_markdown_is_kept_verbatim_and_titled_from_its_heading():
    path = DATA / "b_cargo_plane.md"
    raw = read_article_file(path)
    assert raw.text == path.read_text("utf-8")
    assert raw.title == "Cargo plane linked to seized tanker, investigators say"


def test_html_page_gives_its_main_text_and_stated_metadata():
    raw = read_article_file(DATA / "c_minister.html")
    assert raw.title == "Togo minister says Lome port was never asked to receive the Ocean Pearl"
    assert raw.author == "Esi Boateng"
    assert "Afi Lawson-Body" in raw.text
    for junk in ("cookies", "Home", "SHARE THIS ARTICLE", "All rights reserved"):
        assert junk not in raw.text
    assert raw.published is None  # the page states no date


def test_pasted_text_and_pasted_html():
    raw = read_article_text("Ship seized\n\nThe navy said on Monday that it seized the MV "
                            "Blue Heron off the coast.")
    assert raw.title == "Ship seized"
    page = (DATA / "c_minister.html").read_text("utf-8")
    assert "Lawson-Body" in read_article_text(page).text


@pytest.mark.parametrize("data, message", [
    (b"", "is empty"),
    (b"   \n\n \t\n", "is empty"),
    (b"\x00\x01\x02binary\x00stuff" * 20, "binary file"),
    (b"%PDF-1.7\n%...", "PDF"),
    (b"PK\x03\x04rest", "ZIP"),
    (b"The minister said caf\xe9 owners were paid.", "not valid UTF-8"),
    (b"12 34 56 -- 78", "too few letters"),
])
def test_bad_text_files_are_refused_with_one_line(tmp_path, data, message):
    path = tmp_path / "article.txt"
    path.write_bytes(data)
    with pytest.raises(ArticleError) as e:
        read_article_file(path)
    assert message in str(e.value)
    assert "\n" not in str(e.value)


def test_utf16_with_bom_and_utf8_bom_are_read(tmp_path):
    text = "Le ministre a déclaré que le navire était parti.\n"
    p16 = tmp_path / "a16.txt"
    p16.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    assert read_article_file(p16).text == text
    p8 = tmp_path / "a8.txt"
    p8.write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    assert read_article_file(p8).text == text


def test_html_in_a_declared_legacy_charset_is_decoded(tmp_path):
    body = ("<html><head><meta charset='iso-8859-1'><title>Caf\xe9 raid</title></head><body>"
            "<article><h1>Caf\xe9 raid</h1>" + "".join(
                f"<p>The police said the caf\xe9 owner was arrested in Lyon on day {n} after "
                f"a long investigation into smuggling by the {n}th unit.</p>" for n in range(6))
            + "</article></body></html>")
    path = tmp_path / "page.html"
    path.write_bytes(body.encode("latin-1"))
    assert "café owner" in read_article_file(path).text


def test_html_without_an_article_is_refused(tmp_path):
    path = tmp_path / "menu.html"
    path.write_text("<html><body><nav><a href='/'>Home</a> | <a href='/x'>News</a></nav>"
                    "<footer>© 2024</footer></body></html>", "utf-8")
    with pytest.raises(ArticleError, match="web page without an article"):
        read_article_file(path)


def test_a_20_mb_text_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(20_000_000)  # sparse: nothing is written, only the size is set
    with pytest.raises(ArticleError, match="too large") as e:
        read_article_file(path)
    assert "20.0 MB" in str(e.value)
    assert MAX_TEXT_BYTES < 20_000_000
    with pytest.raises(ArticleError, match="too large"):
        read_article_text("word " * 2_000_000)


def test_pasted_binary_or_empty_text_is_refused():
    with pytest.raises(ArticleError, match="binary"):
        read_article_text("abc\x00def")
    with pytest.raises(ArticleError, match="empty"):
        read_article_text("  \n ")
