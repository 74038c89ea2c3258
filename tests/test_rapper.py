"""Acceptance: every Turtle file the project writes parses in an independent parser, Debian's rapper.

rapper (raptor2-utils) exits 0 and reports a triple count, or exits non-zero with the line of a
syntax error. Locally the tests skip when rapper is missing; .ci/run installs it.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from rdflib import Graph

from conftest import REPO, BuiltGraph, invoke

RAPPER = shutil.which("rapper")
needs_rapper = pytest.mark.skipif(
    RAPPER is None, reason="rapper not installed: DEBIAN_FRONTEND=noninteractive apt-get install -y raptor2-utils")
SKIP_DIRS = {"venv", "node_modules", "build", "dist", "tmp", "__pycache__"}  # and hidden ones


def project_turtle_files() -> list[Path]:
    """The Turtle files in the repository: ontology/, shapes/, tests/shapes/, examples, docs."""
    found = []
    for root, dirs, files in os.walk(REPO):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d not in SKIP_DIRS]
        found += [Path(root) / f for f in files if f.endswith(".ttl")]
    return sorted(found)


def rapper(path: Path, syntax: str = "turtle") -> int:
    """Parse ``path`` with rapper; return the triple count it reports, failing with its error."""
    assert RAPPER is not None
    done = subprocess.run([RAPPER, "-i", syntax, "-c", str(path)], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, f"rapper -i {syntax} -c {path}\n{done.stderr}"
    count = re.search(r"returned (\d+) triples?", done.stderr)
    assert count, done.stderr
    return int(count.group(1))


def test_the_required_files_are_there() -> None:
    rel = {p.relative_to(REPO).as_posix() for p in project_turtle_files()}
    assert {"ontology/polgraph.ttl", "ontology/topics.ttl", "shapes/polgraph.shapes.ttl"} <= rel
    assert any(r.startswith("tests/shapes/") for r in rel)


@needs_rapper
@pytest.mark.parametrize("path", project_turtle_files(), ids=lambda p: p.relative_to(REPO).as_posix())
def test_project_turtle_parses_in_rapper(path: Path) -> None:
    count = rapper(path)
    assert count == len(Graph().parse(path, format="turtle")), "rapper and rdflib read different triples"


@needs_rapper
@pytest.mark.slow
def test_build_output_parses_in_rapper(seeds_graph: BuiltGraph) -> None:
    count = rapper(seeds_graph.path)
    assert count == len(Graph().parse(seeds_graph.path, format="turtle")) > 0


@needs_rapper
@pytest.mark.slow
@pytest.mark.parametrize(("suffix", "syntax"), [(".nt", "ntriples"), (".trig", "trig")])
def test_other_written_formats_parse_in_rapper(suffix: str, syntax: str, tmp_path: Path,
                                               seeds_graph: BuiltGraph) -> None:
    out = tmp_path / f"graph{suffix}"
    assert invoke(["build", REPO / "data", "-o", out]).exit_code == 0
    assert rapper(out, syntax) == len(Graph().parse(seeds_graph.path, format="turtle"))
