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
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from . import gazetteer as gz
from .text import Prepared, Token, tokens

# ----------------------------------------------------------------------------- keys
_PARTICLE = re.compile(r"^(?:al|el|ad|as|ash|at|az|the|de|van|von|bin|ibn|ben)[-\s]+", re.I)


def name_key(name: str) -> str:
    """A spelling-insensitive key: case, accents, punctuation, "al-", "the", possessive."""
    text = gz.fold(name)
    text = re.sub(r"['’]s$", "", text)
    text = text.replace("-", " ")
    words = [_PARTICLE.sub("", w) for w in text.split() if w]
    words = [w for w in words if w not in ("al", "el", "the")]
    return re.sub(r"[^\w ]+", "", " ".join(words)).strip()


# ----------------------------------------------------------------------------- model
@dataclass
class Mention:
    start: int
    end: int
    surface: str
    sentence: int
    votes: Counter = field(default_factory=Counter)
    initial: bool = False
    descriptors: set[str] = field(default_factory=set)
    person_title: str | None = None
    acronym_of: str | None = None  # surface of the expansion this acronym belongs to
    fixed_name: str | None = None  # display name from a gazetteer
    generic: bool = False  # "the plane": counts only for the article's single craft
    weak: bool = False  # a default guess: dropped unless something else supports it
    demonym: bool = False  # "Egyptian (officials)": a mention of the state, not a name


@dataclass
class Entity:
    """One actor of the article with all its mentions."""

    key: str
    name: str
    actor_type: str
    aliases: set[str]
    mentions: list[Mention]
    descriptors: set[str]

    @property
    def surname(self) -> str | None:
        parts = self.name.split()
        return parts[-1] if self.actor_type == "person" and len(parts) > 1 else None


CONNECTORS = {"of", "de", "du", "da", "di", "van", "von", "der", "den", "bin", "ibn",
              "bint", "al", "el", "la", "le", "for", "the", "and"}
UNIT_WORDS = {"brigade", "battalion", "division", "regiment", "squadron", "unit", "flight",
              "channel", "route", "falcon", "group", "base", "camp", "fleet", "corps"}
TITLE_ABBR = {"mr", "mrs", "ms", "dr", "gen", "lt", "col", "capt", "sgt", "adm", "prof",
              "sen", "rep", "gov", "st", "maj", "cmdr", "rev", "jr"}
#: Nouns after a demonym that make it name the state ("Egyptian officials").
STATE_NOUNS = {
    "government", "officials", "authorities", "regime", "army", "military",
    "forces", "troops", "navy", "warplanes", "jets", "intelligence", "ministry", "envoy",
    "ambassador", "embassy", "diplomats", "diplomat", "delegation", "president",
    "leadership", "leaders", "state", "support", "assistance", "aid", "backing",
    "involvement", "cabinet", "parliament", "police", "side", "position", "figures",
    "counterparts", "administration", "security", "sources", "spokesman", "prime",
    "minister", "foreign", "defence", "defense", "coastguard", "coast", "customs",
    "border", "soldiers", "airstrikes", "drones", "authority", "spy", "agents",
    "prosecutors", "prosecutor", "judiciary", "regulators", "regulator", "courts", "judges",
}
STATE_ADJ = {"top", "senior", "military", "political", "security", "intelligence", "official",
             "foreign", "defense", "defence", "government", "state", "and", "other",
             "former", "new", "high-ranking", "high-level", "naval", "air", "ground",
             "special", "armed", "regular", "local", "national", "federal", "interim",
             "current", "previous", "ministry", "transitional", "port", "and"}
#: Heads that after demonyms only describe ("Russian Arabic TV", "Israeli Intelligence").
GENERIC_HEADS = {"tv", "television", "radio", "media", "press", "news", "intelligence",
                 "government", "authorities", "officials", "regime", "state", "people",
                 "cause"}
#: First words of media names ("Radio Okapi", "Agence France-Presse").
MEDIA_FIRST = {"radio", "tv", "television", "agence", "agencia", "agenzia", "channel"}
GROUP_WORDS = {"arab", "arabs", "jewish", "jews", "muslim", "muslims", "sunni", "shia",
               "shiite", "christian", "christians", "islamic", "islamist", "western",
               "european", "african", "asian", "gulf", "latin", "kurdish", "kurds",
               "berber", "bedouin", "druze", "alawite", "hebrew", "arabic", "persian",
               "apartheid", "zionist", "jihadist", "salafist", "coptic", "catholic",
               "protestant", "orthodox", "hindu", "buddhist", "pan-arab", "allied"}
