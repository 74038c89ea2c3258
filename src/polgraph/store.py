"""A persistent polgraph store: an Oxigraph database on disk that grows document by document.

Layout of a store folder ``DIR``::

    DIR/CURRENT, DIR/*.sst, ...   Oxigraph's (RocksDB's) files
    DIR/polgraph.lock             the writer lock (fcntl.flock), beside them

What the store holds:

* each document's statements (``build.build_graph([extraction])``: the document node, its
  meetings and positions, and its own description of the people, posts, countries, places
  and topics it mentions) in a named graph whose name is the document's IRI;
* in the default graph, the merge (set union) of all named graphs. Queries run on the
  default graph. It is kept up to date in the same transaction as the named graphs: a
  triple leaves it only when no named graph holds it any more. (Oxigraph's
  ``use_default_graph_as_union`` is not used: it returns a triple once per graph that holds
  it, so a person described by two documents would appear twice in every answer.)

Every change to one document (add, replace, remove) is one SPARQL update, which Oxigraph
applies as one transaction: after a crash or a kill the store holds whole documents only.

Only one process writes at a time (an exclusive ``flock`` on ``polgraph.lock``); a second
writer gets :class:`StoreLocked`. Readers open Oxigraph read-only and take no lock; while a
writer is active they see the store as of the moment they opened it.

Errors::

    PolgraphError
    └── StoreError          the store cannot be opened, read or written (E007)
        └── StoreLocked     another process is writing the store (E008)
"""
from __future__ import annotations

import errno
import fcntl
import logging
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO, Final, Literal

import pyoxigraph as ox
from rdflib import Graph

from polgraph.errors import PolgraphError, QueryError
from polgraph.query import Answer
from polgraph.validate import ValidationReport, ValidationResult
from polgraph.vocab import ID_IRI, PG_IRI

__all__ = [
    "LOCK_NAME",
    "STORE_FORMATS",
    "DocumentGraph",
    "GraphStore",
    "StoreError",
    "StoreLocked",
    "StoredDocument",
    "conflict_keys",
    "describe_conflict",
    "export_store",
    "find_documents",
    "load_store_graph",
    "query_store",
    "validate_store",
]

logger = logging.getLogger(__name__)

LOCK_NAME: Final = "polgraph.lock"
_RDFS_LABEL: Final = "http://www.w3.org/2000/01/rdf-schema#label"
_SKOS_PREFLABEL: Final = "http://www.w3.org/2004/02/skos/core#prefLabel"
_SOURCE: Final = ox.NamedNode(PG_IRI + "source")
_HASH: Final = ox.NamedNode(PG_IRI + "contentHash")
_DOC_PREFIX: Final = ID_IRI + "document/"
# Properties the shapes allow once per node; two values in the merged graph are a conflict
# between documents (per-document validation cannot see it).
_SINGLE_VALUED: Final = (
    _RDFS_LABEL, _SKOS_PREFLABEL, PG_IRI + "roleTitle", PG_IRI + "postIn", PG_IRI + "countryCode",
    PG_IRI + "inCountry",
)
_SHARED_KINDS: Final = ("person/", "country/", "org/", "post/", "place/", "topic/")
_READ_RETRIES: Final = 3

