"""Finding the actors an article names: people, organisations, countries, places, vessels
and aircraft, one entity per real-world actor however the article spells it.

Rules, in the order they are tried on each run of capitalised words ("span"):
gazetteers (countries, demonyms, cities, regions, outlets, international bodies); head
words ("... Army", "... Airport"); person titles ("General", "Prime Minister"); the words
around the span ("the Haaretz daily", "journalist Itay Blumental", "in Ras Lanuf", an
appositive ", an Israeli website,"); and last a name-shaped default.  Sentence-initial
common words ("Moreover", "Sources") are never names.  Mentions are then grouped: an
acronym with its expansion, a surname or first name with the full name, spellings within
a small edit distance, a country's possessive with its demonym ("Egypt's Armed Forces" =
"Egyptian Armed Forces").  Vessels and aircraft are found by their own patterns (ship
prefixes, tail numbers, aircraft models), and "the plane" / "the tanker" count for the
article's only aircraft / vessel.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from itertools import pairwise

from . import gazetteer as gz
from . import lexicon
from .context import ContextRules
from .crafts import _TAIL, CraftRules
from .grouping import GroupingRules
from .mentions import (
    CONNECTORS,
    GENERIC_HEADS,
    GROUP_WORDS,
    INSTITUTIONS,
    LANGUAGE_SUFFIX,
    LEGAL_AFTER,
    MEDIA_FIRST,
    NOT_ORG_CAPS,
    QUANTIFIERS,
    STATE_ADJ,
    STATE_NOUNS,
    TITLE_ABBR,
    UNIT_WORDS,
    Entity,
    Mention,
    all_demonyms,
    country_name,
    demonym_country,
    group_key,
    initials_fit,
    is_acronym,
    is_common_token,
    is_title_word,
    org_name,
    place_name,
    surface,
    title_inside,
    title_prefix,
)
from .text import Prepared, Token, hspace_only, is_gap, tokens

_TERM_ACRONYM = re.compile(r"\b((?:[a-z][a-z-]*[^\S\r\n]+){2,6})\(([A-Z]{2,6})\)")
_QUOTED = re.compile(r"[“\"]([^”\"\n]{3,120})[”\"]")
_TITLE_CUE = re.compile(r"\b(?:titled|entitled|headlined|called|named|dubbed|slogan)\W*$", re.I)


def _initials(words: str) -> str:
    return "".join(w[0] for w in words.replace("-", " ").split())


def _quoted_titles(view: str) -> list[tuple[int, int]]:
    """Quoted titles and slogans ("Whose Mercenary Was X?", "Screw You, Royal Highness"):
    their capitals are a title's, so only names the body also uses count there."""
    out = []
    for m in _QUOTED.finditer(view):
        words = m.group(1).split()
        long_words = [w for w in words if len(w.strip("?!.,")) >= 4]
        caps = sum(w[0].isupper() for w in long_words)
        titled = len(words) >= 2 and long_words and caps / len(long_words) >= 0.75
        if titled or (_TITLE_CUE.search(view[max(0, m.start() - 30):m.start()])
                      and len(words) <= 16):
            out.append((m.start(1), m.end(1)))
    return out


