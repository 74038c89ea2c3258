"""SPARQL 1.1 query results, written as the W3C formats, and the shape of a query.

Both engines polgraph runs (rdflib over graph files, Oxigraph over a store) give their terms
to this module as :class:`Term` values, so every format says the same thing whichever engine
answered: term types (IRI, blank node, literal), languages and datatypes.

Formats (``RESULT_FORMATS``, keyed by the short name the command line and ``?format=`` use):

* ``json``  SPARQL 1.1 Query Results JSON (``application/sparql-results+json``)
* ``xml``   SPARQL Query Results XML (``application/sparql-results+xml``)
* ``csv``   SPARQL 1.1 CSV: plain values, CRLF line ends (``text/csv``)
* ``tsv``   SPARQL 1.1 TSV: terms in Turtle/N-Triples syntax (``text/tab-separated-values``)

CONSTRUCT and DESCRIBE answers are graphs (``GRAPH_FORMATS``: Turtle, N-Triples, JSON-LD,
RDF/XML). Writers are generators of text chunks, so a large answer is streamed, never held.

:func:`inspect_query` tells a query's form (SELECT, ASK, CONSTRUCT, DESCRIBE or an update)
and whether it calls ``SERVICE``, without running it; this module imports neither rdflib nor
the store, so the server's query workers start fast.
"""
from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Final, Literal
from xml.sax.saxutils import escape, quoteattr

from polgraph.errors import QueryError

__all__ = [
    "GRAPH_FORMATS",
    "QUERY_FORMATS",
    "RESULT_FORMATS",
    "Answered",
    "QueryShape",
    "Term",
    "answer_oxigraph",
    "answer_rdflib",
    "inspect_query",
    "term_from_json",
    "term_from_oxigraph",
    "term_from_rdflib",
    "write_boolean",
    "write_solutions",
]

TermKind = Literal["uri", "bnode", "literal", "triple"]
Row = Sequence["Term | None"]

XSD: Final = "http://www.w3.org/2001/XMLSchema#"
_XSD_STRING: Final = XSD + "string"
_LANG_STRING: Final = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_INTEGER_TYPES: Final = frozenset({"integer", "int", "long", "short", "byte", "nonNegativeInteger",
                                   "positiveInteger", "negativeInteger", "nonPositiveInteger",
                                   "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte"})

#: short name -> media type of the SELECT/ASK result formats
RESULT_FORMATS: Final[dict[str, str]] = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
#: short name -> media type of the CONSTRUCT/DESCRIBE (graph) formats
GRAPH_FORMATS: Final[dict[str, str]] = {
    "turtle": "text/turtle",
    "nt": "application/n-triples",
    "json-ld": "application/ld+json",
    "xml": "application/rdf+xml",
}
#: ``polgraph query --format`` choices: the table and JSON records (plain strings), the SPARQL
#: 1.1 results formats (SELECT, ASK) and the graph formats (CONSTRUCT, DESCRIBE).
QUERY_FORMATS: Final = ("table", "records", "json", "xml", "csv", "tsv", "turtle", "nt", "json-ld")


@dataclass(frozen=True, slots=True)
class Term:
    """An RDF term as the results formats see it.

    Attributes:
        kind: ``uri``, ``bnode``, ``literal`` or ``triple`` (an RDF-star quoted triple).
        value: The IRI, the blank node's label, the literal's lexical form, or the triple in
            N-Triples syntax.
        datatype: A literal's datatype IRI; None for simple (``xsd:string``) and
            language-tagged literals, as SPARQL 1.1 JSON writes them.
        lang: A literal's language tag, or None.
    """

    kind: TermKind
    value: str
    datatype: str | None = None
    lang: str | None = None

    def to_python(self) -> object:
        """A Python value: ``str`` for IRIs, blank nodes and strings; ``int``, ``float``,
        ``decimal.Decimal``, ``bool``, ``datetime.date``/``datetime`` for those XSD types
        (the lexical form when it does not parse)."""
        if self.kind != "literal" or not self.datatype:
            return self.value
        local = self.datatype.removeprefix(XSD)
        try:
            if local in _INTEGER_TYPES:
                return int(self.value)
            if local in ("double", "float"):
                return float(self.value)
            if local == "decimal":
                import decimal

                return decimal.Decimal(self.value)
            if local == "boolean":
                return self.value.strip() in ("true", "1")
            if local == "date":
                import datetime

                return datetime.date.fromisoformat(self.value)
            if local == "dateTime":
                import datetime

                return datetime.datetime.fromisoformat(self.value)
        except ValueError:
            pass
        return self.value

    def ntriples(self) -> str:
        """The term in N-Triples/Turtle syntax (as SPARQL TSV writes it)."""
        if self.kind == "uri":
            return f"<{self.value}>"
        if self.kind == "bnode":
            return f"_:{self.value}"
        if self.kind == "triple":
            return f"<< {self.value} >>"
        text = '"' + _escape_literal(self.value) + '"'
        if self.lang:
            return f"{text}@{self.lang}"
        if self.datatype:
            return f"{text}^^<{self.datatype}>"
        return text


