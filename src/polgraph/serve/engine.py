"""Query workers: processes that answer SPARQL over a store or graph files, streaming.

Why processes: Oxigraph cannot stop a running query, and a thread cannot be killed. A query
that runs past the time limit is stopped by ending its worker process; a new worker takes
its place. The same holds for a client that goes away in the middle of an answer.

The protocol on each worker's pipe (parent -> worker, then worker -> parent)::

    ("query", QueryRequest) | ("graph", GraphRequest) | ("ping",)
    -> ("error", status, message)                          nothing was sent yet
    |  ("start", format, "results" | "graph") ("chunk", bytes)* ("end", rows, cut)
    |  ("start", ...) ("chunk", bytes)* ("abort", status, message)   failed half-way

``start`` is sent only once the first answer row (or triple) exists, so a query that needs
all of its input before answering (GROUP BY, ORDER BY, COUNT) is still inside the time
limit's reach before the HTTP status is sent: over the limit, the client gets a 503.

Workers open the store read-only; before each request a worker opens it again when its
files changed, so answers follow what ``polgraph ingest`` writes while the server runs.
Graph files are loaded into an in-memory store once per worker.
"""
from __future__ import annotations

import asyncio
import io
import itertools
import logging
import multiprocessing
import os
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import IO, Any, Final, cast

from polgraph.errors import PolgraphError, QueryError
from polgraph.results import (
    GRAPH_FORMATS,
    RESULT_FORMATS,
    answer_oxigraph,
    write_boolean,
    write_solutions,
)

__all__ = ["GraphRequest", "QueryRequest", "QueryTimeout", "ServeError", "Source", "WorkerPool"]

logger = logging.getLogger(__name__)

_CHUNK: Final = 64 * 1024
_START_TIMEOUT: Final = 600.0  # loading big graph files takes a while

# Oxigraph formats by the short names of polgraph.results.GRAPH_FORMATS
_GRAPH_RDF_FORMATS: Final = {"turtle": "TURTLE", "nt": "N_TRIPLES", "json-ld": "JSON_LD", "xml": "RDF_XML"}
_FILE_FORMATS: Final = {".ttl": "TURTLE", ".nt": "N_TRIPLES", ".nq": "N_QUADS", ".trig": "TRIG",
                        ".jsonld": "JSON_LD", ".json": "JSON_LD", ".rdf": "RDF_XML", ".xml": "RDF_XML",
                        ".n3": "N3"}
