"""Extractions -> one RDF graph. The only module that mints IRIs and adds triples.

IRIs are deterministic: people, countries, places, posts and topics are named by what they
are (so the same person in two documents is one node); meetings and positions by the
document's content hash and their order in it.

Names become IRI segments with :func:`name_slug`: names written in Latin letters (with or
without diacritics) give a readable kebab-case slug (``Miro Cerar`` -> ``miro-cerar``);
names in any other script, or with letters that have no ASCII decomposition (``Đorđe``),
are transliterated (anyascii) and get a hash of the name, so that two different names
never share a node (``Đorđe`` -> ``dorde-<hash>``, ``Κυριάκος`` -> ``kyriakos-<hash>``).
"""
from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterable

from anyascii import anyascii
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

from polgraph.extract.gazetteer import country_label, fold
from polgraph.extract.topics import TopicScheme, load_topic_scheme
from polgraph.models import Extraction, Meeting, Org, Person, Place, Post, RuleTopic
from polgraph.vocab import ID, PG

logger = logging.getLogger(__name__)

STANCE_IRI = {"support": PG.Support, "oppose": PG.Oppose, "neutral": PG.Neutral}
KIND_IRI = {
    "council": PG.CouncilSession, "summit": PG.Summit, "conference": PG.Conference, "visit": PG.Visit,
    "bilateral": PG.BilateralMeeting, "multilateral": PG.MultilateralMeeting, "phone": PG.PhoneCall,
    "event": PG.Event, "meeting": PG.GenericMeeting,
}
TOPIC_SCHEME = ID["topic/scheme"]


_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_MAX_SLUG = 80
_HASH_CHARS = 12  # 48 bits: a collision needs ~16 million distinct non-Latin names


def name_slug(text: str) -> str:
    """The IRI segment for a name: deterministic, ASCII, and different for different names.

    The name is compared as :func:`~polgraph.extract.gazetteer.fold` compares names (case,
    diacritics and spacing ignored): names that fold to ASCII give their kebab-case slug;
    any other name is transliterated with anyascii and gets the first hex digits of the
    SHA-256 of its folded form (so ``Đorđe`` and ``Dorde`` are two nodes, and two Chinese
    names with one romanisation stay apart).

    Args:
        text: A name, title or label, in any script.

    Returns:
        A non-empty string of ``a-z``, ``0-9`` and ``-``.
    """
    folded = fold(text)
    plain = _NOT_SLUG.sub("-", folded).strip("-")
    if plain and folded.isascii():
        return plain[:_MAX_SLUG].strip("-")
    readable = _NOT_SLUG.sub("-", anyascii(folded).lower()).strip("-")[:_MAX_SLUG].strip("-")
    digest = hashlib.sha256(folded.encode("utf-8", "surrogatepass")).hexdigest()[:_HASH_CHARS]
    return f"{readable or 'x'}-{digest}"


def new_graph() -> Graph:
    g = Graph()
    g.bind("pg", PG._NS)
    for kind in ("document", "person", "country", "org", "post", "place", "meeting", "topic", "position"):
        g.bind("organisation" if kind == "org" else kind, ID[f"{kind}/"])  # rdflib already binds org: to W3C ORG
    g.bind("skos", SKOS)
    g.bind("prov", PROV)
    return g


def document_iri(extraction: Extraction) -> URIRef:
    return ID[f"document/{extraction.document.doc_id}"]


def org_iri(org: Org) -> URIRef:
    return ID[f"country/{org.country_code}"] if org.country_code else ID[f"org/{name_slug(org.label)}"]


def person_iri(person: Person) -> URIRef:
    return ID[f"person/{name_slug(person.label)}"]


def post_iri(post: Post) -> URIRef:
    owner = (post.org.country_code or name_slug(post.org.label)) if post.org else "x"
    return ID[f"post/{owner}-{name_slug(post.role_title)}"]


def place_iri(place: Place) -> URIRef:
    return ID[f"place/{name_slug(place.label)}"]


def topic_iri(topic_id: str) -> URIRef:
    return ID[f"topic/{topic_id}"]


def build_graph(extractions: Iterable[Extraction], *, scheme: TopicScheme | None = None,
                graph: Graph | None = None) -> Graph:
    """Add every extraction to ``graph`` (a new one by default) and return it."""
    g = graph if graph is not None else new_graph()
    scheme = scheme or load_topic_scheme()
    for extraction in extractions:
        add_extraction(g, extraction, scheme)
    return g


