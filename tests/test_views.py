"""Tests for polgraph.views: every view's network against SPARQL, the CLI, and the pages in Chromium.

The seeds' graph is a checked-in fixture (tests/data/views/seeds.ttl, built by
``polgraph build data/``) so these tests run without the spaCy model. Browser tests open
each view's page from file:// in headless Chromium with the network off (the harness of
tests/test_view.py) and check through the page's JavaScript that the drawn nodes and
edges match the query, that the search box focuses the right node, that a click fills
the details panel, and that nothing is logged, requested or executed.
"""
from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict, deque
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from rdflib import Graph

from conftest import invoke
from polgraph.views import ViewError, ViewFilter, build_view, render_view
from polgraph.views.data import collect_graph_data
from polgraph.views.layout import precompute_layout
from polgraph.views.networks import resolve_person, resolve_topic
from polgraph.views.page import PHYSICS_LIMIT
from polgraph.views.synthetic import make_synthetic_graph
from test_view import (
    EVIL_EVIDENCE,
    EVIL_NAME,
    ID,
    PROBE_JS,
    Visit,
    make_graph,
)

SEEDS = Path(__file__).parent / "data" / "views" / "seeds.ttl"
TOPIC_NS = "https://w3id.org/polgraph/id/topic/"
PREFIXES = """
PREFIX pg: <https://w3id.org/polgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""


@pytest.fixture(scope="module")
def seeds() -> Graph:
    return Graph().parse(SEEDS, format="turtle")


@pytest.fixture(scope="module")
def hostile() -> Graph:
    return make_graph()


def _rows(g: Graph, query: str) -> list[tuple[str, ...]]:
    return [tuple("" if v is None else str(v) for v in row) for row in g.query(PREFIXES + query)]


# ---------------------------------------------------------------------------
# What each view should hold, computed independently with SPARQL (+ networkx BFS)
# ---------------------------------------------------------------------------

EGO_UNIVERSE_Q = """
SELECT DISTINCT ?a ?b ?k ?key WHERE {
  { ?a a pg:Person ; pg:holdsPost ?b . BIND("holds" AS ?k) BIND("" AS ?key) }
  UNION { ?p a pg:Person ; pg:holdsPost ?a . ?a pg:postIn ?b .
          FILTER EXISTS { { ?b a pg:Country } UNION { ?b a pg:Organization } }
          BIND("postIn" AS ?k) BIND("" AS ?key) }
  UNION { ?a a pg:Person ; pg:attends ?b . ?b a pg:Meeting . BIND("attends" AS ?k) BIND("" AS ?key) }
  UNION { ?a a pg:Person ; pg:meets ?b . ?b a pg:Person .
          FILTER(STR(?a) < STR(?b)) BIND("meets" AS ?k) BIND("" AS ?key) }
  UNION { ?b a pg:Person ; pg:meets ?a . ?a a pg:Person .
          FILTER(STR(?a) < STR(?b)) BIND("meets" AS ?k) BIND("" AS ?key) }
  UNION { ?a a pg:Person ; pg:holdsPosition ?pos . ?pos pg:onTopic ?b ; pg:stance ?s .
          ?b a pg:Topic . BIND("stance" AS ?k) BIND(STR(?pos) AS ?key) }
}"""


def expected_ego(g: Graph, person: str, depth: int) -> tuple[int, int]:
    edges = {row for row in _rows(g, EGO_UNIVERSE_Q) if row[0] != row[1]}
    adjacent: dict[str, set[str]] = defaultdict(set)
    for a, b, _k, _key in edges:
        adjacent[a].add(b)
        adjacent[b].add(a)
    seen, queue = {person: 0}, deque([person])
    while queue:
        node = queue.popleft()
        if seen[node] == depth:
            continue
        for nxt in adjacent[node]:
            if nxt not in seen:
                seen[nxt] = seen[node] + 1
                queue.append(nxt)
    inside = [e for e in edges if e[0] in seen and e[1] in seen]
    return len(seen), len(inside)


def expected_stance(g: Graph, topic: str) -> tuple[int, int]:
    positions = _rows(g, f"""
      SELECT DISTINCT ?pos ?p ?t WHERE {{
        ?t skos:broader* <{topic}> ; a pg:Topic .
        ?p a pg:Person ; pg:holdsPosition ?pos . ?pos pg:onTopic ?t ; pg:stance ?s }}""")
    people = {p for _, p, _ in positions}
    topics = {t for _, _, t in positions} | {topic}
    posts = {(p, org, role) for p, org, role in _rows(g, """
      SELECT DISTINCT ?p ?org ?role WHERE {
        ?p pg:holdsPost ?post . ?post pg:postIn ?org . OPTIONAL { ?post pg:roleTitle ?role }
        FILTER EXISTS { { ?org a pg:Country } UNION { ?org a pg:Organization } } }""")
        if p in people}
    orgs = {org for _, org, _ in posts}
    narrower = {(a, b) for a, b in _rows(g, "SELECT ?a ?b WHERE { ?a skos:broader ?b }")
                if a in topics and b in topics and a != b}
    return len(topics | people | orgs), len(positions) + len(posts) + len(narrower)


def person_meetings(g: Graph) -> dict[tuple[str, str], set[str]]:
    """(person a, person b), a < b -> the meetings at which they met, from SPARQL alone
    (the rule of polgraph.views.networks: both attend or convene a meeting, or one
    pg:meets the other and one of them attends a meeting of a document they share;
    a pg:meets with no such meeting counts as one meeting)."""
    together = _rows(g, """
      SELECT DISTINCT ?a ?b ?m WHERE {
        ?m a pg:Meeting .
        { ?a pg:attends ?m } UNION { ?m pg:convenedBy ?a }
        { ?b pg:attends ?m } UNION { ?m pg:convenedBy ?b }
        ?a a pg:Person . ?b a pg:Person . FILTER(STR(?a) < STR(?b)) }""")
    via_meets = _rows(g, """
      SELECT DISTINCT ?a ?b ?m WHERE {
        ?a pg:meets|^pg:meets ?b . ?a a pg:Person . ?b a pg:Person . FILTER(STR(?a) < STR(?b))
        OPTIONAL {
          ?a prov:wasDerivedFrom ?d . ?b prov:wasDerivedFrom ?d .
          ?m a pg:Meeting ; prov:wasDerivedFrom ?d .
          { ?a pg:attends ?m } UNION { ?b pg:attends ?m }
          UNION { ?m pg:convenedBy ?a } UNION { ?m pg:convenedBy ?b } } }""")
    meetings: dict[tuple[str, str], set[str]] = defaultdict(set)
    for a, b, m in together:
        meetings[(a, b)].add(m)
    for a, b, m in via_meets:
        if m:
            meetings[(a, b)].add(m)
    for a, b, m in via_meets:
        if not meetings[(a, b)]:
            meetings[(a, b)].add(f"meets:{a}|{b}")
    return dict(meetings)


def expected_counterparts(g: Graph) -> dict[tuple[str, str], int]:
    """Countries linked by meetings (see polgraph.views.networks), from SPARQL alone."""
    meetings = person_meetings(g)
    country: dict[str, set[str]] = defaultdict(set)
    for p, c in _rows(g, "SELECT ?p ?c WHERE { ?p pg:holdsPost/pg:postIn ?c . ?c a pg:Country }"):
        country[p].add(c)
    links: dict[tuple[str, str], set[str]] = defaultdict(set)
    for (a, b), ms in meetings.items():
        for x in country[a]:
            for y in country[b]:
                if x != y:
                    links[(min(x, y), max(x, y))] |= ms
    return {pair: len(ms) for pair, ms in links.items() if ms}


# ---------------------------------------------------------------------------
# Networks
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("depth", [1, 2])
def test_ego_network_matches_sparql(seeds: Graph, depth: int) -> None:
    view = build_view(seeds, mode="ego", person="Miro Cerar", depth=depth)
    net = view.network
    center = net.graph["center"]
    assert net.nodes[center]["label"] == "Miro Cerar"
    assert (net.number_of_nodes(), net.number_of_edges()) == expected_ego(seeds, center, depth)
    kinds = {k for _, k in net.nodes(data="kind")}
    assert {"person", "post", "topic"} <= kinds
    assert view.title == "Ego network: Miro Cerar"


def test_ego_depth_one_is_posts_meetings_counterparts_and_topics(seeds: Graph) -> None:
    net = build_view(seeds, mode="ego", person="Poklukar").network
    center = net.graph["center"]
    around = {n: net.nodes[n]["kind"] for n in nx.all_neighbors(net, center)}
    posts = _rows(seeds, f"SELECT ?post WHERE {{ <{center}> pg:holdsPost ?post }}")
    met = _rows(seeds, f"SELECT DISTINCT ?o WHERE {{ <{center}> pg:meets|^pg:meets ?o }}")
    topics = _rows(seeds, f"SELECT DISTINCT ?t WHERE {{ <{center}> pg:holdsPosition/pg:onTopic ?t }}")
    meetings = _rows(seeds, f"SELECT ?m WHERE {{ <{center}> pg:attends ?m }}")
    assert sorted(n for n, k in around.items() if k == "post") == sorted(r[0] for r in posts)
    assert sorted(n for n, k in around.items() if k == "person") == sorted(r[0] for r in met)
    assert sorted(n for n, k in around.items() if k == "topic") == sorted(r[0] for r in topics)
    assert sorted(n for n, k in around.items() if k == "meeting") == sorted(r[0] for r in meetings)


def test_stance_map_matches_sparql(seeds: Graph) -> None:
    view = build_view(seeds, mode="stance", topic="migration")  # an altLabel
    net = view.network
    assert net.graph["center"] == TOPIC_NS + "migration-and-asylum"
    assert (net.number_of_nodes(), net.number_of_edges()) == expected_stance(
        seeds, TOPIC_NS + "migration-and-asylum")
    stances = [d for _, _, d in net.edges(data=True) if d["kind"] == "stance"]
    assert stances and all(d["details"]["quotes"][0]["text"] for d in stances)
    for d in stances:  # evidence, document and date in each tooltip
        assert "“" in d["title"] and "Document: " in d["title"] and "\nDate: " in d["title"]
        assert d["details"]["quotes"][0]["source"]
    assert any(d["details"]["quotes"][0].get("date") for d in stances)
    assert "country" in {k for _, k in net.nodes(data="kind")}


def test_stance_map_exact_topic(seeds: Graph) -> None:
    topic = TOPIC_NS + "migration-and-asylum"
    net = build_view(seeds, mode="stance", topic=topic, narrower=False).network
    direct = _rows(seeds, f"SELECT ?pos WHERE {{ ?p pg:holdsPosition ?pos . ?pos pg:onTopic <{topic}> }}")
    assert sum(1 for *_, d in net.edges(data=True) if d["kind"] == "stance") == len(direct)


@pytest.mark.parametrize(("label", "topic_id"), [
    ("migration", "migration-and-asylum"),            # altLabel
    ("Migration and asylum", "migration-and-asylum"),  # prefLabel
    ("MIGRANTS", "migration-and-asylum"),              # altLabel, any case
    ("schengen area", "schengen-area"),
])
def test_topic_labels_resolve_through_the_scheme(seeds: Graph, label: str, topic_id: str) -> None:
    assert resolve_topic(collect_graph_data(seeds), label) == TOPIC_NS + topic_id


def test_unknown_or_ambiguous_names_say_what_to_do(seeds: Graph) -> None:
    data = collect_graph_data(seeds)
    with pytest.raises(ViewError, match="no topic called"):
        resolve_topic(data, "quantum gastronomy")
    with pytest.raises(ViewError, match="matches .* people"):
        resolve_person(data, "Minister of the Interior of")
    with pytest.raises(ViewError, match="no person called"):
        resolve_person(data, "Nobody Atall")


def test_counterpart_network_matches_sparql(seeds: Graph) -> None:
    net = build_view(seeds, mode="counterparts").network
    got = {(min(a, b), max(a, b)): d["weight"] for a, b, d in net.edges(data=True)}
    assert got == expected_counterparts(seeds)
    assert got and all(net.nodes[n]["kind"] == "country" for n in net)


def test_counterpart_filters(seeds: Graph) -> None:
    data = collect_graph_data(seeds)
    everything = build_view(data, mode="counterparts").network
    dated = {m for m in data.of_kind("meeting") if data.date_of_meeting(m)}
    day = min(data.date_of_meeting(m) for m in dated)  # type: ignore[type-var]
    after = build_view(data, mode="counterparts",
                       flt=ViewFilter(since=day + dt.timedelta(days=1))).network
    assert after.number_of_edges() < everything.number_of_edges()
    only = build_view(data, mode="counterparts", flt=ViewFilter(since=day, until=day)).network
    for _, _, d in only.edges(data=True):
        assert all(data.date_of_meeting(m) == day for m in d["meetings"])
    si = build_view(data, mode="counterparts", flt=ViewFilter(country="si")).network
    assert si.number_of_edges() and all(
        str(ID["country/SI"]) in (a, b) for a, b in si.edges())


def test_overview_filters_keep_what_they_say(seeds: Graph) -> None:
    data = collect_graph_data(seeds)
    net = build_view(data, flt=ViewFilter(country="SI")).network
    people = [n for n, k in net.nodes(data="kind") if k == "person"]
    assert people and all(data.has_post_in(p, "SI") for p in people)
    late = build_view(data, flt=ViewFilter(since=dt.date(2030, 1, 1))).network
    assert not [n for n, k in late.nodes(data="kind") if k in ("person", "meeting")]


def test_hostile_graph_views_keep_text_verbatim(hostile: Graph) -> None:
    ego = build_view(hostile, mode="ego", person=str(ID["person/evil"])).network
    assert ego.nodes[str(ID["person/evil"])]["details"]["label"] == EVIL_NAME
    stance = build_view(hostile, mode="stance", topic="Migration").network
    quotes = [d["details"]["quotes"][0]["text"] for *_, d in stance.edges(data=True)
              if d["kind"] == "stance"]
    assert EVIL_EVIDENCE in quotes


def test_big_views_are_clustered_and_laid_out() -> None:
    g = make_synthetic_graph(1200, seed=3)
    full = build_view(g, max_nodes=None).network
    assert full.number_of_nodes() == 1200
    clustered = build_view(g, max_nodes=500).network
    assert clustered.number_of_nodes() < 500
    members = [m for _, d in clustered.nodes(data=True) for m, _ in d.get("members", ())]
    singles = [n for n, d in clustered.nodes(data=True) if d["kind"] != "cluster"]
    assert sorted(members + singles) == sorted(full)  # every node is somewhere
    positions = precompute_layout(full)
    assert set(positions) == set(full) and positions == precompute_layout(full)  # deterministic
    assert len(set(positions.values())) > 0.95 * len(positions)  # nodes are spread out


# ---------------------------------------------------------------------------
# CLI
# ---------------------------------------------------------------------------


def test_view_help_shows_every_mode_with_an_example() -> None:
    result = invoke(["view", "--help"])
    assert result.exit_code == 0
    for needle in ("overview", "--person", "--topic", "--mode counterparts", "--since", "--country",
                   "--depth", "--by person"):
        assert needle in result.stdout


@pytest.mark.parametrize("args", [
    [], ["--person", "Miro Cerar", "--depth", "2"], ["--topic", "migration"],
    ["--mode", "counterparts", "--since", "2019-01-01"],
    ["--mode", "counterparts", "--by", "person", "--country", "SI"],
])
def test_view_command_writes_each_mode(tmp_path: Path, args: list[str]) -> None:
    out = tmp_path / "page.html"
    result = invoke(["view", SEEDS, "-o", out, *args])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert "nodes" in result.stderr


@pytest.mark.parametrize("args", [
    ["--person", "Nobody Atall"], ["--topic", "quantum gastronomy"],
    ["--person", "Miro Cerar", "--topic", "migration"], ["--mode", "stance"],
])
def test_view_command_usage_errors_exit_2(tmp_path: Path, args: list[str]) -> None:
    result = invoke(["view", SEEDS, "-o", tmp_path / "x.html", *args])
    assert result.exit_code == 2
    assert "E015" in result.stderr and not (tmp_path / "x.html").exists()


# ---------------------------------------------------------------------------
# Pages in headless Chromium
# ---------------------------------------------------------------------------



class Tab:
    """One page opened from file:// with the network off, recording what it does."""

    def __init__(self, browser: Any, page: Path) -> None:
        self.seen = Visit()
        self.context = browser.new_context(offline=True, viewport={"width": 1300, "height": 900})

        def route(r: Any) -> None:
            if r.request.url.startswith(("file:", "data:")):
                r.continue_()
            else:
                self.seen.blocked.append(r.request.url)
                r.abort()

        self.context.route("**/*", route)
        self.tab = self.context.new_page()
        seen = self.seen
        self.tab.on("request", lambda req: seen.requests.append(req.url))
        self.tab.on("console", lambda m: seen.console_errors.append(m.text)
                    if m.type == "error" else None)
        self.tab.on("pageerror", lambda e: seen.page_errors.append(str(e)))
        self.tab.on("dialog", lambda d: (seen.dialogs.append(d.message), d.dismiss()))
        self.tab.goto(page.as_uri(), wait_until="load")
        self.probe: dict[str, Any] = self.tab.evaluate(PROBE_JS)

    def js(self, script: str, arg: Any = None) -> Any:
        return self.tab.evaluate(script, arg)

    def search(self, text: str) -> dict[str, Any]:
        self.tab.fill("#polgraph-search", text)
        buttons = self.js("() => Array.from(document.querySelectorAll('#polgraph-matches button'))"
                          ".map(b => b.textContent)")
        self.tab.press("#polgraph-search", "Enter")
        state: dict[str, Any] = self.js("""() => {
          const id = window.polgraphFocused, pos = network.getPositions([id])[id];
          const view = network.getViewPosition();
          return {focused: id, selected: network.getSelectedNodes(),
                  off: Math.hypot(pos.x - view.x, pos.y - view.y),
                  panel: document.querySelector('#polgraph-details h2').textContent};
        }""")
        state["buttons"] = buttons
        return state

    def click_node_at_center(self) -> dict[str, Any]:
        self.js("() => { window.polgraph.show(null); window.polgraphClicked = undefined; }")
        box = self.js("() => { const r = document.querySelector('#mynetwork canvas')"
                      ".getBoundingClientRect(); return {x: r.left + r.width / 2, "
                      "y: r.top + r.height / 2}; }")
        self.tab.mouse.click(box["x"], box["y"])
        return self.panel()

    def click_edge(self, edge_id: str) -> dict[str, Any]:
        self.js("() => window.polgraph.show(null)")
        point = self.js("""(id) => {
          const p = network.canvasToDOM(network.body.edges[id].edgeType.getPoint(0.5));
          const r = document.querySelector('#mynetwork canvas').getBoundingClientRect();
          return {x: r.left + p.x, y: r.top + p.y}; }""", edge_id)
        self.tab.mouse.click(point["x"], point["y"])
        return self.panel()

    def panel(self) -> dict[str, Any]:
        state: dict[str, Any] = self.js("""() => {
          const p = document.getElementById('polgraph-details');
          return {clicked: window.polgraphClicked, text: p.innerText,
                  h2: (p.querySelector('h2') || {}).textContent,
                  quotes: Array.from(p.querySelectorAll('blockquote')).map(b => b.textContent),
                  cites: Array.from(p.querySelectorAll('cite')).map(b => b.textContent),
                  tags: Array.from(new Set(Array.from(p.querySelectorAll('*')).map(e => e.tagName))),
                  pwned: typeof window.__pwned, imgs: document.querySelectorAll('img').length}; }""")
        return state

    def close(self) -> Visit:
        self.seen.result = self.probe
        self.context.close()
        return self.seen