def _literal(value: str, datatype: str | None, lang: str | None) -> Term:
    if lang:
        return Term("literal", value, None, lang)
    if datatype in (None, _XSD_STRING, _LANG_STRING):
        return Term("literal", value)
    return Term("literal", value, datatype)


def term_from_oxigraph(term: Any) -> Term | None:
    """A pyoxigraph term (or None for an unbound variable) as a :class:`Term`."""
    if term is None:
        return None
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return Term("uri", term.value)
    if isinstance(term, ox.BlankNode):
        return Term("bnode", term.value)
    if isinstance(term, ox.Literal):
        return _literal(term.value, term.datatype.value, term.language)
    return Term("triple", str(term))


def term_from_rdflib(term: Any) -> Term | None:
    """An rdflib term (or None for an unbound variable) as a :class:`Term`."""
    if term is None:
        return None
    from rdflib import BNode, URIRef
    from rdflib import Literal as RdfLiteral

    if isinstance(term, URIRef):
        return Term("uri", str(term))
    if isinstance(term, BNode):
        return Term("bnode", str(term))
    if isinstance(term, RdfLiteral):
        return _literal(str(term), None if term.datatype is None else str(term.datatype), term.language)
    return Term("triple", str(term))


def term_from_json(binding: dict[str, str]) -> Term:
    """A term of SPARQL 1.1 JSON results (``{"type": ..., "value": ...}``) as a :class:`Term`."""
    kind = binding.get("type", "literal")
    if kind == "uri":
        return Term("uri", binding["value"])
    if kind == "bnode":
        return Term("bnode", binding["value"])
    if kind in ("literal", "typed-literal"):  # typed-literal: the 2008 form some stores still write
        return _literal(binding["value"], binding.get("datatype"), binding.get("xml:lang"))
    return Term("triple", str(binding.get("value", "")))


# ---------------------------------------------------------------------- writers


def write_solutions(fmt: str, columns: Sequence[str], rows: Iterable[Row]) -> Iterator[str]:
    """The SELECT answer ``rows`` (one term or None per column) in ``fmt``, chunk by chunk.

    Raises:
        QueryError: ``fmt`` is not one of :data:`RESULT_FORMATS`.
    """
    if fmt == "json":
        return _json_solutions(columns, rows)
    if fmt == "xml":
        return _xml_solutions(columns, rows)
    if fmt == "csv":
        return _csv_solutions(columns, rows)
    if fmt == "tsv":
        return _tsv_solutions(columns, rows)
    raise QueryError(f"unknown results format {fmt!r}; choose one of {', '.join(RESULT_FORMATS)}")


def write_boolean(fmt: str, answer: bool) -> str:
    """An ASK answer in ``fmt``.

    CSV and TSV define no boolean form; polgraph writes one column ``answer`` with
    ``true`` or ``false``, as its table does.
    """
    word = "true" if answer else "false"
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": answer}) + "\n"
    if fmt == "xml":
        return (f'<?xml version="1.0"?>\n<sparql xmlns="{_SRX}">\n  <head/>\n'
                f"  <boolean>{word}</boolean>\n</sparql>\n")
    if fmt in ("csv", "tsv"):
        return f"answer\r\n{word}\r\n" if fmt == "csv" else f"?answer\n{word}\n"
    raise QueryError(f"unknown results format {fmt!r}; choose one of {', '.join(RESULT_FORMATS)}")


_BATCH = 256  # rows per chunk handed to the caller
_SRX = "http://www.w3.org/2005/sparql-results#"


def _chunks(lines: Iterable[str]) -> Iterator[str]:
    batch: list[str] = []
    for line in lines:
        batch.append(line)
        if len(batch) >= _BATCH:
            yield "".join(batch)
            batch.clear()
    if batch:
        yield "".join(batch)