LANGUAGE_SUFFIX = {"arabic", "english", "french", "turkish", "persian", "hebrew",
                   "russian", "spanish", "german", "chinese", "international", "online",
                   "world", "africa", "digital"}
_ACRONYM = re.compile(r"^(?:[A-Z]{2,8}|(?:[A-Z]\.){2,}|[A-Z][a-z]?[A-Z]{1,6})$")
_PREP_PLACE = {"in", "at", "near", "from", "to", "into", "across", "towards", "toward",
               "outside", "inside", "around", "via", "between", "through", "off"}
_SKIP_BEFORE_VERB = {"also", "has", "have", "had", "previously", "later", "then", "further",
                     "reportedly", "allegedly", "again", "on", "had", "repeatedly",
                     "once", "recently", "first", "itself", "himself", "herself", "still",
                     "quickly", "publicly", "privately", "officially", "separately",
                     "was", "is", "were", "are", "been", "being", "would", "will", "could"}


#: A short country name that means the longer one when both are in an article.
_AMBIGUOUS = {"Congo": "DR Congo", "Korea": "South Korea"}


#: Capitals that are not organisations (times, currencies, units, everyday abbreviations).
NOT_ORG_CAPS = {
    "AM", "PM", "ET", "GMT", "UTC", "EST", "EDT", "PST", "PDT", "BST", "CET", "CEST", "USD",
    "EUR", "GBP", "CEO", "CFO", "COO", "CTO", "MP", "MPS", "TV", "OK", "PDF", "HTML", "URL",
    "ID", "DNA", "GDP", "COVID", "AI", "IT", "FAQ", "PS", "NB", "AD", "BC", "VIP", "LGBT",
    "LGBTQ", "KM", "KG", "MW", "GW", "BBL", "BPD", "ETA", "SMS", "GPS", "RPG", "PHOTO",
    "VIDEO", "WATCH", "READ", "MORE", "NEW", "BREAKING", "UPDATE", "EXCLUSIVE", "LIVE",
    "OPINION", "ANALYSIS", "SHARE", "THIS", "ARTICLE", "THE", "AND", "FOR", "WITH",
}


def is_acronym(text: str) -> bool:
    return bool(_ACRONYM.match(text)) and text not in ("I", "A") \
        and text.rstrip(".").upper() not in NOT_ORG_CAPS


def is_common_token(tok: Token) -> bool:
    t = tok.text
    if is_acronym(t) and len(t) > 1:
        return False
    return gz.is_common(t)


def _country(text: str) -> str | None:
    key = gz.fold(text).replace("-", " ")
    key = re.sub(r"^the\s+", "", key)
    return gz.countries().get(key)


def _place(text: str) -> str | None:
    key = gz.fold(text).replace("-", " ")
    key = re.sub(r"^the\s+", "", key)
    hit = gz.places().get(key) or gz.places().get(gz.fold(text))
    return hit


def _org(text: str) -> str | None:
    key = re.sub(r"^the\s+", "", gz.fold(text))
    return gz.organisations().get(key)


def _demonym(text: str) -> str | None:
    return gz.demonyms().get(gz.fold(text))



# ----------------------------------------------------------------------------- crafts
_VESSEL_PREFIX = re.compile(
    r"\b(?:MV|M/V|MT|M/T|SS|USS|HMS|RFS|INS|HMAS|HMCS|CCGS|FS|MY|M/Y|RV|SY|FV|TCG|ROKS|"
    r"HNLMS|HDMS|KRI|BNS|PNS|NNS|GNS)[ \u00a0]+((?:[A-Z][\w’'-]*|\d+)"
    r"(?:[ \u00a0]+(?:[A-Z][\w’'-]*|\d+))*)")
_VESSEL_NOUN = re.compile(
    r"\b(?:tanker|ship|vessel|freighter|frigate|destroyer|corvette|submarine|yacht|ferry|"
    r"trawler|dhow|barge|tug|warship|cruiser|supertanker|gunboat|icebreaker)[ \u00a0]+"
    r"(?:named[ \u00a0]+|called[ \u00a0]+)?[“\"‘']?((?:[A-Z][\w’'-]*)"
    r"(?:[ \u00a0]+(?:[A-Z][\w’'-]*|\d+))*)")
