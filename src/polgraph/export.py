"""Read and write graph files; the format follows the file's suffix."""
from __future__ import annotations

import json
from pathlib import Path

from rdflib import Dataset, Graph

from polgraph.errors import InputError
from polgraph.netguard import check_graph_file, no_network
from polgraph.output import write_output

FORMATS = {".ttl": "turtle", ".trig": "trig", ".jsonld": "json-ld", ".json": "json-ld", ".nt": "nt",
           ".nq": "nquads", ".rdf": "xml", ".xml": "xml", ".n3": "n3"}
FORMAT_NAMES = ("turtle", "trig", "json-ld", "nt", "nquads", "xml")


def format_for(path: Path, explicit: str | None = None) -> str:
    """The rdflib format name for ``path`` (or ``explicit``)."""
    if explicit:
        if explicit not in FORMAT_NAMES:
            raise InputError(str(path), f"unknown format {explicit!r}; choose one of {', '.join(FORMAT_NAMES)}")
        return explicit
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(str(path), f"cannot tell the format from the suffix {path.suffix!r}; use one of "
                                    f"{', '.join(sorted(FORMATS))} or --format")
    return fmt


def serialize_graph(graph: Graph, fmt: str) -> bytes:
    """Stable text of ``graph`` in ``fmt`` (Turtle is written in rdflib's diff-friendly long form)."""
    if fmt == "turtle":
        return graph.serialize(format="longturtle").encode("utf-8")
    if fmt in {"trig", "nquads"}:
        ds = Dataset()
        for prefix, ns in graph.namespaces():
            ds.bind(prefix, ns)
        target = ds.default_graph
        for triple in graph:
            target.add(triple)
        return ds.serialize(format=fmt).encode("utf-8")
    if fmt == "nt":
        return "".join(sorted(graph.serialize(format="nt").splitlines(keepends=True))).encode("utf-8")
    if fmt == "json-ld":
        return _stable_jsonld(graph.serialize(format="json-ld")).encode("utf-8")
    return graph.serialize(format=fmt).encode("utf-8")


def _stable_jsonld(text: str) -> str:
    """JSON-LD with nodes ordered by @id and values sorted, so the same graph gives the same bytes."""
    data = json.loads(text)

    def key(value: object) -> str:
        return json.dumps(value, sort_keys=True, ensure_ascii=False)

    def normalise(value: object) -> object:
        if isinstance(value, list):
            return sorted((normalise(v) for v in value), key=key)
        if isinstance(value, dict):
            return {k: normalise(v) for k, v in value.items()}
        return value

    return json.dumps(normalise(data), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_graph(graph: Graph, out: Path, *, fmt: str | None = None) -> None:
    """Write ``graph`` to ``out`` atomically: a reader never sees half a file."""
    data = serialize_graph(graph, format_for(out, fmt))
    write_atomically(out, data)


def write_atomically(out: Path, data: bytes) -> None:
    """Write ``data`` to ``out`` safely (see :mod:`polgraph.output`)."""
    write_output(out, data)


QUAD_FORMATS = {"trig", "nquads"}


def load_graphs(paths: list[Path]) -> Graph:
    """Parse graph files into one graph (the named graphs of TriG and N-Quads are merged)."""
    g = Graph()
    for path in paths:
        if not path.is_file():
            raise InputError(str(path), "no such graph file")
        fmt = format_for(path)
        check_graph_file(path, fmt)  # no remote context, no entity expansion
        try:
            with no_network():  # nor any other fetch the parser might try
                _parse_into(g, path, fmt)
        except RecursionError:
            raise InputError(str(path), f"not a valid {fmt} file: nested too deeply to be read") from None
        except Exception as exc:  # rdflib raises many parser error types
            raise InputError(str(path), f"not a valid {fmt} file: {' '.join(str(exc).split())}") from exc
    return g


def _parse_into(g: Graph, path: Path, fmt: str) -> None:
    if fmt in QUAD_FORMATS:
        ds = Dataset()
        ds.parse(path, format=fmt)
        for prefix, ns in ds.namespaces():
            g.bind(prefix, ns, replace=True)
        for s, p, o, _ in ds.quads((None, None, None, None)):
            g.add((s, p, o))
    else:
        g.parse(path, format=fmt)
