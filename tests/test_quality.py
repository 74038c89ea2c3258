"""Regression guard on extraction quality: polgraph's scores may not fall below floors.

The seeds' graph (the session fixture, ``polgraph build data/``) and the dev corpus's graph
(``polgraph build ../shared/corpus/dev``) are built by the command line and scored by the
shared scorer (``../shared/eval/score.py --json``). Each floor sits 0.02–0.03 below the
figure reached when it was set (see docs/quality.md, written by ``bench/quality.py``);
evidence must stay verbatim and every position must keep its evidence. Raise a floor when
the extraction improves for good; never lower one to make a change pass without saying why.

Skips, saying why, when the shared folder (scorer, gold, corpus) is missing: put it beside
the repository or set ``$POLGRAPH_SHARED``.
"""
from __future__ import annotations

import json
import operator
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import BuiltGraph, run_polgraph, shared_dir

pytestmark = pytest.mark.slow

Check = tuple[str, Callable[[Any, Any], bool], float]  # (measure path, comparison, bound)
GE, EQ, LE = operator.ge, operator.eq, operator.le

# Floors set from the run of 2026-11-27 recorded in docs/quality.md (figures in the comments),
# a little below what polgraph reaches. On the seeds one error moves a measure by much more than
# 0.03 (12 gold positions: one miss is -0.04), so there the floors in effect ask for no new error.
# A topic scheme, not a label per sentence: at least 1.5 positions per topic and at most five words
# per label on each development set (and so on both together).
SEEDS_FLOORS: list[Check] = [
    ("persons.f1", GE, 0.97),                      # 1.000  (tp 3)
    ("attendance.f1", GE, 0.97),                   # 1.000  (tp 2)
    ("counterparts.f1", GE, 0.97),                 # 1.000  (tp 17)
    ("positions.f1", GE, 0.86),                    # 0.889  (tp 12 fp 3 fn 0)
    ("positions.stance_accuracy", GE, 0.97),       # 1.000
    ("meeting_date_accuracy", GE, 0.97),           # 1.000
    ("meeting_place_accuracy", GE, 0.97),          # 1.000
    ("meeting_convener_accuracy", GE, 0.97),       # 1.000
    ("evidence_verbatim", EQ, 1.0),
]
DEV_FLOORS: list[Check] = [
    ("persons.f1", GE, 0.97),                      # 1.000  (tp 45)
    ("person_role_accuracy", GE, 0.97),            # 1.000
    ("person_affiliation_accuracy", GE, 0.97),     # 1.000
    ("attendance.f1", GE, 0.97),                   # 1.000  (tp 56)
    ("meeting_date_accuracy", GE, 0.97),           # 1.000
    ("counterparts.f1", GE, 0.97),                 # 1.000
    ("positions.f1", GE, 0.70),                    # 0.730  (tp 59 fp 29 fn 15)
    ("positions.stance_accuracy", GE, 0.90),       # 0.926
    ("meeting_topic_recall", GE, 0.87),            # 0.900
    ("positions_per_topic", GE, 1.5),              # 1.72
    ("topic_label_words_mean", LE, 5.0),           # 3.68
    ("evidence_verbatim", EQ, 1.0),
    ("positions_without_evidence", EQ, 0),
    ("overall_f1", GE, 0.90),                      # 0.930
]
# dev2: 40 releases of over 30 governments and international bodies (the start, before the
# extraction was rebuilt for any government's releases, was 0.55 overall and 0.25 on positions).
DEV2_FLOORS: list[Check] = [
    ("persons.f1", GE, 0.95),                      # 0.983  (start 0.82)
    ("attendance.f1", GE, 0.87),                   # 0.897  (start 0.64)
    ("counterparts.f1", GE, 0.83),                 # 0.857  (start 0.50)
    ("person_role_accuracy", GE, 0.90),            # 0.936  (start 0.69)
    ("person_affiliation_accuracy", GE, 0.80),     # 0.820  (start 0.49)
    ("meeting_date_accuracy", GE, 0.97),           # 1.000  (start 0.87)
    ("meeting_place_accuracy", GE, 0.86),          # 0.890  (start 0.76)
    ("positions.f1", GE, 0.52),                    # 0.551  (start 0.25)
    ("positions_lenient.f1", GE, 0.82),            # 0.850  (start 0.41)
    ("positions.stance_accuracy", GE, 0.90),       # 0.963
    ("meeting_topic_recall", GE, 0.57),            # 0.606  (start 0.34)
    ("positions_per_topic", GE, 1.5),              # 1.62
    ("topic_label_words_mean", LE, 5.0),           # 3.14
    ("evidence_verbatim", EQ, 1.0),
    ("positions_without_evidence", EQ, 0),
    ("overall_f1", GE, 0.79),                      # 0.819  (start 0.55)
]


