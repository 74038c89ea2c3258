"""Tests of the persistent store (polgraph.store) and the ingest driver (polgraph.ingest).

Most tests use synthetic releases (bench/synth.py) with their known extraction, so they do
not load spaCy; tests marked ``slow`` run the real pipeline on the two sample documents.
"""
from __future__ import annotations

import dataclasses
import gc
import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import synth  # noqa: E402

from conftest import require_shared, shared_dir  # noqa: E402
from polgraph.build import build_graph  # noqa: E402
from polgraph.cli import cli  # noqa: E402
from polgraph.ingest import find_inputs, ingest_files, remove_documents  # noqa: E402
from polgraph.models import Extraction, SourceDocument  # noqa: E402
from polgraph.store import (  # noqa: E402
    GraphStore,
    StoreError,
    StoreLocked,
    _split_order_by,
    export_store,
    query_store,
)

COMPETENCY = sorted((shared_dir() / "spec" / "competency").glob("*.rq"))
SAMPLES = ROOT / "data"

# Extractions of the synthetic texts written in these tests, by content hash.
_KNOWN: dict[str, Extraction] = {}


def _known_extractor(docs: Sequence[SourceDocument]) -> list[Extraction]:
    return [dataclasses.replace(_KNOWN[d.content_hash], document=d) for d in docs]


def _write(folder: Path, index: int, *, name_index: int | None = None) -> Path:
    """Write synthetic release ``index`` under the name of release ``name_index`` (default: its own)."""
    raw, extraction = synth.release(index)
    source = synth.release(name_index)[1].document.source if name_index is not None else extraction.document.source
    path = folder / source
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(raw, encoding="utf-8")
    _KNOWN[extraction.document.content_hash] = extraction
    return path


def _ingest(store: Path, files: Sequence[Path]) -> object:
    return ingest_files(store, list(files), jobs=1, extractor=_known_extractor)


def _quads(store: Path) -> set[str]:
    with GraphStore.open_reader(store) as opened:
        return {str(q) for q in opened.oxigraph}


def _expected_quads(extractions: Sequence[Extraction]) -> set[str]:
    """The quads a correct store holds for ``extractions``: named graphs plus their merge."""
    import pyoxigraph as ox

    from polgraph.build import document_iri

    store = ox.Store()
    for ex in extractions:
        data = build_graph([ex]).serialize(format="nt").encode("utf-8")
        name = ox.NamedNode(str(document_iri(ex)))
        for t in ox.parse(data, ox.RdfFormat.N_TRIPLES):
            store.add(ox.Quad(t.subject, t.predicate, t.object, name))
            store.add(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()))
    return {str(q) for q in store}


# ---------------------------------------------------------------------- idempotence, replace, remove


def test_in_process_ingest_leaves_the_garbage_collector_as_it_found_it(tmp_path: Path) -> None:
    """Ingest freezes long-lived objects out of the collector's sight while it runs, and only then."""
    files = [_write(tmp_path / "in", i) for i in range(3)]
    frozen_before = gc.get_freeze_count()
    assert _ingest(tmp_path / "store", files).added == 3  # type: ignore[attr-defined]
    assert gc.get_freeze_count() == frozen_before


def test_reingest_is_a_no_op(tmp_path: Path) -> None:
    files = [_write(tmp_path / "in", i) for i in range(12)]
    first = _ingest(tmp_path / "store", files)
    assert (first.added, first.failed_count) == (12, 0)  # type: ignore[attr-defined]
    before = _quads(tmp_path / "store")
    again = _ingest(tmp_path / "store", files)
    assert (again.added, again.replaced, again.unchanged) == (0, 0, 12)  # type: ignore[attr-defined]
    assert again.triples_written == 0  # type: ignore[attr-defined]
    assert _quads(tmp_path / "store") == before
    assert before == _expected_quads([synth.release(i)[1] for i in range(12)])


