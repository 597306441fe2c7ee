"""The words around a mention that say what it names: "the Haaretz daily", "journalist
Itay Blumental", "in Ras Lanuf", an appositive (", an Israeli website,"), "(LNA)", the
subject of a speech verb.  A mixin of :class:`.actors.ActorFinder`.
"""

from __future__ import annotations

import re

from . import gazetteer as gz
from .mentions import _PREP_PLACE, _SKIP_BEFORE_VERB, Mention, country_name, initials_fit, \
    is_acronym, place_name
from .text import Token, hspace_only


class ContextRules:
    """Methods of the actor finder about a mention's context (``self`` is the finder)."""

    view: str
    links: list[tuple[str, str]]

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
            if t.cap or not hspace_only(v[(nxt[n - 1].end if n else e0):t.start]):
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
        if prv and hspace_only(v[prv[-1].end:s0]):
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
        if re.match(r",[^\S\r\n]+[A-Z][\w-]+(?:[^\S\r\n][A-Z][\w-]+)?\b", after):
            nxt_name = re.match(r",[^\S\r\n]+([A-Z][\w-]+(?:[^\S\r\n][A-Z][\w-]+)?)", after)
            if nxt_name and (place_name(nxt_name.group(1)) or country_name(nxt_name.group(1))):
                m.votes["place"] += 3
        if re.match(r"-based\b", after):
            m.votes["place"] += 4  # "the Zug-based firm"
        # appositive: "Debka, an Israeli Intelligence new website," / "X, the son of Y,"
        ap = re.match(r",[^\S\r\n]+(?:a|an|the)[^\S\r\n]+([^,;.()]{1,80})", after)
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
        ac = re.match(r"[^\S\r\n]*\(([A-Z][A-Za-z]{1,7})\)", after) or \
            re.match(r"[^\S\r\n]+([A-Z]{2,6})\b", after)
        if ac and len(m.surface.split()) >= 2 and is_acronym(ac.group(1)) \
                and initials_fit(m.surface, ac.group(1)):
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
