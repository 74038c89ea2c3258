"""Grow a store from input files: read, skip what is unchanged, extract in parallel, validate, write.

The flow for each input file::

    read (main process) --content hash unchanged?--> skipped, no NLP
        --> batch --> worker: nlp.pipe + extraction + build_graph + SHACL of the document
        --> main: one transaction per document (replaces an older version of the same source)

Workers (``jobs`` processes, spawned, each loading the spaCy pipeline once) get batches of
documents; at most ``2 * jobs`` batches are in flight, so memory is bounded by the batch
size, not by the corpus. With ``jobs=1`` everything runs in the calling process.

Per-document SHACL validation keeps the cost of validation independent of the store's
size; what it cannot see (two documents giving one person two labels) is reported as a
conflict after each write, by a look-up of the document's own shared nodes.

Example::

    files, failures = find_inputs([Path("corpus/")])
    summary = ingest_files(Path("store"), files, jobs=2, input_failures=failures)
    print(summary.describe())
"""
from __future__ import annotations

import dataclasses
import gc
import logging
import math
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from rdflib import Graph

from polgraph.errors import InputError, PolgraphError, printable
from polgraph.models import Extraction, SourceDocument
from polgraph.pieces import BATCH_CHARS, PIECE_CHARS, extract_in_pieces
from polgraph.reading import DEFAULT_MAX_BYTES, list_inputs, read_document
from polgraph.store import DocumentGraph, GraphStore, StoreError

if TYPE_CHECKING:
    from polgraph.remote import Endpoint, RemoteStore

__all__ = [
    "DocumentOutcome",
    "Extractor",
    "IngestSummary",
    "default_jobs",
    "find_inputs",
    "ingest_files",
    "remove_documents",
]

logger = logging.getLogger(__name__)

Status = Literal["added", "replaced", "unchanged", "duplicate", "failed"]
#: Turns a batch of documents into their extractions, in order (default: spaCy, extract_documents).
Extractor = Callable[[Sequence[SourceDocument]], Iterable[Extraction]]
_BLAS_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
_MAX_LISTED = 1000  # failures and conflicts kept in the summary (counts are always exact)


@dataclass(frozen=True)
class DocumentOutcome:
    """What happened to one input."""

    source: str
    status: Status
    iri: str = ""
    triples: int = 0
    reason: str = ""  # why it failed, or which stored document it duplicates
    violations: tuple[str, ...] = ()  # SHACL results of the document's own graph, in words
    conflicts: tuple[str, ...] = ()  # disagreements with other documents in the merged graph


@dataclass
class IngestSummary:
    """Counts and problems of one ingest run."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    duplicate: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    invalid: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    failed_count: int = 0
    invalid_count: int = 0
    conflict_count: int = 0
    triples_written: int = 0
    store_triples: int = 0
    store_documents: int = 0
    seconds: float = 0.0

    @property
    def processed(self) -> int:
        return self.added + self.replaced + self.unchanged + self.duplicate + self.failed_count

    def record(self, outcome: DocumentOutcome) -> None:
        """Count one outcome."""
        if outcome.status == "failed":
            self.failed_count += 1
            if len(self.failed) < _MAX_LISTED:
                self.failed.append((outcome.source, outcome.reason))
            return
        setattr(self, outcome.status, getattr(self, outcome.status) + 1)
        if outcome.status in ("added", "replaced"):
            self.triples_written += outcome.triples
        if outcome.violations:
            self.invalid_count += 1
            if len(self.invalid) < _MAX_LISTED:
                self.invalid.append((outcome.source, outcome.violations))
        self.conflict_count += len(outcome.conflicts)
        room = _MAX_LISTED - len(self.conflicts)
        self.conflicts.extend(outcome.conflicts[:max(0, room)])

    def describe(self) -> str:
        """The summary in words: one line of counts, then each failure, violation and conflict."""
        rate = self.processed / self.seconds if self.seconds > 0 else 0.0
        lines = [
            f"{self.added} added, {self.replaced} replaced, {self.unchanged} unchanged, "
            f"{self.duplicate} duplicate, {self.failed_count} failed; {self.triples_written} triples written; "
            f"store: {self.store_documents} documents, {self.store_triples} triples; "
            f"{self.seconds:.1f} s ({rate:.1f} documents/s)"
        ]
        for source, reason in self.failed:
            lines.append(f"failed: {printable(source)}: {printable(reason)}")
        for source, violations in self.invalid:
            lines.append(f"SHACL violations in {printable(source)} (stored anyway):")
            lines.extend(f"  - {printable(v)}" for v in violations)
        if self.conflicts:
            lines.append(f"{self.conflict_count} conflicts between documents in the merged graph "
                         "(run `polgraph validate --store` for the full report):")
            lines.extend(f"  - {printable(c)}" for c in self.conflicts)
        return "\n".join(lines)


@dataclass(frozen=True)
class _Result:
    """A worker's answer for one document: its graph, or why there is none."""

    source: str
    graph: DocumentGraph | None
    violations: tuple[str, ...] = ()
    error: str = ""


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def find_inputs(inputs: Sequence[Path]) -> tuple[list[Path], list[InputError]]:
    """The files named by ``inputs`` (files and folders, as for ``build``), and the paths that are unusable."""
    return list_inputs([Path(given) for given in inputs])


