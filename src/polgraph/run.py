"""The main job: input files -> documents -> extractions -> graph -> SHACL report.

Each document is its own unit of failure: a file that cannot be read, a document the NLP or
the graph building fails on, is reported in :attr:`BuildResult.failures` (file name and
reason) and the others go on.

The merged graph is the union of each document's own graph, exactly as ``polgraph ingest``
stores it: ``build`` and ``ingest`` give the same graph for the same corpus. Duplicates are
handled as ``ingest`` handles them: the same text under a second name is left out
(:attr:`BuildResult.duplicates`), a second file with the same name (from another folder)
fails, since a document's ``pg:source`` is its file name.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from polgraph.build import build_graph, new_graph
from polgraph.errors import InputError, PolgraphError
from polgraph.models import Extraction, SourceDocument
from polgraph.pieces import PIECE_CHARS, batches, extract_in_pieces
from polgraph.reading import DEFAULT_MAX_BYTES, read_documents
from polgraph.validate import ValidationReport, validate_graph

logger = logging.getLogger(__name__)

#: Turns documents into their extractions, in order (default: spaCy, ``extract_documents``).
Extractor = Callable[[Sequence[SourceDocument]], Iterable[Extraction]]
BUG = "this is a bug in polgraph; please report it with the document"


@dataclass(frozen=True)
class BuildResult:
    graph: Graph
    documents: tuple[SourceDocument, ...]  # the documents in the graph
    failures: tuple[InputError, ...]  # every input left out, with the reason
    report: ValidationReport | None
    duplicates: tuple[InputError, ...] = ()  # the same text as another input: left out, not an error


def run_pipeline(inputs: Sequence[Path], *, model: str | None = None, validate: bool = True,
                 max_bytes: int | None = DEFAULT_MAX_BYTES, piece_chars: int = PIECE_CHARS,
                 batch_size: int = 32, extractor: Extractor | None = None) -> BuildResult:
    """Read, extract, build and validate; bad inputs are collected in ``failures``, never raised.

    Args:
        inputs: Files and folders.
        model: The spaCy pipeline (default: polgraph's default).
        validate: Validate the merged graph with SHACL.
        max_bytes: Files larger than this are refused unread (None: no limit).
        piece_chars: Longer documents are extracted in pieces of at most this many characters.
        batch_size: Documents per ``nlp.pipe`` batch.
        extractor: Replaces spaCy extraction (tests, benchmarks).

    Raises:
        ExtractionError: The spaCy pipeline cannot be loaded.
    """
    read = read_documents(list(inputs), max_bytes=max_bytes)
    failures = list(read.failures)
    documents, duplicates = _unique(read.documents, read.paths, failures)
    if extractor is None:
        from polgraph.extract.pipeline import extract_documents, load_pipeline

        if documents:
            load_pipeline(model)  # fails for all documents alike: raise, do not blame each document

        def extractor(docs: Sequence[SourceDocument]) -> Iterable[Extraction]:
            return extract_documents(docs, model=model, batch_size=max(1, len(docs)))

    graph = new_graph()
    built: list[SourceDocument] = []
    for doc, path, extraction, reason in _extract_each(documents, extractor, piece_chars, batch_size):
        if extraction is None:
            failures.append(InputError(str(path), reason))
            continue
        try:
            part = build_graph([extraction], graph=Graph(store="SimpleMemory"))
        except PolgraphError as exc:
            failures.append(InputError(str(path), f"cannot build its graph: {exc}"))
            continue
        except Exception as exc:  # noqa: BLE001 - one document's bug must not lose the others
            logger.debug("building the graph of %s failed", doc.source, exc_info=True)
            failures.append(InputError(str(path), f"cannot build its graph ({type(exc).__name__}: {exc}); {BUG}"))
            continue
        graph += part
        built.append(doc)
    report = validate_graph(graph) if validate and built else None
    return BuildResult(graph, tuple(built), tuple(failures), report, tuple(duplicates))


def _unique(documents: Sequence[SourceDocument], paths: Sequence[Path], failures: list[InputError]
            ) -> tuple[list[tuple[SourceDocument, Path]], list[InputError]]:
    """Leave out a second copy of a text (a duplicate) and a second file of the same name (a failure)."""
    by_hash: dict[str, Path] = {}
    by_name: dict[str, Path] = {}
    kept: list[tuple[SourceDocument, Path]] = []
    duplicates: list[InputError] = []
    for doc, path in zip(documents, paths):
        if doc.content_hash in by_hash:
            duplicates.append(InputError(str(path), f"the same text as {by_hash[doc.content_hash]}; left out"))
            continue
        if doc.source in by_name:
            failures.append(InputError(str(path), (
                f"same file name as {by_name[doc.source]}; a document's pg:source is its file name, so only "
                "the first is used. Rename one of them")))
            continue
        by_hash[doc.content_hash] = path
        by_name[doc.source] = path
        kept.append((doc, path))
    return kept, duplicates


def _extract_each(documents: Sequence[tuple[SourceDocument, Path]], extractor: Extractor, piece_chars: int,
                  batch_size: int) -> Iterator[tuple[SourceDocument, Path, Extraction | None, str]]:
    """Each document with its extraction, or None and the reason it failed."""
    paths = {id(doc): path for doc, path in documents}
    for batch in batches((doc for doc, _ in documents), batch_size=batch_size, batch_chars=piece_chars * 2):
        try:
            extractions = extract_in_pieces(batch, extractor, piece_chars=piece_chars)
        except Exception as exc:  # noqa: BLE001 - find the failing document, then go on
            if len(batch) > 1:
                yield from _extract_each([(doc, paths[id(doc)]) for doc in batch], extractor, piece_chars, 1)
                continue
            yield batch[0], paths[id(batch[0])], None, _failure_reason(batch[0], exc)
            continue
        for doc, extraction in zip(batch, extractions):
            yield doc, paths[id(doc)], extraction, ""


def _failure_reason(doc: SourceDocument, exc: BaseException) -> str:
    logger.debug("extraction failed for %s", doc.source, exc_info=True)
    if isinstance(exc, MemoryError):
        return "out of memory while extracting; lower the piece size or free memory"
    if isinstance(exc, PolgraphError):
        return f"extraction failed: {exc}"
    return f"extraction failed ({type(exc).__name__}: {exc}); {BUG}"
