"""``query --timeout``: a query that runs too long is stopped with one line, in both backends."""
from __future__ import annotations

import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from conftest import run_polgraph
from polgraph.store import GraphStore

CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?x . ?b ?p ?y . ?c ?p ?z }"


@pytest.fixture()
def graph_file(tmp_path: Path) -> Path:
    path = tmp_path / "g.nt"
    path.write_text("".join(f'<urn:s{i}> <urn:p> "{i}" .\n' for i in range(400)))
    return path


@pytest.fixture()
def store(tmp_path: Path) -> Path:
    path = tmp_path / "store"
    with GraphStore.open_writer(path) as opened:
        opened.oxigraph.bulk_extend(ox.Quad(ox.NamedNode(f"urn:s{i}"), ox.NamedNode("urn:p"), ox.Literal(str(i)),
                                            ox.DefaultGraph()) for i in range(3000))
    return path


@pytest.mark.parametrize("backend", ["graph", "store"])
def test_a_long_query_is_stopped(graph_file: Path, store: Path, backend: str) -> None:
    source = [graph_file] if backend == "graph" else ["--store", store]
    started = time.monotonic()
    done = run_polgraph(["query", *source, CROSS_JOIN, "--timeout", "2"], timeout=120)
    assert time.monotonic() - started < 30
    assert done.returncode == 2 and "did not finish within 2 s" in done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""


def test_a_quick_query_is_answered(graph_file: Path) -> None:
    done = run_polgraph(["query", graph_file, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--timeout", "60",
                         "--format", "csv"])
    assert done.returncode == 0 and done.stdout.splitlines() == ["n", "400"]
