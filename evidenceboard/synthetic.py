"""Realistic synthetic boards for benchmarks and scale tests.

Mixed kinds, title and quote lengths like real ones, citations into generated sources
and a clustered layout (investigations grow in clusters around a few busy actors).
The same seed always gives the same board.
"""

from __future__ import annotations

import math
import random
import uuid
from pathlib import Path

from .model import Card, Citation, Entity, Link, Setting, Source, sha256_text
from .store import create_board_file

_FIRST = ["Amira", "Boris", "Chen", "Dalia", "Emre", "Farah", "Gideon", "Hana", "Ivan",
          "Jamal", "Karim", "Lena", "Malik", "Nadia", "Omar", "Petra", "Rami", "Sara",
          "Tariq", "Yusuf"]
_LAST = ["Haddad", "Novak", "Okafor", "Petrov", "Rahman", "Silva", "Tanaka", "Urban",
         "Valdez", "Weiss", "Yilmaz", "Zayed", "Mansour", "Khoury", "Ibrahim"]
_ORG = ["Ministry of Ports", "Harbour Authority", "Northern Shipping Ltd", "Atlas Holdings",
        "Central Bank", "Coast Guard", "Press Agency", "Defence Ministry", "Oil Company",
        "Customs Office"]
_PLACE = ["Tripoli", "Benghazi", "Cairo", "Amman", "Valletta", "Limassol", "Izmir",
          "Tunis", "Piraeus", "Marseille"]
_WORDS = ["report", "said", "officials", "met", "secretly", "to", "discuss", "the", "shipment", "of", "arms", "and", "fuel", "according", "to", "documents", "seen", "by", "reporters", "who", "asked", "not", "to", "be", "named", "because", "the", "talks", "were", "confidential", "while", "the", "ministry", "denied", "any", "meeting", "took", "place", "and", "the", "company", "declined", "to", "comment", "on", "the", "allegations"]
_COLORS = [None, None, None, "#f4d35e", "#ee964b", "#9bc1bc", "#e6aace"]


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _prose(words: list[str], rng: random.Random) -> str:
    """Words as an article: sentences of 8 to 30 words, paragraphs of 2 to 5 sentences
    (real articles have short sentences; quotes and attribution cues are found per
    sentence)."""
    paragraphs, sentences, i = [], [], 0
    while i < len(words):
        n = rng.randint(8, 30)
        sentences.append(" ".join(words[i:i + n]).capitalize() + ".")
        i += n
        if len(sentences) >= rng.randint(2, 5):
            paragraphs.append(" ".join(sentences))
            sentences = []
    if sentences:
        paragraphs.append(" ".join(sentences))
    return "\n\n".join(paragraphs)


def synthetic_entities(cards: int, links: int, seed: int = 1,
                       kinds: str = "mixed") -> list[Entity]:
    """``kinds="actors"``: every card an actor (the worst case of the actor graph:
    network analysis over all cards and links)."""
    rng = random.Random(seed)
    n_sources = max(1, min(200, cards // 50))
    sources = []
    for s in range(n_sources):
        words = [rng.choice(_WORDS) for _ in range(rng.randint(300, 900))]
        text = f"Report {s + 1}\n\n" + _prose(words, random.Random(seed * 7919 + s))
        sources.append(Source(id=_uuid(rng), text=text, sha256=sha256_text(text),
                              title=f"Report {s + 1}", outlet="Synthetic Wire",
                              published=f"2021-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"))
    out: list[Entity] = [Setting("name", f"Synthetic board ({cards} cards)"), *sources]
    n_clusters = max(1, int(math.sqrt(cards) / 2))
    centres = [(rng.uniform(-1, 1) * math.sqrt(cards) * 260, rng.uniform(-1, 1)
                * math.sqrt(cards) * 160) for _ in range(n_clusters)]
    card_list: list[Card] = []
    for i in range(cards):
        cx, cy = centres[i % n_clusters]
        spread = 120 * math.sqrt(cards / n_clusters)
        x = round(cx + rng.gauss(0, spread), 1)
        y = round(cy + rng.gauss(0, spread * 0.6), 1)
        r = rng.random()
        if kinds == "actors":
            r = r * 0.45
        if r < 0.45:
            t = rng.choice(["person", "person", "organisation", "place", "country",
                            "vessel", "aircraft"])
            if t == "person":
                title = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
            elif t == "organisation":
                title = rng.choice(_ORG)
            elif t == "vessel":
                title = f"MV {rng.choice(_LAST)} Star"
            elif t == "aircraft":
                title = f"5A-{rng.randint(100, 999)}"
            else:
                title = rng.choice(_PLACE)
            card = Card(id=_uuid(rng), kind="actor", title=title, x=x, y=y, width=200,
                        height=72, actor_type=t, color=rng.choice(_COLORS))
        elif r < 0.9:
            quote = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(8, 40)))
            card = Card(id=_uuid(rng), kind="claim", title=quote.capitalize() + ".",
                        x=x, y=y, width=260, height=120, stance=rng.choice(
                            ["asserts"] * 5 + ["denies"]),
                        speaker=f"{rng.choice(_FIRST)} {rng.choice(_LAST)}")
        else:
            card = Card(id=_uuid(rng), kind="note", title="Note " + str(i),
                        body=" ".join(rng.choice(_WORDS) for _ in range(rng.randint(5, 30))),
                        x=x, y=y, width=200, height=100, color="#fff3b0")
        card_list.append(card)
        out.append(card)
        if card.kind != "note":
            src = rng.choice(sources)
            start = rng.randrange(0, max(1, len(src.text) - 80))
            end = start + rng.randint(20, 79)
            out.append(Citation(id=_uuid(rng), source_id=src.id, quote=src.text[start:end],
                                start=start, end=end, card_id=card.id))
    if cards >= 2:
        for _ in range(links):
            a = rng.randrange(cards)
            # Most links stay inside a cluster: pick a neighbour index of the same cluster.
            b = (a + n_clusters * rng.randint(1, 6)) % cards if rng.random() < 0.85 \
                else rng.randrange(cards)
            if a == b:
                b = (b + 1) % cards
            link = Link(id=_uuid(rng), from_id=card_list[a].id, to_id=card_list[b].id,
                        label=rng.choice(["met", "paid", "owns", "states", "about", ""]),
                        kind="relation", confidence=rng.choice(
                            ["confirmed", "unconfirmed", "unconfirmed", "disputed"]))
            out.append(link)
            if rng.random() < 0.7:
                src = rng.choice(sources)
                start = rng.randrange(0, max(1, len(src.text) - 80))
                end = start + rng.randint(20, 79)
                out.append(Citation(id=_uuid(rng), source_id=src.id,
                                    quote=src.text[start:end], start=start, end=end,
                                    link_id=link.id))
    return out


def write_synthetic_board(path: Path, *, cards: int, links: int, seed: int = 1,
                          kinds: str = "mixed") -> Path:
    return create_board_file(path, synthetic_entities(cards, links, seed, kinds))
