"""What the actor finder works with: mentions and entities, name keys, the word sets
that classify a run of capitalised words, and small helpers on names.

Split from :mod:`.actors` so that module holds only the rules; nothing here decides.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from . import gazetteer as gz
from .text import Token

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
    votes: Counter[str] = field(default_factory=Counter)
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
#: Words of quantity that start a run of capitals but are no part of the name
#: ("Four Navy ships", "Several Western diplomats").
QUANTIFIERS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
               "eleven", "twelve", "twenty", "dozens", "hundreds", "thousands", "several",
               "many", "some", "few", "all", "both", "most", "other", "another", "various",
               "numerous", "countless", "no", "any", "each", "every", "these", "those",
               "this", "that", "such"}
#: Institutions a capital makes a name: "the Navy", "the Senate", "the Treasury" (when the
#: article does not also write the word in lowercase).
INSTITUTIONS = {"navy", "army", "senate", "parliament", "congress", "treasury", "police",
                "cabinet", "presidency", "judiciary", "coastguard", "legislature", "military",
                "assembly", "bundestag", "duma", "politburo", "junta"}
#: Legal forms after a company name ("Hungarian National Asset Management, Inc.").
LEGAL_AFTER = re.compile(
    r"^,?[^\S\r\n]+(?:Inc|Ltd|Limited|LLC|L\.L\.C|Corp|Corporation|Co|plc|PLC|GmbH|AG|SA|"
    r"S\.A|NV|N\.V|BV|B\.V|SpA|S\.p\.A|Srl|SAS|SARL|Kft|Zrt|Nyrt|Oyj|AB|ASA|PJSC|OJSC|JSC|"
    r"OOO|OAO|PAO|Pty|Pte|Bhd|Tbk|LLP|LP|KK|FZE|FZCO|Holdings)\b\.?")
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
             "current", "previous", "ministry", "transitional", "port"}
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
               "outside", "inside", "around", "via", "between", "through", "off", "on"}
_SKIP_BEFORE_VERB = {"also", "has", "have", "had", "previously", "later", "then", "further",
                     "reportedly", "allegedly", "again", "on", "repeatedly",
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


def country_name(text: str) -> str | None:
    key = gz.fold(text).replace("-", " ")
    key = re.sub(r"^the\s+", "", key)
    if gz.country_acronym(key) and not text.replace(".", "").isupper():
        return None  # "Us" is no United States
    return gz.countries().get(key)


def place_name(text: str) -> str | None:
    key = gz.fold(text).replace("-", " ")
    key = re.sub(r"^the\s+", "", key)
    hit = gz.places().get(key) or gz.places().get(gz.fold(text))
    return hit


def org_name(text: str) -> str | None:
    key = re.sub(r"^the\s+", "", gz.fold(text))
    hit = gz.organisations().get(key)
    if hit is not None and hit.isupper() and not text.isupper():
        return None  # "Who is ...?" is no WHO, "Aware" no AWARE
    return hit


def demonym_country(text: str) -> str | None:
    return gz.demonyms().get(gz.fold(text))



# ----------------------------------------------------------------------------- helpers
def surface(span: list[Token]) -> str:
    return " ".join(t.text for t in span)


def span_len(name: str, words: list[str]) -> int:
    """Length in ``name`` of its first ``len(words)`` words (keeps original spacing)."""
    pos = 0
    for w in words:
        pos = name.index(w, pos) + len(w)
    return pos


def all_demonyms(text: str) -> bool:
    parts = text.split("-")
    return len(parts) >= 2 and all(demonym_country(p) or p.lower() in GROUP_WORDS for p in parts)


def is_title_word(low: str, *, end: bool = False) -> bool:
    """A word of a person's title; "Vice-Mayor", "ex-PM", "Lt-Gen" count by any part."""
    words = gz.TITLE_ENDS if end else gz.TITLE_HEADS
    low = low.rstrip(".")
    return low in words or ("-" in low and any(p in gz.TITLE_ENDS for p in low.split("-")))


