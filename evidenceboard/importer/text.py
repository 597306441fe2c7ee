"""The text side of extraction: paragraphs, boilerplate, sentences and tokens.

Extraction never reads the stored text directly but a *view* of it of exactly the same
length, where what must not produce actors or claims is blanked with spaces: boilerplate
paragraphs (share notes, disclaimers, author blurbs, mirror footers), links, e-mail
addresses, @handles and Markdown markup.  Every offset found in the view is therefore an
offset into the stored text, and citations are exact by construction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lexicon import is_domain

#: What separates two words of a name on one line: every Unicode space separator
#: (U+0020, U+00A0, U+1680, U+2000-U+200A, U+202F, U+205F, U+3000) and the tab.
HSPACE = frozenset("\t \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
                   "\u2008\u2009\u200a\u202f\u205f\u3000")


def is_gap(g: str) -> bool:
    """One space of any kind between two words ("Khalifa\u202fHaftar" is one name)."""
    return len(g) == 1 and g in HSPACE


def hspace_only(g: str) -> bool:
    """Only spaces of any kind (no newline, no punctuation), possibly none."""
    return all(ch in HSPACE for ch in g)

# ----------------------------------------------------------------------------- boilerplate
_BOILER_ANYWHERE = re.compile(
    r"share\s+(?:this|the)\s+(?:article|story|post|page)"
    r"|share\s+buttons?|share\s+on\s+(?:twitter|facebook|whatsapp|linkedin)"
    r"|^\W*(?:share|tweet|email|print|comments?)\W*$"
    r"|forward\s+this\s+(?:article|story)|cross-?post\b|\bsubscribe\s+(?:to|now)"
    r"|sign\s+up\s+for|newsletter|follow\s+us\s+on|click\s+(?:here|the)\b"
    r"|^\W*disclaimer\b|\bcopyright\b|all\s+rights\s+reserved|©|\bfair\s+use\b"
    r"|copyrighted\s+material|sole\s+responsibility\s+of\s+the\s+author"
    r"|the\s+views\s+expressed|for\s+media\s+inquiries|\[email\s*protected\]"
    r"|alternat(?:e|ive)\s+address|can\s+also\s+be\s+(?:accessed|read|reached)\s+at"
    r"|^\W*this\s+(?:post|article|story|piece)\s+is\s+part\s+of\b|\bspecial\s+coverage\b"
    r"|\bmirror\s+sites?\b|note\s+to\s+readers|^\W*(?:articles|posts|stories)\s+by\b"
    r"|^\W*(?:read\s+more|related(?:\s+articles?)?|see\s+also|recommended|most\s+read"
    r"|advertisement|listen\s+to\s+this\s+article|you\s+may\s+also\s+like)\b"
    r"|we\s+use\s+cookies|accept\s+(?:all\s+)?cookies|cookie\s+policy|privacy\s+policy"
    r"|terms\s+of\s+(?:use|service)|^\W*(?:image|photo|picture)\s*(?:credit)?\s*:",
    re.I | re.M)
#: Photo captions and credits: "A file image of ...", "Photo by ...", "(Photo: AFP)".
_CAPTION = re.compile(
    r"^\W*(?:an?\s+|the\s+)?(?:file\s+|undated\s+|archive\s+)?(?:image|photo|photograph|"
    r"picture|screenshot|screengrab|still)s?\s+(?:of|from|shows?|showing|taken)\b"
    r"|\b(?:photo(?:graph)?|image|picture)s?\s+(?:by|courtesy\s+of|credit)\b"
    r"|[(\[]\s*(?:photo|image|picture|credit)s?\s*:[^)\]]*[)\]]\W*$"
    r"|^\W*(?:pictured|caption|credit|source)\s*:", re.I | re.M)
# "Raul Diego is a MintPress News Staff Writer, ... filmmaker." / "X covers Y for Z."
_AUTHOR_BLURB = re.compile(
    r"^\W*(?:[A-Z][\w.'’-]+\s+){1,3}(?:is|was)\s+(?:an?|the)\s+[^.\n]{0,160}?"
    r"\b(?:writer|journalist|reporter|correspondent|editor|columnist|researcher|"
    r"contributor|author|photojournalist|filmmaker|fellow|analyst|blogger)\b"
    r"|^\W*(?:[A-Z][\w.'’-]+\s+){1,3}(?:covers|writes\s+about|reports\s+on)\s+\w"
    r"|^\W*(?i:by|author:?|written\s+by)\s+(?:[A-Z][\w.'’-]+\s*){1,4}\W*$",
    re.M)
_URL_LINE = re.compile(r"^\W*(?:https?://\S+|www\.\S+|[\w-]+(?:\.[\w-]+)+/?\S*)\W*$", re.I)
_SEPARATOR = re.compile(r"^[\W_]*$")
#: Paragraphs from which on the rest of the page is footer.
_FOOTER_START = re.compile(
    r"share\s+(?:this|the)\s+article|^\W*disclaimer\b|note\s+to\s+readers"
    r"|alternat(?:e|ive)\s+address|all\s+rights\s+reserved|^\W*articles\s+by\b"
    r"|^\W*copyright\b", re.I | re.M)
_BREADCRUMB_SEP = re.compile(r"\s+(?:/|>|»|\||›|::)\s+")


def is_breadcrumb(line: str) -> bool:
    """ "News / North Africa", "Home > World > Africa": navigation, not text."""
    parts = _BREADCRUMB_SEP.split(line.strip())
    return len(parts) >= 2 and all(0 < len(p.split()) <= 4 for p in parts) \
        and not line.rstrip().endswith((".", "?", "!", '"', "”"))


def is_boilerplate(paragraph: str) -> bool:
    p = paragraph.strip()
    if not p or _SEPARATOR.match(p):
        return True
    if _BOILER_ANYWHERE.search(p) or _URL_LINE.match(p) or is_breadcrumb(p):
        return True
    if len(p.split()) <= 40 and _CAPTION.search(p):
        return True
    return bool(_AUTHOR_BLURB.match(p))


# ----------------------------------------------------------------------------- inline masks
_INLINE_MASKS = [
    re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)"),                    # Markdown image
    re.compile(r"(?<=\])\([^)\s]*\)"),                           # Markdown link target
    re.compile(r"\b(?:https?://|www\.)\S+|\bpic\.twitter\.com/\S+", re.I),
    re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b"),             # e-mail
    re.compile(r"(?<![\w@])@\w{2,}"),                            # @handle
    re.compile(r"<[^<>\n]{1,200}>"),                             # stray HTML tag
    re.compile(r"^\s{0,3}(?:#{1,6}|>|[-*+]|\d{1,3}[.)])\s", re.M),  # heading, quote, list
    re.compile(r"(?<!\w)(?:\*\*|__|\*|_|`)(?=\S)|(?<=\S)(?:\*\*|__|\*|_|`)(?!\w)"),
    re.compile(r"[\[\]](?=[^\]]*\]\()|(?<=\w)\](?=\()"),        # brackets of links
    re.compile(r"\A\s*(?:date|published|posted|updated)?[:\s]*\d{4}-\d{2}-\d{2}\b", re.I),
]


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] not in "\n":
            chars[i] = " "


# ----------------------------------------------------------------------------- structures
@dataclass(frozen=True)
class Block:
    """A paragraph (or a heading line) of the stored text."""

    start: int
    end: int
    kind: str  # "body", "heading", "boilerplate"
    titlecase: bool = False


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    block: int  # index of its block
    heading: bool
    titlecase: bool


@dataclass
class Prepared:
    """The stored text, its extraction view and its sentences."""

    text: str
    view: str
    blocks: list[Block] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)


# ----------------------------------------------------------------------------- blocks
def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Paragraphs: blank-line separated; single newlines split unless the lines are a
    hard-wrapped paragraph (long lines that do not end a sentence)."""
    spans: list[tuple[int, int]] = []
    for m in re.finditer(r"(?:[^\n]|\n(?![^\S\r\n]*\n))+", text):
        chunk_start = m.start()
        lines = [(lm.start() + chunk_start, lm.end() + chunk_start)
                 for lm in re.finditer(r"[^\n]+", m.group())]
        lines = [(s, e) for s, e in lines if text[s:e].strip()]
        if not lines:
            continue
        lengths = [len(text[s:e]) for s, e in lines]
        wrapped = (len(lines) > 1 and all(n >= 40 for n in lengths[:-1])
                   and sum(not text[s:e].rstrip().endswith((".", "!", "?", '"', "”", ":"))
                           for s, e in lines[:-1]) >= (len(lines) - 1) / 2)
        if wrapped:
            spans.append((lines[0][0], lines[-1][1]))
            continue
        # "Jing Gao, from" / "Ministry of Tofu writes:": a line that stops on a word no
        # sentence ends with was broken by the page, not by the writer
        merged: list[tuple[int, int]] = []
        for s, e in lines:
            if merged and _DANGLING.search(text[merged[-1][0]:merged[-1][1]]):
                merged[-1] = (merged[-1][0], e)
            else:
                merged.append((s, e))
        spans.extend(merged)
    return spans


