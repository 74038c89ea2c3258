"""spaCy rule components that polgraph adds to an English pipeline."""
from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from polgraph.extract.topics import TopicScheme, load_topic_scheme


@Language.component("polgraph_paragraphs", assigns=["token.is_sent_start"])
def split_paragraphs(doc: Doc) -> Doc:
    """Start a sentence at every paragraph, headline, dateline and signature line.

    A blank line always ends a sentence. A single line break ends one only when the line
    before is complete (ends like a sentence) or short like a heading; a long line that stops
    mid-sentence is hard-wrapped prose and runs on.
    """
    text = doc.text
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" not in prev.text_with_ws:
            continue
        gap = prev.text_with_ws if prev.is_space else prev.whitespace_
        if "\n\n" in gap or gap.count("\n") > 1:
            tok.is_sent_start = True
            continue
        line_end = tok.idx - len(gap.split("\n")[-1]) - 1
        line_start = text.rfind("\n", 0, line_end) + 1
        line = text[line_start:line_end].rstrip()
        if not line or line[-1] in ".!?:;\"”»…" or len(line) < 60:
            tok.is_sent_start = True
        else:
            tok.is_sent_start = False
    return doc


class TopicFinder:
    """Pipeline component: every topic label in the doc, found by lemma (``doc._.polgraph_topics``).

    A tuple of :class:`~polgraph.extract.topics.TopicHit` with offsets into ``doc.text``, sorted by
    start, the longest label winning on overlaps (:meth:`TopicScheme.find_in`). The labels are
    compiled into a lemma PhraseMatcher when the component is made (about 1.5-2 s on one core).
    Hits of one sentence: ``[h for h in doc._.polgraph_topics if sent.start_char <= h.start and
    h.end <= sent.end_char]``.
    """

    def __init__(self, nlp: Language, scheme: TopicScheme) -> None:
        self.scheme = scheme
        scheme.compile_lemmas(nlp)

    def __call__(self, doc: Doc) -> Doc:
        doc._.polgraph_topics = tuple(self.scheme.find_in(doc))
        return doc


if not Doc.has_extension("polgraph_topics"):
    Doc.set_extension("polgraph_topics", default=())


@Language.factory("polgraph_topics", assigns=["doc._.polgraph_topics"], requires=["token.lemma"],
                  default_config={"scheme_path": None})
def make_topic_finder(nlp: Language, name: str, scheme_path: str | None) -> TopicFinder:
    """The ``polgraph_topics`` component; ``scheme_path`` names a scheme file (None: the packaged one)."""
    return TopicFinder(nlp, load_topic_scheme(Path(scheme_path) if scheme_path else None))
