"""Tests of the SHACL shapes, the ontology they refer to, and polgraph.validate.

Data-driven: every ``tests/shapes/<Case>_ok.ttl`` must conform, and every
``tests/shapes/<Case>_bad.ttl`` must produce exactly the results its
``dash:GraphValidationTestCase`` / ``dash:expectedResult`` block lists (focus node, path,
source shape, constraint component), DASH style. The expected ``sh:sourceShape`` is the
*named* shape holding the constraint (the node shape, since property shapes are unnamed).
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, BNode, Graph, Namespace, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

try:
    import polgraph  # noqa: F401
except ModuleNotFoundError:  # running from a checkout without `pip install -e .`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pyshacl  # noqa: E402
from pyshacl.entrypoints import meta_validate  # noqa: E402

from conftest import require_shared, shared_dir  # noqa: E402
from polgraph import resources  # noqa: E402
from polgraph.errors import ShapesError  # noqa: E402
from polgraph.validate import (  # noqa: E402
    ValidationReport,
    ValidationResult,
    _compact,
    _path,
    _prefixes,
    load_shapes,
    validate_graph,
)

HERE = Path(__file__).parent
CASES = HERE / "shapes"
EXAMPLE = shared_dir() / "spec" / "example-seeds.ttl"
PG = Namespace("https://w3id.org/polgraph/ontology#")
PGSH = Namespace("https://w3id.org/polgraph/shapes#")
DASH = Namespace("http://datashapes.org/dash#")

OK_FILES = sorted(CASES.glob("*_ok.ttl"))
BAD_FILES = sorted(CASES.glob("*_bad.ttl"))

TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)

Expected = tuple[str, str, str, str]  # focus node, path, source shape, constraint component


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes()


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(resources.ontology_path(), format="turtle")


def _split_case(path: Path) -> tuple[Graph, set[Expected]]:
    """Return the data of a case file without its DASH test case, and the expected results."""
    graph = Graph().parse(path, format="turtle")
    expected: set[Expected] = set()
    prefixes = _prefixes(graph)
    test_triples: set[tuple[object, object, object]] = set()
    for case in set(graph.subjects(RDF.type, DASH.GraphValidationTestCase)):
        for report in graph.objects(case, DASH.expectedResult):
            for result in graph.objects(report, SH.result):
                expected.add((
                    _compact(graph.value(result, SH.focusNode), prefixes),
                    _path(graph, graph.value(result, SH.resultPath), prefixes),
                    _compact(graph.value(result, SH.sourceShape), prefixes),
                    _compact(graph.value(result, SH.sourceConstraintComponent), prefixes),
                ))
        test_triples |= set(graph.cbd(case))  # the case and its blank-node expected report
    for triple in test_triples:
        graph.remove(triple)  # type: ignore[arg-type]
    return graph, expected


def _got(report: ValidationReport) -> set[Expected]:
    return {(r.focus_node, r.path, r.source_shape, r.constraint_component) for r in report.results}


# --- the shapes themselves ---------------------------------------------------------------


def test_shapes_pass_shacl_shacl(shapes: Graph) -> None:
    conforms, _, text = meta_validate(shapes, inference="none")
    assert conforms, text


def test_shapes_pass_meta_shacl_through_validate(shapes: Graph) -> None:
    conforms, _, text = pyshacl.validate(Graph(), shacl_graph=shapes, meta_shacl=True, inference="none")
    assert conforms, text


def test_one_named_node_shape_per_class(shapes: Graph, ontology: Graph) -> None:
    classes = {c for c in ontology.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef)}
    targets: dict[Node, Node] = {}
    for shape in shapes.subjects(RDF.type, SH.NodeShape):
        for cls in shapes.objects(shape, SH.targetClass):
            targets[cls] = shape
    assert set(targets) == classes
    for cls, shape in targets.items():
        assert shape == PGSH[f"{str(cls).removeprefix(str(PG))}Shape"], f"{cls} is checked by {shape}"


def test_every_constraint_has_a_message(shapes: Graph) -> None:
    named = set(shapes.subjects(RDF.type, SH.NodeShape))
    property_shapes = set(shapes.objects(None, SH.property))
    nested = {  # operands of sh:or lists and their property shapes report through their owner
        node for owner in named for node in shapes.transitive_objects(owner, None)
        if isinstance(node, BNode)
    } - property_shapes
    top_level_props = {p for p in property_shapes if not any(p in shapes.objects(n, SH.property) for n in nested)}
    for shape in named | top_level_props:
        if shape in named and not any(
            p for p in shapes.predicates(shape) if p not in (*TARGETS, RDF.type, SH.property, SH.message)
            and str(p).startswith(str(SH))
        ):
            continue  # a node shape without node-level constraints needs no message of its own
        assert shapes.value(shape, SH.message) is not None, f"shape {shape} has no sh:message"


def test_every_pg_term_in_the_shapes_is_in_the_ontology(shapes: Graph, ontology: Graph) -> None:
    defined = set(ontology.subjects())
    used = {
        term for triple in shapes for term in triple
        if isinstance(term, URIRef) and str(term).startswith(str(PG))
    }
    assert used, "the shapes use no pg: terms"
    missing = sorted(str(term) for term in used - defined)
    assert not missing, f"pg: terms used in the shapes but not defined in the ontology: {missing}"


def test_ontology_declares_the_contract_terms(ontology: Graph) -> None:
    classes = ["Document", "Person", "Organization", "Country", "Post", "Meeting", "Place", "Topic",
               "Position", "Stance", "MeetingKind"]
    properties = ["holdsPost", "roleTitle", "postIn", "countryCode", "attends", "date", "location",
                  "inCountry", "convenedBy", "partOf", "hasTopic", "meets", "holdsPosition", "onTopic",
                  "stance", "statedAt", "evidence", "evidenceStart", "evidenceEnd", "title",
                  "datePublished", "source", "contentHash", "meetingKind"]
    for name in classes + properties:
        term = PG[name]
        for predicate in (RDFS.label, RDFS.comment):
            assert ontology.value(term, predicate) is not None, f"pg:{name} lacks {predicate}"
    for name in properties:
        for predicate in (RDFS.domain, RDFS.range):
            assert ontology.value(PG[name], predicate) is not None, f"pg:{name} lacks {predicate}"
    assert (PG.meets, RDF.type, OWL.SymmetricProperty) in ontology
    one_of = ontology.value(PG.Stance, OWL.oneOf)
    assert one_of is not None, "pg:Stance must be an owl:oneOf enumeration"
    stances = set(ontology.items(one_of))
    assert stances == {PG.Support, PG.Oppose, PG.Neutral}


# --- the cases ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", OK_FILES, ids=lambda p: p.stem)
def test_ok_case_conforms(path: Path, shapes: Graph) -> None:
    data, expected = _split_case(path)
    assert not expected, "an _ok case must not expect results"
    report = validate_graph(data, shapes=shapes)
    assert report.conforms, report.summary()
    assert report.results == ()


@pytest.mark.parametrize("path", BAD_FILES, ids=lambda p: p.stem)
def test_bad_case_gives_the_expected_results(path: Path, shapes: Graph) -> None:
    data, expected = _split_case(path)
    assert expected, "a _bad case must list its expected results"
    report = validate_graph(data, shapes=shapes)
    assert not report.conforms
    assert _got(report) == expected, report.summary()
    for result in report.results:
        assert result.message, "every result must say in words what is wrong"
        assert result.severity == "sh:Violation"


def test_every_bad_case_has_an_ok_twin() -> None:
    ok = {p.name.removesuffix("_ok.ttl") for p in OK_FILES}
    bad = {p.name.removesuffix("_bad.ttl") for p in BAD_FILES}
    assert bad <= ok, f"bad cases without an ok twin: {sorted(bad - ok)}"


def test_full_graph_covers_every_class(ontology: Graph) -> None:
    data = Graph().parse(CASES / "Full_ok.ttl", format="turtle")
    used = set(data.objects(None, RDF.type))
    enumerations = {PG.Stance, PG.MeetingKind}  # their members are used as values
    classes = {c for c in ontology.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef)}
    assert classes - enumerations <= used
    assert {PG.Support, PG.Oppose, PG.Neutral} <= set(data.objects(None, PG.stance))


def test_full_graph_with_the_ontology_mixed_in_conforms(shapes: Graph, ontology: Graph) -> None:
    data = Graph().parse(CASES / "Full_ok.ttl", format="turtle") + ontology
    report = validate_graph(data, shapes=shapes)
    assert report.conforms, report.summary()


def test_contract_example_conforms(shapes: Graph) -> None:
    require_shared("spec/example-seeds.ttl")
    data = Graph().parse(EXAMPLE, format="turtle")
    report = validate_graph(data, shapes=shapes)
    assert report.conforms, report.summary()


# --- the validate module -----------------------------------------------------------------


def test_report_in_words(shapes: Graph) -> None:
    data, _ = _split_case(CASES / "PersonLabels_bad.ttl")
    report = validate_graph(data, shapes=shapes)
    (result,) = report.results
    assert result == ValidationResult(
        focus_node="person:ana",
        path="rdfs:label",
        value="",
        message=(
            "A person must have exactly one rdfs:label, a non-empty string "
            "(their name, or their post when unnamed)."
        ),
        severity="sh:Violation",
        source_shape="pgsh:PersonShape",
        constraint_component="sh:MaxCountConstraintComponent",
        focus_label="A. Novak",
    )
    line = result.describe()
    assert line.startswith('Violation at person:ana ("A. Novak"): A person must have exactly one rdfs:label')
    assert "pgsh:PersonShape" in line and "\n" not in line
    summary = report.summary().splitlines()
    assert summary[0] == "The graph does not conform: 1 violation."
    assert summary[1] == f"- {line}"


def test_value_and_inverse_path_are_compact(shapes: Graph) -> None:
    data, _ = _split_case(CASES / "MeetingDate_bad.ttl")
    (result,) = validate_graph(data, shapes=shapes).results
    assert result.value == '"2019-02-30"^^xsd:date'
    data, _ = _split_case(CASES / "PositionHolder_bad.ttl")
    (result,) = validate_graph(data, shapes=shapes).results
    assert result.path == "^pg:holdsPosition"


def test_conforming_summary(shapes: Graph) -> None:
    report = validate_graph(Graph(), shapes=shapes)
    assert report.conforms and report.results == ()
    assert report.summary() == "The graph conforms to the polgraph shapes."


def test_default_shapes_are_the_packaged_ones() -> None:
    data, _ = _split_case(CASES / "CountryCode_bad.ttl")
    report = validate_graph(data)
    assert not report.conforms
    assert report.results[0].source_shape == "pgsh:CountryShape"


def test_results_are_deterministic(shapes: Graph) -> None:
    data = Graph().parse(CASES / "Full_ok.ttl", format="turtle")
    data.remove((None, RDFS.label, None))
    first = validate_graph(data, shapes=shapes)
    second = validate_graph(data, shapes=shapes)
    assert first.results == second.results
    assert list(first.results) == sorted(first.results, key=lambda r: (r.focus_node, r.path, r.source_shape,
                                                                       r.constraint_component, r.value, r.message))


def test_data_graph_is_not_modified(shapes: Graph) -> None:
    data = Graph().parse(CASES / "Full_ok.ttl", format="turtle")
    before = len(data)
    validate_graph(data, shapes=shapes)
    assert len(data) == before


def test_unparsable_shapes_raise_shapes_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.shapes.ttl"
    broken.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n<a> a sh:NodeShape ; sh:property [ .\n", encoding="utf-8"
    )
    with pytest.raises(ShapesError) as info:
        load_shapes(path=broken)
    assert str(broken) in str(info.value)
    assert "[E004]" in str(info.value)


def test_missing_shapes_raise_shapes_error(tmp_path: Path) -> None:
    with pytest.raises(ShapesError, match="nope.ttl"):
        load_shapes(path=tmp_path / "nope.ttl")


def test_shapes_without_node_shapes_raise_shapes_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty.ttl"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(ShapesError, match="no sh:NodeShape"):
        load_shapes(path=empty)


def test_invalid_shacl_raises_shapes_error(shapes: Graph) -> None:
    bad = Graph()
    bad.parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix pg: <https://w3id.org/polgraph/ontology#> .
        pg:XShape a sh:NodeShape ; sh:targetClass pg:Person ;
            sh:property [ sh:path pg:x ; sh:minCount "many" ] .
    """, format="turtle")
    data = Graph().parse(data="""
        @prefix pg: <https://w3id.org/polgraph/ontology#> .
        <urn:x> a pg:Person .
    """, format="turtle")
    with pytest.raises(ShapesError):
        validate_graph(data, shapes=bad)