PANEL_TAGS = {"H2", "P", "DL", "DT", "DD", "H3", "FIGURE", "FIGCAPTION", "BLOCKQUOTE", "CITE"}


def _assert_clean(seen: Visit) -> None:
    assert seen.result["stable"] is True, "the page never settled"
    assert seen.blocked == [], seen.blocked
    assert seen.requests and all(u.startswith(("file:", "data:")) for u in seen.requests)
    assert seen.console_errors == [] and seen.page_errors == [] and seen.dialogs == []


MODES = {
    "overview": ({}, "Slovenia"),
    "ego": ({"mode": "ego", "person": "Miro Cerar", "depth": 2}, "Miro Cerar"),
    "stance": ({"mode": "stance", "topic": "migration"}, "Miro Cerar"),
    "counterparts": ({"mode": "counterparts"}, "Croatia"),
    "counterpart-people": ({"mode": "counterparts", "by": "person"}, "Boštjan Poklukar"),
}


@pytest.mark.browser
@pytest.mark.parametrize("name", list(MODES))
def test_each_view_page_in_chromium(browser: Any, seeds: Graph, tmp_path: Path, name: str) -> None:
    options, target_label = MODES[name]
    net = build_view(seeds, **options).network  # type: ignore[arg-type]
    summary = render_view(seeds, tmp_path / f"{name}.html", **options)
    target = next(n for n, d in net.nodes(data=True) if d["label"] == target_label)
    tab = Tab(browser, summary.path)
    try:
        r = tab.probe
        assert r["stable"] is True and r["physics"] is False
        assert r["nodes"] == r["drawnNodes"] == r["placed"] == net.number_of_nodes() == summary.nodes
        assert r["edges"] == r["drawnEdges"] == net.number_of_edges() == summary.edges
        found = tab.search(target_label[:6].lower())  # part of the name, any case
        assert target_label in found["buttons"]
        found = tab.search(target_label)
        assert found["focused"] == target and found["selected"] == [target]
        assert found["off"] < 1.0  # the view is centred on it
        assert found["panel"] == target_label
        clicked = tab.click_node_at_center()
        assert clicked["clicked"] == target and clicked["h2"] == target_label
        assert set(clicked["tags"]) <= PANEL_TAGS
    finally:
        seen = tab.close()
    _assert_clean(seen)


