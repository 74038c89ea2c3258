"""Each document is its own unit of failure; long documents are read in pieces; build and ingest agree.

Issue 11: a document over spaCy's 1,000,000 characters made ``build`` exit with a traceback and
write nothing; the same text under two file names made ``build`` exit 1 with a non-conforming
graph while ``ingest`` reported a duplicate; ``build`` and ``ingest`` gave different graphs.
"""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph
from rdflib.compare import isomorphic
from rdflib.namespace import PROV, RDF

import fake_extract
from polgraph.ingest import find_inputs, ingest_files
from polgraph.models import SourceDocument
from polgraph.pieces import batches, extract_in_pieces, split_text
from polgraph.run import run_pipeline
from polgraph.store import GraphStore
from polgraph.vocab import PG

PARAGRAPH = "Ana Novak supports migration. The council met in Brussels to talk about borders and trade.\n\n"


def _corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "one.txt").write_text("First release\n\nAna Novak supports migration. Nothing else.\n")
    (folder / "two.txt").write_text("Second release\n\nBoris Kranjc supports migration. Ana Novak supports migration.\n")
    (folder / "copy-of-one.txt").write_text("First release\n\nAna Novak supports migration. Nothing else.\n")
    (folder / "bad.txt").write_text("Broken release\n\nThis one EXPLODE s in the NLP.\n")
    (folder / "empty.txt").write_text("")
    (folder / "z-sub").mkdir(exist_ok=True)
    (folder / "z-sub" / "two.txt").write_text("Another second\n\nCene Dolenc supports migration.\n")
    return folder


def test_a_failing_document_is_named_and_the_others_kept(tmp_path: Path) -> None:
    result = run_pipeline([_corpus(tmp_path / "c")], extractor=fake_extract.regex_extractor)
    assert sorted(d.source for d in result.documents) == ["copy-of-one.txt", "two.txt"]
    reasons = {Path(f.path).name: f.reason for f in result.failures}
    assert "the NLP blew up" in reasons["bad.txt"] and "bug" in reasons["bad.txt"]
    assert "empty" in reasons["empty.txt"]
    assert "same file name as" in reasons["two.txt"]  # z-sub/two.txt, as ingest does
    assert [Path(d.path).name for d in result.duplicates] == ["one.txt"]  # copy-of-one.txt comes first
    assert result.report is not None and result.report.conforms, result.report.summary()


def test_build_and_ingest_give_the_same_graph(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "c")
    built = run_pipeline([corpus], extractor=fake_extract.regex_extractor)
    files, failures = find_inputs([corpus])
    summary = ingest_files(tmp_path / "store", files, jobs=1, extractor=fake_extract.regex_extractor,
                           input_failures=failures)
    assert summary.added == 2 and summary.duplicate == 1 and summary.failed_count == 3
    with GraphStore.open_reader(tmp_path / "store") as store:
        buffer = io.BytesIO()
        store.dump(buffer, "nt")
    stored = Graph().parse(data=buffer.getvalue().decode(), format="nt")
    assert isomorphic(built.graph, stored)
    # shared nodes keep the provenance of every document (build used to drop some)
    ana = next(s for s in built.graph.subjects(RDF.type, PG.Person) if str(s).endswith("ana-novak"))
    assert len(set(built.graph.objects(ana, PROV.wasDerivedFrom))) == 2


def test_long_document_in_pieces_with_whole_text_offsets(tmp_path: Path) -> None:
    text = "A long release\n\n" + "".join(PARAGRAPH.replace("Ana Novak", f"Person N{i:04d}") for i in range(3000))
    (tmp_path / "long.txt").write_text(text)
    fake_extract.LONGEST_SEEN.clear()
    result = run_pipeline([tmp_path / "long.txt"], extractor=fake_extract.regex_extractor, piece_chars=20_000)
    assert not result.failures
    [doc] = result.documents
    assert len(doc.text) > 250_000 and max(fake_extract.LONGEST_SEEN) <= 20_000
    positions = list(result.graph.subjects(RDF.type, PG.Position))
    assert len(positions) == 3000
    for node in positions:
        start = int(result.graph.value(node, PG.evidenceStart))
        end = int(result.graph.value(node, PG.evidenceEnd))
        assert doc.text[start:end] == str(result.graph.value(node, PG.evidence))


