"""Synthetic polgraph graphs of a chosen size, for view benchmarks and tests.

The graph follows docs/graph-shape.md: people with posts in countries, meetings they
attend (mostly with people of neighbouring countries, so there is community structure),
places, topics with a broader hierarchy, positions with evidence and documents. About
2.2 drawn edges per node, like the real corpus. Deterministic for a given size and seed.
"""
from __future__ import annotations

import datetime as dt
import random

from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, URIRef
from rdflib.namespace import PROV

from polgraph.vocab import ID, PG

__all__ = ["make_synthetic_graph"]

_STANCES = (PG.Support, PG.Support, PG.Oppose, PG.Neutral)


def make_synthetic_graph(nodes: int, *, seed: int = 1) -> Graph:
    """Return a graph whose overview has ``nodes`` nodes (people, meetings, countries,
    places and topics).

    Args:
        nodes: the overview's node count (at least 20).
        seed: the random seed.
    """
    rnd = random.Random(seed)
    nodes = max(nodes, 20)
    n_countries = max(4, min(60, nodes // 25))
    n_topics = max(3, nodes // 12)
    n_places = max(2, nodes // 25)
    n_meetings = max(3, nodes // 4)
    n_people = nodes - n_countries - n_topics - n_places - n_meetings
    g = Graph()
    g.bind("pg", str(PG._NS))
    g.bind("pgid", str(ID))

    def lit(text: str) -> Literal:
        return Literal(text, datatype=XSD.string)

    docs = []
    for i in range(max(1, nodes // 20)):
        doc = ID[f"document/{i:016x}"]
        g.add((doc, RDF.type, PG.Document))
        g.add((doc, PG.source, lit(f"synthetic-{i}.txt")))
        g.add((doc, PG.contentHash, lit(f"{i:064x}")))
        g.add((doc, PG.title, lit(f"Synthetic press release {i}")))
        g.add((doc, PG.datePublished,
               Literal(dt.date(2015, 1, 1) + dt.timedelta(days=rnd.randrange(3600)), datatype=XSD.date)))
        docs.append(doc)

    countries = []
    for i in range(n_countries):
        code = chr(65 + i // 26) + chr(65 + i % 26)
        c = ID[f"country/{code}"]
        g.add((c, RDF.type, PG.Country))
        g.add((c, RDFS.label, Literal(f"Country {code}")))
        g.add((c, PG.countryCode, lit(code)))
        countries.append(c)
    places = []
    for i in range(n_places):
        p = ID[f"place/city-{i}"]
        g.add((p, RDF.type, PG.Place))
        g.add((p, RDFS.label, Literal(f"City {i}")))
        g.add((p, PG.inCountry, countries[i % n_countries]))
        g.add((p, PROV.wasDerivedFrom, docs[i % len(docs)]))
        places.append(p)
    topics: list[URIRef] = []
    for i in range(n_topics):
        t = ID[f"topic/synthetic-topic-{i}"]
        g.add((t, RDF.type, PG.Topic))
        g.add((t, RDF.type, SKOS.Concept))
        g.add((t, SKOS.prefLabel, Literal(f"Topic {i}", lang="en")))
        g.add((t, RDFS.label, Literal(f"Topic {i}", lang="en")))
        g.add((t, SKOS.inScheme, ID["topic/scheme"]))
        if i >= 5:
            g.add((t, SKOS.broader, topics[i % 5]))
        topics.append(t)

    people: list[URIRef] = []
    home: list[int] = []
    for i in range(n_people):
        person = ID[f"person/person-{i}"]
        country = rnd.randrange(n_countries)
        post = ID[f"post/{country}-role-{i % 7}"]
        g.add((person, RDF.type, PG.Person))
        g.add((person, RDFS.label, Literal(f"Person {i}")))
        g.add((person, PG.holdsPost, post))
        g.add((post, RDF.type, PG.Post))
        g.add((post, RDFS.label, Literal(f"Role {i % 7} of Country {country}")))
        g.add((post, PG.roleTitle, Literal(f"Role {i % 7}")))
        g.add((post, PG.postIn, countries[country]))
        g.add((person, PROV.wasDerivedFrom, docs[i % len(docs)]))
        people.append(person)
        home.append(country)
    by_country: dict[int, list[int]] = {}
    for i, home_ix in enumerate(home):
        by_country.setdefault(home_ix, []).append(i)

    for i in range(n_meetings):
        m = ID[f"meeting/{i:016x}-1"]
        doc = docs[i % len(docs)]
        g.add((m, RDF.type, PG.Meeting))
        g.add((m, RDFS.label, Literal(f"Meeting {i}")))
        g.add((m, PG.meetingKind, PG.BilateralMeeting))
        g.add((m, PROV.wasDerivedFrom, doc))
        g.add((m, PG.date, Literal(dt.date(2015, 1, 1) + dt.timedelta(days=rnd.randrange(3600)),
                                   datatype=XSD.date)))
        g.add((m, PG.location, places[rnd.randrange(n_places)]))
        g.add((m, PG.hasTopic, topics[rnd.randrange(n_topics)]))
        base = rnd.randrange(n_countries)  # neighbouring countries meet more often
        attendees: set[int] = set()
        for _ in range(rnd.randint(2, 4)):
            country_ix = (base + rnd.randint(0, 2)) % n_countries
            if by_country.get(country_ix):
                attendees.add(rnd.choice(by_country[country_ix]))
        if len(attendees) < 2:
            attendees.add(rnd.randrange(n_people))
        ordered = sorted(attendees)
        for a in ordered:
            g.add((people[a], PG.attends, m))
        if len(ordered) >= 2 and rnd.random() < 0.3:
            g.add((people[ordered[0]], PG.meets, people[ordered[1]]))
            g.add((people[ordered[1]], PG.meets, people[ordered[0]]))

    n_positions = nodes // 3
    for i in range(n_positions):
        pos = ID[f"position/{i:016x}-1"]
        person = people[rnd.randrange(n_people)]
        evidence = f"Person said something about topic {i % n_topics}."
        g.add((person, PG.holdsPosition, pos))
        g.add((pos, RDF.type, PG.Position))
        g.add((pos, PG.onTopic, topics[rnd.randrange(n_topics)]))
        g.add((pos, PG.stance, rnd.choice(_STANCES)))
        g.add((pos, PG.evidence, lit(evidence)))
        g.add((pos, PG.evidenceStart, Literal(0, datatype=XSD.integer)))
        g.add((pos, PG.evidenceEnd, Literal(len(evidence), datatype=XSD.integer)))
        g.add((pos, PROV.wasDerivedFrom, docs[i % len(docs)]))
    return g