PREFIXES: Final[dict[str, str]] = {
    "pg": PG_IRI,
    "pgid": ID_IRI,
    **{kind: f"{ID_IRI}{kind}/" for kind in
       ("document", "person", "country", "org", "post", "place", "meeting", "topic", "position")},
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

# export format name -> (Oxigraph format, keeps named graphs)
STORE_FORMATS: Final[dict[str, tuple[ox.RdfFormat, bool]]] = {
    "turtle": (ox.RdfFormat.TURTLE, False),
    "nt": (ox.RdfFormat.N_TRIPLES, False),
    "json-ld": (ox.RdfFormat.JSON_LD, False),
    "xml": (ox.RdfFormat.RDF_XML, False),
    "trig": (ox.RdfFormat.TRIG, True),
    "nquads": (ox.RdfFormat.N_QUADS, True),
}


class StoreError(PolgraphError):
    """The store cannot be opened, read or written; the message says why and what to do."""

    code = "E007"


class StoreLocked(StoreError):
    """Another process holds the store's writer lock."""

    code = "E008"


@dataclass(frozen=True)
class StoredDocument:
    """A document in the store: its IRI (= its named graph), source name and content hash."""

    iri: str
    source: str
    content_hash: str


@dataclass(frozen=True)
class DocumentGraph:
    """One document's graph, ready to be written: N-Triples text and its triple count."""

    iri: str
    source: str
    content_hash: str
    ntriples: str
    triples: int


WriteStatus = Literal["added", "replaced", "unchanged", "duplicate"]


class GraphStore:
    """A polgraph store folder, opened for reading or for writing.

    Use :meth:`open_writer` (takes the writer lock) or :meth:`open_reader` (read-only), as a
    context manager::

        with GraphStore.open_writer(Path("store")) as store:
            store.write_document(graph)
    """

    def __init__(self, path: Path, db: ox.Store, lock: IO[str] | None) -> None:
        self.path = path
        self._db = db
        self._lock = lock

    # ------------------------------------------------------------------ opening

    @classmethod
    def open_writer(cls, path: Path) -> GraphStore:
        """Open (or create) the store at ``path`` for writing.

        Raises:
            StoreLocked: Another process is writing the store.
            StoreError: ``path`` is not a polgraph store, or Oxigraph cannot open it.
        """
        path = Path(path)
        if path.exists() and not path.is_dir():
            raise StoreError(f"{path} is a file, not a store folder; give a folder (it is created if missing)")
        if path.is_dir() and any(path.iterdir()) and not _is_oxigraph_dir(path):
            raise StoreError(f"{path} is not a polgraph store (no Oxigraph files in it) and not empty; "
                             "give a new or empty folder, or the folder of an existing store")
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the store folder {path}: {exc.strerror or exc}; "
                             "check the permissions and free space, or give another folder") from exc
        lock = _take_writer_lock(path)
        try:
            db = ox.Store(str(path))
        except OSError as exc:
            lock.close()
            raise StoreError(f"cannot open the store {path} for writing: {exc}") from exc
        logger.debug("opened store %s for writing", path)
        return cls(path, db, lock)

    @classmethod
    def open_reader(cls, path: Path) -> GraphStore:
        """Open the store at ``path`` read-only; it works while another process writes.

        Oxigraph's read-only mode sees the store as it was when opened. If the writer
        rotates its log files during the opening, opening is retried.

        Raises:
            StoreError: There is no store at ``path`` or it cannot be read.
        """
        path = Path(path)
        if not path.is_dir() or not _is_oxigraph_dir(path):
            raise StoreError(f"no polgraph store at {path}; create one with `polgraph ingest --store {path} INPUT...`")
        writer = _writer_pid(path)
        if writer is not None:
            logger.warning("store %s is being written by process %s; reading it as it is now", path, writer)
        last: OSError | None = None
        for attempt in range(_READ_RETRIES):
            try:
                db = ox.Store.read_only(str(path))
                # Touch the data: a log file deleted under the reader shows up here.
                len(db)
                return cls(path, db, None)
            except OSError as exc:
                last = exc
                time.sleep(0.2 * (attempt + 1))
        busy = f" while process {writer} was writing it" if writer is not None else ""
        raise StoreError(f"cannot open the store {path} for reading{busy}: {last}. Oxigraph's read-only mode "
                         "can fail when the writer rotates its files; retry, or wait for the writer to finish")

    def close(self) -> None:
        """Flush and release the store (and the writer lock)."""
        if self._lock is not None:
            try:
                self._db.flush()
            except OSError as exc:  # pragma: no cover - disk trouble
                logger.warning("flushing %s: %s", self.path, exc)
        del self._db
        if self._lock is not None:
            self._lock.close()  # closing the file releases the flock
            self._lock = None

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying pyoxigraph Store (for benchmarks and advanced use)."""
        return self._db

    # ------------------------------------------------------------------ reading

    def documents(self) -> Iterator[StoredDocument]:
        """Every document in the store, in IRI order."""
        for graph in sorted(self._db.named_graphs(), key=lambda g: g.value):
            found = self.document(graph.value)
            if found is not None:
                yield found

    def document(self, iri: str) -> StoredDocument | None:
        """The document whose named graph is ``iri``, or None."""
        node = ox.NamedNode(iri)
        sources = [str(q.object.value) for q in self._db.quads_for_pattern(node, _SOURCE, None, node)
                   if isinstance(q.object, ox.Literal)]
        hashes = [str(q.object.value) for q in self._db.quads_for_pattern(node, _HASH, None, node)
                  if isinstance(q.object, ox.Literal)]
        if not sources:
            return None
        return StoredDocument(iri, sources[0], hashes[0] if hashes else "")

    def documents_from(self, source: str) -> list[StoredDocument]:
        """The stored documents whose ``pg:source`` is ``source`` (normally 0 or 1)."""
        found = []
        for quad in self._db.quads_for_pattern(None, _SOURCE, ox.Literal(source), None):
            graph = quad.graph_name
            if isinstance(graph, ox.NamedNode) and graph == quad.subject:
                doc = self.document(graph.value)
                if doc is not None:
                    found.append(doc)
        return sorted(found, key=lambda d: d.iri)

    def find(self, doc: str) -> list[StoredDocument]:
        """Documents named by ``doc``: a source file name, a document IRI, ``document:<id>`` or the id."""
        return find_documents(doc, self.document, self.documents_from)

    def triple_count(self) -> int:
        """The number of distinct triples (the merged graph)."""
        result = self._db.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        assert isinstance(result, ox.QuerySolutions)
        count = next(iter(result))[0]
        assert isinstance(count, ox.Literal)
        return int(count.value)

    def quad_count(self) -> int:
        """The number of quads Oxigraph holds (named graphs plus the merged default graph)."""
        return len(self._db)

    def document_count(self) -> int:
        """The number of named graphs (documents)."""
        return sum(1 for _ in self._db.named_graphs())

    def document_triples(self, iri: str) -> int:
        """The number of triples in a document's named graph."""
        return sum(1 for _ in self._db.quads_for_pattern(None, None, None, ox.NamedNode(iri)))

    def query(self, sparql: str) -> Answer:
        """Answers of a SELECT or ASK query over the merged graph, as plain strings."""
        body, order = _split_order_by(sparql)
        try:
            result = self._db.query(body)
        except SyntaxError as exc:
            raise QueryError(f"the query cannot be parsed: {' '.join(str(exc).split())}") from exc
        except OSError as exc:
            raise StoreError(f"reading the store {self.path} failed: {exc}") from exc
        if isinstance(result, ox.QueryBoolean):
            return Answer(("answer",), ((str(bool(result)).lower(),),))
        if not isinstance(result, ox.QuerySolutions):
            raise QueryError("only SELECT and ASK queries are supported, not CONSTRUCT or DESCRIBE")
        columns = tuple(v.value for v in result.variables)
        solutions = [tuple(solution) for solution in result]
        if order and all(name in columns for name, _ in order):
            for name, descending in reversed(order):  # stable sorts, last key first
                index = columns.index(name)
                solutions.sort(key=lambda row: _order_key(row[index]), reverse=descending)
        elif order:  # ordering by something not projected: let Oxigraph do it
            return self.query_unsplit(sparql, columns)
        rows = tuple(tuple(None if term is None else term.value for term in row) for row in solutions)
        return Answer(columns, rows)

    def query_unsplit(self, sparql: str, columns: tuple[str, ...]) -> Answer:
        result = self._db.query(sparql)
        assert isinstance(result, ox.QuerySolutions)
        return Answer(columns, tuple(tuple(None if t is None else t.value for t in row) for row in result))

    def _conflicts_of(self, triples: Iterable[ox.Triple]) -> list[str]:
        """Shared nodes given two values of a single-valued property in the merged graph.

        These come from documents that describe the same node differently (two labels for
        one person); per-document validation cannot see them. Only the (node, property)
        pairs a document's own ``triples`` state are looked up, so the cost does not grow
        with the store, and a conflict is reported by the documents that take part in it.
        """
        found = []
        for subject, prop in conflict_keys(triples):
            values = sorted({str(q.object) for q in self._db.quads_for_pattern(
                ox.NamedNode(subject), ox.NamedNode(prop), None, ox.DefaultGraph())})
            if len(values) > 1:
                found.append(describe_conflict(subject, prop, values))
        return found

    # ------------------------------------------------------------------ writing

    def write_document(self, graph: DocumentGraph) -> tuple[WriteStatus, list[StoredDocument], list[str]]:
        """Add a document's graph, replacing earlier versions of the same source, in one transaction.

        Returns:
            ``("added" | "replaced", the versions replaced, conflicts)``, the conflicts being the
            shared nodes the merged graph now gives two values of a single-valued property;
            ``("unchanged", [stored], [])`` when the same text from the same source is stored
            already, ``("duplicate", [stored], [])`` when it is stored from another source
            (nothing is written then).
        """
        self._need_writer()
        existing = self.document(graph.iri)
        if existing is not None:  # the same text is stored already
            return ("unchanged" if existing.source == graph.source else "duplicate"), [existing], []
        old = self.documents_from(graph.source)
        body = graph.ntriples
        if old:  # drop and insert in one update, so that a reader never sees neither version
            self._update("".join(_drop_document(d.iri) for d in old)
                         + f"INSERT DATA {{ GRAPH <{graph.iri}> {{\n{body}\n}}\n{body}\n}}")
        else:  # one transaction: the merged graph and the document's named graph, as TriG
            try:
                self._db.load(f"{body}\n<{graph.iri}> {{\n{body}\n}}\n".encode(), ox.RdfFormat.TRIG)
            except SyntaxError as exc:
                raise StoreError(f"polgraph produced a graph Oxigraph cannot parse: {exc}. "
                                 "This is a bug; please report it with the input document") from exc
            except OSError as exc:
                raise StoreError(f"writing to the store {self.path} failed: {exc}") from exc
        triples = ox.parse(body.encode(), ox.RdfFormat.N_TRIPLES)
        return ("replaced" if old else "added"), old, self._conflicts_of(triples)

    def remove_document(self, doc: str) -> list[StoredDocument]:
        """Remove the documents named by ``doc`` (see :meth:`find`), each in one transaction.

        Triples of the merged graph that no other document holds go too; nothing of the
        document is left behind.

        Raises:
            StoreError: No document in the store matches ``doc``.
        """
        self._need_writer()
        found = self.find(doc)
        if not found:
            raise StoreError(f"no document {doc!r} in the store {self.path}; give a source file name or a "
                             "document IRI (`polgraph query --store DIR` with "
                             "`SELECT ?d ?s WHERE {?d pg:source ?s}` lists them)")
        for stored in found:
            self._update(_drop_document(stored.iri))
        return found

    def bulk_load(self, graphs: Iterator[DocumentGraph]) -> int:
        """Load many new documents fast, without transactions (for benchmarks and first loads).

        Not crash safe: use only on a store that can be rebuilt. Returns the triple count loaded.
        """
        self._need_writer()
        count = 0

        def quads() -> Iterator[ox.Quad]:
            nonlocal count
            for graph in graphs:
                name = ox.NamedNode(graph.iri)
                for triple in ox.parse(graph.ntriples.encode("utf-8"), ox.RdfFormat.N_TRIPLES):
                    yield ox.Quad(triple.subject, triple.predicate, triple.object, name)
                    yield ox.Quad(triple.subject, triple.predicate, triple.object, ox.DefaultGraph())
                    count += 1

        self._db.bulk_extend(quads())
        return count

    def optimize(self) -> None:
        self._db.optimize()

    def _update(self, update: str) -> None:
        try:
            self._db.update(update)
        except SyntaxError as exc:
            raise StoreError(f"polgraph produced an update Oxigraph cannot parse: {exc}. "
                             "This is a bug; please report it with the input document") from exc
        except OSError as exc:
            raise StoreError(f"writing to the store {self.path} failed: {exc}") from exc

    def _need_writer(self) -> None:
        if self._lock is None:
            raise StoreError(f"the store {self.path} is open read-only; open it with GraphStore.open_writer")

    # ------------------------------------------------------------------ export

    def dump(self, out: IO[bytes], fmt: str) -> None:
        """Stream the store to ``out`` in ``fmt`` (see :data:`STORE_FORMATS`).

        ``trig`` and ``nquads`` keep the named graphs (one per document); the others write
        the merged graph.
        """
        if fmt not in STORE_FORMATS:
            raise StoreError(f"cannot export a store as {fmt!r}; choose one of {', '.join(sorted(STORE_FORMATS))}")
        rdf_format, named = STORE_FORMATS[fmt]
        prefixes = PREFIXES if rdf_format not in (ox.RdfFormat.N_QUADS, ox.RdfFormat.N_TRIPLES) else None
        if named:
            ox.serialize(self._named_quads(), out, rdf_format, prefixes=prefixes)
        else:
            self._db.dump(out, rdf_format, from_graph=ox.DefaultGraph(), prefixes=prefixes)

    def _named_quads(self) -> Iterator[ox.Quad]:
        for graph in sorted(self._db.named_graphs(), key=lambda g: g.value):
            yield from self._db.quads_for_pattern(None, None, None, graph)

    def to_graph(self) -> Graph:
        """The merged graph as an rdflib Graph (in memory: for validation and views)."""
        from polgraph.build import new_graph

        data = self._db.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
        graph = new_graph()
        graph.parse(data=data, format="nt")
        return graph

    def document_graph(self, iri: str) -> Graph:
        """One document's named graph as an rdflib Graph."""
        from polgraph.build import new_graph

        data = self._db.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(iri))
        graph = new_graph()
        graph.parse(data=data, format="nt")
        return graph