_DANGLING = re.compile(r"(?:,|\b(?:from|of|to|by|and|or|the|a|an|in|on|at|with|for|as|that))"
                       r"[^\S\r\n]*$")


def _is_heading(p: str) -> bool:
    """A short line that ends no sentence.  A line ending with a colon introduces what
    follows ("Zeinobia commented:"), and "… for some time. [...]" ends a sentence."""
    p = re.sub(r"\s*(?:\[(?:\.\.\.|…)\]|…)$", "", p.strip())
    words = p.split()
    return 0 < len(words) <= 16 and not p.endswith((".", "!", "?", ",", ";", ":", '"', "”")) \
        and len(p) <= 160


def is_shouting(p: str) -> bool:
    """An all-capitals line ("SANCTIONS OPPOSITION", "JOHN McEVOY"): a subhead or a
    byline, page furniture whose words are no names unless the body names them."""
    letters = [ch for ch in p if ch.isalpha()]
    words = p.split()
    return 1 <= len(words) <= 12 and len(letters) >= 4 \
        and sum(ch.isupper() for ch in letters) >= 0.8 * len(letters)


def _words_key(p: str) -> str:
    return " ".join(re.findall(r"\w+", p.casefold()))


def _caption_duplicates(text: str, spans: list[tuple[int, int]], skip: set[int]) -> set[int]:
    """Short paragraphs that repeat another paragraph or one of its sentences: a photo
    caption quoting the article, or a line the page prints twice.  Linear in the text."""
    seen: dict[str, list[int]] = {}  # words of a paragraph or a sentence -> paragraphs
    keys: list[str] = []
    for i, (s, e) in enumerate(spans):
        k = _words_key(text[s:e])
        keys.append(k)
        if i in skip:
            continue
        for key in {k, *(_words_key(x) for x in re.split(r"(?<=[.!?”\"])\s+", text[s:e]))}:
            where = seen.setdefault(key, [])
            if len(where) < 2:
                where.append(i)
    out: set[int] = set()
    for i, k in enumerate(keys):
        if i in skip or not 4 <= len(k.split()) <= 40:
            continue
        others = [j for j in seen.get(k, ()) if j != i and j not in out]
        if others:
            out.add(i)
    return out


