"""Acceptance: the competency questions, run unchanged by the CLI on the seeds' graph, against the gold.

Every ``shared/spec/competency/*.rq`` goes through ``polgraph query GRAPH FILE.rq --format records``.
The answers are compared with ``shared/gold/seeds/*.json`` by the gold's own rules
(``shared/gold/README.md``, as ``shared/eval/score.py`` applies them): names match by first and
last token, keywords by case-folded, accent-folded substring, and nothing more is hard-coded here.
"""
from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import PROV
from rdflib.plugins.sparql import prepareQuery

from conftest import SEED_FILES, BuiltGraph, invoke, shared_dir
from polgraph.reading import read_document

pytestmark = pytest.mark.slow

PG = Namespace("https://w3id.org/polgraph/ontology#")
STANCES = {"support", "oppose", "neutral"}
Row = dict[str, Any]

# --------------------------------------------------------------------------- the gold's rules
# (the same rules as shared/eval/score.py: README "any one keyword found ... counts as a match")

HONORIFICS = {"mr", "mrs", "ms", "dr", "mag", "prof", "sir", "h.e", "he"}
ROLE_WORDS = {
    "minister", "president", "secretary", "commissioner", "counterpart", "counterparts",
    "ambassador", "representative", "delegation", "prime", "chancellor", "head", "director",
    "chair", "chairman", "king", "queen", "mayor", "deputy", "spokesperson", "colleague",
    "colleagues", "of", "the", "minister's", "ministers", "leaders", "leader", "governor",
}


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", text).strip().casefold()


def has_any(text: str | None, keywords: Iterable[str]) -> bool:
    return bool(text) and any(fold(k) in fold(text) for k in keywords)  # type: ignore[arg-type]


def name_tokens(name: str) -> list[str]:
    toks = [t.strip(".,") for t in fold(name).split() if t.strip(".,")]
    return [t for t in toks if t not in HONORIFICS]


def same_person(extracted: str | None, gold: str) -> bool:
    e, g = name_tokens(extracted or ""), name_tokens(gold)
    if not e or not g:
        return False
    if e == g:
        return True
    if len(g) == 1:
        return e[-1] == g[-1]
    if len(g[0]) == 1:
        return e[0][0] == g[0] and e[-1] == g[-1]
    return e[0] == g[0] and e[-1] == g[-1]


def looks_like_name(label: str) -> bool:
    toks = name_tokens(label)
    return bool(toks) and not any(t in ROLE_WORDS for t in toks)


def stance_of(value: str | None) -> str | None:
    if value is None:
        return None
    name = re.split(r"[#/]", value)[-1].casefold()
    return next((s for s in STANCES if name.startswith(s)), name)


def max_matching(candidates: dict[int, list[int]]) -> dict[int, int]:
    """Maximum bipartite matching, left index -> right index (each right used once)."""
    right_of: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for r in candidates.get(i, []):
            if r not in seen:
                seen.add(r)
                if r not in right_of or augment(right_of[r], seen):
                    right_of[r] = i
                    return True
        return False

    for i in sorted(candidates):
        augment(i, set())
    return {i: r for r, i in right_of.items()}


def show(rows: Iterable[Row]) -> str:
    return "\n".join("    " + json.dumps(r, ensure_ascii=False) for r in rows) or "    (no rows)"


# --------------------------------------------------------------------------- fixtures


def cq_files() -> list[Any]:
    folder = shared_dir() / "spec" / "competency"
    files = sorted(folder.glob("*.rq")) if folder.is_dir() else []
    if not files:
        return [pytest.param(None, marks=pytest.mark.skip(
            reason=f"no competency questions at {folder}: put shared/ beside the repository "
                   "or set POLGRAPH_SHARED"))]
    return files


def _query(graph: Path, rq: Path, fmt: str) -> str:
    result = invoke(["query", graph, rq, "--format", fmt])
    assert result.exit_code == 0, f"polgraph query {rq.name} --format {fmt} exited {result.exit_code}:\n" \
                                  f"{result.stderr}"
    return result.stdout


@pytest.fixture(scope="module")
def cq(seeds_graph: BuiltGraph, shared: Path) -> Any:
    """``cq("cq1")`` -> the JSON answer rows of the competency question whose file starts with cq1."""

    @cache
    def answer(prefix: str) -> tuple[Row, ...]:
        (rq,) = sorted((shared / "spec" / "competency").glob(f"{prefix}_*.rq"))
        rows = json.loads(_query(seeds_graph.path, rq, "records"))
        return tuple(rows)

    return answer


