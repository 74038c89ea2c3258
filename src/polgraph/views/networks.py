"""Build the networkx graph behind each view from :class:`~polgraph.views.data.GraphData`.

Every builder returns a graph whose nodes carry ``kind``, ``label``, ``title`` (plain-text
tooltip) and ``details`` (what the page's details panel shows), and whose edges carry
``kind``, ``stance`` (or None), ``label``, ``title``, ``details`` and ``weight``.

Views (what is a node, what is an edge):

overview
    People, meetings, countries, organizations, places and topics. Edges: post
    (person -> country/organization, labelled with the role), attends, meets (once per
    pair), convened by, held in, in country, part of, has topic, and one stance edge
    person -> topic per position.
ego
    One person and everything within ``depth`` steps of them in the network of people,
    posts, meetings, countries/organizations and topics (person -holds-> post -in->
    country, person -attends-> meeting, person -meets- person, person -stance-> topic).
    Depth 1 is the person's posts, meetings attended, counterparts met and positions
    by topic; all edges among the nodes shown are drawn.
stance
    One topic (with its narrower topics, unless ``narrower=False``), the people who
    stated a position on it, one stance edge per position, and the countries or
    organizations in which those people hold posts.
counterparts
    Countries (``by="country"``) or people (``by="person"``) linked when their people
    met. Two people met at a meeting when both attend or convene it, or when one
    ``pg:meets`` the other and a meeting they share a source document with was attended
    by one of them; a ``pg:meets`` with no such meeting counts as one undated meeting.
    Edge weight = the number of distinct meetings.

Filters (any view): ``since``/``until`` keep meetings and positions dated in range (see
:mod:`polgraph.views.data` for how they are dated; undated ones are dropped), and the
people active in them; ``country`` (ISO code) keeps the people holding a post in that
country (ego: the counterparts; counterparts: the links that touch that country).
"""
from __future__ import annotations

import datetime as dt
import itertools
import logging
import math
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Final

import networkx as nx

from polgraph.errors import PolgraphError
from polgraph.views.data import Doc, GraphData, Position

__all__ = [
    "EDGE_NAMES",
    "STANCE_VERBS",
    "ViewError",
    "ViewFilter",
    "aggregate_network",
    "counterpart_network",
    "ego_network",
    "overview_network",
    "resolve_person",
    "resolve_topic",
    "stance_network",
]

logger = logging.getLogger(__name__)

STANCE_VERBS: Final[Mapping[str, str]] = {
    "Support": "supports", "Oppose": "opposes", "Neutral": "neutral on"}

EDGE_NAMES: Final[Mapping[str, str]] = {
    "post": "holds a post in",
    "attends": "attends",
    "meets": "meets",
    "convenedBy": "convened by",
    "location": "held in",
    "inCountry": "in country",
    "partOf": "part of",
    "hasTopic": "has topic",
    "holds": "holds",
    "postIn": "is a post in",
    "narrower": "is narrower than",
}

KIND_NAMES: Final[Mapping[str, str]] = {
    "person": "Person", "meeting": "Meeting", "country": "Country",
    "organization": "Organization", "place": "Place", "topic": "Topic", "post": "Post",
    "cluster": "Cluster",
}

_LIST_LIMIT: Final = 40  # items per list in a details panel
_QUOTE_LIMIT: Final = 25


class ViewError(PolgraphError):
    """A view option names nothing in the graph, or names several things."""

    code = "E015"


@dataclass(frozen=True, slots=True, kw_only=True)
class ViewFilter:
    """Filters every view accepts: a date range and a country (ISO 3166-1 alpha-2)."""

    since: dt.date | None = None
    until: dt.date | None = None
    country: str | None = None

    @property
    def dated(self) -> bool:
        """Is a date range set?"""
        return self.since is not None or self.until is not None

    def in_range(self, date: dt.date | None) -> bool:
        """Is ``date`` inside the range? Undated things are inside only when no range is set."""
        if not self.dated:
            return True
        if date is None:
            return False
        return (self.since is None or date >= self.since) and (
            self.until is None or date <= self.until)


