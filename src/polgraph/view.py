r"""Draw a polgraph graph as one self-contained, offline HTML page.

The only module that imports pyvis. The flow is::

    rdflib.Graph --graph_to_network--> networkx.MultiDiGraph --render_html--> page.html

Safety rules, each one checked by ``tests/test_view.py``:

* Every text taken from documents (labels, role titles, evidence, document titles)
  reaches the page only inside the JSON that pyvis embeds with Jinja's ``tojson``
  (``<``, ``>``, ``&`` and ``'`` become ``\u003c`` etc., so ``</script>`` cannot end
  the script) and vis-network shows it as text: tooltips are plain strings, which
  vis-network puts into ``innerText``, never HTML elements.
* pyvis switches to an ``innerHTML`` popup when a node title contains ``href``; this
  module renders pyvis's template itself with that switch held off, and with an
  empty heading (pyvis inserts the heading raw). The page's title and heading are
  static text chosen by the caller, escaped.
* pyvis 0.3.2 links Bootstrap (and, in some modes, vis-network) from CDNs even with
  ``cdn_resources="in_line"``: every external ``<link>``/``<script src>`` is removed,
  the result is checked, and a Content-Security-Policy allows only the page's own
  inline scripts (by hash), so the page makes no network request at all.
"""
from __future__ import annotations

import base64
import hashlib
import html
import logging
import os
import re
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import networkx as nx
from pyvis.network import Network
from rdflib import Graph
from rdflib.query import ResultRow

from polgraph.errors import PolgraphError

__all__ = ["ViewSummary", "graph_to_network", "render_html"]

logger = logging.getLogger(__name__)

