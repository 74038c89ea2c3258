"""External triple stores: polgraph's store layout kept in any SPARQL 1.1 store, over HTTP.

``polgraph ingest --endpoint URL`` writes to a store an institution runs (Virtuoso, Apache
Jena Fuseki, GraphDB, Oxigraph server) what it writes to its embedded store:

* each document's statements in a named graph whose name is the document's IRI, written
  with the Graph Store HTTP Protocol (``PUT ?graph=IRI``: idempotent; without a Graph Store
  URL, with SPARQL Update ``DROP SILENT GRAPH`` + ``INSERT DATA``);
* the merge of all documents in one *merged graph*, kept with SPARQL Update: the store's
  default graph (``--merged-graph default``, as in the embedded store) or a named graph
  (for stores whose default graph is the union of all graphs, such as Virtuoso: query it
  with ``default-graph-uri=`` or ``FROM``).

There are no transactions across HTTP requests, so the order of the writes makes a crash
harmless: a new document's triples go into the merged graph first, its named graph last.
The named graph is what says "this document is stored", so a run that was stopped leaves a
document either absent (the next run writes it again; the merged graph is a set, so
nothing doubles) or whole. Replacing a document removes from the merged graph the old
version's triples that no other document holds, then drops the old graph, then writes the
new version as above.

Credentials come from the environment, never the command line: ``POLGRAPH_ENDPOINT_USER``,
``POLGRAPH_ENDPOINT_PASSWORD`` and ``POLGRAPH_ENDPOINT_AUTH`` (``basic``, the default, or
``digest``).

Errors::

    PolgraphError
    └── StoreError
        └── RemoteStoreError   the external store refused or failed a request (E012)
"""
from __future__ import annotations

import io
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Final

from polgraph.store import DocumentGraph, StoredDocument, StoreError, WriteStatus, find_documents

__all__ = ["MERGED_DEFAULT", "Endpoint", "RemoteStore", "RemoteStoreError", "export_remote", "query_remote"]

logger = logging.getLogger(__name__)

MERGED_DEFAULT: Final = "default"
_PG: Final = "https://w3id.org/polgraph/ontology#"
_TIMEOUT: Final = 120.0


class RemoteStoreError(StoreError):
    """The external store refused or failed a request; the message gives the status and its answer."""

    code = "E012"


@dataclass(frozen=True, kw_only=True)
class Endpoint:
    """Where an external store answers.

    Attributes:
        query: The SPARQL query endpoint.
        update: The SPARQL Update endpoint (often the same URL).
        graph_store: The Graph Store Protocol URL, or None (named graphs are then written
            with SPARQL Update).
        merged_graph: ``default`` (the store's default graph) or the IRI of the graph that
            holds the merge of all documents.
    """

    query: str
    update: str
    graph_store: str | None = None
    merged_graph: str = MERGED_DEFAULT

    def open_writer(self) -> RemoteStore:
        """Connect (with the credentials of the environment) and check the store answers."""
        return RemoteStore(self)

    @property
    def query_params(self) -> dict[str, str]:
        """``default-graph-uri`` for queries over the merged graph, when it is a named graph."""
        return {} if self.merged_graph == MERGED_DEFAULT else {"default-graph-uri": self.merged_graph}


def _auth_from_environment() -> Any:
    import httpx

    user = os.environ.get("POLGRAPH_ENDPOINT_USER")
    if not user:
        return None
    password = os.environ.get("POLGRAPH_ENDPOINT_PASSWORD", "")
    kind = os.environ.get("POLGRAPH_ENDPOINT_AUTH", "basic").lower()
    if kind == "digest":
        return httpx.DigestAuth(user, password)
    if kind != "basic":
        raise RemoteStoreError(f"POLGRAPH_ENDPOINT_AUTH={kind!r} is not known; use basic or digest")
    return httpx.BasicAuth(user, password)