_TAIL = re.compile(r"(?<![\w-])(?:(?:[A-Z]{1,2}\d?|\d[A-Z])-[A-Z]{3,5}|N\d{2,5}[A-Z]{0,2})"
                   r"(?![\w-])")
_MODEL = re.compile(
    r"\b(?:Dassault[ \u00a0]+Falcon(?:[ \u00a0]+\d+\w*)?|Falcon[ \u00a0]+\d+\w*|"
    r"Gulfstream(?:[ \u00a0]+G?[IVX\d]+\w*)?|Boeing[ \u00a0]+\d{3}(?:-\d+\w*)?|"
    r"Airbus[ \u00a0]+A\d{3}(?:-\d+\w*)?|(?:Ilyushin[ \u00a0]+)?Il-\d{2,3}\w*|"
    r"(?:Antonov[ \u00a0]+)?An-\d{2,3}\w*|Bombardier[ \u00a0]+(?:Challenger|Global)"
    r"(?:[ \u00a0]+\d+\w*)?|Embraer[ \u00a0]+[A-Z]?\w*\d+\w*|Learjet(?:[ \u00a0]+\d+\w*)?|"
    r"Cessna[ \u00a0]+(?:Citation[ \u00a0]+)?\w*\d+\w*|(?:Tupolev[ \u00a0]+)?Tu-\d+\w*|"
    r"(?:Sukhoi[ \u00a0]+)?Su-\d+\w*|Lockheed[ \u00a0]+[A-Z]+-?\d+\w*|Hawker[ \u00a0]+\d+\w*|"
    r"Beechcraft[ \u00a0]+\w+|Pilatus[ \u00a0]+PC-\d+)")
_AIR_CONTEXT = re.compile(
    r"\b(?:plane|planes|jet|jets|aircraft|airliner|helicopter|flight|flew|registered|"
    r"registration|tail|airport|landed|landing|took\s+off|take\s+off|cockpit|pilot|"
    r"Falcon|Gulfstream|Boeing|Airbus|Ilyushin|Antonov|Bombardier|Embraer|Learjet|Cessna)\b",
    re.I)
_GENERIC_AIR = re.compile(
    r"\b(?:[Tt]he|[Aa]n?|[Tt]his|[Tt]hat)[ \u00a0]+(?:(?:private|executive|business|cargo|"
    r"charter|chartered|small|military|presidential|civilian|passenger|same|mysterious)"
    r"[ \u00a0]+)*(?:plane|jet|aircraft|airliner)\b")
_GENERIC_SEA = re.compile(
    r"\b(?:[Tt]he|[Aa]n?|[Tt]his|[Tt]hat)[ \u00a0]+(?:(?:oil|crude|cargo|container|chemical|"
    r"gas|fishing|seized|detained|same|[\w]+-flagged)[ \u00a0]+)*"
    r"(?:tanker|ship|vessel|freighter)\b")


def _model_short(model: str) -> str | None:
    """ "Ilyushin Il-76" -> "Il-76"; "Dassault Falcon 900" -> "Dassault Falcon"."""
    parts = model.split()
    if len(parts) >= 2 and re.search(r"\d", parts[-1]) and "-" in parts[-1]:
        return parts[-1]
    if len(parts) >= 3:
        return " ".join(parts[:-1])
    return None