_PREFIXES: Final = """
PREFIX pg:   <https://w3id.org/polgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""
_PG: Final = "https://w3id.org/polgraph/ontology#"

# ---------------------------------------------------------------------------
# Kinds, stances and their colours (Okabe-Ito palette, colour-blind safe; kinds
# also differ by shape, stances also by edge label and dash pattern).
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Style:
    """How one node kind or one stance is drawn and named in the legend."""

    name: str
    color: str
    shape: str = "dot"


#: Node kinds in priority order: a node typed both Country and Organization is a country.
NODE_KINDS: Final[Mapping[str, _Style]] = {
    "person": _Style("Person", "#E69F00", "dot"),
    "meeting": _Style("Meeting", "#56B4E9", "diamond"),
    "country": _Style("Country", "#009E73", "square"),
    "organization": _Style("Organization", "#F0E442", "triangle"),
    "place": _Style("Place", "#CC79A7", "triangleDown"),
    "topic": _Style("Topic", "#000000", "star"),
}

#: Stance IRI local name -> (verb for the edge label, style).
STANCES: Final[Mapping[str, tuple[str, _Style]]] = {
    "Support": ("supports", _Style("Support", "#0072B2")),
    "Oppose": ("opposes", _Style("Oppose", "#D55E00")),
    "Neutral": ("neutral on", _Style("Neutral", "#999999")),
}

_STRUCTURE_COLOR: Final = "#C8C8C8"

_EDGE_NAMES: Final[Mapping[str, str]] = {
    "post": "holds a post in",
    "attends": "attends",
    "meets": "meets",
    "convenedBy": "convened by",
    "location": "held in",
    "inCountry": "in country",
    "partOf": "part of",
    "hasTopic": "has topic",
}

# ---------------------------------------------------------------------------
# SPARQL (static text only: data is never pasted into a query)
# ---------------------------------------------------------------------------

_Q_NODES: Final = _PREFIXES + """
SELECT ?node ?kind ?label WHERE {
  VALUES (?class ?kind) {
    (pg:Person "person") (pg:Meeting "meeting") (pg:Country "country")
    (pg:Organization "organization") (pg:Place "place") (pg:Topic "topic")
  }
  ?node a ?class .
  FILTER(isIRI(?node))
  OPTIONAL { ?node rdfs:label|skos:prefLabel ?label }
}
"""

_Q_NODE_DETAILS: Final = _PREFIXES + """
SELECT ?node ?what ?value WHERE {
  {
    ?node pg:holdsPost ?post .
    OPTIONAL { ?post rdfs:label ?postLabel }
    OPTIONAL { ?post pg:roleTitle ?role }
    BIND("Post" AS ?what) BIND(COALESCE(?postLabel, ?role) AS ?value)
  } UNION {
    ?node pg:countryCode ?value . BIND("Country code" AS ?what)
  } UNION {
    ?node pg:date ?value . BIND("Date" AS ?what)
  } UNION {
    ?node pg:meetingKind ?mk . BIND("Kind" AS ?what) BIND(STRAFTER(STR(?mk), "#") AS ?value)
  } UNION {
    ?node prov:wasDerivedFrom ?doc .
    OPTIONAL { ?doc pg:title ?docTitle }
    OPTIONAL { ?doc pg:source ?docSource }
    BIND("Source" AS ?what) BIND(COALESCE(?docTitle, ?docSource) AS ?value)
  }
  FILTER(BOUND(?value))
}
"""

_Q_EDGES: Final = _PREFIXES + """
SELECT ?kind ?source ?target ?label WHERE {
  {
    ?source pg:holdsPost ?post . ?post pg:postIn ?target .
    OPTIONAL { ?post pg:roleTitle ?label }
    BIND("post" AS ?kind)
  }
  UNION { ?source pg:attends ?target .    BIND("attends" AS ?kind) }
  UNION { ?source pg:meets ?target .      BIND("meets" AS ?kind) }
  UNION { ?source pg:convenedBy ?target . BIND("convenedBy" AS ?kind) }
  UNION { ?source pg:location ?target .   BIND("location" AS ?kind) }
  UNION { ?source pg:inCountry ?target .  BIND("inCountry" AS ?kind) }
  UNION { ?source pg:partOf ?target .     BIND("partOf" AS ?kind) }
  UNION { ?source pg:hasTopic ?target .   BIND("hasTopic" AS ?kind) }
}
ORDER BY ?kind ?source ?target ?label
"""

_Q_STANCES: Final = _PREFIXES + """
SELECT ?position ?person ?topic ?stance ?evidence ?meetingLabel ?meetingDate
       ?docTitle ?docSource ?docDate WHERE {
  ?person pg:holdsPosition ?position .
  ?position pg:onTopic ?topic ; pg:stance ?stance .
  OPTIONAL { ?position pg:evidence ?evidence }
  OPTIONAL {
    ?position pg:statedAt ?meeting .
    OPTIONAL { ?meeting rdfs:label ?meetingLabel }
    OPTIONAL { ?meeting pg:date ?meetingDate }
  }
  OPTIONAL {
    ?position prov:wasDerivedFrom ?doc .
    OPTIONAL { ?doc pg:title ?docTitle }
    OPTIONAL { ?doc pg:source ?docSource }
    OPTIONAL { ?doc pg:datePublished ?docDate }
  }
}
ORDER BY ?position ?docTitle ?docSource ?docDate ?meetingLabel ?meetingDate
"""

# ---------------------------------------------------------------------------
# Graph -> networkx
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ViewSummary:
    """What :func:`render_html` drew and where."""

    path: Path
    nodes: int
    edges: int
    bytes: int


def _text(value: object) -> str | None:
    """Return the lexical form of an RDF term from a result row, or None if unbound."""
    return None if value is None else str(value)


def _rows(graph: Graph, query: str) -> Iterable[ResultRow]:
    """Run a static SELECT query and yield its rows."""
    for row in graph.query(query):
        assert isinstance(row, ResultRow)
        yield row


def _fallback_label(iri: str) -> str:
    """Return a display name for a node without a label: the IRI's last segment."""
    return re.split(r"[/#]", iri.rstrip("/#"))[-1] or iri


def _collect_nodes(graph: Graph) -> dict[str, dict[str, Any]]:
    """Find every drawable node with its kind and a single, deterministic label."""
    priority = {kind: rank for rank, kind in enumerate(NODE_KINDS)}
    nodes: dict[str, dict[str, Any]] = {}
    for row in _rows(graph, _Q_NODES):
        iri, kind, label = str(row.node), str(row.kind), _text(row.label)
        current = nodes.get(iri)
        if current is None:
            nodes[iri] = {"kind": kind, "labels": set()}
        elif priority[kind] < priority[current["kind"]]:
            current["kind"] = kind
        if label:
            nodes[iri]["labels"].add(label)
    return {
        iri: {
            "kind": info["kind"],
            "label": min(info["labels"]) if info["labels"] else _fallback_label(iri),
        }
        for iri, info in nodes.items()
    }


def _node_details(graph: Graph, nodes: Mapping[str, Any]) -> dict[str, list[str]]:
    """Return sorted ``"What: value"`` tooltip lines for every node that has some."""
    lines: dict[str, set[str]] = {}
    for row in _rows(graph, _Q_NODE_DETAILS):
        iri = str(row.node)
        if iri in nodes:
            lines.setdefault(iri, set()).add(f"{row.what}: {row.value}")
    return {iri: sorted(found) for iri, found in lines.items()}


