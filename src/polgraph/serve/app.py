"""The HTTP side of ``polgraph serve``: a read-only SPARQL 1.1 Protocol endpoint (Starlette).

Routes::

    GET  /                     the query page (YASGUI, offline), competency questions as examples
    GET  /sparql?query=...     SPARQL 1.1 Protocol query; POST with a form or a direct body
    GET  /store?graph=IRI      Graph Store Protocol, read side (``?default``: the merged graph)
    GET  /health               JSON: status, source, limits
    GET  /examples.json        the example queries of the page
    GET  /static/...           the page's files

Answers are negotiated from the ``Accept`` header (or a ``format`` parameter): SELECT and ASK
as SPARQL JSON, XML, CSV or TSV; CONSTRUCT and DESCRIBE as Turtle, N-Triples, JSON-LD or
RDF/XML. Refused, with 403 and a message in words: updates (``update=``,
``application/sparql-update``, or an update sent as a query: INSERT, DELETE, LOAD, ...) and
``SERVICE``. A query over the time limit gets 503. Every answer carries
``X-Polgraph-Max-Rows``; an answer with that many rows may have been cut (the access log says so).
"""
from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Final

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, PlainTextResponse, Response, StreamingResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from polgraph.results import GRAPH_FORMATS, RESULT_FORMATS, inspect_query
from polgraph.serve.engine import (
    GraphRequest,
    QueryRequest,
    QueryTimeout,
    ServeError,
    Source,
    Started,
    WorkerPool,
    _HttpError,
)

__all__ = ["ServeSettings", "create_app", "negotiate"]

logger = logging.getLogger(__name__)
access_logger = logging.getLogger("polgraph.serve.access")

_MAX_BODY: Final = 1024 * 1024  # a query of more than 1 MiB is refused
# media types clients send -> (results format, graph format) short names
_ALIASES: Final[dict[str, tuple[str | None, str | None]]] = {
    "application/sparql-results+json": ("json", None),
    "application/json": ("json", "json-ld"),
    "application/sparql-results+xml": ("xml", None),
    "application/xml": ("xml", "xml"),
    "text/xml": ("xml", "xml"),
    "text/csv": ("csv", None),
    "text/tab-separated-values": ("tsv", None),
    "text/turtle": (None, "turtle"),
    "application/x-turtle": (None, "turtle"),
    "application/n-triples": (None, "nt"),
    "text/plain": (None, "nt"),
    "application/ld+json": (None, "json-ld"),
    "application/rdf+xml": (None, "xml"),
}
_RESULT_ORDER: Final = ("json", "xml", "csv", "tsv")
_GRAPH_ORDER: Final = ("turtle", "nt", "json-ld", "xml")
_READ_ONLY: Final = ("polgraph serve is read-only: SPARQL updates (INSERT, DELETE, LOAD, CLEAR, DROP, CREATE, "
                     "ADD, MOVE, COPY) are refused. Change the data with `polgraph ingest` and `polgraph remove`; "
                     "the server sees the changes")
_NO_SERVICE: Final = ("SERVICE is refused: polgraph serve does not call other endpoints (federated queries "
                      "would let anyone make this server send requests). Query the other endpoint yourself")


@dataclass(frozen=True, kw_only=True)
class ServeSettings:
    """How the server runs.

    Attributes:
        timeout: Seconds a query may run (until its answer starts, and until it ends).
        max_rows: The most rows (SELECT) or triples (CONSTRUCT, DESCRIBE) an answer gives.
        workers: Query worker processes (queries run in parallel up to this many).
        cors_origins: Origins allowed to call from a browser (``*``: any).
    """

    timeout: float = 30.0
    max_rows: int = 100_000
    workers: int = 2
    cors_origins: tuple[str, ...] = ("*",)


