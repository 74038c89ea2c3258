"""Plain data passed between the stages: reading -> extraction -> graph building.

The exact RDF shape build.py emits from these models is written down in docs/graph-shape.md.

Nothing here depends on spaCy or rdflib, so each stage can be tested on its own.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

Stance = Literal["support", "oppose", "neutral"]
STANCES: tuple[Stance, ...] = ("support", "oppose", "neutral")

MeetingKind = Literal[
    "council", "summit", "conference", "visit", "bilateral", "multilateral", "phone", "event", "meeting",
]


@dataclass(frozen=True)
class SourceDocument:
    """One input document, read and reduced to plain text."""

    source: str  # the file name (or URL) the user gave
    text: str  # extracted text; all offsets refer to it
    content_hash: str  # sha256 hex of ``text``
    title: str | None = None
    published: date | None = None

    @property
    def doc_id(self) -> str:
        return self.content_hash[:16]


@dataclass(frozen=True)
class Org:
    """A state (``country_code`` set) or another body (ministry, EU institution, agency)."""

    label: str
    country_code: str | None = None

    @property
    def key(self) -> str:
        return self.country_code or self.label


@dataclass(frozen=True)
class Post:
    """A position of office, e.g. Minister of the Interior of Slovenia.

    ``org_assumed``: the text does not give the organisation of this office; it was assumed
    (the state the release speaks for, the state that organised the meeting), so a later rule
    that reads the text may replace or drop it. It is not part of a post's identity: two
    posts of the same title and organisation are one post however the organisation was found.
    """

    role_title: str
    org: Org | None = None
    org_assumed: bool = field(default=False, compare=False)

    def with_org(self, org: Org | None, *, assumed: bool = False) -> Post:
        """The same office in ``org``."""
        return Post(self.role_title, org, assumed and org is not None)


@dataclass
class Person:
    """A person: named, or known only by post (then ``name`` is None)."""

    name: str | None
    posts: list[Post] = field(default_factory=list)

    @property
    def label(self) -> str:
        if self.name:
            return self.name
        post = self.posts[0]
        return f"{post.role_title} of {post.org.label}" if post.org else post.role_title


@dataclass(frozen=True)
class Place:
    label: str
    country_code: str | None = None


@dataclass
class Meeting:
    """A meeting found in one document; people are indices into ``Extraction.persons``."""

    label: str
    kind: MeetingKind = "meeting"
    date: date | None = None
    place: Place | None = None
    attendees: list[int] = field(default_factory=list)
    convener_persons: list[int] = field(default_factory=list)
    convener_orgs: list[Org] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)  # topic concept ids (local names in the scheme)
    part_of: int | None = None  # index into ``Extraction.meetings``


@dataclass(frozen=True)
class Position:
    """A stance a person stated on a topic, with its verbatim evidence."""

    holder: int  # index into ``Extraction.persons``
    topic: str  # topic concept id
    stance: Stance
    evidence: str  # == document.text[start:end]
    start: int
    end: int
    meeting: int | None = None


@dataclass(frozen=True)
class RuleTopic:
    """A topic concept made by rule for what the fixed scheme cannot list ("Japan-Kenya bilateral relations")."""

    id: str  # local name of the concept IRI, the same in every document
    label: str
    broader: str  # id of the scheme concept it is narrower than


@dataclass
class Extraction:
    """Everything found in one document."""

    document: SourceDocument
    persons: list[Person] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    meets: list[tuple[int, int]] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    topics: list[RuleTopic] = field(default_factory=list)  # rule-made concepts its positions are on
