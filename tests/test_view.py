"""Tests for polgraph.view: the network, the page's self-containment, and its safety.

Browser tests open the page from file:// in headless Chromium (Debian's
/usr/bin/chromium driven by the Python ``playwright`` package) with the network off,
and skip with a reason when either is missing.
"""
from __future__ import annotations

import html
import json
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib import namespace as rns  # a module alias: pytest's collection must not probe XSD

from polgraph.view import STANCES, graph_to_network, render_html

PG = Namespace("https://w3id.org/polgraph/ontology#")
ID = Namespace("https://w3id.org/polgraph/id/")

EVIL_NAME = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'
EVIL_EVIDENCE = (
    'She said: "We\'ll never accept it" </script><script>window.__pwned=3</script>\n'
    "and then, on a new line, <b onmouseover=\"window.__pwned=4\">bold</b> & more"
)
HREF_EVIDENCE = 'See <a href="https://example.org/x" onclick="window.__pwned=5">here</a>'
CHROMIUM = os.environ.get("POLGRAPH_CHROMIUM", "/usr/bin/chromium")


def _document(g: Graph, n: str, title: str) -> URIRef:
    doc = ID[f"document/{n * 16}"]
    g.add((doc, rns.RDF.type, PG.Document))
    g.add((doc, PG.source, Literal(f"{n}.txt", datatype=rns.XSD.string)))
    g.add((doc, PG.contentHash, Literal(n * 64)))
    g.add((doc, PG.title, Literal(title)))
    g.add((doc, PG.datePublished, Literal("2024-05-02", datatype=rns.XSD.date)))
    return doc


def _labelled(g: Graph, node: URIRef, cls: URIRef, label: str, doc: URIRef | None) -> URIRef:
    g.add((node, rns.RDF.type, cls))
    g.add((node, rns.RDFS.label, Literal(label)))
    if doc is not None:
        g.add((node, rns.PROV.wasDerivedFrom, doc))
    return node


def _position(
    g: Graph, person: URIRef, n: int, topic: URIRef, stance: URIRef, evidence: str,
    doc: URIRef, meeting: URIRef | None,
) -> None:
    pos = ID[f"position/{'a' * 16}-{n}"]
    g.add((pos, rns.RDF.type, PG.Position))
    g.add((person, PG.holdsPosition, pos))
    g.add((pos, PG.onTopic, topic))
    g.add((pos, PG.stance, stance))
    g.add((pos, PG.evidence, Literal(evidence, datatype=rns.XSD.string)))
    g.add((pos, PG.evidenceStart, Literal(10 * n, datatype=rns.XSD.integer)))
    g.add((pos, PG.evidenceEnd, Literal(10 * n + len(evidence), datatype=rns.XSD.integer)))
    g.add((pos, rns.PROV.wasDerivedFrom, doc))
    if meeting is not None:
        g.add((pos, PG.statedAt, meeting))


