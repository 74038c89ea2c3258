"""Acceptance: the seeds' graph conforms; broken on purpose, `polgraph validate` exits 1 and says where.

Each break is made with rdflib on a copy of the built graph. The report (stdout) must name the
broken node, by its IRI in full or compact (``prefix:local``) form, and the shape it breaks.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib import namespace as rns  # a module alias: pytest's collection must not probe XSD

from conftest import BuiltGraph, invoke

pytestmark = pytest.mark.slow

PG = Namespace("https://w3id.org/polgraph/ontology#")
PGSH = "https://w3id.org/polgraph/shapes#"


@pytest.fixture()
def seeds(seeds_graph: BuiltGraph) -> Graph:
    return Graph().parse(seeds_graph.path, format="turtle")


@pytest.fixture(autouse=True)
def _quiet_rdflib() -> Iterator[None]:
    """rdflib logs a traceback when it meets the ill-typed date on purpose; keep test output readable."""
    logger = logging.getLogger("rdflib.term")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    yield
    logger.setLevel(level)


def names_of(graph: Graph, node: URIRef) -> list[str]:
    """The ways a report may write ``node``: full IRI, <IRI>, or prefix:local for any bound prefix."""
    iri = str(node)
    forms = [iri]
    for prefix, ns in graph.namespaces():
        if prefix and iri.startswith(str(ns)) and iri != str(ns):
            forms.append(f"{prefix}:{iri[len(str(ns)):]}")
    return forms


def shape_names(shape: str) -> list[str]:
    return [f"pgsh:{shape}", PGSH + shape]


def pick(nodes: Iterator[object], *, last: bool = False) -> URIRef:
    found = sorted(n for n in nodes if isinstance(n, URIRef))
    assert found, "the seeds' graph has no such node to break"
    return found[-1 if last else 0]


def validate(graph: Graph, tmp_path: Path) -> tuple[int, str]:
    path = tmp_path / "broken.ttl"
    graph.serialize(path, format="turtle")
    result = invoke(["validate", path])
    return result.exit_code, result.stdout


def test_seeds_graph_conforms(seeds_graph: BuiltGraph) -> None:
    result = invoke(["validate", seeds_graph.path])
    assert result.exit_code == 0, result.stdout
    assert "conforms" in result.stdout and "violation" not in result.stdout.casefold()
    assert "conforms" in seeds_graph.report.read_text(encoding="utf-8")


def _no_evidence(g: Graph) -> URIRef:
    position = pick(g.subjects(PG.evidence, None))
    g.remove((position, PG.evidence, None))
    return position


def _impossible_date(g: Graph) -> URIRef:
    meeting = pick(g.subjects(PG.date, None))
    g.set((meeting, PG.date, Literal("2019-02-30", datatype=rns.XSD.date)))
    return meeting


def _maybe_stance(g: Graph) -> URIRef:
    position = pick(g.subjects(PG.stance, None), last=True)
    g.set((position, PG.stance, PG.Maybe))
    return position


BREAKS: dict[str, tuple[Callable[[Graph], URIRef], str, str]] = {
    # name: (break, the shape it breaks, a word the report's line must hold)
    "position without evidence": (_no_evidence, "PositionShape", "pg:evidence"),
    "meeting on 2019-02-30": (_impossible_date, "MeetingShape", "2019-02-30"),
    "stance pg:Maybe": (_maybe_stance, "PositionShape", "pg:Maybe"),
}


@pytest.mark.parametrize("name", list(BREAKS))
def test_a_break_is_reported_with_node_and_shape(name: str, seeds: Graph, tmp_path: Path) -> None:
    breaker, shape, detail = BREAKS[name]
    node = breaker(seeds)
    code, report = validate(seeds, tmp_path)
    assert code == 1, report
    lines = [line for line in report.splitlines() if any(form in line for form in names_of(seeds, node))]
    assert lines, f"the report does not name {node}:\n{report}"
    assert any(any(s in line for s in shape_names(shape)) for line in lines), \
        f"the report's lines on {node} do not name {shape}:\n" + "\n".join(lines)
    assert any(detail in line for line in lines), f"no line on {node} mentions {detail}:\n" + "\n".join(lines)


def test_all_breaks_at_once_are_all_reported(seeds: Graph, tmp_path: Path) -> None:
    broken = {name: (breaker(seeds), shape) for name, (breaker, shape, _) in BREAKS.items()}
    code, report = validate(seeds, tmp_path)
    assert code == 1
    for name, (node, shape) in broken.items():
        assert any(any(form in line for form in names_of(seeds, node)) and
                   any(s in line for s in shape_names(shape)) for line in report.splitlines()), \
            f"{name}: {node} / {shape} not in the report:\n{report}"
    assert "does not conform" in report.splitlines()[0]
