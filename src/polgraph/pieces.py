"""Long documents in pieces: cut on paragraph boundaries, extracted piece by piece, merged back.

spaCy refuses texts over ``nlp.max_length`` (1,000,000 characters) and needs about 3 KB of
memory per character of the text it parses at once (950,000 characters took 2.9 GB). So a
document longer than ``piece_chars`` (default :data:`PIECE_CHARS`) is cut into pieces of at
most that many characters, at the last paragraph break (a blank line) before the limit, else
the last line break, else the last sentence end, else the last space. Each piece is extracted
alone, one at a time; the extractions are merged into one for the whole document, with every
character offset made relative to the whole text again (``evidence == text[start:end]``).

What a piece cannot see: a person named in full in one piece and only by surname in the next
is matched only within a piece. Pieces are tens of paragraphs long, so this is rare.

Short documents are grouped into batches of at most :data:`BATCH_CHARS` characters (and
``batch_size`` documents), so that one ``nlp.pipe`` batch never holds much more text than
one piece.
"""
from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Callable, Iterable, Iterator, Sequence

from polgraph.models import Extraction, Meeting, Position, SourceDocument

__all__ = ["BATCH_CHARS", "PIECE_CHARS", "batches", "extract_in_pieces", "merge_extractions", "split_text"]

logger = logging.getLogger(__name__)

#: Longest text handed to spaCy at once (characters); about 300 MB of parser memory.
PIECE_CHARS = 100_000
#: Most characters of short documents handed to one ``nlp.pipe`` batch.
BATCH_CHARS = 200_000

Extract = Callable[[Sequence[SourceDocument]], Iterable[Extraction]]

_BREAKS = (re.compile(r"\n[ \t]*\n\s*"), re.compile(r"\n"), re.compile(r"[.!?][\"'”’)]*\s+"), re.compile(r"\s+"))


def split_text(text: str, limit: int = PIECE_CHARS) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` that cover ``text`` in order, each at most ``limit`` characters.

    A span ends after the last paragraph break within the limit; failing that after the
    last line break, sentence end or space; failing all, at the limit.
    """
    if limit < 1:
        raise ValueError("limit must be positive")
    spans: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = 0
        for pattern in _BREAKS:
            ends = [m.end() for m in pattern.finditer(window) if m.end() < len(window)]
            # a break in the first tenth would give a tiny piece: look for a coarser-grained one later
            good = [e for e in ends if e > limit // 10]
            if good:
                cut = good[-1]
                break
        if cut <= 0:
            cut = limit
        spans.append((start, start + cut))
        start += cut
    spans.append((start, len(text)))
    return spans


def _piece(doc: SourceDocument, start: int, end: int) -> SourceDocument:
    # The same source, title, date and content hash: the piece belongs to the whole document.
    return dataclasses.replace(doc, text=doc.text[start:end])


def merge_extractions(document: SourceDocument, parts: Sequence[tuple[int, Extraction]]) -> Extraction:
    """One extraction of ``document`` from the extractions of its pieces (each with its start offset)."""
    merged = Extraction(document=document)
    for offset, part in parts:
        people, meetings = len(merged.persons), len(merged.meetings)
        merged.persons.extend(part.persons)
        for meeting in part.meetings:
            merged.meetings.append(_shift_meeting(meeting, people, meetings))
        merged.meets.extend((a + people, b + people) for a, b in part.meets)
        for position in part.positions:
            merged.positions.append(_shift_position(position, offset, people, meetings))
        merged.topics.extend(t for t in part.topics if t not in merged.topics)
    return merged


def _shift_meeting(meeting: Meeting, people: int, meetings: int) -> Meeting:
    return dataclasses.replace(
        meeting,
        attendees=[i + people for i in meeting.attendees],
        convener_persons=[i + people for i in meeting.convener_persons],
        convener_orgs=list(meeting.convener_orgs),
        topics=list(meeting.topics),
        part_of=None if meeting.part_of is None else meeting.part_of + meetings,
    )


def _shift_position(position: Position, offset: int, people: int, meetings: int) -> Position:
    return dataclasses.replace(
        position,
        holder=position.holder + people,
        start=position.start + offset,
        end=position.end + offset,
        meeting=None if position.meeting is None else position.meeting + meetings,
    )


def extract_in_pieces(documents: Sequence[SourceDocument], extract: Extract, *,
                      piece_chars: int = PIECE_CHARS) -> list[Extraction]:
    """Extractions of ``documents``, in order; documents longer than ``piece_chars`` go in pieces.

    Short documents are extracted together in one call of ``extract``; each long document's
    pieces one call at a time (one piece in memory at once). Exceptions of ``extract``
    propagate (the caller isolates the failing document).
    """
    results: list[Extraction | None] = [None] * len(documents)
    short = [i for i, doc in enumerate(documents) if len(doc.text) <= piece_chars]
    if short:
        for i, extraction in zip(short, extract([documents[i] for i in short])):
            results[i] = extraction
    for i, doc in enumerate(documents):
        if results[i] is not None:
            continue
        spans = split_text(doc.text, piece_chars)
        logger.info("%s: %d characters, extracted in %d pieces", doc.source, len(doc.text), len(spans))
        parts = []
        for start, end in spans:
            [part] = list(extract([_piece(doc, start, end)]))
            parts.append((start, part))
        results[i] = merge_extractions(doc, parts)
    missing = [documents[i].source for i, r in enumerate(results) if r is None]
    if missing:
        raise RuntimeError(f"the extractor gave no extraction for {', '.join(missing)}")
    return [r for r in results if r is not None]


def batches(documents: Iterable[SourceDocument], *, batch_size: int,
            batch_chars: int = BATCH_CHARS) -> Iterator[list[SourceDocument]]:
    """Groups of at most ``batch_size`` documents and (unless one is longer) ``batch_chars`` characters."""
    batch: list[SourceDocument] = []
    chars = 0
    for doc in documents:
        if batch and (len(batch) >= batch_size or chars + len(doc.text) > batch_chars):
            yield batch
            batch, chars = [], 0
        batch.append(doc)
        chars += len(doc.text)
    if batch:
        yield batch
