"""Validate a polgraph graph against the SHACL shapes and report the result in words.

The shapes live in ``shapes/polgraph.shapes.ttl`` (located by :mod:`polgraph.resources`).
Validation uses SHACL Core only, with no inference, so it is linear in the size of the graph.

Example:
    >>> report = validate_graph(graph)
    >>> report.conforms
    True
    >>> print(report.summary())
    The graph conforms to the polgraph shapes.
"""
from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyshacl
from pyshacl.errors import ReportableRuntimeError
from rdflib import RDF, RDFS, SH, SKOS, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from polgraph import resources
from polgraph.errors import ShapesError

__all__ = ["ValidationReport", "ValidationResult", "load_shapes", "validate_graph"]

logger = logging.getLogger(__name__)

_PREFIXES: dict[str, str] = {
    "pg": "https://w3id.org/polgraph/ontology#",
    "pgsh": "https://w3id.org/polgraph/shapes#",
    "pgid": "https://w3id.org/polgraph/id/",
    "sh": "http://www.w3.org/ns/shacl#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "schema": "https://schema.org/",
}
_SAFE_LOCAL = re.compile(r"^[^\s<>\"{}|\\^`]*$")


@dataclass(frozen=True)
class ValidationResult:
    """One SHACL result, every term given as a compact string (``pg:Person``, ``person:x``).

    Attributes:
        focus_node: The node that breaks the constraint.
        path: The property path checked (``^pg:holdsPosition`` for an inverse path), or "".
        value: The offending value in Turtle notation, or "" when the problem is a missing value.
        message: What is wrong, in words (the shape's ``sh:message``).
        severity: ``sh:Violation``, ``sh:Warning`` or ``sh:Info``.
        source_shape: The named shape that holds the constraint: the node shape (e.g.
            ``pgsh:PositionShape``) when the constraint sits in one of its unnamed property shapes.
        constraint_component: E.g. ``sh:MinCountConstraintComponent``.
        focus_label: The focus node's ``rdfs:label`` in the data graph, or "".
    """

    focus_node: str
    path: str
    value: str
    message: str
    severity: str
    source_shape: str
    constraint_component: str
    focus_label: str = ""

    def describe(self) -> str:
        """Return the result as one line in words: node, what is wrong, which shape."""
        node = f'{self.focus_node} ("{self.focus_label}")' if self.focus_label else self.focus_node
        words = self.severity.removeprefix("sh:")
        detail = [f"shape {self.source_shape}"]
        if self.path:
            detail.append(f"property {self.path}")
        if self.value:
            detail.append(f"value {self.value}")
        detail.append(self.constraint_component.removeprefix("sh:").removesuffix("ConstraintComponent"))
        return f"{words} at {node}: {self.message} [{', '.join(detail)}]"


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of validating a graph.

    Attributes:
        conforms: True when the graph has no violations.
        results: The results, sorted by focus node, path and shape.
        text: pySHACL's own text report.
        graph: pySHACL's results graph (a ``sh:ValidationReport``), or None when the report
            was not made by pySHACL.
    """

    conforms: bool
    results: tuple[ValidationResult, ...]
    text: str
    graph: Graph | None = field(default=None, compare=False, repr=False)

    def results_turtle(self) -> bytes:
        """The results graph as Turtle (an empty conforming report when there is none)."""
        graph = self.graph
        if graph is None:
            graph = Graph()
            report = BNode()
            graph.add((report, RDF.type, SH.ValidationReport))
            graph.add((report, SH.conforms, Literal(self.conforms)))
        for prefix in ("sh", "pgsh", "pg", "pgid", "rdf", "rdfs", "xsd", "skos", "prov"):
            graph.bind(prefix, _PREFIXES[prefix], replace=True)
        return graph.serialize(format="turtle").encode("utf-8")

    def summary(self) -> str:
        """Return the report in words: a count, then one line per result."""
        if self.conforms and not self.results:
            return "The graph conforms to the polgraph shapes."
        counts: dict[str, int] = {}
        for result in self.results:
            word = result.severity.removeprefix("sh:").lower()
            counts[word] = counts.get(word, 0) + 1
        parts = [f"{n} {word}{'' if n == 1 else 's'}" for word, n in sorted(counts.items())]
        verdict = "conforms, with" if self.conforms else "does not conform:"
        lines = [f"The graph {verdict} {', '.join(parts)}."]
        lines.extend(f"- {result.describe()}" for result in self.results)
        return "\n".join(lines)


def load_shapes(*, path: Path | None = None) -> Graph:
    """Load the SHACL shapes.

    Args:
        path: The Turtle file to read; by default the packaged ``shapes/polgraph.shapes.ttl``.

    Returns:
        A new graph holding the shapes.

    Raises:
        ShapesError: The file cannot be found, read or parsed; the message names it and says why.
    """
    try:
        shapes_file = path if path is not None else resources.shapes_path()
    except FileNotFoundError as exc:
        raise ShapesError(
            f"cannot find the SHACL shapes: {exc}. The installation is incomplete; "
            "reinstall polgraph (the wheel ships shapes/polgraph.shapes.ttl)."
        ) from exc
    graph = Graph()
    try:
        graph.parse(shapes_file, format="turtle")
    except (OSError, SyntaxError, ValueError) as exc:
        reason = " ".join(str(exc).split())
        raise ShapesError(
            f"cannot load the SHACL shapes from {shapes_file}: {reason}. "
            "Fix the Turtle syntax there, or restore the file shipped with polgraph."
        ) from exc
    if not any(graph.subjects(RDF.type, SH.NodeShape)):
        raise ShapesError(
            f"cannot load the SHACL shapes from {shapes_file}: it holds no sh:NodeShape. "
            "Point to the polgraph shapes file (shapes/polgraph.shapes.ttl)."
        )
    logger.debug("loaded %d shape triples from %s", len(graph), shapes_file)
    return graph


@functools.lru_cache(maxsize=1)
def _default_shapes() -> Graph:
    return load_shapes()


def validate_graph(data: Graph, *, shapes: Graph | None = None) -> ValidationReport:
    """Validate ``data`` against the polgraph shapes (SHACL Core, no inference).

    Args:
        data: The graph to check. It is not modified.
        shapes: The shapes to use; by default those from :func:`load_shapes`.

    Returns:
        The report; ``report.conforms`` is False when there are violations.

    Raises:
        ShapesError: The shapes cannot be loaded or are not valid SHACL.
    """
    shapes_graph = shapes if shapes is not None else _default_shapes()
    logger.debug("validating %d triples", len(data))
    try:
        conforms, results_graph, text = pyshacl.validate(
            data,
            shacl_graph=shapes_graph,
            inference="none",
            advanced=False,
            abort_on_first=False,
            allow_warnings=True,
            inplace=True,  # without inference pySHACL does not change the data graph
        )
    except ReportableRuntimeError as exc:
        raise ShapesError(
            f"SHACL validation could not run: {' '.join(str(exc).split())}. "
            "The shapes are probably not valid SHACL; check them with "
            "`pyshacl --metashacl` or restore the file shipped with polgraph."
        ) from exc
    if not isinstance(results_graph, Graph):  # pragma: no cover - pySHACL contract
        raise ShapesError(f"pySHACL returned no results graph but {type(results_graph).__name__}.")
    prefixes = _prefixes(data)
    results = tuple(
        sorted(
            (_read_result(results_graph, node, data, shapes_graph, prefixes)
             for node in results_graph.subjects(RDF.type, SH.ValidationResult)),
            key=lambda r: (r.focus_node, r.path, r.source_shape, r.constraint_component, r.value, r.message),
        )
    )
    logger.info("validation: conforms=%s, %d results", bool(conforms), len(results))
    return ValidationReport(conforms=bool(conforms), results=results, text=str(text), graph=results_graph)


def _prefixes(data: Graph) -> dict[str, str]:
    """Return prefix -> namespace, the data graph's bindings first, then polgraph's."""
    prefixes = {prefix: str(ns) for prefix, ns in data.namespaces() if prefix}
    for prefix, ns in _PREFIXES.items():
        prefixes.setdefault(prefix, ns)
    return prefixes


def _compact(node: Node | None, prefixes: dict[str, str]) -> str:
    """Return ``node`` as a compact string: a CURIE when a prefix fits, else Turtle notation."""
    if node is None:
        return ""
    if isinstance(node, URIRef):
        iri = str(node)
        best = ""
        best_prefix = ""
        for prefix, ns in prefixes.items():
            if iri.startswith(ns) and len(ns) > len(best) and _SAFE_LOCAL.match(iri[len(ns):]):
                best, best_prefix = ns, prefix
        return f"{best_prefix}:{iri[len(best):]}" if best else f"<{iri}>"
    if isinstance(node, Literal):
        lexical = '"' + str(node).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
        if node.language:
            return f"{lexical}@{node.language}"
        if node.datatype is not None:
            return f"{lexical}^^{_compact(node.datatype, prefixes)}"
        return lexical
    if isinstance(node, BNode):
        return "[]"
    return str(node)


def _path(graph: Graph, node: Node | None, prefixes: dict[str, str]) -> str:
    """Render a SHACL property path from ``graph`` in SPARQL property-path notation."""
    if node is None:
        return ""
    if isinstance(node, URIRef):
        return _compact(node, prefixes)
    inverse = graph.value(node, SH.inversePath)
    if inverse is not None:
        return "^" + _path(graph, inverse, prefixes)
    alternatives = graph.value(node, SH.alternativePath)
    if alternatives is not None:
        return "(" + "|".join(_path(graph, p, prefixes) for p in Collection(graph, alternatives)) + ")"
    for predicate, suffix in ((SH.zeroOrMorePath, "*"), (SH.oneOrMorePath, "+"), (SH.zeroOrOnePath, "?")):
        inner = graph.value(node, predicate)
        if inner is not None:
            return f"({_path(graph, inner, prefixes)}){suffix}"
    if graph.value(node, RDF.first) is not None:
        return "/".join(_path(graph, p, prefixes) for p in Collection(graph, node))
    return _compact(node, prefixes)


def _named_shape(shapes: Graph, shape: Node | None) -> Node | None:
    """Return the nearest named shape holding ``shape`` (itself when it has an IRI)."""
    seen: set[Node] = set()
    while isinstance(shape, BNode) and shape not in seen:
        seen.add(shape)
        parent = shapes.value(predicate=SH.property, object=shape)
        if parent is None:
            parent = shapes.value(predicate=SH.node, object=shape)
        if parent is None:
            return shape
        shape = parent
    return shape


def _label(data: Graph, node: Node | None) -> str:
    if node is None:
        return ""
    labels: Iterable[Node] = data.objects(node, RDFS.label)
    texts = sorted(str(label) for label in labels if isinstance(label, Literal))
    if not texts:
        texts = sorted(str(label) for label in data.objects(node, SKOS.prefLabel)
                       if isinstance(label, Literal))
    return texts[0] if texts else ""


def _read_result(
    report: Graph, node: Node, data: Graph, shapes: Graph, prefixes: dict[str, str]
) -> ValidationResult:
    focus = report.value(node, SH.focusNode)
    messages = sorted(str(m) for m in report.objects(node, SH.resultMessage))
    severity = report.value(node, SH.resultSeverity)
    shape = _named_shape(shapes, report.value(node, SH.sourceShape))
    return ValidationResult(
        focus_node=_compact(focus, prefixes),
        path=_path(report, report.value(node, SH.resultPath), prefixes),
        value=_compact(report.value(node, SH.value), prefixes),
        message="; ".join(messages),
        severity=_compact(severity, prefixes) if severity is not None else "sh:Violation",
        source_shape=_compact(shape, prefixes),
        constraint_component=_compact(report.value(node, SH.sourceConstraintComponent), prefixes),
        focus_label=_label(data, focus),
    )
