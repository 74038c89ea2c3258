"""Benchmarks of the store and the ingest driver; each prints its figures side by side.

Every measurement runs in a fresh subprocess so its peak memory (ru_maxrss, plus that of
its worker processes) is its own. Usage::

    python bench/run_benchmarks.py all                 # everything, default sizes
    python bench/run_benchmarks.py e2e --docs 300      # (1) ingest vs bare nlp.pipe side by side, 3 rounds
    python bench/run_benchmarks.py jobs --docs 400     # (2) --jobs 2 vs --jobs 1
    python bench/run_benchmarks.py queries --triples 1000000   # (3) Oxigraph store vs rdflib Graph
    python bench/run_benchmarks.py grow --triples 1000000      # (4) 10 documents into a big vs an empty store
    python bench/run_benchmarks.py shacl --triples 1000000     # (5) whole-store vs per-document SHACL
    python bench/run_benchmarks.py memory --docs 10000 --jobs 2  # peak memory while ingesting N documents

Sizes: the 1M-triple store of (3)-(5) is built with polgraph.build from synthetic
extractions (bench/synth.py) and bulk-loaded, without spaCy, to save time; (1), (2) and
``memory`` run the real spaCy pipeline on synthetic texts.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import synth  # noqa: E402

# The shared spec folder beside the checkout (or $POLGRAPH_SHARED); its queries are required.
SHARED = Path(os.environ.get("POLGRAPH_SHARED") or HERE.parent.parent / "shared")
COMPETENCY = sorted((SHARED / "spec" / "competency").glob("*.rq"))
if not COMPETENCY:
    sys.exit(f"no competency queries in {SHARED}/spec/competency: put shared/ beside the repository "
             "or set POLGRAPH_SHARED")
WORK = Path(tempfile.gettempdir()) / "polgraph-bench"


def peak_mib() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return max(own, children)


def tree_rss_mib(pid: int) -> float:
    """Resident memory of a process and all its descendants now, from /proc (Linux)."""
    total, todo = 0.0, [pid]
    while todo:
        current = todo.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")) / 1024
            for task in Path(f"/proc/{current}/task").iterdir():
                todo.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, StopIteration, ValueError):
            continue  # the process ended meanwhile
    return total


class TreePeak:
    """Samples :func:`tree_rss_mib` of this process every ``interval`` seconds; ``take()`` gives the peak so far."""

    def __init__(self, interval: float = 0.2) -> None:
        import threading

        self.peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(interval,), daemon=True)
        self._thread.start()

    def _run(self, interval: float) -> None:
        while not self._stop.wait(interval):
            self.peak = max(self.peak, tree_rss_mib(os.getpid()))

    def take(self) -> float:
        """The peak since the last take, and start over."""
        peak, self.peak = self.peak, 0.0
        return peak

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def corpus(count: int, seed: int = 7) -> Path:
    folder = WORK / f"corpus-{seed}-{count}"
    if not folder.is_dir() or len(list(folder.glob("*.txt"))) != count:
        shutil.rmtree(folder, ignore_errors=True)
        synth.write_corpus(folder, count, seed)
    return folder


def big_store(triples: int) -> Path:
    """A store of about ``triples`` triples, built from synthetic extractions without spaCy (cached)."""
    from polgraph.build import build_graph, document_iri
    from polgraph.store import DocumentGraph, GraphStore

    path = WORK / f"store-{triples}"
    marker = path / "READY"
    if marker.exists():
        return path
    shutil.rmtree(path, ignore_errors=True)
    def graphs(first: int, count: int):  # type: ignore[no-untyped-def]
        for index in range(first, first + count):
            _, ex = synth.release(index, seed=11)
            g = build_graph([ex])
            yield DocumentGraph(str(document_iri(ex)), ex.document.source, ex.document.content_hash,
                                g.serialize(format="nt"), len(g))

    started = time.perf_counter()
    with GraphStore.open_writer(path) as store:
        # Shared nodes (people, countries, topics) merge, so count the merged graph as it grows.
        first, step = 0, 2000
        while store.triple_count() < triples:
            store.bulk_load(graphs(first, step))
            first += step
            step = max(200, min(4000, int(step * 0.9)))
        store.optimize()
        info = {"documents": store.document_count(), "triples": store.triple_count(), "quads": store.quad_count(),
                "build_and_load_s": round(time.perf_counter() - started, 1)}
    (path / "INFO.json").write_text(json.dumps(info))
    marker.write_text("ok")
    return path


# ---------------------------------------------------------------------- single measurements (subprocess)


def m_bare_alongside(docs: int, stop: Path) -> dict[str, object]:
    """Bare ``nlp.pipe`` passes over the texts, one after another, until ``stop`` exists.

    Run at the same time as an ingest of the same texts (one core each): the passes that end
    before the ingest does saw the same state of the machine as the ingest.
    """
    from polgraph.extract.pipeline import load_pipeline

    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus(docs).glob("*.txt"))]
    nlp = load_pipeline(None)
    list(nlp.pipe(texts[:8]))  # warm up
    passes: list[float] = []
    ended_before_stop: list[float] = []
    while not passes or not stop.exists():
        started = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=64):
            pass
        passes.append(time.perf_counter() - started)
        if not stop.exists():
            ended_before_stop.append(passes[-1])
    return {"passes": passes, "passes_within_ingest": ended_before_stop, "peak_mib": peak_mib()}


def m_ingest(docs: int, jobs: int, preload: bool, validate: bool = True) -> dict[str, float]:
    from polgraph.ingest import find_inputs, ingest_files

    files, _ = find_inputs([corpus(docs)])
    store = WORK / f"ingest-{docs}-{jobs}"
    shutil.rmtree(store, ignore_errors=True)
    if preload:  # exclude loading spaCy, as for the bare run
        from polgraph.extract.pipeline import load_pipeline

        nlp = load_pipeline(None)
        list(nlp.pipe([f.read_text(encoding="utf-8") for f in files[:8]]))
    started = time.perf_counter()
    summary = ingest_files(store, files, jobs=jobs, validate=validate)
    seconds = time.perf_counter() - started
    if os.environ.get("POLGRAPH_BENCH_STOP"):
        Path(os.environ["POLGRAPH_BENCH_STOP"]).write_text("done")
    assert summary.added == docs, summary.describe()
    return {"seconds": seconds, "peak_mib": peak_mib(), "triples": summary.store_triples,
            "invalid": summary.invalid_count}


def m_queries(triples: int, repeat: int) -> dict[str, object]:
    """The competency queries on the store, on an in-memory Oxigraph copy, and on rdflib's ``Graph``.

    The in-memory Oxigraph column is a reference, not a polgraph command: it shows how much
    of the store's time is the engine itself rather than its on-disk indexes.
    """
    import io

    import pyoxigraph as ox

    from polgraph.query import read_query, run_query
    from polgraph.store import GraphStore

    path = big_store(triples)
    out: dict[str, object] = {"store": json.loads((path / "INFO.json").read_text())}
    rows: dict[str, dict[str, float]] = {}

    def timed(store: GraphStore, column: str) -> None:
        for rq in COMPETENCY:
            sparql = read_query(str(rq))
            store.query(sparql)
            times = []
            for _ in range(repeat):
                started = time.perf_counter()
                answer = store.query(sparql)
                times.append(time.perf_counter() - started)
            rows.setdefault(rq.stem, {})[column] = statistics.median(times)
            rows[rq.stem]["rows"] = len(answer.rows)

    with GraphStore.open_reader(path) as store:
        timed(store, "oxigraph_s")
        dump = io.BytesIO()
        store.oxigraph.dump(dump, ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
        started = time.perf_counter()
        memory = ox.Store()
        memory.bulk_load(dump.getvalue(), ox.RdfFormat.N_TRIPLES)
        out["oxigraph_in_memory_load_s"] = time.perf_counter() - started
        timed(GraphStore(path, memory, None), "oxigraph_in_memory_s")
        del memory
        started = time.perf_counter()
        graph = store.to_graph()
        out["rdflib_load_s"] = time.perf_counter() - started
    run_query(graph, "SELECT * WHERE { ?s ?p ?o } LIMIT 1")  # parser warm-up
    for rq in COMPETENCY:
        sparql = read_query(str(rq))
        started = time.perf_counter()
        answer = run_query(graph, sparql)
        rows[rq.stem]["rdflib_s"] = time.perf_counter() - started
        assert len(answer.rows) == rows[rq.stem]["rows"], rq.stem
    out["queries"] = rows
    out["peak_mib"] = peak_mib()
    return out


def m_grow(triples: int, rounds: int, spacy: bool) -> dict[str, object]:
    from polgraph.ingest import ingest_files

    per_doc: dict[str, list[float]] = {"big": [], "empty": []}
    per_write: dict[str, list[float]] = {"big": [], "empty": []}
    src = big_store(triples)
    if spacy:
        from polgraph.extract.pipeline import load_pipeline

        load_pipeline(None)
    for r in range(rounds):
        folder = WORK / f"grow-{r}"
        shutil.rmtree(folder, ignore_errors=True)
        files = synth.write_corpus(folder, 10, seed=101, start=10 * r)
        for kind in ("empty", "big"):
            target = WORK / f"grow-store-{kind}"
            shutil.rmtree(target, ignore_errors=True)
            if kind == "big":
                shutil.copytree(src, target)
            times: list[float] = []
            last = [time.perf_counter()]

            def tick(_: object) -> None:
                now = time.perf_counter()
                times.append(now - last[0])
                last[0] = now

            started = time.perf_counter()
            summary = ingest_files(target, files, jobs=1, extractor=None if spacy else synth.extract_synthetic,
                                   on_document=tick, count_store=False)
            total = time.perf_counter() - started
            assert summary.added == 10, summary.describe()
            per_doc[kind].append(total / 10)
            per_write[kind].extend(times[1:])  # steady state: the time from one written document to the next
    return {"per_doc_big_s": statistics.median(per_doc["big"]), "per_doc_empty_s": statistics.median(per_doc["empty"]),
            "steady_per_doc_big_s": statistics.median(per_write["big"]),
            "steady_per_doc_empty_s": statistics.median(per_write["empty"]),
            "all": per_doc, "peak_mib": peak_mib(), "spacy": spacy}


def m_shacl(triples: int, mode: str) -> dict[str, object]:
    from polgraph.store import validate_store

    path = big_store(triples)
    started = time.perf_counter()
    report = validate_store(path, per_document=(mode == "per-document"))
    return {"seconds": time.perf_counter() - started, "conforms": report.conforms, "results": len(report.results),
            "peak_mib": peak_mib(), "store": json.loads((path / "INFO.json").read_text())}


def m_memory(docs: int, jobs: int, step: int) -> dict[str, object]:
    """Ingest ``docs`` documents in slices of ``step``, recording peak memory after each slice.

    Two figures per slice: the peak resident memory of this process and its workers together
    (sampled from /proc every 0.2 s during the slice), and the largest single process so far
    (``ru_maxrss``).
    """
    from polgraph.ingest import find_inputs, ingest_files

    files, _ = find_inputs([corpus(docs, seed=23)])
    store = WORK / f"memory-{docs}"
    shutil.rmtree(store, ignore_errors=True)
    trend = []
    sampler = TreePeak()
    started = time.perf_counter()
    for first in range(0, docs, step):
        summary = ingest_files(store, files[first:first + step], jobs=jobs)
        trend.append({"documents": first + step, "store_triples": summary.store_triples,
                      "slice_peak_all_processes_mib": round(sampler.take()),
                      "peak_largest_process_mib": round(peak_mib()), "seconds": round(time.perf_counter() - started)})
    sampler.stop()
    return {"trend": trend}


# ---------------------------------------------------------------------- driver


def measurement_env(**extra: str) -> dict[str, str]:
    """The environment of every measured interpreter: one BLAS thread on every side."""
    return dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", **extra)


def sub(*args: str) -> dict[str, object]:
    """Run one measurement in a fresh interpreter and return its JSON."""
    env = measurement_env()
    result = subprocess.run([sys.executable, __file__, "_measure", *args], capture_output=True, text=True,
                            check=False, env=env)
    if result.returncode != 0:
        raise SystemExit(f"measurement {args} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def side_by_side(ingest_args: list[str], docs: int) -> tuple[dict[str, object], dict[str, object]]:
    """An ingest measurement and bare passes over the same texts, at the same time, one core each."""
    stop = WORK / "bare-stop"
    stop.unlink(missing_ok=True)
    env = measurement_env(POLGRAPH_BENCH_STOP=str(stop))
    procs = [subprocess.Popen([sys.executable, __file__, "_measure", *args], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=env)
             for args in (["bare_alongside", str(docs), str(stop)], ingest_args)]
    out = []
    for proc in procs:
        stdout, stderr = proc.communicate()
        if proc.returncode != 0:
            raise SystemExit(f"measurement failed:\n{stderr[-3000:]}")
        out.append(json.loads(stdout.strip().splitlines()[-1]))
    return out[0], out[1]


def show(title: str, data: object) -> None:
    print(f"\n## {title}\n{json.dumps(data, indent=1)}", flush=True)


def run(args: argparse.Namespace) -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    what = args.what
    if what in ("e2e", "all"):
        # Side by side: each ingest runs at the same time as bare nlp.pipe passes over the same
        # texts (one core each), so that both see the same state of a shared machine; the ratio
        # of a round is the ingest's time over the median of the bare passes that ended within it.
        rounds: dict[str, list[dict[str, object]]] = {"ingest": [], "ingest_without_shacl": []}
        for _ in range(args.rounds):
            for name, extra in (("ingest", []), ("ingest_without_shacl", ["novalidate"])):
                bare, ingest = side_by_side(["ingest", str(args.docs), "1", "1", *extra], args.docs)
                within = bare["passes_within_ingest"] or bare["passes"][:1]  # type: ignore[index]
                bare_s = statistics.median(within)  # type: ignore[arg-type]
                rounds[name].append({"seconds": ingest["seconds"], "bare_seconds": bare_s,
                                     "bare_passes": bare["passes"], "ratio": ingest["seconds"] / bare_s,  # type: ignore[operator]
                                     "peak_mib": ingest["peak_mib"], "bare_peak_mib": bare["peak_mib"],
                                     "triples": ingest["triples"], "invalid": ingest["invalid"]})
        show("(1) end-to-end ingest vs bare nlp.pipe, one process each, side by side",
             {"docs": args.docs, "rounds": rounds,
              "ratio": statistics.median(float(r["ratio"]) for r in rounds["ingest"]),  # type: ignore[arg-type]
              "ratio_without_shacl": statistics.median(float(r["ratio"]) for r in rounds["ingest_without_shacl"])})  # type: ignore[arg-type]
    if what in ("jobs", "all"):
        one = sub("ingest", str(args.docs), "1", "0")
        two = sub("ingest", str(args.docs), "2", "0")
        show("(2) --jobs 2 vs --jobs 1 (wall time, spaCy load included)",
             {"docs": args.docs, "jobs1": one, "jobs2": two, "speedup": one["seconds"] / two["seconds"]})  # type: ignore[operator]
    if what in ("queries", "all"):
        data = sub("queries", str(args.triples), "5")
        qs = data["queries"]  # type: ignore[index]
        ratios = {k: v["rdflib_s"] / v["oxigraph_s"] for k, v in qs.items()}  # type: ignore[union-attr]
        in_memory = {k: v["rdflib_s"] / v["oxigraph_in_memory_s"] for k, v in qs.items()}  # type: ignore[union-attr]
        data["ratios"] = ratios  # type: ignore[index]
        data["median_ratio"] = statistics.median(ratios.values())  # type: ignore[index]
        data["under_1s"] = sum(v["oxigraph_s"] < 1 for v in qs.values())  # type: ignore[union-attr,index]
        data["in_memory_ratios"] = in_memory  # type: ignore[index]
        data["in_memory_median_ratio"] = statistics.median(in_memory.values())  # type: ignore[index]
        show("(3) competency queries: Oxigraph store vs rdflib in-memory Graph", data)
    if what in ("grow", "all"):
        for spacy in ("0", "1"):
            data = sub("grow", str(args.triples), "3", spacy)
            data["ratio"] = data["per_doc_big_s"] / data["per_doc_empty_s"]  # type: ignore[index,operator]
            data["steady_ratio"] = data["steady_per_doc_big_s"] / data["steady_per_doc_empty_s"]  # type: ignore[index,operator]
            show(f"(4) 10 new documents into a {args.triples}-triple store vs an empty one "
                 f"({'spaCy' if spacy == '1' else 'synthetic extractor, store cost only'})", data)
    if what in ("shacl", "all"):
        size = str(args.shacl_triples or args.triples)
        whole = sub("shacl", size, "whole")
        per = sub("shacl", size, "per-document")
        show("(5) SHACL: whole store vs per document", {"whole": whole, "per_document": per,
                                                        "ratio": whole["seconds"] / per["seconds"]})  # type: ignore[operator]
    if what == "memory":
        show(f"peak memory ingesting {args.docs} documents, jobs={args.jobs}",
             sub("memory", str(args.docs), str(args.jobs), str(args.step)))


def measure(argv: list[str]) -> None:
    kind, *rest = argv
    if kind == "bare_alongside":
        out: object = m_bare_alongside(int(rest[0]), Path(rest[1]))
    elif kind == "ingest":
        out = m_ingest(int(rest[0]), int(rest[1]), rest[2] == "1", rest[3:] != ["novalidate"])
    elif kind == "queries":
        out = m_queries(int(rest[0]), int(rest[1]))
    elif kind == "grow":
        out = m_grow(int(rest[0]), int(rest[1]), rest[2] == "1")
    elif kind == "shacl":
        out = m_shacl(int(rest[0]), rest[1])
    elif kind == "memory":
        out = m_memory(int(rest[0]), int(rest[1]), int(rest[2]))
    else:
        raise SystemExit(f"unknown measurement {kind}")
    print(json.dumps(out))


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "_measure":
        measure(sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=["all", "e2e", "jobs", "queries", "grow", "shacl", "memory"])
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3, help="rounds of (1), each a side-by-side pair with and without SHACL")
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--shacl-triples", type=int, default=0, help="store size for (5), default --triples")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--step", type=int, default=1000)
    run(parser.parse_args())


if __name__ == "__main__":
    main()
