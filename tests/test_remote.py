"""``polgraph ingest/remove/export --endpoint``: external stores hold what the embedded store holds.

Live, against two real servers started on loopback (``servers.py``): Oxigraph server (merge in
its default graph) and Virtuoso 7 (merge in a named graph, since its default graph is the
union of all graphs). The shared development corpus goes into the embedded store and into
both servers; then a re-ingest (nothing changes), a replaced document and a removed one.
After each step, every competency question gives the same answers everywhere.
"""
from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from conftest import run_polgraph
from polgraph.remote import Endpoint, RemoteStore, RemoteStoreError
from servers import RunningStore, start_oxigraph, start_virtuoso
from test_results import QUERIES

CQS = sorted(QUERIES.glob("cq*.rq"))
Answers = dict[str, set[tuple[str, ...]]]


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[RunningStore]]:
    running: list[RunningStore] = []
    try:
        running.append(start_oxigraph(tmp_path_factory.mktemp("oxigraph")))
        try:
            running.append(start_virtuoso(tmp_path_factory.mktemp("virtuoso")))
        except pytest.skip.Exception as skipped:  # Oxigraph alone still tests the protocol
            print(f"Virtuoso not tested: {skipped}")
        yield running
    finally:
        for store in running:
            store.stop()


def embedded_answers(store: Path) -> Answers:
    answers = {}
    for rq in CQS:
        done = run_polgraph(["query", "--store", store, rq, "--format", "json"])
        assert done.returncode == 0, done.stderr
        data = json.loads(done.stdout)
        columns = data["head"]["vars"]
        answers[rq.stem] = {tuple(b.get(c, {}).get("value", "") for c in columns) for b in data["results"]["bindings"]}
    return answers


def remote_answers(endpoint: Endpoint) -> Answers:
    """The answers of ``polgraph query --endpoint``, checked against the store's own JSON once."""
    answers = {}
    for rq in CQS:
        done = run_polgraph(["query", "--endpoint", endpoint.query, "--merged-graph", endpoint.merged_graph, rq,
                             "--format", "records"])
        assert done.returncode == 0, done.stderr
        answers[rq.stem] = {tuple("" if v is None else v for v in row.values()) for row in json.loads(done.stdout)}
        response = httpx.post(endpoint.query, data={"query": rq.read_text("utf-8"), **endpoint.query_params},
                              headers={"Accept": "application/sparql-results+json"}, timeout=60)
        assert response.status_code == 200, response.text
        data = response.json()
        columns = data["head"]["vars"]
        direct = {tuple(b.get(c, {}).get("value", "") for c in columns) for b in data["results"]["bindings"]}
        assert direct == answers[rq.stem]
    return answers


def ingest(target: list[str], corpus: Path) -> str:
    done = run_polgraph(["ingest", *target, corpus, "--jobs", "1"])
    assert done.returncode in (0, 1), done.stderr  # 1: a document has SHACL violations (still written)
    return done.stderr


def assert_same(step: str, embedded: Path, stores: list[RunningStore]) -> None:
    expected = embedded_answers(embedded)
    assert any(expected.values()), "the competency questions have answers"
    for store in stores:
        got = remote_answers(store.endpoint)
        differ = [name for name in expected if got[name] != expected[name]]
        assert not differ, (f"after {step}, {store.name} answers differently to {differ}:\n"
                            f"{sorted(got[differ[0]] ^ expected[differ[0]])[:10]}")


