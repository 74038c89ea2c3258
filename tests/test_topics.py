"""The topic scheme (ontology/topics.ttl) and the topic matcher (polgraph.extract.topics)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, SKOS
from rdflib.term import Node

from polgraph.errors import ExtractionError
from polgraph.extract.topics import (
    TOPIC_NAMESPACE,
    TopicHit,
    TopicScheme,
    load_topic_scheme,
)

PG = Namespace("https://w3id.org/polgraph/ontology#")
SCHEME = URIRef(TOPIC_NAMESPACE + "scheme")
KEBAB = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# Labels are plain words: no sentence punctuation, brackets or quotes.
LABEL_CHARS = re.compile(r"[\w' ,/\-]+")


@pytest.fixture(scope="module")
def concepts(topics_graph: Graph) -> list[URIRef]:
    return sorted(s for s in topics_graph.subjects(RDF.type, SKOS.Concept) if isinstance(s, URIRef))


@pytest.fixture(scope="module")
def scheme() -> TopicScheme:
    return load_topic_scheme()


def ids(hits: list[TopicHit]) -> list[str]:
    return [h.topic_id for h in hits]


# ---------------------------------------------------------------- the scheme file


def test_one_concept_scheme_with_a_label(topics_graph: Graph) -> None:
    assert list(topics_graph.subjects(RDF.type, SKOS.ConceptScheme)) == [SCHEME]
    assert topics_graph.value(SCHEME, RDFS.label) is not None
    assert topics_graph.value(SCHEME, SKOS.prefLabel) is not None


def test_scheme_size(concepts: list[URIRef]) -> None:
    assert 250 <= len(concepts) <= 400


def test_concept_iris_are_kebab_case_in_the_topic_namespace(concepts: list[URIRef]) -> None:
    for c in concepts:
        assert str(c).startswith(TOPIC_NAMESPACE), c
        assert KEBAB.fullmatch(str(c)[len(TOPIC_NAMESPACE):]), c


def test_every_concept_is_a_topic_in_the_scheme(topics_graph: Graph, concepts: list[URIRef]) -> None:
    for c in concepts:
        assert (c, RDF.type, PG.Topic) in topics_graph, c
        assert list(topics_graph.objects(c, SKOS.inScheme)) == [SCHEME], c
        definitions = list(topics_graph.objects(c, SKOS.definition))
        assert len(definitions) == 1 and str(definitions[0]).strip(), c


def test_one_english_pref_label_repeated_as_rdfs_label(topics_graph: Graph, concepts: list[URIRef]) -> None:
    for c in concepts:
        prefs = list(topics_graph.objects(c, SKOS.prefLabel))
        labels = list(topics_graph.objects(c, RDFS.label))
        assert len(prefs) == 1, c
        assert isinstance(prefs[0], Literal) and prefs[0].language == "en", c
        assert labels == prefs, c


def test_broader_or_top_concept(topics_graph: Graph, concepts: list[URIRef]) -> None:
    tops = set(topics_graph.objects(SCHEME, SKOS.hasTopConcept))
    for c in concepts:
        broader = list(topics_graph.objects(c, SKOS.broader))
        top_of = list(topics_graph.objects(c, SKOS.topConceptOf))
        assert bool(broader) != bool(top_of), f"{c} needs either skos:broader or skos:topConceptOf"
        assert top_of in ([], [SCHEME]), c
        assert (c in tops) == bool(top_of), c
        for b in broader:
            assert b in concepts, f"{c} has broader {b}, which is not a concept of the scheme"
    assert len(tops) == 21  # the major topics of the Comparative Agendas Project


def test_broader_has_no_cycles(topics_graph: Graph, concepts: list[URIRef]) -> None:
    parents: dict[Node, set[Node]] = {c: set(topics_graph.objects(c, SKOS.broader)) for c in concepts}
    for start in concepts:
        seen: set[Node] = set()
        frontier = list(parents[start])
        while frontier:
            node = frontier.pop()
            assert node != start, f"skos:broader cycle through {start}"
            if node not in seen:
                seen.add(node)
                frontier.extend(parents.get(node, ()))


def test_labels_are_plain_words(topics_graph: Graph, concepts: list[URIRef]) -> None:
    for c in concepts:
        for label in [*topics_graph.objects(c, SKOS.prefLabel), *topics_graph.objects(c, SKOS.altLabel)]:
            assert LABEL_CHARS.fullmatch(str(label)), f"{c}: label {label!r} contains punctuation"
            assert str(label) == str(label).strip(), f"{c}: label {label!r} has outer spaces"


def test_no_surface_form_belongs_to_two_concepts(topics_graph: Graph, concepts: list[URIRef]) -> None:
    owner: dict[str, URIRef] = {}
    for c in concepts:
        forms = {str(x).lower() for x in [*topics_graph.objects(c, SKOS.prefLabel), *topics_graph.objects(c, SKOS.altLabel)]}
        for form in forms:
            assert owner.setdefault(form, c) == c, f"{form!r} is a label of both {owner[form]} and {c}"


def test_every_label_matches_its_own_concept(scheme: TopicScheme) -> None:
    """Also catches labels that differ only by case, plural, spelling or hyphenation."""
    for topic in scheme.topics.values():
        for label in (topic.pref_label, *topic.alt_labels):
            hits = scheme.find(label)
            assert [(h.topic_id, h.start, h.end) for h in hits] == [(topic.id, 0, len(label))], (
                f"{label!r} of {topic.id} matches {[(h.topic_id, h.surface) for h in hits]}"
            )


# ---------------------------------------------------------------- loading


def test_loaded_topics_mirror_the_file(scheme: TopicScheme, concepts: list[URIRef]) -> None:
    assert set(scheme.topics) == {str(c)[len(TOPIC_NAMESPACE):] for c in concepts}
    topic = scheme.topics["external-border-control"]
    assert topic.pref_label == "External border control"
    assert "external borders" in topic.alt_labels
    assert topic.broader == ("border-control",)
    assert "migration-and-asylum" in scheme.top_concepts


def test_default_scheme_is_cached() -> None:
    assert load_topic_scheme() is load_topic_scheme()


def test_explicit_path(tmp_path: Path) -> None:
    path = tmp_path / "mini.ttl"
    path.write_text(
        """@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        @prefix t: <https://w3id.org/polgraph/id/topic/> .
        t:a a skos:Concept ; skos:prefLabel "Alpha topic"@en ; skos:altLabel "alphas" .
        t:b a skos:Concept ; skos:prefLabel "Beta"@en ; skos:broader t:a .
        """,
        encoding="utf-8",
    )
    mini = load_topic_scheme(path)
    assert set(mini.topics) == {"a", "b"}
    assert ids(mini.find("Alpha topics and a beta.")) == ["a", "b"]
    assert mini.ancestors("b") == ("a",)


def test_unreadable_scheme_raises_extraction_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    with pytest.raises(ExtractionError):
        load_topic_scheme(bad)
    with pytest.raises(ExtractionError):
        load_topic_scheme(tmp_path / "missing.ttl")


# ---------------------------------------------------------------- matching


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("strengthening control of the external borders of the European Union", "external-border-control"),
        ("no new border controls should be introduced within the Schengen area", "internal-border-controls"),
        ("the relocation of migrants rescued at sea", "relocation-of-migrants"),
        ("the prevention of radicalisation", "radicalisation-prevention"),
        ("preventing radicalization online", "radicalisation-prevention"),
        ("the fight against organized crime", "serious-and-organised-crime"),
        ("effective return (through return and readmission agreements)", "return-and-readmission"),
        ("combating migrant smuggling", "migrant-smuggling"),
        ("trafficking in human beings", "trafficking-in-human-beings"),
        ("cooperation with third countries", "cooperation-with-third-countries"),
        ("police cooperation in a globalised world", "police-cooperation"),
        ("the reform of the Common European Asylum System", "common-european-asylum-system"),
        ("the Dublin Regulation proposal", "dublin-regulation"),
        ("the Temporary Protection Directive", "temporary-protection"),
        ("the Pact on Migration and Asylum", "pact-on-migration-and-asylum"),
        ("EU enlargement in the Western Balkans", "eu-enlargement"),
        ("respect for the rule of law", "rule-of-law"),
        ("the ninth package of sanctions against Russia", "sanctions-against-russia"),
        ("Russia's war of aggression against Ukraine", "russian-aggression-against-ukraine"),
        ("military assistance to Ukraine", "military-assistance-to-ukraine"),
        ("ensure energy security", "energy-security"),
        ("investment in solar and wind energy", "renewable-energy"),
        ("the EU strategy on adaptation to climate change", "climate-change-adaptation"),
        ("the proposal for a regulation concerning batteries and waste batteries", "batteries-regulation"),
        ("preserving the Iran nuclear deal", "iran-nuclear-programme"),
        ("the Schengen Borders Code", "schengen-borders-code"),
        ("interoperability of information systems", "interoperability"),
        ("the exchange of information between police forces", "information-exchange"),
    ],
)
def test_finds_topic(scheme: TopicScheme, text: str, expected: str) -> None:
    assert expected in ids(scheme.find(text))


def test_longest_match_wins(scheme: TopicScheme) -> None:
    assert ids(scheme.find("the reintroduction of internal border controls")) == ["internal-border-controls"]
    assert ids(scheme.find("strict border controls")) == ["border-control"]
    assert ids(scheme.find("the Western Balkans route")) == ["western-balkans-migration-route"]


def test_hits_carry_offsets_and_verbatim_surface(scheme: TopicScheme) -> None:
    text = "Minister: \u201cWe support Frontex\u2019s mandate and the EU\u2019s External Borders.\u201d"
    hits = scheme.find(text)
    assert [(h.topic_id, h.surface) for h in hits] == [
        ("frontex", "Frontex\u2019s mandate"),
        ("external-border-control", "EU\u2019s External Borders"),
    ]
    for h in hits:
        assert text[h.start:h.end] == h.surface
    assert [h.start for h in hits] == sorted(h.start for h in hits)


def test_case_plural_and_diacritic_insensitive(scheme: TopicScheme) -> None:
    assert ids(scheme.find("BORDER CONTROLS")) == ["border-control"]
    assert ids(scheme.find("the revision of the Pr\u00fcm decisions")) == ["information-exchange"]
    assert ids(scheme.find("the PRUM decision")) == ["information-exchange"]
    assert ids(scheme.find("energy policies")) == ["energy-policy"]
    assert ids(scheme.find("counter terrorism")) == ids(scheme.find("counter-terrorism")) == ["counter-terrorism"]


def test_whole_words_only(scheme: TopicScheme) -> None:
    assert scheme.find("a borderline case in Schengenland") == []
    assert scheme.find("") == []


def test_no_match_across_sentences_or_brackets(scheme: TopicScheme) -> None:
    assert "border-control" not in ids(scheme.find("We crossed the border. Control was lax."))
    assert ids(scheme.find("rule (of law)")) == []


# ---------------------------------------------------------------- hierarchy helpers


def test_ancestors_nearest_first(scheme: TopicScheme) -> None:
    assert scheme.ancestors("external-border-control") == ("border-control", "borders-and-schengen", "law-and-order")
    assert scheme.ancestors("migration-and-asylum") == ()
    dublin = scheme.ancestors("dublin-regulation")
    assert dublin[0] == "common-european-asylum-system" and dublin[-1] == "migration-and-asylum"


def test_most_specific_drops_ancestors(scheme: TopicScheme) -> None:
    got = scheme.most_specific(
        ["migration-and-asylum", "relocation-of-migrants", "solidarity-in-migration", "schengen-area",
         "relocation-of-migrants"]
    )
    assert got == ["relocation-of-migrants", "schengen-area"]
    assert scheme.most_specific([]) == []


def test_label_and_unknown_ids(scheme: TopicScheme) -> None:
    assert scheme.label("schengen-area") == "Schengen area"
    with pytest.raises(KeyError):
        scheme.label("no-such-topic")
    with pytest.raises(KeyError):
        scheme.ancestors("no-such-topic")
