"""No network unless the user asks: SERVICE in queries, remote JSON-LD contexts, XML entities.

polgraph reads local files and answers local queries; a graph file or a shared query must not
make it contact a host. Three guards:

* :func:`refuse_service` refuses a SPARQL query with a ``SERVICE`` clause (both backends,
  rdflib and Oxigraph, would send HTTP requests) unless the user passed ``--allow-service``;
* :func:`check_graph_file` refuses a JSON-LD file whose ``@context`` is a remote document
  (rdflib would fetch it) and an RDF/XML file that declares XML entities (an 805-byte
  "billion laughs" file hung ``validate`` for minutes);
* :func:`no_network`, around parsing graph files and running local queries, makes any
  Python-level attempt to open a network connection fail, as a last line of defence (a
  JSON-LD ``@import``, rdflib's SERVICE); outside it the process uses the network as usual.
"""
from __future__ import annotations

import contextlib
import json
import re
import sys
import xml.parsers.expat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from polgraph.errors import InputError, QueryError

__all__ = ["NetworkRefused", "check_graph_file", "no_network", "refuse_service"]

# Comments, string literals and IRIs cannot hold the keyword; blank them out before looking.
_NOT_CODE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""' r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"' r"|'(?:[^'\\\n]|\\.)*'"
    r"|<[^<>\"{}|^`\\\s]*>" r"|#[^\n]*",
)
_SERVICE = re.compile(r"(?<![\w:?$])SERVICE(?![\w:-])", re.IGNORECASE)


def refuse_service(sparql: str, *, allow: bool = False) -> None:
    """Raise QueryError when ``sparql`` has a SERVICE clause (a federated query) and ``allow`` is false."""
    if allow:
        return
    code = _NOT_CODE.sub(" ", sparql)
    if _SERVICE.search(code):
        raise QueryError("the query uses SERVICE, which would send requests to another server; polgraph does "
                         "not use the network unless asked. Pass --allow-service if you trust the query")


def check_graph_file(path: Path, fmt: str) -> None:
    """Refuse graph files that would make the parser use the network or expand entities without bound.

    Raises:
        InputError: A JSON-LD file refers to a remote ``@context``, or an RDF/XML file
            declares entities (or cannot be read as XML at all).
    """
    if fmt == "json-ld":
        _check_json_ld(path)
    elif fmt == "xml":
        _check_xml(path)


def _check_json_ld(path: Path) -> None:
    try:
        with open(path, "rb") as handle:
            data = json.load(handle)
    except RecursionError:
        raise InputError(str(path), "the JSON is nested too deeply to be read") from None
    except (ValueError, OSError):
        return  # the parser will say what is wrong
    remote = _remote_contexts(data)
    if remote:
        raise InputError(str(path), f"its @context is a remote document ({remote[0]}), which would be fetched "
                                    "from the network; polgraph does not do that. Put the context in the file "
                                    "(or save it locally and refer to it by a relative path)")


def _remote_contexts(data: Any) -> list[str]:
    found: list[str] = []
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            context = item.get("@context")
            for value in context if isinstance(context, list) else [context]:
                if isinstance(value, str) and re.match(r"^[a-zA-Z][\w+.-]*:", value):
                    found.append(value)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


class _EntityDeclared(Exception):
    pass


def _check_xml(path: Path) -> None:
    parser = xml.parsers.expat.ParserCreate()

    def refuse(*_: object) -> None:
        raise _EntityDeclared

    parser.EntityDeclHandler = refuse
    parser.UnparsedEntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = lambda *_: 0  # external entities: never fetched
    try:
        with open(path, "rb") as handle:
            parser.ParseFile(handle)
    except _EntityDeclared:
        raise InputError(str(path), "the XML declares entities (<!ENTITY>), which polgraph does not expand: a "
                                    "few hundred bytes of them can expand to gigabytes. Save the graph without "
                                    "a DTD (e.g. as Turtle)") from None
    except (xml.parsers.expat.ExpatError, OSError):
        return  # the parser will say what is wrong


# ---------------------------------------------------------------------- the last line of defence

_BLOCKING = 0  # how many no_network() scopes are open
_INSTALLED = False
_BLOCKED_EVENTS = frozenset({"urllib.Request", "socket.getaddrinfo", "socket.connect", "socket.sendto"})


class NetworkRefused(OSError):
    """polgraph refused to open a network connection while parsing a graph or running a query."""


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if not _BLOCKING or event not in _BLOCKED_EVENTS:
        return
    if event == "socket.connect" and len(args) > 1 and isinstance(args[1], (str, bytes)):
        return  # a Unix socket: local
    target = args[1] if event in ("socket.connect", "socket.sendto") and len(args) > 1 else (args[0] if args else "")
    raise NetworkRefused(f"polgraph does not use the network unless asked; refused to contact {target}")


@contextlib.contextmanager
def no_network() -> Iterator[None]:
    """Within this block, every Python-level network connection of the process fails with NetworkRefused.

    Used around parsing graph files and running local queries. It relies on an audit hook
    (``sys.addaudithook``), installed once and inert outside such blocks; it cannot see
    connections made by native code (Oxigraph's SERVICE), which :func:`refuse_service` stops
    before the query runs.
    """
    global _BLOCKING, _INSTALLED
    if not _INSTALLED:
        sys.addaudithook(_audit)
        _INSTALLED = True
    _BLOCKING += 1
    try:
        yield
    finally:
        _BLOCKING -= 1