@pytest.fixture(scope="module")
def shared_eval() -> Path:
    """The shared folder with the scorer, the gold and the dev corpus; skip when it is missing."""
    root = shared_dir()
    needed = [root / "eval" / "score.py", root / "gold" / "seeds", root / "gold" / "dev", root / "corpus" / "dev"]
    missing = [str(p) for p in needed if not p.exists()]
    if missing:
        pytest.skip(f"the shared scorer, gold or corpus is missing ({', '.join(missing)}): "
                    "put shared/ beside the repository or set POLGRAPH_SHARED")
    return root


def score(shared: Path, corpus: str, graph: Path, docs: Path) -> dict[str, Any]:
    """Run ``score.py --json`` on ``graph`` against the gold of ``corpus``."""
    done = subprocess.run(
        [sys.executable, str(shared / "eval" / "score.py"), "--graph", str(graph),
         "--gold", str(shared / "gold" / corpus), "--docs", str(docs), "--json"],
        capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, f"score.py exited {done.returncode}\n{done.stdout}\n{done.stderr}"
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def measure(result: dict[str, Any], path: str) -> Any:
    value: Any = result
    for key in path.split("."):
        value = value[key]
    return value


def figures(result: dict[str, Any]) -> str:
    """Every figure of a score, and the scorer's notes, as text for a failure message."""
    lines = []
    for key, value in result.items():
        if isinstance(value, dict):
            row = "  ".join(f"{k} {v}" for k, v in value.items() if k != "notes")
            lines.append(f"  {key:28s} {row}")
        else:
            lines.append(f"  {key:28s} {value}")
    notes = [f"    - {n}" for value in result.values() if isinstance(value, dict) for n in value.get("notes", [])]
    return "\n".join(["figures:", *lines, "scorer notes:", *notes])


def assert_floors(result: dict[str, Any], floors: list[Check], corpus: str) -> None:
    failed = []
    for path, compare, bound in floors:
        value = measure(result, path)
        if value is None or not compare(value, bound):
            sign = {GE: ">=", LE: "<=", EQ: "=="}[compare]
            failed.append(f"{path} = {value}, expected {sign} {bound}")
    assert not failed, (f"extraction quality on {corpus} fell below its floors:\n  "
                        + "\n  ".join(failed) + "\n" + figures(result))


def test_seeds_quality(shared_eval: Path, seeds_graph: BuiltGraph) -> None:
    result = score(shared_eval, "seeds", seeds_graph.path, shared_eval / "corpus" / "seeds")
    assert_floors(result, SEEDS_FLOORS, "seeds")


def test_dev_quality(shared_eval: Path, tmp_path: Path) -> None:
    out = tmp_path / "dev.ttl"
    done = run_polgraph(["build", shared_eval / "corpus" / "dev", "-o", out])
    # exit 1 means SHACL violations (the shapes tests guard those); the graph is still written
    assert done.returncode in (0, 1) and out.is_file(), (
        f"`polgraph build corpus/dev -o {out}` exited {done.returncode}\n{done.stdout}\n{done.stderr}")
    result = score(shared_eval, "dev", out, shared_eval / "corpus" / "dev")
    assert_floors(result, DEV_FLOORS, "dev")


def test_dev2_quality(shared_eval: Path, tmp_path: Path) -> None:
    """Releases of other governments than the ones the rules were first written on."""
    corpus = shared_eval / "corpus" / "dev2"
    if not (shared_eval / "gold" / "dev2").is_dir():
        pytest.skip(f"no dev2 gold at {shared_eval / 'gold' / 'dev2'}")
    out = tmp_path / "dev2.ttl"
    done = run_polgraph(["build", corpus, "-o", out])
    assert done.returncode in (0, 1) and out.is_file(), (
        f"`polgraph build corpus/dev2 -o {out}` exited {done.returncode}\n{done.stdout}\n{done.stderr}")
    result = score(shared_eval, "dev2", out, corpus)
    assert_floors(result, DEV2_FLOORS, "dev2")