# ---------------------------------------------------------------------------
# Text helpers
# ---------------------------------------------------------------------------


def fold(text: str) -> str:
    """Case-, diacritics- and whitespace-insensitive form of a label, for lookups."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.replace("\u2019", "'").split())


def _doc_line(doc: Doc) -> str:
    return doc.name + (f" ({doc.date})" if doc.date else "")


class _Index:
    """Look-ups over GraphData used to describe nodes (built once per view)."""

    def __init__(self, data: GraphData) -> None:
        self.data = data
        self.meetings_of: dict[str, set[str]] = defaultdict(set)
        self.attendees: dict[str, set[str]] = defaultdict(set)
        for person, meeting in data.attends:
            self.meetings_of[person].add(meeting)
            self.attendees[meeting].add(person)
        self.met: dict[str, set[str]] = defaultdict(set)
        for a, b in data.meets:
            self.met[a].add(b)
            self.met[b].add(a)
        self.positions_of: dict[str, list[Position]] = defaultdict(list)
        self.positions_on: dict[str, list[Position]] = defaultdict(list)
        for pos in sorted(data.positions.values(), key=lambda p: p.iri):
            self.positions_of[pos.person].append(pos)
            self.positions_on[pos.topic].append(pos)
        self.holders: dict[str, set[str]] = defaultdict(set)
        for person, posts in data.posts.items():
            for post in posts:
                if post.org:
                    self.holders[post.org].add(person)
        self.convened: dict[str, set[str]] = defaultdict(set)
        for meeting, who in data.convened_by:
            self.convened[meeting].add(who)
        self.meetings_at: dict[str, set[str]] = defaultdict(set)
        for meeting, place in data.location.items():
            self.meetings_at[place].add(meeting)
        self.topics_of: dict[str, set[str]] = defaultdict(set)
        for meeting, topic in data.has_topic:
            self.topics_of[meeting].add(topic)

    # -- plain-text tooltips (kept from the first version of the view) -------------

    def tooltip_lines(self, iri: str) -> list[str]:
        """Sorted ``"What: value"`` lines for a node's tooltip."""
        d, lines = self.data, set()
        for post in d.posts.get(iri, ()):
            if post.label or post.role:
                lines.add(f"Post: {post.name}")
        if iri in d.country_code:
            lines.add(f"Country code: {d.country_code[iri]}")
        if iri in d.meeting_date:
            lines.add(f"Date: {d.meeting_date[iri]}")
        if iri in d.meeting_kind:
            lines.add(f"Kind: {d.meeting_kind[iri]}")
        for doc in d.derived.get(iri, ()):
            if doc.title or doc.source:
                lines.add(f"Source: {doc.title or doc.source}")
        return sorted(lines)

    def tooltip(self, iri: str, kind: str | None = None) -> str:
        """Plain-text tooltip of a node (vis-network shows it with innerText)."""
        kind = kind or self.data.kind[iri]
        return "\n".join([self.data.label[iri], KIND_NAMES[kind], *self.tooltip_lines(iri)])

    # -- details panel ------------------------------------------------------------

    def names(self, iris: Iterable[str]) -> list[str]:
        return sorted(self.data.label.get(i, i) for i in iris)

    def meeting_line(self, meeting: str) -> str:
        date = self.data.date_of_meeting(meeting)
        return self.data.label.get(meeting, meeting) + (f" ({date.isoformat()})" if date else "")

    def quote(self, pos: Position) -> dict[str, Any]:
        d = self.data
        head = f"{d.label[pos.person]} {STANCE_VERBS[pos.stance]} {d.label[pos.topic]}"
        out: dict[str, Any] = {"head": head, "stance": pos.stance, "text": pos.evidence or ""}
        if pos.doc is not None:
            out["source"] = pos.doc.name
            if pos.doc.date:
                out["published"] = pos.doc.date
        if pos.meeting is not None:
            out["at"] = self.meeting_line(pos.meeting)
        if pos.date is not None:
            out["date"] = pos.date.isoformat()
        return out

    def details(self, iri: str, kind: str | None = None) -> dict[str, Any]:
        """The details panel content of a node: label, kind, facts and quotes."""
        d = self.data
        kind = kind or d.kind[iri]
        facts: list[tuple[str, list[str]]] = []
        quotes: list[Position] = []
        if kind == "person":
            facts.append(("Posts", [p.name for p in d.posts.get(iri, ())]))
            facts.append(("Countries", self.names(d.orgs_of(iri))))
            facts.append(("Meetings attended", sorted(self.meeting_line(m)
                                                      for m in self.meetings_of[iri])))
            facts.append(("Met", self.names(self.met[iri])))
            quotes = self.positions_of[iri]
        elif kind == "meeting":
            date = d.date_of_meeting(iri)
            facts.append(("Date", [d.meeting_date[iri]] if iri in d.meeting_date else
                          ([f"{date.isoformat()} (document date)"] if date else [])))
            facts.append(("Kind", [d.meeting_kind[iri]] if iri in d.meeting_kind else []))
            place = d.location.get(iri)
            facts.append(("Place", [d.label[place]] if place else []))
            facts.append(("Convened by", self.names(self.convened[iri])))
            facts.append(("Attended by", self.names(self.attendees[iri])))
            facts.append(("Topics", self.names(self.topics_of[iri])))
            part = d.part_of.get(iri)
            facts.append(("Part of", [d.label[part]] if part else []))
        elif kind in ("country", "organization"):
            code = d.country_code.get(iri)
            facts.append(("Country code", [code] if code else []))
            facts.append(("People with posts", self.names(self.holders[iri])))
        elif kind == "place":
            country = d.in_country.get(iri)
            facts.append(("Country", [d.label[country]] if country else []))
            facts.append(("Meetings", sorted(self.meeting_line(m) for m in self.meetings_at[iri])))
        elif kind == "topic":
            counts = Counter(p.stance for p in self.positions_on[iri])
            facts.append(("Positions", [f"{counts[s]} {s.lower()}" for s in STANCE_VERBS
                                        if counts[s]]))
            facts.append(("Broader", self.names(d.broader.get(iri, ()))))
            quotes = self.positions_on[iri]
        facts.append(("Sources", [_doc_line(doc) for doc in d.derived.get(iri, ())]))
        return make_details(d.label[iri], KIND_NAMES[kind], facts,
                            [self.quote(p) for p in quotes[:_QUOTE_LIMIT]],
                            more_quotes=max(0, len(quotes) - _QUOTE_LIMIT))


