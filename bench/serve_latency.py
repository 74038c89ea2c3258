"""Latency of the competency questions through ``polgraph serve`` (HTTP) against the same store in process.

For each competency question, the median of ``--runs`` runs of:

* ``http``: POST /sparql (form), Accept SPARQL JSON, the whole body read (httpx, keep-alive);
* ``in-process``: pyoxigraph on the store opened read-only, every row read and written as
  SPARQL JSON by polgraph.results (what a worker does, without the pipe and HTTP);
* ``cli``: ``polgraph query --store S Q --format json`` as a new process (start-up included).

Usage::

    python bench/serve_latency.py --triples 200000 --runs 5 > bench/results-serve.txt

The store is built from synthetic extractions, without spaCy (run_benchmarks.big_store).
"""
from __future__ import annotations

import argparse
import json
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import httpx  # noqa: E402
from run_benchmarks import big_store  # noqa: E402

from polgraph.results import answer_oxigraph, write_solutions  # noqa: E402
from polgraph.store import GraphStore  # noqa: E402

QUERIES = sorted((HERE.parent / "src" / "polgraph" / "queries").glob("cq*.rq"))
POLGRAPH = str(Path(sys.executable).parent / "polgraph")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    store = big_store(args.triples)
    info = json.loads((store / "INFO.json").read_text())
    port = free_port()
    server = subprocess.Popen([POLGRAPH, "serve", "--store", str(store), "--port", str(port), "--timeout", "300",
                               "--max-rows", "10000000", "--no-access-log"], stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                if httpx.get(url + "/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        rows = []
        with httpx.Client(timeout=300) as client, GraphStore.open_reader(store) as opened:
            for rq in QUERIES:
                sparql = rq.read_text(encoding="utf-8")
                http, local, cli = [], [], []
                answer_rows = 0
                for _ in range(args.runs):
                    started = time.perf_counter()
                    response = client.post(url + "/sparql", data={"query": sparql},
                                           headers={"Accept": "application/sparql-results+json"})
                    body = response.content
                    http.append(time.perf_counter() - started)
                    answer_rows = len(json.loads(body)["results"]["bindings"])

                    started = time.perf_counter()
                    answered = answer_oxigraph(opened.oxigraph, sparql)
                    for _chunk in write_solutions("json", answered.columns, answered.rows):
                        pass
                    local.append(time.perf_counter() - started)
                for _ in range(min(3, args.runs)):
                    started = time.perf_counter()
                    subprocess.run([POLGRAPH, "query", "--store", str(store), str(rq), "--format", "json"],
                                   check=True, capture_output=True)
                    cli.append(time.perf_counter() - started)
                rows.append((rq.stem, answer_rows, median_ms(http), median_ms(local), median_ms(cli)))
    finally:
        server.terminate()
        server.wait(30)
    print(f"store: {info['documents']} documents, {info['triples']} triples; median of {args.runs} runs "
          f"(cli: of {min(3, args.runs)}); {time.strftime('%Y-%m-%d')}")
    print()
    print("| question | rows | HTTP (ms) | in process (ms) | `polgraph query` process (ms) |")
    print("|---|---:|---:|---:|---:|")
    for name, count, h, loc, c in rows:
        print(f"| {name} | {count} | {h:.1f} | {loc:.1f} | {c:.0f} |")


if __name__ == "__main__":
    main()