# ----------------------------------------------------------------------------- finder
class ActorFinder(CraftRules, ContextRules, GroupingRules):
    """Finds and groups the actors of one prepared article."""

    def __init__(self, prep: Prepared) -> None:
        self.prep = prep
        self.view = prep.view
        self.mentions: list[Mention] = []
        self.crafts: list[tuple[Mention, str]] = []  # (mention, "vessel"/"aircraft")
        self.links: list[tuple[str, str]] = []  # (surface, surface) known to be one actor
        self.lower_words = set(re.findall(r"\b[a-z][a-z’'-]+\b", self.view))
        self.taken: list[tuple[int, int]] = []
        self.model_sentences: list[tuple[int, int, int]] = []
        # words written with a capital inside a sentence somewhere: names, not words
        self.mid_caps = {m.group(1) for m in re.finditer(
            r"(?<=[a-z,;][^\S\r\n])([A-Z][\w’'-]+)", self.view)}
        # "exclusive economic zone (EEZ)": an abbreviation of lowercase words is a term
        self.term_acronyms = {m.group(2) for m in _TERM_ACRONYM.finditer(self.view)
                              if _initials(m.group(1)).endswith(m.group(2).lower())}
        self.title_regions = _quoted_titles(self.view)  # sorted, disjoint
        self._title_starts = [a for a, _ in self.title_regions]

    # ------------------------------------------------------------------ run
    def run(self) -> list[Entity]:
        sentences = self.prep.sentences
        for si, sent in enumerate(sentences):
            self._crafts(si, sent.start, sent.end)
        tails = {gz.fold(m.surface) for m, kind in self.crafts if _TAIL.fullmatch(m.surface)}
        for si, sent in enumerate(sentences):
            if sent.titlecase:
                continue
            toks = tokens(self.view, sent.start, sent.end)
            for i, j in self._spans(toks):
                if self._in_title(toks[i].start, toks[j - 1].end) and not self._known(toks[i:j]):
                    continue
                self._classify(si, sent.start, toks, i, j)
            for m in _TAIL.finditer(self.view, sent.start, sent.end):
                if gz.fold(m.group()) in tails and not self._overlaps(m.start(), m.end()):
                    self._add_craft(si, m.start(), m.end(), "aircraft")
        self._pair_tail_and_model()
        entities = self._group()
        self._headings(entities)
        self._generic_crafts(entities)
        return [e for e in entities if e.mentions and not _guess_only(e)]

    def _in_title(self, s: int, e: int) -> bool:
        k = bisect_right(self._title_starts, s) - 1
        return k >= 0 and e <= self.title_regions[k][1]

    def _overlaps(self, s: int, e: int) -> bool:
        return any(s < te and ts < e for ts, te in self.taken)

    # ------------------------------------------------------------------ vessels, aircraft
    def _spans(self, toks: list[Token]) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        i = 0
        n = len(toks)
        while i < n:
            if not toks[i].cap or self._overlaps(toks[i].start, toks[i].end):
                i += 1
                continue
            j = i + 1
            while j < n:
                prev, t = toks[j - 1], toks[j]
                if prev.possessive or prev.modifier:
                    break
                g = self.view[prev.end:t.start]
                ok_gap = is_gap(g) or (g[:1] == "." and is_gap(g[1:])
                                       and prev.lower in TITLE_ABBR)
                if not ok_gap or self._overlaps(t.start, t.end):
                    break
                if t.cap:
                    j += 1
                    continue
                if t.text.isdigit() and prev.lower in UNIT_WORDS:
                    j += 1
                    continue
                if t.lower in CONNECTORS and j + 1 < n:
                    nxt = toks[j + 1]
                    g2 = self.view[t.end:nxt.start]
                    if not is_gap(g2):
                        break
                    if t.lower == "the" and prev.lower not in ("of", "for"):
                        break
                    if nxt.cap or (nxt.lower == "the" and t.lower in ("of", "for")):
                        j += 1
                        continue
                break
            while j > i and toks[j - 1].lower in CONNECTORS and not toks[j - 1].cap:
                j -= 1
            out.append((i, j))
            i = j
        return out

    def _is_initial(self, sent_start: int, tok: Token) -> bool:
        raw = self.view[sent_start:tok.start].rstrip()
        if raw.endswith(("\"", "“", "‘")) and (len(raw) == 1 or not raw[-2].isalnum()):
            return True  # a quotation starts a sentence: 'noting that "Using …'
        before = raw.rstrip("\"“‘'([*—–-").rstrip()
        return not before or before[-1] in ".!?:;"

    # ------------------------------------------------------------------ classification
    def _classify(self, si: int, sent_start: int, toks: list[Token], i: int, j: int) -> None:
        span = toks[i:j]
        initial = self._is_initial(sent_start, span[0])
        while span and span[0].lower in ("the", "a", "an"):
            span = span[1:]
            i += 1
        # "Four Navy ships", "Several Western diplomats": a quantity is no part of a name
        while len(span) >= 2 and span[0].lower in QUANTIFIERS:
            span = span[1:]
            i += 1
            initial = False
        headed = len(span) >= 2 and (
            span[-1].lower in gz.ORG_HEADS or span[-1].lower in gz.PLACE_HEADS
            or span[0].lower in gz.ORG_FIRST or (len(span) >= 3 and span[1].lower in
                                                 gz.ORG_FIRST and span[2].lower == "of"))
        if initial:
            while span and self._initial_word(span, headed):
                span = span[1:]
                i += 1
                initial = False
        if not span:
            return
        first = span[0]
        if len(span) == 1 and (len(first.text) == 1 or re.match(r"I['’]", first.text)
                               or first.text.rstrip(".") in _LEGAL_WORDS):
            return  # "X-rays", "I'd", a stray "Inc"
        if len(span) == 1 and initial and first.text not in self.mid_caps \
                and not self._known(span) and not is_acronym(first.text) \
                and lexicon.zipf(first.text) >= lexicon.VERY_COMMON:
            return  # "Using government agencies …": a sentence starting with a word
        if len(span) == 1 and is_common_token(first) and not self._known(span):
            if first.lower in INSTITUTIONS and not initial and first.lower not in \
                    self.lower_words and i > 0 and toks[i - 1].lower == "the":
                self._add(si, span, votes={"organisation": 6}, ctx=(toks, i, i + 1))
            return  # "the Navy" names the navy; a lone "Army" or "Court" is a word
        if len(span) == 1 and first.lower in self.lower_words and not self._known(span) \
                and not is_acronym(first.text):
            return  # "the Court" where the article also writes "court": not a name
        if all(t.text.rstrip(".").upper() in NOT_ORG_CAPS and t.text.isupper()
               for t in span):
            return  # "AM ET", "CEO"
        self._interpret(si, sent_start, toks, i, i + len(span), initial)

    def _initial_word(self, span: list[Token], headed: bool) -> bool:
        """Is the first word of a sentence-initial run an ordinary word ("Regarding
        Trump", "Do China’s")?  Names known from the gazetteers or written with a capital
        mid-sentence elsewhere in the article stay."""
        t = span[0]
        if self._known(span[:1]) or demonym_country(t.text) or is_title_word(t.lower) \
                or t.lower in gz.PERSON_NOUNS or (len(span) >= 2 and span[1].lower in CONNECTORS):
            return False
        if is_common_token(t):
            return not (headed and len(span) >= 2)
        return (len(span) >= 2 and not headed and t.text not in self.mid_caps
                and not is_acronym(t.text) and lexicon.zipf(t.text) >= 4.3)

    def _known(self, span: list[Token]) -> bool:
        text = surface(span)
        return bool(country_name(text) or place_name(text) or org_name(text))

    def _interpret(self, si: int, sent_start: int, toks: list[Token], i: int, j: int,
                   initial: bool, whole: tuple[int, int] | None = None) -> None:
        """Turn the span ``toks[i:j]`` into mentions; ``whole`` is the span a conjunct
        came from ("Sidra and Ras Lanuf oil terminals"), whose context both share."""
        span = toks[i:j]
        low = [t.lower for t in span]
        text = surface(span)
        if self._not_a_name(toks, span, j):
            return
        # "Hungarian National Asset Management, Inc.": a company, whatever its words
        if j <= len(toks) and LEGAL_AFTER.match(self.view[span[-1].end:span[-1].end + 12]):
            self._add(si, span, votes={"organisation": 10}, ctx=(toks, i, j))
            return
        # "Israeli Defense Forces IDF": the name and its acronym
        if len(span) >= 3 and is_acronym(span[-1].text) and not is_acronym(span[-2].text) \
                and initials_fit(surface(span[:-1]), span[-1].text):
            self._interpret(si, sent_start, toks, i, j - 1, initial, whole)
            self._interpret(si, sent_start, toks, j - 1, j, False)
            self.links.append((surface(span[:-1]), span[-1].text))
            return
        # "Tel-Aviv Regime": a known name followed by words the article writes in lowercase
        while len(span) >= 2 and span[-1].lower in self.lower_words \
                and span[-1].lower not in gz.ORG_HEADS and span[-1].lower not in gz.PLACE_HEADS \
                and self._known(span[:-1]):
            span = span[:-1]
            j -= 1
            low = low[:-1]
            text = surface(span)
        c, p, o = country_name(text), place_name(text), org_name(text)
        if c or p or o:
            self._gazetteer_hit(si, span, c, p, o, (toks, i, j))
            return
        # "Haftar of Libya" -> two names; "Government of National Accord" stays one.
        if "of" in low[1:] and not self._keeps_of(span):
            k = low.index("of", 1)
            self._interpret(si, sent_start, toks, i, i + k, initial)
            k2 = i + k + 1
            while k2 < j and toks[k2].lower == "the":
                k2 += 1
            if k2 < j:
                n = len(self.mentions)
                self._interpret(si, sent_start, toks, k2, j, False)
                if title_prefix(span[:k]) == k and k2 + 1 == j:
                    for m in self.mentions[n:]:
                        m.votes["place"] += 3  # "Mayor of X": X is a town or a region
            return
        if "and" in low[1:] and not (low[-1] in gz.ORG_HEADS or self._known(span)
                                     or self._acronym_after(span)):
            k = low.index("and", 1)
            self._interpret(si, sent_start, toks, i, i + k, initial, whole or (i, j))
            if i + k + 1 < j:
                self._interpret(si, sent_start, toks, i + k + 1, j, False, whole or (i, j))
            return
        # Group and nationality words in front: "Libyan General Khalifa Haftar".
        if demonym_country(span[0].text) or low[0] in GROUP_WORDS or all_demonyms(span[0].text):
            rest = span[1:]
            if not rest:
                self._demonym_alone(si, toks, i, span[0])
                return
            rest_low = [t.lower for t in rest]
            if rest_low[-1] in GENERIC_HEADS and all(
                    demonym_country(t.text) or t.lower in GROUP_WORDS or t.lower in LANGUAGE_SUFFIX
                    or t.lower in GENERIC_HEADS for t in rest):
                if rest_low[-1] in STATE_NOUNS and demonym_country(span[0].text):
                    self._add(si, span[:1], votes={"country": 12},
                              fixed=demonym_country(span[0].text)).demonym = True
                return
            if rest_low[-1] not in gz.ORG_HEADS and not self._keeps_of(span) \
                    and not self._known(span):
                self._interpret(si, sent_start, toks, i + 1, j, False)
                return
        ctx = (toks, *(whole or (i, j)))
        if len(span) == 1 and is_acronym(span[0].text):
            self._add(si, span, votes={"organisation": 6}, ctx=(toks, i, j))
            return
        if low[-1] in LANGUAGE_SUFFIX and len(span) >= 2 and (
                is_acronym(span[-2].text) or org_name(surface(span[:-1]))):
            m = self._add(si, span, votes={"organisation": 8}, ctx=ctx)
            self.links.append((m.surface, surface(span[:-1])))
            return
        if demonym_country(span[-1].text) or low[-1] in GROUP_WORDS or all_demonyms(span[-1].text):
            return  # "North African", "Libyan-Sudanese": adjectives
        if low[-1] in gz.NOT_ACTOR_HEADS and low[0] not in gz.ORG_FIRST:
            return
        head = low[-2] if span[-1].text.isdigit() and len(span) >= 2 else low[-1]
        if len(span) >= 2 and ((low[0] in gz.ORG_FIRST and "of" in low)
                               or low[0] in MEDIA_FIRST):
            self._add(si, span, votes={"organisation": 8}, ctx=ctx)
            return
        inside = title_inside(span)
        if inside is not None:
            # "EU Commission President Jose Manuel Barroso": the front names the office
            a, b = inside
            front = self._gazetteer_front(si, toks, i, i + a)
            if not front:
                self._add(si, span[:a], votes={"organisation": 4}, ctx=(toks, i, i + a))
            m = self._add(si, span[b:], votes={"person": 9}, ctx=(toks, i + b, j))
            m.person_title = surface(span[a:b])
            m.descriptors.update(t.lower.rstrip(".") for t in span[a:b])
            return
        if len(span) >= 2 and is_title_word(low[-1], end=True) and not title_prefix(span) \
                and "of" not in low and low[-1] not in gz.ORG_HEADS:
            # "Chonqing Party Chief": an office without its holder; the front is its seat
            k = len(span) - 1
            while k > 0 and (low[k - 1] in gz.TITLE_HEADS or low[k - 1] == "party"):
                k -= 1
            if k:
                n = len(self.mentions)
                self._interpret(si, sent_start, toks, i, i + k, initial)
                for m in self.mentions[n:]:
                    m.votes["place"] += 2
            return
        if len(span) >= 2 and low[0] in gz.PERSON_NOUNS and low[0] not in gz.TITLE_HEADS \
                and all(t.cap for t in span[1:]) and low[-1] not in gz.ORG_HEADS \
                and not self._known(span[1:]):
            # "Writer Alaa Al Aswany", "Blogger C. Custer"
            m = self._add(si, span[1:], votes={"person": 6}, ctx=(toks, i + 1, j))
            m.descriptors.add(low[0])
            return
        title_len = title_prefix(span)
        if title_len:
            rest = span[title_len:]
            if not rest:
                return  # a title without a name ("Deputy Prime Minister")
            if rest[-1].lower not in gz.ORG_HEADS and rest[-1].lower not in gz.PLACE_HEADS \
                    and not all(is_common_token(t) for t in rest):
                m = self._add(si, rest, votes={"person": 9}, ctx=(toks, i + title_len, j))
                m.person_title = surface(span[:title_len])
                m.descriptors.update(t.lower.rstrip(".") for t in span[:title_len])
                return
        if len(span) >= 2 and head in gz.ORG_HEADS:
            self._org_with_owner(si, toks, i, span, ctx)
            return
        if len(span) >= 2 and (head in gz.PLACE_HEADS or low[0] in gz.COMPASS):
            self._add(si, span, votes={"place": 8}, ctx=ctx)
            return
        shape = _shape_votes(span)
        if shape and len(span) <= 6:
            # "International Court of Justice": ordinary words, an organisation's name
            self._add(si, span, votes=shape, ctx=ctx)
            return
        if all(is_common_token(t) for t in span):
            return
        if len(span) > 5:
            return
        votes: dict[str, int] = {}
        weak = False
        if len(span) >= 2 and not any(t.text.isdigit() for t in span):
            votes["default"] = 2  # name-shaped: a person unless something says otherwise
        else:
            votes["default"] = 1
            weak = True
        m = self._add(si, span, votes=votes, ctx=ctx)
        m.weak = weak and not (m.votes["organisation"] > 1 or m.votes["place"] > 1
                               or m.votes["person"] > 1)
        if initial and m.weak:
            m.weak = True
            m.votes["initial"] += 1

    def _not_a_name(self, toks: list[Token], span: list[Token], j: int) -> bool:
        """Capitals that name no actor: an event with its year ("Euro 2012"), "WW2",
        a plural abbreviation ("GIFs", "NGOs"), an abbreviated term ("EEZ"), a compound of
        names used as an adjective ("Trump-Ukraine call", "Euro-Atlantic"), a slogan in
        hyphens ("You-Know-Who")."""
        last = span[-1]
        if len(span) <= 2 and j < len(toks) and re.fullmatch(r"(?:19|20)\d\d", toks[j].text) \
                and is_gap(self.view[last.end:toks[j].start]):
            return True
        if len(span) == 1:
            t = last.text
            if re.fullmatch(r"[A-Z]{1,4}\d{1,2}", t) or re.fullmatch(r"[A-Z]{2,6}s", t):
                return True
            if t in self.term_acronyms:
                return True
            parts = t.split("-")
            if len(parts) >= 3:
                return True
            if len(parts) == 2 and all(p[:1].isupper() for p in parts) and any(
                    country_name(p) or place_name(p) or demonym_country(p) for p in parts):
                return True
        if last.lower.rstrip("s") in GROUP_WORDS and len(span) == 1:
            return True  # "Europeans"
        # "the Aframax Lady Sara": the class of the ship
        return len(span) == 1 and last.lower in _VESSEL_CLASSES

    def _acronym_after(self, span: list[Token]) -> bool:
        """ "Long Range Identification and Tracking (LRIT)": the acronym spells the whole."""
        m = re.match(r"[^\S\r\n]*\(([A-Z]{2,8})\)", self.view[span[-1].end:span[-1].end + 12])
        return m is not None and initials_fit(surface(span), m.group(1))

    def _gazetteer_front(self, si: int, toks: list[Token], i: int, j: int) -> bool:
        """The words before a title, when a gazetteer knows them ("US President")."""
        span = toks[i:j]
        text = surface(span)
        c, p, o = country_name(text), place_name(text), org_name(text)
        if not (c or p or o):
            dem = demonym_country(text)
            if dem:
                self._add(si, span, votes={"country": 12}, fixed=dem).demonym = True
                return True
            return False
        self._gazetteer_hit(si, span, c, p, o, (toks, i, j))
        return True

    def _org_with_owner(self, si: int, toks: list[Token], i: int, span: list[Token],
                        ctx: tuple[list[Token], int, int]) -> None:
        """ "Egypt's Armed Forces": the mention includes the owner, so it groups with
        "Egyptian Armed Forces"."""
        if i > 0 and toks[i - 1].possessive and country_name(toks[i - 1].text) \
                and self.view[toks[i - 1].end:span[0].start][:2] in ("’s", "'s") \
                and is_gap(self.view[toks[i - 1].end + 2:span[0].start]):
            owner = toks[i - 1]
            m = Mention(owner.start, span[-1].end, self.view[owner.start:span[-1].end],
                        si, Counter({"organisation": 8}))
            self._context(m, *ctx)
            self.mentions.append(m)
            return
        self._add(si, span, votes={"organisation": 8}, ctx=ctx)

    def _gazetteer_hit(self, si: int, span: list[Token], c: str | None, p: str | None,
                       o: str | None, ctx: tuple[list[Token], int, int]) -> None:
        if c:
            self._add(si, span, votes={"country": 12}, fixed=c)
        elif o:
            self._add(si, span, votes={"organisation": 10}, ctx=ctx)
        elif p:
            self._add(si, span, votes={"place": 10}, fixed=p)

    def _keeps_of(self, span: list[Token]) -> bool:
        low = [t.lower for t in span]
        k = low.index("of") if "of" in low else 0
        if low[0] in gz.ORG_FIRST or low[0] in gz.COMPASS:
            return True
        if low[0] in gz.TITLE_HEADS:
            # "Minister of Defence" stays; "Dr. Tristan Smith of X College" splits
            return k >= 1 and (is_title_word(low[k - 1], end=True) or low[k - 1] in gz.ORG_FIRST)
        # "International Court of Justice", "Turkish Ministry of Foreign Affairs",
        # "Libyan House of Representatives": the word before "of" is an organisation's
        if 1 <= k <= 3 and low[k - 1] in gz.ORG_FIRST and low[0] not in gz.ORG_HEADS:
            return True
        if low[0] in gz.PLACE_HEADS or low[0] in ("strait", "gulf", "bay", "republic",
                                                  "kingdom", "state", "isle", "city"):
            return True
        return self._known(span)

    def _demonym_alone(self, si: int, toks: list[Token], i: int, tok: Token) -> None:
        """ "Egyptian officials", "the Israeli government": the demonym names the state."""
        country = demonym_country(tok.text)
        if country is None:
            return
        folded = gz.fold(tok.text)
        if folded.endswith("s") and demonym_country(folded[:-1]):
            return  # plural nouns ("Palestinians") are people, not the state
        k = i + 1
        steps = 0
        while k < len(toks) and steps < 5:
            t = toks[k]
            g = self.view[toks[k - 1].end:t.start]
            if not hspace_only(g):
                return
            if t.cap:
                return
            if t.lower in STATE_NOUNS and t.lower not in ("security", "foreign", "defence",
                                                          "defense", "prime", "coast",
                                                          "border", "spy", "customs"):
                self._add(si, [tok], votes={"country": 12}, fixed=country).demonym = True
                return
            if t.lower in ("prime", "foreign", "defence", "defense", "security", "spy",
                           "coast", "border", "customs") and k + 1 < len(toks) \
                    and toks[k + 1].lower in STATE_NOUNS | {"minister", "agency", "guard",
                                                            "service", "services"}:
                self._add(si, [tok], votes={"country": 12}, fixed=country).demonym = True
                return
            if t.lower not in STATE_ADJ:
                return
            k += 1
            steps += 1

    # ------------------------------------------------------------------ mentions
    def _add(self, si: int, span: list[Token], *, votes: dict[str, int],
             fixed: str | None = None,
             ctx: tuple[list[Token], int, int] | None = None) -> Mention:
        s, e = span[0].start, span[-1].end
        m = Mention(s, e, surface(span), si, Counter(votes), fixed_name=fixed)
        if ctx is not None:
            self._context(m, *ctx)
        self.mentions.append(m)
        return m

    # ------------------------------------------------------------------ headlines
    def _headings(self, entities: list[Entity]) -> None:
        """Title-case lines: only names known from the body (or gazetteers) count."""
        index: dict[str, Entity] = {}
        for e in entities:
            for n in (e.name, *e.aliases):
                index.setdefault(group_key(n), e)
        for si, sent in enumerate(self.prep.sentences):
            if not sent.titlecase:
                continue
            toks = tokens(self.view, sent.start, sent.end)
            i = 0
            while i < len(toks):
                hit = None
                for j in range(min(len(toks), i + 5), i, -1):
                    span = toks[i:j]
                    if any(not is_gap(self.view[a.end:b.start])
                           for a, b in pairwise(span)):
                        continue
                    k = group_key(surface(span))
                    if k in index:
                        hit = (j, index[k])
                        break
                if hit is None:
                    i += 1
                    continue
                j, ent = hit
                ent.mentions.append(Mention(toks[i].start, toks[j - 1].end,
                                            surface(toks[i:j]), si))
                i = j
        for e in entities:
            e.mentions.sort(key=lambda m: m.start)