# ----------------------------------------------------------------------------- finder
class ActorFinder:
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
    def _add_craft(self, si: int, s: int, e: int, kind: str) -> Mention:
        m = Mention(s, e, " ".join(self.view[s:e].split()), si)
        m.votes[kind] += 20
        self.crafts.append((m, kind))
        self.taken.append((s, e))
        return m

    def _crafts(self, si: int, start: int, end: int) -> None:
        v = self.view
        for rx in (_VESSEL_PREFIX, _VESSEL_NOUN):
            for m in rx.finditer(v, start, end):
                name = m.group(1)
                words = name.split()
                while words and words[-1].lower() in CONNECTORS:
                    words.pop()
                if not words or _country(words[0]) or _demonym(words[0]) \
                        or gz.is_common(words[0]):
                    continue
                s = m.start() if rx is _VESSEL_PREFIX else m.start(1)
                e = m.start(1) + len(" ".join(words)) if " ".join(words) in name else m.end(1)
                e = m.start(1) + _span_len(name, words)
                if self._overlaps(s, e):
                    continue
                mention = self._add_craft(si, s, e, "vessel")
                if rx is _VESSEL_PREFIX:
                    self.links.append((mention.surface, " ".join(words)))
        models = [(m.start(), m.end()) for m in _MODEL.finditer(v, start, end)]
        self.model_sentences.extend((si, s, e) for s, e in models)
        tails = [(m.start(), m.end()) for m in _TAIL.finditer(v, start, end)]
        has_context = bool(_AIR_CONTEXT.search(v, start, end)) or bool(models)
        tail_mentions = []
        if has_context:
            for s, e in tails:
                if not self._overlaps(s, e):
                    tail_mentions.append(self._add_craft(si, s, e, "aircraft"))
        for s, e in models:
            if self._overlaps(s, e):
                continue
            mention = self._add_craft(si, s, e, "aircraft")
            short = _model_short(mention.surface)
            if short:
                self.links.append((mention.surface, short))
            if len(tail_mentions) == 1:
                self.links.append((tail_mentions[0].surface, mention.surface))

    def _pair_tail_and_model(self) -> None:
        """One tail number and one aircraft model a sentence or two apart: one aircraft
        ("a Bombardier Global 6000 ... The jet, registered HB-JRK, ...")."""
        tails = {m.surface: m for m, kind in self.crafts
                 if kind == "aircraft" and _TAIL.fullmatch(m.surface)}
        models = {self.view[s:e]: si for si, s, e in self.model_sentences}
        if len(tails) == 1 and len(models) == 1:
            tail = next(iter(tails.values()))
            model, msi = next(iter(models.items()))
            if abs(tail.sentence - msi) <= 2:
                self.links.append((tail.surface, " ".join(model.split())))

    def _generic_crafts(self, entities: list[Entity]) -> None:
        for kind, rx in (("aircraft", _GENERIC_AIR), ("vessel", _GENERIC_SEA)):
            crafts = [e for e in entities if e.actor_type == kind]
            if len(crafts) != 1:
                continue
            craft = crafts[0]
            for si, sent in enumerate(self.prep.sentences):
                for m in rx.finditer(self.view, sent.start, sent.end):
                    if self._overlaps(m.start(), m.end()) or self._overlaps(
                            m.end(), m.end() + 2):
                        continue  # "the tanker MT Sea Falcon": the name is the mention
                    g = Mention(m.start(), m.end(), m.group(), si, generic=True)
                    craft.mentions.append(g)
            craft.mentions.sort(key=lambda x: x.start)

    # ------------------------------------------------------------------ spans
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
                ok_gap = g in (" ", "\u00a0") or (g in (". ", ".\u00a0")
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
                    if g2 not in (" ", "\u00a0"):
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
        before = self.view[sent_start:tok.start].rstrip(" \u00a0\"“‘'([*—–-")
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
                    and not _demonym(span[0].text) and not (headed and len(span) >= 2):
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
        text = _surface(span)
        return bool(_country(text) or _place(text) or _org(text))

    def _interpret(self, si: int, sent_start: int, toks: list[Token], i: int, j: int,
                   initial: bool, whole: tuple[int, int] | None = None) -> None:
        """Turn the span ``toks[i:j]`` into mentions; ``whole`` is the span a conjunct
        came from ("Sidra and Ras Lanuf oil terminals"), whose context both share."""
        span = toks[i:j]
        low = [t.lower for t in span]
        text = _surface(span)
        # "Israeli Defense Forces IDF": the name and its acronym
        if len(span) >= 3 and is_acronym(span[-1].text) and not is_acronym(span[-2].text) \
                and _initials_fit(_surface(span[:-1]), span[-1].text):
            self._interpret(si, sent_start, toks, i, j - 1, initial, whole)
            self._interpret(si, sent_start, toks, j - 1, j, False)
            self.links.append((_surface(span[:-1]), span[-1].text))
            return
        # "Tel-Aviv Regime": a known name followed by words the article writes in lowercase
        while len(span) >= 2 and span[-1].lower in self.lower_words \
                and span[-1].lower not in gz.ORG_HEADS and span[-1].lower not in gz.PLACE_HEADS \
                and self._known(span[:-1]):
            span = span[:-1]
            j -= 1
            low = low[:-1]
            text = _surface(span)
        c, p, o = _country(text), _place(text), _org(text)
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
        if _demonym(span[0].text) or low[0] in GROUP_WORDS or _all_demonyms(span[0].text):
            rest = span[1:]
            if not rest:
                self._demonym_alone(si, toks, i, span[0])
                return
            rest_low = [t.lower for t in rest]
            if rest_low[-1] in GENERIC_HEADS and all(
                    _demonym(t.text) or t.lower in GROUP_WORDS or t.lower in LANGUAGE_SUFFIX
                    or t.lower in GENERIC_HEADS for t in rest):
                if rest_low[-1] in STATE_NOUNS and _demonym(span[0].text):
                    self._add(si, span[:1], votes={"country": 12},
                              fixed=_demonym(span[0].text)).demonym = True
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
                is_acronym(span[-2].text) or _org(_surface(span[:-1]))):
            m = self._add(si, span, votes={"organisation": 8}, ctx=ctx)
            self.links.append((m.surface, _surface(span[:-1])))
            return
        if _demonym(span[-1].text) or low[-1] in GROUP_WORDS or _all_demonyms(span[-1].text):
            return  # "North African", "Libyan-Sudanese": adjectives
        if low[-1] in gz.NOT_ACTOR_HEADS and low[0] not in gz.ORG_FIRST:
            return
        head = low[-2] if span[-1].text.isdigit() and len(span) >= 2 else low[-1]
        if len(span) >= 2 and (low[0] in gz.ORG_FIRST and "of" in low
                               or low[0] in MEDIA_FIRST):
            self._add(si, span, votes={"organisation": 8}, ctx=ctx)
            return
        title_len = _title_prefix(span)
        if title_len:
            rest = span[title_len:]
            if not rest:
                return  # a title without a name ("Deputy Prime Minister")
            if rest[-1].lower not in gz.ORG_HEADS and rest[-1].lower not in gz.PLACE_HEADS \
                    and not all(is_common_token(t) for t in rest):
                m = self._add(si, rest, votes={"person": 9}, ctx=(toks, i + title_len, j))
                m.person_title = _surface(span[:title_len])
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
        if i > 0 and toks[i - 1].possessive and _country(toks[i - 1].text) \
                and self.view[toks[i - 1].end:span[0].start] in ("’s ", "'s ", "’s\u00a0"):
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
        country = _demonym(tok.text)
        if country is None:
            return
        folded = gz.fold(tok.text)
        if folded.endswith("s") and _demonym(folded[:-1]):
            return  # plural nouns ("Palestinians") are people, not the state
        k = i + 1
        steps = 0
        while k < len(toks) and steps < 5:
            t = toks[k]
            g = self.view[toks[k - 1].end:t.start]
            if g.strip(" \u00a0"):
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
        m = Mention(s, e, _surface(span), si, Counter(votes), fixed_name=fixed)
        if ctx is not None:
            self._context(m, *ctx)
        self.mentions.append(m)
        return m

    def _context(self, m: Mention, toks: list[Token], i: int, j: int) -> None:
        v = self.view
        s0 = toks[i].start if i < len(toks) else m.start
        e0 = toks[j - 1].end if 0 < j <= len(toks) else m.end
        after = v[e0:e0 + 200]
        nxt = [t for t in toks[j:j + 3]]
        prv = [t for t in toks[max(0, i - 3):i]]
        last_tok = toks[j - 1] if j - 1 < len(toks) else None
        # "the Haaretz daily", "Sada Al-Balad newspaper", "the Oil Crescent region"
        for n, t in enumerate(nxt[:2]):
            if t.cap or v[(nxt[n - 1].end if n else e0):t.start].strip(" \u00a0"):
                break
            if t.lower in gz.ORG_NOUNS:
                m.votes["organisation"] += 4
                m.descriptors.add(t.lower)
                break
            if t.lower in gz.PLACE_NOUNS:
                m.votes["place"] += 4
                break
            if t.lower in gz.PERSON_NOUNS and last_tok is not None and last_tok.possessive:
                m.votes["person"] += 2
                break
            if t.lower not in ("news", "intelligence", "oil", "state", "state-run", "private",
                               "official", "daily", "online", "military", "security"):
                break
        # "journalist Itay Blumental", "spy agency Mossad", "news channel RT"
        if prv and not v[prv[-1].end:s0].strip(" \u00a0"):
            p = prv[-1]
            if p.lower in gz.ORG_NOUNS:
                m.votes["organisation"] += 3
            elif p.lower in gz.PERSON_NOUNS:
                m.votes["person"] += 3
                m.descriptors.add(p.lower)
                for q in prv[:-1]:
                    if q.lower in gz.PERSON_NOUNS:
                        m.descriptors.add(q.lower)
            elif p.lower == "the" and len(m.surface.split()) >= 2 and not m.person_title:
                m.votes["organisation"] += 3
            elif p.lower in ("in", "at", "near", "from", "outside", "inside", "around") \
                    and len(m.surface.split()) <= 3:
                m.votes["place"] += 3
            elif p.lower in _PREP_PLACE and len(m.surface.split()) <= 3:
                m.votes["place"] += 1
            elif p.lower == "of" and len(prv) >= 2 and prv[-2].lower in gz.PLACE_NOUNS:
                m.votes["place"] += 4
        if re.match(r",[ \u00a0]+[A-Z][\w-]+(?:[ \u00a0][A-Z][\w-]+)?\b", after):
            nxt_name = re.match(r",[ \u00a0]+([A-Z][\w-]+(?:[ \u00a0][A-Z][\w-]+)?)", after)
            if nxt_name and (_place(nxt_name.group(1)) or _country(nxt_name.group(1))):
                m.votes["place"] += 3
        if re.match(r"-based\b", after):
            m.votes["place"] += 4  # "the Zug-based firm"
        # appositive: "Debka, an Israeli Intelligence new website," / "X, the son of Y,"
        ap = re.match(r",[ \u00a0]+(?:a|an|the)[ \u00a0]+([^,;.()]{1,80})", after)
        if ap:
            for w in re.findall(r"[a-z][a-z-]*", ap.group(1))[:6]:
                if w in gz.ORG_NOUNS:
                    m.votes["organisation"] += 4
                    m.descriptors.add(w)
                    break
                if w in gz.PERSON_NOUNS:
                    m.votes["person"] += 4
                    m.descriptors.add(w)
                    break
                if w in gz.PLACE_NOUNS:
                    m.votes["place"] += 4
                    break
        # "(LNA)" / "Israeli Defense Forces IDF": an acronym for this name
        ac = re.match(r"[ \u00a0]*\(([A-Z][A-Za-z]{1,7})\)", after) or \
            re.match(r"[ \u00a0]+([A-Z]{2,6})\b", after)
        if ac and len(m.surface.split()) >= 2 and is_acronym(ac.group(1)) \
                and _initials_fit(m.surface, ac.group(1)):
            self.links.append((m.surface, ac.group(1)))
            m.votes["organisation"] += 2
        # the subject of a speech verb
        words = re.findall(r"[A-Za-z’']+", after[:60])
        for w in words[:4]:
            lw = w.lower()
            if lw in _SKIP_BEFORE_VERB:
                continue
            if lw in gz.SPEECH_VERBS and lw not in gz.WEAK_SPEECH:
                m.votes["speaker"] += 1
            break

    # ------------------------------------------------------------------ grouping
    def _group(self) -> list[Entity]:
        mentions = [m for m in self.mentions] + [m for m, _ in self.crafts]
        # union-find over surfaces
        parent: dict[str, str] = {}

        def find(k: str) -> str:
            while parent.setdefault(k, k) != k:
                parent[k] = parent[parent[k]]
                k = parent[k]
            return k

        def union(a: str, b: str) -> None:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[rb] = ra

        def key(m: Mention) -> str:
            return "fixed:" + m.fixed_name if m.fixed_name else _group_key(m.surface)

        for m in mentions:
            find(key(m))
        for a, b in self.links:
            union(_group_key(a), _group_key(b))
        fixed_names = {m.fixed_name for m in mentions if m.fixed_name}
        for m in mentions:
            if m.fixed_name in _AMBIGUOUS and _AMBIGUOUS[m.fixed_name] in fixed_names:
                m.fixed_name = _AMBIGUOUS[m.fixed_name]  # "Congo" after "DR Congo"
        for m in mentions:
            if m.fixed_name:
                union("fixed:" + m.fixed_name, _group_key(m.surface))
        # people: single names join the full name they belong to
        by_root: dict[str, list[Mention]] = {}
        for m in mentions:
            by_root.setdefault(find(key(m)), []).append(m)
        full_people = []
        for root, ms in by_root.items():
            if any(len(x.surface.split()) >= 2 and (x.votes["person"] >= 2)
                   for x in ms):
                full_people.append(root)
        counts = {r: len(by_root[r]) for r in by_root}
        for root, ms in list(by_root.items()):
            if any(len(x.surface.split()) >= 2 for x in ms) or any(x.fixed_name for x in ms):
                continue
            if any(x.votes["aircraft"] or x.votes["vessel"] for x in ms):
                continue
            single = _group_key(ms[0].surface)
            target = self._person_for(single, full_people, by_root, counts)
            if target is not None:
                union(target, root)
        # vessels and aircraft named again without their prefix ("the Ocean Pearl")
        groups: dict[str, list[Mention]] = {}
        for m in mentions:
            groups.setdefault(find(key(m)), []).append(m)
        return [self._entity(ms) for ms in groups.values()]

    def _person_for(self, single: str, people: list[str], by_root: dict[str, list[Mention]],
                    counts: dict[str, int]) -> str | None:
        by_surname: list[tuple[int, str]] = []
        by_first: list[str] = []
        for root in people:
            names = {x.surface for x in by_root[root] if len(x.surface.split()) >= 2}
            for full in names:
                parts = [name_key(w) for w in full.split()]
                parts = [p for p in parts if p]
                if not parts:
                    continue
                last = parts[-1]
                if last == single or (len(single) >= 5 and len(last) >= 5
                                      and fuzz.ratio(last, single) >= 85):
                    full = sum(len(x.surface.split()) >= 2 for x in by_root[root])
                    by_surname.append((full, root))
                    break
                if parts[0] == single and len(parts) >= 2:
                    by_first.append(root)
                    break
        if by_surname:
            by_surname.sort(key=lambda p: (-p[0], min(x.start for x in by_root[p[1]])))
            return by_surname[0][1]
        if len(set(by_first)) == 1:
            return by_first[0]
        return None

    def _entity(self, ms: list[Mention]) -> Entity:
        ms.sort(key=lambda m: m.start)
        votes: Counter = Counter()
        for m in ms:
            votes.update(m.votes)
        fixed = next((m.fixed_name for m in ms if m.fixed_name), None)
        for kind in ("aircraft", "vessel"):
            if votes[kind]:
                actor_type = kind
                break
        else:
            if fixed and votes["country"] >= 12:
                actor_type = "country"
            else:
                scored = {k: votes[k] for k in ("person", "organisation", "place", "country")}
                actor_type = max(scored, key=lambda k: (scored[k], k == "person"))
                if scored[actor_type] == 0:
                    actor_type = "other"
        surfaces = [m.surface for m in ms if not m.generic and not m.demonym]
        if not surfaces:
            surfaces = [m.surface for m in ms if not m.generic]
        name = fixed or _display_name(surfaces, actor_type)
        demonym_surfaces = {m.surface for m in ms if m.demonym}
        name_k = _group_key(name)
        aliases = {s for s in set(surfaces) if s not in demonym_surfaces
                   and _group_key(s) != name_k}
        descriptors: set[str] = set()
        for m in ms:
            descriptors |= m.descriptors
        if actor_type == "organisation" and name.split():
            first, last = name.split()[0].lower(), name.split()[-1].lower()
            if last in gz.ORG_HEADS:
                descriptors.add(last)
            if first in gz.ORG_FIRST and " of " in name:
                descriptors.add(first)  # "the office" for "Office of the Attorney General"
        return Entity(key=_group_key(name), name=name, actor_type=actor_type,
                      aliases=aliases, mentions=ms, descriptors=descriptors)

    # ------------------------------------------------------------------ headlines
    def _headings(self, entities: list[Entity]) -> None:
        """Title-case lines: only names known from the body (or gazetteers) count."""
        index: dict[str, Entity] = {}
        for e in entities:
            for n in (e.name, *e.aliases):
                index.setdefault(_group_key(n), e)
        for si, sent in enumerate(self.prep.sentences):
            if not sent.titlecase:
                continue
            toks = tokens(self.view, sent.start, sent.end)
            i = 0
            while i < len(toks):
                hit = None
                for j in range(min(len(toks), i + 5), i, -1):
                    span = toks[i:j]
                    if any(self.view[a.end:b.start] not in (" ", "\u00a0")
                           for a, b in zip(span, span[1:])):
                        continue
                    k = _group_key(_surface(span))
                    if k in index:
                        hit = (j, index[k])
                        break
                if hit is None:
                    i += 1
                    continue
                j, ent = hit
                ent.mentions.append(Mention(toks[i].start, toks[j - 1].end,
                                            _surface(toks[i:j]), si))
                i = j
        for e in entities:
            e.mentions.sort(key=lambda m: m.start)