def create_app(source: Source, settings: ServeSettings | None = None) -> Starlette:
    """The ASGI application; its workers start and stop with the app's lifespan.

    Raises:
        ServeError: At start-up, when the workers cannot open the source.
    """
    settings = settings or ServeSettings()
    pool = WorkerPool(source, size=settings.workers, timeout=settings.timeout)
    limits = {"X-Polgraph-Max-Rows": str(settings.max_rows), "X-Polgraph-Timeout": f"{settings.timeout:g}"}

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        await pool.start()
        try:
            yield
        finally:
            await pool.close()

    async def sparql(request: Request) -> Response:
        try:
            params = await _protocol_params(request)
        except _Refused as exc:
            return _text(exc.status, exc.message)
        sparql_text = params.get("query", [""])[0]
        shape = inspect_query(sparql_text)
        if shape.form == "UPDATE":
            return _text(403, _READ_ONLY)
        if shape.uses_service:
            return _text(403, _NO_SERVICE)
        accept = _format_param(params) or request.headers.get("accept", "")
        query = QueryRequest(sparql=sparql_text,
                             result_formats=negotiate(accept, graph=False),
                             graph_formats=negotiate(accept, graph=True),
                             max_rows=settings.max_rows,
                             default_graph=tuple(params.get("default-graph-uri", ())),
                             named_graphs=tuple(params.get("named-graph-uri", ())))
        return await _answer(pool.query(query), request, limits)

    async def store(request: Request) -> Response:
        if request.method not in ("GET", "HEAD"):
            return _text(405, _READ_ONLY.replace("SPARQL updates", "Graph Store writes (PUT, POST, DELETE)"),
                         {"Allow": "GET, HEAD"})
        params = request.query_params
        if ("graph" in params) == ("default" in params):
            return _text(400, "give ?graph=IRI (a document's graph) or ?default (the merged graph), one of them")
        accept = _format_param({k: params.getlist(k) for k in params}) or request.headers.get("accept", "")
        formats = negotiate(accept, graph=True)
        if not formats:
            return _text(406, f"graphs are given as {', '.join(GRAPH_FORMATS.values())}")
        wanted = GraphRequest(params.get("graph"), formats[0])
        return await _answer(pool.graph(wanted), request, limits)

    async def health(_: Request) -> Response:
        ok = await pool.ping()
        body = {"status": "ok" if ok else "unavailable", "source": source.describe(),
                "timeout": settings.timeout, "max_rows": settings.max_rows, "workers": settings.workers}
        return JSONResponse(body, status_code=200 if ok else 503)

    async def index(_: Request) -> Response:
        return FileResponse(_static() / "index.html", media_type="text/html; charset=utf-8",
                            headers=_PAGE_HEADERS)

    async def examples(_: Request) -> Response:
        return JSONResponse(_examples())

    routes = [
        Route("/", index),
        Route("/sparql", sparql, methods=["GET", "POST"]),
        Route("/store", store, methods=["GET", "HEAD", "PUT", "POST", "DELETE"]),
        Route("/health", health),
        Route("/examples.json", examples),
        Mount("/static", StaticFiles(directory=str(_static())), name="static"),
    ]
    middleware = [
        Middleware(_AccessLog),
        Middleware(CORSMiddleware, allow_origins=list(settings.cors_origins), allow_methods=["GET", "POST"],
                   allow_headers=["*"], expose_headers=list(limits), max_age=600),
    ]
    return Starlette(routes=routes, middleware=middleware, lifespan=lifespan)


# ---------------------------------------------------------------------- answering


async def _answer(pending: Awaitable[Started], request: Request, limits: dict[str, str]) -> Response:
    try:
        started = await pending
    except QueryTimeout as exc:
        return _text(503, _words(exc), limits)
    except _HttpError as exc:
        return _text(exc.status, _words(exc), limits)
    except ServeError as exc:
        return _text(500, _words(exc), limits)
    media = (GRAPH_FORMATS if started.graph else RESULT_FORMATS)[started.fmt]
    if media.startswith("text/"):
        media += "; charset=utf-8"
    request.scope.setdefault("state", {})["answer"] = started

    async def body() -> AsyncIterator[bytes]:
        async for chunk in started.body:
            yield chunk

    if request.method == "HEAD":
        async for _ in started.body:
            pass
        return Response(b"", media_type=media, headers=limits)
    return StreamingResponse(body(), media_type=media, headers=limits)


def _words(exc: Exception) -> str:
    return str(exc).split("] ", 1)[-1] if str(exc).startswith("[E") else str(exc)


def _text(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    return PlainTextResponse(message + "\n", status_code=status, headers=headers)


class _Refused(Exception):  # noqa: N818 - internal signal, not part of the error tree
    def __init__(self, status: int, message: str) -> None:
        self.status = status
        self.message = message
        super().__init__(message)


async def _protocol_params(request: Request) -> dict[str, list[str]]:
    """The SPARQL Protocol's parameters, from the URL and (POST) the body.

    Raises:
        _Refused: An update, an unsupported body, no query, or a body over 1 MiB.
    """
    params: dict[str, list[str]] = {k: request.query_params.getlist(k) for k in request.query_params}
    if request.method == "POST":
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        body = await _read_body(request)
        if kind == "application/sparql-update":
            raise _Refused(403, _READ_ONLY)
        if kind == "application/x-www-form-urlencoded":
            from urllib.parse import parse_qs

            for key, values in parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True).items():
                params.setdefault(key, []).extend(values)
        elif kind == "application/sparql-query":
            params["query"] = [body.decode("utf-8", "replace")]
        else:
            raise _Refused(415, "send the query as application/x-www-form-urlencoded (query=...) or as an "
                                "application/sparql-query body")
    if "update" in params:
        raise _Refused(403, _READ_ONLY)
    if len(params.get("query", [])) != 1 or not params["query"][0].strip():
        raise _Refused(400, "give one SPARQL query: GET /sparql?query=..., or POST it as a form field `query` "
                            "or as an application/sparql-query body")
    return params


async def _read_body(request: Request) -> bytes:
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > _MAX_BODY:
            raise _Refused(413, f"the request is larger than {_MAX_BODY // 1024} KiB; send a shorter query")
    return bytes(body)


