"""Read a polgraph graph once into plain Python records that every view is built from.

One pass over the triples (no SPARQL: a 5,000-node graph is read in well under a second),
following docs/graph-shape.md. Nothing here knows about networkx or pages.

Dates: a meeting's date is its ``pg:date``, else the ``pg:datePublished`` of the document
it comes from; a position's date is the date of the meeting it was stated at, else its
document's publication date. Date filters (``--since``/``--until``) use these dates.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Final

from rdflib import RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.namespace import PROV
from rdflib.term import Node

from polgraph.vocab import PG

__all__ = ["Doc", "GraphData", "Position", "Post", "collect_graph_data", "parse_date"]

#: Node kinds in priority order: a node typed both Country and Organization is a country.
KIND_CLASSES: Final[tuple[tuple[str, URIRef], ...]] = (
    ("person", PG.Person),
    ("meeting", PG.Meeting),
    ("country", PG.Country),
    ("organization", PG.Organization),
    ("place", PG.Place),
    ("topic", PG.Topic),
)
STANCE_NAMES: Final[Mapping[URIRef, str]] = {
    PG.Support: "Support",
    PG.Oppose: "Oppose",
    PG.Neutral: "Neutral",
}


def parse_date(value: object) -> dt.date | None:
    """Return the date of an ``xsd:date``-like literal (``2024-05-01``), or None."""
    if value is None:
        return None
    text = str(value).strip()[:10]
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _fallback_label(iri: str) -> str:
    """Return a display name for a node without a label: the IRI's last segment."""
    return re.split(r"[/#]", iri.rstrip("/#"))[-1] or iri


@dataclass(frozen=True, slots=True)
class Doc:
    """A source document: what a details panel cites."""

    iri: str
    title: str | None
    source: str | None
    date: str | None

    @property
    def name(self) -> str:
        """The title, else the file name, else the IRI."""
        return self.title or self.source or self.iri


@dataclass(frozen=True, slots=True)
class Post:
    """A post held by a person; ``org`` is the country or organization it belongs to."""

    iri: str
    label: str | None
    role: str | None
    org: str | None

    @property
    def name(self) -> str:
        """The post's label, else its role title, else the IRI's last segment."""
        return self.label or self.role or _fallback_label(self.iri)


@dataclass(frozen=True, slots=True)
class Position:
    """A stance a person stated on a topic, with its evidence and provenance."""

    iri: str
    person: str
    topic: str
    stance: str  # Support | Oppose | Neutral
    evidence: str | None
    meeting: str | None
    docs: tuple[Doc, ...]
    date: dt.date | None

    @property
    def doc(self) -> Doc | None:
        """The first source document (sorted by title, file name, date), if any."""
        return self.docs[0] if self.docs else None


@dataclass
class GraphData:
    """The drawable content of a graph, as plain records keyed by IRI strings."""

    kind: dict[str, str] = field(default_factory=dict)
    label: dict[str, str] = field(default_factory=dict)
    posts: dict[str, list[Post]] = field(default_factory=dict)
    country_code: dict[str, str] = field(default_factory=dict)
    attends: set[tuple[str, str]] = field(default_factory=set)  # (person, meeting)
    meets: set[tuple[str, str]] = field(default_factory=set)  # (a, b) with a < b
    convened_by: set[tuple[str, str]] = field(default_factory=set)  # (meeting, person/org)
    location: dict[str, str] = field(default_factory=dict)  # meeting -> place
    in_country: dict[str, str] = field(default_factory=dict)  # place -> country
    part_of: dict[str, str] = field(default_factory=dict)  # meeting -> meeting
    has_topic: set[tuple[str, str]] = field(default_factory=set)  # (meeting, topic)
    meeting_date: dict[str, str] = field(default_factory=dict)  # pg:date, lexical
    meeting_kind: dict[str, str] = field(default_factory=dict)
    derived: dict[str, list[Doc]] = field(default_factory=dict)  # node -> documents, sorted
    positions: dict[str, Position] = field(default_factory=dict)
    broader: dict[str, set[str]] = field(default_factory=dict)  # topic -> broader topics

    def of_kind(self, kind: str) -> list[str]:
        """Return the IRIs of one kind, sorted."""
        return sorted(iri for iri, k in self.kind.items() if k == kind)

    def date_of_meeting(self, meeting: str) -> dt.date | None:
        """``pg:date``, else the publication date of the meeting's first dated document."""
        own = parse_date(self.meeting_date.get(meeting))
        if own is not None:
            return own
        for doc in self.derived.get(meeting, ()):
            published = parse_date(doc.date)
            if published is not None:
                return published
        return None

    def countries_of(self, person: str) -> list[str]:
        """The countries (``pg:Country`` nodes) in which the person holds a post, sorted."""
        return sorted({p.org for p in self.posts.get(person, ())
                       if p.org is not None and self.kind.get(p.org) == "country"})

    def orgs_of(self, person: str) -> list[str]:
        """The countries and organizations in which the person holds a post, sorted."""
        return sorted({p.org for p in self.posts.get(person, ())
                       if p.org is not None and p.org in self.kind})

    def has_post_in(self, person: str, country_code: str) -> bool:
        """Does the person hold a post in the country with this ISO code?"""
        code = country_code.upper()
        return any(self.country_code.get(c) == code for c in self.countries_of(person))

    def participants(self) -> dict[str, set[str]]:
        """Meeting -> the people who attend or convene it."""
        found: dict[str, set[str]] = defaultdict(set)
        for person, meeting in self.attends:
            found[meeting].add(person)
        for meeting, who in self.convened_by:
            if self.kind.get(who) == "person":
                found[meeting].add(who)
        return dict(found)


