"""Positions: a stance a person states on a topic, with its verbatim evidence."""
from __future__ import annotations

import re

from spacy.tokens import Span

from polgraph.extract.context import Attribution, Context
from polgraph.extract.stance import stance_for
from polgraph.extract.topics import TopicHit
from polgraph.models import (
    Meeting,
    Position,
)


def _antecedent(sents: list[Span], i: int, noun: str) -> Span | None:
    """The sentence an anaphor in ``sents[i]`` ("this principle") points back to: the nearest of the
    three before that names the same noun, else the one just before."""
    before = sents[max(0, i - 3):i]
    stem = noun.lower().rstrip("s")
    for cand in reversed(before):
        if stem in cand.text.lower():
            return cand
    return before[-1] if before else None

_ANAPHORA = re.compile(r"\bth(?:is|ese|at) (dossiers?|issues?|topics?|areas?|principles?|proposals?|files?|matters?|"
                       r"mechanisms?|solutions?|initiatives?|measures?|regulations?|process|approach|questions?|"
                       r"polic(?:y|ies)|goals?|objectives?)\b", re.IGNORECASE)

# Topics a meeting can discuss but nobody takes a stance on: the presidency is who chairs, not a policy
_NOT_STANCE_TOPICS = {"council-presidency"}

# Topics that frame a statement rather than state its subject, dropped when a sentence names another.
_CONTEXT_TOPICS = {"council-presidency", "bilateral-relations"}

MAX_TOPICS_PER_STATEMENT = 3

# "Regarding the forthcoming Eurogroup meeting, X said ...": the opening phrase frames, the rest states
_FRAMING = re.compile(r"(?:Regarding|As regards|With regard to|Concerning|In view of|Ahead of|During|At|After|Before|"
                      r"Following|Prior to|On the (?:margins|sidelines) of)\b[^,]{3,120},")

def _main_topics(topic_ids: list[str], hits: list[TopicHit]) -> list[str]:
    """At most three topics a statement is about: those named first (a list of many is a catalogue, not a stance)."""
    first_at = {t: min(h.start for h in hits if h.topic_id == t) for t in topic_ids if any(h.topic_id == t for h in hits)}
    return sorted(topic_ids, key=lambda t: first_at.get(t, 0))[:MAX_TOPICS_PER_STATEMENT]

def _side_clauses(sent: Span, offset: int) -> list[tuple[int, int]]:
    """Character spans (relative to ``offset``) of relative clauses: "..., which would lead to ..."."""
    spans = []
    for tok in sent:
        if tok.dep_ == "relcl" and tok.head.i < tok.i:
            sub = list(tok.subtree)
            spans.append((sub[0].idx - offset, sub[-1].idx + len(sub[-1]) - offset))
    return spans

def _inside(hit: TopicHit, spans: list[tuple[int, int]]) -> bool:
    return any(a <= hit.start < b for a, b in spans)

def find_positions(ctx: Context, attributions: list[Attribution], sentence_meeting: dict[int, int],
                   meetings: list[Meeting]) -> list[Position]:
    """A position per person and topic stated in an attributed sentence (first statement kept)."""
    positions: list[Position] = []
    seen: set[tuple[int, str]] = set()
    sents = ctx.sents
    sents_index = {s.start_char: i for i, s in enumerate(sents)}
    for a in attributions:
        sent = a.sent
        start, end = _trim(ctx.text, sent.start_char, sent.end_char)
        evidence = ctx.text[start:end]
        hits = ctx.scheme.find(evidence)
        if a.subject_span:
            hits = [h for h in hits if not (a.subject_span[0] <= start + h.start < a.subject_span[1])]
        frame = _FRAMING.match(evidence)
        if frame and any(h.start >= frame.end() for h in hits):
            hits = [h for h in hits if h.start >= frame.end()]
        side = _side_clauses(sent, start)
        if any(not _inside(h, side) for h in hits):
            hits = [h for h in hits if not _inside(h, side)]
        hits = [h for h in hits if h.topic_id not in _NOT_STANCE_TOPICS]
        anaphoric = False
        if not hits and (anaphor := _ANAPHORA.search(evidence)):
            antecedent = _antecedent(sents, sents_index.get(sent.start_char, 0), anaphor.group(1))
            if antecedent is not None:
                hits = [h for h in ctx.scheme.find(antecedent.text) if h.topic_id not in _NOT_STANCE_TOPICS]
                anaphoric = True
        topic_ids = ctx.scheme.most_specific([h.topic_id for h in hits])
        topic_ids = [t for t in topic_ids if t not in ctx.scheme.top_concepts] or topic_ids[:1]
        if len(topic_ids) > 1:
            topic_ids = [t for t in topic_ids if t not in _CONTEXT_TOPICS] or topic_ids
        topic_ids = _main_topics(topic_ids, hits)
        meeting = sentence_meeting.get(sent.start_char)
        if meeting is None and meetings:
            meeting = 0
        for topic_id in topic_ids:
            hit = next(h for h in hits if h.topic_id == topic_id)
            if anaphoric:
                hit = type(hit)(topic_id, 0, 0, "")
            stance = stance_for(evidence, hit.start, hit.end, a.verb.lemma_ if a.verb is not None else None,
                                ctx.scheme.ancestors(topic_id) + (topic_id,))
            for holder in a.holders:
                if (holder, topic_id) in seen:
                    continue
                seen.add((holder, topic_id))
                positions.append(Position(holder, topic_id, stance, evidence, start, end, meeting))
    return positions

def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\n\r":
        start += 1
    while end > start and text[end - 1] in " \t\n\r":
        end -= 1
    return start, end