def _json_term(term: Term) -> dict[str, str]:
    if term.kind == "literal":
        out = {"type": "literal", "value": term.value}
        if term.lang:
            out["xml:lang"] = term.lang
        elif term.datatype:
            out["datatype"] = term.datatype
        return out
    return {"type": term.kind, "value": term.value}


def _json_solutions(columns: Sequence[str], rows: Iterable[Row]) -> Iterator[str]:
    yield '{"head": {"vars": ' + json.dumps(list(columns)) + '},\n "results": {"bindings": ['

    def lines() -> Iterator[str]:
        sep = "\n  "
        for row in rows:
            binding = {c: _json_term(t) for c, t in zip(columns, row) if t is not None}
            yield sep + json.dumps(binding, ensure_ascii=False)
            sep = ",\n  "

    yield from _chunks(lines())
    yield "\n]}}\n"


def _xml_solutions(columns: Sequence[str], rows: Iterable[Row]) -> Iterator[str]:
    head = "".join(f"\n    <variable name={quoteattr(c)}/>" for c in columns)
    yield f'<?xml version="1.0"?>\n<sparql xmlns="{_SRX}">\n  <head>{head}\n  </head>\n  <results>\n'

    def lines() -> Iterator[str]:
        for row in rows:
            cells = "".join(f"\n      <binding name={quoteattr(c)}>{_xml_term(t)}</binding>"
                            for c, t in zip(columns, row) if t is not None)
            yield f"    <result>{cells}\n    </result>\n"

    yield from _chunks(lines())
    yield "  </results>\n</sparql>\n"


def _xml_term(term: Term) -> str:
    if term.kind == "uri":
        return f"<uri>{escape(term.value)}</uri>"
    if term.kind == "bnode":
        return f"<bnode>{escape(term.value)}</bnode>"
    if term.kind == "triple":
        return f"<literal>{escape(term.value)}</literal>"
    attrs = ""
    if term.lang:
        attrs = f" xml:lang={quoteattr(term.lang)}"
    elif term.datatype:
        attrs = f" datatype={quoteattr(term.datatype)}"
    return f"<literal{attrs}>{escape(_xml_text(term.value))}</literal>"


_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(text: str) -> str:
    """XML 1.0 cannot carry most control characters, even escaped: they become U+FFFD."""
    return _XML_FORBIDDEN.sub("\ufffd", text)


def _csv_value(term: Term | None) -> str:
    if term is None:
        return ""
    return f"_:{term.value}" if term.kind == "bnode" else term.value


def _csv_solutions(columns: Sequence[str], rows: Iterable[Row]) -> Iterator[str]:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")

    def line(values: Sequence[str]) -> str:
        buf.seek(0)
        buf.truncate()
        writer.writerow(values)
        return buf.getvalue()

    yield line(list(columns))
    yield from _chunks(line([_csv_value(t) for t in row]) for row in rows)


def _tsv_solutions(columns: Sequence[str], rows: Iterable[Row]) -> Iterator[str]:
    yield "\t".join(f"?{c}" for c in columns) + "\n"
    yield from _chunks("\t".join("" if t is None else t.ntriples() for t in row) + "\n" for row in rows)


_LITERAL_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape_literal(text: str) -> str:
    return "".join(_LITERAL_ESCAPES.get(ch, ch) for ch in text)


# ---------------------------------------------------------------------- the shape of a query

QueryForm = Literal["SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "UPDATE", "UNKNOWN"]
_UPDATE_WORDS: Final = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE",
                                  "COPY", "WITH"})
_QUERY_WORDS: Final = frozenset({"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"})
# What can hide a keyword: comments, strings (long ones first), IRIs.
_OPAQUE = re.compile(r'''#[^\n]*|"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\''''
                     r'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|<[^<>"{}|^`\\\x00-\x20]*>''', re.DOTALL)
# A keyword: a bare word, not a variable (?x, $x), not part of a prefixed name (ex:load, load:x).
_WORD = re.compile(r"(?<![\w?$:.-])([A-Za-z]+)(?![\w:-])")


@dataclass(frozen=True)
class QueryShape:
    """What :func:`inspect_query` found.

    Attributes:
        form: ``SELECT``, ``ASK``, ``CONSTRUCT``, ``DESCRIBE``, ``UPDATE`` (an update request:
            INSERT, DELETE, LOAD, CLEAR, DROP, CREATE, ADD, MOVE, COPY) or ``UNKNOWN``.
        update_keyword: For an update, the operation's first keyword (``LOAD``, ``INSERT``...).
        uses_service: The query calls a remote endpoint with ``SERVICE``.
    """

    form: QueryForm
    update_keyword: str = ""
    uses_service: bool = False

    @property
    def is_graph(self) -> bool:
        """True for CONSTRUCT and DESCRIBE, whose answer is a graph."""
        return self.form in ("CONSTRUCT", "DESCRIBE")


