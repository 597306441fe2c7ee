"""What the words around a relation's cue say of it: whether it is only possible,
asked for or denied ("may have met", "urged X to sanction", "denied that"), negated or
planned ("never met", "did not pay", "planned to meet", "will meet"), and the label it
reads in the claim's own words ("sold to", "denied meeting").  Split from
:mod:`.relation_words`, which reads who did it to whom.
"""

from __future__ import annotations

from .relation_lexicon import AUX, DENIALS, DETERMINERS, INTENT, LABELS, STOPPING, VERBS
from .relation_tokens import PARTICIPLES, Cue, Tok, inflect, lemmas


def gerund_clause(toks: list[Tok], k: int) -> bool:
    """A gerund with an object of its own at ``k`` ("of funding Y", "for insulting the
    king"), not a noun ("of understanding between")."""
    if k >= len(toks) or not toks[k].is_word or not toks[k].low.endswith("ing") or \
            toks[k].low in ("including", "regarding", "concerning", "during"):
        return False
    verbs, nouns = lemmas(toks[k].low)
    if not verbs:
        return False
    nxt = toks[k + 1] if k + 1 < len(toks) else None
    return not nouns or (nxt is not None and (nxt.actor is not None or
                                              nxt.low in DETERMINERS))



def hypothetical(toks: list[Tok], cue: Cue) -> bool:
    """"if Merkel had come to Kiev", "X would meet Y", "easy for X to attack Y": what
    might be is no relation.  Looks back to the clause's start."""
    k = cue.before - 1
    if cue.kind == "verb" and k >= 1 and toks[k].low == "to" and \
            toks[k - 1].low not in INTENT and toks[k - 1].actor is None and \
            toks[k - 1].low not in ("have", "has", "had", "used", "going"):
        return True  # an infinitive not planned or sought by anyone named
    if cue.kind == "verb" and k >= 1 and toks[k].low == "to" and \
            toks[k - 1].actor is not None:
        return True  # "easy for X to attack Y", "urged X to sanction Y": not done
    if _denied_clause(toks, cue.before):
        return True  # "X denied that Y funded Z": the claim is that Y did not
    while k >= 0 and toks[k].text not in (",", ";", ":", "—", "–", "(", ")"):
        if toks[k].low in ("if", "unless", "whether", "would", "could", "might",
                           "should") or toks[k].text == "may":
            return True  # "may have met": a possibility, not a fact
        k -= 1
    return False


def _denied_clause(toks: list[Tok], i: int) -> bool:
    """The words before ``i`` deny a "that" clause holding it ("denied that", "rejected
    claims that", "dismissed reports that")."""
    for k in range(i - 1, 0, -1):
        if toks[k].text in (";", ":", "(", ")"):
            return False
        if toks[k].low == "that" and any(t.low in DENIALS for t in toks[max(0, k - 3):k]):
            return True
    return False



def negation(toks: list[Tok], cue: Cue) -> tuple[str | None, str | None]:
    """("denied" | "never" | "not" | None, intent verb or None) said just before."""
    k = cue.before - 1
    neg = intent = None
    steps = 0
    while k >= 0 and steps < 5 and toks[k].is_word:
        low = toks[k].low
        if low in DENIALS:
            return "denied", intent
        if low in STOPPING and neg is None and steps == 0:
            return "stop:" + low, intent  # "stopped backing X"
        if low in ("never",):
            neg = "never"
        elif low in ("not", "n't", "no") and neg is None:
            neg = "not"
        elif low in INTENT and intent is None and k + 1 < len(toks) and \
                toks[k + 1].low == "to":
            intent = low
        elif low in ("will", "shall") and intent is None and neg is None and steps == 0:
            intent = low  # "will meet": planned, not done
        elif low not in AUX and low not in ("to", "having") and not low.endswith("ly"):
            break
        k -= 1
        steps += 1
    after = cue.index + 1 + (cue.particle is not None)
    if neg is None and after < len(toks) and toks[after].low in ("neither", "no"):
        neg = "not"  # "met neither X nor Y"
    return neg, intent


#: Families whose links read one label whatever the verb ("supports", "backed" and "the
#: support of" all read "backs"), so that a pair's claims bundle; other verbs are
#: labelled with the claim's own verb ("bombed", "sold to", "called on").
CANONICAL = {"meet", "visit", "back", "ties", "seek", "ally", "deal", "normalise", "talk",
             "cooperate", "fund"}
_IRREGULAR_FINITE = {"met", "sent", "sold", "gave", "paid", "led", "ran", "fought",
                     "flew", "went", "came", "struck", "hit", "heads", "owns"}


def _own_words(toks: list[Tok], cue: Cue, prep: str | None) -> tuple[str, str, str]:
    """The cue's verb as the claim has it (a finite form kept, else its past), with its
    particle or the preposition of the target ("sold to", "called on")."""
    word = toks[cue.index].low
    verbs, _ = lemmas(word)
    lemma = next((v for v in verbs if v in VERBS), verbs[0] if verbs else word)
    if (word.endswith(("ed", "s")) and not word.endswith("ss")) or word in _IRREGULAR_FINITE:
        label = word
    else:
        label = inflect(lemma, "VBD")
    tail = cue.particle or (prep if prep in ("to", "against", "with") else None)
    suffix = f" {tail}" if tail else ""
    return label + suffix, inflect(lemma, "VBG") + suffix, lemma + suffix


def label_of(toks: list[Tok], cue: Cue, family: str,
           prep: str | None = None) -> tuple[str | None, bool]:
    if cue.kind == "verb" and family == cue.family and family not in CANONICAL:
        label, gerund, base = _own_words(toks, cue, prep)
    else:
        label, gerund, base = LABELS.get(family, (family, family, family))
    neg, intent = negation(toks, cue)
    if neg == "denied":
        return "denied " + gerund, True
    if neg is not None and neg.startswith("stop:"):
        return f"{neg[5:]} {gerund}", True
    if neg == "never":
        return "never " + label if family not in ("back",) else "never backed", True
    if neg == "not" and cue.kind == "noun":
        return None, True  # "no turmoil between X and Y": no relation stated
    if neg == "not":
        return "did not " + base, True
    if intent in ("will", "shall"):
        return f"{intent} {base}", False
    if intent is not None:
        return f"{intent} to {base}", False
    return label, False



_PASSIVE_BE = {"is", "are", "was", "were", "be", "been", "being", "am", "get", "gets",
               "got", "gotten", "getting"}


def agentless_passive(toks: list[Tok], i: int) -> bool:
    """A participle after "was" / "been" with no "by" ("was seized off Lagos"): its
    subject underwent it, so it names no agent to relate to anyone."""
    low = toks[i].low
    if not (low.endswith(("ed", "en")) or low in PARTICIPLES):
        return False
    k = i - 1
    while k >= 0 and toks[k].is_word and (toks[k].low.endswith("ly") or
                                          toks[k].low in ("also", "not", "never", "n't",
                                                          "still", "later", "then")):
        k -= 1
    return k >= 0 and toks[k].low in _PASSIVE_BE


