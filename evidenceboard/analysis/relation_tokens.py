"""Claims as tokens for the relation reader: words, punctuation and actor mentions (one
token per mention, "Haftar's" possessive, "Tripoli-based" compound, "Israeli officials"
adjectival), their lemmas (lemminflect, shipped with its tables) and the cues of
relation found among them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from .relation_lexicon import (
    AUX,
    BACK_ROLE_LABEL,
    CLAUSE_WORDS,
    DEMONYM_END,
    DETERMINERS,
    LIGHT_RECEIVE,
    LIGHT_SEEK,
    LIGHT_VERBS,
    LISTING,
    NOT_HEADS,
    NOT_RELATIONS,
    NOUNS,
    PREPOSITIONS,
    PRONOUN_SUBJECTS,
    RELATIVE,
    ROLE_WORDS,
    ROLES,
    STANDS_FOR,
    STATE_ORGANS,
    TOKEN,
    VERB_NEEDS,
    VERBS,
)


@dataclass
class Tok:
    text: str
    start: int
    end: int
    actor: str | None = None  # set on a mention of an actor
    poss: bool = False  # "Haftar's"
    compound: bool = False  # "Tripoli-based"
    adjectival: bool = False  # "Israeli" (a demonym standing before a noun)
    place: bool = False  # an actor that can be where something happened

    @property
    def low(self) -> str:
        return self.text.lower()

    @property
    def is_word(self) -> bool:
        return self.actor is None and self.text[:1].isalnum()


@dataclass(frozen=True)
class Relation:
    """``agent`` did ``label`` to ``target`` (both actor ids), read from ``cue``
    (start, end of the cue's words in the text)."""

    agent: str
    target: str
    label: str
    symmetric: bool
    cue: tuple[int, int]
    negated: bool = False


def tokenize(text: str, mentions: Sequence[tuple[int, int, str]],
             places: frozenset[str] = frozenset()) -> list[Tok]:
    """Words and punctuation of ``text``, each run of a mention one token."""
    toks: list[Tok] = []
    pos = 0
    spans = sorted((max(0, s), min(len(text), e), a) for s, e, a in mentions
                   if 0 <= s < e <= len(text))
    for s, e, actor in spans:
        if s < pos:
            continue  # overlapping mention: keep the first
        gap = text[pos:s]
        same = bool(toks) and toks[-1].actor == actor and not toks[-1].poss and \
            _only_brackets(gap)
        if not same:
            _words(text, pos, s, toks)
        poss = compound = False
        rest = text[e:e + 3]
        if same and "(" in gap and rest[:1] == ")":
            e += 1  # "the United Arab Emirates (UAE)"
            rest = text[e:e + 3]
        if rest[:2] in ("’s", "'s") and not rest[2:3].isalnum():
            poss, e = True, e + 2
        elif rest[:1] in ("’", "'") and text[e - 1:e] == "s" and not rest[1:2].isalnum():
            poss, e = True, e + 1
        elif rest[:1] == "-" and rest[1:2].isalpha():
            m = re.match(r"-[^\W_]+", text[e:])
            compound = True
            e += m.end() if m else 1
        if same:
            toks[-1].end, toks[-1].poss, toks[-1].compound = e, poss, compound
            toks[-1].text = text[toks[-1].start:e]
        else:
            toks.append(Tok(text[s:e], s, e, actor=actor, place=actor in places,
                            poss=poss, compound=compound))
        pos = e
    _words(text, pos, len(text), toks)
    for n, t in enumerate(toks):
        nxt = toks[n + 1] if n + 1 < len(toks) else None
        if t.actor is not None and not t.poss and not t.compound and " " not in t.text \
                and DEMONYM_END.search(t.text.lower()) and nxt is not None \
                and nxt.is_word and nxt.text[:1].islower() and nxt.low not in AUX \
                and nxt.low not in PREPOSITIONS and nxt.low not in DETERMINERS \
                and nxt.low not in ("and", "or", "who", "which", "that") \
                and not is_verb_word(nxt):
            t.adjectival = True  # "Israeli officials", "Egyptian warplanes"
    return toks


def _only_brackets(gap: str) -> bool:
    return not gap.strip(" \u00a0()[]")


def _words(text: str, a: int, b: int, out: list[Tok]) -> None:
    for m in TOKEN.finditer(text, a, b):
        out.append(Tok(m.group(), m.start(), m.end()))


# ----------------------------------------------------------------------------- lemmas
@lru_cache(maxsize=16384)
def lemmas(word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(verb lemmas, noun lemmas) of a lowercase word."""
    # Imported on first use: lemminflect takes ~0.2 s to import (its tables load later).
    from lemminflect import getAllLemmas

    found = getAllLemmas(word)
    verbs = tuple(found.get("VERB", ())) + tuple(found.get("AUX", ()))
    nouns = tuple(found.get("NOUN", ()))
    return verbs, nouns


@lru_cache(maxsize=4096)
def inflect(lemma: str, tag: str) -> str:
    from lemminflect import getInflection  # on first use, as in lemmas()

    got = getInflection(lemma, tag=tag)
    return got[0] if got else lemma


@dataclass
class Cue:
    index: int  # token index of the cue's head word
    family: str
    frame: str
    kind: str  # "verb", "noun" or "role"
    passive: bool = False
    label: str | None = None  # set for roles (the claim's own words)
    before: int = 0  # first token index of the cue's words (for roles with titles)
    particle: str | None = None


def _is_verb_position(toks: list[Tok], i: int) -> bool:
    """An ambiguous word ("support", "visit", "talks") is a verb after a subject, an
    auxiliary, "to", an adverb; a noun after a determiner, a possessive or an adjective."""
    j = i - 1
    while j >= 0 and toks[j].low in ("reportedly", "allegedly", "also", "recently",
                                     "secretly", "openly", "covertly", "still"):
        j -= 1
    if j < 0:
        # first word: a verb, unless a preposition follows ("Talks between X and Y")
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        return nxt is None or nxt.low not in PREPOSITIONS
    p = toks[j]
    if p.actor is not None:
        return not (p.poss or p.adjectival or p.compound)
    low = p.low
    if low in DETERMINERS or low in PREPOSITIONS - {"to"} or low in LISTING:
        return False
    if low in AUX or low in PRONOUN_SUBJECTS or low in RELATIVE or low == "to" \
            or low.endswith("ly") or low in ("and", "or", ","):
        return True
    verbs, nouns = lemmas(low)
    if verbs and not nouns and toks[i].low.endswith("ing"):
        # "denied backing X", "stopped funding X": a gerund after a verb is a verb,
        # unless that verb gets or asks for it ("received backing from X")
        return not any(v in LIGHT_RECEIVE or v in LIGHT_SEEK for v in verbs)
    if verbs and not nouns and (any(v in LIGHT_VERBS for v in verbs) or
                                low.endswith(("ed", "s"))):
        return False  # "received support", "seeks talks": the verb's object
    return not nouns and bool(verbs)


def find_cues(toks: list[Tok], generic: bool = False) -> list[Cue]:
    """The cues of relation among ``toks``; ``generic``: any other finite verb too
    ("Wang entered the consulate"), labelled with its own word."""
    cues: list[Cue] = []
    for i, t in enumerate(toks):
        if not t.is_word:
            continue
        low = t.low
        verbs, nouns = lemmas(low)
        verb_lemma = next((v for v in verbs if v in VERBS), None)
        noun_lemma = next((n for n in nouns if n in NOUNS or n in ROLES), None)
        if low in NOUNS or low in ROLES:
            noun_lemma = noun_lemma or low
        nxt = _next_word(toks, i)
        prev = toks[i - 1] if i > 0 else None
        if verb_lemma and nouns and nxt is not None and nxt.is_word and \
                _is_noun_word(nxt) and not low.endswith("ed") and not (
                    low.endswith("ing") and prev is not None and prev.low in AUX):
            continue  # "shell manufacturer", "support staff": a noun's modifier
        if verb_lemma and noun_lemma:
            if low.endswith("ed") or low in ("met", "sent", "sold", "gave", "given",
                                            "paid", "led", "ran", "fought", "flew",
                                            "went", "came", "struck", "hit") or _is_verb_position(toks, i):
                noun_lemma = None
            else:
                verb_lemma = None
        if verb_lemma:
            need = VERB_NEEDS.get(verb_lemma)
            nxt = _next_word(toks, i)
            if need is not None and need and (nxt is None or nxt.low not in need):
                continue
            if need is not None and not need:
                continue  # too vague alone ("hit", "run")
            family, frame = VERBS[verb_lemma]
            passive = _is_passive(toks, i)
            cues.append(Cue(i, family, frame, "verb", passive=passive, before=i,
                            particle=nxt.low if need and nxt is not None else None))
        elif noun_lemma in ROLES:
            start, label = _role_words(toks, i, noun_lemma)
            cues.append(Cue(i, "role", ROLES[noun_lemma], "role", label=label,
                            before=start))
        elif noun_lemma in NOUNS:
            family, frame = NOUNS[noun_lemma]
            cues.append(Cue(i, family, frame, "noun", before=i))
        elif generic and verbs and not nouns and low not in AUX and \
                low not in NOT_RELATIONS and verbs[0] not in NOT_RELATIONS and \
                (low != verbs[0] or (prev is not None and prev.low in ("did", "does"))) \
                and not low.endswith("ing"):
            cues.append(Cue(i, "verb:" + verbs[0], "obj", "verb",
                            passive=_is_passive(toks, i), before=i))
    return cues


def _is_noun_word(t: Tok) -> bool:
    verbs, nouns = lemmas(t.low)
    return bool(nouns) and not verbs and t.low not in DETERMINERS and \
        t.low not in PREPOSITIONS


def _next_word(toks: list[Tok], i: int) -> Tok | None:
    return toks[i + 1] if i + 1 < len(toks) else None


#: Irregular past participles ("was met", "had been sold").
PARTICIPLES = {"met", "sent", "sold", "given", "paid", "led", "run", "fought", "struck",
               "hit", "held", "seen", "taken", "made", "known", "shot", "caught", "brought",
               "built", "found", "kept", "left", "told", "thrown", "beaten", "bought", "won",
               "stolen", "sunk", "bound", "hung", "spent", "lent", "lost", "sought", "taught",
               "thought", "put", "set", "cut", "shut", "let", "hidden", "flown"}


def _is_passive(toks: list[Tok], i: int) -> bool:
    """"is backed by", "a militia supported by": a participle followed by "by"."""
    low = toks[i].low
    if not (low.endswith("ed") or low in ("met", "sent", "sold", "given", "paid", "led",
                                         "run", "fought", "struck", "hit", "held")):
        return False
    k = i + 1
    while k < len(toks) and k <= i + 6 and toks[k].low != "by":
        if toks[k].text in ",;:" or (toks[k].actor is not None and k == i + 1):
            return False
        k += 1
    return k < len(toks) and toks[k].low == "by"


def _role_words(toks: list[Tok], i: int, lemma: str) -> tuple[int, str]:
    """The role as the claim words it: "prime minister", "sworn enemy" -> "enemy"."""
    start = i
    words = [lemma]
    j = i - 1
    while j >= 0 and toks[j].is_word and toks[j].low in ROLE_WORDS and len(words) < 3:
        if toks[j].low in ("prime", "foreign", "defence", "defense", "interior", "finance",
                           "deputy", "vice", "former", "ex", "chief", "acting"):
            words.insert(0, toks[j].low)
        start = j
        j -= 1
    prep = ROLES[lemma]
    if prep == "back":
        return start, BACK_ROLE_LABEL
    return start, " ".join(words) + " " + prep


def is_verb_word(t: Tok) -> bool:
    """A finite or participle verb that is no noun ("left", "described", "prompted")."""
    if not t.is_word or t.low in AUX or t.low in DETERMINERS:
        return False
    verbs, nouns = lemmas(t.low)
    return bool(verbs) and not nouns


_LETTERS = re.compile(r"[^\W\d_]+")


def names_a_role(text: str) -> bool:
    """Whether any word of ``text`` is a role ("president", "envoys"): a cheap test
    before reading a sentence for roles only."""
    for m in _LETTERS.finditer(text):
        low = m.group().lower()
        if low in ROLES or any(n in ROLES for n in lemmas(low)[1]):
            return True
    return False


def is_role(t: Tok) -> bool:
    if not t.is_word:
        return False
    _, nouns = lemmas(t.low)
    return t.low in ROLES or any(n in ROLES for n in nouns)


#: What :func:`modified_head` says of a mention that only describes the actor named
#: right after it ("the Austrian maker Vulcan Arms"): no party of its own.
DESCRIBES_NEXT = ""


def _plain_word(t: Tok) -> bool:
    return t.is_word and t.low not in PREPOSITIONS and t.low not in AUX and \
        t.low not in DETERMINERS and t.low not in CLAUSE_WORDS and \
        t.low not in RELATIVE and t.low not in NOT_HEADS and \
        t.low not in ("and", "or", "as", "than", "not", "n't")


def modified_head(toks: list[Tok], k: int) -> str | None:
    """The noun a mention is the possessor or modifier of ("Y's interests", "the Vesta
    embassy", "X's son": "interests", "embassy", "son"), when that noun, not the actor,
    is what the phrase names; None when the mention names the actor itself ("met X",
    "X's forces", "Norland officials"); :data:`DESCRIBES_NEXT` when the phrase goes on
    to name another actor ("the Vesta maker Orion Arms", "Y's son Pavel")."""
    t = toks[k]
    if t.actor is None or t.compound:
        return None
    nxt = toks[k + 1] if k + 1 < len(toks) else None
    if nxt is None or not _plain_word(nxt):
        return None
    if not t.poss:
        # a name modifying a noun: "the Vesta embassy", "Saudi ambassador"
        if not nxt.text[:1].islower():
            return None
        verbs, nouns = lemmas(nxt.low)
        if nxt.low.endswith("ly"):
            return None
        before = toks[k - 1].low if k > 0 else ""
        if not (t.adjectival or before in DETERMINERS or (nouns and not verbs)):
            return None
    head: int | None = None
    j = k + 1
    while j < len(toks) and j - k <= 3 and _plain_word(toks[j]):
        w = toks[j]
        if is_verb_word(w) and not w.low.endswith("ed"):
            break
        if lemmas(w.low)[1] or w.text[:1].isupper():
            head = j
        j += 1
    if head is None:
        return None
    low = toks[head].low
    if t.adjectival and low in STATE_ORGANS:
        return None  # "the Norlandish spy agency Kite": an organ of Norland is Norland
    # the phrase names another actor before it ends: it only describes that one
    m = j
    while m < len(toks) and m - j <= 4:
        if toks[m].actor is not None:
            return DESCRIBES_NEXT
        if not (_plain_word(toks[m]) or toks[m].low in ("and", "or", ",")):
            break
        m += 1
    if low in STANDS_FOR or any(n in STANDS_FOR for n in lemmas(low)[1]):
        return None
    return low