# ---------------------------------------------------------------------- functions


def conflict_keys(triples: Iterable[ox.Triple]) -> list[tuple[str, str]]:
    """The (shared node, single-valued property) pairs that ``triples`` state, sorted: where a
    conflict between documents can show (see :meth:`GraphStore.write_document`)."""
    shared = tuple(ID_IRI + kind for kind in _SHARED_KINDS)
    return sorted({(t.subject.value, t.predicate.value) for t in triples
                   if t.predicate.value in _SINGLE_VALUED and isinstance(t.subject, ox.NamedNode)
                   and t.subject.value.startswith(shared)})


def describe_conflict(subject: str, prop: str, values: list[str]) -> str:
    """A conflict in words: the node, how many values of which property, the values."""
    return f"{_compact(subject)} has {len(values)} values of {_compact(prop)}: {', '.join(values)}"


def find_documents(doc: str, document: Callable[[str], StoredDocument | None],
                   documents_from: Callable[[str], list[StoredDocument]]) -> list[StoredDocument]:
    """Documents named by ``doc`` (a source file name, a document IRI, ``document:<id>`` or the
    id), looked up with a store's ``document`` and ``documents_from`` (own or external store)."""
    if doc.startswith(("http://", "https://")):
        one = document(doc)
        return [one] if one else []
    if doc.startswith("document:") or doc.startswith("pgid:document/"):
        doc = doc.split(":", 1)[1].removeprefix("document/")
    found = documents_from(doc)
    if not found and "/" not in doc:
        one = document(_DOC_PREFIX + doc)
        found = [one] if one else []
    return found


