"""Grouping mentions into entities: one entity per real-world actor however the article
spells it (an acronym with its expansion, a surname or first name with the full name,
spellings within a small edit distance, "Egypt's Armed Forces" = "Egyptian Armed Forces"),
then the entity's type and display name from its mentions.  A mixin of
:class:`.actors.ActorFinder`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from rapidfuzz import fuzz

from . import gazetteer as gz
from . import lexicon
from .crafts import _TAIL
from .mentions import (
    _AMBIGUOUS,
    INSTITUTIONS,
    LANGUAGE_SUFFIX,
    Entity,
    Mention,
    group_key,
    is_acronym,
    name_key,
)


class GroupingRules:
    """Methods of the actor finder that group mentions (``self`` is the finder)."""

    mentions: list[Mention]
    crafts: list[tuple[Mention, str]]
    links: list[tuple[str, str]]

    def _group(self) -> list[Entity]:
        mentions = list(self.mentions) + [m for m, _ in self.crafts]
        # union-find over surfaces
        parent: dict[str, str] = {}

        def find(k: str) -> str:
            while parent.setdefault(k, k) != k:
                parent[k] = parent[parent[k]]
                k = parent[k]
            return k

        def union(a: str, b: str) -> None:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[rb] = ra

        def key(m: Mention) -> str:
            return "fixed:" + m.fixed_name if m.fixed_name else group_key(m.surface)

        for m in mentions:
            find(key(m))
        for a, b in self.links:
            union(group_key(a), group_key(b))
        fixed_names = {m.fixed_name for m in mentions if m.fixed_name}
        for m in mentions:
            if m.fixed_name in _AMBIGUOUS and _AMBIGUOUS[m.fixed_name] in fixed_names:
                m.fixed_name = _AMBIGUOUS[m.fixed_name]  # "Congo" after "DR Congo"
        for m in mentions:
            if m.fixed_name:
                union("fixed:" + m.fixed_name, group_key(m.surface))
        # people: single names join the full name they belong to
        by_root: dict[str, list[Mention]] = {}
        for m in mentions:
            by_root.setdefault(find(key(m)), []).append(m)
        full_people = []
        for root, ms in by_root.items():
            if any(_words(x) >= 2 and (x.votes["person"] + x.votes["default"] >= 2)
                   for x in ms):
                full_people.append(root)
        counts = {r: len(by_root[r]) for r in by_root}
        for root, ms in list(by_root.items()):
            # "El Gizawy" is a surname with its particle, like "Gizawy"
            if any(_words(x) >= 2 for x in ms) or any(x.fixed_name for x in ms):
                continue
            if any(x.votes["aircraft"] or x.votes["vessel"] for x in ms):
                continue
            single = group_key(ms[0].surface)
            target = self._person_for(single, full_people, by_root, counts)
            if target is not None:
                union(target, root)
        self._short_forms(mentions, find, union, key)
        groups: dict[str, list[Mention]] = {}
        for m in mentions:
            groups.setdefault(find(key(m)), []).append(m)
        entities = [self._entity(ms) for ms in groups.values()]
        _owners_of_crafts(entities)
        return entities

    def _short_forms(self, mentions: list[Mention], find: Callable[[str], str],
                     union: Callable[[str, str], None],
                     key: Callable[[Mention], str]) -> None:
        """Organisations and places named shorter or spelled otherwise in one article:
        "Burisma" / "Burisma Holdings", "Coast Guard" / "Indonesian Coast Guard",
        "MarineTraffic" / "Marine Traffic", "Maritime Bulletin" / "Marine Bulletin".  A bare
        word never joins a vessel or aircraft named after it, nor a place it names."""
        groups: dict[str, list[Mention]] = {}
        for m in mentions:
            groups.setdefault(find(key(m)), []).append(m)
        kinds = {r: _kind(ms) for r, ms in groups.items()}
        names = {r: {group_key(m.surface) for m in ms if not m.generic} for r, ms in groups.items()}
        orgs = [r for r, k in kinds.items() if k in ("organisation", "place")]
        squashed: dict[str, str] = {}
        for r in orgs:
            for n in names[r]:
                other = squashed.setdefault(n.replace(" ", ""), r)
                if other != r and kinds[other] == kinds[r]:
                    union(other, r)
        long_names = [(r, n.split()) for r in orgs for n in names[r] if len(n.split()) >= 2]
        for r in list(groups):
            if kinds[r] not in ("organisation", "place", "default"):
                continue
            for n in names[r]:
                w = n.split()
                # "Burisma" -> the one organisation whose name starts with it;
                # "Napraforgo" -> "Napraforgoblog"; "Parliament" -> "Hungarian Parliament"
                if len(w) == 1 and (kinds[r] == "default" or _barely(groups[r])
                                    or w[0] in INSTITUTIONS):
                    hits = {find(o) for o, ow in long_names if ow[0] == w[0] and find(o) != find(r)
                            and kinds[o] == "organisation"}
                    hits |= {find(o) for o in orgs if kinds[o] == "organisation"
                             and find(o) != find(r) and any(
                                 n != w[0] and n.startswith(w[0]) and lexicon.outlet_shaped(n)
                                 for n in names[o])}
                    if w[0] in INSTITUTIONS:
                        hits |= {find(o) for o, ow in long_names if ow[-1] == w[0]
                                 and find(o) != find(r) and kinds[o] == "organisation"}
                    if len(hits) == 1:
                        union(hits.pop(), r)
                    continue
                if len(w) < 2 or kinds[r] == "default":
                    continue
                # "Coast Guard" -> the one organisation whose name ends with it
                hits = {find(o) for o, ow in long_names if len(ow) > len(w)
                        and ow[-len(w):] == w and find(o) != find(r) and kinds[o] == kinds[r]}
                # "Maritime Bulletin" / "Marine Bulletin": one word spelled otherwise
                hits |= {find(o) for o, ow in long_names if len(ow) == len(w) and ow != w
                         and ow[-1] == w[-1] and kinds[o] == kinds[r] and find(o) != find(r)
                         and _near(ow, w)}
                if len(hits) == 1:
                    union(hits.pop(), r)

    def _person_for(self, single: str, people: list[str], by_root: dict[str, list[Mention]],
                    counts: dict[str, int]) -> str | None:
        by_surname: list[tuple[int, str]] = []
        by_first: list[str] = []
        for root in people:
            names = {x.surface for x in by_root[root] if len(x.surface.split()) >= 2}
            for full in names:
                parts = [name_key(w) for w in full.split()]
                parts = [p for p in parts if p]
                if not parts:
                    continue
                last = parts[-1]
                if last == single or (len(single) >= 5 and len(last) >= 5 and (
                        fuzz.ratio(last, single) >= 85 or _skeleton(last) == _skeleton(single))):
                    n_full = sum(len(x.surface.split()) >= 2 for x in by_root[root])
                    by_surname.append((n_full, root))
                    break
                if parts[0] == single and len(parts) >= 2:
                    by_first.append(root)
                    break
        if by_surname:
            by_surname.sort(key=lambda p: (-p[0], min(x.start for x in by_root[p[1]])))
            return by_surname[0][1]
        if len(set(by_first)) == 1:
            return by_first[0]
        return None

    def _entity(self, ms: list[Mention]) -> Entity:
        ms.sort(key=lambda m: m.start)
        votes: Counter[str] = Counter()
        for m in ms:
            votes.update(m.votes)
        fixed = next((m.fixed_name for m in ms if m.fixed_name), None)
        for kind in ("aircraft", "vessel"):
            if votes[kind]:
                actor_type = kind
                break
        else:
            if fixed and votes["country"] >= 12:
                actor_type = "country"
            else:
                scored = {k: votes[k] for k in ("person", "organisation", "place", "country")}
                # a name-shaped guess counts once for the whole entity, not per mention
                scored["person"] += min(votes["default"], 2)
                actor_type = max(scored, key=lambda k: (scored[k], k == "person"))
                if scored[actor_type] == 0:
                    actor_type = "other"
        surfaces = [m.surface for m in ms if not m.generic and not m.demonym
                    and not m.votes["former"]]
        if not surfaces:
            surfaces = [m.surface for m in ms if not m.generic]
        name = fixed or _display_name(surfaces, actor_type)
        demonym_surfaces = {m.surface for m in ms if m.demonym}
        name_k = group_key(name)
        former = {m.surface for m in ms if m.votes["former"]}
        aliases = {s for s in set(surfaces) | former if s not in demonym_surfaces
                   and group_key(s) != name_k}
        descriptors: set[str] = set()
        for m in ms:
            descriptors |= m.descriptors
        if actor_type == "organisation" and name.split():
            first, last = name.split()[0].lower(), name.split()[-1].lower()
            if last in gz.ORG_HEADS:
                descriptors.add(last)
            if first in gz.ORG_FIRST and " of " in name:
                descriptors.add(first)  # "the office" for "Office of the Attorney General"
        return Entity(key=group_key(name), name=name, actor_type=actor_type,
                      aliases=aliases, mentions=ms, descriptors=descriptors)


def _owners_of_crafts(entities: list[Entity]) -> None:
    """ "Maersk" beside the container ship "Nexoe Maersk": a ship or a plane is named after
    the company that owns it, so the bare word is the company (never the ship), unless
    something in the article says it is a person or a place."""
    craft_words = {w.casefold() for e in entities if e.actor_type in ("vessel", "aircraft")
                   for w in e.name.split() if len(e.name.split()) >= 2}
    for e in entities:
        if e.actor_type != "person" or any(m.votes["person"] for m in e.mentions):
            continue
        parts = [p.casefold() for w in e.name.split() for p in w.split("-")]
        if (len(e.name.split()) == 1 and parts[-1] in craft_words) or (
                len(parts) >= 2 and parts[-1] in craft_words and not any(
                    m.votes["default"] >= 2 and not re.search(r"[-.]", m.surface)
                    for m in e.mentions)):
            e.actor_type = "organisation"


def _words(m: Mention) -> int:
    """Words of a name, not counting a particle ("El Gizawy" has one, "Lawson-Body" one)."""
    return len([w for w in m.surface.split() if name_key(w)])


def _skeleton(name: str) -> str:
    """A spelling skeleton for transliterated names: "Gizawy" = "Gizawi", "Dbeibah" ~."""
    s = name.lower()
    for a, b in (("ou", "u"), ("oo", "u"), ("ee", "i"), ("y", "i"), ("kh", "k"), ("ph", "f"),
                 ("dh", "d"), ("sh", "s"), ("q", "k"), ("w", "u")):
        s = s.replace(a, b)
    return "".join(ch for i, ch in enumerate(s) if i == 0 or ch != s[i - 1])


def _kind(ms: list[Mention]) -> str:
    """What a group of mentions is by its votes, before the entity is built."""
    votes: Counter[str] = Counter()
    for m in ms:
        votes.update(m.votes)
    if votes["vessel"] or votes["aircraft"] or any(m.fixed_name for m in ms):
        return "fixed"
    real = {k: votes[k] for k in ("person", "organisation", "place", "country") if votes[k]}
    if not real:
        return "default"
    return max(real, key=lambda k: real[k])


def _barely(ms: list[Mention]) -> bool:
    """A group whose type rests on one weak hint ("into Burisma": a preposition)."""
    votes: Counter[str] = Counter()
    for m in ms:
        votes.update(m.votes)
    return sum(votes[k] for k in ("person", "organisation", "place", "country")) <= 1 \
        and not any(m.fixed_name for m in ms)


def _near(a: list[str], b: list[str]) -> bool:
    """Two names of as many words, one word apart by a spelling sharing its first letters."""
    diff = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    if len(diff) != 1:
        return False
    x, y = diff[0]
    return x[:3] == y[:3] and fuzz.ratio(" ".join(a), " ".join(b)) >= 85


def _display_name(surfaces: list[str], actor_type: str) -> str:
    if not surfaces:
        return "?"
    counts = Counter(surfaces)
    if actor_type == "person":
        multi = [s for s in surfaces if len(s.split()) >= 2]
        if multi:
            return max(multi, key=lambda s: (counts[s], len(s.split()), -surfaces.index(s)))
        return surfaces[0]
    if actor_type in ("organisation", "place", "vessel"):
        longer = [s for s in surfaces if not is_acronym(s)
                  and s.split()[-1].lower() not in LANGUAGE_SUFFIX]
        if longer:
            return max(longer, key=lambda s: (len(s.split()), counts[s], -surfaces.index(s)))
        return surfaces[0]
    if actor_type == "aircraft":
        tails = [s for s in surfaces if _TAIL.fullmatch(s)]
        if tails:
            return tails[0]
        return max(surfaces, key=lambda s: (len(s), -surfaces.index(s)))
    return max(surfaces, key=lambda s: (counts[s], len(s)))