class RemoteStore:
    """A connection to an external store that reads and writes polgraph's layout.

    It offers what ingest, remove and export need of a store: :meth:`document`,
    :meth:`write_document`, :meth:`remove_document`, :meth:`documents`, counts, :meth:`dump`.
    """

    def __init__(self, endpoint: Endpoint) -> None:
        import httpx

        self.endpoint = endpoint
        self.path = endpoint.query  # named in messages, as a store's folder is
        self._client = httpx.Client(auth=_auth_from_environment(), timeout=_TIMEOUT)
        try:
            self.ask("ASK {}")
        except RemoteStoreError:
            self._client.close()
            raise

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> RemoteStore:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    # ------------------------------------------------------------------ HTTP

    def _send(self, method: str, url: str, **kwargs: Any) -> Any:
        import httpx

        try:
            response = self._client.request(method, url, **kwargs)
        except httpx.HTTPError as exc:
            raise RemoteStoreError(f"cannot reach the external store at {url}: {exc}. Is it running, and is "
                                   "the URL right?") from exc
        if response.status_code in (401, 403):
            raise RemoteStoreError(f"the external store at {url} refused the request ({response.status_code}): "
                                   f"{_short(response.text)}. Set POLGRAPH_ENDPOINT_USER and "
                                   "POLGRAPH_ENDPOINT_PASSWORD (and POLGRAPH_ENDPOINT_AUTH=digest if it asks "
                                   "for digest authentication), and check the user may update")
        if response.status_code >= 400:
            raise RemoteStoreError(f"the external store at {url} answered {response.status_code} to a "
                                   f"{method}: {_short(response.text)}")
        return response

    def select(self, sparql: str, *, merged: bool = True) -> list[dict[str, str]]:
        """Rows of a SELECT query (values as strings); over the merged graph unless ``merged=False``."""
        return [{k: v["value"] for k, v in row.items()} for row in self._bindings(sparql, merged=merged)]

    def _bindings(self, sparql: str, *, merged: bool = True) -> list[dict[str, dict[str, str]]]:
        """The SPARQL JSON bindings of a SELECT query."""
        params = self.endpoint.query_params if merged else {}
        response = self._send("POST", self.endpoint.query, data={"query": sparql, **params},
                              headers={"Accept": "application/sparql-results+json"})
        bindings: list[dict[str, dict[str, str]]] = response.json()["results"]["bindings"]
        return bindings

    def ask(self, sparql: str) -> bool:
        response = self._send("POST", self.endpoint.query, data={"query": sparql},
                              headers={"Accept": "application/sparql-results+json"})
        return bool(response.json()["boolean"])

    def update(self, sparql: str) -> None:
        self._send("POST", self.endpoint.update, data={"update": sparql})

    # ------------------------------------------------------------------ reading

    def document(self, iri: str) -> StoredDocument | None:
        """The document whose named graph is ``iri``, or None."""
        rows = self.select(f"SELECT ?source ?hash WHERE {{ GRAPH <{iri}> {{ <{iri}> <{_PG}source> ?source . "
                           f"OPTIONAL {{ <{iri}> <{_PG}contentHash> ?hash }} }} }}", merged=False)
        if not rows:
            return None
        return StoredDocument(iri, rows[0]["source"], rows[0].get("hash", ""))

    def documents(self) -> list[StoredDocument]:
        """Every document in the store, in IRI order."""
        rows = self.select(f"SELECT ?g ?source ?hash WHERE {{ GRAPH ?g {{ ?g <{_PG}source> ?source . "
                           f"OPTIONAL {{ ?g <{_PG}contentHash> ?hash }} }} }}", merged=False)
        found = {r["g"]: StoredDocument(r["g"], r["source"], r.get("hash", "")) for r in rows}
        return [found[iri] for iri in sorted(found)]

    def documents_from(self, source: str) -> list[StoredDocument]:
        return [d for d in self.documents() if d.source == source]

    def find(self, doc: str) -> list[StoredDocument]:
        """Documents named by ``doc``: a source file name, a document IRI, ``document:<id>`` or the id."""
        return find_documents(doc, self.document, self.documents_from)

    def document_count(self) -> int:
        return len(self.documents())

    def triple_count(self) -> int:
        """The number of triples in the merged graph."""
        rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return int(rows[0]["n"]) if rows else 0

    # ------------------------------------------------------------------ writing

    def write_document(self, graph: DocumentGraph) -> tuple[WriteStatus, list[StoredDocument], list[str]]:
        """Add a document, replacing earlier versions of the same source (see the module for the order).

        Returns:
            As :meth:`polgraph.store.GraphStore.write_document`.
        """
        existing = self.document(graph.iri)
        if existing is not None:
            return ("unchanged" if existing.source == graph.source else "duplicate"), [existing], []
        old = [d for d in self.documents_from(graph.source) if d.iri != graph.iri]
        for stale in old:
            self._drop(stale.iri)
        self.update(f"INSERT DATA {{ {self._in_merged(graph.ntriples)} }}")
        self._put_graph(graph.iri, graph.ntriples)
        return ("replaced" if old else "added"), old, self._conflicts_of(graph.ntriples)

    def _conflicts_of(self, ntriples: str) -> list[str]:
        """As :meth:`polgraph.store.GraphStore.write_document`'s conflicts: the shared nodes this
        document describes that the merged graph now gives two values of a single-valued property
        (one query per document)."""
        import pyoxigraph as ox

        from polgraph.results import term_from_json
        from polgraph.store import conflict_keys, describe_conflict

        keys = conflict_keys(ox.parse(ntriples.encode("utf-8"), ox.RdfFormat.N_TRIPLES))
        if not keys:
            return []
        pairs = " ".join(f"(<{s}> <{p}>)" for s, p in keys)
        found: dict[tuple[str, str], set[str]] = {}
        for row in self._bindings(f"SELECT ?s ?p ?o WHERE {{ VALUES (?s ?p) {{ {pairs} }} ?s ?p ?o }}"):
            found.setdefault((row["s"]["value"], row["p"]["value"]), set()).add(term_from_json(row["o"]).ntriples())
        return [describe_conflict(s, p, sorted(found[(s, p)])) for s, p in keys if len(found.get((s, p), ())) > 1]

    def remove_document(self, doc: str) -> list[StoredDocument]:
        """Remove the documents named by ``doc`` and their triples no other document holds.

        Raises:
            RemoteStoreError: No document in the store matches ``doc``.
        """
        found = self.find(doc)
        if not found:
            raise RemoteStoreError(f"no document {doc!r} in the external store {self.path}; give a source file "
                                   "name or a document IRI")
        for stored in found:
            self._drop(stored.iri)
        return found

    def _in_merged(self, ntriples: str) -> str:
        if self.endpoint.merged_graph == MERGED_DEFAULT:
            return ntriples
        return f"GRAPH <{self.endpoint.merged_graph}> {{\n{ntriples}\n}}"

    def _drop(self, iri: str) -> None:
        merged = self.endpoint.merged_graph
        others = f"FILTER(?g != <{iri}>)" if merged == MERGED_DEFAULT else f"FILTER(?g != <{iri}> && ?g != <{merged}>)"
        target = "?s ?p ?o" if merged == MERGED_DEFAULT else f"GRAPH <{merged}> {{ ?s ?p ?o }}"
        self.update(f"DELETE {{ {target} }} WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} "
                    f"FILTER NOT EXISTS {{ GRAPH ?g {{ ?s ?p ?o }} {others} }} }}")
        self.update(f"DROP SILENT GRAPH <{iri}>")

    def _put_graph(self, iri: str, ntriples: str) -> None:
        if self.endpoint.graph_store is None:
            self.update(f"DROP SILENT GRAPH <{iri}> ;\nINSERT DATA {{ GRAPH <{iri}> {{\n{ntriples}\n}} }}")
            return
        self._send("PUT", self.endpoint.graph_store, params={"graph": iri}, content=ntriples.encode("utf-8"),
                   headers={"Content-Type": "application/n-triples"})

    # ------------------------------------------------------------------ export

    def dump(self, out: IO[bytes], fmt: str) -> None:
        """Write the store to ``out`` in ``fmt`` (as :meth:`polgraph.store.GraphStore.dump`)."""
        import pyoxigraph as ox

        from polgraph.store import PREFIXES, STORE_FORMATS

        if fmt not in STORE_FORMATS:
            raise StoreError(f"cannot export a store as {fmt!r}; choose one of {', '.join(sorted(STORE_FORMATS))}")
        rdf_format, named = STORE_FORMATS[fmt]
        prefixes = PREFIXES if rdf_format not in (ox.RdfFormat.N_QUADS, ox.RdfFormat.N_TRIPLES) else None
        if named:
            ox.serialize(self._named_quads(), out, rdf_format, prefixes=prefixes)
        else:
            ox.serialize(self._graph_triples(None), out, rdf_format, prefixes=prefixes)

    def _named_quads(self) -> Iterator[Any]:
        import pyoxigraph as ox

        for doc in self.documents():
            name = ox.NamedNode(doc.iri)
            for triple in self._graph_triples(doc.iri):
                yield ox.Quad(triple.subject, triple.predicate, triple.object, name)

    def _graph_triples(self, iri: str | None) -> Iterator[Any]:
        """A document's graph (``iri``) or the merged graph (None), by CONSTRUCT over HTTP."""
        import pyoxigraph as ox

        where = f"GRAPH <{iri}> {{ ?s ?p ?o }}" if iri else "?s ?p ?o"
        params = self.endpoint.query_params if iri is None else {}
        response = self._send("POST", self.endpoint.query,
                              data={"query": f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {where} }}", **params},
                              headers={"Accept": "text/turtle"})
        yield from ox.parse(response.content, ox.RdfFormat.TURTLE)


