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
# per label on both development sets together (the measure, UNION_FLOORS), and close to it on
# each alone.
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
    ("positions.f1", GE, 0.64),                    # 0.679  (start 0.25)
    ("positions_lenient.f1", GE, 0.87),            # 0.900  (start 0.41)
    ("positions.stance_accuracy", GE, 0.90),       # 0.972
    ("meeting_topic_recall", GE, 0.62),            # 0.651  (start 0.34)
    # 1.62 before the relations of two states and the releases of named people became concepts of
    # their own (more specific, so more of them); the measure is on dev and dev2 together
    ("positions_per_topic", GE, 1.45),             # 1.50
    ("topic_label_words_mean", LE, 5.0),           # 3.14
    ("evidence_verbatim", EQ, 1.0),
    ("positions_without_evidence", EQ, 0),
    ("overall_f1", GE, 0.82),                      # 0.853  (start 0.55)
]
UNION_FLOORS: list[Check] = [
    ("positions_per_topic", GE, 1.5),              # 1.85
    ("topic_label_words_mean", LE, 5.0),           # 3.31
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


def build_corpus(shared: Path, corpus: str, out_dir: Path) -> Path:
    """``polgraph build`` of a shared corpus; the graph's path."""
    out = out_dir / f"{corpus}.ttl"
    done = run_polgraph(["build", shared / "corpus" / corpus, "-o", out])
    # exit 1 means SHACL violations (the shapes tests guard those); the graph is still written
    assert done.returncode in (0, 1) and out.is_file(), (
        f"`polgraph build corpus/{corpus} -o {out}` exited {done.returncode}\n{done.stdout}\n{done.stderr}")
    return out


@pytest.fixture(scope="module")
def dev_graph(shared_eval: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_corpus(shared_eval, "dev", tmp_path_factory.mktemp("dev"))


@pytest.fixture(scope="module")
def dev2_graph(shared_eval: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (shared_eval / "gold" / "dev2").is_dir():
        pytest.skip(f"no dev2 gold at {shared_eval / 'gold' / 'dev2'}")
    return build_corpus(shared_eval, "dev2", tmp_path_factory.mktemp("dev2"))


def test_dev_quality(shared_eval: Path, dev_graph: Path) -> None:
    result = score(shared_eval, "dev", dev_graph, shared_eval / "corpus" / "dev")
    assert_floors(result, DEV_FLOORS, "dev")


def test_dev2_quality(shared_eval: Path, dev2_graph: Path) -> None:
    """Releases of other governments than the ones the rules were first written on."""
    result = score(shared_eval, "dev2", dev2_graph, shared_eval / "corpus" / "dev2")
    assert_floors(result, DEV2_FLOORS, "dev2")


def test_one_scheme_over_both_development_sets(shared_eval: Path, dev_graph: Path, dev2_graph: Path) -> None:
    """The issue's measures of a scheme rather than a label per sentence, on dev and dev2 together."""
    done = subprocess.run(
        [sys.executable, str(shared_eval / "eval" / "score.py"), "--graph", str(dev_graph), str(dev2_graph),
         "--gold", str(shared_eval / "gold" / "dev"), str(shared_eval / "gold" / "dev2"),
         "--docs", str(shared_eval / "corpus" / "dev"), str(shared_eval / "corpus" / "dev2"), "--json"],
        capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, f"score.py exited {done.returncode}\n{done.stdout}\n{done.stderr}"
    assert_floors(json.loads(done.stdout), UNION_FLOORS, "dev and dev2 together")
