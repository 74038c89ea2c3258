"""Run SPARQL queries over a graph and render the answers: a table, records, the SPARQL 1.1 formats."""
from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

from rdflib import Graph
from rdflib.query import Result

from polgraph.errors import QueryError

if TYPE_CHECKING:
    from polgraph.results import Answered, Term


@dataclass(frozen=True)
class Answer:
    """Query answers as plain strings."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str | None, ...], ...]


def read_query(query: str) -> str:
    """QUERY may be SPARQL text or the path of a .rq file."""
    if query.endswith((".rq", ".sparql")) or ("\n" not in query and Path(query).is_file()):
        path = Path(query)
        if not path.is_file():
            raise QueryError(f"query file {query} not found")
        return path.read_text(encoding="utf-8")
    return query


def run_query(graph: Graph, query: str) -> Answer:
    """Answers of a SELECT (or ASK) query."""
    try:
        result: Result = graph.query(query)
    except Exception as exc:  # rdflib's parser raises pyparsing errors
        raise QueryError(f"the query cannot be run: {exc}") from exc
    if result.type == "ASK":
        return Answer(("answer",), ((str(bool(result.askAnswer)).lower(),),))
    if result.type != "SELECT":
        raise QueryError(f"only SELECT and ASK queries are supported, not {result.type}")
    columns = tuple(str(v) for v in (result.vars or []))
    rows = tuple(tuple(None if v is None else str(v) for v in row) for row in result)  # type: ignore[union-attr]
    if not re.search(r"\bORDER\s+BY\b", query, re.IGNORECASE):  # the same answers in the same order every run
        rows = tuple(sorted(rows, key=lambda r: tuple("" if v is None else v for v in r)))
    return Answer(columns, rows)


def render(answer: Answer, fmt: str) -> str:
    """``table``, ``csv`` or ``json``."""
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(answer.columns)
        writer.writerows([["" if v is None else v for v in row] for row in answer.rows])
        return buf.getvalue()
    if fmt == "json":
        return json.dumps([dict(zip(answer.columns, row)) for row in answer.rows], ensure_ascii=False, indent=2) + "\n"
    widths = [min(60, max([len(c)] + [len(_cell(r[i])) for r in answer.rows])) for i, c in enumerate(answer.columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(answer.columns, widths)),
             "  ".join("-" * w for w in widths)]
    for row in answer.rows:
        lines.append("  ".join(_cell(v)[:w].ljust(w) for v, w in zip(row, widths)).rstrip())
    lines.append(f"({len(answer.rows)} rows)")
    return "\n".join(lines) + "\n"


def _cell(value: str | None) -> str:
    return "" if value is None else " ".join(value.split())


def write_answer(sparql: str, out: IO[bytes], *, fmt: str, graphs: Sequence[Path] = (),
                 store: Path | None = None, allow_service: bool = False) -> None:
    """Run ``sparql`` over graph files or a store and write its answer to ``out`` in ``fmt``.

    SELECT and ASK answers go out as ``table`` or ``records`` (plain strings, see
    :func:`render`) or as a SPARQL 1.1 results format (``json``, ``xml``, ``csv``, ``tsv``:
    term types, languages and datatypes kept). CONSTRUCT and DESCRIBE answers are graphs,
    written as ``turtle`` (also for ``table``), ``nt`` or ``json-ld``. Without ORDER BY, rows
    are sorted, so the same graph gives the same bytes.

    Raises:
        QueryError: The query is an update, cannot be run, or ``fmt`` does not fit its answer.
        StoreError: The store cannot be read.
        InputError: A graph file cannot be read.
    """
    from polgraph.results import GRAPH_FORMATS, QUERY_FORMATS, RESULT_FORMATS, inspect_query

    shape = inspect_query(sparql)
    if shape.form == "UPDATE":
        raise QueryError(f"this is a SPARQL update ({shape.update_keyword}); polgraph query only reads. "
                         "Change a store with `polgraph ingest` and `polgraph remove`")
    if shape.uses_service and not allow_service:
        raise QueryError("SERVICE (a federated query) is refused: polgraph query does not call other "
                         "endpoints. Query the other endpoint yourself")
    if fmt not in QUERY_FORMATS:
        raise QueryError(f"unknown format {fmt!r}; choose one of {', '.join(QUERY_FORMATS)}")
    if fmt in ("table", "records") and not shape.is_graph:
        if store is not None:
            from polgraph.store import query_store

            answer = query_store(store, sparql)
        else:
            from polgraph.export import load_graphs

            answer = run_query(load_graphs(list(graphs)), sparql)
        out.write(render(answer, "json" if fmt == "records" else fmt).encode("utf-8"))
        return
    if shape.is_graph and fmt not in GRAPH_FORMATS and fmt != "table":
        raise QueryError(f"a {shape.form} query answers with a graph; choose --format "
                         f"{', '.join(GRAPH_FORMATS)} (not {fmt})")
    if not shape.is_graph and fmt not in RESULT_FORMATS:
        raise QueryError(f"a {shape.form} query answers with rows; choose --format table, records or "
                         f"{', '.join(RESULT_FORMATS)} (not {fmt})")
    ordered = bool(re.search(r"\bORDER\s+BY\b", sparql, re.IGNORECASE))
    if store is not None:
        from polgraph.results import answer_oxigraph
        from polgraph.store import GraphStore

        with GraphStore.open_reader(store) as opened:
            _write_answered(answer_oxigraph(opened.oxigraph, sparql), out, fmt, ordered)
    else:
        from polgraph.export import load_graphs
        from polgraph.results import answer_rdflib

        _write_answered(answer_rdflib(load_graphs(list(graphs)), sparql), out, fmt, ordered)


def _write_answered(answered: Answered, out: IO[bytes], fmt: str, ordered: bool) -> None:
    from polgraph.results import write_boolean, write_solutions

    if answered.form == "ASK":
        out.write(write_boolean(fmt, answered.boolean).encode("utf-8"))
        return
    if answered.form == "SELECT":
        rows: Iterable[Sequence[Term | None]] = answered.rows
        if not ordered:
            rows = sorted(rows, key=lambda row: tuple("" if t is None else t.value for t in row))
        for chunk in write_solutions(fmt, answered.columns, rows):
            out.write(chunk.encode("utf-8"))
        return
    graph_fmt = "turtle" if fmt == "table" else fmt
    if isinstance(answered.graph, Graph):
        from polgraph.export import serialize_graph
        from polgraph.store import PREFIXES

        for prefix, namespace in PREFIXES.items():
            answered.graph.bind(prefix, namespace, replace=True)
        out.write(serialize_graph(answered.graph, graph_fmt))
        return
    import pyoxigraph as ox

    from polgraph.store import PREFIXES, STORE_FORMATS

    rdf_format = STORE_FORMATS[graph_fmt][0]
    prefixes = PREFIXES if graph_fmt in ("turtle", "json-ld", "xml") else None
    ox.serialize(answered.graph, out, rdf_format, prefixes=prefixes)
