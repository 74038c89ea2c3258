"""Run SPARQL queries over a graph and render the answers as a table, CSV or JSON."""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph
from rdflib.query import Result

from polgraph.errors import QueryError


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
