"""The world-politics topic scheme (CAP structure, closeMatch alignments) and the lemma topic finder.

Sentences here are invented, in the registers of several governments' press offices.
"""
from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS

from polgraph.extract import rule_topics as rt
from polgraph.extract.topics import (
    TOPIC_NAMESPACE,
    TopicHit,
    TopicScheme,
    _label_key,
    load_topic_scheme,
)
from polgraph.resources import topics_path

ROOT = Path(__file__).resolve().parent.parent
V1 = ROOT / "scripts" / "data" / "topics-v1.ttl"
CAP_IRI = re.compile(r"https://www\.comparativeagendas\.net/pages/master-codebook#(\d{3,4})")
EUROVOC_IRI = re.compile(r"http://eurovoc\.europa\.eu/\d+")
CAP_MAJORS = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 23}


@pytest.fixture(scope="module")
def scheme() -> TopicScheme:
    return load_topic_scheme()


@pytest.fixture(scope="module")
def v1() -> dict[str, str]:
    g = Graph()
    g.parse(V1, format="turtle")
    return {str(c)[len(TOPIC_NAMESPACE):]: str(g.value(c, SKOS.prefLabel)) for c in g.subjects(RDF.type, SKOS.Concept)}


def ids(hits: list[TopicHit]) -> list[str]:
    return [h.topic_id for h in hits]


# ---------------------------------------------------------------- structure


def test_every_concept_has_a_broader_path_to_a_top_concept(scheme: TopicScheme) -> None:
    tops = set(scheme.top_concepts)
    for topic_id in scheme.topics:
        assert topic_id in tops or set(scheme.ancestors(topic_id)) & tops, topic_id