def query_store(store: Path, sparql: str) -> Answer:
    """Run a SELECT or ASK query over the store at ``store`` (read-only).

    Raises:
        StoreError: There is no store at ``store``.
        QueryError: The query cannot be parsed or is not SELECT/ASK.
    """
    with GraphStore.open_reader(store) as opened:
        return opened.query(sparql)


def load_store_graph(store: Path) -> Graph:
    """The store's merged graph as an rdflib Graph (for ``validate`` and ``view``)."""
    with GraphStore.open_reader(store) as opened:
        return opened.to_graph()


def validate_store(store: Path, *, per_document: bool = False) -> ValidationReport:
    """SHACL report of the store.

    Args:
        store: The store folder.
        per_document: Validate each document's named graph alone (memory and time per
            document; conflicts between documents are not seen) instead of the merged graph
            (everything in memory at once: about 1.3 GB and 40 s per million triples).
    """
    from polgraph.validate import validate_graph

    with GraphStore.open_reader(store) as opened:
        if not per_document:
            return validate_graph(opened.to_graph())
        results: list[ValidationResult] = []
        texts: list[str] = []
        conforms = True
        merged = Graph()  # the documents' results graphs (each a sh:ValidationReport)
        for doc in opened.documents():
            report = validate_graph(opened.document_graph(doc.iri))
            conforms = conforms and report.conforms
            results.extend(report.results)
            if report.graph is not None:
                merged += report.graph
            if not report.conforms:
                texts.append(f"{doc.source} ({doc.iri}):\n{report.text}")
    unique = tuple(sorted(set(results), key=lambda r: (r.focus_node, r.path, r.source_shape,
                                                       r.constraint_component, r.value, r.message)))
    return ValidationReport(conforms=conforms, results=unique, text="\n".join(texts) or "Conforms: True",
                            graph=_one_report(merged, conforms))


