"""The main job: input files -> documents -> extractions -> graph -> SHACL report."""
from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from polgraph.build import build_graph
from polgraph.errors import InputError
from polgraph.extract.pipeline import extract_documents
from polgraph.models import SourceDocument
from polgraph.reading import read_documents
from polgraph.validate import ValidationReport, validate_graph

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class BuildResult:
    graph: Graph
    documents: tuple[SourceDocument, ...]
    failures: tuple[InputError, ...]
    report: ValidationReport | None


def run_pipeline(inputs: Sequence[Path], *, model: str | None = None, validate: bool = True) -> BuildResult:
    """Read, extract, build and validate; bad inputs are collected in ``failures``, never raised."""
    read = read_documents(list(inputs))
    documents = tuple(read.documents)
    graph = build_graph(extract_documents(documents, model=model))
    report = validate_graph(graph) if validate and documents else None
    return BuildResult(graph, documents, tuple(read.failures), report)
