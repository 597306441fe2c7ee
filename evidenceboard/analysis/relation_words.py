"""What a claim says two actors did: "Haftar met Barnea", "Egypt backs Haftar".

:func:`relations_in` reads one statement (the words a claim card quotes) in which the
actors it names are marked, and returns who did what to whom.  It is a shallow reading by
general English rules, no model and nothing about particular articles:

* a **cue** is a word of relation: a verb ("met", "bombed", "is backed by"), a noun
  ("meetings with", "the support of", "Haftar's Israeli links") or a role ("the son of",
  "Haftar's aide, X", "X, head of Y").  :data:`VERBS`, :data:`NOUNS` and :data:`ROLES` map
  their lemmas (lemminflect tells "met" is "meet", "allies" is "ally") to a *family*
  whose label is what the link says (:data:`LABELS`): "supports", "backed" and "the
  support of" all read "backs", so the links of one pair bundle;
* the **agent** of a verb is its subject: the nearest actor to its left that no earlier
  cue took, skipping words in parentheses, a relative clause's actors ("Haftar, who is
  backed by the UAE, met ...": Haftar met) and modifiers ("al-Sisi of Egypt",
  "Tripoli-based"); "who"/"which"/"that" stand for the actor before them;
* its **targets** are the actors after it in its clause, with the preposition that
  introduces them: direct objects and "with" for meetings, "to"/"in"/"at" for visits,
  "by" for a passive's agent; places after "in", "at", "from" are where it happened, not
  who took part;
* **negation** keeps its words: "denied having met" reads "denied meeting", "never met",
  "did not meet"; "planned to meet" keeps "planned to".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from .relation_lexicon import (
    ACT_OF_ACTOR,
    AUX,
    BACK_ROLE_LABEL,
    BE,
    CLAUSE_WORDS,
    DENIALS,
    DETERMINERS,
    ENDING,
    GROUP_NOUNS,
    INTENT,
    LIGHT_RECEIVE,
    LIGHT_SEEK,
    LIGHT_VERBS,
    LISTING,
    LOCATIVE,
    PREPOSITIONS,
    RELATIVE,
    ROLE_WORDS,
    SAYING,
    TO_OWNER,
)
from .relation_mood import agentless_passive, gerund_clause, hypothetical, label_of
from .relation_tokens import (
    DESCRIBES_NEXT,
    Cue,
    Relation,
    Tok,
    find_cues,
    is_role,
    is_verb_word,
    lemmas,
    modified_head,
    tokenize,
)

# ----------------------------------------------------------------------------- reading
FIRST_PERSON = {"i", "we", "me", "us", "my", "our"}


@dataclass
class _Reading:
    toks: list[Tok]
    cues: list[Cue]
    cue_at: dict[int, Cue] = field(default_factory=dict)
    consumed: set[int] = field(default_factory=set)  # token indices taken as parties
    subject_of: dict[int, list[int]] = field(default_factory=dict)  # cue -> agent toks
    role_owners: set[int] = field(default_factory=set)  # "Y" of "X, the head of Y"


def relations_in(text: str, mentions: Sequence[tuple[int, int, str]],
                 places: frozenset[str] = frozenset(),
                 speaker: str | None = None) -> list[Relation]:
    """Who did what to whom in ``text``, whose actor mentions are ``mentions``
    ((start, end, actor id) into ``text``).  ``places`` are actors that can be where
    something happened (places, countries): after "in", "at", "from" they take no part.
    In a quote, "I" / "we" / "my" / "our" are its ``speaker`` ("I never met X")."""
    toks = tokenize_again(text, mentions, places, speaker)
    if len({t.actor for t in toks if t.actor is not None}) < 2 or \
            text.rstrip(" \u00a0\"”’)").endswith("?"):
        return []  # a question asserts nothing
    result = _read(toks, find_cues(toks))
    if not result:
        # no word of relation known: the claim's own finite verb says what they did
        result = _read(tokenize_again(text, mentions, places, speaker), None)
    return result


def roles_in(text: str, mentions: Sequence[tuple[int, int, str]],
             places: frozenset[str] = frozenset()) -> list[Relation]:
    """Only the roles ``text`` gives its actors ("Vestan president Omar Said", "X, the
    Norland envoy"): what a sentence says of who someone is, outside what they said."""
    toks = tokenize(text, mentions, places)
    if len({t.actor for t in toks if t.actor is not None}) < 2:
        return []
    return _read(toks, [c for c in find_cues(toks) if c.kind == "role"])


def tokenize_again(text: str, mentions: Sequence[tuple[int, int, str]],
                   places: frozenset[str], speaker: str | None) -> list[Tok]:
    toks = tokenize(text, mentions, places)
    if speaker is not None:
        depth = 0
        for t in toks:
            depth += t.text in "[(“" and len(t.text) == 1
            depth -= t.text in "])”" and len(t.text) == 1
            if t.actor is None and t.low in FIRST_PERSON and depth <= 0:
                t.poss = t.low in ("my", "our")
                t.actor = speaker
    return toks


def _read(toks: list[Tok], cues: list[Cue] | None) -> list[Relation]:
    if cues is None:
        cues = find_cues(toks, generic=True)
    r = _Reading(toks, cues, {c.index: c for c in cues})
    out: list[Relation] = []
    for cue in cues:
        if cue.kind == "role":
            out += _role(r, cue)
    for cue in cues:
        if cue.kind != "role" and hypothetical(r.toks, cue):
            continue
        if cue.kind == "verb":
            out += _verb(r, cue)
        elif cue.kind == "noun":
            out += _noun(r, cue)
    seen: set[tuple[str, str, str]] = set()
    result = []
    for rel in out:
        if rel.agent == rel.target:
            continue
        key = (rel.agent, rel.target, rel.label)
        if rel.symmetric:
            key = (*sorted((rel.agent, rel.target)), rel.label)  # type: ignore[assignment]
        if key not in seen:
            seen.add(key)
            result.append(rel)
    return result


def _scope(r: _Reading, cue: Cue) -> list[tuple[int, str | None]]:
    """Mentions after ``cue`` in its clause, each with the preposition before it."""
    toks = r.toks
    out: list[tuple[int, str | None]] = []
    prep: str | None = None
    first_prep = True
    last_was_mention = False
    k = cue.index + 1
    if cue.particle is not None:
        prep, first_prep, k = cue.particle, False, k + 1
    while k < len(toks):
        t = toks[k]
        other = r.cue_at.get(k)
        if other is not None and k > cue.index + 1 and (
                other.kind == "verb" or (other.kind == "noun" and cue.kind == "noun")):
            break
        if cue.kind == "noun" and is_verb_word(t) and not t.low.endswith("ing") and \
                not (k + 1 < len(toks) and toks[k + 1].low in ("by", "in", "at", "to")):
            break  # "X's visit to Vesta angered Norland": the noun's phrase has ended
        if k == cue.index + 1 and t.text in ('"', "”", "’"):
            k += 1
            continue  # the cue's words end a quotation: "the “main rift” between"
        if t.actor is not None:
            after_of = k > 0 and toks[k - 1].low == "of" and k > 1 and \
                toks[k - 2].actor is not None
            if _subject_of_next_verb(r, k):
                break
            if not t.compound and not after_of:
                out.append((k, prep))
            last_was_mention = True
        elif t.text in (";", ":", ".", "!", "?", ")", "(", "—", "–", '"', "“", "”"):
            if t.text in ("—", "–") and not out:
                k += 1
                continue
            break
        elif t.text == ",":
            nxt = toks[k + 1] if k + 1 < len(toks) else None
            if nxt is None:
                break
            if nxt.actor is None and nxt.low not in ("and", "or") and \
                    nxt.low not in LISTING and nxt.low not in DETERMINERS:
                break
        elif t.low in CLAUSE_WORDS or (t.low == "that" and last_was_mention):
            break
        elif t.low == "to" and k + 1 < len(toks) and is_verb_word(toks[k + 1]):
            break  # "to topple ...": a clause of its own
        elif t.low in PREPOSITIONS and gerund_clause(toks, k + 1):
            break  # "accused X of funding Y": whom X funded is another clause
        elif t.low in PREPOSITIONS:
            if t.low == "of" and not first_prep:
                pass  # "the capital of Jordan": the phrase keeps its preposition
            elif t.low == "of" and out:
                pass
            else:
                prep = t.low
            first_prep = False
            last_was_mention = False
        elif t.low in ("and", "or", "but") and k + 1 < len(toks) and (
                is_verb_word(toks[k + 1]) or toks[k + 1].low in AUX - {"to", "all",
                                                                       "both"}):
            break  # "came to Kiev and made a speech": another verb's phrase
        elif t.low in LISTING or t.low in ("and", "or", "as", "well"):
            pass
        else:
            last_was_mention = False
        k += 1
    return out


def _subject_of_next_verb(r: _Reading, k: int) -> bool:
    """"... and Gamma delivered": a mention right before a verb starts a new clause."""
    toks = r.toks
    j = k + 1
    while j < len(toks) and toks[j].is_word and toks[j].low != "to" and (
            toks[j].low in AUX or toks[j].low.endswith("ly")):
        j += 1
    c = r.cue_at.get(j)
    if k + 1 < len(toks) and toks[k + 1].is_word and not toks[k].poss and \
            any(v in SAYING for v in lemmas(toks[k + 1].low)[0]):
        return True  # "..., Ivo Dorn said": the speaker, not an object
    return c is not None and c.kind == "verb" and not c.passive and not toks[k].poss


def _heads(r: _Reading, lo: int, hi: int, *, subject: bool = False) -> list[int]:
    """The actors a stretch of tokens is about: its mentions not after a preposition
    (the last of adjacent ones: "Libyan General Khalifa Haftar" is Haftar), else the
    last after "of" ("a number of X's aides" is not X: a role's owner is not who acts).

    As a ``subject``, mentions after a verb of the stretch are that verb's objects
    ("described Haftar as"), except one right before "to" ("prompted Haftar to")."""
    toks = r.toks
    heads: list[int] = []
    obliques: list[int] = []
    after_prep = after_verb = of_group = False
    joined = True  # the previous mention was joined to this one by "and" / ","
    for k in range(lo, hi):
        t = toks[k]
        if t.actor is not None:
            if k in r.consumed or t.compound or _owns_role(toks, k):
                joined = False
                continue
            if subject and after_verb:
                if (k + 1 == hi and hi < len(toks) and toks[hi].low == "to") or \
                        (k + 1 < hi and toks[k + 1].low == "to" and k + 2 == hi):
                    return [k]  # "prompted Haftar to request"
                continue
            if after_prep:
                if of_group and not after_verb:
                    obliques.append(k)
            elif heads and not joined and _same_phrase(toks, heads[-1], k):
                heads[-1] = k  # "Libyan General Khalifa Haftar": the last names it
            else:
                heads.append(k)
            joined = False
        elif t.low in ("and", "or", ",", "&"):
            joined = True
            if t.low != ",":
                after_prep = False
        elif t.low in PREPOSITIONS:
            after_prep = True
            of_group = t.low == "of" and k > lo and toks[k - 1].low in GROUP_NOUNS
        elif is_verb_word(t) or t.low in AUX:
            after_prep = False  # "claims of X involve Y": a verb ends the phrase
            if is_verb_word(t):
                after_verb = True
    if heads:
        return heads
    return obliques[-1:] if obliques and toks[lo].low not in LOCATIVE else []


def _same_phrase(toks: list[Tok], a: int, b: int) -> bool:
    """Two mentions in one noun phrase ("Israeli spy agency Mossad"), nothing between
    them but nouns and titles."""
    for t in toks[a + 1:b]:
        if not t.is_word or t.low in PREPOSITIONS or t.low in AUX or \
                t.low in ("as", "and", "or", "than", "but") or t.low in RELATIVE or \
                is_verb_word(t):
            return False
    return not toks[a].poss or _owns_role(toks, a) is False


def _owns_role(toks: list[Tok], k: int) -> bool:
    """"Haftar's son", "Israel's sworn enemy": the owner of a role is not who acts."""
    if not toks[k].poss:
        return False
    j = k + 1
    while j < len(toks) and toks[j].is_word and toks[j].low in ROLE_WORDS and j - k < 4:
        j += 1
    return j < len(toks) and is_role(toks[j])


def _antecedent(r: _Reading, k: int) -> list[int]:
    """What "who" / "which" / "that" at ``k`` stands for: the first actor named after the
    last verb before it ("the Israeli envoy to the UN, who": Israel's envoy)."""
    toks = r.toks
    j = k - 1 if k > 0 and toks[k - 1].text == "," else k
    if j > 0 and toks[j - 1].text == ")":
        depth, m = 0, j - 1
        while m >= 0:
            depth += toks[m].text == ")"
            depth -= toks[m].text == "("
            if depth == 0:
                break
            m -= 1
        j = max(m, 0)
    lo = _segment_start(r, j)
    last_verb = max((m for m in range(lo, j) if is_verb_word(toks[m])), default=lo - 1)
    heads = _heads(r, last_verb + 1, j)
    if heads:
        return heads[:1]
    for m in range(last_verb + 1, j):
        t = toks[m]
        if t.actor is not None and m not in r.consumed and not t.compound:
            return [m]
    return []


def _segment_start(r: _Reading, hi: int) -> int:
    """Where the stretch of words that ends before ``hi`` starts (a comma, a dash, a
    clause word or a cue's end)."""
    toks = r.toks
    k = hi - 1
    while k >= 0:
        t = toks[k]
        if t.text in (",", ";", ":", "—", "–", "(", ")", '"', "“", "”") or \
                t.low in CLAUSE_WORDS or t.low in RELATIVE:
            return k + 1
        c = r.cue_at.get(k)
        if c is not None and c.kind == "verb":
            return k + 1
        k -= 1
    return 0


def _subject(r: _Reading, cue: Cue) -> list[int]:
    """The actors that did what ``cue`` says (token indices), looking left."""
    toks = r.toks
    hi = cue.before
    # "who is backed by", "which mediated": the actor before the relative pronoun
    k = hi - 1
    while k >= 0 and toks[k].is_word and (toks[k].low in AUX or toks[k].low in DENIALS
                                          or toks[k].low in INTENT
                                          or toks[k].low.endswith("ly")):
        k -= 1
    if k >= 0 and toks[k].low in RELATIVE and toks[k].actor is None:
        return _antecedent(r, k)
    if k >= 0 and toks[k].low in ("it", "we", "i", "you", "they") and toks[k].actor is None:
        return []  # a pronoun did it: whom it stands for is not read here
    if k > 0 and toks[k].is_word and toks[k].text[:1].isupper() and cue.kind == "verb" \
            and toks[k].low not in DETERMINERS:
        return []  # "... and Bo Xilai has been replaced": a name that is no actor here
    if k >= 0 and toks[k].actor is not None and k not in r.consumed and \
            not toks[k].compound and not _owns_role(toks, k) and cue.kind == "verb" and \
            not toks[k].adjectival and not _in_role_phrase(r, k):
        lo = _segment_start(r, k + 1)
        near = [k]  # "... and Bo Xilai has been replaced": who is right before the verb
        j = k - 1
        while j - 1 >= lo and toks[j].low in ("and", "or", ",") and \
                toks[j - 1].actor is not None and j - 1 not in r.consumed:
            near.insert(0, j - 1)
            j -= 2
        return near
    if hi > 1 and toks[hi - 1].low == "to" and toks[hi - 2].is_word and \
            toks[hi - 2].low not in INTENT and toks[hi - 2].low not in AUX:
        return []  # "his campaign to topple": whose purpose is not said
    while hi > 0:
        lo = _segment_start(r, hi)
        if lo >= 2 and toks[lo - 1].low in ("which", "who", "whom") and \
                toks[lo - 2].text == "," and lo < cue.before - 1:
            hi = lo - 2  # "X, which Norland backs, attacked": skip the relative clause
            continue
        heads = _heads(r, lo, hi, subject=True)
        if heads:
            return _with_list(r, lo, heads)
        if lo == 0:
            return []
        prev = toks[lo - 1]
        c = r.cue_at.get(lo - 1)
        if c is not None and c.kind == "verb":
            at = _relative_start(toks, c.index)
            if at is not None:
                hi = at - 1  # "X, which Norland backs, attacked": skip the clause
                continue
            # "X met Y and visited Z": the earlier verb's subject did it too
            return list(r.subject_of.get(c.index, []))
        if prev.low in CLAUSE_WORDS or prev.low in RELATIVE:
            return []  # a clause of its own: its subject is inside it
        hi = lo - 1
    return []


def _relative_start(toks: list[Tok], i: int) -> int | None:
    """Where the relative clause holding the verb at ``i`` starts (", which X backs"),
    if it does: the index of its "which" / "who" / "whom" after a comma."""
    j = i - 1
    while j >= 1 and (toks[j].actor is not None or toks[j].is_word) and i - j <= 6:
        if toks[j].low in ("which", "who", "whom") and toks[j].actor is None:
            return j if toks[j - 1].text == "," else None
        j -= 1
    return None


def _in_role_phrase(r: _Reading, k: int) -> bool:
    """"The son of Libya's commander Khalifa Haftar traveled": the son did, not Haftar."""
    toks = r.toks
    lo = _segment_start(r, k)
    for j in range(k - 1, lo, -1):
        if is_verb_word(toks[j]):
            return False
        if toks[j].low == "of":
            return is_role(toks[j - 1]) and toks[j - 1].low not in GROUP_NOUNS
    return False


def _with_list(r: _Reading, lo: int, heads: list[int]) -> list[int]:
    """"the UAE, Egypt, and France": a list split by commas is one subject."""
    toks = r.toks
    out = list(heads)
    if any(t.actor is None and t.low not in ("and", "or", "the")
           for t in toks[lo:heads[0]]):
        return out
    k = lo - 1
    while k >= 1 and toks[k].text == ",":
        j = k - 1
        if toks[j].actor is not None and j not in r.consumed:
            out.insert(0, j)
            k = j - 1
            if k >= 0 and toks[k].low in ("the",):
                k -= 1
        else:
            break
    return out


def _rel(r: _Reading, agent: int, target: int, cue: Cue, family: str,
         symmetric: bool, prep: str | None = None) -> Relation:
    label, negated = label_of(r.toks, cue, family, prep)
    t = r.toks
    head = modified_head(t, target) if target > cue.index and cue.kind != "role" and \
        not (cue.passive and agent > cue.index) else None
    if head is not None and not (family in ACT_OF_ACTOR and not is_role(t[target + 1])):
        # "met X's son", "entered the Vesta embassy": the son, the embassy, not X
        if head == DESCRIBES_NEXT or label is None:
            label = None
        else:
            label, symmetric = f"{label} {head} of", False
    if label is None:
        return Relation(t[agent].actor or "", t[agent].actor or "", "", symmetric,
                        (0, 0), True)  # dropped: a relation of an actor to itself
    return Relation(t[agent].actor or "", t[target].actor or "", label, symmetric,
                    (t[cue.before].start, t[cue.index].end), negated)


def _verb(r: _Reading, cue: Cue) -> list[Relation]:
    toks = r.toks
    scope = _scope(r, cue)
    subject = _subject(r, cue)
    r.subject_of[cue.index] = subject
    out: list[Relation] = []
    if cue.passive:
        agents = [k for k, p in scope if p == "by"]
        # "was arrested by the Vesta ambassador": the ambassador did, not Vesta
        agents = [k for k in agents if modified_head(toks, k) is None]
        for k in agents:
            r.consumed.add(k)
        if not agents:
            return []
        if cue.frame == "give":
            subject = subject or [k for k, p in scope if p == "to"]
        for a in agents:
            for s in subject:
                prep = "to" if cue.frame == "give" and _scope_prep(scope, s) == "to" \
                    else None
                out.append(_rel(r, a, s, cue, cue.family, cue.frame == "sym", prep))
        return out
    if agentless_passive(toks, cue.index):
        return []  # "the tanker was seized off Lagos": who seized it is not said
    if cue.frame == "sym":
        targets = [k for k, p in scope if p in (None, "with", "to", "including")
                   and not (toks[k].place and p == "to")]
    elif cue.frame == "move":
        targets = [k for k, p in scope if p in (None, "to", "in", "at", "into", "between")]
    elif cue.frame == "give":
        targets = [k for k, p in scope if p in (None, "to")]
    elif cue.frame == "between":
        targets = [k for k, p in scope if p in (None, "between", "among", "for")]
    else:
        targets = [k for k, p in scope if p is None or p == cue.particle
                   or (p in ("to", "against") and cue.family in ("supply", "ask"))]
    if cue.frame != "move":
        targets = [k for k in targets if not (toks[k].place and _scope_prep(scope, k)
                                              in LOCATIVE)]
    targets = [k for k in targets if k not in r.role_owners]  # "met X, the head of Y"
    for k in targets:
        r.consumed.add(k)
    if not targets and len(subject) == 1 and subject[0] > 0 and \
            toks[subject[0] - 1].low in ("which", "whom", "who") and cue.frame != "move":
        # "Y, which X backs": X backs Y (and Y stays free to be the main verb's subject)
        targets = _antecedent(r, subject[0] - 1)
    if cue.frame == "sym" and not targets and len(subject) >= 2:
        subject, targets = subject[:1], subject[1:]  # "X and Y met"
    for a in subject:
        for t in targets:
            out.append(_rel(r, a, t, cue, cue.family, cue.frame in ("sym",),
                            _scope_prep(scope, t)))
    return out


def _scope_prep(scope: list[tuple[int, str | None]], k: int) -> str | None:
    return next((p for j, p in scope if j == k), None)


def _before_noun(r: _Reading, cue: Cue) -> list[int]:
    """Possessive or adjectival mentions right before a noun cue ("Haftar's Israeli
    links": Haftar and Israel), over its adjectives."""
    toks = r.toks
    out: list[int] = []
    k = cue.index - 1
    while k >= 0 and cue.index - k <= 4:
        t = toks[k]
        if t.actor is not None:
            if t.poss or t.adjectival or (t.compound is False and k == cue.index - 1):
                out.insert(0, k)
                k -= 1
                continue
            break
        if not t.is_word or t.low in PREPOSITIONS or t.low in AUX:
            break
        verbs, nouns = lemmas(t.low)
        if verbs and not nouns and not t.low.endswith("ed"):
            break
        k -= 1
    return out


def _light_verb(r: _Reading, cue: Cue) -> tuple[str, int] | None:
    """The verb a noun cue is the object of ("enjoys the support", "sought support"),
    and where it is."""
    toks = r.toks
    k = cue.index - 1
    while k >= 0 and cue.index - k <= 5:
        t = toks[k]
        if t.actor is not None and not (t.poss or t.adjectival):
            return None
        if t.is_word:
            verbs, nouns = lemmas(t.low)
            light = next((v for v in verbs if v in LIGHT_VERBS), None)
            if light is not None:
                return light, k
            if (verbs and not nouns and t.low not in AUX and k < cue.index - 1) or \
                    (t.low.endswith("ed") and verbs):
                return None  # another verb: "mediated the meetings"
            if t.low in PREPOSITIONS and t.low not in ("of",):
                return None
        k -= 1
    return None


def _noun(r: _Reading, cue: Cue) -> list[Relation]:
    found = _light_verb(r, cue)
    out = _noun_parties(r, cue)
    if found is None or found[0] not in ENDING:
        return out
    # "cut ties with", "suspended its support for": the relation ended, in its own words
    tail = {"sym": "with", "dir": "for"}.get(cue.frame)
    if tail is None:
        return []
    label = f"{r.toks[found[1]].low} {r.toks[cue.index].low} {tail}"
    return [replace(rel, label=label, negated=True) for rel in out]


def _noun_parties(r: _Reading, cue: Cue) -> list[Relation]:
    toks = r.toks
    scope = _scope(r, cue)
    before = [k for k in _before_noun(r, cue) if k not in r.consumed]
    found = _light_verb(r, cue)
    light = found[0] if found else None
    subject = []
    if found is not None:
        at = Cue(found[1], cue.family, cue.frame, "verb", before=found[1])
        subject = [k for k in _subject(r, at) if k not in before]
    out: list[Relation] = []
    # only the actors of the noun's own phrase: the first preposition's group
    first = [(k, p) for k, p in scope if p == (scope[0][1] if scope else None)] \
        if scope else []
    if cue.frame == "dir":
        givers = [k for k in before if toks[k].poss or toks[k].adjectival]
        givers += [k for k, p in first if p in ("of", "from", "by")]
        receivers = [k for k, p in first if p in ("for", "to", "against", "on")]
        family = cue.family
        if cue.index > 0 and toks[cue.index - 1].low == "in" and not before:
            # "a speech in support of Ukraine": the clause's agent supports it
            receivers, givers = [k for k, p in first if p == "of"], _clause_agent(r, cue)
        if light in LIGHT_SEEK and family == "back":
            # "X sought the support of Y": X asked Y for support
            for a in subject:
                for g in givers:
                    out.append(_rel(r, a, g, cue, "seek", False))
            return out
        if not receivers and light in LIGHT_RECEIVE:
            receivers = subject
        elif not givers and light is not None:
            givers = subject
        for g in givers:
            for rec in receivers:
                out.append(_rel(r, g, rec, cue, family, False))
        return out
    if cue.frame in ("against", "at"):
        aims = ("against", "of") if cue.frame == "at" else ("against",)
        targets = [k for k, p in (first if cue.frame == "at" else scope) if p in aims]
        accusers = [k for k in before if toks[k].poss] or subject
        for a in accusers:
            for t in targets:
                out.append(_rel(r, a, t, cue, cue.family, False))
        return out
    if cue.frame == "move":
        dests = [k for k, p in first if p in ("to", "of", "in")]
        agents = [k for k in before if toks[k].poss] or subject
        if not agents:
            agents = _clause_agent(r, cue)
        for a in agents:
            for d in dests:
                out.append(_rel(r, a, d, cue, "visit", False))
        return out
    # symmetric: "meetings with", "ties between X and Y", "Haftar's Israeli links"
    others = [k for k, p in first if p in ("with", "to", "between", "among", "including")]
    if light is None and not [k for k in before if toks[k].poss]:
        ag = _clause_agent(r, cue) if _pronoun_owned(toks, cue) or toks[
            cue.before - 1].low in ("during", "after", "before", "at", "in") else []
        subject = ag
    sides = [k for k in before if toks[k].poss] + subject
    adjectival = [k for k in before if toks[k].adjectival and not toks[k].poss]
    if len(others) >= 2 and scope and scope[0][1] == "between":
        sides, others = others[:1], others[1:]  # "ties between X and Y": only them
    if not others:
        others = adjectival
    if not others and light is not None and len(sides) >= 2:
        sides, others = sides[:1], sides[1:]  # "X and Y signed a deal"
    if sides:
        r.subject_of[cue.index] = sides
    for a in sides:
        for o in others:
            out.append(_rel(r, a, o, cue, cue.family, True))
    return out


def _pronoun_owned(toks: list[Tok], cue: Cue) -> bool:
    """"his close relations": a possessive pronoun, over adjectives."""
    k = cue.index - 1
    while k >= 0 and cue.index - k <= 3 and toks[k].is_word:
        if toks[k].low in ("his", "her", "its", "their"):
            return True
        k -= 1
    return False


def _clause_agent(r: _Reading, cue: Cue) -> list[int]:
    """The agent of the verb this noun phrase hangs on ("Haftar planned to meet ... during
    a visit to Jordan": Haftar)."""
    for c in reversed(r.cues):
        if c.index < cue.index and c.kind != "role" and r.subject_of.get(c.index):
            return list(r.subject_of[c.index])
    return []


def _role(r: _Reading, cue: Cue) -> list[Relation]:
    """"X, the son of Y", "Y's aide, X", "the head of Y, X", "X – Y's sworn enemy",
    "Y's allies, such as X and Z", "X is an ally of Y", "Iranian Foreign Minister
    Javad Zarif"."""
    toks = r.toks
    label = cue.label or ""
    # whose role: a possessive or demonym before, else "of / to / for Y" right after
    of_party: list[int] = []
    titled = False  # "Foreign Minister Javad Zarif": the name follows the role
    k = cue.before - 1
    while k >= 0 and toks[k].is_word and (toks[k].low in DETERMINERS | ROLE_WORDS or
                                          (toks[k].text[:1].isupper() and k > 0)):
        k -= 1
    front = k  # the token before the role's phrase
    if k >= 0 and toks[k].actor is not None and not toks[k].compound and \
            (toks[k].poss or toks[k].adjectival or k == cue.before - 1 or
             toks[k + 1].low not in DETERMINERS):
        # "Israel's envoy", "the Hungarian commissioner", "the United States envoy"
        of_party, titled = [k], True
        front = k - 1
        while front >= 1 and toks[front].low in DETERMINERS:
            front -= 1  # "X, the Norland envoy": the article is the role's
        if label.endswith(" to") and label.split()[-2] not in TO_OWNER:
            label = label[:-3] + " of"  # Israel's envoy is an envoy of Israel
        elif label.endswith(" for"):
            label = label[:-4] + " of"
    after = cue.index + 1
    if not of_party and after < len(toks) and toks[after].low in ("of", "to", "for"):
        j = after + 1
        found: list[int] = []
        while j < len(toks) and j - after < 7:
            t = toks[j]
            if t.actor is not None:
                if not t.compound:
                    found = [j]  # adjacent names: the last is the phrase's head
                if t.poss:
                    j += 1
                    break  # "of Libya's government": Libya's
            elif not (t.is_word and (t.low in DETERMINERS or t.text[:1].islower())) \
                    or t.low in PREPOSITIONS or t.low in ("and", "or"):
                break
            j += 1
        if found and modified_head(toks, found[0]) is not None:
            found = []  # "the nephew of the Vesta president": of the president
        if found:
            of_party = found
            after = j
    if not of_party:
        return []
    holders: list[int] = []
    # the holder before: "X, the son of Y" / "X – Y's enemy" / "X is an ally of Y"
    if front >= 1 and toks[front].text in (",", "–", "—") and \
            toks[front - 1].actor is not None and not toks[front - 1].poss:
        holders = [front - 1]
    elif front >= 1 and toks[front].low in BE:
        holders = _heads(r, _segment_start(r, front), front)
    if not holders:
        # the holder after: "Y's aide, X", "the head of Y, X", "allies, such as X and Z"
        j = after
        comma = j < len(toks) and toks[j].text == ","
        if comma:
            j += 1
        if j + 1 < len(toks) and toks[j].low == "such" and toks[j + 1].low == "as":
            j, comma = j + 2, True
        elif j < len(toks) and toks[j].low in LISTING:
            j, comma = j + 1, True
        while j < len(toks) and toks[j].low == "the":
            j += 1
        if j < len(toks) and toks[j].actor is not None and j not in of_party and \
                (comma or (titled and j == cue.index + 1)):
            holders = [j]
            m = j + 1
            while m + 1 < len(toks) and toks[m].low in (",", "and", "or") and comma:
                n = m + 1
                if toks[n].low in ("and", "or") and n + 1 < len(toks):
                    n += 1
                if toks[n].low == "the" and n + 1 < len(toks):
                    n += 1
                if toks[n].actor is None:
                    break
                holders.append(n)
                m = n + 1
    out: list[Relation] = []
    for h in holders:
        for o in of_party:
            if label == BACK_ROLE_LABEL:
                out.append(_rel(r, h, o, cue, "back", False))
            else:
                out.append(Relation(toks[h].actor or "", toks[o].actor or "", label, False,
                                    (toks[cue.before].start, toks[cue.index].end)))
    if holders:
        r.consumed.update(of_party)
        r.role_owners.update(of_party)
    return out
