"""``polgraph serve``: a real server on loopback, real HTTP clients (SPARQLWrapper, rdflib, httpx).

Each server is started by the command line in its own process, on a free port of 127.0.0.1,
over the toy graph (no NLP needed) as a store or as a graph file.
"""
from __future__ import annotations

import csv
import io
import json
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pyoxigraph as ox
import pytest
from conftest import invoke, polgraph_command
from rdflib import Graph
from rdflib.compare import isomorphic
from servers import free_port, wait_until_answering
from test_results import QUERIES, TOY, make_store

CQS = sorted(QUERIES.glob("cq*.rq"))
DOC = "https://w3id.org/polgraph/id/document/toy"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


@dataclass
class Server:
    url: str
    process: subprocess.Popen[str]
    log: Path

    @property
    def sparql(self) -> str:
        return self.url + "/sparql"

    def access_log(self) -> str:
        return self.log.read_text(encoding="utf-8")


def start_server(args: list[str], log: Path) -> Server:
    port = free_port()
    out = open(log, "w", encoding="utf-8")  # noqa: SIM115 - the server writes to it until stopped
    process = subprocess.Popen([*polgraph_command(), "serve", *args, "--port", str(port)],
                               stdout=out, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    wait_until_answering(url + "/health", process, log, seconds=30)
    return Server(url, process, log)


def stop_server(server: Server) -> None:
    server.process.send_signal(signal.SIGINT)
    try:
        server.process.wait(20)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_store(tmp_path_factory.mktemp("serve") / "store")


@pytest.fixture(scope="module")
def server(store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    running = start_server(["--store", str(store), "--timeout", "2"], tmp_path_factory.mktemp("log") / "serve.log")
    yield running
    stop_server(running)


def cli_rows(store: Path, rq: Path) -> set[tuple[str, ...]]:
    """The answer of ``polgraph query --store`` (records: plain strings)."""
    result = invoke(["query", "--store", store, rq, "--format", "records"])
    assert result.exit_code == 0, result.output
    return {tuple("" if v is None else v for v in row.values()) for row in json.loads(result.stdout)}


def columns_of(rq: Path) -> list[str]:
    solutions = ox.Store().query(rq.read_text(encoding="utf-8"))
    assert isinstance(solutions, ox.QuerySolutions)
    return [v.value for v in solutions.variables]


# --------------------------------------------------------------------------- clients: same answers


@pytest.mark.parametrize("rq", CQS, ids=lambda p: p.stem)
def test_sparqlwrapper_json_xml_csv_give_the_cli_answers(rq: Path, server: Server, store: Path) -> None:
    from SPARQLWrapper import CSV, JSON, XML, SPARQLWrapper

    expected = cli_rows(store, rq)
    columns = columns_of(rq)
    client = SPARQLWrapper(server.sparql)
    client.setQuery(rq.read_text(encoding="utf-8"))

    client.setReturnFormat(JSON)
    data = client.query().convert()
    assert data["head"]["vars"] == columns
    assert {tuple(b.get(c, {}).get("value", "") for c in columns) for b in data["results"]["bindings"]} == expected

    client.setReturnFormat(XML)
    dom = client.query().convert()
    rows = set()
    for result in dom.getElementsByTagName("result"):
        values = {b.getAttribute("name"): b.firstChild.firstChild.data if b.firstChild.firstChild else ""
                  for b in result.getElementsByTagName("binding")}
        rows.add(tuple(values.get(c, "") for c in columns))
    assert rows == expected

    client.setReturnFormat(CSV)
    header, *body = csv.reader(io.StringIO(client.query().convert().decode("utf-8"), newline=""))
    assert header == columns
    assert {tuple(row) for row in body} == expected


@pytest.mark.parametrize("return_format", ["json", "xml"])
def test_rdflib_sparqlstore_gives_the_cli_answers(return_format: str, server: Server, store: Path) -> None:
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    remote = Graph(SPARQLStore(server.sparql, returnFormat=return_format))
    for rq in CQS:
        rows = {tuple("" if v is None else str(v) for v in row) for row in remote.query(rq.read_text("utf-8"))}
        assert rows == cli_rows(store, rq), rq.name


# --------------------------------------------------------------------------- refusals


def test_update_load_and_service_are_refused(server: Server) -> None:
    from SPARQLWrapper import POST, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    client = SPARQLWrapper(server.sparql)
    client.setMethod(POST)
    client.setQuery("INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }")
    with pytest.raises((SPARQLWrapperException, Exception)) as caught:  # urllib's HTTPError for 403
        client.query()
    assert "403" in str(caught.value)

    cases = [
        httpx.post(server.sparql, data={"update": "INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }"}),
        httpx.post(server.sparql, content=b"CLEAR ALL", headers={"Content-Type": "application/sparql-update"}),
        httpx.post(server.sparql, data={"query": "LOAD <http://127.0.0.1:1/data.ttl>"}),
        httpx.get(server.sparql, params={"query": "DROP GRAPH <http://e/g>"}),
    ]
    for response in cases:
        assert response.status_code == 403, response.text
        assert "read-only" in response.text and "polgraph ingest" in response.text

    service = httpx.get(server.sparql, params={
        "query": "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }"})
    assert service.status_code == 403 and "SERVICE is refused" in service.text

    put = httpx.put(server.url + "/store", params={"graph": DOC}, content=b"", headers={"Content-Type": "text/turtle"})
    assert put.status_code == 405 and "read-only" in put.text


def test_a_query_over_the_time_limit_is_stopped_and_the_server_goes_on(server: Server) -> None:
    slow = httpx.get(server.sparql, params={"query": SLOW}, timeout=60)
    assert slow.status_code == 503
    assert "time limit of 2 s" in slow.text and "--timeout" in slow.text
    after = httpx.get(server.sparql, params={"query": "ASK { ?s ?p ?o }"},
                      headers={"Accept": "application/sparql-results+json"}, timeout=30)
    assert after.status_code == 200 and after.json() == {"head": {}, "boolean": True}


def test_bad_requests_say_what_to_do(server: Server) -> None:
    missing = httpx.get(server.sparql)
    assert missing.status_code == 400 and "give one SPARQL query" in missing.text
    broken = httpx.get(server.sparql, params={"query": "SELECT ?x WHERE { ?x"})
    assert broken.status_code == 400 and "cannot be parsed" in broken.text
    unacceptable = httpx.get(server.sparql, params={"query": "SELECT * WHERE { ?s ?p ?o }"},
                             headers={"Accept": "image/png"})
    assert unacceptable.status_code == 406 and "application/sparql-results+json" in unacceptable.text
    wrong_body = httpx.post(server.sparql, content=b"SELECT * {}", headers={"Content-Type": "text/plain"})
    assert wrong_body.status_code == 415


# --------------------------------------------------------------------------- formats


@pytest.mark.parametrize(("accept", "fmt"), [("application/sparql-results+json", ox.QueryResultsFormat.JSON),
                                             ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
                                             ("text/tab-separated-values", ox.QueryResultsFormat.TSV)])
def test_select_formats_keep_languages_and_datatypes(accept: str, fmt: ox.QueryResultsFormat, server: Server) -> None:
    query = ("SELECT ?o WHERE { { <https://w3id.org/polgraph/id/topic/migration> "
             "<http://www.w3.org/2004/02/skos/core#altLabel> ?o } UNION "
             "{ <https://w3id.org/polgraph/id/test/note> <https://w3id.org/polgraph/test#count> ?o } }")
    response = httpx.post(server.sparql, data={"query": query}, headers={"Accept": accept})
    assert response.status_code == 200 and response.headers["content-type"].startswith(accept)
    solutions = ox.parse_query_results(response.content, fmt)
    assert isinstance(solutions, ox.QuerySolutions)
    assert {row[0] for row in solutions} == {
        ox.Literal("migracije", language="sl"),
        ox.Literal("42", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))}


@pytest.mark.parametrize(("accept", "rdflib_format"), [("text/turtle", "turtle"), ("application/n-triples", "nt"),
                                                       ("application/ld+json", "json-ld"),
                                                       ("application/rdf+xml", "xml")])
def test_construct_and_describe_are_negotiated(accept: str, rdflib_format: str, server: Server) -> None:
    construct = ("PREFIX pg: <https://w3id.org/polgraph/ontology#> CONSTRUCT { ?m pg:hasTopic ?t } "
                 "WHERE { ?m pg:hasTopic ?t }")
    expected = Graph().parse(TOY).query(construct).graph
    response = httpx.post(server.sparql, content=construct.encode(),
                          headers={"Content-Type": "application/sparql-query", "Accept": accept})
    assert response.status_code == 200 and response.headers["content-type"].startswith(accept)
    assert isomorphic(Graph().parse(data=response.text, format=rdflib_format), expected)
    describe = httpx.get(server.sparql, params={"query": "DESCRIBE <https://w3id.org/polgraph/id/country/SI>"},
                         headers={"Accept": accept})
    described = Graph().parse(data=describe.text, format=rdflib_format)
    assert len(described) == 3


def test_accept_quality_values_choose(server: Server) -> None:
    response = httpx.get(server.sparql, params={"query": "ASK {}"},
                         headers={"Accept": "application/sparql-results+json;q=0.5, text/csv;q=0.9"})
    assert response.headers["content-type"].startswith("text/csv")
    by_param = httpx.get(server.sparql, params={"query": "ASK {}", "format": "xml"})
    assert by_param.headers["content-type"].startswith("application/sparql-results+xml")


# --------------------------------------------------------------------------- Graph Store Protocol, health, CORS


def test_graph_store_protocol_read_side(server: Server) -> None:
    doc = httpx.get(server.url + "/store", params={"graph": DOC}, headers={"Accept": "application/n-triples"})
    assert doc.status_code == 200 and doc.headers["content-type"].startswith("application/n-triples")
    assert isomorphic(Graph().parse(data=doc.text, format="nt"), Graph().parse(TOY))
    merged = httpx.get(server.url + "/store?default")
    assert merged.headers["content-type"].startswith("text/turtle")
    assert isomorphic(Graph().parse(data=merged.text, format="turtle"), Graph().parse(TOY))
    unknown = httpx.get(server.url + "/store", params={"graph": "https://w3id.org/polgraph/id/document/nope"})
    assert unknown.status_code == 404 and "no graph" in unknown.text
    assert httpx.get(server.url + "/store").status_code == 400
    head = httpx.head(server.url + "/store", params={"graph": DOC})
    assert head.status_code == 200 and head.content == b""


def test_health_and_cors(server: Server) -> None:
    health = httpx.get(server.url + "/health").json()
    assert health == {"status": "ok", "source": f"store {health['source'][6:]}", "timeout": 2.0,
                      "max_rows": 100000, "workers": 2}
    preflight = httpx.options(server.sparql, headers={
        "Origin": "http://example.org", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] in ("*", "http://example.org")
    simple = httpx.get(server.sparql, params={"query": "ASK {}"}, headers={"Origin": "http://example.org"})
    assert simple.headers["access-control-allow-origin"] == "*"
    assert "x-polgraph-max-rows" in simple.headers["access-control-expose-headers"].lower()


def test_access_log_has_a_line_per_request(server: Server) -> None:
    httpx.get(server.sparql, params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 3"})
    time.sleep(0.2)
    lines = [line for line in server.access_log().splitlines() if '"GET /sparql?query=SELECT' in line]
    assert lines and lines[-1].split('"')[2].split()[0] == "200" and "rows=3" in lines[-1]


def test_answers_are_streamed(server: Server) -> None:
    with httpx.stream("GET", server.sparql, params={"query": "SELECT * WHERE { ?s ?p ?o }"}) as response:
        assert response.headers.get("transfer-encoding") == "chunked"
        assert "content-length" not in response.headers
        body = b"".join(response.iter_bytes())
    assert json.loads(body)["results"]["bindings"]


def test_the_server_follows_what_is_written_to_the_store(server: Server, store: Path) -> None:
    from polgraph.store import DocumentGraph, GraphStore

    ask = {"query": "ASK { <http://e/new> ?p ?o }"}
    assert httpx.get(server.sparql, params=ask).json()["boolean"] is False
    iri = "https://w3id.org/polgraph/id/document/new"
    body = (f'<http://e/new> <http://www.w3.org/2000/01/rdf-schema#label> "new" .\n'
            f'<{iri}> <https://w3id.org/polgraph/ontology#source> "new.txt" .\n')
    new = DocumentGraph(iri, "new.txt", "x" * 64, body, 2)
    with GraphStore.open_writer(store) as writer:
        writer.write_document(new)
    try:
        for _ in range(3):  # both workers see it
            assert httpx.get(server.sparql, params=ask).json()["boolean"] is True
    finally:
        with GraphStore.open_writer(store) as writer:
            writer.remove_document("new.txt")


# --------------------------------------------------------------------------- limits, graph files, bind address


def test_row_limit_and_graph_files(tmp_path: Path) -> None:
    running = start_server([str(TOY), "--max-rows", "3", "--workers", "1"], tmp_path / "serve.log")
    try:
        response = httpx.get(running.sparql, params={"query": "SELECT * WHERE { ?s ?p ?o }"})
        assert response.headers["x-polgraph-max-rows"] == "3"
        assert len(response.json()["results"]["bindings"]) == 3
        construct = httpx.get(running.sparql, params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"},
                              headers={"Accept": "application/n-triples"})
        assert len(construct.text.strip().splitlines()) == 3
        time.sleep(0.2)
        assert "rows=3 CUT at the row limit" in running.access_log()
        assert httpx.get(running.url + "/health").json()["source"] == "1 graph file"
    finally:
        stop_server(running)


def test_binds_loopback_by_default_and_refuses_bad_sources(tmp_path: Path) -> None:
    result = invoke(["serve", "--help"])
    assert "127.0.0.1" in result.stdout
    missing = invoke(["serve", "--store", tmp_path / "nothing"])
    assert missing.exit_code == 2 and "no polgraph store" in missing.stderr
    assert invoke(["serve"]).exit_code == 2


def test_a_port_in_use_is_an_error_in_words() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run([*polgraph_command(), "serve", str(TOY), "--port", str(port), "--workers", "1"],
                              capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 2
    assert "could not start on 127.0.0.1" in done.stderr and "address already in use" in done.stderr


# --------------------------------------------------------------------------- the query page


@pytest.mark.browser
def test_query_page_runs_a_competency_question_offline(server: Server, browser: Any) -> None:
    outside: list[str] = []
    errors: list[str] = []
    context = browser.new_context()
    page = context.new_page()

    def only_this_server(route: Any) -> None:
        if route.request.url.startswith(server.url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_this_server)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(server.url + "/")
    page.wait_for_selector("#examples option[value='1']", state="attached", timeout=30_000)
    page.select_option("#examples", "0")  # cq1: runs it
    page.wait_for_selector(".yasr table tbody tr", timeout=30_000)
    cells = page.locator(".yasr table tbody tr").all_inner_texts()
    context.close()
    assert any("Poklukar" in row for row in cells), cells
    assert not outside, f"the page asked for something outside the server: {outside}"
    assert not errors, errors


def test_vendored_yasgui_is_pinned_with_its_licence() -> None:
    folder = QUERIES.parent / "serve" / "static" / "yasgui"
    assert (folder / "VERSION").read_text().strip() == "4.2.28"
    assert "MIT" in (folder / "LICENSE.txt").read_text() or "Permission is hereby granted" in (
        folder / "LICENSE.txt").read_text()
    assert (folder / "yasgui.min.js").stat().st_size > 500_000 and (folder / "yasgui.min.css").is_file()


def test_worker_prefixes_are_the_stores() -> None:
    from polgraph.serve.engine import _PREFIXES
    from polgraph.store import PREFIXES

    assert _PREFIXES == PREFIXES


def test_default_and_named_graph_parameters(server: Server) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"

    def n(params: dict[str, str]) -> int:
        response = httpx.get(server.sparql, params={"query": count, **params})
        assert response.status_code == 200, response.text
        return int(response.json()["results"]["bindings"][0]["n"]["value"])

    merged = n({})
    assert merged == len(Graph().parse(TOY))
    assert n({"default-graph-uri": DOC}) == merged  # the toy store's one document is the whole graph
    assert n({"default-graph-uri": "https://w3id.org/polgraph/id/document/nope"}) == 0
    graphs = httpx.get(server.sparql, params={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
                                              "named-graph-uri": DOC}).json()["results"]["bindings"]
    assert [b["g"]["value"] for b in graphs] == [DOC]