def inspect_query(sparql: str) -> QueryShape:
    """The form of ``sparql`` and whether it uses SERVICE, from its keywords (no parsing).

    Comments, strings and IRIs are skipped, so ``# LOAD`` or ``"SERVICE"`` are not taken for
    keywords. The query is not validated: the engine reports syntax errors when it runs.
    """
    bare = _OPAQUE.sub(" ", sparql)
    words = [m.group(1).upper() for m in _WORD.finditer(bare)]
    form: QueryForm = "UNKNOWN"
    keyword = ""
    for word in words:
        if word in _QUERY_WORDS:
            form = word  # type: ignore[assignment]
            break
        if word in _UPDATE_WORDS:
            form, keyword = "UPDATE", word
            break
    return QueryShape(form, keyword, "SERVICE" in words)


# ---------------------------------------------------------------------- running a query


@dataclass(frozen=True)
class Answered:
    """A query's answer, as the engine gives it (rows and triples are iterated lazily).

    Attributes:
        form: ``SELECT``, ``ASK`` or ``GRAPH`` (a CONSTRUCT or DESCRIBE answer).
        columns: The SELECT variables.
        rows: The SELECT solutions, one :class:`Term` or None per column.
        boolean: The ASK answer.
        graph: The CONSTRUCT/DESCRIBE answer: an iterator of pyoxigraph triples, or an rdflib
            Graph (from :func:`answer_rdflib`).
    """

    form: Literal["SELECT", "ASK", "GRAPH"]
    columns: tuple[str, ...] = ()
    rows: Iterable[Row] = ()
    boolean: bool = False
    graph: Any = None


def answer_oxigraph(db: Any, sparql: str, *, default_graph: Sequence[str] = (),
                    named_graphs: Sequence[str] = ()) -> Answered:
    """Run ``sparql`` on a pyoxigraph Store; solutions and triples stream from the store.

    Args:
        db: A ``pyoxigraph.Store``.
        sparql: A SELECT, ASK, CONSTRUCT or DESCRIBE query.
        default_graph: IRIs of the graphs to use as the default graph (SPARQL Protocol
            ``default-graph-uri``); none: the store's default graph (polgraph's merged graph).
        named_graphs: IRIs of the graphs ``GRAPH`` may see (``named-graph-uri``); none: all.

    Raises:
        QueryError: The query cannot be parsed or run.
    """
    import pyoxigraph as ox

    options: dict[str, Any] = {}
    if default_graph:
        options["default_graph"] = [ox.NamedNode(iri) for iri in default_graph]
    if named_graphs:
        options["named_graphs"] = [ox.NamedNode(iri) for iri in named_graphs]
    try:
        result = db.query(sparql, **options)
    except SyntaxError as exc:
        raise QueryError(f"the query cannot be parsed: {' '.join(str(exc).split())}") from exc
    except (OSError, ValueError) as exc:
        raise QueryError(f"the query cannot be run: {' '.join(str(exc).split())}") from exc
    if isinstance(result, ox.QueryBoolean):
        return Answered("ASK", boolean=bool(result))
    if isinstance(result, ox.QuerySolutions):
        columns = tuple(v.value for v in result.variables)
        rows = (tuple(term_from_oxigraph(t) for t in solution) for solution in result)
        return Answered("SELECT", columns, rows)
    return Answered("GRAPH", graph=iter(result))


def answer_rdflib(graph: Any, sparql: str) -> Answered:
    """Run ``sparql`` on an rdflib Graph (SELECT rows are read at once: rdflib evaluates eagerly).

    Raises:
        QueryError: The query cannot be parsed or run.
    """
    try:
        result = graph.query(sparql)
    except Exception as exc:  # rdflib's parser raises pyparsing errors, its evaluator many kinds
        raise QueryError(f"the query cannot be run: {' '.join(str(exc).split())}") from exc
    if result.type == "ASK":
        return Answered("ASK", boolean=bool(result.askAnswer))
    if result.type == "SELECT":
        columns = tuple(str(v) for v in (result.vars or []))
        rows = [tuple(term_from_rdflib(t) for t in row) for row in result]
        return Answered("SELECT", columns, rows)
    return Answered("GRAPH", graph=result.graph)