def make_graph() -> Graph:
    """A small graph in the shape of docs/graph-shape.md, with hostile document text."""
    g = Graph()
    doc = _document(
        g, "a", 'Minister meets "counterpart" </title><script>window.__pwned=6</script>'
    )
    si = _labelled(g, ID["country/SI"], PG.Country, "Slovenia", None)
    g.add((si, PG.countryCode, Literal("SI")))
    hr = _labelled(g, ID["country/HR"], PG.Country, "Croatia", None)
    g.add((hr, PG.countryCode, Literal("HR")))
    eu = _labelled(g, ID["org/council-of-the-eu"], PG.Organization, "Council of the EU", None)
    ljubljana = _labelled(g, ID["place/ljubljana"], PG.Place, "Ljubljana", doc)
    g.add((ljubljana, PG.inCountry, si))

    topic = ID["topic/migration"]
    g.add((topic, rns.RDF.type, PG.Topic))
    g.add((topic, rns.RDF.type, rns.SKOS.Concept))
    g.add((topic, rns.SKOS.prefLabel, Literal("Migration", lang="en")))
    g.add((topic, rns.RDFS.label, Literal("Migration", lang="en")))
    g.add((topic, rns.SKOS.inScheme, ID["topic/scheme"]))
    topic2 = ID["topic/border-control"]
    for t in (rns.RDF.type,):
        g.add((topic2, t, PG.Topic))
    g.add((topic2, rns.SKOS.prefLabel, Literal("Border control")))
    g.add((topic2, rns.RDFS.label, Literal("Border control")))
    g.add((topic2, rns.SKOS.broader, topic))

    post_si = ID["post/SI-minister-of-the-interior"]
    g.add((post_si, rns.RDF.type, PG.Post))
    g.add((post_si, rns.RDFS.label, Literal("Minister of the Interior of Slovenia")))
    g.add((post_si, PG.roleTitle, Literal("Minister of the Interior")))
    g.add((post_si, PG.postIn, si))
    post_hr = ID["post/HR-minister-of-the-interior"]
    g.add((post_hr, rns.RDF.type, PG.Post))
    g.add((post_hr, rns.RDFS.label, Literal("Minister of the Interior of Croatia")))
    g.add((post_hr, PG.roleTitle, Literal("Minister of the <i>Interior</i>")))
    g.add((post_hr, PG.postIn, hr))

    ana = _labelled(g, ID["person/ana-novak"], PG.Person, "Ana Novak", doc)
    g.add((ana, PG.holdsPost, post_si))
    evil = _labelled(g, ID["person/evil"], PG.Person, EVIL_NAME, doc)
    g.add((evil, PG.holdsPost, post_hr))
    third = _labelled(g, ID["person/ivo-horvat"], PG.Person, "Ivo Horvat\nJr. & Co.", doc)

    meeting = _labelled(g, ID[f"meeting/{'a' * 16}-1"], PG.Meeting,
                        "Meeting of interior ministers", doc)
    g.add((meeting, PG.meetingKind, PG.BilateralMeeting))
    g.add((meeting, PG.date, Literal("2024-05-01", datatype=rns.XSD.date)))
    g.add((meeting, PG.location, ljubljana))
    g.add((meeting, PG.convenedBy, ana))
    g.add((meeting, PG.hasTopic, topic))
    side = _labelled(g, ID[f"meeting/{'a' * 16}-2"], PG.Meeting, "Side meeting", doc)
    g.add((side, PG.meetingKind, PG.GenericMeeting))
    g.add((side, PG.partOf, meeting))
    g.add((side, PG.convenedBy, eu))
    for person in (ana, evil, third):
        g.add((person, PG.attends, meeting))
    g.add((ana, PG.meets, evil))
    g.add((evil, PG.meets, ana))  # symmetric: drawn once

    _position(g, ana, 1, topic, PG.Support, "We support a common approach.", doc, meeting)
    _position(g, evil, 2, topic, PG.Oppose, EVIL_EVIDENCE, doc, None)
    _position(g, third, 3, topic2, PG.Neutral, HREF_EVIDENCE, doc, meeting)
    # Not drawable: a position on something that is not a topic.
    _position(g, third, 4, ID["topic/missing"], PG.Support, "Dangling.", doc, None)
    return g