@pytest.mark.browser
def test_expected_counts_match_sparql_in_the_page(browser: Any, seeds: Graph, tmp_path: Path) -> None:
    center = str(resolve_person(collect_graph_data(seeds), "Miro Cerar"))
    summary = render_view(seeds, tmp_path / "ego.html", mode="ego", person=center, depth=1)
    tab = Tab(browser, summary.path)
    try:
        assert tab.probe["stable"] is True
        assert (tab.probe["nodes"], tab.probe["edges"]) == expected_ego(seeds, center, 1)
    finally:
        _assert_clean(tab.close())
    summary = render_view(seeds, tmp_path / "stance.html", mode="stance", topic="migration")
    tab = Tab(browser, summary.path)
    try:
        assert (tab.probe["nodes"], tab.probe["edges"]) == expected_stance(
            seeds, TOPIC_NS + "migration-and-asylum")
    finally:
        _assert_clean(tab.close())


@pytest.mark.browser
def test_stance_edge_click_shows_evidence_and_document(browser: Any, seeds: Graph,
                                                       tmp_path: Path) -> None:
    summary = render_view(seeds, tmp_path / "stance.html", mode="stance", topic="migration",
                          narrower=False)
    tab = Tab(browser, summary.path)
    try:
        edge = tab.js("() => network.body.data.edges.getIds().find("
                      "id => ['supports', 'opposes'].includes(network.body.data.edges.get(id).label))")
        panel = tab.click_edge(edge)
        assert panel["clicked"] == edge
        assert panel["quotes"] and panel["quotes"][0].strip()
        titles = {t for (t,) in _rows(seeds, "SELECT ?t WHERE { ?d pg:title ?t }")}
        assert any(t in panel["cites"][0] for t in titles)
    finally:
        _assert_clean(tab.close())