_VESSEL_CLASSES = {"aframax", "suezmax", "vlcc", "ulcc", "panamax", "capesize", "handymax",
                   "handysize", "lng", "lpg"}
_LEGAL_WORDS = {"Inc", "Ltd", "LLC", "Corp", "Co", "plc", "GmbH", "Kft", "Zrt", "Limited"}
#: Lowercase words ending names of organisations ("Transparency International Hungary").
_ORG_INNER = {"international", "association", "foundation", "institute", "university",
              "college", "ministry", "council", "commission", "committee", "agency",
              "company", "holdings", "corporation", "network", "maritime", "shipping",
              "airlines", "airways", "petroleum", "federation", "organisation",
              "organization", "authority", "consortium", "trust"}
_ORG_FIRST_ALONE = {"university", "ministry", "institute", "college", "academy", "agency",
                    "commission", "committee", "department", "office", "federation",
                    "bureau", "directorate"}


def _shape_votes(span: list[Token]) -> dict[str, int]:
    """Type evidence in the words of a name itself."""
    low = [t.lower for t in span]
    if len(span) == 1:
        t = span[0].text
        if "." in t and lexicon.is_domain(t):
            return {"organisation": 10}  # "Origo.hu"
        if lexicon.blogger_shaped(t):
            return {"person": 4}  # "Odessablogger"
        if lexicon.outlet_shaped(t):
            return {"organisation": 6}  # "Wikinews", "Napraforgoblog"
        if lexicon.is_camel_case(t):
            return {"organisation": 6}  # "PolitiFact", "VesselFinder"
        return {}
    if low[0] in _ORG_FIRST_ALONE or any(w in _ORG_INNER for w in low) or (
            "of" in low[1:3] and low[low.index("of") - 1] in gz.ORG_FIRST):
        return {"organisation": 8}  # "University College London"
    return {}


def _guess_only(e: Entity) -> bool:
    """An entity resting only on name-shaped guesses of one ordinary word ("Internet",
    "Member", "Wow"), or on sentence-initial capitals of a dictionary word."""
    ms = [m for m in e.mentions if not m.generic]
    if not ms or not all(m.weak for m in ms):
        return False
    z = lexicon.zipf(e.name)
    speaker = any(m.votes["speaker"] for m in ms)
    if speaker and z < lexicon.VERY_COMMON:
        return False
    if all(m.votes["initial"] for m in ms):
        return z >= lexicon.RARE
    return z >= lexicon.COMMON


def find_actors(prep: Prepared) -> list[Entity]:
    return ActorFinder(prep).run()
