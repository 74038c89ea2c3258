"""Rankings over a polgraph graph, computed with NetworkX.

* **Most connected people**: degree in the network of people who met (two people met
  when both attend or convene one meeting, or one ``pg:meets`` the other; see
  :mod:`polgraph.views.networks`), i.e. the number of distinct counterparts; ties are
  broken by the number of meetings with counterparts, then by name.
* **Most connected countries**: the same over countries (a person counts for every
  country in which they hold a post; meetings between people of one country do not count).
* **Topics**: the number of positions stated on each topic, split by stance.
* **Communities of people who meet**: ``networkx.community.louvain_communities`` on the
  people network weighted by the number of meetings, with a fixed seed; nodes and edges
  are inserted in sorted order so the result is reproducible.

Example:
    >>> stats = compute_stats(graph, top=5)  # doctest: +SKIP
    >>> print(render_stats(stats, "table"))  # doctest: +SKIP
"""
from __future__ import annotations

import json
import logging
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any, Final

import networkx as nx
from rdflib import Graph

from polgraph.views.data import GraphData, collect_graph_data
from polgraph.views.networks import ViewFilter, counterpart_network

__all__ = ["Community", "GraphStats", "Ranked", "TopicCount", "compute_stats", "people_network",
           "render_stats"]

logger = logging.getLogger(__name__)

DEFAULT_SEED: Final = 42


@dataclass(frozen=True, slots=True)
class Ranked:
    """A person or country with its number of counterparts and of meetings with them."""

    iri: str
    label: str
    counterparts: int
    meetings: int


@dataclass(frozen=True, slots=True)
class TopicCount:
    """A topic with the number of positions on it, by stance."""

    iri: str
    label: str
    positions: int
    support: int
    oppose: int
    neutral: int


@dataclass(frozen=True, slots=True)
class Community:
    """A Louvain community of people who meet; members most connected first."""

    size: int
    members: list[str]
    iris: list[str]


@dataclass(frozen=True, slots=True)
class GraphStats:
    """What ``polgraph stats`` prints."""

    people: list[Ranked]
    countries: list[Ranked]
    topics: list[TopicCount]
    communities: list[Community]
    totals: dict[str, int] = field(default_factory=dict)
    seed: int = DEFAULT_SEED


def _sorted_copy(net: nx.Graph[str]) -> nx.Graph[str]:
    """The same graph with nodes and edges inserted in sorted order (for reproducible Louvain)."""
    out: nx.Graph[str] = nx.Graph()
    out.add_nodes_from(sorted(net))
    for a, b in sorted((min(a, b), max(a, b)) for a, b in net.edges()):
        out.add_edge(a, b, weight=net.edges[a, b]["weight"])
    return out


def people_network(data: GraphData, flt: ViewFilter | None = None) -> nx.Graph[str]:
    """People linked by meetings held (weight = distinct meetings), in sorted order."""
    return _sorted_copy(counterpart_network(data, by="person", flt=flt))


def _ranked(net: nx.Graph[str], labels: dict[str, str], top: int) -> list[Ranked]:
    rows = []
    for node in net:
        meetings: set[str] = set()
        for _, _, d in net.edges(node, data=True):
            meetings.update(d["meetings"])
        rows.append(Ranked(node, labels[node], net.degree(node), len(meetings)))
    rows.sort(key=lambda r: (-r.counterparts, -r.meetings, r.label, r.iri))
    return rows[:top]


def compute_stats(graph: Graph | GraphData, *, top: int = 10, seed: int = DEFAULT_SEED,
                  flt: ViewFilter | None = None) -> GraphStats:
    """Compute the rankings and communities (see the module docstring).

    Args:
        graph: a polgraph graph, or its records.
        top: how many people, countries, topics and communities to keep.
        seed: the Louvain seed.
        flt: date range (meetings and positions) and country filters.
    """
    data = graph if isinstance(graph, GraphData) else collect_graph_data(graph)
    flt = flt or ViewFilter()
    people = counterpart_network(data, by="person", flt=flt)
    countries = counterpart_network(data, by="country", flt=flt)
    counts: dict[str, Counter[str]] = {}
    for pos in data.positions.values():
        if not flt.in_range(pos.date):
            continue
        if flt.country and not data.has_post_in(pos.person, flt.country):
            continue
        counts.setdefault(pos.topic, Counter())[pos.stance] += 1
    topics = sorted(
        (TopicCount(t, data.label[t], sum(c.values()), c["Support"], c["Oppose"], c["Neutral"])
         for t, c in counts.items()),
        key=lambda t: (-t.positions, -t.support - t.oppose, t.label, t.iri))[:top]
    ordered = _sorted_copy(people)
    communities = []
    if ordered.number_of_edges():
        found = nx.community.louvain_communities(ordered, weight="weight", seed=seed)
        for members in found:
            ranked = sorted(members, key=lambda n: (-ordered.degree(n), data.label[n], n))
            communities.append(Community(len(ranked), [data.label[n] for n in ranked], ranked))
        communities.sort(key=lambda c: (-c.size, c.members[0]))
    kinds = Counter(data.kind.values())
    totals = {name: kinds[k] for k, name in (("person", "people"), ("meeting", "meetings"),
                                             ("country", "countries"), ("topic", "topics"))}
    totals.update(positions=sum(sum(c.values()) for c in counts.values()),
                  people_who_met=people.number_of_nodes(), communities=len(communities))
    logger.info("stats: %s", totals)
    return GraphStats(_ranked(people, data.label, top), _ranked(countries, data.label, top),
                      topics, communities[:top], totals, seed)


def _table(headers: list[str], rows: list[list[Any]]) -> str:
    cells = [headers] + [[" ".join(str(c).split()) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    numeric = [all(str(r[i]).isdigit() for r in rows) and bool(rows) for i in range(len(headers))]

    def line(row: list[str]) -> str:
        return "  ".join(c.rjust(w) if num else c.ljust(w)
                         for c, w, num in zip(row, widths, numeric)).rstrip()

    return "\n".join([line(cells[0]), line(["-" * w for w in widths]), *map(line, cells[1:])])


def render_stats(stats: GraphStats, fmt: str = "table", *, members: int = 8) -> str:
    """Text of ``polgraph stats``: ``table`` (aligned columns) or ``json``."""
    if fmt == "json":
        return json.dumps(asdict(stats), ensure_ascii=False, indent=2) + "\n"
    parts = [
        "Totals: " + ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in stats.totals.items()),
        "",
        "Most connected people (counterparts met)",
        _table(["#", "person", "counterparts", "meetings"],
               [[i, r.label, r.counterparts, r.meetings] for i, r in enumerate(stats.people, 1)]),
        "",
        "Most connected countries (counterpart countries)",
        _table(["#", "country", "counterparts", "meetings"],
               [[i, r.label, r.counterparts, r.meetings]
                for i, r in enumerate(stats.countries, 1)]),
        "",
        "Topics with the most positions",
        _table(["#", "topic", "positions", "support", "oppose", "neutral"],
               [[i, t.label, t.positions, t.support, t.oppose, t.neutral]
                for i, t in enumerate(stats.topics, 1)]),
        "",
        f"Communities of people who meet (Louvain, seed {stats.seed})",
        _table(["#", "size", "members (most connected first)"],
               [[i, c.size, ", ".join(c.members[:members])
                 + (f", … +{c.size - members}" if c.size > members else "")]
                for i, c in enumerate(stats.communities, 1)]),
    ]
    return "\n".join(parts) + "\n"