def _node_title(label: str, kind: str, details: list[str]) -> str:
    """Plain-text tooltip of a node (shown by vis-network with innerText)."""
    return "\n".join([label, NODE_KINDS[kind].name, *details])


def _stance_title(row: ResultRow, verb: str, person: str, topic: str) -> str:
    """Plain-text tooltip of a stance edge: who, what, the evidence and where it is from."""
    lines = [f"{person} {verb} {topic}"]
    if row.evidence is not None:
        lines.append(f"“{row.evidence}”")
    if row.meetingLabel is not None or row.meetingDate is not None:
        when = f" ({row.meetingDate})" if row.meetingDate is not None else ""
        lines.append(f"Stated at: {row.meetingLabel or 'a meeting'}{when}")
    document = _text(row.docTitle) or _text(row.docSource)
    if document is not None:
        when = f" ({row.docDate})" if row.docDate is not None else ""
        lines.append(f"Document: {document}{when}")
    return "\n".join(lines)


def _add_structure_edges(graph: Graph, network: nx.MultiDiGraph[str]) -> None:
    """Add post, attends, meets, convenedBy, location, inCountry, partOf, hasTopic edges."""
    seen_meets: set[frozenset[str]] = set()
    for row in _rows(graph, _Q_EDGES):
        kind, source, target = str(row.kind), str(row.source), str(row.target)
        if source not in network or target not in network or source == target:
            continue
        if kind == "meets":  # symmetric: draw each pair once
            pair = frozenset((source, target))
            if pair in seen_meets:
                continue
            seen_meets.add(pair)
        label = _text(row.label) if kind == "post" else None
        key = f"{kind}:{label}" if label else kind
        if network.has_edge(source, target, key):
            continue
        network.add_edge(
            source, target, key=key, kind=kind, stance=None, label=label or "",
            title=f"{network.nodes[source]['label']} {_EDGE_NAMES[kind]} "
            f"{network.nodes[target]['label']}" + (f"\nRole: {label}" if label else ""),
        )


def _add_stance_edges(graph: Graph, network: nx.MultiDiGraph[str]) -> None:
    """Add one person -> topic edge per position, coloured by stance, evidence in the tooltip."""
    for row in _rows(graph, _Q_STANCES):
        person, topic, position = str(row.person), str(row.topic), str(row.position)
        stance = str(row.stance).removeprefix(_PG)
        if person not in network or topic not in network or stance not in STANCES:
            logger.debug("position %s not drawn (stance %s)", position, stance)
            continue
        if network.has_edge(person, topic, position):
            continue  # one position with two documents or dates: keep the first row
        verb, _style = STANCES[stance]
        title = _stance_title(
            row, verb, network.nodes[person]["label"], network.nodes[topic]["label"]
        )
        network.add_edge(
            person, topic, key=position, kind="stance", stance=stance, label=verb, title=title
        )


def graph_to_network(graph: Graph) -> nx.MultiDiGraph[str]:
    """Turn a polgraph graph into the network that :func:`render_html` draws.

    Nodes are people, meetings, countries, organizations, places and topics, keyed by
    IRI, with attributes ``kind``, ``label`` and ``title`` (plain-text tooltip). Posts
    are collapsed into ``post`` edges person -> country/organization labelled with the
    role title; positions become ``stance`` edges person -> topic with attribute
    ``stance`` (``Support``, ``Oppose`` or ``Neutral``) and the evidence in ``title``.

    Args:
        graph: a graph in the shape ``polgraph build`` emits (docs/graph-shape.md).

    Returns:
        A MultiDiGraph; each edge has ``kind``, ``stance``, ``label`` and ``title``.
    """
    network: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    nodes = _collect_nodes(graph)
    details = _node_details(graph, nodes)
    for iri in sorted(nodes):
        kind, label = nodes[iri]["kind"], nodes[iri]["label"]
        network.add_node(
            iri, kind=kind, label=label, title=_node_title(label, kind, details.get(iri, []))
        )
    _add_structure_edges(graph, network)
    _add_stance_edges(graph, network)
    logger.info(
        "network: %d nodes, %d edges", network.number_of_nodes(), network.number_of_edges()
    )
    return network


# ---------------------------------------------------------------------------
# networkx -> pyvis -> HTML
# ---------------------------------------------------------------------------

_STABILIZATION_ITERATIONS: Final = 400

