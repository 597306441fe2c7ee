"""When it happened: the dates and periods a claim's own words state.

Each claim cites a sentence of an article; the dates in the claim's words there
("yesterday", "on Thursday", "on November 1", "December 24", "in 2015", "last month",
"between 2019 and 2021", "from March to May 2020") are found by a focused set of rules
(:func:`find_dates`), each with the exact words it came from (offsets into the stored
source text, like a citation), a precision (day / week / month / year) and the period
it names (``start`` .. ``end``, both ISO dates).  Words relative to the article's day —
"yesterday", "today", weekday names, "last week / month / year" — are resolved against
the source's *published* date (or, when none is stored, the dateline the article
prints among its first lines: "Thursday, January 10, 2019"); an article dated neither
way leaves them unresolved (they are listed, not placed).  A day and month without a year ("on November 1") is the such day
nearest the published date and, when the article states none, stays without a year
(``when`` = ``--11-01``; the timeline places it in the board's usual year and says so).

Nothing is stored: dates are derived from the claims' citations, the stored text and
the published date whenever they are asked for, so they follow every edit and undo.

:func:`date_conflicts` flags two articles placing the same event on different dates:
claims from different sources that back the same relation link (the same who-did-what-
to-whom), whose stated periods do not overlap.  They are shown where contradictions are
(:mod:`.contradictions`, kind ``"dates"``).

No Qt, no model download: rules only (``dateparser`` guesses freely and gives no
offsets for the words it read, which a citation needs).
"""

from __future__ import annotations

import calendar
import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from ..model import Board, Source
from .relations import actors_of_claim, backing_claims, claims_citing, content_span

PRECISIONS = ("day", "week", "month", "year")

