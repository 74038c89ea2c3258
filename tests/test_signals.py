"""Ctrl-C, SIGTERM and a killed parent: one line, the right exit status, no worker left running.

Issue 11: Ctrl-C printed two tracebacks; after SIGTERM or a crash of ``ingest --jobs 2`` its
workers (about 200 MB each) kept running. Here ``ingest`` runs with the spaCy-free extractor of
``fake_extract`` (documents containing SLEEP keep a worker busy for a minute).
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REPO
from polgraph.store import GraphStore

TESTS = Path(__file__).resolve().parent
SCRIPT = f"""
import sys
sys.path.insert(0, {str(TESTS)!r})
import fake_extract
import polgraph.ingest as ingest
original = ingest.ingest_files
ingest.ingest_files = lambda *a, **k: original(*a, extractor=fake_extract.regex_extractor, **k)
from polgraph.cli import main
sys.argv = ["polgraph", *sys.argv[1:]]
main()
"""


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _start(tmp_path: Path) -> tuple[subprocess.Popen[str], Path, list[int]]:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(4):
        (corpus / f"a{i}.txt").write_text(f"Release {i}\n\nPerson N{i} supports migration.\n")
    for i in range(4):
        (corpus / f"b{i}.txt").write_text(f"Slow release {i}\n\nSLEEP here. Other N{i} supports migration.\n")
    store = tmp_path / "store"
    process = subprocess.Popen([sys.executable, "-c", SCRIPT, "ingest", "--store", str(store), str(corpus),
                                "--jobs", "2", "--batch-size", "1", "--no-progress"],
                               cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while time.monotonic() < deadline:
        workers = [pid for pid in _children(process.pid)
                   if "spawn_main" in (Path("/proc") / str(pid) / "cmdline").read_text(errors="replace")]
        if len(workers) >= 2:
            break
        time.sleep(0.2)
    assert len(workers) >= 2, "the workers did not start"
    time.sleep(4)  # the quick documents are written, the SLEEP ones keep both workers busy
    return process, store, workers


def _gone(pids: list[int], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not any(_alive(pid) for pid in pids):
            return True
        time.sleep(0.1)
    return False


def _whole_documents(store: Path) -> int:
    with GraphStore.open_reader(store) as opened:
        docs = list(opened.documents())
        for doc in docs:  # each document complete: its node, its person, its position
            assert opened.document_triples(doc.iri) >= 8
        return len(docs)


@pytest.mark.parametrize(("signum", "status", "word"), [(signal.SIGINT, 130, "Ctrl-C"),
                                                        (signal.SIGTERM, 143, "SIGTERM")])
def test_interrupt_is_one_line_and_stops_the_workers(tmp_path: Path, signum: int, status: int, word: str) -> None:
    process, store, workers = _start(tmp_path)
    os.killpg(process.pid, signum)  # as a terminal's Ctrl-C does: the whole process group
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == status, stderr
    assert "Traceback" not in stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "interrupted" in lines[0] and word in lines[0], stderr
    assert _gone(workers, 10), "workers still running"
    assert _whole_documents(store) >= 1


def test_workers_die_with_a_killed_parent(tmp_path: Path) -> None:
    process, store, workers = _start(tmp_path)
    process.kill()  # SIGKILL: no clean-up at all in the parent
    process.communicate(timeout=30)
    assert _gone(workers, 10), "workers outlived their parent"
    assert _whole_documents(store) >= 1


def test_a_worker_killed_mid_batch_fails_only_its_document(tmp_path: Path) -> None:
    import fake_extract
    from polgraph.ingest import find_inputs, ingest_files

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(8):
        body = "CRASH goes the worker." if i == 5 else f"Person N{i} supports migration."
        (corpus / f"d{i}.txt").write_text(f"Release {i}\n\n{body}\n")
    files, failures = find_inputs([corpus])
    summary = ingest_files(tmp_path / "store", files, jobs=2, batch_size=4, extractor=fake_extract.crashing_extractor,
                           input_failures=failures)
    assert summary.added == 7
    assert [(Path(source).name, "died" in reason) for source, reason in summary.failed] == [("d5.txt", True)]
    assert _whole_documents(tmp_path / "store") == 7


@pytest.mark.slow
def test_ctrl_c_during_build_is_one_line_and_writes_nothing(tmp_path: Path) -> None:
    seed = sorted((REPO / "data").glob("*.txt"))[1].read_text(encoding="utf-8")
    (tmp_path / "long.txt").write_text("\n\n".join([seed] * 150), encoding="utf-8")  # about 40 s of NLP
    out = tmp_path / "graph.ttl"
    process = subprocess.Popen([sys.executable, "-m", "polgraph", "build", str(tmp_path / "long.txt"), "-o", str(out)],
                               cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    time.sleep(8)
    assert process.poll() is None, "the build ended before it could be interrupted"
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "interrupted (Ctrl-C)" in lines[0], stderr
    assert not out.exists() and [p.name for p in tmp_path.iterdir()] == ["long.txt"]


def test_repeated_sigkill_during_ingest_leaves_whole_documents(tmp_path: Path) -> None:
    sys.path.insert(0, str(REPO / "bench"))
    import synth
    from test_store import _KILL_SCRIPT, _expected_quads, _quads

    from polgraph.ingest import ingest_files

    count = 240
    synth.write_corpus(tmp_path / "in", count)
    store = tmp_path / "store"
    script = tmp_path / "run.py"
    script.write_text(_KILL_SCRIPT.format(bench=str(REPO / "bench"), inputs=str(tmp_path / "in"), store=str(store)))
    references = {ex.document.source: ex for _, ex in synth.releases(count)}
    stored_before = 0
    for kill_after in (7, 16, 23, 31, 9, 40):  # documents added by this run; mid-batch (batches of 16)
        process = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
        assert process.stdout is not None
        added = 0
        for line in process.stdout:
            added += line.startswith("added")
            if added == kill_after:
                os.kill(process.pid, signal.SIGKILL)
                break
        process.wait()
        assert process.returncode == -signal.SIGKILL
        with GraphStore.open_reader(store) as opened:
            kept = [references[d.source] for d in opened.documents()]
        assert stored_before + kill_after <= len(kept) < count
        assert _quads(store) == _expected_quads(kept)  # whole documents only, after every kill
        stored_before = len(kept)
    rerun = ingest_files(store, sorted((tmp_path / "in").glob("*.txt")), jobs=1, extractor=synth.extract_synthetic)
    assert (rerun.added + rerun.unchanged, rerun.failed_count) == (count, 0)
    assert _quads(store) == _expected_quads(list(references.values()))
