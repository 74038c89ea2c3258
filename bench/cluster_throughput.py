"""Documents per second: ``polgraph ingest --jobs 2`` against a two-worker Dask LocalCluster.

Both ingest the same synthetic corpus (bench/synth.py texts, the real spaCy pipeline) into a
new store, on this machine. The cluster's workers (two processes, one thread each) are
started before the clock starts; they load spaCy at their first batch, as ``--jobs 2``'s
processes do, so the first round's figures both include loading the pipeline. Each cluster
run is followed by one on a new corpus, with the pipeline loaded (warm); the cluster lives
for all rounds, so from round 2 on every cluster run is warm. Rounds alternate to spread the
noise of other work on the machine.

Usage::

    python bench/cluster_throughput.py --docs 300 --rounds 2 > bench/results-cluster.txt
"""
from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import synth  # noqa: E402

POLGRAPH = str(Path(sys.executable).parent / "polgraph")


def ingest(args: list[str]) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run([POLGRAPH, "ingest", *args], capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(done.stderr)
    return seconds, done.stderr.splitlines()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    from distributed import LocalCluster

    work = Path(tempfile.mkdtemp(prefix="polgraph-cluster-bench-"))
    rows = []
    try:
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                          silence_logs=40) as cluster:
            for round_ in range(args.rounds):
                corpus = work / f"corpus{round_}"
                synth.write_corpus(corpus, args.docs, seed=200 + round_)
                warm = work / f"warm{round_}"
                synth.write_corpus(warm, args.docs, seed=300 + round_)
                order = ["jobs", "cluster"] if round_ % 2 == 0 else ["cluster", "jobs"]
                for kind in order:
                    store = work / f"{kind}{round_}"
                    if kind == "jobs":
                        seconds, line = ingest(["--store", str(store), "--jobs", "2", str(corpus)])
                    else:
                        seconds, line = ingest(["--store", str(store), "--scheduler", cluster.scheduler_address,
                                                str(corpus)])
                    state = "cold" if round_ == 0 else "warm: loaded in round 1"  # one cluster for all rounds
                    rows.append((round_ + 1, "--jobs 2" if kind == "jobs" else f"LocalCluster, 2 workers ({state})",
                                 seconds, line))
                    if kind == "cluster":  # the workers have the pipeline loaded now
                        seconds, line = ingest(["--store", str(work / f"warm-store{round_}"), "--scheduler",
                                                cluster.scheduler_address, str(warm)])
                        rows.append((round_ + 1, "LocalCluster, 2 workers (warm)", seconds, line))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{args.docs} synthetic documents per run, real spaCy pipeline, 2 cores shared; {time.strftime('%Y-%m-%d')}")
    print()
    print("| round | how | wall s | documents/s (wall) | ingest's own summary |")
    print("|---:|---|---:|---:|---|")
    for round_, how, seconds, line in rows:
        summary = re.sub(r"; store: .*?;", ";", line)
        print(f"| {round_} | {how} | {seconds:.1f} | {args.docs / seconds:.1f} | {summary} |")


if __name__ == "__main__":
    main()
