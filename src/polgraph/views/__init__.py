"""Interactive network views of a polgraph graph: overview, ego network, stance map, counterparts.

The flow is::

    rdflib.Graph --collect_graph_data--> GraphData --<view>_network--> networkx graph
                 --aggregate_network (big views)--> --render_page (pyvis)--> page.html

``data`` reads the graph, ``networks`` builds one networkx graph per view, ``layout``
precomputes positions for big views, ``page`` is the only module that imports pyvis.
:func:`build_view` returns the network a page would draw (tests compare it with SPARQL),
:func:`render_view` writes the page.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Literal

import networkx as nx
from rdflib import Graph

from polgraph.views.data import GraphData, collect_graph_data
from polgraph.views.networks import (
    ViewError,
    ViewFilter,
    aggregate_network,
    counterpart_network,
    ego_network,
    overview_network,
    resolve_person,
    resolve_topic,
    stance_network,
)
from polgraph.views.page import (
    NODE_KINDS,
    PHYSICS_LIMIT,
    STANCES,
    LegendItem,
    ViewSummary,
    legend_for,
    render_page,
)

__all__ = [
    "DEFAULT_MAX_NODES",
    "MODES",
    "NODE_KINDS",
    "PHYSICS_LIMIT",
    "STANCES",
    "View",
    "ViewError",
    "ViewFilter",
    "ViewSummary",
    "build_view",
    "choose_mode",
    "collect_graph_data",
    "render_view",
]

logger = logging.getLogger(__name__)

Mode = Literal["overview", "ego", "stance", "counterparts"]
MODES: Final[tuple[str, ...]] = ("overview", "ego", "stance", "counterparts")
#: Views with more nodes than this are drawn as clusters (communities) of nodes.
DEFAULT_MAX_NODES: Final = 2500

_KIND_ORDER: Final = ("person", "post", "meeting", "country", "organization", "place", "topic",
                      "cluster")


@dataclass(frozen=True, slots=True)
class View:
    """A view's network, ready to draw, with the words around it."""

    network: nx.Graph[str]
    title: str
    note: str
    legend: list[LegendItem]


def _legend(net: nx.Graph[str], mode: str) -> list[LegendItem]:
    if mode == "overview":
        kinds = [k for k in NODE_KINDS]
    else:
        present = {d.get("kind") for _, d in net.nodes(data=True)}
        kinds = [k for k in _KIND_ORDER if k in present]
    if "cluster" in {d.get("kind") for _, d in net.nodes(data=True)} and "cluster" not in kinds:
        kinds.append("cluster")
    extra = []
    if mode == "counterparts":
        extra.append(LegendItem("Meetings held (line width = number)", "#555555", line="solid"))
    return legend_for(kinds, stances=mode in ("overview", "ego", "stance"), extra=extra)


def _filter_words(flt: ViewFilter) -> str:
    words = []
    if flt.since or flt.until:
        words.append(f"dates {flt.since or '…'} to {flt.until or '…'}")
    if flt.country:
        words.append(f"country {flt.country.upper()}")
    return ("; " + ", ".join(words)) if words else ""


def choose_mode(mode: str, *, person: str | None, topic: str | None) -> Mode:
    """Resolve ``auto``: ego with a person, stance with a topic, else overview.

    Raises:
        ViewError: the mode is unknown, or the options do not fit it.
    """
    if mode == "auto":
        if person and topic:
            raise ViewError("give --person (ego network) or --topic (stance map), not both")
        return "ego" if person else "stance" if topic else "overview"
    if mode not in MODES:
        raise ViewError(f"unknown view {mode!r}; choose one of auto, {', '.join(MODES)}")
    if person and mode != "ego":
        raise ViewError(f"--person is for the ego view, not {mode!r}")
    if topic and mode != "stance":
        raise ViewError(f"--topic is for the stance view, not {mode!r}")
    return mode  # type: ignore[return-value]


def build_view(
    graph: Graph | GraphData,
    *,
    mode: Mode = "overview",
    person: str | None = None,
    depth: int = 1,
    topic: str | None = None,
    narrower: bool = True,
    by: Literal["country", "person"] = "country",
    flt: ViewFilter | None = None,
    max_nodes: int | None = DEFAULT_MAX_NODES,
) -> View:
    """Build the network one view draws.

    Args:
        graph: a polgraph graph (or its records from :func:`collect_graph_data`).
        mode: ``overview``, ``ego`` (needs ``person``), ``stance`` (needs ``topic``) or
            ``counterparts``.
        person: ego view: a person's name (or part of it, if unique) or IRI.
        depth: ego view: how many steps out from the person.
        topic: stance view: a topic label or altLabel of the topic scheme, or an IRI.
        narrower: stance view: include positions on narrower topics.
        by: counterparts view: link ``country`` or ``person`` nodes.
        flt: date range and country filters.
        max_nodes: above this many nodes, draw clusters of nodes instead (None: never).

    Raises:
        ViewError: a person or topic is not found (or is ambiguous), or options clash.
    """
    data = graph if isinstance(graph, GraphData) else collect_graph_data(graph)
    flt = flt or ViewFilter()
    net: nx.Graph[str]
    if mode == "overview":
        net = overview_network(data, flt)
        title, note = "polgraph overview", "People, meetings, countries and topics; size = links"
    elif mode == "ego":
        if not person:
            raise ViewError("the ego view needs a person: --person NAME")
        iri = resolve_person(data, person)
        net = ego_network(data, iri, depth=depth, flt=flt)
        title = f"Ego network: {data.label[iri]}"
        note = f"Posts, meetings, counterparts and positions within {depth} step(s)"
    elif mode == "stance":
        if not topic:
            raise ViewError("the stance map needs a topic: --topic LABEL")
        iri = resolve_topic(data, topic)
        net = stance_network(data, iri, narrower=narrower, flt=flt)
        title = f"Stance map: {net.nodes[iri]['label']}"
        note = ("Who supports, opposes or is neutral" +
                (", including narrower topics" if narrower else ""))
    elif mode == "counterparts":
        net = counterpart_network(data, by=by, flt=flt)
        title = f"Counterpart network ({'countries' if by == 'country' else 'people'})"
        note = "Linked by meetings held; line width and label = number of meetings"
    else:
        raise ViewError(f"unknown view {mode!r}; choose one of {', '.join(MODES)}")
    net.graph["view"] = mode
    note += _filter_words(flt)
    if max_nodes is not None and net.number_of_nodes() > max_nodes:
        shown = aggregate_network(net, max_nodes=max_nodes)
        note += (f"; {net.number_of_nodes()} nodes shown as {shown.number_of_nodes()} "
                 "clusters and nodes (search finds members)")
        net = shown
    return View(net, title, note, _legend(net, mode))


def render_view(graph: Graph | GraphData, out: Path, *, title: str | None = None,
                physics_limit: int = PHYSICS_LIMIT, **options: object) -> ViewSummary:
    """Build a view (options as for :func:`build_view`) and write it as one offline page.

    Example:
        >>> render_view(graph, Path("ego.html"), mode="ego", person="Miro Cerar")  # doctest: +SKIP
        ViewSummary(path=PosixPath('ego.html'), nodes=12, edges=14, bytes=745012)
    """
    view = build_view(graph, **options)  # type: ignore[arg-type]
    return render_page(view.network, out, title=title or view.title, note=view.note,
                       legend=view.legend, physics_limit=physics_limit)