def _format_param(params: dict[str, list[str]]) -> str:
    """A ``format`` (or ``output``) parameter as an Accept value: short names or media types."""
    for key in ("format", "output"):
        for value in params.get(key, ()):
            value = value.strip().lower()
            short = {"json": "application/sparql-results+json, application/ld+json",
                     "xml": "application/sparql-results+xml, application/rdf+xml",
                     "csv": "text/csv", "tsv": "text/tab-separated-values", "turtle": "text/turtle",
                     "ttl": "text/turtle", "nt": "application/n-triples", "ntriples": "application/n-triples",
                     "json-ld": "application/ld+json", "jsonld": "application/ld+json"}.get(value)
            if short or "/" in value:
                return short or value
    return ""


def negotiate(accept: str, *, graph: bool) -> tuple[str, ...]:
    """The formats ``accept`` allows, best first, as short names (results or graph formats).

    An empty or missing header allows every format, JSON (results) and Turtle (graphs) first.
    Quality values are honoured; among equals, polgraph's order decides.
    """
    order = _GRAPH_ORDER if graph else _RESULT_ORDER
    if not accept.strip():
        return order
    best: dict[str, float] = {}
    for part in accept.split(","):
        media, *options = (p.strip() for p in part.split(";"))
        media = media.lower()
        quality = 1.0
        for option in options:
            if option.lower().startswith("q="):
                try:
                    quality = float(option[2:])
                except ValueError:
                    quality = 0.0
        if media in ("*/*", "*"):
            matches: tuple[str, ...] = order
        elif media.endswith("/*"):
            family = media[:-1]
            matches = tuple(f for f in order for m, pair in _ALIASES.items()
                            if m.startswith(family) and pair[1 if graph else 0] == f)
        else:
            pair = _ALIASES.get(media, (None, None))
            one = pair[1 if graph else 0]
            matches = (one,) if one else ()
        for fmt in matches:
            best[fmt] = max(best.get(fmt, 0.0), quality)
    return tuple(sorted((f for f in order if best.get(f, 0.0) > 0), key=lambda f: -best[f]))


# ---------------------------------------------------------------------- the page


_PAGE_HEADERS: Final = {
    # YASGUI sets inline styles; everything else comes from this server only.
    "Content-Security-Policy": "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                               "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def _static() -> Path:
    return Path(str(resources.files("polgraph.serve") / "static"))


def _examples() -> list[dict[str, str]]:
    """The packaged competency questions and recipes: a name, the question, the query."""
    found = []
    queries = resources.files("polgraph") / "queries"
    for entry in sorted(queries.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".rq"):
            continue
        text = entry.read_text(encoding="utf-8")
        first = text.splitlines()[0] if text else ""
        question = first.lstrip("#").strip() if first.startswith("#") else entry.name
        found.append({"name": entry.name.removesuffix(".rq"), "question": question, "query": text})
    return found


# ---------------------------------------------------------------------- the access log


Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
ASGIApp = Callable[[Scope, Callable[[], Awaitable[Message]], Callable[[Message], Awaitable[None]]], Awaitable[None]]


class _AccessLog:
    """One line per request: client, method, path, status, bytes, milliseconds, rows (and a cut)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Callable[[], Awaitable[Message]],
                       send: Callable[[Message], Awaitable[None]]) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status, size = 0, 0

        async def counting(message: Message) -> None:
            nonlocal status, size
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.body":
                size += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receive, counting)
        finally:
            path = scope.get("path", "")
            query = scope.get("query_string", b"").decode("latin-1")
            target = f"{path}?{query}" if query else path
            if len(target) > 200:
                target = target[:200] + "..."
            client = scope.get("client") or ("-", 0)
            answer = scope.get("state", {}).get("answer")
            rows = ""
            if isinstance(answer, Started) and answer.rows >= 0:
                rows = f" rows={answer.rows}" + (" CUT at the row limit" if answer.cut else "")
            access_logger.info('%s "%s %s" %d %d %.1fms%s', client[0], scope.get("method", ""), target,
                               status, size, (time.perf_counter() - started) * 1000, rows)


def run_server(source: Source, settings: ServeSettings, *, host: str = "127.0.0.1", port: int = 7878,
               access_log: bool = True) -> None:
    """Serve until interrupted (uvicorn, one event loop; the queries run in the worker processes).

    Raises:
        ServeError: The workers cannot open the source, or the port cannot be bound.
    """
    import uvicorn

    source.check()
    if access_log:
        access_logger.setLevel(logging.INFO)
    config = uvicorn.Config(create_app(source, settings), host=host, port=port, access_log=False,
                            log_level="warning", lifespan="on", timeout_graceful_shutdown=5)
    server = uvicorn.Server(config)
    try:
        server.run()
    except SystemExit as exc:  # uvicorn exits when it cannot bind or start
        raise ServeError(f"the server could not start on {host}:{port} (the line above says why: a port in "
                         "use? then choose another with --port)") from exc
    if not server.started:
        raise ServeError(f"the server did not start on {host}:{port}; is the port in use, or is the data "
                         "unreadable? (the lines above say which)")
