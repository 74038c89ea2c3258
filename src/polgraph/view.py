"""Draw a polgraph graph as one self-contained, offline HTML page (the overview).

Kept for existing callers; the views live in :mod:`polgraph.views` (overview, ego
network, stance map, counterpart network), where the safety rules are written down:
document text reaches the page only as escaped JSON and is shown as text, the page
carries vis-network inline, makes no network request and has a strict CSP.
"""
from __future__ import annotations

from pathlib import Path

import networkx as nx
from rdflib import Graph

from polgraph.views import NODE_KINDS, STANCES, ViewSummary, render_view
from polgraph.views.data import collect_graph_data
from polgraph.views.networks import overview_network

__all__ = ["NODE_KINDS", "STANCES", "ViewSummary", "graph_to_network", "render_html"]


def graph_to_network(graph: Graph) -> nx.MultiDiGraph[str]:
    """Turn a polgraph graph into the overview network that :func:`render_html` draws.

    Nodes are people, meetings, countries, organizations, places and topics, keyed by
    IRI, with attributes ``kind``, ``label``, ``title`` (plain-text tooltip) and
    ``details`` (the details panel). Posts are collapsed into ``post`` edges
    person -> country/organization labelled with the role title; positions become
    ``stance`` edges person -> topic with attribute ``stance`` (``Support``, ``Oppose``
    or ``Neutral``) and the evidence in ``title``.
    """
    return overview_network(collect_graph_data(graph))


def render_html(graph: Graph, out: Path, *, title: str = "polgraph") -> ViewSummary:
    """Write the overview of ``graph`` as one self-contained interactive page.

    Args:
        graph: a graph in the shape ``polgraph build`` emits.
        out: the HTML file to write (replaced atomically).
        title: the page title and heading (escaped).

    Returns:
        The path written, node and edge counts, and the page size in bytes.
    """
    return render_view(graph, out, title=title, mode="overview")