_STOP_PHYSICS_JS: Final = """
(function () {
  "use strict";
  function stop() {
    network.setOptions({ physics: false });
    window.polgraphStable = true;
  }
  if (typeof network === "undefined" || network === null) { return; }
  if (network.body.data.nodes.length === 0) { stop(); return; }  // nothing to stabilise
  network.once("stabilizationIterationsDone", stop);
}());
"""

_PAGE_CSS: Final = """
body { margin: 0; font-family: system-ui, sans-serif; }
#polgraph-header { padding: 0.5em 1em; }
#polgraph-header h1 { font-size: 1.4em; margin: 0 0 0.3em 0; }
#polgraph-legend { display: flex; flex-wrap: wrap; gap: 0.3em 1.2em; font-size: 0.9em;
  list-style: none; margin: 0; padding: 0; }
#polgraph-legend .swatch { display: inline-block; width: 0.9em; height: 0.9em;
  margin-right: 0.3em; vertical-align: middle; border: 1px solid #555; }
#polgraph-legend .line { display: inline-block; width: 1.8em; height: 0;
  margin-right: 0.3em; vertical-align: middle; border-top: 3px solid; }
div.vis-tooltip { white-space: pre-wrap; max-width: 40em; }
"""

_EXTERNAL_TAG: Final = re.compile(
    r"""<link\b[^>]*>"""  # stylesheets: the page has none of its own; all go
    r"""|<script\b[^>]*\bsrc\s*=[^>]*>\s*</script\s*>""",
    re.IGNORECASE,
)
_EXTERNAL_ATTR: Final = re.compile(r"""\b(?:src|href)\s*=\s*["']?\s*(?:[a-z][a-z0-9+.-]*:)?//""",
                                   re.IGNORECASE)
_SCRIPT: Final = re.compile(r"<script\b[^>]*>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_EMPTY_HEADING: Final = re.compile(r"<center>\s*<h1>\s*</h1>\s*</center>\s*", re.IGNORECASE)


def _vis_options(node_count: int) -> dict[str, Any]:
    """vis-network options: physics that stabilises before drawing and then stops."""
    return {
        "physics": {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 120},
            "stabilization": {
                "enabled": True,
                "iterations": _STABILIZATION_ITERATIONS if node_count <= 500 else 150,
                "updateInterval": 25,
                "fit": True,
            },
        },
        "layout": {"improvedLayout": node_count <= 300, "randomSeed": 7},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": node_count > 500},
        "edges": {"font": {"size": 10, "align": "middle"}, "smooth": {"type": "continuous"}},
        "nodes": {"font": {"size": 14}},
    }


_MAX_LABEL: Final = 60


def _shorten(label: str) -> str:
    """Shorten a long label for drawing; the tooltip keeps the full text."""
    return label if len(label) <= _MAX_LABEL else label[: _MAX_LABEL - 1].rstrip() + "…"


def _to_pyvis(network: nx.MultiDiGraph[str]) -> Network:
    """Copy the networkx graph into a pyvis Network with colours, shapes and tooltips."""
    net = Network(height="80vh", width="100%", directed=True, cdn_resources="in_line", heading="")
    for iri, data in network.nodes(data=True):
        style = NODE_KINDS[data["kind"]]
        net.add_node(iri, label=_shorten(data["label"]), title=data["title"], shape=style.shape,
                     color=style.color, size=18 if data["kind"] == "topic" else 14)
    # pyvis asserts node membership in O(n) per edge; build edge dicts directly instead.
    for source, target, data in network.edges(data=True):
        if data["kind"] == "stance":
            stance_style = STANCES[data["stance"]][1]
            edge = {"color": stance_style.color, "width": 3,
                    "dashes": data["stance"] == "Oppose",
                    "font": {"color": stance_style.color, "strokeWidth": 3}}
        else:
            edge = {"color": _STRUCTURE_COLOR, "width": 1}
        edge.update({"from": source, "to": target, "arrows": "to",
                     "title": data["title"], "label": _shorten(data["label"])})
        if not edge["label"]:
            del edge["label"]
        net.edges.append(edge)
    net.options = _vis_options(network.number_of_nodes())
    return net


def _render_template(net: Network) -> str:
    """Render pyvis's template, holding off its raw heading and its innerHTML popup."""
    nodes, edges, _heading, height, width, options = net.get_network_data()
    template = net.templateEnv.get_template(net.path)
    rendered: str = template.render(
        height=height, width=width, nodes=nodes, edges=edges, heading="", options=options,
        physics_enabled=True, use_DOT=False, dot_lang="", widget=False, bgcolor=net.bgcolor,
        conf=False, tooltip_link=False, neighborhood_highlight=False, select_menu=False,
        filter_menu=False, notebook=False, cdn_resources="in_line",
    )
    return rendered