# polgraph.store.PREFIXES, without importing rdflib into the workers
_PREFIXES: Final = {
    "pg": "https://w3id.org/polgraph/ontology#",
    "pgid": "https://w3id.org/polgraph/id/",
    **{kind: f"https://w3id.org/polgraph/id/{kind}/" for kind in
       ("document", "person", "country", "org", "post", "place", "meeting", "topic", "position")},
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


class ServeError(PolgraphError):
    """The server cannot start or answer: the message says why and what to do."""

    code = "E014"


class QueryTimeout(ServeError):
    """A query ran past the time limit and was stopped."""

    code = "E010"


@dataclass(frozen=True)
class Source:
    """What the workers answer from: a store folder, or graph files (merged)."""

    store: Path | None = None
    graphs: tuple[Path, ...] = ()

    def describe(self) -> str:
        if self.store is not None:
            return f"store {self.store.name}"
        return f"{len(self.graphs)} graph file{'' if len(self.graphs) == 1 else 's'}"

    def check(self) -> None:
        """Fail early, in the parent, on what the workers could not open.

        Raises:
            ServeError: There is no store there, a file is missing or of unknown format.
        """
        if (self.store is None) == (not self.graphs):
            raise ServeError("give graph files or a store (one of them)")
        if self.store is not None:
            if not (self.store / "CURRENT").is_file():
                raise ServeError(f"no polgraph store at {self.store}; create one with "
                                 f"`polgraph ingest --store {self.store} INPUT...`")
            return
        for path in self.graphs:
            if not path.is_file():
                raise ServeError(f"{path}: no such graph file")
            if path.suffix.lower() not in _FILE_FORMATS:
                raise ServeError(f"{path}: cannot tell the format from the suffix {path.suffix!r}; use one of "
                                 f"{', '.join(sorted(_FILE_FORMATS))}")


@dataclass(frozen=True)
class QueryRequest:
    """A SPARQL query and the formats the client accepts (short names, best first)."""

    sparql: str
    result_formats: tuple[str, ...]
    graph_formats: tuple[str, ...]
    max_rows: int
    default_graph: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


@dataclass(frozen=True)
class GraphRequest:
    """Graph Store Protocol read: one named graph (``iri``) or the default graph (``iri=None``)."""

    iri: str | None
    graph_format: str


@dataclass
class Started:
    """An answer on its way: its format (a graph's?) and body; ``rows`` and ``cut`` are known at the end."""

    fmt: str
    graph: bool
    body: AsyncIterator[bytes] = field(repr=False)
    rows: int = 0
    cut: bool = False


# ---------------------------------------------------------------------- the worker process


class _PipeWriter(io.RawIOBase):
    """A binary file whose writes go to the parent as ``("chunk", bytes)`` messages of ~64 KiB."""

    def __init__(self, conn: Connection) -> None:
        super().__init__()
        self._conn = conn
        self._buffer = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self._buffer += data
        if len(self._buffer) >= _CHUNK:
            self.flush()
        return len(data)

    def flush(self) -> None:
        if self._buffer:
            self._conn.send(("chunk", bytes(self._buffer)))
            self._buffer.clear()


class _Opened:
    """The worker's view of the source; the store is opened again when its files change."""

    def __init__(self, source: Source) -> None:
        import pyoxigraph as ox

        self.source = source
        self._version: tuple[int, int] | None = None
        self.db: Any = None
        if source.store is None:
            self.db = ox.Store()
            for path in source.graphs:
                fmt = getattr(ox.RdfFormat, _FILE_FORMATS[path.suffix.lower()])
                try:
                    quads = list(ox.parse(path=str(path), format=fmt))
                except (SyntaxError, OSError, ValueError) as exc:
                    raise ServeError(f"{path}: not a valid graph file: {' '.join(str(exc).split())}") from exc
                # the default graph is the merge of everything, as in a store
                self.db.extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in quads)
                self.db.extend(q for q in quads if not isinstance(q.graph_name, ox.DefaultGraph))
        self.refresh()

    def refresh(self) -> None:
        store = self.source.store
        if store is None:
            return
        version = _store_version(store)
        if version == self._version:
            return
        from polgraph.store import GraphStore

        opened = GraphStore.open_reader(store)
        self.db = opened.oxigraph
        self._version = version
        logger.debug("worker %d opened %s", os.getpid(), store)


def _store_version(path: Path) -> tuple[int, int]:
    """Changes when RocksDB writes: the newest modification time and the number of files."""
    newest, count = 0, 0
    with os.scandir(path) as entries:
        for entry in entries:
            count += 1
            newest = max(newest, entry.stat().st_mtime_ns)
    return newest, count


def worker_main(conn: Connection, source: Source) -> None:
    """The worker process: open the source, then answer requests until the pipe closes."""
    logging.basicConfig(level=logging.WARNING)
    try:
        opened = _Opened(source)
    except PolgraphError as exc:
        conn.send(("failed", str(exc)))
        return
    conn.send(("ready",))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        started = False
        try:
            opened.refresh()
            if message[0] == "query":
                started = _answer_query(conn, opened.db, message[1])
            elif message[0] == "graph":
                started = _answer_graph(conn, opened.db, message[1])
            else:
                _send_whole(conn, "json", write_boolean("json", bool(opened.db.query("ASK {}"))).encode())
        except _NotAcceptable as exc:
            conn.send(("error", 406, _plain(exc)))
        except (QueryError, ServeError) as exc:
            conn.send(("abort" if started else "error", 400, _plain(exc)))
        except Exception as exc:  # noqa: BLE001 - the worker must answer, whatever broke
            logger.exception("query failed")
            conn.send(("abort" if started else "error", 500, f"the query failed: {type(exc).__name__}: {exc}"))


def _plain(exc: Exception) -> str:
    return " ".join(str(exc).split())


def _send_whole(conn: Connection, fmt: str, data: bytes) -> None:
    conn.send(("start", fmt, "results"))
    conn.send(("chunk", data))
    conn.send(("end", 1, False))


