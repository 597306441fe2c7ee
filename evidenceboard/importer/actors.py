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
from collections import Counter


from . import gazetteer as gz
from .context import ContextRules
from .crafts import _TAIL, CraftRules
from .grouping import GroupingRules
from .mentions import (CONNECTORS, GENERIC_HEADS, GROUP_WORDS, LANGUAGE_SUFFIX, MEDIA_FIRST,
                       NOT_ORG_CAPS, STATE_ADJ, STATE_NOUNS, TITLE_ABBR, UNIT_WORDS,
                       Entity, Mention,
                       all_demonyms, country_name, demonym_country, group_key, initials_fit,
                       is_acronym, is_common_token, org_name, place_name, surface,
                       title_prefix)
from .text import Prepared, Token, hspace_only, is_gap, tokens

# ----------------------------------------------------------------------------- finder
class ActorFinder(CraftRules, ContextRules, GroupingRules):
    """Finds and groups the actors of one prepared article."""

    def __init__(self, prep: Prepared) -> None:
        self.prep = prep
        self.view = prep.view
        self.mentions: list[Mention] = []
        self.crafts: list[tuple[Mention, str]] = []  # (mention, "vessel"/"aircraft")
        self.links: list[tuple[str, str]] = []  # (surface, surface) known to be one actor
        self.lower_words = {w for w in re.findall(r"\b[a-z][a-z’'-]+\b", self.view)}
        self.taken: list[tuple[int, int]] = []
        self.model_sentences: list[tuple[int, int, int]] = []

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
                self._classify(si, sent.start, toks, i, j)
            for m in _TAIL.finditer(self.view, sent.start, sent.end):
                if gz.fold(m.group()) in tails and not self._overlaps(m.start(), m.end()):
                    self._add_craft(si, m.start(), m.end(), "aircraft")
        self._pair_tail_and_model()
        entities = self._group()
        self._headings(entities)
        self._generic_crafts(entities)
        return [e for e in entities if e.mentions and not all(
            m.weak and m.votes["initial"] for m in e.mentions if not m.generic)]

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
        before = self.view[sent_start:tok.start].rstrip().rstrip("\"“‘'([*—–-").rstrip()
        return not before or before[-1] in ".!?:;"

    # ------------------------------------------------------------------ classification
    def _classify(self, si: int, sent_start: int, toks: list[Token], i: int, j: int) -> None:
        span = toks[i:j]
        initial = self._is_initial(sent_start, span[0])
        while span and span[0].lower in ("the", "a", "an"):
            span = span[1:]
            i += 1
        headed = len(span) >= 2 and (
            span[-1].lower in gz.ORG_HEADS or span[-1].lower in gz.PLACE_HEADS
            or span[0].lower in gz.ORG_FIRST or (len(span) >= 3 and span[1].lower in
                                                 gz.ORG_FIRST and span[2].lower == "of"))
        if initial:
            while span and is_common_token(span[0]) and not self._known(span[:1]) \
                    and not demonym_country(span[0].text) and not (headed and len(span) >= 2):
                span = span[1:]
                i += 1
                initial = False
        if not span:
            return
        if len(span) == 1 and is_common_token(span[0]) and not self._known(span):
            return
        if len(span) == 1 and span[0].lower in self.lower_words and not self._known(span) \
                and not is_acronym(span[0].text):
            return  # "the Court" where the article also writes "court": not a name
        if all(t.text.rstrip(".").upper() in NOT_ORG_CAPS and t.text.isupper()
               for t in span):
            return  # "AM ET", "CEO"
        self._interpret(si, sent_start, toks, i, i + len(span), initial)

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
                self._interpret(si, sent_start, toks, k2, j, False)
            return
        if "and" in low[1:] and not (low[-1] in gz.ORG_HEADS or self._known(span)):
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
        if len(span) >= 2 and (low[0] in gz.ORG_FIRST and "of" in low
                               or low[0] in MEDIA_FIRST):
            self._add(si, span, votes={"organisation": 8}, ctx=ctx)
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
        if all(is_common_token(t) for t in span):
            return
        if len(span) > 5:
            return
        votes: dict[str, int] = {}
        weak = False
        if len(span) >= 2 and not any(t.text.isdigit() for t in span):
            votes["person"] = 2
        else:
            votes["person"] = 1
            weak = True
        m = self._add(si, span, votes=votes, ctx=ctx)
        m.weak = weak and not (m.votes["organisation"] > 1 or m.votes["place"] > 1
                               or m.votes["person"] > 1)
        if initial and m.weak:
            m.weak = True
            m.votes["initial"] += 1

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
        if low[0] in gz.ORG_FIRST or low[0] in gz.TITLE_HEADS or low[0] in gz.COMPASS:
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
                           for a, b in zip(span, span[1:])):
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


def find_actors(prep: Prepared) -> list[Entity]:
    return ActorFinder(prep).run()
