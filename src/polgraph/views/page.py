r"""Draw a view's networkx graph as one self-contained, offline HTML page with pyvis.

The only module that imports pyvis. Safety rules, each checked by the tests:

* Document text (labels, role titles, evidence, document titles) reaches the page only
  as JSON: inside the node and edge lists that pyvis embeds with Jinja's ``tojson``, and
  in one ``<script type="application/json">`` block written with the same escaping
  (``<``, ``>``, ``&``, ``'`` become ``\u003c`` etc., so ``</script>`` cannot end it).
  Tooltips are plain strings (vis-network shows them with ``innerText``); the search
  box and the details panel build their elements with ``textContent`` only.
* The page's own script is static text; the page's title and heading are escaped.
* pyvis switches to an ``innerHTML`` popup when a title contains ``href`` and inserts
  its heading raw: this module renders pyvis's template itself with both held off.
* pyvis 0.3.2 links Bootstrap from a CDN even with ``cdn_resources="in_line"``: every
  external ``<link>``/``<script src>`` is removed, the result is checked, and a
  Content-Security-Policy allows only the page's own inline scripts (by hash), so the
  page makes no network request at all.

Big views (more than :data:`PHYSICS_LIMIT` nodes, or clustered) get positions computed in Python
(:mod:`polgraph.views.layout`) and are drawn with physics off, straight edges, edges
hidden while dragging or zooming and no labels when zoomed out. Small views stabilise
with physics in the browser, which is then switched off. Either way the page sets
``window.polgraphStable`` and ``window.polgraphTimes`` (``firstDraw``, ``stable``, in
milliseconds since navigation start) for tests and benchmarks.
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
import logging
import math
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import networkx as nx
from pyvis.network import Network

from polgraph.errors import PolgraphError
from polgraph.views.layout import precompute_layout

__all__ = ["EXTRA_KINDS", "NODE_KINDS", "PHYSICS_LIMIT", "STANCES", "ViewSummary", "render_page"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class _Style:
    """How one node kind or one stance is drawn and named in the legend."""

    name: str
    color: str
    shape: str = "dot"


# Okabe-Ito palette (colour-blind safe); kinds also differ by shape, stances also by dash
# pattern and edge label.
#: Node kinds of the overview, in priority order.
NODE_KINDS: Final[Mapping[str, _Style]] = {
    "person": _Style("Person", "#E69F00", "dot"),
    "meeting": _Style("Meeting", "#56B4E9", "diamond"),
    "country": _Style("Country", "#009E73", "square"),
    "organization": _Style("Organization", "#F0E442", "triangle"),
    "place": _Style("Place", "#CC79A7", "triangleDown"),
    "topic": _Style("Topic", "#000000", "star"),
}
#: Kinds drawn only by some views.
EXTRA_KINDS: Final[Mapping[str, _Style]] = {
    "post": _Style("Post", "#FFFFFF", "box"),
    "cluster": _Style("Cluster", "#BBBBBB", "hexagon"),
}
#: Stance IRI local name -> (verb for the edge label, style).
STANCES: Final[Mapping[str, tuple[str, _Style]]] = {
    "Support": ("supports", _Style("Support", "#0072B2")),
    "Oppose": ("opposes", _Style("Oppose", "#D55E00")),
    "Neutral": ("neutral on", _Style("Neutral", "#999999")),
}
_DASHES: Final[Mapping[str, Any]] = {"Support": False, "Oppose": [10, 6], "Neutral": [2, 5]}
_LEGEND_LINE: Final[Mapping[str, str]] = {"Support": "solid", "Oppose": "dashed",
                                           "Neutral": "dotted"}
_STRUCTURE_COLOR: Final = "#C8C8C8"
_COUNTERPART_COLOR: Final = "#555555"

#: Views with more nodes than this get a precomputed layout and no physics.
PHYSICS_LIMIT: Final = 600
_MAX_LABEL: Final = 60


@dataclass(frozen=True, slots=True)
class ViewSummary:
    """What a page drew and where."""

    path: Path
    nodes: int
    edges: int
    bytes: int


def _style(kind: str) -> _Style:
    return NODE_KINDS.get(kind) or EXTRA_KINDS[kind]


def _shorten(label: str) -> str:
    """Shorten a long label for drawing; the tooltip keeps the full text."""
    return label if len(label) <= _MAX_LABEL else label[: _MAX_LABEL - 1].rstrip() + "…"


# ---------------------------------------------------------------------------
# networkx -> vis-network data
# ---------------------------------------------------------------------------


def _node_sizes(net: nx.Graph[str]) -> dict[str, float]:
    weighted = net.graph.get("view") == "counterparts"
    degree = dict(net.degree(weight="weight" if weighted else None))
    sizes = {}
    for node, data in net.nodes(data=True):
        base = data.get("size_hint", degree.get(node, 0))
        sizes[node] = min(48.0, 10.0 + 4.0 * math.sqrt(max(float(base), 0.0)))
    return sizes


def _node_dicts(net: nx.Graph[str], positions: Mapping[str, tuple[float, float]] | None,
                large: bool) -> list[dict[str, Any]]:
    sizes = _node_sizes(net)
    center = net.graph.get("center")
    out = []
    for node, data in net.nodes(data=True):
        kind = data["kind"]
        item: dict[str, Any] = {"id": node, "label": _shorten(data["label"]),
                                "title": data["title"], "size": round(sizes[node], 1)}
        if kind == "cluster":
            item.update(shape=EXTRA_KINDS["cluster"].shape,
                        color=_style(data.get("main_kind", "person")).color)
        else:
            item["group"] = kind
        if large and kind != "cluster":  # the details panel has the rest
            item["title"] = "\n".join(data["title"].split("\n")[:2])
        if node == center:
            item.update(size=max(item["size"], 30.0), borderWidth=4, font={"size": 18})
        if positions is not None:
            x, y = positions[node]
            item.update(x=x, y=y)
        out.append(item)
    return out


def _edge_dicts(net: nx.Graph[str], large: bool) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    parallel: dict[frozenset[str], int] = defaultdict(int)
    edges, details = [], {}
    for i, (source, target, data) in enumerate(net.edges(data=True)):
        eid = f"e{i}"
        kind, weight = data["kind"], data.get("weight", 1) or 1
        edge: dict[str, Any]
        if kind == "stance":
            style = STANCES[data["stance"]][1]
            edge = {"color": style.color, "width": 3, "dashes": _DASHES[data["stance"]],
                    "font": {"color": style.color, "strokeWidth": 3}}
        elif kind in ("counterpart", "aggregate"):
            edge = {"color": _COUNTERPART_COLOR if kind == "counterpart" else "#888888",
                    "width": round(min(14.0, 1.0 + 2.0 * math.sqrt(max(weight - 1, 0))), 1)}
        else:
            edge = {}
        edge.update({"id": eid, "from": source, "to": target, "title": data["title"]})
        label = _shorten(data.get("label") or "")
        if label and not large:
            edge["label"] = label
        pair = frozenset((source, target))
        if parallel[pair] and not large:
            edge["smooth"] = {"type": "curvedCW", "roundness": 0.18 * parallel[pair]}
        parallel[pair] += 1
        edges.append(edge)
        if kind != "stance" and kind not in ("counterpart", "aggregate") and not data.get("label"):
            continue  # the page makes these from the tooltip's first line
        details[eid] = data.get("details")
    return edges, details


def _search_index(net: nx.Graph[str]) -> list[list[str]]:
    entries = []
    for node, data in net.nodes(data=True):
        entries.append([data["label"], node, ""])
        for _member, member_label in data.get("members", ()):
            entries.append([member_label, node, f"in {data['label']}"])
    entries.sort(key=lambda e: (e[0].casefold(), e[1]))
    return entries


def _groups() -> dict[str, Any]:
    """vis-network groups: one per node kind (shape and colour), so nodes carry only a name."""
    groups: dict[str, Any] = {k: {"shape": st.shape, "color": st.color} for k, st in NODE_KINDS.items()}
    groups["topic"]["font"] = {"color": "#000000"}
    groups["post"] = {"shape": "box", "color": {"background": "#FFFFFF", "border": "#555555"},
                      "font": {"size": 12}}
    return groups


def _vis_options(node_count: int, *, large: bool, directed: bool) -> dict[str, Any]:
    """vis-network options: stabilise (small views) or draw a precomputed layout (big)."""
    edges: dict[str, Any] = {
        "color": {"color": _STRUCTURE_COLOR, "highlight": "#555555", "hover": "#888888"},
        "width": 1, "font": {"size": 10, "align": "middle"},
        "smooth": False if large else {"type": "continuous"},
    }
    if directed:
        edges["arrows"] = "to"
    if large:
        return {
            "physics": {"enabled": False},
            "layout": {"improvedLayout": False, "randomSeed": 7},
            "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": True,
                            "hideEdgesOnZoom": True},
            "edges": edges,
            "nodes": {"font": {"size": 12},
                      "scaling": {"label": {"enabled": False, "drawThreshold": 9}}},
            "groups": _groups(),
        }
    return {
        "physics": {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 120},
            "stabilization": {"enabled": True, "iterations": 400 if node_count <= 300 else 200,
                              "updateInterval": 25, "fit": True},
        },
        "layout": {"improvedLayout": node_count <= 300, "randomSeed": 7},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": node_count > 300},
        "edges": edges,
        "nodes": {"font": {"size": 14}},
        "groups": _groups(),
    }


def _to_pyvis(nodes: list[dict[str, Any]], edges: list[dict[str, Any]],
              options: dict[str, Any], directed: bool) -> Network:
    """A pyvis Network holding prepared node and edge dicts (pyvis's add_node is O(n))."""
    net = Network(height="80vh", width="100%", directed=directed, cdn_resources="in_line",
                  heading="")
    net.nodes = nodes
    net.node_ids = [n["id"] for n in nodes]
    net.node_map = {n["id"]: n for n in nodes}
    net.edges = edges
    net.options = options
    return net


def _render_template(net: Network) -> str:
    """Render pyvis's template, holding off its raw heading, its innerHTML popup and its
    loading bar (the page's header shows the layout's progress instead)."""
    nodes, edges, _heading, height, width, options = net.get_network_data()
    template = net.templateEnv.get_template(net.path)
    rendered: str = template.render(
        height=height, width=width, nodes=nodes, edges=edges, heading="", options=options,
        physics_enabled=False, use_DOT=False, dot_lang="", widget=False, bgcolor=net.bgcolor,
        conf=False, tooltip_link=False, neighborhood_highlight=False, select_menu=False,
        filter_menu=False, notebook=False, cdn_resources="in_line",
    )
    return rendered


# ---------------------------------------------------------------------------
# The page around the network: header, legend, search, details panel, script
# ---------------------------------------------------------------------------

_PAGE_JS: Final = r"""
(function () {
  "use strict";
  var info = JSON.parse(document.getElementById("polgraph-data").textContent);
  var panel = document.getElementById("polgraph-details");
  var input = document.getElementById("polgraph-search");
  var list = document.getElementById("polgraph-matches");
  var times = window.polgraphTimes = window.polgraphTimes || {};
  var STANCE_CLASS = {Support: "support", Oppose: "oppose", Neutral: "neutral"};

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }

  function show(d) {
    clear(panel);
    if (!d) { panel.appendChild(el("p", "Click a node or a link to see its details.", "hint")); return; }
    panel.appendChild(el("h2", d.label));
    panel.appendChild(el("p", d.kind, "kind"));
    if (d.facts.length) {
      var dl = el("dl");
      d.facts.forEach(function (f) {
        dl.appendChild(el("dt", f[0]));
        f[1].forEach(function (v) { dl.appendChild(el("dd", v)); });
      });
      panel.appendChild(dl);
    }
    if (d.quotes.length) {
      panel.appendChild(el("h3", "Statements"));
      d.quotes.forEach(function (q) {
        var fig = el("figure", null, "quote " + (STANCE_CLASS[q.stance] || ""));
        fig.appendChild(el("figcaption", q.head + (q.date ? " (" + q.date + ")" : "")));
        fig.appendChild(el("blockquote", q.text));
        var cite = [];
        if (q.source) { cite.push(q.source + (q.published ? ", " + q.published : "")); }
        if (q.at) { cite.push("stated at " + q.at); }
        if (cite.length) { fig.appendChild(el("cite", cite.join("; "))); }
        panel.appendChild(fig);
      });
      if (d.moreQuotes) { panel.appendChild(el("p", "… and " + d.moreQuotes + " more statements", "hint")); }
    }
    panel.scrollTop = 0;
  }

  function edgeDetails(id) {
    if (info.edges[id]) { return info.edges[id]; }
    var e = network.body.data.edges.get(id);
    return e ? {label: String(e.title || "").split("\n")[0], kind: "Link", facts: [], quotes: []} : null;
  }

  function fold(t) {
    return String(t).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }
  var index = info.search.map(function (s) { return {label: s[0], id: s[1], note: s[2], key: fold(s[0])}; });

  function matches(text) {
    var q = fold(text), exact = [], starts = [], inside = [];
    if (!q) { return []; }
    index.forEach(function (e) {
      var at = e.key.indexOf(q);
      if (at < 0) { return; }
      (e.key === q ? exact : (at === 0 ? starts : inside)).push(e);
    });
    return exact.concat(starts, inside).slice(0, 12);
  }

  function focusNode(id) {
    if (network.body.data.nodes.get(id) === null) { return false; }
    network.selectNodes([id]);
    network.focus(id, {scale: Math.max(network.getScale(), 1.2), animation: false});
    show(info.nodes[id]);
    window.polgraphFocused = id;
    return true;
  }

  function renderMatches() {
    clear(list);
    matches(input.value).forEach(function (m) {
      var li = el("li");
      var b = el("button", m.label);
      b.type = "button";
      if (m.note) { b.appendChild(el("span", " (" + m.note + ")", "note")); }
      b.addEventListener("click", function () { focusNode(m.id); });
      li.appendChild(b);
      list.appendChild(li);
    });
  }
  input.addEventListener("input", renderMatches);
  input.addEventListener("keydown", function (e) {
    if (e.key === "Enter") {
      e.preventDefault();
      var found = matches(input.value);
      if (found.length) { focusNode(found[0].id); }
    }
  });

  network.on("click", function (p) {
    if (p.nodes.length) { window.polgraphClicked = p.nodes[0]; show(info.nodes[p.nodes[0]]); }
    else if (p.edges.length) { window.polgraphClicked = p.edges[0]; show(edgeDetails(p.edges[0])); }
  });

  var status = document.getElementById("polgraph-status");
  network.on("stabilizationProgress", function (p) {
    status.textContent = "Laying out… " + Math.round(100 * p.iterations / p.total) + "%";
  });
  function markStable() {
    status.textContent = "";
    if (times.stable === undefined) { times.stable = performance.now(); }
    window.polgraphStable = true;
  }
  network.once("afterDrawing", function () {
    times.firstDraw = performance.now();
    if (!info.physics) { markStable(); }
  });
  if (network.body.data.nodes.length === 0) {
    network.setOptions({physics: false});
    markStable();
  } else if (info.physics) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({physics: false});
      network.once("afterDrawing", markStable);  // stable = settled, physics off, drawn
      network.redraw();
    });
  } else {
    network.redraw();
  }
  window.polgraph = {focus: focusNode, matches: matches, show: show};
  show(null);
}());
"""

_PAGE_CSS: Final = """
body { margin: 0; font-family: system-ui, sans-serif; display: grid;
  grid-template-columns: minmax(0, 1fr) 26em; grid-template-rows: auto 1fr; }
#polgraph-header { grid-column: 1 / 3; grid-row: 1; padding: 0.5em 1em; display: flex;
  flex-wrap: wrap; align-items: flex-start; gap: 0.4em 2em; }
#polgraph-header h1 { font-size: 1.4em; margin: 0 0 0.3em 0; }
#polgraph-header .note { font-size: 0.85em; color: #444; margin: 0.2em 0 0 0; }
body > .card { grid-column: 1; grid-row: 2; }
#polgraph-details { grid-column: 2; grid-row: 2; height: 80vh; overflow: auto;
  padding: 0 1em; border-left: 1px solid #ccc; font-size: 0.92em; }
#polgraph-details h2 { font-size: 1.2em; margin: 0.4em 0 0 0; overflow-wrap: anywhere; }
#polgraph-details .kind { color: #555; margin: 0 0 0.5em 0; }
#polgraph-details dt { font-weight: 600; margin-top: 0.4em; }
#polgraph-details dd { margin-left: 1em; overflow-wrap: anywhere; white-space: pre-wrap; }
#polgraph-details figure { margin: 0.6em 0; padding: 0.3em 0.6em; border-left: 5px solid #999; }
#polgraph-details figure.support { border-left: 5px solid #0072B2; }
#polgraph-details figure.oppose { border-left: 5px dashed #D55E00; }
#polgraph-details figure.neutral { border-left: 5px dotted #999999; }
#polgraph-details blockquote { margin: 0.3em 0; white-space: pre-wrap; font-style: italic; }
#polgraph-details cite { font-size: 0.9em; color: #444; }
#polgraph-details .hint { color: #666; }
#polgraph-search-box { position: relative; min-width: 18em; }
#polgraph-search { width: 100%; font-size: 1em; padding: 0.2em 0.4em; }
#polgraph-matches { list-style: none; margin: 0; padding: 0; position: absolute; z-index: 10;
  background: #fff; border: 1px solid #ccc; max-height: 20em; overflow: auto; width: 100%; }
#polgraph-matches:empty { display: none; }
#polgraph-matches button { all: unset; display: block; padding: 0.2em 0.5em; cursor: pointer; }
#polgraph-matches button:hover, #polgraph-matches button:focus { background: #def; }
#polgraph-legend { display: flex; flex-wrap: wrap; gap: 0.3em 1.2em; font-size: 0.9em;
  list-style: none; margin: 0; padding: 0; max-width: 60em; }
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


def json_for_script(value: object) -> str:
    r"""JSON that is safe inside ``<script>``: ``<``, ``>``, ``&``, ``'`` as ``\u00XX``."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("'", "\\u0027"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


@dataclass(frozen=True, slots=True)
class LegendItem:
    """One legend entry: a node kind (swatch) or a line style."""

    name: str
    color: str
    line: str | None = None  # solid | dashed | dotted for lines; None for a node swatch
    shape: str | None = None


def legend_for(kinds: Sequence[str], *, stances: bool, extra: Sequence[LegendItem] = ()
               ) -> list[LegendItem]:
    """Legend entries for the node kinds shown (in a fixed order) and the stance lines."""
    items = [LegendItem(_style(k).name, _style(k).color, shape=_style(k).shape) for k in kinds]
    if stances:
        items += [LegendItem(style.name, style.color, line=_LEGEND_LINE[key])
                  for key, (_verb, style) in STANCES.items()]
    return items + list(extra)


def _legend_html(items: Sequence[LegendItem]) -> str:
    parts = []
    for item in items:
        if item.line is None:
            parts.append(f'<li><span class="swatch" style="background:{item.color}"></span>'
                         f"{html.escape(item.name)} ({html.escape(item.shape or '')})</li>")
        else:
            parts.append(f'<li><span class="line" style="border-color:{item.color};'
                         f'border-top-style:{item.line}"></span>{html.escape(item.name)}</li>')
    return '<ul id="polgraph-legend" aria-label="Legend">' + "".join(parts) + "</ul>"


def _strip_external(page: str) -> str:
    """Remove every <link> and <script src>, then fail if any external reference is left."""
    page, removed = _EXTERNAL_TAG.subn("", page)
    logger.debug("removed %d external <link>/<script src> tags", removed)
    outside_scripts = _SCRIPT.sub("", page)
    leftover = _EXTERNAL_ATTR.search(outside_scripts)
    if leftover:
        raise PolgraphError(
            f"the page still refers to an external resource ({leftover.group(0)!r}); "
            "pyvis's template changed: update polgraph.views.page._EXTERNAL_TAG"
        )
    return page


def _csp(page: str) -> str:
    """Return a Content-Security-Policy allowing only the page's own inline scripts, by hash."""
    hashes = sorted({
        "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        + "'" for body in _SCRIPT.findall(page)
    })
    return (
        "default-src 'none'; "
        f"script-src {' '.join(hashes)}; "
        "style-src 'unsafe-inline'; img-src data: blob:; font-src data:; "
        "connect-src 'none'; form-action 'none'; base-uri 'none'"
    )


def _finish_page(page: str, *, title: str, note: str, legend: Sequence[LegendItem],
                 payload: dict[str, Any]) -> str:
    """Make pyvis's page self-contained and static: head, legend, search, panel, script, CSP."""
    page = _strip_external(page)
    header = (
        f'<header id="polgraph-header"><div><h1>{html.escape(title)}</h1>'
        f'<p class="note">{html.escape(note)}</p>'
        '<p class="note" id="polgraph-status" aria-live="polite"></p></div>'
        '<div id="polgraph-search-box" role="search">'
        '<input id="polgraph-search" type="search" placeholder="Find a node…" '
        'aria-label="Find a node by name" autocomplete="off">'
        '<ul id="polgraph-matches" aria-label="Matching nodes"></ul></div>'
        f"{_legend_html(legend)}</header>\n"
        '<aside id="polgraph-details" aria-live="polite" aria-label="Details"></aside>\n'
    )
    page, headings = _EMPTY_HEADING.subn("", page)
    logger.debug("removed %d empty pyvis headings", headings)
    data = (f'<script type="application/json" id="polgraph-data">{json_for_script(payload)}'
            "</script>\n")
    page = page.replace("<body>", "<body>\n" + header + data, 1)
    # Our script runs in the same task as pyvis's drawGraph(): the parser may yield between
    # two scripts, and a small network can stabilise and draw before a later script listens.
    call = page.rfind("drawGraph();")
    if call < 0:
        raise PolgraphError("pyvis's template no longer calls drawGraph(); "
                            "update polgraph.views.page._finish_page")
    call += len("drawGraph();")
    page = page[:call] + "\n" + _PAGE_JS + page[call:]
    head = (
        f"<title>{html.escape(title)}</title>\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<style>{_PAGE_CSS}</style>\n"
    )
    page = page.replace("</head>", head + "</head>", 1)
    csp = f'<meta http-equiv="Content-Security-Policy" content="{html.escape(_csp(page))}">'
    page = re.sub(r'<meta charset="utf-8">', lambda m: m.group(0) + "\n" + csp, page, count=1)
    if not page.lstrip().lower().startswith("<!doctype"):
        page = "<!DOCTYPE html>\n" + page
    return page


def write_atomically(out: Path, text: str) -> int:
    """Write ``text`` as UTF-8 to ``out`` safely (see :mod:`polgraph.output`); return bytes."""
    from polgraph.output import write_output

    return write_output(out, text.encode("utf-8"))


def render_page(net: nx.Graph[str], out: Path, *, title: str, note: str = "",
                legend: Sequence[LegendItem] = (), physics_limit: int = PHYSICS_LIMIT
                ) -> ViewSummary:
    """Write ``net`` (nodes with kind/label/title/details, edges with kind/title/details)
    as one self-contained interactive page.

    Args:
        net: a view's network (see :mod:`polgraph.views.networks`).
        out: the HTML file to write (replaced atomically).
        title: the page title and heading (escaped).
        note: one line under the heading (escaped).
        legend: the legend entries.
        physics_limit: above this many nodes, precompute the layout and draw without physics.

    Returns:
        The path written, node and edge counts, and the page size in bytes.
    """
    large = net.number_of_nodes() > physics_limit or "aggregated_from" in net.graph
    positions = precompute_layout(net) if large else None
    nodes = _node_dicts(net, positions, large)
    edges, edge_details = _edge_dicts(net, large)
    options = _vis_options(net.number_of_nodes(), large=large, directed=net.is_directed())
    payload = {
        "physics": not large,
        "nodes": {n: d.get("details") for n, d in net.nodes(data=True)},
        "edges": edge_details,
        "search": _search_index(net),
    }
    pyvis_net = _to_pyvis(nodes, edges, options, net.is_directed())
    page = _finish_page(_render_template(pyvis_net), title=title, note=note,
                        legend=legend, payload=payload)
    size = write_atomically(out, page)
    summary = ViewSummary(path=out, nodes=net.number_of_nodes(), edges=net.number_of_edges(),
                          bytes=size)
    logger.info("wrote %s: %d nodes, %d edges, %d bytes", out, summary.nodes, summary.edges, size)
    return summary