@pytest.mark.browser
@pytest.mark.parametrize("options", [
    {}, {"mode": "ego", "person": "Ana Novak", "depth": 2},
    {"mode": "stance", "topic": "Migration"}, {"mode": "counterparts", "by": "person"},
], ids=["overview", "ego", "stance", "counterparts"])
def test_hostile_text_is_shown_as_text_in_every_view(browser: Any, hostile: Graph, tmp_path: Path,
                                                     options: dict[str, Any]) -> None:
    summary = render_view(hostile, tmp_path / "hostile.html", **options)
    text = summary.path.read_text(encoding="utf-8")
    for raw in ("<img src=x", "</script><script>window.__pwned", "<b onmouseover", "<i>Interior"):
        assert raw not in text
    tab = Tab(browser, summary.path)
    try:
        found = tab.search("<img")
        assert any(b.startswith(EVIL_NAME) for b in found["buttons"])
        assert found["focused"] == str(ID["person/evil"]) and found["panel"] == EVIL_NAME
        panel = tab.panel()
        assert EVIL_NAME in panel["text"] and set(panel["tags"]) <= PANEL_TAGS
        if options.get("mode") == "stance":
            edge = tab.js("() => network.body.data.edges.getIds().find("
                          "id => network.body.data.edges.get(id).label === 'opposes')")
            panel = tab.click_edge(edge)
            assert panel["quotes"] == [EVIL_EVIDENCE]  # newlines, quotes and tags as text
            assert panel["cites"][0].startswith('Minister meets "counterpart" </title><script>')
            assert set(panel["tags"]) <= PANEL_TAGS
        state = tab.panel()
        assert state["pwned"] == "undefined" and state["imgs"] == 0
    finally:
        seen = tab.close()
    _assert_clean(seen)


