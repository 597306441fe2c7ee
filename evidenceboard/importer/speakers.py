"""Who speaks in a sentence: the subject of a speech verb (or the name after it in
"“...,” said X"), the antecedent of ", who said", the actor after "according to"; a
pronoun or a description ("he", "the ministry", "the report") for the actor it stands for.
A mixin of :class:`.claims.ClaimFinder`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from . import gazetteer as gz
from .mentions import Entity
from .text import Prepared, Token

if TYPE_CHECKING:
    from .claims import Claim, _Cue

_PRONOUNS = {"he": "person", "she": "person", "it": "nonperson", "they": "any",
             "we": "any", "i": "person"}
_SKIP = {"also", "has", "have", "had", "previously", "later", "then", "further", "again",
         "repeatedly", "once", "recently", "first", "itself", "himself", "herself", "still",
         "publicly", "privately", "officially", "separately", "on", "in", "last", "this",
         "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
         "week", "month", "year", "yesterday", "today", "earlier", "was", "were", "is",
         "forced", "to", "quickly", "strongly", "flatly", "categorically", "would", "will"}
_GROUPISH = {"investigators", "officials", "sources", "spokesman", "spokeswoman",
             "spokesperson", "members", "head", "chief", "director", "government", "office",
             "ministry", "authorities", "statement", "representatives", "lawyers", "staff",
             "experts", "analysts", "commander", "leaders", "leadership", "embassy"}
_OWNER_NOUNS = gz.ORG_NOUNS | {"authority", "authorities", "office", "government",
                               "ministry", "spokesman", "spokeswoman", "spokesperson",
                               "statement", "embassy", "foreign", "defence", "defense",
                               "military", "army", "navy", "port", "president", "regime",
                               "leadership", "officials", "customs", "coastguard"}
_PARTICIPLE = re.compile(r"ing$")


class SpeakerRules:
    """Methods of the claim finder that resolve speakers (``self`` is the finder)."""

    prep: Prepared
    view: str
    entities: list[Entity]
    claims: list["Claim"]
    last_report: int | None

    def _mentions_in(self, s: int, e: int) -> list[tuple[int, int, int]]:  # pragma: no cover
        raise NotImplementedError

    @staticmethod
    def _inside(pos: int, quotes: list[tuple[int, int]]) -> bool:  # pragma: no cover
        raise NotImplementedError

    def _candidates(self, s: int, e: int, *, allow_prep: bool = False,
                    np: bool = False) -> list[tuple[int, int, int]]:
        """Actor mentions between s and e that can be a subject (not "of X", not "X's son")."""
        v = self.view
        out = []
        for ms, me, n in self._mentions_in(s, e):
            ent = self.entities[n]
            if ent.actor_type in ("aircraft", "vessel"):
                continue
            after = v[me:me + 30]
            if re.match(r"[’']s\b", after):
                noun = re.match(r"[’']s\s+(?:\w+\s+)?(\w+)", after)
                if not (noun and noun.group(1).lower() in _OWNER_NOUNS):
                    continue
            if re.match(r"-[a-z]", after):
                continue  # "Libya-based"
            before = v[max(s, ms - 40):ms]
            prev = re.findall(r"[\w’'-]+|[,;:(]", before)
            while prev and prev[-1].lower() in ("the", "a", "an", "its", "his", "her", "their"):
                prev.pop()
            if len(prev) >= 2 and prev[-1].lower() == "and" and prev[-2] in (",", ";"):
                prev = prev[:-1]
            if prev and prev[-1].lower() in ("of", "by", "with", "to", "in", "from",
                                             "against", "on", "about", "at", "for",
                                             "between", "than", "into", "over", "like",
                                             "including", "near", "under", "and"):
                if np and prev[-1].lower() in ("by", "from", "in", "of"):
                    out.append((ms, me, n))
                    continue
                if not allow_prep:
                    continue
                if prev[-1].lower() in ("and", "with", "to", "against", "than", "into",
                                        "over", "like", "near", "under"):
                    continue
                if len(prev) < 2 or prev[-2].lower() not in _GROUPISH:
                    continue
            out.append((ms, me, n))
        return out

    def _pick(self, cands: list[tuple[int, int, int]], *, nearest: bool) -> int | None:
        if not cands:
            return None
        people = [c for c in cands if self.entities[c[2]].actor_type == "person"]
        # a capital as the subject ("Tehran rejected") speaks for its government; other
        # places only when nothing else is there
        others = [c for c in cands if self.entities[c[2]].actor_type != "place"]
        pool = people or others or cands
        return (pool[-1] if nearest else pool[0])[2]

    def _resolve_verb(self, cue: "_Cue", s: int, e: int, toks: list[Token], k: int,
                      quotes: list[tuple[int, int]]) -> None:
        v = self.view
        t = toks[k]
        before = v[s:t.start]
        # inverted: “...,” said X / ," said X
        if re.search(r"[,.!?]?\s*[”\"’]\s*,?\s*$", before):
            after_end = min(e, t.end + 120)
            stop = re.search(r"[,.;(]", v[t.end:after_end])
            region_end = t.end + stop.start() if stop else after_end
            cands = self._candidates(t.end, region_end)
            if cands:
                cue.speaker = self._pick(cands, nearest=False)
                return
        # the subject region: from the clause start to the verb
        region_start = s
        for a, b in quotes:
            if b < t.start:
                region_start = max(region_start, b + 1)
        colon = before.rfind(":")
        if colon >= 0 and not self._inside(s + colon, quotes):
            region_start = max(region_start, s + colon + 1)
        region = v[region_start:t.start]
        rel = re.search(r",\s*(?:who|which)\s+(?:\w+\s+){0,3}$", region)
        participle = bool(_PARTICIPLE.search(t.lower)) and t.lower not in ("according",)
        if rel:
            # ", who accused ...": the noun phrase just before the comma
            ante_end = region_start + rel.start()
            prev_comma = v.rfind(",", region_start, ante_end)
            ante_start = prev_comma + 1 if prev_comma >= 0 else region_start
            chunk = v[ante_start:ante_end]
            cut = None
            for m in re.finditer(r"\b(?:by|from|than|with|against|as|at|is|are|was|were)\s",
                                 chunk):
                cut = m.end()
            if cut is not None:
                ante_start += cut
            cands = [c for c in self._candidates(ante_start, ante_end, allow_prep=True)]
            if not cands and prev_comma >= 0 and re.match(r"\s*(?:the|a|an)\s", chunk):
                # ", the tanker's operator, which has said": the name before the appositive
                before_comma = v.rfind(",", region_start, prev_comma)
                back = before_comma + 1 if before_comma >= 0 else region_start
                cands = self._candidates(back, prev_comma, allow_prep=False)
                if cands:
                    ante_start = back
            cue.speaker = self._pick(cands, nearest=False)
            if cue.speaker is None:
                cue.speaker_name = _np_text(v[ante_start:ante_end])
            else:
                cue.subject_start = ante_start
            return
        region_clean = _drop_parentheticals(v, region_start, t.start)
        cands = [c for c in self._candidates(region_start, t.start)
                 if not any(a <= c[0] < b for a, b in region_clean)]
        if participle:
            # "..., saying that": the main clause's subject
            cue.speaker = self._pick(cands, nearest=False)
        else:
            local = self._local_subject(region_start, t.start, cands)
            cue.speaker = local
        if cue.speaker is not None:
            cue.subject_start = next(c[0] for c in cands if c[2] == cue.speaker)
            return
        if not participle:
            # investigators at NIMASA said / the government of Equatorial Guinea denied:
            # only in the clause just before the verb
            clause_start = max(region_start, v.rfind(",", region_start, t.start) + 1)
            pcands = [c for c in self._candidates(clause_start, t.start, allow_prep=True)
                      if not any(a <= c[0] < b for a, b in region_clean)]
            if pcands:
                cue.speaker = self._pick(pcands, nearest=True)
                return
        subj = self._subject_words(region_start, t.start)
        if subj is None:
            return
        low = subj.lower()
        first = low.split()[0] if low.split() else ""
        if first in _PRONOUNS:
            cue.speaker = self._pronoun(first, s, cands)
            if cue.speaker is None:
                cue.speaker_name = None
            return
        cue.speaker = self._descriptor(low, s)
        if cue.speaker is None:
            cue.speaker_name = subj

    def _local_subject(self, region_start: int, verb_start: int,
                       cands: list[tuple[int, int, int]]) -> int | None:
        """The subject just before a finite verb: the nearest candidate in the last clause."""
        if not cands:
            return None
        v = self.view
        last = cands[-1]
        between = v[last[1]:verb_start]
        words = re.findall(r"[A-Za-z’'-]+", between)
        # "X, for its part, denies" / "X has also said" / "X director Y told"
        words = [w for w in words if w.lower() not in _SKIP]
        if len(words) <= 5 or "," in between:
            return self._pick(cands, nearest=True)
        return None

    def _subject_words(self, region_start: int, verb_start: int) -> str | None:
        v = self.view
        chars = list(v[region_start:verb_start])
        for a, b in _drop_parentheticals(v, region_start, verb_start):
            for x in range(a - region_start + 1, b - region_start):
                chars[x] = ""
        region = "".join(chars).rstrip().rstrip(" ,;:").rstrip()
        region = re.split(r"[,;:]\s*(?=[^,;:]*$)", region)[-1]
        words = region.split()
        while words and words[-1].lower().strip(",") in _SKIP:
            words.pop()
        if not words:
            return None
        text = " ".join(words[-8:]).strip(" ,“”\"")
        return text or None

    def _pronoun(self, pronoun: str, sent_start: int,
                 cands: list[tuple[int, int, int]]) -> int | None:
        want = _PRONOUNS[pronoun]

        def fits(n: int) -> bool:
            t = self.entities[n].actor_type
            return want == "any" or (want == "person") == (t == "person")

        for c in reversed(cands):
            if fits(c[2]):
                return c[2]
        sent_index = next((i for i, s in enumerate(self.prep.sentences)
                           if s.start == sent_start), None)
        for claim in reversed(self.claims[-3:]):
            if claim.speaker is not None and sent_index is not None \
                    and claim.sentence >= sent_index - 3 and fits(claim.speaker):
                return claim.speaker
        return None

    def _descriptor(self, subject: str, pos: int) -> int | None:
        """ "the rebel commander", "the navy", "the report": the one actor so described."""
        words = re.findall(r"[a-z’'-]+", subject)
        if not words or words[0] not in ("the", "this", "that"):
            return None
        head = words[-1]
        if head in ("report", "newspaper", "daily", "agency", "channel", "website",
                    "paper", "statement", "outlet"):
            if self.last_report is not None:
                return self.last_report
        hits = []
        for n, ent in enumerate(self.entities):
            if head in ent.descriptors and any(m.start < pos for m in ent.mentions):
                hits.append(n)
        return hits[0] if len(hits) == 1 else None

    def _resolve_np(self, cue: "_Cue", start: int, e: int) -> None:
        v = self.view
        stop = re.search(r"[,;.]\s|[,;]|\.$", v[start:e])
        end = start + stop.start() if stop else e
        cands = self._candidates(start, end, allow_prep=True, np=True)
        cands = [c for c in cands if not re.match(r"[’']s\s+[A-Z]", v[c[1]:c[1] + 5])]
        cue.speaker = self._pick(cands, nearest=True) if cands else None
        if cue.speaker is None:
            words = v[start:end].split()
            low = " ".join(words).lower()
            desc = self._descriptor("the " + (words[-1].lower() if words else ""), start) \
                if re.match(r"(?:the|this)\s", low) else None
            cue.speaker = desc
            if desc is None:
                cue.speaker_name = _np_text(v[start:end])


def _np_text(text: str) -> str | None:
    words = text.strip().strip(" ,.;:").split()
    if not words:
        return None
    out = " ".join(words[:10])
    return out or None


def _drop_parentheticals(v: str, s: int, e: int) -> list[tuple[int, int]]:
    """Spans of ", citing ... ," / ", for its part," / ", who ... ," inside [s, e)."""
    out = []
    for m in re.finditer(r",\s*(?:citing|quoting|according|including|who|which|whose|for|in|"
                         r"on|at|with|like|such|the\s+son|the\s+daughter|a\s+|an\s+|the\s+)"
                         r"[^,]*,", v[s:e]):
        out.append((s + m.start(), s + m.end()))
    return out