def _legend_html() -> str:
    """Return the static legend: node kinds (colour and shape name) and stance colours."""
    items = [
        f'<li><span class="swatch" style="background:{style.color}"></span>'
        f"{html.escape(style.name)} ({html.escape(style.shape)})</li>"
        for style in NODE_KINDS.values()
    ]
    items += [
        f'<li><span class="line" style="border-color:{style.color}'
        f'{";border-top-style:dashed" if key == "Oppose" else ""}"></span>'
        f"{html.escape(style.name)}</li>"
        for key, (_verb, style) in STANCES.items()
    ]
    return '<ul id="polgraph-legend" aria-label="Legend">' + "".join(items) + "</ul>"


def _strip_external(page: str) -> str:
    """Remove every <link> and <script src>, then fail if any external reference is left."""
    page, removed = _EXTERNAL_TAG.subn("", page)
    logger.debug("removed %d external <link>/<script src> tags", removed)
    outside_scripts = _SCRIPT.sub("", page)
    leftover = _EXTERNAL_ATTR.search(outside_scripts)
    if leftover:
        raise PolgraphError(
            f"the page still refers to an external resource ({leftover.group(0)!r}); "
            "pyvis's template changed: update polgraph.view._EXTERNAL_TAG"
        )
    return page


def _csp(page: str) -> str:
    """Return a Content-Security-Policy allowing only the page's own inline scripts, by hash."""
    hashes = sorted(
        {
            "'sha256-"
            + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
            + "'"
            for body in _SCRIPT.findall(page)
        }
    )
    return (
        "default-src 'none'; "
        f"script-src {' '.join(hashes)}; "
        "style-src 'unsafe-inline'; img-src data: blob:; font-src data:; "
        "connect-src 'none'; form-action 'none'; base-uri 'none'"
    )


def _finish_page(page: str, title: str) -> str:
    """Make pyvis's page self-contained and static: head, legend, physics stop, CSP."""
    page = _strip_external(page)
    header = (
        f'<div id="polgraph-header"><h1>{html.escape(title)}</h1>{_legend_html()}</div>\n'
    )
    page, headings = _EMPTY_HEADING.subn("", page)
    logger.debug("removed %d empty pyvis headings", headings)
    page = page.replace("<body>", "<body>\n" + header, 1)
    body_end = page.rindex("</body>")
    page = page[:body_end] + f"<script>{_STOP_PHYSICS_JS}</script>\n" + page[body_end:]
    head = (
        f"<title>{html.escape(title)}</title>\n"
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<style>{_PAGE_CSS}</style>\n"
    )
    page = page.replace("</head>", head + "</head>", 1)
    csp = f'<meta http-equiv="Content-Security-Policy" content="{html.escape(_csp(page))}">'
    page = re.sub(r'<meta charset="utf-8">', lambda m: m.group(0) + "\n" + csp, page, count=1)
    if not page.lstrip().lower().startswith("<!doctype"):
        page = "<!DOCTYPE html>\n" + page
    return page


def _write_atomically(out: Path, text: str) -> int:
    """Write ``text`` as UTF-8 to ``out`` via a temporary file and os.replace; return bytes."""
    data = text.encode("utf-8")
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return len(data)


def render_html(graph: Graph, out: Path, *, title: str = "polgraph") -> ViewSummary:
    """Write the graph as one self-contained interactive page that needs no network.

    People, meetings, countries, organizations, places and topics are coloured (and
    shaped) by kind; stance edges are coloured by stance (Okabe-Ito blue / vermillion
    / grey) with the evidence in their tooltip. Physics stabilises, then stops.

    Args:
        graph: a graph in the shape ``polgraph build`` emits.
        out: the HTML file to write (replaced atomically).
        title: the page title and heading: static text, never document text.

    Returns:
        The path written, node and edge counts, and the page size in bytes.

    Example:
        >>> render_html(graph, Path("graph.html"))  # doctest: +SKIP
        ViewSummary(path=PosixPath('graph.html'), nodes=12, edges=19, bytes=512345)

    """
    network = graph_to_network(graph)
    page = _finish_page(_render_template(_to_pyvis(network)), title)
    size = _write_atomically(out, page)
    summary = ViewSummary(
        path=out, nodes=network.number_of_nodes(), edges=network.number_of_edges(), bytes=size
    )
    logger.info("wrote %s: %d nodes, %d edges, %d bytes", out, summary.nodes, summary.edges, size)
    return summary