_MONTHS = {name.casefold(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.casefold(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MONTH = (r"(?P<{g}>January|February|March|April|May|June|July|August|September|October|"
          r"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?")
_WEEKDAYS = {name.casefold(): i for i, name in enumerate(calendar.day_name)}
_DAY = r"(?P<{g}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{g}>(?:1[89]|20)\d\d)"
_SP = r"[ \u00a0]+"


def _m(g: str) -> str:
    return _MONTH.format(g=g)


def _d(g: str) -> str:
    return _DAY.format(g=g)


def _y(g: str) -> str:
    return _YEAR.format(g=g)


# A day of a month: "November 1", "Nov. 1st, 2021", "1 November 2021".
_MONTH_DAY = (_m("m") + _SP + _d("d") + r"(?!\d)(?:,?" + _SP + _y("y") + r")?"
              r"|" + _d("d2") + _SP + r"(?:of" + _SP + r")?" + _m("m2")
              + r"(?:,?" + _SP + _y("y2") + r")?")
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # ranges first: their parts would otherwise be read alone
    ("year_range", re.compile(r"\b(?:between" + _SP + _y("a") + _SP + r"and" + _SP + _y("b")
                              + r"|from" + _SP + _y("a2") + _SP + r"(?:to|until|till)" + _SP
                              + _y("b2") + r"|" + _y("a3") + r"\s?[–-]\s?" + _y("b3") + r")\b")),
    ("month_range", re.compile(r"\b(?:between" + _SP + _m("a") + _SP + r"and" + _SP + _m("b")
                               + r"|from" + _SP + _m("a2") + _SP + r"(?:to|until|till|through)"
                               + _SP + _m("b2") + r")(?:,?" + _SP + _y("y") + r")?\b")),
    ("day_range", re.compile(r"\b(?:between" + _SP + _m("m") + _SP + _d("a") + _SP + r"and"
                             + _SP + _d("b") + r"|from" + _SP + _m("m2") + _SP + _d("a2") + _SP
                             + r"(?:to|until|till|through)" + _SP + _d("b2") + r")(?!\d)"
                             + r"(?:,?" + _SP + _y("y") + r")?")),
    ("iso", re.compile(r"\b" + _y("y") + r"-(?P<mo>[01]\d)-(?P<d>[0-3]\d)\b")),
    ("month_day", re.compile(r"\b(?:" + _MONTH_DAY + r")\b")),
    ("month_year", re.compile(r"\b" + _m("m") + r",?" + _SP + _y("y") + r"\b")),
    # late/early December last year
    ("month_last_year", re.compile(r"\b(?:(?:early|mid|late)[ \u00a0-]+)?" + _m("m") + _SP
                                   + r"(?P<rel>last|this|next)" + _SP + r"year\b", re.I)),
    ("relative_day", re.compile(r"\b(?P<w>yesterday|today|tonight|tomorrow|"
                                r"last" + _SP + r"night|this" + _SP + r"(?:morning|afternoon|"
                                r"evening))\b", re.I)),
    ("weekday", re.compile(r"\b(?:(?P<rel>last|this|next)" + _SP + r")?(?P<w>Monday|Tuesday|"
                           r"Wednesday|Thursday|Friday|Saturday|Sunday)\b")),
    ("relative_period", re.compile(r"\b(?P<rel>last|this|next|past)" + _SP
                                   + r"(?P<unit>week|month|year)\b", re.I)),
    ("month_alone", re.compile(r"\b(?:in|since|until|by|during|early|late|mid|"
                               r"last|next|this)[ \u00a0-]+" + _m("m") + r"\b")),
    ("year", re.compile(r"\b(?:[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|[Dd]uring|[Ee]arly|[Ll]ate|"
                        r"[Mm]id|[Bb]efore|[Aa]fter|[Tt]hroughout|[Oo]f|[Ff]rom)[ \u00a0-]+"
                        + _y("y") + r"\b(?!-)")),
]


@dataclass(frozen=True)
class DateMention:
    """A date or period stated in a text, with the words that state it."""

    start: int  # offsets into the text searched (the stored source text)
    end: int
    words: str
    precision: str  # "day", "week", "month" or "year"
    first: date | None  # the period named (None: relative words with no published date)
    last: date | None
    relative: bool  # resolved against the published date
    year_stated: bool = True  # False: "November 1" with no year anywhere to take

    @property
    def resolved(self) -> bool:
        return self.first is not None

    @property
    def when(self) -> str:
        """ISO text at the mention's precision: "2021-11-01", "2021-11", "2021", a range
        "2019/2021"; "--11-01" for a day without a year; "" when unresolved."""
        if self.first is None or self.last is None:
            return ""

        def fmt(d: date) -> str:
            if not self.year_stated:
                return f"--{d.month:02d}-{d.day:02d}" if self.precision == "day" \
                    else f"--{d.month:02d}"
            if self.precision in ("day", "week"):
                return d.isoformat()
            if self.precision == "month":
                return f"{d.year:04d}-{d.month:02d}"
            return f"{d.year:04d}"

        a, b = fmt(self.first), fmt(self.last)
        if self.precision == "week":
            return f"{a}/{b}"
        return a if a == b else f"{a}/{b}"

    def overlaps(self, other: DateMention) -> bool:
        if not (self.resolved and other.resolved):
            return True
        assert self.first and self.last and other.first and other.last
        if not (self.year_stated and other.year_stated):
            # compare month and day only
            def md(d: date) -> tuple[int, int]:
                return (d.month, d.day)
            return md(self.first) <= md(other.last) and md(other.first) <= md(self.last)
        return self.first <= other.last and other.first <= self.last


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _month(text: str | None) -> int | None:
    return _MONTHS.get(text.casefold().rstrip(".")) if text else None


def _day_before(published: date | None, m: int, d: int) -> tuple[date | None, bool]:
    """A month and day with no year: the such day nearest the published date ("on
    November 1" in an article of November 2 is the day before; "until December 24" the
    coming one); (a placeholder year, False) when the article states no date."""
    if published is None:
        return _safe_date(2000, m, d), False  # leap year: Feb 29 stays a date
    options = [x for x in (_safe_date(y, m, d) for y in (published.year - 1, published.year,
                                                         published.year + 1)) if x]
    if not options:
        return None, True
    return min(options, key=lambda x: (abs((x - published).days), x > published)), True


def parse_published(text: str | None) -> date | None:
    """A source's published date ("2021-11-02", also "2021-11-02T10:00"); None when it
    states none or something else."""
    if not text:
        return None
    m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", text)
    return _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None


_DATELINE = re.compile(r"^[ \t\u00a0]*(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
                       r"Sunday),?[ \u00a0]+)?(?P<date>[^\n]{6,40}?)[ \t\u00a0.]*$", re.M)
#: How far into an article its dateline may be (after the title and a credit line).
DATELINE_WITHIN = 400


def article_date(source: Source) -> tuple[date | None, str]:
    """The day an article is dated: its stated published date, else a dateline among its
    first lines ("Thursday, January 10, 2019" alone on a line, as news sites print it);
    and where it comes from ("published", "dateline" or "")."""
    stated = parse_published(source.published)
    if stated is not None:
        return stated, "published"
    head = source.text[:DATELINE_WITHIN]
    for m in _DATELINE.finditer(head):
        found = find_dates(m.group("date"), None)
        if len(found) == 1 and found[0].precision == "day" and found[0].year_stated \
                and found[0].words == m.group("date").strip():
            return found[0].first, "dateline"
    return None, ""


def _mention(kind: str, m: re.Match[str], published: date | None, base: int
             ) -> DateMention | None:
    g = m.groupdict()

    def make(precision: str, first: date | None, last: date | None, relative: bool = False,
             year_stated: bool = True) -> DateMention | None:
        if first is not None and last is not None and last < first:
            return None
        return DateMention(base + m.start(), base + m.end(), m.group(0), precision, first,
                           last, relative, year_stated)

    if kind == "year_range":
        a = int(g["a"] or g["a2"] or g["a3"])
        b = int(g["b"] or g["b2"] or g["b3"])
        return make("year", date(a, 1, 1), date(b, 12, 31))
    if kind == "month_range":
        ma, mb = _month(g["a"] or g["a2"]), _month(g["b"] or g["b2"])
        if ma is None or mb is None:
            return None
        y = int(g["y"]) if g["y"] else (published.year if published else None)
        if y is None:
            return make("month", date(2000, ma, 1), _month_end(2000, mb), year_stated=False)
        return make("month", date(y, ma, 1), _month_end(y, mb), relative=not g["y"])
    if kind == "day_range":
        mo = _month(g["m"] or g["m2"])
        a, b = int(g["a"] or g["a2"]), int(g["b"] or g["b2"])
        if mo is None:
            return None
        if g["y"]:
            y = int(g["y"])
            return make("day", _safe_date(y, mo, a), _safe_date(y, mo, b))
        first, stated = _day_before(published, mo, a)
        last = _safe_date(first.year, mo, b) if first is not None else None
        return make("day", first, last, relative=stated, year_stated=stated)
    if kind == "iso":
        d = _safe_date(int(g["y"]), int(g["mo"]), int(g["d"]))
        return make("day", d, d) if d else None
    if kind == "month_day":
        mo = _month(g["m"] or g["m2"])
        day = int(g["d"] or g["d2"])
        year = g["y"] or g["y2"]
        if mo is None or not 1 <= day <= 31:
            return None
        if year:
            d = _safe_date(int(year), mo, day)
            return make("day", d, d) if d else None
        d, stated = _day_before(published, mo, day)
        return make("day", d, d, relative=stated, year_stated=stated) if d else None
    if kind == "month_year":
        mo = _month(g["m"])
        if mo is None:
            return None
        y = int(g["y"])
        return make("month", date(y, mo, 1), _month_end(y, mo))
    if kind == "month_last_year":
        mo = _month(g["m"])
        if mo is None:
            return None
        if published is None:
            return make("month", None, None, relative=True)
        y = published.year + {"last": -1, "this": 0, "next": 1}[g["rel"].casefold()]
        return make("month", date(y, mo, 1), _month_end(y, mo), relative=True)
    if kind == "relative_day":
        w = " ".join(g["w"].casefold().split())
        back = {"yesterday": 1, "last night": 1, "tomorrow": -1}.get(w, 0)
        if published is None:
            return make("day", None, None, relative=True)
        d = published - timedelta(days=back)
        return make("day", d, d, relative=True)
    if kind == "weekday":
        wd = _WEEKDAYS[g["w"].casefold()]
        if published is None:
            return make("day", None, None, relative=True)
        rel = (g["rel"] or "").casefold()
        if rel == "next":
            ahead = (wd - published.weekday()) % 7 or 7
            d = published + timedelta(days=ahead)
        else:
            back = (published.weekday() - wd) % 7
            if rel == "last" and back == 0:
                back = 7
            d = published - timedelta(days=back)
        return make("day", d, d, relative=True)
    if kind == "relative_period":
        if published is None:
            return make(g["unit"].casefold(), None, None, relative=True)
        rel, unit = g["rel"].casefold(), g["unit"].casefold()
        step = {"last": -1, "past": -1, "this": 0, "next": 1}[rel]
        if unit == "week":
            monday = published - timedelta(days=published.weekday()) + timedelta(weeks=step)
            return make("week", monday, monday + timedelta(days=6), relative=True)
        if unit == "month":
            y, mo = divmod(published.year * 12 + published.month - 1 + step, 12)
            return make("month", date(y, mo + 1, 1), _month_end(y, mo + 1), relative=True)
        y = published.year + step
        return make("year", date(y, 1, 1), date(y, 12, 31), relative=True)
    if kind == "month_alone":
        mo = _month(g["m"])
        if mo is None or (g["m"] == "May" and not re.match(r"(?i)in|since|until|by|during",
                                                           m.group(0))):
            return None
        if published is None:
            return make("month", date(2000, mo, 1), _month_end(2000, mo), year_stated=False)
        y = published.year if mo <= published.month else published.year - 1
        if m.group(0).casefold().startswith("next"):
            y = published.year if mo > published.month else published.year + 1
        return make("month", date(y, mo, 1), _month_end(y, mo), relative=True)
    if kind == "year":
        y = int(g["y"])
        return make("year", date(y, 1, 1), date(y, 12, 31))
    return None


def find_dates(text: str, published: date | None = None, start: int = 0,
               end: int | None = None) -> list[DateMention]:
    """Every date or period stated in ``text[start:end]``, in reading order, each once
    (a range is one mention, not its two ends); offsets index ``text``."""
    end = len(text) if end is None else end
    part = text[start:end]
    taken: list[tuple[int, int]] = []
    out: list[DateMention] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(part):
            s, e = m.start(), m.end()
            if any(s < te and ts < e for ts, te in taken):
                continue
            found = _mention(kind, m, published, start)
            if found is None:
                continue
            # keep the date words only ("in 2015" -> "2015" is the date; the
            # preposition stays out of the citation)
            if not kind.endswith("range"):
                found = _trim(found, text)
            taken.append((s, e))
            out.append(found)
    out.sort(key=lambda d: d.start)
    return out


_LEAD_WORDS = re.compile(r"^(?:in|on|since|until|by|during|before|after|throughout|of|"
                         r"from)[ \u00a0]+", re.I)


def _trim(d: DateMention, text: str) -> DateMention:
    m = _LEAD_WORDS.match(d.words)
    if m is None or d.words[m.end():].casefold().startswith(("and", "to")):
        return d
    from dataclasses import replace
    s = d.start + m.end()
    return replace(d, start=s, words=text[s:d.end])


# ----------------------------------------------------------------------------- claims
@dataclass(frozen=True)
class ClaimDate:
    """A date a claim states, in one of the sources it cites."""

    card: str
    source: str
    mention: DateMention
    published: str | None  # the source's stated date, as stored

    @property
    def when(self) -> str:
        return self.mention.when


def claim_dates(board: Board, claim_id: str) -> list[ClaimDate]:
    """The dates the claim's own words state, in every source it cites intact (the
    claim's words inside its cited sentence; the whole sentence when they cannot be
    found there)."""
    card = board.cards.get(claim_id)
    if card is None or card.kind != "claim":
        return []
    out: list[ClaimDate] = []
    seen: set[tuple[str, int, int]] = set()
    for c in board.citations_of(claim_id):
        src = board.sources.get(c.source_id)
        if src is None or src.text[c.start:c.end] != c.quote:
            continue
        lo, hi = content_span(src, c, card.title)
        for d in find_dates(src.text, article_date(src)[0], lo, hi):
            key = (src.id, d.start, d.end)
            if key not in seen:
                seen.add(key)
                out.append(ClaimDate(claim_id, src.id, d, _published_text(src)))
    return out


def _published_text(src: Source) -> str | None:
    day, where = article_date(src)
    if day is None:
        return None
    return src.published if where == "published" else day.isoformat()


def main_date(dates: list[ClaimDate]) -> ClaimDate | None:
    """The date a claim is placed at: its most precise resolved date (the first one
    of that precision in the text)."""
    resolved = [d for d in dates if d.mention.resolved]
    if not resolved:
        return None
    return min(resolved, key=lambda d: (PRECISIONS.index(d.mention.precision),
                                        not d.mention.year_stated, d.mention.start))


@dataclass(frozen=True)
class TimelineRow:
    """One dated claim, for the timeline and ``evidenceboard timeline``."""

    card: str
    title: str
    when: str
    precision: str
    first: date
    last: date
    words: str  # the exact date words
    quote: str  # the claim's cited sentence
    start: int  # offsets of the date words in the source text
    end: int
    source: str  # source id
    source_title: str
    published: str | None
    actors: tuple[str, ...]  # the claim's actors (speaker and subjects)
    year_stated: bool

    def as_json(self) -> dict[str, object]:
        return {"card": self.card, "title": self.title, "when": self.when,
                "precision": self.precision, "quote": self.quote,
                "source": self.source_title, "source_id": self.source,
                "published": self.published, "words": self.words,
                "start": self.start, "end": self.end,
                "year_stated": self.year_stated}


def board_year(board: Board) -> int | None:
    """The year most of the board's published dates fall in (to place a day stated
    without a year); None when no source states a date."""
    years = [d.year for d in (article_date(s)[0] for s in board.sources.values())
             if d is not None]
    if not years:
        return None
    return max(sorted(set(years)), key=years.count)


def placed(d: DateMention, year: int | None) -> tuple[date, date] | None:
    """The days a resolved mention covers; a day stated without a year is placed in
    ``year`` (the board's usual year), None without one."""
    if d.first is None or d.last is None:
        return None
    first, last = d.first, d.last
    if not d.year_stated:
        if year is None:
            return None
        first = _safe_date(year, first.month, first.day) or first.replace(day=28)
        last = _safe_date(year, last.month, last.day) or last.replace(day=28)
    return first, last


def claim_period(board: Board, claim_id: str, year: Callable[[], int | None] | None = None
                 ) -> tuple[date, date] | None:
    """The first and last day of the period a claim is placed at on the timeline (its
    :func:`main_date`); None for a claim stating no date it can be placed at.  ``year``
    gives :func:`board_year` when the caller keeps it (it is asked only for a day stated
    without a year)."""
    best = main_date(claim_dates(board, claim_id))
    if best is None:
        return None
    if best.mention.year_stated:
        return placed(best.mention, None)
    return placed(best.mention, board_year(board) if year is None else year())


def timeline_rows(board: Board, ids: Iterable[str] | None = None) -> list[TimelineRow]:
    """Every claim (or those in ``ids``) that states a date it could be placed at, by
    date.  A day stated without a year is placed in the board's usual year
    (:func:`board_year`) and says so (``year_stated`` False)."""
    wanted = set(ids) if ids is not None else None
    year = board_year(board)
    rows: list[TimelineRow] = []
    for cid, card in board.cards.items():
        if card.kind != "claim" or (wanted is not None and cid not in wanted):
            continue
        best = main_date(claim_dates(board, cid))
        if best is None:
            continue
        d = best.mention
        days = placed(d, year)
        if days is None:
            continue
        first, last = days
        src = board.sources[best.source]
        quote = next((c.quote for c in board.citations_of(cid) if c.source_id == src.id),
                     "")
        rows.append(TimelineRow(cid, card.title, d.when, d.precision, first, last,
                                d.words, quote, d.start, d.end, src.id, src.shown_title,
                                best.published, tuple(sorted(actors_of_claim(board, cid))),
                                d.year_stated))
    rows.sort(key=lambda r: (r.first, r.last, r.title.casefold(), r.card))
    return rows


# ----------------------------------------------------------------------------- conflicts
@dataclass(frozen=True)
class DateConflict:
    """Two articles placing the same event (the relation both claims back) on dates
    that do not overlap."""

    first: str  # claim ids, in a stable order
    second: str
    link: str  # the relation link both claims back
    first_date: ClaimDate
    second_date: ClaimDate

    @property
    def ids(self) -> tuple[str, ...]:
        return (self.first, self.second, self.link)

    def text(self, board: Board) -> str:
        lk = board.links.get(self.link)
        a = board.cards.get(lk.from_id) if lk else None
        b = board.cards.get(lk.to_id) if lk else None
        what = f"{a.title} {lk.label} {b.title}" if lk and a and b else "the same event"
        return (f"“{what}” dated {self.first_date.when} (“{self.first_date.mention.words}”) "
                f"and {self.second_date.when} (“{self.second_date.mention.words}”) "
                "by two articles")


def date_conflicts(board: Board, links: Iterable[str] | None = None) -> list[DateConflict]:
    """Every pair of claims from different sources that back the same relation link
    (of ``links``, else of the board) and state dates of the same precision that do
    not overlap."""
    spans = claims_citing(board)
    dated: dict[str, ClaimDate | None] = {}

    def date_of(cid: str) -> ClaimDate | None:
        if cid not in dated:
            dated[cid] = main_date(claim_dates(board, cid))
        return dated[cid]

    out: list[DateConflict] = []
    seen: set[tuple[str, str]] = set()
    for lid in sorted(board.links if links is None else links):
        link = board.links.get(lid)
        if link is None or link.kind != "relation":
            continue
        claims = backing_claims(board, lid, spans)
        if len(claims) < 2:
            continue
        for a, b in itertools.combinations(sorted(claims), 2):
            if (a, b) in seen:
                continue
            da, db = date_of(a), date_of(b)
            if da is None or db is None or da.source == db.source:
                continue
            if da.mention.precision != db.mention.precision:
                # "in 2021" and "on November 1" can both be true; compare a day with a
                # day, a month with a month
                continue
            if not da.mention.overlaps(db.mention):
                seen.add((a, b))
                out.append(DateConflict(a, b, lid, da, db))
    return out


def date_conflicts_of(board: Board, card_id: str) -> list[DateConflict]:
    """The date conflicts a claim takes part in (only the relations it backs are read)."""
    mine = {(c.source_id, c.start, c.end) for c in board.citations_of(card_id)}
    links = {c.link_id for key in mine for c in board.citations_in(key[0])
             if c.link_id is not None and (c.source_id, c.start, c.end) in mine}
    return [c for c in date_conflicts(board, links) if card_id in (c.first, c.second)]