def test_replace_leaves_no_trace_of_the_old_version(tmp_path: Path) -> None:
    files = [_write(tmp_path / "in", i) for i in range(6)]
    _ingest(tmp_path / "store", files)
    changed = _write(tmp_path / "in", 40, name_index=2)  # new text, same file name as release 2
    summary = _ingest(tmp_path / "store", [changed])
    assert summary.replaced == 1  # type: ignore[attr-defined]
    # The same as a store that only ever saw the new version.
    new_version = dataclasses.replace(synth.release(40)[1], document=_known_doc(changed))
    expected = [synth.release(i)[1] for i in (0, 1, 3, 4, 5)] + [new_version]
    assert _quads(tmp_path / "store") == _expected_quads(expected)


def _known_doc(path: Path) -> SourceDocument:
    from polgraph.reading import read_document

    return read_document(path)


def test_remove_leaves_nothing_behind(tmp_path: Path) -> None:
    files = [_write(tmp_path / "in", i) for i in range(6)]
    _ingest(tmp_path / "store", files)
    removed = remove_documents(tmp_path / "store", [files[3].name])
    assert len(removed) == 1
    assert _quads(tmp_path / "store") == _expected_quads([synth.release(i)[1] for i in (0, 1, 2, 4, 5)])
    remove_documents(tmp_path / "store", [files[i].name for i in (0, 1, 2, 4, 5)])
    assert _quads(tmp_path / "store") == set()
    with pytest.raises(StoreError, match="no document"):
        remove_documents(tmp_path / "store", ["nothing.txt"])


def test_remove_by_iri_via_cli(tmp_path: Path) -> None:
    files = [_write(tmp_path / "in", i) for i in range(3)]
    _ingest(tmp_path / "store", files)
    iri = query_store(tmp_path / "store", 'PREFIX pg: <https://w3id.org/polgraph/ontology#> '
                      f'SELECT ?d WHERE {{ ?d pg:source "{files[1].name}" }}').rows[0][0]
    result = CliRunner().invoke(cli, ["remove", "--store", str(tmp_path / "store"), str(iri)])
    assert result.exit_code == 0, result.output
    assert _quads(tmp_path / "store") == _expected_quads([synth.release(i)[1] for i in (0, 2)])


def test_same_text_under_two_names_is_stored_once(tmp_path: Path) -> None:
    one = _write(tmp_path / "in", 1)
    copy = tmp_path / "in" / "copy.txt"
    copy.write_text(one.read_text(encoding="utf-8"), encoding="utf-8")
    summary = _ingest(tmp_path / "store", [one, copy])
    assert (summary.added, summary.duplicate) == (1, 1)  # type: ignore[attr-defined]


# ---------------------------------------------------------------------- crashes and locks

_KILL_SCRIPT = textwrap.dedent("""
    import sys
    from pathlib import Path
    sys.path.insert(0, {bench!r})
    from synth import extract_synthetic
    from polgraph.ingest import ingest_files
    files = sorted(Path({inputs!r}).glob("*.txt"))
    def report(outcome):
        print(outcome.status, outcome.source, flush=True)
    ingest_files(Path({store!r}), files, jobs=1, batch_size=16, extractor=extract_synthetic, on_document=report)
    print("finished", flush=True)
""")


