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

**Lemma matching on a parse.** :meth:`TopicScheme.find_in` finds the same labels in a parsed
spaCy ``Span`` or ``Doc`` with a :class:`spacy.matcher.PhraseMatcher`: every label is parsed once
by the pipeline's tagger and lemmatizer (parser and NER off, see :meth:`TopicScheme.compile_lemmas`)
and matched on the lemma of each word, folded and keyed like :meth:`find` (so "crises" finds
"crisis", "women's rights" finds "gender equality and women's rights" labels, "Sanctions" tagged as
a proper noun still finds "sanction"), and also on the word itself, so that a tagging difference
between a label and a sentence never loses a match :meth:`find` would make. The
``polgraph_topics`` pipeline component (``polgraph.extract.components``) compiles the patterns
when the pipeline is built and writes ``doc._.polgraph_topics``.

**Concepts made by rule.** Relations between two countries, one country's territorial integrity, a
named conflict or agreement are not in the file: extraction makes them
(:mod:`polgraph.extract.rule_topics`) under fixed parents of the scheme and carries them in the
document's :class:`~polgraph.models.Extraction` (``topics``), which ``build.py`` writes.

**Problems to counter.** The ``skos:Collection`` ``pgt:problems-to-counter`` lists the concepts
that name a problem (terrorism, smuggling, a disease) or its countering; :meth:`TopicScheme.is_problem`
reads it for the stance rules.
"""
from __future__ import annotations

import functools
import logging
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS
from rdflib.util import guess_format

from polgraph.errors import ExtractionError
from polgraph.models import RuleTopic
from polgraph.resources import topics_path

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc, Span, Token
    from spacy.vocab import Vocab

__all__ = ["TOPIC_NAMESPACE", "Topic", "TopicHit", "TopicScheme", "load_topic_scheme"]

logger = logging.getLogger(__name__)

TOPIC_NAMESPACE = "https://w3id.org/polgraph/id/topic/"
"""Concept IRIs are this namespace followed by the topic id."""
PROBLEMS_COLLECTION = URIRef(TOPIC_NAMESPACE + "problems-to-counter")
"""The ``skos:Collection`` of concepts that name a problem to counter (stance rules read it)."""

_APOSTROPHES = frozenset("\u2018\u2019\u02bc\u0060\u00b4")
_DASHES = frozenset("\u2010\u2011\u2012\u2013\u2014\u2015\u2212")
_TOKEN_RE = re.compile(r"[^\W_]+")
# What may separate two words of one label: a possessive, one comma, spaces, hyphens, slashes.
_GAP_RE = re.compile(r"(?:'s?)?,?[\s\-/]*")
_ISE_RE = re.compile(r"is(e|ed|es|ing|ation|ations|er|ers)$")

_SLUG_RE = re.compile(r"[^a-z0-9]+")
# spaCy tokens that may join the words of one label (as the gaps ``_GAP_RE`` allows in :meth:`find`)
_JOINERS = frozenset({"-", "/", "'", "'s", ",", " "})
_BREAK = "\n"  # the key of a token no label contains (sentence punctuation, a paragraph break)
# what a lemma pass needs; everything else (parser, ner, polgraph's own components) is off
_LEMMA_PIPES = ("tok2vec", "tagger", "attribute_ruler", "lemmatizer", "morphologizer")


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

    def __init__(self, topics: dict[str, Topic], problems: frozenset[str] = frozenset()) -> None:
        self.topics = topics
        self.problems = problems
        self._phrases: dict[tuple[str, ...], str] = {}
        self._prefixes: set[tuple[str, ...]] = set()
        self._found: dict[str, tuple[TopicHit, ...]] = {}  # recent texts' hits (a sentence is read several times)
        self._lemma_matchers: dict[int, tuple[Vocab, PhraseMatcher]] = {}  # id(vocab) -> (vocab, matcher)
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
        self._narrower: dict[str, int] = {}
        for topic in topics.values():
            for parent in topic.broader:
                self._narrower[parent] = self._narrower.get(parent, 0) + 1
        self._by_label = {topic.pref_label.casefold(): topic_id for topic_id, topic in sorted(topics.items())}

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

    def is_problem(self, topic_id: str, made: Mapping[str, RuleTopic] | None = None) -> bool:
        """Whether a topic (or a broader one) is in the scheme's collection of problems to counter
        (terrorism, smuggling, a disease): "the fight against X" supports such a topic."""
        return any(t in self.problems for t in (topic_id, *self.ancestors(topic_id, made)))

    def narrower_count(self, topic_id: str) -> int:
        """How many concepts name ``topic_id`` as their broader concept."""
        return self._narrower.get(topic_id, 0)

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

    def ancestors(self, topic_id: str, made: Mapping[str, RuleTopic] | None = None) -> tuple[str, ...]:
        """Return all broader topics, transitively, nearest first; ``made`` holds a document's topics made
        by rule (each under a concept of the scheme).

        Raises:
            KeyError: ``topic_id`` is neither in the scheme nor in ``made``.
        """
        if made and topic_id in made:
            parent = made[topic_id].broader
            return (parent, *self.ancestors(parent))
        self._get(topic_id)
        return self._ancestors[topic_id]

    def most_specific(self, ids: Iterable[str], made: Mapping[str, RuleTopic] | None = None) -> list[str]:
        """Drop every id that is an ancestor of another id in ``ids``; keep order, drop duplicates.

        Raises:
            KeyError: an id is neither in the scheme nor in ``made``.
        """
        unique = list(dict.fromkeys(ids))
        covered: set[str] = set()
        for topic_id in unique:
            covered.update(self.ancestors(topic_id, made))
        return [i for i in unique if i not in covered]

    def id_for_label(self, label: str) -> str | None:
        """The concept whose prefLabel is ``label`` (case-insensitive), or None."""
        return self._by_label.get(label.casefold())

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


    # ------------------------------------------------------------ lemma matching on a parse

    def compile_lemmas(self, nlp: Language) -> None:
        """Compile the labels into a lemma :class:`~spacy.matcher.PhraseMatcher` for ``nlp``'s vocab.

        Every prefLabel and altLabel is run through ``nlp.pipe`` with only the tagger, attribute
        ruler and lemmatizer (and what they need) enabled; the parser, the NER and polgraph's
        components are off. About 0.5 s for the packaged scheme on one core (see docs/topics.md).
        A second call for the same vocab does nothing.
        """
        if id(nlp.vocab) in self._lemma_matchers:
            return
        from spacy.matcher import PhraseMatcher
        from spacy.tokens import Doc

        owners: list[str] = []
        labels: list[str] = []
        for topic_id in sorted(self.topics):
            topic = self.topics[topic_id]
            for label in (topic.pref_label, *topic.alt_labels):
                owners.append(topic_id)
                labels.append(label)
        enabled = [name for name in nlp.pipe_names if name in _LEMMA_PIPES]
        matcher = PhraseMatcher(nlp.vocab)
        patterns: dict[str, set[tuple[str, ...]]] = {}
        with nlp.select_pipes(enable=enabled):
            for topic_id, doc in zip(owners, nlp.pipe(labels, batch_size=256)):
                tokens = [t for t in doc if _span_key(t, lemma=False) not in _JOINERS]  # as find_in skips them
                for lemma in (True, False):
                    # a label is a noun phrase: a word tagged as a verb in it ("policing") keeps its form
                    key = tuple(_span_key(t, lemma=lemma and t.pos_ != "VERB") for t in tokens)
                    if key and all(key):
                        patterns.setdefault(topic_id, set()).add(key)
        taken: dict[tuple[str, ...], str] = {}
        for topic_id in sorted(patterns):
            keys = [k for k in sorted(patterns[topic_id]) if taken.setdefault(k, topic_id) == topic_id]
            if keys:
                matcher.add(topic_id, [Doc(nlp.vocab, words=list(k)) for k in keys])
        self._lemma_matchers[id(nlp.vocab)] = (nlp.vocab, matcher)
        logger.debug("compiled %d topic labels into a lemma matcher", len(labels))

    def find_in(self, span: Span | Doc) -> list[TopicHit]:
        """Find every topic label in a parsed ``span`` by lemma; the longest wins on overlaps.

        Like :meth:`find`, but on the tokens and lemmas of a parse: ``start``/``end`` are character
        offsets relative to ``span.start_char`` (0 for a Doc) and ``surface`` is the span's text
        there. Needs :meth:`compile_lemmas` for the span's vocab (the ``polgraph_topics``
        component does it); without it the text is matched with :meth:`find` and a warning is
        logged once.
        """
        doc = span if not hasattr(span, "doc") else span.doc
        entry = self._lemma_matchers.get(id(doc.vocab))
        text = span.text
        if entry is None:
            if not getattr(self, "_warned_no_lemmas", False):
                logger.warning("find_in: no lemma matcher compiled for this pipeline (call "
                               "TopicScheme.compile_lemmas(nlp) or add the polgraph_topics component); "
                               "matching the text instead")
                self._warned_no_lemmas = True
            return self.find(text)
        _, matcher = entry
        from spacy.tokens import Doc

        offset = span.start_char if hasattr(span, "start_char") else 0
        kept: list[Token] = []
        lemmas: list[str] = []
        words: list[str] = []
        for tok in span:
            word = _span_key(tok, lemma=False)
            if word in _JOINERS:  # a hyphen, slash, comma, possessive or space joins the words around it
                continue
            kept.append(tok)
            lemmas.append(_span_key(tok, lemma=True) or _BREAK)
            words.append(word or _BREAK)
        if not kept:
            return []
        candidates: set[tuple[int, int, str]] = set()
        for keys in (lemmas, words):
            for match_id, first, stop in matcher(Doc(doc.vocab, words=keys)):
                candidates.add((first, stop, doc.vocab.strings[match_id]))
        ordered = sorted(candidates, key=lambda c: (c[0] - c[1], kept[c[0]].idx - _tok_end(kept[c[1] - 1]), c[0], c[2]))
        taken = [False] * len(kept)
        hits: list[TopicHit] = []
        for first, stop, topic_id in ordered:
            if any(taken[first:stop]):
                continue
            for k in range(first, stop):
                taken[k] = True
            start, end = kept[first].idx - offset, _tok_end(kept[stop - 1]) - offset
            hits.append(TopicHit(topic_id, start, end, text[start:end]))
        hits.sort(key=lambda h: (h.start, h.end))
        return hits


def _tok_end(tok: Token) -> int:
    return tok.idx + len(tok.text)


def _span_key(tok: Token, *, lemma: bool) -> str:
    """The matching key of a token: its folded lemma (or word) keyed like :func:`_token_key`.

    A space token holding a paragraph break, and any token with no letter or digit other than a
    joiner, becomes "" (a break no label crosses).
    """
    raw = tok.text
    if raw.isspace():
        return "" if "\n\n" in raw or raw.count("\n") > 1 else " "
    folded = _fold(raw)[0]
    if folded in _JOINERS:
        return folded
    if lemma:
        folded = _fold(tok.lemma_ or raw)[0]
    parts = _TOKEN_RE.findall(folded)
    if not parts:
        return ""
    return " ".join(_token_key(p) for p in parts)


def _literal_texts(graph: Graph, subject: URIRef, predicate: URIRef) -> list[Literal]:
    return sorted((o for o in graph.objects(subject, predicate) if isinstance(o, Literal)), key=str)


def _topic_id(node: URIRef) -> str:
    iri = str(node)
    return iri.removeprefix(TOPIC_NAMESPACE)


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
    problems = frozenset(_topic_id(m) for m in graph.objects(PROBLEMS_COLLECTION, SKOS.member)
                         if isinstance(m, URIRef) and _topic_id(m) in topics)
    logger.debug("loaded %d topics (%d problems to counter) from %s", len(topics), len(problems), path)
    return TopicScheme(topics, problems)


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
