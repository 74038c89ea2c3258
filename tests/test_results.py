"""The SPARQL 1.1 results formats of ``polgraph query``, CONSTRUCT/DESCRIBE, ``validate --format turtle``.

Every format is read back by an independent parser (pyoxigraph's results parser, rdflib's
graph parsers), and the graph files (rdflib) and the store (Oxigraph) must say the same.
"""
from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDF, SH, Graph
from rdflib.compare import isomorphic

from conftest import REPO, invoke
from polgraph.results import QueryShape, inspect_query
from polgraph.store import DocumentGraph, GraphStore

TOY = REPO / "tests" / "data" / "serve" / "toy.ttl"
QUERIES = REPO / "src" / "polgraph" / "queries"
ALL_KINDS = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX pg: <https://w3id.org/polgraph/ontology#>
SELECT ?s ?p ?o WHERE {
  { BIND(<https://w3id.org/polgraph/id/test/note> AS ?s) ?s ?p ?o }
  UNION { BIND(<https://w3id.org/polgraph/id/topic/migration> AS ?s) ?s skos:altLabel ?o }
  UNION { ?s rdfs:label ?o FILTER(isBlank(?s)) }
}"""
OX_FORMATS = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
              "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}


def make_store(folder: Path, ttl: Path = TOY) -> Path:
    """A store holding ``ttl`` as one document (no NLP)."""
    graph = Graph().parse(ttl)
    body = graph.serialize(format="nt")
    doc = DocumentGraph("https://w3id.org/polgraph/id/document/toy", ttl.name,
                        hashlib.sha256(body.encode()).hexdigest(), body, len(graph))
    with GraphStore.open_writer(folder) as store:
        store.write_document(doc)
    return folder


@pytest.fixture(scope="module")
def toy_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_store(tmp_path_factory.mktemp("results") / "store")


def query(*args: object) -> str:
    result = invoke(["query", *args])
    assert result.exit_code == 0, result.output
    return result.stdout_bytes.decode("utf-8")  # .stdout would turn CRLF into LF


def parsed(text: str, fmt: str) -> tuple[list[str], set[tuple[object, ...]]]:
    """Columns and rows, read back by pyoxigraph (CSV: by csv); blank nodes become a placeholder."""
    if fmt == "csv":  # lossy by design: pyoxigraph does not read it back
        header, *body = csv.reader(io.StringIO(text, newline=""))
        return header, {tuple("_:b" if v.startswith("_:") else ox.Literal(v) for v in row) for row in body}
    solutions = ox.parse_query_results(text.encode(), OX_FORMATS[fmt])
    assert isinstance(solutions, ox.QuerySolutions)
    columns = [v.value for v in solutions.variables]
    rows = {tuple("_:b" if isinstance(t, ox.BlankNode) else t for t in row) for row in solutions}
    return columns, rows


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_formats_keep_term_types_languages_and_datatypes(fmt: str) -> None:
    columns, rows = parsed(query(TOY, ALL_KINDS, "--format", fmt), fmt)
    assert columns == ["s", "p", "o"]
    objects = {row[2] for row in rows}
    if fmt == "csv":  # CSV carries plain values only (the W3C format says so)
        assert ox.Literal("migracije") in objects and ox.Literal("42") in objects
        return
    assert ox.Literal("migracije", language="sl") in objects
    assert ox.Literal("42", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")) in objects
    assert ox.Literal('tab\there, "quoted", new\nline') in objects
    assert any(row[0] == "_:b" for row in rows), "the blank node subject is kept as a blank node"


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_store_and_graph_files_give_the_same_answers(fmt: str, toy_store: Path) -> None:
    rq = QUERIES / "cq6_meeting_topics.rq"
    from_files = parsed(query(TOY, rq, "--format", fmt), fmt)
    from_store = parsed(query("--store", toy_store, rq, "--format", fmt), fmt)
    assert from_files == from_store
    assert from_files[1], "cq6 has answers on the toy graph"


def test_csv_is_the_w3c_csv_with_crlf() -> None:
    text = query(TOY, QUERIES / "cq2_attendance.rq", "--format", "csv")
    assert text.startswith("name,meeting,meetingName,date,place\r\n")
    assert text.count("\r\n") == text.count("\n")


def test_ask_in_each_format() -> None:
    ask = "ASK { ?s ?p ?o }"
    assert query(TOY, ask, "--format", "json").strip() == '{"head": {}, "boolean": true}'
    boolean = ox.parse_query_results(query(TOY, ask, "--format", "xml").encode(), ox.QueryResultsFormat.XML)
    assert isinstance(boolean, ox.QueryBoolean) and bool(boolean)
    assert query(TOY, ask, "--format", "csv") == "answer\r\ntrue\r\n"


def test_records_are_the_plain_string_objects() -> None:
    import json

    rows = json.loads(query(TOY, QUERIES / "cq5_conveners.rq", "--format", "records"))
    assert rows and all(isinstance(v, str) for row in rows for v in row.values())


@pytest.mark.parametrize(("fmt", "rdflib_format"), [("turtle", "turtle"), ("nt", "nt"), ("json-ld", "json-ld"),
                                                    ("xml", "xml"), ("table", "turtle")])
def test_construct_and_describe_answer_with_graphs(fmt: str, rdflib_format: str, toy_store: Path) -> None:
    construct = ("PREFIX pg: <https://w3id.org/polgraph/ontology#> CONSTRUCT { ?m pg:hasTopic ?t } "
                 "WHERE { ?m pg:hasTopic ?t }")
    expected = Graph().parse(TOY).query(construct).graph
    assert expected is not None and len(expected) == 3
    for source in ([TOY], ["--store", toy_store]):
        got = Graph().parse(data=query(*source, construct, "--format", fmt), format=rdflib_format)
        assert isomorphic(got, expected), f"{fmt} from {source}"
    describe = query("--store", toy_store, "DESCRIBE <https://w3id.org/polgraph/id/country/SI>", "--format", fmt)
    described = Graph().parse(data=describe, format=rdflib_format)
    assert (None, None, None) in described and {str(s) for s in described.subjects()} == {
        "https://w3id.org/polgraph/id/country/SI"}


def test_a_format_that_does_not_fit_the_answer_is_refused() -> None:
    result = invoke(["query", TOY, "SELECT * WHERE { ?s ?p ?o }", "--format", "nt"])
    assert result.exit_code == 2 and "answers with rows" in result.stderr
    result = invoke(["query", TOY, "CONSTRUCT WHERE { ?s ?p ?o }", "--format", "csv"])
    assert result.exit_code == 2 and "answers with a graph" in result.stderr


@pytest.mark.parametrize("update", ["INSERT DATA { <a:b> <a:c> <a:d> }", "LOAD <http://127.0.0.1:1/x.ttl>",
                                    "PREFIX ex: <http://example.org/> DELETE WHERE { ?s ex:p ?o }"])
def test_updates_are_refused(update: str, toy_store: Path) -> None:
    for source in ([TOY], ["--store", toy_store]):
        result = invoke(["query", *source, update])
        assert result.exit_code == 2
        assert "SPARQL update" in result.stderr and "only reads" in result.stderr


def test_service_is_refused(toy_store: Path) -> None:
    service = "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }"
    for source in ([TOY], ["--store", toy_store]):
        for fmt in ("table", "json"):
            result = invoke(["query", *source, service, "--format", fmt])
            assert result.exit_code == 2 and "uses SERVICE" in result.stderr and "--allow-service" in result.stderr


def test_validate_turtle_writes_the_results_graph(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text(TOY.read_text(encoding="utf-8").replace('pg:countryCode "SI"', 'pg:countryCode "Slovenia"'),
                      encoding="utf-8")
    result = invoke(["validate", broken, "--format", "turtle"])
    assert result.exit_code == 1
    assert "does not conform" in result.stderr and "does not conform" not in result.stdout
    report = Graph().parse(data=result.stdout, format="turtle")
    (node,) = report.subjects(RDF.type, SH.ValidationReport)
    assert report.value(node, SH.conforms).toPython() is False
    (focus,) = set(report.objects(None, SH.focusNode))
    assert str(focus) == "https://w3id.org/polgraph/id/country/SI"
    assert (None, SH.sourceConstraintComponent, SH.PatternConstraintComponent) in report

    ok = invoke(["validate", TOY, "--format", "turtle"])
    assert ok.exit_code == 0
    ok_report = Graph().parse(data=ok.stdout, format="turtle")
    assert (None, SH.conforms, None) in ok_report and not list(ok_report.objects(None, SH.result))


def test_validate_store_per_document_turtle_is_one_report(toy_store: Path) -> None:
    result = invoke(["validate", "--store", toy_store, "--per-document", "--format", "turtle"])
    assert result.exit_code == 0, result.output
    report = Graph().parse(data=result.stdout, format="turtle")
    assert len(list(report.subjects(RDF.type, SH.ValidationReport))) == 1


@pytest.mark.parametrize(("sparql", "form", "keyword", "service"), [
    ("PREFIX pg: <https://w3id.org/polgraph/ontology#>\nSELECT * WHERE { ?s a pg:Person }", "SELECT", "", False),
    ("# LOAD <x> INSERT\nASK { ?s ?p 'DELETE' }", "ASK", "", False),
    ("BASE <http://e/> CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT", "", False),
    ("describe <http://e/x>", "DESCRIBE", "", False),
    ("LOAD <http://e/data.ttl>", "UPDATE", "LOAD", False),
    ("PREFIX ex: <http://e/> INSERT DATA { ex:a ex:b ex:c }", "UPDATE", "INSERT", False),
    ("WITH <http://e/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "UPDATE", "WITH", False),
    ("SELECT * WHERE { service <http://e/sparql> { ?s ?p ?o } }", "SELECT", "", True),
    ("SELECT * WHERE {\n  SERVICE\tSILENT <http://e/sparql> { ?s ?p ?o } }", "SELECT", "", True),
    ('SELECT ?service WHERE { ?service a <http://e/SERVICE> ; <http://e/p> "SERVICE" }', "SELECT", "", False),
    ("PREFIX service: <http://e/> SELECT * WHERE { ?s service:load ?o }", "SELECT", "", False),
    ('SELECT * WHERE { ?s ?p """a long\nSERVICE string""" }', "SELECT", "", False),
])
def test_inspect_query(sparql: str, form: str, keyword: str, service: bool) -> None:
    assert inspect_query(sparql) == QueryShape(form, keyword, service)  # type: ignore[arg-type]


def test_packaged_competency_questions_equal_the_spec(shared: Path) -> None:
    spec = {p.name: p.read_bytes() for p in (shared / "spec" / "competency").glob("*.rq")}
    packaged = {p.name: p.read_bytes() for p in QUERIES.glob("*.rq")}
    assert packaged == spec, "src/polgraph/queries/ is a copy of shared/spec/competency/: copy it again"


def test_writers_stream_in_chunks() -> None:
    from polgraph.results import Term, write_solutions

    rows = ((Term("literal", str(i)),) for i in range(2000))
    chunks = list(write_solutions("json", ["n"], rows))
    assert len(chunks) > 5, "rows are written in batches, not as one string"
    solutions = ox.parse_query_results(io.BytesIO("".join(chunks).encode()), ox.QueryResultsFormat.JSON)
    assert isinstance(solutions, ox.QuerySolutions) and sum(1 for _ in solutions) == 2000