PREFIXES = """
PREFIX pg: <https://w3id.org/polgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
NODE_COUNT_Q = PREFIXES + """
SELECT (COUNT(DISTINCT ?n) AS ?c) WHERE {
  VALUES ?cls { pg:Person pg:Meeting pg:Country pg:Organization pg:Place pg:Topic }
  ?n a ?cls }"""
STANCE_COUNT_Q = PREFIXES + """
SELECT (COUNT(DISTINCT ?pos) AS ?c) WHERE {
  ?p a pg:Person ; pg:holdsPosition ?pos . ?pos pg:onTopic ?t ; pg:stance ?s . ?t a pg:Topic }"""
STRUCTURE_COUNT_Q = PREFIXES + """
SELECT (COUNT(*) AS ?c) WHERE {
  { SELECT DISTINCT ?a ?b ?k WHERE {
    { ?a pg:holdsPost ?post . ?post pg:postIn ?b . BIND("post" AS ?k) }
    UNION { ?a pg:attends ?b . BIND("attends" AS ?k) }
    UNION { ?a pg:convenedBy ?b . BIND("convenedBy" AS ?k) }
    UNION { ?a pg:location ?b . BIND("location" AS ?k) }
    UNION { ?a pg:inCountry ?b . BIND("inCountry" AS ?k) }
    UNION { ?a pg:partOf ?b . BIND("partOf" AS ?k) }
    UNION { ?a pg:hasTopic ?b . BIND("hasTopic" AS ?k) }
    UNION { ?a pg:meets ?b . FILTER(STR(?a) < STR(?b)) BIND("meets" AS ?k) }
    UNION { ?b pg:meets ?a . FILTER(STR(?a) < STR(?b))
            FILTER NOT EXISTS { ?a pg:meets ?b } BIND("meets" AS ?k) }
  } }
}"""


def _count(g: Graph, query: str) -> int:
    (row,) = list(g.query(query))
    return int(row[0])  # type: ignore[index]


@pytest.fixture(scope="module")
def graph() -> Graph:
    return make_graph()


@pytest.fixture(scope="module")
def page(graph: Graph, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    out = tmp_path_factory.mktemp("view") / "graph.html"
    summary = render_html(graph, out, title="polgraph test page")
    return out, summary


# ---------------------------------------------------------------------------
# Unit tests
# ---------------------------------------------------------------------------


def test_node_and_edge_counts_match_sparql(graph: Graph) -> None:
    net = graph_to_network(graph)
    assert net.number_of_nodes() == _count(graph, NODE_COUNT_Q) == 11
    kinds = [d["kind"] for _, _, d in net.edges(data=True)]
    assert kinds.count("stance") == _count(graph, STANCE_COUNT_Q) == 3
    assert len(kinds) - kinds.count("stance") == _count(graph, STRUCTURE_COUNT_Q)
    assert kinds.count("meets") == 1


def test_nodes_have_kind_label_and_plain_title(graph: Graph) -> None:
    net = graph_to_network(graph)
    evil = net.nodes[str(ID["person/evil"])]
    assert evil["kind"] == "person"
    assert evil["label"] == EVIL_NAME
    assert evil["title"].startswith(EVIL_NAME + "\nPerson")
    assert "Post: Minister of the Interior of Croatia" in evil["title"]
    assert net.nodes[str(ID["country/SI"])]["kind"] == "country"
    assert net.nodes[str(ID["topic/migration"])]["label"] == "Migration"
    meeting = net.nodes[str(ID[f"meeting/{'a' * 16}-1"])]
    assert "Date: 2024-05-01" in meeting["title"]
    assert "Kind: BilateralMeeting" in meeting["title"]


def test_post_and_stance_edges(graph: Graph) -> None:
    net = graph_to_network(graph)
    posts = {(s, t): d for s, t, d in net.edges(data=True) if d["kind"] == "post"}
    assert posts[(str(ID["person/ana-novak"]), str(ID["country/SI"]))]["label"] == (
        "Minister of the Interior")
    stances = {d["stance"]: d for _, _, d in net.edges(data=True) if d["kind"] == "stance"}
    assert set(stances) == set(STANCES)
    oppose = stances["Oppose"]["title"]
    assert EVIL_EVIDENCE in oppose
    assert "Document: Minister meets" in oppose and "(2024-05-02)" in oppose
    assert "Stated at: Meeting of interior ministers (2024-05-01)" in stances["Support"]["title"]


def test_page_has_no_external_references(page: tuple[Path, Any]) -> None:
    out, summary = page
    text = out.read_text(encoding="utf-8")
    assert summary.bytes == len(text.encode("utf-8"))
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", text, re.I)
    assert not re.search(r"<link\b", text, re.I)
    assert "cdn.jsdelivr.net" not in text and "cdnjs.cloudflare.com" not in text
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', text)
    assert csp and "default-src 'none'" in html.unescape(csp.group(1))
    assert "'unsafe-inline'" not in html.unescape(csp.group(1)).split("script-src")[1].split(";")[0]


def test_document_text_only_inside_json(page: tuple[Path, Any]) -> None:
    out, _ = page
    text = out.read_text(encoding="utf-8")
    for raw in ("<img src=x", "window.__pwned=2</script>", "</script><script>window.__pwned=3",
                "<b onmouseover", "</title><script>", "<i>Interior</i>", '<a href="https'):
        assert raw not in text
    assert "\\u003cimg src=x onerror=" in text  # present, escaped, as JSON data
    assert "popup.innerHTML" not in text  # pyvis's HTML popup (triggered by "href") is off
    assert "<title>polgraph test page</title>" in text
    assert "<h1>polgraph test page</h1>" in text
    assert text.count("<h1>") == 1


def test_write_is_atomic_and_replaces(graph: Graph, tmp_path: Path) -> None:
    out = tmp_path / "sub" / "g.html"
    out.parent.mkdir()
    out.write_text("old")
    summary = render_html(graph, out)
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert summary.nodes == 11
    assert [p.name for p in out.parent.iterdir()] == ["g.html"]


def test_title_is_escaped(graph: Graph, tmp_path: Path) -> None:
    out = tmp_path / "t.html"
    render_html(graph, out, title="A <b> & B")
    text = out.read_text(encoding="utf-8")
    assert "<title>A &lt;b&gt; &amp; B</title>" in text


def test_empty_graph_renders(tmp_path: Path) -> None:
    summary = render_html(Graph(), tmp_path / "empty.html")
    assert (summary.nodes, summary.edges) == (0, 0)


# ---------------------------------------------------------------------------
# Browser tests
# ---------------------------------------------------------------------------

LAUNCH_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
    "--disable-default-apps", "--disable-extensions", "--metrics-recording-only",
]


def _require_browser() -> Any:
    if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        pytest.skip(f"{CHROMIUM} not found: apt-get install chromium (or set POLGRAPH_CHROMIUM)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("the Python package playwright is not installed: pip install playwright")
    return sync_playwright


@dataclass
class Visit:
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    result: dict[str, Any] = field(default_factory=dict)


PROBE_JS = """
async () => {
  const deadline = Date.now() + 60000;
  while (!window.polgraphStable && Date.now() < deadline) {
    await new Promise(r => setTimeout(r, 50));
  }
  const positions = network.getPositions();
  return {
    stable: !!window.polgraphStable,
    physics: network.physics.options.enabled,
    nodes: network.body.data.nodes.length,
    edges: network.body.data.edges.length,
    drawnNodes: network.body.nodeIndices.length,
    drawnEdges: network.body.edgeIndices.length,
    placed: Object.values(positions).filter(p => isFinite(p.x) && isFinite(p.y)).length,
    canvases: document.querySelectorAll('#mynetwork canvas').length,
    pwned: typeof window.__pwned,
    imgs: document.querySelectorAll('img').length,
    scripts: document.scripts.length,
    title: document.title,
    h1: Array.from(document.querySelectorAll('h1')).map(h => h.textContent),
    legend: document.querySelectorAll('#polgraph-legend li').length,
  };
}
"""

NODE_POINT_JS = """
(id) => {
  const p = network.canvasToDOM(network.getPositions([id])[id]);
  const r = document.querySelector('#mynetwork canvas').getBoundingClientRect();
  return {x: r.left + p.x, y: r.top + p.y};
}
"""

EDGE_POINT_JS = """
([from, label]) => {
  const id = network.getConnectedEdges(from).find(e => edges.get(e).label === label);
  const p = network.canvasToDOM(network.body.edges[id].edgeType.getPoint(0.5));
  const r = document.querySelector('#mynetwork canvas').getBoundingClientRect();
  return {x: r.left + p.x, y: r.top + p.y};
}
"""

TOOLTIP_STATE_JS = """
() => {
  const t = document.querySelector('div.vis-tooltip');
  return {text: t.innerText, tags: Array.from(t.querySelectorAll('*')).map(e => e.tagName),
          pwned: typeof window.__pwned, imgs: document.querySelectorAll('img').length};
}
"""



def _hover(tab: Any, point: dict[str, float]) -> dict[str, Any]:
    """Move the mouse to ``point``, wait for vis-network's tooltip and describe it."""
    tab.mouse.move(5, 5)
    tab.wait_for_timeout(200)
    tab.mouse.move(point["x"], point["y"])
    tab.wait_for_selector("div.vis-tooltip", state="visible", timeout=5000)
    state: dict[str, Any] = tab.evaluate(TOOLTIP_STATE_JS)
    return state