def ingest_files(
    store_path: Path | Endpoint,
    files: Sequence[Path],
    *,
    jobs: int | None = None,
    batch_size: int = 64,
    model: str | None = None,
    validate: bool = True,
    extractor: Extractor | None = None,
    input_failures: Sequence[InputError] = (),
    on_document: Callable[[DocumentOutcome], None] | None = None,
    count_store: bool = True,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    piece_chars: int = PIECE_CHARS,
) -> IngestSummary:
    """Ingest ``files`` into the store at ``store_path`` (created if missing).

    Args:
        store_path: The store folder, or an external store's :class:`~polgraph.remote.Endpoint`.
        files: Input files (see :func:`find_inputs`).
        jobs: Extraction processes; default :func:`default_jobs`. 1 runs in this process.
        batch_size: Documents per batch handed to a worker (and to ``nlp.pipe``).
        model: The spaCy pipeline to load (default: polgraph's default).
        validate: Validate each document's graph with SHACL before writing it.
        extractor: Replaces spaCy extraction (must be a picklable top-level function when
            ``jobs > 1``); for tests and benchmarks.
        input_failures: Errors found while listing inputs, to include in the summary.
        on_document: Called once per input, in input order, as it is done (for progress).
        count_store: Count the store's documents and triples for the summary at the end (a
            scan of the store: about 0.4 s per million triples).
        max_bytes: Files larger than this are refused unread (None: no limit).
        piece_chars: Longer documents are extracted in pieces of at most this many characters.

    Returns:
        The summary.

    Raises:
        StoreLocked: Another process is writing the store.
        StoreError: The store cannot be opened or written.
        ExtractionError: The spaCy pipeline cannot be loaded.
    """
    started = time.perf_counter()
    jobs = default_jobs() if jobs is None else max(1, jobs)
    _one_blas_thread()
    summary = IngestSummary()

    def emit(outcome: DocumentOutcome) -> None:
        summary.record(outcome)
        if on_document is not None:
            on_document(outcome)

    for failure in input_failures:
        emit(DocumentOutcome(failure.path, "failed", reason=failure.reason))

    # With several workers, at least 4 batches each, so that none is left working alone at the end.
    chunk = batch_size if jobs == 1 else max(1, min(batch_size, math.ceil(len(files) / (4 * jobs))))
    with _open_writer(store_path) as store, _Runner(jobs, model, validate, extractor, chunk, piece_chars) as runner:
        seen: dict[str, Path] = {}
        batch: list[SourceDocument] = []
        batch_chars = 0
        for path in files:
            outcome, doc = _prepare(store, path, seen, max_bytes)
            if outcome is not None:
                emit(outcome)
                continue
            assert doc is not None
            runner.warm()
            batch.append(doc)
            batch_chars += len(doc.text)
            if len(batch) >= chunk or batch_chars >= BATCH_CHARS:  # bounded text per batch: bounded memory
                runner.submit(batch)
                batch, batch_chars = [], 0
                for results in runner.ready(block=False):
                    _write_all(store, results, emit)
        if batch:
            runner.submit(batch)
        for results in runner.ready(block=True):
            _write_all(store, results, emit)
        if count_store:
            summary.store_triples = store.triple_count()
            summary.store_documents = store.document_count()
    summary.seconds = time.perf_counter() - started
    logger.info("ingest: %s", summary.describe().splitlines()[0])
    return summary


