"""No network unless asked; no unbounded entity expansion.

Issue 11: ``query`` with ``SERVICE <http://...>`` made HTTP requests from both backends; loading a
``.jsonld`` graph fetched its remote ``@context``; an 805-byte RDF/XML "billion laughs" file hung
``validate``, ``query`` and ``view`` for over 100 s. Each test serves a local HTTP port and checks
that nothing connects to it.
"""
from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import REPO, run_polgraph
from polgraph.errors import QueryError
from polgraph.netguard import refuse_service
from polgraph.store import GraphStore

GRAPH = REPO / "tests" / "shapes" / "MeetingProvenance_ok.ttl"
BILLION_LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n<!ENTITY a "lollollollollollollollollollol">\n'
                  + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">\n' for i in range(8))
                  + ']>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
                  'xmlns:ex="http://example.org/">\n<rdf:Description rdf:about="http://example.org/x">'
                  '<ex:p>&i;</ex:p></rdf:Description>\n</rdf:RDF>\n')


class _Counter(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        _Counter.hits.append(self.path)
        body = b'{"@context": {"name": "http://schema.org/name"}}'
        self.send_response(200)
        self.send_header("Content-Type", "application/ld+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_GET  # noqa: N815

    def log_message(self, *_: object) -> None:
        pass


@pytest.fixture()
def server() -> Iterator[str]:
    _Counter.hits = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Counter)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()


@pytest.fixture()
def store(tmp_path: Path) -> Path:
    path = tmp_path / "store"
    with GraphStore.open_writer(path):
        pass
    return path


@pytest.mark.parametrize("backend", ["graph", "store"])
def test_service_is_refused_in_both_backends(server: str, store: Path, backend: str) -> None:
    sparql = f"SELECT * WHERE {{ SERVICE <{server}/sparql> {{ ?s ?p ?o }} }}"
    source = [GRAPH] if backend == "graph" else ["--store", store]
    done = run_polgraph(["query", *source, sparql])
    assert done.returncode == 2
    assert "SERVICE" in done.stderr and "--allow-service" in done.stderr and "Traceback" not in done.stderr
    assert _Counter.hits == []


def test_allow_service_lets_the_query_out(server: str) -> None:
    done = run_polgraph(["query", GRAPH, f"SELECT * WHERE {{ SERVICE <{server}/sparql> {{ ?s ?p ?o }} }}",
                         "--allow-service"])
    assert _Counter.hits, done.stderr  # it did ask the server (which answers nonsense)


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }",
    "select * where { service silent <http://x/> { ?s ?p ?o } }",
    "PREFIX ex: <http://x/>\nSELECT * WHERE {\n  SERVICE\n ex:endpoint { ?s ?p ?o } }",
])
def test_service_is_found(query: str) -> None:
    with pytest.raises(QueryError, match="SERVICE"):
        refuse_service(query)


@pytest.mark.parametrize("query", [
    'SELECT * WHERE { ?s ?p "SERVICE" }',
    "SELECT * WHERE { ?s <http://example.org/SERVICE> ?o }  # SERVICE in a comment",
    "PREFIX ex: <http://x/> SELECT ?service WHERE { ?service ex:SERVICE ?o }",
    "SELECT * WHERE { ?s ?p '''a SERVICE\n in a long string''' }",
])
def test_service_in_strings_iris_names_and_comments_is_no_service(query: str) -> None:
    refuse_service(query)


def test_remote_json_ld_context_is_not_fetched(server: str, tmp_path: Path) -> None:
    graph = tmp_path / "remote.jsonld"
    graph.write_text(f'{{"@context": "{server}/context.jsonld", "@id": "http://example.org/a", "name": "A"}}')
    for command in (["validate", graph], ["query", graph, "SELECT * WHERE { ?s ?p ?o }"]):
        done = run_polgraph(command)
        assert done.returncode == 2, done.stderr
        assert "remote document" in done.stderr and "Traceback" not in done.stderr
    assert _Counter.hits == []


def test_nested_remote_context_is_not_fetched_either(server: str, tmp_path: Path) -> None:
    graph = tmp_path / "nested.jsonld"
    graph.write_text(f'{{"@graph": [{{"@context": ["{server}/c.jsonld"], "@id": "http://example.org/a"}}]}}')
    done = run_polgraph(["validate", graph])
    assert done.returncode == 2 and "remote document" in done.stderr
    assert _Counter.hits == []


def test_the_last_line_of_defence_blocks_other_fetches(server: str, tmp_path: Path) -> None:
    # A JSON-LD 1.1 scoped context inside a term definition: not a top-level @context value.
    graph = tmp_path / "scoped.jsonld"
    graph.write_text('{"@context": {"knows": {"@id": "http://xmlns.com/foaf/0.1/knows", "@context": {"@import": '
                     f'"{server}/imported.jsonld"}}}}}}, "@id": "http://example.org/a", '
                     '"knows": {"@id": "http://example.org/b"}}')
    done = run_polgraph(["validate", graph])
    assert done.returncode == 2 and "refused to contact" in done.stderr, done.stderr
    assert _Counter.hits == []


@pytest.mark.parametrize("command", ["validate", "query", "view"])
def test_billion_laughs_is_refused_quickly(tmp_path: Path, command: str) -> None:
    bomb = tmp_path / "bomb.rdf"
    bomb.write_text(BILLION_LAUGHS)
    assert bomb.stat().st_size < 1000
    args = {"validate": ["validate", bomb], "query": ["query", bomb, "SELECT * WHERE { ?s ?p ?o }"],
            "view": ["view", bomb, "-o", tmp_path / "v.html"]}[command]
    started = time.monotonic()
    done = run_polgraph(args, timeout=60)
    assert time.monotonic() - started < 30
    assert done.returncode == 2 and "declares entities" in done.stderr and "Traceback" not in done.stderr


def test_the_guard_is_only_active_while_parsing_or_querying(server: str, tmp_path: Path) -> None:
    import urllib.request

    from polgraph.export import load_graphs
    from polgraph.netguard import NetworkRefused, no_network

    graph = tmp_path / "scoped.jsonld"
    graph.write_text(f'{{"@context": {{"@import": "{server}/imported.jsonld"}}, "@id": "http://example.org/a"}}')
    with pytest.raises(Exception, match="refused to contact"):
        load_graphs([graph])
    with no_network(), pytest.raises(NetworkRefused):
        urllib.request.urlopen(f"{server}/inside", timeout=5)
    assert _Counter.hits == []
    with urllib.request.urlopen(f"{server}/outside", timeout=5) as answer:  # the process itself is not crippled
        assert answer.status == 200
    assert _Counter.hits == ["/outside"]


def test_external_xml_entities_are_refused_too(server: str, tmp_path: Path) -> None:
    graph = tmp_path / "xxe.rdf"
    graph.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY ext SYSTEM "{server}/secret">]>\n'
                     '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">'
                     '<rdf:Description rdf:about="http://example.org/x"><ex:p>&ext;</ex:p></rdf:Description>'
                     '</rdf:RDF>\n')
    done = run_polgraph(["query", graph, "SELECT * WHERE { ?s ?p ?o }"])
    assert done.returncode == 2 and "declares entities" in done.stderr
    assert _Counter.hits == []
