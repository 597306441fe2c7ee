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


def country_name(text: str) -> str | None:
    key = gz.fold(text).replace("-", " ")
    key = re.sub(r"^the\s+", "", key)
    return gz.countries().get(key)


def place_name(text: str) -> str | None:
    key = gz.fold(text).replace("-", " ")
    key = re.sub(r"^the\s+", "", key)
    hit = gz.places().get(key) or gz.places().get(gz.fold(text))
    return hit


def org_name(text: str) -> str | None:
    key = re.sub(r"^the\s+", "", gz.fold(text))
    return gz.organisations().get(key)


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


def title_prefix(span: list[Token]) -> int:
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