def make_details(label: str, kind: str, facts: Iterable[tuple[str, list[str]]],
                 quotes: list[dict[str, Any]], *, more_quotes: int = 0) -> dict[str, Any]:
    """Assemble a details record; long lists are cut with an "and N more" line."""
    shown: list[list[Any]] = []
    for name, values in facts:
        if not values:
            continue
        cut = list(values[:_LIST_LIMIT])
        if len(values) > _LIST_LIMIT:
            cut.append(f"… and {len(values) - _LIST_LIMIT} more")
        shown.append([name, cut])
    out: dict[str, Any] = {"label": label, "kind": kind, "facts": shown, "quotes": quotes}
    if more_quotes:
        out["moreQuotes"] = more_quotes
    return out


def _stance_title(ix: _Index, pos: Position) -> str:
    """Plain-text tooltip of a stance edge: who, what, the evidence and where it is from."""
    d = ix.data
    lines = [f"{d.label[pos.person]} {STANCE_VERBS[pos.stance]} {d.label[pos.topic]}"]
    if pos.evidence is not None:
        lines.append(f"“{pos.evidence}”")
    if pos.meeting is not None:
        date = d.meeting_date.get(pos.meeting)
        lines.append(f"Stated at: {d.label[pos.meeting]}" + (f" ({date})" if date else ""))
    lines.append(f"Date: {pos.date.isoformat() if pos.date else 'not stated'}")
    doc = pos.doc
    if doc is not None and (doc.title or doc.source):
        lines.append(f"Document: {doc.title or doc.source}" + (f" ({doc.date})" if doc.date else ""))
    return "\n".join(lines)


