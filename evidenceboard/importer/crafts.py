"""Vessels and aircraft: ship prefixes ("MV", "USS"), "the tanker X", tail numbers
("P4-RMA", "N512GV") where the sentence speaks of aircraft, aircraft models ("Dassault
Falcon 900", "Ilyushin Il-76"); "the plane" / "the tanker" count for an article's only
aircraft / vessel.  A mixin of :class:`.actors.ActorFinder`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from . import gazetteer as gz
from .mentions import CONNECTORS, Entity, Mention, country_name, demonym_country, span_len

if TYPE_CHECKING:
    from .text import Prepared

_VESSEL_PREFIX = re.compile(
    r"\b(?:MV|M/V|MT|M/T|SS|USS|HMS|RFS|INS|HMAS|HMCS|CCGS|FS|MY|M/Y|RV|SY|FV|TCG|ROKS|"
    r"HNLMS|HDMS|KRI|BNS|PNS|NNS|GNS)[^\S\r\n]+((?:[A-Z][\w’'-]*|\d+)"
    r"(?:[^\S\r\n]+(?:[A-Z][\w’'-]*|\d+))*)")
_VESSEL_NOUN = re.compile(
    r"\b(?:tanker|ship|vessel|freighter|frigate|destroyer|corvette|submarine|yacht|ferry|"
    r"trawler|dhow|barge|tug|warship|cruiser|supertanker|gunboat|icebreaker|bulker|reefer|"
    r"(?:bulk|gas|LNG|LPG|car|chemical|aircraft)[^\S\r\n]+carrier|dredger|schooner|"
    r"(?i:aframax|suezmax|vlcc|ulcc|panamax|capesize|handymax|handysize))[^\S\r\n]+"
    r"(?:named[^\S\r\n]+|called[^\S\r\n]+)?[“\"‘']?((?:[A-Z][\w’'-]*)"
    r"(?:[^\S\r\n]+(?:[A-Z][\w’'-]*|\d+))*)")
_HS = r"[^\S\r\n]"
_CRAFT_NAME = r"([A-Z][\w’'-]*(?:" + _HS + r"+(?:[A-Z][\w’'-]*|\d+))*)"
_CLASS = (r"(?:tanker|supertanker|ship|vessel|freighter|bulker|carrier|trawler|ferry|yacht|"
          r"barge|tug|dhow|warship|frigate|destroyer|submarine|(?i:aframax|suezmax|vlcc|ulcc|"
          r"panamax|capesize|handymax|handysize))")
#: "the Guyana-flagged Nichola", "a Panama-flagged tanker, the Ocean Star".
_FLAGGED = re.compile(r"\b[\w.]+-flagged" + _HS + r"+(?:(?:oil|crude|cargo|chemical|product|"
                      r"gas|container|fishing|bulk)" + _HS + r"+)*(?:" + _CLASS + _HS
                      + r"+|" + _CLASS + r"," + _HS + r"+(?:the" + _HS + r"+)?)?" + _CRAFT_NAME)
#: "Fury, another U.S.-designated vessel,": a name with a ship noun in apposition.
_APPOSED = re.compile(_CRAFT_NAME + r"," + _HS + r"+(?:a|an|another|the|one)" + _HS
                      + r"+(?:[\w.’'-]+" + _HS + r"+){0,4}?" + _CLASS
                      + r"(?=" + _HS + r"*[,;.)—–]|" + _HS + r"+(?:that|which|owned|operated|"
                      r"managed|carrying|flying|registered|flagged|sailing|bound|loaded|built|"
                      r"sanctioned|designated|seized|detained|named|with|under|belonging|"
                      r"linked|chartered|leased|used)\b)")
#: What only ships do: "the Nichola discharged its cargo", "Fury docked in Bandar Abbas".
_SHIP_VERB = re.compile(_CRAFT_NAME + _HS + r"+(?:(?:discharged|unloaded|offloaded|loaded)"
                        + _HS + r"+(?:its" + _HS + r"+|the" + _HS + r"+|a" + _HS
                        + r"+)?(?:cargo|oil|crude|fuel|diesel|gasoline|containers|petroleum)"
                        r"|docked|berthed|moored|ran" + _HS + r"+aground|capsized|sank)\b")
#: "previously named the Spirit of Casper": the vessel's former name.
_FORMER_NAME = re.compile(r"\b(?:previously|formerly|once|originally)" + _HS + r"+(?:named|"
                          r"called|known" + _HS + r"+as|registered" + _HS + r"+as)" + _HS
                          + r"+(?:the" + _HS + r"+)?([A-Z][\w’'-]*(?:" + _HS
                          + r"+(?:of|the|de|del|la)" + _HS + r"+[A-Z][\w’'-]*|" + _HS
                          + r"+[A-Z][\w’'-]*|" + _HS + r"+\d+)*)")
#: "Indonesia AirAsia Flight 8501", "Flight MH17".
_FLIGHT = re.compile(r"\b((?:[A-Z][\w-]*" + _HS + r"+){0,3}Flight" + _HS
                     + r"+[A-Z]{0,3}\d{1,5}[A-Z]?)\b")
_TAIL = re.compile(r"(?<![\w-])(?:(?:[A-Z]{1,2}\d?|\d[A-Z])-[A-Z]{3,5}|N\d{2,5}[A-Z]{0,2})"
                   r"(?![\w-])")
_MODEL = re.compile(
    r"\b(?:Dassault[^\S\r\n]+Falcon(?:[^\S\r\n]+\d+\w*)?|Falcon[^\S\r\n]+\d+\w*|"
    r"Gulfstream(?:[^\S\r\n]+G?[IVX\d]+\w*)?|Boeing[^\S\r\n]+\d{3}(?:-\d+\w*)?|"
    r"Airbus[^\S\r\n]+A\d{3}(?:-\d+\w*)?|(?:Ilyushin[^\S\r\n]+)?Il-\d{2,3}\w*|"
    r"(?:Antonov[^\S\r\n]+)?An-\d{2,3}\w*|Bombardier[^\S\r\n]+(?:Challenger|Global)"
    r"(?:[^\S\r\n]+\d+\w*)?|Embraer[^\S\r\n]+[A-Z]?\w*\d+\w*|Learjet(?:[^\S\r\n]+\d+\w*)?|"
    r"Cessna[^\S\r\n]+(?:Citation[^\S\r\n]+)?\w*\d+\w*|(?:Tupolev[^\S\r\n]+)?Tu-\d+\w*|"
    r"(?:Sukhoi[^\S\r\n]+)?Su-\d+\w*|Lockheed[^\S\r\n]+[A-Z]+-?\d+\w*|Hawker[^\S\r\n]+\d+\w*|"
    r"Beechcraft[^\S\r\n]+\w+|Pilatus[^\S\r\n]+PC-\d+)")
_AIR_CONTEXT = re.compile(
    r"\b(?:plane|planes|jet|jets|aircraft|airliner|helicopter|flight|flew|registered|"
    r"registration|tail|airport|landed|landing|took\s+off|take\s+off|cockpit|pilot|"
    r"Falcon|Gulfstream|Boeing|Airbus|Ilyushin|Antonov|Bombardier|Embraer|Learjet|Cessna)\b",
    re.I)
_GENERIC_AIR = re.compile(
    r"\b(?:[Tt]he|[Aa]n?|[Tt]his|[Tt]hat)[^\S\r\n]+(?:(?:private|executive|business|cargo|"
    r"charter|chartered|small|military|presidential|civilian|passenger|same|mysterious)"
    r"[^\S\r\n]+)*(?:plane|jet|aircraft|airliner)\b")
_GENERIC_SEA = re.compile(
    r"\b(?:[Tt]he|[Aa]n?|[Tt]his|[Tt]hat)[^\S\r\n]+(?:(?:oil|crude|cargo|container|chemical|"
    r"gas|fishing|seized|detained|same|[\w]+-flagged)[^\S\r\n]+)*"
    r"(?:tanker|ship|vessel|freighter|(?i:aframax|suezmax|vlcc))\b")


def _model_short(model: str) -> str | None:
    """ "Ilyushin Il-76" -> "Il-76"; "Dassault Falcon 900" -> "Dassault Falcon"."""
    parts = model.split()
    if len(parts) >= 2 and re.search(r"\d", parts[-1]) and "-" in parts[-1]:
        return parts[-1]
    if len(parts) >= 3:
        return " ".join(parts[:-1])
    return None



class CraftRules:
    """Methods of the actor finder about vessels and aircraft (``self`` is the finder)."""

    prep: Prepared
    view: str
    crafts: list[tuple[Mention, str]]
    links: list[tuple[str, str]]
    taken: list[tuple[int, int]]
    model_sentences: list[tuple[int, int, int]]

    def _overlaps(self, s: int, e: int) -> bool:  # pragma: no cover - ActorFinder's
        raise NotImplementedError

    def _add_craft(self, si: int, s: int, e: int, kind: str) -> Mention:
        m = Mention(s, e, " ".join(self.view[s:e].split()), si)
        m.votes[kind] += 20
        self.crafts.append((m, kind))
        self.taken.append((s, e))
        return m

    def _crafts(self, si: int, start: int, end: int) -> None:
        v = self.view
        for rx in (_VESSEL_PREFIX, _VESSEL_NOUN):
            for m in rx.finditer(v, start, end):
                name = m.group(1)
                words = name.split()
                while words and words[-1].lower() in CONNECTORS:
                    words.pop()
                if not words or country_name(words[0]) or demonym_country(words[0]) \
                        or gz.is_common(words[0]):
                    continue
                s = m.start() if rx is _VESSEL_PREFIX else m.start(1)
                e = m.start(1) + len(" ".join(words)) if " ".join(words) in name else m.end(1)
                e = m.start(1) + span_len(name, words)
                if self._overlaps(s, e):
                    continue
                mention = self._add_craft(si, s, e, "vessel")
                if rx is _VESSEL_PREFIX:
                    self.links.append((mention.surface, " ".join(words)))
        self._vessels_in_context(si, start, end)
        for m in _FLIGHT.finditer(v, start, end):
            words = m.group(1).split()
            while len(words) > 2 and (gz.is_common(words[0]) or words[0] in ("After", "When")):
                words.pop(0)
            s0 = m.start(1) + span_len(m.group(1), [words[0]]) - len(words[0])
            if not self._overlaps(s0, m.end(1)):
                self._add_craft(si, s0, m.end(1), "aircraft")
        models = [(m.start(), m.end()) for m in _MODEL.finditer(v, start, end)]
        self.model_sentences.extend((si, s, e) for s, e in models)
        tails = [(m.start(), m.end()) for m in _TAIL.finditer(v, start, end)]
        has_context = bool(_AIR_CONTEXT.search(v, start, end)) or bool(models)
        tail_mentions = []
        if has_context:
            for s, e in tails:
                if not self._overlaps(s, e):
                    tail_mentions.append(self._add_craft(si, s, e, "aircraft"))
        for s, e in models:
            if self._overlaps(s, e):
                continue
            mention = self._add_craft(si, s, e, "aircraft")
            short = _model_short(mention.surface)
            if short:
                self.links.append((mention.surface, short))
            if len(tail_mentions) == 1:
                self.links.append((tail_mentions[0].surface, mention.surface))

    def _vessel_name(self, name: str, at: int) -> tuple[int, int] | None:
        """(start, end) of a vessel's name found at ``at``, or None when it is no name."""
        words = name.split()
        while words and words[-1].lower() in CONNECTORS:
            words.pop()
        while words and words[0] in ("The", "A", "An"):
            at += span_len(name, words[:2]) - len(words[1]) if len(words) > 1 else 0
            name = name[name.index(words[1]):] if len(words) > 1 else ""
            words = words[1:]
        if not words or country_name(words[0]) or demonym_country(words[0]) \
                or gz.is_common(words[0]):
            return None
        return at, at + span_len(name, words)

    def _vessels_in_context(self, si: int, start: int, end: int) -> None:
        """Ships the sentence shows as ships without a prefix or a "tanker X"."""
        v = self.view
        vessels: list[Mention] = []
        for rx in (_FLAGGED, _APPOSED, _SHIP_VERB):
            for m in rx.finditer(v, start, end):
                span = self._vessel_name(m.group(1), m.start(1))
                if span is None or self._overlaps(*span):
                    continue
                vessels.append(self._add_craft(si, *span, "vessel"))
        for m in _FORMER_NAME.finditer(v, start, end):
            here = [c for c, kind in self.crafts if kind == "vessel" and c.sentence == si]
            generic = _GENERIC_SEA.search(v, start, m.start())
            span = self._vessel_name(m.group(1), m.start(1))
            if span is None or self._overlaps(*span) or not (here or generic):
                continue
            old = self._add_craft(si, *span, "vessel")
            old.votes["former"] += 1  # an alias, not the name to show
            if here:
                self.links.append((here[-1].surface, old.surface))

    def _pair_tail_and_model(self) -> None:
        """One tail number and one aircraft model a sentence or two apart: one aircraft
        ("a Bombardier Global 6000 ... The jet, registered HB-JRK, ...")."""
        tails = {m.surface: m for m, kind in self.crafts
                 if kind == "aircraft" and _TAIL.fullmatch(m.surface)}
        models = {self.view[s:e]: si for si, s, e in self.model_sentences}
        if len(tails) == 1 and len(models) == 1:
            tail = next(iter(tails.values()))
            model, msi = next(iter(models.items()))
            if abs(tail.sentence - msi) <= 2:
                self.links.append((tail.surface, " ".join(model.split())))

    def _generic_crafts(self, entities: list[Entity]) -> None:
        for kind, rx in (("aircraft", _GENERIC_AIR), ("vessel", _GENERIC_SEA)):
            crafts = [e for e in entities if e.actor_type == kind]
            if len(crafts) != 1:
                continue
            craft = crafts[0]
            for si, sent in enumerate(self.prep.sentences):
                for m in rx.finditer(self.view, sent.start, sent.end):
                    if self._overlaps(m.start(), m.end()) or self._overlaps(
                            m.end(), m.end() + 2):
                        continue  # "the tanker MT Sea Falcon": the name is the mention
                    g = Mention(m.start(), m.end(), m.group(), si, generic=True)
                    craft.mentions.append(g)
            craft.mentions.sort(key=lambda x: x.start)

    # ------------------------------------------------------------------ spans
