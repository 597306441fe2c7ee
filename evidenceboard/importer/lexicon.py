"""What a single word looks like: how common it is in English (wordfreq), and shapes that
tell names apart — CamelCase brands ("PolitiFact"), web domains ("Origo.hu"), compound
outlet names ("Wikinews", "Napraforgoblog"), a bloggers' handle ("Odessablogger").

wordfreq ships its frequency tables inside the package (nothing is downloaded); the English
table is read on first use (~15 ms, see :func:`_english`) and lookups are cached.
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


@lru_cache(maxsize=1)
def _english() -> dict[str, float] | None:
    """wordfreq's small English table read straight from the package's data file.

    The file is wordfreq's documented "cBpack" format (msgpack, gzipped): a header, then
    bucket *i* holds the words whose frequency is 10^(-i/100), i.e. Zipf 9 - i/100.  Reading
    it takes ~15 ms; importing wordfreq itself (langcodes, ftfy, regex) takes ~0.3 s, which
    is most of a one-article import.  None when the file is not where it should be (then
    wordfreq's own lookup is used)."""
    import gzip
    import importlib.util
    from pathlib import Path

    import msgpack

    # Where wordfreq is installed, found without importing it (that is what costs).
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or spec.origin is None:
        raise ImportError("wordfreq, a dependency of EvidenceBoard, is not installed")
    path = Path(spec.origin).parent / "data" / "small_en.msgpack.gz"
    try:
        with gzip.open(path, "rb") as f:
            data = msgpack.load(f, raw=False)
    except (OSError, ValueError):  # a wordfreq release that moved or changed the file
        return None
    if not data or not isinstance(data[0], dict) or data[0].get("format") != "cB":
        return None
    table: dict[str, float] = {}
    for i, bucket in enumerate(data[1:]):
        for w in bucket:
            table.setdefault(w, round(9 - i / 100, 2))
    return table


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    table = _english()
    if table is not None:
        return table.get(word.lower().replace("’", "'"), 0.0)
    from wordfreq import zipf_frequency  # pragma: no cover - only if the data file moved

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
    return m is not None and m.group(1) in _TLDS and not word[:-len(m.group(1)) - 1].isdigit()


def outlet_shaped(word: str) -> bool:
    return bool(_OUTLET_SUFFIX.match(word)) and word.lower() not in ("news", "press")


def blogger_shaped(word: str) -> bool:
    return bool(_BLOGGER_SUFFIX.match(word))