def _add_node(net: nx.Graph[str], ix: _Index, iri: str, kind: str | None = None) -> None:
    kind = kind or ix.data.kind[iri]
    net.add_node(iri, kind=kind, label=ix.data.label[iri], title=ix.tooltip(iri, kind),
                 details=ix.details(iri, kind))


def _add_stance_edge(net: nx.MultiDiGraph[str], ix: _Index, pos: Position) -> None:
    title = _stance_title(ix, pos)
    details = make_details(title.split("\n", 1)[0], "Position", [
        ("Stance", [pos.stance]),
        ("Date", [pos.date.isoformat()] if pos.date else []),
    ], [ix.quote(pos)])
    net.add_edge(pos.person, pos.topic, key=pos.iri, kind="stance", stance=pos.stance,
                 label=STANCE_VERBS[pos.stance], title=title, details=details, weight=1)


def _add_plain_edge(net: nx.MultiDiGraph[str], ix: _Index, source: str, target: str, kind: str,
                    label: str | None = None) -> None:
    if source not in net or target not in net or source == target:
        return
    key = f"{kind}:{label}" if label else kind
    if net.has_edge(source, target, key):
        return
    a, b = net.nodes[source]["label"], net.nodes[target]["label"]
    head = f"{a} {EDGE_NAMES[kind]} {b}"
    title = head + (f"\nRole: {label}" if label else "")
    net.add_edge(source, target, key=key, kind=kind, stance=None, label=label or "", title=title,
                 details=make_details(head, "Link", [("Role", [label] if label else [])], []),
                 weight=1)


# ---------------------------------------------------------------------------
# Overview
# ---------------------------------------------------------------------------


def _people_in(data: GraphData, flt: ViewFilter) -> set[str]:
    people = set(data.of_kind("person"))
    if flt.country:
        people = {p for p in people if data.has_post_in(p, flt.country)}
    return people


def overview_network(data: GraphData, flt: ViewFilter | None = None) -> nx.MultiDiGraph[str]:
    """Every person, meeting, country, organization, place and topic, and their links.

    Without filters every drawable node is kept. With filters the people (``country``)
    and meetings and positions (dates) are chosen first, then the people active in
    them, then the places, topics, countries and organizations they touch.
    """
    flt = flt or ViewFilter()
    ix = _Index(data)
    positions = [p for p in data.positions.values() if flt.in_range(p.date)]
    if flt.dated or flt.country:
        people = _people_in(data, flt)
        meetings = {m for m in data.of_kind("meeting") if flt.in_range(data.date_of_meeting(m))}
        positions = [p for p in positions if p.person in people]
        if flt.country:
            touched = {m for m in meetings
                       if (ix.attendees[m] | ix.convened[m]) & people}
            code = flt.country.upper()
            located = {m for m in meetings if data.country_code.get(
                data.in_country.get(data.location.get(m, ""), "")) == code}
            meetings = touched | located
        if flt.dated:
            active = {p.person for p in positions}
            active |= {who for m in meetings for who in ix.attendees[m] | ix.convened[m]}
            people &= active
        keep = people | meetings
        keep |= {data.location[m] for m in meetings if m in data.location}
        keep |= {t for m in meetings for t in ix.topics_of[m]} | {p.topic for p in positions}
        keep |= {o for p in people for o in data.orgs_of(p)}
        keep |= {data.in_country[pl] for pl in list(keep) if pl in data.in_country}
        keep |= {w for m in meetings for w in ix.convened[m] if data.kind.get(w) != "person"}
    else:
        keep = set(data.kind)
    net: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for iri in sorted(keep):
        _add_node(net, ix, iri)
    edges: list[tuple[str, str, str, str | None]] = []
    for person, posts in data.posts.items():
        for post in posts:
            if post.org:
                edges.append(("post", person, post.org, post.role))
    edges += [("attends", p, m, None) for p, m in data.attends]
    edges += [("meets", a, b, None) for a, b in data.meets]
    edges += [("convenedBy", m, w, None) for m, w in data.convened_by]
    edges += [("location", m, p, None) for m, p in data.location.items()]
    edges += [("inCountry", p, c, None) for p, c in data.in_country.items()]
    edges += [("partOf", m, w, None) for m, w in data.part_of.items()]
    edges += [("hasTopic", m, t, None) for m, t in data.has_topic]
    for kind, source, target, label in sorted(edges, key=lambda e: (e[0], e[1], e[2], e[3] or "")):
        _add_plain_edge(net, ix, source, target, kind, label)
    for pos in sorted(positions, key=lambda p: p.iri):
        if pos.person in net and pos.topic in net:
            _add_stance_edge(net, ix, pos)
    return net


