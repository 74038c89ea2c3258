"""Acceptance: `polgraph view` on the seeds' graph, opened from file:// in headless Chromium, offline.

Reuses the browser harness of tests/test_view.py (Debian's Chromium driven by playwright; the
tests skip with a reason when either is missing). Every node of the network is drawn, nothing
is logged as an error, no request leaves the machine, and document text executes nothing.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS

from conftest import BuiltGraph, invoke
from polgraph.export import load_graphs
from polgraph.view import graph_to_network
from test_view import (
    NODE_POINT_JS,
    PROBE_JS,
    Visit,
    _hover,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PG = Namespace("https://w3id.org/polgraph/ontology#")
IMG = "<img src=x onerror=window.__pwned=1>"
SCRIPT = "<script>window.__pwned=2</script>"
EVIL_NAME = f"John {IMG} {SCRIPT} Smith"
NODE_COUNT_Q = """
PREFIX pg: <https://w3id.org/polgraph/ontology#>
SELECT (COUNT(DISTINCT ?n) AS ?c) WHERE {
  VALUES ?cls { pg:Person pg:Meeting pg:Country pg:Organization pg:Place pg:Topic }
  ?n a ?cls . FILTER(isIRI(?n)) }"""

HOSTILE_RELEASE = (
    f"Interior ministers meet in Brussels {SCRIPT}\n"
    "\n"
    f"Interior Minister John {SCRIPT} Smith attended an informal meeting of EU interior ministers "
    f"in Brussels on 7 February 2019. Prime Minister Ana {IMG} Novak of Slovenia also attended. "
    f"Minister Smith said that Slovenia strongly supports the control of the external borders {IMG}. "
    f'"We must work together on migration {SCRIPT}," said Ana {IMG} Novak.\n'
)



def visit(browser: Any, page: Path, *, hover: Sequence[str] = ()) -> Visit:
    """Open ``page`` from file:// with the network off; record requests, errors, state, tooltips."""
    seen = Visit()
    context = browser.new_context(offline=True, viewport={"width": 1200, "height": 900})

    def route(r: Any) -> None:
        if r.request.url.startswith(("file:", "data:")):
            r.continue_()
        else:
            seen.blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    tab = context.new_page()
    tab.on("request", lambda req: seen.requests.append(req.url))
    tab.on("console", lambda m: seen.console_errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: seen.page_errors.append(str(e)))
    tab.on("dialog", lambda d: (seen.dialogs.append(d.message), d.dismiss()))
    try:
        tab.goto(page.as_uri(), wait_until="load")
        seen.result = tab.evaluate(PROBE_JS)
        seen.result["tooltips"] = {node: _hover(tab, tab.evaluate(NODE_POINT_JS, node)) for node in hover}
        seen.result["pwned_after"] = tab.evaluate("typeof window.__pwned")
    finally:
        context.close()
    return seen


def view(graph: Path, out: Path) -> Path:
    result = invoke(["view", graph, "-o", out])
    assert result.exit_code == 0, result.output
    return out


def assert_clean(seen: Visit) -> None:
    assert seen.blocked == [], f"requests that would leave the machine: {seen.blocked}"
    assert seen.requests and all(u.startswith(("file:", "data:")) for u in seen.requests), seen.requests
    assert seen.console_errors == [], seen.console_errors
    assert seen.page_errors == [], seen.page_errors


def assert_executed_nothing(seen: Visit) -> None:
    r = seen.result
    assert r["pwned"] == "undefined" and r["pwned_after"] == "undefined", "document text ran as code"
    assert r["imgs"] == 0, "document text became an <img> element"
    assert seen.dialogs == []


# --------------------------------------------------------------------------- the seeds' page


@pytest.fixture(scope="module")
def seeds_visit(browser: Any, seeds_graph: BuiltGraph, tmp_path_factory: pytest.TempPathFactory
                ) -> tuple[Visit, Graph]:
    page = view(seeds_graph.path, tmp_path_factory.mktemp("view") / "seeds.html")
    return visit(browser, page), load_graphs([seeds_graph.path])


def test_seeds_page_draws_every_node(seeds_visit: tuple[Visit, Graph]) -> None:
    seen, graph = seeds_visit
    network = graph_to_network(graph)
    (row,) = list(graph.query(NODE_COUNT_Q))  # people, meetings, countries/orgs, places, topics
    expected = network.number_of_nodes()
    assert expected == int(row[0]) > 0  # type: ignore[index]
    r = seen.result
    assert r["nodes"] == r["drawnNodes"] == r["placed"] == expected
    assert r["edges"] == r["drawnEdges"] == network.number_of_edges()
    assert r["canvases"] == 1 and r["stable"] is True


def test_seeds_page_is_offline_and_error_free(seeds_visit: tuple[Visit, Graph]) -> None:
    seen, _ = seeds_visit
    assert_clean(seen)
    assert_executed_nothing(seen)


# --------------------------------------------------------------------------- hostile names


def test_hostile_name_in_a_document_executes_nothing(browser: Any, tmp_path: Path) -> None:
    source = tmp_path / "in" / "hostile.txt"
    source.parent.mkdir()
    source.write_text(HOSTILE_RELEASE, encoding="utf-8")
    graph = tmp_path / "hostile.ttl"
    built = invoke(["build", source, "-o", graph])
    assert built.exit_code in (0, 1), built.output  # 1: written, with violations
    page = view(graph, tmp_path / "hostile.html")
    text = page.read_text(encoding="utf-8")
    assert IMG not in text and SCRIPT not in text
    # the title at least (a node's "Source:" line) reaches the page, as JSON-escaped data
    assert "\\u003cscript\\u003ewindow.__pwned=2" in text
    seen = visit(browser, page)
    assert_clean(seen)
    assert_executed_nothing(seen)


def test_hostile_label_injected_into_the_graph_executes_nothing(
    browser: Any, seeds_graph: BuiltGraph, tmp_path: Path
) -> None:
    g = Graph().parse(seeds_graph.path, format="turtle")
    people = sorted(p for p in g.subjects(RDF.type, PG.Person) if isinstance(p, URIRef)
                    and (p, PG.holdsPosition, None) in g)
    assert people, "the seeds' graph has no person with a position"
    person = people[0]
    g.set((person, RDFS.label, Literal(EVIL_NAME)))
    meeting = sorted(g.subjects(RDF.type, PG.Meeting))[0]
    g.set((meeting, RDFS.label, Literal(f"Meeting {SCRIPT}</title></script>{IMG}")))
    hostile = tmp_path / "hostile.ttl"
    g.serialize(hostile, format="turtle")
    network = graph_to_network(load_graphs([hostile]))
    assert network.nodes[str(person)]["label"] == EVIL_NAME  # the page really carries it

    page = view(hostile, tmp_path / "hostile.html")
    text = page.read_text(encoding="utf-8")
    assert IMG not in text and SCRIPT not in text
    seen = visit(browser, page, hover=[str(person)])
    assert_clean(seen)
    assert_executed_nothing(seen)
    tip = seen.result["tooltips"][str(person)]
    assert tip["text"].startswith(EVIL_NAME), tip["text"]  # shown as text
    assert set(tip["tags"]) <= {"BR"} and tip["imgs"] == 0 and tip["pwned"] == "undefined"
