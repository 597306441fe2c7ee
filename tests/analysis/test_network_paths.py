"""Who matters and how actors are connected: centrality, communities and paths over the
actor graph, on the demo board and on small boards of our own."""

from __future__ import annotations

import networkx as nx
import pytest

from evidenceboard.analysis.network import (
    _LAST_COMMUNITIES,
    AnalysisCancelled,
    actor_graph,
    betweenness,
    centrality,
    communities,
    eigenvector,
)
from evidenceboard.analysis.paths import (
    NameNotFound,
    common_neighbours,
    ego_network,
    find_actor,
    find_paths,
)
from evidenceboard.demo import demo_edit
from evidenceboard.model import Board, Card, Citation, Edit, Link, Source
from evidenceboard.model.edits import drawn_link, move_cards, rename_card


@pytest.fixture(scope="module")
def demo() -> Board:
    board = Board()
    board.apply(demo_edit())
    return board


def test_khalifa_haftar_ranks_first_by_degree(demo: Board):
    result = centrality(demo)
    first = result.rows[0]
    assert first.title == "Khalifa Haftar"
    assert first.degree == max(r.degree for r in result.rows)
    assert first.degree > result.rows[1].degree
    # every row is an actor and the table is as big as the board's actors
    assert {r.card for r in result.rows} == {c.id for c in demo.cards.values()
                                            if c.kind == "actor"}
    assert not result.estimated


def test_centralities_equal_networkx_on_the_same_graph(demo: Board):
    g = actor_graph(demo)
    ours, k = betweenness(g)
    assert k == g.number_of_nodes()
    ref = nx.betweenness_centrality(g, weight="distance")
    assert max(abs(ours[v] - ref[v]) for v in g) < 1e-12
    eig = eigenvector(g)
    ref_e = nx.eigenvector_centrality(g, weight="weight", max_iter=1000)
    assert max(abs(eig[v] - ref_e[v]) for v in g) < 1e-9


def test_ties_are_weighted_by_independent_origins():
    # two articles relay one report (one origin), a third reports on its own
    texts = ["Ann Lee met Bo Park, according to a report by the Daily Star.",
             "Ann Lee met Bo Park, according to a report by the Daily Star, today.",
             "Ann Lee met Bo Park in Oslo, the Herald learned."]
    sources = [Source.create(t, title=f"S{i}") for i, t in enumerate(texts)]
    a = Card.create("actor", "Ann Lee")
    b = Card.create("actor", "Bo Park")
    link = Link.create(a.id, b.id, label="met", kind="relation")
    cites = [Citation.create(s, 0, len(s.text), link_id=link.id) for s in sources]
    board = Board()
    board.apply(Edit("t", (*sources, a, b, link, *cites)))
    g = actor_graph(board)
    assert g.edges[a.id, b.id]["weight"] == 2  # the Daily Star once, the Herald
    assert g.edges[a.id, b.id]["links"] == (link.id,)


def test_sampled_betweenness_says_so_and_cancel_stops_it():
    g = nx.gnm_random_graph(60, 150, seed=3)
    g = nx.relabel_nodes(g, {i: f"n{i:03d}" for i in g})
    for u, v in g.edges:
        g.edges[u, v]["distance"] = 1.0
    _, k = betweenness(g, samples=20)
    assert k == 20
    calls = []
    with pytest.raises(AnalysisCancelled):
        betweenness(g, progress=lambda d, t: calls.append(d), cancelled=lambda: bool(calls))
    assert len(calls) == 1


def test_communities_are_seeded_and_group_the_board(demo: Board):
    first = communities(demo)
    _LAST_COMMUNITIES.clear()  # (found again, not the kept result)
    again = communities(demo)
    assert again is not first
    assert [c.members for c in first.clusters] == [c.members for c in again.clusters]
    assert len(first.clusters) >= 2 and first.modularity > 0.2
    sizes = [len(c.members) for c in first.clusters]
    assert sizes == sorted(sizes, reverse=True)
    haftar = find_actor(demo, "Khalifa Haftar")
    assert first.cluster_of(haftar.id) is not None
    assert first.clusters[first.by_card[haftar.id] - 1].name == "Khalifa Haftar"


def test_communities_are_kept_until_the_actor_graph_changes():
    """The view asks for communities after every edit: a move gives the kept result, a
    new tie between two communities is found again (and joins them or not by Louvain)."""
    board = Board()
    board.apply(demo_edit())
    first = communities(board)
    a, b = (board.cards[m[0]] for m in (first.clusters[0].members, first.clusters[-1].members))
    board.apply(move_cards(board, {a.id: (a.x + 500.0, a.y - 300.0)}))
    assert communities(board) is first
    board.apply(rename_card(b, b.title + " (renamed)"))
    renamed = communities(board)
    assert renamed is not first
    assert any(b.title + " (renamed)" in c.titles for c in renamed.clusters)
    g = actor_graph(board)
    c, d = next((u, v) for u in g for v in g
                if u < v and g.degree(u) and g.degree(v) and not g.has_edge(u, v))
    src = next(iter(board.sources.values()))
    board.apply(drawn_link(c, d, (src, 0, 5)))  # a new tie
    assert actor_graph(board).has_edge(c, d)
    assert communities(board) is not renamed