# ---------------------------------------------------------------------------
# Ego network
# ---------------------------------------------------------------------------


def resolve_person(data: GraphData, name: str) -> str:
    """Find the one person called ``name`` (or whose label contains it, or with that IRI).

    Raises:
        ViewError: nobody, or several people, match.
    """
    people = data.of_kind("person")
    if name in data.kind and data.kind[name] == "person":
        return name
    wanted = fold(name)
    exact = [p for p in people if fold(data.label[p]) == wanted]
    if len(exact) == 1:
        return exact[0]
    partial = exact or [p for p in people if wanted and wanted in fold(data.label[p])]
    if len(partial) == 1:
        return partial[0]
    if partial:
        names = ", ".join(repr(data.label[p]) for p in partial[:10])
        raise ViewError(f"{name!r} matches {len(partial)} people: {names}. "
                        "Give the full name as shown there (or the person's IRI).")
    close = sorted(data.label[p] for p in people
                   if set(wanted.split()) & set(fold(data.label[p]).split()))[:10]
    hint = f" Did you mean: {', '.join(map(repr, close))}?" if close else (
        f" The graph has {len(people)} people; list them with `polgraph stats`.")
    raise ViewError(f"no person called {name!r} in the graph.{hint}")


def ego_network(data: GraphData, person: str, *, depth: int = 1,
                flt: ViewFilter | None = None) -> nx.MultiDiGraph[str]:
    """One person and everything within ``depth`` steps (see the module docstring).

    Args:
        data: the graph's records.
        person: the person's IRI (see :func:`resolve_person`).
        depth: how many steps out to go (1 = direct neighbours).
        flt: date range (meetings and positions) and country (counterparts' posts).
    """
    if depth < 1:
        raise ViewError(f"depth must be 1 or more, not {depth}")
    flt = flt or ViewFilter()
    ix = _Index(data)
    people = _people_in(data, flt) | {person}
    meetings = {m for m in data.of_kind("meeting") if flt.in_range(data.date_of_meeting(m))}
    full: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for p in people:
        _add_node(full, ix, p)
        for post in data.posts.get(p, ()):
            if post.iri not in full:
                full.add_node(post.iri, kind="post", label=post.name,
                              title=f"{post.name}\nPost", details=make_details(
                                  post.name, "Post", [("Role", [post.role] if post.role else [])],
                                  []))
            full.add_edge(p, post.iri, key="holds", kind="holds", stance=None, label="",
                          title=f"{data.label[p]} holds {post.name}", weight=1,
                          details=make_details(f"{data.label[p]} holds {post.name}", "Link",
                                               [], []))
            if post.org and post.org in data.kind:
                if post.org not in full:
                    _add_node(full, ix, post.org)
                _add_plain_edge(full, ix, post.iri, post.org, "postIn")
    for m in meetings:
        _add_node(full, ix, m)
    for p, m in sorted(data.attends):
        if p in people and m in meetings:
            _add_plain_edge(full, ix, p, m, "attends")
    for a, b in sorted(data.meets):
        if a in people and b in people:
            _add_plain_edge(full, ix, a, b, "meets")
    for pos in sorted(data.positions.values(), key=lambda p: p.iri):
        if pos.person in people and flt.in_range(pos.date):
            if pos.topic not in full:
                _add_node(full, ix, pos.topic)
            _add_stance_edge(full, ix, pos)
    near = nx.ego_graph(full, person, radius=depth, undirected=True)
    net: nx.MultiDiGraph[str] = nx.MultiDiGraph(near)
    net.graph["center"] = person
    return net