def _visit(browser: Any, out: Path, *, hover: bool = False) -> Visit:
    """Open ``out`` from file:// with the network off; record requests, errors, state."""
    visit = Visit()
    context = browser.new_context(offline=True, viewport={"width": 1200, "height": 900})

    def route(r: Any) -> None:
        url = r.request.url
        if url.startswith(("file:", "data:")):
            r.continue_()
        else:
            visit.blocked.append(url)
            r.abort()

    context.route("**/*", route)
    tab = context.new_page()
    tab.on("request", lambda req: visit.requests.append(req.url))
    tab.on("console", lambda m: visit.console_errors.append(m.text) if m.type == "error"
           else None)
    tab.on("pageerror", lambda e: visit.page_errors.append(str(e)))
    tab.on("dialog", lambda d: (visit.dialogs.append(d.message), d.dismiss()))
    tab.goto(out.as_uri(), wait_until="load")
    visit.result = tab.evaluate(PROBE_JS)
    if hover:  # hostile person and hostile stance edge: their tooltips must be text
        evil = str(ID["person/evil"])
        visit.result["node_tooltip"] = _hover(tab, tab.evaluate(NODE_POINT_JS, evil))
        visit.result["edge_tooltip"] = _hover(tab, tab.evaluate(EDGE_POINT_JS, [evil, "opposes"]))
    context.close()
    return visit