def _answer_query(conn: Connection, db: Any, request: QueryRequest) -> bool:
    import pyoxigraph as ox

    answered = answer_oxigraph(db, request.sparql, default_graph=request.default_graph,
                               named_graphs=request.named_graphs)
    if answered.form == "ASK":
        fmt = _first(request.result_formats, RESULT_FORMATS, "results")
        _send_whole(conn, fmt, write_boolean(fmt, answered.boolean).encode())
        return True
    if answered.form == "SELECT":
        fmt = _first(request.result_formats, RESULT_FORMATS, "results")
        rows = _Limited(iter(answered.rows), request.max_rows)
        conn.send(("start", fmt, "results"))
        writer = _PipeWriter(conn)
        for chunk in write_solutions(fmt, answered.columns, rows):
            writer.write(chunk.encode("utf-8"))
        writer.flush()
        conn.send(("end", rows.count, rows.cut))
        return True
    fmt = _first(request.graph_formats, GRAPH_FORMATS, "graph")
    triples = _Limited(answered.graph, request.max_rows)
    conn.send(("start", fmt, "graph"))
    writer = _PipeWriter(conn)
    rdf_format = getattr(ox.RdfFormat, _GRAPH_RDF_FORMATS[fmt])
    ox.serialize(iter(triples), cast(IO[bytes], writer), rdf_format, prefixes=None if fmt == "nt" else _PREFIXES)
    writer.flush()
    conn.send(("end", triples.count, triples.cut))
    return True


def _answer_graph(conn: Connection, db: Any, request: GraphRequest) -> bool:
    import pyoxigraph as ox

    if request.iri is None:
        graph: Any = ox.DefaultGraph()
    else:
        graph = ox.NamedNode(request.iri)
        if not db.contains_named_graph(graph):
            conn.send(("error", 404, f"no graph <{request.iri}> here; the graphs are the documents' IRIs "
                                     "(SELECT DISTINCT ?g WHERE { GRAPH ?g {} } lists them)"))
            return False
    conn.send(("start", request.graph_format, "graph"))
    writer = _PipeWriter(conn)
    fmt = request.graph_format
    db.dump(writer, getattr(ox.RdfFormat, _GRAPH_RDF_FORMATS[fmt]), from_graph=graph,
            prefixes=None if fmt == "nt" else _PREFIXES)
    writer.flush()
    conn.send(("end", -1, False))  # a whole graph: no row count
    return True


def _first(accepted: tuple[str, ...], offered: dict[str, str], kind: str) -> str:
    for fmt in accepted:
        if fmt in offered:
            return fmt
    raise _NotAcceptable(f"this query answers with {kind}; none of the formats asked for fits. "
                         f"Ask for one of {', '.join(offered.values())}")


class _NotAcceptable(ServeError):
    code = "E011"


class _Limited:
    """At most ``limit`` of ``items``; the first is computed at once.

    So evaluation has started (and, for queries that read everything before answering,
    finished) before the answer's status is sent. ``cut`` tells, at the end, whether the
    limit left items out.
    """

    def __init__(self, items: Iterator[Any], limit: int) -> None:
        self._items = items
        self._head = list(itertools.islice(items, 1))
        self._limit = limit
        self.count = 0
        self.cut = False

    def __iter__(self) -> Iterator[Any]:
        for item in itertools.chain(self._head, self._items):
            if self.count >= self._limit:
                self.cut = True
                return
            self.count += 1
            yield item


# ---------------------------------------------------------------------- the parent's side


class _Worker:
    def __init__(self, source: Source) -> None:
        ctx = multiprocessing.get_context("spawn")
        self.conn, child = ctx.Pipe(duplex=True)
        self.process = ctx.Process(target=worker_main, args=(child, source), daemon=True,
                                   name="polgraph-serve-worker")
        self.process.start()
        child.close()

    def wait_ready(self, timeout: float) -> None:
        if not self.conn.poll(timeout):
            self.kill()
            raise ServeError(f"a query worker did not start within {timeout:.0f} s")
        try:
            message = self.conn.recv()
        except EOFError as exc:
            raise ServeError("a query worker died while opening the data; its error is printed above") from exc
        if message[0] != "ready":
            self.kill()
            raise ServeError(message[1])

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