#: Words that end the department of a title "Secretary of State", "Minister of the Interior".
DEPARTMENT_ENDS = {"state", "affairs", "security", "defence", "defense", "justice",
                   "finance", "interior", "treasury", "commerce", "health", "energy",
                   "education", "agriculture", "labour", "labor", "transport",
                   "transportation", "trade", "development", "environment", "industry",
                   "economy", "culture", "tourism", "communications", "information",
                   "mines", "petroleum", "oil", "planning", "investment", "war", "navy",
                   "army", "forces", "staff", "police", "technology"}


def title_prefix(span: list[Token]) -> int:
    """Number of leading tokens that are a person's title ("Defense Minister-designate",
    "Secretary of State" in "Secretary of State Mike Pompeo"); len(span) for a title with
    its department and no name ("Minister of Maritime Affairs")."""
    best = 0
    k = 0
    low = [t.lower for t in span]
    # "Minister of Maritime Affairs", "Secretary of State": the department is the title's
    for n, w in enumerate(low[:3]):
        if w.rstrip(".") in gz.TITLE_ENDS and n + 1 < len(low) and low[n + 1] == "of" and all(
                t.rstrip(".") in gz.TITLE_HEADS for t in low[:n]):
            # a name after the department: "Secretary of State Mike Pompeo"
            for d in range(n + 2, len(low) - 1):
                if low[d] in DEPARTMENT_ENDS and 1 <= len(low) - d - 1 <= 3 and all(
                        t.cap and not gz.is_common(t.text) for t in span[d + 1:]):
                    return d + 1
            return len(span)
    while k < len(span) and (is_title_word(span[k].lower) or span[k].lower.rstrip(".") in
                             {t.rstrip(".") for t in gz.TITLE_HEADS}):
        if is_title_word(span[k].lower, end=True):
            best = k + 1
        k += 1
    return best


def title_inside(span: list[Token]) -> tuple[int, int] | None:
    """ "EU Commission President Jose Manuel Barroso", "Treasury Secretary Janet Morrow":
    (start, end) of a title after one or more words naming whose title it is, with a name
    after it; None when there is none."""
    low = [t.lower for t in span]
    for k in range(1, len(span) - 1):
        if not is_title_word(low[k], end=True):
            continue
        rest = span[k + 1:]
        if not 1 <= len(rest) <= 4 or not all(t.cap for t in rest):
            continue
        if rest[-1].lower in gz.ORG_HEADS or rest[-1].lower in gz.PLACE_HEADS \
                or all(gz.is_common(t.text) for t in rest):
            continue
        start = k
        while start > 0 and low[start - 1] in gz.TITLE_HEADS:
            start -= 1
        if start == 0:
            return None  # the whole front is a title: title_prefix's case
        return start, k + 1
    return None


def initials_fit(name: str, acronym: str) -> bool:
    words = [w for w in re.split(r"[\s-]+", name) if w and w[0].isupper()]
    initials = "".join(w[0] for w in words).upper()
    letters = acronym.replace(".", "").upper()
    if letters == initials:
        return True
    # "NIMASA" for "Nigerian Maritime Administration and Safety Agency": in order
    it = iter(letters)
    return letters[0] == initials[:1] and all(ch in it for ch in initials) is not None \
        and subsequence(initials, letters)


def subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def group_key(surface: str) -> str:
    """Grouping key: name_key, with "Egypt's X" read as "Egyptian X"."""
    m = re.match(r"^(.+?)['’]s\s+(.+)$", surface)
    if m:
        c = country_name(m.group(1))
        if c:
            dem = first_demonym(c)
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


def first_demonym(country: str) -> str | None:
    for dem, c in gz.demonyms().items():
        if c == country and not dem.endswith("s"):
            return dem
    return None
