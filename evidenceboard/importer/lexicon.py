"""What a single word looks like: how common it is in English (wordfreq), and shapes that
tell names apart — CamelCase brands ("PolitiFact"), web domains ("Origo.hu"), compound
outlet names ("Wikinews", "Napraforgoblog"), a bloggers' handle ("Odessablogger").

wordfreq ships its frequency tables inside the package (nothing is downloaded); the table
is loaded on first use (~0.1 s) and lookups are cached.
"""

from __future__ import annotations

import re
from functools import lru_cache

#: Zipf frequency (log10 per billion words + 3) above which a capitalised word alone is an
#: ordinary English word ("Internet" 5.1, "Member" 5.2), not a name; below RARE it is no
#: dictionary word at all ("Zeinobia" 0, "Odessablogger" 0), so it is a name even when it
#: starts a sentence.  Surnames that are words ("Smith" 4.9, "Trump" 4.9) are kept by other
#: evidence: a full name elsewhere, a title, a speech verb.
COMMON = 4.4
VERY_COMMON = 5.0
RARE = 3.0


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    from wordfreq import zipf_frequency  # loaded on first use: only extraction needs it

    return zipf_frequency(word.lower(), "en")


def is_rare(word: str) -> bool:
    return zipf(word) < RARE


def is_common_word(word: str) -> bool:
    return zipf(word) >= COMMON


_CAMEL = re.compile(r"^(?!(?:Mc|Mac|De|Di|Da|Du|La|Le|Van|Von|O')[A-Z])[A-Z][a-z]+(?:[A-Z][a-z]+)+$")
#: Generic and the most reported-on country top-level domains.
_TLDS = {"com", "org", "net", "info", "biz", "io", "co", "tv", "news", "media", "online",
         "blog", "eu", "uk", "us", "hu", "de", "fr", "ru", "ua", "pl", "cz", "sk", "ro",
         "bg", "gr", "tr", "it", "es", "pt", "nl", "be", "ch", "at", "se", "no", "dk", "fi",
         "ie", "il", "ir", "iq", "eg", "ly", "ma", "tn", "dz", "sa", "ae", "qa", "kw", "ng",
         "gh", "ke", "za", "in", "pk", "cn", "hk", "tw", "jp", "kr", "au", "nz", "ca", "br",
         "ar", "mx", "ve", "am", "az", "ge", "by", "kz", "lt", "lv", "ee", "rs", "hr", "si",
         "ba", "mk", "al", "md"}
_DOMAIN = re.compile(r"^[A-Za-z0-9][\w-]*(?:\.[\w-]+)*\.([a-z]{2,6})$")
#: Compound names ending in a media word: "Wikinews", "Napraforgoblog", "Globalpost".
_OUTLET_SUFFIX = re.compile(r"^[A-Z][a-z]{2,}(?:news|blog|wire|press|times|post|leaks|"
                            r"media|tv|radio|daily|online)$", re.I)
_BLOGGER_SUFFIX = re.compile(r"^[A-Z][a-z]{2,}(?:blogger|writer|watcher)$", re.I)


def is_camel_case(word: str) -> bool:
    """ "PolitiFact", "VesselFinder", "ChinaGeeks": brands, not people ("McEvoy", "DeSantis"
    and "LeBron" are names)."""
    return bool(_CAMEL.match(word))


def is_domain(word: str) -> bool:
    """ "Origo.hu", "atlatszo.hu", "BlogActiv.eu": a website named by its address."""
    m = _DOMAIN.match(word)
    return bool(m) and m.group(1) in _TLDS and not word[:-len(m.group(1)) - 1].isdigit()


def outlet_shaped(word: str) -> bool:
    return bool(_OUTLET_SUFFIX.match(word)) and not word.lower() in ("news", "press")


def blogger_shaped(word: str) -> bool:
    return bool(_BLOGGER_SUFFIX.match(word))