def _is_titlecase(p: str) -> bool:
    words: list[str] = [w for w in re.findall(r"[A-Za-z][\w’'-]*", p) if len(w) >= 4]
    if len(words) < 3:
        return False
    caps = sum(w[0].isupper() for w in words)
    return caps / len(words) >= 0.75


def prepare(text: str) -> Prepared:
    """Blocks, the extraction view and the sentences of ``text``."""
    chars = list(text)
    spans = _paragraph_spans(text)
    blocks: list[Block] = []
    footer = False
    n = len(spans)
    boiler: set[int] = set()
    for i, (s, e) in enumerate(spans):
        p = text[s:e]
        if not footer and i >= n // 3 and _FOOTER_START.search(p):
            footer = True
        if footer or is_boilerplate(p):
            boiler.add(i)
    boiler |= _caption_duplicates(text, spans, boiler)
    for i, (s, e) in enumerate(spans):
        p = text[s:e]
        if i in boiler:
            blocks.append(Block(s, e, "boilerplate"))
            _blank(chars, s, e)
            continue
        if is_shouting(p):
            blocks.append(Block(s, e, "heading", titlecase=True))
            continue
        heading = _is_heading(p)
        blocks.append(Block(s, e, "heading" if heading else "body",
                            titlecase=heading and _is_titlecase(p)))
    view = "".join(chars)
    for pattern in _INLINE_MASKS:
        for m in list(pattern.finditer(view)):
            _blank(chars, m.start(), m.end())
        view = "".join(chars)
    prepared = Prepared(text=text, view=view, blocks=blocks)
    for bi, b in enumerate(blocks):
        if b.kind == "boilerplate":
            continue
        for s, e in split_sentences(view, b.start, b.end):
            prepared.sentences.append(Sentence(s, e, bi, b.kind == "heading", b.titlecase))
    return prepared


# ----------------------------------------------------------------------------- sentences
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "cmdr",
    "rev", "st", "jr", "sr", "sen", "rep", "gov", "pres", "no", "nos", "vs", "etc", "inc",
    "ltd", "co", "corp", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "mt", "ft", "approx", "est", "fig", "cf", "al", "univ", "dept",
    "kft", "zrt", "nyrt", "bt", "gmbh", "pty", "pte", "bhd", "tbk", "ltda", "cia",
}
_OPEN_Q = "“«"
_CLOSE_Q = "”»"
_END = re.compile(r"[.!?]+(?P<close>[\"”’»)\]]*)(?=\s+|$)")