@pytest.fixture(scope="module")
def gold(shared: Path) -> list[dict[str, Any]]:
    files = sorted((shared / "gold" / "seeds").glob("*.json"))
    if not files:
        pytest.skip(f"no gold annotations in {shared / 'gold' / 'seeds'}")
    golds = [json.loads(f.read_text(encoding="utf-8")) for f in files]
    assert sorted(g["doc"] for g in golds) == sorted(p.name for p in SEED_FILES), \
        "data/ must hold exactly the documents the seeds' gold describes"
    return golds


@pytest.fixture(scope="module")
def graph(seeds_graph: BuiltGraph) -> Graph:
    return Graph().parse(seeds_graph.path, format="turtle")


def gold_meetings(golds: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [gm | {"_doc": g["doc"]} for g in golds for gm in g.get("meetings", [])]


def meeting_matches(row: Row, gm: dict[str, Any]) -> bool:
    """A cq2 row's meeting is the gold meeting when its place or its date agrees (gold rule)."""
    place, date = row.get("place"), row.get("date")
    place_ok = bool(gm.get("place") and place and (has_any(place, [gm["place"]]) or has_any(gm["place"], [place])))
    date_ok = bool(gm.get("date") and date and date[:10] == gm["date"])
    return place_ok or date_ok


def meetings_of(cq2: Iterable[Row], gm: dict[str, Any]) -> set[str]:
    return {r["meeting"] for r in cq2 if meeting_matches(r, gm)}


# --------------------------------------------------------------------------- every question runs


@pytest.mark.parametrize("rq", cq_files(), ids=lambda p: p.stem if p else "missing")
def test_question_runs_unchanged_and_gives_json_rows(rq: Path, seeds_graph: BuiltGraph) -> None:
    expected = [str(v) for v in prepareQuery(rq.read_text(encoding="utf-8")).algebra["PV"]]
    rows = json.loads(_query(seeds_graph.path, rq, "records"))
    assert isinstance(rows, list) and rows, f"{rq.name} gives no answer on the seeds' graph"
    for row in rows:
        assert list(row) == expected, f"{rq.name}: columns {list(row)}, expected {expected}"


@pytest.mark.parametrize("rq", cq_files(), ids=lambda p: p.stem if p else "missing")
def test_table_csv_and_json_agree(rq: Path, seeds_graph: BuiltGraph) -> None:
    as_json = json.loads(_query(seeds_graph.path, rq, "records"))
    columns = list(as_json[0]) if as_json else []
    json_rows = [["" if v is None else v for v in r.values()] for r in as_json]

    as_csv = list(csv.reader(io.StringIO(_query(seeds_graph.path, rq, "csv"))))
    assert as_csv[0] == columns
    assert as_csv[1:] == json_rows

    table = _query(seeds_graph.path, rq, "table").splitlines()
    assert table[-1] == f"({len(as_json)} rows)"
    assert table[0].split() == columns
    spans = [m.span() for m in re.finditer(r"-+", table[1])]
    assert len(spans) == len(columns)
    body = table[2:-1]
    assert len(body) == len(json_rows)
    for line, row in zip(body, json_rows):
        cells = [line[a:b].strip() for a, b in spans]
        # the table shows each value on one line, cut to its column's width
        expected = [" ".join(v.split())[: b - a].strip() for v, (a, b) in zip(row, spans)]
        assert cells == expected, f"table row {line!r} differs from JSON row {row}"


# --------------------------------------------------------------------------- cq1 people


def test_cq1_gold_people_with_role_and_country(cq: Any, gold: list[dict[str, Any]]) -> None:
    rows = cq("cq1")
    problems = []
    for gp in (p for g in gold for p in g.get("persons", [])):
        mine = [r for r in rows if same_person(r["name"], gp["name"])]
        if not mine:
            problems.append(f"missing person {gp['name']}")
            continue
        if gp.get("role_any") and not any(has_any(r["role"], gp["role_any"]) for r in mine):
            problems.append(f"{gp['name']}: no role with any of {gp['role_any']}")
        if gp.get("country"):
            if gp["country"].upper() not in {(r["countryCode"] or "").upper() for r in mine}:
                problems.append(f"{gp['name']}: no post in country {gp['country']}")
        elif gp.get("org_any") and not any(has_any(r["orgName"], gp["org_any"]) for r in mine):
            problems.append(f"{gp['name']}: no post in an organization with any of {gp['org_any']}")
    assert not problems, "\n".join(problems) + "\ncq1 rows:\n" + show(rows)


def test_cq1_named_people_are_all_in_the_gold(cq: Any, gold: list[dict[str, Any]]) -> None:
    """Nothing the text does not say: every named person answered is a gold person."""
    names = [p["name"] for g in gold for p in g.get("persons", [])]
    extra = sorted({r["name"] for r in cq("cq1") if looks_like_name(r["name"])
                    and not any(same_person(r["name"], n) for n in names)})
    assert not extra, f"people not in the gold: {extra}"


def test_cq1_one_node_per_gold_person(cq: Any, gold: list[dict[str, Any]]) -> None:
    """The same real person is one node (CONTRACT: one node per person across documents)."""
    rows = cq("cq1")
    for gp in (p for g in gold for p in g.get("persons", [])):
        nodes = {r["person"] for r in rows if same_person(r["name"], gp["name"])}
        assert len(nodes) <= 1, f"{gp['name']} is {len(nodes)} nodes: {sorted(nodes)}"


# --------------------------------------------------------------------------- cq2 attendance


def test_cq2_gold_attendance_with_date_and_place(cq: Any, gold: list[dict[str, Any]]) -> None:
    rows = cq("cq2")
    problems = []
    for gm in gold_meetings(gold):
        for attendee in gm.get("attendees", []):
            mine = [r for r in rows if same_person(r["name"], attendee)]
            at = [r for r in mine if meeting_matches(r, gm)]
            if not at:
                problems.append(f"{attendee} not at the meeting in {gm.get('place')} on {gm.get('date')} "
                                f"(their attendance: {[(r['place'], r['date']) for r in mine]})")
                continue
            if gm.get("date") and not any((r["date"] or "")[:10] == gm["date"] for r in at):
                problems.append(f"{attendee}: meeting date {[r['date'] for r in at]}, gold {gm['date']}")
            if gm.get("place") and not any(has_any(r["place"], [gm["place"]]) for r in at):
                problems.append(f"{attendee}: meeting place {[r['place'] for r in at]}, gold {gm['place']}")
    assert not problems, "\n".join(problems) + "\ncq2 rows:\n" + show(rows)


def test_cq2_no_attendance_the_gold_does_not_give(cq: Any, gold: list[dict[str, Any]]) -> None:
    meetings = gold_meetings(gold)
    extra = [
        r for r in cq("cq2")
        if looks_like_name(r["name"]) and not any(
            meeting_matches(r, gm) and any(same_person(r["name"], a)
                                           for a in gm.get("attendees", []) + gm.get("attendees_optional", []))
            for gm in meetings)
    ]
    assert not extra, "attendance not in the gold:\n" + show(extra)


# --------------------------------------------------------------------------- cq3 counterparts


def test_cq3_counterparts_by_country_and_name(cq: Any, gold: list[dict[str, Any]]) -> None:
    rows = cq("cq3")
    problems = []
    by_person: dict[str, list[dict[str, Any]]] = {}
    for gm in (m for g in gold for m in g.get("meets", [])):
        by_person.setdefault(gm["person"], []).append(gm)
    for person, meets in by_person.items():
        mine = [r for r in rows if same_person(r["name"], person)]
        want = {m["counterpart_country"].upper() for m in meets if m.get("counterpart_country")
                and not m.get("optional")}
        got = {(r["counterpartCountry"] or "").upper() for r in mine} - {""}
        optional = {m["counterpart_country"].upper() for m in meets if m.get("counterpart_country")
                    and m.get("optional")}
        if not want <= got:
            problems.append(f"{person}: counterparts missing from {sorted(want - got)}")
        if got - want - optional:
            problems.append(f"{person}: counterparts from countries not in the gold {sorted(got - want - optional)}")
        for m in meets:
            if m.get("counterpart_name") and not m.get("optional") and \
                    not any(same_person(r["counterpartName"], m["counterpart_name"]) for r in mine):
                problems.append(f"{person}: no counterpart named {m['counterpart_name']}")
    assert not problems, "\n".join(problems) + "\ncq3 rows:\n" + show(rows)


def test_cq3_no_meetings_between_people_the_gold_does_not_give(cq: Any, gold: list[dict[str, Any]]) -> None:
    """pg:meets is symmetric: a row in either direction must be a gold pair."""
    meets = [m for g in gold for m in g.get("meets", [])]
    countries: dict[str, set[str]] = {}  # person label -> the countries of their posts (cq1)
    for r in cq("cq1"):
        countries.setdefault(r["name"], set()).add((r["countryCode"] or "").upper())

    def met(a: str | None, b: str | None, b_countries: set[str]) -> bool:
        """The gold says that a met b (b given by name, or by the countries of b's posts)."""
        return any(
            same_person(a, m["person"]) and (
                bool(m.get("counterpart_country") and m["counterpart_country"].upper() in b_countries)
                or bool(m.get("counterpart_name") and same_person(b, m["counterpart_name"])))
            for m in meets)

    extra = [
        r for r in cq("cq3")
        if not met(r["name"], r["counterpartName"],
                   {(r["counterpartCountry"] or "").upper()} | countries.get(r["counterpartName"] or "", set()))
        and not met(r["counterpartName"], r["name"], countries.get(r["name"], set()))
    ]
    assert not extra, "pg:meets pairs not in the gold:\n" + show(extra)


# --------------------------------------------------------------------------- cq4 positions


def _texts() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in SEED_FILES}


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_cq4_positions_have_verbatim_evidence(cq: Any, graph: Graph) -> None:
    rows = cq("cq4")
    assert rows, "no positions"
    texts = _texts()
    problems = []
    for r in rows:
        if not (r["evidence"] or "").strip():
            problems.append(f"empty evidence: {r}")
            continue
        if stance_of(r["stance"]) not in STANCES:
            problems.append(f"stance {r['stance']} is not pg:Support, pg:Oppose or pg:Neutral")
        if not r["doc"]:
            problems.append(f"no document for {r['position']}")
            continue
        source = str(graph.value(URIRef(r["doc"]), PG.source))
        name = re.split(r"[\\/]", source)[-1]
        if name not in texts:
            problems.append(f"{r['position']}: its document's source {source!r} is not a file in data/")
        elif _squash(r["evidence"]) not in _squash(texts[name]):
            problems.append(f"{r['position']}: evidence not verbatim in {name}: {r['evidence']!r}")
    assert not problems, "\n".join(problems)