def export_remote(endpoint: Endpoint, out: Path, *, fmt: str) -> None:
    """Write an external store to ``out`` in ``fmt`` (TriG, N-Quads: one graph per document), atomically."""
    from polgraph.export import write_atomically

    buffer = io.BytesIO()
    with RemoteStore(endpoint) as store:
        store.dump(buffer, fmt)
    write_atomically(out, buffer.getvalue())


def query_remote(endpoint: Endpoint, sparql: str, out: IO[bytes], *, fmt: str) -> None:
    """Run a query on an external store (over its merged graph) and write the answer in ``fmt``.

    ``table`` and ``records`` are made by polgraph from the store's SPARQL JSON (rows sorted
    without ORDER BY, as for a store folder); the other formats are the store's own bytes,
    asked for by media type.

    Raises:
        QueryError: An update, or a format that does not fit the answer.
        RemoteStoreError: The store cannot be reached or refuses the query.
    """
    import re

    import httpx

    from polgraph.errors import QueryError
    from polgraph.query import Answer, render
    from polgraph.results import GRAPH_FORMATS, RESULT_FORMATS, inspect_query

    shape = inspect_query(sparql)
    if shape.form == "UPDATE":
        raise QueryError(f"this is a SPARQL update ({shape.update_keyword}); polgraph query only reads. "
                         "Change the store with `polgraph ingest --endpoint` and `polgraph remove --endpoint`")
    if shape.uses_service:
        raise QueryError("SERVICE (a federated query) is refused: polgraph query does not make a store "
                         "call other endpoints")
    tabular = fmt in ("table", "records") and not shape.is_graph
    if tabular:
        media = RESULT_FORMATS["json"]
    elif shape.is_graph:
        media = GRAPH_FORMATS.get("turtle" if fmt == "table" else fmt, "")
    else:
        media = RESULT_FORMATS.get(fmt, "")
    if not media:
        raise QueryError(f"--format {fmt} does not fit a {shape.form} query's answer")
    with httpx.Client(auth=_auth_from_environment(), timeout=_TIMEOUT) as client:
        try:
            response = client.post(endpoint.query, data={"query": sparql, **endpoint.query_params},
                                   headers={"Accept": media})
        except httpx.HTTPError as exc:
            raise RemoteStoreError(f"cannot reach the external store at {endpoint.query}: {exc}") from exc
    if response.status_code >= 400:
        raise RemoteStoreError(f"the external store at {endpoint.query} answered {response.status_code}: "
                               f"{_short(response.text)}")
    if not tabular:
        out.write(response.content)
        return
    data = response.json()
    if "boolean" in data:
        answer = Answer(("answer",), ((str(bool(data["boolean"])).lower(),),))
    else:
        columns = tuple(data["head"]["vars"])
        rows = tuple(tuple(b[c]["value"] if c in b else None for c in columns) for b in data["results"]["bindings"])
        if not re.search(r"\bORDER\s+BY\b", sparql, re.IGNORECASE):
            rows = tuple(sorted(rows, key=lambda r: tuple("" if v is None else v for v in r)))
        answer = Answer(columns, rows)
    out.write(render(answer, "json" if fmt == "records" else fmt).encode("utf-8"))


def _short(text: str) -> str:
    words = " ".join(text.split())
    return words[:300] + ("..." if len(words) > 300 else "")