@pytest.fixture(scope="module")
def browser_visit(browser: Any, page: tuple[Path, Any]) -> tuple[Visit, Any]:
    out, summary = page
    return _visit(browser, out, hover=True), summary


@pytest.mark.browser
def test_page_draws_every_node_offline(browser_visit: tuple[Visit, Any]) -> None:
    visit, summary = browser_visit
    r = visit.result
    assert r["nodes"] == summary.nodes == 11
    assert r["drawnNodes"] == 11 and r["placed"] == 11
    assert r["edges"] == summary.edges
    assert r["canvases"] == 1
    assert r["stable"] is True and r["physics"] is False  # stabilised, then stopped
    assert r["title"] == "polgraph test page" and r["h1"] == ["polgraph test page"]
    assert r["legend"] == 9


@pytest.mark.browser
def test_page_makes_no_network_request(browser_visit: tuple[Visit, Any]) -> None:
    visit, _ = browser_visit
    assert visit.blocked == []
    assert visit.requests, "the page itself should have been requested"
    assert all(u.startswith(("file:", "data:")) for u in visit.requests), visit.requests


@pytest.mark.browser
def test_page_has_no_console_error(browser_visit: tuple[Visit, Any]) -> None:
    visit, _ = browser_visit
    assert visit.console_errors == []
    assert visit.page_errors == []


@pytest.mark.browser
def test_document_text_executes_nothing(browser_visit: tuple[Visit, Any]) -> None:
    visit, _ = browser_visit
    r = visit.result
    assert r["pwned"] == "undefined" and r["imgs"] == 0
    assert visit.dialogs == []
    node_tip, edge_tip = r["node_tooltip"], r["edge_tooltip"]
    for tip in (node_tip, edge_tip):
        assert tip["pwned"] == "undefined" and tip["imgs"] == 0
        assert set(tip["tags"]) <= {"BR"}  # innerText turns newlines into <br>, nothing else
    assert node_tip["text"].startswith(EVIL_NAME)
    assert "</script><script>window.__pwned=3</script>" in edge_tip["text"]
    assert "<b onmouseover=" in edge_tip["text"] and "Document: Minister meets" in edge_tip["text"]


@pytest.mark.browser
def test_empty_graph_page_settles(browser: Any, tmp_path: Path) -> None:
    out = tmp_path / "empty.html"
    render_html(Graph(), out)
    visit = _visit(browser, out)
    assert visit.result["nodes"] == 0 and visit.result["stable"] is True
    assert visit.console_errors == [] and visit.page_errors == [] and visit.blocked == []


def test_summary_fields(page: tuple[Path, Any]) -> None:
    out, summary = page
    assert summary.path == out
    assert json.loads(json.dumps([summary.nodes, summary.edges])) == [11, summary.edges]