def test_pieces_end_on_paragraph_boundaries() -> None:
    text = "".join(PARAGRAPH for _ in range(100))
    spans = split_text(text, 1000)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    for (_, end), (start, _) in zip(spans, spans[1:]):
        assert end == start and text[end - 2:end] == "\n\n"
    assert all(end - start <= 1000 for start, end in spans)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab .\n"), max_size=3000), st.integers(min_value=1, max_value=400))
def test_pieces_cover_the_text_in_order(text: str, limit: int) -> None:
    spans = split_text(text, limit)
    assert "".join(text[a:b] for a, b in spans) == text
    assert all(0 < b - a <= limit for a, b in spans) or text == ""


def test_extract_in_pieces_keeps_order_and_short_documents_together() -> None:
    docs = [SourceDocument(source=f"{i}.txt", text=("x " * (i * 50)) + f"Doc N{i} supports migration.",
                           content_hash=f"{i:064d}") for i in range(6)]
    fake_extract.LONGEST_SEEN.clear()
    extractions = extract_in_pieces(docs, fake_extract.regex_extractor, piece_chars=300)
    assert [e.document.source for e in extractions] == [d.source for d in docs]
    for doc, extraction in zip(docs, extractions):
        [position] = extraction.positions
        assert doc.text[position.start:position.end] == position.evidence
    assert max(fake_extract.LONGEST_SEEN) <= 300


def test_batches_are_bounded_by_characters() -> None:
    docs = [SourceDocument(source=str(i), text="x" * 400, content_hash=str(i)) for i in range(10)]
    groups = list(batches(docs, batch_size=8, batch_chars=1000))
    assert [len(g) for g in groups] == [2, 2, 2, 2, 2]


@pytest.mark.slow
def test_real_pipeline_in_pieces_keeps_offsets(tmp_path: Path) -> None:
    seeds = sorted((Path(__file__).resolve().parents[1] / "data").glob("*.txt"))
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in seeds)
    (tmp_path / "joined.txt").write_text(text)
    whole = run_pipeline([tmp_path / "joined.txt"])
    pieces = run_pipeline([tmp_path / "joined.txt"], piece_chars=3000)
    assert not pieces.failures
    [doc] = pieces.documents
    graph = pieces.graph
    assert len(list(graph.subjects(RDF.type, PG.Position))) > 0
    for node in graph.subjects(RDF.type, PG.Position):
        start, end = int(graph.value(node, PG.evidenceStart)), int(graph.value(node, PG.evidenceEnd))
        assert doc.text[start:end] == str(graph.value(node, PG.evidence))
    assert len(pieces.graph) > 0.5 * len(whole.graph)


def test_ingest_reads_long_documents_in_pieces_too(tmp_path: Path) -> None:
    text = "A long release\n\n" + "".join(PARAGRAPH.replace("Ana Novak", f"Person N{i:04d}") for i in range(1500))
    (tmp_path / "long.txt").write_text(text)
    fake_extract.LONGEST_SEEN.clear()
    files, failures = find_inputs([tmp_path / "long.txt"])
    summary = ingest_files(tmp_path / "store", files, jobs=1, extractor=fake_extract.regex_extractor,
                           piece_chars=20_000)
    assert summary.added == 1 and summary.failed_count == 0
    assert max(fake_extract.LONGEST_SEEN) <= 20_000
    with GraphStore.open_reader(tmp_path / "store") as store:
        graph = store.to_graph()
    positions = list(graph.subjects(RDF.type, PG.Position))
    assert len(positions) == 1500
    for node in positions:
        start, end = int(graph.value(node, PG.evidenceStart)), int(graph.value(node, PG.evidenceEnd))
        assert text[start:end] == str(graph.value(node, PG.evidence))


def test_a_graph_that_cannot_be_built_fails_alone_in_build_and_ingest(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "good.txt").write_text("Good\n\nAna Novak supports migration.\n")
    (corpus / "odd.txt").write_text("Odd BADTOPIC\n\nBoris Kranjc supports migration.\n")
    built = run_pipeline([corpus], extractor=fake_extract.regex_extractor)
    assert [d.source for d in built.documents] == ["good.txt"]
    [failure] = built.failures
    assert failure.path.endswith("odd.txt") and "cannot build its graph" in failure.reason and "bug" in failure.reason
    files, _ = find_inputs([corpus])
    summary = ingest_files(tmp_path / "store", files, jobs=1, extractor=fake_extract.regex_extractor)
    assert summary.added == 1
    assert [(Path(s).name, "cannot build its graph" in r) for s, r in summary.failed] == [("odd.txt", True)]
