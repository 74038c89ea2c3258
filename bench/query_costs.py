"""Where a competency query's time goes: its pattern built up one part at a time.

Runs on the ~1M-triple benchmark store (built by ``run_benchmarks.py queries``) and on an
in-memory Oxigraph copy of its merged graph, and prints the best of three runs of each
step, counting the rows without sorting or converting them::

    python bench/query_costs.py                      # cq2 (attendance) and cq4 (positions)
    python bench/query_costs.py --store /tmp/polgraph-bench/store-1000000
"""
from __future__ import annotations

import argparse
import io
import time
from pathlib import Path

import pyoxigraph as ox

PREFIXES = """PREFIX pg:   <https://w3id.org/polgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""
# Each step adds one part of the query's WHERE clause to the one before.
STEPS = {
    "cq2": [
        ("attends", "?person pg:attends ?meeting ."),
        ("+ person label", "?person rdfs:label ?name ."),
        ("+ OPTIONAL meeting label", "OPTIONAL { ?meeting rdfs:label ?meetingName }"),
        ("+ OPTIONAL date", "OPTIONAL { ?meeting pg:date ?date }"),
        ("+ OPTIONAL location/label", "OPTIONAL { ?meeting pg:location/rdfs:label ?place }"),
    ],
    "cq4": [
        ("holdsPosition", "?person pg:holdsPosition ?position ."),
        ("+ person label", "?person rdfs:label ?name ."),
        ("+ onTopic/prefLabel", "?position pg:onTopic/skos:prefLabel ?topic ."),
        ("+ stance", "?position pg:stance ?stance ."),
        ("+ evidence", "?position pg:evidence ?evidence ."),
        ("+ OPTIONAL wasDerivedFrom", "OPTIONAL { ?position prov:wasDerivedFrom ?doc }"),
    ],
}


def best_of_three(store: ox.Store, where: str) -> tuple[float, int]:
    times, rows = [], 0
    for _ in range(3):
        started = time.perf_counter()
        rows = sum(1 for _ in store.query(f"{PREFIXES}SELECT * WHERE {{ {where} }}"))  # type: ignore[union-attr]
        times.append(time.perf_counter() - started)
    return min(times), rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, default=Path("/tmp/polgraph-bench/store-1000000"))
    args = parser.parse_args()
    disk = ox.Store.read_only(str(args.store))
    dump = io.BytesIO()
    disk.dump(dump, ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    memory = ox.Store()
    memory.bulk_load(dump.getvalue(), ox.RdfFormat.N_TRIPLES)
    print(f"{'query / step':38} {'rows':>7} {'on disk s':>10} {'in memory s':>12}")
    for name, steps in STEPS.items():
        where = ""
        for label, part in steps:
            where += " " + part
            on_disk, rows = best_of_three(disk, where)
            in_memory, _ = best_of_three(memory, where)
            print(f"{name + ' ' + label:38} {rows:>7} {on_disk:>10.2f} {in_memory:>12.2f}")


if __name__ == "__main__":
    main()