def add_extraction(g: Graph, ex: Extraction, scheme: TopicScheme) -> None:
    """The triples of one document."""
    src = ex.document
    doc = document_iri(ex)
    g.add((doc, RDF.type, PG.Document))
    g.add((doc, PG.source, Literal(src.source)))
    g.add((doc, PG.contentHash, Literal(src.content_hash)))
    if src.title:
        g.add((doc, PG.title, Literal(src.title)))
    if src.published:
        g.add((doc, PG.datePublished, Literal(src.published.isoformat(), datatype=XSD.date)))

    persons = [_add_person(g, p, doc) for p in ex.persons]
    made = {t.id: t for t in ex.topics}  # the topics made by rule for this document
    meetings: list[URIRef] = []
    for i, meeting in enumerate(ex.meetings):
        meetings.append(_add_meeting(g, meeting, ID[f"meeting/{src.doc_id}-{i + 1}"], doc, persons, scheme, made))
    for i, meeting in enumerate(ex.meetings):
        if meeting.part_of is not None:
            g.add((meetings[i], PG.partOf, meetings[meeting.part_of]))
    for a, b in ex.meets:
        g.add((persons[a], PG.meets, persons[b]))
        g.add((persons[b], PG.meets, persons[a]))
    for i, pos in enumerate(ex.positions):
        node = ID[f"position/{src.doc_id}-{i + 1}"]
        g.add((node, RDF.type, PG.Position))
        g.add((persons[pos.holder], PG.holdsPosition, node))
        g.add((node, PG.onTopic, _add_topic(g, pos.topic, scheme, made)))
        g.add((node, PG.stance, STANCE_IRI[pos.stance]))
        g.add((node, PG.evidence, Literal(pos.evidence)))
        g.add((node, PG.evidenceStart, Literal(pos.start)))
        g.add((node, PG.evidenceEnd, Literal(pos.end)))
        if pos.meeting is not None:
            g.add((node, PG.statedAt, meetings[pos.meeting]))
        g.add((node, PROV.wasDerivedFrom, doc))


def _add_org(g: Graph, org: Org, doc: URIRef) -> URIRef:
    node = org_iri(org)
    g.add((node, PROV.wasDerivedFrom, doc))
    if org.country_code:
        g.add((node, RDF.type, PG.Country))
        g.set((node, RDFS.label, Literal(org.label)))
        g.set((node, PG.countryCode, Literal(org.country_code)))
    else:
        g.add((node, RDF.type, PG.Organization))
        g.set((node, RDFS.label, Literal(org.label)))
    return node


def _add_person(g: Graph, person: Person, doc: URIRef) -> URIRef:
    node = person_iri(person)
    g.add((node, RDF.type, PG.Person))
    existing = g.value(node, RDFS.label)
    if existing is None or len(person.label) > len(str(existing)) and fold(str(existing)) in fold(person.label):
        g.set((node, RDFS.label, Literal(person.label)))
    g.add((node, PROV.wasDerivedFrom, doc))
    for post in person.posts:
        p = post_iri(post)
        g.add((p, RDF.type, PG.Post))
        g.add((p, PROV.wasDerivedFrom, doc))
        g.set((p, PG.roleTitle, Literal(post.role_title)))
        if post.org:
            g.set((p, PG.postIn, _add_org(g, post.org, doc)))
            g.set((p, RDFS.label, Literal(f"{post.role_title} of {post.org.label}")))
        else:
            g.set((p, RDFS.label, Literal(post.role_title)))
        g.add((node, PG.holdsPost, p))
    return node


def _add_place(g: Graph, place: Place, doc: URIRef) -> URIRef:
    node = place_iri(place)
    g.add((node, RDF.type, PG.Place))
    g.add((node, PROV.wasDerivedFrom, doc))
    g.set((node, RDFS.label, Literal(place.label)))
    if place.country_code and g.value(node, PG.inCountry) is None:
        g.add((node, PG.inCountry, _add_org(g, Org(country_label(place.country_code), place.country_code), doc)))
    return node


def _add_topic(g: Graph, topic_id: str, scheme: TopicScheme, made: dict[str, RuleTopic] | None = None) -> URIRef:
    node = topic_iri(topic_id)
    if (node, RDF.type, PG.Topic) in g:
        return node
    rule_made = (made or {}).get(topic_id) if topic_id not in scheme.topics else None
    label = Literal(rule_made.label if rule_made else scheme.label(topic_id), lang="en")
    g.add((node, RDF.type, PG.Topic))
    g.add((node, RDF.type, SKOS.Concept))
    g.add((node, SKOS.prefLabel, label))
    g.add((node, RDFS.label, label))
    g.add((node, SKOS.inScheme, TOPIC_SCHEME))
    for broader in (rule_made.broader,) if rule_made else scheme.topics[topic_id].broader:
        g.add((node, SKOS.broader, _add_topic(g, broader, scheme)))
    if (TOPIC_SCHEME, RDF.type, SKOS.ConceptScheme) not in g:
        g.add((TOPIC_SCHEME, RDF.type, SKOS.ConceptScheme))
        g.add((TOPIC_SCHEME, RDFS.label, Literal("polgraph policy topics", lang="en")))
    return node


def _add_meeting(g: Graph, meeting: Meeting, node: URIRef, doc: URIRef, persons: list[URIRef],
                 scheme: TopicScheme, made: dict[str, RuleTopic]) -> URIRef:
    g.add((node, RDF.type, PG.Meeting))
    g.add((node, RDFS.label, Literal(meeting.label)))
    g.add((node, PG.meetingKind, KIND_IRI[meeting.kind]))
    g.add((node, PROV.wasDerivedFrom, doc))
    if meeting.date:
        g.add((node, PG.date, Literal(meeting.date.isoformat(), datatype=XSD.date)))
    if meeting.place:
        g.add((node, PG.location, _add_place(g, meeting.place, doc)))
    for i in meeting.attendees:
        g.add((persons[i], PG.attends, node))
    for i in meeting.convener_persons:
        g.add((node, PG.convenedBy, persons[i]))
    for org in meeting.convener_orgs:
        g.add((node, PG.convenedBy, _add_org(g, org, doc)))
    for topic in meeting.topics:
        g.add((node, PG.hasTopic, _add_topic(g, topic, scheme, made)))
    return node
