"""The topic scheme as plain Python data, and a fast matcher for topic mentions in text.

``ontology/topics.ttl`` is one SKOS concept scheme of policy topics. :func:`load_topic_scheme`
reads it once with rdflib into frozen :class:`Topic` records and compiles every
``skos:prefLabel`` and ``skos:altLabel`` into a token index, so that
:meth:`TopicScheme.find` costs one pass over the text.

Matching rules (the same normalisation is applied to labels and to text):

* case- and diacritics-insensitive ("Prüm" = "prum"), typographic apostrophes and dashes
  are unified;
* whole tokens only: a label never matches inside a longer word;
* simple inflection: a plural "s"/"es"/"ies" and the British/American "-ise"/"-ize" spelling
  are ignored ("border control" matches "border controls", "organised crime" matches
  "organized crime"), and a possessive "'s" is skipped ("Frontex's mandate");
* the words of a label may be separated by spaces, hyphens, slashes or a comma, never by
  sentence punctuation or a paragraph break;
* on overlaps the longest match wins ("internal border controls" beats "border control").

Example:
    >>> scheme = load_topic_scheme()
    >>> [h.topic_id for h in scheme.find("We oppose internal border controls.")]
    ['internal-border-controls']
"""
from __future__ import annotations

import functools
import logging
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS
from rdflib.util import guess_format

from polgraph.errors import ExtractionError
from polgraph.resources import topics_path

__all__ = ["TOPIC_NAMESPACE", "Topic", "TopicHit", "TopicScheme", "load_topic_scheme"]

logger = logging.getLogger(__name__)

TOPIC_NAMESPACE = "https://w3id.org/polgraph/id/topic/"
"""Concept IRIs are this namespace followed by the topic id."""

_APOSTROPHES = frozenset("\u2018\u2019\u02bc\u0060\u00b4")
_DASHES = frozenset("\u2010\u2011\u2012\u2013\u2014\u2015\u2212")
_TOKEN_RE = re.compile(r"[^\W_]+")
# What may separate two words of one label: a possessive, one comma, spaces, hyphens, slashes.
_GAP_RE = re.compile(r"(?:'s?)?,?[\s\-/]*")
_ISE_RE = re.compile(r"is(e|ed|es|ing|ation|ations|er|ers)$")


@dataclass(frozen=True)
class Topic:
    """One concept of the topic scheme.

    Attributes:
        id: The local name of the concept IRI, e.g. ``"external-border-control"``.
        pref_label: The English ``skos:prefLabel``.
        alt_labels: The ``skos:altLabel`` surface forms, sorted.
        broader: Ids of the directly broader concepts, sorted (empty for top concepts).
        definition: The ``skos:definition``, or ``""``.
    """

    id: str
    pref_label: str
    alt_labels: tuple[str, ...]
    broader: tuple[str, ...]
    definition: str = ""


@dataclass(frozen=True)
class TopicHit:
    """One occurrence of a topic label in a text.

    Attributes:
        topic_id: The matched concept's id.
        start: Character offset of the first matched character in the text.
        end: Character offset just past the last matched character.
        surface: ``text[start:end]``, verbatim.
    """

    topic_id: str
    start: int
    end: int
    surface: str


@dataclass(frozen=True)
class _Token:
    key: str
    start: int  # offsets into the original text
    end: int
    joins_next: bool  # may the next token continue the same label?