class WorkerPool:
    """``size`` worker processes; each request takes one, under a time limit.

    Example::

        pool = WorkerPool(Source(store=Path("store")), size=2, timeout=30)
        await pool.start()
        started = await pool.query(QueryRequest(...))
        async for chunk in started.body: ...
    """

    def __init__(self, source: Source, *, size: int = 2, timeout: float = 30.0) -> None:
        self.source = source
        self.size = size
        self.timeout = timeout
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()
        self._all: set[_Worker] = set()
        self._closed = False

    async def start(self) -> None:
        """Start the workers; each opens the source (raises ServeError if it cannot)."""
        self.source.check()
        workers = [_Worker(self.source) for _ in range(self.size)]
        self._all.update(workers)
        try:
            for worker in workers:
                await asyncio.to_thread(worker.wait_ready, _START_TIMEOUT)
        except ServeError:
            await self.close()
            raise
        for worker in workers:
            self._idle.put_nowait(worker)
        logger.info("%d query workers ready over %s", self.size, self.source.describe())

    async def close(self) -> None:
        self._closed = True
        for worker in list(self._all):
            try:
                worker.conn.send(None)
            except OSError:
                pass
            await asyncio.to_thread(worker.kill)
        self._all.clear()

    async def query(self, request: QueryRequest) -> Started:
        """Send a query; return once its answer starts (raises QueryTimeout, ServeError)."""
        return await self._run(("query", request))

    async def graph(self, request: GraphRequest) -> Started:
        """Graph Store Protocol read of one graph."""
        return await self._run(("graph", request))

    async def ping(self, timeout: float = 10.0) -> bool:
        """True when a worker answers ``ASK {}`` within ``timeout`` seconds."""
        async def once() -> None:
            started = await self._run(("ping",), timeout=timeout)
            async for _ in started.body:
                pass

        try:  # the whole of it, waiting for a free worker included
            await asyncio.wait_for(once(), timeout)
        except (ServeError, asyncio.TimeoutError):
            return False
        return True

    async def _run(self, message: tuple[Any, ...], *, timeout: float | None = None) -> Started:
        if self._closed:
            raise ServeError("the server is shutting down")
        limit = self.timeout if timeout is None else timeout
        worker = await self._idle.get()
        deadline = time.monotonic() + limit
        try:
            worker.conn.send(message)
            first = await self._receive(worker, deadline, limit)
        except BaseException:
            self._replace(worker)
            raise
        if first[0] == "error":
            self._idle.put_nowait(worker)
            raise _HttpError(first[1], first[2])
        if first[0] != "start":  # pragma: no cover - protocol error
            self._replace(worker)
            raise ServeError(f"unexpected message from a query worker: {first[0]}")
        started = Started(first[1], first[2] == "graph", _nothing())
        started.body = self._body(worker, deadline, limit, started)
        return started

    async def _body(self, worker: _Worker, deadline: float, limit: float,
                    started: Started) -> AsyncIterator[bytes]:
        finished = False
        try:
            while True:
                message = await self._receive(worker, deadline, limit)
                if message[0] == "chunk":
                    yield message[1]
                elif message[0] == "end":
                    finished = True
                    started.rows, started.cut = message[1], message[2]
                    return
                else:  # abort: the answer broke half-way; the client sees a cut body
                    finished = True
                    logger.warning("answer stopped half-way: %s", message[2])
                    raise ServeError(message[2])
        finally:
            if finished:
                self._idle.put_nowait(worker)
            else:  # over the time limit, or the client went away: the worker may still be busy
                self._replace(worker)

    async def _receive(self, worker: _Worker, deadline: float, limit: float) -> Any:
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not await asyncio.to_thread(worker.conn.poll, remaining):
            raise QueryTimeout(f"the query ran longer than the time limit of {limit:g} s and was stopped; "
                               "make it more selective (fewer OPTIONALs, a LIMIT) or start the server "
                               "with a larger --timeout")
        try:
            return worker.conn.recv()
        except (EOFError, OSError) as exc:
            raise ServeError("the query worker died while answering; see the server's log") from exc

    def _replace(self, worker: _Worker) -> None:
        self._all.discard(worker)
        worker.kill()
        if self._closed:
            return
        fresh = _Worker(self.source)
        self._all.add(fresh)

        async def when_ready() -> None:
            try:
                await asyncio.to_thread(fresh.wait_ready, _START_TIMEOUT)
            except ServeError as exc:  # pragma: no cover - the source went away
                logger.error("a replacement query worker failed: %s", exc)
                self._all.discard(fresh)
                return
            self._idle.put_nowait(fresh)

        asyncio.get_running_loop().create_task(when_ready())


async def _nothing() -> AsyncIterator[bytes]:
    return
    yield b""  # pragma: no cover - makes this an async generator


class _HttpError(ServeError):
    """An error the worker reported before answering, with the HTTP status to give."""

    def __init__(self, status: int, message: str) -> None:
        self.status = status
        super().__init__(message)