# ----------------------------------------------------------------------------- helpers
def _surface(span: list[Token]) -> str:
    return " ".join(t.text for t in span)


def _span_len(name: str, words: list[str]) -> int:
    """Length in ``name`` of its first ``len(words)`` words (keeps original spacing)."""
    pos = 0
    for w in words:
        pos = name.index(w, pos) + len(w)
    return pos


def _all_demonyms(text: str) -> bool:
    parts = text.split("-")
    return len(parts) >= 2 and all(_demonym(p) or p.lower() in GROUP_WORDS for p in parts)


def _title_prefix(span: list[Token]) -> int:
    """Number of leading tokens that are a person's title ("Defense Minister-designate")."""
    best = 0
    k = 0
    low = [t.lower for t in span]
    # "Minister of Maritime Affairs", "Secretary of State": the department is the title's
    for n, w in enumerate(low[:3]):
        if w.rstrip(".") in gz.TITLE_ENDS and n + 1 < len(low) and low[n + 1] == "of" and all(
                t.rstrip(".") in gz.TITLE_HEADS for t in low[:n]):
            return len(span)
    while k < len(span) and span[k].lower.rstrip(".") in gz.TITLE_HEADS | {
            t.rstrip(".") for t in gz.TITLE_HEADS} or (
            k < len(span) and "-" in span[k].lower
            and span[k].lower.split("-")[0] in gz.TITLE_ENDS):
        low = span[k].lower.rstrip(".")
        if low in gz.TITLE_ENDS or low.split("-")[0] in gz.TITLE_ENDS:
            best = k + 1
        k += 1
    return best