def test_evidence_offsets_point_at_the_evidence(graph: Graph) -> None:
    """pg:evidenceStart/End are offsets of the evidence in the document's extracted text."""
    texts = {p.name: read_document(p).text for p in SEED_FILES}
    checked = 0
    for position, evidence in graph.subject_objects(PG.evidence):
        start, end = graph.value(position, PG.evidenceStart), graph.value(position, PG.evidenceEnd)
        doc = graph.value(position, PROV.wasDerivedFrom)
        assert start is not None and end is not None and doc is not None, position
        text = texts[re.split(r"[\\/]", str(graph.value(doc, PG.source)))[-1]]
        assert text[int(start):int(end)] == str(evidence), f"{position}: offsets {start}-{end}"
        checked += 1
    assert checked


def test_cq4_gold_positions(cq: Any, gold: list[dict[str, Any]]) -> None:
    """Each required gold position: same holder, a topic label with one of its keywords, an accepted stance."""
    rows = cq("cq4")
    required = [gp for g in gold for gp in g.get("positions", []) if not gp.get("optional")]
    positions: dict[str, Row] = {}
    for r in rows:
        positions.setdefault(r["position"], r)
    pos_list = sorted(positions.values(), key=lambda r: r["position"])

    def ok(gp: dict[str, Any], r: Row) -> bool:
        return (same_person(r["name"], gp["holder"]) and has_any(r["topic"], gp["topic_any"])
                and stance_of(r["stance"]) in set(gp.get("stance_any", [gp["stance"]])))

    matching = max_matching({i: [j for j, r in enumerate(pos_list) if ok(gp, r)] for i, gp in enumerate(required)})
    missed = [
        f"{gp['holder']} / any of {gp['topic_any']} / {gp.get('stance_any', [gp['stance']])}; "
        f"nearest rows: {[(r['topic'], stance_of(r['stance'])) for r in pos_list if same_person(r['name'], gp['holder']) and has_any(r['topic'], gp['topic_any'])]}"  # noqa: E501
        for i, gp in enumerate(required) if i not in matching
    ]
    assert not missed, (f"{len(missed)} of {len(required)} gold positions missed:\n  " + "\n  ".join(missed)
                        + "\ncq4 rows (name, topic, stance):\n"
                        + show({"name": r["name"], "topic": r["topic"], "stance": stance_of(r["stance"])}
                               for r in pos_list))