# ---------------------------------------------------------------------------
# Stance map
# ---------------------------------------------------------------------------


def resolve_topic(data: GraphData, label: str) -> str:
    """Find the topic named ``label``: a SKOS prefLabel or altLabel of the topic scheme
    (``ontology/topics.ttl``; plurals and -ise/-ize spellings match), a topic label in
    the graph, or a topic IRI or id; else the one topic whose label contains ``label``.

    Raises:
        ViewError: no topic, or several, match (the message lists them).
    """
    from polgraph.extract.topics import TOPIC_NAMESPACE, load_topic_scheme

    topics = data.of_kind("topic")
    if label in data.kind and data.kind[label] == "topic":
        return label
    wanted = fold(label)
    exact = [t for t in topics if fold(data.label[t]) == wanted or
             fold(t.rsplit("/", 1)[-1]) == wanted]
    if len(exact) == 1:
        return exact[0]
    scheme = load_topic_scheme()
    text = label.strip()
    hits = scheme.find(text)
    if len(hits) == 1 and hits[0].start == 0 and hits[0].end == len(text):
        return TOPIC_NAMESPACE + hits[0].topic_id
    if wanted in {fold(i) for i in scheme.topics}:
        return TOPIC_NAMESPACE + next(i for i in scheme.topics if fold(i) == wanted)
    candidates = {t: data.label[t] for t in topics if wanted in fold(data.label[t])}
    for topic in scheme.topics.values():
        if any(wanted in fold(x) for x in (topic.pref_label, *topic.alt_labels)):
            candidates.setdefault(TOPIC_NAMESPACE + topic.id, topic.pref_label)
    if len(candidates) == 1:
        return next(iter(candidates))
    if candidates:
        names = ", ".join(repr(v) for v in sorted(candidates.values())[:12])
        raise ViewError(f"{label!r} matches {len(candidates)} topics: {names}. "
                        "Give one of these labels.")
    raise ViewError(f"no topic called {label!r}: give a label or altLabel of the topic scheme "
                    "(ontology/topics.ttl), e.g. 'migration' or 'Schengen area'.")


def narrower_topics(data: GraphData, topic: str) -> set[str]:
    """The topic and every topic of the graph below it (skos:broader, transitively)."""
    below: dict[str, set[str]] = defaultdict(set)
    for t, ups in data.broader.items():
        for up in ups:
            below[up].add(t)
    found, todo = {topic}, [topic]
    while todo:
        for child in below[todo.pop()]:
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def stance_network(data: GraphData, topic: str, *, narrower: bool = True,
                   flt: ViewFilter | None = None) -> nx.MultiDiGraph[str]:
    """Who supports, opposes or is neutral on ``topic``, with their countries.

    Args:
        data: the graph's records.
        topic: the topic's IRI (see :func:`resolve_topic`).
        narrower: also show positions on the topic's narrower topics.
        flt: date range (positions) and country (people's posts).
    """
    flt = flt or ViewFilter()
    ix = _Index(data)
    scope = narrower_topics(data, topic) if narrower else {topic}
    people = _people_in(data, flt)
    positions = sorted((p for p in data.positions.values()
                        if p.topic in scope and p.person in people and flt.in_range(p.date)),
                       key=lambda p: p.iri)
    net: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    net.graph["center"] = topic
    if topic in data.kind:
        _add_node(net, ix, topic)
    else:  # a concept of the scheme no one in this graph has talked about
        from polgraph.extract.topics import TOPIC_NAMESPACE, load_topic_scheme

        name = load_topic_scheme().label(topic.removeprefix(TOPIC_NAMESPACE))
        net.add_node(topic, kind="topic", label=name, title=f"{name}\nTopic",
                     details=make_details(name, "Topic", [("Positions", ["none in this graph"])],
                                          []))
    for pos in positions:
        for node in (pos.topic, pos.person):
            if node not in net:
                _add_node(net, ix, node)
        for org in data.orgs_of(pos.person):
            if org not in net:
                _add_node(net, ix, org)
    for t in sorted(n for n, d in net.nodes(data=True) if d.get("kind") == "topic"):
        for up in sorted(data.broader.get(t, ())):
            if up in net:
                _add_plain_edge(net, ix, t, up, "narrower")
    for person in sorted(n for n, d in net.nodes(data=True) if d.get("kind") == "person"):
        for post in data.posts.get(person, ()):
            if post.org in net and post.org is not None:
                _add_plain_edge(net, ix, person, post.org, "post", post.role)
    for pos in positions:
        _add_stance_edge(net, ix, pos)
    return net


