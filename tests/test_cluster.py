"""``polgraph ingest --scheduler``: extraction on a Dask cluster (a LocalCluster of two worker processes).

The store it writes must equal the store ``--jobs 2`` writes, and a worker killed in the
middle of the run must cost no document (its tasks run again elsewhere) and double none.
"""
from __future__ import annotations

import os
import signal
import shutil
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from conftest import run_polgraph
from polgraph.cluster import ClusterError, ingest_on_cluster
from polgraph.ingest import DocumentOutcome, find_inputs
from polgraph.store import GraphStore

pytestmark = pytest.mark.slow
distributed = pytest.importorskip("distributed", reason="pip install 'polgraph[cluster]'")


@pytest.fixture(scope="module")
def cluster() -> Iterator[distributed.LocalCluster]:
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=40) as running:
        yield running


@pytest.fixture(scope="module")
def corpus(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus") / "dev"
    shutil.copytree(shared / "corpus" / "dev", folder)
    return folder


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The store ``polgraph ingest --jobs 2`` writes."""
    store = tmp_path_factory.mktemp("jobs2") / "store"
    done = run_polgraph(["ingest", "--store", store, corpus, "--jobs", "2"])
    assert done.returncode in (0, 1), done.stderr
    return store


def quads(store: Path) -> set[str]:
    with GraphStore.open_reader(store) as opened:
        data = opened.oxigraph.dump(format=ox.RdfFormat.N_QUADS)
    return set(data.decode("utf-8").splitlines())


def test_cluster_ingest_gives_the_store_of_jobs_2(cluster: distributed.LocalCluster, corpus: Path,
                                                  reference: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    done = run_polgraph(["ingest", "--store", store, "--scheduler", cluster.scheduler_address, corpus])
    assert done.returncode in (0, 1), done.stderr
    documents = len(find_inputs([corpus])[0])
    assert f"{documents} added, 0 replaced" in done.stderr and "0 failed" in done.stderr, done.stderr
    assert quads(store) == quads(reference)

    again = run_polgraph(["ingest", "--store", store, "--scheduler", cluster.scheduler_address, corpus])
    assert f"0 added, 0 replaced, {documents} unchanged" in again.stderr, again.stderr


def test_a_worker_killed_mid_run_loses_no_document(cluster: distributed.LocalCluster, corpus: Path,
                                                   reference: Path, tmp_path: Path) -> None:
    files, failures = find_inputs([corpus])
    killed: list[tuple[str, int, int]] = []
    with distributed.Client(cluster.scheduler_address, set_as_default=False) as watcher:
        pids = watcher.run(os.getpid)

        def kill_a_busy_worker(outcome: DocumentOutcome) -> None:
            if killed:
                return
            busy = {address: len(keys) for address, keys in watcher.processing().items() if keys}
            if not busy:
                return
            address = max(busy, key=lambda a: busy[a])
            os.kill(pids[address], signal.SIGKILL)
            killed.append((address, pids[address], busy[address]))

        store = tmp_path / "store"
        summary = ingest_on_cluster(store, files, scheduler=cluster.scheduler_address, batch_size=4,
                                    input_failures=failures, on_document=kill_a_busy_worker)
    assert killed, "no worker was busy when the first document came back: nothing was killed"
    assert summary.failed_count == 0, summary.describe()
    assert summary.added == len(files)
    with GraphStore.open_reader(store) as opened:
        assert opened.document_count() == len(files)
    assert quads(store) == quads(reference)


def test_an_unreachable_scheduler_is_named(tmp_path: Path, corpus: Path) -> None:
    with pytest.raises(ClusterError, match="cannot reach the Dask scheduler"):
        ingest_on_cluster(tmp_path / "store", [next(corpus.iterdir())], scheduler="tcp://127.0.0.1:9")
    done = run_polgraph(["ingest", "--store", tmp_path / "s", "--scheduler", "tcp://127.0.0.1:1", "--jobs", "2",
                         corpus])
    assert done.returncode == 2 and "--jobs is for local processes" in done.stderr