def test_a_path_from_haftar_to_barnea_carries_exact_quotes(demo: Board):
    a = find_actor(demo, "Khalifa Haftar")
    z = find_actor(demo, "david barnea")  # case does not matter
    result = find_paths(demo, a.id, z.id, max_hops=4)
    assert result.shortest
    for chain in result.paths:
        assert chain.cards[0] == a.id and chain.cards[-1] == z.id
        for hop in chain.hops:
            assert hop.quotes, hop
            for q in hop.quotes:
                assert demo.sources[q.source].text[q.start:q.end] == q.quote
    # longer paths come after the shortest, never shorter
    n = len(result.shortest[0].hops)
    assert all(len(p.hops) == n for p in result.shortest)
    assert all(n < len(p.hops) <= 4 for p in result.others)
    # the denial Dbeibah -> Barnea is said to be one
    last = result.shortest[0].hops[-1]
    assert any("denial" in w for w in last.warnings)
    js = result.shortest[0].as_json(demo)
    assert js[0] == {"card": a.id, "title": "Khalifa Haftar"}
    assert js[1]["quotes"] and {"source", "quote"} <= set(js[1]["quotes"][0])


def test_a_contradicted_hop_says_so():
    src = Source.create("Kim met Lou in Rome. Lou denied ever meeting Kim.")
    kim, lou = Card.create("actor", "Kim"), Card.create("actor", "Lou")
    c1 = Card.create("claim", "Kim met Lou in Rome")
    c2 = Card.create("claim", "Lou denied ever meeting Kim")
    link = Link.create(kim.id, lou.id, label="met", kind="relation")
    contra = Link.create(c2.id, c1.id, kind="denies", label="denies")
    s1 = Citation.create(src, 0, 20, card_id=c1.id)
    s2 = Citation.create(src, 21, 49, card_id=c2.id)
    l1 = Citation.create(src, 0, 20, link_id=link.id)
    board = Board()
    board.apply(Edit("t", (src, kim, lou, c1, c2, link, contra, s1, s2, l1)))
    chain = find_paths(board, kim.id, lou.id).shortest[0]
    warnings = " ".join(chain.hops[0].warnings)
    assert "contradicted by" in warnings and "Lou denied ever meeting Kim" in warnings
    assert "one independent origin" in warnings
    assert chain.hops[0].claims[0].contradicted_by == (c2.id,)


def test_names_match_titles_and_aliases_or_say_why_not(demo: Board):
    assert find_actor(demo, "  KHALIFA   haftar ").title == "Khalifa Haftar"
    dbeibah = find_actor(demo, "Dbeibah")
    assert dbeibah.title == "Abdulhamid Dbeibah"
    with pytest.raises(NameNotFound, match="no actor"):
        find_actor(demo, "Nobody At All")
    with pytest.raises(NameNotFound):
        find_actor(demo, "")


def test_no_path_and_bad_ends(demo: Board):
    g = actor_graph(demo)
    isolated = next(v for v in g if g.degree(v) == 0)
    haftar = find_actor(demo, "Khalifa Haftar")
    assert find_paths(demo, haftar.id, isolated).paths == ()
    claim = next(c for c in demo.cards.values() if c.kind == "claim")
    with pytest.raises(ValueError, match="two actors"):
        find_paths(demo, haftar.id, claim.id)


def test_ego_network_and_common_neighbours(demo: Board):
    g = actor_graph(demo)
    haftar = find_actor(demo, "Khalifa Haftar")
    ego = ego_network(demo, haftar.id, 1)
    assert haftar.id in ego
    assert {v for v in ego if v in demo.cards} == {haftar.id, *g[haftar.id]}
    assert all(demo.links[i].from_id in ego and demo.links[i].to_id in ego
               for i in ego if i in demo.links)
    two = ego_network(demo, haftar.id, 2)
    assert ego < two
    israel = find_actor(demo, "Israel")
    common = common_neighbours(demo, [haftar.id, israel.id])
    assert common and all(v in g[haftar.id] and v in g[israel.id] for v in common)


def test_arranging_by_community_puts_each_community_in_its_own_block(demo: Board):
    from evidenceboard.analysis.layout import overlaps
    from evidenceboard.analysis.network import community_positions
    from evidenceboard.model.edits import move_cards
    groups = communities(demo)
    positions = community_positions(demo, groups)
    assert set(positions) == set(groups.by_card)
    board = Board.from_entities(list(demo.entities()))
    board.apply(move_cards(board, positions))
    moved = [board.cards[c] for c in positions]
    assert overlaps(moved) == []

    def box(cluster):
        cs = [board.cards[c] for c in cluster.members]
        return (min(c.x for c in cs), min(c.y for c in cs),
                max(c.x + c.width for c in cs), max(c.y + c.height for c in cs))

    boxes = [box(cl) for cl in groups.clusters]
    for i, a in enumerate(boxes):  # blocks never overlap one another
        for b in boxes[i + 1:]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