def _initials_fit(name: str, acronym: str) -> bool:
    words = [w for w in re.split(r"[\s-]+", name) if w and w[0].isupper()]
    initials = "".join(w[0] for w in words).upper()
    letters = acronym.replace(".", "").upper()
    if letters == initials:
        return True
    # "NIMASA" for "Nigerian Maritime Administration and Safety Agency": in order
    it = iter(letters)
    return letters[0] == initials[:1] and all(ch in it for ch in initials) is not None \
        and _subsequence(initials, letters)


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def _group_key(surface: str) -> str:
    """Grouping key: name_key, with "Egypt's X" read as "Egyptian X"."""
    m = re.match(r"^(.+?)['’]s\s+(.+)$", surface)
    if m:
        c = _country(m.group(1))
        if c:
            dem = _first_demonym(c)
            if dem:
                surface = f"{dem} {m.group(2)}"
    key = name_key(surface)
    words = key.split()
    while len(words) >= 2 and words[-1] in _LEGAL:
        words.pop()
    if len(words) >= 2 and len(words[-1]) > 4 and words[-1].endswith("s") \
            and not words[-1].endswith("ss"):
        words[-1] = words[-1][:-1]
    return " ".join(words)


_LEGAL = {"ltd", "inc", "llc", "plc", "co", "corp", "sa", "ag", "gmbh", "limited", "bv", "nv",
          "spa", "srl", "pjsc", "jsc", "fze", "fzco"}


def _first_demonym(country: str) -> str | None:
    for dem, c in gz.demonyms().items():
        if c == country and not dem.endswith("s"):
            return dem
    return None


def _display_name(surfaces: list[str], actor_type: str) -> str:
    if not surfaces:
        return "?"
    counts = Counter(surfaces)
    if actor_type == "person":
        multi = [s for s in surfaces if len(s.split()) >= 2]
        if multi:
            return max(multi, key=lambda s: (counts[s], len(s.split()), -surfaces.index(s)))
        return surfaces[0]
    if actor_type in ("organisation", "place", "vessel"):
        longer = [s for s in surfaces if not is_acronym(s)
                  and s.split()[-1].lower() not in LANGUAGE_SUFFIX]
        if longer:
            return max(longer, key=lambda s: (len(s.split()), counts[s], -surfaces.index(s)))
        return surfaces[0]
    if actor_type == "aircraft":
        tails = [s for s in surfaces if _TAIL.fullmatch(s)]
        if tails:
            return tails[0]
        return max(surfaces, key=lambda s: (len(s), -surfaces.index(s)))
    return max(surfaces, key=lambda s: (counts[s], len(s)))


def find_actors(prep: Prepared) -> list[Entity]:
    return ActorFinder(prep).run()