def remove_documents(store_path: Path | Endpoint, docs: Sequence[str]) -> list[str]:
    """Remove documents (source file names or document IRIs) from the store; returns the IRIs removed.

    Raises:
        StoreError: A document is not in the store (those before it are removed).
    """
    removed: list[str] = []
    with _open_writer(store_path) as store:
        for doc in docs:
            removed.extend(d.iri for d in store.remove_document(doc))
    return removed


# ---------------------------------------------------------------------- main process


def _open_writer(target: Path | Endpoint) -> GraphStore | RemoteStore:
    """The embedded store at a folder, or a connection to an external store."""
    if isinstance(target, (str, os.PathLike)):
        return GraphStore.open_writer(Path(target))
    return target.open_writer()


def _prepare(store: GraphStore | RemoteStore, path: Path, seen: dict[str, Path],
             max_bytes: int | None) -> tuple[DocumentOutcome | None, SourceDocument | None]:
    """Read one file and decide whether it needs extraction."""
    try:
        doc = read_document(path, max_bytes=max_bytes)
    except InputError as error:
        return DocumentOutcome(str(path), "failed", reason=error.reason), None
    if doc.source in seen:
        return DocumentOutcome(str(path), "failed", reason=(
            f"same file name as {seen[doc.source]}; a document's pg:source is its file name, so only the "
            "first is ingested. Rename one of them")), None
    seen[doc.source] = path
    stored = _stored_outcome(store, doc)
    return (stored, None) if stored is not None else (None, doc)


def _stored_outcome(store: GraphStore | RemoteStore, doc: SourceDocument) -> DocumentOutcome | None:
    """``unchanged`` or ``duplicate`` when the store holds this text already, else None (extract it)."""
    from polgraph.build import document_iri

    iri = str(document_iri(Extraction(document=doc)))
    stored = store.document(iri)
    if stored is None:
        return None
    if stored.source == doc.source:
        return DocumentOutcome(doc.source, "unchanged", iri=iri)
    return DocumentOutcome(doc.source, "duplicate", iri=iri, reason=f"the same text is stored from {stored.source}")


def _write_all(store: GraphStore | RemoteStore, results: list[_Result], emit: Callable[[DocumentOutcome], None]) -> None:
    for result in results:
        if result.graph is None:
            emit(DocumentOutcome(result.source, "failed", reason=result.error))
            continue
        try:
            status, others, found = store.write_document(result.graph)
        except StoreError as exc:
            if not isinstance(exc.__cause__, SyntaxError):
                raise  # the store or the disk, not this document: stop
            emit(DocumentOutcome(result.source, "failed", reason=str(exc)))  # this document only
            continue
        conflicts = tuple(found)
        reason = f"the same text is stored from {others[0].source}" if status == "duplicate" else ""
        emit(DocumentOutcome(result.source, status, iri=result.graph.iri, triples=result.graph.triples,
                             reason=reason, violations=result.violations, conflicts=conflicts))