def split_sentences(view: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences of ``view[start:end]`` as (start, end), trimmed, never inside a quote."""
    out = _split(view, start, end, respect_quotes=True)
    if out is None:
        out = _split(view, start, end, respect_quotes=False) or []
    return out


def _split(view: str, start: int, end: int, *, respect_quotes: bool) -> list[tuple[int, int]] | None:
    cuts: list[int] = []
    depth = 0
    straight_open = False
    i = start
    seg = view[start:end]
    quote_state: list[int] = [0] * (len(seg) + 1)
    for k, ch in enumerate(seg):
        if ch in _OPEN_Q:
            depth += 1
        elif ch in _CLOSE_Q:
            depth = max(0, depth - 1)
        elif ch == '"':
            straight_open = not straight_open
        quote_state[k + 1] = depth + (1 if straight_open else 0)
    if respect_quotes and (depth != 0 or straight_open):
        return None  # unbalanced quotes: fall back to splitting without them
    for m in _END.finditer(seg):
        pos = m.end()
        abs_pos = start + pos
        if respect_quotes and quote_state[pos] > 0:
            continue
        if not _is_boundary(view, start + m.start(), abs_pos, end):
            continue
        cuts.append(abs_pos)
    out: list[tuple[int, int]] = []
    i = start
    for c in [*cuts, end]:
        s, e = _trim(view, i, c)
        if e > s:
            out.append((s, e))
        i = c
    return out


def _is_boundary(view: str, dot: int, after: int, end: int) -> bool:
    j = after
    while j < end and view[j].isspace():
        j += 1
    if j >= end:
        return True
    nxt = view[j]
    if not (nxt.isupper() or nxt.isdigit() or nxt in "\"“‘'(«[*"):
        return False
    # the word before the full stop
    k = dot
    while k > 0 and (view[k - 1].isalnum() or view[k - 1] in ".-’'"):
        k -= 1
    word = view[k:dot]
    if view[dot] != ".":
        return True
    bare = word.rstrip(".").lower()
    if bare in _ABBREVIATIONS:
        return False
    if len(word) == 1 and word.isupper():
        return False  # an initial: "J. Smith"
    if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", word):  # "U.S", "e.g"
        nxt_word = re.match(r"[\w’']+", view[j:end])
        return bool(nxt_word and nxt_word.group() in {"The", "He", "She", "It", "They", "We",
                                                        "But", "In", "This", "A", "An"})
    return True


def _trim(view: str, s: int, e: int) -> tuple[int, int]:
    while s < e and view[s].isspace():
        s += 1
    while e > s and view[e - 1].isspace():
        e -= 1
    return s, e


# ----------------------------------------------------------------------------- tokens
@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str
    possessive: bool = False  # "Haftar’s": text is "Haftar", the span excludes "’s"
    modifier: bool = False  # "UN-backed": text is "UN", used as a modifier

    @property
    def cap(self) -> bool:
        t = self.text
        if not t:
            return False
        if t[0].isupper():
            return True
        if "." in t and is_domain(t):
            return True  # "atlatszo.hu": a website named by its address
        # "al-Badri", "el-Sisi", "bin Salman" style name particles
        return bool(re.match(r"(?:al|el|ad|as|ash|at|az|ibn|bin|abu|de|du|da|di|van|von)-"
                             r"[A-Z]", t))

    @property
    def lower(self) -> str:
        return self.text.lower()


_LIKE_SUFFIXES = {"like", "style", "esque", "type", "ish", "inspired", "era"}
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W_](?:[\w]|[’'\-.&](?=[^\W_]))*")


def tokens(view: str, start: int, end: int) -> list[Token]:
    out: list[Token] = []
    for m in _TOKEN.finditer(view, start, end):
        s, e, t = m.start(), m.end(), m.group()
        if re.search(r"[’']s$", t) and len(t) > 2:
            out.append(Token(s, e - 2, t[:-2], possessive=True))
            continue
        if t.endswith(("’", "'")):
            t, e = t[:-1], e - 1
        if len(t) == 1 and t.isupper() and view[e:e + 1] == "." and e + 1 < end \
                and view[e + 1:e + 2] in HSPACE:
            out.append(Token(s, e + 1, t + "."))  # an initial: "C. Custer"
            continue
        if "-" in t and t[0].isupper():
            parts = t.split("-")
            # "UN-backed", "Libya-based", "U.S.-sponsored": a name used as a modifier
            if len(parts) == 2 and parts[1].lower() in _LIKE_SUFFIXES:
                continue  # "Twitter-like", "Soviet-style": a comparison, no mention
            if len(parts) == 2 and parts[1] and parts[1][0].islower() \
                    and parts[1].lower() not in ("designate", "elect"):
                out.append(Token(s, s + len(parts[0]), parts[0], modifier=True))
                continue
        out.append(Token(s, e, t))
    # "U.S.-sponsored": the abbreviation token is followed directly by "-word"
    fixed: list[Token] = []
    for tok in out:
        if tok.text.endswith(".") and tok.end < end and view[tok.end:tok.end + 1] == "-":
            fixed.append(Token(tok.start, tok.end, tok.text, modifier=True))
        else:
            fixed.append(tok)
    return fixed


def gap(view: str, a: Token, b: Token) -> str:
    """The characters between two tokens."""
    return view[a.end:b.start]