def test_sigkill_in_a_batch_leaves_whole_documents_and_the_rerun_completes(tmp_path: Path) -> None:
    count = 600
    synth.write_corpus(tmp_path / "in", count)
    store = tmp_path / "store"
    script = tmp_path / "run.py"
    script.write_text(_KILL_SCRIPT.format(bench=str(ROOT / "bench"), inputs=str(tmp_path / "in"), store=str(store)))
    proc = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    written = 0
    for line in proc.stdout:
        if line.startswith("added"):
            written += 1
        if written == 137:  # in the middle of a batch of 16
            os.kill(proc.pid, signal.SIGKILL)
            break
    proc.wait()
    assert proc.returncode == -signal.SIGKILL

    references = {ex.document.source: ex for _, ex in synth.releases(count)}
    with GraphStore.open_writer(store) as opened:  # opens (and the lock of the dead writer is gone)
        stored = list(opened.documents())
        assert 137 <= len(stored) < count
        kept = [references[d.source] for d in stored]
    assert _quads(store) == _expected_quads(kept)  # whole documents only, merged graph consistent

    files = sorted((tmp_path / "in").glob("*.txt"))
    rerun = ingest_files(store, files, jobs=1, extractor=synth.extract_synthetic)
    assert (rerun.added, rerun.unchanged, rerun.failed_count) == (count - len(stored), len(stored), 0)
    with GraphStore.open_reader(store) as opened:
        assert opened.document_count() == count
    assert _quads(store) == _expected_quads(list(references.values()))


def test_second_writer_gets_a_clear_error(tmp_path: Path) -> None:
    files = [_write(tmp_path / "in", i) for i in range(2)]
    store = tmp_path / "store"
    _ingest(store, files)
    with GraphStore.open_writer(store):
        with pytest.raises(StoreLocked, match="being written by process"):
            GraphStore.open_writer(store)
        result = subprocess.run([sys.executable, "-m", "polgraph", "ingest", "--store", str(store),
                                 str(tmp_path / "in")], capture_output=True, text=True, timeout=120)
        assert result.returncode == 2
        assert "being written by process" in result.stderr
        assert "Traceback" not in result.stderr
        # readers still work while the writer holds the store
        assert query_store(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0][0] != "0"
    with GraphStore.open_writer(store):  # released
        pass


def test_reader_needs_a_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no polgraph store"):
        query_store(tmp_path / "nothing", "SELECT * WHERE { ?s ?p ?o }")
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "notes.txt").write_text("x")
    with pytest.raises(StoreError, match="not a polgraph store"):
        GraphStore.open_writer(tmp_path / "other")


# ---------------------------------------------------------------------- export and validation


def test_export_formats(tmp_path: Path) -> None:
    files = [_write(tmp_path / "in", i) for i in range(5)]
    store = tmp_path / "store"
    _ingest(store, files)
    with GraphStore.open_reader(store) as opened:
        triples, docs = opened.triple_count(), opened.document_count()
    for suffix, fmt in ((".ttl", "turtle"), (".nt", "nt"), (".jsonld", "json-ld")):
        export_store(store, tmp_path / f"out{suffix}", fmt=fmt)
        assert len(Graph().parse(tmp_path / f"out{suffix}", format=fmt)) == triples
    for suffix, fmt in ((".trig", "trig"), (".nq", "nquads")):
        export_store(store, tmp_path / f"out{suffix}", fmt=fmt)
        ds = Dataset()
        ds.parse(tmp_path / f"out{suffix}", format=fmt)
        named = [g for g in ds.graphs() if g.identifier != ds.default_graph.identifier and len(g)]
        assert len(named) == docs
    result = CliRunner().invoke(cli, ["export", "--store", str(store), "-o", str(tmp_path / "cli.trig")])
    assert result.exit_code == 0, result.output