def _fold_char(ch: str) -> str:
    if ch in _APOSTROPHES:
        return "'"
    if ch in _DASHES:
        return "-"
    if ch.isascii():
        return ch.lower()
    decomposed = unicodedata.normalize("NFKD", ch.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _fold(text: str) -> tuple[str, list[int]]:
    """Lower-case and strip diacritics; return the folded text and, per folded char, its source offset."""
    parts: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        folded = _fold_char(ch)
        parts.append(folded)
        origin.extend([i] * len(folded))
    return "".join(parts), origin


def _token_key(word: str) -> str:
    """Reduce a folded word to its matching key: drop a plural ending, spell -ise as -ize."""
    if len(word) > 3:
        if word.endswith("ies") and len(word) > 4:
            word = word[:-3] + "y"
        elif word.endswith(("sses", "shes", "ches", "xes", "zes")):
            word = word[:-2]
        elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
            word = word[:-1]
    return _ISE_RE.sub(r"iz\1", word) if len(word) > 5 else word


def _tokenize(text: str) -> list[_Token]:
    folded, origin = _fold(text)
    spans: list[tuple[int, int]] = []
    for m in _TOKEN_RE.finditer(folded):
        start, end = m.span()
        # a possessive "'s" belongs to the word before it
        if m.group() == "s" and spans and start >= 2 and folded[start - 1] == "'" and spans[-1][1] == start - 1:
            continue
        spans.append((start, end))
    tokens: list[_Token] = []
    for n, (start, end) in enumerate(spans):
        joins = False
        if n + 1 < len(spans):
            gap = folded[end:spans[n + 1][0]]
            joins = _GAP_RE.fullmatch(gap) is not None and "\n\n" not in gap
        tokens.append(_Token(_token_key(folded[start:end]), origin[start], origin[end - 1] + 1, joins))
    return tokens


def _label_key(label: str) -> tuple[str, ...]:
    return tuple(t.key for t in _tokenize(label))


class TopicScheme:
    """The concepts of the topic scheme with a label matcher and hierarchy helpers.

    Args:
        topics: The concepts, keyed by id.

    Attributes:
        topics: The concepts, keyed by id.
    """

    def __init__(self, topics: dict[str, Topic]) -> None:
        self.topics = topics
        self._phrases: dict[tuple[str, ...], str] = {}
        self._prefixes: set[tuple[str, ...]] = set()
        self._found: dict[str, tuple[TopicHit, ...]] = {}  # recent texts' hits (a sentence is read several times)
        for topic_id in sorted(topics):
            topic = topics[topic_id]
            for label in (topic.pref_label, *topic.alt_labels):
                key = _label_key(label)
                if not key:
                    continue
                owner = self._phrases.setdefault(key, topic_id)
                if owner != topic_id:
                    logger.warning(
                        "topic label %r of %s is also a label of %s; it will match %s only",
                        label, topic_id, owner, owner,
                    )
                for n in range(1, len(key) + 1):
                    self._prefixes.add(key[:n])
        self._ancestors = {topic_id: self._walk_up(topic_id) for topic_id in topics}

    def _walk_up(self, topic_id: str) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        frontier = list(self.topics[topic_id].broader)
        while frontier:
            current = frontier.pop(0)
            if current in seen or current == topic_id or current not in self.topics:
                continue
            seen[current] = None
            frontier.extend(self.topics[current].broader)
        return tuple(seen)

    def _get(self, topic_id: str) -> Topic:
        try:
            return self.topics[topic_id]
        except KeyError:
            raise KeyError(
                f"unknown topic id {topic_id!r}: ids are the local names of the concepts in the topic scheme, "
                f"e.g. {next(iter(sorted(self.topics)), '')!r}"
            ) from None

    @property
    def top_concepts(self) -> tuple[str, ...]:
        """Ids of the concepts that have no broader concept, sorted."""
        return tuple(sorted(i for i, t in self.topics.items() if not t.broader))

    def label(self, topic_id: str) -> str:
        """Return the preferred label of a topic.

        Raises:
            KeyError: ``topic_id`` is not in the scheme.
        """
        return self._get(topic_id).pref_label

    def ancestors(self, topic_id: str) -> tuple[str, ...]:
        """Return all broader topics, transitively, nearest first.

        Raises:
            KeyError: ``topic_id`` is not in the scheme.
        """
        self._get(topic_id)
        return self._ancestors[topic_id]

    def most_specific(self, ids: Iterable[str]) -> list[str]:
        """Drop every id that is an ancestor of another id in ``ids``; keep order, drop duplicates.

        Raises:
            KeyError: an id is not in the scheme.
        """
        unique = list(dict.fromkeys(ids))
        covered: set[str] = set()
        for topic_id in unique:
            covered.update(self.ancestors(topic_id))
        return [i for i in unique if i not in covered]

    def find(self, text: str) -> list[TopicHit]:
        """Find every topic label in ``text``; the longest wins on overlaps; sorted by start."""
        cached = self._found.get(text)
        if cached is None:
            cached = self._found[text] = tuple(self._find(text))
            if len(self._found) > 4096:
                self._found.pop(next(iter(self._found)))
        return list(cached)

    def _find(self, text: str) -> list[TopicHit]:
        tokens = _tokenize(text)
        keys = [t.key for t in tokens]
        candidates: list[tuple[int, int, str]] = []  # (first token, last token + 1, topic id)
        for i in range(len(tokens)):
            j = i
            while j < len(tokens):
                key = tuple(keys[i:j + 1])
                if key not in self._prefixes:
                    break
                topic_id = self._phrases.get(key)
                if topic_id is not None:
                    candidates.append((i, j + 1, topic_id))
                if not tokens[j].joins_next:
                    break
                j += 1
        candidates.sort(key=lambda c: (c[0] - c[1], tokens[c[0]].start - tokens[c[1] - 1].end, c[0]))
        taken = [False] * len(tokens)
        hits: list[TopicHit] = []
        for first, stop, topic_id in candidates:
            if any(taken[first:stop]):
                continue
            for k in range(first, stop):
                taken[k] = True
            start, end = tokens[first].start, tokens[stop - 1].end
            hits.append(TopicHit(topic_id, start, end, text[start:end]))
        hits.sort(key=lambda h: (h.start, h.end))
        return hits


def _literal_texts(graph: Graph, subject: URIRef, predicate: URIRef) -> list[Literal]:
    return sorted((o for o in graph.objects(subject, predicate) if isinstance(o, Literal)), key=str)


def _topic_id(node: URIRef) -> str:
    iri = str(node)
    return iri[len(TOPIC_NAMESPACE):] if iri.startswith(TOPIC_NAMESPACE) else iri


def _read_scheme(path: Path) -> TopicScheme:
    graph = Graph()
    try:
        graph.parse(str(path), format=guess_format(str(path)) or "turtle")
    except (OSError, SyntaxError, ValueError) as err:
        raise ExtractionError(
            f"cannot load the topic scheme {path}: {err}. "
            "Check that the file exists and is valid RDF (Turtle by default)."
        ) from err
    concepts = sorted({s for s in graph.subjects(RDF.type, SKOS.Concept) if isinstance(s, URIRef)}, key=str)
    broader: dict[URIRef, set[URIRef]] = {c: set() for c in concepts}
    for c in concepts:
        broader[c].update(o for o in graph.objects(c, SKOS.broader) if isinstance(o, URIRef))
        for narrower in graph.objects(c, SKOS.narrower):
            if isinstance(narrower, URIRef) and narrower in broader:
                broader[narrower].add(c)
    topics: dict[str, Topic] = {}
    for c in concepts:
        prefs = _literal_texts(graph, c, SKOS.prefLabel)
        english = [p for p in prefs if p.language in (None, "en")] or prefs
        if not english:
            logger.warning("topic %s has no skos:prefLabel; it is skipped", c)
            continue
        definitions = _literal_texts(graph, c, SKOS.definition)
        topic = Topic(
            id=_topic_id(c),
            pref_label=str(english[0]),
            alt_labels=tuple(sorted({str(a) for a in _literal_texts(graph, c, SKOS.altLabel)})),
            broader=tuple(sorted(_topic_id(b) for b in broader[c] if b in broader)),
            definition=str(definitions[0]) if definitions else "",
        )
        topics[topic.id] = topic
    logger.debug("loaded %d topics from %s", len(topics), path)
    return TopicScheme(topics)


@functools.lru_cache(maxsize=1)
def _default_scheme() -> TopicScheme:
    return _read_scheme(topics_path())


def load_topic_scheme(path: Path | None = None) -> TopicScheme:
    """Load the topic scheme; the packaged one (cached) when ``path`` is None.

    Args:
        path: An RDF file with one SKOS concept scheme, or None for ``ontology/topics.ttl``.

    Returns:
        The scheme with its matcher compiled.

    Raises:
        ExtractionError: the file cannot be read or parsed.
    """
    if path is None:
        return _default_scheme()
    return _read_scheme(Path(path))