# ---------------------------------------------------------------------------
# Counterpart network
# ---------------------------------------------------------------------------


def encounters(data: GraphData, flt: ViewFilter | None = None) -> dict[tuple[str, str], set[str]]:
    """(person a, person b) with a < b -> the meetings at which they met (see module doc).

    A ``pg:meets`` with no meeting found is keyed ``"meets:<a>|<b>"`` (undated, so it is
    dropped when a date range is set).
    """
    flt = flt or ViewFilter()
    participants = {m: ps for m, ps in data.participants().items()
                    if flt.in_range(data.date_of_meeting(m))}
    found: dict[tuple[str, str], set[str]] = defaultdict(set)
    for meeting, people in participants.items():
        for a, b in itertools.combinations(sorted(people), 2):
            found[(a, b)].add(meeting)
    docs = {node: {doc.iri for doc in ds} for node, ds in data.derived.items()}
    for a, b in sorted(data.meets):
        shared = docs.get(a, set()) & docs.get(b, set())
        meetings = {m for m, ps in participants.items()
                    if (a in ps or b in ps) and docs.get(m, set()) & shared}
        if meetings:
            found[(a, b)] |= meetings
        elif not flt.dated and not found.get((a, b)):
            found[(a, b)].add(f"meets:{a}|{b}")
    return dict(found)


def _meeting_lines(data: GraphData, ix: _Index, meetings: Iterable[str]) -> list[str]:
    lines = []
    for m in meetings:
        if m.startswith("meets:"):
            a, b = m.removeprefix("meets:").split("|", 1)
            lines.append(f"{data.label[a]} met {data.label[b]} (no meeting recorded)")
        else:
            docs = data.derived.get(m, ())
            lines.append(ix.meeting_line(m) + (f" — {docs[0].name}" if docs else ""))
    return sorted(lines)


def counterpart_network(data: GraphData, *, by: str = "country",
                        flt: ViewFilter | None = None) -> nx.Graph[str]:
    """Countries (or people) linked by the meetings their people held.

    Args:
        data: the graph's records.
        by: ``"country"`` or ``"person"``.
        flt: date range (meetings) and country (keep links touching that country).

    Returns:
        An undirected graph; each edge has ``weight`` (distinct meetings) and ``meetings``.
    """
    if by not in ("country", "person"):
        raise ViewError(f"counterparts are drawn by 'country' or 'person', not {by!r}")
    flt = flt or ViewFilter()
    ix = _Index(data)
    links: dict[tuple[str, str], set[str]] = defaultdict(set)
    for (a, b), meetings in encounters(data, flt).items():
        if by == "person":
            if flt.country and not (data.has_post_in(a, flt.country)
                                    or data.has_post_in(b, flt.country)):
                continue
            links[(a, b)] |= meetings
            continue
        for x in data.countries_of(a):
            for y in data.countries_of(b):
                if x == y:
                    continue
                pair = (min(x, y), max(x, y))
                if flt.country and flt.country.upper() not in (
                        data.country_code.get(x), data.country_code.get(y)):
                    continue
                links[pair] |= meetings
    net: nx.Graph[str] = nx.Graph()
    for (a, b), meetings in sorted(links.items()):
        for node in (a, b):
            if node not in net:
                _add_node(net, ix, node)
        la, lb = data.label[a], data.label[b]
        n = len(meetings)
        lines = _meeting_lines(data, ix, meetings)
        head = f"{la} — {lb}: {n} meeting{'s' if n != 1 else ''}"
        net.add_edge(a, b, kind="counterpart", stance=None, weight=n, label=str(n),
                     meetings=sorted(meetings), title="\n".join([head, *lines[:15]]),
                     details=make_details(head, "Meetings held", [("Meetings", lines)], []))
    for node in net:
        net.nodes[node]["meetings"] = len(set().union(
            *(set(d["meetings"]) for _, _, d in net.edges(node, data=True))))
    return net


