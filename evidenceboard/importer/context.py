"""The words around a mention that say what it names: "the Haaretz daily", "journalist
Itay Blumental", "in Ras Lanuf", an appositive (", an Israeli website,"), "(LNA)", the
subject of a speech verb.  A mixin of :class:`.actors.ActorFinder`.
"""

from __future__ import annotations

import re

from . import gazetteer as gz
from . import lexicon
from .mentions import (
    _PREP_PLACE,
    _SKIP_BEFORE_VERB,
    Mention,
    country_name,
    initials_fit,
    is_acronym,
    place_name,
)
from .text import Token, hspace_only

_HS = r"[^\S\r\n]"
_NAME = (r"[A-Z][\w.&’'-]*(?:" + _HS + r"+(?:(?:of|the|de|du|al|el|bin|van|von|and)" + _HS
         + r"+)*[A-Z][\w.&’'-]*)*")
_LEGAL_OPT = (r"(?:,?" + _HS + r"+(?:Limited|Ltd|Inc|LLC|Corp|plc|PLC|GmbH|AG|SA|Kft|Zrt|"
              r"Co)\.?)?")
_ACRONYM_AFTER = re.compile(r"(?:[’']s)?" + _LEGAL_OPT + _HS + r"*\(([A-Z][A-Za-z]{1,7})\)")
#: "HDT Kft. (HDT Limited)": another name of it in parentheses, sharing its first word.
_PAREN_NAME = re.compile(r"(?:[’']s)?\.?" + _LEGAL_OPT + _HS + r"*\((" + _NAME + r")\)")
#: "Baogang International, or BIPC,": an abbreviation offered as another name.
_OR_ACRONYM = re.compile(r",?" + _HS + r"+or" + _HS + r"+([A-Z][A-Z0-9&]{1,9})\b(?=" + _HS
                         + r"*[,.;:)])")
#: "Guo, who is also known as Miles Guo", "(formerly called X)", "X, aka Y".
_AKA = re.compile(
    r",?" + _HS + r"*\(?" + _HS + r"*(?:(?:who|which)" + _HS + r"+(?:is|was|are|were|has\s+been)"
    + _HS + r"+)?(?:(?:(?:also|better|widely|commonly|locally|formerly|previously|once|"
    r"originally)" + _HS + r"+)?(?:known" + _HS + r"+as|referred" + _HS + r"+to" + _HS
    + r"+as)|(?:formerly|previously|once|originally)" + _HS + r"+(?:called|named)|"
    r"a\.?k\.?a\.?)" + _HS + r"+(?:the" + _HS + r"+)?(" + _NAME + r")")
#: Nouns a company or an outlet owns ("X's database", "X's spokesman").
_OWNED_BY_ORGS = {"database", "website", "site", "spokesman", "spokeswoman", "spokesperson",
                  "headquarters", "subsidiary", "subsidiaries", "shareholders", "employees",
                  "offices", "servers", "app", "platform", "newsroom", "editors", "affiliate",
                  "affiliates", "parent", "tracker", "portal", "feed", "archive", "staffers"}
#: Nouns after "the X" that make X a modifier ("the Trump administration").
_MODIFIED_NOUNS = {"administration", "family", "government", "campaign", "era", "years",
                   "team", "camp", "regime", "presidency", "case", "affair", "trial", "story",
                   "deal", "plan", "brothers", "household", "clan", "estate", "dynasty",
                   "legacy", "doctrine", "model", "way", "style", "name", "group", "report",
                   "saga", "scandal", "downfall", "purge", "probe", "inquiry", "investigation",
                   "accusation", "accusations", "allegations", "supporters", "loyalists"}
#: A verb right after "the X": X acts, so it is an organisation or outlet.
_VERB_AFTER = re.compile(r"^(?:\w+ed|is|was|has|had|have|says|said|reports|wrote|writes|"
                         r"told|tells|will|would|can|could|did|does|agrees|asks|asked|"
                         r"claims|insists|denies|added|notes)$")