class _Runner:
    """Runs batches in this process (jobs=1) or in a pool, at most ``2 * jobs`` in flight."""

    def __init__(self, jobs: int, model: str | None, validate: bool, extractor: Extractor | None,
                 chunk: int, piece_chars: int = PIECE_CHARS) -> None:
        self.jobs = jobs
        self.args = (model, validate, extractor, chunk, piece_chars)
        self.pool: ProcessPoolExecutor | None = None
        self.warmed = False
        self.flight: deque[tuple[list[SourceDocument], Future[list[_Result]] | list[_Result]]] = deque()

    def __enter__(self) -> _Runner:
        return self

    def warm(self) -> None:
        """Get ready to extract, once there is something to extract (unchanged documents need nothing).

        With ``jobs == 1`` this process loads the pipeline itself. Otherwise the pool spawns a
        worker per submission: start them all at once, so that each loads spaCy (seconds)
        while this process reads and hashes the first batches.
        """
        if self.warmed:
            return
        self.warmed = True
        model, _, extractor, _, _ = self.args
        if self.jobs == 1:
            _init_worker(model, extractor is None)  # this process extracts
        else:
            self._start_pool()

    def _start_pool(self) -> None:
        model, _, extractor, _, _ = self.args
        self.pool = ProcessPoolExecutor(self.jobs, mp_context=get_context("spawn"),
                                        initializer=_init_worker, initargs=(model, extractor is None, os.getpid()))
        for _ in range(self.jobs):
            self.pool.submit(_ready)

    def __exit__(self, kind: type[BaseException] | None, *exc: object) -> None:
        if self.pool is not None:
            if kind is not None:  # interrupted or failed: do not wait for batches nobody will write
                self._kill_workers()
            self.pool.shutdown(wait=kind is None, cancel_futures=True)
        elif self.warmed:
            gc.unfreeze()  # this process goes on: let the collector see its objects again

    def _kill_workers(self) -> None:
        # ProcessPoolExecutor has no public way to stop running tasks; its workers are in _processes.
        processes = dict(getattr(self.pool, "_processes", None) or {})
        for process in processes.values():
            process.kill()
        for process in processes.values():
            process.join(5)

    def submit(self, batch: list[SourceDocument]) -> None:
        if self.pool is None:
            self.flight.append((batch, _process_batch(batch, *self.args)))
            return
        self.flight.append((batch, self._submit(batch)))

    def _submit(self, batch: list[SourceDocument]) -> Future[list[_Result]]:
        assert self.pool is not None
        try:
            return self.pool.submit(_process_batch, batch, *self.args)
        except BrokenProcessPool:  # a worker died (killed, out of memory): start new ones
            logger.warning("an extraction worker died; starting new workers")
            self.pool.shutdown(wait=False, cancel_futures=True)
            self._start_pool()
            assert self.pool is not None
            return self.pool.submit(_process_batch, batch, *self.args)

    def _one_by_one(self, batch: list[SourceDocument]) -> list[_Result]:
        """A batch whose worker died, again document by document, so that only the culprit fails.

        When one worker dies the pool fails every batch in flight; each is retried here, one
        document at a time in fresh workers, and a document fails only if it kills its worker again.
        """
        results: list[_Result] = []
        for doc in batch:
            try:
                results.extend(self._submit([doc]).result())
                continue
            except BrokenProcessPool:
                pass
            results.append(_Result(doc.source, None, error=(
                "the extraction worker died while processing this document (killed, or out of memory?); "
                "the other documents went on")))
        return results

    def ready(self, *, block: bool) -> Iterable[list[_Result]]:
        """Finished batches in submission order; without ``block``, only while too many are in flight."""
        limit = 0 if block else 2 * self.jobs
        while self.flight and (len(self.flight) > limit or _done(self.flight[0][1])):
            batch, pending = self.flight.popleft()
            if isinstance(pending, list):
                yield pending
                continue
            try:
                yield pending.result()
            except BrokenProcessPool:
                yield self._one_by_one(batch)


def _done(pending: Future[list[_Result]] | list[_Result]) -> bool:
    return isinstance(pending, list) or pending.done()


# ---------------------------------------------------------------------- worker side


def _one_blas_thread() -> None:
    """Ask numpy's BLAS for one thread per process, unless the user chose otherwise.

    spaCy's small matrices gain nothing from BLAS threads, and with one extraction process
    per core extra threads only contend (measured: nlp.pipe 1.5x slower with OpenBLAS's
    default on 2 cores). Takes effect only if numpy is not imported yet.
    """
    if "numpy" in sys.modules:
        return
    for name in _BLAS_THREAD_VARIABLES:
        os.environ.setdefault(name, "1")


def _die_with_parent(parent: int) -> None:
    """Make the kernel kill this worker when its parent dies, however it dies (Linux: PR_SET_PDEATHSIG).

    Without it, after a SIGKILL or a crash of ``polgraph ingest`` its workers (about 200 MB
    each) went on running. Ctrl-C is left to the parent, which stops the workers itself: a
    worker ignores SIGINT, so that one Ctrl-C prints one line, not a traceback per process.
    """
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            libc = ctypes.CDLL(None, use_errno=True)
            pr_set_pdeathsig = 1
            libc.prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):  # pragma: no cover - no prctl
            logger.debug("cannot ask to die with the parent", exc_info=True)
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def _init_worker(model: str | None, load_nlp: bool, parent: int = 0) -> None:
    """Load the pipeline once per worker process (load_pipeline caches it).

    Then freeze what exists: the pipeline, the gazetteers and the shapes live as long as the
    process, and the garbage collector need not walk them on every collection (it cost ~2 %
    of ingest time; gc.freeze() moves them out of its generations).
    """
    if parent:  # a worker process of ``parent``
        _die_with_parent(parent)
    _one_blas_thread()
    if load_nlp:
        from polgraph.extract.pipeline import load_pipeline

        load_pipeline(model)
    gc.collect()
    gc.freeze()