def _one_report(merged: Graph, conforms: bool) -> Graph:
    """One ``sh:ValidationReport`` holding the results of the documents' reports in ``merged``."""
    from rdflib import RDF, SH, BNode, Literal

    graph = Graph()
    report = BNode()
    graph.add((report, RDF.type, SH.ValidationReport))
    graph.add((report, SH.conforms, Literal(conforms)))
    reports = set(merged.subjects(RDF.type, SH.ValidationReport))
    for s, p, o in merged:
        if s in reports:
            if p == SH.result:
                graph.add((report, p, o))
        else:
            graph.add((s, p, o))
    return graph


def export_store(store: Path, out: Path, *, fmt: str) -> None:
    """Write the store to ``out`` in ``fmt``, streaming, atomically (a reader never sees half a file)."""
    from polgraph.output import open_output

    with GraphStore.open_reader(store) as opened, open_output(out) as fh:
        opened.dump(fh, fmt)


# ---------------------------------------------------------------------- helpers


# A final top-level ``ORDER BY ?a DESC(?b) ...`` (nothing after it). Oxigraph 0.5 decodes the
# terms from RocksDB at every comparison while sorting: ordering 18,000 rows took 2.5-3.5 s on a
# 1M-triple store against 0.5 s for the unsorted query. Such a clause is therefore applied in
# Python, after the query, with SPARQL's ordering (unbound < blank node < IRI < literal;
# numbers by value). Anything else (expressions, LIMIT/OFFSET after it) is left to Oxigraph.
_ORDER_CONDITION = r"(?:(?:ASC|DESC)\s*\(\s*\?\w+\s*\)|\?\w+)"
_ORDER_BY = re.compile(rf"\bORDER\s+BY\s+((?:{_ORDER_CONDITION}\s*)+)$", re.IGNORECASE)
_CONDITION = re.compile(r"(ASC|DESC)?\s*\(?\s*\?(\w+)\s*\)?", re.IGNORECASE)
_NUMERIC = frozenset(f"http://www.w3.org/2001/XMLSchema#{t}" for t in (
    "integer", "decimal", "double", "float", "int", "long", "short", "byte", "nonNegativeInteger",
    "positiveInteger", "negativeInteger", "nonPositiveInteger", "unsignedInt", "unsignedLong"))


