"""Acceptance of issue 11: the seed and dev documents plus a hostile corpus, through build and through ingest.

Every good document ends up in the graph, every bad file is named with its reason, no traceback,
exit status as the contract says (0: some input could be read and the graph conforms), and a file
name cannot forge a line of the report. The same corpus through ``ingest`` gives the same graph.
"""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from conftest import SEED_FILES, require_shared, run_polgraph
from hostile import Corpus, make_corpus

PG_DOCUMENT = "https://w3id.org/polgraph/ontology#Document"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    dev = sorted(require_shared("corpus/dev").glob("*.txt"))
    made = make_corpus(tmp_path_factory.mktemp("hostile") / "corpus", list(SEED_FILES) + dev)
    assert len(made.bad) >= 20 and len(made.good) >= 30 + 2
    return made


def _sources(graph: Graph) -> set[str]:
    return {str(row[0]) for row in graph.query(
        f"SELECT ?s WHERE {{ ?d a <{PG_DOCUMENT}> ; <https://w3id.org/polgraph/ontology#source> ?s }}")}


def _check_report(lines: list[str], prefix: str, corpus: Corpus) -> None:
    named = [line for line in lines if line.startswith(prefix)]
    for name, word in corpus.bad.items():
        hits = [line for line in named if f"/{name}: " in line or line.startswith(f"{prefix}{name}: ")]
        assert len(hits) == 1, f"{name!r} not reported once in:\n" + "\n".join(named)
        assert word.lower() in hits[0].lower(), hits[0]
    assert len(named) == len(corpus.bad), "\n".join(named)  # nothing forged, nothing extra
    assert not any(line.startswith("error: forged") for line in lines)


@pytest.mark.slow
def test_build_names_every_bad_file_and_keeps_every_good_one(corpus: Corpus, tmp_path: Path) -> None:
    out = tmp_path / "graph.ttl"
    done = run_polgraph(["build", corpus.folder, *corpus.named, "-o", out, "--max-mb", "1"])
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    _check_report(lines, "error: ", corpus)
    assert [line for line in lines if line.startswith("duplicate: ")] == [
        line for line in lines if line.startswith("duplicate: ") and corpus.duplicates[0] in line]
    graph = Graph().parse(out)
    assert _sources(graph) == set(corpus.good)
    assert "1 invalid UTF-8 byte(s)" in done.stderr  # a warning, the document kept


@pytest.mark.slow
def test_ingest_reports_the_same_and_stores_the_same_graph(corpus: Corpus, tmp_path: Path) -> None:
    store = tmp_path / "store"
    done = run_polgraph(["ingest", "--store", store, corpus.folder, *corpus.named, "--jobs", "1", "--max-mb", "1"])
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 0, done.stderr
    _check_report(done.stderr.splitlines(), "failed: ", corpus)
    assert "1 duplicate" in done.stderr
    exported = tmp_path / "store.nt"
    assert run_polgraph(["export", "--store", store, "-o", exported]).returncode == 0
    built = tmp_path / "built.nt"
    assert run_polgraph(["build", corpus.folder, *corpus.named, "-o", built, "--max-mb", "1"]).returncode == 0
    stored, merged = Graph().parse(exported), Graph().parse(built)
    assert _sources(stored) == set(corpus.good)
    assert isomorphic(stored, merged)


@pytest.mark.slow
def test_only_bad_inputs_exit_2(corpus: Corpus, tmp_path: Path) -> None:
    bad = [corpus.folder / name for name in ("empty.txt", "image.png", "garbage.txt")]
    done = run_polgraph(["build", *bad, "-o", tmp_path / "g.ttl"])
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert not (tmp_path / "g.ttl").exists()