def test_cq4_no_position_the_gold_does_not_give(cq: Any, gold: list[dict[str, Any]]) -> None:
    """Lenient (as the gold's scorer): a position counts when its topic or its evidence has a keyword."""
    every = [gp for g in gold for gp in g.get("positions", [])]
    extra = [
        {"name": r["name"], "topic": r["topic"], "stance": stance_of(r["stance"]), "evidence": r["evidence"]}
        for r in cq("cq4")
        if not any(same_person(r["name"], gp["holder"]) and
                   (has_any(r["topic"], gp["topic_any"]) or has_any(r["evidence"], gp["topic_any"]))
                   for gp in every)
    ]
    assert not extra, "positions not in the gold:\n" + show(extra)


# --------------------------------------------------------------------------- cq5, cq6 meetings


def test_cq5_conveners(cq: Any, gold: list[dict[str, Any]]) -> None:
    cq2, rows = cq("cq2"), cq("cq5")
    problems = []
    for gm in gold_meetings(gold):
        if not gm.get("convener_any"):
            continue
        meetings = meetings_of(cq2, gm)
        names = [r["convenerName"] for r in rows if r["meeting"] in meetings]
        if not any(has_any(n, gm["convener_any"]) for n in names):
            problems.append(f"meeting in {gm.get('place')} ({sorted(meetings) or 'not found'}): conveners {names}, "
                            f"gold any of {gm['convener_any']}")
    assert not problems, "\n".join(problems) + "\ncq5 rows:\n" + show(rows)


