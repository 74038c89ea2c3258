"""spaCy rule components that polgraph adds to an English pipeline."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("polgraph_paragraphs", assigns=["token.is_sent_start"])
def split_paragraphs(doc: Doc) -> Doc:
    """Start a sentence after every line break: headlines, datelines and paragraphs are not run on."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.text_with_ws and prev.is_space or prev.text_with_ws.endswith("\n"):
            tok.is_sent_start = True
    return doc