class ContextRules:
    """Methods of the actor finder about a mention's context (``self`` is the finder)."""

    view: str
    links: list[tuple[str, str]]

    def _aliases_after(self, m: Mention, after: str) -> None:
        """Another name the article gives right after this one."""
        words = m.surface.split()
        hit = _PAREN_NAME.match(after)
        if hit and len(words) >= 2:
            alias = hit.group(1)
            if alias.split()[0].casefold() == words[0].casefold() and alias != m.surface:
                self.links.append((m.surface, alias))  # "HDT Kft. (HDT Limited)"
        hit = _OR_ACRONYM.match(after)
        if hit and hit.group(1)[0] == m.surface[0] and len(words) >= 2:
            self.links.append((m.surface, hit.group(1)))
        hit = _AKA.match(after)
        if hit:
            alias = re.sub(r"[’']s$", "", hit.group(1)).rstrip(".")
            self.links.append((m.surface, alias))

    def _context(self, m: Mention, toks: list[Token], i: int, j: int) -> None:
        v = self.view
        s0 = toks[i].start if i < len(toks) else m.start
        e0 = toks[j - 1].end if 0 < j <= len(toks) else m.end
        after = v[e0:e0 + 200]
        nxt = list(toks[j:j + 3])
        prv = list(toks[max(0, i - 3):i])
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
        # "Marine Traffic's AIS tracking database", "the company's spokesman"
        if last_tok is not None and last_tok.possessive:
            for w in re.findall(r"[\w-]+", after[2:60])[:4]:
                if w.lower() in _OWNED_BY_ORGS:
                    m.votes["organisation"] += 4
                    m.descriptors.add(w.lower())
                    break
        # "a spokesman for Maersk", "the chief executive of Gulfline"
        if len(prv) >= 2 and prv[-1].lower in ("for", "of", "at") and prv[-2].lower in (
                "spokesman", "spokeswoman", "spokesperson", "executive", "ceo", "employees",
                "shareholders", "subsidiary", "staff"):
            m.votes["organisation"] += 3
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
            elif p.lower == "the" and len(m.surface.split()) >= 2 and not m.person_title \
                    and not (nxt and nxt[0].lower in _MODIFIED_NOUNS):
                m.votes["organisation"] += 3
            elif p.lower == "the" and not m.person_title and nxt and not nxt[0].cap \
                    and _VERB_AFTER.match(nxt[0].lower) and hspace_only(v[e0:nxt[0].start]) \
                    and not lexicon.is_common_word(m.surface):
                m.votes["organisation"] += 2  # "the Economist asked": people take no "the"
            elif p.lower in gz.PLACE_NOUNS and p.lower not in ("state", "area", "field",
                                                               "base", "border"):
                m.votes["place"] += 4  # "the island Crete", "the port town Sampit"
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
            # the head of the appositive: its last noun before a preposition
            # ("the government commissioner for ports" -> commissioner)
            words = []
            for w in re.findall(r"[a-z][a-z-]*", ap.group(1))[:8]:
                if w in ("for", "of", "in", "at", "to", "with", "from", "on", "who", "which",
                         "that", "and", "based", "responsible"):
                    break
                words.append(w)
            for w in reversed(words[:6]):
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
        self._aliases_after(m, after)
        # "(LNA)" / "Israeli Defense Forces IDF" / "the Party's (CCP)": an acronym for it
        ac = _ACRONYM_AFTER.match(after) or re.match(r"[^\S\r\n]+([A-Z]{2,6})\b", after)
        if ac and len(m.surface.split()) >= 2 and is_acronym(ac.group(1)) \
                and initials_fit(m.surface, ac.group(1)):
            self.links.append((m.surface, ac.group(1)))
            m.votes["organisation"] += 2
        # the subject of a speech verb ("Wow, said one trader": no subject of "said")
        words = re.findall(r"[A-Za-z’']+", re.split(r"[,;:.!?()]", after[:60])[0])
        for w in words[:4]:
            lw = w.lower()
            if lw in _SKIP_BEFORE_VERB:
                continue
            if lw in gz.SPEECH_VERBS and lw not in gz.WEAK_SPEECH:
                m.votes["speaker"] += 1
            break