def test_cq6_meeting_topics_cover_the_gold(cq: Any, gold: list[dict[str, Any]]) -> None:
    cq2, rows = cq("cq2"), cq("cq6")
    problems = []
    for gm in gold_meetings(gold):
        meetings = meetings_of(cq2, gm)
        topics = sorted({r["topic"] for r in rows if r["meeting"] in meetings})
        for alternatives in gm.get("topics_any", []):
            if not any(has_any(t, alternatives) for t in topics):
                problems.append(f"meeting in {gm.get('place')}: no topic with any of {alternatives} in {topics}")
    assert not problems, "\n".join(problems)


# --------------------------------------------------------------------------- cq7, cq8 well formed


def test_cq7_shared_topics_are_well_formed(cq: Any) -> None:
    rows = cq("cq7")
    people: dict[str, set[str]] = {}
    for r in cq("cq4"):
        people.setdefault(r["topic"], set()).add(r["name"])
    expected = {t: len(n) for t, n in people.items() if len(n) > 1}
    got = {}
    for r in rows:
        assert r["topic"] and r["people"] and r["people"].isdigit(), r
        got[r["topic"]] = int(r["people"])
    counts = [int(r["people"]) for r in rows]
    assert counts == sorted(counts, reverse=True)
    # cq4 needs evidence, cq7 does not: every cq4 topic shared by n people has at least n in cq7
    for topic, n in expected.items():
        assert got.get(topic, 0) >= n, f"{topic}: {got.get(topic)} people in cq7, {n} in cq4"
    assert all(n > 1 for n in got.values())


def test_cq8_positions_over_time_are_well_formed(cq: Any) -> None:
    rows = cq("cq8")
    assert rows
    for r in rows:
        assert r["topic"] and r["name"], r
        assert stance_of(r["stance"]) in STANCES, r
        assert r["date"] is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["date"]), r
    topics = [r["topic"] for r in rows]
    assert topics == sorted(topics), "cq8 rows are ordered by topic"
    assert {(r["topic"], r["name"], r["stance"]) for r in cq("cq4")} <= {
        (r["topic"], r["name"], r["stance"]) for r in rows}