@pytest.mark.slow
def test_external_stores_hold_the_embedded_stores_answers(stores: list[RunningStore], shared: Path,
                                                          tmp_path: Path) -> None:
    corpus = tmp_path / "dev"
    shutil.copytree(shared / "corpus" / "dev", corpus)
    files = sorted(p for p in corpus.iterdir() if p.suffix in (".txt", ".html"))
    embedded = tmp_path / "store"
    targets = [["--store", str(embedded)]] + [store.cli_options() for store in stores]

    for target in targets:
        summary = ingest(target, corpus)
        assert f"{len(files)} added" in summary, summary
    assert_same("the first ingest", embedded, stores)

    for target in targets:
        summary = ingest(target, corpus)
        assert f"0 added, 0 replaced, {len(files)} unchanged" in summary, summary
    assert_same("a re-ingest", embedded, stores)

    changed = files[0]
    text = changed.read_text(encoding="utf-8")
    changed.write_text(text.replace(".", ". ", 1) + "\n", encoding="utf-8")  # new text, same meaning
    for target in targets:
        summary = ingest(target, corpus)
        assert "1 replaced" in summary and f"{len(files) - 1} unchanged" in summary, summary
    assert_same("a replaced document", embedded, stores)

    removed = files[1].name
    for target in targets:
        done = run_polgraph(["remove", *target, removed])
        assert done.returncode == 0 and "removed https://w3id.org/polgraph/id/document/" in done.stderr, done.stderr
    assert_same("a removed document", embedded, stores)

    export = tmp_path / "embedded.trig"
    assert run_polgraph(["export", "--store", embedded, "-o", export]).returncode == 0
    expected = Dataset()
    expected.parse(export, format="trig")
    for store in stores:
        out = tmp_path / f"{store.name}.trig"
        done = run_polgraph(["export", *store.cli_options(), "-o", out])
        assert done.returncode == 0, done.stderr
        got = Dataset()
        got.parse(out, format="trig")
        names = {str(g.identifier) for g in expected.graphs() if len(g)}
        assert {str(g.identifier) for g in got.graphs() if len(g)} == names
        for name in names:
            assert isomorphic(got.graph(name), expected.graph(name)), f"{store.name}: graph {name} differs"
        merged = tmp_path / f"{store.name}.nt"
        assert run_polgraph(["export", *store.cli_options(), "-o", merged]).returncode == 0
        embedded_nt = tmp_path / "embedded.nt"
        assert run_polgraph(["export", "--store", embedded, "-o", embedded_nt]).returncode == 0
        assert isomorphic(Graph().parse(merged), Graph().parse(embedded_nt)), f"{store.name}: merged graph differs"


def test_an_unreachable_or_refusing_store_is_named(stores: list[RunningStore], tmp_path: Path) -> None:
    gone = Endpoint(query="http://127.0.0.1:9/sparql", update="http://127.0.0.1:9/sparql")
    with pytest.raises(RemoteStoreError, match="cannot reach the external store"):
        RemoteStore(gone)
    done = run_polgraph(["remove", "--endpoint", "http://127.0.0.1:9/sparql", "x.txt"])
    assert done.returncode == 2 and "cannot reach the external store" in done.stderr
    oxigraph = stores[0].endpoint
    wrong_update = Endpoint(query=oxigraph.query, update=oxigraph.query)  # a query URL takes no update
    with RemoteStore(wrong_update) as remote, pytest.raises(RemoteStoreError, match="answered"):
        remote.update("INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }")
    usage = run_polgraph(["ingest", "--store", tmp_path / "s", "--endpoint", oxigraph.query, tmp_path])
    assert usage.returncode == 2 and "one of them" in usage.stderr


def test_conflicts_between_documents_are_reported_as_by_the_own_store(stores: list[RunningStore],
                                                                      tmp_path: Path) -> None:
    from polgraph.store import DocumentGraph, GraphStore

    def document(name: str, label: str) -> DocumentGraph:
        iri = f"https://w3id.org/polgraph/id/document/conflict-{name}"
        body = (f'<{iri}> <https://w3id.org/polgraph/ontology#source> "{name}.txt" .\n'
                f'<https://w3id.org/polgraph/id/person/jane-doe> <http://www.w3.org/2000/01/rdf-schema#label> '
                f'"{label}" .\n')
        return DocumentGraph(iri, f"{name}.txt", name * 8, body, 2)

    docs = [document("a", "Jane Doe"), document("b", "Jane Roe")]
    with GraphStore.open_writer(tmp_path / "store") as own:
        expected = [own.write_document(d)[2] for d in docs]
    assert expected[0] == [] and len(expected[1]) == 1 and "2 values of rdfs:label" in expected[1][0]
    for store in stores:
        with RemoteStore(store.endpoint) as remote:
            try:
                assert [remote.write_document(d)[2] for d in docs] == expected, store.name
            finally:
                for d in docs:
                    remote.remove_document(d.iri)
