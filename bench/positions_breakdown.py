"""Why positions are missed or extra: attribution, topic or stance, counted on a built graph.

For each required gold position (holder + topic keywords + stance), in the graph of its corpus:

* **found**: a position of the holder whose topic label holds a keyword (the scorer's strict match);
  its stance is right or wrong (**stance error**);
* **topic miss**: the holder has a position whose *evidence* holds a keyword, under a topic label
  that does not (lenient scoring counts it; strict does not);
* **attribution miss**: no position of the holder's says it. Either the holder has other positions
  in the document (the sentence was not attributed, or gave no topic) or none at all there.

Extra positions (matching no gold position, optional ones included) are split the same way: on a
sentence that states a gold position of the holder under another label (**topic**), or not
(**attribution**: narration, another speaker's words, or a statement the gold does not list).

Usage::

    python bench/positions_breakdown.py GRAPH.ttl ../shared/gold/dev2 ../shared/corpus/dev2
"""
from __future__ import annotations

import importlib.util
import json
import re
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

from rdflib import Graph

QUERY = """
PREFIX pg: <https://w3id.org/polgraph/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?pos ?name ?label ?evidence ?stance WHERE {
  ?person pg:holdsPosition ?pos ; rdfs:label ?name .
  ?pos pg:onTopic ?topic ; pg:evidence ?evidence ; pg:stance ?stance .
  ?topic skos:prefLabel ?label .
}"""

CLASSES = ("found", "stance error", "topic miss", "attribution miss (holder has other positions there)",
           "attribution miss (no position of the holder there)")


def _scorer(shared: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("polgraph_shared_score", shared / "eval" / "score.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"no scorer at {shared / 'eval' / 'score.py'}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def breakdown(graph_path: Path, gold_dir: Path, docs_dir: Path) -> dict[str, Counter[str]]:
    """Counts of the classes above for the required gold positions ("gold") and the extras ("extra")."""
    score = _scorer(gold_dir.parent.parent)
    graph = Graph()
    graph.parse(str(graph_path))
    rows = [(str(p), str(n), str(lbl), str(e), str(s).rsplit("#", 1)[-1].casefold())
            for p, n, lbl, e, s in graph.query(QUERY)]
    counts: dict[str, Counter[str]] = {"gold": Counter(), "extra": Counter()}
    all_gold: list[tuple[dict, str]] = []
    for gold_file in sorted(gold_dir.glob("*.json")):
        doc_name = gold_file.name.removesuffix(".json")
        text_file = docs_dir / doc_name if (docs_dir / doc_name).is_file() else docs_dir / f"{doc_name}.txt"
        text = score.fold(re.sub(r"\s+", " ", text_file.read_text(encoding="utf-8")))
        mine = [r for r in rows if score.fold(r[3]) in text]
        for gp in json.loads(gold_file.read_text(encoding="utf-8")).get("positions", []):
            all_gold.append((gp, text))
            if gp.get("optional"):
                continue
            theirs = [r for r in mine if score.same_person(r[1], gp["holder"])]
            strict = [r for r in theirs if score.has_any(r[2], gp["topic_any"])]
            stances = set(gp.get("stance_any", [gp["stance"]]))
            if strict:
                counts["gold"]["found" if any(r[4] in stances for r in strict) else "stance error"] += 1
            elif any(score.has_any(r[3], gp["topic_any"]) for r in theirs):
                counts["gold"]["topic miss"] += 1
            elif theirs:
                counts["gold"][CLASSES[3]] += 1
            else:
                counts["gold"][CLASSES[4]] += 1
    for _, name, label, evidence, _ in rows:
        holders = [(gp, text) for gp, text in all_gold if score.same_person(name, gp["holder"])
                   and score.fold(evidence) in text]
        if any(score.has_any(label, gp["topic_any"]) for gp, _ in holders):
            continue
        on_gold = any(score.has_any(evidence, gp["topic_any"]) for gp, _ in holders)
        counts["extra"]["topic (a gold statement under another label)" if on_gold else
                        "attribution (no gold statement of the holder)"] += 1
    return counts


def table(counts: dict[str, Counter[str]]) -> list[str]:
    """Markdown rows: required gold positions by class, then extras by class."""
    total = sum(counts["gold"].values())
    lines = ["| required gold positions | count | share |", "|---|---:|---:|"]
    for name in CLASSES:
        n = counts["gold"][name]
        lines.append(f"| {name} | {n} | {n / total:.0%} |" if total else f"| {name} | {n} | – |")
    lines += ["", "| extra positions | count |", "|---|---:|"]
    lines += [f"| {name} | {n} |" for name, n in sorted(counts["extra"].items())]
    return lines


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    print("\n".join(table(breakdown(Path(argv[0]), Path(argv[1]), Path(argv[2])))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
