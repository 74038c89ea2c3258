"""spaCy rule components that polgraph adds to an English pipeline."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


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