def test_validate_store_whole_and_per_document(tmp_path: Path) -> None:
    files = [_write(tmp_path / "in", i) for i in range(5)]
    store = tmp_path / "store"
    _ingest(store, files)
    for args in (["validate", "--store", str(store)], ["validate", "--store", str(store), "--per-document"]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, result.output
        assert "conforms" in result.output


def test_cross_document_label_conflict_is_reported(tmp_path: Path) -> None:
    """Two documents naming one place differently: per-document SHACL passes, the store reports it."""
    a_path = _write(tmp_path / "in", 1)
    raw_b, ex_b = synth.release(2)
    ex_a = _KNOWN[_known_doc(a_path).content_hash]
    place = ex_a.meetings[0].place
    assert place is not None
    # Same place IRI (slug of the label folds case), different label.
    ex_b.meetings[0].place = dataclasses.replace(place, label=place.label.upper())
    _KNOWN[ex_b.document.content_hash] = ex_b
    b_path = tmp_path / "in" / ex_b.document.source
    b_path.write_text(raw_b, encoding="utf-8")
    summary = _ingest(tmp_path / "store", [a_path, b_path])
    assert summary.invalid_count == 0  # type: ignore[attr-defined]
    assert any("rdfs:label" in c for c in summary.conflicts)  # type: ignore[attr-defined]
    result = CliRunner().invoke(cli, ["validate", "--store", str(tmp_path / "store")])
    assert result.exit_code == 1


def test_order_by_is_applied_after_the_query(tmp_path: Path) -> None:
    files = [_write(tmp_path / "in", i) for i in range(8)]
    _ingest(tmp_path / "store", files)
    sparql = ("PREFIX pg: <https://w3id.org/polgraph/ontology#> SELECT ?p ?s ?e WHERE { ?p pg:evidenceStart ?s . "
              "OPTIONAL { ?p pg:evidenceEnd ?e } } ORDER BY DESC(?s) ?p")
    assert _split_order_by(sparql)[1] == [("s", True), ("p", False)]
    rows = query_store(tmp_path / "store", sparql).rows
    assert [(-int(r[1] or 0), r[0]) for r in rows] == sorted((-int(r[1] or 0), r[0]) for r in rows)
    assert _split_order_by("SELECT * WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 2")[1] == []
    assert len(query_store(tmp_path / "store", "SELECT * WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 2").rows) == 2


# ---------------------------------------------------------------------- with spaCy


@pytest.mark.slow
def test_competency_queries_same_from_store_and_turtle(tmp_path: Path) -> None:
    from polgraph.export import load_graphs, write_graph
    from polgraph.query import read_query, run_query
    from polgraph.run import run_pipeline

    require_shared("spec/competency")
    assert COMPETENCY, "competency queries not found"
    built = run_pipeline([SAMPLES])
    write_graph(built.graph, tmp_path / "graph.ttl")
    files, failures = find_inputs([SAMPLES])
    summary = ingest_files(tmp_path / "store", files, jobs=1, input_failures=failures)
    assert summary.added == 2 and summary.failed_count == 0
    graph = load_graphs([tmp_path / "graph.ttl"])
    for rq in COMPETENCY:
        sparql = read_query(str(rq))
        from_file = run_query(graph, sparql)
        from_store = query_store(tmp_path / "store", sparql)
        assert from_store.columns == from_file.columns, rq.name
        assert sorted(from_store.rows, key=repr) == sorted(from_file.rows, key=repr), rq.name
        for name, _ in _split_order_by(sparql)[1]:  # the ORDER BY keys come in the same order
            column = from_file.columns.index(name)
            assert [r[column] for r in from_store.rows] == [r[column] for r in from_file.rows], rq.name
        assert from_file.rows, f"{rq.name} has no answers on the samples"


@pytest.mark.slow
def test_parallel_ingest_gives_the_same_store(tmp_path: Path) -> None:
    files, _ = find_inputs([SAMPLES])
    ingest_files(tmp_path / "one", files, jobs=1)
    two = ingest_files(tmp_path / "two", files, jobs=2, batch_size=1)
    assert two.added == 2
    assert _quads(tmp_path / "one") == _quads(tmp_path / "two")


@pytest.mark.slow
def test_ingest_cli_summary(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["ingest", "--store", str(tmp_path / "store"), "--jobs", "1", str(SAMPLES)])
    assert result.exit_code == 0, result.output
    assert "2 added" in result.output
    again = CliRunner().invoke(cli, ["ingest", "--store", str(tmp_path / "store"), "--jobs", "1", str(SAMPLES)])
    assert "2 unchanged" in again.output
