"""What the investigator asked to see: filters by card kind, actor type, source article,
grade, link label and date, neighbourhoods (n hops) and the view state a board remembers.

A :class:`BoardFilter` is a set of **criteria**, each a small class registered in
:data:`CRITERIA` under a key: it says whether a card or a link passes, and how its value
is written in the board's settings.  Items that fail any criterion do not *match*; the
view fades or hides them (its choice, :attr:`BoardFilter.mode`).  A new criterion is one
more class registered here: the stored view state and the status line take it as they
take the others (the Filter dock gives each its controls).

The view state (:class:`ViewState`: the filter, the cards hidden by hand, the relations
view on or off) is kept in the board file's settings (key :data:`VIEW_STATE_KEY`),
written without an undo step: looking at a board is no edit.  Pure Python, no Qt.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, ClassVar

from ..model import Board, Card, Link
from .dates import board_year, claim_period
from .grading import below, item_grade, parse_grade

VIEW_STATE_KEY = "view/state"
MODES = ("fade", "hide")
#: Cards and links hidden by more than this many ids are not remembered one by one.
MAX_REMEMBERED_IDS = 100_000


class Criterion:
    """One thing a filter can ask (subclasses set :attr:`key`, :attr:`title`)."""

    key: ClassVar[str] = ""
    title: ClassVar[str] = ""

    def card_passes(self, board: Board, card: Card) -> bool:
        return True

    def link_passes(self, board: Board, link: Link) -> bool:
        return True

    def to_json(self) -> Any:
        raise NotImplementedError

    @classmethod
    def from_json(cls, value: Any) -> Criterion | None:
        raise NotImplementedError

    def describe(self, board: Board) -> str:
        """What it keeps, for the status line ("kind: actor")."""
        raise NotImplementedError

    def for_board(self, board: Board) -> Criterion:
        """This criterion ready for one pass over ``board`` (keeping what every item's
        test would otherwise work out again)."""
        return self


def _names(value: Any) -> frozenset[str]:
    if not isinstance(value, list):
        raise ValueError("a list of names")
    return frozenset(str(v) for v in value if isinstance(v, str))


@dataclass(frozen=True)
class KindIs(Criterion):
    """Cards of these kinds (actor, claim, note)."""

    key: ClassVar[str] = "kinds"
    title: ClassVar[str] = "Card kind"
    kinds: frozenset[str]

    def card_passes(self, board: Board, card: Card) -> bool:
        return card.kind in self.kinds

    def to_json(self) -> Any:
        return sorted(self.kinds)

    @classmethod
    def from_json(cls, value: Any) -> KindIs | None:
        names = _names(value)
        return cls(names) if names else None

    def describe(self, board: Board) -> str:
        return "kind: " + ", ".join(sorted(self.kinds))


@dataclass(frozen=True)
class ActorTypeIs(Criterion):
    """Actors of these types (person, organisation, ...); other cards pass."""

    key: ClassVar[str] = "actor_types"
    title: ClassVar[str] = "Actor type"
    types: frozenset[str]

    def card_passes(self, board: Board, card: Card) -> bool:
        return card.kind != "actor" or (card.actor_type or "other") in self.types

    def to_json(self) -> Any:
        return sorted(self.types)

    @classmethod
    def from_json(cls, value: Any) -> ActorTypeIs | None:
        names = _names(value)
        return cls(names) if names else None

    def describe(self, board: Board) -> str:
        return "actor type: " + ", ".join(sorted(self.types))


@dataclass(frozen=True)
class CitesSource(Criterion):
    """Cards and links that cite one of these source articles (by id)."""

    key: ClassVar[str] = "sources"
    title: ClassVar[str] = "Source article"
    source_ids: frozenset[str]

    def _cites(self, board: Board, item_id: str) -> bool:
        return any(c.source_id in self.source_ids for c in board.citations_of(item_id))

    def card_passes(self, board: Board, card: Card) -> bool:
        return self._cites(board, card.id)

    def link_passes(self, board: Board, link: Link) -> bool:
        return self._cites(board, link.id)

    def to_json(self) -> Any:
        return sorted(self.source_ids)

    @classmethod
    def from_json(cls, value: Any) -> CitesSource | None:
        names = _names(value)
        return cls(names) if names else None

    def describe(self, board: Board) -> str:
        titles = [board.sources[s].shown_title for s in sorted(self.source_ids)
                  if s in board.sources]
        shown = "; ".join(t if len(t) <= 40 else t[:39] + "…" for t in titles[:2])
        more = f" and {len(titles) - 2} more" if len(titles) > 2 else ""
        return f"source: {shown}{more}" if titles else "source: (none on this board)"


@dataclass(frozen=True)
class GradeAtLeast(Criterion):
    """Cards and links graded at least this Admiralty grade ("B2"); what nobody graded
    fails (:func:`.grading.below`)."""

    key: ClassVar[str] = "grade"
    title: ClassVar[str] = "Grade"
    grade: str

    def card_passes(self, board: Board, card: Card) -> bool:
        if card.kind == "note":
            return True  # a note states nothing to grade
        return not below(item_grade(board, card.id), parse_grade(self.grade))

    def link_passes(self, board: Board, link: Link) -> bool:
        return not below(item_grade(board, link.id), parse_grade(self.grade))

    def to_json(self) -> Any:
        return self.grade

    @classmethod
    def from_json(cls, value: Any) -> GradeAtLeast | None:
        if not isinstance(value, str):
            raise ValueError("a grade")
        return cls(parse_grade(value).label)

    def describe(self, board: Board) -> str:
        return f"grade {self.grade} or better"


@dataclass(frozen=True)
class LinkLabelIs(Criterion):
    """Links with one of these labels (case folded); a link's kind counts as a label
    ("relation" keeps every relation between actors)."""

    key: ClassVar[str] = "link_labels"
    title: ClassVar[str] = "Link label"
    labels: frozenset[str]

    def link_passes(self, board: Board, link: Link) -> bool:
        folded = {lb.casefold() for lb in self.labels}
        return (link.label or link.kind).casefold() in folded or link.kind in folded

    def to_json(self) -> Any:
        return sorted(self.labels)

    @classmethod
    def from_json(cls, value: Any) -> LinkLabelIs | None:
        names = _names(value)
        return cls(names) if names else None

    def describe(self, board: Board) -> str:
        return "links: " + ", ".join(sorted(self.labels))


@dataclass(frozen=True)
class DatedBetween(Criterion):
    """Claims placed in this range of days (ISO ``first`` .. ``last``, both included) by
    the dates their own words state (:func:`.dates.claim_period`: "yesterday" resolved
    against the article's date, a month or a year as the whole period, which passes when
    it meets the range).  Claims stating no date pass only with ``undated``; actors and
    notes pass (they are not events)."""

    key: ClassVar[str] = "dates"
    title: ClassVar[str] = "Date"
    first: str
    last: str
    undated: bool = False
    #: the board's usual year, kept for one pass (:meth:`for_board`)
    year: Callable[[], int | None] | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        lo, hi = date.fromisoformat(self.first), date.fromisoformat(self.last)
        if lo > hi:
            raise ValueError("a range whose first day is not after its last")

    def card_passes(self, board: Board, card: Card) -> bool:
        if card.kind != "claim":
            return True
        period = claim_period(board, card.id, self.year)
        if period is None:
            return self.undated
        return period[0] <= date.fromisoformat(self.last) and \
            period[1] >= date.fromisoformat(self.first)

    def for_board(self, board: Board) -> DatedBetween:
        kept: list[int | None] = []

        def year() -> int | None:
            if not kept:
                kept.append(board_year(board))
            return kept[0]
        return replace(self, year=year)

    def to_json(self) -> Any:
        return {"from": self.first, "to": self.last, "undated": self.undated}

    @classmethod
    def from_json(cls, value: Any) -> DatedBetween | None:
        if not isinstance(value, dict):
            raise ValueError("a range of days")
        first, last = value.get("from"), value.get("to")
        if not isinstance(first, str) or not isinstance(last, str):
            raise ValueError("a range of days")
        return cls(date.fromisoformat(first).isoformat(), date.fromisoformat(last).isoformat(),
                   value.get("undated") is True)

    def describe(self, board: Board) -> str:
        span = self.first if self.first == self.last else f"{self.first} to {self.last}"
        return f"claims dated {span}" + (" or undated" if self.undated else "")


#: Every criterion a filter may hold, by key.
CRITERIA: dict[str, type[Criterion]] = {
    c.key: c for c in (KindIs, ActorTypeIs, CitesSource, GradeAtLeast, LinkLabelIs,
                       DatedBetween)}


@dataclass(frozen=True)
class BoardFilter:
    """Criteria (by key) and what the view does to what does not match them."""

    criteria: tuple[Criterion, ...] = ()
    mode: str = "fade"

    def __post_init__(self) -> None:
        # one order (the registry's), so equal filters compare and store the same
        order = list(CRITERIA)
        object.__setattr__(self, "criteria", tuple(sorted(
            self.criteria, key=lambda c: order.index(c.key) if c.key in order else 99)))

    @property
    def active(self) -> bool:
        return bool(self.criteria)

    def get(self, key: str) -> Criterion | None:
        return next((c for c in self.criteria if c.key == key), None)

    def with_criterion(self, criterion: Criterion | None, key: str | None = None
                       ) -> BoardFilter:
        """This filter with ``criterion`` set (or the one under ``key`` removed)."""
        k = criterion.key if criterion is not None else key
        kept = tuple(c for c in self.criteria if c.key != k)
        if criterion is not None:
            kept += (criterion,)
        return replace(self, criteria=kept)

    def card_matches(self, board: Board, card: Card) -> bool:
        return all(c.card_passes(board, card) for c in self.criteria)

    def link_matches(self, board: Board, link: Link) -> bool:
        return all(c.link_passes(board, link) for c in self.criteria)

    def non_matching(self, board: Board) -> set[str]:
        """Ids of the cards and links that do not match."""
        if not self.criteria:
            return set()
        ready = replace(self, criteria=tuple(c.for_board(board) for c in self.criteria))
        out = {cid for cid, c in board.cards.items() if not ready.card_matches(board, c)}
        out.update(lid for lid, lk in board.links.items()
                   if not ready.link_matches(board, lk))
        return out

    def describe(self, board: Board) -> str:
        return "; ".join(c.describe(board) for c in self.criteria)

    def to_json(self) -> dict[str, Any]:
        return {"mode": self.mode, **{c.key: c.to_json() for c in self.criteria}}

    @classmethod
    def from_json(cls, data: Any) -> BoardFilter:
        """A filter from its stored form; unknown keys and bad values are dropped (a
        board from a newer version, or a damaged setting, opens unfiltered there)."""
        if not isinstance(data, dict):
            return cls()
        criteria: list[Criterion] = []
        for key, kind in CRITERIA.items():
            if key in data:
                try:
                    c = kind.from_json(data[key])
                except (ValueError, TypeError):
                    c = None
                if c is not None:
                    criteria.append(c)
        mode = data.get("mode") if data.get("mode") in MODES else "fade"
        return cls(tuple(criteria), str(mode))


@dataclass(frozen=True)
class ViewState:
    """How the investigator looks at a board: remembered per board, not undone."""

    filter: BoardFilter = field(default_factory=BoardFilter)
    hidden: frozenset[str] = frozenset()  # hidden by hand (Hide Selected)
    relations_view: bool = False
    #: shown by Expand although the filter or the relations view would hide them
    revealed: frozenset[str] = frozenset()
    #: cards filled by their community (Analyze ▸ Colour by Community)
    community_colours: bool = False

    def to_text(self) -> str:
        data: dict[str, Any] = {"filter": self.filter.to_json(),
                                "relations_view": self.relations_view}
        if self.community_colours:
            data["community_colours"] = True
        if self.hidden:
            data["hidden"] = sorted(self.hidden)[:MAX_REMEMBERED_IDS]
        if self.revealed:
            data["revealed"] = sorted(self.revealed)[:MAX_REMEMBERED_IDS]
        return json.dumps(data, sort_keys=True, ensure_ascii=False)

    @classmethod
    def from_text(cls, text: str | None, board: Board | None = None) -> ViewState:
        """The state stored in ``text``; ids no longer on ``board`` are forgotten."""
        if not text:
            return cls()
        try:
            data = json.loads(text)
        except ValueError:
            return cls()
        if not isinstance(data, dict):
            return cls()
        def ids(key: str) -> frozenset[str]:
            value = data.get(key, [])
            out = frozenset(i for i in value if isinstance(i, str)) \
                if isinstance(value, list) else frozenset()
            if board is not None:
                out = frozenset(i for i in out if i in board.cards or i in board.links)
            return out

        return cls(BoardFilter.from_json(data.get("filter")), ids("hidden"),
                   data.get("relations_view") is True, ids("revealed"),
                   data.get("community_colours") is True)


# ----------------------------------------------------------------------------- graph walks
def neighbours(board: Board, ids: Iterable[str], hops: int = 1,
               skip: set[str] | None = None) -> set[str]:
    """The cards within ``hops`` links of the cards ``ids`` (and the links between them
    walked on the way); ``skip``: cards not walked through."""
    frontier = {i for i in ids if i in board.cards}
    for i in ids:  # a selected link stands for its two cards
        lk = board.links.get(i)
        if lk is not None:
            frontier |= {lk.from_id, lk.to_id}
    seen = set(frontier)
    links: set[str] = set()
    for _ in range(max(0, hops)):
        nxt: set[str] = set()
        for cid in frontier:
            for lk in board.links_of(cid):
                other = lk.to_id if lk.from_id == cid else lk.from_id
                if skip is not None and other in skip:
                    continue
                links.add(lk.id)
                if other not in seen:
                    nxt.add(other)
        seen |= nxt
        frontier = nxt
        if not frontier:
            break
    return seen | links


def hidden_neighbours(board: Board, card_id: str, hidden: set[str]) -> set[str]:
    """The hidden cards one link away from ``card_id`` (what Expand reveals)."""
    out = set()
    for lk in board.links_of(card_id):
        other = lk.to_id if lk.from_id == card_id else lk.from_id
        if other in hidden:
            out.add(other)
    return out


def link_labels(board: Board) -> list[tuple[str, int]]:
    """The labels links carry on this board, most used first (for the filter bar)."""
    counts: dict[str, int] = {}
    for lk in board.links.values():
        label = (lk.label or lk.kind).strip() or lk.kind
        counts[label] = counts.get(label, 0) + 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].casefold()))