def _iris(values: Iterable[object]) -> list[str]:
    return [str(v) for v in values if isinstance(v, URIRef)]


def _first_text(graph: Graph, subject: Node, predicate: URIRef) -> str | None:
    texts = sorted(str(o) for o in graph.objects(subject, predicate) if isinstance(o, Literal))
    return texts[0] if texts else None


def collect_graph_data(graph: Graph) -> GraphData:
    """Read every drawable node and relation of a polgraph graph.

    Args:
        graph: a graph in the shape ``polgraph build`` emits (docs/graph-shape.md).

    Returns:
        The records; labels are deterministic (the smallest of several).
    """
    data = GraphData()
    for kind, cls in reversed(KIND_CLASSES):  # higher priority written last
        for node in _iris(graph.subjects(RDF.type, cls)):
            data.kind[node] = kind
    for node in data.kind:
        ref = URIRef(node)
        labels = {str(o) for p in (RDFS.label, SKOS.prefLabel) for o in graph.objects(ref, p)
                  if isinstance(o, Literal) and str(o).strip()}
        data.label[node] = min(labels) if labels else _fallback_label(node)

    docs: dict[str, Doc] = {}
    for node in _iris(graph.subjects(RDF.type, PG.Document)):
        ref = URIRef(node)
        docs[node] = Doc(node, _first_text(graph, ref, PG.title),
                         _first_text(graph, ref, PG.source), _first_text(graph, ref, PG.datePublished))

    def doc_of(iri: str) -> Doc:
        return docs.get(iri) or Doc(iri, None, None, None)

    def doc_key(doc: Doc) -> tuple[str, str, str, str]:
        return (doc.title or "", doc.source or "", doc.date or "", doc.iri)

    derived: dict[str, set[str]] = defaultdict(set)
    for s, o in graph.subject_objects(PROV.wasDerivedFrom):
        if isinstance(s, URIRef) and isinstance(o, URIRef):
            derived[str(s)].add(str(o))
    data.derived = {s: sorted((doc_of(d) for d in ds), key=doc_key) for s, ds in derived.items()}

    for node in data.kind:
        ref = URIRef(node)
        kind = data.kind[node]
        if kind in ("country", "organization"):
            code = _first_text(graph, ref, PG.countryCode)
            if code:
                data.country_code[node] = code.upper()
        elif kind == "meeting":
            date_text = _first_text(graph, ref, PG.date)
            if date_text:
                data.meeting_date[node] = date_text
            mk = sorted(_iris(graph.objects(ref, PG.meetingKind)))
            if mk:
                data.meeting_kind[node] = re.split(r"[/#]", mk[0])[-1]
        elif kind == "topic":
            data.broader[node] = set(_iris(graph.objects(ref, SKOS.broader)))

    for s, o in graph.subject_objects(PG.holdsPost):
        if not isinstance(o, URIRef) or str(s) not in data.kind:
            continue
        orgs: list[str | None] = [*sorted(_iris(graph.objects(o, PG.postIn)))] or [None]
        for org in orgs:
            data.posts.setdefault(str(s), []).append(
                Post(str(o), _first_text(graph, o, RDFS.label), _first_text(graph, o, PG.roleTitle), org))
    for person_posts in data.posts.values():
        person_posts.sort(key=lambda p: (p.name, p.org or ""))

    def both(s: object, o: object) -> tuple[str, str] | None:
        a, b = str(s), str(o)
        if a in data.kind and b in data.kind and a != b and isinstance(o, URIRef):
            return a, b
        return None

    for s, o in graph.subject_objects(PG.attends):
        if (pair := both(s, o)) and data.kind[pair[1]] == "meeting":
            data.attends.add(pair)
    for s, o in graph.subject_objects(PG.meets):
        if pair := both(s, o):
            data.meets.add((min(pair), max(pair)))
    for s, o in graph.subject_objects(PG.convenedBy):
        if pair := both(s, o):
            data.convened_by.add(pair)
    for s, o in graph.subject_objects(PG.hasTopic):
        if pair := both(s, o):
            data.has_topic.add(pair)
    for prop, target in ((PG.location, data.location), (PG.inCountry, data.in_country),
                         (PG.partOf, data.part_of)):
        for s, o in sorted(graph.subject_objects(prop)):
            if (pair := both(s, o)) and pair[0] not in target:
                target[pair[0]] = pair[1]

    for person, pos in graph.subject_objects(PG.holdsPosition):
        person_iri, pos_iri = str(person), str(pos)
        if data.kind.get(person_iri) != "person" or pos_iri in data.positions:
            continue
        topics = [t for t in _iris(graph.objects(pos, PG.onTopic)) if data.kind.get(t) == "topic"]
        stances = [STANCE_NAMES[s] for s in graph.objects(pos, PG.stance)
                   if isinstance(s, URIRef) and s in STANCE_NAMES]
        if not topics or not stances:
            continue
        meetings = sorted(m for m in _iris(graph.objects(pos, PG.statedAt)) if m in data.kind)
        meeting = meetings[0] if meetings else None
        pos_docs = tuple(data.derived.get(pos_iri, ()))
        date = data.date_of_meeting(meeting) if meeting else None
        if date is None:
            date = next((d for d in (parse_date(doc.date) for doc in pos_docs) if d), None)
        data.positions[pos_iri] = Position(
            pos_iri, person_iri, min(topics), min(stances), _first_text(graph, pos, PG.evidence),
            meeting, pos_docs, date)
    return data