def _split_order_by(sparql: str) -> tuple[str, list[tuple[str, bool]]]:
    """The query without a final simple ORDER BY, and that clause's (variable, descending) keys."""
    text = sparql.rstrip()
    tail = text[text.rfind("}") + 1:] if "}" in text else ""
    match = _ORDER_BY.search(tail)
    if match is None:
        return sparql, []
    keys = [(m.group(2), (m.group(1) or "").upper() == "DESC") for m in _CONDITION.finditer(match.group(1))]
    return text[: len(text) - len(tail) + match.start()], keys


def _order_key(term: object) -> tuple[int, int, float, str, str]:
    if term is None:
        return (0, 0, 0.0, "", "")
    if isinstance(term, ox.BlankNode):
        return (1, 0, 0.0, term.value, "")
    if isinstance(term, ox.NamedNode):
        return (2, 0, 0.0, term.value, "")
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        if datatype in _NUMERIC:
            try:
                return (3, 0, float(term.value), "", "")
            except ValueError:
                pass
        return (3, 1, 0.0, term.value, term.language or datatype)
    return (4, 0, 0.0, str(term), "")


def _drop_document(iri: str) -> str:
    """SPARQL that removes a document: its merged triples no other graph holds, then its graph."""
    return (f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} "
            f"FILTER NOT EXISTS {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{iri}>) }} }} ;\n"
            f"DROP SILENT GRAPH <{iri}> ;\n")


def _is_oxigraph_dir(path: Path) -> bool:
    return (path / "CURRENT").is_file()


def _compact(iri: str) -> str:
    best = max((p for p, ns in PREFIXES.items() if iri.startswith(ns)), key=lambda p: len(PREFIXES[p]), default=None)
    return f"{best}:{iri[len(PREFIXES[best]):]}" if best else f"<{iri}>"


def _take_writer_lock(path: Path) -> IO[str]:
    try:
        lock = open(path / LOCK_NAME, "a+", encoding="utf-8")  # noqa: SIM115 - held until close()
    except OSError as exc:
        raise StoreError(f"cannot write in the store folder {path}: {exc.strerror or exc}; "
                         "check the permissions and free space (a store needs a writable folder)") from exc
    try:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        lock.seek(0)
        holder = lock.read().strip() or "another process"
        lock.close()
        if exc.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
            raise StoreLocked(f"the store {path} is being written by {holder}; only one writer at a time. "
                              "Wait for it to finish (queries still work meanwhile)") from None
        raise StoreError(f"cannot lock the store {path}: {exc}") from exc
    lock.seek(0)
    lock.truncate()
    lock.write(f"process {os.getpid()} (since {time.strftime('%Y-%m-%d %H:%M:%S')})\n")
    lock.flush()
    return lock


def _writer_pid(path: Path) -> str | None:
    """Who holds the writer lock, or None when nobody does."""
    lock_path = path / LOCK_NAME
    if not lock_path.exists():
        return None
    with open(lock_path, encoding="utf-8") as lock:
        try:
            fcntl.flock(lock.fileno(), fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            return lock.read().strip() or "another process"
        fcntl.flock(lock.fileno(), fcntl.LOCK_UN)
    return None
