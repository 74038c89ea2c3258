"""polgraph stats: rankings and communities checked against an independent NetworkX computation.

The graph NetworkX ranks here is built from SPARQL alone (tests/test_views.py
``person_meetings``), nodes and edges inserted in sorted order, so Louvain with the same
seed must find the same communities.
"""
from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph

from conftest import invoke, run_polgraph, shared_dir
from polgraph.stats import compute_stats, render_stats
from test_views import SEEDS, _rows, person_meetings

TOPICS_Q = """
SELECT ?t ?label ?s (COUNT(DISTINCT ?pos) AS ?n) WHERE {
  ?p a pg:Person ; pg:holdsPosition ?pos . ?pos pg:onTopic ?t ; pg:stance ?s .
  ?t a pg:Topic ; rdfs:label ?label }
GROUP BY ?t ?label ?s"""


def _weighted(pairs: dict[tuple[str, str], set[str]]) -> nx.Graph:
    g = nx.Graph()
    g.add_nodes_from(sorted({n for pair in pairs for n in pair}))
    for (a, b) in sorted(pairs):
        g.add_edge(a, b, weight=len(pairs[(a, b)]))
    return g


def _countries(g: Graph, pairs: dict[tuple[str, str], set[str]]) -> dict[tuple[str, str], set[str]]:
    country: dict[str, set[str]] = defaultdict(set)
    for p, c in _rows(g, "SELECT ?p ?c WHERE { ?p pg:holdsPost/pg:postIn ?c . ?c a pg:Country }"):
        country[p].add(c)
    links: dict[tuple[str, str], set[str]] = defaultdict(set)
    for (a, b), ms in pairs.items():
        for x in country[a]:
            for y in country[b]:
                if x != y:
                    links[(min(x, y), max(x, y))] |= ms
    return links


def _check(graph: Graph) -> None:
    stats = compute_stats(graph, top=1000)
    pairs = person_meetings(graph)
    people = _weighted(pairs)
    met = {n: set().union(*(pairs[(min(n, o), max(n, o))] for o in people[n])) for n in people}
    # people: degree (distinct counterparts), then meetings; the ranking is nx's degree order
    assert [(r.iri, r.counterparts, r.meetings) for r in stats.people] == sorted(
        ((n, people.degree(n), len(met[n])) for n in people),
        key=lambda t: (-t[1], -t[2], next(r.label for r in stats.people if r.iri == t[0]), t[0]))
    assert len(stats.people) == people.number_of_nodes()
    # countries
    links = _countries(graph, pairs)
    countries = _weighted(links)
    assert {(r.iri, r.counterparts) for r in stats.countries} == {
        (n, countries.degree(n)) for n in countries}
    degrees = [r.counterparts for r in stats.countries]
    assert degrees == sorted(degrees, reverse=True)
    # topics and their stance split
    split: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for t, _label, s, n in _rows(graph, TOPICS_Q):
        split[t][s.rsplit("#", 1)[-1]] += int(n)
    assert {(t.iri, t.support, t.oppose, t.neutral) for t in stats.topics} == {
        (t, d["Support"], d["Oppose"], d["Neutral"]) for t, d in split.items()}
    totals = [t.positions for t in stats.topics]
    assert totals == sorted(totals, reverse=True)
    # communities: Louvain, same seed, same insertion order
    expected = nx.community.louvain_communities(people, weight="weight", seed=stats.seed)
    assert {frozenset(c.iris) for c in stats.communities} == {frozenset(c) for c in expected}


def test_stats_on_the_seeds_match_networkx() -> None:
    _check(Graph().parse(SEEDS, format="turtle"))


@pytest.mark.slow
def test_stats_on_the_dev_corpus_match_networkx(tmp_path: Path) -> None:
    corpus = shared_dir() / "corpus" / "dev"
    if not corpus.is_dir():
        pytest.skip(f"the dev corpus is missing ({corpus})")
    out = tmp_path / "dev.ttl"
    done = run_polgraph(["build", corpus, "-o", out])
    assert done.returncode in (0, 1) and out.is_file(), done.stderr
    graph = Graph().parse(out, format="turtle")
    _check(graph)
    printed = run_polgraph(["stats", out, "--top", "5"])
    assert printed.returncode == 0, printed.stderr
    stats = compute_stats(graph, top=5)
    for heading in ("Most connected people", "Most connected countries",
                    "Topics with the most positions", "Communities of people who meet"):
        assert heading in printed.stdout
    assert stats.people[0].label in printed.stdout and stats.topics[0].label in printed.stdout


def test_stats_command_table_and_json() -> None:
    table = invoke(["stats", SEEDS, "--top", "3"])
    assert table.exit_code == 0, table.output
    assert "Most connected people" in table.stdout and "Louvain, seed 42" in table.stdout
    as_json = invoke(["stats", SEEDS, "--format", "json"])
    data = json.loads(as_json.stdout)
    assert set(data) >= {"people", "countries", "topics", "communities", "totals"}
    expected = compute_stats(Graph().parse(SEEDS, format="turtle"))
    assert data["people"][0]["iri"] == expected.people[0].iri
    assert render_stats(expected, "json") == as_json.stdout


def test_stats_are_deterministic() -> None:
    g = Graph().parse(SEEDS, format="turtle")
    assert compute_stats(g) == compute_stats(g)