@pytest.mark.browser
def test_big_page_draws_a_precomputed_layout_without_physics(browser: Any, tmp_path: Path) -> None:
    g = make_synthetic_graph(PHYSICS_LIMIT + 200, seed=5)
    summary = render_view(g, tmp_path / "big.html", max_nodes=None)
    tab = Tab(browser, summary.path)
    try:
        r = tab.probe
        assert r["nodes"] == r["placed"] == summary.nodes == PHYSICS_LIMIT + 200
        assert r["stable"] is True and r["physics"] is False
        times = tab.js("() => window.polgraphTimes")
        assert times["firstDraw"] > 0 and times["stable"] >= times["firstDraw"]
        found = tab.search("Person 17")
        assert found["focused"] == str(ID["person/person-17"])
    finally:
        _assert_clean(tab.close())


@pytest.mark.browser
def test_clustered_page_search_finds_members(browser: Any, tmp_path: Path) -> None:
    g = make_synthetic_graph(800, seed=5)
    view = build_view(g, max_nodes=300)
    summary = render_view(g, tmp_path / "clusters.html", max_nodes=300)
    member = str(ID["person/person-17"])
    cluster = next((n for n, d in view.network.nodes(data=True)
                    if member in [m for m, _ in d.get("members", ())]), member)
    tab = Tab(browser, summary.path)
    try:
        assert tab.probe["nodes"] == view.network.number_of_nodes() < 300
        found = tab.search("Person 17")
        assert found["focused"] == cluster
    finally:
        _assert_clean(tab.close())


def test_payload_is_json_and_escaped(hostile: Graph, tmp_path: Path) -> None:
    summary = render_view(hostile, tmp_path / "p.html", mode="stance", topic="Migration")
    text = summary.path.read_text(encoding="utf-8")
    start = text.index('<script type="application/json" id="polgraph-data">') + 51
    payload = json.loads(text[start:text.index("</script>", start)])
    assert {"nodes", "edges", "search", "physics"} <= set(payload)
    assert any(EVIL_EVIDENCE == q["text"] for d in payload["edges"].values() if d
               for q in d["quotes"])
    ours = text[text.index("var info = JSON.parse"):]
    assert "innerHTML" not in ours  # our script uses textContent only
