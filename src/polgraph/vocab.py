"""polgraph's vocabulary as a closed namespace (a typo raises), and the namespace for instances."""
from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

PG_IRI = "https://w3id.org/polgraph/ontology#"
ID_IRI = "https://w3id.org/polgraph/id/"


class PG(DefinedNamespace):
    """Classes and properties of ontology/polgraph.ttl."""

    _fail = True
    _NS = Namespace(PG_IRI)

    Document: URIRef
    Person: URIRef
    Organization: URIRef
    Country: URIRef
    Post: URIRef
    Meeting: URIRef
    Place: URIRef
    Topic: URIRef
    Position: URIRef
    Stance: URIRef
    MeetingKind: URIRef
    Support: URIRef
    Oppose: URIRef
    Neutral: URIRef
    CouncilSession: URIRef
    Summit: URIRef
    Conference: URIRef
    Visit: URIRef
    BilateralMeeting: URIRef
    MultilateralMeeting: URIRef
    PhoneCall: URIRef
    Event: URIRef
    GenericMeeting: URIRef
    holdsPost: URIRef
    roleTitle: URIRef
    postIn: URIRef
    countryCode: URIRef
    attends: URIRef
    date: URIRef
    location: URIRef
    inCountry: URIRef
    convenedBy: URIRef
    partOf: URIRef
    hasTopic: URIRef
    meets: URIRef
    holdsPosition: URIRef
    onTopic: URIRef
    stance: URIRef
    statedAt: URIRef
    evidence: URIRef
    evidenceStart: URIRef
    evidenceEnd: URIRef
    title: URIRef
    datePublished: URIRef
    source: URIRef
    contentHash: URIRef
    meetingKind: URIRef


ID = Namespace(ID_IRI)