def test_top_concepts_are_the_cap_major_topics(topics_graph: Graph, scheme: TopicScheme) -> None:
    majors = set()
    for top in scheme.top_concepts:
        codes = [int(m.group(1)) for o in topics_graph.objects(URIRef(TOPIC_NAMESPACE + top), SKOS.closeMatch)
                 if (m := CAP_IRI.fullmatch(str(o)))]
        assert codes and all(c % 100 == 0 for c in codes), f"{top} has no CAP major-topic closeMatch"
        majors.update(c // 100 for c in codes)
    assert majors == CAP_MAJORS


def test_every_concept_of_the_first_scheme_is_kept_with_its_pref_label(scheme: TopicScheme, v1: dict[str, str]) -> None:
    for topic_id, label in v1.items():
        assert scheme.label(topic_id) == label


def test_parents_of_rule_made_concepts(scheme: TopicScheme) -> None:
    assert {rt.RELATIONS, rt.TERRITORIAL_INTEGRITY, rt.CONFLICTS, rt.NAMED, rt.DETAINED, rt.FALLBACK_PARENT} <= set(scheme.topics)
    assert scheme.label("territorial-integrity") == "Territorial integrity and sovereignty"
    assert scheme.label("conflicts-and-peace-processes") == "Armed conflicts and peace processes"
    assert scheme.label("named-initiatives") == "Named agreements and initiatives"
    assert scheme.label("bilateral-relations") == "Bilateral relations"


def test_problems_to_counter_are_a_collection_of_concepts_and_their_narrower_ones(topics_graph: Graph,
                                                                                 scheme: TopicScheme) -> None:
    from polgraph.extract.topics import PROBLEMS_COLLECTION

    members = {str(m) for m in topics_graph.objects(PROBLEMS_COLLECTION, SKOS.member)}
    assert members and all(m.removeprefix(TOPIC_NAMESPACE) in scheme.topics for m in members)
    assert scheme.is_problem("counter-terrorism")
    assert scheme.is_problem("ebola")  # narrower than communicable diseases
    assert not scheme.is_problem("climate-change") and not scheme.is_problem("law-and-order")


def test_no_surface_form_belongs_to_two_concepts(scheme: TopicScheme, caplog: pytest.LogCaptureFixture) -> None:
    owner: dict[tuple[str, ...], str] = {}
    for topic in scheme.topics.values():
        for label in (topic.pref_label, *topic.alt_labels):
            assert owner.setdefault(_label_key(label), topic.id) == topic.id, (label, owner[_label_key(label)], topic.id)
    with caplog.at_level(logging.WARNING, logger="polgraph.extract.topics"):
        load_topic_scheme(topics_path())
    assert not caplog.records


def test_close_match_iris_are_well_formed(topics_graph: Graph) -> None:
    n_cap = n_eurovoc = 0
    for c, o in topics_graph.subject_objects(SKOS.closeMatch):
        iri = str(o)
        if m := CAP_IRI.fullmatch(iri):
            code = int(m.group(1))
            assert code // 100 in CAP_MAJORS and code % 100 <= 99, (c, iri)
            n_cap += 1
        else:
            assert EUROVOC_IRI.fullmatch(iri), (c, iri)
            n_eurovoc += 1
    assert n_cap >= 150 and n_eurovoc >= 100


def test_new_pref_labels_are_short(scheme: TopicScheme, v1: dict[str, str]) -> None:
    for topic in scheme.topics.values():
        if topic.id not in v1:
            assert len(topic.pref_label.split()) <= 5, topic.pref_label
    mean = sum(len(t.pref_label.split()) for t in scheme.topics.values()) / len(scheme.topics)
    assert mean <= 5


@pytest.mark.parametrize("topic_id", [
    "sanctions", "nuclear-non-proliferation", "arms-control", "free-trade-agreements", "fiscal-policy",
    "public-debt", "climate-finance", "ceasefire", "humanitarian-access", "conflict-resolution",
    "territorial-integrity", "media-freedom", "political-prisoners", "hostages", "cybersecurity",
    "critical-minerals", "economic-security", "development-cooperation", "debt-relief", "pandemic-preparedness",
    "universal-health-coverage", "digital-health", "food-security", "maritime-security", "counter-terrorism",
    "space", "arctic", "health-systems", "ebola", "international-solidarity", "evacuation-and-repatriation",
    "diplomatic-relations", "defence-cooperation", "european-security", "natural-disasters", "democracy",
])
def test_stance_objects_of_world_politics_are_concepts(scheme: TopicScheme, topic_id: str) -> None:
    assert topic_id in scheme.topics


# ---------------------------------------------------------------- the lemma finder on a parse


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    from polgraph.extract.pipeline import load_pipeline

    return load_pipeline()


@pytest.mark.parametrize(("text", "expected"), [
    ("The Minister welcomed the lifting of sanctions on the country's civil aviation sector.", "sanctions"),
    ("The Foreign Secretary reaffirmed the UK's support for nuclear non-proliferation.", "nuclear-non-proliferation"),
    ("Both sides underscored their respect for the sovereignty and territorial integrity of all States.",
     "territorial-integrity"),
    ("Hon'ble Minister highlighted India's commitment to universal health coverage.", "universal-health-coverage"),
    ("The Secretary called for an immediate cease-fire in the region.", "ceasefire"),
    ("The Senator praised the resilience of American democracy.", "democracy"),
    ("The Minister expressed condolences to the victims of the earthquake.", "natural-disasters"),
    ("She lauded the country's robust healthcare system.", "health-systems"),
    ("He called for a level playing field for exporters.", "competition-policy"),
    ("The Federal Minister urged unhindered humanitarian access to the affected areas.", "humanitarian-access"),
    ("The Prime Minister voiced concern about rising public debt and fiscal consolidation.", "public-debt"),
    ("Minister Ruiz pledged new climate finance for small island states.", "climate-finance"),
    ("The Secretary of State condemned the detention of political prisoners.", "political-prisoners"),
    ("H.E. the Minister appreciated cooperation on critical minerals and rare earths.", "critical-minerals"),
    ("The Minister expressed support for freedom of navigation in the South China Sea.", "maritime-security"),
    ("The Chancellor reiterated the call for the release of all hostages.", "hostages"),
    ("The two leaders agreed to deepen cooperation on counter-terrorism.", "counter-terrorism"),
    ("Ministers discussed the migration crises of the past decade.", "migration-crisis"),  # lemma: crises -> crisis
    ("SANCTIONS AGAINST RUSSIA EXTENDED", "sanctions-against-russia"),
])
def test_find_in_by_lemma(scheme: TopicScheme, nlp, text: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    hits = scheme.find_in(doc)
    assert expected in ids(hits), [(h.topic_id, h.surface) for h in hits]
    for h in hits:
        assert doc.text[h.start:h.end] == h.surface


def test_find_in_finds_what_find_finds(scheme: TopicScheme, nlp) -> None:  # type: ignore[no-untyped-def]
    for text in [
        "The Minister welcomed progress on the Schengen Borders Code and on police cooperation.",
        "She stressed Frontex\u2019s mandate and the EU\u2019s External Borders.",
        "The ministers discussed renewable energy, energy security and the green transition.",
    ]:
        found = {(h.topic_id, h.start, h.end) for h in scheme.find(text)}
        assert found <= {(h.topic_id, h.start, h.end) for h in scheme.find_in(nlp(text))}, text


def test_find_in_offsets_are_relative_to_the_span(scheme: TopicScheme, nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("The talks opened in the morning. The Minister welcomed the lifting of sanctions.")
    sent = list(doc.sents)[1]
    hits = scheme.find_in(sent)
    assert ids(hits) == ["sanctions"]
    assert sent.text[hits[0].start:hits[0].end] == hits[0].surface == "lifting of sanctions"


def test_find_in_longest_match_and_breaks(scheme: TopicScheme, nlp) -> None:  # type: ignore[no-untyped-def]
    assert ids(scheme.find_in(nlp("the reintroduction of internal border controls"))) == ["internal-border-controls"]
    assert "border-control" not in ids(scheme.find_in(nlp("We reached the border.\n\nControl was lax.")))


def test_pipeline_component_writes_doc_extension(nlp) -> None:  # type: ignore[no-untyped-def]
    assert "polgraph_topics" in nlp.pipe_names
    doc = nlp("The Minister reaffirmed support for the peace process and an immediate ceasefire.")
    assert {"conflict-resolution", "ceasefire"} <= set(ids(list(doc._.polgraph_topics)))