# ---------------------------------------------------------------------------
# Aggregation for big graphs
# ---------------------------------------------------------------------------


def aggregate_network(net: nx.Graph[str], *, max_nodes: int, cluster_size: int = 60,
                      seed: int = 7) -> nx.Graph[str]:
    """Collapse communities into cluster nodes when ``net`` has more than ``max_nodes`` nodes.

    Communities come from :func:`polgraph.views.layout.community_blocks` (networkx's
    seeded label propagation, big ones split with Louvain) and hold at most
    ``cluster_size`` nodes; isolated nodes share one cluster. A cluster's ``members``
    lists the nodes it stands for (the page's search finds them); edges between clusters
    carry the number of links they stand for as ``weight``.
    """
    from polgraph.views.layout import community_blocks, simple_graph

    if net.number_of_nodes() <= max_nodes:
        return net
    simple = simple_graph(net)
    isolated = sorted(n for n in simple if simple.degree(n) == 0)
    simple.remove_nodes_from(isolated)
    communities = community_blocks(simple, max_size=cluster_size, seed=seed)
    if isolated:
        communities.append(isolated)
    degree = dict(net.degree())
    owner: dict[str, str] = {}
    out: nx.Graph[str] = nx.Graph()
    out.graph.update(net.graph)
    out.graph["aggregated_from"] = (net.number_of_nodes(), net.number_of_edges())
    for i, members in enumerate(communities):
        if len(members) == 1:
            node = members[0]
            owner[node] = node
            out.add_node(node, **net.nodes[node])
            continue
        cid = f"cluster:{i}"
        ranked = sorted(members, key=lambda n: (-degree[n], net.nodes[n]["label"]))
        kinds = Counter(net.nodes[n]["kind"] for n in members)
        top = net.nodes[ranked[0]]["label"]
        label = (f"{top} + {len(members) - 1}" if members is not isolated
                 else f"{len(members)} unconnected")
        for n in members:
            owner[n] = cid
        facts = [("Members", [f"{len(members)} nodes"]),
                 ("Kinds", [f"{c} {KIND_NAMES[k].lower()}" for k, c in kinds.most_common()]),
                 ("Most connected", [net.nodes[n]["label"] for n in ranked])]
        out.add_node(cid, kind="cluster", label=label, size_hint=len(members),
                     main_kind=kinds.most_common(1)[0][0],
                     members=[(n, net.nodes[n]["label"]) for n in ranked],
                     title=f"{label}\nCluster of {len(members)} nodes",
                     details=make_details(label, "Cluster", facts, []))
    weights: dict[tuple[str, str], int] = defaultdict(int)
    for a, b, w in net.edges(data="weight", default=1):
        ca, cb = owner[a], owner[b]
        if ca != cb:
            weights[(min(ca, cb), max(ca, cb))] += int(w or 1)
    for (a, b), w in sorted(weights.items()):
        head = f"{out.nodes[a]['label']} — {out.nodes[b]['label']}: {w} links"
        out.add_edge(a, b, kind="aggregate", stance=None, weight=w, label="", title=head,
                     details=make_details(head, "Links between clusters", [], []))
    logger.info("aggregated %d nodes into %d", net.number_of_nodes(), out.number_of_nodes())
    return out


def scaled_size(weight: float, *, smallest: float = 10.0, largest: float = 42.0) -> float:
    """Node size for a degree (or weighted degree): grows with its square root."""
    return min(largest, smallest + 4.0 * math.sqrt(max(weight, 0.0)))
