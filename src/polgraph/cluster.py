"""Ingest on a Dask distributed cluster: ``polgraph ingest --scheduler ADDRESS``.

The work of each document runs as tasks on the cluster's workers; the writer stays single,
in this process (the store folder, or an external store's endpoint)::

    this process                         workers (any machine)
    ------------                         ---------------------
    submit read tasks  ---------------->  read files (text, HTML), hash them
    skip unchanged / duplicates  <------  SourceDocuments
    submit batches  ------------------->  spaCy + extraction + graph + SHACL of each document
    write each document (1 transaction) <-- N-Triples, violations
    progress and summary, in completion order

Workers must reach the input files under the same paths (a shared file system) and have
polgraph and the spaCy pipeline installed. Each worker loads the pipeline once, at its first
batch.

A worker lost in the middle of a task loses nothing: the scheduler runs the task again on
another worker (Dask's ``distributed.scheduler.allowed-failures``, 3 by default), and a task
that raised is retried (``retries``). Only finished results reach the writer, each document
in one transaction, so the store holds whole documents only, each once. A task that fails
on every try marks its documents failed, by name, with the reason; the rest go on.
"""
from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from polgraph.errors import InputError, PolgraphError
from polgraph.ingest import (
    DocumentOutcome,
    Extractor,
    IngestSummary,
    _open_writer,
    _process_batch,
    _stored_outcome,
    _write_all,
)
from polgraph.models import SourceDocument

if TYPE_CHECKING:
    from polgraph.remote import Endpoint

__all__ = ["ClusterError", "ingest_on_cluster"]

logger = logging.getLogger(__name__)

_READ_CHUNK = 16  # files read per task


class ClusterError(PolgraphError):
    """The Dask scheduler cannot be reached or used; the message says what to do."""

    code = "E013"


def _read_files(paths: Sequence[str]) -> list[SourceDocument | tuple[str, str]]:
    """A worker task: read files into documents, or (path, reason) for those that cannot be read."""
    from polgraph.reading import read_document

    out: list[SourceDocument | tuple[str, str]] = []
    for path in paths:
        try:
            out.append(read_document(Path(path)))
        except InputError as error:
            out.append((path, error.reason))
    return out


def _chunks(items: Sequence[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield list(items[start:start + size])


def ingest_on_cluster(
    store_path: Path | Endpoint,
    files: Sequence[Path],
    *,
    scheduler: str,
    batch_size: int = 8,
    model: str | None = None,
    validate: bool = True,
    extractor: Extractor | None = None,
    input_failures: Sequence[InputError] = (),
    on_document: Callable[[DocumentOutcome], None] | None = None,
    count_store: bool = True,
    retries: int = 2,
) -> IngestSummary:
    """Ingest ``files`` with the workers of the Dask cluster at ``scheduler``.

    Args:
        store_path: The store folder, or an external store's endpoint (the single writer).
        files: Input files (see :func:`polgraph.ingest.find_inputs`), on a file system the
            workers share.
        scheduler: The scheduler's address, e.g. ``tcp://10.0.0.5:8786``.
        batch_size: Documents per extraction task (and per ``nlp.pipe`` call).
        model: The spaCy pipeline the workers load.
        validate: SHACL-validate each document's graph on the workers.
        extractor: Replaces spaCy (importable on the workers); for tests and benchmarks.
        input_failures: Errors found while listing inputs, for the summary.
        on_document: Called once per input as it is done, in completion order.
        count_store: Count the store's documents and triples at the end.
        retries: How often a task that raised is tried again.

    Raises:
        ClusterError: The scheduler cannot be reached.
        StoreLocked, StoreError: The store cannot be written.
    """
    from distributed import Client, as_completed

    started = time.perf_counter()
    summary = IngestSummary()

    def emit(outcome: DocumentOutcome) -> None:
        summary.record(outcome)
        if on_document is not None:
            on_document(outcome)

    for failure in input_failures:
        emit(DocumentOutcome(failure.path, "failed", reason=failure.reason))
    # A document's pg:source is its file name: the first file of a name wins, in input order.
    first: dict[str, Path] = {}
    unique: list[Path] = []
    for path in files:
        if path.name in first:
            emit(DocumentOutcome(str(path), "failed", reason=(
                f"same file name as {first[path.name]}; a document's pg:source is its file name, so only the "
                "first is ingested. Rename one of them")))
            continue
        first[path.name] = path
        unique.append(path)

    with _open_writer(store_path) as store:
        try:
            client = Client(scheduler, timeout="30s", set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            raise ClusterError(f"cannot reach the Dask scheduler at {scheduler}: {exc}. Start one with "
                               "`dask scheduler` and workers with `dask worker ADDRESS` (docs/cluster.md)") from exc
        with client:
            workers = max(1, len(client.scheduler_info().get("workers", {})))
            logger.info("cluster %s: %d workers", scheduler, workers)
            # at least 4 batches per worker, so that none is left working alone at the end
            batch_size = max(1, min(batch_size, math.ceil(len(unique) / (4 * workers))))
            tasks: dict[Any, tuple[str, list[Any]]] = {}
            reads_left = 0
            pending = as_completed(loop=client.loop)
            for paths in _chunks([str(p) for p in unique], _READ_CHUNK):
                future = client.submit(_read_files, paths, retries=retries, pure=False)
                tasks[future] = ("read", paths)
                pending.add(future)
                reads_left += 1
            batch: list[SourceDocument] = []

            def submit(docs: list[SourceDocument]) -> None:
                future = client.submit(_process_batch, docs, model, validate, extractor, batch_size,
                                       retries=retries, pure=False)
                tasks[future] = ("batch", docs)
                pending.add(future)

            for future in pending:
                kind, payload = tasks.pop(future)
                failed = future.status != "finished"
                reason = "" if not failed else f"the cluster could not run its task: {future.exception()!r}"
                if kind == "batch":
                    if failed:
                        for doc in payload:
                            emit(DocumentOutcome(doc.source, "failed", reason=reason))
                    else:
                        _write_all(store, future.result(), emit)
                    future.release()
                    continue
                reads_left -= 1
                read = [(p, reason) for p in payload] if failed else future.result()
                future.release()
                for item in read:
                    if isinstance(item, tuple):
                        emit(DocumentOutcome(item[0], "failed", reason=item[1]))
                        continue
                    stored = _stored_outcome(store, item)
                    if stored is not None:
                        emit(stored)
                        continue
                    batch.append(item)
                    if len(batch) >= batch_size:
                        submit(batch)
                        batch = []
                if reads_left == 0 and batch:
                    submit(batch)
                    batch = []
        if count_store:
            summary.store_triples = store.triple_count()
            summary.store_documents = store.document_count()
    summary.seconds = time.perf_counter() - started
    logger.info("ingest on %s: %s", scheduler, summary.describe().splitlines()[0])
    return summary