def _ready() -> None:
    """A no-op task that makes the pool start a worker (its initializer loads the pipeline)."""


def _process_batch(docs: list[SourceDocument], model: str | None, validate: bool,
                   extractor: Extractor | None, chunk: int, piece_chars: int = PIECE_CHARS) -> list[_Result]:
    """Extract, build and validate a batch; a document that fails is reported, the rest go on."""
    try:
        extractions = list(_extract(docs, model, extractor, chunk, piece_chars))
    except Exception:  # noqa: BLE001 - isolate the bad document below, one by one
        if len(docs) == 1:
            return [_failed(docs[0])]
        return [result for doc in docs
                for result in _process_batch([doc], model, validate, extractor, 1, piece_chars)]
    built = [_graph_of(ex) for ex in extractions]
    results = [result for result, _ in built]
    if validate:
        try:
            results = _validate_batch(results, [graph for _, graph in built])
        except Exception:  # noqa: BLE001 - find the document SHACL fails on, keep the others
            if len(docs) == 1:
                logger.debug("validating %s failed", docs[0].source, exc_info=True)
                return [_Result(docs[0].source, None, error=(
                    "SHACL validation failed to run on its graph; this is a bug in polgraph, please report "
                    "it with the document"))]
            return [result for doc in docs
                    for result in _process_batch([doc], model, validate, extractor, 1, piece_chars)]
    return results


def _extract(docs: Sequence[SourceDocument], model: str | None, extractor: Extractor | None,
             chunk: int, piece_chars: int) -> Iterable[Extraction]:
    if extractor is None:
        from polgraph.extract.pipeline import extract_documents

        def spacy_extractor(batch: Sequence[SourceDocument]) -> Iterable[Extraction]:
            return extract_documents(batch, model=model, batch_size=max(1, min(chunk, len(batch))))

        return extract_in_pieces(docs, spacy_extractor, piece_chars=piece_chars)
    return extract_in_pieces(docs, extractor, piece_chars=piece_chars)


def _failed(doc: SourceDocument) -> _Result:
    import traceback

    logger.debug("extraction failed for %s", doc.source, exc_info=True)
    last = traceback.format_exc().strip().splitlines()[-1]
    return _Result(doc.source, None, error=f"extraction failed: {last}")


def _graph_of(extraction: Extraction) -> tuple[_Result, Graph | None]:
    from polgraph.build import build_graph, document_iri

    doc = extraction.document
    try:
        # No prefixes (N-Triples does not use them) and no contexts: rdflib's SimpleMemory
        # store adds a triple in about half the time of its default Memory store.
        graph = build_graph([extraction], graph=Graph(store="SimpleMemory"))
        ntriples = graph.serialize(format="nt")
    except PolgraphError as exc:
        return _Result(doc.source, None, error=str(exc)), None
    except Exception as exc:  # noqa: BLE001 - one document's bug must not lose the batch
        logger.debug("building the graph of %s failed", doc.source, exc_info=True)
        return _Result(doc.source, None, error=f"cannot build its graph ({type(exc).__name__}: {exc}); this is a "
                                                "bug in polgraph, please report it with the document"), None
    return _Result(doc.source, DocumentGraph(str(document_iri(extraction)), doc.source, doc.content_hash,
                                             ntriples, len(graph))), graph


def _validate_batch(results: list[_Result], graphs: list[Graph | None]) -> list[_Result]:
    """SHACL-validate the batch's graphs together (one pySHACL call); only if that fails, each alone.

    One call per batch costs about half as much as one per document. A batch that fails
    only because two of its documents disagree about a shared node (which per-document
    validation cannot see) gives no per-document violations; the store reports such
    conflicts after writing.
    """
    from polgraph.build import new_graph
    from polgraph.validate import validate_graph

    def check(parts: list[Graph]) -> tuple[bool, tuple[str, ...]]:
        merged = new_graph()  # its prefixes shorten the IRIs in violation messages
        for part in parts:
            merged += part
        report = validate_graph(merged)
        return report.conforms, tuple(r.describe() for r in report.results if r.severity == "sh:Violation")

    good = [g for g in graphs if g is not None]
    if not good or check(good)[0]:
        return results
    checked = []
    for result, graph in zip(results, graphs):
        if graph is not None:
            conforms, violations = check([graph])
            if not conforms:
                result = dataclasses.replace(result, violations=violations)
        checked.append(result)
    return checked
